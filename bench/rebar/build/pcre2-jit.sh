#!/usr/bin/env bash
# pcre2-jit.sh: builds bench/work/bin/rebar-pcre2-jit, the rebar runner for
# engine "pcre2/jit" (JIT: pcre2_jit_compile + pcre2_jit_match): the runner core
# (runner/main.c, runner/redux.c) + adapters/pcre2.c compiled with -DPCRE2_ADAPTER_JIT, linked with
# the system's 8-bit PCRE2 (Debian libpcre2-dev, installed if missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rebar="$root/bench/rebar"
out="$root/bench/work/bin/rebar-pcre2-jit"

"$root/scripts/need.sh" gcc gcc
"$root/scripts/need-pkg.sh" libpcre2-dev
mkdir -p "$(dirname "$out")"
gcc -O2 -std=c11 -Wall -Wextra -Werror -DPCRE2_ADAPTER_JIT \
    -I"$rebar/runner" \
    "$rebar/runner/main.c" "$rebar/runner/redux.c" "$rebar/adapters/pcre2.c" \
    -lpcre2-8 -o "$out"
echo "==> built $out (PCRE2 $("$out" --version))"
