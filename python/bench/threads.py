"""threads.py: do searches scale with threads? Throughput of N threads
sharing one compiled Pattern over one large haystack, ferrex beside re.

    python python/bench/threads.py [--size MB] [--bytes] [--repeat N]

A ferrex search over 4 KiB or more runs without the GIL (the regex's
own cache pool serves the threads at once), so N threads can search N
haystacks' worth in the time of one; re holds the GIL while it matches,
so its threads take turns. Each thread makes the same number of calls
(calibrated so that one thread takes about 0.2 s), so the work grows
with the threads: throughput is all the bytes searched over the wall
time, "x1" is the ratio to one thread's, and "cpu" is the process's CPU
time over the wall time (how many threads ran at once: 1.0 when they
take turns on the GIL; up to N when they do not, if N cores are free).
Threads: 1, 2 and the number of CPUs. The two operations:

  search  no match: the whole haystack scanned, one call, nothing built
  findall one C pass for a regex without groups, the list built after

The control row: n processes of pure Python against one, as the machine
runs them at that moment (other processes take cores): n threads cannot
do better than that.

Then, the pace of a pure-Python thread (a counting loop) while one
thread makes the calls, against its pace while that thread sleeps: it
can only run while the GIL is free, so this shows the GIL released even
where no core is free to show it as throughput.

Numbers on a shared, loaded machine move: compare ratios from one run.
"""
import argparse
import multiprocessing
import os
import platform
import random
import re
import sys
import threading
import time

import ferrex

SEARCH = r"[a-z]+ing \d{6}"  # the haystack's numbers have at most 5 digits: no match
FINDALL = r"[a-z]+ing \d+"


def make_haystack(size):
    """size bytes of ASCII log-like lines (deterministic)."""
    rng = random.Random(2026)
    words = ["alpha", "beta", "walking", "timeout", "error", "user", "id", "ms", "reading", "host"]
    out = []
    n = 0
    while n < size:
        line = " ".join(rng.choice(words) + (f" {rng.randint(0, 99999)}" if rng.random() < 0.3 else "")
                        for _ in range(rng.randint(3, 12)))
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)[:size]


def run(call, threads, calls):
    """(wall time, process CPU time) of `threads` threads making `calls`
    calls each, started together."""
    ready = threading.Barrier(threads + 1)

    def work():
        ready.wait()
        for _ in range(calls):
            call()

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    ready.wait()
    start, cpu = time.perf_counter(), time.process_time()
    for t in pool:
        t.join()
    return time.perf_counter() - start, time.process_time() - cpu


def python_pace(call, calls):
    """Loop turns per second of a pure-Python thread while this thread
    makes `calls` calls (call=None: while it sleeps as long). The loop can
    turn only while the GIL is free."""
    stop = threading.Event()
    turns = [0]

    def loop():
        while not stop.is_set():
            turns[0] += 1

    t = threading.Thread(target=loop)
    t.start()
    time.sleep(0.01)
    start, before = time.perf_counter(), turns[0]
    for _ in range(calls):
        call()
    wall = time.perf_counter() - start
    done = turns[0] - before
    stop.set()
    t.join()
    return done / wall


def spin(turns):
    """Pure-Python work for the control (in a worker process)."""
    total = 0
    for i in range(turns):
        total += i
    return total


def free_cores(counts, repeat):
    """The control: {n: speed of n processes of pure Python over one's},
    as the machine runs them now. n threads cannot beat it."""
    turns = 1
    while True:
        start = time.perf_counter()
        spin(turns)
        if time.perf_counter() - start > 0.1:
            break
        turns *= 2
    out = {}
    with multiprocessing.Pool(max(counts)) as pool:
        pool.map(spin, [1] * max(counts))  # the workers started
        best = {}
        for _ in range(repeat):
            for n in counts:
                start = time.perf_counter()
                pool.map(spin, [turns] * n, chunksize=1)
                best[n] = min(best.get(n, float("inf")), time.perf_counter() - start)
    for n in counts:
        out[n] = n * best[1] / best[n]
    return out


def calibrate(call, target=0.2):
    call()
    start = time.perf_counter()
    call()
    once = max(time.perf_counter() - start, 1e-6)
    return max(1, round(target / once))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=4, help="haystack size in MB (default 4)")
    parser.add_argument("--bytes", action="store_true", help="bytes haystack and patterns (default: str)")
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs per row (default 5)")
    args = parser.parse_args()

    hay = make_haystack(int(args.size * (1 << 20)))
    kind = "ASCII str"
    if args.bytes:
        hay = hay.encode("ascii")
        kind = "bytes"
    enc = (lambda p: p.encode()) if args.bytes else (lambda p: p)
    cpus = os.cpu_count() or 1
    counts = sorted({1, 2, cpus})
    ops = []
    for pattern, method in ((SEARCH, "search"), (FINDALL, "findall")):
        fx = getattr(ferrex.compile(enc(pattern)), method)
        rx = getattr(re.compile(enc(pattern)), method)
        # The two agree (not timed).
        want = rx(hay)
        assert fx(hay) == want if method == "findall" else (fx(hay) is None and want is None)
        label = "search, no match" if method == "search" else f"findall, {len(want):,} matches"
        ops.append((label, fx, rx))

    impl = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"$ {os.path.basename(sys.executable)} {' '.join(sys.argv)}")
    print(f"{impl}, {cpus} CPUs, ferrex {ferrex.__version__} ({ferrex.BACKEND}); "
          f"{len(hay) / (1 << 20):.1f} MB {kind} haystack; best of {args.repeat}")
    print(f"{'operation':<26} {'threads':>7} {'ferrex MB/s':>12} {'x1':>5} {'cpu':>5} "
          f"{'re MB/s':>9} {'x1':>5} {'cpu':>5}")
    mb = len(hay) / 1e6
    control = free_cores(counts, args.repeat)
    print(f"{'(control: pure-Python processes)':<34} "
          + "  ".join(f"{n} at {control[n]:.2f}x one" for n in counts[1:]))
    for label, fx, rx in ops:
        rates, busy = {}, {}
        for lib, fn in (("ferrex", fx), ("re", rx)):
            calls = calibrate(lambda: fn(hay))
            # The thread counts take turns, so that each sees the machine's
            # load of the moment alike; the best run of each counts.
            best = {}
            for _ in range(args.repeat):
                for n in counts:
                    best[n] = min(best.get(n, (float("inf"), 0.0)), run(lambda: fn(hay), n, calls))
            for n, (wall, cpu) in best.items():
                rates[lib, n] = n * calls * mb / wall
                busy[lib, n] = cpu / wall
        for i, n in enumerate(counts):
            f, r = rates["ferrex", n], rates["re", n]
            print(f"{label if i == 0 else '':<26} {n:>7} {f:>12,.0f} {f / rates['ferrex', 1]:>5.2f} "
                  f"{busy['ferrex', n]:>5.2f} {r:>9,.0f} {r / rates['re', 1]:>5.2f} {busy['re', n]:>5.2f}")
    # Whether the GIL is free during a call, seen from another thread (a
    # measure that needs no free core, unlike the throughputs).
    print("A Python thread's pace while one thread makes the calls (% of its pace alone):")
    for label, fx, rx in ops:
        pace = {}
        for lib, fn in (("ferrex", fx), ("re", rx)):
            calls = calibrate(lambda: fn(hay), 0.1)
            alone = python_pace(lambda: time.sleep(0.1 / calls), calls)
            pace[lib] = python_pace(lambda: fn(hay), calls) / alone
        print(f"  {label:<26} ferrex {pace['ferrex']:4.0%}   re {pace['re']:4.0%}")


if __name__ == "__main__":
    main()
