//! Builds ferrex_zigglue.abi3.so, a CPython extension (3.11+, limited
//! API) whose glue is Zig: src/shim.c (CPython's API) calls the C-ABI
//! functions of src/glue.zig, which use the ferrex module of the package
//! at the repository root (build.zig.zon: by path), with libferrex linked
//! in statically. Zig 0.17.1. Run through build.sh, which passes:
//!
//!   -Dpython-include=DIR   the directory of Python.h (sysconfig's "include")
//!
//! and installs lib/ferrex_zigglue.abi3.so under the --prefix it gives.
const std = @import("std");

pub fn build(b: *std.Build) void {
    const target = b.standardTargetOptions(.{});
    const optimize = b.option(std.builtin.OptimizeMode, "optimize", "default ReleaseFast") orelse std.builtin.OptimizeMode.ReleaseFast; // a declaration since 0.17
    const python_include = b.option([]const u8, "python-include", "the directory of Python.h") orelse {
        b.getInstallStep().dependOn(&b.addFail("pass -Dpython-include=DIR (python3 -c \"import sysconfig; print(sysconfig.get_paths()['include'])\")").step);
        return;
    };
    const ferrex = b.dependency("ferrex", .{ .target = target, .optimize = optimize }).module("ferrex");

    const glue = b.createModule(.{
        .root_source_file = b.path("src/glue.zig"),
        .target = target,
        .optimize = optimize,
        .link_libc = true,
        .pic = true, // a shared object
        .imports = &.{.{ .name = "ferrex", .module = ferrex }},
    });
    glue.addIncludePath(b.path("src"));
    glue.addIncludePath(.{ .cwd_relative = python_include });
    glue.addCSourceFile(.{ .file = b.path("src/shim.c"), .flags = &.{ "-std=c11", "-Wall", "-Wextra", "-Werror" } });

    const lib = b.addLibrary(.{ .linkage = .dynamic, .name = "ferrex_zigglue", .root_module = glue });
    // Python's own symbols are resolved by the interpreter that loads it.
    lib.linker_allow_shlib_undefined = true;
    lib.setVersionScript(b.path("src/exports.map"));
    const install = b.addInstallFileWithDir(lib.getEmittedBin(), .lib, "ferrex_zigglue.abi3.so");
    b.getInstallStep().dependOn(&install.step);
}
