#!/usr/bin/env bash
# install-test.sh: `make install` as a user meets it (make test runs it
# after `make lib`).
#
#   staged    make install DESTDIR=... PREFIX=/opt/ferrex: exactly the
#             expected tree, with the right soname and one version
#             everywhere; C programs built outside the repository from the
#             moved tree with pkg-config (--define-prefix; shared and
#             --static) and CMake's find_package (both imported targets) run,
#             and readelf -d shows the dynamic ones need the soname and the
#             static ones no libferrex; the CMake version file's rule; then
#             make uninstall leaves nothing but what was there before.
#   README    every block of the README's "## Linking" section, as written
#             (only the prefix= and ferrex= lines take test values), with
#             the same checks on each program it builds; then uninstall.
#
# Closes with "install: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/libinfo.sh
repo=$PWD

scripts/need.sh cmake cmake
scripts/need.sh pkg-config pkgconf

[ -e build/lib/libferrex.so ] || { echo "error: build/lib is empty: run \`make lib\` first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The expectations, from Cargo.toml rather than from what was built.
version=$(package_version)
IFS=. read -r major minor patch <<<"${version%%[-+]*}"
if [ "$major" -gt 0 ]; then sover=$major; elif [ "$minor" -gt 0 ]; then sover=0.$minor; else sover=0.0.$patch; fi
soname=libferrex.so.$sover

# What every program must print: capi/examples/demo.c against build/lib.
mkdir -p "$tmp/ref"
# shellcheck disable=SC2046 # (the flags are a list)
gcc -std=c99 -O1 -Iinclude capi/examples/demo.c build/lib/libferrex.a $(cat build/native-static-libs.txt) -o "$tmp/ref/demo"
"$tmp/ref/demo" >"$tmp/ref/out"

passed=0 failed=0
count() { # count LABEL COMMAND...: one check; its output is shown only if it fails
    local label=$1 log=$tmp/check.log
    shift
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1)); echo "  ok: $label"
    else
        failed=$((failed + 1)); echo "  FAILED: $label"; sed 's/^/    /' "$log"
    fi
}

needed() { readelf -dW "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'; }
# dynamic BIN: needs the soname, never the unversioned libferrex.so.
dynamic() {
    local libs; libs=$(needed "$1")
    grep -qxF "$soname" <<<"$libs" || { echo "$1 does not need $soname: $libs"; return 1; }
    ! grep -qx 'libferrex\.so' <<<"$libs" || { echo "$1 needs the unversioned libferrex.so"; return 1; }
}
# static BIN: needs no libferrex at all.
static() { ! needed "$1" | grep -q libferrex || { echo "$1 needs libferrex: $(needed "$1")"; return 1; }; }
# prints_demo BIN [VAR=VALUE...]: run from / with no LD_LIBRARY_PATH but the
# given one, it prints what the reference program prints.
prints_demo() {
    local bin=$1; shift
    (cd / && env -u LD_LIBRARY_PATH "$@" "$bin") >"$tmp/run.out" || { echo "$bin failed"; return 1; }
    diff -u "$tmp/ref/out" "$tmp/run.out"
}
# app_dir NAME: a fresh directory outside the repository with app.c.
app_dir() { mkdir -p "$tmp/$1" && cp capi/examples/demo.c "$tmp/$1/app.c" && echo "$tmp/$1"; }

# ---------------------------------------------------------------- staged
stage=$tmp/stage
p=/opt/ferrex
root=$stage$p
echo "==> install test: make install DESTDIR=<tmp> PREFIX=$p"
# A directory that exists before the install must survive the uninstall.
mkdir -p "$stage/opt"
count "make install DESTDIR PREFIX" make --no-print-directory install DESTDIR="$stage" PREFIX="$p"

tree() { # the tree under DIR, links with their targets
    (cd "$1" && find . -mindepth 1 -printf '%p%y %l\n' | sed -E 's/d $/\//; s/f $//; s/l (.*)$/ -> \1/' | sort)
}
expected_tree() {
    printf '%s\n' ./opt/ ./opt/ferrex/ ./opt/ferrex/include/ ./opt/ferrex/include/ferrex.h \
        ./opt/ferrex/lib/ ./opt/ferrex/lib/cmake/ ./opt/ferrex/lib/cmake/ferrex/ \
        ./opt/ferrex/lib/cmake/ferrex/ferrexConfig.cmake ./opt/ferrex/lib/cmake/ferrex/ferrexConfigVersion.cmake \
        ./opt/ferrex/lib/libferrex.a "./opt/ferrex/lib/libferrex.so -> $soname" "./opt/ferrex/lib/libferrex.so.$version" \
        ./opt/ferrex/lib/pkgconfig/ ./opt/ferrex/lib/pkgconfig/ferrex.pc \
        ./opt/ferrex/share/ ./opt/ferrex/share/ferrex/ ./opt/ferrex/share/ferrex/install-manifest.txt \
        ./opt/ferrex/share/ferrex/ferrex.supp
    # (0.0.x: the soname is the file's own name, no link)
    [ "$soname" = "libferrex.so.$version" ] || echo "./opt/ferrex/lib/$soname -> libferrex.so.$version"
    local doc docs=""
    for doc in LICENSE-MIT LICENSE-APACHE THIRD-PARTY-NOTICES; do
        [ ! -f "$doc" ] || { docs=1; echo "./opt/ferrex/share/doc/ferrex/$doc"; }
    done
    [ -z "$docs" ] || printf '%s\n' ./opt/ferrex/share/doc/ ./opt/ferrex/share/doc/ferrex/
}
count "the installed tree is exactly the expected one" diff -u <(expected_tree | sort) <(tree "$stage")
count "the installed files are build/lib's and the header" \
    bash -c 'cmp "$1/include/ferrex.h" include/ferrex.h && cmp "$1/lib/libferrex.a" build/lib/libferrex.a &&
             cmp "$1/lib/libferrex.so.$2" build/lib/libferrex.so' _ "$root" "$version"
count "libferrex.so's SONAME is $soname (version $version)" \
    bash -c '[ "$(readelf -dW "$1" | sed -n "s/.*(SONAME).*\[\(.*\)\]$/\1/p")" = "$2" ]' _ "$root/lib/libferrex.so.$version" "$soname"
one_version() {
    grep -qx "Version: $version" "$root/lib/pkgconfig/ferrex.pc" || { echo "ferrex.pc: not $version"; return 1; }
    grep -qF "set(PACKAGE_VERSION \"$version\")" "$root/lib/cmake/ferrex/ferrexConfigVersion.cmake" || { echo "ferrexConfigVersion.cmake: not $version"; return 1; }
    grep -qx "#define FERREX_VERSION_MAJOR $major" "$root/include/ferrex.h" &&
        grep -qx "#define FERREX_VERSION_MINOR $minor" "$root/include/ferrex.h" &&
        grep -qx "#define FERREX_VERSION_PATCH $patch" "$root/include/ferrex.h" || { echo "ferrex.h: not $version"; return 1; }
}
count "one version ($version) in the header, the file name, ferrex.pc and the CMake version file" one_version

# pkg-config, from the moved tree: --define-prefix takes the prefix from
# where ferrex.pc is.
pc() { PKG_CONFIG_PATH="$root/lib/pkgconfig" pkg-config --define-prefix "$@"; }
pc_shared() {
    local dir; dir=$(app_dir pc-staged)
    # shellcheck disable=SC2046
    cc "$dir/app.c" $(pc --cflags --libs ferrex) -o "$dir/app" && dynamic "$dir/app" &&
        prints_demo "$dir/app" LD_LIBRARY_PATH="$root/lib"
}
pc_static() {
    local dir=$tmp/pc-staged
    # shellcheck disable=SC2046
    cc "$dir/app.c" $(pc --cflags --libs --static --define-variable=ferrex_lib=:libferrex.a ferrex) -o "$dir/app-static" &&
        static "$dir/app-static" && prints_demo "$dir/app-static"
}
count "pkg-config (moved prefix): shared program needs $soname, runs with LD_LIBRARY_PATH" pc_shared
count "pkg-config --static: program needs no libferrex, runs" pc_static
count "pkg-config --static --libs carries the archive's system libraries" \
    bash -c '[[ " $(PKG_CONFIG_PATH="$1/lib/pkgconfig" pkg-config --static --libs ferrex) " == *" $2 "* ]]' _ "$root" "$(cat build/native-static-libs.txt)"

cmake_project() { # cmake_project DIR PREFIX: both imported targets, built
    cat >"$1/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.10)
project(app C)
find_package(ferrex REQUIRED)
add_executable(app app.c)
target_link_libraries(app PRIVATE ferrex::ferrex)
add_executable(app-static app.c)
target_link_libraries(app-static PRIVATE ferrex::ferrex_static)
EOF
    cmake -S "$1" -B "$1/build" -DCMAKE_PREFIX_PATH="$2" && cmake --build "$1/build"
}
cmake_staged() {
    local dir; dir=$(app_dir cmake-staged)
    cmake_project "$dir" "$root" &&
        dynamic "$dir/build/app" && prints_demo "$dir/build/app" &&
        static "$dir/build/app-static" && prints_demo "$dir/build/app-static"
}
count "CMake find_package(ferrex) (moved prefix): ferrex::ferrex needs $soname, ferrex::ferrex_static no libferrex; both run" cmake_staged

# The version file's rule, through CMake itself (cmake -P, no project).
version_rule() {
    local want=$1 expect=$2 script=$tmp/version-rule.cmake
    cat >"$script" <<EOF
set(PACKAGE_FIND_VERSION "$want")
if(PACKAGE_FIND_VERSION)
  string(REPLACE "." ";" _parts "$want")
  list(LENGTH _parts _n)
  list(GET _parts 0 PACKAGE_FIND_VERSION_MAJOR)
  if(_n GREATER 1)
    list(GET _parts 1 PACKAGE_FIND_VERSION_MINOR)
  endif()
  if(_n GREATER 2)
    list(GET _parts 2 PACKAGE_FIND_VERSION_PATCH)
  endif()
endif()
set(CMAKE_SIZEOF_VOID_P 8)
include("$root/lib/cmake/ferrex/ferrexConfigVersion.cmake")
message("\${PACKAGE_VERSION_COMPATIBLE}")
EOF
    local got; got=$(cmake -P "$script" 2>&1)
    [ "$got" = "$expect" ] || { echo "find_package(ferrex $want) with $version installed: compatible=$got, expected $expect"; return 1; }
}
version_rules() {
    local next_series newer
    if [ "$major" -gt 0 ]; then next_series=$((major + 1)).0; else next_series=0.$((minor + 1)); fi
    newer=$major.$minor.$((patch + 1))
    version_rule "" TRUE && version_rule "$major.$minor" TRUE && version_rule "$version" TRUE &&
        version_rule "$newer" FALSE && version_rule "$next_series" FALSE &&
        { [ "$major" -eq 0 ] || version_rule "$major.0" TRUE; } &&
        { [ "$major" -gt 0 ] || [ "$minor" -eq 0 ] || version_rule "0.$((minor - 1))" FALSE; }
}
count "ferrexConfigVersion.cmake: the same ABI series ($soname), at least as new" version_rules

reinstall_uninstall() {
    make --no-print-directory install DESTDIR="$stage" PREFIX="$p" >/dev/null &&
        make --no-print-directory uninstall DESTDIR="$stage" PREFIX="$p" &&
        diff -u <(echo ./opt/) <(tree "$stage")
}
count "make install again, then make uninstall: only the directory that was there before is left" reinstall_uninstall

# ---------------------------------------------------------------- README
echo "==> install test: the README's \"## Linking\" section, block by block"
readme=$tmp/readme
mkdir -p "$readme"
awk -v dir="$readme" '
    /^## / { in_section = ($0 == "## Linking") }
    !in_section { next }
    /^```(sh|cmake)$/ { n++; kind = substr($0, 4); file = sprintf("%s/%02d.%s", dir, n, kind); next }
    /^```$/ { file = ""; next }
    file != "" { print > file }
' README.md
prefix=$tmp/readme-prefix
export prefix ferrex=$repo
# The values a reader chooses: the section's prefix= and ferrex= lines.
for block in "$readme"/*.sh; do sed -i -E 's/^(prefix|ferrex)=.*$/: \1 from the test/' "$block"; done

blocks=$(ls "$readme")
count "the section has sh blocks for make install, pkg-config, CMake and the build tree, and a CMakeLists.txt" \
    bash -c '[ "$(grep -l "make install" "$1"/*.sh | wc -l)" -eq 1 ] && grep -q pkg-config "$1"/*.sh &&
             grep -q "cmake --build" "$1"/*.sh && grep -q build/lib "$1"/*.sh && [ "$(ls "$1"/*.cmake | wc -l)" -eq 1 ]' _ "$readme"
count "the section names the soname $soname and no other" \
    bash -c 'found=$(awk "/^## /{s=(\$0==\"## Linking\")} s" README.md | sed -E "s/libferrex\.so\.(0\.)?[A-Z]+//g" |
                 grep -oE "libferrex\.so\.[0-9]+(\.[0-9]+)*" | sort -u) && echo "$found" &&
             [ -z "$(grep -vxF -e "$1" -e "libferrex.so.$2" <<<"$found")" ]' _ "$soname" "$version"

# run_block BLOCK: the install block in the checkout, the others each in a
# fresh directory with app.c (and the section's CMakeLists.txt); then every
# program the block built must run from / and link as its name says.
run_block() {
    local block=$1 dir bins bin
    if grep -q "make install" "$block"; then
        bash -euo pipefail "$block" && [ -f "$prefix/lib/pkgconfig/ferrex.pc" ]
        return
    fi
    dir=$(app_dir "readme-$(basename "$block" .sh)")
    cp "$readme"/*.cmake "$dir/CMakeLists.txt"
    (cd "$dir" && bash -euo pipefail "$block") || return 1
    bins=$(find "$dir" -maxdepth 2 -type f -executable -name 'app*' | sort)
    [ -n "$bins" ] || { echo "the block built no program"; return 1; }
    for bin in $bins; do
        case $(basename "$bin") in
        *static*) static "$bin" || return 1 ;;
        *) dynamic "$bin" || return 1 ;;
        esac
        prints_demo "$bin" || return 1
        echo "$bin: ok ($(needed "$bin" | grep libferrex || echo 'no libferrex'))"
    done
}
for block in $blocks; do
    case $block in *.sh) ;; *) continue ;; esac
    count "README block $block ($(grep -oE 'make install|pkg-config|cmake -S|build/lib' "$readme/$block" | head -n1))" run_block "$readme/$block"
done
count "make uninstall PREFIX=<the README's prefix> leaves it empty" \
    bash -c 'make --no-print-directory uninstall PREFIX="$1" >/dev/null && [ ! -e "$1" ]' _ "$prefix"

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
