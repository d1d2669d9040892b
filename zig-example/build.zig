//! Builds the Zig side of ferrex. One build.zig for Zig 0.15.2, 0.16.0 and
//! 0.17.1 (the few APIs that differ are guarded with @hasField/@hasDecl).
//!
//!   zig build test                 cargo-build libferrex, run the wrapper's tests
//!   zig build test -Dlink=dynamic  the same against libferrex.so
//!   zig build                      install zig-out/bin/ferrex-tests (and, with
//!                                  -Dlink=dynamic, zig-out/bin/libferrex.so
//!                                  beside it: the binary's rpath is $ORIGIN)
//!   zig build run -- ARGS       build and run fxgrep (src/fxgrep.zig), also
//!                                  installed as zig-out/bin/fxgrep; its tests
//!                                  are part of `zig build test`
//!   zig build cimport              build and run cimport/main.zig, the
//!                                  @cImport user (Zig 0.15 and 0.16 only)
//!   zig build lib                  only run cargo
//!
//! Layering: the header include/ferrex.h is translated by the build system
//! (`addTranslateC`, the successor of @cImport) into the module `ferrex_c`;
//! src/ferrex.zig (module `ferrex`) is the idiomatic wrapper over it.
const std = @import("std");
const builtin = @import("builtin");

pub const Link = enum { static, dynamic };

/// What every ferrex-using artifact needs; see `addFerrexArtifact`.
pub const Ferrex = struct {
    /// `cargo build --release -p ferrex-capi`, run before any link.
    cargo: *std.Build.Step,
    link: Link,
    /// Libraries the static libferrex.a needs (rustc's native-static-libs).
    native_libs: []const []const u8,
    /// The wrapper module (imports `ferrex_c`).
    module: *std.Build.Module,
    /// The translated header.
    c_module: *std.Build.Module,
};

/// The rustc native-static-libs list for linux-gnu, used when neither
/// -Dnative-libs nor ../build/native-static-libs.txt (written by `make lib`)
/// says otherwise.
const default_native_libs = "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc";

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    const link = b.option(Link, "link", "Link libferrex statically (default) or dynamically") orelse .static;
    const native_libs_option = b.option(
        []const u8,
        "native-libs",
        "Libraries libferrex.a needs, as rustc prints them (default: ../build/native-static-libs.txt, else " ++ default_native_libs ++ ")",
    );

    // 1. libferrex, by cargo. cargo is incremental and locks its target
    // directory itself, so the step always runs and cargo decides what to
    // rebuild; the target directory is fixed to the repository's target/.
    const cargo = b.addSystemCommand(&.{ "cargo", "build", "--release", "-p", "ferrex-capi", "--target-dir", "target" });
    cargo.setCwd(b.path(".."));
    cargo.has_side_effects = true;
    const lib_step = b.step("lib", "Build libferrex (cargo build --release -p ferrex-capi) into ../target/release");
    lib_step.dependOn(&cargo.step);

    // 2. The header, through the build system's C translation.
    const translate = b.addTranslateC(.{
        .root_source_file = b.path("../include/ferrex.h"),
        .target = target,
        .optimize = optimize,
    });
    const c_module = translate.createModule();

    // 3. The wrapper.
    const module = b.addModule("ferrex", .{
        .root_source_file = b.path("src/ferrex.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{.{ .name = "ferrex_c", .module = c_module }},
    });

    const fx: Ferrex = .{
        .cargo = &cargo.step,
        .link = link,
        .native_libs = parseNativeLibs(b, native_libs_option orelse readNativeLibsFile(b) orelse default_native_libs),
        .module = module,
        .c_module = c_module,
    };

    // 4. Tests, also installed as zig-out/bin/ferrex-tests (a real binary to
    // run from anywhere: with -Dlink=dynamic, libferrex.so is installed beside
    // it and its only rpath is $ORIGIN). `zig build test` runs the copy in the
    // cache, which finds libferrex.so through LD_LIBRARY_PATH instead.
    const test_step = b.step("test", "Run the wrapper's tests (src/ferrex_test.zig)");
    const tests = addFerrexTest(b, fx, "ferrex-tests", target, optimize);
    const run_tests = b.addRunArtifact(tests);
    // Always run (and report counts): libferrex is rebuilt by cargo, outside
    // Zig's view of what changed.
    run_tests.has_side_effects = true;
    useLibraryDir(b, fx, run_tests);
    test_step.dependOn(&run_tests.step);
    b.installArtifact(tests);
    if (link == .dynamic) installSharedLibrary(b, fx);

    // 5a. fxgrep, the grep on ferrex (src/fxgrep.zig): installed as
    // zig-out/bin/fxgrep; `zig build run -- ARGS` runs it; its unit tests
    // join the `test` step.
    const fxgrep_module = b.createModule(.{
        .root_source_file = b.path("src/fxgrep.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{.{ .name = "ferrex", .module = module }},
    });
    const fxgrep = b.addExecutable(.{ .name = "fxgrep", .root_module = fxgrep_module });
    addFerrexArtifact(b, fx, fxgrep);
    b.installArtifact(fxgrep);
    const run_fxgrep = b.addRunArtifact(fxgrep);
    useLibraryDir(b, fx, run_fxgrep);
    run_fxgrep.step.dependOn(b.getInstallStep());
    if (comptime @hasDecl(std.Build.Step.Run, "addPassthruArgs")) {
        run_fxgrep.addPassthruArgs(); // 0.17
    } else if (b.args) |args| run_fxgrep.addArgs(args); // 0.15, 0.16
    const run_step = b.step("run", "Run fxgrep (zig build run -- [OPTIONS] PATTERN [PATH...])");
    run_step.dependOn(&run_fxgrep.step);
    const fxgrep_tests = b.addTest(.{ .name = "fxgrep-tests", .root_module = fxgrep_module });
    addFerrexArtifact(b, fx, fxgrep_tests);
    const run_fxgrep_tests = b.addRunArtifact(fxgrep_tests);
    run_fxgrep_tests.has_side_effects = true;
    useLibraryDir(b, fx, run_fxgrep_tests);
    test_step.dependOn(&run_fxgrep_tests.step);

    // 5. The @cImport user: only Zig versions that still have @cImport.
    const cimport_step = b.step("cimport", "Build and run cimport/main.zig, which uses @cImport (Zig <= 0.16)");
    if (has_cimport) {
        const cimport_module = b.createModule(.{
            .root_source_file = b.path("cimport/main.zig"),
            .target = target,
            .optimize = optimize,
            .link_libc = true,
        });
        cimport_module.addIncludePath(b.path("../include"));
        const exe = b.addExecutable(.{ .name = "ferrex-cimport", .root_module = cimport_module });
        addFerrexArtifact(b, fx, exe);
        const run = b.addRunArtifact(exe);
        useLibraryDir(b, fx, run);
        run.stdio = .inherit; // prints the match; a non-zero exit fails the step
        cimport_step.dependOn(&run.step);
    } else {
        const fail = b.addFail("@cImport was removed in Zig 0.17: C headers are translated with b.addTranslateC (see the `ferrex_c` module); build cimport/ with Zig 0.16 or 0.15");
        cimport_step.dependOn(&fail.step);
    }
}

/// @cImport exists up to Zig 0.16 and was removed in 0.17.
const has_cimport = builtin.zig_version.order(.{ .major = 0, .minor = 17, .patch = 0 }) == .lt;

fn addFerrexTest(
    b: *std.Build,
    fx: Ferrex,
    name: []const u8,
    target: std.Build.ResolvedTarget,
    optimize: anytype,
) *std.Build.Step.Compile {
    const root = b.createModule(.{
        .root_source_file = b.path("src/ferrex_test.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{
            .{ .name = "ferrex", .module = fx.module },
            .{ .name = "ferrex_c", .module = fx.c_module },
        },
    });
    const tests = b.addTest(.{ .name = name, .root_module = root });
    addFerrexArtifact(b, fx, tests);
    return tests;
}

/// Links libferrex into `artifact` the way -Dlink says, after cargo has run.
/// Installed artifacts find libferrex.so through an rpath of $ORIGIN.
pub fn addFerrexArtifact(b: *std.Build, fx: Ferrex, artifact: *std.Build.Step.Compile) void {
    artifact.step.dependOn(fx.cargo);
    const m = artifact.root_module;
    m.link_libc = true;
    switch (fx.link) {
        .static => {
            m.addObjectFile(b.path("../target/release/libferrex.a"));
            for (fx.native_libs) |lib| m.linkSystemLibrary(lib, .{});
        },
        .dynamic => {
            m.addLibraryPath(b.path("../target/release"));
            m.linkSystemLibrary("ferrex", .{ .preferred_link_mode = .dynamic, .use_pkg_config = .no });
            m.addRPathSpecial("$ORIGIN");
            // Only $ORIGIN: no automatic rpath to the -L directory.
            artifact.each_lib_rpath = false;
        },
    }
}

/// With -Dlink=dynamic, lets a binary run from the cache find
/// ../target/release/libferrex.so.
fn useLibraryDir(b: *std.Build, fx: Ferrex, run: *std.Build.Step.Run) void {
    if (fx.link != .dynamic) return;
    run.setEnvironmentVariable("LD_LIBRARY_PATH", b.pathJoin(&.{ buildRoot(b), "..", "target", "release" }));
}

/// The absolute path of the directory holding build.zig.
fn buildRoot(b: *std.Build) []const u8 {
    if (comptime @hasField(std.Build, "build_root")) {
        return b.build_root.path orelse "."; // 0.15, 0.16
    } else {
        return b.pathJoin(&.{ b.root.root_dir.path orelse ".", b.root.sub_path }); // 0.17
    }
}

/// Installs libferrex.so into the bin directory, next to the binaries.
fn installSharedLibrary(b: *std.Build, fx: Ferrex) void {
    const install = b.addInstallBinFile(b.path("../target/release/libferrex.so"), "libferrex.so");
    install.step.dependOn(fx.cargo);
    b.getInstallStep().dependOn(&install.step);
}

/// "-lgcc_s -lc ..." (rustc's format; bare names work too) to library names.
/// A Rust static library unwinds with libgcc_s on linux-gnu: Zig ships
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

/// The list `make lib` (scripts/build-lib.sh) records, or null when absent.
fn readNativeLibsFile(b: *std.Build) ?[]const u8 {
    const rel = "../build/native-static-libs.txt";
    const limit = 64 * 1024;
    if (comptime @hasField(std.Build, "build_root")) {
        const dir = b.build_root.handle;
        if (comptime @hasField(std.Build.Graph, "io")) {
            // 0.16: std.Io.Dir
            return dir.readFileAlloc(b.graph.io, rel, b.allocator, .limited(limit)) catch null;
        } else {
            // 0.15: std.fs.Dir
            return dir.readFileAlloc(b.allocator, rel, limit) catch null;
        }
    } else {
        // 0.17 caches the configure phase: declare what it read. A missing
        // file (or build/ directory) is tracked through its parent's entries,
        // so that `make lib` creating it configures again.
        const dir = b.root.root_dir.handle;
        const io = b.graph.io;
        const bytes = dir.readFileAlloc(io, b.pathJoin(&.{ b.root.sub_path, rel }), b.allocator, .limited(limit)) catch null;
        if (bytes != null) {
            b.dependOnFileContents(b.path(rel));
        } else if (dir.access(io, b.pathJoin(&.{ b.root.sub_path, "../build" }), .{})) |_| {
            b.dependOnDirectoryMetadata(b.path("../build"));
        } else |_| {
            b.dependOnDirectoryMetadata(b.path(".."));
        }
        return bytes;
    }
}
