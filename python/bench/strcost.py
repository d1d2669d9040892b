"""Non-ASCII str haystacks beside re in the same run: findall, finditer,
sub and search(pos) over the first 200,000 characters of rebar's
opensubtitles en-sampled.txt (English with a few hundred non-ASCII
characters, as most real English text has: the str is not ASCII), and
ru-sampled.txt and zh-sampled.txt (Russian, Chinese). ferrex searches UTF-8,
so such a str is encoded once a call and byte offsets are mapped to
characters (_strhay.h). Best of 5 rounds, interleaved, in ms; every result
is checked equal to re's first.

search(pos) is 200 searches from evenly spaced offsets: each call encodes
the str from pos - 1 to endpos, so its cost grows with what lies after pos,
where re's grows with the distance to the match.

Run, after `make python-test` (which builds the venvs):
    build/py/cpython/bin/python python/bench/strcost.py
"""
import os
import re
import sys
import time

import ferrex

HERE = os.path.dirname(os.path.abspath(__file__))
HAYSTACKS = os.path.join(HERE, "..", "..", "..", "shared", "bench", "rebar", "haystacks", "opensubtitles")
CASES = [
    ("en", r"\w+"),
    ("en", r"(\w+)\s+(\w+)"),
    ("en", r"\w*"),
    ("en", r"Holmes|Watson"),
    ("ru", r"\w+"),
    ("ru", r"\b\w{7}\b"),
    ("ru", r"Шерлок|Холмс"),
    ("zh", r"[\u4e00-\u9fff]+"),
    ("zh", r"\d+"),
]
OPS = {
    "findall": lambda r, s: r.findall(s),
    "finditer": lambda r, s: [m.span() for m in r.finditer(s)],
    "sub": lambda r, s: r.sub("-", s),
    "search(pos)": lambda r, s: [(m and m.span()) for m in (r.search(s, i) for i in range(0, len(s), len(s) // 200))],
}


def best_ms(f, rounds):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def main():
    texts = {}
    for name in sorted({name for name, _ in CASES}):
        with open(os.path.join(HAYSTACKS, f"{name}-sampled.txt"), encoding="utf-8", errors="replace") as f:
            texts[name] = f.read()[:200_000]
        assert not texts[name].isascii()
    print(f"{sys.implementation.name} {sys.version.split()[0]}, ferrex backend: {ferrex.BACKEND}")
    print(f"{'text':4} {'pattern':18} {'call':12} {'results':>8} {'ferrex ms':>10} {'re ms':>8} {'ferrex/re':>10}")
    for name, pat in CASES:
        s = texts[name]
        fx, rx = ferrex.compile(pat), re.compile(pat)
        for op, f in OPS.items():
            want = f(rx, s)
            assert f(fx, s) == want, (name, pat, op)
            best = {"ferrex": float("inf"), "re": float("inf")}
            for _ in range(5):
                for engine, r in (("ferrex", fx), ("re", rx)):
                    best[engine] = min(best[engine], best_ms(lambda: f(r, s), 1))
            print(f"{name:4} {pat:18} {op:12} {len(want):8} {best['ferrex']:10.2f} {best['re']:8.2f}"
                  f" {best['ferrex'] / best['re']:10.2f}")


if __name__ == "__main__":
    main()
