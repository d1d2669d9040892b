#!/usr/bin/env bash
# fuzz.sh: coverage-guided fuzzing of libferrex's C API (cargo-fuzz, libFuzzer).
#
#   scripts/fuzz.sh smoke                   build, then each target: replay its seeds, fuzz 30 s
#   scripts/fuzz.sh run TARGET [SECONDS]    one target: replay its seeds, fuzz SECONDS (900)
#
# Needs a nightly toolchain (`cargo +nightly`); cargo-fuzz is installed (and
# announced) when missing. Without nightly it prints SKIP and succeeds, unless
# CI=true, where that is a failure. libFuzzer's defaults stay on:
# -rss_limit_mb=2048 and leak detection. New corpus entries go to
# fuzz/work/corpus/TARGET (not committed); the seeds in fuzz/corpus/TARGET are
# read, never written. Crashes land in fuzz/artifacts/TARGET; logs and each
# run's one-line summary in fuzz/work/logs.
#
# Environment: FUZZ_SMOKE_SECONDS (30), FUZZ_TIMEOUT (25), FUZZ_AGREE_TIMEOUT
# (90), FUZZ_FLAGS (-max_len=1024 -len_control=1).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"
targets=(regex_api regex_agree regex_diff phrases_diff transform stream_split)
# Structured (arbitrary) input needs room: a pattern, a haystack and a list
# of operations do not fit in libFuzzer's first few-byte inputs, so let the
# length limit grow fast, up to 1 KiB.
read -r -a flags <<<"${FUZZ_FLAGS:--max_len=1024 -len_control=1}"

usage() { echo "usage: scripts/fuzz.sh smoke | run TARGET [SECONDS]   (targets: ${targets[*]})" >&2; exit 2; }

tools() { # nightly and cargo-fuzz; exits (SKIP, success) without nightly unless CI=true
    if ! cargo +nightly --version >/dev/null 2>&1; then
        if [ "${CI:-}" = true ]; then
            echo "FAIL: fuzzing needs a nightly Rust toolchain (rustup toolchain install nightly), and CI=true"; exit 1
        fi
        echo "SKIP: fuzzing needs a nightly Rust toolchain (rustup toolchain install nightly); not fuzzing"; exit 0
    fi
    if ! cargo fuzz --version >/dev/null 2>&1; then
        echo "==> cargo-fuzz is missing: installing it (cargo install cargo-fuzz --locked)"
        cargo install cargo-fuzz --locked
    fi
}

run_target() { # run_target TARGET SECONDS: replay the seeds, then fuzz
    local t=$1 secs=$2 timeout=${FUZZ_TIMEOUT:-25} dict=() log last
    # Every ferrex search is linear, so an input that takes this long is a bug
    # worth a report. regex_agree compiles three regexes of up to 2,800
    # patterns per input and asks each every query: about 1 s unsanitized,
    # up to 30 s under ASan on a busy 2-core machine.
    [ "$t" != regex_agree ] || timeout=${FUZZ_AGREE_TIMEOUT:-90}
    # The regex targets get the regex syntax dictionary.
    [ "$t" = phrases_diff ] || dict=(-dict=regex.dict)
    mkdir -p "work/corpus/$t" work/logs "artifacts/$t"
    log=work/logs/$t.log
    echo "==> $t: replaying the seed corpus (fuzz/corpus/$t)"
    cargo +nightly fuzz run "$t" "corpus/$t" -- -runs=0 "${dict[@]}" -timeout="$timeout" >"work/logs/$t.replay.log" 2>&1 ||
        { tail -n 60 "work/logs/$t.replay.log"; echo "FAIL: $t: a seed input fails"; exit 1; }
    echo "==> $t: fuzzing for $secs s: cargo +nightly fuzz run $t work/corpus/$t corpus/$t -- -max_total_time=$secs -timeout=$timeout ${flags[*]} ${dict[*]}"
    cargo +nightly fuzz run "$t" "work/corpus/$t" "corpus/$t" -- -max_total_time="$secs" -timeout="$timeout" \
        "${flags[@]}" "${dict[@]}" -print_final_stats=1 >"$log" 2>&1 ||
        { tail -n 80 "$log"; echo "FAIL: $t: crash, timeout, leak or divergence (artifacts in fuzz/artifacts/$t, log in fuzz/$log)"; exit 1; }
    last=$(grep -aE '^#[0-9]+' "$log" | tail -n 1)
    echo "$t: $(sed -E 's/^#([0-9]+).*/\1/' <<<"$last") runs, corpus $(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last") inputs," \
        "cov $(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last"), ft $(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last"), $secs s" >"work/logs/$t.summary"
}

case ${1:-} in
smoke)
    [ $# -eq 1 ] || usage
    secs=${FUZZ_SMOKE_SECONDS:-30}
    tools
    echo "==> building every fuzz target (cargo +nightly fuzz build)"
    cargo +nightly fuzz build
    for t in "${targets[@]}"; do run_target "$t" "$secs"; done
    echo "==> fuzz-smoke: every target ran $secs s with no crash, timeout, leak or divergence"
    for t in "${targets[@]}"; do cat "work/logs/$t.summary"; done
    ;;
run)
    [ $# -ge 2 ] && [ $# -le 3 ] && [[ " ${targets[*]} " == *" $2 "* ]] || usage
    tools
    run_target "$2" "${3:-900}"
    cat "work/logs/$2.summary"
    ;;
*) usage ;;
esac
