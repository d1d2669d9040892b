#!/usr/bin/env bash
# summary.sh LOG: sums every suite's counts in a `make test` log (cargo's
# "test result" lines, the conformance runner's and the C programs' closing
# lines, the Zig tests' closing line) into one closing line,
# "total: N passed, N failed".
set -euo pipefail
awk '
    /^test result: / { gsub(/[.;]/, ""); p += $4; f += $6; next }
    /^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ { p += $1; f += $3; next }
    /^ +(asan|valgrind): test_[a-z_]+: [0-9]+ passed, [0-9]+ failed/ { p += $3; f += $5; next }
    /^(zig|zig-package|fxgrep-vs-grep|install|abi): [0-9]+ passed, [0-9]+ failed$/ { p += $2; f += $4; next }
    END { printf "total: %d passed, %d failed\n", p, f; exit f > 0 }
' "$1"
