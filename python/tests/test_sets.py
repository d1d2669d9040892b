"""RegexSet and PhraseSet, method by method, and the bad input each must
refuse with an exception."""
import array
import copy
import mmap
import pickle
import re
import threading

import pytest

import ferrex

# ---------------------------------------------------------------------------
# RegexSet


def test_regexset_attributes():
    s = ferrex.RegexSet([r"\d+", r"(?P<user>[a-z]+)@(?P<host>[a-z]+)\.com", "ERROR"])
    assert len(s) == 3
    assert s.patterns == (r"\d+", r"(?P<user>[a-z]+)@(?P<host>[a-z]+)\.com", "ERROR")
    assert s.flags == ferrex.UNICODE
    assert s.pattern(1) == ferrex.compile(s.patterns[1]) and s.pattern(1).groups == 2
    b = ferrex.RegexSet(iter([rb"a", bytearray(b"b")]), ferrex.I)
    assert b.patterns == (b"a", b"b") and b.flags == ferrex.IGNORECASE
    assert ferrex.RegexSet(["a"], ferrex.A).flags == ferrex.ASCII


def test_regexset_matches_and_is_match():
    s = ferrex.RegexSet([r"\d+", r"[a-z]+@[a-z]+\.com", "ERROR", r"^mail"])
    assert s.matches("mail bob@example.com 42 times") == [0, 1, 3]
    assert s.matches("no digits here") == []
    assert s.is_match("ERROR") and not s.is_match("error")
    # pos/endpos: ^ does not match at pos; the haystack ends at endpos.
    assert s.matches("mail bob@example.com 42", 1) == [0, 1]
    assert s.matches("mail bob@example.com 42", 0, 4) == [3]
    assert s.matches("12", 5) == [] and not s.is_match("12", 2, 1)
    # Overlapping matches count: each pattern on its own.
    assert ferrex.RegexSet(["abc", "b", "bcd"]).matches("abcd") == [0, 1, 2]


def test_regexset_search_match_and_groups():
    s = ferrex.RegexSet([r"(\d+)-(\d+)", r"(?P<word>[a-z]+)"])
    m = s.search("éé 12-34 x")
    assert isinstance(m, ferrex.SetMatch) and isinstance(m, ferrex.Match)
    assert m.index == 0 and m.span() == (3, 8) and m.groups() == ("12", "34") and m[2] == "34"
    assert m.re is s.pattern(0) and m.string == "éé 12-34 x" and (m.pos, m.endpos) == (0, 10)
    m = s.search("12 abc", 1)
    assert m.index == 1 and m.group("word") == "abc" and m.groupdict() == {"word": "abc"} and m.lastgroup == "word"
    assert s.match("12 abc") is None and s.match("12 abc", 3).span() == (3, 6)
    assert s.search("12 ab", 0, 2) is None
    assert repr(s.search("ab")) == "<ferrex.SetMatch object; index=1, span=(0, 2), match='ab'>"
    # At the same start, the pattern given first wins (an alternation).
    assert ferrex.RegexSet(["a", "ab"]).search("ab").span() == (0, 1)
    assert ferrex.RegexSet(["ab", "a"]).search("ab").span() == (0, 2)


@pytest.mark.parametrize("text", ["ab 12-34", b"ab 12-34"])
def test_regexset_search_whole_haystack(text):
    # A whole bytes or ASCII str: the fast path (in C on CPython), which
    # compiles a pattern alone on its first match.
    enc = (lambda s: s) if isinstance(text, str) else (lambda s: s.encode())
    s = ferrex.RegexSet([enc(r"(\d+)-(?P<b>\d+)"), enc(r"[a-z]+")])
    m = s.search(text[3:])
    assert m.index == 0 and m.span() == (0, 5) and m.groups() == (enc("12"), enc("34")) and m["b"] == enc("34")
    assert m.re is s.pattern(0) and m.string == text[3:] and (m.pos, m.endpos) == (0, 5)
    m = s.search(text)
    assert (m.index, m.span(), m.group(), m.re.pattern) == (1, (0, 2), enc("ab"), enc("[a-z]+"))
    assert s.search(enc("...")) is None


def test_regexset_finditer():
    s = ferrex.RegexSet([r"\d+", r"[a-z]+@[a-z]+\.com"])
    got = [(m.index, m.span(), m.group()) for m in s.finditer("bob@example.com 42 é 7")]
    assert got == [(1, (0, 15), "bob@example.com"), (0, (16, 18), "42"), (0, (21, 22), "7")]
    assert [m.span() for m in s.finditer("1 2 3 4", 2, 5)] == [(2, 3), (4, 5)]
    # Empty matches, by Pattern.finditer's rules.
    e = ferrex.RegexSet(["x*", "b"])
    assert [(m.index, m.span()) for m in e.finditer("axb")] == [(0, (0, 0)), (0, (1, 2)), (0, (2, 2)),
                                                                 (0, (3, 3))]
    assert [m.span() for m in e.finditer("aéb")] == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_regexset_flags():
    assert ferrex.RegexSet(["abc", "é"], ferrex.I).matches("xABCÉ") == [0, 1]
    assert ferrex.RegexSet([r"^b", r"a$"], ferrex.M).matches("a\nb") == [0, 1]
    assert ferrex.RegexSet([r"a.b"], ferrex.S).is_match("a\nb")
    assert ferrex.RegexSet([r"a b # comment"], ferrex.X).is_match("ab")
    assert ferrex.RegexSet([r"\w+"], ferrex.A).search("éa").span() == (1, 2)
    assert ferrex.RegexSet([rb"\w+"]).search("éa".encode()).span() == (2, 3)


@pytest.mark.parametrize("make", [bytes, bytearray, memoryview, lambda b: array.array("B", b)])
def test_regexset_buffers(make):
    s = ferrex.RegexSet([rb"\d+", rb"[a-z]+"])
    hay = make(b"ab 12 \xff cd")
    assert s.matches(hay) == [0, 1]
    assert [(m.index, m.span(), m.group()) for m in s.finditer(hay)] == [
        (1, (0, 2), b"ab"), (0, (3, 5), b"12"), (1, (8, 10), b"cd")]
    assert s.search(hay, 3).group() == b"12"


def test_regexset_pickle_copy_equality():
    s = ferrex.RegexSet([r"\d+", r"(a)(b)?"], ferrex.I)
    t = pickle.loads(pickle.dumps(s))
    assert t == s and hash(t) == hash(s) and t is not s
    assert t.matches("A1") == [0, 1] and t.patterns == s.patterns and t.flags == s.flags
    assert copy.copy(s) is s and copy.deepcopy(s) is s
    assert s != ferrex.RegexSet([r"\d+", r"(a)(b)?"])
    assert repr(ferrex.RegexSet(["a", "b"])) == "ferrex.RegexSet(['a', 'b'])"
    m = s.search("xab")
    assert pickle.loads(pickle.dumps(ferrex.RegexSet([b"x"]))).matches(b"x") == [0]
    assert m.index == 1


def test_regexset_bad_input():
    with pytest.raises(ValueError, match="empty set"):
        ferrex.RegexSet([])
    with pytest.raises(TypeError):
        ferrex.RegexSet("abc")  # one pattern, not a sequence of them
    with pytest.raises(TypeError):
        ferrex.RegexSet(5)
    with pytest.raises(TypeError, match="pattern 1"):
        ferrex.RegexSet(["a", 5])
    with pytest.raises(TypeError, match="not both"):
        ferrex.RegexSet(["a", b"b"])
    with pytest.raises(ValueError):
        ferrex.RegexSet(["a"], re.LOCALE)
    with pytest.raises(ValueError):
        ferrex.RegexSet([b"a"], ferrex.UNICODE)
    with pytest.raises(TypeError):
        ferrex.RegexSet(["a"], "i")
    s = ferrex.RegexSet(["a"])
    for call in (s.matches, s.is_match, s.search, s.match, s.finditer):
        with pytest.raises(TypeError):
            call(b"a")
        with pytest.raises(TypeError):
            call(None)
        with pytest.raises(TypeError):
            call("a", 1.5)
    with pytest.raises(TypeError):
        ferrex.RegexSet([b"a"]).matches("a")


def test_regexset_error_names_the_pattern():
    with pytest.raises(ferrex.error) as info:
        ferrex.RegexSet(["ok", "fine", "é(ab", "x"])
    e = info.value
    assert isinstance(e, ValueError)
    assert e.index == 2 and e.pattern == "é(ab" and e.pos == 1
    assert str(e).startswith("pattern 2: ") and "position 1" in str(e)
    again = pickle.loads(pickle.dumps(e))
    assert (again.index, again.pos, again.pattern, str(again)) == (2, 1, "é(ab", str(e))
    with pytest.raises(ferrex.error, match="look-around") as info:
        ferrex.RegexSet(["a", "(?=b)"])
    assert info.value.index == 1
    with pytest.raises(ferrex.error) as info:
        ferrex.RegexSet([b"a", b"\\"])
    assert info.value.index == 1 and info.value.pattern == b"\\"
    # A plain compile error still has no index.
    with pytest.raises(ferrex.error) as info:
        ferrex.compile("(")
    assert info.value.index is None and not str(info.value).startswith("pattern")


def test_regexset_closed_and_mutated_buffers():
    s = ferrex.RegexSet([rb"\d+", rb"[a-z]+"])
    m = mmap.mmap(-1, 16)
    m.write(b"ab 12")
    assert s.matches(m) == [0, 1]
    m.close()
    for call in (s.matches, s.is_match, s.search, s.finditer):
        with pytest.raises(ValueError):
            call(m)
    hay = bytearray(b"ab 12 " * 100)
    it = s.finditer(hay)
    next(it)
    del hay[10:]
    with pytest.raises(RuntimeError, match="changed size"):
        list(it)


def test_regexset_threads():
    s = ferrex.RegexSet([r"\d\d-\d\d", r"z{3}", r"nope"])
    big = "x" * 100_000 + "12-34" + "y" * 50_000 + "zzz"  # long enough to release the GIL
    out = []

    def work():
        for _ in range(20):
            out.append((s.matches(big), [(m.index, m.span()) for m in s.finditer(big)]))

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [([0, 1], [(0, (100_000, 100_005)), (1, (150_005, 150_008))])] * 80


# ---------------------------------------------------------------------------
# PhraseSet


def test_phraseset_attributes():
    s = ferrex.PhraseSet(["apple", "app", "pie"])
    assert len(s) == 3 and s.phrases == ("apple", "app", "pie")
    assert s.match_kind == ferrex.MatchKind.LEFTMOST_LONGEST == "leftmost-longest" and s.flags == ferrex.UNICODE
    assert ferrex.PhraseSet([b"a"], match_kind="standard").match_kind is ferrex.MatchKind.STANDARD
    assert ferrex.PhraseSet([b"a"], match_kind=ferrex.MatchKind.LEFTMOST_FIRST).match_kind == "leftmost-first"
    assert repr(s) == "ferrex.PhraseSet(['apple', 'app', 'pie'], match_kind='leftmost-longest')"
    # str phrases are Unicode whether UNICODE is given or not, as a str
    # Pattern's are: one set, one flags value, one repr.
    u = ferrex.PhraseSet(["apple", "app", "pie"], ferrex.UNICODE)
    assert u == s and hash(u) == hash(s) and repr(u) == repr(s)
    assert s.flags == ferrex.UNICODE == ferrex.compile("a").flags
    assert ferrex.PhraseSet(["a"], ferrex.ASCII).flags == ferrex.ASCII
    assert ferrex.PhraseSet([b"a"]).flags == 0
    assert pickle.loads(pickle.dumps(u)) == s


def test_phraseset_methods():
    s = ferrex.PhraseSet(["apple", "app", "pie"])
    text = "é apple pie"
    m = s.search(text)
    assert isinstance(m, ferrex.PhraseMatch)
    assert (m.index, m.start(), m.end(), m.span(), m.group(), m[0], m.phrase) == (
        0, 2, 7, (2, 7), "apple", "apple", "apple")
    assert m.string is text and m.set is s
    assert repr(m) == "<ferrex.PhraseMatch object; index=0, span=(2, 7), match='apple'>"
    with pytest.raises(IndexError):
        m.group(1)
    assert s.is_match(text) and not s.is_match("apricot")
    assert s.match(text) is None and s.match(text, 8).span() == (8, 11)
    assert s.search(text, 3).span() == (8, 11) and s.search(text, 0, 4) is None
    assert [(m.index, m.span()) for m in s.finditer(text)] == [(0, (2, 7)), (2, (8, 11))]
    assert s.find_spans(text) == [(0, 2, 7), (2, 8, 11)]
    assert s.find_spans(text, 0, 6) == [(1, 2, 5)]
    assert s.findall(text) == ["apple", "pie"]
    assert s.replace(text, ["pear", "?", "tart"]) == "é pear tart"
    assert s.replace(text, "_") == "é _ _"
    assert s.replace(text, lambda m: m.group().upper()) == "é APPLE PIE"
    assert s.replace("nothing", "_") == "nothing"
    assert m == s.search(text) and m != s.search(text, 3)


def test_phraseset_match_kinds():
    text = "samwise"
    kinds = {"standard": (0, 0, 3), "leftmost-first": (0, 0, 3), "leftmost-longest": (1, 0, 7)}
    for kind, want in kinds.items():
        s = ferrex.PhraseSet(["sam", "samwise"], match_kind=kind)
        assert s.find_spans(text) == [want], kind
    # Standard: the match that ends first, even if another starts earlier.
    assert ferrex.PhraseSet(["abcd", "bc"], match_kind="standard").find_spans("abcd") == [(1, 1, 3)]
    assert ferrex.PhraseSet(["abcd", "bc"], match_kind="leftmost-first").find_spans("abcd") == [(0, 0, 4)]


def test_phraseset_overlapping():
    s = ferrex.PhraseSet(["abc", "b", "bcd", "c"], match_kind="standard")
    want = [(1, 1, 2), (0, 0, 3), (3, 2, 3), (2, 1, 4)]
    assert s.find_spans("abcd", overlapping=True) == want
    assert [(m.index,) + m.span() for m in s.finditer("abcd", overlapping=True)] == want
    assert s.findall("abcd", overlapping=True) == ["b", "abc", "c", "bcd"]
    assert s.find_spans("abcd") == [(1, 1, 2), (3, 2, 3)]


def test_phraseset_case_folding():
    # str + IGNORECASE: Unicode simple case folding.
    u = ferrex.PhraseSet(["straße", "é"], ferrex.I)
    assert u.findall("STRAẞE É é E") == ["STRAẞE", "É", "é"]
    assert u.find_spans("xÉ") == [(1, 1, 2)]
    # str + IGNORECASE | ASCII, and bytes + IGNORECASE: A-Z only.
    a = ferrex.PhraseSet(["abc", "é"], ferrex.I | ferrex.A, match_kind="standard")
    assert a.findall("ABC É é") == ["ABC", "é"]
    assert a.find_spans("aBcabC", overlapping=True) == [(0, 0, 3), (0, 3, 6)]
    b = ferrex.PhraseSet([b"abc", "é".encode()], ferrex.I)
    assert b.findall("ABC É é".encode()) == [b"ABC", "é".encode()]
    assert not ferrex.PhraseSet(["abc"]).is_match("ABC")


@pytest.mark.parametrize("make", [bytes, bytearray, memoryview, lambda b: array.array("B", b)])
def test_phraseset_buffers(make):
    s = ferrex.PhraseSet([b"ab", b"\xff"])
    hay = make(b"xab\xffab")
    assert s.find_spans(hay) == [(0, 1, 3), (1, 3, 4), (0, 4, 6)]
    assert [m.group() for m in s.finditer(hay)] == [b"ab", b"\xff", b"ab"]
    assert s.search(hay, 2).span() == (3, 4)
    assert s.replace(hay, [b"-", b"+"]) == b"x-+-"


def test_phraseset_empty_phrase_in_str_offsets():
    # An empty phrase matches at every offset of the UTF-8 bytes; a str
    # sees those at character boundaries only, in characters.
    s = ferrex.PhraseSet(["", "b"], match_kind="standard")
    assert s.find_spans("éb", overlapping=True) == [(0, 0, 0), (0, 1, 1), (1, 1, 2), (0, 2, 2)]
    # (No empty match right after "b": iteration skips an empty match
    # where the previous match ended.)
    assert ferrex.PhraseSet(["b", ""], match_kind="leftmost-longest").find_spans("éb") == [(1, 0, 0), (0, 1, 2)]
    assert ferrex.PhraseSet(["b", ""], match_kind="leftmost-longest").find_spans("éé") == [
        (1, 0, 0), (1, 1, 1), (1, 2, 2)]
    assert ferrex.PhraseSet([""]).replace("éé", "-") == "-é-é-"
    assert ferrex.PhraseSet([""]).search("é", 1).span() == (1, 1)


def test_phraseset_pickle_copy_equality():
    s = ferrex.PhraseSet(["a", "B"], ferrex.I, "leftmost-first")
    t = pickle.loads(pickle.dumps(s))
    assert t == s and hash(t) == hash(s) and t is not s
    assert t.match_kind == "leftmost-first" and t.flags == ferrex.I | ferrex.U and t.findall("AbB") == ["A", "b", "B"]
    assert copy.copy(s) is s and copy.deepcopy(s) is s
    assert s != ferrex.PhraseSet(["a", "B"], ferrex.I)
    assert pickle.loads(pickle.dumps(ferrex.PhraseSet([b"\xff"]))).is_match(b"\xff")


def test_phraseset_bad_input():
    with pytest.raises(ValueError, match="empty set"):
        ferrex.PhraseSet([])
    with pytest.raises(TypeError):
        ferrex.PhraseSet("abc")
    with pytest.raises(TypeError, match="phrase 1"):
        ferrex.PhraseSet(["a", None])
    with pytest.raises(TypeError, match="not both"):
        ferrex.PhraseSet([b"a", "b"])
    with pytest.raises(ValueError, match="unknown match kind"):
        ferrex.PhraseSet(["a"], match_kind="longest")
    with pytest.raises(ValueError, match="only the flags"):
        ferrex.PhraseSet(["a"], ferrex.MULTILINE)
    # Bits no flag has: ~ of a RegexFlag keeps only defined flags (3.11),
    # so a mask built that way let them through.
    for bits in (1 << 20, 1 << 9, ferrex.I | 1 << 30):
        with pytest.raises(ValueError, match="only the flags"):
            ferrex.PhraseSet(["a"], bits)
    with pytest.raises(ValueError):
        ferrex.PhraseSet([b"a"], ferrex.UNICODE)
    with pytest.raises(TypeError):
        ferrex.PhraseSet(["a"], "i")
    with pytest.raises(ValueError, match="leftmost"):
        ferrex.PhraseSet(["a"], ferrex.I, "standard")
    # Unicode folding needs UTF-8 phrases: a lone surrogate is not.
    with pytest.raises(ferrex.error) as info:
        ferrex.PhraseSet(["a", "\ud800"], ferrex.I)
    assert info.value.index == 1 and str(info.value).startswith("pattern 1: ")
    s = ferrex.PhraseSet(["ab"])
    with pytest.raises(ValueError, match="overlapping"):
        s.find_spans("ab", overlapping=True)
    with pytest.raises(ValueError, match="overlapping"):
        s.finditer("ab", overlapping=True)
    with pytest.raises(ValueError, match="overlapping"):
        ferrex.PhraseSet(["ab"], ferrex.I, "leftmost-first").findall("ab", overlapping=True)
    for call in (s.is_match, s.search, s.match, s.find_spans, s.findall, s.finditer):
        with pytest.raises(TypeError):
            call(b"ab")
        with pytest.raises(TypeError):
            call(42)
        with pytest.raises(TypeError):
            call("ab", "0")
    with pytest.raises(TypeError):
        s.replace(b"ab", ["x"])
    with pytest.raises(TypeError):
        ferrex.PhraseSet([b"ab"]).replace("ab", [b"x"])
    with pytest.raises(TypeError):
        ferrex.PhraseSet([b"ab"]).replace(42, [b"x"])
    with pytest.raises(ValueError, match="2 replacements given for 1 phrases"):
        s.replace("ab", ["x", "y"])
    with pytest.raises(TypeError, match="replacement 0"):
        s.replace("ab", [b"x"])
    with pytest.raises(TypeError):
        s.replace("ab", 5)
    with pytest.raises(TypeError, match="must be str"):
        s.replace("ab", lambda m: None)


def test_phraseset_closed_and_mutated_buffers():
    s = ferrex.PhraseSet([b"ab", b"cd"])
    m = mmap.mmap(-1, 8)
    m.write(b"ab cd")
    assert s.find_spans(m) == [(0, 0, 2), (1, 3, 5)]
    assert s.replace(m, [b"X", b"Y"]) == b"X Y\0\0\0"
    m.close()
    for call in (s.is_match, s.search, s.find_spans, s.finditer):
        with pytest.raises(ValueError):
            call(m)
    with pytest.raises(ValueError):
        s.replace(m, [b"X", b"Y"])
    hay = bytearray(b"ab cd " * 100)
    it = s.finditer(hay)
    next(it)
    hay.extend(b"ab")  # not pinned between batches: the iteration notices
    with pytest.raises(RuntimeError, match="changed size"):
        list(it)


def test_phraseset_threads():
    words = [f"w{i:04d}" for i in range(500)]
    s = ferrex.PhraseSet(words)
    big = " ".join(words[::7] * 40)  # long enough to release the GIL
    want = [(i, 6 * k, 6 * k + 5) for k, i in enumerate(list(range(0, 500, 7)) * 40)]
    out = []

    def work():
        for _ in range(10):
            out.append((s.find_spans(big), s.is_match(big), s.search(big).span()))

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [(want, True, (0, 5))] * 40


def test_stubs_cover_the_public_api():
    # ferrex/_sets.pyi (installed with the package) declares every public
    # method and attribute of the classes, so type checkers see them all.
    import ast
    import os

    tree = ast.parse(open(os.path.join(os.path.dirname(ferrex.__file__), "_sets.pyi")).read())
    declared = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign):
                    names.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    names.update(t.id for t in item.targets)
            declared[node.name] = names
    for cls in (ferrex.RegexSet, ferrex.PhraseSet, ferrex.PhraseMatch, ferrex.MatchKind):
        public = {n for n in vars(cls) if not n.startswith("_")}
        public |= {n for n in getattr(cls, "__slots__", ()) if not n.startswith("_")}
        if cls is ferrex.MatchKind:
            public = set(cls.__members__)
        assert public <= declared[cls.__name__], (cls.__name__, public - declared[cls.__name__])
    assert declared["SetMatch"] >= {"index"}


def test_docstring_examples():
    import doctest

    import ferrex._sets

    failed, tried = doctest.testmod(ferrex._sets, extraglobs={"ferrex": ferrex}, report=True)
    assert tried >= 5 and failed == 0
