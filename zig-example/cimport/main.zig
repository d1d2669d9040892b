//! The @cImport way to use ferrex, for Zig 0.15 and 0.16 (Zig 0.17 removed
//! @cImport: there the build system translates the header, see build.zig).
//! Compiles a regex, finds a match and prints it with the C library's printf.
//! Exits non-zero when anything is not as expected.
const c = @cImport({
    @cInclude("stdio.h");
    @cInclude("ferrex.h");
});

pub fn main() u8 {
    const pattern = "(?P<year>[0-9]{4})-(?P<month>[0-9]{2})";
    const hay = "released 2024-05, patched 2024-06";

    var re: ?*c.ferrex_regex = null;
    var err: ?*c.ferrex_error = null;
    if (c.ferrex_regex_new(&re, pattern, pattern.len, 0, null, &err) != c.FERREX_OK) {
        _ = c.printf("ferrex_regex_new: %s\n", c.ferrex_error_message(err));
        c.ferrex_error_free(err);
        return 1;
    }
    defer c.ferrex_regex_free(re);

    var m: c.ferrex_match = undefined;
    const rc = c.ferrex_regex_find(re, null, hay, hay.len, null, &m);
    if (rc != 1) {
        _ = c.printf("ferrex_regex_find returned %d (%s)\n", rc, c.ferrex_status_name(rc));
        return 1;
    }
    const text = hay[m.start..m.end];
    _ = c.printf("ferrex %s via @cImport: \"%.*s\" at [%zu, %zu)\n", c.ferrex_version(), @as(c_int, @intCast(text.len)), text.ptr, m.start, m.end);

    // A bad pattern reports its status by name.
    var bad: ?*c.ferrex_regex = null;
    const status = c.ferrex_regex_new(&bad, "(", 1, 0, null, null);
    _ = c.printf("pattern \"(\": %s\n", c.ferrex_status_name(status));
    if (status != c.FERREX_ERR_SYNTAX or bad != null) return 1;

    return if (m.start == 9 and m.end == 16 and c.ferrex_version_number() == c.FERREX_VERSION_NUMBER) 0 else 1;
}
