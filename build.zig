//! ferrex as a Zig package: cargo builds libferrex, the build system
//! translates include/ferrex.h, and the module "ferrex" (the idiomatic
//! wrapper, zig-example/src/ferrex.zig) carries the library, so that
//! importing the module is all a consumer does:
//!
//!     const ferrex = b.dependency("ferrex", .{ .target = target, .optimize = optimize });
//!     exe.root_module.addImport("ferrex", ferrex.module("ferrex"));
//!
//! Options (dependency arguments, or -D at this root):
//!   .link = .static (default)  libferrex.a (its only global symbols ferrex_*,
//!                              scripts/localize-archive.sh, which needs GNU
//!                              binutils) and the system libraries Rust's
//!                              standard library needs
//!   .link = .dynamic           libferrex.so, with an rpath of $ORIGIN: put
//!                              the "runtime" directory's contents beside the
//!                              binary (binaries run from the build cache find
//!                              the library through Zig's default rpath to it)
//!   .native_libs = "-l..."     what libferrex.a needs, as rustc prints it
//!                              (default: rustc's list for linux-gnu)
//! Named lazy paths:
//!   "include"  the directory of ferrex.h (for @cImport, or C code)
//!   "lib"      libferrex.a, libferrex.so and its soname link (for -L)
//!   "runtime"  what a dynamically linked binary loads: libferrex.so under
//!              its soname (libferrex.so.0.MINOR while 0.x), one file
//!
//! `zig build` at this root installs zig-out/lib (libferrex.a, libferrex.so,
//! libferrex.so.SONAME) and zig-out/include/ferrex.h.
//!
//! Works unchanged on Zig 0.15.2, 0.16.0 and 0.17.1 (the one API that
//! differs is chosen with @hasDecl). cargo builds for the host: Linux (glibc)
//! is what is tested.
const std = @import("std");

pub const Link = enum { static, dynamic };

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    const link = b.option(Link, "link", "Link libferrex statically (default) or dynamically") orelse .static;
    const native_libs = b.option(
        []const u8,
        "native_libs",
        "Libraries libferrex.a needs, as `rustc --print=native-static-libs` names them (default: linux-gnu's)",
    );

    const cargo = addCargoBuild(b, target);

    // The header, through the build system's C translation (@cImport's
    // successor), imported by the wrapper as `ferrex_c`.
    const translate = b.addTranslateC(.{
        .root_source_file = b.path("include/ferrex.h"),
        .target = target,
        .optimize = optimize,
    });

    // The wrapper, carrying libferrex: an artifact links the link objects,
    // library paths and rpaths of every module it imports, so addImport is
    // all a consumer needs.
    const module = b.addModule("ferrex", .{
        .root_source_file = b.path("zig-example/src/ferrex.zig"),
        .target = target,
        .optimize = optimize,
        .link_libc = true,
        .imports = &.{.{ .name = "ferrex_c", .module = translate.createModule() }},
    });
    switch (link) {
        .static => {
            module.addObjectFile(cargo.lib_dir.path(b, "libferrex.a"));
            const libs = native_libs orelse hostNativeLibs(target) orelse libs: {
                cargo.fail("ferrex: the system libraries a static libferrex needs are known here for linux-gnu only: " ++
                    "pass .native_libs (what `rustc --print=native-static-libs` prints), or .link = .dynamic");
                break :libs "";
            };
            for (parseNativeLibs(b, libs)) |name| module.linkSystemLibrary(name, .{});
        },
        .dynamic => {
            // -L and -lferrex: the linker records the library's soname,
            // which is what the binary then loads.
            module.addLibraryPath(cargo.lib_dir);
            module.linkSystemLibrary("ferrex", .{ .preferred_link_mode = .dynamic, .use_pkg_config = .no });
            module.addRPathSpecial("$ORIGIN");
        },
    }

    b.addNamedLazyPath("include", b.path("include"));
    b.addNamedLazyPath("lib", cargo.lib_dir);
    b.addNamedLazyPath("runtime", cargo.runtime_dir);

    // Only when this is the root project: a dependency's install step runs
    // only if its consumer asks for it.
    // (InstallDir copies files, not the soname link: the runtime directory
    // brings libferrex.so.SONAME as a file.)
    b.installDirectory(.{ .source_dir = cargo.lib_dir, .install_dir = .lib, .install_subdir = "" });
    b.installDirectory(.{ .source_dir = cargo.runtime_dir, .install_dir = .lib, .install_subdir = "" });
    b.getInstallStep().dependOn(&b.addInstallHeaderFile(b.path("include/ferrex.h"), "ferrex.h").step);
}

const CargoBuild = struct {
    run: *std.Build.Step.Run,
    lib_dir: std.Build.LazyPath,
    runtime_dir: std.Build.LazyPath,

    /// Fails the build, with `message`, wherever libferrex is needed.
    fn fail(cargo: CargoBuild, message: []const u8) void {
        const b = cargo.run.step.owner;
        cargo.run.step.dependOn(&b.addFail(message).step);
    }
};

/// Runs cargo to build libferrex (cargo_script does the work).
///
/// - Always release, whatever the consumer's -Doptimize: the Rust side is
///   the engine, not the consumer's code.
/// - `cargo rustc --crate-type staticlib --crate-type cdylib`, the command
///   scripts/build-lib.sh runs: capi also declares an rlib, and for a crate
///   that produces one cargo leaves out the release profile's LTO; loops
///   aligned to 64 bytes (scripts/build-lib.sh says why). Being the same
///   command, neither build makes the other stale when they share a target
///   directory.
/// - cargo's target directory is a fixed path in the consumer's cache
///   (.zig-cache/ferrex/cargo), never this package's directory (a fetched
///   package is unpacked in Zig's global cache, or from 0.16 on in the
///   project's zig-pkg/, and is not written to): being fixed keeps cargo
///   incremental. An absolute CARGO_TARGET_DIR wins, as it
///   would for a plain cargo build (a relative one would name a directory
///   inside this package and is ignored).
/// - The step runs on every build and cargo decides what is stale (Zig
///   cannot see the Rust sources). cargo locks its target directory, so
///   concurrent builds wait for each other; the libraries are then copied
///   (only when they changed, each through a rename, so a concurrent reader
///   never sees half a file) into the step's output directories, which are
///   what the module links: LazyPaths that carry the dependency on this step.
/// - It is silent unless cargo fails (Zig shows any stderr of a passing step
///   as an error); a missing cargo is said in words.
fn addCargoBuild(b: *std.Build, target: std.Build.ResolvedTarget) CargoBuild {
    // The script on stdin (`sh -s ARGS`), so that a failure's "failed
    // command" line is short; nothing in it reads stdin.
    const run = b.addSystemCommand(&.{ "sh", "-s" });
    run.setStdIn(.{ .bytes = cargo_script });
    run.setName("cargo: libferrex (release)");
    run.setCwd(b.path("."));
    run.addFileArg(b.path("Cargo.toml"));
    run.addDirectoryArg(cargoTargetDir(b));
    const cargo: CargoBuild = .{
        .run = run,
        .lib_dir = run.addOutputDirectoryArg("lib"),
        .runtime_dir = run.addOutputDirectoryArg("runtime"),
    };
    run.addFileArg(b.path("scripts/localize-archive.sh"));
    run.has_side_effects = true;
    // Captured stdio: an inherited one would hold Zig's global stdio lock, and
    // every other step would wait for the whole Rust build.
    run.expectExitCode(0);

    // cargo builds for the host; another target would fail at the link with
    // an unreadable error, so say it here (checked when something links).
    const host = b.graph.host.result;
    const t = target.result;
    if (t.cpu.arch != host.cpu.arch or t.os.tag != host.os.tag or t.abi != host.abi) {
        cargo.fail(b.fmt(
            "ferrex: libferrex is built by cargo for the host ({t}-{t}-{t}); target {t}-{t}-{t} is not supported",
            .{ host.cpu.arch, host.os.tag, host.abi, t.cpu.arch, t.os.tag, t.abi },
        ));
    }
    return cargo;
}

/// $1 Cargo.toml, $2 cargo's target directory unless CARGO_TARGET_DIR is
/// absolute, $3 the "lib" output directory, $4 the "runtime" one, $5
/// scripts/localize-archive.sh, which makes every global symbol of the
/// archive but ferrex_* local (as `make lib` ships it), when cargo's
/// archive changed.
/// The soname comes from the built library (capi/build.rs is its one
/// source): readelf, else objdump, else the bytes of the soname itself; none
/// means the linker's default name.
const cargo_script =
    \\set -eu
    \\manifest=$1 target=$2 lib=$3 runtime=$4 localize=$5
    \\case ${CARGO_TARGET_DIR:-} in /*) target=$CARGO_TARGET_DIR ;; esac
    \\cargo=${CARGO:-cargo}
    \\if ! command -v "$cargo" >/dev/null 2>&1; then
    \\    echo "ferrex: '$cargo' was not found on PATH: the ferrex package builds libferrex (Rust) with cargo." >&2
    \\    echo "ferrex: install Rust (https://rustup.rs), or set CARGO to cargo's path." >&2
    \\    exit 1
    \\fi
    \\if ! log=$("$cargo" rustc --release --locked -p ferrex-capi --lib --crate-type staticlib --crate-type cdylib \
    \\        --manifest-path "$manifest" --target-dir "$target" -- -C llvm-args=-align-loops=64 </dev/null 2>&1); then
    \\    printf '%s\n' "$log" >&2
    \\    echo "ferrex: cargo could not build libferrex (target directory $target)" >&2
    \\    exit 1
    \\fi
    \\update() { # update SOURCE DEST: copy through a rename, only when different
    \\    if ! cmp -s "$1" "$2"; then cp "$1" "$2.tmp$$" && mv -f "$2.tmp$$" "$2"; fi
    \\}
    \\if [ ! "$lib/libferrex.a" -nt "$target/release/libferrex.a" ]; then
    \\    sh "$localize" "$target/release/libferrex.a" "$lib/libferrex.a"
    \\fi
    \\update "$target/release/libferrex.so" "$lib/libferrex.so"
    \\if command -v readelf >/dev/null 2>&1; then
    \\    soname=$(readelf -d "$lib/libferrex.so" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
    \\elif command -v objdump >/dev/null 2>&1; then
    \\    soname=$(objdump -p "$lib/libferrex.so" | sed -n 's/^ *SONAME *//p')
    \\else
    \\    soname=$(LC_ALL=C grep -ao 'libferrex\.so\.[0-9][0-9.]*[0-9]' "$lib/libferrex.so" | head -n 1 || :)
    \\fi
    \\soname=${soname:-libferrex.so}
    \\if [ "$soname" != libferrex.so ] && [ "$(readlink "$lib/$soname" || :)" != libferrex.so ]; then
    \\    ln -sfn libferrex.so "$lib/$soname"
    \\fi
    \\for old in "$runtime"/*; do
    \\    if [ -e "$old" ] && [ "$old" != "$runtime/$soname" ]; then rm -f "$old"; fi
    \\done
    \\update "$lib/libferrex.so" "$runtime/$soname"
;

/// .zig-cache/ferrex/cargo of the project being built (dependencies share
/// their consumer's cache).
fn cargoTargetDir(b: *std.Build) std.Build.LazyPath {
    if (comptime @hasDecl(std.Build.LazyPath, "cache_root")) {
        return std.Build.LazyPath.cache_root.path(b, "ferrex/cargo"); // 0.17
    } else {
        return .{ .cwd_relative = b.pathJoin(&.{ absoluteCacheRoot(b), "ferrex", "cargo" }) };
    }
}

/// 0.15, 0.16: the consumer's cache as an absolute path. A relative one
/// reaches the script relative to its cwd, this package's directory, as
/// "../../..": where that directory is reached through a symlink (0.15
/// unpacks packages in the global cache, often under a linked ~/.cache),
/// the ".." climb from the link's target and cargo writes its target
/// directory elsewhere.
fn absoluteCacheRoot(b: *std.Build) []const u8 {
    const root = b.cache_root.path orelse ".";
    return if (std.fs.path.isAbsolute(root)) root else b.pathJoin(&.{ processCwd(b), root });
}

/// The build runner's working directory, which relative cache paths are
/// relative to.
fn processCwd(b: *std.Build) []const u8 {
    if (comptime @hasField(std.Build.Cache, "cwd")) {
        return b.graph.cache.cwd; // 0.16
    } else {
        return std.process.getCwdAlloc(b.allocator) catch @panic("ferrex: cannot read the working directory");
    }
}

/// What rustc prints for an empty staticlib with --print=native-static-libs
/// (libferrex's dependencies are pure Rust, so a static link needs what
/// Rust's standard library needs; scripts/build-lib.sh asks rustc) for the
/// target, which is the host (see addCargoBuild); null where not known here.
fn hostNativeLibs(target: std.Build.ResolvedTarget) ?[]const u8 {
    const t = target.result;
    if (t.os.tag == .linux and t.abi.isGnu()) return "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc";
    return null;
}

/// "-lgcc_s -lc ..." (rustc's format; bare names work too) to library names.
/// Rust's standard library unwinds with libgcc_s on linux-gnu: Zig ships
/// LLVM's libunwind as `unwind` instead.
fn parseNativeLibs(b: *std.Build, text: []const u8) []const []const u8 {
    var list: std.ArrayList([]const u8) = .empty;
    var it = std.mem.tokenizeAny(u8, text, " \t\r\n");
    outer: while (it.next()) |token| {
        var name = if (std.mem.startsWith(u8, token, "-l")) token[2..] else token;
        if (name.len == 0) continue;
        if (std.mem.eql(u8, name, "gcc_s") or std.mem.eql(u8, name, "gcc_eh")) name = "unwind";
        for (list.items) |seen| if (std.mem.eql(u8, seen, name)) continue :outer;
        list.append(b.allocator, name) catch @panic("OOM");
    }
    return list.items;
}
