#!/usr/bin/env bash
# build.sh: builds bench/work/bin/seed-zig, the Zig runner of the seed table
# (bench/seed/PROTOCOL.md), from a fresh machine: installs what it needs
# through the project's scripts, then `zig build` (the ferrex package at
# the repository root builds libferrex).
# Build products stay under bench/work/ (the Zig cache too).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

echo "==> PCRE2 headers and library (libpcre2-dev)"
scripts/need-pkg.sh libpcre2-dev

echo "==> Zig 0.17.1"
zig=$(scripts/zig.sh 0.17.1)

echo "==> zig build -Doptimize=ReleaseFast in bench/seed/zig, installing bench/work/bin/seed-zig"
echo "    (the ferrex package builds libferrex with cargo, into this repository's target/ as make lib does)"
mkdir -p bench/work
cd "$here"
CARGO_TARGET_DIR="$root/target" "$zig" build -Doptimize=ReleaseFast \
    --cache-dir "$root/bench/work/zig-cache/seed" \
    --prefix "$root/bench/work" \
    --summary none
echo "==> built $root/bench/work/bin/seed-zig"
