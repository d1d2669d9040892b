# ferrex front door. `make demo` and `make test` work on a fresh machine:
# anything missing beyond Rust, gcc and Python is installed (and announced).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help lib header demo demo-c test test-rust test-header test-c-asan test-c-valgrind tools clean

help:
	@echo "make demo    build fxgrep (Zig, on libferrex) and run it over this repository's sources"
	@echo "make demo-c  build libferrex and run the C example (capi/examples/demo.c)"
	@echo "make test    every check: Rust tests, header, C suite under ASan+UBSan and valgrind, Zig on 3 versions, fuzz smoke"
	@echo "make fuzz TARGET=regex_api SECONDS=900   a long fuzzing campaign (targets: regex_api regex_diff phrases_diff transform)"
	@echo "make lib     build target/release/libferrex.{a,so}"
	@echo "make header  regenerate include/ferrex.h from capi/src (cbindgen)"
	@echo "make bench-seed      the seed table: Python re/cffi, Rust, C, Zig (ferrex, PCRE2, linear loop) in one run"
	@echo "make bench-overhead  the C API against the Rust crates it wraps, and PCRE2 JIT"
	@echo "make bench-parity    ferrex (engine crate, C API) against the meta regex: every meta strategy, query and span"
	@echo "make bench-peers     rebar's curated benchmarks: ferrex vs PCRE2, RE2, Hyperscan, rure, the regex crate"

lib:
	@echo "==> building libferrex (cargo, release)"
	@scripts/build-lib.sh

header:
	@echo "==> regenerating include/ferrex.h with cbindgen"
	@FERREX_BLESS=1 cargo test -q -p ferrex-capi --test header
	@echo "==> include/ferrex.h written; commit it"

# The Zig tool over this repository's own sources (installs Zig if needed).
demo: zig-demo

demo-c: lib
	@echo "==> compiling capi/examples/demo.c against libferrex.a"
	@mkdir -p build
	@gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -O2 -Iinclude capi/examples/demo.c \
		target/release/libferrex.a $$(cat build/native-static-libs.txt) -o build/demo
	@echo "==> running build/demo"
	@echo
	@./build/demo

tools:
	@scripts/need.sh valgrind valgrind
	@scripts/need.sh clang clang

# Packages are tested one at a time: both libraries are named `ferrex`.
test-rust:
	@echo "==> rustfmt and clippy (warnings are errors)"
	@cargo fmt --all -- --check
	@cargo clippy -q -p ferrex --all-targets -- -D warnings
	@cargo clippy -q -p ferrex-capi --all-targets -- -D warnings
	@echo "==> Rust tests: engine (crate ferrex)"
	@cargo test -q -p ferrex
	@echo "==> Rust tests: C API (crate ferrex-capi: unit tests, header freshness, conformance)"
	@cargo test -q -p ferrex-capi

test-header: tools lib
	@scripts/header-compiles.sh
	@scripts/readme-example.sh

test-c-asan: lib
	@echo "==> C suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@scripts/c-tests.sh asan

test-c-valgrind: lib tools
	@echo "==> C suite under valgrind (static and shared libferrex)"
	@scripts/c-tests.sh valgrind

test: lib tools
	@mkdir -p build
	@set -o pipefail; $(MAKE) --no-print-directory test-rust test-header test-c-asan test-c-valgrind zig-test zig-fxgrep-test fuzz-smoke 2>&1 | tee build/test.log
	@echo "==> exported symbols of libferrex.so are all ferrex_*"
	@! nm -D --defined-only target/release/libferrex.so | awk '{print $$3}' | grep -v '^ferrex_'
	@echo "==> make test: every suite passed"
	@scripts/summary.sh build/test.log

clean:
	cargo clean
	rm -rf build

# The Zig example's targets (zig-test, zig-lib-check, zig-tools, ...).
include zig-example/zig.mk

# The fuzz targets' make logic (fuzz-smoke, fuzz TARGET=... SECONDS=...).
include fuzz/fuzz.mk

# The benchmarks (bench-seed, bench-overhead, bench-peers).
include bench/bench.mk
