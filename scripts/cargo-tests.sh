#!/usr/bin/env bash
# cargo-tests.sh NAME ARGS...: runs `cargo test ARGS`, shows its output and
# closes with "NAME: N passed, M failed", the sum of libtest's
# "test result" lines (a run that fails without reporting a failed test, a
# build error, counts as one failed). Suites with harness = false print
# their own closing line. Exits with cargo's status.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: scripts/cargo-tests.sh NAME [cargo test args]" >&2; exit 2; }
name=$1
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r passed failed < <(awk '/^test result: / { gsub(/[.;]/, ""); p += $4; f += $6 }
    END { print p + 0, f + 0 }' "$log")
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$name: $passed passed, $failed failed"
exit "$status"
