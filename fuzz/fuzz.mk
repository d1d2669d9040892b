# Coverage-guided fuzzing of libferrex's C API (cargo-fuzz, libFuzzer).
#
# Included by the root Makefile, or standalone from the repo root:
#   make -f fuzz/fuzz.mk fuzz-smoke                       build, replay seeds, 30 s per target
#   make -f fuzz/fuzz.mk fuzz TARGET=regex_api SECONDS=900   one long campaign
#
# Needs a nightly toolchain (`cargo +nightly`); cargo-fuzz is installed
# (and announced) when missing. Without nightly, fuzz-smoke prints SKIP,
# unless CI=true, where that is a failure. libFuzzer's defaults stay on:
# -rss_limit_mb=2048 and leak detection. New corpus entries go to
# fuzz/work/corpus/TARGET (not committed); the seeds in fuzz/corpus/TARGET
# are read, never written. Crashes land in fuzz/artifacts/TARGET.

SHELL := /bin/bash
FUZZ_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
FUZZ_TARGETS := regex_api regex_agree regex_diff phrases_diff transform
FUZZ_SMOKE_SECONDS ?= 30
# Per-input time limit: every ferrex search is linear, so an input that
# takes this long is a bug worth a report.
FUZZ_TIMEOUT ?= 25
# regex_agree compiles three regexes of up to 2,800 patterns per input and
# asks each every query: such an input takes about 1 s unsanitized and up to
# 30 s under ASan on a busy 2-core machine.
FUZZ_AGREE_TIMEOUT ?= 90
fuzz_timeout = $(if $(filter regex_agree,$(1)),$(FUZZ_AGREE_TIMEOUT),$(FUZZ_TIMEOUT))
SECONDS ?= 900
# Structured (arbitrary) input needs room: a pattern, a haystack and a
# list of operations do not fit in libFuzzer's first few-byte inputs, so
# let the length limit grow fast, up to 1 KiB.
FUZZ_FLAGS ?= -max_len=1024 -len_control=1
FUZZ_WORK := $(FUZZ_DIR)/work

# The regex targets get the regex syntax dictionary.
fuzz_dict = $(if $(filter regex_api regex_agree regex_diff transform,$(1)),-dict=regex.dict)

.PHONY: fuzz-smoke fuzz fuzz-build fuzz-tools

# The tools, as shell code at the start of a recipe: without nightly it
# ends the recipe with SKIP (success), or fails when CI=true.
define fuzz_tools
	if ! cargo +nightly --version >/dev/null 2>&1; then \
		if [ "$${CI:-}" = "true" ]; then \
			echo "FAIL: fuzzing needs a nightly Rust toolchain (rustup toolchain install nightly), and CI=true"; exit 1; \
		fi; \
		echo "SKIP: fuzzing needs a nightly Rust toolchain (rustup toolchain install nightly); not fuzzing"; exit 0; \
	fi; \
	if ! cargo fuzz --version >/dev/null 2>&1; then \
		echo "==> cargo-fuzz is missing: installing it (cargo install cargo-fuzz --locked)"; \
		cargo install cargo-fuzz --locked || exit 1; \
	fi
endef

fuzz-tools:
	@$(fuzz_tools)

fuzz-build:
	@echo "==> building every fuzz target (cargo +nightly fuzz build)"
	@cd $(FUZZ_DIR) && cargo +nightly fuzz build

# run_target(target, seconds): replay the seeds, then fuzz; the log is
# kept in fuzz/work/logs and its final stats line summarized.
define run_target
	set -euo pipefail; \
	t=$(1); mkdir -p $(FUZZ_WORK)/corpus/$$t $(FUZZ_WORK)/logs $(FUZZ_DIR)/artifacts/$$t; \
	log=$(FUZZ_WORK)/logs/$$t.log; \
	echo "==> $$t: replaying the seed corpus (fuzz/corpus/$$t)"; \
	(cd $(FUZZ_DIR) && cargo +nightly fuzz run $$t corpus/$$t -- -runs=0 $(call fuzz_dict,$(1)) -timeout=$(call fuzz_timeout,$(1))) > $(FUZZ_WORK)/logs/$$t.replay.log 2>&1 \
		|| { tail -n 60 $(FUZZ_WORK)/logs/$$t.replay.log; echo "FAIL: $$t: a seed input fails"; exit 1; }; \
	echo "==> $$t: fuzzing for $(2) s: cargo +nightly fuzz run $$t work/corpus/$$t corpus/$$t -- -max_total_time=$(2) -timeout=$(call fuzz_timeout,$(1)) $(FUZZ_FLAGS) $(call fuzz_dict,$(1))"; \
	(cd $(FUZZ_DIR) && cargo +nightly fuzz run $$t work/corpus/$$t corpus/$$t -- \
		-max_total_time=$(2) -timeout=$(call fuzz_timeout,$(1)) $(FUZZ_FLAGS) $(call fuzz_dict,$(1)) -print_final_stats=1) > $$log 2>&1 \
		|| { tail -n 80 $$log; echo "FAIL: $$t: crash, timeout, leak or divergence (artifacts in fuzz/artifacts/$$t, log in $$log)"; exit 1; }; \
	last=$$(grep -aE '^#[0-9]+' $$log | tail -n 1); \
	runs=$$(echo "$$last" | sed -E 's/^#([0-9]+).*/\1/'); \
	cov=$$(echo "$$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p'); \
	ft=$$(echo "$$last" | sed -nE 's/.* ft: ([0-9]+).*/\1/p'); \
	corp=$$(echo "$$last" | sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p'); \
	echo "$$t: $$runs runs, corpus $$corp inputs, cov $$cov, ft $$ft, $(2) s" > $(FUZZ_WORK)/logs/$$t.summary
endef

fuzz-smoke:
	@$(fuzz_tools); \
	$(MAKE) --no-print-directory -f $(FUZZ_DIR)/fuzz.mk fuzz-build || exit 1; \
	for t in $(FUZZ_TARGETS); do \
		$(MAKE) --no-print-directory -f $(FUZZ_DIR)/fuzz.mk fuzz-one TARGET=$$t SECONDS=$(FUZZ_SMOKE_SECONDS) || exit 1; \
	done; \
	echo "==> fuzz-smoke: every target ran $(FUZZ_SMOKE_SECONDS) s with no crash, timeout, leak or divergence"; \
	for t in $(FUZZ_TARGETS); do cat $(FUZZ_WORK)/logs/$$t.summary; done

fuzz:
	@if [ -z "$(TARGET)" ] || ! echo " $(FUZZ_TARGETS) " | grep -q " $(TARGET) "; then \
		echo "usage: make fuzz TARGET=<$(FUZZ_TARGETS)> [SECONDS=900]"; exit 1; fi
	@$(fuzz_tools); \
	$(MAKE) --no-print-directory -f $(FUZZ_DIR)/fuzz.mk fuzz-one TARGET=$(TARGET) SECONDS=$(SECONDS) || exit 1; \
	cat $(FUZZ_WORK)/logs/$(TARGET).summary

.PHONY: fuzz-one
fuzz-one:
	@$(call run_target,$(TARGET),$(SECONDS))
