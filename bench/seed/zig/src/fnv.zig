//! FNV-1a, 32-bit: the protocol's check of a lowercase row.
const std = @import("std");

pub fn fnv1a32(bytes: []const u8) u32 {
    var h: u32 = 0x811c9dc5;
    for (bytes) |b| {
        h ^= b;
        h *%= 0x01000193;
    }
    return h;
}

test "FNV-1a 32 reference values" {
    try std.testing.expectEqual(@as(u32, 0x811c9dc5), fnv1a32(""));
    try std.testing.expectEqual(@as(u32, 0xe40c292c), fnv1a32("a"));
    try std.testing.expectEqual(@as(u32, 0xbf9cf968), fnv1a32("foobar"));
}
