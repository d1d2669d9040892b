"""python-ferrex: libferrex.so through cffi in ABI mode (the seed's
measurement path), using the C API the fast way a Python caller can:

- everything a call needs (haystack views, match buffers, out-parameters,
  the regex's cache, the iterators) is made once, outside the timing;
- regex counting is one ferrex_regex_count call; phrase counting resets
  one iterator (keeping its warm cache) and drains it with
  ferrex_phrase_iter_next_batch, thousands of matches per call, instead of
  one FFI call per match;
- lowercase writes into one reused buffer (its result is not decoded: the
  check is FNV-1a over the output bytes);
- is-match passes this thread's explicit cache, not NULL (which would
  borrow from the regex's pool on every call).
Library functions are bound to locals, sparing an attribute lookup per call.
"""
from itertools import repeat

import ferrex_ffi
from fnv import check_hex
from manifest import phrase_lines, read_bytes
from timing import Op

NAME = "python-ferrex"

# Matches fetched per batch call: 19,870 matches on the 1 MB row take 5
# calls; 96 KiB of buffer stays in L2.
BATCH_CAP = 4096


class Ferrex:
    def __init__(self):
        self.ffi, self.lib = ferrex_ffi.load()

    def _ok(self, status, what, err_pp=None):
        return ferrex_ffi.check_status(self.ffi, self.lib, status, what, err_pp)

    def _new(self, ctype, free, what, make):
        """Calls constructor `make(out_pp, err_pp)` and returns the handle,
        freed by `free` when garbage."""
        ffi = self.ffi
        out_pp, err_pp = ffi.new(ctype + " **"), ffi.new("ferrex_error **")
        self._ok(make(out_pp, err_pp), what, err_pp)
        return ffi.gc(out_pp[0], free)

    def prepare(self, row):
        if row.kind == "regex-count":
            return self._regex_count(self._regex(row), read_bytes(row.need("arg2")))
        if row.kind == "phrase-count":
            return self._phrase_count(row, read_bytes(row.need("arg2")))
        if row.kind == "lowercase":
            return self._lowercase(read_bytes(row.need("arg1")))
        if row.kind == "is-match-empty":
            return self._is_match_empty(self._regex(row))
        raise ValueError(f"{row.name}: unknown kind {row.kind}")

    def _regex(self, row):
        ffi, lib = self.ffi, self.lib
        pattern = read_bytes(row.need("arg1"))
        buf = ffi.from_buffer("uint8_t[]", pattern)
        return self._new(
            "ferrex_regex", lib.ferrex_regex_free, f"{row.name}: ferrex_regex_new",
            lambda out, err: lib.ferrex_regex_new(out, buf, len(pattern), 0, ffi.NULL, err),
        )

    def _counting_op(self, reset, next_batch, it, data, what):
        """One count: `reset(it, len, NULL)`, then `next_batch` until it
        returns fewer than the buffer holds."""
        ffi = self.ffi
        hay = ffi.from_buffer("uint8_t[]", data)
        n = len(data)
        out = ffi.new("ferrex_match[]", BATCH_CAP)
        count_p = ffi.new("size_t *")
        null = ffi.NULL
        cap = BATCH_CAP

        def batch(k):
            for _ in repeat(None, k):
                status = reset(it, n, null)
                if status:
                    self._ok(status, f"{what} reset")
                total = 0
                while True:
                    status = next_batch(it, hay, n, out, cap, count_p)
                    if status < 0:
                        self._ok(status, f"{what} next_batch")
                    got = count_p[0]
                    total += got
                    if got < cap:
                        break
            return total

        total = batch(1)
        return Op(NAME, str(total), total, batch)

    def _regex_count(self, regex, data):
        """ferrex_regex_count with this thread's cache: one call counts
        every match (ends only, one forward scan)."""
        ffi, lib = self.ffi, self.lib
        cache = self._new(
            "ferrex_cache", lib.ferrex_cache_free, "ferrex_cache_new",
            lambda out, err: lib.ferrex_cache_new(out, regex, err),
        )
        hay = ffi.from_buffer(data)
        n = len(data)
        count_p = ffi.new("size_t *")
        count = lib.ferrex_regex_count
        null = ffi.NULL

        def batch(k):
            for _ in repeat(None, k):
                status = count(regex, cache, hay, n, null, count_p)
                if status != 0:
                    self._ok(status, "ferrex_regex_count")
            return count_p[0]

        c = batch(1)
        op = Op(NAME, str(c), c, batch)
        op.keep = (regex, cache, hay, count_p)
        return op

    def _phrase_count(self, row, data):
        ffi, lib = self.ffi, self.lib
        phrases = phrase_lines(read_bytes(row.need("arg1")))
        bufs = [ffi.from_buffer("uint8_t[]", p) for p in phrases]
        ptrs = ffi.new("const uint8_t *[]", bufs)
        lens = ffi.new("size_t[]", [len(p) for p in phrases])
        options = self._new(
            "ferrex_phrase_options", lib.ferrex_phrase_options_free, "ferrex_phrase_options_new",
            lib.ferrex_phrase_options_new,
        )
        # The default already, said explicitly: it is what the row measures.
        self._ok(
            lib.ferrex_phrase_options_set_match_kind(options, lib.FERREX_PHRASE_MATCH_LEFTMOST_LONGEST),
            "ferrex_phrase_options_set_match_kind",
        )
        phrase_set = self._new(
            "ferrex_phrases", lib.ferrex_phrases_free, f"{row.name}: ferrex_phrases_new",
            lambda out, err: lib.ferrex_phrases_new(out, ptrs, lens, len(phrases), options, err),
        )
        it = self._new(
            "ferrex_phrase_iter", lib.ferrex_phrase_iter_free, "ferrex_phrase_iter_new",
            lambda out, err: lib.ferrex_phrase_iter_new(out, phrase_set, len(data), ffi.NULL, 0, err),
        )
        op = self._counting_op(lib.ferrex_phrase_iter_reset, lib.ferrex_phrase_iter_next_batch, it, data, "ferrex_phrase_iter")
        op.keep = (phrase_set, it)
        return op

    def _lowercase(self, data):
        ffi, lib = self.ffi, self.lib
        text = ffi.from_buffer("uint8_t[]", data)
        n = len(data)
        mode = lib.FERREX_LOWERCASE_UNICODE
        out_len = ffi.new("size_t *")
        # Ask for the size once (out_cap 0), then reuse one buffer that large.
        status = lib.ferrex_lowercase(text, n, mode, ffi.NULL, 0, out_len)
        if status not in (lib.FERREX_OK, lib.FERREX_ERR_BUFFER_TOO_SMALL):
            self._ok(status, "ferrex_lowercase (size query)")
        cap = max(out_len[0], 1)
        out = ffi.new("uint8_t[]", cap)
        lowercase = lib.ferrex_lowercase

        def batch(k):
            for _ in repeat(None, k):
                status = lowercase(text, n, mode, out, cap, out_len)
            return status

        self._ok(batch(1), "ferrex_lowercase")
        op = Op(NAME, check_hex(ffi.buffer(out, out_len[0])[:]), lib.FERREX_OK, batch)
        op.keep = (text, out)
        return op

    def _is_match_empty(self, regex):
        ffi, lib = self.ffi, self.lib
        cache = self._new(
            "ferrex_cache", lib.ferrex_cache_free, "ferrex_cache_new",
            lambda out, err: lib.ferrex_cache_new(out, regex, err),
        )
        is_match = lib.ferrex_regex_is_match
        null = ffi.NULL

        def batch(k):
            for _ in repeat(None, k):
                m = is_match(regex, cache, null, 0, null)
            return m

        m = self._ok(batch(1), "ferrex_regex_is_match")
        op = Op(NAME, str(m), m, batch)
        op.keep = (regex, cache)
        return op
