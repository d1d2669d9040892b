# Type stubs of ferrex.Stream and ferrex.RetainLimitError (ferrex/_stream.py;
# re-exported by the package). A stream reads bytes-like chunks only (a str
# chunk raises TypeError) and reports byte offsets. Its items:
# (start, end) for a Pattern, (index, start, end) for a RegexSet or a
# PhraseSet; start is None in the modes "ends" and "patterns".
from typing import Any, ClassVar, Generic, Iterable, Literal, TypeVar, overload

from typing_extensions import Self

from . import Pattern, error
from ._sets import PhraseSet, RegexSet

_Buffer = Any  # bytes, bytearray, memoryview, mmap, array: the buffer protocol
_PatternItem = tuple[int | None, int]  # a Pattern's stream: (start, end)
_SetItem = tuple[int, int | None, int]  # a RegexSet's or PhraseSet's: (index, start, end)
_Item = _PatternItem | _SetItem
_I = TypeVar("_I")  # a Stream's item: _PatternItem or _SetItem, as its source says
_Mode = Literal["matches", "ends", "patterns"]

class RetainLimitError(error):
    matches: list[_Item]  # what the failing feed() settled before the limit
    offset: int | None  # the stream's offset after the chunk
    def __init__(self, msg: str, matches: Iterable[_Item] = ..., offset: int | None = ...) -> None: ...

class Stream(Generic[_I]):
    DEFAULT_RETAIN_LIMIT: ClassVar[int]
    source: Pattern[Any] | RegexSet[Any] | PhraseSet[Any]
    mode: _Mode
    overlapping: bool
    retain_limit: int
    @overload
    def __init__(
        self: Stream[_PatternItem],
        source: Pattern[Any],
        retain_limit: int | None = ...,
        mode: _Mode = ...,
        overlapping: bool = ...,
    ) -> None: ...
    @overload
    def __init__(
        self: Stream[_SetItem],
        source: RegexSet[Any] | PhraseSet[Any],
        retain_limit: int | None = ...,
        mode: _Mode = ...,
        overlapping: bool = ...,
    ) -> None: ...
    def feed(self, chunk: _Buffer) -> list[_I]: ...
    def finish(self) -> list[_I]: ...
    def reset(self) -> None: ...
    @property
    def offset(self) -> int: ...
    @property
    def retained(self) -> int: ...
    @property
    def finished(self) -> bool: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc_info: object) -> None: ...

# The constructors on the sources: RegexSet.stream and PhraseSet.stream are
# in _sets.pyi; Pattern's stub (in __init__.pyi) needs
#   def stream(self, retain_limit: int | None = ..., mode: _Mode = ...) -> Stream[_PatternItem]: ...
