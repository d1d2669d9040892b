"""What an audit of the API beyond re found: str subclasses as haystacks,
read-only sets and phrase matches, RegexSet's search memory limit."""
import pickle
import re

import pytest

import ferrex


class Text(str):
    """A str subclass, as StrEnum members and markupsafe.Markup are."""


def test_str_subclass_haystacks_search_as_str():
    hay = Text("abb é b")
    p = ferrex.compile("b")
    assert [m.span() for m in p.finditer(hay)] == [m.span() for m in re.finditer("b", hay)]
    assert ferrex.findall("b", hay) == re.findall("b", hay)
    assert ferrex.sub("b", "B", hay) == re.sub("b", "B", hay)
    assert p.split(hay) == re.split("b", hay)
    assert ferrex.subn("b", "B", hay) == re.subn("b", "B", hay)
    assert [(m.index, m.span()) for m in ferrex.RegexSet(["b", "é"]).finditer(hay)] == [
        (0, (1, 2)), (0, (2, 3)), (1, (4, 5)), (0, (6, 7))]
    phrases = ferrex.PhraseSet(["b", "é"])
    assert [m.span() for m in phrases.finditer(hay)] == [(1, 2), (2, 3), (4, 5), (6, 7)]
    assert phrases.replace(hay, lambda m: "-") == "a-- - -"


def test_regex_set_attributes_are_read_only():
    s = ferrex.RegexSet(["a", "b"])
    for name, value in [("patterns", ("zzz",)), ("flags", 0), ("search_memory_limit", 1), ("_re", None)]:
        with pytest.raises(AttributeError, match="readonly attribute"):
            setattr(s, name, value)
    with pytest.raises(AttributeError, match="readonly attribute"):
        del s.patterns
    assert s.patterns == ("a", "b") and s.search("b").index == 1 and s.matches("ab") == [0, 1]


def test_phrase_set_attributes_are_read_only():
    p = ferrex.PhraseSet(["a", "b"])
    for name, value in [("phrases", ("x",)), ("flags", 0), ("match_kind", "standard"), ("_set", None)]:
        with pytest.raises(AttributeError, match="readonly attribute"):
            setattr(p, name, value)
    with pytest.raises(AttributeError, match="readonly attribute"):
        del p.match_kind
    assert p.search("b").phrase == "b" and p.find_spans("ab") == [(0, 0, 1), (1, 1, 2)]


def test_phrase_match_fields_are_read_only_on_every_backend():
    m = ferrex.PhraseSet(["b"]).search("ab")
    for name in ("index", "string", "set"):
        with pytest.raises(AttributeError):
            setattr(m, name, 0)
    assert (m.index, m.span(), m.string) == (0, (1, 2), "ab")


# 1,000 patterns with a class: their capture slots need about 1 GiB, past
# the default limit of 512 MiB (README, "Many patterns, many phrases").
MANY = [f"w{i}x\\d+" for i in range(1000)]


def test_regex_set_past_the_search_memory_limit_says_how_to_raise_it():
    with pytest.raises(ferrex.error, match="search memory limit.*search_memory_limit argument"):
        ferrex.RegexSet(MANY)
    with pytest.raises(ferrex.error, match="search memory limit"):
        ferrex.RegexSet(["a(b)c", "d(e)f"], search_memory_limit=0)


def test_regex_set_with_a_raised_limit_compiles_and_matches():
    s = ferrex.RegexSet(MANY, search_memory_limit=1 << 31)
    assert s.search_memory_limit == 1 << 31
    hay = "a w7x12 b w999x3 w1000x5"
    assert s.matches(hay) == [7, 999]
    assert [(m.index, m.group()) for m in s.finditer(hay)] == [(7, "w7x12"), (999, "w999x3")]
    assert repr(s).endswith(f"search_memory_limit={1 << 31})")
    # A pickle carries the limit: without it the copy would be refused.
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back.search_memory_limit == 1 << 31 and back.matches(hay) == [7, 999]
    plain = ferrex.RegexSet(["a"])
    assert plain.search_memory_limit is None and pickle.loads(pickle.dumps(plain)) == plain


@pytest.mark.parametrize("limit, exc", [(-1, ValueError), ("1", TypeError), (1.5, TypeError), (True, TypeError),
                                        (1 << 64, OverflowError)])
def test_regex_set_refuses_a_bad_limit(limit, exc):
    with pytest.raises(exc):
        ferrex.RegexSet(["a"], search_memory_limit=limit)


def test_regex_set_limit_is_keyword_only():
    with pytest.raises(TypeError):
        ferrex.RegexSet(["a"], 0, 1 << 30)


def test_classes_subscript_at_run_time_as_re_pattern_does():
    # An annotation evaluated at run time (no `from __future__ import
    # annotations`) must not raise; the stubs declare these generic.
    for cls in (ferrex.Pattern, ferrex.Match, ferrex.RegexSet, ferrex.SetMatch, ferrex.PhraseSet,
                ferrex.PhraseMatch):
        assert cls[str].__origin__ is cls
    assert ferrex.Stream[tuple[int, int]].__origin__ is ferrex.Stream
    assert re.Pattern[str].__origin__ is re.Pattern  # the model


def test_set_repr_is_the_same_python_on_every_version():
    # int & ~RegexFlag is a RegexFlag, whose str() differs by version.
    s = ferrex.RegexSet(["a"], ferrex.I | ferrex.M)
    assert repr(s) == "ferrex.RegexSet(['a'], 10)"
    assert eval(repr(s), {"ferrex": ferrex}) == s
    assert repr(ferrex.PhraseSet(["a"], ferrex.I)) == "ferrex.PhraseSet(['a'], 2, match_kind='leftmost-longest')"


def test_str_subclasses_mix_with_str_in_a_set():
    import enum

    class Color(str, enum.Enum):
        RED = "red"

    class Raw(bytes):
        pass

    assert ferrex.PhraseSet([Color.RED, "green"]).findall("a red or green") == ["red", "green"]
    assert [m.index for m in ferrex.RegexSet([Color.RED, "gre+n"]).finditer("a red or green")] == [0, 1]
    assert ferrex.PhraseSet([Raw(b"ab"), b"cd"]).findall(b"abcd") == [b"ab", b"cd"]
    with pytest.raises(TypeError, match="not both"):
        ferrex.PhraseSet([Color.RED, b"green"])
