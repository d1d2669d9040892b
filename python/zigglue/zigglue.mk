# The seed's chain, Python -> C shim -> Zig glue -> ferrex (python/zigglue/),
# included by python/python.mk. `make python-test` runs zigglue-test first:
# build.sh builds the extension with `zig build` (Zig 0.17.1 from
# scripts/zig.sh), then pytest runs test_zigglue.py on python3 (CPython
# 3.11+; pytest pip-installed if missing, announced). Last line:
# "zigglue: N passed, M failed".
.PHONY: zigglue-test

zigglue-test:
	@scripts/need-py.sh pytest=pytest
	@set -o pipefail; dir=$$(python/zigglue/build.sh) || { echo "zigglue: 0 passed, 1 failed"; exit 1; }; \
	echo "==> python/zigglue/test_zigglue.py on $$(python3 -c 'import sys; print(sys.version.split()[0])') with $$dir/ferrex_zigglue.abi3.so"; \
	FERREX_ZIGGLUE_DIR=$$dir python3 -m pytest -q -p no:cacheprovider python/zigglue/test_zigglue.py | tee build/zigglue/pytest.log; \
	rc=$$?; read -r p f < <(scripts/pytest-counts.sh build/zigglue/pytest.log $$rc); \
	echo "zigglue: $$p passed, $$f failed"; exit $$rc

python-test: zigglue-test
