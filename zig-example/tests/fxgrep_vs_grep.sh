#!/usr/bin/env bash
# fxgrep_vs_grep.sh: builds fxgrep with the pinned Zig (scripts/zig.sh), as
# `zig build` in zig-example/ does by default (ReleaseFast), and compares
# its output, byte for byte and in order, and its exit status with GNU
# grep's: over the repository's sources (grep -r, as fxgrep recurses
# always) and small files made here, for every option fxgrep shares with
# grep. Where both print to stderr (binary files, missing files, usage
# errors) that is compared too, with "grep:" read as "fxgrep:". Also: lines
# straddling read and map windows (hidden --chunk-size, --no-mmap), the
# same output from 1 and 4 threads, the caret under a bad pattern, the
# refusal of BRE operators, -P's note, --version.
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
passed=0; failed=0

# same NAME "FXGREP ARGS" "GREP ARGS" [stderr]: stdout (in order) and exit
# statuses equal; with a 4th argument, stderr too ("grep:" -> "fxgrep:").
same() {
    local name=$1 fxargs=$2 grepargs=$3 errs=${4:-} fs gs ok=1
    eval "\"\$fx\" $fxargs" >"$tmp/fx" 2>"$tmp/fx.err" </dev/null; fs=$?
    eval "grep $grepargs" >"$tmp/grep" 2>"$tmp/grep.err" </dev/null; gs=$?
    sed -i "s/^grep:/fxgrep:/; s/^Usage: grep /Usage: fxgrep /; s/'grep --help'/'fxgrep --help'/" "$tmp/grep.err"
    [ "$fs" = "$gs" ] && cmp -s "$tmp/fx" "$tmp/grep" || ok=
    [ -z "$errs" ] || cmp -s "$tmp/fx.err" "$tmp/grep.err" || ok=
    if [ -n "$ok" ]; then
        passed=$((passed + 1)); echo "  ok    $name ($(wc -l <"$tmp/fx") lines, exit $fs)"
    else
        failed=$((failed + 1)); echo "  FAIL  $name (fxgrep exit $fs, grep exit $gs)"
        diff "$tmp/grep" "$tmp/fx" | head -10; diff "$tmp/grep.err" "$tmp/fx.err" | head -6
    fi
}

# check NAME COMMAND...: the command succeeds.
check() {
    local name=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "  ok    $name"
    else failed=$((failed + 1)); echo "  FAIL  $name"; fi
}

S="engine/src capi/src"
echo "== patterns and matching (fxgrep's PATTERNS are grep -E's)"
printf 'a@foo\n@foo x\nfoo\nxfoo foo(\nfoo(x\n\nfoo_bar foobar foo\n' >"$tmp/words.txt"
same "regex fn [a-z_]+\\("            "-n 'fn [a-z_]+\\(' $S"               "-rnE 'fn [a-z_]+\\(' $S"
same "regex ferrex_regex_[a-z]+"       "-n 'ferrex_regex_[a-z]+' $S"          "-rnE 'ferrex_regex_[a-z]+' $S"
same "-E explicit"                     "-nE 'ferrex_(regex|phrases)_new' $S"  "-rnE 'ferrex_(regex|phrases)_new' $S"
same "-F phrase"                       "-n -F 'ferrex_match' $S"              "-rnF 'ferrex_match' $S"
same "-F phrase with regex chars"      "-n -F '(&self)' $S"                   "-rnF '(&self)' $S"
same "-i"                              "-n -i 'phraseset' $S"                 "-rni 'phraseset' $S"
# Patterns deep enough to compile on ferrex's own thread, in a program
# with 256 KiB of static TLS (Zig's std): they crashed fxgrep (SIGSEGV).
same "a deep pattern, no match"        "'(a|(b|(c|(d|e){2}){2}){2}){2}' $tmp/words.txt" "-E '(a|(b|(c|(d|e){2}){2}){2}){2}' $tmp/words.txt"
same "a deep pattern that matches"     "-n '|((|oo{3}){2}\$)*\$' $tmp/words.txt" "-nE '|((|oo{3}){2}\$)*\$' $tmp/words.txt"
same "-F -i"                           "-n -F -i 'UNSAFE' $S"                 "-rniF 'UNSAFE' $S"
same "-w"                              "-n -w 'len' $S"                       "-rnw 'len' $S"
same "-i -w"                           "-n -iw 'LEN' $S"                      "-rniw 'LEN' $S"
same "-w, a pattern ending in a non-word char" "-n -w 'foo\(' $tmp/words.txt"   "-nwE 'foo\(' $tmp/words.txt"
same "-w, starting with one"           "-n -w '@foo' $tmp/words.txt"          "-nw '@foo' $tmp/words.txt"
same "-w, a later match is whole"      "-n -w 'foo' $tmp/words.txt"           "-nw 'foo' $tmp/words.txt"
same "-w ''"                           "-n -w '' $tmp/words.txt"              "-nw '' $tmp/words.txt"
same "-w -o"                           "-o -w 'foo|foobar' $tmp/words.txt"    "-owE 'foo|foobar' $tmp/words.txt"
same "-x"                              "-n -x '\\s*}' $S"                     "-rnxE '[[:space:]]*}' $S"
same "-F -x"                           "-n -Fx '    }' $S"                    "-rnFx '    }' $S"
same "-e twice"                        "-n -e '^use ' -e 'unsafe \\{' $S"    "-rnE -e '^use ' -e 'unsafe \\{' $S"
same "PATTERNS with a newline"         "-n \$'^use \\nunsafe' $S"             "-rnE \$'^use \\nunsafe' $S"
same "anchors ^ and \$"                "-n '^\\s*}\$' $S"                     "-rnE '^[[:space:]]*}\$' $S"
same "[[:digit:]] class"               "-n '[[:digit:]]{4}' $S"               "-rnE '[[:digit:]]{4}' $S"
printf 'ferrex_regex_new\nferrex_phrases_find\nunsafe extern\nPhraseSet\n' >"$tmp/phrases"
same "-F -f FILE"                      "-n -F -f $tmp/phrases $S"             "-rnF -f $tmp/phrases $S"
same "-f FILE (regexes)"               "-n -f $tmp/phrases $S"                "-rnE -f $tmp/phrases $S"
: >"$tmp/empty"
same "-f empty file: no pattern"       "-f $tmp/empty $S"                     "-rE -f $tmp/empty $S"
same "no match (exit 1)"               "'zzq_no_such_thing_qzz' $S"           "-rE 'zzq_no_such_thing_qzz' $S"
same "-E 'a\\|b' is a literal |"       "-E 'a\\|b' $S"                        "-rE 'a\\|b' $S"

echo "== output selection"
same "-v"                              "-n -v 'fn' engine/src/lib.rs"         "-nv 'fn' engine/src/lib.rs"
same "-v -c"                           "-vc 'fn' $S"                          "-rvc 'fn' $S"
same "-c"                              "-c 'pub fn' $S"                       "-rc 'pub fn' $S"
same "-c -m 3"                         "-c -m 3 'pub fn' $S"                  "-rc -m 3 'pub fn' $S"
same "-m 2"                            "-n -m 2 'pub fn' $S"                  "-rn -m 2 'pub fn' $S"
same "-m 2 -v"                         "-m2 -v 'pub fn' $S"                   "-r -m2 -v 'pub fn' $S"
same "-m 0"                            "-m 0 'pub fn' $S"                     "-r -m 0 'pub fn' $S"
same "-m -1: no limit"                 "-c -m -1 'pub fn' $S"                 "-rc -m -1 'pub fn' $S"
same "-m ' 2', -A ' 1': leading blanks" "-n -m ' 2' -A ' 1' 'pub fn' $S"      "-rn -m ' 2' -A ' 1' 'pub fn' $S"
same "-A 99999999999999999999"         "-c -A 99999999999999999999 'fn' $S"   "-rc -A 99999999999999999999 'fn' $S"
same "-o"                              "-n -o 'ferrex_[a-z_]+' $S"            "-rnoE 'ferrex_[a-z_]+' $S"
same "-o -i"                           "-oi 'REGEX' $S"                       "-roi 'REGEX' $S"
same "-l"                              "-l 'unsafe' $S"                       "-rl 'unsafe' $S"
same "-L"                              "-L 'unsafe' $S"                       "-rL 'unsafe' $S"
same "-L, every file matches (exit 0)" "-L 'fn' engine/src/lib.rs"            "-L 'fn' engine/src/lib.rs"
same "-L, none matches (exit 1)"       "-L 'zzq_nothing' engine/src/lib.rs"   "-L 'zzq_nothing' engine/src/lib.rs"
same "-l -c: names only"               "-l -c 'unsafe' $S"                    "-r -l -c 'unsafe' $S"
same "-l -v"                           "-l -v 'fn' $S"                        "-r -l -v 'fn' $S"
same "-q, a match (exit 0)"            "-q 'pub fn' $S"                       "-rq 'pub fn' $S"
same "-q, none (exit 1)"               "-q 'zzq_nothing' $S"                  "-rq 'zzq_nothing' $S"
same "-q, missing file and a match"    "-q 'pub fn' /no/such $S"              "-rq 'pub fn' /no/such $S" stderr
same "-h"                              "-h 'ferrex_escape' $S"                "-rh 'ferrex_escape' $S"
same "-H, one file"                    "-H 'pub ' engine/src/lib.rs"          "-H 'pub ' engine/src/lib.rs"
same "single file: no name"            "-n 'pub ' engine/src/lib.rs"          "-nE 'pub ' engine/src/lib.rs"
same "two files: names"                "'pub mod' engine/src/lib.rs capi/src/lib.rs" "'pub mod' engine/src/lib.rs capi/src/lib.rs"

echo "== context"
same "-A 2"                            "-n -A 2 'unsafe' $S"                  "-rn -A 2 'unsafe' $S"
same "-B 3"                            "-n -B 3 'unsafe' $S"                  "-rn -B 3 'unsafe' $S"
same "-C 1"                            "-n -C 1 'fn new' $S"                  "-rn -C 1 'fn new' $S"
same "-2 (as -C 2)"                    "-2 'fn new' $S"                       "-r -2 'fn new' $S"
same "-A 0: separators only"           "-A 0 'fn new' $S"                     "-r -A 0 'fn new' $S"
same "-B 2 -A 1 -v"                    "-n -B2 -A1 -v '[a-z]' engine/src/lib.rs" "-n -B2 -A1 -v '[a-z]' engine/src/lib.rs"
same "-m 1 -A 4: trailing context"     "-n -m1 -A4 'fn' $S"                   "-rn -m1 -A4 'fn' $S"
same "-o -C 1: separators, no context" "-o -C1 'fn new' $S"                   "-r -o -C1 'fn new' $S"
same "-c -C 2: counts only"            "-c -C2 'fn new' $S"                   "-r -c -C2 'fn new' $S"
same "--context=3 --color=always"      "--context=3 --color=always 'fn new' $S" "-r --context=3 --color=always 'fn new' $S"
# Under -v the context lines are the matching ones: grep highlights their
# matches, and -o prints them (with '-' after the name and number).
same "-v -C 1 --color=always"          "-n -v -C1 --color=always '[a-z]' engine/src/lib.rs" "-n -v -C1 --color=always '[a-z]' engine/src/lib.rs"
same "-v -A 1 --color=always -H"       "-H -v -A1 --color=always 'pub|use' engine/src/lib.rs" "-H -v -A1 --color=always -E 'pub|use' engine/src/lib.rs"
same "-o -v -C 1: the context's matches" "-n -o -v -C1 '[a-z]+' engine/src/lib.rs" "-n -o -v -C1 -E '[a-z]+' engine/src/lib.rs"
same "-o -v -B 2 -A 1 -m 3 --color=always" "-H -n -o -v -B2 -A1 -m3 --color=always '[a-z]{4,}' engine/src/lib.rs" "-H -n -o -v -B2 -A1 -m3 --color=always -E '[a-z]{4,}' engine/src/lib.rs"
same "-o -v without context: nothing"  "-o -v 'mod' engine/src/lib.rs"       "-o -v 'mod' engine/src/lib.rs"

echo "== files"
T="engine capi zig-example"
same "--include"                       "-l --include='*.zig' 'pub fn' $T"     "-rl --include='*.zig' 'pub fn' $T"
same "--include twice"                 "-c --include='*.zig' --include='*.h' 'ferrex' $T" "-rc --include='*.zig' --include='*.h' 'ferrex' $T"
same "--exclude"                       "-l --exclude='*.rs' 'pub fn' $T"      "-rl --exclude='*.rs' 'pub fn' $T"
same "--exclude-dir"                   "-l --exclude-dir=src 'pub fn' $T"     "-rl --exclude-dir=src 'pub fn' $T"
# grep's rule: the last matching glob decides; a name none matches is
# searched unless the first was an --include.
mkdir -p "$tmp/globs/sub" && for f in y.c z.txt w.log sub/v.c sub/u.txt; do echo x >"$tmp/globs/$f"; done
same "--exclude then --include"        "-l --exclude='*.log' --include='*.c' x $tmp/globs | sort" "-rl --exclude='*.log' --include='*.c' x $tmp/globs | sort"
same "--include then --exclude"        "-l --include='*.c' --exclude='*.log' x $tmp/globs | sort" "-rl --include='*.c' --exclude='*.log' x $tmp/globs | sort"
same "the same glob, the last wins"    "-l --exclude='*.c' --include='*.c' x $tmp/globs | sort" "-rl --exclude='*.c' --include='*.c' x $tmp/globs | sort"
same "-E -F: conflicting matchers"      "-E -F x $tmp/globs/y.c" "-E -F x $tmp/globs/y.c" stderr
same "-F -F: one matcher"              "-F -F x $tmp/globs/y.c" "-F -F x $tmp/globs/y.c" stderr
same "-L -m 0 lists every file"       "-L -m 0 x $tmp/globs/y.c $tmp/globs/z.txt $tmp/globs/missing" "-L -m 0 x $tmp/globs/y.c $tmp/globs/z.txt $tmp/globs/missing" stderr
same "globs on command-line files"     "--exclude='*.log' --include='*.c' x $tmp/globs/z.txt $tmp/globs/w.log $tmp/globs/y.c" "--exclude='*.log' --include='*.c' x $tmp/globs/z.txt $tmp/globs/w.log $tmp/globs/y.c"
same "--include on a command-line file" "--include='*.zig' 'pub' engine/src/lib.rs" "--include='*.zig' 'pub' engine/src/lib.rs"
same "--exclude on ./file"              "--exclude='l*' 'pub' ./engine/src/lib.rs" "--exclude='l*' 'pub' ./engine/src/lib.rs"
same "stdin"                           "-n 'pub ' <engine/src/lib.rs"         "-nE 'pub ' <engine/src/lib.rs"
check "-r without FILE: the working directory, names without ./" bash -c "cd engine/src && cmp -s <('$fx' -r -n 'pub fn') <(grep -r -n 'pub fn') && [ -n \"\$('$fx' -r 'pub fn')\" ]"
same "long option prefix --incl"       "-c --incl='*.zig' 'pub fn' $T"        "-rc --incl='*.zig' 'pub fn' $T"
same "- is stdin, among files"         "-c 'pub ' - capi/src/lib.rs <engine/src/lib.rs" "-c 'pub ' - capi/src/lib.rs <engine/src/lib.rs"
same "missing file: message, exit 2"   "'pub ' /no/such engine/src/lib.rs"    "'pub ' /no/such engine/src/lib.rs" stderr
same "-s: no message, exit 2"          "-s 'pub ' /no/such engine/src/lib.rs" "-s 'pub ' /no/such engine/src/lib.rs" stderr

echo "== binary files and -z"
printf 'NEEDLE\0binary\n' >"$tmp/bin.dat"; printf 'NEEDLE text\n' >"$tmp/text.txt"
# A NUL far after the first 8 KB, and matches on both sides of it.
{ for i in $(seq 1 400); do echo "line $i text text text"; done; echo "NEEDLE before"; printf 'x\0y\n'; echo "NEEDLE after"; } >"$tmp/late.bin"
same "binary file matches (stderr), text file printed" "NEEDLE $tmp/bin.dat $tmp/text.txt" "NEEDLE $tmp/bin.dat $tmp/text.txt" stderr
same "a NUL after 8 KB"                "-n NEEDLE $tmp/late.bin"              "-n NEEDLE $tmp/late.bin" stderr
same "binary -c counts"                "-c NEEDLE $tmp/late.bin $tmp/bin.dat" "-c NEEDLE $tmp/late.bin $tmp/bin.dat" stderr
same "binary -l"                       "-l NEEDLE $tmp/bin.dat $tmp/text.txt" "-l NEEDLE $tmp/bin.dat $tmp/text.txt" stderr
same "binary -o"                       "-o NEED $tmp/bin.dat"                 "-o NEED $tmp/bin.dat" stderr
same "binary -v"                       "-v zzz $tmp/bin.dat"                  "-v zzz $tmp/bin.dat" stderr
same "binary -A1: separator after"     "-A1 NEEDLE $tmp/bin.dat $tmp/text.txt" "-A1 NEEDLE $tmp/bin.dat $tmp/text.txt" stderr
same "-a: binary as text"              "-a -n NEEDLE $tmp/late.bin $tmp/bin.dat" "-a -n NEEDLE $tmp/late.bin $tmp/bin.dat" stderr
same "-I: binary skipped"              "-I NEEDLE $tmp/bin.dat $tmp/text.txt" "-I NEEDLE $tmp/bin.dat $tmp/text.txt" stderr
same "--binary-files=without-match"    "--binary-files=without-match -c NEEDLE $tmp/text.txt" "--binary-files=without-match -c NEEDLE $tmp/text.txt" stderr
# A NUL 1 MB into a mapped file: lines before its window print, then the message
# (grep's cut is its own buffer size; what must hold is that no NUL is printed).
{ for i in $(seq 1 40000); do echo "line $i NEEDLE padding padding"; done; printf 'x\0y NEEDLE\n'; echo "NEEDLE after"; } >"$tmp/late-big.bin"
"$fx" NEEDLE "$tmp/late-big.bin" >"$tmp/out" 2>"$tmp/err"; st=$?
check "a NUL 1 MB in: lines before, no NUL printed, the message" bash -c "[ $st = 0 ] && [ \$(wc -l <'$tmp/out') -gt 30000 ] && ! grep -qaP '\\x00' '$tmp/out' && ! grep -q 'NEEDLE after' '$tmp/out' && grep -qx 'fxgrep: $tmp/late-big.bin: binary file matches' '$tmp/err'"
printf 'one\ntwo\0three\0a\nb\0' >"$tmp/z.dat"
same "-z"                              "-z 't[wh]'  $tmp/z.dat"               "-z 't[wh]' $tmp/z.dat"
same "-z: . matches a newline"         "-z 'a.b'  $tmp/z.dat"                 "-zE 'a.b' $tmp/z.dat"
same "-z -c ^"                         "-zc '^t'  $tmp/z.dat"                 "-zc '^t' $tmp/z.dat"

echo "== windows: lines across read buffers and map slices"
for cs in 1 7 100 4096; do
    same "--chunk-size=$cs regex"      "-n --chunk-size=$cs 'fn [a-z_]+\\(' $S"  "-rnE 'fn [a-z_]+\\(' $S"
    same "--chunk-size=$cs -F -C2"     "-n --chunk-size=$cs -C2 -F 'ferrex_match' $S" "-rn -C2 -F 'ferrex_match' $S"
done
# A big file with long lines, a match in every 97th line, no final newline.
awk 'BEGIN { for (i = 1; i <= 20000; i++) { s = sprintf("%06d ", i); while (length(s) < 50 + i % 300) s = s "abcdefghij"; if (i % 97 == 0) s = s " NEEDLE"; printf "%s%s", s, (i < 20000 ? "\n" : " NEEDLE") } }' >"$tmp/big.txt"
for cs in 64 1000 65536 262144; do
    same "big file, mapped, --chunk-size=$cs"  "-n --chunk-size=$cs -B1 NEEDLE $tmp/big.txt" "-n -B1 NEEDLE $tmp/big.txt"
    same "big file, read, --chunk-size=$cs"    "-n --no-mmap --chunk-size=$cs -B1 NEEDLE $tmp/big.txt" "-n -B1 NEEDLE $tmp/big.txt"
done
same "big file -c -v"                  "-c -v NEEDLE $tmp/big.txt"            "-c -v NEEDLE $tmp/big.txt"
same "a pipe given as a path (no map)" "-n NEEDLE <(cat $tmp/big.txt)"        "-n NEEDLE <(cat $tmp/big.txt)"

echo "== threads: the order of one thread"
check "-j4 prints what -j1 prints" bash -c "cmp -s <('$fx' -j4 -n -C1 'fn|impl' $S zig-example/src) <('$fx' -j1 -n -C1 'fn|impl' $S zig-example/src)"

echo "== errors, usage, syntax"
same "-Y: invalid option"              "-Y x"                                 "-Y x" stderr
same "--frob: unrecognized option"     "--frob x"                             "--frob x" stderr
same "-e without its argument"         "-e"                                   "-e" stderr
same "no pattern"                      ""                                     "" stderr
same "-A x"                            "-A x y"                               "-A x y" stderr
same "-m x"                            "-m x y"                               "-m x y" stderr
same "--in: ambiguous (exit 2)"        "--in x"                               "--in x"
"$fx" --version >"$tmp/out"; st=$?
check "--version" bash -c "[ $st = 0 ] && head -1 '$tmp/out' | grep -q '^fxgrep [0-9.]* (ferrex [0-9.]*)\$'"
"$fx" --help >"$tmp/out"; st=$?
check "--help says the syntax is ERE" bash -c "[ $st = 0 ] && grep -q 'ERE' '$tmp/out'"
"$fx" 'a\|b' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "BRE 'a\\|b' refused (exit 2, says ERE and -E)" bash -c "[ $st = 2 ] && grep -q 'ERE' '$tmp/err' && grep -q -- '-E' '$tmp/err'"
"$fx" 'x\(a\)' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "BRE group 'x\\(a\\)' refused" bash -c "[ $st = 2 ] && grep -q 'a group' '$tmp/err'"
"$fx" -G 'x' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "-G refused" bash -c "[ $st = 2 ] && grep -q 'not supported' '$tmp/err'"
"$fx" -P '(?<=a)b' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "-P look-behind: exit 2 and a note" bash -c "[ $st = 2 ] && grep -q 'look-around and backreferences are not supported' '$tmp/err'"
"$fx" -e ok -e 'ab[z-a]' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "bad pattern exits 2" [ "$st" = 2 ]
check "bad pattern caret under [z-a]" bash -c "grep -qx '    ab\[z-a\]' '$tmp/err' && grep -qx '       ^^^' '$tmp/err'"
"$fx" $'\xc3\xa9[z-a]' engine/src >/dev/null 2>"$tmp/err"
check "caret after a 2-byte character: one column" bash -c "grep -qx '      ^^^' '$tmp/err'"
"$fx" -w 'ab(c' engine/src >/dev/null 2>"$tmp/err"; st=$?
check "-w: caret under the user's '(' (not the wrapper's)" bash -c "[ $st = 2 ] && grep -qx '      ^' '$tmp/err'"
"$fx" x /no/such/path >/dev/null 2>&1; st=$?
check "missing path exits 2" [ "$st" = 2 ]
check "--color=always highlights" bash -c "echo 'a foo b' | '$fx' --color=always foo | grep -q \$'\\e\\[01;31m\\e\\[Kfoo'"

echo "fxgrep-vs-grep: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
