#!/usr/bin/env bash
# python-test.sh: the Python package's tests on CPython (python3) and PyPy
# (pypy3): for each, a venv under build/py/, `pip install ./python` into it
# (which builds libferrex with cargo and the binding against it), pytest
# into it, and python/tests run. Installs what is missing, announced: pypy3
# and pypy3-venv (and python3-venv for a Debian python3) with apt-get,
# pytest and pytest-timeout with pip into each venv (and mypy into
# CPython's). A test still running after PYTEST_TIMEOUT seconds (300) fails
# with its threads' stacks, so a hang costs minutes, not CI's whole budget.
# The last line is "python: N passed, M failed", pytest's counts summed
# over both.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/py

# python3's venv module: a Debian python3 needs python3-venv (ensurepip).
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    scripts/need-pkg.sh python3-venv
fi
command -v pypy3 >/dev/null 2>&1 || echo "==> pypy3 not found"
scripts/need-pkg.sh pypy3 pypy3-venv pypy3-dev || exit 1

passed=0 failed=0 status=0
for impl in cpython pypy; do
    py=python3
    [ "$impl" = pypy ] && py=pypy3
    venv=build/py/$impl
    echo "==> Python package on $impl ($($py -c 'import sys; print(sys.version.split()[0], sys.implementation.name)')): venv $venv"
    if [ ! -x "$venv/bin/python" ]; then
        $py -m venv "$venv" || { echo "error: cannot create $venv" >&2; failed=$((failed + 1)); status=1; continue; }
    fi
    if ! "$venv/bin/python" -c 'import pytest, pytest_timeout' >/dev/null 2>&1; then
        echo "==> installing pytest and pytest-timeout with pip into $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check pytest pytest-timeout || { failed=$((failed + 1)); status=1; continue; }
    fi
    # mypy type-checks a usage file against the stubs (tests/test_stubs.py):
    # CPython only (a compiled wheel, seconds to install and run), its major
    # version bounded, as the test reads its error codes.
    if [ "$impl" = cpython ] && ! "$venv/bin/python" -c 'import mypy' >/dev/null 2>&1; then
        echo "==> installing mypy with pip into $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check 'mypy>=1.5,<3' || { failed=$((failed + 1)); status=1; continue; }
    fi
    echo "==> pip install ./python ($impl)"
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./python \
        >build/py/$impl-install.log 2>&1; then
        tail -30 build/py/$impl-install.log
        echo "error: pip install ./python failed on $impl (build/py/$impl-install.log)" >&2
        failed=$((failed + 1)) status=1
        continue
    fi
    # Run from python/tests with the installed package (not the source tree).
    log=build/py/$impl-pytest.log
    (cd python/tests && "../../$venv/bin/python" -m pytest -q -p no:cacheprovider --timeout="${PYTEST_TIMEOUT:-300}" .) 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 0 ] || status=1
    read -r p f < <(scripts/pytest-counts.sh "$log" "$rc")
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "python: $passed passed, $failed failed"
exit $status
