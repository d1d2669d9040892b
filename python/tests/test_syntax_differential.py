"""The pattern translation against re, on random patterns built from the
pieces where the regex crate's syntax and re's part ways (escapes, braces,
classes, comments, verbose mode, scoped flags, groups), seeded so that a
failure repeats. For each pattern: both refuse it, or both take it and
agree on the groups, the names and every match's span, groups and
lastindex (no piece is one python/README.md lists ferrex refusing or
reading otherwise). Where the spans of an iteration differ, the
iteration rule README.md lists (after an empty match) may be the cause:
match and fullmatch must agree then. test_differential.py checks
matching itself; this file, reading."""
import random
import re
import warnings

import pytest

import ferrex

PIECES = [
    "a", "b", "ab", "a b", "\t", "]", "a#b", "*", "+", "?", "*?", "??", "{2}", "{1,}", "{,2}", "{0}", "{,0}",
    "{", "}", "{x}", "{}", "{1, 2}", "{2,1}", "(", ")", "(?:", "|", "^", "[ab]", "[^]a]", "[]a]", "[]-e]", "[a-]",
    "[-a]", "[a-c-e]", "[*+]", "[a-\\w]", "[\\d-z]", "\\*", "\\{", "\\0", "\\07", "\\101", "\\8", "[\\1]",
    "\\x41", "\\x4", "\\u0041", "\\u004", "(?#x)", "(?#*)", "(?i:", "(?x:", "(?-x:", "(?a:", "(?u:", "\\w", "\\d",
    "\\s", "\\b", "\\A", "\\Z", " ", "#c\n", "#a\\\nb\n", "#\\", ".", "à", "(?P<n>", "\\\\", "\n", "[#]", "[ ]",
    "\\ ", "\\#", "(a)", "(?P<g>b)", "1",
]
LEADING = ["", "", "", "(?x)", "(?i)", "(?a)", "(?s)"]
FLAGS = [0, 0, re.VERBOSE, re.IGNORECASE, re.ASCII, re.MULTILINE | re.DOTALL]
HAYSTACKS = ["", "a", "ab", "aab", "AB", "a*b+", "àb 1", "\x00A\x01\x07\n", "b{2}", "aaaa bbb", "a b#c",
             "x{1, 2}]-e", "\x7f\n\x0a \\"]


def outcome(module, pattern, flags):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return module.compile(pattern, flags), None
        except (module.error, ValueError) as e:
            return None, str(e)


def view(compiled, text):
    return [(m.span(), m.groups(), m.lastindex) for m in compiled.finditer(text)]


def span(m):
    return m and m.span()


@pytest.mark.parametrize("seed", range(6))
def test_random_patterns_read_like_re(seed):
    rng = random.Random(seed)
    both = 0
    for _ in range(400):
        pattern = rng.choice(LEADING) + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 6)))
        flags = rng.choice(FLAGS)
        want, re_refusal = outcome(re, pattern, flags)
        got, refusal = outcome(ferrex, pattern, flags)
        if want is None:
            assert got is None, (pattern, flags, re_refusal)
            continue
        assert got is not None, (pattern, flags, refusal)
        both += 1
        assert (got.groups, got.groupindex, got.flags) == (want.groups, want.groupindex, want.flags), (pattern, flags)
        for text in HAYSTACKS:
            if view(got, text) != view(want, text):
                assert [s for s, _, _ in view(got, text)] != [s for s, _, _ in view(want, text)], \
                    (pattern, flags, text, "same spans, other groups")
                assert (span(got.match(text)), span(got.fullmatch(text))) == \
                    (span(want.match(text)), span(want.fullmatch(text))), (pattern, flags, text)
    assert both > 100
