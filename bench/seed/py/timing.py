"""The timing every seed runner uses (bench/seed/PROTOCOL.md, "Timing"),
in Python: calibrate a batch size, warm up, take samples, report the median
time per operation and the spread. Several operations of one row are
sampled round-robin, so that machine noise hits them alike (as the Rust
runner's measure_interleaved does).

An operation is an `Op`: `batch(k)` runs it k times in a loop written inside
the closure (so the loop costs what a Python caller's loop costs, and no
extra Python call per operation) and returns the last result. CPython never
elides a call, so no sink is needed to keep the work; the returned result is
compared with the check after every batch, so a failure mid-run cannot go
unnoticed.
"""
import time
from dataclasses import dataclass, field

MAX_BATCH = 1 << 24
MIN_BATCH_NS = 1_000_000
WARM_UP_NS = 50_000_000
TARGET_SAMPLES = 21
MIN_SAMPLES = 3


class OpFailed(Exception):
    pass


@dataclass
class Op:
    implementation: str
    check: str  # the protocol's check column
    result: object  # what batch() must return every time
    batch: object  # callable(k) -> last result
    keep: tuple = ()  # handles and buffers that must outlive the timing


@dataclass
class Stats:
    median_ns: float
    iterations: int
    spread_pct: float


def percentile(sorted_values, p):
    """The p-quantile, interpolating between the two nearest ranks (numpy's
    default), as every runner computes it."""
    n = len(sorted_values)
    if n == 1:
        return sorted_values[0]
    pos = p * (n - 1)
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


@dataclass
class Sampler:
    op: Op
    k: int = 1
    per_op_ns: list = field(default_factory=list)

    def time_batch(self, k):
        start = time.perf_counter_ns()
        got = self.op.batch(k)
        elapsed = time.perf_counter_ns() - start
        if got != self.op.result:
            raise OpFailed(f"{self.op.implementation}: a timed batch returned {got!r}, the first run {self.op.result!r}")
        return elapsed

    def prepare(self):
        """Calibrate (k doubles until a batch takes >= 1 ms), then warm up
        for >= 50 ms (a single batch when one takes longer)."""
        while self.time_batch(self.k) < MIN_BATCH_NS and self.k < MAX_BATCH:
            self.k *= 2
        start = time.perf_counter_ns()
        while True:
            self.time_batch(self.k)
            if time.perf_counter_ns() - start >= WARM_UP_NS:
                break

    def sample(self):
        self.time_batch(1)  # one untimed operation first: see PROTOCOL.md
        self.per_op_ns.append(self.time_batch(self.k) / self.k)

    def stats(self):
        s = sorted(self.per_op_ns)
        median = percentile(s, 0.5)
        iqr = percentile(s, 0.75) - percentile(s, 0.25)
        return Stats(median, self.k * len(s), iqr / median * 100 if median > 0 else 0.0)


def measure_interleaved(ops, budget_ns):
    """Prepares each op in turn, then samples them round-robin until each
    has 21 samples, or the budget (from the first sample) is spent and each
    has at least 3."""
    samplers = [Sampler(op) for op in ops]
    for s in samplers:
        s.prepare()
    start = time.perf_counter_ns()
    while True:
        fewest = min(len(s.per_op_ns) for s in samplers)
        if fewest >= TARGET_SAMPLES or (fewest >= MIN_SAMPLES and time.perf_counter_ns() - start >= budget_ns):
            break
        for s in samplers:
            if len(s.per_op_ns) < TARGET_SAMPLES:
                s.sample()
    return [s.stats() for s in samplers]
