# Type stubs of the ferrex package (ferrex/__init__.py): re's API, so they
# follow typeshed's stdlib/re.pyi. Pattern and Match are generic over
# AnyStr: a str pattern searches str and gives Match[str]; a bytes pattern
# searches any bytes-like object (bytes, bytearray, memoryview, mmap,
# array: read in place) and gives Match[bytes], whose groups are bytes.
# Where ferrex and re differ, these stubs follow ferrex: Match is not
# final (SetMatch extends it), error has `detail` and `index`, parameters
# are named as in __init__.py (so they can be passed by keyword), and
# escape() and lowercase() take any bytes-like object.
# RegexSet, PhraseSet and their matches are in _sets.pyi.
import enum
from collections.abc import Callable, Iterator, Mapping
from typing import Any, AnyStr, Final, Generic, Literal, TypeVar, overload

from typing_extensions import Buffer, TypeAlias  # (type checkers ship it)

from ._sets import MatchKind as MatchKind
from ._sets import PhraseMatch as PhraseMatch
from ._sets import PhraseSet as PhraseSet
from ._sets import RegexSet as RegexSet
from ._sets import SetMatch as SetMatch
from ._stream import RetainLimitError as RetainLimitError
from ._stream import Stream as Stream
from ._stream import _Mode, _PatternItem

__all__ = [
    "compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
    "escape", "purge", "lowercase", "error", "Pattern", "Match", "RegexFlag",
    "IGNORECASE", "I", "MULTILINE", "M", "DOTALL", "S", "VERBOSE", "X", "ASCII", "A", "UNICODE", "U",
    "NOFLAG", "RegexSet", "SetMatch", "PhraseSet", "PhraseMatch", "MatchKind",
    "Stream", "RetainLimitError",
]

__version__: str  # libferrex's version
BACKEND: str  # which binding is in use: the C extension or cffi

_T = TypeVar("_T")
# A bytes pattern's haystack: anything with the buffer protocol (PEP 688).
_Buffer: TypeAlias = Buffer
_FlagsType: TypeAlias = int | RegexFlag
# What a group that took no part gives: None. Any, as typeshed's MaybeNone,
# so that code which knows its groups matched needs no None check.
_MaybeNone: TypeAlias = Any

class error(ValueError):
    msg: str
    pattern: str | bytes | None
    pos: int | None  # characters (str) or bytes (bytes) into the pattern
    lineno: int | None
    colno: int | None
    detail: str  # ferrex's full message, with the caret diagram
    index: int | None  # in a RegexSet or PhraseSet: the failing pattern's index
    def __init__(
        self,
        msg: str,
        pattern: str | bytes | None = None,
        pos: int | None = None,
        detail: str | None = None,
        index: int | None = None,
    ) -> None: ...

class RegexFlag(enum.IntFlag):  # re's values, so re.IGNORECASE works too
    NOFLAG = 0
    IGNORECASE = 2
    I = IGNORECASE
    MULTILINE = 8
    M = MULTILINE
    DOTALL = 16
    S = DOTALL
    UNICODE = 32
    U = UNICODE
    VERBOSE = 64
    X = VERBOSE
    ASCII = 256
    A = ASCII

NOFLAG: Final = RegexFlag.NOFLAG
IGNORECASE: Final = RegexFlag.IGNORECASE
I: Final = RegexFlag.I
MULTILINE: Final = RegexFlag.MULTILINE
M: Final = RegexFlag.M
DOTALL: Final = RegexFlag.DOTALL
S: Final = RegexFlag.S
UNICODE: Final = RegexFlag.UNICODE
U: Final = RegexFlag.U
VERBOSE: Final = RegexFlag.VERBOSE
X: Final = RegexFlag.X
ASCII: Final = RegexFlag.ASCII
A: Final = RegexFlag.A

class Match(Generic[AnyStr]):
    # Offsets are characters for a str haystack, bytes for a bytes-like one.
    @property
    def re(self) -> Pattern[AnyStr]: ...  # the pattern whose search made this match
    # The haystack as given: with a bytes pattern, possibly another buffer
    # (bytearray, memoryview, ...); typed AnyStr as typeshed types re's.
    @property
    def string(self) -> AnyStr: ...
    @property
    def pos(self) -> int: ...  # pos and endpos as given to the search (clamped)
    @property
    def endpos(self) -> int: ...
    @property
    def lastindex(self) -> int | None: ...
    @property
    def lastgroup(self) -> str | None: ...
    @property
    def regs(self) -> tuple[tuple[int, int], ...]: ...
    @overload
    def expand(self: Match[str], template: str) -> str: ...
    @overload
    def expand(self: Match[bytes], template: _Buffer) -> bytes: ...
    # group(): the whole match is never None; a group that took no part is.
    @overload
    def group(self, __group: Literal[0] = 0) -> AnyStr: ...
    @overload
    def group(self, __group: str | int) -> AnyStr | _MaybeNone: ...
    @overload
    def group(self, __group1: str | int, __group2: str | int, *groups: str | int) -> tuple[AnyStr | _MaybeNone, ...]: ...
    @overload
    def groups(self) -> tuple[AnyStr | _MaybeNone, ...]: ...
    @overload
    def groups(self, default: _T) -> tuple[AnyStr | _T, ...]: ...
    @overload
    def groupdict(self) -> dict[str, AnyStr | _MaybeNone]: ...
    @overload
    def groupdict(self, default: _T) -> dict[str, AnyStr | _T]: ...
    def start(self, group: int | str = 0) -> int: ...
    def end(self, group: int | str = 0) -> int: ...
    def span(self, group: int | str = 0) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, __g: Literal[0]) -> AnyStr: ...
    @overload
    def __getitem__(self, __g: int | str) -> AnyStr | _MaybeNone: ...
    def __bool__(self) -> Literal[True]: ...
    def __copy__(self) -> Match[AnyStr]: ...
    def __deepcopy__(self, memo: Any) -> Match[AnyStr]: ...

class Pattern(Generic[AnyStr]):
    # Immutable and thread-safe; pickles by pattern and flags.
    @property
    def pattern(self) -> AnyStr: ...
    @property
    def flags(self) -> int: ...  # with UNICODE added for a str pattern without ASCII, as re does
    @property
    def groups(self) -> int: ...
    @property
    def groupindex(self) -> Mapping[str, int]: ...  # read-only
    @overload
    def __init__(self: Pattern[str], pattern: str | Pattern[str], flags: _FlagsType = 0) -> None: ...
    @overload
    def __init__(self: Pattern[bytes], pattern: _Buffer | Pattern[bytes], flags: _FlagsType = 0) -> None: ...
    @overload
    def search(self: Pattern[str], string: str, pos: int = 0, endpos: int | None = None) -> Match[str] | None: ...
    @overload
    def search(self: Pattern[bytes], string: _Buffer, pos: int = 0, endpos: int | None = None) -> Match[bytes] | None: ...
    @overload
    def match(self: Pattern[str], string: str, pos: int = 0, endpos: int | None = None) -> Match[str] | None: ...
    @overload
    def match(self: Pattern[bytes], string: _Buffer, pos: int = 0, endpos: int | None = None) -> Match[bytes] | None: ...
    @overload
    def fullmatch(self: Pattern[str], string: str, pos: int = 0, endpos: int | None = None) -> Match[str] | None: ...
    @overload
    def fullmatch(
        self: Pattern[bytes], string: _Buffer, pos: int = 0, endpos: int | None = None
    ) -> Match[bytes] | None: ...
    @overload
    def finditer(self: Pattern[str], string: str, pos: int = 0, endpos: int | None = None) -> Iterator[Match[str]]: ...
    @overload
    def finditer(
        self: Pattern[bytes], string: _Buffer, pos: int = 0, endpos: int | None = None
    ) -> Iterator[Match[bytes]]: ...
    # A stream over chunks of bytes (str chunks are refused), byte offsets.
    def stream(self, retain_limit: int | None = ..., mode: _Mode = ...) -> Stream[_PatternItem]: ...
    # findall(): strings with no group, the group with one, tuples with more.
    @overload
    def findall(self: Pattern[str], string: str, pos: int = 0, endpos: int | None = None) -> list[Any]: ...
    @overload
    def findall(self: Pattern[bytes], string: _Buffer, pos: int = 0, endpos: int | None = None) -> list[Any]: ...
    @overload
    def sub(self: Pattern[str], repl: str | Callable[[Match[str]], str], string: str, count: int = 0) -> str: ...
    @overload
    def sub(
        self: Pattern[bytes], repl: _Buffer | Callable[[Match[bytes]], _Buffer], string: _Buffer, count: int = 0
    ) -> bytes: ...
    @overload
    def subn(
        self: Pattern[str], repl: str | Callable[[Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]: ...
    @overload
    def subn(
        self: Pattern[bytes], repl: _Buffer | Callable[[Match[bytes]], _Buffer], string: _Buffer, count: int = 0
    ) -> tuple[bytes, int]: ...
    # split(): a group that took no part gives None.
    @overload
    def split(self: Pattern[str], string: str, maxsplit: int = 0) -> list[str | _MaybeNone]: ...
    @overload
    def split(self: Pattern[bytes], string: _Buffer, maxsplit: int = 0) -> list[bytes | _MaybeNone]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def __copy__(self) -> Pattern[AnyStr]: ...
    def __deepcopy__(self, memo: Any) -> Pattern[AnyStr]: ...

# The module functions compile (with a cache of 512) and call the
# Pattern's method.
@overload
def compile(pattern: AnyStr, flags: _FlagsType = 0) -> Pattern[AnyStr]: ...
@overload
def compile(pattern: Pattern[AnyStr], flags: _FlagsType = 0) -> Pattern[AnyStr]: ...
@overload
def search(pattern: str | Pattern[str], string: str, flags: _FlagsType = 0) -> Match[str] | None: ...
@overload
def search(pattern: bytes | Pattern[bytes], string: _Buffer, flags: _FlagsType = 0) -> Match[bytes] | None: ...
@overload
def match(pattern: str | Pattern[str], string: str, flags: _FlagsType = 0) -> Match[str] | None: ...
@overload
def match(pattern: bytes | Pattern[bytes], string: _Buffer, flags: _FlagsType = 0) -> Match[bytes] | None: ...
@overload
def fullmatch(pattern: str | Pattern[str], string: str, flags: _FlagsType = 0) -> Match[str] | None: ...
@overload
def fullmatch(pattern: bytes | Pattern[bytes], string: _Buffer, flags: _FlagsType = 0) -> Match[bytes] | None: ...
@overload
def finditer(pattern: str | Pattern[str], string: str, flags: _FlagsType = 0) -> Iterator[Match[str]]: ...
@overload
def finditer(pattern: bytes | Pattern[bytes], string: _Buffer, flags: _FlagsType = 0) -> Iterator[Match[bytes]]: ...
@overload
def findall(pattern: str | Pattern[str], string: str, flags: _FlagsType = 0) -> list[Any]: ...
@overload
def findall(pattern: bytes | Pattern[bytes], string: _Buffer, flags: _FlagsType = 0) -> list[Any]: ...
@overload
def sub(
    pattern: str | Pattern[str], repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: _FlagsType = 0
) -> str: ...
@overload
def sub(
    pattern: bytes | Pattern[bytes],
    repl: _Buffer | Callable[[Match[bytes]], _Buffer],
    string: _Buffer,
    count: int = 0,
    flags: _FlagsType = 0,
) -> bytes: ...
@overload
def subn(
    pattern: str | Pattern[str], repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: _FlagsType = 0
) -> tuple[str, int]: ...
@overload
def subn(
    pattern: bytes | Pattern[bytes],
    repl: _Buffer | Callable[[Match[bytes]], _Buffer],
    string: _Buffer,
    count: int = 0,
    flags: _FlagsType = 0,
) -> tuple[bytes, int]: ...
@overload
def split(pattern: str | Pattern[str], string: str, maxsplit: int = 0, flags: _FlagsType = 0) -> list[str | _MaybeNone]: ...
@overload
def split(
    pattern: bytes | Pattern[bytes], string: _Buffer, maxsplit: int = 0, flags: _FlagsType = 0
) -> list[bytes | _MaybeNone]: ...
def purge() -> None: ...  # clears the compile cache

# escape(): a pattern that matches the text literally (the regex crate's rules).
@overload
def escape(pattern: str) -> str: ...
@overload
def escape(pattern: _Buffer) -> bytes: ...

# lowercase(): Unicode full lowercase, a character at a time (not the simple
# case folding IGNORECASE matches by); with ascii_only, A-Z only.
@overload
def lowercase(text: str, ascii_only: bool = False) -> str: ...
@overload
def lowercase(text: _Buffer, ascii_only: bool = False) -> bytes: ...
