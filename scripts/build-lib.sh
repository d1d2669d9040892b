#!/usr/bin/env bash
# build-lib.sh: builds libferrex (release) and leaves what a C program links
# in build/lib/:
#   libferrex.a    one object whose only global symbols are ferrex_*: Rust's
#                  standard library, compiler builtins and the crates inside
#                  are local, so they cannot clash with a second Rust static
#                  library (or anything else) in the same program
#   libferrex.so   exports only ferrex_* (a cdylib exports only #[no_mangle] functions);
#                  a link to libferrex.so.X.Y.Z through the soname link (below)
# and records the system libraries a static link needs in
# build/native-static-libs.txt.
#
# Neither carries debug info (the release profile has none). To get it:
#   CARGO_PROFILE_RELEASE_DEBUG=1 make lib
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/lib

# `cargo rustc --crate-type` so that the release profile's LTO applies: capi
# also declares an rlib (its own tests link it), and for a crate that
# produces an rlib cargo passes no `-C lto` at all.
# (cargo's archive: 11 MB with LTO, 54 MB without it and with debug info.)
# `-align-loops=64` starts every loop on a 64-byte boundary (with fat LTO
# this crate's code generation lays out all the code, the dependencies'
# too). A small hot loop that straddles two 64-byte blocks can run at half
# speed, and where a loop falls moves with any change anywhere in the
# library: memchr's memmem loop (39 bytes) straddled one in a build of
# this library, and rebar's folly/literal-never-match-rare took 1.75x the
# regex crate's time for the same instructions (median of 11 alternating
# runs, AMD EPYC); aligned, 1.01x. It costs about 1% of the archive's
# size. build.zig runs the same command.
# The files are the ones cargo names as built (its JSON messages; its
# diagnostics still reach stderr as text), not a path written here: they
# are wherever CARGO_TARGET_DIR, a config's build.target-dir or a target
# triple (CARGO_BUILD_TARGET: <dir>/<triple>/release) put them, rules a
# path here would have to repeat, and a stale target/release would be
# taken for them where it got them wrong.
artifacts=$(cargo rustc -q --release --locked -p ferrex-capi --lib --crate-type staticlib --crate-type cdylib \
    --message-format=json-render-diagnostics -- -C llvm-args=-align-loops=64 |
    python3 -c '
import json, os, sys
files = []
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and "staticlib" in m["target"]["crate_types"]:
        files = m["filenames"]
    elif m.get("reason") == "build-finished" and not m["success"]:
        sys.exit(1)  # cargo said why
for name in "libferrex.a", "libferrex.so":
    path = [f for f in files if os.path.basename(f) == name]
    if not path:
        sys.exit(f"error: cargo named no {name} among the files it built")
    print(path[0])
')
{ read -r archive; read -r shared; } <<<"$artifacts"

# ferrex's dependencies are pure Rust, so a static link needs exactly what
# Rust's standard library needs: rustc names that for an empty staticlib.
echo '#![no_main]' > build/empty.rs
rustc ${CARGO_BUILD_TARGET:+--target "$CARGO_BUILD_TARGET"} --crate-type=staticlib --print=native-static-libs \
    build/empty.rs -o build/empty.a 2>&1 |
    sed -n 's/^note: native-static-libs: //p' | tail -n1 > build/native-static-libs.txt
rm -f build/empty.a
[ -s build/native-static-libs.txt ] || { echo "error: rustc did not name the native static libraries" >&2; exit 1; }

# The archive, with every global symbol but ferrex_* made local
# (scripts/localize-archive.sh); only redone when cargo's archive changed,
# or is another one (a build into another target directory may be older).
if [ ! build/lib/libferrex.a -nt "$archive" ] || [ "$(cat build/libferrex.a.from 2>/dev/null)" != "$archive" ]; then
    scripts/localize-archive.sh "$archive" build/lib/libferrex.a
    printf '%s\n' "$archive" >build/libferrex.a.from
fi

# The shared library, laid out as an installed one is (scripts/install.sh
# copies this layout):
#   libferrex.so.X.Y.Z             the file, named by the package version (Cargo.toml)
#   libferrex.so.0.MINOR -> ...    its soname, which capi/build.rs sets and
#                                  the dynamic loader looks for (1.0 on: .so.MAJOR)
#   libferrex.so -> soname         what `-lferrex` finds when linking
. scripts/libinfo.sh
version=$(package_version)
soname=$(soname_of "$shared")
rm -f build/lib/libferrex.so build/lib/libferrex.so.*
cp -p "$shared" "build/lib/libferrex.so.$version"
[ "$soname" = "libferrex.so.$version" ] || ln -s "libferrex.so.$version" "build/lib/$soname"
ln -s "$soname" build/lib/libferrex.so

echo "==> libferrex built: build/lib/libferrex.a ($(du -h build/lib/libferrex.a | cut -f1)), build/lib/libferrex.so.$version ($(du -h "build/lib/libferrex.so.$version" | cut -f1), soname $soname); static link also needs: $(cat build/native-static-libs.txt)"
