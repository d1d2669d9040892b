#!/usr/bin/env bash
# build.sh [RUNNER...]: builds the rebar runners into bench/work/bin/ (all of
# them, or the ones named). A runner is the C core (core/main.c, core/redux.c:
# KLV in, models, timing, samples out) linked with one adapter (engine.h);
# the driver (bench/driver/engines.py) says which engines each one serves.
#
#   ferrex     rebar-ferrex: c/ferrex.c over libferrex.a (ferrex/api, ferrex/phrases)
#   rust       rebar-rust: the staticlib in rust/ (rust/regex, rust/aho-corasick, rust/std)
#   zig        rebar-zig: zig/adapter.zig over the Zig wrapper, PCRE2 and a linear loop
#   pcre2-jit  rebar-pcre2-jit, pcre2-interp rebar-pcre2-interp: c/pcre2.c over the system's PCRE2
#   re2        rebar-re2: c/re2.cc over the system's RE2
#   hyperscan  rebar-hyperscan: c/hyperscan.c over the system's Hyperscan (or Vectorscan)
#   rure       rebar-rure: c/rure.c over rure, the regex crate's C API (c/rure-lib)
#
# What a runner needs is installed when missing (scripts/need*.sh say so).
# Each runner built checks its regex-redux search (--check-find-at).
# One failing build does not stop the others; the exit status is non-zero
# if any failed, and the failures are listed.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/engines"
work="$root/bench/work"
bin="$work/bin"
core=("$here/core/main.c" "$here/core/redux.c")
cflags=(-O2 -std=c11 -Wall -Wextra -Werror -I"$here/core")
ALL=(ferrex rust zig pcre2-jit pcre2-interp re2 hyperscan rure)

# The system libraries a Rust staticlib needs, as rustc names them when it
# links one (`--print=native-static-libs`; an empty crate names the same).
rust_native_libs() {
    local dir="$work/rust-native"
    if [ ! -s "$dir/libs.txt" ]; then
        mkdir -p "$dir"
        echo '#![no_main]' >"$dir/empty.rs"
        rustc --crate-type=staticlib --print=native-static-libs "$dir/empty.rs" -o "$dir/empty.a" 2>&1 |
            sed -n 's/^note: native-static-libs: //p' | tail -n1 >"$dir/libs.txt"
        rm -f "$dir/empty.a"
    fi
    [ -s "$dir/libs.txt" ] || { echo "error: rustc did not name the native static libraries" >&2; return 1; }
    cat "$dir/libs.txt"
}

build_ferrex() {
    "$root/scripts/need.sh" gcc gcc && make -s -C "$root" lib || return 1
    # shellcheck disable=SC2046 # the native libraries are separate words
    gcc "${cflags[@]}" -I"$root/include" "${core[@]}" "$here/c/ferrex.c" \
        "$root/build/lib/libferrex.a" $(cat "$root/build/native-static-libs.txt") -o "$bin/rebar-ferrex"
}

build_rust() {
    local target="$work/target-rust-engines"
    echo "==> cargo: building bench/engines/rust (release) into $target"
    cargo build -q --release --locked --manifest-path "$here/rust/Cargo.toml" --target-dir "$target" || return 1
    # shellcheck disable=SC2046
    gcc "${cflags[@]}" "${core[@]}" "$target/release/librebar_rust.a" $(rust_native_libs) -o "$bin/rebar-rust"
}

# The ferrex package (the repository root) builds libferrex with cargo, into
# this repository's target/ as `make lib` does.
build_zig() {
    "$root/scripts/need-pkg.sh" libpcre2-dev || return 1
    local zig
    zig=$("$root/scripts/zig.sh" 0.17.1) || return 1
    echo "==> zig build -Doptimize=ReleaseFast in bench/engines/zig"
    (cd "$here/zig" && CARGO_TARGET_DIR="$root/target" "$zig" build -Doptimize=ReleaseFast --summary none \
        --cache-dir "$work/zig-cache/engines" --prefix "$work/zig-engines") || return 1
    cp "$work/zig-engines/bin/rebar-zig" "$bin/rebar-zig"
}

build_pcre2() { # $1: jit or interp
    "$root/scripts/need.sh" gcc gcc && "$root/scripts/need-pkg.sh" libpcre2-dev || return 1
    local jit=()
    [ "$1" = jit ] && jit=(-DPCRE2_ADAPTER_JIT)
    gcc "${cflags[@]}" "${jit[@]}" "${core[@]}" "$here/c/pcre2.c" -lpcre2-8 -o "$bin/rebar-pcre2-$1"
}

build_re2() {
    "$root/scripts/need.sh" g++ g++ && "$root/scripts/need.sh" pkg-config pkgconf &&
        "$root/scripts/need-pkg.sh" libre2-dev || return 1
    local version obj="$work/obj-re2"
    version=$(dpkg-query -W -f='${Version}' libre2-dev | sed 's/^[0-9]*://; s/[+~-].*//')
    mkdir -p "$obj"
    gcc -O2 -std=c11 -Wall -Wextra -I"$here/core" -c "$here/core/main.c" -o "$obj/main.o" &&
        gcc -O2 -std=c11 -Wall -Wextra -I"$here/core" -c "$here/core/redux.c" -o "$obj/redux.o" &&
        # shellcheck disable=SC2046
        g++ -O2 -std=c++17 -Wall -Wextra -I"$here/core" $(pkg-config --cflags re2) \
            -DREBAR_RE2_VERSION="\"$version\"" -c "$here/c/re2.cc" -o "$obj/re2.o" &&
        # shellcheck disable=SC2046
        g++ -O2 "$obj/main.o" "$obj/redux.o" "$obj/re2.o" $(pkg-config --libs re2) -o "$bin/rebar-re2"
}

build_hyperscan() {
    "$root/scripts/need.sh" pkg-config pkgconf && "$root/scripts/need-pkg.sh" 'libhyperscan-dev|libvectorscan-dev' ||
        return 1
    # shellcheck disable=SC2046
    gcc -O2 -std=c11 -Wall -Wextra -I"$here/core" $(pkg-config --cflags libhs) "${core[@]}" "$here/c/hyperscan.c" \
        $(pkg-config --libs libhs) -o "$bin/rebar-hyperscan"
}

build_rure() {
    "$root/scripts/need.sh" gcc gcc || return 1
    local manifest="$here/c/rure-lib/Cargo.toml" target="$work/target-rure" gen="$work/rure"
    echo "==> cargo: building rure (release) into $target"
    cargo build -q --release --locked --manifest-path "$manifest" --target-dir "$target" || return 1
    local rure_dir rure_version regex_version
    read -r rure_dir rure_version regex_version < <(
        cargo metadata -q --format-version 1 --locked --manifest-path "$manifest" | python3 -c '
import json, os, sys
pkgs = {p["name"]: p for p in json.load(sys.stdin)["packages"]}
print(os.path.dirname(pkgs["rure"]["manifest_path"]), pkgs["rure"]["version"], pkgs["regex"]["version"])')
    mkdir -p "$gen/include"
    cp "$rure_dir/include/rure.h" "$gen/include/rure.h"
    # shellcheck disable=SC2046
    gcc "${cflags[@]}" -DRURE_ADAPTER_VERSION="\"$rure_version (regex $regex_version)\"" -I"$gen/include" \
        "${core[@]}" "$here/c/rure.c" "$target/release/librebar_rure_lib.a" $(rust_native_libs) -o "$bin/rebar-rure"
}

build_one() {
    case "$1" in
    ferrex | rust | zig | re2 | hyperscan | rure) "build_$1" ;;
    pcre2-jit) build_pcre2 jit ;;
    pcre2-interp) build_pcre2 interp ;;
    *) echo "error: no runner $1 (have: ${ALL[*]})" >&2; return 1 ;;
    esac
}

[ $# -gt 0 ] || set -- "${ALL[@]}"
mkdir -p "$bin"
failed=()
for name in "$@"; do
    echo "==> building the rebar runner $name (bench/engines/build.sh)"
    if build_one "$name"; then
        out="$bin/rebar-$name"
        [ -x "$out" ] && echo "==> built $out ($("$out" --version))"
        # regex-redux's search as the core asks it, against a fresh engine
        # a search (engine.h lets an adapter read matches ahead).
        if ! "$out" --check-find-at; then
            echo "==> FAILED: $name (--check-find-at)" >&2
            failed+=("$name")
        fi
    else
        echo "==> FAILED: $name" >&2
        failed+=("$name")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "==> ${#failed[@]} of $# runner builds failed: ${failed[*]}" >&2
    exit 1
fi
echo "==> $# rebar runners built in bench/work/bin/"
