"""The table's cells: every run of every (row, implementation), the value
the table shows (the median of the runs' medians: no run is picked or
dropped), how noisy a cell is, and the check that all implementations of a
row computed the same result."""
from collections import defaultdict
from dataclasses import dataclass, field

from runners import IMPLEMENTATION_ORDER, DriverError
from timing import percentile  # bench/seed/py/timing.py: the runners' own interpolation

ASCII_ONLY = "ASCII only"


@dataclass
class Cell:
    workload: str
    size: str
    implementation: str
    runs: list = field(default_factory=list)  # runners.Line, one per run
    excluded: str = None  # why the cell is left out of the results, if it is

    @property
    def median_ns(self):
        return percentile(sorted(r.median_ns for r in self.runs), 0.5)

    @property
    def iterations(self):
        return sum(r.iterations for r in self.runs)

    @property
    def noise_pct(self):
        """The larger of two spreads, in percent of the median:
        - within a run: the median over runs of the runner's own
          (p75 - p25) / median;
        - across runs: 2 * (p75 - p25) / median of the runs' medians, which
          for 2 or 3 runs is (max - min) / median, and with more runs is not
          moved by a single outlier (so rerunning can settle a cell)."""
        within = percentile(sorted(r.spread_pct for r in self.runs), 0.5)
        medians = sorted(r.median_ns for r in self.runs)
        across = 0.0
        if len(medians) > 1:
            across = 200 * (percentile(medians, 0.75) - percentile(medians, 0.25)) / percentile(medians, 0.5)
        return max(within, across)

    @property
    def check(self):
        return self.runs[0].check


class Results:
    def __init__(self, manifest_rows, read_bytes):
        """manifest_rows: bench/seed/py/manifest.Row list; read_bytes reads
        an input file (to know which lowercase inputs are ASCII)."""
        self.rows = [(r.workload, r.size) for r in manifest_rows]
        self.kind = {(r.workload, r.size): r.kind for r in manifest_rows}
        self.ascii_input = {
            (r.workload, r.size): r.kind == "lowercase" and read_bytes(r.need("arg1")).isascii() for r in manifest_rows
        }
        self.cells = {}

    def add(self, lines):
        for line in lines:
            key = (line.workload, line.size, line.implementation)
            cell = self.cells.setdefault(key, Cell(*key))
            if cell.runs and cell.check != line.check:
                raise DriverError(
                    f"{line.implementation} on {line.workload}/{line.size} computed {line.check} in one run "
                    f"and {cell.check} in another: the runner is not deterministic"
                )
            cell.runs.append(line)

    def implementations(self):
        present = {impl for (_, _, impl) in self.cells}
        return [i for i in IMPLEMENTATION_ORDER if i in present]

    def row_cells(self, row):
        return [self.cells[row + (i,)] for i in self.implementations() if row + (i,) in self.cells]

    def _ascii_only_exemption(self, row, cell):
        """zig-linear lowercases with std.ascii.lowerString, ASCII only:
        on a non-ASCII input its output is expected to differ."""
        return cell.implementation == "zig-linear" and self.kind[row] == "lowercase" and not self.ascii_input[row]

    def verify_checks(self):
        """Every implementation of a row computed the same check, except an
        ASCII-only lowercase on a non-ASCII input, which is marked and left
        out; any other disagreement is an error."""
        for row in self.rows:
            cells = self.row_cells(row)
            exempt = [c for c in cells if self._ascii_only_exemption(row, c)]
            others = [c for c in cells if c not in exempt]
            by_check = defaultdict(list)
            for c in others:
                by_check[c.check].append(c.implementation)
            if len(by_check) > 1:
                detail = "; ".join(f"{check}: {', '.join(impls)}" for check, impls in by_check.items())
                what = "FNV-1a of the output" if self.kind[row] == "lowercase" else "result"
                raise DriverError(f"{row[0]}/{row[1]}: the implementations disagree on the {what} ({detail})")
            for c in exempt:
                c.excluded = ASCII_ONLY if by_check and c.check not in by_check else None

    def value(self, row, implementation):
        """The cell's median in ns, or None when it is missing or excluded."""
        cell = self.cells.get(row + (implementation,))
        return None if cell is None or cell.excluded else cell.median_ns

    def noisy(self, threshold_pct):
        return [c for c in self.cells.values() if not c.excluded and c.noise_pct > threshold_pct]
