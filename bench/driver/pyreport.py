"""Writes the Python comparison (driver.py --report python, for `make
bench-python`): python.md and the console summary. Every engine is a
Python engine run by bench/engines/python/runner.py; times are medians per call,
compared with `re` and with the issue's bars (issue 16)."""
import report
from engines import FAILED, OK, SKIPPED

BASE = "python-re"
FERREX = "python-ferrex"
PHRASES = "python-ferrex-phrases"
# The seed note's FFI figures (/work/shared/seed: "3.1 Approaches Tested").
SEED_FFI = {"python-ferrex-cffi-abi": "cffi ~0.5 us", "python-ferrex-cext": "C-API ~0.3 us",
            "python-ferrex-zig": "HPy + C shim ~0.22 us"}
FFI_ROWS = [("python-ferrex-cffi-abi", "cffi, ABI mode (declared from ferrex.h as gcc -E preprocesses it)"),
            ("python-ferrex-cext", "C extension (the package's, called directly)"),
            ("python-ferrex-zig", "C shim + Zig glue (python/zigglue)"),
            ("python-ferrex", "the package's public API (`ferrex.compile(...).search`)"),
            (BASE, "`re` (for scale)")]
FFI_COLS = ["calls/call-noop", "seed/call-overhead-empty", "calls/is-match-16b", "calls/search-16b"]


def median(res, bench, engine):
    r = res.by.get((bench, engine))
    return r.outcome.median_ns if r is not None and r.outcome.status == OK else None


def cell(res, row):
    o = row.outcome
    if o.status != OK:
        return report.cell(row)
    base = median(res, row.bench.full_name, BASE)
    speed = f" ({report.fmt_ratio(base / o.median_ns)})" if base and row.engine.name != BASE else ""
    return report.fmt_time(o.median_ns) + speed


def grid(res):
    return res.grid(lambda row: cell(res, row))


def why_not(res, bench, engine):
    r = res.by.get((bench, engine))
    if r is None:
        return "not run (engine not selected)"
    return f"{r.outcome.status}: {r.outcome.detail}" if r.outcome.detail else r.outcome.status


def bars(res):
    """(verdict lines) for the issue's bars, ferrex's package first; the
    other ferrex bindings as context."""
    out = []
    t, b = median(res, "calls/search-16b", FERREX), median(res, "calls/search-16b", BASE)
    if t and b:
        out.append(f"{'PASS' if t <= b else 'MISS'}: 16-byte search no slower than re: ferrex "
                   f"{report.fmt_time(t)} vs re {report.fmt_time(b)} ({t / b:.2f}x re's time)")
    else:
        out.append(f"n/a: 16-byte search: ferrex {why_not(res, 'calls/search-16b', FERREX)}")
    for size in ("4KB", "1MB"):
        name = f"seed/regex-complex-long-{size}"
        b = median(res, name, BASE)
        for eng in (FERREX, "python-ferrex-zig", "python-ferrex-cffi-abi"):
            t = median(res, name, eng)
            label = eng.replace("python-", "")
            if t and b:
                verdict = "PASS" if b / t >= 10 else "MISS"
                out.append(f"{verdict if eng == FERREX else '  (context)'}: regex_complex_long {size.upper()}: "
                           f"{label} {report.fmt_time(t)} vs re {report.fmt_time(b)}, {b / t:.1f}x faster (bar: >= 10x)")
            elif eng == FERREX:
                out.append(f"n/a: regex_complex_long {size.upper()}: ferrex {why_not(res, name, eng)}")
    for n in ("1000", "10000"):
        name = f"seed/phrase-match-large-{n}x100KB"
        b = median(res, name, "python-ahocorasick-rs")
        for eng in (PHRASES, "python-ferrex-cffi-abi"):
            t = median(res, name, eng)
            label = eng.replace("python-", "")
            if t and b:
                verdict = "PASS" if t <= b else "MISS"
                out.append(f"{verdict if eng == PHRASES else '  (context)'}: phrase_match_large {n}: {label} "
                           f"{report.fmt_time(t)} vs ahocorasick-rs {report.fmt_time(b)} ({t / b:.2f}x its time; bar: <= 1)")
            elif eng == PHRASES:
                out.append(f"n/a: phrase_match_large {n}: ferrex {why_not(res, name, eng)}")
    return out


def ffi_table(res):
    head = ["binding"] + [c.split("/")[1] for c in FFI_COLS] + ["seed note"]
    body = []
    for eng, label in FFI_ROWS:
        if eng not in {e.name for e in res.engines}:
            continue
        line = [label]
        for c in FFI_COLS:
            t = median(res, c, eng)
            line.append(report.fmt_time(t) if t else "-")
        line.append(SEED_FFI.get(eng, ""))
        body.append(line)
    return head, body


def print_console(res, out):
    print(report.text_table(*grid(res)), file=out)
    print("\ncells: median time per call (re's time / this time: above 1 = faster than re)", file=out)
    print("\nPer-call cost by binding:", file=out)
    print(report.text_table(*ffi_table(res)), file=out)
    print("\nThe bars of issue 16:\n" + "\n".join(bars(res)), file=out)
    fails = res.engine_problems(FAILED)
    for r in fails:
        print(f"FAIL {r.bench.full_name} {r.engine.rebar_name}: {r.outcome.status}: {r.outcome.detail}", file=out)


def write_md(res, path, meta):
    L = ["# ferrex from Python: against re and the Python peers\n",
         f"Written by `bench/driver/driver.py --report python` on {meta['date']}. Command:\n",
         f"    {meta['command']}\n",
         report.md_table(["", ""], [
             ["CPU", meta["cpu"]], ["cores (logical)", meta["cores"]], ["kernel", meta["kernel"]],
             ["definitions", meta["defs"]], ["per run", meta["limits"]],
             ["rounds", f"{meta['rounds']} (each benchmark's engines in turn; the median of the run medians)"],
         ]) + "\n",
         "Each engine is `bench/engines/python/runner.py --engine NAME` (rebar's KLV protocol), one process "
         "per run; a sample is a batch of calls timed together, reported per call. On a shared 2-core "
         "machine, treat ratios within ~1.1x as ties.\n",
         "## Engines\n",
         report.md_table(["engine", "version (from --version)"],
                         [[e.rebar_name, meta["versions"].get(e.name, "?")] for e in res.engines]) + "\n",
         "## The bars of issue 16\n",
         "\n".join(f"- {line.strip()}" for line in bars(res)) + "\n",
         "## Per-call cost by binding (the seed's FFI table, today)\n",
         "Median ns per call. call-noop is each binding's cheapest call into libferrex "
         "(`ferrex_version_number()` through cffi and the Zig glue; the C extension has no such call, "
         "so its cell is `version()`, a C string made into a str); is-match-empty is the seed table's "
         "call_overhead row (is-match on an empty haystack); is-match-16b and search-16b are `[a-z]+ing` "
         "over `\"xx 1234 walking \"`.\n",
         report.md_table(*ffi_table(res)) + "\n",
         "## Per benchmark\n",
         "Median time per call, and in parentheses re's time divided by it (above 1: faster than re). "
         "python/re is `re`, and `str.lower` for lowercase. refused = the engine cannot run that model "
         "(the reason is under Skips); - = not listed for that benchmark.\n",
         report.md_table(*grid(res)) + "\n",
         "Counts that differ by design (the definitions list them per engine): hyperscan reports every "
         "match end (overlapping, no leftmost-first); pyahocorasick's `iter_long` is not exactly "
         "leftmost-longest (9 and 48 fewer phrase matches than the other engines).\n",
         "## Failures\n"]
    fails = res.engine_problems(FAILED)
    L.append(report.md_table(["benchmark", "engine", "status", "detail"],
                             [[r.bench.full_name, r.engine.rebar_name, r.outcome.status, r.outcome.detail]
                              for r in fails]) + "\n" if fails else
             "None: every engine that ran reported the definition's count on every sample.\n")
    skips = [r for r in res.engine_problems(SKIPPED) if r.outcome.status != "not-listed"]
    L.append("## Skips\n")
    L.append(report.md_table(["benchmark", "engine", "status", "reason"],
                             [[r.bench.full_name, r.engine.rebar_name, r.outcome.status, r.outcome.detail]
                              for r in skips]) + "\n" if skips else "None.\n")
    if res.unrunnable:
        L.append(report.md_table(["benchmark not run", "reason"],
                                 [[b.full_name, b.problem] for b in res.unrunnable]) + "\n")
    with open(path, "w") as f:
        f.write("\n".join(L))
