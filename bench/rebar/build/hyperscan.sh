#!/usr/bin/env bash
# hyperscan.sh: builds bench/work/bin/rebar-hyperscan, the rebar runner core
# (runner/main.c, runner/redux.c) linked with the Hyperscan adapter (adapters/hyperscan.c).
# Debian ships Hyperscan on x86-64 and Vectorscan (the same API, also
# pkg-config libhs) where Hyperscan is unavailable.
set -euo pipefail
cd "$(dirname "$0")/../../.."
scripts/need.sh pkg-config pkgconf
scripts/need-pkg.sh 'libhyperscan-dev|libvectorscan-dev'
obj=bench/work/rebar-obj/hyperscan
mkdir -p "$obj" bench/work/bin
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/main.c -o "$obj/main.o"
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/redux.c -o "$obj/redux.o"
# shellcheck disable=SC2046  # pkg-config prints several flags
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner $(pkg-config --cflags libhs) \
    -c bench/rebar/adapters/hyperscan.c -o "$obj/hyperscan.o"
# shellcheck disable=SC2046
gcc -O2 "$obj/main.o" "$obj/redux.o" "$obj/hyperscan.o" $(pkg-config --libs libhs) -o bench/work/bin/rebar-hyperscan
echo "==> built bench/work/bin/rebar-hyperscan (libhs $(pkg-config --modversion libhs))"
