//! PATTERNS to a compiled matcher (one regex or one phrase set, shared by
//! every thread), per-thread finders over it, and the report of a bad
//! pattern with a caret under the offending characters.
const std = @import("std");
const ferrex = @import("ferrex");
const options = @import("options.zig");

const Allocator = std.mem.Allocator;
const Options = options.Options;
const eprint = options.eprint;

/// Immutable once built: every thread searches it through its own Finder.
pub const Matcher = union(enum) {
    regex: struct {
        re: ferrex.Regex,
        /// The most capture groups of any pattern (for -g).
        groups: usize,
    },
    phrases: ferrex.PhraseSet,
    /// No patterns at all (an empty -f file): matches nothing, as grep.
    nothing,

    pub fn deinit(self: *Matcher) void {
        switch (self.*) {
            .regex => |*r| r.re.deinit(),
            .phrases => |*p| p.deinit(),
            .nothing => {},
        }
    }
};

/// One thread's view of the matcher: the regex's cache (ferrex_cache: one
/// per thread, as include/ferrex.h asks) and, for -g, an iterator and room
/// for a match's group spans.
pub const Finder = struct {
    m: *const Matcher,
    cache: ?ferrex.Cache = null,
    it: ?ferrex.Regex.Iterator = null,
    spans: []ferrex.Match = &.{},

    pub fn init(gpa: Allocator, m: *const Matcher, o: *const Options) !Finder {
        var f: Finder = .{ .m = m };
        switch (m.*) {
            .regex => |*r| {
                f.cache = try ferrex.Cache.init(&r.re);
                if (o.group != null) {
                    f.it = try r.re.iterator("", .{});
                    f.spans = try gpa.alloc(ferrex.Match, r.groups);
                }
            },
            else => {},
        }
        return f;
    }

    pub fn deinit(self: *Finder, gpa: Allocator) void {
        if (self.it) |*it| it.deinit();
        if (self.cache) |*c| c.deinit();
        gpa.free(self.spans);
    }

    /// The leftmost match in hay[start..end] (look-around sees the bytes
    /// around the bounds).
    pub fn find(self: *Finder, hay: []const u8, start: usize, end: usize) ferrex.Error!?ferrex.Match {
        return switch (self.m.*) {
            .regex => |*r| r.re.find(&self.cache.?, hay, .{ .start = start, .end = end }),
            .phrases => |*p| p.find(hay, .{ .start = start, .end = end }),
            .nothing => null,
        };
    }
};

/// grep -w: a match with no word character just before it and none just
/// after it (the half word boundaries), found anywhere the pattern can
/// match, which is grep's rule of trying later and shorter matches.
const word_prefix = "\\b{start-half}(?:";
const word_suffix = ")\\b{end-half}";
const line_prefix = "^(?:";
const line_suffix = ")$";

/// Builds the matcher, or prints the error (with a caret line under the
/// offending span) and returns error.Reported.
pub fn build(gpa: Allocator, o: *const Options) !Matcher {
    if (o.patterns.items.len == 0) return .nothing;
    if (!o.fixed and !o.extended) try checkNotBre(o.patterns.items);
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    if (o.fixed and !o.word and !o.line and !o.null_data) {
        if (o.group != null) {
            eprint("fxgrep: -g needs a regex: -F phrases have no groups\n", .{});
            return error.Reported;
        }
        const set = ferrex.PhraseSet.init(gpa, o.patterns.items, .{
            .match_kind = .leftmost_first,
            .unicode_case_insensitive = o.ignore_case,
            .diagnostics = &diag,
        }) catch |err| {
            reportPatternError(o, &diag, err);
            return error.Reported;
        };
        return .{ .phrases = set };
    }
    // The regex path: -F escapes first; -x wraps each pattern in ^(?:...)$,
    // else -w in word_prefix and word_suffix.
    const wrapped = o.word or o.line;
    var pats = try gpa.alloc([]const u8, o.patterns.items.len);
    defer gpa.free(pats);
    for (o.patterns.items, 0..) |p, k| {
        var q = p;
        if (o.fixed) q = ferrex.escape(gpa, p) catch |err| {
            eprint("fxgrep: phrase {d} cannot be escaped: {s}\n", .{ k + 1, @errorName(err) });
            return error.Reported;
        };
        if (o.line) {
            q = try std.mem.concat(gpa, u8, &.{ line_prefix, q, line_suffix });
        } else if (o.word) q = try std.mem.concat(gpa, u8, &.{ word_prefix, q, word_suffix });
        pats[k] = q;
    }
    var re = compile(gpa, pats, o, &diag) catch |err| {
        // A wrapper can move the error (`ab(c` under -w fails on the
        // wrapper's group): report what the user's own patterns say.
        if (wrapped) {
            var bare_diag: ferrex.Diagnostics = .{};
            defer bare_diag.deinit();
            const bare = if (o.fixed) pats else o.patterns.items;
            if (!o.fixed) {
                if (compile(gpa, bare, o, &bare_diag)) |ok| {
                    var r = ok;
                    r.deinit();
                } else |bare_err| {
                    reportPatternError(o, &bare_diag, bare_err);
                    return error.Reported;
                }
            }
        }
        reportPatternError(o, &diag, err);
        return error.Reported;
    };
    errdefer re.deinit();
    var most: usize = 0;
    for (0..pats.len) |p| most = @max(most, try re.groupCount(p));
    if (o.group) |group| {
        // -g N must name a group some pattern has.
        if (group >= most) {
            eprint("fxgrep: -g {d}: the pattern{s} {s} only {d} group{s} (0 is the whole match)\n", .{
                group, if (pats.len > 1) "s" else "", if (pats.len > 1) "have" else "has", most, if (most == 1) "" else "s",
            });
            return error.Reported;
        }
    }
    return .{ .regex = .{ .re = re, .groups = most } };
}

fn compile(gpa: Allocator, pats: []const []const u8, o: *const Options, diag: *ferrex.Diagnostics) !ferrex.Regex {
    // Lines are searched in place, many at a time: ^ and $ match at line
    // ends. Under -z a record is searched alone, and may hold newlines.
    const ro: ferrex.Regex.Options = .{
        .flags = .{
            .case_insensitive = o.ignore_case,
            .multi_line = !o.null_data,
            .dot_matches_new_line = o.null_data,
        },
        .diagnostics = diag,
    };
    return if (pats.len == 1) ferrex.Regex.init(pats[0], ro) else ferrex.Regex.initMany(gpa, pats, ro);
}

/// grep reads PATTERNS as BRE unless told -E; fxgrep reads them as ERE.
/// Where a pattern is plainly written for BRE and would silently mean
/// something else here, refuse it and say how to write it: `\|`
/// (alternation in grep's BRE, a literal `|` in ERE), a `\(...\)` pair (a
/// group) and `\{m,n\}` (a count). A lone `\(`, `\{`, `\+` or `\?` is left
/// alone: in ERE it is the literal people write it for. -E (or -P) says
/// ERE is meant, and turns this check off.
fn checkNotBre(patterns: []const []const u8) error{Reported}!void {
    for (patterns) |p| {
        if (breOperator(p)) |op| {
            eprint(
                \\fxgrep: '{s}': {s} is {s} in grep's default syntax (BRE), but literal text in fxgrep's,
                \\which is grep -E's (ERE, in Rust regex syntax): write {s}, or pass -E to search for the literal text
                \\
            , .{ p, op.bre, op.what, op.ere });
            return error.Reported;
        }
    }
}

const BreOperator = struct { bre: []const u8, what: []const u8, ere: []const u8 };

/// The first BRE-only operator of `p` (outside bracket expressions).
fn breOperator(p: []const u8) ?BreOperator {
    var in_class = false;
    var open_group = false;
    var k: usize = 0;
    while (k < p.len) : (k += 1) {
        const ch = p[k];
        if (in_class) {
            if (ch == ']') in_class = false;
            continue;
        }
        if (ch == '[') {
            in_class = true;
            // ']' first in a class is a literal.
            if (k + 1 < p.len and p[k + 1] == '^') k += 1;
            if (k + 1 < p.len and p[k + 1] == ']') k += 1;
            continue;
        }
        if (ch != '\\' or k + 1 >= p.len) continue;
        k += 1;
        switch (p[k]) {
            '|' => return .{ .bre = "'\\|'", .what = "alternation", .ere = "'|'" },
            '(' => open_group = true,
            ')' => if (open_group) return .{ .bre = "'\\(...\\)'", .what = "a group", .ere = "'(...)'" },
            '{' => {
                // \{m\}, \{m,\}, \{m,n\}, \{,n\}
                var e = k + 1;
                while (e < p.len and (std.ascii.isDigit(p[e]) or p[e] == ',')) e += 1;
                if (e > k + 1 and e + 1 < p.len and p[e] == '\\' and p[e + 1] == '}')
                    return .{ .bre = "'\\{m,n\\}'", .what = "a repetition count", .ere = "'{m,n}'" };
            },
            else => {},
        }
    }
    return null;
}

/// "fxgrep: bad pattern ..." then the pattern with carets under the span.
fn reportPatternError(o: *const Options, diag: *const ferrex.Diagnostics, err: anyerror) void {
    const index = diag.pattern orelse 0;
    const count = o.patterns.items.len;
    const what = if (o.fixed) "phrase" else "pattern";
    if (count > 1) {
        eprint("fxgrep: bad {s} {d} of {d} ({s}):\n", .{ what, index + 1, count, @errorName(err) });
    } else {
        eprint("fxgrep: bad {s} ({s}):\n", .{ what, @errorName(err) });
    }
    // The library's own message, its "error: ..." line (its caret display
    // is for its own view of the pattern; ours follows).
    const msg = diag.message;
    const first_line = msg[0 .. std.mem.indexOfScalar(u8, msg, '\n') orelse msg.len];
    const kind_line = lastErrorLine(msg);
    eprint("  {s}\n", .{if (kind_line.len > 0) kind_line else first_line});
    if (index < count) {
        const pat = o.patterns.items[index];
        eprint("    {s}\n", .{pat});
        if (diag.span) |span| {
            if (span.start <= pat.len) {
                // The span is in bytes; the terminal shows characters.
                const s = span.start;
                const e = @min(pat.len, @max(s + 1, span.end));
                var line: [1024]u8 = undefined;
                var n: usize = 0;
                const pad = @min(columns(pat[0..s]), 500);
                const width = @min(@max(1, columns(pat[s..e])), 500);
                @memset(line[0..4], ' ');
                n = 4;
                @memset(line[n..][0..pad], ' ');
                n += pad;
                @memset(line[n..][0..width], '^');
                n += width;
                line[n] = '\n';
                eprint("{s}", .{line[0 .. n + 1]});
            }
        }
    }
    if (o.perl and hasPerlOnly(o.patterns.items[@min(index, count - 1)])) {
        eprint("fxgrep: -P: look-around and backreferences are not supported (ferrex matches in linear time)\n", .{});
    }
}

/// Terminal columns of UTF-8 text: one per character (not per byte).
fn columns(text: []const u8) usize {
    var n: usize = 0;
    for (text) |b| {
        if (b & 0xC0 != 0x80) n += 1;
    }
    return n;
}

fn hasPerlOnly(p: []const u8) bool {
    for ([_][]const u8{ "(?=", "(?!", "(?<=", "(?<!" }) |s| {
        if (std.mem.indexOf(u8, p, s) != null) return true;
    }
    var k: usize = 0;
    while (k + 1 < p.len) : (k += 1) {
        if (p[k] == '\\') {
            if (p[k + 1] >= '1' and p[k + 1] <= '9') return true;
            k += 1;
        }
    }
    return false;
}

/// The library's syntax messages end with "error: ..."; take that line.
fn lastErrorLine(msg: []const u8) []const u8 {
    var it = std.mem.splitScalar(u8, msg, '\n');
    var found: []const u8 = "";
    while (it.next()) |l| {
        const t = std.mem.trim(u8, l, " \t\r");
        if (std.mem.startsWith(u8, t, "error:")) found = t;
    }
    return found;
}

test "columns count characters, not bytes" {
    try std.testing.expectEqual(@as(usize, 2), columns("\xc3\xa9a"));
    try std.testing.expectEqual(@as(usize, 0), columns(""));
}

test "BRE operators are refused unless -E" {
    try std.testing.expectError(error.Reported, checkNotBre(&.{"a\\|b"}));
    try std.testing.expectError(error.Reported, checkNotBre(&.{ "ok", "\\(x\\)" }));
    try std.testing.expectError(error.Reported, checkNotBre(&.{"a\\{2,3\\}"}));
    try checkNotBre(&.{ "a|b", "[\\|]", "a\\.b", "\\\\|", "fn \\(", "x\\{", "c\\+\\+", "what\\?", "\\)\\(" });
}

test "bad patterns are reported, -w or not" {
    var arena_state = std.heap.ArenaAllocator.init(std.testing.allocator);
    defer arena_state.deinit();
    const a = arena_state.allocator();
    for ([_][]const []const u8{ &.{ "-e", "ok", "-e", "a(b" }, &.{ "-w", "ab(c" }, &.{ "-g", "2", "(a)" }, &.{ "-F", "-g", "0", "a" }, &.{"a\\|b"} }) |args| {
        const o = try options.parseArgs(a, args);
        try std.testing.expectError(error.Reported, build(a, &o));
    }
}
