//! Builds seed-zig, the Zig runner of the seed table (bench/seed/PROTOCOL.md).
//! Zig 0.17.1. Run through build.sh:
//!
//!   zig build -Doptimize=ReleaseFast
//!
//! ferrex comes from the package at the repository root (build.zig.zon: by
//! path), as any Zig project gets it: the wrapper module with libferrex
//! linked statically. PCRE2's header src/pcre2_8.h is translated by the
//! build system into `pcre2_c` (8-bit code units, the system's pcre2-8).
const std = @import("std");

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    const ferrex = b.dependency("ferrex", .{ .target = target, .optimize = optimize }).module("ferrex");

    // PCRE2: a two-line header fixes the code unit width before <pcre2.h>.
    const pcre2_c = b.addTranslateC(.{
        .root_source_file = b.path("src/pcre2_8.h"),
        .target = target,
        .optimize = optimize,
    }).createModule();
    pcre2_c.linkSystemLibrary("pcre2-8", .{});

    const root = b.createModule(.{
        .root_source_file = b.path("src/main.zig"),
        .target = target,
        .optimize = optimize,
        .link_libc = true,
        .imports = &.{
            .{ .name = "ferrex", .module = ferrex },
            .{ .name = "pcre2_c", .module = pcre2_c },
        },
    });

    const exe = b.addExecutable(.{ .name = "seed-zig", .root_module = root });
    b.installArtifact(exe);

    const tests = b.addTest(.{ .root_module = root });
    const test_step = b.step("test", "Run the runner's unit tests");
    test_step.dependOn(&b.addRunArtifact(tests).step);
}
