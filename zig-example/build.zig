//! The Zig side of ferrex, built as any project that uses the ferrex package
//! (the repository root's build.zig, a path dependency in build.zig.zon):
//! the wrapper's tests, fxgrep and the @cImport example. One build.zig for
//! Zig 0.15.2, 0.16.0 and 0.17.1.
//!
//!   zig build                      install zig-out/bin/fxgrep
//!   zig build test                 run the wrapper's and fxgrep's tests
//!   zig build install-tests        install zig-out/bin/ferrex-tests
//!   zig build run -- ARGS          build and run fxgrep (src/fxgrep.zig)
//!   zig build cimport              build and run cimport/main.zig, the
//!                                  @cImport user (Zig 0.15 and 0.16 only)
//!   -Dlink=dynamic                 link libferrex.so: installed binaries find
//!                                  it beside them ($ORIGIN, nothing else)
//!   -Doptimize=MODE                default ReleaseFast (fxgrep is a tool)
//!
//! The package builds libferrex with cargo (release, always) in
//! .zig-cache/ferrex/cargo, or in an absolute CARGO_TARGET_DIR.
const std = @import("std");
const builtin = @import("builtin");

pub const Link = enum { static, dynamic };

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.option(
        std.builtin.OptimizeMode,
        "optimize",
        "Prioritize performance, safety, or binary size (default: ReleaseFast)",
    ) orelse std.builtin.OptimizeMode.ReleaseFast; // a field until 0.16, a declaration since 0.17
    const link = b.option(Link, "link", "Link libferrex statically (default) or dynamically") orelse .static;

    // What a user of the package writes: the dependency, then its module.
    const ferrex_dep = b.dependency("ferrex", .{ .target = target, .optimize = optimize, .link = link });
    const ferrex = ferrex_dep.module("ferrex");

    // A dynamically linked binary loads libferrex.so (under its soname)
    // from beside it.
    const install_runtime = b.addInstallDirectory(.{ .source_dir = ferrex_dep.namedLazyPath("runtime"), .install_dir = .bin, .install_subdir = "" });
    if (link == .dynamic) b.getInstallStep().dependOn(&install_runtime.step);

    const test_step = b.step("test", "Run the wrapper's tests (src/ferrex_test.zig) and fxgrep's");

    // 1. The wrapper's tests; `zig build install-tests` also installs them
    // as zig-out/bin/ferrex-tests, a real binary to run from anywhere.
    const tests_module = b.createModule(.{
        .root_source_file = b.path("src/ferrex_test.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{.{ .name = "ferrex", .module = ferrex }},
    });
    const tests = Binary.init(b, link, tests_module, "ferrex-tests", .tests);
    const install_tests_step = b.step("install-tests", "Install zig-out/bin/ferrex-tests (with -Dlink=dynamic, libferrex.so beside it)");
    install_tests_step.dependOn(&b.addInstallArtifact(tests.installed, .{}).step);
    if (link == .dynamic) install_tests_step.dependOn(&install_runtime.step);
    test_step.dependOn(&runTests(b, tests.cached).step);

    // 2. fxgrep, the grep on ferrex: zig-out/bin/fxgrep; `zig build run --
    // ARGS` runs it; its unit tests join the test step.
    const fxgrep_module = b.createModule(.{
        .root_source_file = b.path("src/fxgrep.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{.{ .name = "ferrex", .module = ferrex }},
    });
    const fxgrep = Binary.init(b, link, fxgrep_module, "fxgrep", .exe);
    b.installArtifact(fxgrep.installed);
    const run_fxgrep = b.addRunArtifact(fxgrep.cached);
    if (comptime @hasDecl(std.Build.Step.Run, "addPassthruArgs")) {
        run_fxgrep.addPassthruArgs(); // 0.17
    } else if (b.args) |args| run_fxgrep.addArgs(args); // 0.15, 0.16
    const run_step = b.step("run", "Run fxgrep (zig build run -- [OPTIONS] PATTERN [PATH...])");
    run_step.dependOn(&run_fxgrep.step);
    test_step.dependOn(&runTests(b, b.addTest(.{ .name = "fxgrep-tests", .root_module = fxgrep_module })).step);

    // 3. The @cImport user, on Zig versions that still have @cImport: the
    // header from the package's "include" path, and the library from the
    // module "ferrex", imported only for the library it carries.
    const cimport_step = b.step("cimport", "Build and run cimport/main.zig, which uses @cImport (Zig <= 0.16)");
    if (has_cimport) {
        const cimport_module = b.createModule(.{
            .root_source_file = b.path("cimport/main.zig"),
            .target = target,
            .optimize = optimize,
            .link_libc = true,
            .imports = &.{.{ .name = "ferrex", .module = ferrex }},
        });
        cimport_module.addIncludePath(ferrex_dep.namedLazyPath("include"));
        const run = b.addRunArtifact(b.addExecutable(.{ .name = "ferrex-cimport", .root_module = cimport_module }));
        run.stdio = .inherit; // prints the match; a non-zero exit fails the step
        cimport_step.dependOn(&run.step);
    } else {
        const fail = b.addFail("@cImport was removed in Zig 0.17: C headers are translated with b.addTranslateC (the package's `ferrex_c`); build cimport/ with Zig 0.16 or 0.15");
        cimport_step.dependOn(&fail.step);
    }
}

/// @cImport exists up to Zig 0.16 and was removed in 0.17.
const has_cimport = builtin.zig_version.order(.{ .major = 0, .minor = 17, .patch = 0 }) == .lt;

/// A binary that is both installed and run by a step, over a module that
/// imports ferrex.
///
/// Linked dynamically, the one installed into zig-out/bin must find
/// libferrex.so beside it and nowhere else (its only rpath is $ORIGIN, from
/// the package), while the one run from the cache finds it through Zig's
/// default rpath to the package's library directory: two binaries, each
/// built only by the steps that need it. Linked statically, one serves both.
const Binary = struct {
    installed: *std.Build.Step.Compile,
    cached: *std.Build.Step.Compile,

    const Kind = enum { exe, tests };

    fn init(b: *std.Build, link: Link, module: *std.Build.Module, name: []const u8, kind: Kind) Binary {
        const cached = add(b, module, name, kind);
        if (link == .static) return .{ .installed = cached, .cached = cached };
        const installed = add(b, module, name, kind);
        installed.each_lib_rpath = false;
        return .{ .installed = installed, .cached = cached };
    }

    fn add(b: *std.Build, module: *std.Build.Module, name: []const u8, kind: Kind) *std.Build.Step.Compile {
        return switch (kind) {
            .exe => b.addExecutable(.{ .name = name, .root_module = module }),
            .tests => b.addTest(.{ .name = name, .root_module = module }),
        };
    }
};

/// Runs a test binary on every build, so that the build summary always has
/// the test counts `make zig-test` reports (a cached run shows none).
fn runTests(b: *std.Build, tests: *std.Build.Step.Compile) *std.Build.Step.Run {
    const run = b.addRunArtifact(tests);
    run.has_side_effects = true;
    return run;
}
