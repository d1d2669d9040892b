#!/usr/bin/env python3
"""The rebar runner for Python engines: reads ONE benchmark as KLV on stdin
(rebar's docs/KLV.md), runs its model with the engine named on the command
line, and prints one `nanoseconds,count` line per sample, as
bench/engines/core/main.c does for the other languages.

    runner.py --engine python/NAME < benchmark.klv   (NAME: see ENGINES below)
    runner.py --engine python/NAME --version

Models (rebar's `count`, plus the project's own, bench/definitions/seed and
bench/definitions/python):
    is-match       one call: does the regex match?           count 1 or 0
    find           one call: the leftmost-first match        count 1 or 0
    count          all non-overlapping matches               count = matches
                   (several patterns: leftmost-first over all of them, as
                   rebar means it; the phrase engines, pyahocorasick,
                   ahocorasick-rs and ferrex/phrases, read them as literals)
    lowercase      the haystack lowercased (Unicode)         count = FNV-1a 32 of its UTF-8
    call           the cheapest call into the engine's native library
                   (the haystack and patterns are unused)    count 0

Timing differs from rebar's in one way: a sample is a batch of k calls of
the same operation, timed once and reported as the time per call, with k
doubled until a batch takes BATCH_NS or more. Python's clock costs ~50 ns
a read, as much as a 16-byte search, so timing calls one by one (as rebar
does) would measure the clock. The loop around the calls (~10 ns a call)
is the same for every engine. Otherwise as main.c: warm-up up to
max-warmup-iters / max-warmup-time, then samples up to max-iters /
max-time, at least one; everything is prepared outside the timing.

Exit status: 0 with samples; 2 with "unsupported: REASON" on stderr when
the engine cannot run this model (the driver records it as skipped); 1 on
an error.
"""
import sys
import time
from itertools import repeat

import ferrex_bindings
import peers
from op import Unsupported

ENGINES = {**peers.ENGINES, **ferrex_bindings.ENGINES}
BATCH_NS = 20_000
MAX_BATCH = 1 << 20


def read_klv(data):
    """KLV bytes -> dict of key -> value (bytes); `pattern` -> list."""
    out, i = {"pattern": []}, 0
    while i < len(data):
        colon = data.index(b":", i)
        key = data[i:colon].decode()
        colon2 = data.index(b":", colon + 1)
        n = int(data[colon + 1:colon2])
        value = data[colon2 + 1:colon2 + 1 + n]
        if data[colon2 + 1 + n:colon2 + 2 + n] != b"\n":
            raise ValueError(f"KLV item {key!r} is not followed by a newline")
        i = colon2 + 2 + n
        if key == "pattern":
            out["pattern"].append(value.decode())
        else:
            out[key] = value
    return out


def batch_fn(op):
    """A function running `op`'s call k times in a plain loop, returning
    the last result: the call is written out for its number of arguments,
    so no *args unpacking is timed."""
    fn, args = op.fn, op.args
    src = "def batch(k):\n    for _ in repeat(None, k):\n        r = fn({})\n    return r\n".format(
        ", ".join(f"a{i}" for i in range(len(args))))
    env = {"repeat": repeat, "fn": fn, **{f"a{i}": a for i, a in enumerate(args)}}
    exec(src, env)
    return env["batch"]


def measure(op, b):
    clock = time.perf_counter_ns
    batch = batch_fn(op)
    # Warm-up, which also finds k.
    k, start, iters = 1, clock(), 0
    while True:
        t0 = clock()
        batch(k)
        took = clock() - t0
        iters += k
        if took < BATCH_NS and k < MAX_BATCH:
            k *= 2
        elif iters >= b["max-warmup-iters"] or clock() - start >= b["max-warmup-time"]:
            break
    samples, start = [], clock()
    for _ in range(max(1, b["max-iters"])):
        t0 = clock()
        r = batch(k)
        took = clock() - t0
        samples.append((took / k, op.count_of(r)))
        if clock() - start >= b["max-time"]:
            break
    return samples


def main(argv):
    name = argv[argv.index("--engine") + 1] if "--engine" in argv[:-1] else ""
    if name.removeprefix("python/") not in ENGINES:
        print(f"usage: runner.py --engine python/NAME [--version]; NAME: {', '.join(ENGINES)}", file=sys.stderr)
        return 1
    engine = ENGINES[name.removeprefix("python/")]
    if "--version" in argv:
        print(engine.version())
        return 0
    klv = read_klv(sys.stdin.buffer.read())
    model = klv.get("model", b"").decode()
    b = {k: int(klv.get(k, b"0")) for k in ("max-iters", "max-warmup-iters", "max-time", "max-warmup-time")}
    try:
        if klv.get("case-insensitive") == b"true":
            raise Unsupported("case-insensitive benchmarks are not implemented by this runner")
        op = engine.prepare(model, klv["pattern"], klv.get("haystack", b""))
    except Unsupported as e:
        print(f"unsupported: {e}", file=sys.stderr)
        return 2
    samples = measure(op, b)
    sys.stdout.write("".join(f"{round(ns)},{count}\n" for ns, count in samples))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
