#!/usr/bin/env bash
# symbols-check.sh: the libraries in build/lib define no global symbol but
# ferrex_*: libferrex.so exports only the C API, and libferrex.a keeps Rust's
# standard library and the crates inside local (scripts/build-lib.sh), so
# neither can clash with another library in the same program.
set -euo pipefail
cd "$(dirname "$0")/.."
defined_globals() { # readelf's symbol table: bound GLOBAL or WEAK, not UNDefined
    readelf -sW "$@" | awk '($5 == "GLOBAL" || $5 == "WEAK") && $7 != "UND" && $8 != "" { print $8 }' | sed 's/@.*//' | sort -u
}
status=0
for lib in build/lib/libferrex.so build/lib/libferrex.a; do
    flag=; [ "${lib##*.}" = so ] && flag=--dyn-syms
    all=$(defined_globals $flag "$lib")
    api=$(grep -c '^ferrex_' <<<"$all" || true)
    others=$(grep -v '^ferrex_' <<<"$all" || true)
    if [ -n "$others" ]; then
        echo "FAILED: $lib defines global symbols outside the C API:"; head -n 20 <<<"$others"; status=1
    elif [ "$api" -eq 0 ]; then
        echo "FAILED: $lib defines no ferrex_* symbol"; status=1
    else
        echo "  $lib: $api global symbols, all ferrex_*"
    fi
done
exit $status
