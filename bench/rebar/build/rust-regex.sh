#!/usr/bin/env bash
# rust-regex.sh: builds bench/work/bin/rebar-rust-regex, the rebar runner
# core (runner/main.c, runner/redux.c) linked with the "rust/regex" engine: the staticlib in
# bench/rebar/rust-regex/ (regex-automata's meta::Regex behind engine.h).
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=bench/work/rust-regex-target
obj=bench/work/rebar-obj/rust-regex
libs_file=$target/native-static-libs.txt
mkdir -p "$obj" bench/work/bin
# rustc names the system libraries a staticlib needs when it links the crate
# (cargo replays that note when the crate is fresh). The list is kept from
# the build that printed it; if no build has, our crate alone (not its
# dependencies) is rebuilt to print it.
build() {
    cargo rustc -q --release --locked --manifest-path bench/rebar/rust-regex/Cargo.toml \
        --target-dir "$target" -- --print=native-static-libs 2>"$obj/rustc.log" ||
        { cat "$obj/rustc.log" >&2; exit 1; }
    local libs
    libs=$(sed -n 's/^note: native-static-libs: //p' "$obj/rustc.log" | tail -n1)
    if [ -n "$libs" ]; then echo "$libs" >"$libs_file"; fi
}
build
if [ ! -s "$libs_file" ]; then
    cargo clean -q --release -p rebar-rust-regex --manifest-path bench/rebar/rust-regex/Cargo.toml \
        --target-dir "$target"
    build
fi
[ -s "$libs_file" ] || { echo "error: rustc did not name the native static libraries" >&2; exit 1; }
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/main.c -o "$obj/main.o"
gcc -O2 -std=c11 -Wall -Wextra -Ibench/rebar/runner -c bench/rebar/runner/redux.c -o "$obj/redux.o"
# shellcheck disable=SC2046  # the list holds several -l flags
gcc -O2 "$obj/main.o" "$obj/redux.o" "$target/release/librebar_rust_regex.a" $(cat "$libs_file") \
    -o bench/work/bin/rebar-rust-regex
echo "==> built bench/work/bin/rebar-rust-regex"
