"""re's API call by call beside re: one call each of compile (from the
cache, and anew), the module's search, sub (a template, a function, a
literal), split (with and without groups), findall, finditer, expand,
escape, and search/match with bounds, over a 165-character str with one
non-ASCII character (so encoded: python/README.md) and its bytes. Best of
5 x 20,000 calls (2,000 for a compile), ferrex's and re's in the same run.

A compile anew is the regex crate's (Unicode \\w and \\d: hundreds of
microseconds); re compiles a backtracking program. Both cache compiled
patterns, so only the first use of a pattern pays it.

Run, after `make python-test` (which builds the venvs):
    for i in cpython pypy; do build/py/$i/bin/python python/bench/apicost.py; done
"""
import re
import sys
import timeit

import ferrex

TEXT = "alice=1; bob=22; carol=333; é=4 " * 5
ROWS = [
    ("compile (cached)", "mod.compile(r'(\\w+)=(\\d+)')"),
    ("compile anew", "mod.purge(); mod.compile(r'(\\w+)=(\\d+)')"),
    ("module search", "mod.search(r'(\\w+)=(\\d+)', text)"),
    ("sub template", "p.sub(r'\\2=\\1', text)"),
    ("sub function", "p.sub(lambda m: m.group(2), text)"),
    ("subn literal", "p.subn('x', text)"),
    ("split with groups", "p.split(text)"),
    ("split", "q.split(text)"),
    ("findall with groups", "p.findall(text)"),
    ("finditer, groups()", "[m.groups() for m in p.finditer(text)]"),
    ("expand", "m.expand(r'\\2-\\1')"),
    ("escape", "mod.escape(text)"),
    ("search(pos)", "p.search(text, 40)"),
    ("match(pos, endpos)", "p.match(text, 0, 9)"),
    ("bytes findall", "pb.findall(tb)"),
    ("bytes sub template", "pb.sub(rb'\\2', tb)"),
]


def main():
    print(f"{sys.implementation.name} {sys.version.split()[0]}, ferrex backend: {ferrex.BACKEND}")
    print(f"{'call':22} {'ferrex ns':>10} {'re ns':>10} {'ferrex/re':>10}")
    for name, stmt in ROWS:
        ns = []
        for mod in (ferrex, re):
            p = mod.compile(r"(\w+)=(\d+)")
            g = dict(mod=mod, p=p, q=mod.compile(r"; "), pb=mod.compile(rb"(\w+)=(\d+)"), text=TEXT,
                     tb=TEXT.encode(), m=p.search(TEXT))
            n = 2_000 if "purge" in stmt else 20_000
            ns.append(min(timeit.repeat(stmt, globals=g, number=n, repeat=5)) / n * 1e9)
        print(f"{name:22} {ns[0]:10.0f} {ns[1]:10.0f} {ns[0] / ns[1]:10.2f}")


if __name__ == "__main__":
    main()
