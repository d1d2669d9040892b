"""Edges where ferrex must answer as re does, or as its README says it
differs: misuse (shared iterators, resized buffers, huge integers,
attribute writes) and corners of sub, fullmatch and group lookup."""
import re
import threading

import pytest

import ferrex


def drain_shared(it, threads=3):
    """Drains one iterator from several threads: (spans, errors)."""
    got, errors = [], []

    def drain():
        try:
            for m in it:
                got.append(m.span())
        except (RuntimeError, ValueError) as e:  # ValueError: a generator's (cffi)
            errors.append(str(e))

    ts = [threading.Thread(target=drain) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return got, errors


# `\d*` can match empty (one search a match), `\d+` cannot (batches).
@pytest.mark.parametrize("pat", [r"\d*", r"\d+", r"(\d)(\d)?"])
def test_an_iterator_shared_by_threads_never_repeats_a_match(pat):
    text = "12 " * 50_000  # over 4 KiB: searches run without the GIL
    expected = [m.span() for m in re.finditer(pat, text)]
    got, errors = drain_shared(ferrex.compile(pat).finditer(text))
    assert len(got) == len(set(got)), "a match handed out twice"
    assert set(got) <= set(expected)
    if not errors:
        assert sorted(got) == expected
    assert all("in use by another thread" in e or "already executing" in e for e in errors)


@pytest.mark.parametrize("pat, text", [
    ("(?ix)a # comment", "A"),
    ("(?i)(?x)a # comment", "A"),
    ("(?x) a b # c", "ab"),
    ("(?x:a)b", "ab"),
    ("(?i)a#b", "A#B"),
])
def test_fullmatch_with_inline_flags_like_re(pat, text):
    want = re.fullmatch(pat, text)
    got = ferrex.fullmatch(pat, text)
    assert (got and got.span()) == (want and want.span())


def test_fullmatch_verbose_flag_and_trailing_comment():
    assert ferrex.fullmatch("a b # the end", "ab", ferrex.VERBOSE).span() == (0, 2)
    assert ferrex.fullmatch("a b # the end", "a", ferrex.VERBOSE) is None
    # ferrex's syntax (the regex crate's) takes `(?x)` anywhere.
    assert ferrex.fullmatch("a(?x) b # the end", "ab").span() == (0, 2)
    assert ferrex.fullmatch("(?x:a # c\n)b", "ab").span() == (0, 2)
    assert ferrex.fullmatch("(?x:a # c\n)b", "ab\n") is None


@pytest.mark.parametrize("count", [-1, -5, 0, 1, 2])
@pytest.mark.parametrize("text", ["aaa", b"aaa"])
def test_sub_count_like_re(count, text):
    pat, repl = ("a", "x") if isinstance(text, str) else (b"a", b"x")
    assert ferrex.subn(pat, repl, text, count=count) == re.subn(pat, repl, text, count=count)
    assert ferrex.sub(pat, repl, text, count=count) == re.sub(pat, repl, text, count=count)


def test_sub_callable_returning_none_replaces_with_nothing():
    assert ferrex.sub("b", lambda m: None, "abcb") == re.sub("b", lambda m: None, "abcb") == "ac"
    assert ferrex.subn(b"b", lambda m: None, b"abc") == (b"ac", 1)
    with pytest.raises(TypeError):
        ferrex.sub("b", lambda m: 1, "abc")


@pytest.mark.parametrize("call", [
    lambda m: m.compile("a").search("ba", 10**30),
    lambda m: m.compile("a").search("ba", 0, -10**30),
    lambda m: m.compile("a").match("ba", -10**30),
    lambda m: list(m.compile("a").finditer("ba", 10**30)),
    lambda m: m.compile("a").findall("ba", 0, 10**30),
    lambda m: m.sub("a", "x", "aa", 10**30),
    lambda m: m.split("a", "bab", -10**30),
])
def test_huge_integers_overflow_like_re(call):
    with pytest.raises(OverflowError):
        call(re)
    with pytest.raises(OverflowError):
        call(ferrex)


def test_pattern_attributes_are_read_only():
    p = ferrex.compile("(?P<x>a)(b)")
    for name, value in [("pattern", "zzz"), ("groups", 0), ("flags", 0), ("groupindex", {})]:
        with pytest.raises(AttributeError):
            setattr(p, name, value)
        with pytest.raises(AttributeError):
            delattr(p, name)
    with pytest.raises(TypeError):
        p.groupindex["y"] = 2
    g = p.groupindex
    with pytest.raises(TypeError):  # as re's mappingproxy
        g |= {"y": 2}
    assert dict(p.groupindex) == {"x": 1}
    with pytest.raises(IndexError):
        p.search("ab").group("y")
    assert p.pattern == "(?P<x>a)(b)" and p.groups == 2
    assert p.fullmatch("ab").span() == (0, 2) and p.fullmatch("zzz") is None


def test_group_accepts_bools_like_re():
    text = "ab"
    want, got = re.search("(a)(b)", text), ferrex.search("(a)(b)", text)
    assert got.group(True) == want.group(True) == "a"
    assert got.span(False) == want.span(False) == (0, 2)
    assert got.group(True, 2) == want.group(True, 2)


@pytest.mark.parametrize("make", [
    lambda b: ferrex.compile(rb"\d").finditer(b),
    lambda b: ferrex.compile(rb"(\d)").finditer(b),
    lambda b: ferrex.RegexSet([rb"\d"]).finditer(b),
    lambda b: ferrex.PhraseSet([b"1"]).finditer(b),
])
@pytest.mark.parametrize("resize", ["shrink", "grow"])
def test_resizing_the_haystack_during_iteration_raises(make, resize):
    ba = bytearray(b"a1 " * 10)
    it = make(ba)
    assert next(it).span() == (1, 2)
    if resize == "shrink":
        del ba[3:]
    else:
        ba.extend(b"1" * 5)
    with pytest.raises(RuntimeError, match="changed size"):
        next(it)


def test_unchanged_bytearray_iterates_like_bytes():
    ba = bytearray(b"a1 " * 10)
    spans = [m.span() for m in ferrex.PhraseSet([b"1"]).finditer(ba)]
    assert spans == [m.span() for m in re.finditer(rb"1", bytes(ba))]
    ba[0:1] = b"b"  # same size: allowed
    assert len(list(ferrex.compile(rb"\d").finditer(ba))) == 10


def test_lone_surrogates_as_documented():
    with pytest.raises(ferrex.error, match="lone surrogate U\\+D800") as e:
        ferrex.compile("a\ud800")
    assert e.value.pos == 1
    # A str is read as UTF-8: the surrogate matches nothing, offsets stay
    # characters.
    assert ferrex.search(".", "\ud800x").span() == (1, 2)
    assert ferrex.findall("[^a]", "a\ud800b") == ["b"]


def test_readme_differences_from_re_hold():
    # README, "Where it differs from re": if these change, the README must.
    assert [m.span() for m in ferrex.finditer(r"(?:a*|b)+", "ab")] == [(0, 2), (2, 2)]
    assert [m.span() for m in re.finditer(r"(?:a*|b)+", "ab")] == [(0, 1), (1, 1), (1, 2), (2, 2)]
    assert ferrex.search(r"(a?)+", "aa").group(1) == "a"
    assert re.search(r"(a?)+", "aa").group(1) == ""
    assert ferrex.search(r"\w", "\u00b2") is None and re.search(r"\w", "\u00b2")
    assert ferrex.search(r"\w", "\u0301") and ferrex.search(r"\w", "\u203f")
    assert ferrex.search(r"\s", "\x1c") is None and re.search(r"\s", "\x1c")
    assert ferrex.search("(?i)i", "\u0130") is None
