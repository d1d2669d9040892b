#!/usr/bin/env bash
# ferrex.sh: builds bench/work/bin/rebar-ferrex, the rebar runner for engine
# "ferrex/api": the runner core (runner/main.c, runner/redux.c) + adapters/ferrex.c, linked
# statically with libferrex.a (built by `make lib`) and the system libraries
# Rust's standard library needs (build/native-static-libs.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rebar="$root/bench/rebar"
out="$root/bench/work/bin/rebar-ferrex"

"$root/scripts/need.sh" gcc gcc
make -s -C "$root" lib
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2046 # the native libraries are separate words
gcc -O2 -std=c11 -Wall -Wextra -Werror \
    -I"$rebar/runner" -I"$root/include" \
    "$rebar/runner/main.c" "$rebar/runner/redux.c" "$rebar/adapters/ferrex.c" \
    "$root/build/lib/libferrex.a" $(cat "$root/build/native-static-libs.txt") \
    -o "$out"
echo "==> built $out ($("$out" --version))"
