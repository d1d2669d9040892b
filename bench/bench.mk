# Benchmarks (included by the root Makefile). Each target installs what it
# needs (Debian packages via scripts/need-pkg.sh, Python packages via
# scripts/need-py.sh or into bench/work/py, Zig via scripts/zig.sh) and says
# what it is doing.
#
#   make bench-seed      the seed table: Rust, C, Zig (ferrex, PCRE2, a linear loop) and Python
#   make bench-overhead  the C API against the Rust crates it wraps (and PCRE2 JIT)
#   make bench-parity    ferrex (engine crate and C API) against the meta regex, per meta strategy, query and span
#   make bench-peers     rebar's curated benchmarks and regex-redux: ferrex vs PCRE2, RE2, Hyperscan, rure, regex
#   make bench-python    ferrex from Python vs re, regex, google-re2, hyperscan, pyahocorasick,
#                        ahocorasick-rs, and the per-call cost of each binding (C extension, Zig glue, cffi)
#   make bench-stream    streams at 4 KB, 64 KB and 1 MB chunks vs one-shot, beside Hyperscan's stream mode
#   make bench-grep      fxgrep vs ripgrep vs GNU grep (bench/grep/: a generated tree and a 100 MB file)
#   make bench-icount    instructions per iteration, ferrex vs the regex crate's runner, on the
#                        curated set under callgrind (noise-free; not part of `make bench`)
#
#   make bench           all seven, one after the other (about an hour on two cores)
#
# One protocol: rebar's (bench/definitions in its format, one runner per
# language in bench/engines speaking KLV, bench/driver/driver.py running them
# and writing each report). The overhead and parity benchmarks are
# single-process Rust harnesses (bench/rust), since they interleave ferrex and
# the crate it wraps call by call; bench-stream is one C program
# (bench/stream), since a stream is not a rebar model; bench-grep times
# whole programs (bench/grep). Results land in bench/results/
# (committed); build products in bench/work/.

.PHONY: bench bench-seed bench-overhead bench-parity bench-peers bench-python bench-stream bench-grep \
	bench-icount bench-inputs bench-python-engines

# `bench` is also the directory bench/: .PHONY makes make run this anyway.
bench: bench-seed bench-overhead bench-parity bench-peers bench-python bench-stream bench-grep
	@echo "==> make bench: results in bench/results/ (seed-table, overhead, parity, peers, python, stream, grep)"

SEED_ROUNDS ?= 3
SEED_MAX_TIME ?= 1s
PEERS_MAX_TIME ?= 1s
# Each benchmark's engines run in turn this many times (interleaved): one
# pass put noise of 1.3-1.4x on single benchmarks (01-literal/sherlock-en
# measured 0.97x alone, 1.32x in a one-pass table).
PEERS_ROUNDS ?= 2
PARITY_BUDGET_MS ?= 150
PY_ROUNDS ?= 3
PY_MAX_TIME ?= 500ms
# re2's DFA runs out of memory on the 10,000-phrase alternation and one
# search then takes ~17 s: a run (compile, warm-up, one sample) needs ~40 s.
PY_TIMEOUT ?= 90s

# The generated inputs: the seed table's (seedgen.py) and regex-redux's
# haystack (the Benchmark Game's fasta output).
bench-inputs:
	@echo "==> the seed table's inputs: python3 bench/driver/seedgen.py bench/work"
	@python3 bench/driver/seedgen.py bench/work >/dev/null
	@test -s bench/work/haystacks/imported/regex-redux-100000.fasta || { \
	    echo "==> regex-redux's haystack: python3 bench/driver/fasta.py 100000"; \
	    python3 bench/driver/fasta.py 100000 --out bench/work/haystacks/imported/regex-redux-100000.fasta; }

# The Python runner's venv: the peers from PyPI, this checkout's package, the Zig glue.
bench-python-engines: lib
	@bash bench/engines/python/build.sh

bench-seed: lib bench-inputs bench-python-engines
	@scripts/need-py.sh matplotlib=matplotlib
	@bench/engines/build.sh ferrex rust zig
	@echo "==> the seed table: python3 bench/driver/driver.py --report seed --rounds $(SEED_ROUNDS) --max-time $(SEED_MAX_TIME)"
	@python3 bench/driver/driver.py --report seed --rounds $(SEED_ROUNDS) --max-time $(SEED_MAX_TIME) --out bench/results

bench-overhead: lib
	@bench/rust/build.sh
	@echo "==> C API overhead: bench/work/bin/overhead --out bench/results/overhead.md"
	@mkdir -p bench/results
	@bench/work/bin/overhead --out bench/results/overhead.md

bench-parity: lib
	@bench/rust/build.sh
	@echo "==> parity with the meta regex: bench/work/bin/parity --budget-ms $(PARITY_BUDGET_MS) --out bench/results/parity.md"
	@mkdir -p bench/results
	@bench/work/bin/parity --budget-ms $(PARITY_BUDGET_MS) --out bench/results/parity.md

bench-peers: lib bench-inputs
	@scripts/need-py.sh matplotlib=matplotlib
	@bench/engines/build.sh ferrex rust pcre2-jit pcre2-interp re2 hyperscan rure
	@echo "==> rebar's curated benchmarks and regex-redux through every engine: python3 bench/driver/driver.py --rounds $(PEERS_ROUNDS) --max-time $(PEERS_MAX_TIME)"
	@python3 bench/driver/driver.py --rounds $(PEERS_ROUNDS) --max-time $(PEERS_MAX_TIME) --out bench/results

# Instructions, not time: each curated benchmark through rebar-ferrex and
# rebar-rust under callgrind (bench/driver/icount.py says how). On a shared
# machine a ratio of times moves by 5-30% from run to run; this does not,
# and shows where ferrex does more work per call than the crate it wraps.
bench-icount: lib bench-inputs
	@scripts/need.sh valgrind valgrind
	@bench/engines/build.sh ferrex rust
	@echo "==> instructions, ferrex vs the regex crate: python3 bench/driver/icount.py --defs ../shared/bench/rebar/definitions/curated --out bench/results/icount.csv"
	@mkdir -p bench/results
	@python3 bench/driver/icount.py --defs ../shared/bench/rebar/definitions/curated --out bench/results/icount.csv

# The Python comparison (issue 16): the seed's workloads and 16-byte calls
# through every Python engine, each benchmark's engines run in turn
# PY_ROUNDS times (interleaved).
bench-python: bench-inputs bench-python-engines
	@echo "==> ferrex from Python vs its peers: python3 bench/driver/driver.py --report python --rounds $(PY_ROUNDS) --max-time $(PY_MAX_TIME) --timeout $(PY_TIMEOUT)"
	@python3 bench/driver/driver.py --report python --rounds $(PY_ROUNDS) --max-time $(PY_MAX_TIME) \
		--timeout $(PY_TIMEOUT) --out bench/results

# Streaming throughput (issue 17): ferrex_stream with 4 KB, 64 KB and 1 MB
# chunks against the one-shot iteration, Hyperscan's block and stream modes
# beside it (libhyperscan-dev, x86-64), and the bytes each stream kept.
STREAM_ROUNDS ?= 31
STREAM_MB ?= 16

bench-stream: lib
	@scripts/need-pkg.sh libhyperscan-dev
	@bench/stream/build.sh
	@echo "==> streaming throughput: bench/work/bin/stream_bench --rounds $(STREAM_ROUNDS) --mb $(STREAM_MB) --out bench/results/stream.md"
	@mkdir -p bench/results
	@bench/work/bin/stream_bench --rounds $(STREAM_ROUNDS) --mb $(STREAM_MB) --out bench/results/stream.md

# fxgrep vs ripgrep (Debian's) vs GNU grep, interleaved in one run
# (bench/grep/run.py), on a corpus generated once with a fixed seed
# (bench/grep/gen.py: a 12,000-file tree of 333 MB and one 100 MB file, in
# bench/work/grep/). Results: bench/results/grep.md.
GREP_RUNS ?= 9
GREP_CORPUS := bench/work/grep

$(GREP_CORPUS)/SHA256: bench/grep/gen.py
	@echo "==> the corpus: python3 bench/grep/gen.py $(GREP_CORPUS) (about 430 MB, once)"
	@rm -rf $(GREP_CORPUS) && mkdir -p $(GREP_CORPUS)
	@python3 bench/grep/gen.py $(GREP_CORPUS)

bench-grep: $(GREP_CORPUS)/SHA256
	@scripts/need-pkg.sh ripgrep
	@set -e; zig=$$(scripts/zig.sh 0.17.1); \
	echo "==> fxgrep: zig build in zig-example/ (ReleaseFast, its default)"; \
	(cd zig-example && CARGO_TARGET_DIR='$(CURDIR)/target' "$$zig" build)
	@echo "==> python3 bench/grep/run.py --runs $(GREP_RUNS) --out bench/results/grep.md"
	@mkdir -p bench/results
	@python3 bench/grep/run.py --fxgrep '$(CURDIR)/zig-example/zig-out/bin/fxgrep' \
		--corpus '$(CURDIR)/$(GREP_CORPUS)' --runs $(GREP_RUNS) --out bench/results/grep.md
