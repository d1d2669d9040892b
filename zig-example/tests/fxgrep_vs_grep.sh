#!/usr/bin/env bash
# fxgrep_vs_grep.sh: builds fxgrep with the pinned Zig (scripts/zig.sh), as
# `zig build` in zig-example/ does by default (ReleaseFast), and
# compares its output with GNU grep's over the repository's Rust sources
# (engine/src capi/src), both sorted, same path form. Also checks that lines
# straddling chunk boundaries are found (hidden --chunk-size option), the
# exit statuses, and the caret under a bad pattern.
#
#   zig-example/tests/fxgrep_vs_grep.sh [ZIG_VERSION]   (default 0.17.1)
#
# Prints "fxgrep-vs-grep: N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
version=${1:-0.17.1}
zig=$("$root/scripts/zig.sh" "$version") || { echo "fxgrep-vs-grep: cannot get Zig $version"; exit 1; }
# The default build (ReleaseFast), libferrex from the repository's target/
# (where `make lib` builds it with the same cargo command).
(cd "$root/zig-example" && CARGO_TARGET_DIR=$root/target "$zig" build) >/tmp/fxgrep-build.$$ 2>&1 || {
    cat /tmp/fxgrep-build.$$; rm -f /tmp/fxgrep-build.$$
    echo "fxgrep-vs-grep: the build failed"; echo "fxgrep-vs-grep: 0 passed, 1 failed"; exit 1
}
rm -f /tmp/fxgrep-build.$$
fx=$root/zig-example/zig-out/bin/fxgrep
cd "$root" || exit 1
export LC_ALL=C
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
srcs=(engine/src capi/src)
passed=0; failed=0

# same NAME "FXGREP ARGS" "GREP ARGS": sorted outputs and exit statuses equal.
same() {
    local name=$1 fxargs=$2 grepargs=$3 fs gs
    eval "\"\$fx\" $fxargs" >"$tmp/fx" 2>"$tmp/fx.err"; fs=$?
    eval "grep $grepargs" >"$tmp/grep" 2>"$tmp/grep.err"; gs=$?
    sort "$tmp/fx" -o "$tmp/fx"; sort "$tmp/grep" -o "$tmp/grep"
    if [ "$fs" = "$gs" ] && cmp -s "$tmp/fx" "$tmp/grep"; then
        passed=$((passed + 1)); echo "  ok    $name ($(wc -l <"$tmp/fx") lines, exit $fs)"
    else
        failed=$((failed + 1)); echo "  FAIL  $name (fxgrep exit $fs, grep exit $gs)"
        diff "$tmp/grep" "$tmp/fx" | head -20; head -5 "$tmp/fx.err"
    fi
}

# check NAME COMMAND...: the command succeeds.
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "  ok    $name"
    else failed=$((failed + 1)); echo "  FAIL  $name"; fi
}

S="${srcs[*]}"
same "regex fn [a-z_]+\\("            "'fn [a-z_]+\\(' $S"                 "-rnE 'fn [a-z_]+\\(' $S"
same "regex ferrex_regex_[a-z]+"       "'ferrex_regex_[a-z]+' $S"            "-rnE 'ferrex_regex_[a-z]+' $S"
same "-F phrase"                       "-F 'ferrex_match' $S"                "-rnF 'ferrex_match' $S"
same "-F phrase with regex chars"      "-F '(&self)' $S"                     "-rnF '(&self)' $S"
same "-i"                              "-i 'phraseset' $S"                   "-rni 'phraseset' $S"
same "-F -i"                           "-F -i 'UNSAFE' $S"                   "-rniF 'UNSAFE' $S"
same "-w"                              "-w 'len' $S"                         "-rnw 'len' $S"
same "-e twice"                        "-e '^use ' -e 'unsafe \\{' $S"       "-rnE -e '^use ' -e 'unsafe \\{' $S"
same "anchors ^ and \$"                "'^\\s*}\$' $S"                       "-rnE '^[[:space:]]*}\$' $S"
same "-o"                              "-o 'ferrex_[a-z_]+' $S"              "-rnoE 'ferrex_[a-z_]+' $S"
same "-c"                              "-c 'pub fn' $S"                      "-rc 'pub fn' $S"
same "-l"                              "-l 'unsafe' $S"                      "-rl 'unsafe' $S"
same "no match (exit 1)"               "'zzq_no_such_thing_qzz' $S"          "-rnE 'zzq_no_such_thing_qzz' $S"
printf 'ferrex_regex_new\nferrex_phrases_find\nunsafe extern\nPhraseSet\n' >"$tmp/phrases"
same "-F -f FILE"                      "-F -f $tmp/phrases $S"               "-rnF -f $tmp/phrases $S"
same "-f FILE (regexes)"               "-f $tmp/phrases $S"                  "-rnE -f $tmp/phrases $S"
same "single file: no path prefix"    "'pub ' engine/src/lib.rs"            "-nE 'pub ' engine/src/lib.rs"
same "stdin"                           "'pub ' <engine/src/lib.rs"           "-nE 'pub ' <engine/src/lib.rs"

# Chunking: tiny chunks make nearly every line straddle a boundary.
for cs in 1 7 100 4096; do
    same "--chunk-size=$cs regex"      "--chunk-size=$cs 'fn [a-z_]+\\(' $S"  "-rnE 'fn [a-z_]+\\(' $S"
    same "--chunk-size=$cs -F"         "--chunk-size=$cs -F 'ferrex_match' $S" "-rnF 'ferrex_match' $S"
done
# A big file with long lines, a match in every 97th line, no final newline.
awk 'BEGIN { for (i = 1; i <= 20000; i++) { s = sprintf("%06d ", i); while (length(s) < 50 + i % 300) s = s "abcdefghij"; if (i % 97 == 0) s = s " NEEDLE"; printf "%s%s", s, (i < 20000 ? "\n" : " NEEDLE") } }' >"$tmp/big.txt"
for cs in 64 1000 65536 262144; do
    same "big file --chunk-size=$cs"    "--chunk-size=$cs NEEDLE $tmp/big.txt" "-n NEEDLE $tmp/big.txt"
done

# Binary files are skipped.
printf 'NEEDLE\0binary\n' >"$tmp/bin.dat"; printf 'NEEDLE text\n' >"$tmp/text.txt"
check "binary file skipped" bash -c "[ \"\$('$fx' NEEDLE '$tmp/bin.dat' '$tmp/text.txt')\" = '$tmp/text.txt:1:NEEDLE text' ]"
# A bad pattern: exit 2, caret under the offending bytes.
"$fx" -e ok -e 'ab[z-a]' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "bad pattern exits 2" [ "$st" = 2 ]
check "bad pattern caret under [z-a]" bash -c "grep -qx '    ab\[z-a\]' '$tmp/err' && grep -qx '       ^^^' '$tmp/err'"
"$fx" x /no/such/path >/dev/null 2>&1; st=$?
check "missing path exits 2" [ "$st" = 2 ]
check "--color=always highlights" bash -c "echo 'a foo b' | '$fx' --color=always foo | grep -q \$'\\e\\[01;31m\\e\\[Kfoo'"

echo "fxgrep-vs-grep: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
