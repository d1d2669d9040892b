//! seed-zig: the Zig runner of the seed table (bench/seed/PROTOCOL.md).
//!
//!   seed-zig WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N] [--impl NAME]
//!
//! `--impl` measures that implementation alone (say zig-ferrex, without the
//! zig-linear it is otherwise interleaved with), for focused comparisons.
//!
//! For each manifest row it implements, prints one CSV line per
//! implementation (workload,size,implementation,median_ns,iterations,
//! check,spread_pct) on stdout; progress goes to stderr.
//!
//!   regex-count     zig-ferrex, zig-pcre2, zig-pcre2-jit
//!   phrase-count    zig-ferrex, zig-linear
//!   lowercase       zig-ferrex, zig-linear
//!   is-match-empty  zig-ferrex, zig-pcre2, zig-pcre2-jit
//!
//! Exit status: 0 done, 1 a bad input or a failed operation, 2 usage.
const std = @import("std");
const builtin = @import("builtin");
const sys = @import("sys.zig");
const timing = @import("timing.zig");
const manifest = @import("manifest.zig");
const fnv = @import("fnv.zig");
const fx = @import("impl_ferrex.zig");
const pcre2 = @import("impl_pcre2.zig");
const linear = @import("impl_linear.zig");
const Allocator = std.mem.Allocator;

const usage = "usage: seed-zig WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N] [--impl NAME]\n";

/// `--impl NAME`: the one implementation to measure (null: all).
var only_impl: ?[]const u8 = null;

const Args = struct {
    work_dir: []const u8,
    only: []const []const u8,
    budget_ms: u64 = 1000,
};

fn parseArgs(gpa: Allocator, argv: []const []const u8) !Args {
    var work_dir: ?[]const u8 = null;
    var only: std.ArrayList([]const u8) = .empty;
    var budget_ms: u64 = 1000;
    var i: usize = 0;
    while (i < argv.len) : (i += 1) {
        const a = argv[i];
        if (std.mem.eql(u8, a, "--impl")) {
            i += 1;
            if (i == argv.len) return usageError("{s} needs a value", .{a});
            only_impl = argv[i];
        } else if (std.mem.eql(u8, a, "--only") or std.mem.eql(u8, a, "--budget-ms")) {
            i += 1;
            if (i == argv.len) return usageError("{s} needs a value", .{a});
            try applyOption(gpa, a, argv[i], &only, &budget_ms);
        } else if (std.mem.startsWith(u8, a, "--only=")) {
            try applyOption(gpa, "--only", a["--only=".len..], &only, &budget_ms);
        } else if (std.mem.startsWith(u8, a, "--budget-ms=")) {
            try applyOption(gpa, "--budget-ms", a["--budget-ms=".len..], &only, &budget_ms);
        } else if (std.mem.eql(u8, a, "-h") or std.mem.eql(u8, a, "--help")) {
            sys.writeAll(1, usage);
            return error.Help;
        } else if (std.mem.startsWith(u8, a, "-")) {
            return usageError("unknown option {s}", .{a});
        } else if (work_dir == null) {
            work_dir = a;
        } else return usageError("unexpected argument {s}", .{a});
    }
    return .{
        .work_dir = work_dir orelse return usageError("WORK_DIR missing", .{}),
        .only = try only.toOwnedSlice(gpa),
        .budget_ms = budget_ms,
    };
}

fn applyOption(gpa: Allocator, name: []const u8, value: []const u8, only: *std.ArrayList([]const u8), budget_ms: *u64) !void {
    if (std.mem.eql(u8, name, "--only")) {
        if (std.mem.indexOfScalar(u8, value, '/') == null) return usageError("--only takes WORKLOAD/SIZE, not {s}", .{value});
        try only.append(gpa, value);
    } else {
        budget_ms.* = std.fmt.parseInt(u64, value, 10) catch return usageError("--budget-ms takes a whole number of milliseconds, not {s}", .{value});
    }
}

fn usageError(comptime fmt: []const u8, args: anytype) error{Usage} {
    sys.eprint("seed-zig: " ++ fmt ++ "\n" ++ usage, args);
    return error.Usage;
}

/// One implementation of a row: its batch, and how to get its check.
const Entry = struct {
    name: []const u8,
    batch: timing.Batch,
    check_fn: *const fn (ctx: *anyopaque, buf: []u8) anyerror![]const u8,

    /// Runs the operation once and formats its result as the check: a
    /// decimal count (or 0/1), or for an implementation with `output` (a
    /// lowercase) the FNV-1a 32 of the output bytes in 8 hex digits.
    fn check(e: Entry, buf: []u8) ![]const u8 {
        return e.check_fn(e.batch.ctx, buf);
    }
};

fn entry(name: []const u8, impl: anytype) Entry {
    const T = @typeInfo(@TypeOf(impl)).pointer.child;
    const Gen = struct {
        fn check(ctx: *anyopaque, buf: []u8) anyerror![]const u8 {
            const self: *T = @ptrCast(@alignCast(ctx));
            const result = try self.op();
            if (@hasDecl(T, "output")) return std.fmt.bufPrint(buf, "{x:0>8}", .{fnv.fnv1a32(self.output())});
            return std.fmt.bufPrint(buf, "{d}", .{result});
        }
    };
    return .{ .name = name, .batch = timing.batchOf(impl), .check_fn = Gen.check };
}

/// The protocol for one row: checks (one run each), then calibration,
/// warm-up and interleaved sampling; one CSV line per implementation.
fn measureRow(row: manifest.Row, all: []const Entry, budget_ns: u64) !void {
    const max = 4;
    std.debug.assert(all.len <= max);
    var chosen: [max]Entry = undefined;
    var chosen_len: usize = 0;
    for (all) |e| {
        if (only_impl) |name| if (!std.mem.eql(u8, e.name, name)) continue;
        chosen[chosen_len] = e;
        chosen_len += 1;
    }
    const entries = chosen[0..chosen_len];
    var checks: [max][24]u8 = undefined;
    var check_len: [max]usize = undefined;
    var batches: [max]timing.Batch = undefined;
    for (entries, 0..) |e, i| {
        check_len[i] = (try e.check(&checks[i])).len;
        batches[i] = e.batch;
    }
    var samplers: [max]timing.Sampler = undefined;
    var stats: [max]timing.Stats = undefined;
    const n = entries.len;
    try timing.measureInterleaved(batches[0..n], budget_ns, samplers[0..n], stats[0..n]);
    for (entries, 0..) |e, i| {
        const s = stats[i];
        sys.print(1, "{s},{s},{s},{d:.1},{d},{s},{d:.1}\n", .{ row.workload, row.size, e.name, s.median_ns, s.iterations, checks[i][0..check_len[i]], s.spread_pct });
        sys.eprint("seed-zig: {s}/{s} {s}: {d:.1} ns/op, check {s}, {d} samples of {d} ops\n", .{ row.workload, row.size, e.name, s.median_ns, checks[i][0..check_len[i]], s.samples, s.iterations / s.samples });
    }
}

/// Loads a row's inputs, builds its implementations and measures them.
fn runRow(arena: Allocator, dir: []const u8, row: manifest.Row, kind: manifest.Kind, budget_ns: u64) !void {
    switch (kind) {
        .@"regex-count" => {
            const pattern = manifest.patternBytes(try manifest.readInput(arena, dir, row, row.arg1));
            const hay = try manifest.readInput(arena, dir, row, row.arg2);
            var f = try fx.RegexCount.init(arena, pattern, hay);
            defer f.deinit(arena);
            var p = try pcre2.RegexCount(.interpreter).init(pattern, hay);
            defer p.deinit();
            var j = try pcre2.RegexCount(.jit).init(pattern, hay);
            defer j.deinit();
            try measureRow(row, &.{ entry("zig-ferrex", &f), entry("zig-pcre2", &p), entry("zig-pcre2-jit", &j) }, budget_ns);
        },
        .@"phrase-count" => {
            const phrases_path = try std.fs.path.join(arena, &.{ dir, row.arg1 });
            const phrases = try manifest.splitPhrases(arena, phrases_path, try manifest.readInput(arena, dir, row, row.arg1));
            const hay = try manifest.readInput(arena, dir, row, row.arg2);
            var f = try fx.PhraseCount.init(arena, phrases, hay);
            defer f.deinit(arena);
            var l = try linear.PhraseCount.init(arena, phrases, hay);
            defer l.deinit(arena);
            try measureRow(row, &.{ entry("zig-ferrex", &f), entry("zig-linear", &l) }, budget_ns);
        },
        .lowercase => {
            const text = try manifest.readInput(arena, dir, row, row.arg1);
            var f = try fx.Lowercase.init(arena, text);
            defer f.deinit(arena);
            var l = try linear.Lowercase.init(arena, text);
            defer l.deinit(arena);
            try measureRow(row, &.{ entry("zig-ferrex", &f), entry("zig-linear", &l) }, budget_ns);
        },
        .@"is-match-empty" => {
            const pattern = manifest.patternBytes(try manifest.readInput(arena, dir, row, row.arg1));
            var f = try fx.IsMatchEmpty.init(pattern);
            defer f.deinit();
            var p = try pcre2.IsMatchEmpty(.interpreter).init(pattern);
            defer p.deinit();
            var j = try pcre2.IsMatchEmpty(.jit).init(pattern);
            defer j.deinit();
            try measureRow(row, &.{ entry("zig-ferrex", &f), entry("zig-pcre2", &p), entry("zig-pcre2-jit", &j) }, budget_ns);
        },
    }
}

fn run(gpa: Allocator, argv: []const []const u8) !void {
    const args = try parseArgs(gpa, argv);
    const manifest_path = try std.fs.path.join(gpa, &.{ args.work_dir, "manifest.tsv" });
    const rows = try manifest.parse(gpa, manifest_path, try sys.readFile(gpa, manifest_path));
    for (args.only) |o| {
        for (rows) |r| {
            if (r.matchesOnly(o)) break;
        } else {
            sys.eprint("seed-zig: --only {s}: no such row in {s}\n", .{ o, manifest_path });
            return error.Usage;
        }
    }
    for (rows) |row| {
        if (args.only.len > 0) {
            for (args.only) |o| {
                if (row.matchesOnly(o)) break;
            } else continue;
        }
        const kind = row.kind orelse {
            sys.eprint("seed-zig: {s}/{s}: kind {s} not implemented here, skipped\n", .{ row.workload, row.size, row.kind_name });
            continue;
        };
        var arena_state = std.heap.ArenaAllocator.init(gpa);
        defer arena_state.deinit();
        runRow(arena_state.allocator(), args.work_dir, row, kind, args.budget_ms * std.time.ns_per_ms) catch |err| {
            sys.eprint("seed-zig: {s}/{s}: failed: {s}\n", .{ row.workload, row.size, @errorName(err) });
            return error.Reported;
        };
    }
}

/// The C entry point (as fxgrep: argv through libc, independent of
/// std.process, which changes between Zig releases).
pub fn main(argc: c_int, argv: [*][*:0]u8) callconv(.c) c_int {
    const gpa = std.heap.c_allocator;
    const args = gpa.alloc([]const u8, @intCast(@max(argc - 1, 0))) catch return 1;
    for (args, 1..) |*a, k| a.* = std.mem.sliceTo(argv[k], 0);
    run(gpa, args) catch |err| switch (err) {
        error.Help => return 0,
        error.Usage => return 2,
        // Already explained on stderr.
        error.Reported, error.ReadFailed, error.BadManifest => return 1,
        else => {
            sys.eprint("seed-zig: {s}\n", .{@errorName(err)});
            return 1;
        },
    };
    return 0;
}

comptime {
    if (!builtin.is_test) @export(&main, .{ .name = "main" });
}

test {
    _ = timing;
    _ = manifest;
    _ = fnv;
    _ = linear;
}
