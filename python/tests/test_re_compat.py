"""Pattern syntax read as re reads it where the regex crate reads it
otherwise (quantifiers, comments, octal escapes, inline flags, verbose
classes), refusals that name what ferrex cannot do, and results of exact
str/bytes for subclasses. Compared with the running re (3.11 on CPython,
3.9 on PyPy) where re has an answer."""
import pickle
import re
import sys
import warnings

import pytest

import ferrex


def re_error(pattern, flags=0):
    """re's (msg, pos) for a pattern it refuses, or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            re.compile(pattern, flags)
        except re.error as e:
            return e.msg, e.pos
    return None


def spans(compiled, text):
    return [m.span() for m in compiled.finditer(text)]


# -- quantifiers -------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    r"a?+", r"e*+e", r"x{1,2}+", r"a++b", r"(ab)*+", r"[ab]{2,}+", r"\w{3}+", b"a?+",
])
def test_possessive_quantifiers_are_refused(pattern):
    # re 3.11 reads them as possessive (re.findall(r'a?+', 'aab') is
    # ['a', 'a', '', '']); ferrex took them as a repetition of a repetition
    # (['aa', '', '']). A DFA cannot give up backtracking: refused.
    with pytest.raises(ferrex.error, match="possessive quantifiers") as e:
        ferrex.compile(pattern)
    assert e.value.pos == pattern.rindex("+" if isinstance(pattern, str) else b"+")
    if sys.version_info >= (3, 11):
        assert re_error(pattern) is None


@pytest.mark.parametrize("pattern", [
    r"x**", r"x+*", r"x*?*", r"x*??", r"x{2}{3}", r"x*{2}", r"x?{1,}", r"(a)+*", b"x**",
    r"x{,}*", r"[*]*?+",
])
def test_multiple_repeat_like_re(pattern):
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(pattern)
    assert (e.value.msg, e.value.pos) == re_error(pattern) == ("multiple repeat", e.value.pos)


@pytest.mark.parametrize("pattern", [
    r"*", r"+a", r"?", r"^*", r"$+", r"(*)", r"(?:+)", r"a|*", r"(a|?)", r"\b?", r"\B*", r"\A*",
    r"\Z+", r"(?i)*", r"{2}", r"(?#c)*", b"^*", b"\\b+",
])
def test_nothing_to_repeat_like_re(pattern):
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(pattern)
    assert (e.value.msg, e.value.pos) == re_error(pattern)
    assert e.value.msg == "nothing to repeat"


@pytest.mark.parametrize("pattern, flags", [
    ("a* +", re.VERBOSE),       # re's lazy `?` and possessive `+` come right after
    ("a* ?", re.VERBOSE),
    ("a*#c\n?", re.VERBOSE),
    ("a*(?#c)?", 0),
    ("a*(?#c)*", 0),
])
def test_quantifier_after_space_or_comment_is_a_multiple_repeat(pattern, flags):
    with pytest.raises(ferrex.error, match="multiple repeat") as e:
        ferrex.compile(pattern, flags)
    assert (e.value.msg, e.value.pos) == re_error(pattern, flags)


@pytest.mark.parametrize("pattern, flags", [
    (r"[*+]+", 0), (r"\*+", 0), (r"\++?", 0), (r"x+?", 0), (r"x+?b??", 0), (r"x{2}?", 0),
    (r"x{1,}?x", 0), ("a# **\n+", re.VERBOSE), (r"[**]+ # ++", re.VERBOSE), (r"(?#**)a+", 0),
    (r"a(?#c)*", 0), (r"(?x) a + b +? # c**", 0), (r"(a)+", 0), (r"[?]+", 0),
    (r"\?+", 0), (r"a(?i:b)*", 0), (r"[]*]+", 0), (r"[^]*]+", 0), (r"\x41+\101*", 0),
])
def test_quantifiers_re_takes_are_taken(pattern, flags):
    text = "aab ** ++ ?? xxx ]] bbbx AA"
    want = spans(re.compile(pattern, flags), text)
    assert spans(ferrex.compile(pattern, flags), text) == want
    assert spans(ferrex.compile(pattern.encode(), flags), text.encode()) == want


def test_the_audits_quantifier_examples():
    with pytest.raises(ferrex.error, match="possessive"):
        ferrex.findall(r"a?+", "aab")
    with pytest.raises(ferrex.error, match="possessive"):
        ferrex.match(r"e*+e", "eeee")
    with pytest.raises(ferrex.error, match="possessive"):
        ferrex.fullmatch(r"x{1,2}+", "xxx")


# -- refusals that name the construct -----------------------------------------

@pytest.mark.parametrize("pattern, words, pos", [
    (r"(?>ab)c", "atomic groups", 0),
    (r"a(?>b|bc)", "atomic groups", 1),
    (r"(a)(?(1)b|c)", "conditional groups", 3),
    (r"(?P<n>a)(?(n)b)", "conditional groups", 8),
    (r"(?P<n>a)(?P=n)", "named backreferences", 8),
    (b"(?P<n>a)(?P=n)", "named backreferences", 8),
])
def test_unsupported_constructs_are_named(pattern, words, pos):
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(pattern)
    assert e.value.msg.startswith(words + " ") and "unrecognized flag" not in str(e.value)
    assert e.value.pos == pos
    if "backreference" in words or "conditional" in words:
        assert "linear time" in e.value.msg  # as the plain backreference's error says


@pytest.mark.parametrize("pattern", [
    r"a(?#comment)b", r"(?#c)a", r"a(?#)b", r"a(?#x\))b", r"a(?#\\)b", r"a(?#(a)b", r"(?#c)(?i)A",
    r"[(?#x)]+", r"a(?#c)+", r"a(?#c)|b", r"(?x) a (?# c ) b", r"a(?#c)(?#d){2}",
])
def test_comment_groups_like_re(pattern):
    text = "ab a b AA aab (?#x) #x) x"
    want = re.compile(pattern)
    got = ferrex.compile(pattern)
    assert spans(got, text) == spans(want, text)
    assert got.groups == want.groups and got.flags == want.flags


@pytest.mark.parametrize("pattern", ["ab(?#no end", r"ab(?#x\)", "(?#"])
def test_unterminated_comment_like_re(pattern):
    # An escaped ")" does not end a comment (re reads the pattern's escapes first).
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(pattern)
    assert (e.value.msg, e.value.pos) == re_error(pattern)
    assert e.value.msg == "missing ), unterminated comment"


def test_lastindex_skips_parentheses_in_comments():
    pattern = "(?#()((a))"
    assert ferrex.match(pattern, "a").lastindex == re.match(pattern, "a").lastindex == 1


# Every character 0-255 (as a str, and as bytes), so that each escape can
# only match its own.
ALL_STR = "".join(map(chr, range(256))) + "a1!"
ALL_BYTES = bytes(range(256)) + b"a1!"


@pytest.mark.parametrize("pattern", [
    r"\0", r"\00", r"\000", r"\0000", r"\07", r"\08", r"\012", r"\0123", r"\101", r"\1011",
    r"\141", r"\177", r"\377", r"\200", r"\101\102", r"[\1]", r"[\41]", r"[\141]", r"[\0]",
    r"[\7-\12]", r"[\1011]", r"[^\0-\176]", r"\061\062\0063", r"(a)\102",
])
@pytest.mark.parametrize("kind", ["str", "bytes"])
def test_octal_escapes_like_re(pattern, kind):
    flags = re.IGNORECASE if "101" in pattern else 0
    if kind == "bytes":
        p, text = pattern.encode(), ALL_BYTES
    else:
        p, text = pattern, ALL_STR
    assert ferrex.findall(p, text, flags) == re.findall(p, text, flags)


@pytest.mark.parametrize("pattern", [r"\400", r"\777", r"[\400]", r"a[\5000]", b"\\400"])
def test_octal_escapes_out_of_range_like_re(pattern):
    with pytest.raises(ferrex.error) as e:
        ferrex.compile(pattern)
    assert (e.value.msg, e.value.pos) == re_error(pattern)
    assert e.value.msg.startswith("octal escape value")


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(a)\18", r"(a)\19", r"(a)\8", r"(a)\91", b"(a)\\1"])
def test_backreferences_stay_refused(pattern):
    with pytest.raises(ferrex.error, match="backreferences are not supported"):
        ferrex.compile(pattern)


# -- inline flags -------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    "(?i)a", "(?x)a b", "(?s).", "(?m)^a", "(?a)\\w", "(?u)\\w", "(?im)a", "(?i)(?x) a",
    "(?x) (?i)a", "(?#c)(?s)a", "(?ix)a # c", "(?i:a)", "(?i)a(?x:b)", "a|(?i:b)",
    b"(?i)a", b"(?a)\\w", b"(?s)(?m).", b"(?x) a",
])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.VERBOSE | re.MULTILINE])
def test_inline_global_flags_in_flags_and_repr_like_re(pattern, flags):
    got = ferrex.compile(pattern, flags)
    want = re.compile(pattern, flags)
    assert got.flags == want.flags
    assert repr(got) == repr(want).replace("re.", "ferrex.")
    assert pickle.loads(pickle.dumps(got)) == got == ferrex.Pattern(got)


def test_flags_set_after_the_start_are_not_global():
    # re 3.11 refuses them; the regex crate's syntax takes them, to the end
    # of the group: they are not the pattern's flags.
    assert ferrex.compile("a(?i)b").flags == ferrex.UNICODE
    assert ferrex.compile("(?:(?i)a)").flags == ferrex.UNICODE
    assert ferrex.compile("a|(?i)b").flags == ferrex.UNICODE
    assert ferrex.compile("a(?a)\\w").flags == ferrex.UNICODE


@pytest.mark.parametrize("pattern, text", [
    ("(?a)\\w+", "àé ab"), ("(?a)\\d", "٣3"), ("(?a)\\s", "\u2003 "), ("(?a)\\bab", "éab ab"),
    ("(?a)[\\w]+", "àab"), ("(?u)\\w+", "àé ab"), ("(?a)(?i)k", "\u212a"),
])
def test_ascii_and_unicode_inline_flags_match_like_re(pattern, text):
    got = ferrex.compile(pattern)
    want = re.compile(pattern)
    assert got.flags == want.flags
    if "(?i)k" in pattern:  # the documented difference: folding stays Unicode's
        return
    assert [m.span() for m in got.finditer(text)] == [m.span() for m in want.finditer(text)]


@pytest.mark.parametrize("pattern, flags", [
    ("(?u)a", re.ASCII), ("(?a)a", re.UNICODE), ("(?a)(?u)a", 0),
])
def test_ascii_with_unicode_is_a_value_error_like_re(pattern, flags):
    with pytest.raises(ValueError, match="ASCII and UNICODE flags are incompatible"):
        re.compile(pattern, flags)
    with pytest.raises(ValueError, match="ASCII and UNICODE flags are incompatible"):
        ferrex.compile(pattern, flags)


@pytest.mark.parametrize("pattern, words", [
    ("(?L)a", "'L' flag"), (b"(?L)a", "'L' flag"), ("(?iL:a)", "'L' flag"),
    (b"(?u)a", "cannot use 'u' flag with a bytes pattern"), (b"(?u:a)", "cannot use 'u' flag"),
    ("(?au)a", "flags 'a', 'u' and 'L' are incompatible"), ("(?-a:a)", "cannot turn off flags"),
])
def test_bad_inline_type_flags_are_refused(pattern, words):
    with pytest.raises(ferrex.error, match=re.escape(words)) as e:
        ferrex.compile(pattern)
    assert "unrecognized flag" not in e.value.detail
    if not (isinstance(pattern, bytes) and b"L" in pattern):
        assert re_error(pattern) is not None  # re refuses them too (bytes (?L) is re.LOCALE: refused here)


# Scoped (?a:...) and (?u:...) are honoured. (re's search() may answer
# otherwise: it skips ahead by the global flags' classes, so
# re.search(r'(?u:\w)', 'à', re.ASCII) is None while re.match matches;
# match and fullmatch are compared here.)
@pytest.mark.parametrize("pattern, flags", [
    (r"(?u:\w)", re.ASCII), (r"(?u:\w)\w", re.ASCII), (r"\w(?u:\w)", re.ASCII), (r"(?u:\b)à", re.ASCII),
    (r"(?u:[\w])+", re.ASCII), (r"(?u:\d)", re.ASCII), (r"(?u:\s)", re.ASCII), (r"(?u:\W)", re.ASCII),
    (r"(?a:\w)", 0), (r"(?a:\w)\w", 0), (r"(?a:[\w\d])", 0), (r"(?a:\b)", 0), (r"(?a:(?u:\w)\w)", 0),
    (r"(?a:\w(?u:\w))", 0), (r"(?u:(?a:\w)\w)", re.ASCII), (r"(?ia:\w)", 0), (r"(?a:\S)+", 0),
    (r"(?a:\w)|\w", 0), (r"((?a:\w))\w", 0),
])
@pytest.mark.parametrize("text", ["à", "àà", "àa", "aà", "aa", "٣", "\u2003", " à", "é9"])
def test_scoped_ascii_and_unicode_flags_like_re(pattern, flags, text):
    p = ferrex.compile(pattern, flags)
    r = re.compile(pattern, flags)
    for call in ("match", "fullmatch"):
        got, want = getattr(p, call)(text), getattr(r, call)(text)
        assert (got and got.span()) == (want and want.span()), call


def test_scoped_ascii_flag_in_bytes_patterns():
    assert ferrex.compile(b"(?a:\\w)+").findall(b"ab\xe0") == re.findall(b"(?a:\\w)+", b"ab\xe0") == [b"ab"]


# -- verbose mode ----------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    "[ a]", "[#]", "[ #]+", "a [ ] b", "[^ ]+", "[a - z]+", "(?x:[ ])", "(?-x:[ ]) ", "a\u2003b",
    "a\u00a0b", "[\u2003]",
])
def test_verbose_mode_keeps_space_and_hash_in_classes_like_re(pattern):
    text = "a b #x ab a\u2003b a\u00a0b"
    want = re.compile(pattern, re.VERBOSE)
    assert spans(ferrex.compile(pattern, re.VERBOSE), text) == spans(want, text)


def test_verbose_bytes_class():
    assert ferrex.findall(b"[ \xa0#]", b"a b\xa0#", re.VERBOSE) == re.findall(b"[ \xa0#]", b"a b\xa0#", re.VERBOSE)


# -- str and bytes subclasses ----------------------------------------------------

class Str(str):
    def __getitem__(self, key):
        raise AssertionError("the subclass's __getitem__ was called")

    def __len__(self):
        raise AssertionError("the subclass's __len__ was called")

    def isascii(self):
        raise AssertionError("the subclass's isascii was called")

    def encode(self, *args):
        raise AssertionError("the subclass's encode was called")


class Bytes(bytes):
    def __getitem__(self, key):
        raise AssertionError("the subclass's __getitem__ was called")


def exact(value):
    """value, with each str or bytes in it checked to be exactly str or bytes."""
    if isinstance(value, (list, tuple)):
        for v in value:
            exact(v)
    elif isinstance(value, dict):
        exact(list(value.values()))
    elif value is not None and type(value) is not int:
        assert type(value) in (str, bytes), type(value)
    return value


@pytest.mark.parametrize("text", [Str("ab12 cd3 éf4"), Str("ab12 cd3 ef4"), Bytes(b"ab12 cd3 ef4")],
                         ids=["str", "ascii-str", "bytes"])
def test_subclass_haystacks_give_exact_str_and_bytes_like_re(text):
    plain = str.__getitem__(text, slice(None)) if isinstance(text, str) else bytes(text)
    conv = (lambda s: s) if isinstance(text, str) else (lambda s: s.encode())
    for pat in (r"[a-zé]+(\d)", r"(?P<w>[a-zé]+)(?P<d>\d)", r"[a-zé]+", r"\d"):
        p, r = ferrex.compile(conv(pat)), re.compile(conv(pat))
        m, n = p.search(text), r.search(plain)
        assert exact(m.group()) == n.group() and exact(m[0]) == n[0]
        assert exact(m.groups()) == n.groups() and exact(m.groupdict()) == n.groupdict()
        assert m.string is text  # as re's: the haystack given
        assert exact(p.findall(text)) == r.findall(plain)
        assert exact(p.split(text)) == r.split(plain)
        assert exact(p.sub(conv("<\\g<0>>"), text)) == r.sub(conv("<\\g<0>>"), plain)
        assert exact(p.subn(lambda m: m.group(), text)) == r.subn(lambda m: m.group(), plain)
        assert exact(m.expand(conv("[\\g<0>]"))) == n.expand(conv("[\\g<0>]"))
        assert [exact(x.group()) for x in p.finditer(text, 1, 9)] == [x.group() for x in r.finditer(plain, 1, 9)]
        f = p.fullmatch(text, 0, 3)
        assert (f and exact(f.group())) == (r.fullmatch(plain, 0, 3) and r.fullmatch(plain, 0, 3).group())


# -- eager argument checks ----------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda mod: mod.finditer("a", 42),
    lambda mod: mod.finditer("a", b"a"),
    lambda mod: mod.finditer(b"a", "a"),
    lambda mod: mod.compile("a").finditer(None),
    lambda mod: mod.compile("a").finditer("é", pos="x"),
    lambda mod: mod.compile("a").finditer("a", 0, 1.5),
    lambda mod: mod.compile(b"a").finditer(bytearray(b"a"), endpos="x"),
])
def test_finditer_checks_its_arguments_when_called_like_re(call):
    with pytest.raises(TypeError):
        call(re)
    with pytest.raises(TypeError):
        call(ferrex)  # not at the first next()


# -- braces, class ranges, verbose comments, groups repeated 0 times ------------

@pytest.mark.parametrize("pattern, text", [
    ("{name}", "a {name} b"), ("x{", "ax{"), ("a{x}", "a{x}"), ("{", "{"), ("{}", "a{}"), ("a{1, 2}", "aa a{1, 2}"),
    ("a{ 1,2}", "a{ 1,2}"), ("a{1,2", "aa{1,2"), ("x{,3}", "xxxxx"), ("x{,}y", "xxy"), ("x{,0}y", "xy"),
    (r"{(\w+)}-{(\w+)}", "{a}-{bc}"), (b"{(\\w+)}", b"{ab}"), ("[]-e]+", "]^_ab f"), ("[^]-e]+", "]^_af"),
    ("[]-]+", "a]-]"), ("[a-c-e]+", "b-e"), ("(a){0}b", "ab"), ("(?P<n>a){0,0}b", "ab"), ("(a)(b){0}", "ab"),
    ("((a)(b)){,0}c", "abc"), ("(?i:(a)){0}?b", "ab"), ("(a)(?#c){00}b", "ab"), ("(a){0}(b)", "ab"),
])
def test_braces_ranges_and_groups_repeated_zero_times_like_re(pattern, text):
    got, want = ferrex.compile(pattern), re.compile(pattern)
    assert (got.groups, got.groupindex) == (want.groups, want.groupindex)
    assert [(m.span(), m.groups(), m.lastindex) for m in got.finditer(text)] == \
        [(m.span(), m.groups(), m.lastindex) for m in want.finditer(text)]


@pytest.mark.parametrize("pattern, text", [
    ("a # comment \\\nb", "ab"), ("a #\\\n\\\nb\nc", "abc ac"), ("a # (x)\\\n(b)\n(c)", "abc ac"),
    ("(?x:(a)#c\\\n)\n)(b)", "ab"), ("a{1, 2} # {", "a{1,2} aa"), ("[]-e ]+ # x", "]a f"),
])
def test_verbose_comments_go_on_after_an_escaped_newline_like_re(pattern, text):
    got, want = ferrex.compile(pattern, ferrex.VERBOSE), re.compile(pattern, re.VERBOSE)
    assert got.groups == want.groups
    assert [(m.span(), m.groups(), m.lastindex) for m in got.finditer(text)] == \
        [(m.span(), m.groups(), m.lastindex) for m in want.finditer(text)]


@pytest.mark.parametrize("pattern, flags", [
    (r"\x4(?#)1", 0), (r"\u00(?#)41", 0), ("\\x4 1", re.VERBOSE), (r"[\x4]", 0), (r"\xg", 0), (r"\u12", 0),
    (r"\U0001F60", 0), (b"\\x4", 0),
    (r"[#-\W]", re.ASCII), (r"[#-\W]", 0), (r"[\w-a]", 0), (r"[a-\d]", re.ASCII), (r"x[\s-\S]", 0),
    (b"[a-\\w]", 0), ("a#\\", re.VERBOSE),
])
def test_incomplete_hex_escapes_class_escape_ranges_and_a_trailing_backslash_are_refused_like_re(pattern, flags):
    with pytest.raises(ferrex.error) as caught:
        ferrex.compile(pattern, flags)
    assert (caught.value.msg, caught.value.pos) == re_error(pattern, flags)


def test_lastindex_follows_scoped_verbose_comments():
    # The close order comes from the translation's scan, which knows where
    # a scoped (?x:) makes "#" start a comment (with a ")" and "(" in it).
    for pattern, text in [("(?x:(a)#)(\n)(b)", "ab"), ("((?x:a#(\n)(b))", "ab"),
                          ("(a)(?x:#(\n(b))", "ab")]:
        got, want = ferrex.search(pattern, text), re.search(pattern, text)
        assert (got.span(), got.groups(), got.lastindex) == (want.span(), want.groups(), want.lastindex)


# -- what python/README.md lists as remaining differences ------------------------

def test_python_readme_differences_from_re_hold():
    # python/README.md, "More differences from re": if these change, it must.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        for pattern, text in [("[0-9--1]", "1"), ("[a-z&&[^x]]", "&]"), ("[a-c~~b]", "~"), ("[[a]b]", "[b]")]:
            got = ferrex.search(pattern, text)
            assert re.search(pattern, text).span() != (got and got.span())
    assert ferrex.fullmatch("[0-9--1]+", "0234") and not ferrex.search("[0-9--1]", "1")
    assert ferrex.fullmatch("[[a]b]+", "ab")
    for pattern in [r"\N{EM DASH}", r"[\b]"]:
        assert re.compile(pattern)
        with pytest.raises(ferrex.error):
            ferrex.compile(pattern)
    assert ferrex.search(r"a\>", "ab a").span() == (3, 4) and re.search(r"a\>", "a>").span() == (0, 2)
    assert ferrex.search(r"\<a", "ba a").span() == (3, 4) and re.search(r"\<a", "<a").span() == (0, 2)
    assert ferrex.search(r"\b{start}a", "ba a").span() == (3, 4) and re.search(r"\b{start}", "a{start}").span() == (1, 8)
    assert ferrex.search(r"\B", "").span() == (0, 0)
    for pattern, text, span in [(r"\pL+", "1ab", (1, 3)), (r"\x{41}", "xA", (1, 2)), (r"a\z", "aa", (1, 2)),
                                ("(?U)a+", "aa", (0, 1))]:
        assert ferrex.search(pattern, text).span() == span
        if pattern != r"a\z" or sys.version_info < (3, 14):  # re 3.14 reads \z
            with pytest.raises(re.error):
                re.compile(pattern)
    assert ferrex.search("[a[:digit:]]", "5").span() == (0, 1) and re.search("[a[:digit:]]", "5") is None
    if sys.version_info < (3, 14):
        assert re.search(r"\B", "") is None
    assert ferrex.compile("a(?i)b").flags == ferrex.UNICODE and ferrex.fullmatch("a(?i)b", "aB")
    assert repr(ferrex.compile("a", ferrex.IGNORECASE)) == "ferrex.compile('a', ferrex.IGNORECASE)"
    assert repr(ferrex.IGNORECASE) == "<RegexFlag.IGNORECASE: 2>" and repr(re.IGNORECASE) == "re.IGNORECASE"


def test_regexset_patterns_with_their_own_ascii_flag_search_like_alone():
    # A str set's flags imply UNICODE; a pattern's own (?a) must not clash
    # with it when the set compiles that pattern alone (SetMatch.re,
    # search, finditer).
    s = ferrex.RegexSet([r"(?a)\w+", r"\d"])
    assert s.matches("é1") == [0, 1]
    m = s.search("é ab")
    assert (m.index, m.span()) == (0, (2, 4))  # ASCII \w skips the é
    assert [(m.index, m.span()) for m in s.finditer("éa 1")] == [(0, (1, 2)), (0, (3, 4))]  # \w+ first
    assert s.pattern(0).flags & ferrex.ASCII


def test_regexset_names_the_pattern_the_translation_refuses():
    with pytest.raises(ferrex.error) as info:
        ferrex.RegexSet(["a", "b*+"])
    assert info.value.index == 1 and "possessive" in str(info.value)
    with pytest.raises(ferrex.error) as info:
        ferrex.RegexSet([rb"x", rb"\477"])
    assert info.value.index == 1


@pytest.mark.parametrize("pattern, text", [
    ("\\é", "xé"), ("[\\é]", "xé"), ("[\\<]", "a<"), ("[\\>]", "a>"), ("[0-\\>]", "a>"), ("[\\<\\>]+", "x<>y"),
])
def test_escapes_re_reads_as_the_character(pattern, text):
    # re: an escaped non-ASCII character is that character, and `\<`,
    # `\>` in a class are `<`, `>` (the regex crate refused them).
    for p, t in ((pattern, text), (pattern.encode("utf-8"), text.encode("utf-8"))):
        if isinstance(p, bytes) and not p.isascii():
            continue  # re's bytes escape of a non-ASCII byte: covered by the bytes tests
        want = re.search(p, t)
        got = ferrex.search(p, t)
        assert (got and got.span()) == (want and want.span()), (p, t)


def test_reprs_are_cut_as_re_cuts_them():
    p = "a" * 300
    assert repr(ferrex.compile(p)) == repr(re.compile(p)).replace("re.", "ferrex.", 1)
    m, want = ferrex.search("a+", "a" * 100), re.search("a+", "a" * 100)
    assert repr(m) == repr(want).replace("<re.", "<ferrex.", 1)


@pytest.mark.parametrize("pattern", [r"a|[^\d\D]|", r"[^\d\D]|a|", r"(?:a|[^\s\S])|"])
def test_a_never_matching_alternative_keeps_empty_matches_like_re(pattern):
    # The bounds the library reads off the syntax are unknown when a part
    # can never match: the C extension took that for "never empty" and
    # dropped the empty match after "a" in findall.
    for text in ("a", "ab", "", "ba"):
        assert ferrex.findall(pattern, text) == re.findall(pattern, text), (pattern, text)
        assert ferrex.sub(pattern, "-", text) == re.sub(pattern, "-", text), (pattern, text)
