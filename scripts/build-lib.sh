#!/usr/bin/env bash
# build-lib.sh: builds libferrex.a and libferrex.so (release) and records the
# system libraries a static link needs in build/native-static-libs.txt, for
# C programs linking libferrex.a.
set -euo pipefail
mkdir -p build
# The same command build.zig runs, so neither invalidates the other's build.
cargo build -q --release -p ferrex-capi
# ferrex's dependencies are pure Rust, so a static link needs exactly what
# Rust's standard library needs: rustc names that for an empty staticlib.
# (Asking while building libferrex would need extra rustc flags, and those
# would make cargo rebuild the crate whenever build.zig's plain build ran.)
echo '#![no_main]' > build/empty.rs
rustc --crate-type=staticlib --print=native-static-libs build/empty.rs -o build/empty.a 2>&1 |
    sed -n 's/^note: native-static-libs: //p' | tail -n1 > build/native-static-libs.txt
rm -f build/empty.a
[ -s build/native-static-libs.txt ] || { echo "error: rustc did not name the native static libraries" >&2; exit 1; }
echo "==> libferrex built: target/release/libferrex.{a,so}; static link also needs: $(cat build/native-static-libs.txt)"
