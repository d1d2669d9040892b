"""The table as text (printed and written into seed-table.md), the CSV, and
the Markdown report."""
import csv
import io
import os

from cells import ASCII_ONLY
from units import duration, ratio

NOISY_MARK = " ~"
CSV_COLUMNS = ("workload", "size", "implementation", "median_ns", "iterations")


def cell_text(results, row, impl, threshold_pct):
    cell = results.cells.get(row + (impl,))
    if cell is None:
        return "-"
    if cell.excluded:
        return cell.excluded
    text = duration(cell.median_ns)
    base = results.value(row, "rust-native")
    if base:
        text += f" ({ratio(cell.median_ns / base)})"
    return text + (NOISY_MARK if cell.noise_pct > threshold_pct else "")


def table(results, threshold_pct):
    """A Markdown table padded to line up as plain text too."""
    impls = results.implementations()
    head = ["workload", "size"] + impls
    body = [[w, s] + [cell_text(results, (w, s), i, threshold_pct) for i in impls] for (w, s) in results.rows]
    widths = [max(len(r[c]) for r in [head] + body) for c in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"
    rule = "|" + "|".join("-" * (w + 2) if c < 2 else "-" * (w + 1) + ":" for c, w in enumerate(widths)) + "|"
    return "\n".join([line(head), rule] + [line(r) for r in body])


def notes(results, threshold_pct):
    """Lines explaining the table's marks, each only when it applies."""
    out = ["Cells: median time per operation (ratio to rust-native), the median over runs of each run's median; "
           "seed-table.csv's iterations counts the operations timed in all runs."]
    excluded = [c for c in results.cells.values() if c.excluded == ASCII_ONLY]
    for c in excluded:
        out.append(f"{ASCII_ONLY}: {c.implementation} on {c.workload}/{c.size} lowercases ASCII letters only, so its "
                   f"output differs on this non-ASCII input (FNV-1a {c.check}); left out of the comparison.")
    noisy = sorted(results.noisy(threshold_pct), key=lambda c: -c.noise_pct)
    if noisy:
        listed = ", ".join(f"{c.workload}/{c.size} {c.implementation} ({c.noise_pct:.0f}%, {len(c.runs)} runs)" for c in noisy)
        out.append(f"~ : noisier than {threshold_pct:g}% even after reruns: {listed}.")
    return out


def bars_text(verdicts):
    out = []
    for title, items in verdicts:
        out.append(f"- {title}")
        if not items:
            out.append("  - NO DATA: no such row in the manifest")
        out += [f"  - {v.status}: {v.text}" for v in items]
    return "\n".join(out)


def write_atomically(path, data):
    """Writes path.tmp, then renames it: a failed run leaves no half file."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    os.replace(tmp, path)


def csv_text(results):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for row in results.rows:
        for impl in results.implementations():
            cell = results.cells.get(row + (impl,))
            if cell and not cell.excluded:
                w.writerow([row[0], row[1], impl, f"{cell.median_ns:.1f}", cell.iterations])
    return buf.getvalue()


def markdown(results, threshold_pct, verdicts, overhead, machine, chart_name):
    parts = [
        "# Seed table (issue 7)",
        "",
        "Median time per operation, on identical inputs (bench/seed/gen.py), every implementation checked to compute "
        "the same result. Written by bench/seed/run.py; see bench/seed/PROTOCOL.md for what is timed.",
        "",
        table(results, threshold_pct),
        "",
    ]
    parts += notes(results, threshold_pct)
    parts += ["", f"![seed table chart]({chart_name})", "", "## Bars", "", bars_text(verdicts), ""]
    if overhead:
        parts += ["## Call overhead", "", overhead, ""]
    parts += ["## Machine", ""] + [f"- {k}: {'`' + v + '`' if k == 'Command' else v}" for k, v in machine] + [""]
    return "\n".join(parts)
