"""ferrex's backend over cffi in API mode (ferrex._ferrex_cffi, compiled
by _build_cffi.py): the same calls as the C extension ferrex._ferrex (see
the top of _ferrex.c), for PyPy, where cffi is the native and fastest way
to call C, and for CPython 3.9 and 3.10.

cffi releases the GIL around every call into the library; the regex's
internal cache pool serves concurrent threads. Haystacks are passed with
ffi.from_buffer() (no copy; a bytearray stays pinned for the call).
"""
from ._ferrex_cffi import ffi, lib

BACKEND = "cffi API mode"
HEADER_VERSION = lib.FERREX_VERSION_NUMBER
LIBRARY_VERSION = lib.ferrex_version_number()

_NULL = ffi.NULL
_from_buffer = ffi.from_buffer
_UNSET = (1 << (8 * ffi.sizeof("size_t"))) - 1


def _check(status):
    if status < 0:
        name = ffi.string(lib.ferrex_status_name(status)).decode()
        msg = ffi.string(lib.ferrex_status_message(status)).decode()
        raise (IndexError if name == "FERREX_ERR_OUT_OF_BOUNDS" else RuntimeError)(f"{name}: {msg}")
    return status


def _buf(hay):
    if isinstance(hay, str):
        return hay.encode("utf-8")  # the caller passes ASCII str only
    try:
        return _from_buffer(hay)
    except TypeError:
        raise TypeError("expected a string or a bytes-like object") from None


class Regex:
    __slots__ = ("_re", "_groups", "_spare", "__weakref__")

    def __init__(self, ptr, groups):
        self._re = ffi.gc(ptr, lib.ferrex_regex_free)
        self._groups = groups
        self._spare = []

    def group_count(self):
        return self._groups

    def group_names(self):
        out = []
        name = ffi.new("const uint8_t **")
        n = ffi.new("size_t *")
        for g in range(1, self._groups):
            if _check(lib.ferrex_regex_group_name(self._re, 0, g, name, n)) == 1:
                out.append((ffi.unpack(ffi.cast("char *", name[0]), n[0]).decode("utf-8"), g))
        return out

    def _bounds(self, start, end, flags):
        s = ffi.new("ferrex_search *")
        s.start = start
        s.end = end
        s.flags = flags
        return s

    def is_match(self, hay, start, end, flags):
        b = _buf(hay)
        r = lib.ferrex_regex_is_match(self._re, _NULL, b, len(b), self._bounds(start, end, flags))
        return _check(r) == 1

    def search(self, hay, start, end, flags):
        b = _buf(hay)
        s = self._bounds(start, end, flags)
        if self._groups <= 1:
            m = ffi.new("ferrex_match *")
            if _check(lib.ferrex_regex_find(self._re, _NULL, b, len(b), s, m)) == 0:
                return None
            return (m.start, m.end)
        try:
            caps = self._spare.pop()
        except IndexError:
            pp = ffi.new("ferrex_captures **")
            _check(lib.ferrex_captures_new(pp, self._re, _NULL))
            caps = ffi.gc(pp[0], lib.ferrex_captures_free)
        try:
            if _check(lib.ferrex_regex_captures(self._re, _NULL, b, len(b), s, caps)) == 0:
                return None
            spans = ffi.new("ferrex_match[]", self._groups)
            n = ffi.new("size_t *")
            _check(lib.ferrex_captures_spans(caps, spans, self._groups, n))
            out = []
            for i in range(n[0]):
                m = spans[i]
                if m.start == _UNSET:
                    out += (-1, -1)
                else:
                    out += (m.start, m.end)
            return tuple(out)
        finally:
            self._spare.append(caps)


def compile(pattern, flags, kind=0):
    if not isinstance(pattern, bytes):
        raise TypeError("compile(pattern: bytes, flags: int)")
    pp = ffi.new("ferrex_regex **")
    ep = ffi.new("ferrex_error **")
    st = lib.ferrex_regex_new(pp, pattern, len(pattern), flags, _NULL, ep)
    if st != 0:
        err = ep[0]
        s = ffi.new("size_t *")
        e = ffi.new("size_t *")
        if err != _NULL:
            msg = ffi.string(lib.ferrex_error_message(err)).decode("utf-8", "replace")
            has = lib.ferrex_error_span(err, s, e) == 1
            lib.ferrex_error_free(err)
        else:
            msg = ffi.string(lib.ferrex_status_message(st)).decode()
            has = False
        name = ffi.string(lib.ferrex_status_name(st)).decode()
        raise ValueError(msg, name, s[0] if has else -1, e[0] if has else -1)
    n = ffi.new("size_t *")
    r = pp[0]
    if lib.ferrex_regex_group_count(r, 0, n) != 0:
        lib.ferrex_regex_free(r)
        raise RuntimeError("ferrex_regex_group_count failed")
    return Regex(r, n[0])


def _bytes_result(status, out):
    _check(status)
    try:
        return ffi.unpack(ffi.cast("char *", out.ptr), out.len) if out.len else b""
    finally:
        lib.ferrex_bytes_free(out)


def escape(text):
    b = _buf(text)
    out = ffi.new("ferrex_bytes *")
    st = lib.ferrex_escape_alloc(b, len(b), out)
    if st == -8:  # FERREX_ERR_INVALID_UTF8
        raise ValueError("escape: the text is not valid UTF-8")
    return _bytes_result(st, out)


def lowercase(text, mode):
    b = _buf(text)
    out = ffi.new("ferrex_bytes *")
    return _bytes_result(lib.ferrex_lowercase_alloc(b, len(b), mode, out), out)


def version():
    return ffi.string(lib.ferrex_version()).decode()
