#!/usr/bin/env bash
# python-asan-test.sh: the Python package's tests on CPython with its C
# extension (_ferrex.c, _phrases.c, _stream.c, _strhay.h) built under
# AddressSanitizer and UndefinedBehaviorSanitizer, as the C suite runs: a
# venv under build/py/cpython-asan, the extension built from a copy of
# python/ (so no object file of the plain build is reused) against this
# checkout's libferrex, and python3 run with the sanitizer runtimes
# preloaded (python3 itself is not instrumented) and PYTHONMALLOC=malloc
# (so a str's or bytes' bounds are ASan's too, not pymalloc's pools). An
# error aborts the test process, which fails the run. Leaks are not checked: CPython keeps its own
# allocations to the end. The mypy tests are python-test's. Last line:
# "python-asan: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

venv=build/py/cpython-asan
src=build/py/asan-src
log=build/py/cpython-asan-pytest.log
echo "==> Python package on CPython, C extension under ASan and UBSan: venv $venv"
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "==> python3 is older than 3.11 (no C extension, cffi instead): nothing to sanitize"
    echo "python-asan: 0 passed, 0 failed"
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { echo "python-asan: 0 passed, 1 failed"; exit 1; }
fi
if ! "$venv/bin/python" -c 'import pytest, pytest_timeout' >/dev/null 2>&1; then
    echo "==> installing pytest and pytest-timeout with pip into $venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check pytest pytest-timeout ||
        { echo "python-asan: 0 passed, 1 failed"; exit 1; }
fi

rm -rf "$src" && mkdir -p "$src" && cp -r python "$src/" && rm -rf "$src/python/build"
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
echo "==> pip install the package built with $flags"
if ! FERREX_SOURCE="$PWD" CFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined" \
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$src/python" \
    >build/py/cpython-asan-install.log 2>&1; then
    tail -30 build/py/cpython-asan-install.log
    echo "python-asan: 0 passed, 1 failed"
    exit 1
fi

preload="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
(cd python/tests && PYTHONMALLOC=malloc LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "../../$venv/bin/python" -m pytest -q -p no:cacheprovider --timeout="${PYTEST_TIMEOUT:-600}" \
    -k "not test_usage_type_checks and not test_misuse_is_refused" .) 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r p f < <(scripts/pytest-counts.sh "$log" "$status")  # a sanitizer abort counts one failed
echo "python-asan: $p passed, $f failed"
[ "$status" -eq 0 ]
