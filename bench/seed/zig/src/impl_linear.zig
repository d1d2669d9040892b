//! zig-linear: the seed's hand-written loops, no library.
//!
//! phrase-count as the seed did it: every phrase is searched over the whole
//! text with std.mem.indexOf / indexOfPos (all of its occurrences, the
//! overlapping ones too); the longest phrase starting at each position is
//! recorded, and a left-to-right sweep then takes, at each position where
//! a phrase starts, the longest one and jumps past it. That is exactly
//! leftmost-longest non-overlapping, at a cost of (phrases x text length).
//!
//! lowercase: std.ascii.lowerString, ASCII only (on non-ASCII text its
//! output differs from a Unicode lowercase; the driver marks that row).
const std = @import("std");
const Allocator = std.mem.Allocator;

pub const PhraseCount = struct {
    phrases: []const []const u8,
    text: []const u8,
    /// longest[i]: the length of the longest phrase starting at byte i, 0
    /// for none. Reused by every operation.
    longest: []u32,

    pub fn init(gpa: Allocator, phrases: []const []const u8, text: []const u8) !PhraseCount {
        for (phrases) |p| {
            // An empty phrase would never advance the search below.
            if (p.len == 0) return error.EmptyPhrase;
            if (p.len > std.math.maxInt(u32)) return error.PhraseTooLong;
        }
        return .{ .phrases = phrases, .text = text, .longest = try gpa.alloc(u32, text.len) };
    }

    pub fn deinit(self: *PhraseCount, gpa: Allocator) void {
        gpa.free(self.longest);
    }

    pub fn op(self: *PhraseCount) !u64 {
        const text = self.text;
        const longest = self.longest;
        @memset(longest, 0);
        for (self.phrases) |phrase| {
            const len: u32 = @intCast(phrase.len);
            var at = std.mem.indexOf(u8, text, phrase);
            while (at) |i| {
                if (len > longest[i]) longest[i] = len;
                at = std.mem.indexOfPos(u8, text, i + 1, phrase);
            }
        }
        var count: u64 = 0;
        var i: usize = 0;
        while (i < text.len) {
            if (longest[i] != 0) {
                count += 1;
                i += longest[i];
            } else i += 1;
        }
        return count;
    }
};

pub const Lowercase = struct {
    text: []const u8,
    buf: []u8,

    pub fn init(gpa: Allocator, text: []const u8) !Lowercase {
        return .{ .text = text, .buf = try gpa.alloc(u8, text.len) };
    }

    pub fn deinit(self: *Lowercase, gpa: Allocator) void {
        gpa.free(self.buf);
    }

    pub fn op(self: *Lowercase) !u64 {
        const out = std.ascii.lowerString(self.buf, self.text);
        // The bytes must really be written, though nothing reads them here.
        std.mem.doNotOptimizeAway(out.ptr);
        return out.len;
    }

    /// The last operation's output.
    pub fn output(self: *const Lowercase) []const u8 {
        return self.buf;
    }
};

test "phrase count is leftmost-longest non-overlapping" {
    const gpa = std.testing.allocator;
    // "abcd": "ab" and "abc" start at 0 (longest wins), "cd" overlaps it,
    // "d" follows; "aa" occurs overlapping in "aaa" (one match, then "a").
    var p = try PhraseCount.init(gpa, &.{ "ab", "abc", "cd", "d", "aa", "a" }, "abcd aaa");
    defer p.deinit(gpa);
    // abc | d | aa | a  (the spaces match nothing)
    try std.testing.expectEqual(@as(u64, 4), try p.op());
}
