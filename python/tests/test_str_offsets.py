"""A str that is not ASCII: the C paths search its UTF-8 encoding (from the
character before pos) and turn the byte offsets back into characters.
Each result must be the one the pure-Python path gives, which a str
subclass takes (the C paths read exact str only), and re's where both
engines read the pattern the same way."""
import platform
import random
import re

import pytest

import ferrex
from test_differential import comparable


class Str(str):
    """Not an exact str: every call takes the pure-Python path."""


# One, two, three and four UTF-8 bytes, and a lone surrogate (three bytes
# as "surrogatepass" writes it; ferrex matches nothing on it).
ALPHABET = ["a", "b", " ", "\n", "1", "é", "ж", "€", "\U0001f600", "_"]
SURROGATE = "\ud800"
ATOMS = ["a", "b", ".", r"\w", r"\W", r"\s", r"\d", "[aé]", "[^a]", "(a|é)", "(ж+)", r"\b", r"\B", "€",
         "(?:\U0001f600)"]
QUANTS = ["", "", "*", "+", "?", "{1,2}"]


def random_pattern(rng):
    pat = "".join(rng.choice(ATOMS) + rng.choice(QUANTS) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.2:
        pat = rng.choice(["^", "(?m)^", r"\A"]) + pat
    if rng.random() < 0.2:
        pat += "|" + rng.choice(ATOMS)
    return pat


def random_text(rng, n):
    text = "".join(rng.choice(ALPHABET) for _ in range(n))
    if rng.random() < 0.2:
        at = rng.randint(0, len(text))
        text = text[:at] + SURROGATE + text[at:]
    return text


# PyPy's re gives a finditer match the offset its search began at as pos.
RE_ITER_POS = platform.python_implementation() == "CPython"


def view(p, text, pos, endpos, iter_pos=True):
    """What the fast paths answer, as plain values."""
    spans = lambda m: m and (m.span(), m.groups(), m.pos, m.endpos)  # noqa: E731
    iter_spans = spans if iter_pos else lambda m: (m.span(), m.groups(), m.endpos)  # noqa: E731
    return (
        spans(p.search(text, pos, endpos)),
        spans(p.match(text, pos, endpos)),
        # Twice: the first call compiles fullmatch's regex (the Python
        # path), the next ones search in C.
        spans(p.fullmatch(text, pos, endpos)),
        spans(p.fullmatch(text, pos, endpos)),
        [iter_spans(m) for m in p.finditer(text, pos, endpos)],
        p.findall(text, pos, endpos),
        p.sub("<\\g<0>>", text),
        p.split(text),
        p.subn("-", text),
        p.subn("", text, 2),
        p.split(text, 1),
        p.subn(lambda m: m.group()[::-1] if m.start() % 2 else None, text, 3),
        p.sub(lambda m: "(%s)" % (m.groups(),), text),
        p.subn("[\\g<0>|\\g<0>]", text, 2),
    )


def comparable_with_re(pat, text):
    # test_differential's rule (no empty match right after an empty one at
    # the same offset: the module doc's one difference), and no lone
    # surrogate, which re reads and ferrex matches nothing on.
    return SURROGATE not in text and comparable(pat, text, 0)


@pytest.mark.parametrize("seed", range(6))
def test_random_non_ascii_strs_agree_with_the_python_path_and_re(seed):
    rng = random.Random(seed)
    checked = 0
    for _ in range(120):
        pat = random_pattern(rng)
        try:
            p = ferrex.compile(pat)
        except ferrex.error:
            continue
        for _ in range(3):
            text = random_text(rng, rng.randint(0, 14))
            if text.isascii():
                text += "é"
            pos = rng.choice([0, 0, 1, 2, rng.randint(-2, len(text) + 2)])
            endpos = rng.choice([99, 99, len(text) - 1, rng.randint(-1, len(text) + 2)])
            fast = view(p, text, pos, endpos)
            slow = view(p, Str(text), pos, endpos)
            assert fast == slow, (pat, text, pos, endpos)
            # re answers match() with pos past endpos, and \B over nothing,
            # in ways of its own: compared where the bounds hold a text.
            bounded = 0 <= pos < min(endpos, len(text))
            if bounded and comparable_with_re(pat, text) and comparable_with_re(pat, text[:endpos]):
                r = re.compile(pat)
                assert view(p, text, pos, endpos, RE_ITER_POS) == view(r, text, pos, endpos, RE_ITER_POS), (
                    pat, text, pos, endpos)
            checked += 1
    assert checked > 250


EMPTY_CAPABLE = ["", "x*", r"\w*", r"\b", r"\B", "é?", "(?m)^", "(?m)$", r"\s*|ж", "(?:a|€)*"]


@pytest.mark.parametrize("seed", range(4))
def test_long_texts_with_empty_matches_agree_in_batches(seed):
    # Over 4,096 bytes the C paths take a regex that can match empty a
    # batch of the library's matches at a time, adding the empty match re
    # reports right after a non-empty one, and dropping the empty matches
    # the library finds inside a lone surrogate's bytes.
    rng = random.Random(seed)
    pats = EMPTY_CAPABLE + ["(?:" + random_pattern(rng) + ")?" for _ in range(8)]
    for pat in pats:
        try:
            p = ferrex.compile(pat)
        except ferrex.error:  # a random one may repeat an assertion
            continue
        text = random_text(rng, rng.randint(2200, 3000))
        if rng.random() < 0.5:
            for _ in range(3):
                at = rng.randint(0, len(text))
                text = text[:at] + SURROGATE + text[at:]
        for pos, endpos in [(0, None), (rng.randint(1, 50), rng.randint(2150, 2200))]:
            end = len(text) if endpos is None else endpos
            assert view(p, text, pos, end) == view(p, Str(text), pos, end), (pat, pos, endpos)
            assert p.subn("-", text, 700) == p.subn("-", Str(text), 700), pat
            assert p.split(text, 900) == p.split(Str(text), 900), pat
            if comparable_with_re(pat, text):
                r = re.compile(pat)
                assert [m.span() for m in p.finditer(text, pos, end)] == [
                    m.span() for m in r.finditer(text, pos, end)], (pat, pos, endpos)
                assert p.findall(text, pos, end) == r.findall(text, pos, end), pat
                assert p.subn("-", text, 700) == r.subn("-", text, 700), pat


@pytest.mark.parametrize("pat", [b"", b"x*", rb"\w*", rb"\b", b"(?m)^", b"[\x80-\xff]*", b"\xe9?"])
def test_long_bytes_with_empty_matches_agree_with_re(pat):
    # Bytes step one byte after an empty match, in re and in the library.
    rng = random.Random(pat)
    text = bytes(rng.choice(b"ab \n1_\x80\xe9\xff") for _ in range(9000))
    p, r = ferrex.compile(pat), re.compile(pat)
    for pos, endpos in [(0, 9000), (3, 8000)]:
        assert [m.span() for m in p.finditer(text, pos, endpos)] == [m.span() for m in r.finditer(text, pos, endpos)]
        assert p.findall(text, pos, endpos) == r.findall(text, pos, endpos)
    assert p.subn(b"-", text, 3000) == r.subn(b"-", text, 3000)
    assert p.split(text, 2000) == r.split(text, 2000)


def test_look_behind_sees_the_character_before_pos():
    # Encoded from pos - 1: \b and ^ know what precedes pos, as in re.
    for pat, text, pos in [(r"\bb", "éb", 1), (r"\Bb", "éb", 1), (r"\bb", "€b", 1), ("(?m)^b", "é\nb", 2),
                           ("^b", "éb", 1), (r"\b\w", "\U0001f600ж", 1), (r"\w\b", "жж", 1)]:
        got = ferrex.compile(pat).search(text, pos)
        want = re.compile(pat).search(text, pos)
        assert (got and got.span()) == (want and want.span()), (pat, text, pos)


def test_empty_matches_step_over_whole_characters():
    for text in ["é\U0001f600€ж", "a" + SURROGATE + "b", "\U0001f600" * 3]:
        for pat in ["", "x*", r"\b", r"\B"]:
            p = ferrex.compile(pat)
            assert [m.span() for m in p.finditer(text)] == [m.span() for m in p.finditer(Str(text))]
            assert p.findall(text, 1) == p.findall(Str(text), 1)
    assert [m.span() for m in ferrex.finditer("", "é\U0001f600")] == [(0, 0), (1, 1), (2, 2)]


@pytest.mark.parametrize("pat", [r"\w+", r"(\w)(\w+)", r"\w*", "ж|€", r"\b", "é"])
def test_long_non_ascii_strs_found_in_batches_agree(pat):
    # Longer than the span over which the C paths fetch matches in batches
    # with the GIL released, with pos and endpos inside multi-byte runs.
    rng = random.Random(pat)
    text = "".join(rng.choice(ALPHABET) for _ in range(6000))
    p = ferrex.compile(pat)
    for pos, endpos in [(0, 6000), (1, 9999), (777, 5555), (3001, 3000)]:
        assert view(p, text, pos, endpos) == view(p, Str(text), pos, endpos), (pos, endpos)
        if pos <= endpos:  # past endpos, PyPy's re finds an empty match where CPython's finds none
            assert view(p, text, pos, endpos, RE_ITER_POS) == view(re.compile(pat), text, pos, endpos,
                                                                   RE_ITER_POS), (pos, endpos)


def test_regex_set_search_on_a_non_ascii_str():
    s = ferrex.RegexSet(["ж+", r"\d+"])
    for text in ["éé жж 12", "€" * 5000 + "ж", "\U0001f6001", SURROGATE + "2"]:
        m, slow = s.search(text), s.search(Str(text))
        assert (m.index, m.span(), m.group()) == (slow.index, slow.span(), slow.group())


def test_fast_paths_keep_no_utf8_copy_in_the_str():
    # The encoding is the call's own: a non-ASCII str is not made to carry
    # a UTF-8 copy for its lifetime (sys.getsizeof would grow).
    import sys

    if not ferrex.BACKEND.startswith("C extension"):
        pytest.skip("the C extension's paths (PyPy has no sys.getsizeof)")
    text = "ж" * 10000
    before = sys.getsizeof(text)
    p = ferrex.compile("ж+")
    assert p.search(text, 5).span() == (5, 10000)
    assert p.findall(text) == [text]
    assert [m.span() for m in p.finditer(text, 1)] == [(1, 10000)]
    assert sys.getsizeof(text) == before


def test_a_lexer_loop_over_a_long_str_tokenizes_like_re():
    # match(text, pos) from each token's end, as lexers call it; the str's
    # encoding is kept from the first call for the next ones.
    text = "déjà vu, €5 — naïve café \U0001f600 x2\n" * 300
    spec = r"(?P<word>\w+)|(?P<num>€?\d+)|(?P<space>\s+)|(?P<other>.)"

    def tokens(p, text):
        pos, out = 0, []
        while pos < len(text):
            m = p.match(text, pos)
            out.append((m.lastgroup, m.span(), m.group()))
            pos = m.end()
        return out

    want = tokens(re.compile(spec), text)
    assert tokens(ferrex.compile(spec), text) == want
    assert len(want) > 4000


def test_searches_anywhere_in_kept_strs_agree_with_the_python_path():
    # Bounds in any order over two long strs taking turns (the kept one
    # changing hands), each answer the pure-Python path's.
    rng = random.Random(7)
    texts = ["".join(rng.choice(ALPHABET) for _ in range(3000)) + SURROGATE + "ab é", "ж€" * 1700]
    p = ferrex.compile(r"(\w+)\s|€ж|b\b")
    for _ in range(300):
        text = rng.choice(texts)
        pos = rng.randint(-1, len(text) + 1)
        endpos = rng.choice([len(text), rng.randint(pos, len(text) + 1)])
        for call in (p.search, p.match):
            m, slow = call(text, pos, endpos), call(Str(text), pos, endpos)
            assert (m and (m.regs, m.pos, m.endpos)) == (slow and (slow.regs, slow.pos, slow.endpos)), (pos, endpos)


def test_the_kept_str_is_let_go_when_another_takes_its_place_and_on_purge():
    import sys

    if not ferrex.BACKEND.startswith("C extension"):
        pytest.skip("the C extension keeps the encoding (PyPy has no sys.getrefcount counts to compare)")
    a, b = "é" * 5000, "ж" * 5000
    base_a, base_b = sys.getrefcount(a), sys.getrefcount(b)
    p = ferrex.compile("x")
    p.search(a)
    assert sys.getrefcount(a) == base_a + 1  # kept for the next call on it
    p.search(b)
    assert (sys.getrefcount(a), sys.getrefcount(b)) == (base_a, base_b + 1)
    ferrex.purge()
    assert sys.getrefcount(b) == base_b


@pytest.mark.parametrize("n", [1, 63, 64, 128, 129])
def test_bounds_at_the_end_of_a_kept_str(n):
    text = "é" * n
    for pat in ["", r"\B", "é*", r"\b"]:
        p = ferrex.compile(pat)
        p.search(text)  # keeps the encoding: the calls below read it
        for pos in (0, n - 1, n):
            for endpos in (n - 1, n):
                assert view(p, text, pos, endpos) == view(p, Str(text), pos, endpos), (pat, pos, endpos)


def test_sets_with_bounds_on_a_kept_str_agree_with_re():
    # RegexSet and PhraseSet read a non-ASCII str through the kept encoding
    # too, each call's pos found from the last one's, forward or back. The
    # phrases overlap nowhere: every set's answer is the alternation's.
    text = "жé " * 2000 + "Шерлок Холмс \U0001f600"
    words = ["Холмс", "é ж", "\U0001f600"]
    alternation = re.compile("|".join(words))
    sets = [ferrex.PhraseSet(words), ferrex.RegexSet(words)]
    rng = random.Random(3)
    for _ in range(200):
        pos = rng.randint(0, len(text))
        endpos = rng.randint(pos, len(text))
        want = [(words.index(m.group()), m.span()) for m in alternation.finditer(text, pos, endpos)]
        for s in sets:
            m = s.search(text, pos, endpos)
            assert (m and (m.index, m.span())) == (want[0] if want else None), (pos, endpos)
        assert [(i, (a, b)) for i, a, b in sets[0].find_spans(text, pos, endpos)] == want
        assert [(m.index, m.span()) for m in sets[0].finditer(text, pos, endpos)] == want
