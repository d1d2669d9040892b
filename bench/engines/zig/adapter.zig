//! The engine.h functions (bench/engines/core/engine.h) for the Zig runner,
//! exported to the C core it is linked with. It serves five engines, picked
//! with `--engine NAME`:
//!
//!   zig/ferrex          (the default) the Zig wrapper's regex: every model
//!   zig/ferrex/phrases  the Zig wrapper's phrase set: count
//!   zig/pcre2           PCRE2's interpreter: compile, count, grep, is-match
//!   zig/pcre2/jit       PCRE2's JIT: the same
//!   zig/linear          the seed's loops: count (phrases), lowercase (ASCII)
//!
//! Errors are malloc'd messages the core frees; nothing here panics into C
//! (every Zig error becomes such a message).
const std = @import("std");
const ferrex = @import("ferrex");
const fx = @import("ferrex_engine.zig");
const pcre2 = @import("pcre2.zig");
const linear = @import("linear.zig");

const gpa = std.heap.c_allocator;

/// The program's entry point is the C core's main(): declared here, with
/// C's calling convention, Zig's start code does not define its own.
pub extern fn main(argc: c_int, argv: [*][*:0]u8) c_int;

/// engine.h's engine_config, field by field.
const Config = extern struct {
    patterns: ?[*]const [*:0]const u8,
    pattern_lens: ?[*]const usize,
    pattern_count: usize,
    case_insensitive: c_int,
    unicode: c_int,
    engine: ?[*:0]const u8,
    model: [*:0]const u8,

    fn which(cfg: *const Config) ?Which {
        const name = if (cfg.engine) |e| std.mem.span(e) else return .ferrex;
        for (Which.names, 0..) |n, i| {
            if (std.mem.eql(u8, name, n)) return @enumFromInt(i);
        }
        return null;
    }

    fn modelName(cfg: *const Config) []const u8 {
        return std.mem.span(cfg.model);
    }

    fn pattern(cfg: *const Config, i: usize) []const u8 {
        return cfg.patterns.?[i][0..cfg.pattern_lens.?[i]];
    }
};

const Which = enum(u8) {
    ferrex,
    ferrex_phrases,
    pcre2,
    pcre2_jit,
    linear,

    const names = [_][]const u8{ "zig/ferrex", "zig/ferrex/phrases", "zig/pcre2", "zig/pcre2/jit", "zig/linear" };

    /// The models each engine runs (grep and grep-captures use is-match and
    /// count-captures per line; compile, compile then count).
    fn runs(w: Which, model: []const u8) bool {
        const all = [_][]const u8{ "compile", "count", "count-spans", "count-captures", "grep", "grep-captures", "regex-redux", "is-match", "lowercase" };
        const list: []const []const u8 = switch (w) {
            .ferrex => &all,
            .ferrex_phrases => &.{"count"},
            .pcre2, .pcre2_jit => &.{ "compile", "count", "grep", "is-match" },
            .linear => &.{ "count", "lowercase" },
        };
        for (list) |m| if (std.mem.eql(u8, m, model)) return true;
        return false;
    }
};

const State = union(Which) {
    ferrex: fx.Regex,
    ferrex_phrases: fx.Phrases,
    pcre2: pcre2.Compiled(.interpreter),
    pcre2_jit: pcre2.Compiled(.jit),
    linear: linear.PhraseCount,
};

/// engine.h's opaque engine. The lowercase model compiles nothing.
const Engine = struct {
    state: ?State,
    which: Which,
    patterns: [][]const u8,
    fx_lower: fx.Lowercase = .{},
    ascii_lower: linear.Lowercase = .{},

    fn deinit(e: *Engine) void {
        if (e.state) |*s| switch (s.*) {
            .ferrex => |*r| r.deinit(gpa),
            .ferrex_phrases => |*p| p.deinit(gpa),
            .pcre2 => |*p| p.deinit(),
            .pcre2_jit => |*p| p.deinit(),
            .linear => |*l| l.deinit(gpa),
        };
        e.fx_lower.deinit(gpa);
        e.ascii_lower.deinit(gpa);
        gpa.free(e.patterns);
        gpa.destroy(e);
    }
};

/// Stores a message in `err.*` from malloc itself, as the core releases it
/// with free() (left NULL if malloc fails).
fn setError(err: ?*?[*:0]u8, comptime fmt: []const u8, args: anytype) void {
    const slot = err orelse return;
    var buf: [1024]u8 = undefined;
    const text = std.fmt.bufPrint(&buf, fmt, args) catch buf[0..];
    const p: [*]u8 = @ptrCast(std.c.malloc(text.len + 1) orelse return);
    @memcpy(p[0..text.len], text);
    p[text.len] = 0;
    slot.* = p[0..text.len :0];
}

export fn engine_name() [*:0]const u8 {
    return "zig/ferrex";
}

export fn engine_version() [*:0]const u8 {
    return ferrex.version().ptr;
}

export fn engine_supports(model: [*:0]const u8, cfg: *const Config, reason: *[*:0]const u8) c_int {
    const w = cfg.which() orelse {
        reason.* = "no such engine in rebar-zig (zig/ferrex, zig/ferrex/phrases, zig/pcre2, zig/pcre2/jit, zig/linear)";
        return 0;
    };
    if (!w.runs(std.mem.span(model))) {
        reason.* = "this Zig engine does not run the model";
        return 0;
    }
    if ((w == .pcre2 or w == .pcre2_jit) and (cfg.pattern_count > 1 or cfg.unicode != 0)) {
        reason.* = "zig/pcre2 compiles one pattern, without UTF mode";
        return 0;
    }
    if ((w == .ferrex_phrases or w == .linear) and (cfg.unicode != 0 or cfg.case_insensitive != 0)) {
        reason.* = "the phrase engines match bytes exactly";
        return 0;
    }
    return 1;
}

export fn engine_compile(cfg: *const Config, err: ?*?[*:0]u8) ?*Engine {
    return compile(cfg, err) catch |e| {
        setError(err, "{s}: {s}", .{ Which.names[@intFromEnum(cfg.which() orelse .ferrex)], @errorName(e) });
        return null;
    };
}

fn compile(cfg: *const Config, err: ?*?[*:0]u8) !?*Engine {
    const w = cfg.which() orelse return error.UnknownEngine;
    const e = try gpa.create(Engine);
    errdefer gpa.destroy(e);
    const patterns = try gpa.alloc([]const u8, cfg.pattern_count);
    errdefer gpa.free(patterns);
    for (patterns, 0..) |*p, i| p.* = cfg.pattern(i);
    e.* = .{ .state = null, .which = w, .patterns = patterns };
    if (std.mem.eql(u8, cfg.modelName(), "lowercase")) return e;

    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    var why: pcre2.ErrorText = .{};
    e.state = switch (w) {
        .ferrex => .{ .ferrex = fx.Regex.init(gpa, patterns, cfg.unicode != 0, cfg.case_insensitive != 0, &diag) catch |x| {
            setError(err, "zig/ferrex: {s}", .{diag.message});
            return x;
        } },
        .ferrex_phrases => .{ .ferrex_phrases = fx.Phrases.init(gpa, patterns, &diag) catch |x| {
            setError(err, "zig/ferrex/phrases: {s}", .{diag.message});
            return x;
        } },
        .pcre2 => .{ .pcre2 = pcre2.Compiled(.interpreter).init(patterns[0], cfg.case_insensitive != 0, &why) catch |x| {
            setError(err, "zig/pcre2: {s}", .{why.slice()});
            return x;
        } },
        .pcre2_jit => .{ .pcre2_jit = pcre2.Compiled(.jit).init(patterns[0], cfg.case_insensitive != 0, &why) catch |x| {
            setError(err, "zig/pcre2/jit: {s}", .{why.slice()});
            return x;
        } },
        .linear => .{ .linear = try linear.PhraseCount.init(patterns) },
    };
    return e;
}

export fn engine_free(e: ?*Engine) void {
    if (e) |engine| engine.deinit();
}

fn haystack(hay: ?[*]const u8, len: usize) []const u8 {
    return if (len == 0) "" else hay.?[0..len];
}

/// Runs `body` on the engine's state; a Zig error becomes -1 and a message.
fn guard(e: *Engine, err: ?*?[*:0]u8, comptime what: []const u8, result: anytype) i64 {
    const value = result catch |x| {
        setError(err, "{s}: {s} failed: {s}", .{ Which.names[@intFromEnum(e.which)], what, @errorName(x) });
        return -1;
    };
    return @intCast(value);
}

export fn engine_count(e: *Engine, hay: ?[*]const u8, len: usize, err: ?*?[*:0]u8) i64 {
    const h = haystack(hay, len);
    return guard(e, err, "count", switch (e.state.?) {
        .ferrex => |*r| r.count(h),
        .ferrex_phrases => |*p| p.count(h),
        .pcre2 => |*p| pcre2.count(.interpreter, p, h),
        .pcre2_jit => |*p| pcre2.count(.jit, p, h),
        .linear => |*l| l.count(gpa, h),
    });
}

export fn engine_count_spans(e: *Engine, hay: ?[*]const u8, len: usize, err: ?*?[*:0]u8) i64 {
    return guard(e, err, "count-spans", e.state.?.ferrex.countSpans(haystack(hay, len)));
}

export fn engine_count_captures(e: *Engine, hay: ?[*]const u8, len: usize, err: ?*?[*:0]u8) i64 {
    return guard(e, err, "count-captures", e.state.?.ferrex.countCaptures(haystack(hay, len)));
}

export fn engine_is_match(e: *Engine, hay: ?[*]const u8, len: usize, err: ?*?[*:0]u8) c_int {
    const h = haystack(hay, len);
    const found = switch (e.state.?) {
        .ferrex => |*r| r.isMatch(h),
        .pcre2 => |*p| pcre2.isMatch(.interpreter, p, h),
        .pcre2_jit => |*p| pcre2.isMatch(.jit, p, h),
        else => error.Unsupported, // engine_supports refuses is-match and grep
    };
    return @intCast(guard(e, err, "is-match", if (found) |f| @as(u1, @intFromBool(f)) else |x| x));
}

export fn engine_find_at(e: *Engine, hay: ?[*]const u8, len: usize, start: usize, match_start: *usize, match_end: *usize, err: ?*?[*:0]u8) c_int {
    const found = e.state.?.ferrex.findAt(haystack(hay, len), start) catch |x| {
        setError(err, "zig/ferrex: find failed: {s}", .{@errorName(x)});
        return -1;
    };
    const m = found orelse return 0;
    match_start.* = m.start;
    match_end.* = m.end;
    return 1;
}

export fn engine_lowercase(e: *Engine, text: ?[*]const u8, len: usize, out: *[*]const u8, out_len: *usize, err: ?*?[*:0]u8) c_int {
    const t = haystack(text, len);
    const result = switch (e.which) {
        .ferrex => e.fx_lower.run(gpa, t),
        .linear => e.ascii_lower.run(gpa, t),
        else => error.Unsupported,
    };
    const lowered = result catch |x| {
        setError(err, "{s}: lowercase failed: {s}", .{ Which.names[@intFromEnum(e.which)], @errorName(x) });
        return -1;
    };
    out.* = lowered.ptr;
    out_len.* = lowered.len;
    return 0;
}
