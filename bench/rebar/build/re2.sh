#!/usr/bin/env bash
# re2.sh: builds bench/work/bin/rebar-re2, the rebar runner core
# (runner/main.c, runner/redux.c) linked with the RE2 adapter (adapters/re2.cc) and Debian's
# libre2.
set -euo pipefail
cd "$(dirname "$0")/../../.."
scripts/need.sh g++ g++
scripts/need.sh pkg-config pkgconf
scripts/need-pkg.sh libre2-dev
obj=bench/work/rebar-obj/re2
mkdir -p "$obj" bench/work/bin
# Debian's re2.pc says 0.0.0, so the version is the package's upstream
# version (e.g. 20220601 from 20220601+dfsg-1+b1).
version=$(dpkg-query -W -f='${Version}' libre2-dev | sed 's/^[0-9]*://; s/[+~-].*//')
[ -n "$version" ] || { echo "error: cannot tell the libre2-dev version" >&2; exit 1; }
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/main.c -o "$obj/main.o"
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/redux.c -o "$obj/redux.o"
# shellcheck disable=SC2046  # pkg-config prints several flags
g++ -O2 -std=c++17 -Wall -Wextra -Ibench/rebar/runner $(pkg-config --cflags re2) \
    -DREBAR_RE2_VERSION="\"$version\"" -c bench/rebar/adapters/re2.cc -o "$obj/re2.o"
# shellcheck disable=SC2046
g++ -O2 "$obj/main.o" "$obj/redux.o" "$obj/re2.o" $(pkg-config --libs re2) -o bench/work/bin/rebar-re2
echo "==> built bench/work/bin/rebar-re2 (re2 $version)"
