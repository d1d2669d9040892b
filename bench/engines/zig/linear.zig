//! zig/linear: the seed's hand-written loops, no library.
//!
//! count over phrases as the seed did it: every phrase is searched over the
//! whole text with std.mem.indexOf / indexOfPos (all of its occurrences,
//! the overlapping ones too); the longest phrase starting at each position
//! is recorded, and a left-to-right sweep then takes, at each position
//! where a phrase starts, the longest one and jumps past it. That is
//! leftmost-longest non-overlapping, at a cost of (phrases x text length):
//! rebar's leftmost-first count whenever no phrase is a proper prefix of
//! one listed before it (bench/driver/seedgen.py lists longest first).
//!
//! lowercase: std.ascii.lowerString, ASCII only (on non-ASCII text its
//! output differs from a Unicode lowercase, so seed.toml lists it for the
//! ASCII text only).
const std = @import("std");
const Allocator = std.mem.Allocator;

pub const PhraseCount = struct {
    phrases: []const []const u8,
    /// longest[i]: the length of the longest phrase starting at byte i, 0
    /// for none. Reused by every count, grown for a longer text.
    longest: []u32,

    pub fn init(phrases: []const []const u8) !PhraseCount {
        for (phrases) |p| {
            // An empty phrase would never advance the search below.
            if (p.len == 0) return error.EmptyPhrase;
            if (p.len > std.math.maxInt(u32)) return error.PhraseTooLong;
        }
        return .{ .phrases = phrases, .longest = &.{} };
    }

    pub fn deinit(self: *PhraseCount, gpa: Allocator) void {
        gpa.free(self.longest);
    }

    pub fn count(self: *PhraseCount, gpa: Allocator, text: []const u8) !u64 {
        if (self.longest.len < text.len) {
            gpa.free(self.longest);
            self.longest = &.{};
            self.longest = try gpa.alloc(u32, text.len);
        }
        const longest = self.longest[0..text.len];
        @memset(longest, 0);
        for (self.phrases) |phrase| {
            const len: u32 = @intCast(phrase.len);
            var at = std.mem.indexOf(u8, text, phrase);
            while (at) |i| {
                if (len > longest[i]) longest[i] = len;
                at = std.mem.indexOfPos(u8, text, i + 1, phrase);
            }
        }
        var n: u64 = 0;
        var i: usize = 0;
        while (i < text.len) {
            if (longest[i] != 0) {
                n += 1;
                i += longest[i];
            } else i += 1;
        }
        return n;
    }
};

/// std.ascii.lowerString into a buffer reused by every call.
pub const Lowercase = struct {
    buf: []u8 = &.{},

    pub fn deinit(self: *Lowercase, gpa: Allocator) void {
        gpa.free(self.buf);
    }

    pub fn run(self: *Lowercase, gpa: Allocator, text: []const u8) ![]const u8 {
        if (self.buf.len < text.len) {
            gpa.free(self.buf);
            self.buf = &.{};
            self.buf = try gpa.alloc(u8, text.len);
        }
        const out = std.ascii.lowerString(self.buf, text);
        // The bytes must really be written, though nothing reads them here.
        std.mem.doNotOptimizeAway(out.ptr);
        return out;
    }
};

test "phrase count is leftmost-longest non-overlapping" {
    const gpa = std.testing.allocator;
    // "abcd": "ab" and "abc" start at 0 (longest wins), "cd" overlaps it,
    // "d" follows; "aa" occurs overlapping in "aaa" (one match, then "a").
    var p = try PhraseCount.init(&.{ "ab", "abc", "cd", "d", "aa", "a" });
    defer p.deinit(gpa);
    // abc | d | aa | a  (the spaces match nothing)
    try std.testing.expectEqual(@as(u64, 4), try p.count(gpa, "abcd aaa"));
    // A longer text grows the table; a shorter one reuses it.
    try std.testing.expectEqual(@as(u64, 5), try p.count(gpa, "abcd aaa abc"));
    try std.testing.expectEqual(@as(u64, 1), try p.count(gpa, "ab"));
}
