//! zig/ferrex and zig/ferrex/phrases: the models through the idiomatic
//! wrapper zig-example/src/ferrex.zig, each type holding what its searches
//! reuse (compiled regex or phrase set, cache, iterator, buffers).
const std = @import("std");
const ferrex = @import("ferrex");
const Allocator = std.mem.Allocator;

/// Matches fetched per batched-iteration call.
const batch_len = 1024;
/// Matches whose group spans one nextSpansBatch call fetches (count-captures).
const spans_batch = 64;

/// rebar's regex runners raise the NFA size limit to 100 MiB so that its big
/// benchmark regexes compile.
const nfa_size_limit = 100 << 20;
/// No search memory limit, as the regex crate has none (the C adapter's
/// rule): thousands of patterns need GBs of capture slots per cache.
const search_memory_limit = std.math.maxInt(usize);

pub const Regex = struct {
    regex: ferrex.Regex,
    cache: ferrex.Cache,
    /// count-captures: made on first use, reset after a haystack's first match.
    iter: ?ferrex.Regex.Iterator = null,
    /// A haystack's first match (count-captures), made on first use.
    caps: ?ferrex.Captures = null,
    /// Room for every group of `spans_batch` matches of any pattern, `most`
    /// spans a match (count-captures).
    spans: []ferrex.Match,
    /// The most groups a pattern has.
    most: usize,
    batch: []ferrex.Match,

    /// Compiles the patterns as the C adapter does: byte mode (any haystack
    /// bytes), ASCII classes unless `unicode`. On failure `diag` says why.
    pub fn init(gpa: Allocator, patterns: []const []const u8, unicode: bool, case_insensitive: bool, diag: *ferrex.Diagnostics) !Regex {
        const options: ferrex.Regex.Options = .{
            .flags = .{ .no_utf8 = true, .no_unicode = !unicode, .case_insensitive = case_insensitive },
            .nfa_size_limit = nfa_size_limit,
            .search_memory_limit = search_memory_limit,
            .diagnostics = diag,
        };
        var regex = if (patterns.len == 1)
            try ferrex.Regex.init(patterns[0], options)
        else
            try ferrex.Regex.initMany(gpa, patterns, options);
        errdefer regex.deinit();
        var most: usize = 0;
        for (0..patterns.len) |p| most = @max(most, try regex.groupCount(p));
        const spans = try gpa.alloc(ferrex.Match, most * spans_batch);
        errdefer gpa.free(spans);
        return .{ .regex = regex, .cache = try ferrex.Cache.init(&regex), .spans = spans, .most = most, .batch = try gpa.alloc(ferrex.Match, batch_len) };
    }

    pub fn deinit(self: *Regex, gpa: Allocator) void {
        gpa.free(self.batch);
        gpa.free(self.spans);
        if (self.iter) |*it| it.deinit();
        if (self.caps) |*caps| caps.deinit();
        self.cache.deinit();
        self.regex.deinit();
    }

    /// The matches iteration would report, by match ends only (one forward
    /// scan), as rebar's count model allows.
    pub fn count(self: *Regex, hay: []const u8) !u64 {
        return try self.regex.countMatches(&self.cache, hay, .{});
    }

    pub fn isMatch(self: *Regex, hay: []const u8) !bool {
        return try self.regex.isMatch(&self.cache, hay, .{});
    }

    /// The reusable iterator over `hay` after a match that ended at byte
    /// `from` (look-around still sees the bytes before it; an empty match
    /// at `from` is skipped, as the iteration that found that match would).
    fn resumeAfter(self: *Regex, hay: []const u8, from: usize) !*ferrex.Regex.Iterator {
        const after: ferrex.Search = .{ .start = from, .after_match = true };
        if (self.iter) |*it| {
            try it.reset(hay, after);
            return it;
        }
        self.iter = try self.regex.iterator(hay, after);
        return &self.iter.?;
    }

    /// The sum of match lengths: a batch of matches per call, each full
    /// batch going on after its last match.
    pub fn countSpans(self: *Regex, hay: []const u8) !u64 {
        var sum: u64 = 0;
        var search: ferrex.Search = .{};
        while (true) {
            const got = try self.regex.findAll(&self.cache, hay, self.batch, search);
            for (got) |m| sum += m.len();
            if (got.len < self.batch.len) break;
            search = .{ .start = got[got.len - 1].end, .after_match = true };
        }
        return sum;
    }

    /// The groups that took part, summed over the matches, as the C
    /// adapter counts them (bench/engines/c/ferrex.c): a captures call
    /// settles a haystack without a match (most lines of grep-captures),
    /// and a second one, resumed after the first match, a haystack with
    /// one; after a second match the iterator goes on from its end, the
    /// spans of `spans_batch` matches a call (a short batch is the end).
    pub fn countCaptures(self: *Regex, hay: []const u8) !u64 {
        if (self.caps == null) self.caps = try ferrex.Captures.init(&self.regex);
        var total: u64 = 0;
        var end: usize = 0;
        var search: ferrex.Search = .{};
        for (0..2) |_| {
            end = (try self.capturesOnce(hay, search, &total)) orelse return total;
            // After a match at the end only an empty one could follow, and it is skipped.
            if (end == hay.len) return total;
            search = .{ .start = end, .after_match = true };
        }
        const it = try self.resumeAfter(hay, end);
        while (true) {
            // Unset spans past a match's own groups count for nothing.
            const spans = try it.nextSpansBatch(self.spans, self.most);
            total += participating(spans);
            if (spans.len < self.spans.len) return total;
        }
    }

    /// One captures call: the match's end with its groups added to
    /// `total`, or null without a match.
    inline fn capturesOnce(self: *Regex, hay: []const u8, search: ferrex.Search, total: *u64) !?usize {
        const caps = &self.caps.?;
        if (!try self.regex.captures(&self.cache, hay, caps, search)) return null;
        const spans = (try caps.spans(self.spans[0..self.most])) orelse return null;
        total.* += participating(spans);
        return spans[0].end;
    }

    fn participating(spans: []const ferrex.Match) u64 {
        var n: u64 = 0;
        for (spans) |s| n += @intFromBool(s.isSet());
        return n;
    }

    /// regex-redux's search: bounded to [from, len) so look-around still
    /// sees the bytes before `from`.
    pub fn findAt(self: *Regex, hay: []const u8, from: usize) !?ferrex.Match {
        return try self.regex.find(&self.cache, hay, .{ .start = from });
    }
};

/// The patterns as literal phrases, leftmost-first, counted a batch at a
/// time through one iterator reset per haystack.
pub const Phrases = struct {
    set: ferrex.PhraseSet,
    iter: ferrex.PhraseSet.Iterator,
    batch: []ferrex.Match,

    pub fn init(gpa: Allocator, phrases: []const []const u8, diag: *ferrex.Diagnostics) !Phrases {
        var set = try ferrex.PhraseSet.init(gpa, phrases, .{ .match_kind = .leftmost_first, .diagnostics = diag });
        errdefer set.deinit();
        var iter = try set.iterator("", .{});
        errdefer iter.deinit();
        return .{ .set = set, .iter = iter, .batch = try gpa.alloc(ferrex.Match, batch_len) };
    }

    pub fn deinit(self: *Phrases, gpa: Allocator) void {
        gpa.free(self.batch);
        self.iter.deinit();
        self.set.deinit();
    }

    pub fn count(self: *Phrases, hay: []const u8) !u64 {
        try self.iter.reset(hay, .{});
        var n: u64 = 0;
        while (true) {
            const got = self.iter.nextBatch(self.batch);
            n += got.len;
            if (got.len < self.batch.len) break;
        }
        if (self.iter.err) |err| return err;
        return n;
    }
};

/// Full Unicode lowercase into a buffer reused by every call. The wrapper's
/// `lowercase` allocates its result, so this calls ferrex_lowercase() of the
/// translated header (`ferrex.c`) directly, growing the buffer when the
/// library asks.
pub const Lowercase = struct {
    buf: []u8 = &.{},

    const mode = ferrex.c.FERREX_LOWERCASE_UNICODE;

    pub fn deinit(self: *Lowercase, gpa: Allocator) void {
        gpa.free(self.buf);
    }

    pub fn run(self: *Lowercase, gpa: Allocator, text: []const u8) ![]const u8 {
        while (true) {
            var len: usize = 0;
            const status = ferrex.c.ferrex_lowercase(text.ptr, text.len, mode, self.buf.ptr, self.buf.len, &len);
            if (status == ferrex.c.FERREX_OK) return self.buf[0..len];
            if (status != ferrex.c.FERREX_ERR_BUFFER_TOO_SMALL) return ferrex.statusError(status);
            gpa.free(self.buf);
            self.buf = &.{};
            self.buf = try gpa.alloc(u8, len);
        }
    }
};
