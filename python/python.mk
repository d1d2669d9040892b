# The Python package (python/): `make python-test` builds it into venvs for
# CPython and PyPy under build/py/ and runs its tests on both
# (scripts/python-test.sh; last line "python: N passed, M failed").
.PHONY: python-test python-asan-test python-sdist-test python-bench-call

python-test:
	@scripts/python-test.sh

# The same tests on CPython with the C extension built under ASan and UBSan
# (scripts/python-asan-test.sh; last line "python-asan: N passed, M failed").
python-asan-test:
	@scripts/python-asan-test.sh

# The sdist builds on its own: `python -m build python`, then the sdist
# installed alone (outside any checkout) into a fresh venv and imported.
python-sdist-test:
	@scripts/python-sdist-test.sh

# The call-cost measurement behind the binding choice (python/README.md).
python-bench-call: python-test
	@python/bench/callcost.sh

# The seed's chain: a Python extension whose glue is Zig (zigglue-test,
# run by python-test).
include python/zigglue/zigglue.mk
