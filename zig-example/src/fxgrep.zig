//! fxgrep: a grep built on ferrex.
//!
//!   fxgrep [OPTION]... PATTERNS [FILE]...
//!
//! GNU grep's options and output formats (`fxgrep --help`), with these
//! differences, on purpose:
//! - PATTERNS are ERE (grep -E) in Rust regex syntax; grep's BRE is not
//!   supported, and a backslash that BRE reads as an operator (`a\|b`) is
//!   refused unless -E says ERE is meant;
//! - directories are always searched recursively (-r is implied), by
//!   several threads; output still comes in the order files are found;
//! - line numbers are on when stdout is a terminal (as ripgrep), off
//!   otherwise (as grep); -n and -N force them;
//! - \w, \b, -w and -i are Unicode's, whatever the locale.
//!
//! The pieces: options.zig (the command line), matcher.zig (PATTERNS to one
//! shared regex or phrase set; per-thread finders), walk.zig (paths, globs,
//! threads, output order), input.zig (read buffer or memory map), search.zig
//! (selected lines, context, counts, binary files), out.zig (buffers).
const std = @import("std");
const builtin = @import("builtin");
const ferrex = @import("ferrex");
const libc = @import("fxgrep/libc.zig");
const options = @import("fxgrep/options.zig");
const matcher = @import("fxgrep/matcher.zig");
const search = @import("fxgrep/search.zig");
const walk = @import("fxgrep/walk.zig");
const Reader = @import("fxgrep/input.zig").Reader;
const Out = @import("fxgrep/out.zig").Out;

const Allocator = std.mem.Allocator;
const eprint = options.eprint;

/// The C entry point: libc's crt calls it (start.zig leaves a C-calling-
/// convention `main` alone in every supported version).
pub fn main(argc: c_int, argv: [*][*:0]u8) callconv(.c) c_int {
    const gpa = std.heap.c_allocator;
    const args = gpa.alloc([]const u8, @intCast(argc - 1)) catch return 2;
    for (args, 1..) |*a, k| a.* = std.mem.sliceTo(argv[k], 0);
    return run(gpa, args);
}

comptime {
    if (!builtin.is_test) @export(&main, .{ .name = "main" });
}

fn run(gpa: Allocator, args: []const []const u8) c_int {
    const started = libc.nowNs();
    var o = options.parseArgs(gpa, args) catch |err| switch (err) {
        error.Help => {
            libc.writeAll(1, options.help);
            return 0;
        },
        error.Version => {
            var buf: [256]u8 = undefined;
            libc.writeAll(1, options.versionText(&buf));
            return 0;
        },
        else => return 2,
    };
    // grep -m 0 reads nothing and selects nothing, but under -L, which
    // then lists every file (and reports those it cannot read).
    if (o.max_count == 0 and !o.files_without_match) return 1;
    var m = matcher.build(gpa, &o) catch return 2;
    defer m.deinit();

    const stdout_tty = libc.isatty(1) == 1;
    var has_dir = o.paths.items.len == 0 and o.recursive;
    for (o.paths.items) |p| {
        const z = libc.dupeZ(gpa, p) catch return 2;
        defer gpa.free(z);
        if (libc.opendir(z)) |d| {
            _ = libc.closedir(d);
            has_dir = true;
        }
    }
    const settings: search.Settings = .{
        .o = &o,
        .color = switch (o.color) {
            .always => true,
            .never => false,
            .auto => stdout_tty,
        },
        .line_numbers = o.line_numbers orelse stdout_tty,
        .with_filename = o.with_filename orelse (o.paths.items.len > 1 or has_dir),
        .quit = undefined, // the pool's
    };
    // Threads pay off across files: one per CPU when a directory is searched.
    const threads = o.threads orelse if (has_dir) @as(usize, @intCast(@max(1, @min(libc.sysconf(libc.SC_NPROCESSORS_ONLN), 16)))) else 1;

    var pool = walk.Pool.init(gpa, &o, &m, settings);
    pool.start(threads) catch |err| {
        eprint("fxgrep: {s}\n", .{@errorName(err)});
        return 2;
    };
    var walker: walk.Walker = .{ .pool = &pool, .gpa = gpa, .o = &o };
    const walked = blk: {
        if (o.paths.items.len == 0) break :blk if (o.recursive) walker.workingDirectory() else walker.path("-");
        for (o.paths.items) |p| walker.path(p) catch |err| break :blk err;
    };
    pool.finish();
    const t = pool.totals;
    if (walked) |_| {} else |err| {
        eprint("fxgrep: {s}\n", .{@errorName(err)});
        return 2;
    }
    if (pool.fatal) |err| {
        eprint("fxgrep: {s}\n", .{@errorName(err)});
        return 2;
    }
    if (o.stats) {
        const ns = libc.nowNs() - started;
        const secs = @as(f64, @floatFromInt(ns)) / 1e9;
        const mib = @as(f64, @floatFromInt(t.bytes)) / (1024.0 * 1024.0);
        eprint("fxgrep: stats: {d} files, {d} bytes scanned, {d} selected lines, {d} threads, {d:.3} ms, {d:.1} MiB/s\n", .{
            t.files, t.bytes, t.lines, threads, secs * 1000.0, if (secs > 0) mib / secs else 0.0,
        });
    }
    if (o.quiet and pool.quit) return 0;
    if (t.had_error) return 2;
    return if (t.selected_any) 0 else 1;
}

// ---------------------------------------------------------------------------
// Tests: the search core over a pipe, output held in memory.
// ---------------------------------------------------------------------------

test {
    _ = options;
    _ = matcher;
    _ = search;
}

extern "c" fn pipe(fds: *[2]c_int) c_int;

/// Runs fxgrep's search over `input` (through a pipe, as stdin) and returns
/// the output.
fn runOnInput(args: []const []const u8, input: []const u8) ![]u8 {
    const gpa = std.testing.allocator;
    var arena_state = std.heap.ArenaAllocator.init(gpa);
    defer arena_state.deinit();
    const arena = arena_state.allocator();
    var o = try options.parseArgs(arena, args);
    if (o.line_numbers == null) o.line_numbers = true;
    var m = try matcher.build(arena, &o);
    defer m.deinit();
    var finder = try matcher.Finder.init(arena, &m, &o);
    defer finder.deinit(arena);
    var out: Out = .{ .gpa = arena };
    var quit = false;
    var sr = search.Searcher.init(.{
        .o = &o,
        .color = false,
        .line_numbers = o.line_numbers.?,
        .with_filename = o.with_filename orelse false,
        .quit = &quit,
    }, &finder, &out, "(stdin)");
    var reader = try Reader.init(arena, o.chunk_size, false);
    var fds: [2]c_int = undefined;
    try std.testing.expectEqual(@as(c_int, 0), pipe(&fds));
    try std.testing.expect(input.len < 60000); // fits in the pipe
    libc.writeAll(fds[1], input);
    _ = libc.close(fds[1]);
    defer _ = libc.close(fds[0]);
    try reader.search(fds[0], false, &sr);
    sr.finish();
    return gpa.dupe(u8, out.buf.items);
}

fn expectOutput(args: []const []const u8, input: []const u8, expected: []const u8) !void {
    const got = try runOnInput(args, input);
    defer std.testing.allocator.free(got);
    try std.testing.expectEqualStrings(expected, got);
}

test "lines straddling tiny chunks are found with the right numbers" {
    const input = "alpha\nbeta needle gamma\ndelta\nthe needle again at the end";
    const expected = "2:beta needle gamma\n4:the needle again at the end\n";
    for ([_][]const u8{ "--chunk-size=1", "--chunk-size=3", "--chunk-size=7", "--chunk-size=64" }) |cs| {
        try expectOutput(&.{ cs, "needle" }, input, expected);
        try expectOutput(&.{ cs, "-F", "needle" }, input, expected);
        try expectOutput(&.{ cs, "-v", "-c", "needle" }, input, "2\n");
        try expectOutput(&.{ cs, "-B1", "-A1", "-m1", "needle" }, input, "1-alpha\n2:beta needle gamma\n3-delta\n");
    }
}

test "anchors, -o, -c, -i, -w, -x, multi-pattern" {
    const input = "foo bar\nbarfoo\nFOO\nfoobar foo\n";
    try expectOutput(&.{"^foo"}, input, "1:foo bar\n4:foobar foo\n");
    try expectOutput(&.{"foo$"}, input, "2:barfoo\n4:foobar foo\n");
    try expectOutput(&.{ "-o", "-N", "foo" }, input, "foo\nfoo\nfoo\nfoo\n");
    try expectOutput(&.{ "-c", "-i", "foo" }, input, "4\n");
    try expectOutput(&.{ "-w", "foo" }, input, "1:foo bar\n4:foobar foo\n");
    try expectOutput(&.{ "-x", "-i", "foo" }, input, "3:FOO\n");
    try expectOutput(&.{ "-F", "-w", "-i", "foo" }, input, "1:foo bar\n3:FOO\n4:foobar foo\n");
    try expectOutput(&.{ "-e", "^bar", "-e", "^FOO" }, input, "2:barfoo\n3:FOO\n");
    try expectOutput(&.{ "-F", "-i", "-e", "BARF", "-e", "zzz" }, input, "2:barfoo\n");
}

test "-v, -m, context and separators" {
    const input = "a\nfoo\nb\nc\nd\nfoo\ne\n";
    try expectOutput(&.{ "-v", "-N", "foo" }, input, "a\nb\nc\nd\ne\n");
    try expectOutput(&.{ "-C1", "-N", "foo" }, input, "a\nfoo\nb\n--\nd\nfoo\ne\n");
    try expectOutput(&.{ "-A3", "foo" }, input, "2:foo\n3-b\n4-c\n5-d\n6:foo\n7-e\n");
    try expectOutput(&.{ "-m1", "-A5", "-N", "foo" }, input, "foo\nb\nc\nd\nfoo\ne\n");
    try expectOutput(&.{ "-o", "-C1", "-N", "foo" }, input, "foo\n--\nfoo\n");
    try expectOutput(&.{ "-c", "-m1", "foo" }, input, "1\n");
}

test "binary input: one message, no lines" {
    try expectOutput(&.{"foo"}, "foo\nbar\x00\n", "");
    try expectOutput(&.{ "-c", "foo" }, "foo\nbar\x00\nfoo\n", "2\n");
    try expectOutput(&.{ "-a", "-N", "foo" }, "foo\x00\n", "foo\x00\n");
    try expectOutput(&.{ "-z", "-N", "a.b" }, "a\nb\x00c\x00", "a\nb\x00");
    // A NUL in the first window stops everything; later, at the line that has it.
    try expectOutput(&.{ "--chunk-size=64", "foo" }, "foo\nfoo\nx\x00foo\nfoo\n", "");
    try expectOutput(&.{ "--chunk-size=4", "foo" }, "foo\nfoo\nx\x00foo\nfoo\n", "1:foo\n2:foo\n");
    try expectOutput(&.{ "--chunk-size=4", "-A5", "foo" }, "foo\nbar\nx\x00y\nfoo\n", "1:foo\n2-bar\n");
}

test "-g prints one capture group of every match" {
    const input = "key=1 k2=22\nnone here\nx=\nz=9\n";
    try expectOutput(&.{ "-g", "2", "-N", "(\\w+)=(\\d+)" }, input, "1\n22\n9\n");
    try expectOutput(&.{ "--group=1", "(\\w+)=(\\d+)" }, input, "1:key\n1:k2\n4:z\n");
    // A group that took no part prints nothing; -w keeps the numbering.
    try expectOutput(&.{ "-g1", "-N", "-w", "(a)|b" }, "a b\n", "a\n");
    try expectOutput(&.{ "-g", "0", "-N", "\\d+" }, input, "1\n2\n22\n9\n");
    // Empty matches and empty groups print nothing, as with -o.
    try expectOutput(&.{ "-g", "0", "-N", "x*" }, "abxc\n", "x\n");
    try expectOutput(&.{ "-g", "1", "-N", "(a*)b" }, "b ab\n", "a\n");
}

test "matches never span lines" {
    try expectOutput(&.{"a\\s+b"}, "xa\nb\na b\n", "3:a b\n");
    try expectOutput(&.{"a[^x]b"}, "a\nb\n", "");
}
