# ferrex front door. `make demo` and `make test` work on a fresh machine:
# anything missing beyond Rust, gcc and Python is installed (and announced).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help lib header demo demo-c test test-rust test-header test-c-asan test-c-valgrind tools clean \
	install uninstall install-test abi-check abi-update notices

help:
	@echo "make demo    build fxgrep (Zig, on libferrex) and run it over this repository's sources"
	@echo "make demo-c  build libferrex and run the C example (capi/examples/demo.c)"
	@echo "make test    every check: Rust tests, header, C suite under ASan+UBSan and valgrind, install, ABI, Zig on 3 versions, Python, fuzz smoke"
	@echo "make fuzz TARGET=regex_api SECONDS=900   a long fuzzing campaign (targets: regex_api regex_diff phrases_diff transform stream_split)"
	@echo "make lib     build build/lib/libferrex.{a,so}"
	@echo "make header  regenerate include/ferrex.h from capi/src (cbindgen)"
	@echo "make install PREFIX=/usr/local   install what make lib built: header, libferrex.a/.so, ferrex.pc, CMake package"
	@echo "             (also DESTDIR, LIBDIR, INCLUDEDIR, DATADIR); make uninstall PREFIX=... removes it"
	@echo "make abi-check       libferrex.so's ABI against the baseline abi/libferrex.abi (abidiff; part of make test)"
	@echo "make abi-update      record the current ABI as the baseline (after an addition, or a soname move)"
	@echo "make notices         regenerate THIRD-PARTY-NOTICES from Cargo.lock (make test checks it is current)"
	@echo "make python-test     the Python package on CPython and PyPy (venvs under build/py/, pytest)"
	@echo "make python-asan-test  its tests on CPython, the C extension under ASan and UBSan"
	@echo "make python-sdist-test  the Python sdist built, then installed alone into a fresh venv and imported"
	@echo "make bench           every benchmark below, one after the other (results in bench/results/)"
	@echo "make bench-seed      the seed table: Rust, C, Zig (ferrex, PCRE2, a linear loop) and Python (ferrex, re) in one run"
	@echo "make bench-overhead  the C API against the Rust crates it wraps, and PCRE2 JIT"
	@echo "make bench-parity    ferrex (engine crate, C API) against the meta regex: every meta strategy, query and span"
	@echo "make bench-peers     rebar's curated benchmarks: ferrex vs PCRE2, RE2, Hyperscan, rure, the regex crate"
	@echo "make bench-python    ferrex from Python vs re, regex, google-re2, hyperscan, pyahocorasick, ahocorasick-rs; per-call cost by binding"
	@echo "make bench-stream    streams at 4 KB, 64 KB and 1 MB chunks vs one-shot, beside Hyperscan's stream mode"
	@echo "make bench-grep      fxgrep vs ripgrep vs GNU grep on a generated tree and a 100 MB file (bench/results/grep.md)"
	@echo "make bench-icount    instructions per iteration under callgrind, ferrex vs the regex crate, curated set (noise-free)"

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
		build/lib/libferrex.a $$(cat build/native-static-libs.txt) -o build/demo
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
	@scripts/cargo-tests.sh rust-engine -q -p ferrex
	@echo "==> Rust tests: C API (crate ferrex-capi: unit tests, header freshness, conformance)"
	@scripts/cargo-tests.sh rust-capi -q -p ferrex-capi

test-header: tools lib
	@scripts/header-compiles.sh
	@scripts/readme-example.sh

test-c-asan: lib
	@echo "==> C suite under AddressSanitizer + UndefinedBehaviorSanitizer"
	@scripts/c-tests.sh asan

test-c-valgrind: lib tools
	@echo "==> C suite under valgrind (static and shared libferrex)"
	@scripts/c-tests.sh valgrind

# Installing (scripts/install.sh): builds nothing, so `sudo make install`
# needs no cargo; the variables reach the script only when given.
install:
	@PREFIX='$(PREFIX)' LIBDIR='$(LIBDIR)' INCLUDEDIR='$(INCLUDEDIR)' DATADIR='$(DATADIR)' DESTDIR='$(DESTDIR)' scripts/install.sh install

uninstall:
	@PREFIX='$(PREFIX)' LIBDIR='$(LIBDIR)' INCLUDEDIR='$(INCLUDEDIR)' DATADIR='$(DATADIR)' DESTDIR='$(DESTDIR)' scripts/install.sh uninstall

# make install into a temporary prefix, then C programs built with
# pkg-config and CMake from it, and every line of the README's Linking section.
install-test: lib
	@scripts/install-test.sh

# The ABI against abi/libferrex.abi, and the check's own self-test.
abi-check: lib
	@scripts/abi-check.sh test

abi-update: lib
	@scripts/abi-check.sh update

# The notices a binary distribution carries: one per crate inside libferrex.
notices:
	@scripts/notices.py

test: lib tools
	@mkdir -p build
	@set -o pipefail; MAKE='$(MAKE)' scripts/run-suites.sh test-rust test-header test-c-asan test-c-valgrind install-test abi-check zig-test zig-package-test zig-fxgrep-test python-test python-asan-test python-sdist-test fuzz-smoke 2>&1 | tee build/test.log
	@echo "==> global symbols of libferrex.so and libferrex.a are all ferrex_*"
	@scripts/symbols-check.sh
	@scripts/notices.py --check
	@echo "==> make test: every suite passed"
	@scripts/summary.sh build/test.log

clean:
	cargo clean
	rm -rf build

# The Zig example's targets (zig-test, zig-lib-check, zig-tools, ...).
include zig-example/zig.mk

# The fuzz targets' make logic (fuzz-smoke, fuzz TARGET=... SECONDS=...).
include fuzz/fuzz.mk

# The benchmarks (bench/bench.mk: make bench and its parts).
include bench/bench.mk

# The Python package (python-test).
include python/python.mk
