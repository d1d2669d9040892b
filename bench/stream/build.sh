#!/usr/bin/env bash
# Builds bench/work/bin/stream_bench against build/lib/libferrex.a (make lib
# first), with Hyperscan when its headers are installed (libhyperscan-dev,
# x86-64 only: without it the Hyperscan columns read "-").
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/work/bin
hs=()
if pkg-config --exists libhs 2>/dev/null; then
    hs=(-DWITH_HS $(pkg-config --cflags --libs libhs))
else
    echo "==> stream_bench: no Hyperscan (libhyperscan-dev): its columns stay empty"
fi
gcc -std=c99 -O2 -Wall -Wextra -Werror -Iinclude bench/stream/stream_bench.c build/lib/libferrex.a \
    $(cat build/native-static-libs.txt) "${hs[@]}" -lstdc++ -lm -o bench/work/bin/stream_bench
echo "==> built bench/work/bin/stream_bench"
