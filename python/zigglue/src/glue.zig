//! The Zig glue of the seed's chain (Python -> C shim -> Zig -> ferrex):
//! plain C-ABI functions over the ferrex Zig wrapper, for src/shim.c to
//! call. They take and return only C types (pointers, lengths, statuses),
//! so the shim needs no Zig and the glue needs no Python: neither side
//! depends on the other's version.
//!
//! Statuses are ferrex_status values (0 = FERREX_OK, negative = error) and
//! searches return 1 / 0 as in the C API, plus FXZ_ERR_NO_MEMORY when the
//! glue's own allocation fails (src/glue.h).
const std = @import("std");
const ferrex = @import("ferrex");

const no_memory: i32 = -100; // FXZ_ERR_NO_MEMORY in glue.h

/// A compiled regex and the cache its searches use. The shim calls in with
/// the GIL held and never releases it, so one thread at a time uses the
/// cache: searches do not allocate once it is warm.
const Regex = struct {
    regex: ferrex.Regex,
    cache: ferrex.Cache,
};

/// `ptr[0..len]`; an empty slice for len 0 (ptr may then be NULL), null
/// for a NULL ptr with a length.
fn slice(ptr: ?[*]const u8, len: usize) ?[]const u8 {
    if (len == 0) return &.{};
    const p = ptr orelse return null;
    return p[0..len];
}

/// Copies `text` into `buf` (NUL-terminated, truncated to fit).
fn copyMessage(text: []const u8, buf: ?[*]u8, cap: usize) void {
    const b = buf orelse return;
    if (cap == 0) return;
    const n = @min(text.len, cap - 1);
    @memcpy(b[0..n], text[0..n]);
    b[n] = 0;
}

/// Compiles `pattern` (UTF-8, flags 0) into `out.*`. On failure `out.*`
/// is null and `message` receives ferrex's message (with the caret
/// diagram of a syntax error).
export fn fxz_compile(pattern: ?[*]const u8, len: usize, out: ?*?*Regex, message: ?[*]u8, message_cap: usize) i32 {
    const o = out orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    o.* = null;
    const pat = slice(pattern, len) orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    var diag: ferrex.Diagnostics = .{};
    defer diag.deinit();
    var re = ferrex.Regex.init(pat, .{ .diagnostics = &diag }) catch |err| {
        copyMessage(diag.message, message, message_cap);
        return ferrex.errorStatus(err);
    };
    var cache = ferrex.Cache.init(&re) catch |err| {
        re.deinit();
        copyMessage(ferrex.statusMessage(ferrex.errorStatus(err)), message, message_cap);
        return ferrex.errorStatus(err);
    };
    const h = std.heap.c_allocator.create(Regex) catch {
        cache.deinit();
        re.deinit();
        copyMessage("out of memory", message, message_cap);
        return no_memory;
    };
    h.* = .{ .regex = re, .cache = cache };
    o.* = h;
    return ferrex.c.FERREX_OK;
}

/// Frees what fxz_compile made; NULL is a no-op.
export fn fxz_free(handle: ?*Regex) void {
    const r = handle orelse return;
    r.cache.deinit();
    r.regex.deinit();
    std.heap.c_allocator.destroy(r);
}

/// 1 if the regex matches anywhere in the haystack, 0 if not.
export fn fxz_is_match(handle: ?*Regex, hay: ?[*]const u8, len: usize) i32 {
    const r = handle orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const h = slice(hay, len) orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const found = r.regex.isMatch(&r.cache, h, .{}) catch |err| return ferrex.errorStatus(err);
    return @intFromBool(found);
}

/// The leftmost-first match's byte span into `start.*`, `end.*`: 1, or 0
/// when there is none.
export fn fxz_find(handle: ?*Regex, hay: ?[*]const u8, len: usize, start: ?*usize, end: ?*usize) i32 {
    const r = handle orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const h = slice(hay, len) orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const s = start orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const e = end orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const m = (r.regex.find(&r.cache, h, .{}) catch |err| return ferrex.errorStatus(err)) orelse return 0;
    s.* = m.start;
    e.* = m.end;
    return 1;
}

/// How many non-overlapping matches iterating would report, into `count.*`.
export fn fxz_count(handle: ?*Regex, hay: ?[*]const u8, len: usize, count: ?*usize) i32 {
    const r = handle orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const h = slice(hay, len) orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    const n = count orelse return ferrex.c.FERREX_ERR_NULL_POINTER;
    n.* = r.regex.countMatches(&r.cache, h, .{}) catch |err| return ferrex.errorStatus(err);
    return ferrex.c.FERREX_OK;
}

/// libferrex's version number (MAJOR * 10000 + MINOR * 100 + PATCH): the
/// cheapest call through the whole chain, for measuring its overhead.
export fn fxz_version_number() u32 {
    return ferrex.versionNumber();
}

/// What a status means, in words (static).
export fn fxz_status_message(status: i32) [*:0]const u8 {
    if (status == no_memory) return "out of memory";
    return ferrex.statusMessage(status).ptr;
}
