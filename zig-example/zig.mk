# zig.mk: the Zig side of ferrex. Included by the root Makefile, or run alone
# from the repository root:
#
#   make -f zig-example/zig.mk zig-test       zig build test on every Zig version,
#                                             plus cimport/ on 0.16.0 and 0.15.2
#                                             (scripts/zig-checks.sh test)
#   make -f zig-example/zig.mk zig-lib-check  static and dynamic linking on every
#                                             version: installed binaries run from
#                                             anywhere, dynamic ones via $ORIGIN
#                                             (scripts/zig-checks.sh lib-check)
#   make -f zig-example/zig.mk zig-tools      fetch every Zig version (scripts/zig.sh)
#   make -f zig-example/zig.mk zig-demo       build fxgrep (Zig $(ZIG_PINNED)) and search
#                                             the repository's sources with it
#   make -f zig-example/zig.mk zig-fxgrep-test  fxgrep vs GNU grep (tests/fxgrep_vs_grep.sh)
#   make -f zig-example/zig.mk zig-package-test  ferrex as a Zig package, fetched into a
#                                             throw-away project as the README says
#                                             (scripts/zig-package-test.sh)
#
# Zig comes from scripts/zig.sh (a matching `zig` on PATH, else PyPI's ziglang
# into .tools/); the ferrex package (../build.zig) runs cargo. A fresh clone
# needs only Rust, gcc and Python with pip.
#
# zig-example's builds here point the package's cargo at the repository's
# target/ (an absolute CARGO_TARGET_DIR), where `make lib` builds with the
# same command: one Rust build for both, instead of a second one in
# zig-example/.zig-cache. zig-package-test keeps the package's default.
# Tests build in Debug (safety checks on), not zig-example's ReleaseFast.

SHELL := /bin/bash

# The repository root, wherever make runs from.
FERREX_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

ZIG_PINNED := 0.17.1
ZIG_VERSIONS := $(ZIG_PINNED) 0.16.0 0.15.2

.PHONY: zig-test zig-lib-check zig-tools zig-package-test

ZIG_CARGO_ENV := CARGO_TARGET_DIR='$(FERREX_ROOT)/target'

zig-tools:
	@for v in $(ZIG_VERSIONS); do echo "zig $$v: $$($(FERREX_ROOT)/scripts/zig.sh $$v)" || exit 1; done

# Both close with "zig: N passed, M failed" (scripts/zig-checks.sh says what each checks).
zig-test:
	@"$(FERREX_ROOT)/scripts/zig-checks.sh" test $(ZIG_VERSIONS)

zig-lib-check:
	@"$(FERREX_ROOT)/scripts/zig-checks.sh" lib-check $(ZIG_VERSIONS)

# fxgrep (src/fxgrep.zig), the grep on ferrex: build it with the pinned Zig
# and search the repository's own sources with a regex, two -e patterns
# (one multi-pattern regex) and a phrase file (-F -f), each with --stats.
.PHONY: zig-demo zig-fxgrep-test
zig-demo:
	@set -e; \
	zig=$$("$(FERREX_ROOT)/scripts/zig.sh" $(ZIG_PINNED)); \
	echo "==> zig $(ZIG_PINNED): zig build (zig-example/zig-out/bin/fxgrep, ReleaseFast)"; \
	(cd "$(FERREX_ROOT)/zig-example" && $(ZIG_CARGO_ENV) "$$zig" build); \
	fx="$(FERREX_ROOT)/zig-example/zig-out/bin/fxgrep"; \
	cd "$(FERREX_ROOT)"; \
	phrases=$$(mktemp); trap 'rm -f "$$phrases"' EXIT; \
	printf 'ferrex_phrases_new\nferrex_regex_new_many\nferrex_escape\n' >"$$phrases"; \
	echo; echo "==> fxgrep --stats 'pub fn (new|find)[a-z_]*\(' engine/src capi/src"; \
	"$$fx" --stats 'pub fn (new|find)[a-z_]*\(' engine/src capi/src; \
	echo; echo "==> fxgrep --stats -e 'pub fn is_match' -e 'pub fn find\b' engine/src capi/src"; \
	"$$fx" --stats -e 'pub fn is_match' -e 'pub fn find\b' engine/src capi/src; \
	echo; echo "==> fxgrep --stats -F -f PHRASES engine/src capi/src   (phrases: $$(paste -sd' ' "$$phrases"))"; \
	"$$fx" --stats -F -f "$$phrases" engine/src capi/src

zig-fxgrep-test:
	@"$(FERREX_ROOT)/zig-example/tests/fxgrep_vs_grep.sh" $(ZIG_PINNED)

# The package test ends with "zig-package: N passed, N failed".
zig-package-test:
	@"$(FERREX_ROOT)/scripts/zig-package-test.sh" $(ZIG_VERSIONS)
