#!/usr/bin/env python3
"""The seed table's driver (issue 7): generates the workloads, runs every
runner on them in interleaved rounds, checks that all implementations
computed the same results, reruns noisy cells, and prints and writes the
table, the bars and the machine it ran on.

    python3 bench/seed/run.py [--work bench/work/seed] [--budget-ms 1000]
        [--rounds 3] [--out bench/results] [--bin-dir bench/work/bin]
        [--noise-pct 10] [--extra-runs 3]

Runners (bench/seed/PROTOCOL.md): bench/seed/py/runner.py and, in
--bin-dir, seed-rust, seed-c and seed-zig; a missing one is an error that
names its build script.

Rounds: round r runs every runner once over all rows, starting with a
different runner each round, so no runner always runs first or last. A
cell's value is the median of its runs' medians. A cell noisier than
--noise-pct (within a run or across runs: see cells.Cell.noise_pct) gets
its row rerun by its runner with --only, up to --extra-runs times (the
runner's other cells of that row gain that run too), and every run counts:
nothing is picked or dropped.

Writes OUT/seed-table.md, OUT/seed-table.csv
(workload,size,implementation,median_ns,iterations) and OUT/seed-table.png.
Exit status: 0 written (whatever the bars say), 1 an error.
"""
import argparse
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [os.path.join(HERE, "driver"), os.path.join(HERE, "py")]
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import bars  # noqa: E402
import cells  # noqa: E402
import chart  # noqa: E402
import machine  # noqa: E402
import manifest  # noqa: E402  (bench/seed/py/manifest.py, shared with the Python runner)
import report  # noqa: E402
import runners  # noqa: E402
from runners import DriverError  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(prog="run.py", description="Runs the seed table (issue 7) and writes its results.")
    p.add_argument("--work", default=os.path.join(ROOT, "bench/work/seed"), help="where gen.py writes the inputs")
    p.add_argument("--budget-ms", type=int, default=1000, help="each runner's measuring budget per row (default 1000)")
    p.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    p.add_argument("--out", default=os.path.join(ROOT, "bench/results"), help="where the table files go")
    p.add_argument("--bin-dir", default=os.path.join(ROOT, "bench/work/bin"), help="where the compiled runners are")
    p.add_argument("--noise-pct", type=float, default=10.0, help="a cell noisier than this is rerun (default 10)")
    p.add_argument("--extra-runs", type=int, default=3, help="most reruns of a noisy row per runner (default 3)")
    p.add_argument("--timeout-s", type=int, default=3600, help="longest one runner invocation may take")
    args = p.parse_args(argv)
    for name, least in (("budget_ms", 0), ("rounds", 1), ("extra_runs", 0), ("timeout_s", 1)):
        if getattr(args, name) < least:
            p.error(f"--{name.replace('_', '-')} must be at least {least}")
    if args.noise_pct <= 0:
        p.error("--noise-pct must be positive")
    return args


def say(text):
    print(text, file=sys.stderr, flush=True)


def ensure_python_modules():
    """cffi for the Python runner, matplotlib for the chart."""
    script = os.path.join(ROOT, "scripts/need-py.sh")
    if subprocess.run([script, "cffi=cffi", "matplotlib=matplotlib"]).returncode != 0:
        raise DriverError("scripts/need-py.sh could not install cffi and matplotlib")


def generate(work):
    say(f"==> generating the workloads into {work}")
    p = subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), work], capture_output=True, text=True)
    if p.returncode != 0:
        raise DriverError(f"bench/seed/gen.py failed:\n{p.stderr.strip()}")
    say(p.stdout.rstrip())


def run_once(runner, args, results, rows, only=()):
    lines, seconds = runners.invoke(runner, args.work, args.budget_ms, rows, only, args.timeout_s)
    results.add(lines)
    return seconds


def rounds(all_runners, args, results, rows):
    for r in range(args.rounds):
        order = all_runners[r % len(all_runners):] + all_runners[: r % len(all_runners)]
        for runner in order:
            say(f"==> round {r + 1}/{args.rounds}: {runner.name}")
            seconds = run_once(runner, args, results, rows)
            say(f"    {runner.name}: {seconds:.1f} s")
        results.verify_checks()


def rerun_noisy(all_runners, args, results, rows):
    """Reruns each noisy cell's row with its runner (--only), until no cell
    is noisy or each (runner, row) had --extra-runs reruns."""
    owner = {impl: r for r in all_runners for impl in r.implementations}
    reruns = {}
    for attempt in range(args.extra_runs):
        todo = []
        for cell in sorted(results.noisy(args.noise_pct), key=lambda c: results.rows.index((c.workload, c.size))):
            key = (owner[cell.implementation].name, f"{cell.workload}/{cell.size}")
            if key not in todo and reruns.get(key, 0) < args.extra_runs:
                todo.append(key)
        if not todo:
            return
        say(f"==> rerun {attempt + 1}/{args.extra_runs}: {len(todo)} noisy (runner, row) pairs")
        by_name = {r.name: r for r in all_runners}
        for name, row in todo:
            say(f"    {name} --only {row}")
            run_once(by_name[name], args, results, rows, only=[row])
            reruns[(name, row)] = reruns.get((name, row), 0) + 1
        results.verify_checks()


def main(argv):
    args = parse_args(argv)
    args.work = os.path.abspath(args.work)
    command = shlex.join(["python3", os.path.relpath(os.path.abspath(__file__), ROOT)] + argv)
    all_runners = runners.known_runners(ROOT, os.path.abspath(args.bin_dir))
    runners.check_present(all_runners)
    ensure_python_modules()
    generate(args.work)
    manifest_rows = manifest.read(args.work)
    rows = {(r.workload, r.size) for r in manifest_rows}
    results = cells.Results(manifest_rows, manifest.read_bytes)
    rounds(all_runners, args, results, rows)
    rerun_noisy(all_runners, args, results, rows)

    verdicts = bars.evaluate(results)
    overhead = bars.call_overhead(results)
    info = machine.describe(ROOT, command)
    print(report.table(results, args.noise_pct))
    print("\n".join(report.notes(results, args.noise_pct)))
    print("\nBars:")
    print(report.bars_text(verdicts))
    if overhead:
        print("\n" + overhead)
    print("\nMachine: " + "; ".join(f"{k} {v}" for k, v in info))

    os.makedirs(args.out, exist_ok=True)
    md = os.path.join(args.out, "seed-table.md")
    report.write_atomically(os.path.join(args.out, "seed-table.csv"), report.csv_text(results))
    report.write_atomically(os.path.join(args.out, "seed-table.png"), chart.png(results, info))
    report.write_atomically(md, report.markdown(results, args.noise_pct, verdicts, overhead, info, "seed-table.png"))
    say(f"==> wrote {md}, seed-table.csv and seed-table.png in {args.out}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (DriverError, manifest.ManifestError) as e:
        print(f"run.py: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
