#!/usr/bin/env bash
# build.sh: makes the Python engines of `make bench-python` runnable by
# bench/rebar/driver.py: a venv bench/work/py/cpython (python3) with the
# peers (pip, announced: regex, google-re2, hyperscan, pyahocorasick,
# ahocorasick-rs, and cffi for the ABI-mode loader) and this checkout's
# package (`pip install ./python`, every time, so it is the branch's), the
# Zig glue (python/zigglue/build.sh), and one script per engine,
# bench/work/bin/rebar-python-ENGINE, running runner.py ENGINE in the venv.
# libferrex.so (for cffi ABI mode) comes from `make lib`, which the make
# target runs first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
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
engines=$(cd bench/rebar/runner/python && "$root/$py" -B -c 'import runner; print(" ".join(runner.ENGINES))')
for e in $engines; do
    cat >"bench/work/bin/rebar-python-$e" <<SCRIPT
#!/bin/sh
# The rebar runner for python/$e (made by bench/rebar/runner/python/build.sh).
FERREX_ZIGGLUE_DIR='$zigglue' exec '$root/$py' -B '$root/bench/rebar/runner/python/runner.py' $e "\$@"
SCRIPT
    chmod +x "bench/work/bin/rebar-python-$e"
done
echo "==> Python engines ready: $(for e in $engines; do printf 'python/%s ' "$e"; done)"
