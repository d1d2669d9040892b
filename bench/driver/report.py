"""Writes the peer comparison out: the console summary, peers.md and
peers.csv. (The chart is chart.py's job.)"""

import csv
from collections import Counter

import summary
from engines import FAILED, OK, SKIPPED

BAR = 1.05  # ferrex's target: within 1.05x of the regex crate used directly

SKIP_CELL = {"refused": "refused", "not-listed": "-", "no-count": "no count",
             "no-binary": "n/a", "missing-input": "skip", "bad-definition": "skip"}


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g}{unit}" if ns / scale < 100 else f"{ns / scale:.0f}{unit}"
    return f"{ns:.0f}ns"


def fmt_rate(bytes_per_s):
    for unit, scale in (("GiB/s", 2**30), ("MiB/s", 2**20), ("KiB/s", 2**10)):
        if bytes_per_s >= scale:
            return f"{bytes_per_s / scale:.3g} {unit}"
    return f"{bytes_per_s:.0f} B/s"


def fmt_ratio(r):
    return f"{r:.2f}x" if r < 10 else f"{r:.1f}x" if r < 100 else f"{r:.0f}x"


def cell(row):
    o = row.outcome
    if o.status == OK:
        return f"{fmt_time(o.median_ns)} {fmt_ratio(row.ratio)}"
    if o.status in FAILED:
        return {"wrong-count": "FAIL count"}.get(o.status, "FAIL " + o.status)
    return SKIP_CELL[o.status]


class Results:
    """Rows indexed the ways the reports need them."""

    def __init__(self, rows, engines, benches):
        self.rows, self.engines = rows, engines
        self.by = {(r.bench.full_name, r.engine.name): r for r in rows}
        # Benchmarks that could not be run at all are listed apart, not as
        # a table row of blanks.
        self.runnable = [b for b in benches if not b.problem]
        self.unrunnable = [b for b in benches if b.problem]

    def grid(self, cell_of):
        head = ["benchmark", "model"] + [e.rebar_name for e in self.engines]
        body = [[b.full_name, b.model] + [cell_of(self.by[(b.full_name, e.name)]) for e in self.engines]
                for b in self.runnable]
        return head, body

    def engine_problems(self, statuses):
        return [r for r in self.rows if r.outcome.status in statuses and not r.bench.problem]


def text_table(head, body):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip()
             for line in [head] + body]
    return "\n".join(lines)


def md_table(head, body, align=None):
    align = align or ["---"] * len(head)
    esc = lambda x: str(x).replace("|", "\\|")
    out = ["| " + " | ".join(esc(h) for h in head) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(esc(x) for x in line) + " |" for line in body]
    return "\n".join(out)


def ranking_lines(ranks):
    body = []
    for i, k in enumerate(ranks, 1):
        g = f"{k.geomean:.2f}" if k.geomean is not None else "-"
        body.append([str(i) if k.geomean is not None else "", k.engine.rebar_name, g,
                     str(k.ran), str(k.skipped), str(k.failed)])
    return ["#", "engine", "geomean ratio", "ran", "skipped", "failed"], body


def head_to_head_lines(res):
    """The bar is ferrex within 1.05x of the regex crate used directly; the
    search-only line keeps compile times from hiding or causing a miss."""
    a, b = summary_engines(res)
    if a is None or b is None:
        return ["ferrex vs rust/regex: not available (both ferrex and rust-regex must be selected)"]
    lines = []
    for label, keep in (("", lambda bench: True),
                        (" (search models, compile excluded)", lambda bench: bench.model != "compile")):
        h = summary.head_to_head(res.rows, a, b, keep)
        if h.geomean is None:
            lines.append(f"ferrex vs rust/regex{label}: no benchmark that both passed")
            continue
        verdict = "meets" if h.geomean <= BAR else "misses"
        lines.append(f"ferrex vs rust/regex{label}: {h.geomean:.3f}x = geomean of ferrex/rust-regex "
                     f"median time over {len(h.pairs)} benchmarks both ran ({verdict} the {BAR}x bar)")
    return lines


def summary_engines(res):
    names = {e.name: e for e in res.engines}
    return names.get("ferrex"), names.get("rust-regex")


def print_console(res, out):
    head, body = res.grid(cell)
    print(text_table(head, body), file=out)
    print("\ncells: median time and ratio to the fastest engine on that benchmark; "
          "FAIL = wrong count/error/timeout, refused = the engine declined, "
          "- = not in the benchmark's engines list", file=out)
    print("\nRanking (rebar: geometric mean over benchmarks of the ratio to the fastest; 1.00 = always fastest)",
          file=out)
    print(text_table(*ranking_lines(summary.ranking(res.rows, res.engines))), file=out)
    print("\n" + "\n".join(head_to_head_lines(res)), file=out)
    fails = res.engine_problems(FAILED)
    if fails:
        print(f"\n{len(fails)} failure(s):", file=out)
        for r in fails:
            print(f"  {r.bench.full_name} {r.engine.rebar_name}: {r.outcome.status}: {r.outcome.detail}", file=out)
    if res.unrunnable:
        print(f"\n{len(res.unrunnable)} benchmark(s) not run:", file=out)
        for b in res.unrunnable:
            print(f"  {b.full_name}: {b.problem}", file=out)


def write_csv(res, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["benchmark", "model", "engine", "median_ns", "ratio_to_fastest", "samples",
                    "count", "status", "expected_count", "throughput_bytes_per_s", "detail"])
        for r in res.rows:
            o = r.outcome
            w.writerow([r.bench.full_name, r.bench.model or "", r.engine.rebar_name,
                        "" if o.median_ns is None else f"{o.median_ns:.1f}",
                        "" if r.ratio is None else f"{r.ratio:.4f}",
                        o.samples, "" if o.count is None else o.count, o.status,
                        "" if r.expected is None else r.expected,
                        "" if r.throughput is None else f"{r.throughput:.0f}",
                        o.detail])


def write_md(res, path, meta):
    L = []
    L.append("# ferrex and its peers on rebar's benchmarks\n")
    L.append(f"Written by `bench/driver/driver.py` on {meta['date']}. Command:\n")
    L.append(f"    {meta['command']}\n")
    L.append("## Machine and settings\n")
    L.append(md_table(["", ""], [
        ["CPU", meta["cpu"]], ["cores (logical)", meta["cores"]], ["kernel", meta["kernel"]],
        ["definitions", meta["defs"]], ["benchmarks", f"{len(res.runnable)} run, {len(res.unrunnable)} not run"],
        ["per run", meta["limits"]], ["process timeout", meta["timeout"]],
    ]) + "\n")
    L.append("Timings were taken one engine process at a time; on a shared machine they are noisy, "
             "so treat ratios below ~1.1x as ties.\n")
    L.append("## Engines\n")
    L.append(md_table(["engine", "rebar name", "version (from --version)", "runs where rebar lists"],
                      [[e.name, e.rebar_name, meta["versions"].get(e.name, "?"), e.stands_in_for or e.rebar_name]
                       for e in res.engines]) + "\n")
    L.append("ferrex and rure are not in rebar's engine lists; they run wherever rust/regex is listed and "
             "are held to rust/regex's expected count (the same leftmost-first semantics).\n")

    L.append("## Head to head\n")
    L.append("\n\n".join(head_to_head_lines(res)) + "\n")
    a, b = summary_engines(res)
    if a and b:
        h = summary.head_to_head(res.rows, a, b)
        if h.pairs:
            L.append("<details><summary>per benchmark, slowest for ferrex first</summary>\n")
            L.append(md_table(["benchmark", "ferrex / rust-regex"],
                              [[n, f"{x:.3f}"] for n, x in h.pairs], ["---", "--:"]) + "\n")
            L.append("</details>\n")

    L.append("## Ranking\n")
    L.append("rebar's ranking: per engine, the geometric mean over the benchmarks it passed of its median "
             "time divided by the fastest engine's (1.00 = fastest on every benchmark it ran). Engines ran "
             "different subsets, so compare geomeans with the counts in mind. \"skipped\" counts every "
             "benchmark the engine did not run (not listed, refused, input missing); \"failed\" counts "
             "wrong counts, errors and timeouts.\n")
    for title, keep in (("All benchmarks", lambda b: True),
                        ("Search models only (compile excluded)", lambda b: b.model != "compile"),
                        ("Compile model only", lambda b: b.model == "compile")):
        head, body = ranking_lines(summary.ranking(res.rows, res.engines, keep))
        L.append(f"### {title}\n")
        L.append(md_table(head, body, ["--:", "---", "--:", "--:", "--:", "--:"]) + "\n")

    L.append("## Per benchmark\n")
    L.append("Median time and ratio to the fastest engine. FAIL = wrong count, error or timeout (see "
             "Failures); refused = the engine declined the benchmark; - = not in the benchmark's "
             "engines list.\n")
    head, body = res.grid(cell)
    L.append(md_table(head, body) + "\n")
    big = [b for b in res.runnable if b.model != "compile" and len(b.haystack) >= summary.LARGE_HAYSTACK]
    if big:
        L.append(f"### Throughput (haystacks of {summary.LARGE_HAYSTACK // 1024} KiB or more)\n")
        head = ["benchmark", "haystack"] + [e.rebar_name for e in res.engines]
        rows = []
        for b in big:
            line = [b.full_name, fmt_size(len(b.haystack))]
            for e in res.engines:
                r = res.by[(b.full_name, e.name)]
                line.append(fmt_rate(r.throughput) if r.throughput else "")
            rows.append(line)
        L.append(md_table(head, rows) + "\n")

    L.append("## Failures\n")
    fails = res.engine_problems(FAILED)
    if fails:
        L.append(md_table(["benchmark", "engine", "status", "detail"],
                          [[r.bench.full_name, r.engine.rebar_name, r.outcome.status, r.outcome.detail]
                           for r in fails]) + "\n")
    else:
        L.append("None: every engine that ran a benchmark reported the expected count on every sample.\n")

    L.append("## Skips\n")
    if res.unrunnable:
        L.append("Benchmarks not run at all:\n")
        L.append(md_table(["benchmark", "reason"], [[b.full_name, b.problem] for b in res.unrunnable]) + "\n")
    skips = [r for r in res.engine_problems(SKIPPED) if r.outcome.status != "not-listed"]
    if skips:
        L.append("Engines skipped on a benchmark that was run:\n")
        L.append(md_table(["benchmark", "engine", "status", "reason"],
                          [[r.bench.full_name, r.engine.rebar_name, r.outcome.status, r.outcome.detail]
                           for r in skips]) + "\n")
    unlisted = Counter(r.engine.rebar_name for r in res.engine_problems({"not-listed"}))
    if unlisted:
        L.append("Not in the benchmark's engines list (rebar's curation leaves an engine out where its "
                 "semantics make the comparison unfair, e.g. multi-pattern or Unicode gaps): "
                 + ", ".join(f"{n} on {c}" for n, c in sorted(unlisted.items())) + ".\n")
    if not res.unrunnable and not skips and not unlisted:
        L.append("None.\n")
    with open(path, "w") as f:
        f.write("\n".join(L))


def fmt_size(n):
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} B"



def write_png(res, path, meta):
    import chart
    chart.write_png(res, path)
