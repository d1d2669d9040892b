"""What a ferrex.Stream costs beside a one-shot search over the same bytes
(python/README.md, "Streams"): 8 MiB of generated log lines fed in chunks
of 64 KiB and of 4 KiB, against the whole text searched at once by
ferrex (finditer's spans; PhraseSet.find_spans) and by re, in one run.
Best of 5, in MB/s (1e6 bytes); the matches are checked equal first.

Run, after `make python-test` (which builds the venvs):
    for i in cpython pypy; do build/py/$i/bin/python python/bench/streamcost.py; done
"""
import random
import re
import sys
import time

import ferrex

WORDS = [b"alice", b"bob", b"carol", b"login", b"failed", b"error", b"walking", b"timeout", b"retry", b"ok"]


def text(size):
    rng = random.Random(1)
    lines = []
    n = 0
    while n < size:
        line = b"2024-%02d-%02d %s@example.com %s %d\n" % (
            rng.randint(1, 12), rng.randint(1, 28), rng.choice(WORDS), b" ".join(rng.choices(WORDS, k=6)),
            rng.randint(0, 99999))
        lines.append(line)
        n += len(line)
    return b"".join(lines)[:size]


def best(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def streamed(make, data, size):
    def run():
        s = make()
        out = []
        for i in range(0, len(data), size):
            out += s.feed(data[i:i + size])
        return out + s.finish()
    return run


def main():
    data = text(8 << 20)
    mb = len(data) / 1e6
    cases = [
        ("[0-9]{4}-[0-9]{2}-[0-9]{2} (bounded)", rb"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        ("[a-z]+@[a-z]+\\.com (unbounded)", rb"[a-z]+@[a-z]+\.com"),
    ]
    print(f"# {sys.implementation.name} {sys.version.split()[0]}, {ferrex.BACKEND}, {len(data)} bytes")
    print("| search | matches | ferrex one-shot | stream 64 KiB | stream 4 KiB | re one-shot |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, pat in cases:
        p, r = ferrex.compile(pat), re.compile(pat)
        one = lambda: [m.span() for m in p.finditer(data)]  # noqa: E731
        want = one()
        assert streamed(p.stream, data, 1 << 16)() == want == [m.span() for m in r.finditer(data)]
        cols = [best(one), best(streamed(p.stream, data, 1 << 16)), best(streamed(p.stream, data, 4096)),
                best(lambda: [m.span() for m in r.finditer(data)])]
        print(f"| `{name}` | {len(want)} | " + " | ".join(f"{mb / t:.0f} MB/s" for t in cols) + " |")
    ps = ferrex.PhraseSet(WORDS)
    want = ps.find_spans(data)
    assert streamed(ps.stream, data, 1 << 16)() == want
    alt = re.compile(b"|".join(sorted(WORDS, key=len, reverse=True)))
    cols = [best(lambda: ps.find_spans(data)), best(streamed(ps.stream, data, 1 << 16)),
            best(streamed(ps.stream, data, 4096)), best(lambda: [m.span() for m in alt.finditer(data)])]
    print(f"| PhraseSet of {len(WORDS)} words | {len(want)} | " +
          " | ".join(f"{mb / t:.0f} MB/s" for t in cols) + " |")


if __name__ == "__main__":
    main()
