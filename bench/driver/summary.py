"""The numbers derived from the measurements: ratio to the fastest engine
per benchmark, rebar's ranking (geometric mean of those ratios per engine)
and the ferrex vs rust/regex head-to-head."""

import math
from dataclasses import dataclass

from engines import FAILED, OK, SKIPPED

# Throughput is only meaningful when the search dominates the fixed cost of
# a call; below this haystack size the time is mostly per-call overhead.
LARGE_HAYSTACK = 64 * 1024


@dataclass
class Row:
    bench: object     # definitions.Benchmark
    engine: object    # engines.Engine
    outcome: object   # engines.Outcome
    expected: int = None
    ratio: float = None

    @property
    def throughput(self):
        """Bytes per second, for searches over a large haystack."""
        o = self.outcome
        if (o.status != OK or self.bench.model == "compile"
                or len(self.bench.haystack) < LARGE_HAYSTACK or not o.median_ns):
            return None
        return len(self.bench.haystack) / (o.median_ns / 1e9)


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def set_ratios(rows):
    """ratio = median / fastest median among the engines that passed on the
    same benchmark (failed runs are not candidates for fastest)."""
    fastest = {}
    for r in rows:
        if r.outcome.status == OK:
            t = max(r.outcome.median_ns, 1)  # a 0 ns median would divide by zero
            name = r.bench.full_name
            fastest[name] = min(fastest.get(name, t), t)
    for r in rows:
        if r.outcome.status == OK:
            r.ratio = max(r.outcome.median_ns, 1) / fastest[r.bench.full_name]


@dataclass
class Rank:
    engine: object
    geomean: float    # None when the engine passed no benchmark
    ran: int
    skipped: int
    failed: int


def ranking(rows, engines, include=lambda bench: True):
    """rebar's `rank`: per engine, the geometric mean of its ratios over the
    benchmarks it passed; best first, engines with no result last."""
    out = []
    for e in engines:
        mine = [r for r in rows if r.engine is e and include(r.bench)]
        ratios = [r.ratio for r in mine if r.outcome.status == OK]
        out.append(Rank(e, geomean(ratios), len(ratios),
                        sum(r.outcome.status in SKIPPED for r in mine),
                        sum(r.outcome.status in FAILED for r in mine)))
    return sorted(out, key=lambda k: (k.geomean is None, k.geomean or 0, k.engine.name))


@dataclass
class HeadToHead:
    geomean: float          # of a/b median time ratios; None if no common benchmark
    pairs: list             # (benchmark full name, a/b ratio), worst for a first


def head_to_head(rows, a, b, include=lambda bench: True):
    """a's median time over b's, on the benchmarks both passed."""
    times = {}
    for r in rows:
        if r.outcome.status == OK and r.engine in (a, b) and include(r.bench):
            times.setdefault(r.bench.full_name, {})[r.engine.name] = max(r.outcome.median_ns, 1)
    pairs = [(name, t[a.name] / t[b.name]) for name, t in times.items()
             if a.name in t and b.name in t]
    pairs.sort(key=lambda p: -p[1])
    return HeadToHead(geomean([p[1] for p in pairs]), pairs)
