#!/usr/bin/env bash
# zig-package-test.sh: ferrex used as a Zig package, exactly as README.md's
# "From Zig" section says. In a throw-away project it runs the README's
# `zig fetch --save` on a tarball of this repository (git archive of the
# tracked files, uncommitted changes included: untracked files are NOT in it,
# commit them first), writes the README's build.zig and src/main.zig, and
# checks that `zig build run` prints the README's output:
#   - statically, on every Zig version given (default 0.17.1 0.16.0 0.15.2),
#     one after the other in the same project (same .zig-cache, so cargo's
#     target directory is shared: 0.17 and 0.16 unpack the package in the
#     project's zig-pkg/ and share one cargo build; 0.15 unpacks it in the
#     global cache, a second source path, so cargo builds again for it);
#   - dynamically (the README's dynamic lines) on the first version:
#     `zig build run`, and an installed binary moved elsewhere and run from /,
#     which must stop working once its libferrex.so is taken away;
#   - that the package directories are what the tarball holds, nothing added
#     or changed (cargo's output goes to the project's .zig-cache).
# Zig's global cache is a temporary directory, so nothing lands in yours. It
# starts as a copy of yours (without its packages), when that is under
# 2 GiB: each Zig version builds its own build tools (build runner,
# translate-c, compiler_rt, libc stubs) into an empty one, 3.5 of the test's
# 5 minutes on two cores. `make zig-test` has built them in yours.
#
#   scripts/zig-package-test.sh [VERSION...]
#   ZIG_PACKAGE_TARBALL=ferrex.tar.gz scripts/zig-package-test.sh   # test this tarball instead
#
# Prints "zig-package: N passed, N failed" last; exits non-zero on a failure.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(0.17.1 0.16.0 0.15.2)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ferrex-zig-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
user_cache=${ZIG_GLOBAL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zig}
export ZIG_GLOBAL_CACHE_DIR=$tmp/zig-global-cache
mkdir "$ZIG_GLOBAL_CACHE_DIR"
if [ -d "$user_cache" ] && [ "$(du -sm "$user_cache" | cut -f1)" -lt 2048 ]; then
    echo "==> Zig's global cache: a temporary copy of $user_cache (without p/, its packages)"
    for entry in "$user_cache"/*; do
        case ${entry##*/} in p | tmp) ;; *) cp -a "$entry" "$ZIG_GLOBAL_CACHE_DIR/" ;; esac
    done
else
    echo "==> Zig's global cache: an empty temporary one (each Zig version builds its tools first: minutes)"
fi
# The package's own defaults: cargo's target directory in the project's cache.
unset CARGO_TARGET_DIR ZIG_LOCAL_CACHE_DIR
passed=0
failed=0
start=$SECONDS

ok() { passed=$((passed + 1)); echo "  ok    $1"; }
fail() {
    failed=$((failed + 1)); echo "  FAIL  $1"
    [ ! -s "$tmp/log" ] || sed 's/^/        /' "$tmp/log" | tail -n 40
}
finish() {
    echo "==> zig-package: $((SECONDS - start)) s"
    echo "zig-package: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# 1. The package, as a tarball with one top-level directory.
tarball=$tmp/ferrex.tar.gz
if [ -n "${ZIG_PACKAGE_TARBALL:-}" ]; then
    echo "==> the package: $ZIG_PACKAGE_TARBALL"
    cp "$ZIG_PACKAGE_TARBALL" "$tarball"
else
    rev=$(git -C "$root" stash create)
    echo "==> the package: git archive of ${rev:-HEAD} (the tracked files, uncommitted changes included)"
    git -C "$root" archive --format=tar.gz --prefix=ferrex/ -o "$tarball" "${rev:-HEAD}"
    # What build.zig.zon lists but git does not track is missing from it.
    mapfile -t paths < <(sed -n '/\.paths = \.{/,/}/s/^ *"\(.*\)",*$/\1/p' "$root/build.zig.zon")
    untracked=$(git -C "$root" ls-files --others --exclude-standard -- "${paths[@]}")
    [ -z "$untracked" ] || echo "    note: untracked, so not in the archive (commit them): $(echo $untracked)"
fi
mkdir "$tmp/unpacked"
tar -xzf "$tarball" -C "$tmp/unpacked"

# 2. The README's blocks: the fenced block after `<!-- zig-package-test: NAME -->`.
snippet() {
    awk -v name="$1" '
        $0 == "<!-- zig-package-test: " name " -->" { state = 1; next }
        state == 1 && /^```/ { state = 2; next }
        state == 2 && /^```/ { exit }
        state == 2 { print }
    ' "$root/README.md"
}
mkdir "$tmp/readme"
for name in fetch build.zig src/main.zig output "build.zig dynamic"; do
    file=$tmp/readme/${name//[\/ ]/_}
    snippet "$name" >"$file"
    [ -s "$file" ] || { echo "error: README.md has no block marked <!-- zig-package-test: $name -->" >&2; exit 1; }
done
fetch_line=$(cat "$tmp/readme/fetch")
[[ $fetch_line == "zig fetch --save URL" ]] || { echo "error: README.md's fetch block is not 'zig fetch --save URL': $fetch_line" >&2; exit 1; }
expected=$tmp/readme/output

zig_of() { "$root/scripts/zig.sh" "$1"; }
first=${versions[0]}

# 3. The project: `zig init -m` of the oldest version (its
# minimum_zig_version suits all three), then the README's fetch line.
app=$tmp/app
mkdir -p "$app/src"
cd "$app"
oldest=$(printf '%s\n' "${versions[@]}" | sort -V | head -n1)
"$(zig_of "$oldest")" init -m >/dev/null 2>&1
echo "==> Zig $first: ${fetch_line/URL/file://$tarball}"
if "$(zig_of "$first")" fetch --save "file://$tarball" >"$tmp/log" 2>&1 && grep -q '\.ferrex = ' build.zig.zon; then
    ok "zig fetch --save (build.zig.zon names the dependency ferrex)"
else
    fail "zig fetch --save"
    finish
fi
cp "$tmp/readme/src_main.zig" src/main.zig

# run_app LABEL VERSION ARGS...: `zig ARGS` prints the README's output.
run_app() {
    local label=$1 zig
    zig=$(zig_of "$2")
    shift 2
    local t=$SECONDS
    if "$zig" "$@" >"$tmp/out" 2>"$tmp/log" && cat "$tmp/log" >>"$tmp/out" && diff "$expected" "$tmp/out" >"$tmp/log"; then
        ok "$label ($((SECONDS - t)) s)"
    else
        cat "$tmp/out" >>"$tmp/log"
        fail "$label ($((SECONDS - t)) s)"
    fi
}

# 4. Static, on every version.
cp "$tmp/readme/build.zig" build.zig
for v in "${versions[@]}"; do
    echo "==> Zig $v: zig build run (the README's build.zig: libferrex.a)"
    run_app "zig $v: prints the README's output" "$v" build run
done

# 5. Dynamic, on the first version: the README's dynamic lines in place of
# its b.dependency line.
echo "==> Zig $first: zig build run, zig build (the README's dynamic lines: libferrex.so)"
awk -v dyn="$tmp/readme/build.zig_dynamic" '
    /b\.dependency\("ferrex"/ { while ((getline line < dyn) > 0) print line; next }
    { print }
' "$tmp/readme/build.zig" >build.zig
run_app "zig $first, dynamic: zig build run prints the README's output" "$first" build run
if "$(zig_of "$first")" build --prefix "$tmp/install" >"$tmp/log" 2>&1; then
    mv "$tmp/install/bin" "$tmp/moved"
    dyn=$(readelf -d "$tmp/moved/app")
    soname=$(sed -n 's/.*NEEDED.*\[\(libferrex\.so[^]]*\)\].*/\1/p' <<<"$dyn")
    {
        echo "$dyn" | grep -E 'NEEDED|PATH'
        ls -l "$tmp/moved"
    } >"$tmp/log"
    # $ORIGIN first; Zig adds the library's directory in the cache after it
    # (each_lib_rpath), which does not resolve from /.
    if [ -n "$soname" ] && [ -f "$tmp/moved/$soname" ] && grep -Eq 'R(UN)?PATH.*\[\$ORIGIN(:[^]]*)?\]$' <<<"$dyn" &&
        (cd / && "$tmp/moved/app") 2>&1 | diff "$expected" - >>"$tmp/log" &&
        rm "$tmp/moved/$soname" && ! (cd / && "$tmp/moved/app") >>"$tmp/log" 2>&1; then
        ok "zig $first, dynamic: installed binary needs $soname and finds it beside it, run from /"
    else
        fail "zig $first, dynamic: installed binary"
    fi
else
    fail "zig $first, dynamic: zig build (install)"
fi

# 6. The package is read, never written: each unpacked copy (0.15: the global
# cache's p/, 0.16 and later: the project's zig-pkg/) holds what the tarball
# holds (less what .paths leaves out) and nothing else; cargo built in the
# project's cache.
: >"$tmp/log"
copies=0
for dir in "$ZIG_GLOBAL_CACHE_DIR"/p/ferrex-* "$app"/zig-pkg/ferrex-*; do
    [ -d "$dir" ] || continue
    copies=$((copies + 1))
    diff -rq "$dir" "$tmp/unpacked/ferrex" | grep -v "^Only in $tmp/unpacked/ferrex" >>"$tmp/log" || true
done
if [ "$copies" -gt 0 ] && [ ! -s "$tmp/log" ] && [ -f "$app/.zig-cache/ferrex/cargo/release/libferrex.a" ]; then
    ok "package directories unchanged ($copies), cargo's output in the project's .zig-cache"
else
    echo "($copies package directories found)" >>"$tmp/log"
    fail "package directories unchanged, cargo's output in the project's .zig-cache"
fi

finish
