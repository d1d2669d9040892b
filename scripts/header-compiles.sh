#!/usr/bin/env bash
# header-compiles.sh: include/ferrex.h must compile warning-free as strict
# C99 with gcc and clang, and as C++11 with g++.
set -euo pipefail
src=capi/tests/c/header_compiles.c
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -fsyntax-only "$src"
clang -std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude -fsyntax-only "$src"
g++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude -fsyntax-only -x c++ "$src"
echo "==> include/ferrex.h compiles cleanly: gcc -std=c99, clang -std=c99, g++ -std=c++11"
