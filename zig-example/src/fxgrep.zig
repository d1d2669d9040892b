//! fxgrep: a small grep built on ferrex.
//!
//!   fxgrep [OPTIONS] PATTERN [PATH...]
//!   fxgrep [OPTIONS] -e PATTERN [-e PATTERN...] [PATH...]
//!   fxgrep [OPTIONS] -f FILE [PATH...]
//!
//! Searches files, and directories recursively (as `grep -r`; -r is accepted
//! and implied), or stdin when no PATH is given. Prints `path:line:text`.
//! Differences from grep, on purpose:
//! - line numbers are ON by default (-n is accepted; -N turns them off);
//! - directories are always searched recursively; symbolic links met while
//!   recursing are skipped (as `grep -r`), non-regular files too;
//! - binary files (a NUL byte in the first 8 KiB, or in the first chunk when
//!   --chunk-size is smaller) are skipped silently;
//! - -w wraps each pattern as `\b(?:...)\b` (with -F, phrases are escaped
//!   and take the regex path).
//! Exit status: 0 a line was selected, 1 none, 2 an error (bad pattern,
//! usage, unreadable path).
//!
//! Files are read in chunks (256 KiB, hidden option --chunk-size=N): only the
//! complete lines of a chunk are searched and the partial last line is
//! carried over to the next read. A single line longer than the buffer
//! doubles the buffer (the only growth).
//!
//! Version independence: all I/O goes through libc (declared below), and
//! `main` has the C signature, so nothing here depends on std.fs / std.Io /
//! std.process, which differ between Zig 0.15, 0.16 and 0.17. Linux only
//! (the `dirent` layout and `__errno_location` are Linux's).
const std = @import("std");
const builtin = @import("builtin");
const ferrex = @import("ferrex");

const Allocator = std.mem.Allocator;

// ---------------------------------------------------------------------------
// libc
// ---------------------------------------------------------------------------

const libc = struct {
    extern "c" fn open(path: [*:0]const u8, flags: c_int, ...) c_int;
    extern "c" fn read(fd: c_int, buf: [*]u8, n: usize) isize;
    extern "c" fn write(fd: c_int, buf: [*]const u8, n: usize) isize;
    extern "c" fn close(fd: c_int) c_int;
    extern "c" fn isatty(fd: c_int) c_int;
    extern "c" fn opendir(path: [*:0]const u8) ?*anyopaque;
    extern "c" fn readdir(dir: *anyopaque) ?*Dirent;
    extern "c" fn closedir(dir: *anyopaque) c_int;
    extern "c" fn strerror(errnum: c_int) [*:0]const u8;
    extern "c" fn __errno_location() *c_int;
    extern "c" fn clock_gettime(clock: c_int, ts: *Timespec) c_int;

    /// struct dirent of Linux (glibc and musl, 64-bit).
    const Dirent = extern struct {
        ino: u64,
        off: i64,
        reclen: u16,
        type: u8,
        name: [256]u8,
    };
    const Timespec = extern struct { sec: i64, nsec: c_long };

    const DT_UNKNOWN = 0;
    const DT_DIR = 4;
    const DT_REG = 8;
    const ENOTDIR = 20;
    const EINTR = 4;
    const CLOCK_MONOTONIC = 1;

    fn errno() c_int {
        return __errno_location().*;
    }
    fn errorText() []const u8 {
        return std.mem.sliceTo(strerror(errno()), 0);
    }
    fn nowNs() u64 {
        var ts: Timespec = undefined;
        _ = clock_gettime(CLOCK_MONOTONIC, &ts);
        return @as(u64, @intCast(ts.sec)) * std.time.ns_per_s + @as(u64, @intCast(ts.nsec));
    }
};

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// A buffered writer to a file descriptor, or into memory (for tests).
const Out = struct {
    fd: c_int,
    buf: [64 * 1024]u8 = undefined,
    len: usize = 0,
    memory: ?*std.ArrayList(u8) = null,
    gpa: Allocator,

    fn writeAll(self: *Out, bytes: []const u8) void {
        if (self.len + bytes.len > self.buf.len) self.flush();
        if (bytes.len > self.buf.len) return self.raw(bytes);
        @memcpy(self.buf[self.len..][0..bytes.len], bytes);
        self.len += bytes.len;
    }

    fn print(self: *Out, comptime fmt: []const u8, args: anytype) void {
        var tmp: [512]u8 = undefined;
        const s = std.fmt.bufPrint(&tmp, fmt, args) catch tmp[0..];
        self.writeAll(s);
    }

    fn flush(self: *Out) void {
        self.raw(self.buf[0..self.len]);
        self.len = 0;
    }

    fn raw(self: *Out, bytes: []const u8) void {
        if (self.memory) |m| {
            m.appendSlice(self.gpa, bytes) catch @panic("OOM");
            return;
        }
        var rest = bytes;
        while (rest.len > 0) {
            const n = libc.write(self.fd, rest.ptr, rest.len);
            if (n < 0) {
                if (libc.errno() == libc.EINTR) continue;
                return; // EPIPE and co.: nothing more we can do
            }
            rest = rest[@intCast(n)..];
        }
    }
};

fn eprint(comptime fmt: []const u8, args: anytype) void {
    if (builtin.is_test) return; // keep the test runner's output clean
    var e: Out = .{ .fd = 2, .gpa = std.heap.c_allocator };
    e.print(fmt, args);
    e.flush();
}

fn eprintBytes(bytes: []const u8) void {
    if (builtin.is_test) return;
    var e: Out = .{ .fd = 2, .gpa = std.heap.c_allocator };
    e.writeAll(bytes);
    e.flush();
}

const Color = struct {
    const match = "\x1b[01;31m\x1b[K";
    const file = "\x1b[35m\x1b[K";
    const line = "\x1b[32m\x1b[K";
    const sep = "\x1b[36m\x1b[K";
    const end = "\x1b[m\x1b[K";
};

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

pub const Options = struct {
    patterns: std.ArrayList([]const u8) = .empty,
    fixed: bool = false,
    ignore_case: bool = false,
    word: bool = false,
    count: bool = false,
    only: bool = false,
    /// -g N: with -o, print capture group N of each match (implies -o).
    group: ?usize = null,
    files_with_matches: bool = false,
    line_numbers: bool = true,
    with_filename: ?bool = null,
    color: enum { auto, always, never } = .auto,
    stats: bool = false,
    chunk_size: usize = 256 * 1024,
    paths: std.ArrayList([]const u8) = .empty,
};

const usage =
    \\usage: fxgrep [OPTIONS] PATTERN [PATH...]
    \\       fxgrep [OPTIONS] -e PATTERN... | -f FILE [PATH...]
    \\Searches PATHs (directories recursively) or stdin for lines matching.
    \\  -e PATTERN   a pattern (repeatable: one multi-pattern regex)
    \\  -f FILE      patterns (or -F phrases) from FILE, one per line
    \\  -F           fixed strings (a ferrex phrase set)
    \\  -i           ignore case          -w  match whole words
    \\  -c           count matching lines -l  list files with matches
    \\  -o           print only the matches
    \\  -g N         print only capture group N of each match (implies -o)
    \\  -n           line numbers (the default)  -N  no line numbers
    \\  -H / -h      always / never print file names
    \\  -r           accepted (directories are always recursive)
    \\  --color[=auto|always|never]   highlight matches (auto: if a terminal)
    \\  --stats      bytes scanned, matches, time and throughput to stderr
    \\Exit status: 0 selected lines, 1 none, 2 error.
    \\
;

const UsageError = error{Usage};

fn parseGroup(v: []const u8) UsageError!usize {
    return std.fmt.parseInt(usize, v, 10) catch usageError("bad group number '{s}'", .{v});
}

fn usageError(comptime fmt: []const u8, args: anytype) UsageError {
    eprint("fxgrep: " ++ fmt ++ "\n", args);
    eprintBytes(usage);
    return error.Usage;
}

/// Reads a pattern file: one pattern per line (a final newline ends the last
/// line, it does not add an empty pattern).
fn readPatternFile(gpa: Allocator, path: []const u8, list: *std.ArrayList([]const u8)) !void {
    const data = try readWholeFile(gpa, path);
    var rest: []const u8 = data;
    if (rest.len > 0 and rest[rest.len - 1] == '\n') rest = rest[0 .. rest.len - 1];
    if (data.len == 0) return;
    var it = std.mem.splitScalar(u8, rest, '\n');
    while (it.next()) |line| try list.append(gpa, line);
}

fn readWholeFile(gpa: Allocator, path: []const u8) ![]u8 {
    const z = try joinZ(gpa, &.{path});
    defer gpa.free(z);
    const fd = if (std.mem.eql(u8, path, "-")) 0 else libc.open(z, 0);
    if (fd < 0) {
        eprint("fxgrep: {s}: {s}\n", .{ path, libc.errorText() });
        return error.Reported;
    }
    defer if (fd != 0) {
        _ = libc.close(fd);
    };
    var list: std.ArrayList(u8) = .empty;
    var chunk: [64 * 1024]u8 = undefined;
    while (true) {
        const n = libc.read(fd, &chunk, chunk.len);
        if (n < 0) {
            if (libc.errno() == libc.EINTR) continue;
            eprint("fxgrep: {s}: {s}\n", .{ path, libc.errorText() });
            return error.Reported;
        }
        if (n == 0) break;
        try list.appendSlice(gpa, chunk[0..@intCast(n)]);
    }
    return list.items;
}

pub fn parseArgs(gpa: Allocator, args: []const []const u8) !Options {
    var o: Options = .{};
    var have_pattern_option = false;
    var positional: std.ArrayList([]const u8) = .empty;
    var i: usize = 0;
    var only_positional = false;
    while (i < args.len) : (i += 1) {
        const arg = args[i];
        if (only_positional or arg.len < 2 or arg[0] != '-') {
            try positional.append(gpa, arg);
            continue;
        }
        if (std.mem.eql(u8, arg, "--")) {
            only_positional = true;
            continue;
        }
        if (std.mem.startsWith(u8, arg, "--")) {
            const body = arg[2..];
            const eq = std.mem.indexOfScalar(u8, body, '=');
            const name = if (eq) |e| body[0..e] else body;
            const inline_value: ?[]const u8 = if (eq) |e| body[e + 1 ..] else null;
            const Long = struct {
                fn value(args_: []const []const u8, idx: *usize, inline_v: ?[]const u8, n: []const u8) ![]const u8 {
                    if (inline_v) |v| return v;
                    idx.* += 1;
                    if (idx.* >= args_.len) return usageError("option --{s} needs a value", .{n});
                    return args_[idx.*];
                }
            };
            if (std.mem.eql(u8, name, "regexp")) {
                try o.patterns.append(gpa, try Long.value(args, &i, inline_value, name));
                have_pattern_option = true;
            } else if (std.mem.eql(u8, name, "file")) {
                try readPatternFile(gpa, try Long.value(args, &i, inline_value, name), &o.patterns);
                have_pattern_option = true;
            } else if (std.mem.eql(u8, name, "fixed-strings")) {
                o.fixed = true;
            } else if (std.mem.eql(u8, name, "ignore-case")) {
                o.ignore_case = true;
            } else if (std.mem.eql(u8, name, "word-regexp")) {
                o.word = true;
            } else if (std.mem.eql(u8, name, "count")) {
                o.count = true;
            } else if (std.mem.eql(u8, name, "only-matching")) {
                o.only = true;
            } else if (std.mem.eql(u8, name, "group")) {
                o.group = try parseGroup(try Long.value(args, &i, inline_value, name));
                o.only = true;
            } else if (std.mem.eql(u8, name, "files-with-matches")) {
                o.files_with_matches = true;
            } else if (std.mem.eql(u8, name, "line-number")) {
                o.line_numbers = true;
            } else if (std.mem.eql(u8, name, "no-line-number")) {
                o.line_numbers = false;
            } else if (std.mem.eql(u8, name, "with-filename")) {
                o.with_filename = true;
            } else if (std.mem.eql(u8, name, "no-filename")) {
                o.with_filename = false;
            } else if (std.mem.eql(u8, name, "recursive")) {
                // implied
            } else if (std.mem.eql(u8, name, "stats")) {
                o.stats = true;
            } else if (std.mem.eql(u8, name, "color") or std.mem.eql(u8, name, "colour")) {
                const v = inline_value orelse "auto";
                if (std.mem.eql(u8, v, "auto")) {
                    o.color = .auto;
                } else if (std.mem.eql(u8, v, "always")) {
                    o.color = .always;
                } else if (std.mem.eql(u8, v, "never")) {
                    o.color = .never;
                } else return usageError("bad --color value '{s}'", .{v});
            } else if (std.mem.eql(u8, name, "chunk-size")) {
                const v = try Long.value(args, &i, inline_value, name);
                o.chunk_size = std.fmt.parseInt(usize, v, 10) catch return usageError("bad --chunk-size '{s}'", .{v});
                if (o.chunk_size == 0) return usageError("--chunk-size must be > 0", .{});
            } else if (std.mem.eql(u8, name, "help")) {
                eprintBytes(usage);
                return error.Help;
            } else return usageError("unknown option '{s}'", .{arg});
            continue;
        }
        // A cluster of short options: -inF, -e PAT, -ePAT.
        var j: usize = 1;
        while (j < arg.len) : (j += 1) {
            const ch = arg[j];
            switch (ch) {
                'e', 'f', 'g' => {
                    const value = if (j + 1 < arg.len) arg[j + 1 ..] else blk: {
                        i += 1;
                        if (i >= args.len) return usageError("option -{c} needs a value", .{ch});
                        break :blk args[i];
                    };
                    if (ch == 'g') {
                        o.group = try parseGroup(value);
                        o.only = true;
                        break;
                    }
                    if (ch == 'e') try o.patterns.append(gpa, value) else try readPatternFile(gpa, value, &o.patterns);
                    have_pattern_option = true;
                    break;
                },
                'F' => o.fixed = true,
                'i' => o.ignore_case = true,
                'w' => o.word = true,
                'c' => o.count = true,
                'o' => o.only = true,
                'l' => o.files_with_matches = true,
                'n' => o.line_numbers = true,
                'N' => o.line_numbers = false,
                'H' => o.with_filename = true,
                'h' => o.with_filename = false,
                'r', 'R', 's' => {},
                else => return usageError("unknown option '-{c}'", .{ch}),
            }
        }
    }
    var rest = positional.items;
    if (!have_pattern_option) {
        if (rest.len == 0) return usageError("no pattern", .{});
        try o.patterns.append(gpa, rest[0]);
        rest = rest[1..];
    }
    try o.paths.appendSlice(gpa, rest);
    return o;
}

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

const Matcher = union(enum) {
    regex: struct {
        re: ferrex.Regex,
        cache: ferrex.Cache,
        /// For -g: an iteration reset onto each selected line, and room for
        /// every group span of a match (filled in one call per match).
        groups: ?struct { it: ferrex.Regex.Iterator, spans: []ferrex.Match } = null,
    },
    phrases: ferrex.PhraseSet,
    /// No patterns at all (an empty -f file): matches nothing, as grep.
    nothing,

    fn find(self: *Matcher, hay: []const u8, start: usize) ferrex.Error!?ferrex.Match {
        return switch (self.*) {
            .regex => |*r| r.re.find(&r.cache, hay, .{ .start = start }),
            .phrases => |*p| p.find(hay, .{ .start = start }),
            .nothing => null,
        };
    }

    fn deinit(self: *Matcher) void {
        switch (self.*) {
            .regex => |*r| {
                if (r.groups) |*g| g.it.deinit();
                r.cache.deinit();
                r.re.deinit();
            },
            .phrases => |*p| p.deinit(),
            .nothing => {},
        }
    }
};

const word_prefix = "\\b(?:";
const word_suffix = ")\\b";

/// Builds the matcher, or prints the error (with a caret line under the
/// offending span) and returns error.Reported.
pub fn buildMatcher(gpa: Allocator, o: *const Options) !Matcher {
    if (o.patterns.items.len == 0) return .nothing;
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    if (o.fixed and !o.word) {
        if (o.group != null) {
            eprint("fxgrep: -g needs a regex: -F phrases have no groups\n", .{});
            return error.Reported;
        }
        const set = ferrex.PhraseSet.init(gpa, o.patterns.items, .{
            .match_kind = .leftmost_first,
            .unicode_case_insensitive = o.ignore_case,
            .diagnostics = &diag,
        }) catch |err| {
            reportPatternError(o, &diag, err, 0);
            return error.Reported;
        };
        return .{ .phrases = set };
    }
    // The regex path: -w wraps, -F -w escapes first.
    var pats = try gpa.alloc([]const u8, o.patterns.items.len);
    for (o.patterns.items, 0..) |p, k| {
        var q = p;
        if (o.fixed) q = ferrex.escape(gpa, p) catch |err| {
            eprint("fxgrep: phrase {d} cannot be escaped: {s}\n", .{ k + 1, @errorName(err) });
            return error.Reported;
        };
        if (o.word) q = try std.mem.concat(gpa, u8, &.{ word_prefix, q, word_suffix });
        pats[k] = q;
    }
    const options: ferrex.Regex.Options = .{
        .flags = .{ .case_insensitive = o.ignore_case, .multi_line = true },
        .diagnostics = &diag,
    };
    var re = (if (pats.len == 1) ferrex.Regex.init(pats[0], options) else ferrex.Regex.initMany(gpa, pats, options)) catch |err| {
        reportPatternError(o, &diag, err, if (o.word and !o.fixed) word_prefix.len else 0);
        return error.Reported;
    };
    errdefer re.deinit();
    var cache = try ferrex.Cache.init(&re);
    errdefer cache.deinit();
    var m: Matcher = .{ .regex = .{ .re = re, .cache = cache } };
    if (o.group) |group| {
        // Room for the most groups any pattern has; -g N must name a group
        // some pattern has.
        var most: usize = 0;
        for (0..pats.len) |p| most = @max(most, try m.regex.re.groupCount(p));
        if (group >= most) {
            eprint("fxgrep: -g {d}: the pattern{s} {s} only {d} group{s} (0 is the whole match)\n", .{
                group, if (pats.len > 1) "s" else "", if (pats.len > 1) "have" else "has", most, if (most == 1) "" else "s",
            });
            return error.Reported;
        }
        const it = try m.regex.re.iterator("", .{});
        m.regex.groups = .{ .it = it, .spans = try gpa.alloc(ferrex.Match, most) };
    }
    return m;
}

/// "fxgrep: bad pattern ..." then the pattern with carets under the span.
/// `shift` is how many bytes -w prepended to the user's pattern.
fn reportPatternError(o: *const Options, diag: *const ferrex.Diagnostics, err: anyerror, shift: usize) void {
    const index = diag.pattern orelse 0;
    const count = o.patterns.items.len;
    if (count > 1) {
        eprint("fxgrep: bad {s} {d} of {d} ({s}):\n", .{ if (o.fixed) "phrase" else "pattern", index + 1, count, @errorName(err) });
    } else {
        eprint("fxgrep: bad {s} ({s}):\n", .{ if (o.fixed) "phrase" else "pattern", @errorName(err) });
    }
    // The library's own message, first line only (its caret display is
    // for its own view of the pattern; ours follows).
    const msg = diag.message;
    const first_line = msg[0 .. std.mem.indexOfScalar(u8, msg, '\n') orelse msg.len];
    const kind_line = lastErrorLine(msg);
    eprint("  {s}\n", .{if (kind_line.len > 0) kind_line else first_line});
    if (index < count) {
        const pat = o.patterns.items[index];
        eprint("    {s}\n", .{pat});
        if (diag.span) |span| {
            // Map the span back from the wrapped pattern to the user's.
            const s = @min(pat.len, span.start -| shift);
            const e = @min(pat.len, @max(s + 1, span.end -| shift));
            var line: std.ArrayList(u8) = .empty;
            const gpa = std.heap.c_allocator;
            line.appendSlice(gpa, "    ") catch return;
            line.appendNTimes(gpa, ' ', s) catch return;
            line.appendNTimes(gpa, '^', @max(1, e - s)) catch return;
            line.append(gpa, '\n') catch return;
            eprintBytes(line.items);
        }
    }
}

/// The library's syntax messages end with "error: ..."; take that line.
fn lastErrorLine(msg: []const u8) []const u8 {
    var it = std.mem.splitScalar(u8, msg, '\n');
    var found: []const u8 = "";
    while (it.next()) |l| {
        const t = std.mem.trim(u8, l, " \t\r");
        if (std.mem.startsWith(u8, t, "error:")) found = t;
    }
    return found;
}

// ---------------------------------------------------------------------------
// Searching
// ---------------------------------------------------------------------------

pub const Grep = struct {
    gpa: Allocator,
    o: *const Options,
    m: *Matcher,
    out: *Out,
    color: bool,
    with_filename: bool,
    buf: []u8,

    // Totals.
    selected_any: bool = false,
    had_error: bool = false,
    bytes: u64 = 0,
    lines_selected: u64 = 0,
    files: u64 = 0,

    // Per file.
    name: []const u8 = "",
    line_no: u64 = 1,
    file_count: u64 = 0,
    stop: bool = false,

    fn init(gpa: Allocator, o: *const Options, m: *Matcher, out: *Out, color: bool, with_filename: bool) !Grep {
        return .{
            .gpa = gpa,
            .o = o,
            .m = m,
            .out = out,
            .color = color,
            .with_filename = with_filename,
            .buf = try gpa.alloc(u8, o.chunk_size),
        };
    }

    fn pathError(self: *Grep, path: []const u8) void {
        self.had_error = true;
        self.out.flush();
        eprint("fxgrep: {s}: {s}\n", .{ path, libc.errorText() });
    }

    /// A command-line path: a directory (searched recursively) or a file.
    fn searchPath(self: *Grep, path: []const u8) !void {
        const z = try joinZ(self.gpa, &.{path});
        defer self.gpa.free(z);
        if (libc.opendir(z)) |dir| {
            defer _ = libc.closedir(dir);
            return self.walk(dir, path);
        }
        if (libc.errno() != libc.ENOTDIR) return self.pathError(path);
        try self.searchFile(z, path);
    }

    fn walk(self: *Grep, dir: *anyopaque, path: []const u8) anyerror!void {
        while (libc.readdir(dir)) |ent| {
            const name = std.mem.sliceTo(&ent.name, 0);
            if (std.mem.eql(u8, name, ".") or std.mem.eql(u8, name, "..")) continue;
            const sep: []const u8 = if (path.len > 0 and path[path.len - 1] == '/') "" else "/";
            const child = try joinZ(self.gpa, &.{ path, sep, name });
            defer self.gpa.free(child);
            switch (ent.type) {
                libc.DT_DIR => {
                    const sub = libc.opendir(child) orelse {
                        self.pathError(child);
                        continue;
                    };
                    defer _ = libc.closedir(sub);
                    try self.walk(sub, child);
                },
                libc.DT_REG => try self.searchFile(child, child),
                libc.DT_UNKNOWN => {
                    if (libc.opendir(child)) |sub| {
                        defer _ = libc.closedir(sub);
                        try self.walk(sub, child);
                    } else if (libc.errno() == libc.ENOTDIR) {
                        try self.searchFile(child, child);
                    } else self.pathError(child);
                },
                else => {}, // symlinks, devices, fifos, sockets: skipped as grep -r
            }
        }
    }

    fn searchFile(self: *Grep, z: [*:0]const u8, path: []const u8) !void {
        const fd = libc.open(z, 0);
        if (fd < 0) return self.pathError(path);
        defer _ = libc.close(fd);
        try self.searchFd(fd, path);
    }

    /// Reads `fd` chunk by chunk; searches the complete lines of each and
    /// carries the partial last line over.
    pub fn searchFd(self: *Grep, fd: c_int, name: []const u8) !void {
        self.name = name;
        self.line_no = 1;
        self.file_count = 0;
        self.stop = false;
        self.files += 1;
        var filled: usize = 0;
        var first = true;
        var eof = false;
        while (true) {
            while (filled < self.buf.len and !eof) {
                const n = libc.read(fd, self.buf[filled..].ptr, self.buf.len - filled);
                if (n < 0) {
                    if (libc.errno() == libc.EINTR) continue;
                    return self.pathError(name);
                }
                if (n == 0) eof = true else {
                    filled += @intCast(n);
                    self.bytes += @intCast(n);
                }
            }
            if (first) {
                first = false;
                if (std.mem.indexOfScalar(u8, self.buf[0..@min(filled, 8192)], 0) != null) return;
            }
            if (eof) {
                try self.searchRegion(self.buf[0..filled]);
                break;
            }
            const last_nl = std.mem.lastIndexOfScalar(u8, self.buf[0..filled], '\n') orelse {
                // One line longer than the buffer: grow it.
                self.buf = try self.gpa.realloc(self.buf, self.buf.len * 2);
                continue;
            };
            const complete = last_nl + 1;
            try self.searchRegion(self.buf[0..complete]);
            if (self.stop) break;
            std.mem.copyForwards(u8, self.buf[0 .. filled - complete], self.buf[complete..filled]);
            filled -= complete;
        }
        if (self.o.count) {
            self.printName();
            if (self.with_filename) self.printSep();
            self.out.print("{d}\n", .{self.file_count});
        }
    }

    /// Searches `region`: whole lines, each ending in '\n' except maybe the
    /// last one of a file. Finds the first match from `pos` in the whole
    /// region (multi-line mode makes ^ and $ match at line ends), then checks
    /// the line it starts in.
    fn searchRegion(self: *Grep, region: []const u8) !void {
        if (region.len == 0) return;
        const ends_in_newline = region[region.len - 1] == '\n';
        var pos: usize = 0;
        var counted: usize = 0; // line_no is the number of the line at `counted`
        while (pos < region.len and !self.stop) {
            const m = (try self.m.find(region, pos)) orelse break;
            if (m.start == region.len and ends_in_newline) break;
            const ls = if (std.mem.lastIndexOfScalar(u8, region[pos..m.start], '\n')) |k| pos + k + 1 else pos;
            const le = std.mem.indexOfScalarPos(u8, region, m.start, '\n') orelse region.len;
            const line = region[ls..le];
            const ok = m.end <= le or (try self.m.find(line, 0)) != null;
            if (ok) {
                if (self.o.line_numbers) {
                    self.line_no += countNewlines(region[counted..ls]);
                    counted = ls;
                }
                try self.selectLine(line);
            }
            pos = le + 1;
        }
        if (self.o.line_numbers) self.line_no += countNewlines(region[counted..]);
    }

    fn selectLine(self: *Grep, line: []const u8) !void {
        self.selected_any = true;
        self.lines_selected += 1;
        self.file_count += 1;
        if (self.o.files_with_matches) {
            self.printName();
            self.out.writeAll("\n");
            self.stop = true;
            return;
        }
        if (self.o.count) return;
        if (self.o.group) |group| return self.printGroup(line, group);
        if (self.o.only) {
            var start: usize = 0;
            while (start <= line.len) {
                const m = (try self.m.find(line, start)) orelse break;
                if (m.end == m.start) {
                    start = m.end + 1;
                    continue;
                }
                self.printPrefix();
                if (self.color) self.out.writeAll(Color.match);
                self.out.writeAll(line[m.start..m.end]);
                if (self.color) self.out.writeAll(Color.end);
                self.out.writeAll("\n");
                start = m.end;
            }
            return;
        }
        self.printPrefix();
        if (self.color) {
            var start: usize = 0;
            var written: usize = 0;
            while (start <= line.len) {
                const m = (try self.m.find(line, start)) orelse break;
                if (m.end == m.start) {
                    start = m.end + 1;
                    continue;
                }
                self.out.writeAll(line[written..m.start]);
                self.out.writeAll(Color.match);
                self.out.writeAll(line[m.start..m.end]);
                self.out.writeAll(Color.end);
                written = m.end;
                start = m.end;
            }
            self.out.writeAll(line[written..]);
        } else self.out.writeAll(line);
        self.out.writeAll("\n");
    }

    /// -g N: group N of every match in the line, each on its own line
    /// (a match whose group N took no part prints nothing).
    fn printGroup(self: *Grep, line: []const u8, group: usize) !void {
        const g = &(self.m.regex.groups.?);
        try g.it.reset(line, .{});
        while (try g.it.nextSpans(g.spans)) |spans| {
            if (group >= spans.len or !spans[group].isSet()) continue;
            const span = spans[group];
            self.printPrefix();
            if (self.color) self.out.writeAll(Color.match);
            self.out.writeAll(line[span.start..span.end]);
            if (self.color) self.out.writeAll(Color.end);
            self.out.writeAll("\n");
        }
    }

    fn printName(self: *Grep) void {
        if (!self.with_filename and !self.o.files_with_matches) return;
        if (self.color) self.out.writeAll(Color.file);
        self.out.writeAll(self.name);
        if (self.color) self.out.writeAll(Color.end);
    }

    fn printSep(self: *Grep) void {
        if (self.color) self.out.writeAll(Color.sep);
        self.out.writeAll(":");
        if (self.color) self.out.writeAll(Color.end);
    }

    fn printPrefix(self: *Grep) void {
        if (self.with_filename) {
            self.printName();
            self.printSep();
        }
        if (self.o.line_numbers) {
            if (self.color) self.out.writeAll(Color.line);
            self.out.print("{d}", .{self.line_no});
            if (self.color) self.out.writeAll(Color.end);
            self.printSep();
        }
    }
};

/// The concatenation of `parts`, NUL-terminated (Allocator.dupeZ is gone in 0.17).
fn joinZ(gpa: Allocator, parts: []const []const u8) Allocator.Error![:0]u8 {
    var len: usize = 0;
    for (parts) |p| len += p.len;
    const buf = try gpa.alloc(u8, len + 1);
    var at: usize = 0;
    for (parts) |p| {
        @memcpy(buf[at..][0..p.len], p);
        at += p.len;
    }
    buf[len] = 0;
    return buf[0..len :0];
}

fn countNewlines(bytes: []const u8) u64 {
    var n: u64 = 0;
    var rest = bytes;
    while (std.mem.indexOfScalar(u8, rest, '\n')) |k| {
        n += 1;
        rest = rest[k + 1 ..];
    }
    return n;
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

/// The C entry point: libc's crt calls it (start.zig leaves a C-calling-
/// convention `main` alone in every supported version).
pub fn main(argc: c_int, argv: [*][*:0]u8) callconv(.c) c_int {
    const gpa = std.heap.c_allocator;
    const args = gpa.alloc([]const u8, @intCast(argc - 1)) catch return 2;
    for (args, 1..) |*a, k| a.* = std.mem.sliceTo(argv[k], 0);
    return run(gpa, args);
}

comptime {
    if (!builtin.is_test) @export(&main, .{ .name = "main" });
}

fn run(gpa: Allocator, args: []const []const u8) c_int {
    const started = libc.nowNs();
    var o = parseArgs(gpa, args) catch |err| return if (err == error.Help) 0 else 2;
    var matcher = buildMatcher(gpa, &o) catch return 2;
    defer matcher.deinit();
    var out: Out = .{ .fd = 1, .gpa = gpa };
    const color = switch (o.color) {
        .always => true,
        .never => false,
        .auto => libc.isatty(1) == 1,
    };
    var with_filename = o.paths.items.len > 1;
    for (o.paths.items) |p| {
        const z = joinZ(gpa, &.{p}) catch return 2;
        if (libc.opendir(z)) |d| {
            _ = libc.closedir(d);
            with_filename = true;
        }
    }
    if (o.with_filename) |w| with_filename = w;
    var g = Grep.init(gpa, &o, &matcher, &out, color, with_filename) catch return 2;
    const result = blk: {
        if (o.paths.items.len == 0) break :blk g.searchFd(0, "(standard input)");
        for (o.paths.items) |p| g.searchPath(p) catch |err| break :blk err;
    };
    out.flush();
    result catch |err| {
        eprint("fxgrep: {s}\n", .{@errorName(err)});
        return 2;
    };
    if (o.stats) {
        const ns = libc.nowNs() - started;
        const secs = @as(f64, @floatFromInt(ns)) / 1e9;
        const mib = @as(f64, @floatFromInt(g.bytes)) / (1024.0 * 1024.0);
        eprint("fxgrep: stats: {d} files, {d} bytes scanned, {d} matching lines, {d:.3} ms, {d:.1} MiB/s\n", .{
            g.files, g.bytes, g.lines_selected, secs * 1000.0, if (secs > 0) mib / secs else 0.0,
        });
    }
    if (g.had_error) return 2;
    return if (g.selected_any) 0 else 1;
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

extern "c" fn pipe(fds: *[2]c_int) c_int;

/// Runs fxgrep over `input` (through a pipe, as stdin) and returns the output.
fn runOnInput(args: []const []const u8, input: []const u8) ![]u8 {
    const gpa = std.testing.allocator;
    var arena_state = std.heap.ArenaAllocator.init(gpa);
    defer arena_state.deinit();
    const arena = arena_state.allocator();
    var o = try parseArgs(arena, args);
    var matcher = try buildMatcher(arena, &o);
    defer matcher.deinit();
    var mem: std.ArrayList(u8) = .empty;
    var out: Out = .{ .fd = -1, .gpa = arena, .memory = &mem };
    var g = try Grep.init(arena, &o, &matcher, &out, false, false);
    var fds: [2]c_int = undefined;
    try std.testing.expectEqual(@as(c_int, 0), pipe(&fds));
    try std.testing.expect(input.len < 60000); // fits in the pipe
    _ = libc.write(fds[1], input.ptr, input.len);
    _ = libc.close(fds[1]);
    defer _ = libc.close(fds[0]);
    try g.searchFd(fds[0], "(stdin)");
    out.flush();
    return gpa.dupe(u8, mem.items);
}

fn expectOutput(args: []const []const u8, input: []const u8, expected: []const u8) !void {
    const got = try runOnInput(args, input);
    defer std.testing.allocator.free(got);
    try std.testing.expectEqualStrings(expected, got);
}

test "lines straddling tiny chunks are found with the right numbers" {
    const input = "alpha\nbeta needle gamma\ndelta\nthe needle again at the end";
    const expected = "2:beta needle gamma\n4:the needle again at the end\n";
    for ([_][]const u8{ "--chunk-size=1", "--chunk-size=3", "--chunk-size=7", "--chunk-size=64" }) |cs| {
        try expectOutput(&.{ cs, "needle" }, input, expected);
        try expectOutput(&.{ cs, "-F", "needle" }, input, expected);
    }
}

test "anchors, -o, -c, -i, -w, multi-pattern" {
    const input = "foo bar\nbarfoo\nFOO\nfoobar foo\n";
    try expectOutput(&.{"^foo"}, input, "1:foo bar\n4:foobar foo\n");
    try expectOutput(&.{"foo$"}, input, "2:barfoo\n4:foobar foo\n");
    try expectOutput(&.{ "-o", "-N", "foo" }, input, "foo\nfoo\nfoo\nfoo\n");
    try expectOutput(&.{ "-c", "-i", "foo" }, input, "4\n");
    try expectOutput(&.{ "-w", "foo" }, input, "1:foo bar\n4:foobar foo\n");
    try expectOutput(&.{ "-F", "-w", "-i", "foo" }, input, "1:foo bar\n3:FOO\n4:foobar foo\n");
    try expectOutput(&.{ "-e", "^bar", "-e", "^FOO" }, input, "2:barfoo\n3:FOO\n");
    try expectOutput(&.{ "-F", "-i", "-e", "BARF", "-e", "zzz" }, input, "2:barfoo\n");
}

test "-g prints one capture group of every match" {
    const input = "key=1 k2=22\nnone here\nx=\nz=9\n";
    try expectOutput(&.{ "-g", "2", "-N", "(\\w+)=(\\d+)" }, input, "1\n22\n9\n");
    try expectOutput(&.{ "--group=1", "(\\w+)=(\\d+)" }, input, "1:key\n1:k2\n4:z\n");
    // A group that took no part prints nothing; -w keeps the numbering.
    try expectOutput(&.{ "-g1", "-N", "-w", "(a)|b" }, "a b\n", "a\n");
    try expectOutput(&.{ "-g", "0", "-N", "\\d+" }, input, "1\n2\n22\n9\n");
}

test "-g rejects groups the pattern lacks and phrases" {
    var arena_state = std.heap.ArenaAllocator.init(std.testing.allocator);
    defer arena_state.deinit();
    var o = try parseArgs(arena_state.allocator(), &.{ "-g", "2", "(a)" });
    try std.testing.expectError(error.Reported, buildMatcher(arena_state.allocator(), &o));
    var f = try parseArgs(arena_state.allocator(), &.{ "-F", "-g", "0", "a" });
    try std.testing.expectError(error.Reported, buildMatcher(arena_state.allocator(), &f));
    try std.testing.expectError(error.Usage, parseArgs(arena_state.allocator(), &.{ "-g", "x", "a" }));
}

test "matches never span lines" {
    try expectOutput(&.{"a\\s+b"}, "xa\nb\na b\n", "3:a b\n");
    try expectOutput(&.{"a[^x]b"}, "a\nb\n", "");
}

test "bad pattern reports an error" {
    var arena_state = std.heap.ArenaAllocator.init(std.testing.allocator);
    defer arena_state.deinit();
    var o = try parseArgs(arena_state.allocator(), &.{ "-e", "ok", "-e", "a(b" });
    try std.testing.expectError(error.Reported, buildMatcher(arena_state.allocator(), &o));
}
