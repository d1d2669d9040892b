#!/usr/bin/env bash
# readme-example.sh: every ```c block in the README must compile warning-free
# against the real header and library (under ASan+UBSan) and print what the
# README says it prints: the ```text block right after it.
set -euo pipefail
mkdir -p build/readme
rm -f build/readme/*
awk '
    /^```c$/    { n++; file = sprintf("build/readme/example%d.c", n); mode = "c"; next }
    /^```text$/ { if (mode == "done") { file = sprintf("build/readme/example%d.out", n); mode = "out" } next }
    /^```$/     { mode = (mode == "c") ? "done" : ""; next }
    mode == "c" || mode == "out" { print > file }
' README.md
count=0
for src in build/readme/example*.c; do
    bin=${src%.c}
    gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
        -Iinclude "$src" build/lib/libferrex.a $(cat build/native-static-libs.txt) -o "$bin"
    [ -f "$bin.out" ] || { echo "error: README example $src has no \`\`\`text output block after it" >&2; exit 1; }
    if ! diff -u "$bin.out" <("$bin"); then
        echo "error: README example $src does not print what the README shows" >&2
        exit 1
    fi
    count=$((count + 1))
done
echo "==> README: $count C examples compile and print what the README shows"
