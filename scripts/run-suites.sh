#!/usr/bin/env bash
# run-suites.sh TARGET...: `make TARGET` for each in turn, as `make test`
# runs its suites, stopping at the first that fails. Each suite's wall time
# is printed after it ("==> time: TARGET 95 s"), and all of them at the
# end, so a slow or stuck suite shows in a CI log that was cut short.
set -uo pipefail
make=${MAKE:-make}
start=$SECONDS
times=()
for target in "$@"; do
    t0=$SECONDS
    $make --no-print-directory "$target"
    rc=$?
    times+=("$(printf '%6d s  %s' $((SECONDS - t0)) "$target")")
    if [ $rc -ne 0 ]; then
        echo "==> time: $target failed after $((SECONDS - t0)) s"
        exit $rc
    fi
    echo "==> time: $target $((SECONDS - t0)) s (all so far: $((SECONDS - start)) s)"
done
echo "==> time per suite:"
printf '  %s\n' "${times[@]}"
