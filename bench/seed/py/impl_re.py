"""python-re: the standard library, used the way a Python programmer would:
a pattern compiled once, `str.lower`.

Counting uses `len(pattern.findall(h))`, not `sum(1 for _ in finditer(h))`:
both count the same matches (the pattern has no capturing group, so findall
returns whole matches), and findall builds no match objects and runs no
generator, so it is the faster idiom (about 10% on the 256-byte row, a tie
at 1 MB, on the machine this was written on).
"""
import re
from itertools import repeat

from fnv import check_hex
from manifest import ManifestError, phrase_lines, read_text
from timing import Op

NAME = "python-re"


def phrase_alternation(phrases):
    """One alternation of the escaped phrases, longest first: re takes the
    first alternative that matches at the leftmost position, so longest
    first gives leftmost-longest (equal lengths never both match at one
    position: the phrases are distinct)."""
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _compile(row, pattern):
    try:
        return re.compile(pattern)
    except re.error as e:
        raise ManifestError(f"{row.name}: Python re cannot compile the pattern: {e}")


def prepare(row):
    if row.kind == "regex-count":
        return _count(_compile(row, read_text(row.need("arg1"))), read_text(row.need("arg2")))
    if row.kind == "phrase-count":
        alternation = phrase_alternation(phrase_lines(read_text(row.need("arg1"))))
        return _count(_compile(row, alternation), read_text(row.need("arg2")))
    if row.kind == "lowercase":
        return _lowercase(read_text(row.need("arg1")))
    if row.kind == "is-match-empty":
        return _is_match_empty(_compile(row, read_text(row.need("arg1"))))
    raise ValueError(f"{row.name}: unknown kind {row.kind}")


def _count(pattern, haystack):
    findall = pattern.findall

    def batch(k):
        for _ in repeat(None, k):
            n = len(findall(haystack))
        return n

    n = batch(1)
    return Op(NAME, str(n), n, batch)


def _lowercase(text):
    lower = text.lower

    def batch(k):
        for _ in repeat(None, k):
            s = lower()
        return s

    out = batch(1)
    return Op(NAME, check_hex(out.encode("utf-8")), out, batch)


def _is_match_empty(pattern):
    search = pattern.search

    def batch(k):
        for _ in repeat(None, k):
            m = search("") is not None
        return m

    m = batch(1)
    return Op(NAME, str(int(m)), m, batch)
