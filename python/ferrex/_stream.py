"""ferrex.Stream: a search over bytes that arrive in chunks (a log being
tailed, a socket, a file larger than memory), for a Pattern, a RegexSet or
a PhraseSet, over libferrex's ferrex_stream_* calls (_stream.c on CPython
3.11+, _backend_cffi.py elsewhere). It reports the matches a one-shot
search over the chunks joined would report, with absolute byte offsets,
as soon as no later byte can change them; see the Stream docstring.
"""
import sys as _sys
from types import GenericAlias as _GenericAlias

from . import Pattern, _native, error
from ._sets import PhraseSet, RegexSet

# ferrex_stream_new() flags (include/ferrex.h, 14. Streams).
_STREAM_OVERLAPPING = 1 << 0
_STREAM_ENDS = 1 << 1
_STREAM_PATTERNS = 1 << 2
_MODES = {"matches": 0, "ends": _STREAM_ENDS, "patterns": _STREAM_PATTERNS}


class RetainLimitError(error):
    """Stream.feed() would have kept more bytes than the stream's retain
    limit for a match in progress: that match was abandoned (its text
    forgotten) and the stream goes on from the end of the chunk, usable as
    before. `matches`: what this feed() settled before (the list feed()
    would have returned; take them from here); `offset`: the stream's
    offset after the chunk."""

    def __init__(self, msg, matches=(), offset=None):
        super().__init__(msg)
        self.matches = list(matches)
        self.offset = offset

    def __reduce__(self):
        return (RetainLimitError, (self.msg, self.matches, self.offset))


class Stream:
    """A search over bytes fed in chunks: `feed(chunk)` returns the
    matches the bytes so far have settled, `finish()` ends the text and
    returns the rest. Together they give exactly the matches of a one-shot
    search over all the chunks joined, in order, with absolute byte offsets
    (bytes since the stream was made or reset); `\\b`, `$` and `(?m)^` see
    across chunk boundaries.

        >>> s = ferrex.compile(rb"[0-9]+").stream()
        >>> s.feed(b"id 12"), s.feed(b"34 and 5"), s.finish()
        ([], [(3, 7)], [(12, 13)])

    A match is settled once no later byte can change it, which can be some
    chunks after its end (`[0-9]+` above waits for a non-digit). Made by
    `Pattern.stream()`, `RegexSet.stream()`, `PhraseSet.stream()`, or
    `Stream(source, ...)` with one of them.

    Chunks are bytes-like (bytes, bytearray, memoryview, mmap, array: read
    in place, never kept; the library copies what a match in progress
    needs); a str chunk raises TypeError, whatever the pattern's type:
    encode it (a str pattern then matches the UTF-8, offsets in bytes).

    Items: `(start, end)` for a Pattern, `(index, start, end)` for a
    RegexSet or a PhraseSet (the index of the pattern or phrase).
    `mode` (Pattern and RegexSet only):

    - "matches" (default): the non-overlapping leftmost-first matches, as
      the regex crate iterates them: an empty match right where the
      previous match ended is not reported (re's finditer reports it:
      `x*` over b"axb" gives (0, 0), (1, 2), (3, 3) here);
    - "ends": every offset where a match of a pattern ends, for every
      pattern, ordered by end then pattern; start is None. Keeps no byte;
      refuses (ValueError) a pattern that can match the empty string or
      has a Unicode `\\b` (use ASCII, or a bytes pattern);
    - "patterns": each pattern once, at the end of its first match (start
      None); stops reading once every pattern has matched.

    `overlapping` (PhraseSet of match kind "standard" only): every
    occurrence of every phrase, as `find_spans(..., overlapping=True)`.

    `retain_limit`: the most bytes the stream may keep between calls for a
    match in progress (None: 1 MiB). A pattern whose matches are at most L
    bytes long keeps L + 3 bytes (L + 4 if it looks ahead with `$` or an
    ASCII `\\b`, L + 7 with a Unicode `\\b`); an unbounded one (`a+`,
    `".*"`) keeps the match in progress (and 4 to 8 bytes); a limit below
    what a stream always keeps raises ValueError. Past the limit, feed() raises
    RetainLimitError (with the matches it settled) and the stream goes on.

    One exception to the one-shot equality (include/ferrex.h): a str
    pattern that can match the empty string, over bytes that are not valid
    UTF-8, where the one-shot search decides by bytes not yet fed.

    `offset` (bytes fed), `retained` (bytes kept) and `finished` describe
    the stream. feed() after finish() raises ValueError until reset().
    One thread at a time (a concurrent call raises RuntimeError); not
    picklable.

    `close()` (or leaving a `with` block) frees the library's stream at
    once: the bytes it keeps and its buffers, up to the retain limit.
    Without it they are freed with the object, which on PyPy can be long
    after, since its collector does not see native memory. A closed
    stream raises ValueError on any use but close() and `closed`.

        >>> with ferrex.compile(rb"[0-9]+").stream() as s:
        ...     s.feed(b"id 12 "), s.finish()
        ([(3, 5)], [])
        >>> s.closed
        True"""

    __slots__ = ("source", "mode", "overlapping", "retain_limit", "_native")
    __class_getitem__ = classmethod(_GenericAlias)  # Stream[item type], as the stubs have it

    def __init__(self, source, retain_limit=None, mode="matches", overlapping=False):
        if isinstance(source, Pattern):
            native, with_index = source._re, False
        elif isinstance(source, RegexSet):
            native, with_index = source._re, True
        elif isinstance(source, PhraseSet):
            native, with_index = source._set, True
        else:
            raise TypeError(f"Stream needs a Pattern, a RegexSet or a PhraseSet, not {type(source).__name__}")
        if mode not in _MODES:
            raise ValueError(f"unknown stream mode {mode!r}: use 'matches', 'ends' or 'patterns'")
        flags = _MODES[mode]
        if flags and isinstance(source, PhraseSet):
            raise ValueError(f"mode {mode!r} needs a Pattern or a RegexSet (a PhraseSet streams its matches)")
        overlapping = bool(overlapping)
        if overlapping:
            if not isinstance(source, PhraseSet):
                raise ValueError("overlapping matches need a PhraseSet")
            source._check_overlapping(True)
            flags |= _STREAM_OVERLAPPING
        if retain_limit is None:
            limit = 0  # the library's default
        elif isinstance(retain_limit, bool) or not isinstance(retain_limit, int):
            raise TypeError(f"retain_limit must be an int or None, not {type(retain_limit).__name__}")
        elif retain_limit < 1:
            raise ValueError(f"retain_limit must be at least 1, not {retain_limit}")
        else:
            limit = min(int(retain_limit), _sys.maxsize)  # more than memory holds: no limit
        try:
            self._native = _native.stream_new(native, limit, flags, with_index)
        except ValueError as e:
            if len(e.args) != 2:
                raise
            raise ValueError(f"cannot stream {source!r} in mode {mode!r}: {e.args[0]}") from None
        self.source = source
        self.mode = mode
        self.overlapping = overlapping
        self.retain_limit = retain_limit if retain_limit is not None else self.DEFAULT_RETAIN_LIMIT

    #: The retain limit of `retain_limit=None` (the library's default).
    DEFAULT_RETAIN_LIMIT = 1 << 20

    def feed(self, chunk):
        """Appends `chunk` (bytes-like) and returns the matches it settled,
        in order. Raises RetainLimitError (see the class) with those
        matches if a match in progress outgrew the retain limit."""
        matches, limited = self._native.feed(chunk)
        if limited:
            offset = self.offset
            raise RetainLimitError(
                f"a match in progress outgrew the retain limit of {self.retain_limit} bytes and was abandoned; "
                f"the stream goes on from offset {offset}", matches, offset)
        return matches

    def finish(self):
        """Ends the text and returns the remaining matches. Finishing again
        returns []; feed() needs a reset() first."""
        return self._native.finish()

    def reset(self):
        """Starts a new text at offset 0 (the bytes kept, the matches not
        taken and the finished state are dropped), keeping the compiled
        state and allocations."""
        self._native.reset()

    @property
    def offset(self):
        """Bytes fed since the stream was made or reset: the absolute
        offset of the next byte."""
        return self._native.describe()[0]

    @property
    def retained(self):
        """Bytes the stream keeps between calls (for matches in progress
        and look-behind)."""
        return self._native.describe()[1]

    @property
    def finished(self):
        """Whether finish() was called (since the last reset)."""
        return self._native.describe()[3]

    def close(self):
        """Frees the library's stream now (see the class). Closing again
        does nothing; any other use then raises ValueError."""
        self._native.close()

    @property
    def closed(self):
        """Whether close() was called."""
        return self._native.closed

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def __repr__(self):
        if self.closed:
            state = "closed"
        else:
            offset, retained, _ready, finished = self._native.describe()
            state = "finished" if finished else f"offset={offset}, retained={retained}"
        extra = ", overlapping" if self.overlapping else ""
        return f"<ferrex.Stream of {self.source!r}, mode={self.mode!r}{extra}, {state}>"

    def __reduce__(self):
        raise TypeError("a ferrex.Stream cannot be pickled or copied (its state lives in the library)")
