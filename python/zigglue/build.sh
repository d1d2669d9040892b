#!/usr/bin/env bash
# build.sh [PYTHON]: builds build/zigglue/lib/ferrex_zigglue.abi3.so, the
# seed's chain (Python -> C shim -> Zig glue -> ferrex), with `zig build`,
# for PYTHON (default python3; CPython 3.11+). Zig 0.17.1 comes from
# scripts/zig.sh (PyPI's ziglang into .tools/, announced); the ferrex
# package builds libferrex with cargo into the repository's target/, as
# `make lib` does. Prints the directory to put on sys.path.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
py=${1:-python3}
"$py" -c 'import sys; assert sys.implementation.name == "cpython" and sys.version_info >= (3, 11), sys.version' ||
    { echo "error: ferrex_zigglue needs CPython 3.11+ (the limited API with buffers)" >&2; exit 1; }
include=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
if [ ! -f "$include/Python.h" ]; then
    "$root/scripts/need-pkg.sh" python3-dev >&2
fi
zig=$("$root/scripts/zig.sh" 0.17.1)
echo "==> zig build in python/zigglue (Zig 0.17.1, ReleaseFast): build/zigglue/lib/ferrex_zigglue.abi3.so" >&2
cd "$here"
CARGO_TARGET_DIR="$root/target" "$zig" build -Dpython-include="$include" \
    --cache-dir "$root/build/zigglue/zig-cache" --prefix "$root/build/zigglue" --summary none >&2
echo "$root/build/zigglue/lib"
