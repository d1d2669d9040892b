#!/usr/bin/env bash
# readme-example.sh: the README's C example must compile warning-free against
# the real header and library, and print what the README implies it prints.
set -euo pipefail
mkdir -p build
awk '/^```c$/{on=1; next} /^```$/{on=0} on' README.md > build/readme_example.c
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsanitize=address,undefined -fno-sanitize-recover=all \
    -Iinclude build/readme_example.c target/release/libferrex.a $(cat build/native-static-libs.txt) \
    -o build/readme_example
got=$(./build/readme_example)
want=$'alice\nbob'
if [ "$got" != "$want" ]; then
    echo "README example printed:"; echo "$got"; echo "expected:"; echo "$want"; exit 1
fi
echo "==> README C example compiles and prints the expected matches"
