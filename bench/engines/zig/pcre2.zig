//! zig/pcre2 and zig/pcre2/jit: the seed's regex path on PCRE2 (8-bit code
//! units, no UTF mode), interpreter (pcre2_match) or JIT (pcre2_jit_compile
//! with PCRE2_JIT_COMPLETE, then pcre2_jit_match). Match data is created
//! once and reused by every search.
//!
//! The generic names (pcre2_compile, ...) are token-pasting macros that
//! translate-c leaves out, hence the explicit _8 functions.
const std = @import("std");
const c = @import("pcre2_c");

pub const Engine = enum { interpreter, jit };

/// A compiled pattern and its match data, for one engine.
pub fn Compiled(comptime engine: Engine) type {
    return struct {
        const Self = @This();

        code: *c.pcre2_code_8,
        match_data: *c.pcre2_match_data_8,
        ovector: [*]usize,

        /// Compiles `pattern` (caseless when asked); on failure `why`
        /// holds PCRE2's message.
        pub fn init(pattern: []const u8, caseless: bool, why: *ErrorText) !Self {
            var code_err: c_int = 0;
            var offset: usize = 0;
            const options: u32 = if (caseless) c.PCRE2_CASELESS else 0;
            const code = c.pcre2_compile_8(pattern.ptr, pattern.len, options, &code_err, &offset, null) orelse {
                why.* = errorText(code_err);
                return error.Pcre2Compile;
            };
            errdefer c.pcre2_code_free_8(code);
            if (engine == .jit) {
                const rc = c.pcre2_jit_compile_8(code, c.PCRE2_JIT_COMPLETE);
                if (rc != 0) {
                    why.* = errorText(rc);
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
    _ = rc; // PCRE2 reports match errors (limits) for patterns the seed does not use
    return error.Pcre2Match;
}

pub const ErrorText = struct {
    buf: [256]u8 = undefined,
    len: usize = 0,
    pub fn slice(self: *const ErrorText) []const u8 {
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

/// The number of non-overlapping matches: each search starts where the
/// previous match ended (one byte further after an empty match, so that the
/// loop always advances; rebar's count skips an empty match right after a
/// match, which the seed's regex cannot produce).
pub fn count(comptime engine: Engine, compiled: *Compiled(engine), hay: []const u8) !u64 {
    const ov = compiled.ovector;
    var n: u64 = 0;
    var start: usize = 0;
    while (start <= hay.len) {
        if (!try compiled.search(hay, start)) break;
        n += 1;
        start = if (ov[1] > ov[0]) ov[1] else ov[1] + 1;
    }
    return n;
}

/// One search of the subject; an empty one is a real pointer with length
/// 0 (PCRE2 10.42 rejects a NULL subject).
pub fn isMatch(comptime engine: Engine, compiled: *Compiled(engine), hay: []const u8) !bool {
    const empty: [1]u8 = .{0};
    return compiled.search(if (hay.len == 0) empty[0..0] else hay, 0);
}
