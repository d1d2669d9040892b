//! Command-line options: grep's names, grep's usage errors.
const std = @import("std");
const builtin = @import("builtin");
const ferrex = @import("ferrex");
const libc = @import("libc.zig");

const Allocator = std.mem.Allocator;

pub const program_version = "0.2.0";

/// One --include (include) or --exclude glob.
pub const FileGlob = struct { glob: []const u8, include: bool };

pub const Options = struct {
    patterns: std.ArrayList([]const u8) = .empty,
    /// -F: fixed strings (a phrase set, or escaped into the regex).
    fixed: bool = false,
    /// -E or -P given: the user knows the syntax is not grep's BRE, so the
    /// BRE check (see matcher.zig) is off.
    extended: bool = false,
    /// -P: as -E; look-around and backreferences are refused with a note.
    perl: bool = false,
    /// The matcher option given (-E, -F or -P): grep refuses two different
    /// ones ("conflicting matchers specified").
    matcher: ?u8 = null,
    ignore_case: bool = false,
    word: bool = false,
    /// -x: the whole line must match.
    line: bool = false,
    /// -v: select the lines that do not match.
    invert: bool = false,
    count: bool = false,
    only: bool = false,
    /// -g N: with -o, print capture group N of each match (implies -o).
    group: ?usize = null,
    /// -l, -L, -q.
    files_with_matches: bool = false,
    files_without_match: bool = false,
    quiet: bool = false,
    /// -m NUM: stop a file after NUM selected lines.
    max_count: ?u64 = null,
    /// -A, -B, -C (and -NUM): null when not given (no "--" separators).
    after: ?u64 = null,
    before: ?u64 = null,
    /// -a: binary files are text. -I (--binary-files=without-match): skip them.
    text: bool = false,
    skip_binary: bool = false,
    /// -z: lines end in NUL, input and output.
    null_data: bool = false,
    /// -s: no messages about missing or unreadable files.
    no_messages: bool = false,
    /// -n / -N; null: on when stdout is a terminal (as ripgrep), off otherwise (as grep).
    line_numbers: ?bool = null,
    /// -H / -h; null: names when more than one file can be searched.
    with_filename: ?bool = null,
    color: enum { auto, always, never } = .auto,
    stats: bool = false,
    /// -r given: with no FILE, search the working directory (as grep -r).
    recursive: bool = false,
    /// -j N / --threads=N: searching threads for directories; null: one per CPU.
    threads: ?usize = null,
    /// Read buffer size, and the slice size of a mapped file (hidden
    /// --chunk-size=N, for tests: tiny windows put lines across them).
    chunk_size: usize = 256 * 1024,
    /// Hidden --no-mmap (tests): every file through the read buffer.
    no_mmap: bool = false,
    /// --include and --exclude, in the order given (grep's rule reads
    /// them in order: walk.zig's fileWanted).
    file_globs: std.ArrayList(FileGlob) = .empty,
    exclude_dirs: std.ArrayList([]const u8) = .empty,
    paths: std.ArrayList([]const u8) = .empty,

    /// Lines are printed at all (not only names, counts or a status).
    pub fn printsLines(o: *const Options) bool {
        return !(o.count or o.files_with_matches or o.files_without_match or o.quiet);
    }

    pub fn context(o: *const Options) bool {
        return o.printsLines() and (o.after != null or o.before != null);
    }

    pub fn eol(o: *const Options) u8 {
        return if (o.null_data) 0 else '\n';
    }
};

pub const help =
    \\Usage: fxgrep [OPTION]... PATTERNS [FILE]...
    \\Search for PATTERNS in each FILE (directories recursively; stdin when none,
    \\or for '-'). PATTERNS are regular expressions in ERE syntax, as grep -E
    \\reads them, with Rust regex extensions (\d, \w, \p{Greek}, (?i), ...):
    \\grep's default BRE is not supported (see -G). Matching is linear in time.
    \\
    \\Patterns:
    \\  -E, --extended-regexp     PATTERNS are ERE (the default; also turns off
    \\                            the check for BRE operators such as \| and \( )
    \\  -F, --fixed-strings       PATTERNS are strings (a phrase set)
    \\  -P, --perl-regexp         as -E; look-around and backreferences are refused
    \\  -G, --basic-regexp        refused: fxgrep has no BRE
    \\  -e, --regexp=PATTERNS     use PATTERNS for matching (repeatable)
    \\  -f, --file=FILE           take PATTERNS from FILE, one per line
    \\  -i, --ignore-case         ignore case distinctions (Unicode)
    \\  -w, --word-regexp         match only whole words (no word character on
    \\                            either side of the match)
    \\  -x, --line-regexp         match only whole lines
    \\
    \\Output:
    \\  -v, --invert-match        select non-matching lines
    \\  -c, --count               print only a count of selected lines per FILE
    \\  -l, --files-with-matches  print only names of FILEs with selected lines
    \\  -L, --files-without-match print only names of FILEs with no selected lines
    \\  -q, --quiet, --silent     print nothing; exit 0 on the first selected line
    \\  -m, --max-count=NUM       stop a FILE after NUM selected lines
    \\  -o, --only-matching       show only the nonempty parts of lines that match
    \\  -g, --group=N             show only capture group N of each match (implies -o)
    \\  -n, --line-number         print line numbers (default on a terminal)
    \\  -N, --no-line-number      no line numbers
    \\  -H, --with-filename       print file names    -h, --no-filename  do not
    \\  -A, --after-context=NUM   print NUM lines of trailing context
    \\  -B, --before-context=NUM  print NUM lines of leading context
    \\  -C, --context=NUM, -NUM   print NUM lines of output context
    \\  --color[=WHEN]            highlight matches: always, never or auto
    \\  -z, --null-data           lines end in a NUL byte, not a newline
    \\
    \\Files:
    \\  -a, --text                search binary files as text
    \\  -I                        skip binary files (--binary-files=without-match)
    \\      --binary-files=TYPE   binary, text or without-match
    \\  -r, -R, --recursive       directories are always searched recursively; with
    \\                            no FILE, -r searches the working directory
    \\      --include=GLOB        search only files whose base name matches GLOB
    \\      --exclude=GLOB        skip files whose base name matches GLOB
    \\      --exclude-dir=GLOB    skip directories whose base name matches GLOB
    \\  -s, --no-messages         suppress messages about missing or unreadable files
    \\  -j, --threads=N           search a directory tree with N threads (default: CPUs)
    \\      --stats               bytes, files, lines, time and throughput on stderr
    \\  -V, --version             print the version and exit
    \\      --help                print this help and exit
    \\
    \\A binary file (one with a NUL byte) that matches is reported as
    \\"fxgrep: FILE: binary file matches" on stderr, as GNU grep does.
    \\Exit status: 0 if a line is selected, 1 if none, 2 on an error (unless -q
    \\selected a line).
    \\
;

const try_help = "Usage: fxgrep [OPTION]... PATTERNS [FILE]...\nTry 'fxgrep --help' for more information.\n";

pub const ParseError = error{ Usage, Help, Version, Reported } || Allocator.Error;

/// stderr: "fxgrep: MESSAGE" and grep's two-line usage reminder.
fn usageError(comptime fmt: []const u8, args: anytype) ParseError {
    eprint("fxgrep: " ++ fmt ++ "\n" ++ try_help, args);
    return error.Usage;
}

/// A value error (grep prints no usage reminder for these).
fn valueError(comptime fmt: []const u8, args: anytype) ParseError {
    eprint("fxgrep: " ++ fmt ++ "\n", args);
    return error.Usage;
}

pub fn eprint(comptime fmt: []const u8, args: anytype) void {
    if (builtin.is_test) return; // keep the test runner's output clean
    var tmp: [4096]u8 = undefined;
    const s = std.fmt.bufPrint(&tmp, fmt, args) catch tmp[0..];
    libc.writeAll(2, s);
}

pub fn versionText(buf: []u8) []const u8 {
    return std.fmt.bufPrint(buf,
        \\fxgrep {s} (ferrex {s})
        \\Syntax: ERE with Rust regex extensions; linear-time matching.
        \\
    , .{ program_version, ferrex.version() }) catch buf[0..0];
}

/// Every long option, for getopt's unique prefixes (`--inc` is --include).
const long_names = valued_long ++ [_][]const u8{
    "extended-regexp",     "fixed-strings",  "basic-regexp",  "perl-regexp", "ignore-case",   "no-ignore-case",
    "word-regexp",         "line-regexp",    "invert-match",  "count",       "only-matching", "files-with-matches",
    "files-without-match", "quiet",          "silent",        "no-messages", "text",          "null-data",
    "line-number",         "no-line-number", "with-filename", "no-filename", "recursive",     "dereference-recursive",
    "stats",               "no-mmap",        "version",       "help",        "color",         "colour",
};

/// `name` itself if it is an option, else the one option it begins.
fn fullLongName(name: []const u8) ParseError![]const u8 {
    var found: ?[]const u8 = null;
    var ambiguous = false;
    for (long_names) |n| {
        if (std.mem.eql(u8, n, name)) return n;
        if (name.len > 0 and std.mem.startsWith(u8, n, name)) {
            if (found != null) ambiguous = true;
            found = n;
        }
    }
    if (ambiguous) return usageError("option '--{s}' is ambiguous", .{name});
    return found orelse name;
}

/// Long options that take a value.
const valued_long = [_][]const u8{
    "regexp",  "file",    "group",       "max-count", "after-context", "before-context", "context",
    "include", "exclude", "exclude-dir", "threads",   "chunk-size",    "binary-files",
};

pub fn parseArgs(gpa: Allocator, args: []const []const u8) ParseError!Options {
    var o: Options = .{};
    var have_pattern_option = false;
    var positional: std.ArrayList([]const u8) = .empty;
    var context_all: ?u64 = null; // -C / -NUM: -A and -B win over it
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
            const name = try fullLongName(if (eq) |e| body[0..e] else body);
            var value: []const u8 = "";
            var takes_value = false;
            for (valued_long) |v| takes_value = takes_value or std.mem.eql(u8, v, name);
            if (takes_value) {
                if (eq) |e| value = body[e + 1 ..] else {
                    i += 1;
                    if (i >= args.len) return usageError("option '--{s}' requires an argument", .{name});
                    value = args[i];
                }
            } else if (eq != null and !std.mem.eql(u8, name, "color") and !std.mem.eql(u8, name, "colour")) {
                return usageError("option '--{s}' doesn't allow an argument", .{name});
            }
            if (takes_value) {
                try longValue(gpa, &o, name, value, &have_pattern_option, &context_all);
            } else if (try longFlag(&o, name)) {
                // done
            } else if (std.mem.eql(u8, name, "color") or std.mem.eql(u8, name, "colour")) {
                const v = if (eq) |e| body[e + 1 ..] else "auto";
                if (std.mem.eql(u8, v, "auto") or std.mem.eql(u8, v, "tty") or std.mem.eql(u8, v, "if-tty")) {
                    o.color = .auto;
                } else if (std.mem.eql(u8, v, "always") or std.mem.eql(u8, v, "yes") or std.mem.eql(u8, v, "force")) {
                    o.color = .always;
                } else if (std.mem.eql(u8, v, "never") or std.mem.eql(u8, v, "no") or std.mem.eql(u8, v, "none")) {
                    o.color = .never;
                } else return usageError("invalid argument '{s}' for '--color'", .{v});
            } else return usageError("unrecognized option '{s}'", .{arg});
            continue;
        }
        // A cluster of short options: -inF, -e PAT, -ePAT, -A2, -5.
        var j: usize = 1;
        while (j < arg.len) : (j += 1) {
            const ch = arg[j];
            if (ch >= '0' and ch <= '9') {
                // -NUM: context, digits to the end of the run.
                var k = j;
                while (k < arg.len and arg[k] >= '0' and arg[k] <= '9') k += 1;
                context_all = try parseContext(arg[j..k]);
                j = k - 1;
                continue;
            }
            switch (ch) {
                'e', 'f', 'g', 'm', 'A', 'B', 'C', 'j' => {
                    const value = if (j + 1 < arg.len) arg[j + 1 ..] else blk: {
                        i += 1;
                        if (i >= args.len) return usageError("option requires an argument -- '{c}'", .{ch});
                        break :blk args[i];
                    };
                    const long: []const u8 = switch (ch) {
                        'e' => "regexp",
                        'f' => "file",
                        'g' => "group",
                        'm' => "max-count",
                        'A' => "after-context",
                        'B' => "before-context",
                        'C' => "context",
                        else => "threads",
                    };
                    try longValue(gpa, &o, long, value, &have_pattern_option, &context_all);
                    break;
                },
                else => {
                    const long: []const u8 = switch (ch) {
                        'E' => "extended-regexp",
                        'F' => "fixed-strings",
                        'G' => "basic-regexp",
                        'P' => "perl-regexp",
                        'i', 'y' => "ignore-case",
                        'w' => "word-regexp",
                        'x' => "line-regexp",
                        'v' => "invert-match",
                        'c' => "count",
                        'o' => "only-matching",
                        'l' => "files-with-matches",
                        'L' => "files-without-match",
                        'q' => "quiet",
                        's' => "no-messages",
                        'a' => "text",
                        'I' => "-I",
                        'z' => "null-data",
                        'n' => "line-number",
                        'N' => "no-line-number",
                        'H' => "with-filename",
                        'h' => "no-filename",
                        'r', 'R' => "recursive",
                        'V' => "version",
                        else => return usageError("invalid option -- '{c}'", .{ch}),
                    };
                    _ = try longFlag(&o, long);
                },
            }
        }
    }
    if (o.after == null) o.after = context_all;
    if (o.before == null) o.before = context_all;
    var rest = positional.items;
    if (!have_pattern_option) {
        if (rest.len == 0) {
            eprint(try_help, .{});
            return error.Usage;
        }
        try appendPatterns(gpa, &o.patterns, rest[0]);
        rest = rest[1..];
    }
    try o.paths.appendSlice(gpa, rest);
    return o;
}

fn setMatcher(o: *Options, m: u8) ParseError!void {
    if (o.matcher) |given| if (given != m) return valueError("conflicting matchers specified", .{});
    o.matcher = m;
}

/// A flag without a value; false if `name` is no such option.
fn longFlag(o: *Options, name: []const u8) ParseError!bool {
    const eql = std.mem.eql;
    if (eql(u8, name, "extended-regexp")) {
        try setMatcher(o, 'E');
        o.extended = true;
    } else if (eql(u8, name, "fixed-strings")) {
        try setMatcher(o, 'F');
        o.fixed = true;
    } else if (eql(u8, name, "basic-regexp")) {
        return valueError("-G: basic regular expressions (BRE) are not supported: fxgrep reads PATTERNS as grep -E does (ERE, Rust regex syntax)", .{});
    } else if (eql(u8, name, "perl-regexp")) {
        try setMatcher(o, 'P');
        o.perl = true;
        o.extended = true;
    } else if (eql(u8, name, "ignore-case")) {
        o.ignore_case = true;
    } else if (eql(u8, name, "no-ignore-case")) {
        o.ignore_case = false;
    } else if (eql(u8, name, "word-regexp")) {
        o.word = true;
    } else if (eql(u8, name, "line-regexp")) {
        o.line = true;
    } else if (eql(u8, name, "invert-match")) {
        o.invert = true;
    } else if (eql(u8, name, "count")) {
        o.count = true;
    } else if (eql(u8, name, "only-matching")) {
        o.only = true;
    } else if (eql(u8, name, "files-with-matches")) {
        o.files_with_matches = true;
        o.files_without_match = false;
    } else if (eql(u8, name, "files-without-match")) {
        o.files_without_match = true;
        o.files_with_matches = false;
    } else if (eql(u8, name, "quiet") or eql(u8, name, "silent")) {
        o.quiet = true;
    } else if (eql(u8, name, "no-messages")) {
        o.no_messages = true;
    } else if (eql(u8, name, "text")) {
        o.text = true;
        o.skip_binary = false;
    } else if (eql(u8, name, "-I")) {
        o.skip_binary = true;
        o.text = false;
    } else if (eql(u8, name, "null-data")) {
        o.null_data = true;
    } else if (eql(u8, name, "line-number")) {
        o.line_numbers = true;
    } else if (eql(u8, name, "no-line-number")) {
        o.line_numbers = false;
    } else if (eql(u8, name, "with-filename")) {
        o.with_filename = true;
    } else if (eql(u8, name, "no-filename")) {
        o.with_filename = false;
    } else if (eql(u8, name, "recursive") or eql(u8, name, "dereference-recursive")) {
        o.recursive = true; // directories are searched recursively anyway
    } else if (eql(u8, name, "stats")) {
        o.stats = true;
    } else if (eql(u8, name, "no-mmap")) {
        o.no_mmap = true;
    } else if (eql(u8, name, "version")) {
        return error.Version;
    } else if (eql(u8, name, "help")) {
        return error.Help;
    } else return false;
    return true;
}

fn longValue(gpa: Allocator, o: *Options, name: []const u8, v: []const u8, have_pattern: *bool, context_all: *?u64) ParseError!void {
    const eql = std.mem.eql;
    if (eql(u8, name, "regexp")) {
        try appendPatterns(gpa, &o.patterns, v);
        have_pattern.* = true;
    } else if (eql(u8, name, "file")) {
        try readPatternFile(gpa, v, &o.patterns);
        have_pattern.* = true;
    } else if (eql(u8, name, "group")) {
        o.group = std.fmt.parseInt(usize, v, 10) catch return valueError("invalid group number '{s}'", .{v});
        o.only = true;
    } else if (eql(u8, name, "max-count")) {
        // As grep: a negative count is no limit.
        const n = grepNumber(v) orelse return valueError("invalid max count", .{});
        o.max_count = if (n < 0) null else @intCast(n);
    } else if (eql(u8, name, "after-context")) {
        o.after = try parseContext(v);
    } else if (eql(u8, name, "before-context")) {
        o.before = try parseContext(v);
    } else if (eql(u8, name, "context")) {
        context_all.* = try parseContext(v);
    } else if (eql(u8, name, "include")) {
        try o.file_globs.append(gpa, .{ .glob = v, .include = true });
    } else if (eql(u8, name, "exclude")) {
        try o.file_globs.append(gpa, .{ .glob = v, .include = false });
    } else if (eql(u8, name, "exclude-dir")) {
        try o.exclude_dirs.append(gpa, v);
    } else if (eql(u8, name, "threads")) {
        const n = std.fmt.parseInt(usize, v, 10) catch return valueError("invalid thread count '{s}'", .{v});
        o.threads = if (n == 0) null else n;
    } else if (eql(u8, name, "chunk-size")) {
        o.chunk_size = std.fmt.parseInt(usize, v, 10) catch return valueError("invalid --chunk-size '{s}'", .{v});
        if (o.chunk_size == 0) return valueError("--chunk-size must be > 0", .{});
    } else if (eql(u8, name, "binary-files")) {
        if (eql(u8, v, "binary")) {
            o.text = false;
            o.skip_binary = false;
        } else if (eql(u8, v, "text")) {
            o.text = true;
            o.skip_binary = false;
        } else if (eql(u8, v, "without-match")) {
            o.skip_binary = true;
            o.text = false;
        } else return valueError("invalid argument '{s}' for '--binary-files'", .{v});
    } else unreachable;
}

fn parseContext(v: []const u8) ParseError!u64 {
    const n = grepNumber(v) orelse -1;
    if (n < 0) return valueError("{s}: invalid context length argument", .{v});
    return @intCast(n);
}

/// A number as grep reads one (gnulib's xstrtoimax): leading white space
/// and a sign allowed, a value past the range saturating. Null when it is
/// not a number.
fn grepNumber(v: []const u8) ?i64 {
    var start: usize = 0;
    while (start < v.len and std.ascii.isWhitespace(v[start])) start += 1;
    const t = v[start..];
    return std.fmt.parseInt(i64, t, 10) catch |err| switch (err) {
        error.Overflow => if (t[0] == '-') std.math.minInt(i64) else std.math.maxInt(i64),
        error.InvalidCharacter => null,
    };
}

/// grep splits a PATTERNS argument at newlines: each line is a pattern.
fn appendPatterns(gpa: Allocator, list: *std.ArrayList([]const u8), text: []const u8) Allocator.Error!void {
    var it = std.mem.splitScalar(u8, text, '\n');
    while (it.next()) |p| try list.append(gpa, p);
}

/// Reads a pattern file: one pattern per line (a final newline ends the last
/// line, it does not add an empty pattern); `-` is stdin.
fn readPatternFile(gpa: Allocator, path: []const u8, list: *std.ArrayList([]const u8)) ParseError!void {
    const data = readWholeFile(gpa, path) catch |err| switch (err) {
        error.OutOfMemory => return error.OutOfMemory,
        else => {
            eprint("fxgrep: {s}: {s}\n", .{ path, libc.errorText() });
            return error.Reported;
        },
    };
    if (data.len == 0) return;
    const body = if (data[data.len - 1] == '\n') data[0 .. data.len - 1] else data;
    try appendPatterns(gpa, list, body);
}

fn readWholeFile(gpa: Allocator, path: []const u8) ![]u8 {
    const stdin = std.mem.eql(u8, path, "-");
    const z = try libc.dupeZ(gpa, path);
    defer gpa.free(z);
    const fd = if (stdin) 0 else libc.open(z, libc.O_RDONLY | libc.O_CLOEXEC);
    if (fd < 0) return error.Open;
    defer if (!stdin) {
        _ = libc.close(fd);
    };
    var list: std.ArrayList(u8) = .empty;
    var chunk: [64 * 1024]u8 = undefined;
    while (true) {
        const n = libc.read(fd, &chunk, chunk.len);
        if (n < 0) {
            if (libc.errno() == libc.EINTR) continue;
            return error.Read;
        }
        if (n == 0) break;
        try list.appendSlice(gpa, chunk[0..@intCast(n)]);
    }
    return list.items;
}

test "grep's option forms" {
    var arena_state = std.heap.ArenaAllocator.init(std.testing.allocator);
    defer arena_state.deinit();
    const a = arena_state.allocator();
    const o = try parseArgs(a, &.{ "-inC2", "-A", "1", "-m3", "--include=*.c", "-e", "x\ny", "--", "-v" });
    try std.testing.expect(o.ignore_case and o.line_numbers.?);
    try std.testing.expectEqual(@as(?u64, 1), o.after);
    try std.testing.expectEqual(@as(?u64, 2), o.before);
    try std.testing.expectEqual(@as(?u64, 3), o.max_count);
    try std.testing.expectEqual(@as(usize, 2), o.patterns.items.len);
    try std.testing.expectEqualStrings("-v", o.paths.items[0]);
    try std.testing.expectEqualStrings("*.c", o.file_globs.items[0].glob);
    try std.testing.expect(o.file_globs.items[0].include);
    const p = try parseArgs(a, &.{ "-5", "x" });
    try std.testing.expectEqual(@as(?u64, 5), p.after);
    try std.testing.expectError(error.Usage, parseArgs(a, &.{ "-Y", "x" }));
    try std.testing.expectError(error.Usage, parseArgs(a, &.{"-e"}));
    try std.testing.expectError(error.Usage, parseArgs(a, &.{ "-m", "x", "y" }));
    // Counts as grep reads them: negative -m is no limit, leading blanks
    // and values past the range are taken, a negative context is not.
    try std.testing.expectEqual(@as(?u64, null), (try parseArgs(a, &.{ "-m", "-1", "x" })).max_count);
    try std.testing.expectEqual(@as(?u64, null), (try parseArgs(a, &.{ "--max-count=-1", "x" })).max_count);
    try std.testing.expectEqual(@as(?u64, 1), (try parseArgs(a, &.{ "-m", " 1", "x" })).max_count);
    try std.testing.expectEqual(@as(?u64, std.math.maxInt(i64)), (try parseArgs(a, &.{ "-m", "99999999999999999999", "x" })).max_count);
    try std.testing.expectEqual(@as(?u64, 2), (try parseArgs(a, &.{ "-A", " 2", "x" })).after);
    try std.testing.expectEqual(@as(?u64, std.math.maxInt(i64)), (try parseArgs(a, &.{ "-A", "99999999999999999999", "x" })).after);
    try std.testing.expectError(error.Usage, parseArgs(a, &.{ "-A", "-1", "x" }));
    try std.testing.expectError(error.Usage, parseArgs(a, &.{ "-A", "", "x" }));
    try std.testing.expectError(error.Usage, parseArgs(a, &.{ "-G", "x" }));
    try std.testing.expectError(error.Version, parseArgs(a, &.{"--version"}));
    try std.testing.expectError(error.Usage, parseArgs(a, &.{}));
}
