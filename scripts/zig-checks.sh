#!/usr/bin/env bash
# zig-checks.sh CHECK VERSION...: the Zig side's checks, run by zig-example/zig.mk.
#
#   test       `zig build test` (the wrapper's tests, Debug) on every VERSION,
#              `zig fmt --check` by the last (oldest) VERSION, and
#              `zig build cimport` on those that still have @cImport (< 0.17)
#   lib-check  for every VERSION and link mode, install the wrapper's tests
#              into a fresh prefix, check the binary's dynamic section, copy
#              the prefix elsewhere and run it from /. A dynamic binary must
#              need libferrex.so (by its soname), find it beside it, have
#              exactly $ORIGIN as its runpath, and fail to start once the
#              library is taken away from it.
#
# Zig comes from scripts/zig.sh. The builds point the package's cargo at the
# repository's target/, where `make lib` builds with the same command.
# Prints one line per run (the whole log on failure) and closes with
# "zig: N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=$root/target
check=${1:-}
shift || true
[ $# -gt 0 ] && { [ "$check" = test ] || [ "$check" = lib-check ]; } ||
    { echo "usage: scripts/zig-checks.sh test|lib-check VERSION..." >&2; exit 2; }
passed=0 failed=0 failures=()

fail() { # fail LABEL [N]: a failed run, counted as N failed checks (default 1)
    failed=$((failed + ${2:-1})); failures+=("$1"); echo "FAILED: $1"
}

# zig_run KIND LABEL VERSION ARGS...: `zig ARGS` in zig-example/. KIND
# `tests` adds the test counts of the build summary (a run that reports none
# fails); KIND `check` is one passed or failed check.
zig_run() {
    local kind=$1 label=$2 version=$3 zig log status counts n total count=1
    shift 3
    if ! zig=$("$root/scripts/zig.sh" "$version"); then
        fail "zig $version: $label (could not get Zig $version)"; return 1
    fi
    log=$(mktemp)
    if (cd "$root/zig-example" && "$zig" "$@") >"$log" 2>&1; then status=0; else status=$?; fi
    if [ "$kind" = tests ]; then
        counts=$(sed -nE 's/^Build Summary: .*; ([0-9]+)\/([0-9]+) tests passed.*/\1 \2/p' "$log" | tail -n1)
        if [ -n "$counts" ]; then
            n=${counts% *} total=${counts#* }
            passed=$((passed + n))
            if [ "$status" -eq 0 ] && [ "$total" -gt 0 ] && [ "$n" -eq "$total" ]; then
                echo "  zig $version: $n passed, 0 failed ($label)"; rm -f "$log"; return 0
            fi
            [ "$n" -eq "$total" ] || count=$((total - n))
        else
            echo "(no test counts in the build summary)" >>"$log"
        fi
    elif [ "$status" -eq 0 ]; then
        passed=$((passed + 1)); sed 's/^/    /' "$log"
        echo "  zig $version: ok ($label)"; rm -f "$log"; return 0
    fi
    sed 's/^/    /' "$log"; rm -f "$log"
    fail "zig $version: $label (exit $status)" "$count"; return 1
}

check_install() { # check_install PREFIX LINK: the installed tests, moved and run from /
    local prefix=$1 link=$2 dyn copy soname
    dyn=$(readelf -d "$prefix/bin/ferrex-tests") || return 1
    if [ "$link" = static ]; then
        ! grep -q 'libferrex' <<<"$dyn" || { echo "static binary needs libferrex.so"; return 1; }
    else
        soname=$(sed -n 's/.*NEEDED.*\[\(libferrex\.so[.0-9]*\)\].*/\1/p' <<<"$dyn")
        [ -n "$soname" ] || { echo "dynamic binary does not need libferrex.so"; return 1; }
        grep -Eq 'R(UN)?PATH.*\[\$ORIGIN\]$' <<<"$dyn" || { echo "runpath is not exactly \$ORIGIN:"; grep PATH <<<"$dyn"; return 1; }
        [ -f "$prefix/bin/$soname" ] || { echo "$soname not installed beside the binary"; return 1; }
    fi
    copy=$prefix-moved
    cp -r "$prefix/bin" "$copy"
    (cd / && "$copy/ferrex-tests") 2>&1 | tail -n1 | grep -q '^All [0-9]* tests passed' || { echo "moved binary did not pass"; return 1; }
    if [ "$link" = dynamic ]; then
        rm "$copy/$soname"
        if (cd / && env -u LD_LIBRARY_PATH "$copy/ferrex-tests") >/dev/null 2>&1; then echo "ran without libferrex.so"; return 1; fi
    fi
    return 0
}

case $check in
test)
    for v in "$@"; do
        echo "==> Zig $v: zig build test (wrapper tests, libferrex linked statically)"
        zig_run tests "zig build test" "$v" build test -Doptimize=Debug --summary all
    done
    # Formatting, checked by the oldest Zig given: a newer zig fmt rewrites
    # builtins into forms older versions lack (0.17's: @backingInt).
    oldest=${*: -1}
    echo "==> Zig $oldest: zig fmt --check (every Zig source and build file)"
    zig_run check "zig fmt --check" "$oldest" fmt --check "$root"/{build.zig,build.zig.zon} \
        "$root"/zig-example/{src,cimport,build.zig,build.zig.zon} \
        "$root"/python/zigglue/{src,build.zig,build.zig.zon} "$root"/bench/engines/zig/{*.zig,build.zig.zon}
    # @cImport exists up to 0.16 (0.17 removed it).
    for v in "$@"; do
        case $v in 0.1[0-6].*)
            echo "==> Zig $v: zig build cimport (@cImport program)"
            zig_run check "zig build cimport" "$v" build cimport -Doptimize=Debug ;;
        esac
    done
    ;;
lib-check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    for v in "$@"; do
        for link in static dynamic; do
            echo "==> Zig $v: zig build install-tests -Dlink=$link (install, move, run from /)"
            zig_run check "install -Dlink=$link" "$v" build install-tests -Dlink=$link -Doptimize=Debug \
                --prefix "$tmp/$v-$link" || continue
            if out=$(check_install "$tmp/$v-$link" "$link" 2>&1); then
                passed=$((passed + 1))
                if [ "$link" = dynamic ]; then what='runpath $ORIGIN'; else what='no libferrex.so needed'; fi
                echo "  zig $v: ok (-Dlink=$link binary runs moved; $what)"
            else
                echo "$out"; fail "zig $v: -Dlink=$link check"
            fi
        done
    done
    ;;
esac

if [ "$failed" -eq 0 ]; then echo "==> make zig-$check: every check passed"
else echo "==> make zig-$check: FAILED:$(printf ' [%s]' "${failures[@]}")"; fi
echo "zig: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
