#!/usr/bin/env bash
# build.sh: builds the c-ferrex seed runner, bench/work/bin/seed-c, against
# the static libferrex (`make lib` first, which rebuilds it only when its
# sources changed, and records the system libraries a static link needs).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
make -s lib
mkdir -p bench/work/bin
# shellcheck disable=SC2046 # the library list is meant to split into words
gcc -O2 -std=c99 -Wall -Wextra -Werror -Iinclude \
    bench/seed/c/seed_ferrex.c bench/seed/c/manifest.c bench/seed/c/timing.c \
    build/lib/libferrex.a $(cat build/native-static-libs.txt) \
    -o bench/work/bin/seed-c
echo "==> built bench/work/bin/seed-c"
