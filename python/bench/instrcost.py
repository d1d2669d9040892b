"""Instructions a call, ferrex beside re, counted by valgrind's callgrind:
what each call costs where a shared machine's timings (callcost.sh,
apicost.py) move by 10-30% from run to run. Each row runs its statement
N and 2N times in a child process (the loop in a function, so no global
lookups) and reports (cost(2N) - cost(N)) / N: the start-up cancels.
Instructions are not time (re's loops run more of them a nanosecond than
ferrex's DFAs), so compare a row before and after a change, or ferrex's
and re's only roughly.

Run, after `make python-test` (which builds the venv):
    build/py/cpython/bin/python python/bench/instrcost.py [FILTER]
Needs valgrind (apt-get install valgrind).
"""
import os
import re
import shutil
import subprocess
import sys

SHORT = "walking 1234 xx y"
TEXT = "the walking man is talking and singing a song while 12 birds sing along"
# (name, setup, statement): `mod` is ferrex or re.
ROWS = [
    ("match (str, 17 chars)", "p = mod.compile('[a-z]+ing'); s = SHORT", "p.match(s)"),
    ("search (str, 17 chars)", "p = mod.compile('[a-z]+ing'); s = SHORT", "p.search(s)"),
    ("search (bytes, 17)", "p = mod.compile(b'[a-z]+ing'); s = SHORT.encode()", "p.search(s)"),
    ("search + group(1)", "p = mod.compile(r'(\\w+)=(\\d+)'); s = 'key=12345 name=foo'", "p.search(s).group(1)"),
    ("sub literal (70 chars, 5 matches)", "p = mod.compile('[a-z]+ing'); s = TEXT", "p.sub('x', s)"),
    ("sub function", "p = mod.compile('[a-z]+ing'); s = TEXT; f = lambda m: m.group(0)[:2]", "p.sub(f, s)"),
    ("sub template (group)", "p = mod.compile('[a-z]+ing'); s = TEXT", "p.sub(r'<\\g<0>>', s)"),
    ("sub template (escape)", "p = mod.compile('[a-z]+ing'); s = TEXT", "p.sub(r'\\n', s)"),
    ("findall", "p = mod.compile('[a-z]+ing'); s = TEXT", "p.findall(s)"),
    ("finditer", "p = mod.compile('[a-z]+ing'); s = TEXT", "list(p.finditer(s))"),
    ("split", "p = mod.compile('[a-z]+ing'); s = TEXT", "p.split(s)"),
]

CHILD = """
import sys, re, ferrex
SHORT, TEXT = {short!r}, {text!r}
mod = {mod}
{setup}
def run(n):
    for _ in range(n):
        {stmt}
run(int(sys.argv[1]))
"""


def instructions(code, n):
    r = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code, str(n)],
        capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if m is None:
        raise SystemExit("instrcost: no count from callgrind:\n" + r.stderr[-2000:])
    return int(m.group(1))


def per_call(mod, setup, stmt, n=5000):
    code = CHILD.format(short=SHORT, text=TEXT, mod=mod, setup=setup, stmt=stmt)
    return (instructions(code, 2 * n) - instructions(code, n)) / n


def main():
    if shutil.which("valgrind") is None:
        raise SystemExit("instrcost: needs valgrind (apt-get install valgrind)")
    import ferrex

    want = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"{sys.implementation.name} {sys.version.split()[0]}, ferrex {ferrex.__version__} ({ferrex.BACKEND}); "
          f"instructions a call (callgrind)")
    print(f"{'call':36s} {'ferrex':>9s} {'re':>9s} {'ferrex/re':>9s}")
    for name, setup, stmt in ROWS:
        if want not in name:
            continue
        ours, theirs = per_call("ferrex", setup, stmt), per_call("re", setup, stmt)
        print(f"{name:36s} {ours:9,.0f} {theirs:9,.0f} {ours / theirs:9.2f}", flush=True)


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)) or ".")
    main()
