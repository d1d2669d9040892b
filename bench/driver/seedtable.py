#!/usr/bin/env python3
"""The seed table's report (driver.py --report seed): the workloads of the
note that started ferrex (bench/definitions/seed) from Rust, C, Zig and
Python, one column per language's way to each library, written to
seed-table.md and seed-table.png (the driver writes seed-table.csv).

A cell is the median over rounds (driver.py --rounds) of each round's
median, marked ~ when the rounds disagree by more than 10%. Every engine
must report the definition's count (for the lowercase rows, the hash of its
output), or the cell says FAIL.
"""

import statistics

import report
from engines import OK

NOISY_PCT = 10

# The table's columns: a language's way to each library, whichever engine of
# the list the row lists (a regex row runs rust/regex, a phrase row
# rust/aho-corasick). The ratio in each cell is to the first column.
COLUMNS = [
    ("Rust native", ["rust/regex", "rust/aho-corasick", "rust/std"]),
    ("C -> ferrex", ["ferrex/api", "ferrex/phrases"]),
    ("Zig -> ferrex", ["zig/ferrex", "zig/ferrex/phrases"]),
    ("Zig -> PCRE2", ["zig/pcre2"]),
    ("Zig -> PCRE2 JIT", ["zig/pcre2/jit"]),
    ("Zig linear loop", ["zig/linear"]),
    ("Python -> ferrex", ["python/ferrex", "python/ferrex/phrases"]),
    ("Python re", ["python/re"]),
]
RUST, C_FX, ZIG_FX, ZIG_PCRE2, _, ZIG_LINEAR, PY_FX, PY_RE = (c[0] for c in COLUMNS)

FERREX_WITHIN = 1.10  # Zig->ferrex and C->ferrex vs Rust native, at most
PCRE2_SPEEDUP = 10.0  # Zig->ferrex vs Zig->PCRE2 interpreter, at least
LINEAR_SPEEDUP = 10.0  # Zig->ferrex vs the Zig linear phrase loop, at least


class Table:
    def __init__(self, res):
        """From the driver's results: each engine's outcome, with the
        round medians it combined."""
        self.cells = {(r.bench.full_name, r.engine.rebar_name): [r.outcome] for r in res.rows
                      if r.outcome.status != "not-listed"}
        self.benches = res.runnable
        listed = {e for (_, e) in self.cells}
        self.columns = [(t, names) for t, names in COLUMNS if listed & set(names)]
        known = {n for _, names in COLUMNS for n in names}
        self.columns += [(e, [e]) for e in sorted(listed - known)]  # engines without a column of their own

    def outcomes(self, bench, column):
        for n in dict(self.columns).get(column, []):
            if (bench.full_name, n) in self.cells:
                return n, self.cells[(bench.full_name, n)]
        return None, []

    def value(self, bench, column):
        """The median over rounds of the round medians; None unless it passed."""
        _, runs = self.outcomes(bench, column)
        return runs[0].median_ns if runs and runs[0].status == OK else None

    def noisy(self, bench, column):
        _, runs = self.outcomes(bench, column)
        medians = (runs[0].rounds or []) if runs and runs[0].status == OK else []
        return len(medians) > 1 and (max(medians) - min(medians)) / statistics.median(medians) * 100 > NOISY_PCT

    def cell(self, bench, column):
        _, runs = self.outcomes(bench, column)
        if not runs:
            return "-"
        bad = [o for o in runs if o.status != OK]
        if bad:
            return report.SKIP_CELL.get(bad[0].status) or "FAIL " + bad[0].status
        v, base = self.value(bench, column), self.value(bench, self.columns[0][0])
        text = fmt_time(v) + (f" ({v / base:.2f}x)" if base else "")
        return text + (" ~" if self.noisy(bench, column) else "")

    def problems(self):
        return [(b, e, o) for (b, e), runs in sorted(self.cells.items()) for o in runs[:1]
                if o.status != OK and o.status not in ("refused",)]


def name(bench):
    """A benchmark's name inside its file (workloads.toml)."""
    return bench.full_name.rsplit("/", 1)[-1]


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def bars(t):
    """[(bar, [(PASS|MISS|NO DATA, text)])] for the note's four bars."""
    def rows(prefix, at_least_4k=False):
        return [b for b in t.benches if name(b).startswith(prefix) and not (at_least_4k and name(b).endswith("256B"))]

    def compare(bench, a, b, passes, says):
        x, y = t.value(bench, a), t.value(bench, b)
        label = f"{name(bench)}: {a} vs {b}"
        if x is None or y is None:
            return "NO DATA", f"{label}: a cell is missing"
        return ("PASS" if passes(x / y) else "MISS"), f"{label}: {fmt_time(x)} vs {fmt_time(y)}, {says(x / y)}"

    within = (lambda r: r <= FERREX_WITHIN, lambda r: f"{r:.2f}x the time (bar: <= {FERREX_WITHIN:.2f}x)")
    faster = lambda k: (lambda r: 1 / r >= k, lambda r: f"{1 / r:.1f}x faster (bar: >= {k:.0f}x)")
    big = rows("regex-complex-long", True) + rows("phrase-match-large")
    return [
        (f"Zig->ferrex and C->ferrex within {FERREX_WITHIN:.2f}x of Rust native (4 KB and above)",
         [compare(b, c, RUST, *within) for c in (ZIG_FX, C_FX) for b in big]),
        (f"Zig->ferrex at least {PCRE2_SPEEDUP:.0f}x faster than Zig->PCRE2 interpreter (regex, 4 KB and above)",
         [compare(b, ZIG_FX, ZIG_PCRE2, *faster(PCRE2_SPEEDUP)) for b in rows("regex-complex-long", True)]),
        (f"Zig->ferrex at least {LINEAR_SPEEDUP:.0f}x faster than the Zig linear loop (1,000 phrases)",
         [compare(b, ZIG_FX, ZIG_LINEAR, *faster(LINEAR_SPEEDUP)) for b in rows("phrase-match-large-1000x")]),
        ("Python->ferrex faster than Python re (regex 4 KB and above; phrases)",
         [compare(b, PY_FX, PY_RE, lambda r: r < 1, lambda r: f"{1 / r:.1f}x faster (bar: > 1x)") for b in big]),
    ]


def call_overhead(t):
    rows = [b for b in t.benches if b.model == "is-match"]
    if not rows:
        return None
    b = rows[0]
    known = [(c, t.value(b, c)) for c, _ in t.columns if t.value(b, c) is not None]
    if not known:
        return None
    return (f"One is-match call on an empty haystack ({name(b)}): "
            + ", ".join(f"{c} {fmt_time(v)}" for c, v in known) + ".")


def markdown(t, meta):
    head = ["benchmark"] + [c for c, _ in t.columns]
    body = [[name(b)] + [t.cell(b, c) for c, _ in t.columns] for b in t.benches]
    out = ["# Seed table", "",
           "The workloads of the note that started ferrex (bench/definitions/seed/seed.toml, inputs from "
           "bench/driver/seedgen.py), in rebar's format, through each language's runner; every engine checked to "
           "report the definition's count. Cells: median time per call (per batch-timed call for is-match and "
           "lowercase), the median over rounds of each round's median, and the ratio to Rust native; "
           f"~ marks a cell whose rounds differ by more than {NOISY_PCT}%.", "",
           report.md_table(head, body, ["---"] + ["--:"] * (len(head) - 1)), ""]
    problems = t.problems()
    if problems:
        out += ["Not measured:", ""] + [f"- {b} {e}: {o.status}: {o.detail}" for b, e, o in problems] + [""]
    out += ["![seed table](seed-table.png)", "", "## Bars", ""]
    for title, items in bars(t):
        out.append(f"- {title}")
        out += [f"  - {s}: {text}" for s, text in items] or ["  - NO DATA"]
    overhead = call_overhead(t)
    if overhead:
        out += ["", "## Call overhead", "", overhead]
    out += ["", "## Machine", "", f"- command: `{meta['command']}`"]
    out += [f"- {k}: {meta[k]}" for k in ("cpu", "cores", "kernel", "date", "limits", "rounds")]
    out += ["- versions: " + ", ".join(f"{e}: {v}" for e, v in sorted(meta["versions"].items())), ""]
    return "\n".join(out)


def write_md(res, path, meta):
    with open(path, "w") as f:
        f.write(markdown(Table(res), meta))


def print_console(res, out):
    t = Table(res)
    print(report.md_table(["benchmark"] + [c for c, _ in t.columns],
                          [[name(b)] + [t.cell(b, c) for c, _ in t.columns] for b in t.benches]), file=out)
    for title, items in bars(t):
        print(f"- {title}", file=out)
        for s, text in items:
            print(f"  - {s}: {text}", file=out)


def write_png(res, path, meta):
    t = Table(res)
    footer = f"{meta['cpu']}, {meta['cores']} cores, {meta['date']}\n{meta['command']}"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols = [c for c, _ in t.columns]
    width = 0.8 / max(len(cols), 1)
    fig, ax = plt.subplots(figsize=(max(10, 1.6 * len(t.benches)), 6.5))
    for i, c in enumerate(cols):
        pts = [(x - 0.4 + width * (i + 0.5), t.value(b, c)) for x, b in enumerate(t.benches)]
        pts = [(x, v) for x, v in pts if v is not None]
        ax.bar([x for x, _ in pts], [v for _, v in pts], width, label=c)
    ax.set_yscale("log")
    ax.set_ylabel("median time per call (ns, log scale)")
    ax.set_xticks(range(len(t.benches)))
    ax.set_xticklabels([name(b).replace("-", "\n", 2) for b in t.benches], fontsize=7)
    ax.grid(axis="y", which="major", alpha=0.3)
    ax.legend(ncol=4, fontsize=8, loc="upper left")
    ax.set_title("ferrex seed table: the same workloads from Rust, C, Zig and Python")
    fig.text(0.01, 0.01, footer, fontsize=7, family="monospace", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(path, format="png", dpi=110)
    plt.close(fig)
