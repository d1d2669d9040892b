#!/usr/bin/env bash
# build.sh: builds the C API overhead benchmark (bench/work/bin/overhead)
# and the parity benchmark (bench/work/bin/parity). Both link libferrex.so
# (built here with `make lib`); overhead also the system's PCRE2, whose
# development package is installed if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scripts/need-pkg.sh libpcre2-dev
make -s lib
target="$root/bench/work/target-rust"
build() {
    cargo build -q --release --locked --manifest-path bench/rust/Cargo.toml --target-dir "$target" "$@"
}
# Two cargo calls, so that the engine crate's regex-automata features
# (parity depends on it) are not unified into overhead's regex crate.
build --bin overhead
build --bin parity
mkdir -p bench/work/bin
cp "$target/release/overhead" "$target/release/parity" bench/work/bin/
echo "==> built bench/work/bin/overhead and parity"
