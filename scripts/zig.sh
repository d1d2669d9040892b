#!/usr/bin/env bash
# zig.sh VERSION: prints the path of a `zig` binary of exactly VERSION.
#
# A `zig` on PATH is used when it reports that version. Otherwise the
# `ziglang` package of that version is installed from PyPI with pip into the
# project-local .tools/zig-VERSION/ (git-ignored), once, saying so on stderr;
# the zig binary ships inside the package's `ziglang/` directory.
# Only the path goes to stdout, so `ZIG=$(scripts/zig.sh 0.17.1)` works.
set -euo pipefail
export PIP_ROOT_USER_ACTION=ignore

if [ $# -ne 1 ] || ! [[ $1 =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "usage: scripts/zig.sh VERSION   (e.g. 0.17.1)" >&2
    exit 2
fi
version=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# 1. A zig on PATH of exactly this version.
if command -v zig >/dev/null 2>&1; then
    have=$(zig version 2>/dev/null || true)
    if [ "$have" = "$version" ]; then
        command -v zig
        exit 0
    fi
fi

# 2. The project-local copy from PyPI.
dir=$root/.tools/zig-$version
bin=$dir/ziglang/zig
if [ ! -x "$bin" ] || [ "$("$bin" version 2>/dev/null || true)" != "$version" ]; then
    echo "==> zig $version not found: installing PyPI package ziglang==$version into .tools/zig-$version (pip)" >&2
    # Install into a temporary directory and move it into place, so an
    # interrupted or concurrent install never leaves a half-filled copy.
    mkdir -p "$root/.tools"
    tmp=$(mktemp -d "$root/.tools/.zig-$version.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    if ! python3 -m pip install --quiet --disable-pip-version-check --no-deps \
        --target "$tmp" "ziglang==$version" >&2; then
        echo "error: pip could not install ziglang==$version" >&2
        exit 1
    fi
    [ -x "$tmp/ziglang/zig" ] || { echo "error: ziglang==$version has no ziglang/zig binary" >&2; exit 1; }
    rm -rf "$dir"
    mv "$tmp" "$dir" 2>/dev/null || [ -x "$bin" ] # a concurrent install may have won
    trap - EXIT
    rm -rf "$tmp"
fi
got=$("$bin" version)
if [ "$got" != "$version" ]; then
    echo "error: $bin reports version $got, not $version" >&2
    exit 1
fi
echo "$bin"
