"""The cost of a Match's methods beside re's, and of the tokenizer recipe
of re's documentation (a finditer over named alternatives reading
lastgroup, group() and start() of each token), which spends most of its
time in them.

Per call: a match of (?P<y>\\d{4})-(?P<m>\\d\\d)-(\\d\\d) in a 51-character
str, best of 5 x 200,000 calls, ferrex's and re's in the same run. The
tokenizer: 74,000 tokens of a small program text repeated, best of 5
rounds, interleaved; its tokens are checked equal to re's first.

Run, after `make python-test` (which builds the venvs):
    for i in cpython pypy; do build/py/$i/bin/python python/bench/matchcost.py; done
"""
import re
import sys
import time
import timeit

import ferrex

CALLS = ["m.group(1)", "m[1]", "m.group('y')", "m.group(1, 2)", "m.groups()", "m.groupdict()", "m.span(2)",
         "m.lastindex", "m.lastgroup"]

SPEC = [("NUMBER", r"\d+(\.\d*)?"), ("ASSIGN", r":="), ("END", r";"), ("ID", r"[A-Za-z]+"),
        ("OP", r"[+\-*/]"), ("NEWLINE", r"\n"), ("SKIP", r"[ \t]+"), ("MISMATCH", r".")]
TOKEN = "|".join("(?P<%s>%s)" % pair for pair in SPEC)
PROGRAM = """IF quantity THEN
    total := total + price * quantity;
    tax := price * 0.05;
ENDIF;
""" * 2000


def per_call(mod, stmt):
    m = mod.compile(r"(?P<y>\d{4})-(?P<m>\d\d)-(\d\d)").search("on 2024-05-06 ok " * 3)
    return min(timeit.repeat(stmt, globals={"m": m}, number=200_000, repeat=5)) / 200_000 * 1e9


def tokens(mod):
    out = []
    for mo in mod.compile(TOKEN).finditer(PROGRAM):
        kind = mo.lastgroup
        value = mo.group()
        if kind == "NUMBER":
            value = float(value) if "." in value else int(value)
        out.append((kind, value, mo.start()))
    return out


def main():
    print(f"{sys.implementation.name} {sys.version.split()[0]}, ferrex backend: {ferrex.BACKEND}")
    print(f"{'call':16} {'ferrex ns':>9} {'re ns':>8} {'ferrex/re':>10}")
    for stmt in CALLS:
        f, r = per_call(ferrex, stmt), per_call(re, stmt)
        print(f"{stmt:16} {f:9.0f} {r:8.0f} {f / r:10.2f}")
    want = tokens(re)
    assert tokens(ferrex) == want
    best = {ferrex: 1e9, re: 1e9}
    for _ in range(5):
        for mod in (ferrex, re):
            t = time.perf_counter()
            tokens(mod)
            best[mod] = min(best[mod], time.perf_counter() - t)
    print(f"tokenizer recipe, {len(want)} tokens: ferrex {best[ferrex] * 1e3:.1f} ms, re {best[re] * 1e3:.1f} ms "
          f"({best[ferrex] / best[re]:.2f}x)")


if __name__ == "__main__":
    main()
