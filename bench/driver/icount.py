#!/usr/bin/env python3
"""Instructions per iteration of two rebar runners, side by side, under
callgrind: a measure the noise of a shared machine cannot move.

    python3 bench/driver/icount.py --defs DIR [--bench-dir DIR] [--filter REGEX]
        [--jobs 2] [--max-ns 60e6] [--min-iters 2] [--out FILE.csv]
        [--runner NAME=PATH] [--runner NAME=PATH]

Each benchmark under --defs (rebar's format, as driver.py reads them) runs
through each runner (default: bench/work/bin/rebar-ferrex, then
bench/work/bin/rebar-rust, which bench/engines/build.sh builds) under
valgrind's callgrind twice, with d and 2d measured iterations after one
warm-up; (I(2d) - I(d)) / d is one iteration's instructions, with the
set-up (compiling, reading the haystack) cancelled out. d is sized from a
plain timed run so that d iterations take about 3 ms, at least 2 (or
--min-iters). Runs one benchmark per job, `--jobs` at a time (callgrind
counts, so jobs do not disturb each other's numbers; they only share the
wait).

Prints one line per benchmark as it ends, then the geometric mean of the
ratio (first runner / second) over all, by model and by the second
runner's time per iteration below and above 1 us. Instructions are not
time: a loop of dependent loads and one of independent ones differ, and a
runner may run more instructions and still be faster, and every
instruction of an iteration counts, timed or not (the compile model's
iteration counts the matches once, untimed, which is where ferrex builds
the engines a set of many patterns searches with). What this shows is
where one runner does more work per call than the other, without noise.
Benchmarks whose second runner takes more than --max-ns a iteration are
skipped (callgrind runs about 50 times slower).

One thing it shows that time does not: ferrex attempts its full DFA each
time the bytes a regex has searched on its own route double, until they
reach 128 times the DFA size limit (32 MiB by default; Inner::try_dense,
strategy.rs: DENSE_BUDGET). Over a haystack of a megabyte, d is 2 or 4,
and the window between d and 2d iterations may hold an attempt: ferrex
then reads up to 1.3x the regex crate's instructions where a window of 8
iterations reads 1.000 (imported/leipzig/tom-sawyer-huckle-fin-prefix-long,
math-symbols, 2026-12-06). Timed medians leave such an iteration out;
the attempts are real work, at most about 12% of the searches of the first
32 MiB, then none. Read a ratio above 1.1 on such a benchmark again with
--min-iters 8. And a few percent either way may be layout: the same
regex-automata function, compiled into each runner, runs the alignment
no-ops its own build put in (curated/03-date/ascii, 1.032: the lazy DFA's
forward and reverse searches ran 6 more instructions a call in ferrex's
runner, every one of them a nop).
"""

import argparse
import concurrent.futures
import csv
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import definitions  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_RUNNERS = [("ferrex", os.path.join(ROOT, "bench/work/bin/rebar-ferrex")),
                   ("rust", os.path.join(ROOT, "bench/work/bin/rebar-rust"))]
TARGET_NS = 3e6  # what d iterations should take, natively
BIG = 10**9  # long enough that the iteration count, not time, ends a run


def klv(bench, iters, warmup):
    return bench.klv(iters, warmup, BIG * 1000, BIG * 1000)


def median_ns(path, bench):
    """One plain run of 3 iterations: the median sample's nanoseconds."""
    out = subprocess.run([path], input=klv(bench, 3, 1), capture_output=True, check=True).stdout.decode()
    times = sorted(int(line.split(",")[0]) for line in out.split())
    return times[len(times) // 2]


def instructions(path, data):
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", path],
                       input=data, capture_output=True)
    m = re.search(rb"Collected : (\d+)", p.stderr)
    if p.returncode != 0 or m is None:
        raise RuntimeError(f"{path}: exit {p.returncode}: {p.stderr.decode(errors='replace')[-300:]}")
    return int(m.group(1))


def measure(bench, runners, max_ns, min_iters):
    """(ns a iteration of the second runner, [instructions a iteration of each])."""
    ns = median_ns(runners[1][1], bench)
    if ns > max_ns:
        return ns, None
    d = max(min_iters, min(20000, int(TARGET_NS / max(ns, 1))))
    once, twice = klv(bench, d, 1), klv(bench, 2 * d, 1)
    return ns, [(instructions(path, twice) - instructions(path, once)) / d for _, path in runners]


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def summary(rows, names):
    label = f"{names[0]}/{names[1]} instructions"
    print(f"\n{label}, geometric mean over {len(rows)} benchmarks: {geomean([r[3] for r in rows]):.4f}")
    for model in sorted({r[1] for r in rows}):
        xs = [r[3] for r in rows if r[1] == model]
        print(f"  {model:16s} {geomean(xs):.4f}  (n={len(xs)})")
    for what, keep in (("< 1 us", lambda ns: ns < 1000), (">= 1 us", lambda ns: ns >= 1000)):
        xs = [r[3] for r in rows if keep(r[2])]
        print(f"  {what:16s} {geomean(xs):.4f}  (n={len(xs)})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--defs", required=True, help="a directory of rebar definitions")
    ap.add_argument("--bench-dir", help="where haystacks/ and regexes/ are (default: found from --defs)")
    ap.add_argument("--filter", default="", help="only benchmarks whose full name this regex finds")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-ns", type=float, default=60e6)
    ap.add_argument("--out", help="also write the rows as CSV here")
    ap.add_argument("--min-iters", type=int, default=2,
                    help="measure at least this many iterations (d) a benchmark (see above)")
    ap.add_argument("--runner", action="append", default=[], metavar="NAME=PATH",
                    help="twice, or not at all (ferrex, then the regex crate)")
    a = ap.parse_args()
    runners = [tuple(r.split("=", 1)) for r in a.runner] or DEFAULT_RUNNERS
    if len(runners) != 2 or any(len(r) != 2 for r in runners):
        ap.error("give --runner NAME=PATH twice, or not at all")
    for _, path in runners:
        if not os.access(path, os.X_OK):
            ap.error(f"{path} is not an executable runner (bench/engines/build.sh builds them)")
    bench_dir = a.bench_dir or definitions.find_bench_dir(a.defs)
    benches = [b for b in definitions.load_all(a.defs, bench_dir)
               if not b.problem and re.search(a.filter, b.full_name)]
    print(f"{len(benches)} benchmarks, {runners[0][0]} vs {runners[1][0]}, {a.jobs} at a time", file=sys.stderr)
    rows = []
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        jobs = {pool.submit(measure, b, runners, a.max_ns, max(2, a.min_iters)): b for b in benches}
        for job in concurrent.futures.as_completed(jobs):
            b = jobs[job]
            try:
                ns, counts = job.result()
            except (RuntimeError, subprocess.CalledProcessError) as e:
                print(f"  failed  {b.full_name}: {e}", file=sys.stderr)
                continue
            if counts is None:
                print(f"  skipped {b.full_name}: {ns / 1e6:.0f} ms an iteration", file=sys.stderr)
                continue
            ratio = counts[0] / max(counts[1], 1)
            rows.append((b.full_name, b.model, ns, ratio, counts[0], counts[1]))
            print(f"  {ratio:6.3f}  {counts[0]:12.0f} {counts[1]:12.0f}  {b.model:14s} {b.full_name}")
    rows.sort()
    if a.out:
        with open(a.out, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["benchmark", "model", "ns", "ratio", f"{runners[0][0]}_instructions",
                        f"{runners[1][0]}_instructions"])
            w.writerows(rows)
    if rows:
        summary(rows, [runners[0][0], runners[1][0]])


if __name__ == "__main__":
    main()
