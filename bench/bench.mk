# Benchmarks (included by the root Makefile). Each target installs what it
# needs (Debian packages via scripts/need-pkg.sh, Python packages via
# scripts/need-py.sh, Zig via scripts/zig.sh) and says what it is doing.
#
#   make bench-seed      the seed table: Python, Rust, C and Zig in one run
#   make bench-overhead  the C API against the Rust crates it wraps (and PCRE2 JIT)
#   make bench-parity    ferrex (engine crate and C API) against the meta regex, per meta strategy, query and span
#   make bench-peers     rebar's curated benchmarks and regex-redux: ferrex vs PCRE2, RE2, Hyperscan, rure, regex
#   make bench-grep      fxgrep vs ripgrep vs GNU grep (bench/grep/: a generated tree and a 100 MB file)
#
#   make bench           all four, one after the other (about half an hour on two cores)
#
# Results land in bench/results/ (committed); build products in bench/work/.

.PHONY: bench bench-seed bench-seed-build bench-overhead bench-parity bench-peers bench-peers-build

# `bench` is also the directory bench/: .PHONY makes make run this anyway.
bench: bench-seed bench-overhead bench-parity bench-peers
	@echo "==> make bench: results in bench/results/ (seed-table, overhead, parity, peers)"

SEED_BUDGET_MS ?= 1000
SEED_ROUNDS ?= 3
PEERS_MAX_TIME ?= 1s

bench-seed-build: lib
	@scripts/need-pkg.sh libpcre2-dev
	@scripts/need-py.sh cffi=cffi matplotlib=matplotlib
	@bench/rust-seed/build.sh
	@bench/seed/c/build.sh
	@bench/seed/zig/build.sh

bench-seed: bench-seed-build
	@echo "==> the seed table: python3 bench/seed/run.py --budget-ms $(SEED_BUDGET_MS) --rounds $(SEED_ROUNDS)"
	@python3 bench/seed/run.py --budget-ms $(SEED_BUDGET_MS) --rounds $(SEED_ROUNDS) --out bench/results

bench-overhead: lib
	@bench/rust-seed/build.sh
	@echo "==> C API overhead: bench/work/bin/overhead --out bench/results/overhead.md"
	@mkdir -p bench/results
	@bench/work/bin/overhead --out bench/results/overhead.md

PARITY_BUDGET_MS ?= 150

bench-parity: lib
	@bench/rust-seed/build.sh
	@echo "==> parity with the meta regex: bench/work/bin/parity --budget-ms $(PARITY_BUDGET_MS) --out bench/results/parity.md"
	@mkdir -p bench/results
	@bench/work/bin/parity --budget-ms $(PARITY_BUDGET_MS) --out bench/results/parity.md

# regex-redux's haystack (bench/rebar/definitions/regex-redux.toml): the
# Benchmark Game's fasta output, generated rather than stored.
REDUX_HAYSTACK := bench/work/haystacks/imported/regex-redux-100000.fasta

$(REDUX_HAYSTACK): bench/rebar/fasta.py
	@echo "==> regex-redux's haystack: python3 bench/rebar/fasta.py 100000 --out $@"
	@python3 bench/rebar/fasta.py 100000 --out $@

bench-peers-build: lib $(REDUX_HAYSTACK)
	@bash bench/rebar/build.sh

bench-peers: bench-peers-build
	@scripts/need-py.sh matplotlib=matplotlib
	@echo "==> rebar's curated benchmarks and regex-redux through every engine: python3 bench/rebar/driver.py --max-time $(PEERS_MAX_TIME)"
	@python3 bench/rebar/driver.py --max-time $(PEERS_MAX_TIME) --out bench/results

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

.PHONY: bench-grep
bench-grep: $(GREP_CORPUS)/SHA256
	@scripts/need-pkg.sh ripgrep
	@set -e; zig=$$(scripts/zig.sh 0.17.1); \
	echo "==> fxgrep: zig build in zig-example/ (ReleaseFast, its default)"; \
	(cd zig-example && CARGO_TARGET_DIR='$(CURDIR)/target' "$$zig" build)
	@echo "==> python3 bench/grep/run.py --runs $(GREP_RUNS) --out bench/results/grep.md"
	@mkdir -p bench/results
	@python3 bench/grep/run.py --fxgrep '$(CURDIR)/zig-example/zig-out/bin/fxgrep' \
		--corpus '$(CURDIR)/$(GREP_CORPUS)' --runs $(GREP_RUNS) --out bench/results/grep.md
