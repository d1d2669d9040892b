"""ferrex beyond re: RegexSet (many patterns searched at once: which of
them match, and every match with the index of its pattern) and PhraseSet
(many literal phrases: Aho-Corasick through libferrex's ferrex_phrases_*
calls). Both are built the way Pattern is: this Python layer over the
backend's native calls (_ferrex.c and _phrases.c on CPython 3.11+,
_backend_cffi.py elsewhere), with the same haystack rules: offsets in
characters for str and in bytes for bytes-like haystacks (read in place),
pos/endpos clamped as re clamps them, and the GIL released by searches
over 4 KiB or more (always, with cffi).
"""
import enum as _enum
from types import GenericAlias as _GenericAlias

from . import (
    _C_FAST, _KIND_BYTES, _KIND_STR, _SEARCH_ANCHORED, _SSIZE_MAX, _STR_IN_PLACE, ASCII, IGNORECASE, UNICODE, Match,
    Pattern, _ReadOnly, _called_as,
    _char_bounds, _char_len, _compile_native, _is_buffer, _native, _native_flags, _view,
    _shown_flags, _size_guard, _slicer, _translate, _translate_flags, compile as _compile, error,
)


def _as_pattern(p):
    if isinstance(p, (bytearray, memoryview)):
        return bytes(p)
    return p


def _patterns_of(items, what):
    """The items as a tuple of str or of bytes (all the same type); the
    type decides which haystacks the set searches."""
    if isinstance(items, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"{what}s must be a sequence of {what}s, not one {type(items).__name__}")
    try:
        items = tuple(_as_pattern(p) for p in items)
    except TypeError:
        raise TypeError(f"{what}s must be an iterable of str or bytes, not {type(items).__name__}") from None
    if not items:
        raise ValueError(f"an empty set: give at least one {what} (their type, str or bytes, says which "
                         f"haystacks the set searches)")
    for i, p in enumerate(items):
        if not isinstance(p, (str, bytes)):
            raise TypeError(f"{what} {i} must be str or bytes, not {type(p).__name__}")
        if isinstance(p, str) != isinstance(items[0], str):  # subclasses (a StrEnum) are their kind
            raise TypeError(f"{what} {i} is {type(p).__name__} but {what} 0 is {type(items[0]).__name__}: "
                            f"a set holds str or bytes, not both")
    return items


# ---------------------------------------------------------------------------
# RegexSet


class SetMatch(Match):
    """A match of a RegexSet: re.Match's API for the pattern that matched
    (`re` is that pattern compiled alone, so group numbers and names are
    its own), plus `index`, that pattern's index in the set."""

    __slots__ = ("_set_index",)

    @property
    def index(self):
        """The index in the set of the pattern that matched."""
        return self._set_index

    def __repr__(self):
        return f"<ferrex.SetMatch object; index={self.index}, span={self.span()!r}, match={self.group()!r}>"


# The native half of RegexSet: on CPython 3.11+ the C extension's SetBase
# (`_re`, `_compiled` and search() in C), with cffi a Python class.
if _C_FAST:
    _SetBase = _native.SetBase
else:
    class _SetBase:
        __slots__ = ("_re", "_compiled")


class RegexSet(_SetBase, _ReadOnly):
    """Many patterns searched at once, in one pass over the haystack.

        >>> s = ferrex.RegexSet([r"\\d+", r"[a-z]+@[a-z]+\\.com", r"ERROR"])
        >>> s.matches("mail bob@example.com 42 times")
        [0, 1]
        >>> [(m.index, m.group()) for m in s.finditer("bob@example.com 42")]
        [(1, 'bob@example.com'), (0, '42')]

    All patterns are str or all are bytes, compiled with the same flags
    (re's: IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII). A match is the
    leftmost one; at the same start, the pattern given first wins, as in
    the alternation `(?:p0)|(?:p1)|...` (and within a pattern, as it
    alone would match). An empty set, mixed str and bytes, or a pattern
    ferrex cannot compile raise (ferrex.error names the failing pattern's
    index in `index`). Immutable, thread-safe, pickles by patterns,
    flags and limit.

    `search_memory_limit` (bytes; None: libferrex's default, 512 MiB)
    bounds the capture slots one search of the whole set may need, which
    grow with the square of the pattern count: a set past it is refused
    with ferrex.error. From 64 patterns on (unless all are plain
    literals) no query builds those slots, so raising the limit there
    costs no memory; below 64 it is what a search may allocate."""

    # _hay: the haystack type the fast paths take whole (bytes, or an ASCII
    # str, which the C extension reads in place and cffi encodes).
    __slots__ = ("patterns", "flags", "search_memory_limit", "_is_bytes", "_hay", "__weakref__")
    __class_getitem__ = classmethod(_GenericAlias)  # RegexSet[str], as the stubs have it

    def __init__(self, patterns, flags=0, *, search_memory_limit=None):
        pats = _patterns_of(patterns, "pattern")
        is_bytes = isinstance(pats[0], bytes)
        native_flags = _native_flags(flags, is_bytes)
        limit = _memory_limit(search_memory_limit)
        sources = tuple(_translated(pats, is_bytes, _translate_flags(pats[0], flags)))
        try:
            re_ = _native.compile_many(sources, native_flags, _KIND_BYTES if is_bytes else _KIND_STR, limit)
        except ValueError as e:
            if len(e.args) != 5:
                raise
            _raise_set_error(pats, flags, e.args)
        if not is_bytes and not (int(flags) & ASCII):
            flags = int(flags) | UNICODE
        self._fields(_re=re_, patterns=pats, flags=int(flags), search_memory_limit=limit, _is_bytes=is_bytes,
                     _hay=bytes if is_bytes else str, _compiled=[None] * len(pats))

    # Pattern's haystack handling: (hay, conv, byte pos, byte endpos).
    _prepare = Pattern._prepare

    def __len__(self):
        return len(self.patterns)

    def pattern(self, index):
        """Pattern `index` compiled alone (a Pattern, compiled on first
        use): what a SetMatch's `re` is."""
        p = self._compiled[index]
        if p is None:
            # Without the UNICODE a str set's flags imply: a pattern's own
            # (?a) would clash with it, where the set took the (?a).
            flags = self.flags if self._is_bytes else self.flags & ~int(UNICODE)
            p = self._compiled[index] = _compile(self.patterns[index], flags)
        return p

    def is_match(self, string, pos=0, endpos=None):
        """Whether any pattern matches in string[pos:endpos]: the fastest
        query."""
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            return self._re.is_match(string, 0, len(string), 0)
        hay, _conv, start, end = self._prepare(string, pos, endpos)
        return start <= end and self._re.is_match(hay, start, end, 0)

    def matches(self, string, pos=0, endpos=None):
        """The indexes, ascending, of the patterns that match anywhere in
        string[pos:endpos] (each on its own: matches of different
        patterns may overlap), in one pass."""
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            return self._re.which(string, 0, len(string), 0)
        hay, _conv, start, end = self._prepare(string, pos, endpos)
        return self._re.which(hay, start, end, 0) if start <= end else []

    def _one(self, string, pos, endpos, flags):
        hay, conv, start, end = self._prepare(string, pos, endpos)
        if start > end:
            return None
        r = self._re.search_set(hay, start, end, flags)
        if r is None:
            return None
        index, spans = r
        cpos, cend = _char_bounds(string, pos, endpos)
        return self._match(index, string, spans if conv is None else conv.chars(spans), cpos, cend)

    def _match(self, index, string, spans, pos, endpos):
        m = SetMatch(self.pattern(index), string, spans, pos, endpos)
        object.__setattr__(m, "_set_index", index)
        return m

    # search(): on CPython 3.11+ SetBase's, in C, which calls this when
    # given more than a whole haystack read in place.

    @_called_as("search")
    def _search_slow(self, string, pos=0, endpos=None):
        """The leftmost match of any pattern in string[pos:endpos] (a
        SetMatch), or None."""
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            # The fast path (a whole haystack), inlined: this is the call
            # whose cost python/bench/setcost.py measures (in C, SetBase's).
            r = self._re.search_set(string, 0, len(string), 0)
            if r is None:
                return None
            i = r[0]
            m = SetMatch(self._compiled[i] or self.pattern(i), string, r[1], 0, len(string))
            object.__setattr__(m, "_set_index", i)
            return m
        return self._one(string, pos, endpos, 0)

    if not _C_FAST:
        search = _search_slow

    def match(self, string, pos=0, endpos=None):
        """A match of any pattern that starts exactly at pos, or None."""
        return self._one(string, pos, endpos, _SEARCH_ANCHORED)

    def finditer(self, string, pos=0, endpos=None):
        """An iterator of SetMatch over the non-overlapping matches of all
        the patterns, left to right, by Pattern.finditer's rules (empty
        matches included)."""
        hay, conv, start, end = self._prepare(string, pos, endpos)
        cpos, cend = _char_bounds(string, pos, endpos)
        return self._iter(string, hay, conv, start, end, cpos, cend)

    def _iter(self, string, hay, conv, start, end, cpos, cend):
        search = self._re.search_set
        guard = _size_guard(string)  # a resized mutable haystack: RuntimeError
        must_advance = False
        while start <= end:
            if guard is not None:
                guard()
            r = search(hay, start, end, 0)
            if r is None:
                return
            index, spans = r
            s, e = spans[0], spans[1]
            if must_advance and s == e == start:
                # An empty match where the previous (empty) match was: one
                # character on, as Pattern._iter_spans steps.
                if start >= end:
                    return
                start += _char_len(hay, start) if conv is not None else 1
                must_advance = False
                continue
            must_advance = s == e
            start = e
            yield self._match(index, string, spans if conv is None else conv.chars(spans), cpos, cend)

    def __repr__(self):
        flags = _shown_flags(self)
        limit = "" if self.search_memory_limit is None else f", search_memory_limit={self.search_memory_limit}"
        return f"ferrex.RegexSet({list(self.patterns)!r}{', ' + str(flags) if flags else ''}{limit})"

    def __eq__(self, other):
        if not isinstance(other, RegexSet):
            return NotImplemented
        return self.patterns == other.patterns and self.flags == other.flags

    def __hash__(self):
        return hash((self.patterns, self.flags))

    def stream(self, retain_limit=None, mode="matches"):
        """A Stream of the set's matches over bytes fed in chunks:
        (pattern index, start, end) byte offsets, or with mode "ends" /
        "patterns" (pattern index, None, end). See ferrex.Stream."""
        from ._stream import Stream

        return Stream(self, retain_limit, mode)

    def __reduce__(self):
        if self.search_memory_limit is None:
            return (RegexSet, (self.patterns, self.flags))
        return (_regex_set, (self.patterns, self.flags, self.search_memory_limit))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _regex_set(patterns, flags, search_memory_limit):
    """RegexSet with a limit, positionally: what a pickle of one calls."""
    return RegexSet(patterns, flags, search_memory_limit=search_memory_limit)


def _memory_limit(limit):
    """search_memory_limit checked: None, or an int of 0 up to a size_t."""
    if limit is None:
        return None
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError(f"search_memory_limit must be an int (bytes) or None, not {type(limit).__name__}")
    if limit < 0:
        raise ValueError(f"search_memory_limit must be at least 0, not {limit}")
    if limit > 2 * _SSIZE_MAX + 1:  # SIZE_MAX
        raise OverflowError(f"search_memory_limit {limit} does not fit a C size_t")
    return limit


def _translated(pats, is_bytes, translate_flags):
    """Each pattern in the library's syntax; a pattern the translation
    refuses (a possessive quantifier, an octal escape out of range) is
    named by its index, as the library's refusals are."""
    for index, p in enumerate(pats):
        try:
            yield _translate(p, is_bytes, translate_flags)[0]
        except error as e:
            raise error(e.msg, e.pattern, e.pos, e.detail, index=index) from None


def _raise_set_error(pats, flags, args):
    """Raises ferrex.error for compile_many's ValueError args (message,
    status, span start, span end, pattern index): located in the failing
    pattern when the pattern fails alone too (compiled alone for that)."""
    detail, status, _start, _end, index = args
    if 0 <= index < len(pats):
        try:
            _compile_native(pats[index], flags)
        except error as e:
            raise error(e.msg, e.pattern, e.pos, e.detail, index=index) from None
        pattern = pats[index]
    else:
        index = pattern = None
    # The set fails as a whole (a size limit): no one pattern to blame.
    first = detail.strip().splitlines()[-1] if detail.strip() else status
    if "search memory limit" in first:
        first += " (RegexSet's search_memory_limit argument)"
    raise error(first, pattern, None, detail, index=index) from None


# ---------------------------------------------------------------------------
# PhraseSet


class MatchKind(str, _enum.Enum):
    """Which matches a PhraseSet reports (strings work too)."""

    #: The match that ends first (at the same end the longest, then the
    #: phrase given first): what Aho-Corasick finds scanning left to
    #: right; the only kind with overlapping iteration.
    STANDARD = "standard"
    #: The leftmost match; among the phrases that match there, the one
    #: given first (like a regex alternation).
    LEFTMOST_FIRST = "leftmost-first"
    #: The leftmost match; among the phrases that match there, the
    #: longest, then the one given first (the default).
    LEFTMOST_LONGEST = "leftmost-longest"


_MATCH_KIND_CODE = {MatchKind.STANDARD: 0, MatchKind.LEFTMOST_FIRST: 1, MatchKind.LEFTMOST_LONGEST: 2}


# A phrase match's fields: on CPython 3.11+ the C extension's
# PhraseMatchBase (so PhraseSet.search makes the match in C), with cffi a
# Python class.
if _C_FAST:
    _PhraseMatchBase = _native.PhraseMatchBase
else:
    class _PhraseMatchBase(_ReadOnly):
        __slots__ = ("set", "string", "index", "_start", "_end")

        def __init__(self, phrase_set, string, index, start, end):
            # One match per call: object.__setattr__ spelled out, not
            # _fields()'s keywords.
            init = object.__setattr__
            init(self, "set", phrase_set)
            init(self, "string", string)
            init(self, "index", index)
            init(self, "_start", start)
            init(self, "_end", end)


class PhraseMatch(_PhraseMatchBase):
    """A PhraseSet match: `index` (the phrase's index in the set),
    `string` (the haystack), `set` (the PhraseSet), and re.Match's
    `start()`, `end()`, `span()`, `group()` (also `m[0]`); `phrase` is the
    phrase as given."""

    __slots__ = ()
    __class_getitem__ = classmethod(_GenericAlias)  # PhraseMatch[str], as the stubs have it

    def start(self):
        return self._start

    def end(self):
        return self._end

    def span(self):
        return (self._start, self._end)

    def group(self, group=0):
        """The matched text (group 0, the only group)."""
        if group != 0:
            raise IndexError("no such group")
        s = self.string
        if isinstance(s, (str, bytes)):
            return s[self._start:self._end]
        return _slicer(s)(self._start, self._end)

    __getitem__ = group

    @property
    def phrase(self):
        return self.set.phrases[self.index]

    def __eq__(self, other):
        if not isinstance(other, PhraseMatch):
            return NotImplemented
        return (self.index, self._start, self._end, self.string) == (other.index, other._start, other._end,
                                                                     other.string)

    __hash__ = None

    def __repr__(self):
        return f"<ferrex.PhraseMatch object; index={self.index}, span={self.span()!r}, match={self.group()!r}>"


if _C_FAST:
    _native.set_match_type(SetMatch, True)
    _native.set_phrase_match_type(PhraseMatch)


class PhraseSet(_ReadOnly):
    """Many literal phrases searched at once (Aho-Corasick: time linear in
    the haystack and the matches, whatever the number of phrases).

        >>> s = ferrex.PhraseSet(["apple", "app", "pie"])
        >>> [(m.index, m.span()) for m in s.finditer("apple pie")]
        [(0, (0, 5)), (2, (6, 9))]
        >>> s.replace("apple pie", ["pear", "?", "tart"])
        'pear tart'

    `phrases`: all str or all bytes (any bytes). `match_kind`: a MatchKind
    or its string, "leftmost-longest" by default. `flags`: IGNORECASE
    folds case: for str phrases Unicode simple case folding (é matches É;
    the set is then searched by the regex engine, needs a leftmost match
    kind, has no overlapping iteration, and "longest" means the phrase
    with the most UTF-8 bytes), for bytes or with ASCII only A-Z. An
    empty phrase matches at every offset (see MatchKind; iteration skips
    an empty match where the previous match ended). `flags` holds
    UNICODE for str phrases without ASCII, as a str Pattern's does.
    Immutable, thread-safe, pickles by phrases, flags and match kind."""

    __slots__ = ("phrases", "flags", "match_kind", "_set", "_is_bytes", "_hay", "_unicode", "_has_empty",
                 "__weakref__")
    __class_getitem__ = classmethod(_GenericAlias)  # PhraseSet[str], as the stubs have it

    def __init__(self, phrases, flags=0, match_kind=MatchKind.LEFTMOST_LONGEST):
        items = _patterns_of(phrases, "phrase")
        is_bytes = isinstance(items[0], bytes)
        try:
            kind = MatchKind(match_kind)
        except ValueError:
            raise ValueError(f"unknown match kind {match_kind!r}: use one of "
                             f"{', '.join(repr(k.value) for k in MatchKind)}") from None
        if not isinstance(flags, int):
            raise TypeError(f"flags must be an int, not {type(flags).__name__}")
        flags = int(flags)
        # int() first: ~ of a RegexFlag keeps only defined flags (3.11+),
        # which would let unknown bits through.
        if flags & ~int(IGNORECASE | ASCII | UNICODE):
            raise ValueError("a PhraseSet takes only the flags IGNORECASE, ASCII and UNICODE")
        if is_bytes and flags & UNICODE:
            raise ValueError("cannot use UNICODE flag with bytes phrases")
        if flags & UNICODE and flags & ASCII:
            raise ValueError("ASCII and UNICODE flags are incompatible")
        fold = bool(flags & IGNORECASE)
        unicode_fold = fold and not is_bytes and not flags & ASCII
        if not is_bytes and not flags & ASCII:
            flags |= int(UNICODE)  # str phrases are Unicode, as a str Pattern's and RegexSet's flags say
        if unicode_fold and kind == MatchKind.STANDARD:
            raise ValueError("Unicode case folding (IGNORECASE on str phrases) needs a leftmost match kind; "
                             "add ASCII to fold A-Z only, which works with every kind")
        data = items if is_bytes else tuple(p.encode("utf-8", "surrogatepass") for p in items)
        try:
            phrase_set = _native.compile_phrases(data, _MATCH_KIND_CODE[kind], fold and not unicode_fold,
                                                unicode_fold)
        except ValueError as e:
            if len(e.args) != 3:
                raise
            msg, _status, index = e.args
            index = index if 0 <= index < len(items) else None
            raise error(msg, None if index is None else items[index], None, msg, index=index) from None
        self._fields(_set=phrase_set, phrases=items, flags=flags, match_kind=kind, _is_bytes=is_bytes,
                     _hay=bytes if is_bytes else str,  # as RegexSet's
                     _unicode=unicode_fold, _has_empty=any(not p for p in data))

    # Pattern's haystack handling: (hay, conv, byte pos, byte endpos).
    _prepare = Pattern._prepare

    def __len__(self):
        return len(self.phrases)

    def is_match(self, string, pos=0, endpos=None):
        """Whether any phrase occurs in string[pos:endpos]."""
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            return self._set.is_match(string, 0, len(string), 0)
        hay, _conv, start, end = self._prepare(string, pos, endpos)
        return start <= end and self._set.is_match(hay, start, end, 0)

    def _one(self, string, pos, endpos, flags):
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            if _C_FAST:  # the C extension makes the PhraseMatch itself
                return self._set.find_match(string, flags, self)
            r = self._set.find(string, 0, len(string), flags)
            return None if r is None else PhraseMatch(self, string, *r)
        hay, conv, start, end = self._prepare(string, pos, endpos)
        if start > end:
            return None
        if conv is not None and self._has_empty:
            # A non-ASCII str and an empty phrase, which matches inside
            # characters too: the first match on character boundaries.
            for m in self._iter(string, hay, start, end, flags, False, conv):
                return m
            return None
        r = self._set.find(hay, start, end, flags)
        if r is None:
            return None
        i, s, e = r
        if conv is not None:
            s, e = conv.char(s), conv.char(e)
        return PhraseMatch(self, string, i, s, e)

    def search(self, string, pos=0, endpos=None):
        """The first match in string[pos:endpos] by the set's match kind
        (a PhraseMatch), or None."""
        if _C_FAST and pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (
                self._is_bytes or string.isascii()):
            return self._set.find_match(string, 0, self)  # the fast path, inlined (python/bench/setcost.py)
        return self._one(string, pos, endpos, 0)

    def match(self, string, pos=0, endpos=None):
        """The match by the set's match kind that starts exactly at pos,
        or None."""
        return self._one(string, pos, endpos, _SEARCH_ANCHORED)

    def _spans(self, string, pos, endpos, overlapping):
        """(hay, converter or None, [(index, start, end) in bytes])."""
        overlapping = self._check_overlapping(overlapping)
        hay, conv, start, end = self._prepare(string, pos, endpos)
        if start > end:
            return hay, None, []
        return hay, conv, self._set.spans(hay, start, end, 0, overlapping)

    def _check_overlapping(self, overlapping):
        overlapping = bool(overlapping)
        if overlapping and (self.match_kind != MatchKind.STANDARD or self._unicode):
            raise ValueError("overlapping iteration needs match_kind='standard' and no Unicode case folding")
        return overlapping

    def find_spans(self, string, pos=0, endpos=None, overlapping=False):
        """[(phrase index, start, end), ...] of every match in
        string[pos:endpos], in one native call: the fastest way to get them
        all. Non-overlapping by the match kind, or with `overlapping` (the
        standard kind only) every occurrence of every phrase, ordered by
        end, then start, then index."""
        if pos.__class__ is int and pos == 0 and endpos is None and type(string) is self._hay and (self._is_bytes or string.isascii()):
            return self._set.spans(string, 0, len(string), 0, self._check_overlapping(overlapping))
        hay, conv, spans = self._spans(string, pos, endpos, overlapping)
        if conv is None:
            return spans
        return [(i, conv.char(s), conv.char(e)) for i, s, e in spans if conv.boundary(s)]

    def findall(self, string, pos=0, endpos=None, overlapping=False):
        """The matched texts (as re.findall gives them), in the order
        find_spans() reports the matches."""
        get = _slicer(string)
        return [get(s, e) for _i, s, e in self.find_spans(string, pos, endpos, overlapping)]

    def finditer(self, string, pos=0, endpos=None, overlapping=False):
        """An iterator of PhraseMatch over the matches in string[pos:endpos],
        found a batch at a time (the haystack must keep its length
        meanwhile: a resized buffer raises RuntimeError). Non-overlapping
        by the match kind, or with `overlapping` every occurrence (see
        find_spans)."""
        overlapping = self._check_overlapping(overlapping)
        hay, conv, start, end = self._prepare(string, pos, endpos)
        if start > end:
            return iter(())
        return self._iter(string, hay, start, end, 0, overlapping, conv)

    def _iter(self, string, hay, start, end, flags, overlapping, conv):
        it = self._set.iter(hay, start, end, flags, overlapping)
        # A batch was found at the size the haystack had then: no match of
        # it is handed out once a mutable haystack was resized.
        guard = _size_guard(string)
        batch = 16
        while True:
            spans = it.next_batch(hay, batch)
            for i, s, e in spans:
                if guard is not None:
                    guard()
                if conv is None:  # offsets are the haystack's own
                    yield PhraseMatch(self, string, i, s, e)
                elif conv.boundary(s):  # a str's (Pattern._prepare's _Utf8)
                    yield PhraseMatch(self, string, i, conv.char(s), conv.char(e))
            if len(spans) < batch:
                return
            batch = min(batch * 4, 256)  # small first batches for an early break

    def replace(self, string, replacements):
        """The string with every non-overlapping match of phrase i replaced
        by replacements[i] (one per phrase; or one str/bytes for all; or a
        callable taking the PhraseMatch and returning the replacement)."""
        is_str = isinstance(string, str)
        if is_str == self._is_bytes:
            if is_str:
                raise TypeError("cannot use bytes phrases on a string")
            if not _is_buffer(string):
                raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
            raise TypeError("cannot use str phrases on a bytes-like object")
        if callable(replacements):
            return self._replace_with(string, replacements)
        empty = b"" if self._is_bytes else ""
        if isinstance(replacements, (str, bytes, bytearray, memoryview)):
            replacements = (replacements,) * len(self.phrases)
        try:
            reps = tuple(replacements)
        except TypeError:
            raise TypeError("replacements must be a sequence (one per phrase), a str or bytes, or a "
                            f"callable, not {type(replacements).__name__}") from None
        if len(reps) != len(self.phrases):
            raise ValueError(f"{len(reps)} replacements given for {len(self.phrases)} phrases")
        want = (bytes, bytearray, memoryview) if self._is_bytes else str
        for k, r in enumerate(reps):
            if not isinstance(r, want):
                raise TypeError(f"replacement {k} must be {'bytes-like' if self._is_bytes else 'str'}, "
                                f"not {type(r).__name__}")
        if self._is_bytes:
            return self._set.replace(string, 0, _view(string).nbytes, tuple(bytes(r) for r in reps))
        if self._has_empty and not string.isascii():
            # An empty phrase matches inside characters: only the matches
            # on character boundaries are the str's.
            return self._replace_with(string, lambda m: reps[m.index])
        hay = string if _STR_IN_PLACE and string.isascii() else string.encode("utf-8", "surrogatepass")
        out = self._set.replace(hay, 0, len(hay), tuple(r.encode("utf-8", "surrogatepass") for r in reps))
        return out.decode("utf-8", "surrogatepass") if out else empty

    def _replace_with(self, string, fn):
        get = _slicer(string)
        pieces = []
        last = 0
        for m in self.finditer(string):
            r = fn(m)
            if not isinstance(r, (bytes, bytearray, memoryview) if self._is_bytes else str):
                raise TypeError(f"the replacement for phrase {m.index} must be "
                                f"{'bytes-like' if self._is_bytes else 'str'}, not {type(r).__name__}")
            pieces.append(get(last, m.start()))
            pieces.append(bytes(r) if self._is_bytes else r)
            last = m.end()
        pieces.append(get(last, None))
        return (b"" if self._is_bytes else "").join(pieces)

    def stream(self, retain_limit=None, overlapping=False):
        """A Stream of the set's matches over bytes fed in chunks:
        (phrase index, start, end) byte offsets, by the match kind, or with
        `overlapping` (the standard kind) every occurrence. See
        ferrex.Stream."""
        from ._stream import Stream

        return Stream(self, retain_limit, overlapping=overlapping)

    def __repr__(self):
        flags = _shown_flags(self)
        extra = f", {flags}" if flags else ""
        return f"ferrex.PhraseSet({list(self.phrases)!r}{extra}, match_kind={self.match_kind.value!r})"

    def __eq__(self, other):
        if not isinstance(other, PhraseSet):
            return NotImplemented
        return (self.phrases, self.flags, self.match_kind) == (other.phrases, other.flags, other.match_kind)

    def __hash__(self):
        return hash((self.phrases, self.flags, self.match_kind))

    def __reduce__(self):
        return (PhraseSet, (self.phrases, self.flags, self.match_kind.value))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

