#!/usr/bin/env bash
# build.sh: makes the Python engines runnable by bench/driver/driver.py
# (`make bench-python`, `make bench-seed`): a venv bench/work/py/cpython (python3) with the
# peers (pip, announced: regex, google-re2, hyperscan, pyahocorasick,
# ahocorasick-rs, and cffi for the ABI-mode loader) and this checkout's
# package (`pip install ./python`, every time, so it is the branch's), the
# Zig glue (python/zigglue/build.sh), and the runner bench/work/bin/rebar-python,
# a script running runner.py in the venv (`--engine python/NAME` picks the engine).
# libferrex.so (for cffi ABI mode) comes from `make lib`, which the make
# target runs first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$root"
venv=bench/work/py/cpython
py=$venv/bin/python
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    scripts/need-pkg.sh python3-venv
fi
[ -x "$py" ] || { echo "==> creating the benchmark venv $venv (python3 -m venv)"; python3 -m venv "$venv"; }
missing=()
for spec in regex=regex re2=google-re2 hyperscan=hyperscan ahocorasick=pyahocorasick \
    ahocorasick_rs=ahocorasick-rs cffi=cffi; do
    "$py" -c "import ${spec%%=*}" >/dev/null 2>&1 || missing+=("${spec#*=}")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing the Python peers with pip into $venv: ${missing[*]}"
    "$py" -m pip install -q --disable-pip-version-check "${missing[@]}"
fi
echo "==> pip install ./python into $venv (the package under test)"
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python \
    >bench/work/py/install.log 2>&1 || { tail -20 bench/work/py/install.log; exit 1; }
zigglue=$(python/zigglue/build.sh "$py")

mkdir -p bench/work/bin
cat >bench/work/bin/rebar-python <<SCRIPT
#!/bin/sh
# The rebar runner for the python/* engines (made by bench/engines/python/build.sh).
FERREX_ZIGGLUE_DIR='$zigglue' exec '$root/$py' -B '$root/bench/engines/python/runner.py' "\$@"
SCRIPT
chmod +x bench/work/bin/rebar-python
engines=$(cd bench/engines/python && "$root/$py" -B -c 'import runner; print(" ".join(runner.ENGINES))')
echo "==> Python engines ready in bench/work/bin/rebar-python: $(for e in $engines; do printf 'python/%s ' "$e"; done)"
