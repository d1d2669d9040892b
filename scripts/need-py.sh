#!/usr/bin/env bash
# need-py.sh MODULE=PIP_PACKAGE...: pip-installs (for this user) each Python
# package whose module does not import yet, saying so.
set -euo pipefail
missing=()
for spec in "$@"; do
    mod=${spec%%=*} pkg=${spec#*=}
    python3 -c "import $mod" >/dev/null 2>&1 || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> installing Python packages with pip: ${missing[*]}"
python3 -m pip install -q --disable-pip-version-check "${missing[@]}"
