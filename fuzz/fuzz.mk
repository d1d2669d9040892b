# Coverage-guided fuzzing of libferrex's C API (cargo-fuzz, libFuzzer):
# the targets of scripts/fuzz.sh, which says what they do and need.
#
# Included by the root Makefile, or standalone from the repo root:
#   make -f fuzz/fuzz.mk fuzz-smoke                          build, replay seeds, 30 s per target
#   make -f fuzz/fuzz.mk fuzz TARGET=regex_api SECONDS=900   one long campaign

SHELL := /bin/bash
FUZZ_SH := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../scripts/fuzz.sh)
FUZZ_SMOKE_SECONDS ?= 30
SECONDS ?= 900

.PHONY: fuzz-smoke fuzz

fuzz-smoke:
	@FUZZ_SMOKE_SECONDS=$(FUZZ_SMOKE_SECONDS) $(FUZZ_SH) smoke

fuzz:
	@$(FUZZ_SH) run '$(TARGET)' $(SECONDS)
