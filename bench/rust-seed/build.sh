#!/usr/bin/env bash
# build.sh: builds the Rust seed runner (bench/work/bin/seed-rust) and the
# C API overhead benchmark (bench/work/bin/overhead). overhead links
# libferrex.so (built here with `make lib`) and the system's PCRE2, whose
# development package is installed if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scripts/need-pkg.sh libpcre2-dev
make -s lib
target="$root/bench/work/target-rust-seed"
cargo build -q --release --locked --manifest-path bench/rust-seed/Cargo.toml --target-dir "$target" \
    --bin seed-rust --bin overhead
mkdir -p bench/work/bin
cp "$target/release/seed-rust" "$target/release/overhead" bench/work/bin/
echo "==> built bench/work/bin/seed-rust and bench/work/bin/overhead"
