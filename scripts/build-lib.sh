#!/usr/bin/env bash
# build-lib.sh: builds libferrex.a and libferrex.so (release) and records the
# system libraries a static link needs (rustc's native-static-libs) in
# build/native-static-libs.txt, for C programs linking libferrex.a.
set -euo pipefail
out=build/native-static-libs.txt
mkdir -p build
build() {
    # `cargo rustc` (not `cargo build`) so rustc can be asked to print the
    # list; it only prints when it actually compiles the capi crate.
    cargo rustc --release -p ferrex-capi --lib -- --print native-static-libs 2>&1 |
        tee build/cargo-lib.log |
        { grep -v '^note: native-static-libs' || true; } |
        { grep -E '^(error|warning)' -A10 || true; }
    local line
    line=$(sed -n 's/^note: native-static-libs: //p' build/cargo-lib.log | tail -n1)
    [ -n "$line" ] && echo "$line" > "$out"
    return 0
}
build
if [ ! -s "$out" ]; then
    touch capi/src/lib.rs # force rustc to run once more so it prints the list
    build
fi
grep -q '^error' build/cargo-lib.log && { cat build/cargo-lib.log >&2; exit 1; }
[ -s "$out" ] || { echo "error: could not learn native-static-libs" >&2; exit 1; }
echo "==> libferrex built: target/release/libferrex.{a,so}; static link also needs: $(cat "$out")"
