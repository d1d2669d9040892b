#!/usr/bin/env bash
# build.sh [ENGINE...]: builds the rebar runners into bench/work/bin/ by
# running every bench/rebar/build/<engine>.sh (or only the ones named, e.g.
# `build.sh ferrex pcre2-jit`). One failing build does not stop the others;
# the exit status is non-zero if any failed, and the failures are listed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

scripts=()
if [ $# -eq 0 ]; then
    for s in "$here"/build/*.sh; do
        [ -e "$s" ] && scripts+=("$s")
    done
else
    for name in "$@"; do
        s="$here/build/$name.sh"
        if [ ! -f "$s" ]; then
            echo "error: no build script $s (have: $(cd "$here/build" && ls ./*.sh | sed 's|^\./||; s|\.sh$||' | tr '\n' ' '))" >&2
            exit 1
        fi
        scripts+=("$s")
    done
fi
[ ${#scripts[@]} -gt 0 ] || { echo "error: no build scripts in $here/build" >&2; exit 1; }

failed=()
for s in "${scripts[@]}"; do
    name="$(basename "$s" .sh)"
    echo "==> building the rebar runner for $name (bench/rebar/build/$name.sh)"
    if ! bash "$s"; then
        echo "==> FAILED: $name" >&2
        failed+=("$name")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "==> ${#failed[@]} of ${#scripts[@]} runner builds failed: ${failed[*]}" >&2
    exit 1
fi
echo "==> all ${#scripts[@]} rebar runners built in bench/work/bin/"
