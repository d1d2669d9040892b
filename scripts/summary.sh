#!/usr/bin/env bash
# summary.sh LOG: sums the closing lines of every suite in a `make test` log,
# each "NAME: N passed, M failed" at the start of a line, into one closing
# line, "total: N passed, M failed"; exits non-zero if any test failed.
set -euo pipefail
awk '
    /^[a-z][a-z0-9_-]*: [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4 }
    END { printf "total: %d passed, %d failed\n", p, f; exit f > 0 }
' "$1"
