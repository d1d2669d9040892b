#!/usr/bin/env bash
# python-sdist-test.sh: the Python package's sdist builds on its own. In a
# temporary directory: `python -m build python` (the sdist, then a wheel
# built from the sdist alone, as PyPI's users would), both checked for the
# licence files and the sdist for build outputs; then the sdist installed
# with pip, from a directory outside any checkout, into a fresh venv, and
# imported; on CPython 3.11+ its extension must export PyInit__ferrex only.
# Needs what `pip install ./python` needs, and pip's access to PyPI (build,
# setuptools). The last line is "python-sdist: N passed, 0 failed" (the
# first failing check stops it with an error).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail() { echo "error: python-sdist: $*" >&2; echo "python-sdist: $passed passed, 1 failed"; exit 1; }

echo "==> python -m build python (sdist, then a wheel from it)"
python3 -m venv "$tmp/build-venv"
"$tmp/build-venv/bin/python" -m pip install -q --disable-pip-version-check build
"$tmp/build-venv/bin/python" -m build python -o "$tmp/dist" >"$tmp/build.log" 2>&1 ||
    { tail -30 "$tmp/build.log"; fail "python -m build failed"; }
sdist=$(echo "$tmp"/dist/ferrex-*.tar.gz) wheel=$(echo "$tmp"/dist/ferrex-*.whl)
if [ ! -f "$sdist" ] || [ ! -f "$wheel" ]; then fail "no sdist and wheel in $tmp/dist"; fi
passed=$((passed + 1))

# tar and unzip may be missing: Python reads both archives.
python3 - "$sdist" "$wheel" <<'EOF' || fail "the archives' contents (above)"
import sys, tarfile, zipfile
sdist = [m.split("/", 1)[1] for m in tarfile.open(sys.argv[1]).getnames() if "/" in m]
wheel = zipfile.ZipFile(sys.argv[2]).namelist()
bad = []
for name in "LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY-NOTICES":
    if name not in sdist:
        bad.append(f"sdist lacks {name}")
    if not any(w.endswith(f".dist-info/licenses/{name}") for w in wheel):
        bad.append(f"wheel lacks .dist-info/licenses/{name}")
for need in "_src/Cargo.lock", "_src/scripts/build-lib.sh", "_src/include/ferrex.h":
    if need not in sdist:
        bad.append(f"sdist lacks {need}")
bad += [f"sdist carries build output {m}" for m in sdist if {"build", "target"} & set(m.split("/")[:2])]
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
passed=$((passed + 1))

echo "==> pip install of the sdist alone, into a fresh venv"
mkdir "$tmp/elsewhere"
cp "$sdist" "$tmp/elsewhere/"
python3 -m venv "$tmp/venv"
(cd "$tmp/elsewhere" && "$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check ./ferrex-*.tar.gz) \
    >"$tmp/install.log" 2>&1 || { tail -30 "$tmp/install.log"; fail "pip install of the sdist failed"; }
got=$(cd "$tmp" && "$tmp/venv/bin/python" -c 'import ferrex; print(ferrex.findall(r"\d+", "a1b22"))')
[ "$got" = "['1', '22']" ] || fail "ferrex.findall gave $got"
passed=$((passed + 1))

so=$(find "$tmp/venv" -path '*/site-packages/ferrex/_ferrex.*so' | head -n1)
if [ -n "$so" ]; then
    exported=$(nm -D --defined-only "$so" | awk '{print $3}' | tr '\n' ' ')
    [ "$exported" = "PyInit__ferrex " ] || fail "$so exports $exported(PyInit__ferrex only expected)"
    passed=$((passed + 1))
fi
echo "python-sdist: $passed passed, 0 failed"
