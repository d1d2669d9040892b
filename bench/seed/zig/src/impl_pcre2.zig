//! zig-pcre2 and zig-pcre2-jit: the seed's regex path on PCRE2 (8-bit code
//! units), interpreter (pcre2_match) or JIT (pcre2_jit_compile with
//! PCRE2_JIT_COMPLETE, then pcre2_jit_match). Match data is created once
//! and reused by every search.
//!
//! The generic names (pcre2_compile, ...) are token-pasting macros that
//! translate-c leaves out, hence the explicit _8 functions.
const std = @import("std");
const c = @import("pcre2_c");
const sys = @import("sys.zig");

pub const Engine = enum { interpreter, jit };

/// A compiled pattern and its match data, for one engine.
pub fn Compiled(comptime engine: Engine) type {
    return struct {
        const Self = @This();

        code: *c.pcre2_code_8,
        match_data: *c.pcre2_match_data_8,
        ovector: [*]usize,

        pub fn init(pattern: []const u8) !Self {
            var code_err: c_int = 0;
            var offset: usize = 0;
            const code = c.pcre2_compile_8(pattern.ptr, pattern.len, 0, &code_err, &offset, null) orelse {
                sys.eprint("seed-zig: PCRE2 cannot compile the pattern at offset {d}: {s}\n", .{ offset, errorText(code_err).slice() });
                return error.Pcre2Compile;
            };
            errdefer c.pcre2_code_free_8(code);
            if (engine == .jit) {
                const rc = c.pcre2_jit_compile_8(code, c.PCRE2_JIT_COMPLETE);
                if (rc != 0) {
                    sys.eprint("seed-zig: PCRE2 JIT compilation failed: {s}\n", .{errorText(rc).slice()});
                    return error.Pcre2Jit;
                }
            }
            const match_data = c.pcre2_match_data_create_from_pattern_8(code, null) orelse return error.OutOfMemory;
            return .{ .code = code, .match_data = match_data, .ovector = c.pcre2_get_ovector_pointer_8(match_data) };
        }

        pub fn deinit(self: *Self) void {
            c.pcre2_match_data_free_8(self.match_data);
            c.pcre2_code_free_8(self.code);
        }

        /// One search from `start`: true with the match in ovector[0..2],
        /// false for no match.
        inline fn search(self: *Self, subject: []const u8, start: usize) !bool {
            const rc = switch (engine) {
                .interpreter => c.pcre2_match_8(self.code, subject.ptr, subject.len, start, 0, self.match_data, null),
                .jit => c.pcre2_jit_match_8(self.code, subject.ptr, subject.len, start, 0, self.match_data, null),
            };
            if (rc >= 0) return true;
            if (rc == c.PCRE2_ERROR_NOMATCH) return false;
            return matchError(rc);
        }
    };
}

fn matchError(rc: c_int) error{Pcre2Match} {
    sys.eprint("seed-zig: PCRE2 match failed: {s}\n", .{errorText(rc).slice()});
    return error.Pcre2Match;
}

const ErrorText = struct {
    buf: [256]u8 = undefined,
    len: usize = 0,
    fn slice(self: *const ErrorText) []const u8 {
        return self.buf[0..self.len];
    }
};

/// PCRE2's message for an error code.
fn errorText(code: c_int) ErrorText {
    var t: ErrorText = .{};
    const n = c.pcre2_get_error_message_8(code, &t.buf, t.buf.len);
    t.len = if (n >= 0) @intCast(n) else 0;
    return t;
}

/// regex-count: each search starts where the previous match ended (one
/// byte further after an empty match, which this regex cannot produce, so
/// that the loop always advances).
pub fn RegexCount(comptime engine: Engine) type {
    return struct {
        const Self = @This();
        compiled: Compiled(engine),
        haystack: []const u8,

        pub fn init(pattern: []const u8, haystack: []const u8) !Self {
            return .{ .compiled = try Compiled(engine).init(pattern), .haystack = haystack };
        }

        pub fn deinit(self: *Self) void {
            self.compiled.deinit();
        }

        pub fn op(self: *Self) !u64 {
            const hay = self.haystack;
            const ov = self.compiled.ovector;
            var count: u64 = 0;
            var start: usize = 0;
            while (start <= hay.len) {
                if (!try self.compiled.search(hay, start)) break;
                count += 1;
                start = if (ov[1] > ov[0]) ov[1] else ov[1] + 1;
            }
            return count;
        }
    };
}

/// is-match-empty: one search of an empty subject (a real pointer with
/// length 0: PCRE2 10.42 rejects a NULL subject).
pub fn IsMatchEmpty(comptime engine: Engine) type {
    return struct {
        const Self = @This();
        compiled: Compiled(engine),

        const empty: [1]u8 = .{0};

        pub fn init(pattern: []const u8) !Self {
            return .{ .compiled = try Compiled(engine).init(pattern) };
        }

        pub fn deinit(self: *Self) void {
            self.compiled.deinit();
        }

        pub fn op(self: *Self) !u64 {
            return @intFromBool(try self.compiled.search(empty[0..0], 0));
        }
    };
}
