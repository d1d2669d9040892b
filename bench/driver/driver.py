#!/usr/bin/env python3
"""Runs benchmark definitions in rebar's format through the engines' runners
and writes one of three reports:

    python3 bench/driver/driver.py [--report peers|seed|python] [--defs DIR ...]
        [--engines ferrex,pcre2-jit,...] [--filter REGEX] [--max-time 1s]
        [--max-iters N] [--rounds N] [--out bench/results]

  peers   (the default) rebar's curated definitions and the project's own
          (bench/definitions/peers: regex-redux) through ferrex and its
          peers: peers.md, peers.csv, peers.png (report.py, chart.py);
  seed    the seed table (bench/definitions/seed) from Rust, C, Zig and
          Python: seed-table.md, .csv, .png (seedtable.py);
  python  the seed workloads and 16-byte calls (bench/definitions/seed and
          python) through every Python engine: python.md, .csv (pyreport.py).

Haystacks of the project's definitions are generated into
bench/work/haystacks/ (seedgen.py, fasta.py; `make bench-inputs`).

Each engine is a runner binary bench/work/bin/rebar-<engine> that reads one
benchmark as KLV (docs/KLV.md of the rebar data, made by klv.py) on stdin
and prints one `nanoseconds,count` line per sample; exit status 2 means it
refuses the benchmark. Runs are strictly sequential, one process at a time,
so engines never compete with each other for the two cores. With
--rounds N, each benchmark runs its engines in turn N times (interleaved,
so a slow spell of the machine hits them alike) and an engine's time is the
median of its N run medians.
"""

import argparse
import datetime
import importlib
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

if sys.version_info < (3, 11):
    sys.exit("driver.py needs Python 3.11 or newer (for tomllib)")

import definitions  # noqa: E402
import engines  # noqa: E402
import klv  # noqa: E402
import report  # noqa: E402
import summary  # noqa: E402

CURATED_DEFS = os.path.normpath(os.path.join(REPO, "..", "shared", "bench", "rebar", "definitions", "curated"))
# The project's own definitions for the peer comparison. Their haystacks are
# generated (fasta.py, seedgen.py) rather than stored, into
# bench/work/haystacks/, which git ignores.
PROJECT_DEFS = os.path.join(REPO, "bench", "definitions", "peers")
PROJECT_BENCH_DIR = os.path.join(REPO, "bench", "work")
DEFAULT_DEFS = [CURATED_DEFS, PROJECT_DEFS]
DEFS = os.path.join(REPO, "bench", "definitions")


@dataclass(frozen=True)
class Report:
    defs: list       # the definitions directories run by default
    engines: list    # the engines run by default
    stem: str        # the output files: <stem>.md, .csv, .png
    writer: str      # the module writing them (write_md, print_console; write_png if charted)
    chart: bool


REPORTS = {
    "peers": Report(DEFAULT_DEFS, engines.PEERS, "peers", "report", True),
    "seed": Report([os.path.join(DEFS, "seed")], engines.SEED, "seed-table", "seedtable", True),
    "python": Report([os.path.join(DEFS, "seed"), os.path.join(DEFS, "python")], engines.PYTHON, "python",
                     "pyreport", False),
}
DEFAULT_BIN = os.path.join(REPO, "bench", "work", "bin")
DEFAULT_OUT = os.path.join(REPO, "bench", "results")

DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ns|us|µs|ms|s|m)?\s*$")
UNIT_NS = {"ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, None: 1e9}


def duration_ns(text):
    """'1s', '500ms', '2.5s', '90' (seconds) -> nanoseconds."""
    m = DURATION_RE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use e.g. 1s, 500ms, 2.5s)")
    ns = int(float(m.group(1)) * UNIT_NS[m.group(2)])
    if ns <= 0:
        raise argparse.ArgumentTypeError(f"duration must be positive: {text!r}")
    return ns


def positive_int(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return n


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--defs", action="append",
                   help="directory of definition *.toml files, searched recursively; repeat it to run "
                   f"several (default: {' and '.join(DEFAULT_DEFS)})")
    p.add_argument("--bench-dir", help="directory holding haystacks/ and regexes/, for every --defs "
                   "(default: the nearest ancestor of each --defs that has haystacks/, and "
                   f"{PROJECT_BENCH_DIR} for {PROJECT_DEFS})")
    p.add_argument("--engines", help="comma-separated engines to run (default: the report's; peers: "
                   f"{','.join(e.name for e in engines.PEERS)})")
    p.add_argument("--filter", help="run only benchmarks whose full name (e.g. "
                   "curated/01-literal/sherlock-en) this Python regex finds a match in")
    p.add_argument("--max-time", type=duration_ns, default=duration_ns("1s"),
                   help="measuring time per benchmark and engine (default: 1s)")
    p.add_argument("--max-warmup-time", type=duration_ns,
                   help="warm-up time per benchmark and engine (default: half of --max-time)")
    p.add_argument("--max-iters", type=positive_int, default=1_000_000,
                   help="most samples per benchmark and engine (default: %(default)s)")
    p.add_argument("--max-warmup-iters", type=positive_int, default=1_000_000,
                   help="most warm-up iterations (default: %(default)s)")
    p.add_argument("--timeout", type=duration_ns,
                   help="kill a runner that has not finished after this long "
                   "(default: 10x (max-time + max-warmup-time), at least 30s)")
    p.add_argument("--bin-dir", default=DEFAULT_BIN, help="where the rebar-<engine> binaries are (default: %(default)s)")
    p.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    p.add_argument("--no-chart", action="store_true", help="do not write peers.png (no matplotlib needed)")
    p.add_argument("--rounds", type=positive_int, default=1,
                   help="run each benchmark's engines in turn this many times; report the median of "
                   "the run medians (default: %(default)s)")
    p.add_argument("--report", choices=tuple(REPORTS), default="peers",
                   help="which definitions, engines and report by default (see above; default: %(default)s)")
    a = p.parse_args(argv)
    a.rep = REPORTS[a.report]
    a.defs = [os.path.abspath(d) for d in a.defs or a.rep.defs]
    a.no_chart = a.no_chart or not a.rep.chart
    a.engines = a.engines or ",".join(e.name for e in a.rep.engines)
    if a.max_warmup_time is None:
        a.max_warmup_time = a.max_time // 2
    if a.timeout is None:
        a.timeout = max(30 * 10**9, 10 * (a.max_time + a.max_warmup_time))
    names = [n.strip() for n in a.engines.split(",") if n.strip()]
    unknown = [n for n in names if n not in engines.BY_NAME]
    if not names or unknown:
        p.error(f"unknown engine(s) {', '.join(unknown) or '(none given)'}; "
                f"known: {', '.join(engines.BY_NAME)}")
    if len(set(names)) != len(names):
        p.error("an engine is named twice in --engines")
    a.engine_list = [engines.BY_NAME[n] for n in names]
    if a.filter is not None:
        try:
            a.filter_re = re.compile(a.filter)
        except re.error as e:
            p.error(f"--filter {a.filter!r} is not a valid regex: {e}")
    return a


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "kernel": platform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def measure(bench, engine, a, available, klv_cache):
    """The outcome of one engine on one benchmark, and the count it is held to.
    The KLV (haystack included) is built once per benchmark, on first use."""
    if bench.problem:
        status = "missing-input" if bench.missing_input else "bad-definition"
        return engines.Outcome(status, bench.problem), None
    if not engine.listed_in(bench):
        return engines.Outcome("not-listed", f"{engine.count_name()} is not in the benchmark's engines list"), None
    expected = bench.expected_count(engine.count_name())
    if expected is None:
        return engines.Outcome("no-count", f"no count entry matches {engine.count_name()}"), None
    if engine.name not in available:
        return engines.Outcome("no-binary", f"{engines.binary_path(a.bin_dir, engine)} not found"), expected
    if bench.full_name not in klv_cache:
        klv_cache.clear()
        try:
            klv_cache[bench.full_name] = bench.klv(a.max_iters, a.max_warmup_iters,
                                                   a.max_time, a.max_warmup_time)
        except klv.KlvError as e:  # e.g. an input file vanished since loading
            return engines.Outcome("bad-definition", str(e)), expected
    return engines.run_one(available[engine.name], klv_cache[bench.full_name], expected, a.timeout / 1e9), expected


def bench_dir_for(defs, given):
    """The directory holding the haystacks/ and regexes/ that the definitions
    in `defs` name; exits when there is none."""
    if not os.path.isdir(defs):
        sys.exit(f"error: definitions directory {defs} does not exist")
    if given:
        bench_dir = os.path.abspath(given)
        if not os.path.isdir(bench_dir):
            sys.exit(f"error: --bench-dir {bench_dir} does not exist")
        return bench_dir
    if defs.startswith(os.path.join(REPO, "bench", "definitions")):
        # Not made until a haystack is generated; each benchmark whose
        # haystack is missing is reported as not run.
        return PROJECT_BENCH_DIR
    bench_dir = definitions.find_bench_dir(defs)
    if bench_dir is None:
        sys.exit(f"error: no haystacks/ directory at or above {defs}; pass --bench-dir")
    return bench_dir


def load_benches(defs_dirs, bench_dirs):
    """Every benchmark of every definitions directory, in the order given;
    exits on a problem that affects a whole file, or on a full name that
    two directories share."""
    benches, seen = [], set()
    for defs, bench_dir in zip(defs_dirs, bench_dirs):
        try:
            found = definitions.load_all(defs, bench_dir)
        except definitions.DefinitionError as e:
            sys.exit(f"error: {e}")
        for b in found:
            if b.full_name in seen:
                sys.exit(f"error: benchmark {b.full_name} is defined twice (again in {defs})")
            seen.add(b.full_name)
        benches += found
    return benches


def run(a):
    # Fail on an unusable output directory now, not after the measuring.
    try:
        os.makedirs(a.out, exist_ok=True)
    except OSError as e:
        sys.exit(f"error: cannot create output directory {a.out}: {e.strerror}")
    if not os.access(a.out, os.W_OK):
        sys.exit(f"error: output directory {a.out} is not writable")
    bench_dirs = [bench_dir_for(defs, a.bench_dir) for defs in a.defs]
    if not a.no_chart and subprocess.run([os.path.join(REPO, "scripts", "need-py.sh"),
                                          "matplotlib=matplotlib"]).returncode != 0:
        sys.exit("error: matplotlib could not be installed (scripts/need-py.sh); rerun with --no-chart")
    benches = load_benches(a.defs, bench_dirs)
    if a.filter is not None:
        benches = [b for b in benches if a.filter_re.search(b.full_name)]
    if not benches:
        sys.exit(f"error: no benchmark definitions found in {' or '.join(a.defs)}"
                 + (f" matching --filter {a.filter!r}" if a.filter is not None else ""))

    available, versions = {}, {}
    for e in a.engine_list:
        path = engines.binary_path(a.bin_dir, e)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            available[e.name] = engines.command(a.bin_dir, e)
            versions[e.name] = engines.version_of(available[e.name])
        else:
            versions[e.name] = "not built"
            log(f"warning: {path} is missing; {e.name} is skipped everywhere")
    if not available:
        sys.exit(f"error: none of the selected engines has a binary in {a.bin_dir}")

    def will_run(b, e):
        return (not b.problem and e.listed_in(b) and e.name in available
                and b.expected_count(e.count_name()) is not None)

    todo = sum(will_run(b, e) for b in benches for e in a.engine_list)
    log(f"{len(benches)} benchmarks ({sum(1 for b in benches if b.problem)} not runnable), "
        f"{todo} engine runs x {a.rounds} round(s), "
        f"~{todo * a.rounds * (a.max_time + a.max_warmup_time) / 1e9 / 60:.1f} min of measuring")
    rows, done, start, klv_cache = [], 0, time.monotonic(), {}
    for i, b in enumerate(benches, 1):
        if b.problem:
            log(f"[{i}/{len(benches)}] {b.full_name}: not run: {b.problem}")
        runs = {e.name: [] for e in a.engine_list}
        for rnd in range(a.rounds):
            for e in a.engine_list:
                if runs[e.name] and runs[e.name][-1][0].status != engines.OK:
                    continue  # skipped or failed: once is enough
                outcome, expected = measure(b, e, a, available, klv_cache)
                runs[e.name].append((outcome, expected))
                if will_run(b, e):
                    done += 1
                    took = time.monotonic() - start
                    shown = (f" {report.fmt_time(outcome.median_ns)} median of {outcome.samples}"
                             if outcome.median_ns is not None else "")
                    log(f"[{i}/{len(benches)} run {done}/{todo * a.rounds} {took:.0f}s] {b.full_name} "
                        f"{e.rebar_name}{f' round {rnd + 1}' if a.rounds > 1 else ''}: "
                        f"{outcome.status}{shown}{' - ' + outcome.detail if outcome.detail else ''}")
        for e in a.engine_list:
            rows.append(summary.Row(b, e, engines.combine([o for o, _ in runs[e.name]]), runs[e.name][0][1]))
    summary.set_ratios(rows)
    return rows, benches, versions


def write_atomically(path, writer):
    tmp = path + ".tmp"
    writer(tmp)
    os.replace(tmp, path)


def main(argv):
    a = parse_args(argv)
    started = time.monotonic()
    rows, benches, versions = run(a)
    res = report.Results(rows, a.engine_list, benches)

    # Files first: a closed stdout (say `| head`) must not lose a long run.
    meta = machine()
    # As typed, so relative paths in it keep their meaning; from elsewhere
    # than the repository root, the directory is part of the command.
    command = shlex.join(["python3", sys.argv[0]] + argv)
    if os.path.abspath(os.getcwd()) != REPO:
        command = f"cd {shlex.quote(os.getcwd())} && {command}"
    meta.update({
        "command": command,
        "defs": ", ".join(a.defs), "versions": versions,
        "limits": (f"max-time {a.max_time / 1e9:g} s, max-warmup-time {a.max_warmup_time / 1e9:g} s, "
                   f"max-iters {a.max_iters}, max-warmup-iters {a.max_warmup_iters}"),
        "timeout": f"{a.timeout / 1e9:g} s", "rounds": a.rounds,
    })
    writer = importlib.import_module(a.rep.writer)
    out = {n: os.path.join(a.out, f"{a.rep.stem}.{n}") for n in ("md", "csv", "png")}
    write_atomically(out["csv"], lambda p: report.write_csv(res, p))
    write_atomically(out["md"], lambda p: writer.write_md(res, p, meta))
    written = [out["md"], out["csv"]]
    if not a.no_chart:
        try:
            write_atomically(out["png"], lambda p: writer.write_png(res, p, meta))
        except ValueError as e:
            log(f"{out['png']} not written: {e}")
        else:
            written.append(out["png"])
    log(f"wrote {', '.join(written)} in {time.monotonic() - started:.0f} s")
    try:
        writer.print_console(res, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # Keep Python from complaining again when it flushes at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit("interrupted; nothing written")
