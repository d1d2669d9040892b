#!/usr/bin/env bash
# build.sh: builds the Rust seed runner (bench/work/bin/seed-rust), the C
# API overhead benchmark (bench/work/bin/overhead) and the parity benchmark
# (bench/work/bin/parity). The last two link libferrex.so (built here with
# `make lib`) and the system's PCRE2, whose development package is
# installed if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scripts/need-pkg.sh libpcre2-dev
make -s lib
target="$root/bench/work/target-rust-seed"
build() {
    cargo build -q --release --locked --manifest-path bench/rust-seed/Cargo.toml --target-dir "$target" "$@"
}
# Two cargo calls, so that the engine crate's regex-automata features
# (parity depends on it) are not unified into overhead's regex crate.
build --bin seed-rust --bin overhead
build --bin parity
mkdir -p bench/work/bin
cp "$target/release/seed-rust" "$target/release/overhead" "$target/release/parity" bench/work/bin/
echo "==> built bench/work/bin/seed-rust, overhead and parity"
