//! The libc calls fxgrep makes. Going through libc rather than std.fs,
//! std.Io, std.Thread or std.process keeps one source building on Zig 0.15,
//! 0.16 and 0.17, whose standard libraries differ exactly there. Linux only
//! (the `dirent` layout, `__errno_location`, the constants below).
const std = @import("std");

pub extern "c" fn open(path: [*:0]const u8, flags: c_int, ...) c_int;
pub extern "c" fn read(fd: c_int, buf: [*]u8, n: usize) isize;
pub extern "c" fn write(fd: c_int, buf: [*]const u8, n: usize) isize;
pub extern "c" fn close(fd: c_int) c_int;
pub extern "c" fn lseek(fd: c_int, offset: i64, whence: c_int) i64;
pub extern "c" fn mmap(addr: ?*anyopaque, len: usize, prot: c_int, flags: c_int, fd: c_int, offset: i64) ?*anyopaque;
pub extern "c" fn munmap(addr: *anyopaque, len: usize) c_int;
pub extern "c" fn isatty(fd: c_int) c_int;
pub extern "c" fn opendir(path: [*:0]const u8) ?*anyopaque;
pub extern "c" fn readdir(dir: *anyopaque) ?*Dirent;
pub extern "c" fn closedir(dir: *anyopaque) c_int;
pub extern "c" fn strerror(errnum: c_int) [*:0]const u8;
pub extern "c" fn __errno_location() *c_int;
pub extern "c" fn clock_gettime(clock: c_int, ts: *Timespec) c_int;
pub extern "c" fn sysconf(name: c_int) c_long;
pub extern "c" fn fnmatch(pattern: [*:0]const u8, string: [*:0]const u8, flags: c_int) c_int;

pub extern "c" fn pthread_create(thread: *c_ulong, attr: ?*const anyopaque, start: *const fn (?*anyopaque) callconv(.c) ?*anyopaque, arg: ?*anyopaque) c_int;
pub extern "c" fn pthread_join(thread: c_ulong, ret: ?*?*anyopaque) c_int;
pub extern "c" fn pthread_mutex_lock(m: *Mutex) c_int;
pub extern "c" fn pthread_mutex_unlock(m: *Mutex) c_int;
pub extern "c" fn pthread_cond_wait(cv: *Cond, m: *Mutex) c_int;
pub extern "c" fn pthread_cond_broadcast(cv: *Cond) c_int;

/// pthread_mutex_t and pthread_cond_t: opaque, larger than glibc's and
/// musl's on every 64-bit Linux, and all zeros is their static initializer.
pub const Mutex = extern struct { bytes: [64]u8 align(16) = std.mem.zeroes([64]u8) };
pub const Cond = extern struct { bytes: [64]u8 align(16) = std.mem.zeroes([64]u8) };

/// struct dirent of Linux (glibc and musl, 64-bit).
pub const Dirent = extern struct {
    ino: u64,
    off: i64,
    reclen: u16,
    type: u8,
    name: [256]u8,
};
pub const Timespec = extern struct { sec: i64, nsec: c_long };

pub const DT_UNKNOWN = 0;
pub const DT_DIR = 4;
pub const DT_REG = 8;
pub const DT_LNK = 10;
pub const ENOTDIR = 20;
pub const EINTR = 4;
pub const EISDIR = 21;
pub const CLOCK_MONOTONIC = 1;
pub const SEEK_END = 2;
pub const PROT_READ = 1;
pub const MAP_PRIVATE = 2;
pub const SC_NPROCESSORS_ONLN = 84;
pub const O_RDONLY = 0;
pub const O_CLOEXEC = 0o2000000;

pub fn errno() c_int {
    return __errno_location().*;
}

pub fn errorText() []const u8 {
    return std.mem.sliceTo(strerror(errno()), 0);
}

pub fn nowNs() u64 {
    var ts: Timespec = undefined;
    _ = clock_gettime(CLOCK_MONOTONIC, &ts);
    return @as(u64, @intCast(ts.sec)) * std.time.ns_per_s + @as(u64, @intCast(ts.nsec));
}

/// Writes all of `bytes` to `fd`, retrying on EINTR; gives up silently on
/// other errors (a closed pipe: nothing more can be said anywhere).
pub fn writeAll(fd: c_int, bytes: []const u8) void {
    var rest = bytes;
    while (rest.len > 0) {
        const n = write(fd, rest.ptr, rest.len);
        if (n < 0) {
            if (errno() == EINTR) continue;
            return;
        }
        rest = rest[@intCast(n)..];
    }
}

pub fn lock(m: *Mutex) void {
    _ = pthread_mutex_lock(m);
}

pub fn unlock(m: *Mutex) void {
    _ = pthread_mutex_unlock(m);
}

/// `s` copied and NUL-terminated (Allocator.dupeZ is gone in Zig 0.17).
pub fn dupeZ(gpa: std.mem.Allocator, s: []const u8) std.mem.Allocator.Error![:0]u8 {
    const buf = try gpa.alloc(u8, s.len + 1);
    @memcpy(buf[0..s.len], s);
    buf[s.len] = 0;
    return buf[0..s.len :0];
}
