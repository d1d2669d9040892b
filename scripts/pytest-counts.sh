#!/usr/bin/env bash
# pytest-counts.sh LOG STATUS: "P F", the passed and failed counts of the
# last line pytest wrote to LOG, for a suite's closing line ("NAME: P
# passed, F failed", which scripts/summary.sh sums). A run that exited
# with a non-zero STATUS without reporting a failure (it died: a sanitizer
# abort, a crash, an error before any test), or that reported no count at
# all, counts one failed.
set -uo pipefail
line=$(tail -n 1 "$1" 2>/dev/null)
p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || true)
f=$(grep -oE '[0-9]+ (failed|errors?)' <<<"$line" | awk '{s += $1} END {print s + 0}')
if { [ "${2:-0}" -ne 0 ] || [ -z "$p" ]; } && [ "$f" -eq 0 ]; then
    f=1
fi
echo "${p:-0} $f"
