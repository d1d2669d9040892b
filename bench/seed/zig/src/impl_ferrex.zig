//! zig-ferrex: the seed operations through the idiomatic wrapper
//! zig-example/src/ferrex.zig. Each type holds what its operation reuses
//! (compiled regex or phrase set, iterator, cache, buffers); `op` is one
//! timed operation and returns its result for the sink.
const std = @import("std");
const ferrex = @import("ferrex");
const sys = @import("sys.zig");
const Allocator = std.mem.Allocator;

/// Matches fetched per batched-iteration call.
const batch_len = 1024;

/// Compiles `pattern`, printing the library's message on failure.
fn compile(pattern: []const u8) !ferrex.Regex {
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    return ferrex.Regex.init(pattern, .{ .diagnostics = &diag }) catch |err| {
        sys.eprint("seed-zig: ferrex cannot compile the pattern: {s}\n", .{diag.message});
        return err;
    };
}

/// regex-count: all non-overlapping leftmost-first matches, counted by
/// `Regex.countMatches` (the matches iteration would report, without their
/// starts: one forward scan) with one cache kept warm across operations.
pub const RegexCount = struct {
    regex: ferrex.Regex,
    cache: ferrex.Cache,
    haystack: []const u8,

    pub fn init(gpa: Allocator, pattern: []const u8, haystack: []const u8) !RegexCount {
        _ = gpa;
        var regex = try compile(pattern);
        errdefer regex.deinit();
        return .{ .regex = regex, .cache = try ferrex.Cache.init(&regex), .haystack = haystack };
    }

    pub fn deinit(self: *RegexCount, gpa: Allocator) void {
        _ = gpa;
        self.cache.deinit();
        self.regex.deinit();
    }

    pub fn op(self: *RegexCount) !u64 {
        return try self.regex.countMatches(&self.cache, self.haystack, .{});
    }
};

/// phrase-count: non-overlapping leftmost-longest matches of the phrase
/// set, batched, through one iterator reset per operation.
pub const PhraseCount = struct {
    set: ferrex.PhraseSet,
    iter: ferrex.PhraseSet.Iterator,
    haystack: []const u8,
    buf: []ferrex.Match,

    pub fn init(gpa: Allocator, phrases: []const []const u8, haystack: []const u8) !PhraseCount {
        var diag: ferrex.Diagnostics = .{};
        defer diag.deinit();
        var set = ferrex.PhraseSet.init(gpa, phrases, .{ .match_kind = .leftmost_longest, .diagnostics = &diag }) catch |err| {
            sys.eprint("seed-zig: ferrex cannot build the phrase set: {s}\n", .{diag.message});
            return err;
        };
        errdefer set.deinit();
        var iter = try set.iterator(haystack, .{});
        errdefer iter.deinit();
        return .{ .set = set, .iter = iter, .haystack = haystack, .buf = try gpa.alloc(ferrex.Match, batch_len) };
    }

    pub fn deinit(self: *PhraseCount, gpa: Allocator) void {
        gpa.free(self.buf);
        self.iter.deinit();
        self.set.deinit();
    }

    pub fn op(self: *PhraseCount) !u64 {
        try self.iter.reset(self.haystack, .{});
        var count: u64 = 0;
        while (true) {
            const got = self.iter.nextBatch(self.buf);
            count += got.len;
            if (got.len < self.buf.len) break;
        }
        if (self.iter.err) |err| return err;
        return count;
    }
};

/// lowercase: full Unicode lowercase into a buffer reused by every
/// operation. The wrapper's `lowercase` allocates its result, so this calls
/// ferrex_lowercase() of the translated header (`ferrex.c`) directly, with
/// the buffer sized once by the header's size query (capacity 0).
pub const Lowercase = struct {
    text: []const u8,
    buf: []u8,
    len: usize = 0,

    const mode = ferrex.c.FERREX_LOWERCASE_UNICODE;

    pub fn init(gpa: Allocator, text: []const u8) !Lowercase {
        var need: usize = 0;
        const status = ferrex.c.ferrex_lowercase(text.ptr, text.len, mode, null, 0, &need);
        if (status != ferrex.c.FERREX_OK and status != ferrex.c.FERREX_ERR_BUFFER_TOO_SMALL) return ferrex.statusError(status);
        return .{ .text = text, .buf = try gpa.alloc(u8, need) };
    }

    pub fn deinit(self: *Lowercase, gpa: Allocator) void {
        gpa.free(self.buf);
    }

    pub fn op(self: *Lowercase) !u64 {
        const status = ferrex.c.ferrex_lowercase(self.text.ptr, self.text.len, mode, self.buf.ptr, self.buf.len, &self.len);
        if (status != ferrex.c.FERREX_OK) return ferrex.statusError(status);
        return self.len;
    }

    /// The last operation's output.
    pub fn output(self: *const Lowercase) []const u8 {
        return self.buf[0..self.len];
    }
};

/// is-match-empty: is-match of the regex on an empty haystack, with an
/// explicit cache (no pool borrow).
pub const IsMatchEmpty = struct {
    regex: ferrex.Regex,
    cache: ferrex.Cache,

    pub fn init(pattern: []const u8) !IsMatchEmpty {
        var regex = try compile(pattern);
        errdefer regex.deinit();
        return .{ .regex = regex, .cache = try ferrex.Cache.init(&regex) };
    }

    pub fn deinit(self: *IsMatchEmpty) void {
        self.cache.deinit();
        self.regex.deinit();
    }

    pub fn op(self: *IsMatchEmpty) !u64 {
        return @intFromBool(try self.regex.isMatch(&self.cache, "", .{}));
    }
};
