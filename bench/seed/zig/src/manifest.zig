//! WORK_DIR/manifest.tsv (written by bench/seed/gen.py): one workload per
//! line, tab-separated: workload, size, kind, arg1, arg2 ('-': unused).
//! Also the readers of the input files the rows name.
const std = @import("std");
const sys = @import("sys.zig");
const Allocator = std.mem.Allocator;

pub const Kind = enum {
    @"regex-count",
    @"phrase-count",
    lowercase,
    @"is-match-empty",
};

pub const Row = struct {
    workload: []const u8,
    size: []const u8,
    /// null: a kind this runner does not know (skipped with a note).
    kind: ?Kind,
    kind_name: []const u8,
    arg1: []const u8,
    arg2: []const u8,

    /// "workload/size", the form --only takes.
    pub fn matchesOnly(row: Row, only: []const u8) bool {
        const slash = std.mem.indexOfScalar(u8, only, '/') orelse return false;
        return std.mem.eql(u8, only[0..slash], row.workload) and std.mem.eql(u8, only[slash + 1 ..], row.size);
    }
};

/// Parses the manifest's text (the rows keep slices into it). A malformed
/// line is reported with its number and gives error.BadManifest.
pub fn parse(gpa: Allocator, path: []const u8, text: []const u8) ![]Row {
    var rows: std.ArrayList(Row) = .empty;
    errdefer rows.deinit(gpa);
    var lines = std.mem.splitScalar(u8, text, '\n');
    var number: usize = 0;
    while (lines.next()) |raw| {
        number += 1;
        const line = std.mem.trimEnd(u8, raw, "\r");
        if (line.len == 0) continue;
        var fields: [5][]const u8 = undefined;
        var it = std.mem.splitScalar(u8, line, '\t');
        var n: usize = 0;
        while (it.next()) |f| : (n += 1) {
            if (n == fields.len) break;
            fields[n] = f;
        }
        if (n != fields.len or it.next() != null) {
            sys.eprint("seed-zig: {s}:{d}: expected 5 tab-separated fields (workload, size, kind, arg1, arg2)\n", .{ path, number });
            return error.BadManifest;
        }
        try rows.append(gpa, .{
            .workload = fields[0],
            .size = fields[1],
            .kind = std.meta.stringToEnum(Kind, fields[2]),
            .kind_name = fields[2],
            .arg1 = fields[3],
            .arg2 = fields[4],
        });
    }
    return rows.toOwnedSlice(gpa);
}

/// Reads the input `name` (relative to `dir`). A row that needs an input
/// but says '-' gives error.BadManifest.
pub fn readInput(gpa: Allocator, dir: []const u8, row: Row, name: []const u8) ![]u8 {
    if (std.mem.eql(u8, name, "-") or name.len == 0) {
        sys.eprint("seed-zig: manifest row {s}/{s} ({s}) lacks an input file\n", .{ row.workload, row.size, row.kind_name });
        return error.BadManifest;
    }
    const path = try std.fs.path.join(gpa, &.{ dir, name });
    defer gpa.free(path);
    return sys.readFile(gpa, path);
}

/// A pattern file's bytes without the trailing newline (\n or \r\n), if any.
pub fn patternBytes(data: []const u8) []const u8 {
    var p = data;
    if (std.mem.endsWith(u8, p, "\n")) p = p[0 .. p.len - 1];
    if (std.mem.endsWith(u8, p, "\r")) p = p[0 .. p.len - 1];
    return p;
}

/// A phrase file's phrases: one per line, the newline after the last one
/// optional. An empty line would be an empty phrase (which matches at
/// every position): reported with its number as error.BadPhrases.
pub fn splitPhrases(gpa: Allocator, path: []const u8, data: []const u8) ![]const []const u8 {
    var list: std.ArrayList([]const u8) = .empty;
    errdefer list.deinit(gpa);
    const body = if (std.mem.endsWith(u8, data, "\n")) data[0 .. data.len - 1] else data;
    if (body.len == 0) return list.toOwnedSlice(gpa);
    var lines = std.mem.splitScalar(u8, body, '\n');
    var number: usize = 0;
    while (lines.next()) |line| {
        number += 1;
        if (line.len == 0) {
            sys.eprint("seed-zig: {s}:{d}: empty phrase\n", .{ path, number });
            return error.BadPhrases;
        }
        try list.append(gpa, line);
    }
    return list.toOwnedSlice(gpa);
}

test "patternBytes strips one trailing newline" {
    try std.testing.expectEqualStrings("a|b", patternBytes("a|b\n"));
    try std.testing.expectEqualStrings("a|b", patternBytes("a|b\r\n"));
    try std.testing.expectEqualStrings("a|b\n", patternBytes("a|b\n\n"));
    try std.testing.expectEqualStrings("a|b", patternBytes("a|b"));
}

test "splitPhrases" {
    const gpa = std.testing.allocator;
    const p = try splitPhrases(gpa, "x", "the cat\ndog\n");
    defer gpa.free(p);
    try std.testing.expectEqual(@as(usize, 2), p.len);
    try std.testing.expectEqualStrings("dog", p[1]);
    try std.testing.expectError(error.BadPhrases, splitPhrases(gpa, "x", "a\n\nb\n"));
}

test "parse and --only" {
    const gpa = std.testing.allocator;
    const rows = try parse(gpa, "m", "w\t4KB\tregex-count\tr.txt\th.txt\nz\t1\tnew-kind\t-\t-\n");
    defer gpa.free(rows);
    try std.testing.expectEqual(@as(usize, 2), rows.len);
    try std.testing.expectEqual(Kind.@"regex-count", rows[0].kind.?);
    try std.testing.expect(rows[1].kind == null);
    try std.testing.expect(rows[0].matchesOnly("w/4KB"));
    try std.testing.expect(!rows[0].matchesOnly("w/4K"));
    try std.testing.expectError(error.BadManifest, parse(gpa, "m", "a\tb\tc\n"));
}
