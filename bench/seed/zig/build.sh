#!/usr/bin/env bash
# build.sh: builds bench/work/bin/seed-zig, the Zig runner of the seed table
# (bench/seed/PROTOCOL.md), from a fresh machine: installs what it needs
# through the project's scripts, builds libferrex, then `zig build`.
# Build products stay under bench/work/ (the Zig cache too).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

echo "==> PCRE2 headers and library (libpcre2-dev)"
scripts/need-pkg.sh libpcre2-dev

echo "==> Zig 0.17.1"
zig=$(scripts/zig.sh 0.17.1)

echo "==> libferrex (make lib: cargo build --release -p ferrex-capi)"
make --no-print-directory lib
native_libs=$(cat build/native-static-libs.txt)

echo "==> zig build -Doptimize=ReleaseFast in bench/seed/zig, installing bench/work/bin/seed-zig"
mkdir -p bench/work
cd "$here"
"$zig" build -Doptimize=ReleaseFast \
    -Dnative-libs="$native_libs" \
    --cache-dir "$root/bench/work/zig-cache/seed" \
    --prefix "$root/bench/work" \
    --summary none
echo "==> built $root/bench/work/bin/seed-zig"
