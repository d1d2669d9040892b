//! Tests of the Zig wrapper (src/ferrex.zig) against the real libferrex:
//! every public function, success and error paths. `std.testing.allocator`
//! fails any test that leaks.
const std = @import("std");
const testing = std.testing;
const ferrex = @import("ferrex");
const c = ferrex.c; // the translated header, as the wrapper imports it

const Regex = ferrex.Regex;
const PhraseSet = ferrex.PhraseSet;
const Match = ferrex.Match;

fn m(start: usize, end: usize, pattern: usize) Match {
    return .{ .start = start, .end = end, .pattern = pattern };
}

test {
    // Every declaration of the wrapper compiles on this Zig version.
    testing.refAllDecls(ferrex);
    testing.refAllDecls(Regex);
    testing.refAllDecls(Regex.Iterator);
    testing.refAllDecls(PhraseSet);
    testing.refAllDecls(PhraseSet.Iterator);
    testing.refAllDecls(ferrex.Captures);
    testing.refAllDecls(ferrex.Cache);
    testing.refAllDecls(ferrex.Diagnostics);
    testing.refAllDecls(ferrex.Stream);
}

// --- versions and statuses --------------------------------------------------

test "library version matches the header" {
    try testing.expectEqual(ferrex.header_version_number, ferrex.versionNumber());
    var buf: [32]u8 = undefined;
    const expected = try std.fmt.bufPrint(&buf, "{d}.{d}.{d}", .{ c.FERREX_VERSION_MAJOR, c.FERREX_VERSION_MINOR, c.FERREX_VERSION_PATCH });
    try testing.expectEqualStrings(expected, ferrex.version());
}

test "every status maps to one error and back" {
    const all = [_]ferrex.Error{
        error.Internal,    error.NullPointer, error.InvalidArgument, error.UnknownFlag,
        error.OutOfBounds, error.Index,       error.WrongRegex,      error.InvalidUtf8,
        error.Syntax,      error.SizeLimit,   error.BufferTooSmall,  error.Unsupported,
        error.Aborted,     error.RetainLimit,
    };
    for (all, 0..) |err, i| {
        const status = ferrex.errorStatus(err);
        // The statuses are -1, -2, ... in the order of the header.
        try testing.expectEqual(-@as(i32, @intCast(i + 1)), status);
        try testing.expectEqual(err, ferrex.statusError(status));
        try testing.expect(std.mem.startsWith(u8, ferrex.statusName(status), "FERREX_ERR_"));
        try testing.expect(ferrex.statusMessage(status).len > 0);
    }
    try testing.expectEqualStrings("FERREX_ERR_SYNTAX", ferrex.statusName(c.FERREX_ERR_SYNTAX));
    try testing.expectEqualStrings("FERREX_OK", ferrex.statusName(c.FERREX_OK));
    try testing.expectEqualStrings("FERREX_ERR_UNKNOWN", ferrex.statusName(-1000));
    // A status from a newer library is reported, not lost.
    try testing.expectEqual(error.Internal, ferrex.statusError(-1000));
}

// --- regex: build, options, diagnostics ------------------------------------

test "init, isMatch, find, deinit" {
    var re = try Regex.init("[0-9]{4}-[0-9]{2}", .{});
    defer re.deinit();
    const hay = "released 2024-05, patched 2024-06";
    try testing.expect(try re.isMatch(null, hay, .{}));
    try testing.expect(!try re.isMatch(null, "no dates", .{}));
    const found = (try re.find(null, hay, .{})).?;
    try testing.expectEqual(m(9, 16, 0), found);
    try testing.expectEqualStrings("2024-05", found.slice(hay));
    try testing.expectEqual(@as(usize, 7), found.len());
    try testing.expectEqual(@as(?Match, null), try re.find(null, "nothing here", .{}));
    try testing.expectEqual(@as(usize, 2), try re.countMatches(null, hay, .{}));
    try testing.expectEqual(@as(usize, 1), try re.countMatches(null, hay, .{ .start = 10 }));
    try testing.expectError(error.OutOfBounds, re.countMatches(null, hay, .{ .start = 99 }));
    try testing.expectEqual(@as(usize, 1), try re.patternCount());
    // Empty haystack (its ptr may be anything: the length is 0).
    try testing.expect(!try re.isMatch(null, "", .{}));
}

test "syntax error fills diagnostics with message and span" {
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.Syntax, Regex.init("ab(cd", .{ .diagnostics = &diag }));
    try testing.expectEqual(@as(?ferrex.Error, error.Syntax), diag.err);
    try testing.expect(diag.message.len > 0);
    const span = diag.span orelse return error.TestExpectedSpan;
    // The unclosed group opens at byte 2.
    try testing.expectEqual(@as(usize, 2), span.start);
    try testing.expect(span.end > span.start and span.end <= 5);

    // Reusing the diagnostics clears the previous error first.
    try testing.expectError(error.Syntax, Regex.init("x{2,1}", .{ .diagnostics = &diag }));
    try testing.expect(diag.span != null);
    var re = try Regex.init("fine", .{ .diagnostics = &diag });
    re.deinit();
    try testing.expectEqual(@as(?ferrex.Error, null), diag.err);
    try testing.expectEqualStrings("", diag.message);
}

test "errors without diagnostics free the error object" {
    // Leaks would show under valgrind/ASan of the C suite; here: no crash.
    try testing.expectError(error.Syntax, Regex.init("(", .{}));
    try testing.expectError(error.InvalidUtf8, Regex.init("a\xffb", .{}));
}

test "invalid UTF-8 pattern reports its span" {
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.InvalidUtf8, Regex.init("ab\xff", .{ .diagnostics = &diag }));
    try testing.expectEqual(@as(?ferrex.Error, error.InvalidUtf8), diag.err);
    const span = diag.span orelse return error.TestExpectedSpan;
    try testing.expectEqual(@as(usize, 2), span.start);
}

test "unknown flag bits are rejected" {
    try testing.expectError(error.UnknownFlag, Regex.init("a", .{ .flags = .{ .reserved = 1 } }));
}

test "flags" {
    {
        var re = try Regex.init("hello", .{ .flags = .{ .case_insensitive = true } });
        defer re.deinit();
        try testing.expect(try re.isMatch(null, "HeLLo", .{}));
    }
    {
        var re = try Regex.init("^b$", .{ .flags = .{ .multi_line = true } });
        defer re.deinit();
        try testing.expect(try re.isMatch(null, "a\nb\nc", .{}));
        var plain = try Regex.init("^b$", .{});
        defer plain.deinit();
        try testing.expect(!try plain.isMatch(null, "a\nb\nc", .{}));
    }
    {
        var re = try Regex.init("a.b", .{ .flags = .{ .dot_matches_new_line = true } });
        defer re.deinit();
        try testing.expect(try re.isMatch(null, "a\nb", .{}));
    }
    {
        var re = try Regex.init("a+", .{ .flags = .{ .swap_greed = true } });
        defer re.deinit();
        try testing.expectEqual(m(0, 1, 0), (try re.find(null, "aaa", .{})).?);
    }
    {
        var re = try Regex.init("a b # comment", .{ .flags = .{ .ignore_whitespace = true } });
        defer re.deinit();
        try testing.expectEqual(m(1, 3, 0), (try re.find(null, "xab", .{})).?);
    }
    {
        var re = try Regex.init("\\w+", .{ .flags = .{ .no_unicode = true } });
        defer re.deinit();
        try testing.expectEqual(m(0, 1, 0), (try re.find(null, "a\xc3\xa9", .{})).?);
    }
    {
        var re = try Regex.init("(?-u:\\xFF)", .{ .flags = .{ .no_utf8 = true } });
        defer re.deinit();
        try testing.expectEqual(m(1, 2, 0), (try re.find(null, "a\xffb", .{})).?);
    }
    {
        var re = try Regex.init("^b$", .{ .flags = .{ .multi_line = true, .crlf = true } });
        defer re.deinit();
        try testing.expectEqual(m(3, 4, 0), (try re.find(null, "a\r\nb\r\n", .{})).?);
    }
}

test "build options" {
    // A tiny NFA limit.
    try testing.expectError(error.SizeLimit, Regex.init("\\w{50}", .{ .nfa_size_limit = 10 }));
    // A zero cache capacity: the setter's status, described in diagnostics.
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.InvalidArgument, Regex.init("a", .{ .dfa_cache_capacity = 0, .diagnostics = &diag }));
    try testing.expectEqual(@as(?ferrex.Error, error.InvalidArgument), diag.err);
    try testing.expectEqualStrings(ferrex.statusMessage(c.FERREX_ERR_INVALID_ARGUMENT), diag.message);
    // Nesting limit.
    try testing.expectError(error.Syntax, Regex.init("((a))", .{ .nesting_limit = 1 }));
    var nested = try Regex.init("((a))", .{ .nesting_limit = 10 });
    nested.deinit();
    // Search memory limit: the capture slots of several patterns past a
    // tiny limit refuse to build; the default takes them.
    const words = [_][]const u8{ "(a)(b)", "(c)(d)", "(e)(f)" };
    try testing.expectError(error.SizeLimit, Regex.initMany(testing.allocator, &words, .{ .search_memory_limit = 16 }));
    var roomy = try Regex.initMany(testing.allocator, &words, .{});
    roomy.deinit();
    // DFA size limit 0: no full DFA; the default builds one for small patterns.
    var lazy = try Regex.init("abc", .{ .dfa_size_limit = 0, .dfa_cache_capacity = 1 << 20 });
    defer lazy.deinit();
    try testing.expect(!try lazy.hasFullDfa());
    try testing.expect(try lazy.isMatch(null, "xabc", .{}));
    var full = try Regex.init("abc", .{});
    defer full.deinit();
    try testing.expect(try full.hasFullDfa());
    // An unknown match kind value.
    try testing.expectError(error.InvalidArgument, Regex.init("a", .{ .match_kind = @enumFromInt(7) }));
}

test "match kind all" {
    var re = try Regex.init("a|ab", .{ .match_kind = .all });
    defer re.deinit();
    // The header's example: "a|ab" in "ab a" finds [3, 4).
    try testing.expectEqual(m(3, 4, 0), (try re.find(null, "ab a", .{})).?);
    var first = try Regex.init("a|ab", .{});
    defer first.deinit();
    try testing.expectEqual(m(0, 1, 0), (try first.find(null, "ab a", .{})).?);
}

test "initMany: pattern indexes, failing pattern in diagnostics" {
    const gpa = testing.allocator;
    var re = try Regex.initMany(gpa, &.{ "[a-z]+", "[0-9]+", "" }, .{});
    defer re.deinit();
    try testing.expectEqual(@as(usize, 3), try re.patternCount());
    try testing.expectEqual(m(2, 5, 1), (try re.find(null, "  123", .{ .start = 2 })).?);
    // The empty pattern matches where nothing else does.
    try testing.expectEqual(m(1, 1, 2), (try re.find(null, "  123", .{ .start = 1 })).?);

    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.Syntax, Regex.initMany(gpa, &.{ "ok", "bad[", "ok" }, .{ .diagnostics = &diag }));
    try testing.expectEqual(@as(?usize, 1), diag.pattern);
    try testing.expect(diag.span != null);
    try testing.expect(diag.message.len > 0);

    // No patterns: a regex that never matches.
    var none = try Regex.initMany(gpa, &.{}, .{});
    defer none.deinit();
    try testing.expectEqual(@as(usize, 0), try none.patternCount());
    try testing.expect(!try none.isMatch(null, "anything", .{}));
}

test "matchLenBounds: from the patterns, over every pattern of a set" {
    const gpa = testing.allocator;
    const cases = [_]struct { pattern: []const u8, want: ?Regex.LenBounds }{
        .{ .pattern = "[0-9]{4}-[0-9]{2}", .want = .{ .min = 7, .max = 7 } },
        .{ .pattern = "a+|bc", .want = .{ .min = 1, .max = null } },
        .{ .pattern = "x*", .want = .{ .min = 0, .max = null } },
        .{ .pattern = "[^\\s\\S]", .want = null },
    };
    for (cases) |case| {
        var re = try Regex.init(case.pattern, .{});
        defer re.deinit();
        try testing.expectEqual(case.want, try re.matchLenBounds());
    }
    var set = try Regex.initMany(gpa, &.{ "abc", "[0-9]{2,5}" }, .{});
    defer set.deinit();
    try testing.expectEqual(@as(?Regex.LenBounds, .{ .min = 2, .max = 5 }), try set.matchLenBounds());
}

test "initMany reports allocation failure" {
    var failing = std.testing.FailingAllocator.init(testing.allocator, .{ .fail_index = 0 });
    try testing.expectError(error.OutOfMemory, Regex.initMany(failing.allocator(), &.{"a"}, .{}));
}

// --- searches ----------------------------------------------------------------

test "search bounds, anchored, earliest, anchor pattern" {
    var re = try Regex.init("a+", .{});
    defer re.deinit();
    const hay = "xaaa yaa";
    try testing.expectEqual(m(1, 4, 0), (try re.find(null, hay, .{})).?);
    try testing.expectEqual(m(2, 3, 0), (try re.find(null, hay, .{ .start = 2, .end = 3 })).?);
    try testing.expectEqual(m(6, 8, 0), (try re.find(null, hay, .{ .start = 4 })).?);
    try testing.expectEqual(@as(?Match, null), try re.find(null, hay, .{ .anchored = true }));
    try testing.expectEqual(m(1, 4, 0), (try re.find(null, hay, .{ .start = 1, .anchored = true })).?);
    try testing.expectEqual(m(1, 2, 0), (try re.find(null, hay, .{ .earliest = true })).?);
    try testing.expect(!try re.isMatch(null, hay, .{ .start = 4, .end = 6 }));

    // Out of bounds: end past the haystack, start past end.
    try testing.expectError(error.OutOfBounds, re.isMatch(null, hay, .{ .end = hay.len + 1 }));
    try testing.expectError(error.OutOfBounds, re.find(null, hay, .{ .start = 5, .end = 4 }));
    try testing.expectError(error.OutOfBounds, re.find(null, hay, .{ .start = hay.len + 1 }));
    // Unknown search flag bits.
    try testing.expectError(error.UnknownFlag, re.isMatch(null, hay, .{ .raw_flags = 1 << 30 }));
    // Anchor pattern that does not exist.
    try testing.expectError(error.Index, re.find(null, hay, .{ .anchor_pattern = 3 }));

    var many = try Regex.initMany(testing.allocator, &.{ "[a-z]+", "[a-z]" }, .{});
    defer many.deinit();
    try testing.expectEqual(m(0, 3, 0), (try many.find(null, "abc", .{})).?);
    try testing.expectEqual(m(0, 1, 1), (try many.find(null, "abc", .{ .anchor_pattern = 1 })).?);
    try testing.expectEqual(@as(?Match, null), try many.find(null, "1abc", .{ .anchor_pattern = 1 }));
}

test "cache: per-thread scratch, wrong regex" {
    var re = try Regex.init("b+", .{});
    defer re.deinit();
    var other = try Regex.init("c", .{});
    defer other.deinit();
    var cache = try ferrex.Cache.init(&re);
    defer cache.deinit();
    try testing.expectEqual(m(1, 3, 0), (try re.find(&cache, "abbc", .{})).?);
    try testing.expect(try re.isMatch(&cache, "abbc", .{}));
    var caps = try ferrex.Captures.init(&re);
    defer caps.deinit();
    try testing.expect(try re.captures(&cache, "abbc", &caps, .{}));
    try testing.expectError(error.WrongRegex, other.isMatch(&cache, "c", .{}));
    try testing.expectError(error.WrongRegex, other.find(&cache, "c", .{}));
}

test "whichMatches: set query" {
    var re = try Regex.initMany(testing.allocator, &.{ "foo", "bar", "baz" }, .{});
    defer re.deinit();
    var matched = [_]bool{ true, true, true, true };
    try testing.expect(try re.whichMatches(null, "a bar and a foo", &matched, .{}));
    try testing.expectEqualSlices(bool, &.{ true, true, false, true }, &matched);
    try testing.expect(!try re.whichMatches(null, "nothing", &matched, .{}));
    try testing.expectEqualSlices(bool, &.{ false, false, false, true }, &matched);
    try testing.expectError(error.BufferTooSmall, re.whichMatches(null, "foo", matched[0..2], .{}));
    try testing.expectError(error.OutOfBounds, re.whichMatches(null, "foo", &matched, .{ .end = 9 }));
}

// --- groups and captures -----------------------------------------------------

test "groups: count, name, index" {
    var re = try Regex.init("(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(x)?", .{});
    defer re.deinit();
    try testing.expectEqual(@as(usize, 4), try re.groupCount(0));
    try testing.expectEqual(@as(?[]const u8, null), try re.groupName(0, 0));
    try testing.expectEqualStrings("year", (try re.groupName(0, 1)).?);
    try testing.expectEqualStrings("month", (try re.groupName(0, 2)).?);
    try testing.expectEqual(@as(?[]const u8, null), try re.groupName(0, 3));
    try testing.expectEqual(@as(?usize, 2), try re.groupIndex(0, "month"));
    try testing.expectEqual(@as(?usize, null), try re.groupIndex(0, "day"));
    try testing.expectError(error.Index, re.groupCount(1));
    try testing.expectError(error.Index, re.groupName(0, 4));
    try testing.expectError(error.Index, re.groupName(1, 0));
    try testing.expectError(error.Index, re.groupIndex(1, "year"));
}

test "captures: by index and by name" {
    var re = try Regex.init("(?P<year>[0-9]{4})-(?P<month>[0-9]{2})(x)?", .{});
    defer re.deinit();
    var caps = try ferrex.Captures.init(&re);
    defer caps.deinit();
    // Before any search: no match.
    try testing.expectEqual(@as(?usize, null), try caps.pattern());

    const hay = "on 2024-05.";
    try testing.expect(try re.captures(null, hay, &caps, .{}));
    try testing.expectEqual(@as(?usize, 0), try caps.pattern());
    try testing.expectEqual(@as(?usize, 4), try caps.groupCount());
    try testing.expectEqual(m(3, 10, 0), (try caps.group(0)).?);
    try testing.expectEqualStrings("2024", (try caps.group(1)).?.slice(hay));
    try testing.expectEqualStrings("05", (try caps.groupByName("month")).?.slice(hay));
    try testing.expectEqualStrings("2024", (try caps.groupByName("year")).?.slice(hay));
    // A group that took no part in the match.
    try testing.expectEqual(@as(?Match, null), try caps.group(3));
    // No such group.
    try testing.expectError(error.Index, caps.group(4));
    try testing.expectError(error.Index, caps.groupByName("day"));

    // A search without a match resets the captures.
    try testing.expect(!try re.captures(null, "none", &caps, .{}));
    try testing.expectEqual(@as(?usize, null), try caps.pattern());
    try testing.expectEqual(@as(?usize, null), try caps.groupCount());
    try testing.expectEqual(@as(?Match, null), try caps.group(0));

    // Every group in one call.
    try testing.expect(try re.captures(null, hay, &caps, .{}));
    var buf: [5]Match = undefined;
    const all = (try caps.spans(&buf)).?;
    try testing.expectEqual(@as(usize, 4), all.len);
    try testing.expectEqual(m(3, 10, 0), all[0]);
    try testing.expectEqual(m(3, 7, 0), all[1]);
    try testing.expectEqual(m(8, 10, 0), all[2]);
    try testing.expect(!all[3].isSet());
    try testing.expectEqual(Match.unset, all[3].end);
    try testing.expectError(error.BufferTooSmall, caps.spans(buf[0..3]));
    try testing.expect(!try re.captures(null, "none", &caps, .{}));
    try testing.expectEqual(@as(?[]Match, null), try caps.spans(&buf));

    // Bounds errors and captures of another regex.
    try testing.expectError(error.OutOfBounds, re.captures(null, hay, &caps, .{ .start = 20 }));
    var other = try Regex.init("x", .{});
    defer other.deinit();
    try testing.expectError(error.WrongRegex, other.captures(null, "x", &caps, .{}));
}

// --- iteration -----------------------------------------------------------------

test "iterator: next, nextBatch, nextCaptures, reset" {
    var re = try Regex.init("[0-9]+", .{});
    defer re.deinit();
    const hay = "1 22 333 4444 55555";
    {
        var it = try re.iterator(hay, .{});
        defer it.deinit();
        var starts: [5]usize = undefined;
        var n: usize = 0;
        while (it.next()) |found| : (n += 1) starts[n] = found.start;
        try testing.expectEqual(@as(usize, 5), n);
        try testing.expectEqualSlices(usize, &.{ 0, 2, 5, 9, 14 }, &starts);
        try testing.expectEqual(@as(?Match, null), it.next());
        try testing.expectEqual(@as(?ferrex.Error, null), it.err);
    }
    {
        var it = try re.iterator(hay, .{ .start = 2, .end = 13 });
        defer it.deinit();
        var buf: [2]Match = undefined;
        try testing.expectEqualSlices(Match, &.{ m(2, 4, 0), m(5, 8, 0) }, it.nextBatch(&buf));
        try testing.expectEqualSlices(Match, &.{m(9, 13, 0)}, it.nextBatch(&buf));
        try testing.expectEqual(@as(usize, 0), it.nextBatch(&buf).len);

        // Reset onto another haystack.
        const other = "a 7 b 88";
        try it.reset(other, .{});
        try testing.expectEqual(m(2, 3, 0), it.next().?);
        try testing.expectError(error.OutOfBounds, it.reset(other, .{ .end = 100 }));
        // A failed reset leaves the iterator as it was.
        try testing.expectEqual(m(6, 8, 0), it.next().?);
        try testing.expectEqual(@as(?Match, null), it.next());
    }
    {
        var named = try Regex.init("(?P<d>[0-9])([0-9])?", .{});
        defer named.deinit();
        var caps = try ferrex.Captures.init(&named);
        defer caps.deinit();
        var it = try named.iterator("1 23", .{});
        defer it.deinit();
        try testing.expect(try it.nextCaptures(&caps));
        try testing.expectEqual(m(0, 1, 0), (try caps.groupByName("d")).?);
        try testing.expectEqual(@as(?Match, null), try caps.group(2));
        try testing.expect(try it.nextCaptures(&caps));
        try testing.expectEqual(m(3, 4, 0), (try caps.group(2)).?);
        try testing.expect(!try it.nextCaptures(&caps));
        try testing.expectEqual(@as(?usize, null), try caps.pattern());

        var wrong = try ferrex.Captures.init(&re);
        defer wrong.deinit();
        try it.reset("1", .{});
        try testing.expectError(error.WrongRegex, it.nextCaptures(&wrong));

        // Every group of every match, one call each; too little room is
        // reported before the iteration moves.
        try it.reset("1 23", .{});
        var buf: [3]Match = undefined;
        try testing.expectError(error.BufferTooSmall, it.nextSpans(buf[0..2]));
        const first = (try it.nextSpans(&buf)).?;
        try testing.expectEqual(@as(usize, 3), first.len);
        try testing.expectEqual(m(0, 1, 0), first[0]);
        try testing.expect(!first[2].isSet());
        const second = (try it.nextSpans(&buf)).?;
        try testing.expectEqual(m(2, 4, 0), second[0]);
        try testing.expectEqual(m(3, 4, 0), second[2]);
        try testing.expectEqual(@as(?[]Match, null), try it.nextSpans(&buf));

        // Several matches' groups a call, `stride` spans a match, unset
        // past a match's groups; too small a stride is reported first.
        try it.reset("1 23 4", .{});
        var many: [8]Match = undefined;
        try testing.expectError(error.BufferTooSmall, it.nextSpansBatch(&many, 2));
        // Room for no match is an error, not an empty batch (the end).
        try testing.expectError(error.BufferTooSmall, it.nextSpansBatch(many[0..3], 4));
        const two = try it.nextSpansBatch(&many, 4);
        try testing.expectEqual(@as(usize, 8), two.len);
        try testing.expectEqual(m(0, 1, 0), two[0]);
        try testing.expect(!two[2].isSet());
        try testing.expect(!two[3].isSet());
        try testing.expectEqual(m(2, 4, 0), two[4]);
        try testing.expectEqual(m(3, 4, 0), two[6]);
        try testing.expect(!two[7].isSet());
        const last = try it.nextSpansBatch(&many, 4);
        try testing.expectEqual(@as(usize, 4), last.len);
        try testing.expectEqual(m(5, 6, 0), last[0]);
        try testing.expectEqual(@as(usize, 0), (try it.nextSpansBatch(&many, 4)).len);
    }
    try testing.expectError(error.OutOfBounds, re.iterator(hay, .{ .start = 3, .end = 2 }));
    try testing.expectError(error.UnknownFlag, re.iterator(hay, .{ .raw_flags = 1 << 31 }));
}

test "iterator: empty matches follow the regex crate" {
    var re = try Regex.init("", .{});
    defer re.deinit();
    var it = try re.iterator("ab", .{});
    defer it.deinit();
    try testing.expectEqual(m(0, 0, 0), it.next().?);
    try testing.expectEqual(m(1, 1, 0), it.next().?);
    try testing.expectEqual(m(2, 2, 0), it.next().?);
    try testing.expectEqual(@as(?Match, null), it.next());
}

test "findAll: every match in one call, a full buffer going on after its last match" {
    var re = try Regex.init("a*", .{});
    defer re.deinit();
    const hay = "baaab";
    var buf: [4]Match = undefined;
    const all = try re.findAll(null, hay, &buf, .{});
    try testing.expectEqualSlices(Match, &.{ m(0, 0, 0), m(1, 4, 0), m(5, 5, 0) }, all);
    // Two at a time: the second call goes on after (1, 4), so the empty
    // match at 4 is skipped as the iteration skips it.
    const two = try re.findAll(null, hay, buf[0..2], .{});
    try testing.expectEqual(@as(usize, 2), two.len);
    const rest = try re.findAll(null, hay, buf[0..2], .{ .start = two[1].end, .after_match = true });
    try testing.expectEqualSlices(Match, &.{m(5, 5, 0)}, rest);
    // Without after_match the empty match at 4 is the first one.
    try testing.expectEqual(m(4, 4, 0), (try re.find(null, hay, .{ .start = 4 })).?);
    try testing.expectEqual(m(5, 5, 0), (try re.find(null, hay, .{ .start = 4, .after_match = true })).?);
    try testing.expectEqual(@as(usize, 0), (try re.findAll(null, hay, buf[0..0], .{})).len);
    try testing.expectError(error.OutOfBounds, re.findAll(null, hay, &buf, .{ .start = 3, .end = 9 }));
    // The set query's matches overlap: no iteration goes on from one.
    var set: [1]bool = undefined;
    try testing.expectError(error.InvalidArgument, re.whichMatches(null, hay, &set, .{ .after_match = true }));
}

test "iterator outlives its regex" {
    var re = try Regex.init("o", .{});
    var it = try re.iterator("foo", .{});
    defer it.deinit();
    re.deinit();
    try testing.expectEqual(m(1, 2, 0), it.next().?);
    try testing.expectEqual(m(2, 3, 0), it.next().?);
}

// --- replace -------------------------------------------------------------------

test "replace with a template" {
    const gpa = testing.allocator;
    var re = try Regex.init("(?P<y>[0-9]{4})-([0-9]{2})", .{});
    defer re.deinit();
    const hay = "from 2024-05 to 2025-01.";
    {
        const out = try re.replace(gpa, null, hay, "$2/${y}", .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("from 05/2024 to 01/2025.", out);
    }
    {
        const out = try re.replace(gpa, null, hay, "[$0]$$", .{ .limit = 1 });
        defer gpa.free(out);
        try testing.expectEqualStrings("from [2024-05]$ to 2025-01.", out);
    }
    {
        var cache = try ferrex.Cache.init(&re);
        defer cache.deinit();
        const out = try re.replace(gpa, &cache, hay, "X", .{ .search = .{ .start = 13 } });
        defer gpa.free(out);
        try testing.expectEqualStrings("from 2024-05 to X.", out);
    }
    {
        // An empty result.
        var all = try Regex.init(".*", .{});
        defer all.deinit();
        const out = try all.replace(gpa, null, "abc", "", .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("", out);
    }
    {
        // No match: the haystack unchanged.
        const out = try re.replace(gpa, null, "none", "X", .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("none", out);
    }
    try testing.expectError(error.InvalidArgument, re.replace(gpa, null, hay, "${y", .{}));
    try testing.expectError(error.Index, re.replace(gpa, null, hay, "$7", .{}));
    try testing.expectError(error.OutOfBounds, re.replace(gpa, null, hay, "X", .{ .search = .{ .end = 99 } }));
}

test "replace frees its buffer when the allocator fails" {
    var re = try Regex.init("b", .{});
    defer re.deinit();
    try testing.checkAllAllocationFailures(testing.allocator, replaceOnce, .{&re});
}

fn replaceOnce(gpa: std.mem.Allocator, re: *Regex) !void {
    const out = try re.replace(gpa, null, "abc", "BB", .{});
    defer gpa.free(out);
    try testing.expectEqualStrings("aBBc", out);
}

const Upper = struct {
    buf: [64]u8 = undefined,
    calls: usize = 0,
    stop_after: usize = std.math.maxInt(usize),
    abort_at: usize = std.math.maxInt(usize),
};

fn upperCallback(state: *Upper, caps: *const ferrex.Captures, haystack: []const u8) ferrex.ReplaceAction {
    state.calls += 1;
    if (state.calls == state.abort_at) return .abort;
    const word = (caps.groupByName("w") catch return .abort).?.slice(haystack);
    const out = std.ascii.upperString(state.buf[0..word.len], word);
    return if (state.calls >= state.stop_after) .{ .replace_and_stop = out } else .{ .replace = out };
}

fn bracketCallback(_: void, caps: *const ferrex.Captures, _: []const u8) ferrex.ReplaceAction {
    const span = (caps.group(0) catch return .abort).?;
    return .{ .replace = if (span.start == 0) "<first>" else "<next>" };
}

test "replaceWith: callback, stop, abort, limit" {
    const gpa = testing.allocator;
    var re = try Regex.init("(?P<w>[a-z]+)", .{});
    defer re.deinit();
    const hay = "one, two; three";
    {
        var state: Upper = .{};
        const out = try re.replaceWith(gpa, null, hay, &state, upperCallback, .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("ONE, TWO; THREE", out);
        try testing.expectEqual(@as(usize, 3), state.calls);
    }
    {
        var state: Upper = .{ .stop_after = 2 };
        const out = try re.replaceWith(gpa, null, hay, &state, upperCallback, .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("ONE, TWO; three", out);
        try testing.expectEqual(@as(usize, 2), state.calls);
    }
    {
        var state: Upper = .{};
        const out = try re.replaceWith(gpa, null, hay, &state, upperCallback, .{ .limit = 1 });
        defer gpa.free(out);
        try testing.expectEqualStrings("ONE, two; three", out);
        try testing.expectEqual(@as(usize, 1), state.calls);
    }
    {
        var state: Upper = .{ .abort_at = 2 };
        try testing.expectError(error.Aborted, re.replaceWith(gpa, null, hay, &state, upperCallback, .{}));
        try testing.expectEqual(@as(usize, 2), state.calls);
    }
    {
        const out = try re.replaceWith(gpa, null, hay, {}, bracketCallback, .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("<first>, <next>; <next>", out);
    }
    {
        var state: Upper = .{};
        try testing.expectError(error.OutOfBounds, re.replaceWith(gpa, null, hay, &state, upperCallback, .{ .search = .{ .start = 99 } }));
        // Bad arguments are reported before the callback runs.
        try testing.expectEqual(@as(usize, 0), state.calls);
    }
}

// --- phrase sets -----------------------------------------------------------------

test "phrase set: build, info, isMatch, find" {
    const gpa = testing.allocator;
    var set = try PhraseSet.init(gpa, &.{ "apple", "app", "banana" }, .{});
    defer set.deinit();
    const i = try set.info();
    try testing.expectEqual(@as(usize, 3), i.count);
    try testing.expectEqual(@as(usize, 3), i.min_len);
    try testing.expectEqual(@as(usize, 6), i.max_len);
    try testing.expect(i.memory_usage > 0);
    try testing.expect(i.automaton != .auto);

    const hay = "an apple and a banana";
    try testing.expect(try set.isMatch(hay, .{}));
    try testing.expect(!try set.isMatch("cherry", .{}));
    // Leftmost-longest (the default): "apple", not "app".
    try testing.expectEqual(m(3, 8, 0), (try set.find(hay, .{})).?);
    try testing.expectEqual(m(15, 21, 2), (try set.find(hay, .{ .start = 4 })).?);
    try testing.expectEqual(@as(?Match, null), try set.find(hay, .{ .anchored = true }));
    try testing.expectEqual(m(3, 8, 0), (try set.find(hay, .{ .start = 3, .anchored = true })).?);
    try testing.expectError(error.OutOfBounds, set.find(hay, .{ .end = 100 }));
    try testing.expectError(error.Unsupported, set.isMatch(hay, .{ .anchor_pattern = 0 }));
    try testing.expectError(error.UnknownFlag, set.isMatch(hay, .{ .raw_flags = 1 << 29 }));

    var first = try PhraseSet.init(gpa, &.{ "app", "apple" }, .{ .match_kind = .leftmost_first });
    defer first.deinit();
    try testing.expectEqual(m(3, 6, 0), (try first.find(hay, .{})).?);
    var standard = try PhraseSet.init(gpa, &.{ "apple", "pl" }, .{ .match_kind = .standard });
    defer standard.deinit();
    // Standard: the match that ends first.
    try testing.expectEqual(m(5, 7, 1), (try standard.find(hay, .{})).?);
}

test "phrase set options" {
    const gpa = testing.allocator;
    {
        var set = try PhraseSet.init(gpa, &.{"hello"}, .{ .ascii_case_insensitive = true });
        defer set.deinit();
        try testing.expect(try set.isMatch("say HeLLo", .{}));
    }
    {
        var set = try PhraseSet.init(gpa, &.{"\xc3\xa9t\xc3\xa9"}, .{ .unicode_case_insensitive = true });
        defer set.deinit();
        try testing.expectEqual(m(1, 6, 0), (try set.find("x\xc3\x89T\xc3\x89", .{})).?);
    }
    inline for (.{ PhraseSet.Automaton.nfa, .contiguous_nfa, .dfa }) |kind| {
        var set = try PhraseSet.init(gpa, &.{ "ab", "cd" }, .{ .automaton = kind });
        defer set.deinit();
        try testing.expectEqual(kind, (try set.info()).automaton);
        try testing.expectEqual(m(2, 4, 1), (try set.find("xxcd", .{})).?);
    }
    {
        // Auto with a DFA limit of 0 settles for a contiguous NFA.
        var set = try PhraseSet.init(gpa, &.{ "ab", "cd" }, .{ .dfa_size_limit = 0 });
        defer set.deinit();
        try testing.expectEqual(PhraseSet.Automaton.contiguous_nfa, (try set.info()).automaton);
    }
    {
        var set = try PhraseSet.init(gpa, &.{"ab"}, .{ .starts = .unanchored });
        defer set.deinit();
        try testing.expect(try set.isMatch("xab", .{}));
        try testing.expectError(error.Unsupported, set.isMatch("ab", .{ .anchored = true }));
    }
    {
        var set = try PhraseSet.init(gpa, &.{"ab"}, .{ .starts = .anchored });
        defer set.deinit();
        try testing.expect(try set.isMatch("ab", .{ .anchored = true }));
        try testing.expectError(error.Unsupported, set.isMatch("xab", .{}));
    }
    {
        // Empty set.
        var set = try PhraseSet.init(gpa, &.{}, .{});
        defer set.deinit();
        try testing.expect(!try set.isMatch("anything", .{}));
        try testing.expectEqual(@as(usize, 0), (try set.info()).count);
    }
    // Errors with diagnostics.
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.InvalidUtf8, PhraseSet.init(gpa, &.{ "ok", "bad\xff" }, .{ .unicode_case_insensitive = true, .diagnostics = &diag }));
    try testing.expectEqual(@as(?usize, 1), diag.pattern);
    try testing.expect(diag.message.len > 0);
    try testing.expectError(error.Unsupported, PhraseSet.init(gpa, &.{"a"}, .{ .unicode_case_insensitive = true, .match_kind = .standard, .diagnostics = &diag }));
    try testing.expectEqual(@as(?ferrex.Error, error.Unsupported), diag.err);
    try testing.expectError(error.InvalidArgument, PhraseSet.init(gpa, &.{"a"}, .{ .automaton = @enumFromInt(9), .diagnostics = &diag }));
    try testing.expectEqualStrings(ferrex.statusMessage(c.FERREX_ERR_INVALID_ARGUMENT), diag.message);
    try testing.expectError(error.InvalidArgument, PhraseSet.init(gpa, &.{"a"}, .{ .match_kind = @enumFromInt(9) }));
    try testing.expectError(error.InvalidArgument, PhraseSet.init(gpa, &.{"a"}, .{ .starts = @enumFromInt(9) }));
}

test "phrase iterators: non-overlapping, overlapping, batch, reset" {
    const gpa = testing.allocator;
    var set = try PhraseSet.init(gpa, &.{ "abc", "bc", "c" }, .{ .match_kind = .standard });
    defer set.deinit();
    const hay = "abcabc";
    {
        var it = try set.iterator(hay, .{});
        defer it.deinit();
        try testing.expectEqual(m(0, 3, 0), it.next().?);
        try testing.expectEqual(m(3, 6, 0), it.next().?);
        try testing.expectEqual(@as(?Match, null), it.next());
        try testing.expectEqual(@as(?ferrex.Error, null), it.err);
    }
    {
        var it = try set.overlappingIterator(hay, .{});
        defer it.deinit();
        var buf: [4]Match = undefined;
        try testing.expectEqualSlices(Match, &.{ m(0, 3, 0), m(1, 3, 1), m(2, 3, 2), m(3, 6, 0) }, it.nextBatch(&buf));
        try testing.expectEqualSlices(Match, &.{ m(4, 6, 1), m(5, 6, 2) }, it.nextBatch(&buf));
        try testing.expectEqual(@as(usize, 0), it.nextBatch(&buf).len);
        try it.reset("xbc", .{});
        try testing.expectEqual(m(1, 3, 1), it.next().?);
        try testing.expectEqual(m(2, 3, 2), it.next().?);
        try testing.expectEqual(@as(?Match, null), it.next());
        try testing.expectError(error.OutOfBounds, it.reset("xbc", .{ .start = 4 }));
    }
    {
        var it = try set.iterator(hay, .{ .start = 1, .end = 5 });
        defer it.deinit();
        try testing.expectEqual(m(1, 3, 1), it.next().?);
        // "abc" at 3 and "c" at 5 end past the bound.
        try testing.expectEqual(@as(?Match, null), it.next());
    }
    // Overlapping needs the standard match kind.
    var longest = try PhraseSet.init(gpa, &.{"a"}, .{});
    defer longest.deinit();
    try testing.expectError(error.Unsupported, longest.overlappingIterator("a", .{}));
    {
        // A phrase iteration has no groups: asking for them fails and does not move it.
        var it = try longest.iterator("a", .{});
        defer it.deinit();
        var spans: [2]ferrex.Match = undefined;
        try testing.expectError(error.Unsupported, it.nextSpans(&spans));
        try testing.expectEqual(m(0, 1, 0), it.next().?);
    }
    try testing.expectError(error.OutOfBounds, set.iterator(hay, .{ .end = 7 }));

    // The iterator keeps its set alive.
    var short = try PhraseSet.init(gpa, &.{"o"}, .{});
    var it = try short.iterator("foo", .{});
    defer it.deinit();
    short.deinit();
    try testing.expectEqual(m(1, 2, 0), it.next().?);
}

test "phrase replace" {
    const gpa = testing.allocator;
    var set = try PhraseSet.init(gpa, &.{ "cat", "dog" }, .{});
    defer set.deinit();
    {
        const out = try set.replace(gpa, "cat and dog and cat", &.{ "dog", "cat" }, .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("dog and cat and dog", out);
    }
    {
        const out = try set.replace(gpa, "cat and dog", &.{ "C", "D" }, .{ .start = 3 });
        defer gpa.free(out);
        try testing.expectEqualStrings("cat and D", out);
    }
    {
        const out = try set.replace(gpa, "cat", &.{ "", "" }, .{});
        defer gpa.free(out);
        try testing.expectEqualStrings("", out);
    }
    try testing.expectError(error.InvalidArgument, set.replace(gpa, "cat", &.{"only one"}, .{}));
    try testing.expectError(error.OutOfBounds, set.replace(gpa, "cat", &.{ "a", "b" }, .{ .end = 4 }));
}

// --- transformations ---------------------------------------------------------------

test "lowercase" {
    const gpa = testing.allocator;
    {
        const out = try ferrex.lowercase(gpa, "HeLLo \xc3\x89\xff", .ascii);
        defer gpa.free(out);
        try testing.expectEqualStrings("hello \xc3\x89\xff", out);
    }
    {
        // U+0130 becomes "i" + U+0307: the length changes.
        const out = try ferrex.lowercase(gpa, "\xc4\xb0X\xc3\x89\xff", .unicode);
        defer gpa.free(out);
        try testing.expectEqualStrings("i\xcc\x87x\xc3\xa9\xff", out);
    }
    {
        // U+212A KELVIN SIGN (3 bytes) becomes "k": the length shrinks.
        const out = try ferrex.lowercase(gpa, "\xe2\x84\xaaELVIN", .unicode);
        defer gpa.free(out);
        try testing.expectEqualStrings("kelvin", out);
    }
    {
        // Six U+0130, 1.5 times their length: grown past the first guess.
        const out = try ferrex.lowercase(gpa, "\xc4\xb0" ++ "\xc4\xb0" ++ "\xc4\xb0" ++ "\xc4\xb0" ++ "\xc4\xb0" ++ "\xc4\xb0", .unicode);
        defer gpa.free(out);
        try testing.expectEqualStrings("i\xcc\x87" ++ "i\xcc\x87" ++ "i\xcc\x87" ++ "i\xcc\x87" ++ "i\xcc\x87" ++ "i\xcc\x87", out);
    }
    {
        const out = try ferrex.lowercase(gpa, "", .unicode);
        defer gpa.free(out);
        try testing.expectEqual(@as(usize, 0), out.len);
    }
    try testing.expectError(error.InvalidArgument, ferrex.lowercase(gpa, "A", @enumFromInt(5)));
}

test "escape" {
    const gpa = testing.allocator;
    const text = "1+1=2? (yes) [a-z]*";
    const pattern = try ferrex.escape(gpa, text);
    defer gpa.free(pattern);
    try testing.expect(pattern.len > text.len);
    var re = try Regex.init(pattern, .{});
    defer re.deinit();
    try testing.expectEqual(m(2, 2 + text.len, 0), (try re.find(null, "> 1+1=2? (yes) [a-z]* <", .{})).?);
    try testing.expect(!try re.isMatch(null, "11=2", .{}));

    const empty = try ferrex.escape(gpa, "");
    defer gpa.free(empty);
    try testing.expectEqual(@as(usize, 0), empty.len);
    try testing.expectError(error.InvalidUtf8, ferrex.escape(gpa, "a\xff"));
}

test "transformations free their buffers when the allocator fails" {
    try testing.checkAllAllocationFailures(testing.allocator, transformOnce, .{});
}

fn transformOnce(gpa: std.mem.Allocator) !void {
    const lower = try ferrex.lowercase(gpa, "ABC", .unicode);
    defer gpa.free(lower);
    const escaped = try ferrex.escape(gpa, "a.b");
    defer gpa.free(escaped);
    var set = try PhraseSet.init(gpa, &.{"b"}, .{});
    defer set.deinit();
    const replaced = try set.replace(gpa, "abc", &.{"B"}, .{});
    defer gpa.free(replaced);
    try testing.expectEqualStrings("abc", lower);
    try testing.expectEqualStrings("aBc", replaced);
    try testing.expect(escaped.len == 4);
}

// --- threads -----------------------------------------------------------------------

fn countWithOwnCache(re: *const Regex, haystack: []const u8, count: *usize) void {
    var cache = ferrex.Cache.init(re) catch return;
    defer cache.deinit();
    var pos: usize = 0;
    while (re.find(&cache, haystack, .{ .start = pos }) catch return) |found| {
        count.* += 1;
        pos = found.end;
    }
}

test "one regex shared by threads, one cache each" {
    var re = try Regex.init("[0-9]+", .{});
    defer re.deinit();
    const hay = "1 22 333 4444 55555 666666";
    var counts: [4]usize = @splat(0);
    var threads: [4]std.Thread = undefined;
    for (&threads, &counts) |*t, *count| t.* = try std.Thread.spawn(.{}, countWithOwnCache, .{ &re, hay, count });
    for (threads) |t| t.join();
    for (counts) |count| try testing.expectEqual(@as(usize, 6), count);
}

// --- streams -----------------------------------------------------------------

/// Feeds `text` in chunks of `step` bytes, then finishes; every match.
fn streamAll(stream: *ferrex.Stream, text: []const u8, step: usize, out: []Match) ![]Match {
    stream.reset();
    var n: usize = 0;
    var buf: [3]Match = undefined;
    var at: usize = 0;
    while (at < text.len) : (at += step) {
        try stream.feed(text[at..@min(text.len, at + step)]);
        while (true) {
            const got = stream.nextBatch(&buf);
            if (got.len == 0) break;
            @memcpy(out[n .. n + got.len], got);
            n += got.len;
        }
    }
    try stream.end();
    while (stream.next()) |found| : (n += 1) out[n] = found;
    return out[0..n];
}

test "stream: every chunk size reports the one-shot matches" {
    var re = try Regex.init("\\bcat\\b|a+", .{});
    defer re.deinit();
    const text = "concat cat aaa catalog cat";
    var want: [32]Match = undefined;
    var n: usize = 0;
    var it = try re.iterator(text, .{});
    defer it.deinit();
    while (it.next()) |found| : (n += 1) want[n] = found;
    // The "a" of "concat", cat, aaa, the two "a" of "catalog", cat.
    try testing.expectEqual(@as(usize, 6), n);
    var stream = try ferrex.Stream.initRegex(&re, .{});
    defer stream.deinit();
    var step: usize = 1;
    while (step <= text.len) : (step += 1) {
        var got: [32]Match = undefined;
        try testing.expectEqualSlices(Match, want[0..n], try streamAll(&stream, text, step, &got));
    }
    const i = stream.info();
    try testing.expect(i.finished and i.retained == 0 and i.ready == 0);
    try testing.expectEqual(text.len, i.offset);
}

test "stream: settling, offsets, reset, finished" {
    var re = try Regex.init("a+", .{});
    defer re.deinit();
    var stream = try ferrex.Stream.initRegex(&re, .{});
    defer stream.deinit();
    re.deinit(); // the stream holds its own reference
    re = try Regex.init("b", .{});
    try stream.feed("xaa");
    try testing.expectEqual(@as(?Match, null), stream.next());
    try stream.feed("abb");
    try testing.expectEqual(@as(?Match, m(1, 4, 0)), stream.next());
    try stream.end();
    try testing.expectError(error.InvalidArgument, stream.feed("a"));
    stream.reset();
    try stream.feed("a");
    try stream.end();
    try testing.expectEqual(@as(?Match, m(0, 1, 0)), stream.next());
}

test "stream: phrases, overlapping, errors, retain limit" {
    const words = [_][]const u8{ "Sherlock", "Sherlock Holmes", "lock" };
    var set = try PhraseSet.init(testing.allocator, &words, .{ .match_kind = .standard });
    defer set.deinit();
    var stream = try ferrex.Stream.initPhrases(&set, .{ .overlapping = true });
    defer stream.deinit();
    var got: [8]Match = undefined;
    const all = try streamAll(&stream, "Sherlock Holmes", 5, &got);
    try testing.expectEqualSlices(Match, &.{ m(0, 8, 0), m(4, 8, 2), m(0, 15, 1) }, all);

    var longest = try PhraseSet.init(testing.allocator, &words, .{});
    defer longest.deinit();
    try testing.expectError(error.Unsupported, ferrex.Stream.initPhrases(&longest, .{ .overlapping = true }));
    var re = try Regex.init("\"[^\"]*\"", .{});
    defer re.deinit();
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    try testing.expectError(error.Unsupported, ferrex.Stream.initRegex(&re, .{ .overlapping = true, .diagnostics = &diag }));
    try testing.expectEqual(@as(?ferrex.Error, error.Unsupported), diag.err);

    // A limit below what the stream always keeps (4 bytes: unbounded, no
    // look-ahead) is refused; at it, the stream works.
    try testing.expectError(error.InvalidArgument, ferrex.Stream.initRegex(&re, .{ .retain_limit = 3 }));
    var tight = try ferrex.Stream.initRegex(&re, .{ .retain_limit = 4 });
    tight.deinit();

    var quoted = try ferrex.Stream.initRegex(&re, .{ .retain_limit = 64 });
    defer quoted.deinit();
    try quoted.feed("\"ok\" \"open");
    var result: ferrex.Error!void = {};
    var i: usize = 0;
    while (i < 10) : (i += 1) {
        result = quoted.feed("0123456789");
        if (std.meta.isError(result)) break;
    }
    try testing.expectError(error.RetainLimit, result);
    try testing.expectEqual(@as(?Match, m(0, 4, 0)), quoted.next());
    try testing.expect(quoted.info().retained <= 4);
    try quoted.feed(" \"x\"");
    try quoted.end();
    const last = quoted.next().?;
    try testing.expectEqual(@as(usize, 3), last.len());
}

test "stream: match ends and patterns keep nothing" {
    var re = try Regex.initMany(testing.allocator, &.{ "ab+", "b" }, .{});
    defer re.deinit();
    var ends = try ferrex.Stream.initRegex(&re, .{ .report = .ends });
    defer ends.deinit();
    var got: [8]Match = undefined;
    const all = try streamAll(&ends, "xabbxb", 2, &got);
    const u = Match.unset;
    try testing.expectEqualSlices(Match, &.{ m(u, 3, 0), m(u, 3, 1), m(u, 4, 0), m(u, 4, 1), m(u, 6, 1) }, all);
    try testing.expectEqual(@as(usize, 0), ends.info().retained);
    var which = try ferrex.Stream.initRegex(&re, .{ .report = .patterns });
    defer which.deinit();
    try testing.expectEqualSlices(Match, &.{ m(u, 3, 0), m(u, 3, 1) }, try streamAll(&which, "xabbxb", 1, &got));
    var empty = try Regex.init("a*", .{});
    defer empty.deinit();
    try testing.expectError(error.Unsupported, ferrex.Stream.initRegex(&empty, .{ .report = .ends }));
}
