//! Builds seed-zig, the Zig runner of the seed table (bench/seed/PROTOCOL.md).
//! Zig 0.17.1. Run through build.sh, which builds libferrex first and passes
//! the libraries its static link needs:
//!
//!   zig build -Doptimize=ReleaseFast -Dnative-libs="$(cat ../../../build/native-static-libs.txt)"
//!
//! Two C headers are translated by the build system (addTranslateC, as
//! zig-example/build.zig does): include/ferrex.h into `ferrex_c`, which the
//! wrapper zig-example/src/ferrex.zig imports, and src/pcre2_8.h into
//! `pcre2_c` (PCRE2 with 8-bit code units, linked from the system's pcre2-8).
const std = @import("std");

/// rustc's native-static-libs for linux-gnu, when -Dnative-libs is not given.
const default_native_libs = "-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc";

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.standardOptimizeOption(.{});
    const native_libs = b.option(
        []const u8,
        "native-libs",
        "Libraries libferrex.a needs, as rustc prints them (default: " ++ default_native_libs ++ ")",
    ) orelse default_native_libs;

    // The wrapper over the translated ferrex header (the zig-example layering,
    // reused, not modified).
    const ferrex_c = b.addTranslateC(.{
        .root_source_file = b.path("../../../include/ferrex.h"),
        .target = target,
        .optimize = optimize,
    }).createModule();
    const ferrex = b.createModule(.{
        .root_source_file = b.path("../../../zig-example/src/ferrex.zig"),
        .target = target,
        .optimize = optimize,
        .imports = &.{.{ .name = "ferrex_c", .module = ferrex_c }},
    });

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
    // libferrex.a, statically, with the system libraries Rust's std needs.
    root.addObjectFile(b.path("../../../target/release/libferrex.a"));
    for (parseNativeLibs(b, native_libs)) |lib| root.linkSystemLibrary(lib, .{});

    const exe = b.addExecutable(.{ .name = "seed-zig", .root_module = root });
    b.installArtifact(exe);

    const tests = b.addTest(.{ .root_module = root });
    const test_step = b.step("test", "Run the runner's unit tests");
    test_step.dependOn(&b.addRunArtifact(tests).step);
}

/// "-lgcc_s -lc ..." (rustc's format; bare names work too) to library names.
/// A Rust static library unwinds with libgcc_s on linux-gnu; Zig ships LLVM's
/// libunwind as `unwind` instead (as zig-example/build.zig does).
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
