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
	rc=$$?; line=$$(tail -n 1 build/zigglue/pytest.log); \
	p=$$(grep -oE '[0-9]+ passed' <<<"$$line" | grep -oE '[0-9]+' || true); \
	f=$$(grep -oE '[0-9]+ (failed|errors?)' <<<"$$line" | awk '{s += $$1} END {print s + 0}'); \
	[ $$rc -eq 0 ] || [ "$${f:-0}" -gt 0 ] || f=1; \
	echo "zigglue: $${p:-0} passed, $${f:-0} failed"; exit $$rc

python-test: zigglue-test
