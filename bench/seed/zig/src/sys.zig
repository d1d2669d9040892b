//! The little of the system the runner needs, through libc: a monotonic
//! clock, whole-file reads and unbuffered writes. libc instead of std.fs /
//! std.Io because those moved between Zig releases (as in fxgrep).
const std = @import("std");
const builtin = @import("builtin");
const Allocator = std.mem.Allocator;

const libc = struct {
    extern "c" fn open(path: [*:0]const u8, flags: c_int, ...) c_int;
    extern "c" fn read(fd: c_int, buf: [*]u8, n: usize) isize;
    extern "c" fn write(fd: c_int, buf: [*]const u8, n: usize) isize;
    extern "c" fn close(fd: c_int) c_int;
    extern "c" fn strerror(errnum: c_int) [*:0]const u8;
    extern "c" fn __errno_location() *c_int;
    extern "c" fn clock_gettime(clock: c_int, ts: *Timespec) c_int;

    const Timespec = extern struct { sec: i64, nsec: c_long };
    const O_RDONLY = 0;
    const O_CLOEXEC = 0o2000000;
    const EINTR = 4;
    const CLOCK_MONOTONIC = 1;
};

/// Nanoseconds on the monotonic clock (CLOCK_MONOTONIC: never steps back).
pub fn nowNs() u64 {
    var ts: libc.Timespec = undefined;
    _ = libc.clock_gettime(libc.CLOCK_MONOTONIC, &ts);
    return @as(u64, @intCast(ts.sec)) * std.time.ns_per_s + @as(u64, @intCast(ts.nsec));
}

/// The text of the last libc error (errno).
pub fn lastErrorText() []const u8 {
    return std.mem.sliceTo(libc.strerror(libc.__errno_location().*), 0);
}

/// Reads the whole file at `path` into memory owned by the caller. On
/// failure prints `seed-zig: cannot read PATH: REASON` and returns
/// error.ReadFailed.
pub fn readFile(gpa: Allocator, path: []const u8) ![]u8 {
    const z = try gpa.dupeSentinel(u8, path, 0);
    defer gpa.free(z);
    const fd = libc.open(z, libc.O_RDONLY | libc.O_CLOEXEC);
    if (fd < 0) return fail(path);
    defer _ = libc.close(fd);
    var data: std.ArrayList(u8) = .empty;
    errdefer data.deinit(gpa);
    while (true) {
        try data.ensureUnusedCapacity(gpa, 64 * 1024);
        const spare = data.unusedCapacitySlice();
        const n = libc.read(fd, spare.ptr, spare.len);
        if (n < 0) {
            if (libc.__errno_location().* == libc.EINTR) continue;
            return fail(path);
        }
        if (n == 0) break;
        data.items.len += @intCast(n);
    }
    return data.toOwnedSlice(gpa);
}

fn fail(path: []const u8) error{ReadFailed} {
    eprint("seed-zig: cannot read {s}: {s}\n", .{ path, lastErrorText() });
    return error.ReadFailed;
}

/// Writes all of `bytes` to file descriptor `fd` (1: stdout, 2: stderr).
/// A failed write (a closed pipe) is dropped: there is nobody to tell.
pub fn writeAll(fd: c_int, bytes: []const u8) void {
    var rest = bytes;
    while (rest.len > 0) {
        const n = libc.write(fd, rest.ptr, rest.len);
        if (n < 0) {
            if (libc.__errno_location().* == libc.EINTR) continue;
            return;
        }
        rest = rest[@intCast(n)..];
    }
}

/// Formats into a line buffer and writes it to `fd` in one write, so that
/// a CSV line is never interleaved with anything else.
pub fn print(fd: c_int, comptime fmt: []const u8, args: anytype) void {
    var buf: [1024]u8 = undefined;
    const s = std.fmt.bufPrint(&buf, fmt, args) catch blk: {
        // Longer than a line should ever be: cut it, and say so.
        const note = "...\n";
        @memcpy(buf[buf.len - note.len ..], note);
        break :blk buf[0..];
    };
    writeAll(fd, s);
}

/// Progress, notes and errors: stderr, never stdout.
pub fn eprint(comptime fmt: []const u8, args: anytype) void {
    if (builtin.is_test) return; // the unit tests provoke errors on purpose
    print(2, fmt, args);
}
