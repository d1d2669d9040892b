//! Searching one file: which lines are selected (matching, or not with -v),
//! and what is printed for them (lines, context, -o parts, counts, names),
//! in grep's formats. The input comes in windows of whole lines
//! (input.zig): one read buffer at a time, or a memory-mapped file in
//! slices.
const std = @import("std");
const ferrex = @import("ferrex");
const Options = @import("options.zig").Options;
const Finder = @import("matcher.zig").Finder;
const out_mod = @import("out.zig");

const Out = out_mod.Out;
const Color = out_mod.Color;

/// How a file's search ended.
pub const FileResult = struct {
    /// Lines selected (up to -m).
    selected: u64 = 0,
    /// A line was printed (or a binary match reported): a later group
    /// needs a "--" before it.
    used: bool = false,
    err: bool = false,
    bytes: u64 = 0,
};

/// What the whole run shares with each file search.
pub const Settings = struct {
    o: *const Options,
    color: bool,
    line_numbers: bool,
    with_filename: bool,
    /// Set when -q selected a line: every search stops.
    quit: *bool,
};

pub const Searcher = struct {
    s: Settings,
    finder: *Finder,
    out: *Out,
    name: []const u8,
    eol: u8,

    // Per file.
    result: FileResult = .{},
    /// No more lines are selected (-m reached, -l/-L/-q decided, binary).
    stop: bool = false,
    /// A NUL was seen: line output is replaced by one message.
    binary: bool = false,
    /// Lines selected after the NUL was seen (grep then says "binary file
    /// matches" instead of printing them).
    binary_hits: u64 = 0,
    /// Trailing context lines still to print.
    after_left: u64 = 0,
    /// Absolute offset just past the last line printed (or that would have
    /// been printed under -o); null before the first.
    last_out_end: ?u64 = null,
    /// Absolute offset of data[0] in the current window.
    base: u64 = 0,
    /// The current window's lines; whether the whole of it is known to be
    /// free of NULs (or need not be: -a, -z); whether it is the file's
    /// first window (see clean()).
    win_lo: usize = 0,
    win_hi: usize = 0,
    win_checked: bool = false,
    win_first: bool = false,
    windows: u64 = 0,
    /// Line counting, done lazily: the line at absolute offset nl_abs has
    /// number nl_count.
    nl_abs: u64 = 0,
    nl_count: u64 = 1,

    /// Lines are printed, or inverted: selected lines need their start.
    needs_line_start: bool,

    pub fn init(s: Settings, finder: *Finder, out: *Out, name: []const u8) Searcher {
        return .{
            .s = s,
            .finder = finder,
            .out = out,
            .name = name,
            .eol = s.o.eol(),
            .needs_line_start = s.o.printsLines() or s.o.invert,
        };
    }

    /// Lines are printed (not only counted or named) and not replaced by a
    /// binary-file message.
    fn printing(self: *const Searcher) bool {
        return self.s.o.printsLines() and !self.binary;
    }

    /// Whether the rest of the file can be skipped.
    pub fn done(self: *const Searcher) bool {
        return (self.stop and self.after_left == 0) or @atomicLoad(bool, self.s.quit, .monotonic);
    }

    /// Searches data[lo..hi], whole lines (hi is just past a line end, or
    /// the end of the file). data[0..lo] holds earlier lines kept for -B.
    /// `base` is the absolute offset of data[0].
    pub fn window(self: *Searcher, data: []const u8, base: u64, lo: usize, hi: usize) ferrex.Error!void {
        self.base = base;
        self.win_lo = lo;
        self.win_hi = hi;
        self.win_checked = self.s.o.text or self.s.o.null_data;
        self.win_first = self.windows == 0;
        self.windows += 1;
        // -I must know before anything is selected; otherwise NULs are
        // looked for only where lines are about to print (binary data
        // matters only to printed lines: counts, names and -q are grep's
        // either way).
        if (self.s.o.skip_binary) {
            self.checkWindow(data);
            if (self.binary) {
                self.stop = true;
                self.after_left = 0;
                return;
            }
        }
        var pos = lo;
        while (pos < hi and !self.stop) {
            if (@atomicLoad(bool, self.s.quit, .monotonic)) return;
            const next = try self.nextMatchingLine(data, pos, hi);
            if (self.s.o.invert) {
                const gap_end = if (next) |l| l.start else hi;
                try self.selectRange(data, pos, gap_end);
                pos = if (next) |l| l.end + 1 else hi;
            } else {
                const l = next orelse break;
                try self.select(data, l.start, l.end);
                pos = l.end + 1;
            }
        }
        if (self.printing() and self.after_left > 0) try self.printAfter(data, hi);
    }

    /// -I: a NUL anywhere in the window makes the rest of the file binary.
    fn checkWindow(self: *Searcher, data: []const u8) void {
        if (self.win_checked) return;
        self.win_checked = true;
        if (std.mem.indexOfScalar(u8, data[self.win_lo..self.win_hi], 0) != null) self.binary = true;
    }

    /// Whether data[from..to], about to be printed, may be: grep's binary
    /// rule. A NUL makes the rest of the file binary: its lines are no
    /// longer printed. In the file's first window (all of a small file) a
    /// NUL anywhere counts, before any line prints, as grep's check of its
    /// first buffer; later only the printed bytes are looked at, while they
    /// are in cache, instead of a second pass over every window (ripgrep
    /// looks at the first 64 KB of a mapped file only). Either way no NUL is
    /// ever printed; where in a large file the cut falls differs from grep,
    /// whose windows are its own buffer's.
    fn clean(self: *Searcher, data: []const u8, from: usize, to: usize) bool {
        if (self.binary) return false;
        if (self.win_checked) return true;
        if (self.win_first) {
            self.win_checked = true;
            if (std.mem.indexOfScalar(u8, data[self.win_lo..self.win_hi], 0) != null) self.binary = true;
            return !self.binary;
        }
        if (std.mem.indexOfScalar(u8, data[from..to], 0) != null) self.binary = true;
        return !self.binary;
    }

    /// Before the window's bytes are dropped: where the kept bytes must
    /// start (the -B lines before `hi`), with line counting brought there.
    pub fn keepFrom(self: *Searcher, data: []const u8, hi: usize) usize {
        const before = if (self.printing()) self.s.o.before orelse 0 else 0;
        const keep = backLines(data, hi, before, 0, self.eol);
        if (self.s.line_numbers) _ = self.lineNumber(data, keep);
        return keep;
    }

    /// The end of the file: counts and names.
    pub fn finish(self: *Searcher) void {
        const o = self.s.o;
        if (self.binary_hits > 0) {
            self.out.message("fxgrep: {s}: binary file matches\n", .{self.name});
            self.result.used = true;
        }
        if (o.quiet) return;
        if (o.files_with_matches or o.files_without_match) {
            if ((self.result.selected > 0) == o.files_with_matches) {
                self.printName();
                self.out.writeByte('\n');
            }
            return;
        }
        if (o.count) {
            if (self.s.with_filename) {
                self.printName();
                self.printSep(':');
            }
            self.out.print("{d}\n", .{self.result.selected});
        }
    }

    const Line = struct { start: usize, end: usize };

    /// The next line in data[pos..hi] with a match; `end` is the offset of
    /// its terminator (or hi).
    fn nextMatchingLine(self: *Searcher, data: []const u8, start: usize, hi: usize) ferrex.Error!?Line {
        const eol = self.eol;
        var pos = start;
        if (self.s.o.null_data) {
            // -z: each record alone (^ and $ at its ends, '.' takes '\n').
            while (pos < hi) {
                const le = std.mem.indexOfScalarPos(u8, data[0..hi], pos, eol) orelse hi;
                if (try self.finder.find(data[pos..le], 0, le - pos) != null) return .{ .start = pos, .end = le };
                pos = le + 1;
            }
            return null;
        }
        // Many lines at once: the leftmost match from pos, then its line
        // (multi-line mode: ^ and $ match at line ends).
        while (pos < hi) {
            const m = (try self.finder.find(data, pos, hi)) orelse return null;
            if (m.start == hi and data[hi - 1] == eol) return null; // past the last line
            const le = std.mem.indexOfScalarPos(u8, data[0..hi], m.start, eol) orelse hi;
            // The line's start is needed to print it, or to ask again
            // within it when the match ran over its end (which says
            // nothing about the line alone).
            if (m.end <= le and !self.needs_line_start) return .{ .start = m.start, .end = le };
            const ls = if (lastIndexOfByte(data[pos..m.start], eol)) |k| pos + k + 1 else pos;
            if (m.end <= le or try self.finder.find(data, ls, le) != null) return .{ .start = ls, .end = le };
            pos = le + 1;
        }
        return null;
    }

    /// -v: every line of data[from..to] is selected.
    fn selectRange(self: *Searcher, data: []const u8, from: usize, to: usize) ferrex.Error!void {
        if (from >= to) return;
        const o = self.s.o;
        if (o.count and o.max_count == null and !self.binary) {
            // Counting only: no need to split the lines.
            var n = countByte(data[from..to], self.eol);
            if (data[to - 1] != self.eol) n += 1;
            self.result.selected += n;
            return;
        }
        var pos = from;
        while (pos < to and !self.stop) {
            const le = std.mem.indexOfScalarPos(u8, data[0..to], pos, self.eol) orelse to;
            try self.select(data, pos, le);
            pos = le + 1;
        }
    }

    /// data[ls..le] is selected.
    fn select(self: *Searcher, data: []const u8, ls: usize, le: usize) ferrex.Error!void {
        const o = self.s.o;
        if (o.max_count) |max| {
            // -m 0 (reached only under -L, fxgrep.zig): no line is selected.
            if (max == 0) {
                self.stop = true;
                return;
            }
            if (self.result.selected + 1 >= max) self.stop = true;
        }
        self.result.selected += 1;
        if (o.quiet) {
            @atomicStore(bool, self.s.quit, true, .monotonic);
            self.stop = true;
            return;
        }
        if (o.files_with_matches or o.files_without_match) {
            self.stop = true;
            return;
        }
        if (o.count) return;
        if (!self.clean(data, ls, le)) return self.binaryHit();
        try self.printSelected(data, ls, le);
    }

    /// grep: one message at the end instead of lines, and no more.
    fn binaryHit(self: *Searcher) void {
        self.binary_hits += 1;
        self.stop = true;
        self.after_left = 0;
    }

    fn printSelected(self: *Searcher, data: []const u8, ls: usize, le: usize) ferrex.Error!void {
        const o = self.s.o;
        if (o.context()) {
            try self.printAfter(data, ls);
            const floor: usize = if (self.last_out_end) |e| (if (e > self.base) @intCast(@min(e - self.base, ls)) else 0) else 0;
            const bstart = backLines(data, ls, o.before orelse 0, floor, self.eol);
            if (!self.clean(data, bstart, ls)) return self.binaryHit();
            if (self.last_out_end == null or self.last_out_end.? != self.base + bstart) self.groupStart();
            var p = bstart;
            while (p < ls) {
                const e = std.mem.indexOfScalarPos(u8, data, p, self.eol) orelse ls;
                try self.printContext(data, p, e);
                p = e + 1;
            }
        }
        if (o.only) {
            // Under -v a selected line has no match: nothing to print.
            if (!o.invert) try self.printMatches(data, ls, le, ':');
        } else {
            self.printLine(data, ls, le, ':', self.s.color and !o.invert);
        }
        self.last_out_end = self.base + le + 1;
        self.after_left = o.after orelse 0;
        self.result.used = true;
    }

    /// The pending trailing context: lines from the last printed one up to
    /// data[limit], at most after_left of them.
    fn printAfter(self: *Searcher, data: []const u8, limit: usize) ferrex.Error!void {
        const end = self.last_out_end orelse return;
        if (end < self.base) return;
        var p: usize = @intCast(end - self.base);
        while (self.after_left > 0 and p < limit) {
            const e = std.mem.indexOfScalarPos(u8, data[0..limit], p, self.eol) orelse limit;
            if (!self.clean(data, p, e)) {
                self.after_left = 0;
                return;
            }
            try self.printContext(data, p, e);
            self.after_left -= 1;
            p = e + 1;
            self.last_out_end = self.base + p;
        }
    }

    /// A context line, as grep prints one: the context lines of a -v run
    /// are the lines that match, so there (and only there) its matches are
    /// highlighted in color, and -o prints them; otherwise -o prints
    /// nothing of a context line.
    fn printContext(self: *Searcher, data: []const u8, ls: usize, le: usize) ferrex.Error!void {
        const o = self.s.o;
        if (o.only) {
            if (o.invert) try self.printMatches(data, ls, le, '-');
        } else self.printLine(data, ls, le, '-', self.s.color and o.invert);
    }

    /// A new group of lines: "--" before it if anything was printed before
    /// (in this file, or, as the printer decides, in an earlier one).
    fn groupStart(self: *Searcher) void {
        if (self.result.used) {
            if (self.s.color) self.out.writeAll(Color.sep ++ "--" ++ Color.end ++ "\n") else self.out.writeAll("--\n");
        } else self.out.sep_if_used = true;
    }

    fn printLine(self: *Searcher, data: []const u8, ls: usize, le: usize, sep: u8, highlight: bool) void {
        self.printPrefix(data, ls, sep);
        const line = data[ls..le];
        if (highlight) {
            var start: usize = 0;
            var written: usize = 0;
            // A failed search leaves the rest of the line unhighlighted:
            // the line itself is what was asked for, and it is printed.
            while (self.nextPart(line, &start) catch null) |m| {
                self.out.writeAll(line[written..m.start]);
                self.out.writeAll(Color.match);
                self.out.writeAll(line[m.start..m.end]);
                self.out.writeAll(Color.end);
                written = m.end;
            }
            self.out.writeAll(line[written..]);
        } else self.out.writeAll(line);
        self.out.writeByte(self.eol);
    }

    /// -o (or -g N): the matches of data[ls..le], each on its own line,
    /// prefixed with `sep` (':' for a selected line, '-' for context).
    fn printMatches(self: *Searcher, data: []const u8, ls: usize, le: usize, sep: u8) ferrex.Error!void {
        if (self.s.o.group) |g| return self.printGroup(data, ls, le, g, sep);
        return self.printParts(data, ls, le, sep);
    }

    /// -o: every nonempty match of the line, each on its own line.
    fn printParts(self: *Searcher, data: []const u8, ls: usize, le: usize, sep: u8) ferrex.Error!void {
        const line = data[ls..le];
        var start: usize = 0;
        while (try self.nextPart(line, &start)) |m| {
            self.printPrefix(data, ls, sep);
            self.printMatch(line[m.start..m.end]);
        }
    }

    /// The next nonempty match in `line` at or after `start.*`, which it
    /// moves to the match's end: the parts -o prints and color highlights.
    /// Empty matches are stepped over, as grep does in both.
    fn nextPart(self: *Searcher, line: []const u8, start: *usize) ferrex.Error!?ferrex.Match {
        while (start.* <= line.len) {
            const m = (try self.finder.find(line, start.*, line.len)) orelse return null;
            if (m.end == m.start) {
                start.* = m.end + 1;
                continue;
            }
            start.* = m.end;
            return m;
        }
        return null;
    }

    /// -g N: group N of every match in the line, each on its own line
    /// (a match whose group N took no part, or matched empty, prints
    /// nothing: -g implies -o, which prints only nonempty parts).
    fn printGroup(self: *Searcher, data: []const u8, ls: usize, le: usize, group: usize, sep: u8) ferrex.Error!void {
        const line = data[ls..le];
        const it = &self.finder.it.?;
        try it.reset(line, .{});
        while (try it.nextSpans(self.finder.spans)) |spans| {
            if (group >= spans.len or !spans[group].isSet() or spans[group].start == spans[group].end) continue;
            self.printPrefix(data, ls, sep);
            self.printMatch(line[spans[group].start..spans[group].end]);
        }
    }

    fn printMatch(self: *Searcher, text: []const u8) void {
        if (self.s.color) self.out.writeAll(Color.match);
        self.out.writeAll(text);
        if (self.s.color) self.out.writeAll(Color.end);
        self.out.writeByte(self.eol);
    }

    fn printName(self: *Searcher) void {
        if (self.s.color) self.out.writeAll(Color.file);
        self.out.writeAll(self.name);
        if (self.s.color) self.out.writeAll(Color.end);
    }

    fn printSep(self: *Searcher, sep: u8) void {
        if (self.s.color) self.out.writeAll(Color.sep);
        self.out.writeByte(sep);
        if (self.s.color) self.out.writeAll(Color.end);
    }

    fn printPrefix(self: *Searcher, data: []const u8, ls: usize, sep: u8) void {
        if (self.s.with_filename) {
            self.printName();
            self.printSep(sep);
        }
        if (self.s.line_numbers) {
            const n = self.lineNumber(data, ls);
            if (self.s.color) self.out.writeAll(Color.line);
            self.out.print("{d}", .{n});
            if (self.s.color) self.out.writeAll(Color.end);
            self.printSep(sep);
        }
    }

    /// The number of the line starting at data[pos]; positions only grow.
    fn lineNumber(self: *Searcher, data: []const u8, pos: usize) u64 {
        const abs = self.base + pos;
        if (abs > self.nl_abs) {
            const from: usize = @intCast(self.nl_abs - self.base);
            self.nl_count += countByte(data[from..pos], self.eol);
            self.nl_abs = abs;
        }
        return self.nl_count;
    }
};

/// The start of the line `n` lines before the one starting at data[pos],
/// no earlier than `floor` (a line start).
pub fn backLines(data: []const u8, pos: usize, n: u64, floor: usize, eol: u8) usize {
    var p = pos;
    var left = n;
    while (left > 0 and p > floor) : (left -= 1) {
        p = if (lastIndexOfByte(data[floor .. p - 1], eol)) |k| floor + k + 1 else floor;
    }
    return p;
}

/// The last `b` in `bytes`, 32 bytes at a time from the end (std's
/// lastIndexOfScalar goes byte by byte).
pub fn lastIndexOfByte(bytes: []const u8, b: u8) ?usize {
    const V = @Vector(32, u8);
    const splat: V = @splat(b);
    var end = bytes.len;
    while (end >= 32) {
        const chunk: V = bytes[end - 32 ..][0..32].*;
        const bits: u32 = @bitCast(chunk == splat);
        if (bits != 0) return end - 32 + (31 - @clz(bits));
        end -= 32;
    }
    while (end > 0) {
        end -= 1;
        if (bytes[end] == b) return end;
    }
    return null;
}

test "lastIndexOfByte" {
    var buf: [100]u8 = @splat(@as(u8, 'x'));
    try std.testing.expectEqual(@as(?usize, null), lastIndexOfByte(&buf, '\n'));
    for ([_]usize{ 0, 3, 31, 32, 67, 68, 99 }) |k| {
        buf[k] = '\n';
        try std.testing.expectEqual(@as(?usize, k), lastIndexOfByte(&buf, '\n'));
        try std.testing.expectEqual(@as(?usize, k), lastIndexOfByte(buf[0 .. k + 1], '\n'));
    }
    try std.testing.expectEqual(@as(?usize, 3), lastIndexOfByte(buf[0..31], '\n'));
}

/// How many times `b` occurs in `bytes`, 32 bytes at a time.
pub fn countByte(bytes: []const u8, b: u8) u64 {
    const V = @Vector(32, u8);
    const splat: V = @splat(b);
    const ones: V = @splat(1);
    const zeros: V = @splat(0);
    var n: u64 = 0;
    var i: usize = 0;
    while (i + 32 <= bytes.len) : (i += 32) {
        const chunk: V = bytes[i..][0..32].*;
        n += @reduce(.Add, @select(u8, chunk == splat, ones, zeros));
    }
    for (bytes[i..]) |c| n += @intFromBool(c == b);
    return n;
}

test "countByte" {
    var buf: [100]u8 = undefined;
    for (&buf, 0..) |*c, k| c.* = if (k % 3 == 0) '\n' else 'x';
    try std.testing.expectEqual(@as(u64, 34), countByte(&buf, '\n'));
    try std.testing.expectEqual(@as(u64, 0), countByte("", '\n'));
}

test "backLines" {
    const d = "a\nbb\nccc\nd\n";
    try std.testing.expectEqual(@as(usize, 9), backLines(d, 9, 0, 0, '\n'));
    try std.testing.expectEqual(@as(usize, 5), backLines(d, 9, 1, 0, '\n'));
    try std.testing.expectEqual(@as(usize, 0), backLines(d, 9, 5, 0, '\n'));
    try std.testing.expectEqual(@as(usize, 2), backLines(d, 9, 5, 2, '\n'));
}
