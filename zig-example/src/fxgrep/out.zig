//! The output of one file: a growable buffer, held until the file's turn
//! comes (files are printed in the order they were found, whichever thread
//! searched them), then written straight to stdout.
const std = @import("std");
const libc = @import("libc.zig");

const Allocator = std.mem.Allocator;

/// grep's default colors (GREP_COLORS ms, fn, ln, se).
pub const Color = struct {
    pub const match = "\x1b[01;31m\x1b[K";
    pub const file = "\x1b[35m\x1b[K";
    pub const line = "\x1b[32m\x1b[K";
    pub const sep = "\x1b[36m\x1b[K";
    pub const end = "\x1b[m\x1b[K";
};

pub const Out = struct {
    gpa: Allocator,
    buf: std.ArrayList(u8) = .empty,
    /// Where full buffers go; null: held (this file's turn has not come).
    fd: ?c_int = null,
    /// The file's first line group starts with a "--" separator if anything
    /// was printed before it, which only the printer knows.
    sep_if_used: bool = false,
    /// Text for stderr, printed after the file's output (errors, "binary
    /// file matches").
    msg: std.ArrayList(u8) = .empty,

    /// Called with a held buffer past spill_at: the printer may let the
    /// file stream (its turn has come) rather than grow the buffer.
    spill: ?Spill = null,

    pub const Spill = struct { ctx: *anyopaque, f: *const fn (ctx: *anyopaque, out: *Out) void };

    const flush_at = 64 * 1024;
    const spill_at = 1024 * 1024;

    pub fn maybeSpill(self: *Out) void {
        if (self.fd == null and self.buf.items.len >= spill_at) {
            if (self.spill) |s| s.f(s.ctx, self);
        }
    }

    pub fn writeAll(self: *Out, bytes: []const u8) void {
        // One allocation for most files' output, not a doubling series.
        if (self.buf.capacity == 0) self.buf.ensureTotalCapacity(self.gpa, 16 * 1024) catch @panic("fxgrep: out of memory");
        self.buf.appendSlice(self.gpa, bytes) catch @panic("fxgrep: out of memory");
        if (self.fd != null and self.buf.items.len >= flush_at) self.flush();
    }

    pub fn writeByte(self: *Out, b: u8) void {
        self.buf.append(self.gpa, b) catch @panic("fxgrep: out of memory");
    }

    pub fn print(self: *Out, comptime fmt: []const u8, args: anytype) void {
        var tmp: [64]u8 = undefined;
        self.writeAll(std.fmt.bufPrint(&tmp, fmt, args) catch unreachable);
    }

    /// Appends to the stderr text.
    pub fn message(self: *Out, comptime fmt: []const u8, args: anytype) void {
        var tmp: [4096]u8 = undefined;
        const s = std.fmt.bufPrint(&tmp, fmt, args) catch tmp[0..];
        self.msg.appendSlice(self.gpa, s) catch @panic("fxgrep: out of memory");
    }

    pub fn flush(self: *Out) void {
        if (self.fd) |fd| libc.writeAll(fd, self.buf.items);
        self.buf.clearRetainingCapacity();
    }

    pub fn deinit(self: *Out) void {
        self.buf.deinit(self.gpa);
        self.msg.deinit(self.gpa);
    }
};
