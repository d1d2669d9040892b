"""Type-checked by test_stubs.py (mypy --strict), never run: what the
stubs (ferrex/__init__.pyi, _sets.pyi) give a user's code. Each
assert_type fails the check if the stubs infer another type."""
import mmap
from typing import Any, Iterator, Mapping, Optional

from typing_extensions import assert_type

import ferrex


def str_patterns(text: str) -> None:
    p = ferrex.compile(r"(?P<user>\w+)@(?P<host>[\w.]+)", ferrex.IGNORECASE | ferrex.M)
    assert_type(p, ferrex.Pattern[str])
    assert_type(p.pattern, str)
    assert_type(p.groupindex, Mapping[str, int])
    m = p.search(text, 2, endpos=None)
    assert_type(m, Optional[ferrex.Match[str]])
    if m is not None:
        assert_type(m.group(), str)
        assert_type(m[0], str)
        assert_type(m.group("user", 2), tuple[str | Any, ...])  # Any: None if a group took no part
        assert_type(m.groups(""), tuple[str, ...])
        assert_type(m.groupdict(), dict[str, str | Any])
        assert_type(m.span("host"), tuple[int, int])
        assert_type(m.re, ferrex.Pattern[str])
        assert_type(m.lastindex, Optional[int])
        assert_type(m.expand(r"\g<host>"), str)
    assert_type(p.finditer(text), Iterator[ferrex.Match[str]])
    assert_type(p.fullmatch(text), Optional[ferrex.Match[str]])
    assert_type(p.sub(lambda m: m.group().upper(), text), str)
    assert_type(p.subn(r"\1", text, count=1), tuple[str, int])
    assert_type(p.split(text, maxsplit=2), list[str | Any])
    assert_type(ferrex.compile(p), ferrex.Pattern[str])
    assert_type(ferrex.Pattern("a+"), ferrex.Pattern[str])
    assert_type(ferrex.search("a", text), Optional[ferrex.Match[str]])
    assert_type(ferrex.sub("a", "b", text, flags=ferrex.ASCII), str)
    assert_type(ferrex.escape("a.b"), str)
    assert_type(ferrex.lowercase("ÄB", ascii_only=True), str)


def bytes_patterns(data: bytes, buf: bytearray, mm: mmap.mmap) -> None:
    b = ferrex.compile(rb"\d+")
    assert_type(b, ferrex.Pattern[bytes])
    assert_type(b.search(mm), Optional[ferrex.Match[bytes]])
    assert_type(b.finditer(memoryview(buf)), Iterator[ferrex.Match[bytes]])
    assert_type(b.sub(b"#", buf), bytes)
    assert_type(ferrex.findall(rb"\d", data), list[Any])
    assert_type(ferrex.escape(buf), bytes)
    assert_type(ferrex.lowercase(data), bytes)
    m = ferrex.match(b, data)
    if m:
        assert_type(m.group(0), bytes)


def errors_flags_and_sets(text: str) -> None:
    try:
        ferrex.compile("(")
    except ferrex.error as e:
        assert_type(e.pos, Optional[int])
        assert_type(e.detail, str)
        assert_type(e.index, Optional[int])
    assert_type(ferrex.NOFLAG | ferrex.VERBOSE, ferrex.RegexFlag)
    s = ferrex.RegexSet(["a", "b"])
    assert_type(s.matches(text), list[int])
    sm = s.search(text)
    if sm is not None:
        assert_type(sm.index, int)
        assert_type(sm.group(), str)
    ph = ferrex.PhraseSet(["x", "y"], match_kind=ferrex.MatchKind.LEFTMOST_FIRST)
    assert_type(ph.replace(text, ["1", "2"]), str)
    assert_type(ph.find_spans(text), list[tuple[int, int, int]])
    big = ferrex.RegexSet(["a(b)"], search_memory_limit=1 << 30)
    assert_type(big.search_memory_limit, Optional[int])


def streams(chunk: bytes) -> None:
    # A stream's items unpack as its source says: (start, end) for a
    # Pattern, (index, start, end) for a set.
    for start, end in ferrex.compile(rb"a+").stream().feed(chunk):
        assert_type(start, Optional[int])
        assert_type(end, int)
    for index, s, e in ferrex.RegexSet([rb"a", rb"b"]).stream().feed(chunk):
        assert_type(index, int)
        assert_type(s, Optional[int])
        assert_type(e, int)
    for index, s, e in ferrex.PhraseSet([b"a"]).stream(overlapping=True).finish():
        assert_type(index, int)
    direct = ferrex.Stream(ferrex.PhraseSet([b"a"]))
    assert_type(direct.feed(chunk), list[tuple[int, Optional[int], int]])
