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


@pytest.mark.parametrize("text", ["aa b aa", "aa b aa é " * 300])
def test_sub_arguments_like_re(text):
    # Pattern.sub and subn take positional arguments, a count that is an
    # int >= 0 and a literal (no backslash) or a function in C, and send
    # anything else to the Python method: each way like re's.
    class S(str):
        pass

    for hay in [text, text.encode(), S(text)]:
        lit = (lambda s: s) if isinstance(hay, str) else (lambda s: s.encode())
        pat = lit("a+")
        p, r = ferrex.compile(pat), re.compile(pat)
        for repl in [lit("x"), lit(""), lit("\\n"), lit(r"<\g<0>>"), lambda m: m.group(0)[:1]]:
            if isinstance(hay, S):
                repl = S(repl) if isinstance(repl, str) else repl
            calls = [((repl, hay), {}), ((repl, hay, 1), {}), ((repl, hay, 0), {}), ((repl, hay, -1), {}),
                     ((repl, hay, True), {}), ((repl, hay), {"count": 2}), ((), {"repl": repl, "string": hay})]
            for args, kwargs in calls:
                assert p.sub(*args, **kwargs) == r.sub(*args, **kwargs), (repl, args, kwargs)
                assert p.subn(*args, **kwargs) == r.subn(*args, **kwargs), (repl, args, kwargs)
        for bad in [(), (lit("x"),), (lit("x"), hay, "1"), (lit("x"), hay, 2**70), (1, hay), (lit("\\9"), hay)]:
            with pytest.raises(Exception) as ours:
                p.sub(*bad)
            with pytest.raises(Exception) as theirs:
                r.sub(*bad)
            assert isinstance(ours.value, type(theirs.value)) or (
                type(theirs.value).__name__ == "error" and isinstance(ours.value, ferrex.error)), bad


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


class IntWithIndex(int):
    """An int whose own __index__ disagrees with its value: re (and
    operator.index) read the value."""

    def __index__(self):
        return 0


class BadIndex:
    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value


@pytest.mark.parametrize("hay", ["bxbb", "bxbbé", b"bxbb", bytearray(b"bxbb")])
def test_bounds_are_read_as_operator_index_reads_them(hay):
    pat = "b+" if isinstance(hay, str) else b"b+"
    assert ferrex.compile(pat).search(hay, IntWithIndex(2)).span() == re.compile(pat).search(hay, 2).span() == (2, 4)
    assert ferrex.compile(pat).search(hay, BadIndex(2)).span() == (2, 4)
    with pytest.raises(TypeError, match="non-int"):
        ferrex.compile(pat).search(hay, BadIndex(1.5))
    with pytest.raises(TypeError):
        ferrex.compile(pat).search(hay, BadIndex("x"))
    # Not an integer at all, though equal to 0: refused, as re refuses it.
    for zero in (0.0, 0j):
        with pytest.raises(TypeError):
            ferrex.compile(pat).search(hay, zero)
        with pytest.raises(TypeError):
            re.compile(pat).search(hay, zero)


def test_count_and_maxsplit_are_read_as_operator_index_reads_them():
    assert ferrex.sub("b+", "X", "bbxbbxbb", IntWithIndex(1)) == re.sub("b+", "X", "bbxbbxbb", count=1) == "Xxbbxbb"
    assert ferrex.split("x", "axbxc", IntWithIndex(1)) == ["a", "bxc"]


def test_an_exception_from_index_reaches_the_caller_once():
    calls = []

    class Interrupting:
        def __index__(self):
            calls.append(1)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ferrex.compile("b").search("abc", Interrupting())
    assert len(calls) == 1


@pytest.mark.parametrize("pat, hay", [("a", "abca"), (b"a", b"abca"), ("(a)", "abca"), ("a*", "abca")])
def test_pos_after_endpos_finds_nothing(pat, hay):
    p = ferrex.compile(pat)
    for pos, endpos in [(3, 1), (9, 2)]:
        # re agrees where no match can be empty (its findall reports one
        # empty match for `a*` here, though its search finds none).
        assert p.findall(hay, pos, endpos) == []
        if pat != "a*":
            assert re.compile(pat).findall(hay, pos, endpos) == []
        assert list(p.finditer(hay, pos, endpos)) == []
        assert p.search(hay, pos, endpos) is None


def test_a_non_contiguous_buffer_is_refused_with_type_error():
    strided = memoryview(b"abcabc")[::2]
    p = ferrex.compile(b"c")
    for call in (lambda: p.search(strided), lambda: p.findall(strided), lambda: list(p.finditer(strided)),
                 lambda: p.sub(b"X", strided), lambda: p.split(strided), lambda: p.fullmatch(strided),
                 lambda: ferrex.RegexSet([b"c"]).search(strided), lambda: ferrex.PhraseSet([b"c"]).findall(strided)):
        with pytest.raises(TypeError, match="non-contiguous"):
            call()
    # The bytes of it search as expected.
    assert p.findall(bytes(strided)) == [b"c"]


@pytest.mark.parametrize("call", ["finditer", "findall", "split", "search", "sub"])
def test_a_haystack_of_the_wrong_type_is_named(call):
    p = ferrex.compile("a")
    args = ("X", 1) if call == "sub" else (1,)
    with pytest.raises(TypeError, match="expected string or bytes-like object, got 'int'"):
        r = getattr(p, call)(*args)
        list(r) if call == "finditer" else r


def test_match_is_read_only_and_not_picklable_on_every_backend():
    import pickle
    m = ferrex.compile(r"\d+").search("ab 42")
    for name in ("string", "re", "pos", "endpos"):
        with pytest.raises(AttributeError):
            setattr(m, name, "zz 99")
        with pytest.raises(AttributeError):
            delattr(m, name)
    assert m.group() == "42"
    with pytest.raises(TypeError, match="pickle"):
        pickle.dumps(m)
    s = ferrex.RegexSet([r"\d+"]).search("ab 42")
    with pytest.raises(AttributeError):
        s.index = 3
    assert s.index == 0
    with pytest.raises(TypeError, match="pickle"):
        pickle.dumps(s)


@pytest.mark.parametrize("call", ["search", "match"])
def test_argument_errors_name_the_method_called(call):
    for obj in (ferrex.compile("a"), ferrex.RegexSet(["a"]) if call == "search" else ferrex.compile(b"a")):
        hay = "a" if obj.__class__ is ferrex.RegexSet or isinstance(obj.pattern, str) else b"a"
        with pytest.raises(TypeError) as info:
            getattr(obj, call)(hay, foo=1)
        assert f"{call}()" in str(info.value) and "_slow" not in str(info.value)
        with pytest.raises(TypeError) as info:
            getattr(obj, call)(hay, 0, 1, 2)
        assert f"{call}()" in str(info.value) and "_slow" not in str(info.value)


def test_span_group_start_end_like_re_for_every_kind_of_argument():
    # A group by int or name is answered in C on CPython; everything else
    # (bools, huge ints, no such group, keywords, a haystack that is not
    # exact str or bytes) by the Python methods.
    class S(str):
        pass

    def answers(m, args, kwargs):
        out = []
        for name in ("span", "start", "end", "group"):
            try:
                out.append(getattr(m, name)(*args, **kwargs))
            except Exception as e:  # the same exception type as re's
                out.append(type(e))
        return out

    for hay in ["ab 12 cd", S("ab 12 cd"), b"ab 12 cd", bytearray(b"ab 12 cd")]:
        pat = r"(?P<n>\d)(\d)?" if isinstance(hay, str) else rb"(?P<n>\d)(\d)?"
        fm, rm = ferrex.compile(pat).search(hay), re.compile(pat).search(hay)
        for args, kwargs in [((), {}), ((0,), {}), ((1,), {}), (("n",), {}), ((True,), {}), ((False,), {}),
                             ((2 ** 70,), {}), ((-1,), {}), ((3,), {})]:
            assert answers(fm, args, kwargs) == answers(rm, args, kwargs), (hay, args, kwargs)
        # A keyword (re refuses it: its group is positional-only) reaches
        # the Python method, which takes it.
        assert (fm.span(group=0), fm.start(group=1), fm.end(group="n")) == ((3, 5), 3, 4)
    m = ferrex.search("b", "ab")
    assert type(m.group()) is str and m.group() == "b" and m.span() == (1, 2) and (m.start(), m.end()) == (1, 2)


def test_the_match_api_like_re_for_groups_names_and_defaults():
    # groups(), groupdict(), group() of several groups, m[g], lastindex and
    # lastgroup (the first answer works the close order out in Python, the
    # next ones come from C), over every kind of haystack, with groups that
    # took no part.
    class S(str):
        pass

    def answers(m):
        out = []
        for f in [lambda: m.groups(), lambda: m.groups("-"), lambda: m.groups(default=0), lambda: m.groupdict(),
                  lambda: m.groupdict("-"), lambda: m.groupdict(default=None), lambda: m.group(1, "b", 0, 3),
                  lambda: m.group("a", "a"), lambda: m.group(1, 9), lambda: m.group("a", "zz"), lambda: m["b"],
                  lambda: m[3], lambda: m[4], lambda: m["zz"], lambda: m.span("b"), lambda: m.start(3),
                  lambda: m.end("a"), lambda: (m.lastindex, m.lastgroup), lambda: (m.lastindex, m.lastgroup),
                  lambda: m.regs, lambda: m.groups(1, 2), lambda: m.groupdict(x=1)]:
            try:
                out.append(f())
            except Exception as e:  # the same exception type as re's
                out.append(type(e))
        return out

    pats = [r"(?P<a>\d+)(?P<b>x)?(\s)?", r"(?P<a>\d)|(?P<b>[a-z])(y)?", r"((?P<a>\d)(?P<b>\d))(\d)?"]
    for pat in pats:
        for text in ["ab 12 cd", "q 7x cd", "9", "é 12x €"]:
            for hay in [text, S(text), text.encode(), bytearray(text.encode())]:
                p = pat if isinstance(hay, str) else pat.encode()
                fm, rm = ferrex.compile(p).search(hay), re.compile(p).search(hay)
                assert (fm is None) == (rm is None)
                if fm is not None:
                    assert answers(fm) == answers(rm), (pat, hay)
                    assert answers(fm) == answers(rm), (pat, hay)  # the close order known now
    # A set's match: its pattern's groups.
    s = ferrex.RegexSet([r"(?P<x>\d)(\d)?", r"(?P<w>[a-z]+)"])
    for text in ["ab", "7", "78"]:
        fm = s.search(text)
        rm = re.compile(s.patterns[fm.index]).search(text)
        assert answers(fm) == answers(rm), text


@pytest.mark.parametrize("text", ["xa7 b12 " * 3, "xa7 b12 é " * 700])
def test_many_groups_like_re(text):
    # More groups than the C paths keep on the stack (32): their spans go
    # to the heap, a match at a time (short) or a batch at a time (long).
    pat = "|".join(f"(a{i})" for i in range(40)) + r"|(b)(1)(2)"
    p, r = ferrex.compile(pat), re.compile(pat)
    assert p.findall(text) == r.findall(text)
    assert [(m.span(), m.groups(), m.lastindex) for m in p.finditer(text)] == [
        (m.span(), m.groups(), m.lastindex) for m in r.finditer(text)]
    assert p.search(text, 3).groups() == r.search(text, 3).groups()


@pytest.mark.parametrize("text", ["k=1 k2 =3 x=", "k=1 k2 =3 x= é=5 " * 400])
def test_sub_and_split_with_groups_like_re(text):
    # Templates with group references, functions and split with groups run
    # in C over exact str and bytes (short texts a search a match, long
    # ones a batch at a time): each like re's, and like the Python path's
    # (a str subclass) where re cannot be asked.
    class S(str):
        pass

    for hay in [text, text.encode()]:
        pat = r"(\w)(\d)?=(\d)?" if isinstance(hay, str) else rb"(\w)(\d)?=(\d)?"
        p, r = ferrex.compile(pat), re.compile(pat)
        lit = (lambda s: s) if isinstance(hay, str) else (lambda s: s.encode())
        for repl in [lit(r"<\1|\2|\3>"), lit(r"\g<0>\g<0>"), lit(r"\3\n\t"), lit("")]:
            for count in [0, 1, 5]:
                assert p.subn(repl, hay, count) == r.subn(repl, hay, count), (repl, count)
        for maxsplit in [0, 1, 3]:
            assert p.split(hay, maxsplit) == r.split(hay, maxsplit)
        funcs = [lambda m: m.group(1) * 2, lambda m: None, lambda m: m.group(3) or m.group(1)]
        if isinstance(hay, bytes):
            funcs += [lambda m: bytearray(m.group(1)), lambda m: memoryview(m.group(0))]
        for f in funcs:
            assert p.subn(f, hay, 4) == r.subn(f, hay, 4)
            assert p.sub(f, hay) == r.sub(f, hay)
    # A function's errors and exceptions reach the caller as on the Python
    # path; a function may search again.
    p = ferrex.compile(r"\d")
    for bad in [lambda m: 1, lambda m: b"x"]:
        with pytest.raises(TypeError) as fast:
            p.sub(bad, text)
        with pytest.raises(TypeError) as slow:
            p.sub(bad, S(text))
        assert str(fast.value) == str(slow.value)

    def boom(m):
        raise KeyError("boom")

    with pytest.raises(KeyError):
        p.sub(boom, text)
    assert p.sub(lambda m: p.sub("#", m.group()), text) == re.sub(r"\d", "#", text)
