"""The engines the driver knows, and how one runner process is run and its
answer judged (the protocol: KLV for one benchmark on stdin, one
`nanoseconds,count` line per sample on stdout, exit 2 = refused).

A runner binary, bench/work/bin/rebar-<runner>, serves one or several
engines (bench/engines/build.sh lists them); the driver names the one it
wants with `--engine <rebar name>`."""

import os
import signal
import statistics
import subprocess
from dataclasses import dataclass


@dataclass(frozen=True)
class Engine:
    name: str         # our short name, for --engines
    rebar_name: str   # the name rebar's definitions use
    # For an engine rebar's curated definitions never list: the listed engine
    # whose semantics it shares. It runs wherever that one is listed and is
    # held to that one's expected count (ferrex and rure have the regex
    # crate's leftmost-first semantics, so their counts are rust/regex's).
    stands_in_for: str = ""
    runner: str = ""  # the runner binary is rebar-<runner> (default: rebar-<name>)

    def listed_in(self, bench):
        return self.rebar_name in bench.engines or (
            self.stands_in_for != "" and self.stands_in_for in bench.engines)

    def count_name(self):
        return self.stands_in_for or self.rebar_name


# The peer comparison's engines (the driver's default)...
PEERS = [
    Engine("ferrex", "ferrex/api", stands_in_for="rust/regex"),
    Engine("pcre2-jit", "pcre2/jit"),
    Engine("pcre2-interp", "pcre2"),
    Engine("re2", "re2"),
    Engine("hyperscan", "hyperscan"),
    Engine("rust-regex", "rust/regex", runner="rust"),
    Engine("rure", "rust/rure", stands_in_for="rust/regex"),
]
# ...the seed table's (bench/definitions/seed), one column per language
# in bench/driver/seedtable.py...
SEED = [
    Engine("rust-regex", "rust/regex", runner="rust"),
    Engine("rust-aho-corasick", "rust/aho-corasick", runner="rust"),
    Engine("rust-std", "rust/std", runner="rust"),
    Engine("ferrex", "ferrex/api"),
    Engine("ferrex-phrases", "ferrex/phrases", runner="ferrex"),
    Engine("zig-ferrex", "zig/ferrex", runner="zig"),
    Engine("zig-ferrex-phrases", "zig/ferrex/phrases", runner="zig"),
    Engine("zig-pcre2", "zig/pcre2", runner="zig"),
    Engine("zig-pcre2-jit", "zig/pcre2/jit", runner="zig"),
    Engine("zig-linear", "zig/linear", runner="zig"),
    Engine("python-re", "python/re", runner="python"),
    Engine("python-ferrex", "python/ferrex", runner="python"),
    Engine("python-ferrex-phrases", "python/ferrex/phrases", runner="python"),
]
# ...and the Python comparison's (make bench-python): one runner,
# bench/engines/python/runner.py, behind bench/work/bin/rebar-python.
PYTHON = [Engine(f"python-{n.replace('/', '-')}", f"python/{n}", runner="python") for n in (
    "re", "regex", "re2", "hyperscan", "pyahocorasick", "ahocorasick-rs",
    "ferrex", "ferrex/phrases", "ferrex-cext", "ferrex-zig", "ferrex-cffi-abi")]
BY_NAME = {e.name: e for e in reversed(PEERS + SEED + PYTHON)}  # one Engine per name
KNOWN = list({e.name: BY_NAME[e.name] for e in PEERS + SEED + PYTHON}.values())
PEERS, SEED, PYTHON = ([BY_NAME[e.name] for e in group] for group in (PEERS, SEED, PYTHON))

# Outcomes of one benchmark x engine. Failures are the engine's fault and
# are shown as such; skips mean there was nothing fair to measure.
OK = "ok"
FAILED = ("wrong-count", "error", "timeout")
SKIPPED = ("refused", "not-listed", "no-count", "missing-input",
           "bad-definition", "no-binary")


@dataclass
class Outcome:
    status: str
    detail: str = ""
    median_ns: float = None
    samples: int = 0
    count: int = None      # the count the engine reported (first wrong one if any)
    rounds: list = None    # each round's median, when combined over rounds


def combine(outcomes):
    """One outcome from an engine's runs of one benchmark (driver.py
    --rounds): the first that is not OK if any, else the median of the
    run medians over all their samples."""
    for o in outcomes:
        if o.status != OK:
            return o
    return Outcome(OK, "", statistics.median(o.median_ns for o in outcomes),
                   sum(o.samples for o in outcomes), outcomes[0].count, [o.median_ns for o in outcomes])


def binary_path(bin_dir, engine):
    return os.path.join(bin_dir, f"rebar-{engine.runner or engine.name}")


def command(bin_dir, engine):
    """How to start the engine's runner."""
    return [binary_path(bin_dir, engine), "--engine", engine.rebar_name]


def version_of(argv, timeout=30):
    """The engine's --version output (first line; `argv` is its command),
    or a note saying why there is none; a broken --version does not stop
    the engine from running."""
    try:
        r = subprocess.run(argv + ["--version"], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "? (--version timed out)"
    except OSError as e:
        return f"? (--version: {e.strerror})"
    out = r.stdout.decode("utf-8", "replace").strip()
    if r.returncode != 0 or not out:
        return f"? (--version {describe_exit(r.returncode)}{': ' + last_line(r.stderr) if r.stderr.strip() else ''})"
    return out.splitlines()[0].strip()


def describe_exit(code):
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def last_line(data, limit=300):
    lines = [l for l in data.decode("utf-8", "replace").splitlines() if l.strip()]
    text = lines[-1].strip() if lines else ""
    return text if len(text) <= limit else text[:limit] + "..."


def run_one(argv, klv, expected, timeout):
    """Runs one runner process on one benchmark and judges its samples."""
    path = argv[0]
    try:
        r = subprocess.run(argv, input=klv, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome("timeout", f"no answer within {timeout:g} s (process killed)")
    except OSError as e:
        return Outcome("error", f"cannot start {path}: {e.strerror}")
    if r.returncode == 2:
        return Outcome("refused", last_line(r.stderr) or "refused without a reason")
    if r.returncode != 0:
        why = last_line(r.stderr)
        return Outcome("error", describe_exit(r.returncode) + (f": {why}" if why else ""))
    return judge_samples(r.stdout, expected)


def judge_samples(stdout, expected):
    """Parses `nanoseconds,count` lines (nanoseconds per call with a
    fraction for the batched models); every sample must carry the expected
    count, or the whole measurement is a failure."""
    times, counts = [], []
    for n, raw in enumerate(stdout.splitlines(), 1):
        line = raw.decode("utf-8", "replace").strip()
        if not line:
            continue
        parts = line.split(",")
        try:
            if len(parts) != 2:
                raise ValueError
            ns, count = float(parts[0]), int(parts[1])
            if ns < 0 or count < 0:
                raise ValueError
        except ValueError:
            shown = line if len(line) <= 80 else line[:80] + "..."
            return Outcome("error", f"stdout line {n} is not 'nanoseconds,count': {shown!r}")
        times.append(ns)
        counts.append(count)
    if not times:
        return Outcome("error", "exited 0 but printed no samples")
    median = statistics.median(times)
    wrong = [c for c in counts if c != expected]
    if wrong:
        return Outcome("wrong-count",
                       f"expected {expected}, got {wrong[0]} in {len(wrong)} of {len(counts)} samples",
                       median, len(times), wrong[0])
    return Outcome(OK, "", median, len(times), expected)
