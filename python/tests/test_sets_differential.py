"""RegexSet against re (each pattern alone, and the alternation of all of
them for the leftmost match and iteration), and PhraseSet against a naive
reference written here from the match kinds' definitions (every kind,
overlapping, ASCII and Unicode case folding, empty phrases, pos/endpos),
on random small inputs."""
import random
import re

import pytest

import ferrex
from test_differential import comparable, random_pattern

# ---------------------------------------------------------------------------
# RegexSet vs re

ALPHABET = "abc 1é\n"


def alternation(pats):
    """The patterns as one re alternation, each in a named group _pK so
    that a match tells which pattern it came from; and each pattern's
    (first inner group number, group count) in it."""
    parts, where, n = [], [], 0
    for k, p in enumerate(pats):
        g = re.compile(p).groups
        parts.append(f"(?P<_p{k}>{p})")
        where.append((n + 2, g))
        n += 1 + g
    return "|".join(parts), where


def re_set_view(pats, alt, where, text, flags):
    def one(m):
        k = next(k for k in range(len(pats)) if m.group(f"_p{k}") is not None)
        first, g = where[k]
        return k, m.span(), tuple(m.group(i) for i in range(first, first + g))

    r = re.compile(alt, flags)
    found = r.search(text)
    return [one(m) for m in r.finditer(text)], found and one(found)


def ferrex_set_view(s, text):
    found = s.search(text)
    return [(m.index, m.span(), m.groups()) for m in s.finditer(text)], found and (
        found.index, found.span(), found.groups())


@pytest.mark.parametrize("seed", range(6))
def test_regexset_agrees_with_re(seed):
    rng = random.Random(1000 + seed)
    checked = 0
    for _ in range(80):
        flags = rng.choice([0, 0, re.I, re.M, re.S])
        pats = [random_pattern(rng) for _ in range(rng.randint(1, 4))]
        if any("$" in p for p in pats):
            continue
        try:
            for p in pats:
                re.compile(p, flags)
        except re.error:  # `\b*`: re has nothing to repeat, ferrex accepts it
            continue
        s = ferrex.RegexSet(pats, flags)
        alt, where = alternation(pats)
        for _ in range(4):
            text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
            # Which patterns match: each pattern alone, as re sees it.
            assert s.matches(text) == [k for k, p in enumerate(pats) if re.search(p, text, flags)], (pats, text)
            assert s.is_match(text) == any(re.search(p, text, flags) for p in pats)
            pos, endpos = rng.randint(0, len(text)), rng.randint(0, len(text) + 1)
            # (PyPy's re finds an empty match when pos > endpos; CPython's
            # and ferrex find none.)
            assert s.matches(text, pos, endpos) == [
                k for k, p in enumerate(pats) if pos <= endpos and re.compile(p, flags).search(text, pos, endpos)
            ], (pats, text)
            if "é" not in "".join(pats) and text.isascii():
                bs = ferrex.RegexSet([p.encode() for p in pats], flags)
                assert bs.matches(text.encode()) == [k for k, p in enumerate(pats)
                                                     if re.search(p.encode(), text.encode(), flags)]
            # The leftmost match and iteration: the alternation, in re.
            if not comparable(alt, text, flags):
                continue
            assert ferrex_set_view(s, text) == re_set_view(pats, alt, where, text, flags), (pats, text, flags)
            checked += 1
    assert checked > 100


# ---------------------------------------------------------------------------
# PhraseSet vs a naive reference

# Unicode simple case folding over the test alphabet: the classes of
# characters that fold together (the Kelvin sign with k, final sigma with
# sigma, capital sharp s with sharp s).
FOLD_CLASSES = ["aA", "bB", "éÉ", "σςΣ", "kK\u212a", "ß\u1e9e"]
UFOLD = {c: cls[0] for cls in FOLD_CLASSES for c in cls}
STR_ALPHABET = "abAB éÉkK\u212aσςΣß\u1e9e"
BYTES_ALPHABET = b"abAB \xc3\xa9\xff"


def ascii_lower(u):
    if isinstance(u, int):
        return u + 32 if 65 <= u <= 90 else u
    return chr(ord(u) + 32) if "A" <= u <= "Z" else u


def unit_key(fold):
    if fold == "ascii":
        return ascii_lower
    if fold == "unicode":
        return lambda c: UFOLD.get(c, c)
    return lambda u: u


def byte_len(p):
    return len(p.encode("utf-8")) if isinstance(p, str) else len(p)


class Reference:
    """The match kinds as ferrex.MatchKind and the C header define them,
    by brute force over the units (characters of a str, bytes of a
    bytes)."""

    def __init__(self, phrases, kind, fold):
        self.phrases = phrases
        self.kind = kind
        key = unit_key(fold)
        self.keyed = [[key(u) for u in p] for p in phrases]
        self.key = key

    def occurs(self, text, s, k, end):
        p = self.keyed[k]
        return s + len(p) <= end and all(self.key(text[s + j]) == p[j] for j in range(len(p)))

    def find(self, text, start, end, anchored=False):
        ks = range(len(self.phrases))
        if self.kind == "standard":
            # The match that ends first; at the same end the longest, then
            # the phrase given first.
            for e in range(start, end + 1):
                cands = [(len(self.keyed[k]), -k) for k in ks
                         if e - len(self.keyed[k]) >= start and self.occurs(text, e - len(self.keyed[k]), k, end)
                         and (not anchored or e - len(self.keyed[k]) == start)]
                if cands:
                    n, k = max(cands)
                    return (-k, e - n, e)
            return None
        for s in range(start, (start if anchored else end) + 1):
            cands = [k for k in ks if self.occurs(text, s, k, end)]
            if cands:
                if self.kind == "leftmost-first":
                    k = cands[0]
                else:  # leftmost-longest: the phrase with the most bytes
                    k = min(cands, key=lambda k: (-byte_len(self.phrases[k]), k))
                return (k, s, s + len(self.keyed[k]))
        return None

    def iterate(self, text, start, end):
        """Non-overlapping, with the empty-match rule of Rust's crates: an
        empty match where the previous match ended is skipped."""
        out, pos, last_end = [], start, None
        while pos <= end:
            m = self.find(text, pos, end)
            if m is None:
                break
            if m[1] == m[2] == last_end:
                pos += 1
                continue
            out.append(m)
            pos = last_end = m[2]
        return out

    def overlapping(self, text, start, end):
        return sorted(((k, s, s + len(self.keyed[k])) for s in range(start, end + 1)
                       for k in range(len(self.phrases)) if self.occurs(text, s, k, end)),
                      key=lambda m: (m[2], m[1], m[0]))


def random_phrases(rng, alphabet):
    n = rng.randint(1, 5)
    out = []
    for _ in range(n):
        length = rng.choice([0, 1, 1, 2, 2, 3]) if rng.random() < 0.15 else rng.randint(1, 3)
        out.append(alphabet[:0].join(alphabet[i:i + 1] for i in (rng.randrange(len(alphabet))
                                                                   for _ in range(length))))
    if rng.random() < 0.2:
        out.append(rng.choice(out))  # duplicates are kept
    return out


CONFIGS = [
    # (haystack type, flags, fold)
    (str, 0, None),
    (str, ferrex.IGNORECASE | ferrex.ASCII, "ascii"),
    (str, ferrex.IGNORECASE, "unicode"),
    (bytes, 0, None),
    (bytes, ferrex.IGNORECASE, "ascii"),
]


# Unicode folding needs a leftmost kind (test_sets.py checks the error).
@pytest.mark.parametrize("kind,typ,flags,fold", [
    (kind,) + config for kind in ("standard", "leftmost-first", "leftmost-longest") for config in CONFIGS
    if not (kind == "standard" and config[2] == "unicode")])
@pytest.mark.parametrize("seed", range(3))
def test_phraseset_agrees_with_reference(kind, typ, flags, fold, seed):
    rng = random.Random(f"{kind}{typ.__name__}{flags}{seed}")
    alphabet = STR_ALPHABET if typ is str else BYTES_ALPHABET
    if typ is str and fold != "unicode":
        alphabet = "abAB éÉ"
    for _ in range(40):
        phrases = random_phrases(rng, alphabet)
        s = ferrex.PhraseSet(phrases, flags, kind)
        ref = Reference(phrases, kind, fold)
        for _ in range(5):
            text = alphabet[:0].join(alphabet[i:i + 1] for i in (rng.randrange(len(alphabet))
                                                                 for _ in range(rng.randint(0, 12))))
            n = len(text)
            where = (phrases, text, kind, flags)
            want = ref.iterate(text, 0, n)
            assert s.find_spans(text) == want, where
            assert [(m.index,) + m.span() for m in s.finditer(text)] == want, where
            assert s.findall(text) == [text[a:b] for _k, a, b in want], where
            first = ref.find(text, 0, n)
            got = s.search(text)
            assert (got and (got.index,) + got.span()) == first, where
            assert s.is_match(text) == (first is not None), where
            pos, endpos = rng.randint(0, n), rng.randint(0, n)
            bounded = ref.iterate(text, pos, endpos) if pos <= endpos else []
            assert s.find_spans(text, pos, endpos) == bounded, (where, pos, endpos)
            anchored = ref.find(text, pos, endpos, anchored=True) if pos <= endpos else None
            got = s.match(text, pos, endpos)
            assert (got and (got.index,) + got.span()) == anchored, (where, pos, endpos)
            if kind == "standard":
                assert s.find_spans(text, overlapping=True) == ref.overlapping(text, 0, n), where
                assert [(m.index,) + m.span() for m in s.finditer(text, overlapping=True)] == ref.overlapping(
                    text, 0, n), where
            reps = [alphabet[:0].join([alphabet[k % len(alphabet):k % len(alphabet) + 1]] * (k % 3))
                    for k in range(len(phrases))]
            pieces, last = [], 0
            for k, a, b in want:
                pieces += [text[last:a], reps[k]]
                last = b
            assert s.replace(text, reps) == alphabet[:0].join(pieces) + text[last:], where
