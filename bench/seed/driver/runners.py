"""The seed runners the driver knows, how to invoke one, and how to read
what it prints (bench/seed/PROTOCOL.md, "Invocation" and "Output")."""
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass

# Column order of the table: the baseline first, then the ferrex callers,
# then what ferrex replaces.
IMPLEMENTATION_ORDER = (
    "rust-native", "c-ferrex", "zig-ferrex", "zig-pcre2", "zig-pcre2-jit", "zig-linear", "python-ferrex", "python-re",
)


class DriverError(Exception):
    pass


@dataclass
class Runner:
    name: str
    program: str  # the file that must exist
    command: list  # argv before WORK_DIR
    implementations: tuple
    how_to_build: str  # said when the program is missing


@dataclass
class Line:
    """One CSV line of a runner."""
    workload: str
    size: str
    implementation: str
    median_ns: float
    iterations: int
    check: str
    spread_pct: float

    @property
    def row(self):
        return (self.workload, self.size)


def known_runners(root, bin_dir):
    """The four runners; compiled ones are looked for in bin_dir."""
    script = os.path.join(root, "bench/seed/py/runner.py")
    python = Runner("runner.py", script, [sys.executable, script], ("python-re", "python-ferrex"), f"{script} is missing")

    def binary(name, build_script, implementations):
        path = os.path.join(bin_dir, name)
        return Runner(name, path, [path], implementations, f"{path} is missing: build it with {build_script}")

    return [
        python,
        binary("seed-rust", "bench/rust-seed/build.sh", ("rust-native",)),
        binary("seed-c", "bench/seed/c/build.sh", ("c-ferrex",)),
        binary("seed-zig", "bench/seed/zig/build.sh", ("zig-ferrex", "zig-pcre2", "zig-pcre2-jit", "zig-linear")),
    ]


def check_present(runners):
    """Every program exists (and compiled ones are executable), or one
    error naming each missing one and how to build it."""
    missing = [r.how_to_build for r in runners
               if not (os.path.isfile(r.program) and (r.command[0] != r.program or os.access(r.program, os.X_OK)))]
    if missing:
        raise DriverError("\n".join(missing))


def parse(runner, stdout, rows):
    """The runner's CSV lines, each checked against the protocol."""
    lines = []
    for n, text in enumerate(stdout.splitlines(), 1):
        if not text.strip():
            continue
        where = f"{runner.name}, output line {n} ({text!r})"
        f = text.split(",")
        if len(f) != 7:
            raise DriverError(f"{where}: expected 7 comma-separated fields "
                              f"(workload,size,implementation,median_ns,iterations,check,spread_pct), found {len(f)}")
        workload, size, impl, median, iterations, check, spread = f
        if (workload, size) not in rows:
            raise DriverError(f"{where}: {workload}/{size} is not a row it was asked for")
        if impl not in runner.implementations:
            raise DriverError(f"{where}: implementation {impl!r} is not one of this runner's "
                              f"({', '.join(runner.implementations)}; see bench/seed/PROTOCOL.md)")
        try:
            line = Line(workload, size, impl, float(median), int(iterations), check, float(spread))
        except ValueError:
            raise DriverError(f"{where}: median_ns and spread_pct must be numbers, iterations a whole number")
        if not (math.isfinite(line.median_ns) and line.median_ns > 0 and line.iterations > 0
                and math.isfinite(line.spread_pct) and line.spread_pct >= 0 and check):
            raise DriverError(f"{where}: median_ns must be > 0, iterations > 0, spread_pct >= 0, check non-empty")
        lines.append(line)
    return lines


def invoke(runner, work_dir, budget_ms, rows, only=(), timeout_s=3600):
    """Runs the runner over `only` (row names; empty: every row) and returns
    its lines. Its stderr is shown only when it fails."""
    argv = runner.command + [work_dir, "--budget-ms", str(budget_ms)]
    for name in only:
        argv += ["--only", name]
    start = time.monotonic()
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise DriverError(f"{runner.name} took more than {timeout_s} s: {' '.join(argv)}")
    except OSError as e:
        raise DriverError(f"cannot run {argv[0]}: {e.strerror}\n{runner.how_to_build}")
    if p.returncode != 0:
        tail = "\n".join(p.stderr.strip().splitlines()[-20:])
        raise DriverError(f"{runner.name} failed (exit status {p.returncode}): {' '.join(argv)}\n{tail}")
    lines = parse(runner, p.stdout, rows)
    if not lines:
        raise DriverError(f"{runner.name} printed no result: {' '.join(argv)}")
    return lines, time.monotonic() - start
