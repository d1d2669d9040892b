#!/usr/bin/env python3
"""Turns one [[bench]] of a rebar definition file into KLV, the input of a
rebar engine runner (docs/KLV.md in the rebar data).

Library use (the driver imports this):
    root = find_root(toml_path)                # the dir holding definitions/
    bench = find_bench(toml_path, "sherlock-en")
    data = klv_for(root, bench, group=group_of(root, toml_path))
    want = expected_count(bench, "rust/regex")

Command line:
    klv.py FILE.toml NAME [--max-time 1s] [--max-warmup-time 1s]
                          [--max-iters N] [--max-warmup-iters N]
                          [--bench-dir DIR] [--expected-count ENGINE]
writes the KLV to stdout (or, with --expected-count, the count the
definition expects from ENGINE). Haystack and regex files are looked up
beside the `definitions` directory holding FILE, or under --bench-dir
(e.g. bench/work for bench/definitions, whose haystacks are
generated there).

Patterns and haystacks are resolved exactly as rebar's
src/format/benchmarks.rs does: regex files (`path`, `literal`, `per-line`,
`prepend`, `append`), haystack files and inline contents (`utf8-lossy`,
`trim`, `line-start`, `line-end`, `repeat`, `prepend`, `append`), and
per-engine counts, where the first entry whose `engine` regex matches the
whole engine name wins.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path

# rebar's own defaults for `rebar measure`.
DEFAULT_MAX_ITERS = 1_000_000
DEFAULT_MAX_WARMUP_ITERS = 1_000_000
DEFAULT_MAX_TIME_NS = 3_000_000_000
DEFAULT_MAX_WARMUP_TIME_NS = 1_000_000_000


class KlvError(Exception):
    """A definition that cannot be turned into KLV, with the reason."""


# ---------------------------------------------------------------- locating


def find_root(toml_path):
    """The benchmark directory of a definition file: the parent of the
    nearest enclosing `definitions` directory (it also holds haystacks/ and
    regexes/)."""
    path = Path(toml_path).resolve()
    for parent in path.parents:
        if parent.name == "definitions":
            return parent.parent
    raise KlvError(f"{toml_path} is not inside a 'definitions' directory")


def group_of(root, toml_path):
    """rebar's group name: the path below definitions/, without .toml."""
    rel = Path(toml_path).resolve().relative_to(Path(root).resolve() / "definitions")
    return rel.with_suffix("").as_posix()


def load_benches(toml_path):
    """Every [[bench]] table of a definition file."""
    try:
        with open(toml_path, "rb") as f:
            doc = tomllib.load(f)
    except OSError as e:
        raise KlvError(f"cannot read {toml_path}: {e.strerror}") from None
    except tomllib.TOMLDecodeError as e:
        raise KlvError(f"{toml_path} is not valid TOML: {e}") from None
    benches = doc.get("bench", [])
    if not isinstance(benches, list) or not all(isinstance(b, dict) for b in benches):
        raise KlvError(f"{toml_path}: 'bench' must be an array of tables")
    return benches


def find_bench(toml_path, name):
    """The [[bench]] table called `name` (its local name) in a file."""
    benches = load_benches(toml_path)
    for b in benches:
        if b.get("name") == name:
            return b
    names = ", ".join(str(b.get("name")) for b in benches) or "none"
    raise KlvError(f"{toml_path} has no benchmark named '{name}' (it has: {names})")


# ---------------------------------------------------------------- patterns

# regex_syntax::is_meta_character: what rebar's `literal = true` escapes.
_META = set("\\.+*?()|[]{}^$#&-~")


def _escape(pattern):
    return "".join("\\" + c if c in _META else c for c in pattern)


def _rust_lines(text):
    """Rust's str::lines(): split on '\\n', drop one '\\r' before it, and no
    empty last line after a final '\\n'."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _str_list(value, what):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return list(value)
    raise KlvError(f"{what} must be a string or an array of strings")


def _transform_patterns(pats, opts):
    if opts.get("literal", False):
        pats = [_escape(p) for p in pats]
    if "prepend" in opts:
        pats = [opts["prepend"] + p for p in pats]
    if "append" in opts:
        pats = [p + opts["append"] for p in pats]
    return pats


def patterns_for(root, bench):
    """The list of patterns a benchmark hands to the engine."""
    regex = bench.get("regex")
    if regex is None:
        raise KlvError(f"benchmark '{bench.get('name')}' has no 'regex'")
    if not isinstance(regex, dict):
        return _str_list(regex, "'regex'")
    if "path" in regex and "patterns" in regex:
        raise KlvError(f"benchmark '{bench.get('name')}' defines both 'patterns' and 'path'")
    if "patterns" in regex:
        return _transform_patterns(_str_list(regex["patterns"], "'regex.patterns'"), regex)
    if "path" not in regex:
        raise KlvError(f"missing regex patterns for benchmark '{bench.get('name')}'")
    path = Path(root) / "regexes" / regex["path"]
    try:
        raw = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise KlvError(f"failed to read regex at {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise KlvError(f"regex file {path} is not valid UTF-8") from None
    per_line = regex.get("per-line", "none")
    if per_line == "none":
        return _transform_patterns([raw.strip()], regex)
    if per_line == "alternate":
        pats = _transform_patterns(_rust_lines(raw), regex)
        return ["|".join(f"(?:{p})" for p in pats)]
    if per_line == "pattern":
        return _transform_patterns(_rust_lines(raw), regex)
    raise KlvError(f"unknown per-line value '{per_line}' (expected alternate or pattern)")


# --------------------------------------------------------------- haystacks

# Rust's char::is_whitespace (the Unicode White_Space property), which is
# what rebar's `trim` strips; Python's str.strip() strips a different set.
_WHITE_SPACE = set(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _trim(raw):
    # surrogateescape keeps invalid bytes as they are; they are not white
    # space, so trimming stops at them as bstr's trim_with does.
    text = raw.decode("utf-8", "surrogateescape")
    start, end = 0, len(text)
    while start < end and text[start] in _WHITE_SPACE:
        start += 1
    while end > start and text[end - 1] in _WHITE_SPACE:
        end -= 1
    return text[start:end].encode("utf-8", "surrogateescape")


def _lines_with_terminator(raw):
    """bstr's lines_with_terminator(): each line keeps its '\\n'; a last
    line without one counts if it is not empty. (bytes.splitlines would
    also split on '\\r' and others.)"""
    lines = raw.split(b"\n")
    last = lines.pop()
    return [line + b"\n" for line in lines] + ([last] if last else [])


def _transform_haystack(raw, opts):
    if opts.get("utf8-lossy", False):
        raw = raw.decode("utf-8", "replace").encode("utf-8")
    if opts.get("trim", False):
        raw = _trim(raw)
    start, end = opts.get("line-start"), opts.get("line-end")
    if start is not None or end is not None:
        lines = _lines_with_terminator(raw)
        raw = b"".join(lines[:end][start:])
    if "repeat" in opts:
        raw = raw * opts["repeat"]
    if "prepend" in opts:
        raw = opts["prepend"].encode("utf-8") + raw
    if "append" in opts:
        raw = raw + opts["append"].encode("utf-8")
    return raw


def haystack_for(root, bench):
    """The haystack bytes a benchmark hands to the engine."""
    hay = bench.get("haystack")
    if isinstance(hay, str):
        return hay.encode("utf-8")
    if not isinstance(hay, dict):
        raise KlvError(f"benchmark '{bench.get('name')}' has no valid 'haystack'")
    if "path" in hay and "contents" in hay:
        raise KlvError(f"benchmark '{bench.get('name')}' defines both 'contents' and 'path'")
    if "contents" in hay:
        raw = hay["contents"].encode("utf-8")
    elif "path" in hay:
        path = Path(root) / "haystacks" / hay["path"]
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise KlvError(f"failed to read haystack at {path}: {e.strerror}") from None
    else:
        raise KlvError(f"missing haystack for benchmark '{bench.get('name')}'")
    return _transform_haystack(raw, hay)


# ------------------------------------------------------------------ counts


def expected_count(bench, engine):
    """The count the definition expects from `engine` (first matching entry
    of a per-engine list, its regex anchored at both ends)."""
    count = bench.get("count")
    if isinstance(count, int):
        return count
    if isinstance(count, list):
        for entry in count:
            if re.fullmatch(entry["engine"], engine):
                return entry["count"]
        raise KlvError(f"benchmark '{bench.get('name')}' lists no count for engine '{engine}'")
    raise KlvError(f"benchmark '{bench.get('name')}' has no valid 'count'")


# --------------------------------------------------------------------- KLV


def _item(key, value):
    if isinstance(value, str):
        value = value.encode("utf-8")
    return key.encode("utf-8") + b":" + str(len(value)).encode() + b":" + value + b"\n"


def klv_for(
    definition_dir_root,
    bench_table,
    *,
    group=None,
    max_iters=DEFAULT_MAX_ITERS,
    max_warmup_iters=DEFAULT_MAX_WARMUP_ITERS,
    max_time_ns=DEFAULT_MAX_TIME_NS,
    max_warmup_time_ns=DEFAULT_MAX_WARMUP_TIME_NS,
):
    """The KLV bytes for one benchmark, with the keys in the order rebar
    writes them. `group` (e.g. "curated/01-literal") makes the name the
    full rebar name; durations are integer nanoseconds, as rebar writes."""
    local = bench_table.get("name")
    model = bench_table.get("model")
    if not isinstance(local, str) or not isinstance(model, str):
        raise KlvError("a benchmark needs a string 'name' and 'model'")
    out = [_item("name", f"{group}/{local}" if group else local), _item("model", model)]
    out += [_item("pattern", p) for p in patterns_for(definition_dir_root, bench_table)]
    for key in ("case-insensitive", "unicode"):
        out.append(_item(key, "true" if bench_table.get(key, False) else "false"))
    out.append(_item("haystack", haystack_for(definition_dir_root, bench_table)))
    out.append(_item("max-iters", str(max_iters)))
    out.append(_item("max-warmup-iters", str(max_warmup_iters)))
    out.append(_item("max-time", str(max_time_ns)))
    out.append(_item("max-warmup-time", str(max_warmup_time_ns)))
    return b"".join(out)


_UNITS = {"ns": 1, "us": 1_000, "µs": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000}


def parse_duration(text):
    """'1s', '500ms', '2.5s', '100us', '10ns' -> integer nanoseconds."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]*)?)\s*(ns|us|µs|ms|s|m)\s*", text)
    if not m:
        raise KlvError(f"bad duration '{text}' (examples: 3s, 500ms, 100us, 10ns)")
    return round(float(m.group(1)) * _UNITS[m.group(2)])


def main(argv):
    ap = argparse.ArgumentParser(description="Write one rebar benchmark as KLV on stdout.")
    ap.add_argument("file", help="a definition file, e.g. definitions/curated/01-literal.toml")
    ap.add_argument("name", help="the benchmark's name inside the file, e.g. sherlock-en")
    ap.add_argument("--max-time", default="3s", help="default 3s")
    ap.add_argument("--max-warmup-time", default="1s", help="default 1s")
    ap.add_argument("--max-iters", type=int, default=DEFAULT_MAX_ITERS)
    ap.add_argument("--max-warmup-iters", type=int, default=DEFAULT_MAX_WARMUP_ITERS)
    ap.add_argument("--bench-dir", help="the directory holding haystacks/ and regexes/ "
                    "(default: the parent of the definitions directory holding FILE)")
    ap.add_argument(
        "--expected-count",
        metavar="ENGINE",
        help="print the count the definition expects from ENGINE instead of KLV",
    )
    args = ap.parse_args(argv)
    try:
        bench = find_bench(args.file, args.name)
        if args.expected_count:
            print(expected_count(bench, args.expected_count))
            return 0
        root = find_root(args.file)
        if args.max_iters < 0 or args.max_warmup_iters < 0:
            raise KlvError("iteration limits must not be negative")
        data = klv_for(
            args.bench_dir or root,
            bench,
            group=group_of(root, args.file),
            max_iters=args.max_iters,
            max_warmup_iters=args.max_warmup_iters,
            max_time_ns=parse_duration(args.max_time),
            max_warmup_time_ns=parse_duration(args.max_warmup_time),
        )
    except KlvError as e:
        print(f"klv.py: error: {e}", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
