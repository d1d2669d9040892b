#!/usr/bin/env bash
# is-match-instructions.sh: instructions per is-match call, ferrex (through
# the C ABI) vs. regex-automata's meta regex, counted by callgrind on the
# same inputs in one run. Deterministic, unlike wall time on a shared box.
set -euo pipefail
scripts/need.sh valgrind valgrind
cargo build -q --release -p ferrex-capi --example is_match_instructions
bin=target/release/examples/is_match_instructions
out=$(mktemp)
count() { callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep "is_match_instructions::$1 \[" | awk '{gsub(",","",$1); print int($1/10000)}'; }
printf '%-22s %-20s %8s %8s %7s\n' pattern haystack ferrex meta ratio
while IFS=$'\t' read -r pattern hay; do
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$pattern" "$hay" >/dev/null 2>&1
    f=$(count ferrex_call) m=$(count meta_call)
    printf '%-22s %-20s %8s %8s %6.2fx\n' "$pattern" "\"$hay\"" "$f" "$m" "$(awk -v f="$f" -v m="$m" 'BEGIN{print f/m}')"
done <<'CASES'
\d{4}-\d{2}-\d{2}	id 2024-05-0x ok
\d{4}-\d{2}-\d{2}	id 2024-05-01 ok
\bfoo\b	a foo b
(?i)sherlock|holmes	a study in scarlet
[a-z]+ing	singing
\w+@\w+\.\w+	no at sign here
CASES
rm -f "$out"
