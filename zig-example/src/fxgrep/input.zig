//! Reading one file into windows of whole lines for the Searcher: a
//! reusable read buffer for small files and pipes (a partial last line, and
//! the -B lines before it, carried into the next read), a memory map for
//! files larger than the buffer (no copy; searched in buffer-sized slices,
//! so binary detection stays per slice as grep's is per buffer).
const std = @import("std");
const ferrex = @import("ferrex");
const libc = @import("libc.zig");
const lines = @import("search.zig");
const Searcher = lines.Searcher;

const Allocator = std.mem.Allocator;

pub const Reader = struct {
    gpa: Allocator,
    buf: []u8,
    /// Files larger than the buffer are mapped (off: --no-mmap, for tests).
    use_mmap: bool,

    pub fn init(gpa: Allocator, size: usize, use_mmap: bool) Allocator.Error!Reader {
        return .{ .gpa = gpa, .buf = try gpa.alloc(u8, size), .use_mmap = use_mmap };
    }

    pub fn deinit(self: *Reader) void {
        self.gpa.free(self.buf);
    }

    pub const Error = ferrex.Error || Allocator.Error || error{Read};

    /// Searches all of `fd` with `sr`. `seekable`: a regular file that may
    /// be mapped.
    pub fn search(self: *Reader, fd: c_int, seekable: bool, sr: *Searcher) Error!void {
        var filled: usize = 0;
        var eof = false;
        try self.fill(fd, &filled, &eof, sr);
        if (!eof and seekable and self.use_mmap) {
            // Its size, where it has one (a pipe or a device has none;
            // /proc files say 0): map it, else read on from where we are.
            const size = libc.lseek(fd, 0, libc.SEEK_END);
            if (size > filled) {
                const len: usize = @intCast(size);
                if (libc.mmap(null, len, libc.PROT_READ, libc.MAP_PRIVATE, fd, 0)) |addr| {
                    if (@intFromPtr(addr) != std.math.maxInt(usize)) { // MAP_FAILED
                        defer _ = libc.munmap(addr, len);
                        const data = @as([*]const u8, @ptrCast(addr))[0..len];
                        sr.result.bytes = len;
                        return self.searchMapped(data, sr);
                    }
                }
            }
            if (size >= 0 and libc.lseek(fd, @intCast(filled), 0) < 0) return error.Read;
        }
        var base: u64 = 0;
        var lo: usize = 0;
        const eol = sr.eol;
        while (true) {
            const hi = if (eof) filled else if (lines.lastIndexOfByte(self.buf[lo..filled], eol)) |k| lo + k + 1 else {
                // One line longer than the buffer: grow it.
                self.buf = try self.gpa.realloc(self.buf, self.buf.len * 2);
                try self.fill(fd, &filled, &eof, sr);
                continue;
            };
            try sr.window(self.buf[0..filled], base, lo, hi);
            sr.out.maybeSpill();
            if (eof or sr.done()) break;
            const keep = sr.keepFrom(self.buf[0..filled], hi);
            std.mem.copyForwards(u8, self.buf[0 .. filled - keep], self.buf[keep..filled]);
            filled -= keep;
            base += keep;
            lo = hi - keep;
            try self.fill(fd, &filled, &eof, sr);
        }
    }

    /// Reads until the buffer is full or the file ends.
    fn fill(self: *Reader, fd: c_int, filled: *usize, eof: *bool, sr: *Searcher) error{Read}!void {
        while (filled.* < self.buf.len and !eof.*) {
            const n = libc.read(fd, self.buf[filled.*..].ptr, self.buf.len - filled.*);
            if (n < 0) {
                if (libc.errno() == libc.EINTR) continue;
                return error.Read;
            }
            if (n == 0) eof.* = true else {
                filled.* += @intCast(n);
                sr.result.bytes += @intCast(n);
            }
        }
    }

    fn searchMapped(self: *Reader, data: []const u8, sr: *Searcher) Error!void {
        const eol = sr.eol;
        var lo: usize = 0;
        while (lo < data.len and !sr.done()) {
            var hi = @min(data.len, lo + self.buf.len);
            if (hi < data.len) {
                hi = if (lines.lastIndexOfByte(data[lo..hi], eol)) |k| lo + k + 1 else if (std.mem.indexOfScalarPos(u8, data, hi, eol)) |k| k + 1 else data.len;
            }
            try sr.window(data, 0, lo, hi);
            sr.out.maybeSpill();
            lo = hi;
        }
    }
};
