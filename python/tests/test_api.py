"""The re-compatible API, function by function, on str and bytes."""
import array
import copy
import pickle
import re
import sys
import threading

import pytest

import ferrex


def test_backend_matches_interpreter():
    if sys.implementation.name == "cpython" and sys.version_info >= (3, 11):
        assert ferrex.BACKEND.startswith("C extension")
    else:
        assert ferrex.BACKEND == "cffi API mode"
    assert ferrex.__version__.count(".") == 2


def test_compile_attributes():
    p = ferrex.compile(r"(?P<year>\d{4})-(\d{2})(?:-(?P<day>\d\d))?")
    assert p.groups == 3
    assert p.groupindex == {"year": 1, "day": 3}
    assert p.pattern == r"(?P<year>\d{4})-(\d{2})(?:-(?P<day>\d\d))?"
    assert p.flags == re.compile(p.pattern).flags == ferrex.UNICODE
    with pytest.raises(TypeError):
        p.groupindex["x"] = 1
    b = ferrex.compile(rb"a(b)", ferrex.I)
    assert b.flags == ferrex.IGNORECASE and b.groups == 1 and b.pattern == b"a(b)"
    assert ferrex.compile(p) is p
    assert ferrex.IGNORECASE == re.IGNORECASE and ferrex.ASCII == re.ASCII and ferrex.VERBOSE == re.X


def test_search_match_fullmatch():
    p = ferrex.compile(r"\d+")
    m = p.search("ab 123 45")
    assert m.span() == (3, 6) and m.group() == "123" and m[0] == "123"
    assert p.match("ab 123") is None
    assert p.match("ab 123", 3).span() == (3, 6)
    assert p.fullmatch("123") and p.fullmatch("123 ") is None
    assert p.fullmatch("ab 123 45", 3, 6).group() == "123"
    assert p.search("abc") is None


def test_fullmatch_needs_the_longer_alternative():
    # An anchored search finds "a"; fullmatch must find "ab" as re does.
    assert ferrex.fullmatch(r"a|ab", "ab").span() == re.fullmatch(r"a|ab", "ab").span() == (0, 2)
    assert ferrex.fullmatch(r"(a|ab)(c|bcd)", "abcd").groups() == re.fullmatch(r"(a|ab)(c|bcd)", "abcd").groups()
    assert ferrex.fullmatch(r"a*?", "aaa").span() == (0, 3)
    assert ferrex.compile("ab # comment", ferrex.VERBOSE).fullmatch("ab")
    assert ferrex.compile("(?x) ab # comment").fullmatch("ab")
    assert ferrex.fullmatch(r"a$", "a") and ferrex.fullmatch("a", "ab") is None


def test_pos_endpos_semantics():
    p = ferrex.compile(r"^a|b$")
    # ^ does not match at pos; $ matches at endpos (the string ends there).
    assert p.search("xa", 1) is None and re.compile(r"^a|b$").search("xa", 1) is None
    assert p.search("xbz", 0, 2).span() == (1, 2)
    m = p.search("xbz", -5, 2)
    assert m.pos == 0 and m.endpos == 2
    assert ferrex.compile("a").search("aaa", 5) is None
    assert ferrex.compile("").search("abc", 2, 1) is None


class _Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


@pytest.mark.parametrize("text", ["xx 1234 walking sing", b"xx 1234 walking sing", "x\u00e9 walking sing",
                                  bytearray(b"xx walking sing")])
def test_search_match_pos_endpos_forms_like_re(text):
    # Every form of pos/endpos (positional, keyword, negative, past the end,
    # None, __index__, pos > endpos) gives re's answer, through the fast
    # path (bytes, ASCII str) and the slow one (non-ASCII str, bytearray).
    pat = r"^[a-z]+ing|\b[a-z]+ing$"
    if not isinstance(text, str):
        pat = pat.encode()
    p, r = ferrex.compile(pat), re.compile(pat)
    n = len(text)
    forms = [((), {}), ((3,), {}), ((3, 15), {}), ((), {"pos": 3}), ((), {"endpos": 15}),
             ((), {"pos": 8, "endpos": 15}), ((3,), {"endpos": 12}), ((-4, n + 9), {}), ((n + 1,), {}),
             ((_Idx(3), _Idx(15)), {}), ((15, 3), {}), ((True, 15), {}), ((0, 0), {})]
    for args, kw in forms:
        for meth in ("search", "match"):
            got, want = getattr(p, meth)(text, *args, **kw), getattr(r, meth)(text, *args, **kw)
            where = (meth, args, kw)
            assert (got is None) == (want is None), where
            if want is not None:
                assert got.span() == want.span() and got.group() == want.group(), where
                assert (got.pos, got.endpos) == (want.pos, want.endpos), where
                assert got.string is text and got.re is p, where
        # endpos=None (which re refuses) is the whole string.
        none, whole = getattr(p, meth)(text, 0, None), getattr(r, meth)(text)
        assert (none and none.span()) == (whole and whole.span())
    for bad in ((1.0,), ("1",), (0, 2.0)):
        with pytest.raises(TypeError):
            p.search(text, *bad)
        with pytest.raises(TypeError):
            r.search(text, *bad)
    with pytest.raises(TypeError):
        p.search(text, 0, 5, 7)
    with pytest.raises(TypeError):
        p.search(text, poss=1)
    with pytest.raises(TypeError):
        p.match(text, 1, pos=1)


@pytest.mark.parametrize("text", ["axb a  b", b"axb a  b", "\u00e9xb a  b", memoryview(b"axb a  b")])
@pytest.mark.parametrize("pat", [r"x*", r"a?", r"\b", r"[ab]+", r"(a)|(b)", r"$"])
def test_finditer_pos_endpos_like_re(text, pat):
    if not isinstance(text, str):
        pat = pat.encode()
    p, r = ferrex.compile(pat), re.compile(pat)
    n = len(text)
    for args in ((), (1,), (2, 6), (0, 3), (5, 2), (-3, 99)):
        # pos and endpos clamped, as CPython's re reports them (PyPy's re
        # reports the scanner's position as pos).
        bounds = (min(max(args[0], 0), n) if args else 0, min(max(args[1], 0), n) if len(args) > 1 else n)
        want = [(m.span(), m.groups(), bounds) for m in r.finditer(text, *args)]
        if bounds[0] > bounds[1]:
            want = []  # as CPython's re (PyPy's finds an empty match at pos)
        it = p.finditer(text, *args)
        assert iter(it) is it
        got = [(m.span(), m.groups(), (m.pos, m.endpos)) for m in it]
        assert next(it, None) is None  # stays exhausted
        assert got == want, args


def test_match_fields_read_only_on_c_backend():
    m = ferrex.compile(rb"b+").search(b"abbc")
    assert (m.pos, m.endpos, m.string, m.span()) == (0, 4, b"abbc", (1, 3))
    if ferrex.BACKEND.startswith("C extension"):
        for name in ("re", "string", "pos", "endpos"):
            with pytest.raises(AttributeError):
                setattr(m, name, 1)
    assert not hasattr(m, "__dict__")


def test_match_object():
    m = ferrex.search(r"(?P<a>x)(y)?(?P<c>z)", "__xz__")
    assert m.group(0, 1, 2, 3) == ("xz", "x", None, "z")
    assert m.group("a", "c") == ("x", "z")
    assert m.groups() == ("x", None, "z") and m.groups("-") == ("x", "-", "z")
    assert m.groupdict() == {"a": "x", "c": "z"}
    assert m.span(2) == (-1, -1) and m.start("c") == 3 and m.end(1) == 3
    assert m.regs == ((2, 4), (2, 3), (-1, -1), (3, 4))
    assert m.lastindex == 3 and m.lastgroup == "c"
    assert m.string == "__xz__" and m.re.pattern == "(?P<a>x)(y)?(?P<c>z)"
    assert m.expand(r"[\g<c>\1]") == "[zx]"
    with pytest.raises(IndexError):
        m.group(4)
    with pytest.raises(IndexError):
        m.group("nope")
    assert "span=(2, 4)" in repr(m) and bool(m)
    assert copy.copy(m) is m


@pytest.mark.parametrize("pat,text", [
    (r"((a)b)", "ab"), (r"(a)(b)", "ab"), (r"(a)(b?)", "a"), (r"((ab))", "ab"),
    (r"(a)|(b)", "b"), (r"(?P<x>a)+", "aaa"), (r"()()", ""), (r"(a(b)?)+", "aba"),
])
def test_lastindex_like_re(pat, text):
    fm, rm = ferrex.search(pat, text), re.search(pat, text)
    assert (fm.lastindex, fm.lastgroup) == (rm.lastindex, rm.lastgroup)


def test_finditer_findall_empty_matches_follow_re():
    for pat, text in [("x*", "axb"), ("", "abc"), (r"\b", "ab cd"), ("a|", "aab"), (r"\d*", "1a22b"),
                      ("x*", "héxé")]:
        assert [m.span() for m in ferrex.finditer(pat, text)] == [m.span() for m in re.finditer(pat, text)]
        assert ferrex.findall(pat, text) == re.findall(pat, text)
    assert [m.span() for m in ferrex.finditer("x*", "axb")] == [(0, 0), (1, 2), (2, 2), (3, 3)]


def test_findall_in_one_pass_matches_finditer_and_re():
    # A regex without groups over an ASCII str or bytes: findall finds every
    # span in one C pass (without the GIL past 4 KiB); it must give what
    # finditer and re give, empty matches, pos and endpos included; more
    # matches than one C batch holds (256), in a short haystack too.
    long = "ab 12 x3 " * 1000 + "tail"
    short = "a b " * 300
    cases = [(r"\d*", long), (r"[a-z]+\d?", long), ("x*", "axb" * 2000), (r"\b", long), ("q", long), (r"\w", short)]
    for pat, text in cases:
        for pos, endpos in [(0, None), (5, len(text) - 7), (4100, None), (len(text), None), (9, 9)]:
            p = ferrex.compile(pat)
            want = re.compile(pat).findall(text, pos, len(text) if endpos is None else endpos)
            got = p.findall(text, pos) if endpos is None else p.findall(text, pos, endpos)
            assert got == want, (pat, pos, endpos)
            e = len(text) if endpos is None else endpos
            assert got == [m.group() for m in p.finditer(text, pos, e)]
            b = ferrex.compile(pat.encode()).findall(text.encode(), pos, e)
            assert b == [x.encode() for x in want]


def test_finditer_groups_in_batches_like_re():
    # A regex with groups that never matches empty, over 4 KiB or more of an
    # ASCII str or bytes: finditer fetches every group span of many matches
    # a C call (ferrex_iter_next_spans_batch, a buffer of 16 to 128 matches
    # by group count); the Match objects must be re's, unset groups, pos,
    # endpos and more matches than one buffer holds included.
    long = "ab=12 x=3 yy= " * 800 + "tail=9"
    many = "(" + ")(".join(["a?"] * 20) + ")b"  # 21 groups: 16 matches a buffer
    cases = [(r"(\w+)=(\d+)?", long), (r"(?P<k>[a-z])(?P<v>\d)?", long), (many, "ab" * 3000),
             (r"(x)|(y)", long), (r"(q)", long)]
    for pat, text in cases:
        for pos, endpos in [(0, len(text)), (7, len(text) - 5), (4100, len(text)), (0, 4096)]:
            for hay, pt in ((text, pat), (text.encode(), pat.encode())):
                want = [(m.span(), m.groups(), m.groupdict()) for m in re.compile(pt).finditer(hay, pos, endpos)]
                it = ferrex.compile(pt).finditer(hay, pos, endpos)
                got = [(m.span(), m.groups(), m.groupdict()) for m in it]
                assert next(it, None) is None  # stays exhausted
                assert got == want, (pat, pos, endpos, type(hay))
    # Two iterations of one pattern interleaved, one left unfinished, then
    # another haystack length: each batched iteration has an iterator of
    # its own, and a reused one starts over on the new haystack.
    p, r = ferrex.compile(r"(\w)=(\d)?"), re.compile(r"(\w)=(\d)?")
    other = long[:5000] + "z=7"
    a, b = p.finditer(long), p.finditer(other)
    pairs = list(zip(a, b))
    assert [(x.groups(), y.groups()) for x, y in pairs] == list(zip(
        [m.groups() for m in r.finditer(long)], [m.groups() for m in r.finditer(other)]))
    del a
    assert [m.regs for m in p.finditer(other, 3)] == [m.regs for m in r.finditer(other, 3)]
    assert [m.regs for m in p.finditer(long)] == [m.regs for m in r.finditer(long)]


def test_documented_difference_after_an_empty_match():
    # re: (0,0) (0,1) (1,1); ferrex resumes one character after an empty
    # match (see the module doc and the README).
    assert [m.span() for m in ferrex.finditer("|a", "a")] == [(0, 0), (1, 1)]
    assert [m.span() for m in re.finditer("|a", "a")] == [(0, 0), (0, 1), (1, 1)]


def test_findall_groups():
    assert ferrex.findall(r"(\w)=(\d)?", "a=1 b= c=3") == [("a", "1"), ("b", ""), ("c", "3")]
    assert ferrex.findall(r"(\w)=", "a=1 b=") == ["a", "b"]
    assert ferrex.findall(rb"\w+", b"ab cd") == [b"ab", b"cd"]


def test_sub_subn_templates_and_callables():
    p = ferrex.compile(r"(?P<k>\w+)=(?P<v>\w+)")
    assert p.sub(r"\2=\1", "a=1, b=2") == "1=a, 2=b"
    assert p.sub(r"\g<v>:\g<k>:\g<0>", "a=1") == "1:a:a=1"
    assert p.sub(lambda m: m["k"].upper(), "a=1, b=2") == "A, B"
    assert p.subn("X", "a=1 b=2 c=3", count=2) == ("X X c=3", 2)
    assert ferrex.sub(r"a", r"\n\t\\", "a") == "\n\t\\"
    assert ferrex.sub(r"a", r"\&", "a") == re.sub(r"a", r"\&", "a") == "\\&"
    assert ferrex.sub("x*", "-", "abxd") == re.sub("x*", "-", "abxd") == "-a-b--d-"
    assert ferrex.sub(rb"(\d)", rb"<\1>", b"a1b2") == b"a<1>b<2>"
    assert ferrex.sub(r"(a)|b", r"[\1]", "ab") == re.sub(r"(a)|b", r"[\1]", "ab") == "[a][]"
    assert ferrex.sub("é", "e", "café é") == "cafe e"
    with pytest.raises(ferrex.error):
        ferrex.sub("a", r"\2", "a")
    with pytest.raises(ferrex.error):
        ferrex.sub("a", r"\q", "a")
    with pytest.raises(IndexError):
        ferrex.sub("(a)", r"\g<nope>", "a")
    with pytest.raises(TypeError):
        ferrex.sub("a", lambda m: 1, "a")
    with pytest.raises(TypeError):
        ferrex.sub("a", b"x", "a")


def test_split():
    for pat, text, n in [(r",\s*", "a, b,c", 0), (r"(,)\s*", "a, b,c", 0), (r"(,)|(;)", "a,b;c", 0),
                         (r",", "a,b,c", 1), (r"x*", "axbc", 0), (r"\W+", "...words, words...", 0)]:
        assert ferrex.split(pat, text, n) == re.split(pat, text, maxsplit=n)
    assert ferrex.split(rb"-", b"a-b") == [b"a", b"b"]


def test_flags():
    assert ferrex.search("ABC", "xabc", ferrex.I).span() == (1, 4)
    assert ferrex.findall("^a", "a\na", ferrex.M) == ["a", "a"]
    assert ferrex.search("a.b", "a\nb") is None and ferrex.search("a.b", "a\nb", ferrex.S)
    assert ferrex.search("a b  # comment", "ab", ferrex.X)
    assert ferrex.findall(r"\w+", "héllo wörld", ferrex.A) == re.findall(r"\w+", "héllo wörld", re.A)
    assert ferrex.findall(r"[\W]+", "ab éé c", ferrex.A) == re.findall(r"[\W]+", "ab éé c", re.A)
    assert ferrex.findall(r".", "hé", ferrex.A) == ["h", "é"]
    assert ferrex.findall(r"\w+", "héllo") == ["héllo"]
    with pytest.raises(ValueError):
        ferrex.compile("a", re.LOCALE)
    with pytest.raises(ValueError):
        ferrex.compile(b"a", ferrex.UNICODE)
    with pytest.raises(ValueError):
        ferrex.compile("a", 1 << 20)
    assert repr(ferrex.compile("a", ferrex.I | ferrex.M)) == "ferrex.compile('a', ferrex.IGNORECASE|ferrex.MULTILINE)"


def test_str_offsets_are_characters():
    text = "naïve café, 日本語 and ünïcödé"
    for pat in [r"\w+", r"[^\x00-\x7f]+", r"(\w)(\w*)", r"é|ö"]:
        assert [m.span() for m in ferrex.finditer(pat, text)] == [m.span() for m in re.finditer(pat, text)]
        assert [m.regs for m in ferrex.finditer(pat, text)] == [m.regs for m in re.finditer(pat, text)]
    assert ferrex.search(r"\w+", text, ).group() == "naïve"
    assert ferrex.compile(r"\w+").search(text, 6).span() == (6, 10)
    assert ferrex.compile(r"\w+").search(text, 6, 8).group() == "ca"


def test_bytes_like_haystacks_without_copy():
    p = ferrex.compile(rb"b+")
    for hay in [b"abbc", bytearray(b"abbc"), memoryview(b"xabbc")[1:], array.array("B", b"abbc")]:
        m = p.search(hay)
        assert m.span() == (1, 3) and m.group() == b"bb"
    assert p.search(memoryview(b"abbbc"), 0, 3).group() == b"bb"
    assert ferrex.search(b"\xff+", b"a\xff\xffb").span() == (1, 3)
    assert ferrex.search(rb"\\\xff", b"\\\xff").span() == (0, 2)
    assert ferrex.search(rb"\w", b"\xc3\xa9a").span() == (2, 3)  # bytes patterns: ASCII classes
    assert ferrex.search(rb".", b"\xff").span() == (0, 1)


def test_type_errors():
    with pytest.raises(TypeError):
        ferrex.compile(r"a").search(b"a")
    with pytest.raises(TypeError):
        ferrex.compile(rb"a").search("a")
    with pytest.raises(TypeError):
        ferrex.compile("a").search(12)
    with pytest.raises(TypeError):
        ferrex.compile(12)
    with pytest.raises(TypeError):
        ferrex.compile("a").search("a", "0")
    with pytest.raises(TypeError):
        ferrex.compile("a", "I")


def test_errors_like_re_error():
    with pytest.raises(ferrex.error) as e:
        ferrex.compile("ab(c")
    err = e.value
    assert isinstance(err, ValueError) and err.pattern == "ab(c" and err.pos == 2
    assert "unclosed group" in err.msg and str(err) == f"{err.msg} at position 2"
    assert "^" in err.detail
    with pytest.raises(ferrex.error) as e:
        ferrex.compile("é(x")
    assert e.value.pos == 1  # characters, not bytes
    with pytest.raises(ferrex.error) as e:
        ferrex.compile("a\nb(")
    assert (e.value.lineno, e.value.colno) == (2, 2)
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(r"(a)\1")
    assert "backreferences" in e.value.msg and "look-around" in e.value.msg
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(r"a(?=b)")
    assert "look-around" in e.value.msg
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(b"\xff(")
    assert e.value.pos == 1
    assert pickle.loads(pickle.dumps(err)).pos == 2


def test_huge_and_hostile_patterns_raise_not_crash():
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(r"\w{1000}{1000}")  # over the NFA size limit
    assert e.value.msg
    with pytest.raises(ferrex.error):
        ferrex.compile("(" * 100000)
    with pytest.raises(ferrex.error):
        ferrex.compile("(" * 500 + "a" + ")" * 500)  # over the nesting limit
    with pytest.raises(ferrex.error):
        ferrex.compile("[z-a]")
    with pytest.raises(ferrex.error):
        ferrex.compile("\ud800")  # a lone surrogate is not UTF-8
    p = ferrex.compile("|".join(f"w{i}x" for i in range(3000)))
    assert p.search("..w2999x..").span() == (2, 8)


def test_pickle_copy_equality():
    p = ferrex.compile(r"(?P<x>a+)", ferrex.I)
    q = pickle.loads(pickle.dumps(p))
    assert q == p and hash(q) == hash(p) and q.flags == p.flags and q.search("xAA").group("x") == "AA"
    assert copy.deepcopy(p) is p
    b = pickle.loads(pickle.dumps(ferrex.compile(rb"\d")))
    assert b.search(b"a1").group() == b"1"


def test_module_helpers():
    assert ferrex.escape("a.b*c") == r"a\.b\*c"
    assert ferrex.search(ferrex.escape("1+1=2?"), "is 1+1=2?").span() == (3, 9)
    assert ferrex.escape(b"a.\xff") == b"a\\.\\xFF"
    assert ferrex.search(ferrex.escape(b"a.\xff"), b"xa.\xff").span() == (1, 4)
    # Lone surrogates are no syntax: kept, as re.escape keeps them (a
    # pattern holding one is then refused by compile, as the README says).
    assert ferrex.escape("é.\ud800*\udfff") == "é\\.\ud800\\*\udfff"
    assert ferrex.lowercase("ÀBÇ") == "àbç" and ferrex.lowercase("ÀB", ascii_only=True) == "Àb"
    assert ferrex.lowercase(b"AB\xff") == b"ab\xff"
    ferrex.purge()


def test_threads_share_a_pattern():
    p = ferrex.compile(r"(\d+)-(\d+)")
    big = "x" * 100_000 + "12-34"  # long enough to release the GIL
    out = []

    def work():
        for _ in range(50):
            out.append(p.search(big).groups())

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [("12", "34")] * 200


def test_large_haystack_iteration_is_linear_enough():
    text = "é" * 200_000 + " ab" * 20_000
    assert len(ferrex.findall(r"ab", text)) == 20_000
    assert [m.start() for m in ferrex.finditer("ab", text)][-1] == len(text) - 2
