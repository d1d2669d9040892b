"""ferrex's backend over cffi in API mode (ferrex._ferrex_cffi, compiled
by _build_cffi.py): the same calls as the C extension ferrex._ferrex (see
the top of _ferrex.c), for PyPy, where cffi is the native and fastest way
to call C, and for CPython 3.9 and 3.10; and Regex.iter_spans, a long
iteration's matches a batch a call (the C extension batches its finditer
in C, PatternBase).

cffi releases the GIL around every call into the library; the regex's
internal cache pool serves concurrent threads. Haystacks are passed with
ffi.from_buffer(): in place on CPython, whose buffer protocol pins the
owner (resizing a bytearray then raises BufferError); on PyPy only bytes
are read in place, since there another thread may resize, close or free
a bytearray, array or mmap while the call reads it (see _buf).

RegexSet's calls (compile_many, Regex.which, Regex.search_set) and
PhraseSet's (compile_phrases, Phrases, PhraseIter) are _ferrex.c's and
_phrases.c's, and Stream's (stream_new, Stream) _stream.c's, described at
the top of those files.
"""
import sys as _sys
import threading as _threading

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
        if name == "FERREX_ERR_INTERNAL":  # as _ferrex.h's check()
            last = lib.ferrex_error_last()
            if last != _NULL:
                msg = ffi.string(lib.ferrex_error_message(last)).decode("utf-8", "replace")
            msg += " (if another thread changed the buffer's bytes during the call, that is the cause)"
        raise (IndexError if name == "FERREX_ERR_OUT_OF_BOUNDS" else RuntimeError)(f"{name}: {msg}")
    return status


# Whether a buffer's owner stays pinned while ffi.from_buffer() reads it.
# PyPy lets a bytearray, array or mmap be resized, closed or freed with a
# from_buffer() cdata (or a memoryview) alive, and cffi drops the GIL for
# the call: another thread could free the memory the library is reading
# (a segfault, seen). There every buffer but bytes is copied for the call.
_PINNED = _sys.implementation.name != "pypy"


def _buf(hay, what="expected a string or a bytes-like object"):
    if isinstance(hay, str):
        return hay.encode("utf-8")  # the caller passes ASCII str only
    if isinstance(hay, bytes):
        return _from_buffer(hay)
    try:
        view = memoryview(hay)
    except TypeError:
        raise TypeError(what) from None
    if not view.c_contiguous:  # as the C extension (PyBUF_SIMPLE) refuses it
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    return _from_buffer(hay if _PINNED else view.tobytes())


# iter_spans: spans of at least this many bytes are iterated a batch of
# matches a call, as _ferrex.c's finditer does (RELEASE_GIL_AT); each batch
# holds BATCH group spans, 16 matches at least.
_BATCH_AT = 4096
_BATCH = 256
# Iterators and captures kept for reuse, a few per regex: enough for the
# threads and nested iterations that use one regex at once; more (3,000
# open finditers) are freed when done rather than kept for good.
_SPARES = 4


class Regex:
    __slots__ = ("_re", "_groups", "_patterns", "_spare", "_spare_iters", "_never_empty", "__weakref__")

    def __init__(self, ptr, groups, patterns=1):
        self._re = ffi.gc(ptr, lib.ferrex_regex_free)
        self._groups = groups  # the most groups of any pattern, group 0 included
        self._patterns = patterns
        self._spare = []
        self._spare_iters = []
        lo, hi = ffi.new("size_t *"), ffi.new("size_t *")
        _check(lib.ferrex_regex_match_len_bounds(self._re, lo, hi))
        # No match can be empty: then the C API's iteration and re's
        # empty-match rule cannot differ, and iter_spans may batch.
        self._never_empty = lo[0] != 0 and lo[0] != _UNSET

    def pattern_count(self):
        return self._patterns

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
        return _bounds(start, end, flags)

    def is_match(self, hay, start, end, flags):
        b = _buf(hay)
        s = _take_search(start, end, flags)
        r = lib.ferrex_regex_is_match(self._re, _NULL, b, len(b), s)
        _give(_SEARCHES, s)
        return _check(r) == 1

    def which(self, hay, start, end, flags):
        b = _buf(hay)
        n = self._patterns
        matched = ffi.new("uint8_t[]", n or 1)
        r = lib.ferrex_regex_which_matches(self._re, _NULL, b, len(b), self._bounds(start, end, flags), matched, n)
        if _check(r) == 0:
            return []
        return [i for i, v in enumerate(ffi.unpack(ffi.cast("char *", matched), n)) if v != 0]

    def search(self, hay, start, end, flags):
        r = self._search(hay, start, end, flags)
        return r if r is None else r[1]

    def search_set(self, hay, start, end, flags):
        return self._search(hay, start, end, flags)

    def iter_spans(self, hay, start, end):
        """The spans (as search() gives them) of every match of an
        iteration over [start, end) of `hay`, fetched a batch of matches a
        call; None where the caller must search match by match: a short
        span, a regex that can match empty (re's empty-match rule differs
        from the C API's there), several patterns with groups (their group
        counts differ), or a haystack that may change between batches
        (only str, encoded once, and bytes are read)."""
        if (end - start < _BATCH_AT or not self._never_empty or (self._patterns > 1 and self._groups > 1)
                or not isinstance(hay, (bytes, str))):
            return None
        return self._batches(_buf(hay), start, end)

    def _batches(self, b, start, end):
        s = self._bounds(start, end, 0)
        try:
            it = self._spare_iters.pop()
            _check(lib.ferrex_iter_reset(it, len(b), s))
        except IndexError:
            pp = ffi.new("ferrex_iter **")
            _check(lib.ferrex_iter_new(pp, self._re, len(b), s, _NULL))
            it = ffi.gc(pp[0], lib.ferrex_iter_free)
        stride = max(self._groups, 1)
        cap = max(_BATCH // stride, 16)
        buf = ffi.new("ferrex_match[]", cap * stride)
        n = ffi.new("size_t *")
        try:
            while True:
                _check(lib.ferrex_iter_next_spans_batch(it, b, len(b), buf, stride, cap, n))
                got = n[0]
                if stride == 1:
                    for i in range(got):
                        m = buf[i]
                        yield (m.start, m.end)
                else:
                    for i in range(got):
                        yield _spans_tuple(buf, i * stride, stride)
                if got < cap:
                    return
        finally:
            if len(self._spare_iters) < _SPARES:
                self._spare_iters.append(it)

    def _search(self, hay, start, end, flags):
        """(pattern index, spans) or None."""
        b = _buf(hay)
        s = _take_search(start, end, flags)
        if self._groups <= 1:
            m = _take_match()
            r = lib.ferrex_regex_find(self._re, _NULL, b, len(b), s, m)
            found = None if r != 1 else (m.pattern, (m.start, m.end))
            _give(_SEARCHES, s)
            _give(_MATCHES, m)
            _check(r)
            return found
        try:
            caps = self._spare.pop()
        except IndexError:
            pp = ffi.new("ferrex_captures **")
            _check(lib.ferrex_captures_new(pp, self._re, _NULL))
            caps = ffi.gc(pp[0], lib.ferrex_captures_free)
        try:
            r = lib.ferrex_regex_captures(self._re, _NULL, b, len(b), s, caps)
            _give(_SEARCHES, s)
            if _check(r) == 0:
                return None
            spans = ffi.new("ferrex_match[]", self._groups)
            n = ffi.new("size_t *")
            _check(lib.ferrex_captures_spans(caps, spans, self._groups, n))
            out = _spans_tuple(spans, 0, n[0])
            _check(lib.ferrex_captures_pattern(caps, n))
            return n[0], out
        finally:
            if len(self._spare) < _SPARES:
                self._spare.append(caps)


def _compile_error(st, err, with_index):
    """ValueError(message, status_name, span_start, span_end[, index]),
    as _ferrex.c raises it; frees err."""
    s = ffi.new("size_t *")
    e = ffi.new("size_t *")
    i = ffi.new("size_t *")
    has = has_index = False
    if err != _NULL:
        msg = ffi.string(lib.ferrex_error_message(err)).decode("utf-8", "replace")
        has = lib.ferrex_error_span(err, s, e) == 1
        has_index = lib.ferrex_error_pattern(err, i) == 1
        lib.ferrex_error_free(err)
    else:
        msg = ffi.string(lib.ferrex_status_message(st)).decode()
    name = ffi.string(lib.ferrex_status_name(st)).decode()
    args = (msg, name, s[0] if has else -1, e[0] if has else -1)
    return ValueError(*(args + (i[0] if has_index else -1,) if with_index else args))


def _regex(r):
    """A Regex owning `r`: its pattern count and the most groups of any
    pattern."""
    n = ffi.new("size_t *")
    if lib.ferrex_regex_pattern_count(r, n) != 0:
        lib.ferrex_regex_free(r)
        raise RuntimeError("ferrex_regex_pattern_count failed")
    patterns = n[0]
    groups = 0
    for p in range(patterns):
        if lib.ferrex_regex_group_count(r, p, n) != 0:
            lib.ferrex_regex_free(r)
            raise RuntimeError("ferrex_regex_group_count failed")
        groups = max(groups, n[0])
    return Regex(r, groups, patterns)


def compile(pattern, flags, kind=0):
    if not isinstance(pattern, bytes):
        raise TypeError("compile(pattern: bytes, flags: int)")
    pp = ffi.new("ferrex_regex **")
    ep = ffi.new("ferrex_error **")
    st = lib.ferrex_regex_new(pp, pattern, len(pattern), flags, _NULL, ep)
    if st != 0:
        raise _compile_error(st, ep[0], False)
    return _regex(pp[0])


def _byte_arrays(items, what):
    """(keep, pointers, lengths) for a tuple of bytes: `keep` holds the
    buffers alive for the call."""
    if not isinstance(items, tuple):
        raise TypeError(f"{what}: expected a tuple of bytes")
    for k, x in enumerate(items):
        if not isinstance(x, bytes):
            raise TypeError(f"{what}: item {k} is not bytes")
    keep = [ffi.from_buffer("uint8_t[]", x) for x in items]
    ptrs = ffi.new("const uint8_t *[]", keep or 1)
    lens = ffi.new("size_t[]", [len(x) for x in items] or 1)
    return keep, ptrs, lens


def _limit_options(limit):
    """Options with a search memory limit (garbage-collected), or NULL for
    None (the defaults)."""
    if limit is None:
        return _NULL
    op = ffi.new("ferrex_options **")
    _check(lib.ferrex_options_new(op, _NULL))
    opts = ffi.gc(op[0], lib.ferrex_options_free)
    _check(lib.ferrex_options_set_search_memory_limit(opts, limit))
    return opts


def compile_many(patterns, flags, kind=0, search_memory_limit=None):
    keep, ptrs, lens = _byte_arrays(patterns, "compile_many")
    opts = _limit_options(search_memory_limit)
    pp = ffi.new("ferrex_regex **")
    ep = ffi.new("ferrex_error **")
    st = lib.ferrex_regex_new_many(pp, ptrs, lens, len(patterns), flags, opts, ep)
    del keep, opts
    if st != 0:
        raise _compile_error(st, ep[0], True)
    return _regex(pp[0])


# ---- phrase sets (_phrases.c) -------------------------------------------

_BATCH = 256


def _bounds(start, end, flags):
    s = ffi.new("ferrex_search *")
    s.start = start
    s.end = end
    s.flags = flags
    return s


# The request and result structs of the one-match calls (is_match, find),
# reused: ffi.new costs PyPy about 57 ns each, the call itself about 140.
# Taken from and given back to these lists around a call (pop and append
# are atomic, so no two threads hold one: cffi releases the GIL during the
# call); at most _SCRATCH kept.
_SEARCHES = []
_MATCHES = []
_SCRATCH = 16


def _take_search(start, end, flags):
    try:
        s = _SEARCHES.pop()
    except IndexError:
        s = ffi.new("ferrex_search *")
    s.start = start
    s.end = end
    s.flags = flags
    s.pattern = 0
    return s


def _take_match():
    try:
        return _MATCHES.pop()
    except IndexError:
        return ffi.new("ferrex_match *")


def _give(spares, struct):
    if len(spares) < _SCRATCH:
        spares.append(struct)


def _spans_tuple(spans, first, count):
    """spans[first:first + count] as the flat (start, end, ...) tuple
    search() gives, -1, -1 for a group that took no part (_ferrex.c's
    spans_tuple)."""
    out = []
    for i in range(first, first + count):
        m = spans[i]
        if m.start == _UNSET:
            out += (-1, -1)
        else:
            out += (m.start, m.end)
    return tuple(out)


def _match_tuples(out, n):
    return [(m.pattern, m.start, m.end) for m in (out[k] for k in range(n))]


class Phrases:
    __slots__ = ("_set", "_count", "__weakref__")

    def __init__(self, ptr, count):
        self._set = ffi.gc(ptr, lib.ferrex_phrases_free)
        self._count = count

    def phrase_count(self):
        return self._count

    def is_match(self, hay, start, end, flags):
        b = _buf(hay)
        return _check(lib.ferrex_phrases_is_match(self._set, b, len(b), _bounds(start, end, flags))) == 1

    def find(self, hay, start, end, flags):
        b = _buf(hay)
        s = _take_search(start, end, flags)
        m = _take_match()
        r = lib.ferrex_phrases_find(self._set, b, len(b), s, m)
        found = None if r != 1 else (m.pattern, m.start, m.end)
        _give(_SEARCHES, s)
        _give(_MATCHES, m)
        _check(r)
        return found

    def iter(self, hay, start, end, flags, overlapping):
        return self._iter(_buf(hay), start, end, flags, overlapping)

    def _iter(self, b, start, end, flags, overlapping):
        pp = ffi.new("ferrex_phrase_iter **")
        _check(lib.ferrex_phrase_iter_new(pp, self._set, len(b), _bounds(start, end, flags), bool(overlapping),
                                          _NULL))
        return PhraseIter(pp[0], len(b))

    def spans(self, hay, start, end, flags, overlapping):
        # The iterator freed here, not by ffi.gc, and a buffer that grows
        # from a small one: a call over a short haystack stays cheap.
        b = _buf(hay)
        pp = ffi.new("ferrex_phrase_iter **")
        _check(lib.ferrex_phrase_iter_new(pp, self._set, len(b), _bounds(start, end, flags), bool(overlapping),
                                          _NULL))
        it = pp[0]
        try:
            n = ffi.new("size_t *")
            out = []
            cap = 16
            while True:
                buf = ffi.new("ferrex_match[]", cap)
                _check(lib.ferrex_phrase_iter_next_batch(it, b, len(b), buf, cap, n))
                out += _match_tuples(buf, n[0])
                if n[0] < cap:
                    return out
                cap = min(cap * 4, 4096)
        finally:
            lib.ferrex_phrase_iter_free(it)

    def replace(self, hay, start, end, replacements):
        keep, ptrs, lens = _byte_arrays(replacements, "replace")
        b = _buf(hay)
        out = ffi.new("ferrex_bytes *")
        st = lib.ferrex_phrases_replace_alloc(self._set, b, len(b), _bounds(start, end, 0), ptrs, lens,
                                              len(replacements), out)
        del keep
        return _bytes_result(st, out)


class PhraseIter:
    """One iteration; used by one generator (PhraseSet.finditer's), which
    Python never runs in two threads at once, so no lock (the C
    extension's `busy` flag guards the same rule)."""

    __slots__ = ("_it", "_len", "_out", "_n")

    def __init__(self, ptr, length):
        self._it = ffi.gc(ptr, lib.ferrex_phrase_iter_free)
        self._len = length
        self._out = None  # the batch buffer, made by the first batch
        self._n = ffi.new("size_t *")

    def next_batch(self, hay, cap):
        if not 1 <= cap <= _BATCH:
            raise ValueError(f"next_batch: cap must be 1 to {_BATCH}")
        return self._next(_buf(hay), cap)

    def _next(self, b, cap):
        if len(b) != self._len:
            raise RuntimeError("the haystack changed size during iteration")
        if self._out is None or len(self._out) < cap:
            self._out = ffi.new("ferrex_match[]", cap)
        _check(lib.ferrex_phrase_iter_next_batch(self._it, b, len(b), self._out, cap, self._n))
        return _match_tuples(self._out, self._n[0])


def compile_phrases(phrases, match_kind, ascii_ci, unicode_ci):
    keep, ptrs, lens = _byte_arrays(phrases, "compile_phrases")
    op = ffi.new("ferrex_phrase_options **")
    _check(lib.ferrex_phrase_options_new(op, _NULL))
    opts = ffi.gc(op[0], lib.ferrex_phrase_options_free)
    for st, what in ((lib.ferrex_phrase_options_set_match_kind(opts, min(match_kind, 0xFFFFFFFF)), "match kind"),
                     (lib.ferrex_phrase_options_set_ascii_case_insensitive(opts, bool(ascii_ci)), "ASCII folding"),
                     (lib.ferrex_phrase_options_set_unicode_case_insensitive(opts, bool(unicode_ci)),
                      "Unicode folding")):
        if st != 0:
            raise ValueError(f"compile_phrases: bad {what} ({ffi.string(lib.ferrex_status_name(st)).decode()})")
    pp = ffi.new("ferrex_phrases **")
    ep = ffi.new("ferrex_error **")
    st = lib.ferrex_phrases_new(pp, ptrs, lens, len(phrases), opts, ep)
    del keep
    if st != 0:
        err = ep[0]
        i = ffi.new("size_t *")
        has_index = err != _NULL and lib.ferrex_error_pattern(err, i) == 1
        msg = ffi.string(lib.ferrex_error_message(err) if err != _NULL else lib.ferrex_status_message(st))
        lib.ferrex_error_free(err)
        raise ValueError(msg.decode("utf-8", "replace"), ffi.string(lib.ferrex_status_name(st)).decode(),
                         i[0] if has_index else -1)
    return Phrases(pp[0], len(phrases))


# ---- streams (_stream.c) -------------------------------------------------

_STREAM_BATCH = 256
_ERR_INVALID_ARGUMENT = -3
_ERR_RETAIN_LIMIT = -14


class Stream:
    """A ferrex_stream. One thread at a time: cffi drops the GIL in every
    call, so a non-blocking lock turns a concurrent use into RuntimeError
    (the C extension's `busy` flag)."""

    __slots__ = ("_s", "_with_index", "_out", "_n", "_lock")

    def __init__(self, ptr, with_index):
        self._s = ffi.gc(ptr, lib.ferrex_stream_free)
        self._with_index = with_index
        self._out = ffi.new("ferrex_match[]", _STREAM_BATCH)
        self._n = ffi.new("size_t *")
        self._lock = _threading.Lock()

    def _enter(self):
        if not self._lock.acquire(False):
            raise RuntimeError("the stream is in use by another thread")
        if self._s is None:
            self._lock.release()
            raise ValueError("the stream is closed")

    @property
    def closed(self):
        return self._s is None

    def close(self):
        """Frees the library's stream now, not when PyPy's collector gets
        to this object (it does not see the native memory behind it)."""
        if self._s is None:
            return  # closing twice is allowed, as for files
        self._enter()
        try:
            ffi.release(self._s)  # runs ferrex_stream_free, the gc destructor
            self._s = None
        finally:
            self._lock.release()

    def feed(self, chunk):
        if isinstance(chunk, str):
            raise TypeError("a stream reads bytes: feed bytes-like chunks (encode a str first)")
        b = _buf(chunk, f"feed() needs a bytes-like object, not {type(chunk).__name__}")
        self._enter()
        try:
            st = lib.ferrex_stream_feed(self._s, b, len(b))
            if st == _ERR_INVALID_ARGUMENT:
                raise ValueError("feed() after finish(): reset() the stream first")
            if st != _ERR_RETAIN_LIMIT:
                _check(st)
            return self._take(), st == _ERR_RETAIN_LIMIT
        finally:
            self._lock.release()

    def _take(self):
        """Every settled match waiting (the lock held)."""
        items = []
        out, n = self._out, self._n
        while _check(lib.ferrex_stream_next_batch(self._s, out, _STREAM_BATCH, n)) == 1:
            for k in range(n[0]):
                m = out[k]
                start = None if m.start == _UNSET else m.start
                items.append((m.pattern, start, m.end) if self._with_index else (start, m.end))
        return items

    def finish(self):
        self._enter()
        try:
            _check(lib.ferrex_stream_finish(self._s))
            return self._take()
        finally:
            self._lock.release()

    def reset(self):
        self._enter()
        try:
            _check(lib.ferrex_stream_reset(self._s))
        finally:
            self._lock.release()

    def describe(self):
        info = ffi.new("ferrex_stream_info *")
        self._enter()
        try:
            _check(lib.ferrex_stream_describe(self._s, info))
        finally:
            self._lock.release()
        return (info.offset, info.retained, info.ready, bool(info.finished))


def stream_new(native, retain_limit, flags, with_index):
    pp = ffi.new("ferrex_stream **")
    ep = ffi.new("ferrex_error **")
    flags = min(flags, 0xFFFFFFFF)  # unknown bits either way: the library says so
    if isinstance(native, Regex):
        st = lib.ferrex_stream_new(pp, native._re, retain_limit, flags, ep)
    elif isinstance(native, Phrases):
        st = lib.ferrex_stream_new_phrases(pp, native._set, retain_limit, flags, ep)
    else:
        raise TypeError("stream_new: expected a Regex or a Phrases")
    if st != 0:
        err = ep[0]
        msg = ffi.string(lib.ferrex_error_message(err) if err != _NULL else lib.ferrex_status_message(st))
        lib.ferrex_error_free(err)
        raise ValueError(msg.decode("utf-8", "replace"), ffi.string(lib.ferrex_status_name(st)).decode())
    return Stream(pp[0], bool(with_index))


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
