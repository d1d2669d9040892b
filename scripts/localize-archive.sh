#!/bin/sh
# localize-archive.sh IN OUT: rewrites the static library IN (cargo's
# libferrex.a) as OUT, one relocatable object whose only global symbols are
# ferrex_*: Rust's standard library, compiler builtins and the crates
# inside become local, so they cannot clash with a second Rust static
# library, or anything else, in the same program. Debug info is dropped
# (Rust's precompiled parts carry some: 11 MB instead of 6 MB) unless
# CARGO_PROFILE_RELEASE_DEBUG asks cargo for it.
# Needs GNU binutils (ld, objcopy, objdump, ar). POSIX sh: the Zig package
# runs it too (build.zig).
set -eu
in=$1 out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ld -r --whole-archive "$in" -o "$tmp/ferrex.o"
case ${CARGO_PROFILE_RELEASE_DEBUG:-} in
'' | 0 | false | none) strip=--strip-debug ;;
*) strip= ;;
esac
objcopy --wildcard --keep-global-symbol='ferrex_*' $strip "$tmp/ferrex.o"
# ar's target named explicitly: with none, binutils hands each member to
# every linker plugin installed (LLVMgold, gcc's LTO plugin), and LLVM 14's
# aborts on Rust's objects.
ar --target="$(objdump -f "$tmp/ferrex.o" | sed -n 's/.*file format //p')" crs "$tmp/libferrex.a" "$tmp/ferrex.o"
mv -f "$tmp/libferrex.a" "$out"
