"""The cost of finditer a match, Match objects made and dropped, for regexes
with and without groups over 400 KB of English (the first 400,000
characters of rebar's opensubtitles en-sampled.txt, non-ASCII replaced so
that the str is read in place), beside re's in the same run: best of 5
rounds, interleaved, in ns per match. Every match's group spans are checked
equal to re's first.

Run, after `make python-test` (which builds the venvs):
    for i in cpython pypy; do build/py/$i/bin/python python/bench/itercost.py; done
"""
import os
import re
import sys
import time

import ferrex

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = os.path.join(HERE, "..", "..", "..", "shared", "bench", "rebar", "haystacks", "opensubtitles",
                    "en-sampled.txt")
PATTERNS = [r"\w+", r"(\w+)\s+(\w+)", r"(\w)(\w)?", r"([A-Z])[a-z]+", r"(?P<a>the)\s+(?P<b>\w+)"]


def per_match(regex, text):
    t = time.perf_counter()
    n = 0
    for _ in regex.finditer(text):
        n += 1
    return time.perf_counter() - t, n


def main():
    with open(TEXT, encoding="utf-8", errors="replace") as f:
        text = f.read().encode("ascii", "replace").decode()[:400_000]
    print(f"{sys.implementation.name} {sys.version.split()[0]}, ferrex backend: {ferrex.BACKEND}")
    print(f"{'pattern':28} {'matches':>8} {'ferrex ns':>10} {'re ns':>8} {'ferrex/re':>10}")
    for pat in PATTERNS:
        fx, rx = ferrex.compile(pat), re.compile(pat)
        want = [m.regs for m in rx.finditer(text)]
        assert [m.regs for m in fx.finditer(text)] == want, pat
        best = {"ferrex": float("inf"), "re": float("inf")}
        for _ in range(5):
            for name, r in (("ferrex", fx), ("re", rx)):
                dt, n = per_match(r, text)
                best[name] = min(best[name], dt / n * 1e9)
        print(f"{pat:28} {len(want):8} {best['ferrex']:10.0f} {best['re']:8.0f} {best['ferrex'] / best['re']:10.2f}")


if __name__ == "__main__":
    main()
