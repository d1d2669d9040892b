//! Builds rebar-zig, the Zig runner of the benchmarks (bench/engines/build.sh
//! zig): the C runner core (../core/main.c, redux.c: KLV, models, timing)
//! linked with adapter.zig, which serves the engines zig/ferrex,
//! zig/ferrex/phrases, zig/pcre2, zig/pcre2/jit and zig/linear. Zig 0.17.1:
//!
//!   zig build -Doptimize=ReleaseFast
//!
//! ferrex comes from the package at the repository root (build.zig.zon: by
//! path), as any Zig project gets it: the wrapper module with libferrex
//! linked statically. PCRE2's header pcre2_8.h is translated by the build
//! system into `pcre2_c` (8-bit code units, the system's pcre2-8).
const std = @import("std");

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    const ferrex = b.dependency("ferrex", .{ .target = target, .optimize = optimize }).module("ferrex");

    // PCRE2: a two-line header fixes the code unit width before <pcre2.h>.
    const pcre2_c = b.addTranslateC(.{
        .root_source_file = b.path("pcre2_8.h"),
        .target = target,
        .optimize = optimize,
    }).createModule();
    pcre2_c.linkSystemLibrary("pcre2-8", .{});

    // main() is the C core's (adapter.zig declares it, so Zig's start code
    // leaves it alone); adapter.zig exports the engine.h functions.
    const root = b.createModule(.{
        .root_source_file = b.path("adapter.zig"),
        .target = target,
        .optimize = optimize,
        .link_libc = true,
        .imports = &.{
            .{ .name = "ferrex", .module = ferrex },
            .{ .name = "pcre2_c", .module = pcre2_c },
        },
    });
    root.addIncludePath(b.path("../core"));
    root.addCSourceFiles(.{
        .root = b.path("../core"),
        .files = &.{ "main.c", "redux.c" },
        .flags = &.{ "-std=c11", "-Wall", "-Wextra", "-Werror" },
    });

    const exe = b.addExecutable(.{ .name = "rebar-zig", .root_module = root });
    b.installArtifact(exe);

    const test_root = b.createModule(.{
        .root_source_file = b.path("linear.zig"),
        .target = target,
        .optimize = optimize,
    });
    const tests = b.addTest(.{ .root_module = test_root });
    const test_step = b.step("test", "Run the adapter's unit tests");
    test_step.dependOn(&b.addRunArtifact(tests).step);
}
