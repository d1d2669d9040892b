//! ferrex for Zig: an idiomatic wrapper over the C API in include/ferrex.h.
//!
//! Every function here is a thin shim over one or two C calls: the wrapper
//! adds Zig types (slices, optionals, error unions, option structs with
//! defaults) and no behaviour of its own. The header remains the manual for
//! what each call does.
//!
//!     const hay = "released 2024-05, patched 2024-06";
//!     var re = try ferrex.Regex.init("[0-9]{4}-[0-9]{2}", .{});
//!     defer re.deinit();
//!     if (try re.find(null, hay, .{})) |m| std.debug.print("{s}\n", .{m.slice(hay)});
//!     var it = try re.iterator(hay, .{ .start = 10 });
//!     defer it.deinit();
//!     while (it.next()) |m| std.debug.print("{d}..{d}\n", .{ m.start, m.end });
//!
//! Conventions:
//! - `init` / `deinit` pairs own one C handle each; `deinit` frees it.
//! - A `ferrex_status` error becomes one member of `Error`; a search's 1 / 0
//!   becomes `true` / `false` (or a `?Match`).
//! - Constructors fill an optional `Diagnostics` (message, failing pattern,
//!   byte span) from the library's `ferrex_error`.
//! - Per-thread scratch is explicit: searches take a `?*Cache` (null borrows
//!   one from the regex's internal pool, as NULL does in C).
//! - Functions that produce bytes allocate the result with the caller's
//!   `std.mem.Allocator` by the header's buffer-size protocol: ask for the
//!   size, allocate, fill. The caller frees the slice.
const std = @import("std");
const assert = std.debug.assert;
const Allocator = std.mem.Allocator;

/// The header, as the build system translated it (`b.addTranslateC`).
pub const c = @import("ferrex_c");

// ---------------------------------------------------------------------------
// Versions and statuses
// ---------------------------------------------------------------------------

/// The version of the header this wrapper was compiled against.
pub const header_version_number: u32 = c.FERREX_VERSION_NUMBER;

/// The library's version, "MAJOR.MINOR.PATCH" (static).
pub fn version() [:0]const u8 {
    return std.mem.sliceTo(c.ferrex_version(), 0);
}

/// The library's version as MAJOR * 10000 + MINOR * 100 + PATCH; compare with
/// `header_version_number` to detect a mismatched library.
pub fn versionNumber() u32 {
    return c.ferrex_version_number();
}

/// One error per negative `ferrex_status`.
pub const Error = error{
    /// FERREX_ERR_INTERNAL: a bug in ferrex was caught at the boundary.
    Internal,
    /// FERREX_ERR_NULL_POINTER.
    NullPointer,
    /// FERREX_ERR_INVALID_ARGUMENT.
    InvalidArgument,
    /// FERREX_ERR_UNKNOWN_FLAG: a flags word has bits this version does not define.
    UnknownFlag,
    /// FERREX_ERR_OUT_OF_BOUNDS: search bounds outside the haystack, or start > end.
    OutOfBounds,
    /// FERREX_ERR_INDEX: no such pattern, group index or group name.
    Index,
    /// FERREX_ERR_WRONG_REGEX: a cache, captures or iterator of another regex.
    WrongRegex,
    /// FERREX_ERR_INVALID_UTF8.
    InvalidUtf8,
    /// FERREX_ERR_SYNTAX: not valid regex syntax (nesting limit included).
    Syntax,
    /// FERREX_ERR_SIZE_LIMIT.
    SizeLimit,
    /// FERREX_ERR_BUFFER_TOO_SMALL.
    BufferTooSmall,
    /// FERREX_ERR_UNSUPPORTED.
    Unsupported,
    /// FERREX_ERR_ABORTED: a replace callback asked to abort.
    Aborted,
    /// FERREX_ERR_RETAIN_LIMIT: a stream's match in progress would keep more
    /// bytes than its retain limit (abandoned; the stream goes on).
    RetainLimit,
};

/// `Error` plus the caller's allocator failing.
pub const AllocError = Error || Allocator.Error;

/// The error for a negative status. A negative value this header does not
/// know (a newer library) is reported as `error.Internal`.
pub fn statusError(status: i32) Error {
    assert(status < 0);
    return switch (status) {
        c.FERREX_ERR_NULL_POINTER => error.NullPointer,
        c.FERREX_ERR_INVALID_ARGUMENT => error.InvalidArgument,
        c.FERREX_ERR_UNKNOWN_FLAG => error.UnknownFlag,
        c.FERREX_ERR_OUT_OF_BOUNDS => error.OutOfBounds,
        c.FERREX_ERR_INDEX => error.Index,
        c.FERREX_ERR_WRONG_REGEX => error.WrongRegex,
        c.FERREX_ERR_INVALID_UTF8 => error.InvalidUtf8,
        c.FERREX_ERR_SYNTAX => error.Syntax,
        c.FERREX_ERR_SIZE_LIMIT => error.SizeLimit,
        c.FERREX_ERR_BUFFER_TOO_SMALL => error.BufferTooSmall,
        c.FERREX_ERR_UNSUPPORTED => error.Unsupported,
        c.FERREX_ERR_ABORTED => error.Aborted,
        c.FERREX_ERR_RETAIN_LIMIT => error.RetainLimit,
        else => error.Internal,
    };
}

/// The `ferrex_status` an error stands for.
pub fn errorStatus(err: Error) i32 {
    return switch (err) {
        error.Internal => c.FERREX_ERR_INTERNAL,
        error.NullPointer => c.FERREX_ERR_NULL_POINTER,
        error.InvalidArgument => c.FERREX_ERR_INVALID_ARGUMENT,
        error.UnknownFlag => c.FERREX_ERR_UNKNOWN_FLAG,
        error.OutOfBounds => c.FERREX_ERR_OUT_OF_BOUNDS,
        error.Index => c.FERREX_ERR_INDEX,
        error.WrongRegex => c.FERREX_ERR_WRONG_REGEX,
        error.InvalidUtf8 => c.FERREX_ERR_INVALID_UTF8,
        error.Syntax => c.FERREX_ERR_SYNTAX,
        error.SizeLimit => c.FERREX_ERR_SIZE_LIMIT,
        error.BufferTooSmall => c.FERREX_ERR_BUFFER_TOO_SMALL,
        error.Unsupported => c.FERREX_ERR_UNSUPPORTED,
        error.Aborted => c.FERREX_ERR_ABORTED,
        error.RetainLimit => c.FERREX_ERR_RETAIN_LIMIT,
    };
}

/// The name of a status constant, e.g. "FERREX_ERR_SYNTAX" (static).
pub fn statusName(status: i32) [:0]const u8 {
    return std.mem.sliceTo(c.ferrex_status_name(status), 0);
}

/// A one-line English description of a status (static).
pub fn statusMessage(status: i32) [:0]const u8 {
    return std.mem.sliceTo(c.ferrex_status_message(status), 0);
}

/// FERREX_OK or an error.
fn check(status: i32) Error!void {
    if (status < 0) return statusError(status);
    assert(status == c.FERREX_OK);
}

/// A search result: 1 (true), 0 (false) or an error.
fn searchResult(rc: i32) Error!bool {
    if (rc < 0) return statusError(rc);
    assert(rc == 0 or rc == 1);
    return rc == 1;
}

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

/// A byte span `[start, end)`.
pub const Span = struct {
    start: usize,
    end: usize,
};

/// What a failed constructor reports, filled from the library's
/// `ferrex_error`. Pass a pointer in the options' `diagnostics` field; the
/// constructor clears it first. `message` stays valid until `deinit` (or the
/// next constructor given the same Diagnostics), which frees the error.
///
///     var diag: ferrex.Diagnostics = .{};
///     defer diag.deinit();
///     _ = ferrex.Regex.init("a(", .{ .diagnostics = &diag }) catch {
///         std.debug.print("{s}\n", .{diag.message});
///     };
pub const Diagnostics = struct {
    /// The error the constructor returned, null before any failure.
    err: ?Error = null,
    /// The library's message (syntax errors span several lines with a caret).
    message: [:0]const u8 = "",
    /// For a multi-pattern build (or a phrase set), the failing pattern.
    pattern: ?usize = null,
    /// For a syntax or UTF-8 error, the offending bytes inside that pattern.
    span: ?Span = null,
    /// The owned `ferrex_error`, or null.
    handle: ?*c.ferrex_error = null,

    /// Frees the error and resets every field.
    pub fn deinit(self: *Diagnostics) void {
        c.ferrex_error_free(self.handle);
        self.* = .{};
    }

    /// Takes ownership of `handle` (may be null) after a call failed with `err`.
    fn fill(self: *Diagnostics, err: Error, handle: ?*c.ferrex_error) void {
        self.deinit();
        self.err = err;
        const h = handle orelse {
            // A failure with no error object (an options setter): the
            // library's description of the status.
            self.message = statusMessage(errorStatus(err));
            return;
        };
        self.handle = h;
        self.message = std.mem.sliceTo(c.ferrex_error_message(h), 0);
        var index: usize = 0;
        if (c.ferrex_error_pattern(h, &index) == 1) self.pattern = index;
        var start: usize = 0;
        var end: usize = 0;
        if (c.ferrex_error_span(h, &start, &end) == 1) self.span = .{ .start = start, .end = end };
    }
};

/// Runs a constructor's status through `check`, filling `diagnostics` on
/// failure and freeing the error object when nobody asked for it.
fn finish(status: i32, err_handle: ?*c.ferrex_error, diagnostics: ?*Diagnostics) Error!void {
    check(status) catch |err| {
        if (diagnostics) |d| d.fill(err, err_handle) else c.ferrex_error_free(err_handle);
        return err;
    };
    assert(err_handle == null);
}

/// Starts a constructor: clears `diagnostics` and gives the C error
/// out-parameter (NULL when nobody wants details).
fn errorOut(diagnostics: ?*Diagnostics, slot: *?*c.ferrex_error) ?*?*c.ferrex_error {
    if (diagnostics) |d| {
        d.deinit();
        return slot;
    }
    return null;
}

// ---------------------------------------------------------------------------
// Matches and searches
// ---------------------------------------------------------------------------

/// A match (or a capture group's span): bytes `[start, end)` of the
/// haystack, found by pattern (or phrase) `pattern`. Same layout as
/// `ferrex_match`, so batch calls fill Zig slices directly.
pub const Match = extern struct {
    start: usize,
    end: usize,
    pattern: usize,

    pub fn len(m: Match) usize {
        return m.end - m.start;
    }

    /// The matched bytes of the haystack the match was found in.
    pub fn slice(m: Match, haystack: []const u8) []const u8 {
        return haystack[m.start..m.end];
    }

    /// The offsets of a capture group that took no part in the match, in
    /// every field (`FERREX_UNSET`): see `Captures.spans`.
    pub const unset: usize = std.math.maxInt(usize);

    /// Whether this group span took part in its match (false for the
    /// `unset` entries `Captures.spans` and `Iterator.nextSpans` write).
    pub fn isSet(m: Match) bool {
        return m.start != unset;
    }

    fn fromC(m: c.ferrex_match) Match {
        return .{ .start = m.start, .end = m.end, .pattern = m.pattern };
    }
};

comptime {
    assert(Match.unset == c.FERREX_UNSET);
}

comptime {
    assert(@sizeOf(Match) == @sizeOf(c.ferrex_match));
    assert(@offsetOf(Match, "start") == @offsetOf(c.ferrex_match, "start"));
    assert(@offsetOf(Match, "end") == @offsetOf(c.ferrex_match, "end"));
    assert(@offsetOf(Match, "pattern") == @offsetOf(c.ferrex_match, "pattern"));
}

/// How to search a haystack (`ferrex_search`). The defaults search all of
/// it, unanchored, leftmost-first. Look-around (`^`, `$`, `\b`) still sees
/// the bytes outside the bounds.
pub const Search = struct {
    /// First byte offset a match may occupy.
    start: usize = 0,
    /// One past the last byte a match may occupy; null: the haystack's end.
    end: ?usize = null,
    /// FERREX_SEARCH_ANCHORED: a match must start exactly at `start`.
    anchored: bool = false,
    /// FERREX_SEARCH_EARLIEST: stop as soon as a match is certain.
    earliest: bool = false,
    /// FERREX_SEARCH_ANCHOR_PATTERN: anchored, and only this pattern may match.
    anchor_pattern: ?usize = null,
    /// FERREX_SEARCH_AFTER_MATCH: `start` is where a previous match ended;
    /// an empty match there is skipped, as an iteration would skip it.
    after_match: bool = false,
    /// Raw FERREX_SEARCH_* bits OR'ed in, for bits this wrapper has no field for.
    raw_flags: u32 = 0,

    fn toC(s: Search, haystack_len: usize) c.ferrex_search {
        var flags: u32 = s.raw_flags;
        if (s.anchored) flags |= c.FERREX_SEARCH_ANCHORED;
        if (s.earliest) flags |= c.FERREX_SEARCH_EARLIEST;
        if (s.anchor_pattern != null) flags |= c.FERREX_SEARCH_ANCHOR_PATTERN;
        if (s.after_match) flags |= c.FERREX_SEARCH_AFTER_MATCH;
        return .{
            .start = s.start,
            .end = s.end orelse haystack_len,
            .flags = flags,
            .pattern = s.anchor_pattern orelse 0,
        };
    }

    /// What to pass for this search over `haystack_len` bytes: null for the
    /// whole haystack without flags, which libferrex's hot searches answer
    /// by code of their own (their bound and flag checks folded away), else
    /// `storage`, filled in.
    fn cPtr(s: Search, haystack_len: usize, storage: *c.ferrex_search) ?*const c.ferrex_search {
        storage.* = s.toC(haystack_len);
        if (storage.start == 0 and storage.end == haystack_len and storage.flags == 0) return null;
        return storage;
    }
};

// ---------------------------------------------------------------------------
// Regex
// ---------------------------------------------------------------------------

/// FERREX_FLAG_* as a packed struct: bit i of the C flags word is field i.
pub const Flags = packed struct(u32) {
    /// `(?i)`
    case_insensitive: bool = false,
    /// `(?m)`
    multi_line: bool = false,
    /// `(?s)`
    dot_matches_new_line: bool = false,
    /// `(?U)`
    swap_greed: bool = false,
    /// `(?x)`
    ignore_whitespace: bool = false,
    /// ASCII-only `\w`, `\d`, `\s`, `\b` and case folding.
    no_unicode: bool = false,
    /// Byte mode: matches may contain invalid UTF-8.
    no_utf8: bool = false,
    /// `(?R)`
    crlf: bool = false,
    /// Bits this version does not define (the library rejects them with
    /// `error.UnknownFlag`).
    reserved: u24 = 0,

    pub fn bits(f: Flags) u32 {
        return @bitCast(f);
    }
};

comptime {
    assert((Flags{ .case_insensitive = true }).bits() == c.FERREX_FLAG_CASE_INSENSITIVE);
    assert((Flags{ .multi_line = true }).bits() == c.FERREX_FLAG_MULTI_LINE);
    assert((Flags{ .dot_matches_new_line = true }).bits() == c.FERREX_FLAG_DOT_MATCHES_NEW_LINE);
    assert((Flags{ .swap_greed = true }).bits() == c.FERREX_FLAG_SWAP_GREED);
    assert((Flags{ .ignore_whitespace = true }).bits() == c.FERREX_FLAG_IGNORE_WHITESPACE);
    assert((Flags{ .no_unicode = true }).bits() == c.FERREX_FLAG_NO_UNICODE);
    assert((Flags{ .no_utf8 = true }).bits() == c.FERREX_FLAG_NO_UTF8);
    assert((Flags{ .crlf = true }).bits() == c.FERREX_FLAG_CRLF);
}

/// A compiled regex of one or more patterns (`ferrex_regex`). Immutable:
/// share it across threads; each thread searches with its own `Cache`
/// (or null).
pub const Regex = struct {
    handle: *c.ferrex_regex,

    /// `ferrex_match_kind`.
    pub const MatchKind = enum(u32) {
        /// Perl-like leftmost-first (the default).
        leftmost_first = c.FERREX_MATCH_KIND_LEFTMOST_FIRST,
        /// Every match is a candidate (for is-match and `whichMatches`).
        all = c.FERREX_MATCH_KIND_ALL,
        _,
    };

    /// Build options (`ferrex_options`). A null limit keeps the library's
    /// default (see ferrex_options_new()).
    pub const Options = struct {
        flags: Flags = .{},
        match_kind: MatchKind = .leftmost_first,
        nfa_size_limit: ?usize = null,
        dfa_size_limit: ?usize = null,
        dfa_cache_capacity: ?usize = null,
        nesting_limit: ?u32 = null,
        /// The most memory one cache may need for the NFA simulation's
        /// capture slots (ferrex_options_set_search_memory_limit): it grows
        /// with the square of the pattern count, and a regex past it fails
        /// to build with `error.SizeLimit`.
        search_memory_limit: ?usize = null,
        /// Filled when the build fails.
        diagnostics: ?*Diagnostics = null,

        /// A new `ferrex_options` (free with ferrex_options_free).
        fn toC(o: Options) Error!*c.ferrex_options {
            var handle: ?*c.ferrex_options = null;
            try check(c.ferrex_options_new(&handle, null));
            const h = handle.?;
            errdefer c.ferrex_options_free(h);
            try check(c.ferrex_options_set_match_kind(h, @intFromEnum(o.match_kind)));
            if (o.nfa_size_limit) |v| try check(c.ferrex_options_set_nfa_size_limit(h, v));
            if (o.dfa_size_limit) |v| try check(c.ferrex_options_set_dfa_size_limit(h, v));
            if (o.dfa_cache_capacity) |v| try check(c.ferrex_options_set_dfa_cache_capacity(h, v));
            if (o.nesting_limit) |v| try check(c.ferrex_options_set_nesting_limit(h, v));
            if (o.search_memory_limit) |v| try check(c.ferrex_options_set_search_memory_limit(h, v));
            return h;
        }
    };

    /// Compiles one pattern (ferrex_regex_new).
    pub fn init(pattern: []const u8, options: Options) Error!Regex {
        const opts = options.toC() catch |err| {
            if (options.diagnostics) |d| d.fill(err, null);
            return err;
        };
        defer c.ferrex_options_free(opts);
        var err_handle: ?*c.ferrex_error = null;
        var handle: ?*c.ferrex_regex = null;
        const status = c.ferrex_regex_new(
            &handle,
            pattern.ptr,
            pattern.len,
            options.flags.bits(),
            opts,
            errorOut(options.diagnostics, &err_handle),
        );
        try finish(status, err_handle, options.diagnostics);
        return .{ .handle = handle.? };
    }

    /// Compiles several patterns into one regex (ferrex_regex_new_many);
    /// matches report which pattern matched. `gpa` holds the pointer and
    /// length arrays the C call takes, for the duration of the call.
    pub fn initMany(gpa: Allocator, patterns: []const []const u8, options: Options) AllocError!Regex {
        const ptrs = try gpa.alloc([*c]const u8, patterns.len);
        defer gpa.free(ptrs);
        const lens = try gpa.alloc(usize, patterns.len);
        defer gpa.free(lens);
        for (patterns, ptrs, lens) |p, *ptr, *len| {
            ptr.* = p.ptr;
            len.* = p.len;
        }
        const opts = options.toC() catch |err| {
            if (options.diagnostics) |d| d.fill(err, null);
            return err;
        };
        defer c.ferrex_options_free(opts);
        var err_handle: ?*c.ferrex_error = null;
        var handle: ?*c.ferrex_regex = null;
        const status = c.ferrex_regex_new_many(
            &handle,
            ptrs.ptr,
            lens.ptr,
            patterns.len,
            options.flags.bits(),
            opts,
            errorOut(options.diagnostics, &err_handle),
        );
        try finish(status, err_handle, options.diagnostics);
        return .{ .handle = handle.? };
    }

    pub fn deinit(self: *Regex) void {
        c.ferrex_regex_free(self.handle);
        self.* = undefined;
    }

    /// The number of patterns.
    pub fn patternCount(self: *const Regex) Error!usize {
        var count: usize = 0;
        try check(c.ferrex_regex_pattern_count(self.handle, &count));
        return count;
    }

    /// The shortest and the longest a match of any pattern can be, in
    /// bytes (`ferrex_regex_match_len_bounds`): `min` 0 means a match can
    /// be empty, `max` null that matches are unbounded; null when the
    /// syntax gives no bound (no match is possible, or a part that can
    /// never match hides the rest's: `a|[^\s\S]|`): then assume a match
    /// can be empty.
    pub const LenBounds = struct { min: usize, max: ?usize };

    pub fn matchLenBounds(self: *const Regex) Error!?LenBounds {
        var min: usize = 0;
        var max: usize = 0;
        try check(c.ferrex_regex_match_len_bounds(self.handle, &min, &max));
        if (min == Match.unset) return null;
        return .{ .min = min, .max = if (max == Match.unset) null else max };
    }

    /// Whether this regex has a fully compiled DFA that its searches use
    /// (small patterns within the DFA size limit whose DFA has accelerated
    /// states), which answers find, count and iteration where the meta
    /// regex has no literal to skip to. Determinizes it at the whole limit
    /// if no search has settled it yet: call it once, not per search.
    pub fn hasFullDfa(self: *const Regex) Error!bool {
        return searchResult(c.ferrex_regex_has_full_dfa(self.handle));
    }

    /// The number of capture groups of `pattern`, group 0 included.
    pub fn groupCount(self: *const Regex, pattern: usize) Error!usize {
        var count: usize = 0;
        try check(c.ferrex_regex_group_count(self.handle, pattern, &count));
        return count;
    }

    /// The name of group `group` of `pattern`, null when it has none. The
    /// bytes belong to the regex.
    pub fn groupName(self: *const Regex, pattern: usize, group: usize) Error!?[]const u8 {
        var name: [*c]const u8 = null;
        var len: usize = 0;
        if (!try searchResult(c.ferrex_regex_group_name(self.handle, pattern, group, &name, &len))) return null;
        return name[0..len];
    }

    /// The index of the group called `name` in `pattern`, null when none.
    pub fn groupIndex(self: *const Regex, pattern: usize, name: []const u8) Error!?usize {
        var index: usize = 0;
        if (!try searchResult(c.ferrex_regex_group_index(self.handle, pattern, name.ptr, name.len, &index))) return null;
        return index;
    }

    /// Whether the regex matches within the bounds (ferrex_regex_is_match).
    pub fn isMatch(self: *const Regex, cache: ?*Cache, haystack: []const u8, search: Search) Error!bool {
        var s: c.ferrex_search = undefined;
        return searchResult(c.ferrex_regex_is_match(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, search.cPtr(haystack.len, &s)));
    }

    /// How many matches iterating would report, found without their
    /// starts (one forward scan): the fastest way to count.
    pub fn countMatches(self: *const Regex, cache: ?*Cache, haystack: []const u8, search: Search) Error!usize {
        var s: c.ferrex_search = undefined;
        var n: usize = 0;
        try check(c.ferrex_regex_count(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, search.cPtr(haystack.len, &s), &n));
        return n;
    }

    /// The leftmost-first (or, with `earliest`, the earliest) match.
    pub fn find(self: *const Regex, cache: ?*Cache, haystack: []const u8, search: Search) Error!?Match {
        var s: c.ferrex_search = undefined;
        var m: c.ferrex_match = undefined;
        if (!try searchResult(c.ferrex_regex_find(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, search.cPtr(haystack.len, &s), &m))) return null;
        return Match.fromC(m);
    }

    /// The matches an iteration would report, up to `buf.len` of them, in
    /// one call (ferrex_regex_find_all): the filled part of `buf`. A full
    /// `buf` may leave more; go on with `.start` = the last match's end and
    /// `.after_match = true`.
    pub fn findAll(self: *const Regex, cache: ?*Cache, haystack: []const u8, buf: []Match, search: Search) Error![]Match {
        var s: c.ferrex_search = undefined;
        var count: usize = 0;
        _ = try searchResult(c.ferrex_regex_find_all(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, search.cPtr(haystack.len, &s), @ptrCast(buf.ptr), buf.len, &count));
        assert(count <= buf.len);
        return buf[0..count];
    }

    /// Finds the leftmost-first match and records its groups in `captures`
    /// (made for this regex). Returns whether there was a match.
    pub fn captures(self: *const Regex, cache: ?*Cache, haystack: []const u8, caps: *Captures, search: Search) Error!bool {
        var s: c.ferrex_search = undefined;
        return searchResult(c.ferrex_regex_captures(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, search.cPtr(haystack.len, &s), caps.handle));
    }

    /// The set query: `matched[i]` tells whether pattern i matches anywhere
    /// in the bounds. `matched` needs at least `patternCount()` entries
    /// (else `error.BufferTooSmall`); the rest is untouched. Returns whether
    /// any pattern matched.
    pub fn whichMatches(self: *const Regex, cache: ?*Cache, haystack: []const u8, matched: []bool, search: Search) Error!bool {
        comptime assert(@sizeOf(bool) == 1);
        const s = search.toC(haystack.len);
        // The library writes 0 or 1 into each byte: valid `bool`s.
        const bytes: [*]u8 = @ptrCast(matched.ptr);
        return searchResult(c.ferrex_regex_which_matches(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, &s, bytes, matched.len));
    }

    /// An iterator over the non-overlapping matches in `haystack`, which
    /// must stay unchanged (the iterator keeps the slice) until `deinit`.
    pub fn iterator(self: *const Regex, haystack: []const u8, search: Search) Error!Iterator {
        const s = search.toC(haystack.len);
        var handle: ?*c.ferrex_iter = null;
        try check(c.ferrex_iter_new(&handle, self.handle, haystack.len, &s, null));
        return .{ .handle = handle.?, .haystack = haystack };
    }

    /// Replaces matches with the expansion of `template` (`$1`, `${name}`,
    /// `$$`; see ferrex_regex_replace) and returns the whole new text,
    /// allocated with `gpa` (caller frees).
    pub fn replace(
        self: *const Regex,
        gpa: Allocator,
        cache: ?*Cache,
        haystack: []const u8,
        template: []const u8,
        options: ReplaceOptions,
    ) AllocError![]u8 {
        const s = options.search.toC(haystack.len);
        var bytes: c.ferrex_bytes = .{ .ptr = null, .len = 0 };
        const status = c.ferrex_regex_replace_alloc(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, &s, template.ptr, template.len, options.limit, &bytes);
        return ownBytes(gpa, status, &bytes);
    }

    /// Replaces matches with what `callback` returns for each, called once
    /// per match in order on this thread:
    ///
    ///     fn callback(context: @TypeOf(context), caps: *const Captures, haystack: []const u8) ReplaceAction
    ///
    /// The replacement bytes must outlive the callback's return (not in its
    /// own stack frame): ferrex copies them right then. `.abort` makes the
    /// call fail with `error.Aborted`. The result is allocated with `gpa`.
    /// (This runs ferrex_regex_replace_with_alloc, so the callback runs
    /// exactly once per match, and copies its result into `gpa`'s memory.)
    pub fn replaceWith(
        self: *const Regex,
        gpa: Allocator,
        cache: ?*Cache,
        haystack: []const u8,
        context: anytype,
        comptime callback: fn (@TypeOf(context), *const Captures, []const u8) ReplaceAction,
        options: ReplaceOptions,
    ) AllocError![]u8 {
        const Context = @TypeOf(context);
        const Trampoline = struct {
            fn call(
                user_data: ?*anyopaque,
                caps: ?*const c.ferrex_captures,
                hay: [*c]const u8,
                hay_len: usize,
                replacement: [*c][*c]const u8,
                replacement_len: [*c]usize,
            ) callconv(.c) i32 {
                const ctx: Context = if (@sizeOf(Context) == 0)
                    undefined
                else
                    @as(*const Context, @ptrCast(@alignCast(user_data.?))).*;
                // Read-only access: the callback gets a *const Captures, whose
                // methods only read (as ferrex_captures_group() and co. do).
                const view: Captures = .{ .handle = @constCast(caps.?) };
                const h: []const u8 = if (hay_len == 0) "" else hay[0..hay_len];
                switch (callback(ctx, &view, h)) {
                    .replace => |bytes| {
                        replacement.* = bytes.ptr;
                        replacement_len.* = bytes.len;
                        return 0;
                    },
                    .replace_and_stop => |bytes| {
                        replacement.* = bytes.ptr;
                        replacement_len.* = bytes.len;
                        return 1;
                    },
                    .abort => return -1,
                }
            }
        };
        var ctx = context;
        const user_data: ?*anyopaque = if (@sizeOf(Context) == 0) null else @ptrCast(&ctx);
        const s = options.search.toC(haystack.len);
        var bytes: c.ferrex_bytes = .{ .ptr = null, .len = 0 };
        const status = c.ferrex_regex_replace_with_alloc(self.handle, cacheHandle(cache), haystack.ptr, haystack.len, &s, options.limit, Trampoline.call, user_data, &bytes);
        return ownBytes(gpa, status, &bytes);
    }

    /// A non-overlapping match iteration (`ferrex_iter`). It holds its own
    /// cache and a reference to its regex. One thread at a time.
    pub const Iterator = MatchIterator(c.ferrex_iter);
};

fn cacheHandle(cache: ?*Cache) ?*c.ferrex_cache {
    return if (cache) |k| k.handle else null;
}

/// Per-thread scratch for searching with one regex (`ferrex_cache`): makes
/// searches allocation-free once warm. Use it only with its regex, from one
/// thread at a time.
pub const Cache = struct {
    handle: *c.ferrex_cache,

    pub fn init(regex: *const Regex) Error!Cache {
        var handle: ?*c.ferrex_cache = null;
        try check(c.ferrex_cache_new(&handle, regex.handle, null));
        return .{ .handle = handle.? };
    }

    pub fn deinit(self: *Cache) void {
        c.ferrex_cache_free(self.handle);
        self.* = undefined;
    }
};

/// The capture group spans of the last match found with it
/// (`ferrex_captures`). Holds offsets only. One thread at a time.
pub const Captures = struct {
    handle: *c.ferrex_captures,

    pub fn init(regex: *const Regex) Error!Captures {
        var handle: ?*c.ferrex_captures = null;
        try check(c.ferrex_captures_new(&handle, regex.handle, null));
        return .{ .handle = handle.? };
    }

    pub fn deinit(self: *Captures) void {
        c.ferrex_captures_free(self.handle);
        self.* = undefined;
    }

    /// The pattern of the last match, null when the last search did not match.
    pub fn pattern(self: *const Captures) Error!?usize {
        var index: usize = 0;
        if (!try searchResult(c.ferrex_captures_pattern(self.handle, &index))) return null;
        return index;
    }

    /// The number of groups (group 0 included) of the pattern that matched,
    /// null when the last search did not match.
    pub fn groupCount(self: *const Captures) Error!?usize {
        var count: usize = 0;
        if (!try searchResult(c.ferrex_captures_group_count(self.handle, &count))) return null;
        return count;
    }

    /// The span of group `index` (0: the whole match); null when it took no
    /// part in the match or there was none; `error.Index` when the matched
    /// pattern has no such group.
    pub fn group(self: *const Captures, index: usize) Error!?Match {
        var m: c.ferrex_match = undefined;
        if (!try searchResult(c.ferrex_captures_group(self.handle, index, &m))) return null;
        return Match.fromC(m);
    }

    /// The span of the group called `name`, as `group`.
    pub fn groupByName(self: *const Captures, name: []const u8) Error!?Match {
        var m: c.ferrex_match = undefined;
        if (!try searchResult(c.ferrex_captures_group_by_name(self.handle, name.ptr, name.len, &m))) return null;
        return Match.fromC(m);
    }

    /// Every group span of the last match, copied into `buf` in one call
    /// (`buf[i]` is group i; a group that took no part is `Match.unset`,
    /// see `Match.isSet`): the filled part, or null when the last search
    /// did not match. `error.BufferTooSmall` when `buf` holds fewer spans
    /// than the matched pattern has groups (see `groupCount`).
    pub fn spans(self: *const Captures, buf: []Match) Error!?[]Match {
        var count: usize = 0;
        if (!try searchResult(c.ferrex_captures_spans(self.handle, @ptrCast(buf.ptr), buf.len, &count))) return null;
        assert(count <= buf.len);
        return buf[0..count];
    }
};

/// For `Regex.replace` and `Regex.replaceWith`.
pub const ReplaceOptions = struct {
    search: Search = .{},
    /// 0 replaces every match, N at most the first N.
    limit: usize = 0,
};

/// What a `Regex.replaceWith` callback does with a match.
pub const ReplaceAction = union(enum) {
    /// Replace the match with these bytes and go on.
    replace: []const u8,
    /// Replace the match with these bytes and stop; the rest of the
    /// haystack is copied unchanged.
    replace_and_stop: []const u8,
    /// Abort: the replace call fails with `error.Aborted`.
    abort,
};

// ---------------------------------------------------------------------------
// Phrase sets
// ---------------------------------------------------------------------------

/// A compiled set of literal phrases (`ferrex_phrases`). Immutable: share it
/// across threads.
pub const PhraseSet = struct {
    handle: *c.ferrex_phrases,

    /// `ferrex_phrase_match_kind`.
    pub const MatchKind = enum(u32) {
        /// The match that ends first; the only kind for overlapping iteration.
        standard = c.FERREX_PHRASE_MATCH_STANDARD,
        /// Leftmost; among phrases there, the one given first.
        leftmost_first = c.FERREX_PHRASE_MATCH_LEFTMOST_FIRST,
        /// Leftmost; among phrases there, the longest (the default).
        leftmost_longest = c.FERREX_PHRASE_MATCH_LEFTMOST_LONGEST,
        _,
    };

    /// `ferrex_phrase_automaton`.
    pub const Automaton = enum(u32) {
        auto = c.FERREX_PHRASE_AUTOMATON_AUTO,
        nfa = c.FERREX_PHRASE_AUTOMATON_NFA,
        contiguous_nfa = c.FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA,
        dfa = c.FERREX_PHRASE_AUTOMATON_DFA,
        _,
    };

    /// `ferrex_phrase_starts`: which searches the set supports.
    pub const Starts = enum(u32) {
        unanchored = c.FERREX_PHRASE_STARTS_UNANCHORED,
        anchored = c.FERREX_PHRASE_STARTS_ANCHORED,
        both = c.FERREX_PHRASE_STARTS_BOTH,
        _,
    };

    /// Build options (`ferrex_phrase_options`); the defaults are the
    /// library's (see ferrex_phrase_options_new()).
    pub const Options = struct {
        match_kind: MatchKind = .leftmost_longest,
        automaton: Automaton = .auto,
        starts: Starts = .both,
        ascii_case_insensitive: bool = false,
        unicode_case_insensitive: bool = false,
        /// null: the library's default (8 MiB).
        dfa_size_limit: ?usize = null,
        /// Filled when the build fails.
        diagnostics: ?*Diagnostics = null,

        fn toC(o: Options) Error!*c.ferrex_phrase_options {
            var handle: ?*c.ferrex_phrase_options = null;
            try check(c.ferrex_phrase_options_new(&handle, null));
            const h = handle.?;
            errdefer c.ferrex_phrase_options_free(h);
            try check(c.ferrex_phrase_options_set_match_kind(h, @intFromEnum(o.match_kind)));
            try check(c.ferrex_phrase_options_set_automaton(h, @intFromEnum(o.automaton)));
            try check(c.ferrex_phrase_options_set_starts(h, @intFromEnum(o.starts)));
            try check(c.ferrex_phrase_options_set_ascii_case_insensitive(h, @intFromBool(o.ascii_case_insensitive)));
            try check(c.ferrex_phrase_options_set_unicode_case_insensitive(h, @intFromBool(o.unicode_case_insensitive)));
            if (o.dfa_size_limit) |v| try check(c.ferrex_phrase_options_set_dfa_size_limit(h, v));
            return h;
        }
    };

    /// What `info` reports (`ferrex_phrases_info`).
    pub const Info = struct {
        count: usize,
        min_len: usize,
        max_len: usize,
        /// Heap used by the compiled set, in bytes.
        memory_usage: usize,
        /// The automaton built (never `.auto`).
        automaton: Automaton,
    };

    /// Builds a set from `phrases` (any bytes; empty phrases match
    /// everywhere, duplicates are kept). `gpa` holds the pointer and length
    /// arrays for the duration of the C call.
    pub fn init(gpa: Allocator, phrases: []const []const u8, options: Options) AllocError!PhraseSet {
        const ptrs = try gpa.alloc([*c]const u8, phrases.len);
        defer gpa.free(ptrs);
        const lens = try gpa.alloc(usize, phrases.len);
        defer gpa.free(lens);
        for (phrases, ptrs, lens) |p, *ptr, *len| {
            ptr.* = p.ptr;
            len.* = p.len;
        }
        const opts = options.toC() catch |err| {
            if (options.diagnostics) |d| d.fill(err, null);
            return err;
        };
        defer c.ferrex_phrase_options_free(opts);
        var err_handle: ?*c.ferrex_error = null;
        var handle: ?*c.ferrex_phrases = null;
        const status = c.ferrex_phrases_new(&handle, ptrs.ptr, lens.ptr, phrases.len, opts, errorOut(options.diagnostics, &err_handle));
        try finish(status, err_handle, options.diagnostics);
        return .{ .handle = handle.? };
    }

    pub fn deinit(self: *PhraseSet) void {
        c.ferrex_phrases_free(self.handle);
        self.* = undefined;
    }

    /// Describes the set (ferrex_phrases_describe).
    pub fn info(self: *const PhraseSet) Error!Info {
        var i: c.ferrex_phrases_info = undefined;
        try check(c.ferrex_phrases_describe(self.handle, &i));
        return .{
            .count = i.count,
            .min_len = i.min_len,
            .max_len = i.max_len,
            .memory_usage = i.memory_usage,
            .automaton = @enumFromInt(i.automaton),
        };
    }

    /// Whether any phrase occurs within the bounds (`anchored` and
    /// `earliest` apply; `anchor_pattern` gives `error.Unsupported`).
    pub fn isMatch(self: *const PhraseSet, haystack: []const u8, search: Search) Error!bool {
        const s = search.toC(haystack.len);
        return searchResult(c.ferrex_phrases_is_match(self.handle, haystack.ptr, haystack.len, &s));
    }

    /// The first match by the set's match kind; `pattern` is the phrase index.
    pub fn find(self: *const PhraseSet, haystack: []const u8, search: Search) Error!?Match {
        const s = search.toC(haystack.len);
        var m: c.ferrex_match = undefined;
        if (!try searchResult(c.ferrex_phrases_find(self.handle, haystack.ptr, haystack.len, &s, &m))) return null;
        return Match.fromC(m);
    }

    /// Non-overlapping matches by the set's match kind. `haystack` must stay
    /// unchanged until `deinit`.
    pub fn iterator(self: *const PhraseSet, haystack: []const u8, search: Search) Error!Iterator {
        return self.iteratorMode(haystack, search, false);
    }

    /// Every occurrence of every phrase, ordered by end (standard match
    /// kind only, else `error.Unsupported`).
    pub fn overlappingIterator(self: *const PhraseSet, haystack: []const u8, search: Search) Error!Iterator {
        return self.iteratorMode(haystack, search, true);
    }

    fn iteratorMode(self: *const PhraseSet, haystack: []const u8, search: Search, overlapping: bool) Error!Iterator {
        const s = search.toC(haystack.len);
        var handle: ?*c.ferrex_phrase_iter = null;
        try check(c.ferrex_phrase_iter_new(&handle, self.handle, haystack.len, &s, @intFromBool(overlapping), null));
        return .{ .handle = handle.?, .haystack = haystack };
    }

    /// Replaces every non-overlapping match of phrase i by `replacements[i]`
    /// (exactly one per phrase, else `error.InvalidArgument`) and returns the
    /// new text, allocated with `gpa`.
    pub fn replace(
        self: *const PhraseSet,
        gpa: Allocator,
        haystack: []const u8,
        replacements: []const []const u8,
        search: Search,
    ) AllocError![]u8 {
        const ptrs = try gpa.alloc([*c]const u8, replacements.len);
        defer gpa.free(ptrs);
        const lens = try gpa.alloc(usize, replacements.len);
        defer gpa.free(lens);
        for (replacements, ptrs, lens) |r, *ptr, *len| {
            ptr.* = r.ptr;
            len.* = r.len;
        }
        const s = search.toC(haystack.len);
        var bytes: c.ferrex_bytes = .{ .ptr = null, .len = 0 };
        const status = c.ferrex_phrases_replace_alloc(self.handle, haystack.ptr, haystack.len, &s, ptrs.ptr, lens.ptr, ptrs.len, &bytes);
        return ownBytes(gpa, status, &bytes);
    }

    /// A phrase match iteration (`ferrex_phrase_iter`), non-overlapping or
    /// overlapping. Holds a reference to its set. One thread at a time.
    pub const Iterator = MatchIterator(c.ferrex_phrase_iter);
};

/// A search over text that arrives in chunks (`ferrex_stream`), made from
/// a regex or a phrase set: `feed` the chunks, take the settled matches
/// with `next` or `nextBatch` after each, then `end` the text
/// (`ferrex_stream_finish`) and take the rest.
/// The matches, with absolute offsets (bytes since `init` or `reset`), are
/// those the one-shot iteration over all the chunks joined would report;
/// the stream copies the few bytes a match in progress needs and keeps no
/// slice of a chunk. Holds a reference to its regex or set. One thread at
/// a time.
///
///     var stream = try ferrex.Stream.initRegex(&re, .{});
///     defer stream.deinit();
///     var buf: [64]ferrex.Match = undefined;
///     while (try reader.read(&chunk) > 0) {
///         try stream.feed(chunk[0..n]);
///         while (stream.nextBatch(&buf).len > 0) ...
///     }
///     try stream.end();
pub const Stream = struct {
    handle: *c.ferrex_stream,

    /// What a regex's stream reports.
    pub const Report = enum {
        /// The one-shot iteration's matches.
        matches,
        /// Every match end of every pattern (`FERREX_STREAM_ENDS`):
        /// `start` is `Match.unset`; keeps no byte.
        ends,
        /// Each pattern once, at its first match end
        /// (`FERREX_STREAM_PATTERNS`); keeps no byte.
        patterns,
    };

    pub const Options = struct {
        /// The most bytes kept between calls (a match in progress past it
        /// gives `error.RetainLimit`); null: the library's 1 MiB. Below
        /// what the stream always keeps (L + A + 3, A + 4, or L for
        /// overlapping phrases, A from 0 to 4 by the look-ahead: ferrex.h),
        /// `error.InvalidArgument`.
        retain_limit: ?usize = null,
        /// Overlapping matches (a phrase set of the standard kind only).
        overlapping: bool = false,
        report: Report = .matches,
        /// Filled when the build fails.
        diagnostics: ?*Diagnostics = null,

        fn flags(o: Options) u32 {
            const overlapping: u32 = if (o.overlapping) c.FERREX_STREAM_OVERLAPPING else 0;
            return overlapping | switch (o.report) {
                .matches => @as(u32, 0),
                .ends => c.FERREX_STREAM_ENDS,
                .patterns => c.FERREX_STREAM_PATTERNS,
            };
        }
    };

    /// What `info` reports (`ferrex_stream_info`).
    pub const Info = struct {
        /// Bytes fed since `init` or the last `reset`.
        offset: usize,
        /// Bytes the stream holds between calls.
        retained: usize,
        /// Settled matches waiting to be taken.
        ready: usize,
        finished: bool,
    };

    /// A stream of the regex's leftmost-first matches (`error.Unsupported`
    /// for the `all` match kind or `overlapping`).
    pub fn initRegex(regex: *const Regex, options: Options) Error!Stream {
        var err_handle: ?*c.ferrex_error = null;
        var handle: ?*c.ferrex_stream = null;
        const status = c.ferrex_stream_new(&handle, regex.handle, options.retain_limit orelse 0, options.flags(), errorOut(options.diagnostics, &err_handle));
        try finish(status, err_handle, options.diagnostics);
        return .{ .handle = handle.? };
    }

    /// A stream of the set's matches under its match kind.
    pub fn initPhrases(set: *const PhraseSet, options: Options) Error!Stream {
        var err_handle: ?*c.ferrex_error = null;
        var handle: ?*c.ferrex_stream = null;
        const status = c.ferrex_stream_new_phrases(&handle, set.handle, options.retain_limit orelse 0, options.flags(), errorOut(options.diagnostics, &err_handle));
        try finish(status, err_handle, options.diagnostics);
        return .{ .handle = handle.? };
    }

    pub fn deinit(self: *Stream) void {
        c.ferrex_stream_free(self.handle);
        self.* = undefined;
    }

    /// Appends a chunk and settles what it can. `error.RetainLimit`: the
    /// match in progress was abandoned (the matches settled before it can
    /// still be taken) and the stream goes on. `error.InvalidArgument`
    /// after `end`, until `reset`.
    pub fn feed(self: *Stream, chunk: []const u8) Error!void {
        try check(c.ferrex_stream_feed(self.handle, chunk.ptr, chunk.len));
    }

    /// Ends the text: every remaining match is settled
    /// (`ferrex_stream_finish`; `finish` names the wrapper's own helper).
    pub fn end(self: *Stream) Error!void {
        try check(c.ferrex_stream_finish(self.handle));
    }

    /// The next settled match, or null when none waits (feed more).
    pub fn next(self: *Stream) ?Match {
        var found: Match = undefined;
        const rc = c.ferrex_stream_next(self.handle, @ptrCast(&found));
        assert(rc == 0 or rc == 1); // only NULL pointers fail
        return if (rc == 1) found else null;
    }

    /// Fills `buf` (not empty) with the next settled matches and returns
    /// the filled part: empty when none waits.
    pub fn nextBatch(self: *Stream, buf: []Match) []Match {
        assert(buf.len > 0);
        var count: usize = 0;
        const rc = c.ferrex_stream_next_batch(self.handle, @ptrCast(buf.ptr), buf.len, &count);
        assert(rc == 0 or rc == 1);
        assert(count <= buf.len);
        return buf[0..count];
    }

    /// Starts a new text at offset 0 (the bytes kept and the matches not
    /// taken are dropped; the allocations stay).
    pub fn reset(self: *Stream) void {
        const rc = c.ferrex_stream_reset(self.handle);
        assert(rc == c.FERREX_OK);
    }

    /// What the stream holds (`ferrex_stream_describe`).
    pub fn info(self: *const Stream) Info {
        var i: c.ferrex_stream_info = undefined;
        const rc = c.ferrex_stream_describe(self.handle, &i);
        assert(rc == c.FERREX_OK);
        return .{ .offset = i.offset, .retained = i.retained, .ready = i.ready, .finished = i.finished != 0 };
    }
};

/// The match iteration over the handle `Handle`: `ferrex_iter` (a regex's,
/// with captures) or `ferrex_phrase_iter` (a phrase set's). The iterator
/// keeps the haystack slice, which must stay unchanged until `deinit`.
fn MatchIterator(comptime Handle: type) type {
    const is_regex = Handle == c.ferrex_iter;
    comptime assert(is_regex or Handle == c.ferrex_phrase_iter);
    const api = if (is_regex) struct {
        const next = c.ferrex_iter_next;
        const next_batch = c.ferrex_iter_next_batch;
        const reset = c.ferrex_iter_reset;
        const free = c.ferrex_iter_free;
    } else struct {
        const next = c.ferrex_phrase_iter_next;
        const next_batch = c.ferrex_phrase_iter_next_batch;
        const reset = c.ferrex_phrase_iter_reset;
        const free = c.ferrex_phrase_iter_free;
    };
    return struct {
        handle: *Handle,
        haystack: []const u8,
        /// Set when a step failed (only a library bug can make one fail:
        /// the wrapper always passes the haystack the iteration began with);
        /// the iteration then reports no more matches.
        err: ?Error = null,

        const Self = @This();

        pub fn deinit(self: *Self) void {
            api.free(self.handle);
            self.* = undefined;
        }

        /// The next match, or null when there are no more.
        pub fn next(self: *Self) ?Match {
            if (self.err != null) return null;
            var m: Match = undefined;
            const found = searchResult(api.next(self.handle, self.haystack.ptr, self.haystack.len, @ptrCast(&m))) catch |err| {
                self.err = err;
                return null;
            };
            return if (found) m else null;
        }

        /// Fills `buf` (not empty: an empty result would read as the end)
        /// with the next matches and returns the filled part: empty when
        /// there are no more; when it is all of `buf` there may be more.
        pub fn nextBatch(self: *Self, buf: []Match) []Match {
            assert(buf.len > 0);
            if (self.err != null) return buf[0..0];
            var count: usize = 0;
            _ = searchResult(api.next_batch(self.handle, self.haystack.ptr, self.haystack.len, @ptrCast(buf.ptr), buf.len, &count)) catch |err| {
                self.err = err;
                return buf[0..0];
            };
            assert(count <= buf.len);
            return buf[0..count];
        }

        /// Advances to the next match and records its groups in `caps`
        /// (made for the same regex). Returns false when there are no more.
        /// A phrase iteration has no groups: `error.Unsupported`.
        pub fn nextCaptures(self: *Self, caps: *Captures) Error!bool {
            if (!is_regex) return error.Unsupported else {
                if (self.err) |err| return err;
                return searchResult(c.ferrex_iter_next_captures(self.handle, self.haystack.ptr, self.haystack.len, caps.handle));
            }
        }

        /// Advances to the next match and copies the span of every one of
        /// its groups into `buf` in the same call (`buf[i]` is group i,
        /// group 0 the whole match; a group that took no part is
        /// `Match.unset`, see `Match.isSet`). Returns the filled part, or
        /// null when there are no more matches. `buf` must hold as many
        /// spans as the pattern with the most groups has, else
        /// `error.BufferTooSmall` (and the iteration does not move). A
        /// phrase iteration has no groups: `error.Unsupported`.
        pub fn nextSpans(self: *Self, buf: []Match) Error!?[]Match {
            if (!is_regex) return error.Unsupported else {
                if (self.err) |err| return err;
                var count: usize = 0;
                if (!try searchResult(c.ferrex_iter_next_spans(self.handle, self.haystack.ptr, self.haystack.len, @ptrCast(buf.ptr), buf.len, &count))) return null;
                assert(count <= buf.len);
                return buf[0..count];
            }
        }

        /// Fills `buf` with the group spans of the next matches, `stride`
        /// spans a match: match k's groups from `buf[k * stride]` (group 0
        /// the whole match, whose `pattern` is the pattern that matched;
        /// a group that took no part is `Match.unset`), then `Match.unset`
        /// up to `stride`. One call for as many matches as fit, where
        /// `nextSpans` takes one a match. Returns the filled part, whose
        /// length over `stride` is the number of matches: empty when there
        /// are no more; when it is all the matches that fit there may be
        /// more. `stride` must be at least the most groups a pattern has,
        /// and `buf` must hold at least one match (`stride` spans), else
        /// `error.BufferTooSmall` (and the iteration does not move).
        /// A phrase iteration has no groups: `error.Unsupported`.
        pub fn nextSpansBatch(self: *Self, buf: []Match, stride: usize) Error![]Match {
            if (!is_regex) return error.Unsupported else {
                if (self.err) |err| return err;
                // Room for no match would come back empty, which reads as
                // the end.
                if (buf.len < stride) return error.BufferTooSmall;
                const cap = if (stride == 0) 0 else buf.len / stride;
                var count: usize = 0;
                _ = try searchResult(c.ferrex_iter_next_spans_batch(self.handle, self.haystack.ptr, self.haystack.len, @ptrCast(buf.ptr), stride, cap, &count));
                assert(count <= cap);
                return buf[0 .. count * stride];
            }
        }

        /// Restarts on a new haystack and bounds (a phrase iteration keeps
        /// its mode), reusing the cache. On failure the iterator is
        /// unchanged.
        pub fn reset(self: *Self, haystack: []const u8, search: Search) Error!void {
            const s = search.toC(haystack.len);
            try check(api.reset(self.handle, haystack.len, &s));
            self.haystack = haystack;
            self.err = null;
        }
    };
}

// ---------------------------------------------------------------------------
// Text transformations
// ---------------------------------------------------------------------------

/// `ferrex_lowercase_mode`.
pub const LowercaseMode = enum(u32) {
    /// Only A-Z; the length never changes.
    ascii = c.FERREX_LOWERCASE_ASCII,
    /// Full Unicode lowercase per character; the length may change.
    unicode = c.FERREX_LOWERCASE_UNICODE,
    _,
};

/// Lowercases `text` (invalid UTF-8 is copied unchanged) into a new slice
/// allocated with `gpa`.
pub fn lowercase(gpa: Allocator, text: []const u8, mode: LowercaseMode) AllocError![]u8 {
    const Call = struct {
        text: []const u8,
        mode: u32,

        fn call(k: *const @This(), out: [*c]u8, cap: usize, out_len: *usize) i32 {
            return c.ferrex_lowercase(k.text.ptr, k.text.len, k.mode, out, cap, out_len);
        }
    };
    const call: Call = .{ .text = text, .mode = @intFromEnum(mode) };
    // ASCII keeps the length; Unicode nearly always does.
    return allocOutput(gpa, &call, text.len);
}

/// Escapes UTF-8 `text` into a pattern that matches it literally, allocated
/// with `gpa`.
pub fn escape(gpa: Allocator, text: []const u8) AllocError![]u8 {
    const Call = struct {
        text: []const u8,

        fn call(k: *const @This(), out: [*c]u8, cap: usize, out_len: *usize) i32 {
            return c.ferrex_escape(k.text.ptr, k.text.len, out, cap, out_len);
        }
    };
    const call: Call = .{ .text = text };
    // A backslash per metacharacter: room for one in eight.
    return allocOutput(gpa, &call, text.len + text.len / 8 + 8);
}

/// The header's buffer-size protocol, in one call when `guess` bytes are
/// enough: a call reports the size it needs (FERREX_ERR_BUFFER_TOO_SMALL)
/// when the buffer is too small; grow it to that and call again. The result
/// is shrunk to its length.
fn allocOutput(gpa: Allocator, call: anytype, guess: usize) AllocError![]u8 {
    var buf = try gpa.alloc(u8, guess);
    errdefer gpa.free(buf);
    var len: usize = 0;
    var status = call.call(buf.ptr, buf.len, &len);
    while (status == c.FERREX_ERR_BUFFER_TOO_SMALL) {
        assert(len > buf.len);
        buf = try gpa.realloc(buf, len);
        status = call.call(buf.ptr, buf.len, &len);
    }
    try check(status);
    assert(len <= buf.len);
    return gpa.realloc(buf, len);
}

/// A `*_alloc` call's result (`status`, `bytes`) in `gpa`'s memory; the
/// library's buffer is freed either way.
fn ownBytes(gpa: Allocator, status: i32, bytes: *c.ferrex_bytes) AllocError![]u8 {
    defer c.ferrex_bytes_free(bytes);
    try check(status);
    const result: []const u8 = if (bytes.len == 0) "" else bytes.ptr[0..bytes.len];
    return gpa.dupe(u8, result);
}
