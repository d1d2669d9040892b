#!/usr/bin/env bash
# abi-check.sh [check|update|selftest|test]: libferrex.so's ABI against the
# committed baseline, abi/libferrex.abi (abigail-tools: abidw, abidiff).
#
#   check     fails on an incompatible change (a removed function or type, a
#             changed parameter, return type, struct field or enum/flag
#             value) unless the soname moved; passes on additions, saying
#             `make abi-update` records them
#   update    writes the current ABI to abi/libferrex.abi (make abi-update)
#   selftest  proves the check on scratch copies of the header: each kind of
#             break must fail, an addition and a break behind a new soname pass
#   test      check + selftest, closing with "abi: N passed, M failed" (make test)
#
# The shipped library has no debug info, so abidw alone would see only its
# symbol names. The types come from the header instead: abi/header-stubs.py
# turns include/ferrex.h into stub definitions of every function (plus
# references to every type and flag), compiled with -g into a small library
# with the real soname; its abidw description is the ABI. It is the real
# library's ABI because (1) the library exports exactly the functions the
# header declares (checked here) and (2) the header is cbindgen's rendering of
# the Rust code (capi/tests/header.rs fails when it is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/libinfo.sh
mode=${1:-check}
lib=build/lib/libferrex.so
baseline=abi/libferrex.abi
work=build/abi

scripts/need.sh abidw abigail-tools
mkdir -p "$work"

baseline_soname() { sed -n "1s/.* soname='\([^']*\)'.*/\1/p" "$1"; }

# describe HEADER SONAME OUT: the ABI of HEADER's declarations, as abidw XML;
# leaves OUT.so (the stub library) beside it. No paths or line numbers, so
# the baseline changes only when the ABI does.
describe() {
    local header=$1 soname=$2 out=$3 dir name
    dir=$(dirname "$out") name=$(basename "$out" .abi)
    python3 abi/header-stubs.py "$header" >"$dir/$name.c"
    (cd "$dir" && gcc -std=gnu11 -g -O0 -shared -fPIC -Wl,-soname,"$soname" "$name.c" -o "$name.so")
    abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed "$dir/$name.so" --out-file "$out"
}

# exports_agree LIB STUBS.so: the functions LIB exports are exactly those the
# header declares (the stub library defines one per declaration).
exports_agree() {
    local only_lib only_header
    only_lib=$(comm -23 <(nm -D --defined-only "$1" | awk '{print $3}' | sort) \
        <(nm -D --defined-only "$2" | awk '$2 == "T" {print $3}' | sort))
    only_header=$(comm -13 <(nm -D --defined-only "$1" | awk '{print $3}' | sort) \
        <(nm -D --defined-only "$2" | awk '$2 == "T" {print $3}' | sort))
    if [ -n "$only_lib$only_header" ]; then
        [ -z "$only_lib" ] || echo "  exported by $1 but not declared in the header: $(tr "\n" " " <<<"$only_lib")"
        [ -z "$only_header" ] || echo "  declared in the header but not exported by $1: $(tr "\n" " " <<<"$only_header")"
        return 1
    fi
}

# compare OLD.abi NEW.abi: prints the verdict (and abidiff's report when
# something changed); fails on an incompatible change unless the soname moved.
compare() {
    local old=$1 new=$2 old_so new_so report status removed changed added
    old_so=$(baseline_soname "$old") new_so=$(baseline_soname "$new")
    if [ "$old_so" != "$new_so" ]; then
        echo "  soname moved from $old_so to $new_so: the ABI may break; record the new baseline with \`make abi-update\`"
        return 0
    fi
    report=$(abidiff --no-show-locs "$old" "$new") && status=0 || status=$?
    if [ "$status" -eq 0 ]; then
        echo "  ABI unchanged ($new_so)"
        return 0
    fi
    # abidiff's exit status is a bit set: 1 error, 2 usage, 4 changed,
    # 8 incompatible (removals). A changed parameter or struct field is only
    # "changed" (4), as is an addition, so the summary lines decide.
    sums() { grep -E 'changes summary' <<<"$report" | grep -oE "[0-9]+ $1" | awk '{s += $1} END {print s + 0}'; }
    removed=$(sums Removed) changed=$(sums Changed) added=$(sums Added)
    if [ $((status & 3)) -ne 0 ]; then
        echo "  abidiff failed (exit $status):"; sed 's/^/    /' <<<"$report"; return 1
    elif [ $((status & 8)) -ne 0 ] || [ "$removed" -gt 0 ] || [ "$changed" -gt 0 ]; then
        echo "  INCOMPATIBLE ABI change with the soname still $new_so ($removed removed, $changed changed):"
        sed 's/^/    /' <<<"$report"
        echo "  Either undo it, or move the soname (the version in Cargo.toml: a new minor while 0.x, a new major from 1.0) and run \`make abi-update\`."
        return 1
    elif [ "$added" -gt 0 ]; then
        echo "  compatible: $added added, nothing removed or changed; record it in the baseline with \`make abi-update\`:"
        grep -E "^ +\[A\]" <<<"$report" | sed 's/^ */    /'
        return 0
    fi
    echo "  ABI changed in a way this check does not classify (abidiff exit $status):"; sed 's/^/    /' <<<"$report"
    return 1
}

passed=0 failed=0
count() { # count LABEL COMMAND...: runs one check, counts it
    local label=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "  ok: $label"; else failed=$((failed + 1)); echo "  FAILED: $label"; fi
}

# The current library: its soname, its header's ABI, their agreement.
current() {
    [ -e "$lib" ] || { echo "error: $lib is missing: run \`make lib\`" >&2; exit 1; }
    soname=$(soname_of "$lib")
    describe include/ferrex.h "$soname" "$work/current.abi"
}

check() {
    echo "==> ABI of $lib ($soname) against $baseline"
    count "$lib exports exactly the functions include/ferrex.h declares" exports_agree "$lib" "$work/current.so"
    if [ ! -f "$baseline" ]; then
        echo "  no baseline: record one with \`make abi-update\`"; failed=$((failed + 1)); return
    fi
    count "no incompatible change against the baseline" compare "$baseline" "$work/current.abi"
}

# expect_fail/expect_pass NAME HEADER [SONAME]: compare the scratch header's
# ABI with the current one's (and, for an expected pass, check the words).
scratch_compare() {
    local name=$1 header=$2 so=${3:-$soname}
    describe "$header" "$so" "$tmp/$name.abi"
    compare "$work/current.abi" "$tmp/$name.abi" >"$tmp/$name.out" 2>&1
}
expect_fail() {
    if scratch_compare "$@"; then cat "$tmp/$1.out"; return 1; fi
    grep -q INCOMPATIBLE "$tmp/$1.out"
}
expect_pass() { # expect_pass NAME HEADER SONAME WORDS
    scratch_compare "$1" "$2" "$3" || { cat "$tmp/$1.out"; return 1; }
    grep -q "$4" "$tmp/$1.out" || { cat "$tmp/$1.out"; return 1; }
}

selftest() {
    echo "==> ABI check self-test: scratch copies of include/ferrex.h"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    # Each mutation edits one declaration of a copy of the header.
    python3 - include/ferrex.h "$tmp" <<'EOF'
import re, sys
h = open(sys.argv[1]).read()
out = sys.argv[2]
def decl(name):  # the span of `... name(...);`, a line that starts with its type, not a comment
    start = re.search(rf"^\w[^\n]* {name}\(", h, re.M).start()
    return start, h.index(";", start) + 1
def write(name, text):
    assert text != h, name
    open(f"{out}/{name}.h", "w").write(text)
s, e = decl("ferrex_cache_free")
write("removed_function", h[:s] + h[e:])
s, e = decl("ferrex_regex_new")
write("changed_parameter", h[:s] + h[s:e].replace("size_t pattern_len", "uint32_t pattern_len") + h[e:])
s = h.index("typedef struct ferrex_match {")
write("changed_field", h[:s] + h[s:].replace("size_t start;", "uint32_t start;", 1))
write("changed_status", h.replace("FERREX_ERR_NULL_POINTER = -2,", "FERREX_ERR_NULL_POINTER = -20,"))
write("changed_flag", re.sub(r"(#define FERREX_FLAG_MULTI_LINE \(1 << )\d+", r"\g<1>20", h))
end = h.rindex("#ifdef __cplusplus")
added = "ferrex_status ferrex_selftest_added(const uint8_t *text, size_t text_len);\n\n"
write("added_function", h[:end] + added + h[end:])
EOF
    count "a removed function fails" expect_fail removed_function "$tmp/removed_function.h"
    count "a changed parameter type fails" expect_fail changed_parameter "$tmp/changed_parameter.h"
    count "a changed struct field fails" expect_fail changed_field "$tmp/changed_field.h"
    count "a changed status value fails" expect_fail changed_status "$tmp/changed_status.h"
    count "a changed flag value fails" expect_fail changed_flag "$tmp/changed_flag.h"
    count "an added function passes, asking for make abi-update" \
        expect_pass added_function "$tmp/added_function.h" "$soname" "make abi-update"
    count "a removed function behind a new soname passes" \
        expect_pass moved_soname "$tmp/removed_function.h" "$soname.moved" "soname moved"
    # The library must export what the header declares: a declared function
    # the library lacks fails.
    describe "$tmp/added_function.h" "$soname" "$tmp/declared.abi"
    count "a declared function the library does not export fails" \
        eval '! exports_agree "$lib" "$tmp/declared.so" >/dev/null'
}

case $mode in
check)
    current; check
    [ "$failed" -eq 0 ]
    ;;
update)
    current
    exports_agree "$lib" "$work/current.so" || { echo "error: not recording a baseline the library does not match" >&2; exit 1; }
    if [ -f "$baseline" ]; then
        echo "==> changes against the old baseline:"; compare "$baseline" "$work/current.abi" || true
    fi
    mkdir -p "$(dirname "$baseline")"
    cp "$work/current.abi" "$baseline"
    echo "==> $baseline recorded ($soname, $(grep -c '<function-decl' "$baseline") functions); commit it"
    ;;
selftest | test)
    current
    [ "$mode" = selftest ] || check
    selftest
    echo "abi: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    ;;
*) echo "usage: abi-check.sh [check|update|selftest|test]" >&2; exit 2 ;;
esac
