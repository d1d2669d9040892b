# zig.mk: the Zig side of ferrex. Included by the root Makefile, or run alone
# from the repository root:
#
#   make -f zig-example/zig.mk zig-test       zig build test on every Zig version,
#                                             plus cimport/ on 0.16.0 and 0.15.2
#   make -f zig-example/zig.mk zig-lib-check  static and dynamic linking on every
#                                             version: installed binaries run from
#                                             anywhere, dynamic ones via $ORIGIN
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
# @cImport exists up to 0.16 (0.17 removed it).
ZIG_CIMPORT_VERSIONS := 0.16.0 0.15.2

.PHONY: zig-test zig-lib-check zig-tools zig-package-test

ZIG_CARGO_ENV := CARGO_TARGET_DIR='$(FERREX_ROOT)/target'

# Shell helpers shared by the recipes (bash).
#   zig_run KIND LABEL VERSION ARGS...  runs `zig ARGS` in zig-example/ and
#     prints one line (the whole log too on failure). KIND `tests` adds the
#     test counts of the build summary (and fails a run that reports none);
#     KIND `check` counts one passed or failed check.
#   zig_done NAME  prints the closing line, "zig: N passed, N failed", and
#     fails if anything failed.
define ZIG_SH_LINES
root='$(FERREX_ROOT)'; passed=0; failed=0; failures=();
zig_run() {
    local kind=$$1 label=$$2 version=$$3 zig log status counts n total; shift 3;
    if ! zig=$$("$$root/scripts/zig.sh" "$$version"); then
        echo "FAILED: zig $$version: $$label (could not get Zig $$version)";
        failed=$$((failed + 1)); failures+=("$$version $$label"); return;
    fi;
    log=$$(mktemp);
    if (cd "$$root/zig-example" && $(ZIG_CARGO_ENV) "$$zig" "$$@") >"$$log" 2>&1; then status=0; else status=$$?; fi;
    if [ "$$kind" = tests ]; then
        counts=$$(sed -nE 's/^Build Summary: .*; ([0-9]+)\/([0-9]+) tests passed.*/\1 \2/p' "$$log" | tail -n1);
        n=$${counts%% *}; total=$${counts##* };
        if [ -n "$$counts" ]; then passed=$$((passed + n)); failed=$$((failed + total - n)); else failed=$$((failed + 1)); fi;
        if [ "$$status" -eq 0 ] && [ -n "$$counts" ] && [ "$$total" -gt 0 ] && [ "$$n" -eq "$$total" ]; then
            echo "  zig $$version: $$n passed, 0 failed ($$label)"; rm -f "$$log"; return;
        fi;
        [ -n "$$counts" ] || echo "(no test counts in the build summary)" >>"$$log";
    else
        if [ "$$status" -eq 0 ]; then
            passed=$$((passed + 1)); sed 's/^/    /' "$$log";
            echo "  zig $$version: ok ($$label)"; rm -f "$$log"; return;
        fi;
        failed=$$((failed + 1));
    fi;
    cat "$$log"; rm -f "$$log";
    echo "FAILED: zig $$version: $$label (exit $$status)"; failures+=("$$version $$label");
};
zig_done() {
    if [ $${#failures[@]} -eq 0 ] && [ "$$failed" -eq 0 ]; then echo "==> $$1: every check passed";
    else echo "==> $$1: FAILED:$$(printf ' [%s]' "$${failures[@]}")"; fi;
    echo "zig: $$passed passed, $$failed failed";
    [ $${#failures[@]} -eq 0 ] && [ "$$failed" -eq 0 ];
};
endef
define ZIG_NEWLINE


endef
# One line: make would run each line of a multi-line variable in its own shell.
ZIG_SH = $(subst $(ZIG_NEWLINE), ,$(ZIG_SH_LINES))

zig-tools:
	@for v in $(ZIG_VERSIONS); do echo "zig $$v: $$($(FERREX_ROOT)/scripts/zig.sh $$v)" || exit 1; done

zig-test:
	@$(ZIG_SH) \
	for v in $(ZIG_VERSIONS); do \
	    echo "==> Zig $$v: zig build test (wrapper tests, libferrex linked statically)"; \
	    zig_run tests "zig build test" "$$v" build test -Doptimize=Debug --summary all; \
	done; \
	for v in $(ZIG_CIMPORT_VERSIONS); do \
	    echo "==> Zig $$v: zig build cimport (@cImport program)"; \
	    zig_run check "zig build cimport" "$$v" build cimport -Doptimize=Debug; \
	done; \
	zig_done "make zig-test"

# For each version and link mode: install the wrapper's tests into a fresh
# prefix, check the binary's dynamic section, copy the prefix elsewhere and
# run it from /. A dynamic binary must need libferrex.so (by its soname),
# find that file beside it, have exactly $ORIGIN as its runpath, and fail to
# start once the library is taken away from it.
zig-lib-check:
	@$(ZIG_SH) \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	check_install() { \
	    local version=$$1 link=$$2 prefix=$$tmp/$$1-$$2 dyn copy; \
	    dyn=$$(readelf -d "$$prefix/bin/ferrex-tests") || return 1; \
	    if [ "$$link" = static ]; then \
	        ! grep -q 'libferrex' <<<"$$dyn" || { echo "static binary needs libferrex.so"; return 1; }; \
	    else \
	        soname=$$(sed -n 's/.*NEEDED.*\[\(libferrex\.so[.0-9]*\)\].*/\1/p' <<<"$$dyn"); \
	        [ -n "$$soname" ] || { echo "dynamic binary does not need libferrex.so"; return 1; }; \
	        grep -Eq 'R(UN)?PATH.*\[\$$ORIGIN\]$$' <<<"$$dyn" || { echo "runpath is not exactly \$$ORIGIN:"; grep PATH <<<"$$dyn"; return 1; }; \
	        [ -f "$$prefix/bin/$$soname" ] || { echo "$$soname not installed beside the binary"; return 1; }; \
	    fi; \
	    copy=$$tmp/moved-$$version-$$link; cp -r "$$prefix/bin" "$$copy"; \
	    (cd / && "$$copy/ferrex-tests") 2>&1 | tail -n1 | grep -q '^All [0-9]* tests passed' || { echo "moved binary did not pass"; return 1; }; \
	    if [ "$$link" = dynamic ]; then \
	        rm "$$copy/$$soname"; \
	        if (cd / && env -u LD_LIBRARY_PATH "$$copy/ferrex-tests") >/dev/null 2>&1; then echo "ran without libferrex.so"; return 1; fi; \
	    fi; \
	}; \
	for v in $(ZIG_VERSIONS); do \
	    for link in static dynamic; do \
	        echo "==> Zig $$v: zig build install-tests -Dlink=$$link (install, move, run from /)"; \
	        zig_run check "install -Dlink=$$link" "$$v" build install-tests -Dlink=$$link -Doptimize=Debug --prefix "$$tmp/$$v-$$link"; \
	        [ -d "$$tmp/$$v-$$link/bin" ] || continue; \
	        if out=$$(check_install "$$v" "$$link" 2>&1); then \
	            echo "  zig $$v: ok (-Dlink=$$link binary runs moved; $$([ $$link = dynamic ] && echo 'runpath $$ORIGIN' || echo 'no libferrex.so needed'))"; passed=$$((passed + 1)); \
	        else \
	            echo "$$out"; echo "FAILED: zig $$v: -Dlink=$$link check"; failed=$$((failed + 1)); failures+=("$$v check $$link"); \
	        fi; \
	    done; \
	done; \
	zig_done "make zig-lib-check"

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
