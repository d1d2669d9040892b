#!/usr/bin/env bash
# rure.sh: builds bench/work/bin/rebar-rure, the rebar runner for engine
# "rust/rure": the runner core (runner/main.c, runner/redux.c) + adapters/rure.c, linked
# statically with rure (the regex crate's C API), which cargo builds from
# bench/rebar/rure-lib into bench/work/target-rure. rure.h ships inside the
# crate's source, so it is copied from cargo's registry checkout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rebar="$root/bench/rebar"
work="$root/bench/work"
manifest="$rebar/rure-lib/Cargo.toml"
target="$work/target-rure"
gen="$work/rure" # the copied header and the link line
out="$work/bin/rebar-rure"

"$root/scripts/need.sh" gcc gcc
echo "==> cargo: building rure (release) into $target"
cargo build -q --release --locked --manifest-path "$manifest" --target-dir "$target"

# Where cargo unpacked rure, and the versions of rure and of the regex crate
# under it (the adapter reports both as its version).
read -r rure_dir rure_version regex_version < <(
    cargo metadata -q --format-version 1 --locked --manifest-path "$manifest" |
        python3 -c '
import json, os, sys
pkgs = {p["name"]: p for p in json.load(sys.stdin)["packages"]}
rure = pkgs["rure"]
print(os.path.dirname(rure["manifest_path"]), rure["version"], pkgs["regex"]["version"])
')
mkdir -p "$gen/include" "$(dirname "$out")"
cp "$rure_dir/include/rure.h" "$gen/include/rure.h"

# The system libraries Rust's standard library needs in a static link, as
# rustc names them for an empty staticlib (as scripts/build-lib.sh does).
echo '#![no_main]' >"$gen/empty.rs"
rustc --crate-type=staticlib --print=native-static-libs "$gen/empty.rs" -o "$gen/empty.a" 2>&1 |
    sed -n 's/^note: native-static-libs: //p' | tail -n1 >"$gen/native-static-libs.txt"
rm -f "$gen/empty.a"
[ -s "$gen/native-static-libs.txt" ] || { echo "error: rustc did not name the native static libraries" >&2; exit 1; }

# shellcheck disable=SC2046 # the native libraries are separate words
gcc -O2 -std=c11 -Wall -Wextra -Werror \
    -DRURE_ADAPTER_VERSION="\"$rure_version (regex $regex_version)\"" \
    -I"$rebar/runner" -I"$gen/include" \
    "$rebar/runner/main.c" "$rebar/runner/redux.c" "$rebar/adapters/rure.c" \
    "$target/release/librebar_rure_lib.a" $(cat "$gen/native-static-libs.txt") \
    -o "$out"
echo "==> built $out (rure $("$out" --version))"
