"""The per-call cost of RegexSet and PhraseSet on a 16-byte haystack,
beside Pattern.search and re's search in the same run (python/README.md):
best of 7 x 200,000 calls, in ns per call.

Run, after `make python-test` (which builds the venvs):
    for i in cpython pypy; do build/py/$i/bin/python python/bench/setcost.py; done
"""
import re
import sys
import timeit

import ferrex

HAY = "xx 1234 walking "
assert len(HAY) == 16


def best(stmt, g, n=200_000):
    return min(timeit.repeat(stmt, globals=g, number=n, repeat=7)) / n * 1e9


def main():
    rows = []
    for hay in (HAY.encode(), HAY):
        kind = type(hay).__name__
        enc = (lambda s: s.encode()) if isinstance(hay, bytes) else (lambda s: s)
        g = dict(
            h=hay,
            r=re.compile(enc(r"[a-z]+ing")),
            p=ferrex.compile(enc(r"[a-z]+ing")),
            rs=ferrex.RegexSet([enc(r"[a-z]+ing"), enc(r"\d{5}")]),
            ps=ferrex.PhraseSet([enc("walking"), enc("12345")]),
        )
        rows += [
            (f"re Pattern.search ({kind})", best("r.search(h)", g)),
            (f"ferrex Pattern.search ({kind})", best("p.search(h)", g)),
            (f"RegexSet.is_match ({kind})", best("rs.is_match(h)", g)),
            (f"RegexSet.matches ({kind})", best("rs.matches(h)", g)),
            (f"RegexSet.search ({kind})", best("rs.search(h)", g)),
            (f"PhraseSet.is_match ({kind})", best("ps.is_match(h)", g)),
            (f"PhraseSet.search ({kind})", best("ps.search(h)", g)),
            (f"PhraseSet.find_spans ({kind})", best("ps.find_spans(h)", g)),
        ]
    print(f"{sys.implementation.name} {sys.version.split()[0]}, {ferrex.BACKEND}: ns per call, 16-byte haystack")
    for name, ns in rows:
        print(f"  {name:34s} {ns:7.0f}")


if __name__ == "__main__":
    main()
