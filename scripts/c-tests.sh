#!/usr/bin/env bash
# c-tests.sh MODE: builds every capi/tests/c/test_*.c and runs it.
#   asan      static link, -fsanitize=address,undefined, no recovery
#   valgrind  static and shared link, each run under valgrind's memcheck
# Each program ends with "test_NAME: N passed, N failed"; this script sums
# them into one closing line, "c-MODE: N passed, M failed", and fails if any
# program failed.
set -euo pipefail
mode=$1
cflags=(-std=c99 -Wall -Wextra -Wpedantic -Werror -g -Iinclude -Icapi/tests/c)
native=$(cat build/native-static-libs.txt)
lib=build/lib
# Every leak kind but "still reachable" (a panic hook installed once) is an
# error; packaging/ferrex.supp (installed for users) removes the one
# "possibly lost" record that is Rust std's, not a leak (the file says why).
vg=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible
    --suppressions=packaging/ferrex.supp)
passed=0 failed=0 broken=0

run() { # run NAME COMMAND...
    local name=$1 log
    shift
    log=$(mktemp)
    if "$@" >"$log" 2>&1; then status=0; else status=$?; fi
    local line
    line=$(grep -E '^test_[a-z_]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n1 || true)
    if [ "$status" -ne 0 ] || [ -z "$line" ]; then
        sed 's/^/    /' "$log"
        echo "FAILED: $name (exit $status)"
        broken=$((broken + 1))
    else
        echo "  $mode: $line ($name)"
    fi
    if [ -n "$line" ]; then
        passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
        failed=$((failed + $(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")))
    fi
    rm -f "$log"
}

mkdir -p build/c/$mode
for src in capi/tests/c/test_*.c; do
    name=$(basename "$src" .c)
    case $mode in
    asan)
        bin=build/c/asan/$name
        gcc "${cflags[@]}" -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
            "$src" $lib/libferrex.a $native -lpthread -o "$bin"
        run "$name (static, ASan+UBSan)" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 "$bin"
        ;;
    valgrind)
        gcc "${cflags[@]}" -O1 "$src" $lib/libferrex.a $native -lpthread -o "build/c/valgrind/$name-static"
        gcc "${cflags[@]}" -O1 "$src" -L$lib -Wl,-rpath,"$PWD/$lib" -lferrex -lpthread -o "build/c/valgrind/$name-shared"
        run "$name (static, valgrind)" "${vg[@]}" "build/c/valgrind/$name-static"
        run "$name (shared, valgrind)" "${vg[@]}" "build/c/valgrind/$name-shared"
        ;;
    *) echo "usage: c-tests.sh asan|valgrind" >&2; exit 2 ;;
    esac
done
echo "c-$mode: $passed passed, $failed failed"
[ "$broken" -eq 0 ] && [ "$failed" -eq 0 ]
