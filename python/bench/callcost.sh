#!/usr/bin/env bash
# callcost.sh: python/bench/callcost.py on CPython and PyPy, in the venvs
# `make python-test` made (cffi is pip-installed into the CPython one,
# announced, to build the cffi module for comparison).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! build/py/cpython/bin/python -c 'import cffi' 2>/dev/null; then
    echo "==> installing cffi with pip into build/py/cpython (for the comparison)"
    build/py/cpython/bin/python -m pip install -q --disable-pip-version-check cffi
fi
for impl in cpython pypy; do
    (cd build && "py/$impl/bin/python" ../python/bench/callcost.py)
done
