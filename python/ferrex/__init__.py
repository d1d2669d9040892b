"""ferrex: DFA-first regex matching (Rust's regex-automata, through
libferrex's C API) with the API of Python's `re`.

    >>> import ferrex
    >>> p = ferrex.compile(r"(?P<user>[a-z]+)@(?P<host>[a-z]+)\\.com")
    >>> [m.group("user") for m in p.finditer("alice@example.com, bob@example.com")]
    ['alice', 'bob']

Every search runs in time linear in the haystack. Where ferrex differs from
`re` (see the README's "From Python" section):

- no backreferences (`\\1`, `(?P=name)`, `(?(1)yes|no)`), no look-around
  (`(?=`, `(?!`, `(?<=`, `(?<!`), no possessive quantifiers (`a*+`) and no
  atomic groups (`(?>...)`): the pattern is refused with ferrex.error,
  whose message says so;
- `$` without MULTILINE matches only at the very end (re's also matches
  before a final newline); `\\Z` means the end, as in re;
- after an empty match at offset i, iteration (finditer, findall, sub,
  split) resumes its search one character later, so a non-empty match
  that starts at i and that the pattern ranks below the empty one is not
  reported (re reports it: `|a` over "a" gives re (0,0) (0,1) (1,1),
  ferrex (0,0) (1,1)); an empty match right after a non-empty one is
  reported, as in re (`x*` over "axb": (0,0) (1,2) (2,2) (3,3));
- the syntax is the regex crate's (https://docs.rs/regex), translated
  where re reads it otherwise (octal escapes, `(?#...)`, `(?a)`, `\\Z`,
  repeated quantifiers): classes like `[[:alpha:]]` and `\\p{Greek}` work.

Offsets are in characters for str and in bytes for bytes-like haystacks
(bytes, bytearray, memoryview and other buffers are read in place).

Beyond re: RegexSet (many patterns at once: which match, and every match
with its pattern's index) and PhraseSet (many literal phrases,
Aho-Corasick: match kinds, case folding, overlapping iteration,
replace); see their docstrings.
"""
import enum as _enum
import operator as _operator
import sys as _sys
from types import GenericAlias as _GenericAlias
from types import MappingProxyType as _MappingProxyType

_SSIZE_MAX = _sys.maxsize  # the largest C Py_ssize_t

try:
    from . import _ferrex as _native
except ImportError as c_error:
    # cffi is the backend where the C extension was not built (PyPy,
    # CPython before 3.11). Where neither loads, say why of both: the C
    # extension's reason is the one that matters on CPython 3.11+.
    try:
        from . import _backend_cffi as _native
    except ImportError as cffi_error:
        raise ImportError(f"ferrex: no backend loads: the C extension ({c_error}), "
                          f"cffi ({cffi_error})") from cffi_error

__all__ = [
    "compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
    "escape", "purge", "lowercase", "error", "Pattern", "Match", "RegexFlag",
    "IGNORECASE", "I", "MULTILINE", "M", "DOTALL", "S", "VERBOSE", "X", "ASCII", "A", "UNICODE", "U",
    "NOFLAG", "RegexSet", "SetMatch", "PhraseSet", "PhraseMatch", "MatchKind",
]

__version__ = _native.version()
BACKEND = _native.BACKEND
# The C extension reads an ASCII str in place; cffi gets bytes.
_STR_IN_PLACE = _native.BACKEND.startswith("C extension")
if _native.LIBRARY_VERSION != _native.HEADER_VERSION:  # pragma: no cover
    raise ImportError(f"ferrex: library version {_native.LIBRARY_VERSION} != header {_native.HEADER_VERSION}")

def _called_as(name):
    """Names a method the C fast path falls back to (PatternBase's search
    and match call _search_slow) after the method the caller called, so
    that its argument errors and tracebacks say search(), as re's do, not
    an internal name."""
    def rename(f):
        qualname = f.__qualname__.rsplit(".", 1)[0] + "." + name
        code = f.__code__.replace(co_name=name)
        if hasattr(code, "co_qualname"):  # 3.11+
            code = code.replace(co_qualname=qualname)
        f.__code__ = code
        f.__name__, f.__qualname__ = name, qualname  # what argument errors name
        return f
    return rename


class _ReadOnly:
    """Attributes set once, by _fields() in __init__, and read-only from
    outside after, as re's are: Pattern, RegexSet, PhraseSet, and with
    cffi Match and PhraseMatch (the C extension's are read-only in C)."""

    __slots__ = ()

    def _fields(self, **values):
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"readonly attribute '{name}' of 'ferrex.{type(self).__name__}' object")

    def __delattr__(self, name):
        raise AttributeError(f"readonly attribute '{name}' of 'ferrex.{type(self).__name__}' object")


# The C extension has Pattern's search() and match() on a whole haystack
# in C (PatternBase) and makes the Match itself (MatchBase: its fields);
# with cffi they are Python.
_C_FAST = hasattr(_native, "PatternBase")
if _C_FAST:
    _PatternBase = _native.PatternBase
    _MatchBase = _native.MatchBase
else:
    class _PatternBase:
        __slots__ = ("_re", "_full")

    class _MatchBase(_ReadOnly):
        __slots__ = ("re", "string", "_spans", "pos", "endpos")

        def __init__(self, pattern, string, spans, pos, endpos):
            # One per match: object.__setattr__ spelled out, as
            # PhraseMatch's (_fields()'s keywords cost PyPy 290 ns a match
            # against 5: python/bench/callcost.sh).
            init = object.__setattr__
            init(self, "re", pattern)
            init(self, "string", string)
            init(self, "_spans", spans)
            init(self, "pos", pos)
            init(self, "endpos", endpos)

        def __reduce__(self):  # as re.Match and the C extension's
            raise TypeError(f"cannot pickle '{type(self).__name__}' object")

# The haystack kinds a Regex's fast path reads in place (_ferrex.c KIND_*).
_KIND_BYTES = 1
_KIND_STR = 2

# ferrex_* constants (include/ferrex.h).
_F_CASE_INSENSITIVE = 1 << 0
_F_MULTI_LINE = 1 << 1
_F_DOT_MATCHES_NEW_LINE = 1 << 2
_F_IGNORE_WHITESPACE = 1 << 4
_F_NO_UNICODE = 1 << 5
_F_NO_UTF8 = 1 << 6
_SEARCH_ANCHORED = 1 << 0


class RegexFlag(_enum.IntFlag):
    """The flags, with re's values (so re.IGNORECASE works here too)."""

    NOFLAG = 0
    IGNORECASE = I = 2
    MULTILINE = M = 8
    DOTALL = S = 16
    UNICODE = U = 32
    VERBOSE = X = 64
    ASCII = A = 256


NOFLAG = RegexFlag.NOFLAG
IGNORECASE = I = RegexFlag.IGNORECASE
MULTILINE = M = RegexFlag.MULTILINE
DOTALL = S = RegexFlag.DOTALL
UNICODE = U = RegexFlag.UNICODE
VERBOSE = X = RegexFlag.VERBOSE
ASCII = A = RegexFlag.ASCII
_KNOWN_FLAGS = 2 | 8 | 16 | 32 | 64 | 256


class error(ValueError):
    """A pattern ferrex cannot compile, like re.error: `msg`, `pattern` and
    `pos` (the character (str) or byte (bytes) index in the pattern where
    the problem starts, or None), `lineno` and `colno`. str() is
    "msg at position N"; the full message (with a caret under the bad
    text, as ferrex reports it) is in `detail`. For a RegexSet or a
    PhraseSet, `index` is the failing pattern's (or phrase's) index in
    the set and str() starts "pattern N: "; otherwise it is None."""

    def __init__(self, msg, pattern=None, pos=None, detail=None, index=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        self.index = index
        self.detail = detail if detail is not None else msg
        if pattern is not None and pos is not None:
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            msg = f"{msg} at position {pos}"
            if newline in pattern:
                msg += f" (line {self.lineno}, column {self.colno})"
        else:
            self.lineno = self.colno = None
        if index is not None:
            msg = f"pattern {index}: {msg}"
        super().__init__(msg)

    def __reduce__(self):
        return (error, (self.msg, self.pattern, self.pos, self.detail, self.index))


# ---------------------------------------------------------------------------
# Compiling


# re.ASCII on a str pattern (or in `(?a)` / `(?a:...)`): ASCII classes,
# written so that they match only whole characters (ferrex's NO_UNICODE
# flag would also let `.` and negated classes match single bytes of a
# character, which a str pattern must not).
_ASCII_OUT = {"w": "[[:word:]]", "W": "[[:^word:]]", "d": "[[:digit:]]", "D": "[[:^digit:]]",
              "s": "[[:space:]]", "S": "[[:^space:]]", "b": "(?-u:\\b)", "B": "(?-u:\\B)"}
_ASCII_IN = {"w": "[:word:]", "W": "[:^word:]", "d": "[:digit:]", "D": "[:^digit:]",
             "s": "[:space:]", "S": "[:^space:]"}

_UNSUPPORTED_HINT = (
    " (ferrex matches in linear time: it has no backreferences and no look-around; see the "
    "README's From Python section)"
)
_POSSESSIVE = ("possessive quantifiers (*+, ++, ?+, {m,n}+) are not supported: one gives up backtracking, "
               "and ferrex's DFA engine (linear time) never backtracks, so it cannot express one")
_ATOMIC = ("atomic groups (?>...) are not supported: one gives up backtracking, and ferrex's DFA engine "
           "(linear time) never backtracks, so it cannot express one")
_CONDITIONAL = ("conditional groups (?(group)yes|no) are not supported: they test what a group captured, "
                "as a backreference does" + _UNSUPPORTED_HINT)
_NAMED_BACKREF = "named backreferences (?P=name) are not supported" + _UNSUPPORTED_HINT

# What the item before a quantifier is (re's "nothing to repeat" and
# "multiple repeat"): nothing (the start of a pattern, group or
# alternative), an item, an anchor, a quantifier right before (so a `?`
# makes it lazy and a `+` possessive), or a repetition that can take no more.
_NOTHING, _ITEM, _ANCHOR, _QUANTIFIER, _REPEATED = range(5)
_RE_SPACE = " \t\n\r\v\f"  # what re's verbose mode skips
_DIGITS = "0123456789"
_SPECIAL = frozenset("\\[](){}|*+?^$#")  # a plain run (_translate) ends before them
# What the scanner must see outside verbose mode: without these, `|`, `^`,
# `$`, `#` and spaces need neither translation nor a check (a quantifier
# is needed to repeat nothing or repeat twice), and a pattern of words
# joined by `|` compiles without the scan (30,000 words: 101 ms of scan).
_SCANNED = "\\[](){}*+?"
_OCTAL = "01234567"
_HEX_DIGITS = "0123456789abcdefABCDEF"
_HEX_DIGITS_NEEDED = {"x": 2, "u": 4, "U": 8}  # re's \xhh, \uhhhh, \Uhhhhhhhh
_FLAG_LETTERS = "aiLmstuxUR"  # re's (aiLmstux) and the regex crate's (imsxuUR)
_GLOBAL_FLAGS = {"i": 2, "m": 8, "s": 16, "u": 32, "x": 64, "a": 256}  # RegexFlag's values
_WORD_BOUNDARIES = ("start", "end", "start-half", "end-half")  # the regex crate's \b{...}


def _hex(c):
    """A character (or in a bytes pattern, a byte) as the regex crate's hex escape."""
    return "\\x%02X" % ord(c) if ord(c) < 0x100 else "\\x{%X}" % ord(c)


def _comment_end(text, i):
    """The index after the comment `(?#...)` at text[i]: after its first
    ")" that no backslash escapes (re reads escapes before comments); -1
    if it has none."""
    j = i + 3
    while j < len(text):
        c = text[j]
        if c == ")":
            return j + 1
        j += 2 if c == "\\" else 1
    return -1


def _line_comment_end(text, i):
    """The index after the verbose-mode comment `#...` at text[i]: after
    the first newline that no backslash escapes (re reads `\\` and the
    character after it as one, even in a comment), or the end; past the
    end (len(text) + 1) when the comment ends in a lone backslash."""
    n = len(text)
    j = text.find("\n", i)
    j = n if j < 0 else j
    if "\\" not in text[i:j]:
        return min(j + 1, n)
    j = i + 1
    while j < n and text[j] != "\n":
        j += 2 if text[j] == "\\" else 1
    return n + 1 if j > n else min(j + 1, n)


def _repeats_none(counts):
    """Whether re's repetition {counts} ("0", "0,0", ",0", "00") has a
    maximum of 0."""
    low, comma, high = counts.partition(",")
    most = high if comma else low
    return most != "" and int(most) == 0


def _translate(pattern, is_bytes, flags=0, closes=None):
    """(source, back, global flags): the pattern as ferrex reads it (UTF-8
    text), the map from its byte offsets back to the pattern's indexes
    (None when they agree), and the flags of the pattern's leading
    `(?flags)` groups (re's global flags, as re puts them in .flags).

    `flags` (see _translate_flags): VERBOSE, and ASCII for a str pattern.
    It reads the pattern as re does where the regex crate reads it
    otherwise: in bytes patterns non-ASCII bytes become \\xHH (which
    matches that byte there); re's \\Z becomes \\z (both: the very end);
    octal escapes become \\xHH; `(?#...)` comments are left out; in ASCII
    scopes (the ASCII flag, `(?a)`, `(?a:...)`, but not `(?u:...)`) \\w \\W
    \\d \\D \\s \\S \\b \\B become their ASCII forms and `a` is dropped from
    the flags; in verbose mode, whitespace and `#` in a class, and
    whitespace outside re's " \\t\\n\\r\\v\\f", become \\xHH (re keeps them,
    the regex crate would skip them), and so does a verbose comment that
    goes on after an escaped newline; a `{` that starts no repetition
    becomes \{ (re's character) and `{,n}` `{0,n}`; a first `]` in a class
    becomes \] (a range's start in `[]-e]`, as in re); a group repeated
    at most 0 times, `(a){0}`, becomes `(?:(a)[^\s\S])?` (the regex crate
    would drop the group). It raises ferrex.error where re refuses what
    the regex crate would take otherwise (a quantifier after a quantifier
    or after nothing, a class escape in a range), and for constructs
    ferrex cannot express, naming them.

    `closes`, a list, receives the number of each capturing group in the
    order their ")" close (Match.lastindex's order)."""
    text = pattern.decode("latin-1") if is_bytes else pattern
    # A substring test a character (C's search), not a set's walk of the
    # text (Python's, 10 ns a character).
    if text.isascii() and not any(c in text for c in (_SPECIAL if flags & VERBOSE else _SCANNED)):
        return text.encode("ascii"), None, 0  # nothing to translate or check
    n = len(text)
    flags = int(flags)
    ascii_ = bool(flags & ASCII) and not is_bytes
    verbose = bool(flags & VERBOSE)
    parts = []  # (piece, index in text, piece is text[index:...] as is)
    emit = parts.append

    def fail(msg, at):
        raise error(msg, pattern, at)

    def emit_text(s, at):
        if is_bytes and not s.isascii():
            for k, ch in enumerate(s):
                emit(("\\x%02X" % ord(ch), at + k, False) if ord(ch) >= 0x80 else (ch, at + k, True))
        else:
            emit((s, at, True))

    def octal(i, j):
        v = int(text[i + 1:j], 8)
        if v > 0o377:
            fail(f"octal escape value {text[i:j]} outside of range 0-0o377", i)
        return "\\x%02X" % v

    def escape(i, in_class, ascii_):
        """(end, replacement or None for text[i:end] as is, what it is)."""
        if i + 1 >= n:
            return n, None, _ITEM  # a trailing backslash: the library's error
        d = text[i + 1]
        j = i + 2
        if d in _DIGITS:
            # re's rules: \0 and up to two more octal digits, \NNN with three
            # octal digits, and in a class any octal digit and up to two more,
            # are characters; \1-\99 outside a class are backreferences (the
            # library refuses them), \8 \9 in a class bad escapes (as well).
            if d == "0" or (in_class and d in _OCTAL):
                while j < n and j < i + 4 and text[j] in _OCTAL:
                    j += 1
                return j, octal(i, j), _ITEM
            if not in_class and j < n and text[j] in _DIGITS:
                if d in _OCTAL and text[j] in _OCTAL and j + 1 < n and text[j + 1] in _OCTAL:
                    return j + 2, octal(i, j + 2), _ITEM
                j += 1
            return j, None, _ITEM
        if d in "xuUpPN" and j < n and text[j] == "{":  # the regex crate's \x{...}, \p{...}
            k = text.find("}", j)
            return (n if k < 0 else k + 1), None, _ITEM
        if d in _HEX_DIGITS_NEEDED:
            # Exactly so many hex digits, as re reads them: fewer is re's
            # error, where the regex crate would take digits a comment or
            # a verbose space left out brought next (`\x4(?#)1`).
            k, end = j, min(n, j + _HEX_DIGITS_NEEDED[d])
            while k < end and text[k] in _HEX_DIGITS:
                k += 1
            if k < j + _HEX_DIGITS_NEEDED[d]:
                fail(f"incomplete escape {text[i:k]}", i)
            return k, None, _ITEM
        if ord(d) >= 0x80:
            # re: an escaped non-ASCII character is itself (the regex crate
            # refuses the escape; no such character is special to it).
            return j, ("\\x%02X" % ord(d) if is_bytes else d), _ITEM
        if in_class:
            if d in "<>":  # re: the characters (the regex crate: word boundaries, refused here)
                return j, d, _ITEM
            return j, (_ASCII_IN.get(d) if ascii_ else None), _ITEM
        if d == "b" and j < n and text[j] == "{":
            k = text.find("}", j)
            if k > 0 and text[j + 1:k] in _WORD_BOUNDARIES:
                return k + 1, (f"(?-u:{text[i:k + 1]})" if ascii_ else None), _ANCHOR
        if d == "Z":
            return j, "\\z", _ANCHOR
        kind = _ANCHOR if d in "AbBz" else _ITEM
        return j, (_ASCII_OUT.get(d) if ascii_ else None), kind

    def emit_escape(i, in_class, ascii_):
        """Emits the escape at text[i]; (its end, what it is)."""
        j, piece, what = escape(i, in_class, ascii_)
        if piece is None:
            emit_text(text[i:j], i)
        else:
            emit((piece, i, False))
        return j, what

    def scan_class(i, ascii_, verbose):
        """Emits the class at text[i] ("["), nested classes (the regex
        crate's) included; the index after its "]"."""
        depth = 0
        j = i
        opening = True
        # re's ranges: an item, "-", an item that is not the closing "]".
        # `start` is where the item that may begin one starts (None when
        # none may: at the start, after a range, after a nested class),
        # `ranged` (start, is a class) that of a range's first item while
        # its last is read. re refuses a class escape at either end (the
        # regex crate too, but an ASCII \w is a class here by then).
        start = ranged = None
        start_class = False
        while j < n:
            c = text[j]
            at = j
            if opening:  # "[", "^" and a first "]" (a literal one)
                k = j + 1
                if k < n and text[k] == "^":
                    k += 1
                emit((text[j:k], j, True))
                depth += 1
                opening = False
                start = ranged = None
                if k < n and text[k] == "]":
                    # Escaped: the regex crate reads `[]-e]` as "]", "-", "e"
                    emit(("\\]", k, False))
                    start, start_class = k, False
                    k += 1
                j = k
                continue
            if c == "\\":
                j, _ = emit_escape(j, True, ascii_)
                is_class = j == at + 2 and text[at + 1] in "wWdDsS"
            elif c == "[":
                k = text.find(":]", j + 2) if text.startswith("[:", j) else -1
                name = text[j + 2:k].lstrip("^") if k > 0 else ""
                if name.isascii() and name.isalpha():  # [:alpha:], [:^alpha:]
                    emit((text[j:k + 2], j, True))
                    j = k + 2
                else:
                    opening = True
                start = ranged = None
                continue
            elif c == "]":
                emit(("]", j, True))
                j += 1
                depth -= 1
                start = ranged = None
                if depth == 0:
                    return j
                continue
            elif c == "-" and start is not None and j + 1 < n and text[j + 1] != "]":
                emit(("-", j, True))
                ranged, start = (start, start_class), None
                j += 1
                continue
            elif verbose and (c == "#" or c.isspace()):
                # re's verbose mode keeps them in a class, the regex crate's skips them
                emit((_hex(c), j, False))
                j += 1
                is_class = False
            else:
                # A run of characters, in one piece: only its first may end
                # a range, only its last begin one.
                k = j + 1
                while k < n and text[k] not in "\\[]-" and not (verbose and (text[k] == "#" or text[k].isspace())):
                    k += 1
                emit_text(text[j:k], j)
                if ranged is not None and ranged[1]:
                    fail(f"bad character range {text[ranged[0]:j + 1]}", ranged[0])
                start, start_class, ranged = k - 1, False, None
                j = k
                continue
            if ranged is not None:
                if ranged[1] or is_class:
                    fail(f"bad character range {text[ranged[0]:j]}", ranged[0])
                ranged = None
            else:
                start, start_class = at, is_class
        return n  # unterminated: the library's error

    global_flags = 0
    leading = True  # only comments and (?flags) so far: re's global flags' place
    last = _NOTHING
    # For each open group: (verbose, ascii_) to restore at its ")", where
    # in parts it opens, and its number (0: not a capturing group).
    stack = []
    groups = 0
    closed_at = None  # where in parts the group just closed opens, while nothing but space follows it
    i = 0
    while i < n:
        c = text[i]
        if verbose and (c in _RE_SPACE or c == "#"):
            if c != "#":
                j = i + 1
                emit((c, i, True))  # the library skips it too
            else:
                j = _line_comment_end(text, i)
                if j > n:
                    fail("bad escape (end of pattern)", n - 1)
                if "\n" not in text[i:j - 1]:
                    emit_text(text[i:j], i)  # the library skips it too
                # else a comment that goes on after an escaped newline, as
                # re reads it: left out (the library would end it there)
            if last == _QUANTIFIER:
                last = _REPEATED
            i = j
            continue
        if c == "(" and text.startswith("(?", i):
            d = text[i + 2:i + 3]
            if d == "#":  # re's comment, to the first ")" not escaped: left out
                j = _comment_end(text, i)
                if j < 0:
                    fail("missing ), unterminated comment", i)
                if last == _QUANTIFIER:
                    last = _REPEATED
                i = j
                continue
            if d == ">":
                fail(_ATOMIC, i)
            if d == "(":
                fail(_CONDITIONAL, i)
            if text.startswith("(?P=", i):
                fail(_NAMED_BACKREF, i)
            j = i + 2
            while j < n and (text[j] in _FLAG_LETTERS or text[j] == "-"):
                j += 1
            if j > i + 2 and j < n and text[j] in ":)":
                letters = text[i + 2:j]
                on, minus, off = letters.partition("-")
                if "L" in letters:
                    fail("bad inline flags: ferrex does not support the 'L' flag (re.LOCALE)",
                         i + 2 + letters.index("L"))
                if is_bytes and "u" in on:  # (?-u) is the regex crate's, and a bytes pattern's already
                    fail("bad inline flags: cannot use 'u' flag with a bytes pattern", i + 2 + on.index("u"))
                if "a" in on and "u" in on:
                    fail("bad inline flags: flags 'a', 'u' and 'L' are incompatible", i + 2)
                if "a" in off:
                    fail("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", i + 2)
                new_ascii = (ascii_ or "a" in on) and "u" not in on and not is_bytes
                new_verbose = (verbose or "x" in on) and "x" not in off
                rust = letters.replace("a", "")
                if text[j] == ")":
                    # To the end of the enclosing group (the regex crate's
                    # rule); re's global flags at the start of the pattern.
                    if leading and not minus:
                        for f in on:
                            global_flags |= _GLOBAL_FLAGS.get(f, 0)
                    else:
                        leading = False
                    if rust:
                        emit((f"(?{rust})", i, rust == letters))
                    ascii_, verbose = new_ascii, new_verbose
                    last = _NOTHING
                else:
                    stack.append((verbose, ascii_, len(parts), 0))
                    ascii_, verbose = new_ascii, new_verbose
                    emit((f"(?{rust}:", i, rust == letters))
                    leading = False
                    last = _NOTHING
                i = j + 1
                continue
        leading = False
        group_at, closed_at = closed_at, None
        if c == "\\":
            i, last = emit_escape(i, False, ascii_)
        elif c == "[":
            i = scan_class(i, ascii_, verbose)
            last = _ITEM
        elif c == "(":
            number = 0
            if text.startswith("(?P<", i) or (text.startswith("(?<", i) and text[i + 3:i + 4] not in "=!"):
                j = text.find(">", i)
                j = n if j < 0 else j + 1
                groups = number = groups + 1
            elif text.startswith(("(?<=", "(?<!"), i):
                j = i + 4
            elif text.startswith(("(?:", "(?=", "(?!"), i):
                j = i + 3
            else:
                j = i + 1  # a group; or "(?" the library refuses
                if text.startswith("(?", i):
                    j += 1
                else:
                    groups = number = groups + 1
            stack.append((verbose, ascii_, len(parts), number))
            emit_text(text[i:j], i)
            last = _NOTHING
            i = j
        elif c == ")":
            if stack:
                verbose, ascii_, closed_at, number = stack.pop()
                if number and closes is not None:
                    closes.append(number)
            emit((c, i, True))
            last = _ITEM
            i += 1
        elif c == "|":
            emit((c, i, True))
            last = _NOTHING
            i += 1
        elif c not in _SPECIAL and c < "\x80" and not (verbose and c.isspace()):
            # A run of plain ASCII characters (in one piece: compiling a
            # long pattern or a large set stays quick).
            j = i + 1
            while j < n and text[j] not in _SPECIAL and text[j] < "\x80":
                j += 1
            if verbose:
                k = i + 1
                while k < j and not text[k].isspace() and text[k] != "#":
                    k += 1
                j = k
            emit((text[i:j], i, True))
            last = _ITEM
            i = j
        else:
            j = i + 1
            quantifier = c in "*+?"
            if c == "{":  # re's {m}, {m,}, {,n}, {m,n}, {,}; else a literal "{"
                while j < n and text[j] in _DIGITS:
                    j += 1
                if j < n and text[j] == ",":
                    j += 1
                    while j < n and text[j] in _DIGITS:
                        j += 1
                quantifier = j < n and text[j] == "}" and j > i + 1
                j = j + 1 if quantifier else i + 1
            if quantifier:
                if last == _QUANTIFIER and c == "?":
                    last = _REPEATED  # lazy
                elif last == _QUANTIFIER and c == "+":
                    fail(_POSSESSIVE, i)
                elif last in (_NOTHING, _ANCHOR):
                    fail("nothing to repeat", i)
                elif last != _ITEM:
                    fail("multiple repeat", i)
                else:
                    last = _QUANTIFIER
            else:
                last = _ANCHOR if c in "^$" else _ITEM
            if verbose and c.isspace():  # not re's verbose space (above): a character to re
                emit((_hex(c), i, False))
            elif c == "{" and not quantifier:
                # re reads it as the character (`{name}`, `x{`, `a{1, 2}`);
                # the regex crate refuses it or, with spaces, repeats.
                emit(("\\{", i, False))
            elif c == "{" and group_at is not None and _repeats_none(text[i + 1:j - 1]):
                # The regex crate drops a group repeated {0} times, and with
                # it the pattern's last groups or a name (`(a){0}b` would
                # have no group 1). As (?:(a)<nothing>)?, it keeps them and
                # matches only the empty string, as {0} does.
                parts.insert(group_at, ("(?:", parts[group_at][1], False))
                emit(("[^\\s\\S])?", i, False))
            elif c == "{" and text[i + 1] == ",":  # re's {,n} and {,}: the regex crate wants the 0
                emit(("{0" + text[i + 1:j], i, False))
            else:
                emit_text(text[i:j], i)
            i = j
    source = "".join(p[0] for p in parts)
    if source == text:
        return text.encode("utf-8", "surrogatepass"), None, global_flags
    back = []  # back[k]: index in the pattern of the source's k-th byte
    for piece, at, as_is in parts:
        if as_is and piece.isascii():
            back += range(at, at + len(piece))
        elif as_is:
            for k, ch in enumerate(piece):
                back += [at + k] * len(ch.encode("utf-8", "surrogatepass"))
        else:
            back += [at] * len(piece.encode("utf-8", "surrogatepass"))
    back.append(n)
    return source.encode("utf-8", "surrogatepass"), back, global_flags


def _translate_flags(pattern, flags):
    """The flags _translate reads (its third argument): VERBOSE, and ASCII
    for a str pattern; 0 for flags that are not an int (_native_flags
    refuses them)."""
    if not isinstance(flags, int):
        return 0
    return int(flags) & (VERBOSE | (ASCII if isinstance(pattern, str) else 0))


def _native_flags(flags, is_bytes):
    if not isinstance(flags, int):
        raise TypeError(f"flags must be an int, not {type(flags).__name__}")
    flags = int(flags)
    if flags & ~_KNOWN_FLAGS:
        if flags & 4:
            raise ValueError("ferrex does not support re.LOCALE")
        if flags & 128:
            raise ValueError("ferrex does not support re.DEBUG")
        raise ValueError(f"unknown flags: {flags & ~_KNOWN_FLAGS:#x}")
    if is_bytes:
        if flags & UNICODE:
            raise ValueError("cannot use UNICODE flag with a bytes pattern")
        # re's bytes patterns: ASCII classes and case folding, any byte.
        nf = _F_NO_UNICODE | _F_NO_UTF8
    else:
        if flags & UNICODE and flags & ASCII:
            raise ValueError("ASCII and UNICODE flags are incompatible")
        nf = 0  # re.ASCII: ASCII classes by translation (_translate)
    if flags & IGNORECASE:
        nf |= _F_CASE_INSENSITIVE
    if flags & MULTILINE:
        nf |= _F_MULTI_LINE
    if flags & DOTALL:
        nf |= _F_DOT_MATCHES_NEW_LINE
    if flags & VERBOSE:
        nf |= _F_IGNORE_WHITESPACE
    return nf


def _compile_native(pattern, flags, source=None, back=None):
    """A native regex for `source` (UTF-8 bytes, whose byte offsets `back`
    maps to the pattern's; default: the pattern translated), raising
    ferrex.error located in `pattern`."""
    is_bytes = isinstance(pattern, bytes)
    native_flags = _native_flags(flags, is_bytes)  # its TypeError before the pattern's errors, as re
    if source is None:
        source, back, _ = _translate(pattern, is_bytes, _translate_flags(pattern, flags))
    try:
        return _native.compile(source, native_flags, _KIND_BYTES if is_bytes else _KIND_STR)
    except ValueError as e:
        if len(e.args) != 4:
            raise
        detail, status, start, _end = e.args
    first = detail.strip().splitlines()[-1] if detail.strip() else status
    if first.startswith("error: "):
        first = first[len("error: "):]
    if any(w in detail for w in ("backreference", "look-around", "lookaround", "look-ahead", "look-behind")):
        first += _UNSUPPORTED_HINT
    pos = None
    if start >= 0 and start <= len(source):
        if back is not None and start < len(back):
            pos = back[start]
        elif is_bytes:
            pos = start
        else:
            pos = len(source[:start].decode("utf-8", "surrogatepass"))
    if not is_bytes and pos is not None and pos < len(pattern) and 0xD800 <= ord(pattern[pos]) <= 0xDFFF:
        # The UTF-8 error is ferrex's reading of the str, not the user's.
        first = f"lone surrogate U+{ord(pattern[pos]):04X} not supported (ferrex reads str as UTF-8)"
    raise error(first, pattern, pos, detail) from None


class Pattern(_PatternBase, _ReadOnly):
    """A compiled pattern (re.Pattern's API). Immutable and thread-safe."""

    __slots__ = ("pattern", "flags", "_close", "_is_bytes", "groups", "groupindex", "_names",
                 "__weakref__")

    # Subscriptable as re.Pattern and re.Match are (Pattern[str] in an
    # annotation evaluated at run time): the stubs make these generic.
    __class_getitem__ = classmethod(_GenericAlias)

    def __init__(self, pattern, flags=0):
        if isinstance(pattern, Pattern):
            if flags:
                raise ValueError("cannot process flags argument with a compiled pattern")
            pattern, flags = pattern.pattern, pattern.flags
        if isinstance(pattern, (bytearray, memoryview)):
            pattern = bytes(pattern)
        if not isinstance(pattern, (str, bytes)):
            raise TypeError(f"first argument must be string or compiled pattern, not {type(pattern).__name__}")
        is_bytes = isinstance(pattern, bytes)
        _native_flags(flags, is_bytes)  # flags checked before the pattern, as re does
        source, back, global_flags = _translate(pattern, is_bytes, _translate_flags(pattern, flags))
        # The pattern's leading (?flags) are re's global flags: in .flags
        # (and the repr), as re has them; `(?u)` with ASCII is refused here.
        flags = int(flags) | global_flags
        re_ = _compile_native(pattern, flags, source, back)
        if not is_bytes and not (flags & ASCII):
            flags |= UNICODE
        names = re_.group_names()
        self._fields(pattern=pattern, flags=int(flags), _re=re_, _full=None, _close=None, _is_bytes=is_bytes,
                     groups=re_.group_count() - 1, groupindex=_MappingProxyType({n: i for n, i in names}),
                     _names={i: n for n, i in names})

    # -- the haystack ------------------------------------------------------

    def _prepare(self, string, pos, endpos):
        """(hay, conv, pos, endpos, n): what the native search reads, a
        converter for non-ASCII str (None otherwise), and the bounds as
        byte offsets (clamped as re clamps them). A str subclass is read
        as the str it holds (its methods are not called, as re calls none)."""
        if isinstance(string, str):
            if type(string) is not str:
                string = _exact(string)
            if self._is_bytes:
                raise TypeError("cannot use a bytes pattern on a string-like object")
            n = len(string)
        else:
            if not self._is_bytes:
                if isinstance(string, (bytes, bytearray, memoryview)) or _is_buffer(string):
                    raise TypeError("cannot use a string pattern on a bytes-like object")
                raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")
            n = _view(string).nbytes
        pos = _index(pos, "pos")
        endpos = n if endpos is None else _index(endpos, "endpos")
        if pos < 0:
            pos = 0
        elif pos > n:
            pos = n
        if endpos < 0:
            endpos = 0
        elif endpos > n:
            endpos = n
        if isinstance(string, str):
            if string.isascii():
                hay = string if endpos == n else string[:endpos]
                if not _STR_IN_PLACE:
                    hay = hay.encode("ascii")
                return hay, None, pos, endpos
            conv = _Utf8.at(string, pos, endpos)
            return conv.data, conv, conv.byte, len(conv.data)
            
        if endpos != n:
            string = _view(string)[:endpos]
        return string, None, pos, endpos

    def _spans(self, hay, conv, start, end, flags, regex=None):
        r = (regex or self._re).search(hay, start, end, flags)
        if r is None or conv is None:
            return r
        return conv.chars(r)

    def _match_obj(self, string, spans, pos, endpos):
        return Match(self, string, spans, pos, endpos)

    def _do(self, string, pos, endpos, flags, full=False):
        hay, conv, bpos, bend = self._prepare(string, pos, endpos)
        if bpos > bend:
            return None
        regex = self._fullmatch_regex() if full else None
        spans = self._spans(hay, conv, bpos, bend, flags, regex)
        if spans is None:
            return None
        cpos, cend = _char_bounds(string, pos, endpos)
        return Match(self, string, spans, cpos, cend)

    # -- re.Pattern's methods ---------------------------------------------

    # search() and match(): on CPython 3.11+ PatternBase's, in C, which
    # call these for any haystack but exact str and bytes, or bounds that
    # are not ints.

    @_called_as("search")
    def _search_slow(self, string, pos=0, endpos=None):
        """The first match anywhere in string[pos:endpos], or None."""
        if pos.__class__ is int and pos == 0 and endpos is None and self._in_place(string):
            # The fast path: a whole bytes, or a whole ASCII str read in place.
            spans = self._re.search(string, 0, len(string), 0)
            return None if spans is None else Match(self, string, spans, 0, len(string))
        return self._do(string, pos, endpos, 0)

    @_called_as("match")
    def _match_slow(self, string, pos=0, endpos=None):
        """A match that starts exactly at pos, or None."""
        if pos.__class__ is int and pos == 0 and endpos is None and self._in_place(string):
            spans = self._re.search(string, 0, len(string), _SEARCH_ANCHORED)
            return None if spans is None else Match(self, string, spans, 0, len(string))
        return self._do(string, pos, endpos, _SEARCH_ANCHORED)

    if not _C_FAST:
        search = _search_slow
        match = _match_slow

    def _in_place(self, string):
        t = type(string)
        if self._is_bytes:
            return t is bytes
        return t is str and _STR_IN_PLACE and string.isascii()

    @_called_as("fullmatch")
    def _fullmatch_slow(self, string, pos=0, endpos=None):
        """A match of all of string[pos:endpos], or None."""
        return self._do(string, pos, endpos, _SEARCH_ANCHORED, full=True)

    if not _C_FAST:
        fullmatch = _fullmatch_slow

    def _fullmatch_regex(self):
        # `(?:pattern)\z` searched anchored: among the matches that start at
        # pos and end at endpos, the one re would pick. (An anchored search
        # of the pattern itself may return a shorter match that re would
        # backtrack out of.) Compiled on first use.
        full = self._full
        if full is None:
            source, _, _ = _translate(self.pattern, self._is_bytes, _translate_flags(self.pattern, self.flags))
            try:
                full = _compile_native(self.pattern, self.flags, b"(?:" + source + b")\\z")
            except error:
                # The pattern compiles, so only verbose mode (VERBOSE, or
                # `(?x)` anywhere) can have broken this: a trailing
                # `# comment` took the `)\z` in; a newline ends it.
                full = _compile_native(self.pattern, self.flags, b"(?:" + source + b"\n)\\z")
            object.__setattr__(self, "_full", full)
        return full

    def _iter_spans(self, string, pos, endpos):
        """The spans of every match re's finditer reports (see the module
        doc for the one difference), converted to the string's offsets: an
        iterator, the arguments checked (and the haystack prepared) now,
        as re's finditer checks them when called."""
        if _C_FAST:
            # Exact str and bytes: the C iterator, its spans tuples only.
            spans = self._finditer_fast(string, pos, endpos, True)
            if spans is not None:
                return spans
        hay, conv, start, end = self._prepare(string, pos, endpos)
        return self._spans_of(string, hay, conv, start, end)

    def _spans_of(self, string, hay, conv, start, end):
        # The cffi backend fetches the matches of a long span a batch at a
        # time where re's rule and the C API's cannot differ (the C
        # extension's finditer does so in C).
        batches = getattr(self._re, "iter_spans", None)
        spans = batches(hay, start, end) if batches is not None and start <= end else None
        # A match found before a mutable haystack was resized is not
        # handed out: the size is checked before each.
        guard = _size_guard(string)
        if spans is not None:
            for r in spans:
                if guard is not None:
                    guard()
                yield r if conv is None else conv.chars(r)
            return
        search = self._re.search
        is_str = isinstance(string, str)
        must_advance = False
        while start <= end:
            if guard is not None:
                guard()
            r = search(hay, start, end, 0)
            if r is None:
                return
            s, e = r[0], r[1]
            if must_advance and s == e == start:
                # An empty match where the previous (empty) match was: step
                # one character on, as the regex crate does.
                if start >= end:
                    return
                start += _char_len(hay, start) if (is_str and conv is not None) else 1
                must_advance = False
                continue
            yield r if conv is None else conv.chars(r)
            must_advance = s == e
            start = e

    def finditer(self, string, pos=0, endpos=None):
        """An iterator of Match objects over the non-overlapping matches."""
        if _C_FAST:
            it = self._finditer_fast(string, pos, endpos)
            if it is not None:
                return it
        return self._finditer_slow(string, pos, endpos)

    def _finditer_slow(self, string, pos, endpos):
        spans = self._iter_spans(string, pos, endpos)
        cpos, cend = _char_bounds(string, pos, endpos)
        return (Match(self, string, s, cpos, cend) for s in spans)

    def findall(self, string, pos=0, endpos=None):
        """The matches as re's findall gives them: strings with no group, the
        group with one, tuples of groups with more ("" for a group that did
        not take part)."""
        if _C_FAST:
            found = self._findall_fast(string, pos, endpos)
            if found is not None:
                return found
        out = []
        g = self.groups
        empty = b"" if self._is_bytes else ""
        get = _slicer(string)
        for spans in self._iter_spans(string, pos, endpos):
            if g == 0:
                out.append(get(spans[0], spans[1]))
            elif g == 1:
                out.append(empty if spans[2] < 0 else get(spans[2], spans[3]))
            else:
                out.append(tuple(empty if spans[2 * i] < 0 else get(spans[2 * i], spans[2 * i + 1])
                                 for i in range(1, g + 1)))
        return out

    # sub() and subn(): on CPython 3.11+ PatternBase's, in C, which call
    # these for a template with group references or escapes (parsed here,
    # then expanded in C), keywords, or a haystack but exact str and bytes.

    @_called_as("subn")
    def _subn_slow(self, repl, string, count=0):
        """(new string, number of replacements): re's replacement syntax
        (\\1, \\g<1>, \\g<name>, escapes) or a callable taking a Match."""
        if count.__class__ is not int or not -_SSIZE_MAX - 1 <= count <= _SSIZE_MAX:
            count = _index(count, "count")  # its errors; an int in range is itself
        if callable(repl):
            if _C_FAST:
                # Exact str and bytes: each Match made and the function
                # called in C.
                done = self._subn_fast(repl, string, count)
                if done is not None:
                    return done
            expand = repl
            use_match = True
        else:
            template = _parse_template(self, repl)
            if len(template) == 1 and isinstance(template[0], (str, bytes)):
                literal = template[0]
                if _C_FAST:
                    # Exact str and bytes: found, cut and joined in C.
                    done = self._subn_fast(literal, string, count)
                    if done is not None:
                        return done
                expand = lambda spans: literal  # noqa: E731
            else:
                if _C_FAST:
                    # Exact str and bytes: expanded and joined in C.
                    done = self._subn_fast(template, string, count)
                    if done is not None:
                        return done
                expand = lambda spans: _expand(template, string, spans)  # noqa: E731
            use_match = False
        if not isinstance(string, str) and not _is_buffer(string):
            self._prepare(string, 0, None)  # raises the right TypeError
        get = _slicer(string)
        pieces = []
        last = 0
        n = 0
        cpos, cend = _char_bounds(string, 0, None)
        # A negative count replaces nothing, as in re.
        for spans in self._iter_spans(string, 0, None) if count >= 0 else ():
            s, e = spans[0], spans[1]
            pieces.append(get(last, s))
            if use_match:
                r = expand(Match(self, string, spans, cpos, cend))
                if r is None:
                    r = b"" if self._is_bytes else ""  # as re: None replaces with nothing
                elif not isinstance(r, (str if not self._is_bytes else (bytes, bytearray, memoryview))):
                    raise TypeError(f"expected {'str' if not self._is_bytes else 'a bytes-like object'}, "
                                    f"{type(r).__name__} found")
                pieces.append(bytes(r) if self._is_bytes else r)
            else:
                pieces.append(expand(spans))
            last = e
            n += 1
            if count and n >= count:
                break
        pieces.append(get(last, None))
        joiner = b"" if self._is_bytes else ""
        return joiner.join(pieces), n

    @_called_as("sub")
    def _sub_slow(self, repl, string, count=0):
        """The string with the matches replaced (see subn)."""
        return self._subn_slow(repl, string, count)[0]

    if not _C_FAST:
        sub = _sub_slow
        subn = _subn_slow

    def split(self, string, maxsplit=0):
        """re.split: the pieces between matches, with the groups' text (None
        for a group that did not take part) between them."""
        if maxsplit.__class__ is not int or not -_SSIZE_MAX - 1 <= maxsplit <= _SSIZE_MAX:
            maxsplit = _index(maxsplit, "maxsplit")  # its errors; an int in range is itself
        if _C_FAST and maxsplit >= 0:
            pieces = self._split_fast(string, maxsplit)
            if pieces is not None:
                return pieces
        get = _slicer(string)
        out = []
        last = 0
        n = 0
        g = self.groups
        if maxsplit < 0:
            return [get(0, None)]
        for spans in self._iter_spans(string, 0, None):
            s, e = spans[0], spans[1]
            out.append(get(last, s))
            for i in range(1, g + 1):
                a = spans[2 * i]
                out.append(None if a < 0 else get(a, spans[2 * i + 1]))
            last = e
            n += 1
            if maxsplit and n >= maxsplit:
                break
        out.append(get(last, None))
        return out

    def stream(self, retain_limit=None, mode="matches"):
        """A Stream of this pattern's matches over bytes fed in chunks:
        (start, end) byte offsets, or with mode "ends" / "patterns"
        (None, end). See ferrex.Stream."""
        return Stream(self, retain_limit, mode)

    # -- the rest -----------------------------------------------------------

    def __repr__(self):
        flags = _shown_flags(self)
        text = repr(self.pattern)[:200]  # as re cuts it (`%.200R`)
        if not flags:
            return f"ferrex.compile({text})"
        names = [f"ferrex.{f.name}" for f in RegexFlag if f.value and flags & f.value == f.value
                 and f.name in ("IGNORECASE", "MULTILINE", "DOTALL", "UNICODE", "VERBOSE", "ASCII")]
        return f"ferrex.compile({text}, {'|'.join(names)})"

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return self.pattern == other.pattern and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __reduce__(self):
        return (Pattern, (self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Match(_MatchBase):
    """A match (re.Match's API). Offsets are characters for str, bytes
    for bytes-like haystacks."""

    __slots__ = ()
    __class_getitem__ = classmethod(_GenericAlias)  # as Pattern's

    def _index(self, g):
        if isinstance(g, int):
            if 0 <= g <= self.re.groups:
                return int(g)  # True and False too, as in re: groups 1 and 0
        elif isinstance(g, str):
            i = self.re.groupindex.get(g)
            if i is not None:
                return i
        elif hasattr(g, "__index__"):
            return self._index(g.__index__())
        raise IndexError("no such group")

    def _get(self, i, default=None):
        s = self._spans
        a = s[2 * i] if 2 * i < len(s) else -1
        if a < 0:
            return default
        string = self.string
        t = type(string)
        if t is str or t is bytes:
            return string[a:s[2 * i + 1]]
        return _slice(string, a, s[2 * i + 1])

    # span(), start(), end(), group(), m[g], groups(), groupdict(),
    # lastindex and lastgroup are MatchBase's on CPython 3.11+ (C: groups
    # by number or name answered there from the match's offsets, over an
    # exact str or bytes; anything else sent to the methods below).

    def _group(self, *groups):
        """One group's text (None if it took no part), or a tuple of them."""
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(self._index(groups[0]))
        return tuple([self._get(self._index(g)) for g in groups])

    def _getitem(self, g):
        return self._get(self._index(g))

    def _groups(self, default=None):
        return tuple([self._get(i, default) for i in range(1, self.re.groups + 1)])

    def _groupdict(self, default=None):
        return {name: self._get(i, default) for name, i in self.re.groupindex.items()}

    def _span(self, group=0):
        """(start, end) of the group, (-1, -1) if it took no part."""
        i = self._index(group)
        s = self._spans
        if 2 * i >= len(s) or s[2 * i] < 0:
            return (-1, -1)
        return (s[2 * i], s[2 * i + 1])

    if not _C_FAST:
        group = _group
        span = _span
        __getitem__ = _getitem
        groups = _groups
        groupdict = _groupdict

        def start(self, group=0):
            return self._span(group)[0]

        def end(self, group=0):
            return self._span(group)[1]

    @property
    def regs(self):
        return tuple(self.span(i) for i in range(self.re.groups + 1))

    def _lastindex(self):
        """The group that closed last: the highest end, and at the same end
        the group whose ")" comes later in the pattern."""
        order = self.re._close
        if order is None:
            order = _close_order(self.re)
            object.__setattr__(self.re, "_close", order)
            if _C_FAST:  # MatchBase's lastindex and lastgroup answer from now on
                names = self.re._names
                self.re._re.set_group_info(order, [names.get(i) for i in range(len(order))])
        s = self._spans
        best = None
        best_end = best_rank = -1
        for i in range(1, self.re.groups + 1):
            end = s[2 * i + 1]
            if s[2 * i] >= 0 and (end > best_end or (end == best_end and order[i] > best_rank)):
                best, best_end, best_rank = i, end, order[i]
        return best

    def _lastgroup(self):
        i = self._lastindex()
        return None if i is None else self.re._names.get(i)

    if not _C_FAST:
        lastindex = property(_lastindex)
        lastgroup = property(_lastgroup)

    def expand(self, template):
        return _expand(_parse_template(self.re, template), self.string, self._spans)

    def __bool__(self):
        return True

    def __repr__(self):
        return f"<ferrex.Match object; span={self.span()!r}, match={repr(self.group())[:50]}>"  # re: `%.50R`

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


if _C_FAST:
    _native.set_match_type(Match)


# ---------------------------------------------------------------------------
# Helpers


def _shown_flags(obj):
    """The flags a repr shows: a str pattern's (or set's) UNICODE is
    implied, so it is left out, as re's repr leaves it out. As an int: ~
    of a RegexFlag keeps only the defined flags, and a RegexFlag's str()
    differs between Python versions."""
    flags = int(obj.flags)
    return flags if obj._is_bytes else flags & ~int(UNICODE)


def _index(v, name):
    # operator.index, as re reads them: an int subclass is its int value
    # (its own __index__ is not asked), and an __index__ that returns a
    # non-int is an error.
    if not hasattr(type(v), "__index__"):
        raise TypeError(f"'{name}' must be an integer, not {type(v).__name__}")
    i = int(_operator.index(v))
    # As re, which reads them as C ssize_t: never clamped silently.
    if not -_SSIZE_MAX - 1 <= i <= _SSIZE_MAX:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return i


def _size_guard(string):
    """For a haystack whose size can change during an iteration (a
    bytearray or another mutable buffer): a function that raises
    RuntimeError once its size differs from now, as the iterators promise.
    None for str and bytes, which cannot change."""
    if isinstance(string, (str, bytes)):  # subclasses too (StrEnum, Markup)
        return None
    size = len if type(string) is bytearray else (lambda b: memoryview(b).nbytes)
    n = size(string)

    def check():
        if size(string) != n:
            raise RuntimeError("the haystack changed size during iteration")
    return check


_NON_CONTIGUOUS = ("cannot search a non-contiguous buffer (such as a strided memoryview): "
                   "the library reads bytes in place; pass bytes() of it")


def _view(string):
    """A bytes-like haystack as a flat memoryview of its bytes: TypeError
    for anything else, and for a buffer whose bytes are not contiguous,
    which the library cannot read in place."""
    try:
        mv = memoryview(string)
    except TypeError:
        raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'") from None
    if not mv.c_contiguous:
        raise TypeError(_NON_CONTIGUOUS)
    return mv if mv.ndim == 1 and mv.itemsize == 1 else mv.cast("B")


def _is_buffer(obj):
    try:
        memoryview(obj)
        return True
    except TypeError:
        return False


def _exact(string):
    """A str or bytes subclass as the exact str or bytes it holds, read
    without calling its methods; anything else as it is."""
    if isinstance(string, str):
        return str.__getitem__(string, slice(None))
    if isinstance(string, bytes):
        return bytes.__getitem__(string, slice(None))
    return string


def _slice(string, a, b):
    """string[a:b] as re gives it: an exact str for a str (a subclass's
    __getitem__ is not called), bytes for any bytes-like object."""
    if isinstance(string, str):
        return str.__getitem__(string, slice(a, b))
    if isinstance(string, bytes):
        return bytes.__getitem__(string, slice(a, b))
    return bytes(_view(string)[a:b])


def _slicer(string):
    """A function of (a, b) that gives string[a:b] as re gives it (see
    _slice): exact str and bytes are sliced as they are, a subclass is
    read once as the exact str or bytes it holds."""
    t = type(string)
    if t is not str and t is not bytes and isinstance(string, (str, bytes)):
        string = _exact(string)
    if isinstance(string, (str, bytes)):
        def get(a, b):
            return string[a:b]
    else:
        mv = _view(string)

        def get(a, b):
            return bytes(mv[a:b])
    return get


def _char_bounds(string, pos, endpos):
    """pos and endpos clamped, as Match.pos and Match.endpos report them."""
    if type(string) is str:
        n = len(string)
    else:  # a str subclass's own __len__ is not asked
        n = str.__len__(string) if isinstance(string, str) else _view(string).nbytes
    pos = min(max(_index(pos, "pos"), 0), n)
    endpos = n if endpos is None else min(max(_index(endpos, "endpos"), 0), n)
    return pos, endpos


def _char_len(data, i):
    b = data[i]
    return 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4


class _Utf8:
    """A non-ASCII str (up to endpos) as UTF-8, with byte -> character
    offset conversion that moves from the last offset converted (each
    call's cursor starts at its pos): converting the matches of one pass
    costs time linear in the text plus the matches' lengths, not quadratic
    (RegexSet's and PhraseSet's passes too, overlapping ones included).

    The encoding of the last str prepared is kept (_KEPT: the str, endpos,
    the bytes, and the last pos with its byte offset), so a loop of
    match(string, pos) or search(string, pos) over one str (a lexer's)
    encodes it once and finds each pos's byte offset from the last one, as
    the C extension's _strhay.h does (up to the same length); purge() lets
    it go. Each call gets a cursor of its own (threads may share the kept
    str)."""

    __slots__ = ("data", "pos", "byte", "_b", "_c")

    @staticmethod
    def at(string, pos, endpos):
        global _KEPT
        kept = _KEPT
        if kept is not None and kept[0] is string and kept[1] == endpos:
            data, (c, b) = kept[2], kept[3]
        else:
            data, c, b = string[:endpos].encode("utf-8", "surrogatepass"), 0, 0
        if pos >= c:
            b += len(string[c:pos].encode("utf-8", "surrogatepass"))
        else:
            b -= len(string[pos:c].encode("utf-8", "surrogatepass"))
        if len(data) <= _KEEP_MAX:
            _KEPT = (string, endpos, data, (pos, b))
        conv = _Utf8()
        conv.data = data
        conv.pos = conv._c = pos
        conv.byte = conv._b = b  # pos's byte offset
        return conv

    def char(self, b):
        """The character offset of byte offset b, counted from the offset
        converted last, on or back."""
        if b >= self._b:
            self._c += _chars_in(self.data, self._b, b)
        else:
            self._c -= _chars_in(self.data, b, self._b)
        self._b = b
        return self._c

    def boundary(self, b):
        """Whether byte offset b starts a character (or is the end): an
        empty phrase matches inside characters too, which a str hides."""
        return b >= len(self.data) or (self.data[b] & 0xC0) != 0x80

    def chars(self, spans):
        s0 = self.char(spans[0])
        b0 = spans[0]
        out = []
        data = self.data
        for k in range(0, len(spans), 2):
            a = spans[k]
            if a < 0:
                out += (-1, -1)
                continue
            ca = s0 + _chars_in(data, b0, a) if a >= b0 else _chars_in(data, 0, a)
            cb = ca + _chars_in(data, a, spans[k + 1])
            out += (ca, cb)
        return tuple(out)


# The UTF-8 continuation bytes: deleting them leaves one byte per character.
_CONTINUATION = bytes(range(0x80, 0xC0))


def _chars_in(data, a, b):
    """The characters that start in data[a:b] (UTF-8)."""
    return len(data[a:b].translate(None, _CONTINUATION))


_KEPT = None  # _Utf8's kept encoding: (str, endpos, bytes, (pos, its byte offset))
_KEEP_MAX = 256 << 20  # no longer encoding is kept (_strhay.h's STRHAY_CACHE_MAX)

_CLOSE_ORDER = {}


def _close_order(pattern):
    """For each group index, the rank of its ")" in the pattern (for
    lastindex), from the translation's scan of the pattern."""
    key = (pattern.pattern, pattern.flags)
    order = _CLOSE_ORDER.get(key)
    if order is not None:
        return order
    closes = []
    text = pattern.pattern
    _translate(text, isinstance(text, bytes), _translate_flags(text, pattern.flags), closes)
    order = [0] * (pattern.groups + 1)
    if sorted(closes) == list(range(1, pattern.groups + 1)):
        for rank, g in enumerate(closes):
            order[g] = rank
    else:  # the scan disagrees with the engine: fall back to group order
        order = list(range(pattern.groups + 1))
    if len(_CLOSE_ORDER) > 512:
        _CLOSE_ORDER.clear()
    _CLOSE_ORDER[key] = order
    return order


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_TEMPLATES = {}


def _parse_template(pattern, repl):
    """re's replacement template as a list of literal pieces and group
    indexes."""
    is_bytes = pattern._is_bytes
    if is_bytes:
        if not isinstance(repl, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected a bytes-like object, {type(repl).__name__} found")
        repl = bytes(repl)
        text = repl.decode("latin-1")
    else:
        if not isinstance(repl, str):
            raise TypeError(f"expected str instance, {type(repl).__name__} found")
        text = repl
    key = (pattern, repl)
    cached = _TEMPLATES.get(key)
    if cached is not None:
        return cached
    items = []
    lit = []
    i, n = 0, len(text)

    def bad(msg, at):
        raise error(msg, repl, at)

    while i < n:
        c = text[i]
        if c != "\\":
            lit.append(c)
            i += 1
            continue
        if i + 1 >= n:
            bad("bad escape (end of pattern)", i)
        d = text[i + 1]
        if d == "g":
            if i + 2 >= n or text[i + 2] != "<":
                bad("missing <", i + 2)
            j = text.find(">", i + 3)
            if j < 0:
                bad("missing >, unterminated name", i + 3)
            name = text[i + 3:j]
            if not name:
                bad("missing group name", i + 3)
            if name.isdigit() and name.isascii():
                idx = int(name)
                if idx > pattern.groups:
                    bad(f"invalid group reference {idx}", i + 3)
            else:
                idx = pattern.groupindex.get(name)
                if idx is None:
                    if not name.isidentifier():
                        bad(f"bad character in group name {name!r}", i + 3)
                    raise IndexError(f"unknown group name {name!r}")
            items.append("".join(lit))
            lit = []
            items.append(idx)
            i = j + 1
        elif d == "0":
            j = i + 2
            while j < n and j < i + 4 and text[j] in "01234567":
                j += 1
            lit.append(chr(int(text[i + 1:j], 8)))
            i = j
        elif d.isdigit() and d.isascii():
            j = i + 2
            if j < n and text[j].isdigit() and text[j].isascii():
                # \NNN with three octal digits is an octal escape.
                if (j + 1 < n and text[j + 1] in "01234567" and d in "01234567" and text[j] in "01234567"):
                    v = int(text[i + 1:j + 2], 8)
                    if v > 0o377:
                        bad(f"octal escape value \\{text[i + 1:j + 2]} outside of range 0-0o377", i)
                    lit.append(chr(v))
                    i = j + 2
                    continue
                j += 1
            idx = int(text[i + 1:j])
            if idx > pattern.groups:
                bad(f"invalid group reference {idx}", i + 1)
            items.append("".join(lit))
            lit = []
            items.append(idx)
            i = j
        elif d in _ESCAPES:
            lit.append(_ESCAPES[d])
            i += 2
        elif d.isascii() and d.isalpha():
            bad(f"bad escape \\{d}", i)
        else:
            lit.append("\\" + d)
            i += 2
    items.append("".join(lit))
    if is_bytes:
        items = [x.encode("latin-1") if isinstance(x, str) else x for x in items]
    items = [x for x in items if not (isinstance(x, (str, bytes)) and not x)]
    if not items:
        items = [b"" if is_bytes else ""]
    if len(_TEMPLATES) > 512:
        _TEMPLATES.clear()
    _TEMPLATES[key] = items
    return items


def _expand(template, string, spans):
    exact = type(string) is str or type(string) is bytes
    out = []
    for x in template:
        if isinstance(x, int):
            a = spans[2 * x]
            if a >= 0:
                b = spans[2 * x + 1]
                out.append(string[a:b] if exact else _slice(string, a, b))
        else:
            out.append(x)
    return ("" if isinstance(string, str) else b"").join(out)


# ---------------------------------------------------------------------------
# Module-level functions, as in re


_CACHE = {}
_MAXCACHE = 512


def compile(pattern, flags=0):
    """Compiles a pattern (str or bytes) into a Pattern; raises ferrex.error."""
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    key = (type(pattern), pattern, flags)
    try:
        return _CACHE[key]
    except (KeyError, TypeError):
        pass
    p = Pattern(pattern, flags)
    if len(_CACHE) >= _MAXCACHE:
        _CACHE.clear()
    try:
        _CACHE[key] = p
    except TypeError:
        pass
    return p


def purge():
    """Clears the compiled-pattern cache, and lets go of the last long
    non-ASCII str searched (kept encoded for the next call on it)."""
    global _KEPT
    forget = getattr(_native, "forget_str", None)
    if forget is not None:
        forget()
    _KEPT = None
    _CACHE.clear()
    _TEMPLATES.clear()
    _CLOSE_ORDER.clear()


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def escape(pattern):
    """A pattern that matches `pattern` literally (str or bytes), escaped by
    ferrex's rules (the regex crate's syntax)."""
    if isinstance(pattern, str):
        try:
            data = pattern.encode("utf-8")
        except UnicodeEncodeError:
            # Lone surrogates (not UTF-8, so the library refuses them) are
            # no syntax: kept as they are, as re.escape keeps them, and the
            # text between them escaped.
            runs, run = [], []
            for c in pattern:
                if "\ud800" <= c <= "\udfff":
                    runs += [escape("".join(run)), c]
                    run = []
                else:
                    run.append(c)
            return "".join(runs) + escape("".join(run))
        return _native.escape(data).decode("utf-8")
    if isinstance(pattern, (bytes, bytearray, memoryview)):
        data = bytes(pattern)
        if data.isascii():
            return _native.escape(data)
        # Non-ASCII bytes: escaped one by one as \xHH, which a bytes pattern
        # reads as that byte.
        return b"".join(_native.escape(bytes([c])) if c < 0x80 else b"\\x%02X" % c for c in data)
    raise TypeError(f"expected str or bytes, not {type(pattern).__name__}")


def lowercase(text, ascii_only=False):
    """ferrex_lowercase(): text (str or bytes) lowercased character by
    character: Unicode full lowercase, without context (U+0130 becomes
    "i" and U+0307, and the length may change; a final capital sigma
    becomes U+03C3), or with ascii_only only A-Z. This is not the simple
    case folding IGNORECASE matches by (a PhraseSet of "i\u0307" with
    IGNORECASE does not match "\u0130"). Invalid UTF-8 in bytes is copied
    unchanged."""
    mode = 0 if ascii_only else 1
    if isinstance(text, str):
        return _native.lowercase(text.encode("utf-8", "surrogatepass"), mode).decode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return _native.lowercase(text, mode)
    raise TypeError(f"expected str or bytes, not {type(text).__name__}")


# Beyond re: many patterns, many phrases (they build on the above).
from ._sets import MatchKind, PhraseMatch, PhraseSet, RegexSet, SetMatch  # noqa: E402

# Beyond re: streams over chunks of bytes (Pattern.stream() and the sets').
from ._stream import RetainLimitError, Stream  # noqa: E402

__all__ += ["Stream", "RetainLimitError"]

del _sys
