"""The bars of issue 7, evaluated from the measured cells: each gives PASS
or MISS with the numbers it compared, or NO DATA when a cell it needs is
missing (a runner that was not built, or a cell left out)."""
from dataclasses import dataclass

from units import duration, haystack_bytes, phrase_count, ratio

FERREX_WITHIN = 1.10  # Zig->ferrex and C->ferrex vs Rust native, at most
PCRE2_SPEEDUP = 10.0  # Zig->ferrex vs Zig->PCRE2 interpreter, at least
LINEAR_SPEEDUP = 10.0  # Zig->ferrex vs the Zig linear phrase loop, at least


@dataclass
class Verdict:
    status: str  # PASS, MISS or NO DATA
    text: str


def _rows(results, workload, size_ok):
    return [r for r in results.rows if r[0] == workload and size_ok(r[1])]


def _at_least_4k(size):
    n = haystack_bytes(size)
    return n is not None and n >= 4096


def _any_size(size):
    return True


def _compare(results, row, impl, other, passes, describe):
    """Verdict on impl's time a vs other's time b: passes(a / b) decides,
    describe(a / b) says how they compare."""
    a, b = results.value(row, impl), results.value(row, other)
    label = f"{row[0]} {row[1]}: {impl} vs {other}"
    if a is None or b is None:
        missing = " and ".join(i for i, v in ((impl, a), (other, b)) if v is None)
        return Verdict("NO DATA", f"{label}: no {missing} cell")
    return Verdict("PASS" if passes(a / b) else "MISS", f"{label}: {duration(a)} vs {duration(b)}, {describe(a / b)}")


def _within(limit):
    return (lambda r: r <= limit), (lambda r: f"{ratio(r)} the time (bar: <= {limit:.2f}x)")


def _faster_by(factor):
    return (lambda r: 1 / r >= factor), (lambda r: f"{ratio(1 / r)} faster (bar: >= {factor:.0f}x)")


def _faster():
    return (lambda r: r < 1), (lambda r: f"{ratio(1 / r)} faster (bar: > 1x)")


def evaluate(results):
    """[(bar description, [Verdict...])] for the four bars of the issue."""
    regex_4k = _rows(results, "regex_complex_long", _at_least_4k)
    phrase_4k = _rows(results, "phrase_match_large", _at_least_4k)
    phrase_1000 = _rows(results, "phrase_match_large", lambda s: phrase_count(s) == 1000)
    phrase_all = _rows(results, "phrase_match_large", _any_size)
    return [
        (
            f"Zig->ferrex and C->ferrex within {FERREX_WITHIN:.2f}x of Rust native "
            "(regex_complex_long and phrase_match_large, 4 KB and above)",
            [_compare(results, row, impl, "rust-native", *_within(FERREX_WITHIN))
             for impl in ("zig-ferrex", "c-ferrex") for row in regex_4k + phrase_4k],
        ),
        (
            f"Zig->ferrex at least {PCRE2_SPEEDUP:.0f}x faster than Zig->PCRE2 interpreter "
            "(regex_complex_long, 4 KB and above)",
            [_compare(results, row, "zig-ferrex", "zig-pcre2", *_faster_by(PCRE2_SPEEDUP)) for row in regex_4k],
        ),
        (
            f"Zig->ferrex at least {LINEAR_SPEEDUP:.0f}x faster than the Zig linear loop "
            "(phrase_match_large, 1,000 phrases)",
            [_compare(results, row, "zig-ferrex", "zig-linear", *_faster_by(LINEAR_SPEEDUP)) for row in phrase_1000],
        ),
        (
            "Python->ferrex faster than Python re (regex_complex_long 4 KB and above; phrase_match_large)",
            [_compare(results, row, "python-ferrex", "python-re", *_faster()) for row in regex_4k + phrase_all],
        ),
    ]


def call_overhead(results):
    """One sentence on the Python->ferrex per-call cost, from the
    is-match-on-empty row, or None when that row lacks the cells."""
    rows = [r for r in results.rows if results.kind[r] == "is-match-empty"]
    if not rows:
        return None
    row = rows[0]
    py_fx, py_re = results.value(row, "python-ferrex"), results.value(row, "python-re")
    if py_fx is None or py_re is None:
        return None
    text = (f"Call overhead ({row[0]}/{row[1]}): Python->ferrex takes {duration(py_fx)} per is-match call on an "
            f"empty haystack, Python re's pattern.search(\"\") takes {duration(py_re)} ({ratio(py_fx / py_re)} the "
            "time of Python re)")
    for impl, language in (("c-ferrex", "C"), ("zig-ferrex", "Zig")):
        ns = results.value(row, impl)
        if ns is not None:
            text += (f"; the same call from {language} takes {duration(ns)}, so crossing from Python through "
                     f"cffi (ABI mode) costs about {duration(max(py_fx - ns, 0.0))} per call")
            break
    return text + "."
