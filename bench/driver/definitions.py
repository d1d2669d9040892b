"""Finds rebar benchmark definitions (docs/FORMAT.md of the rebar data) in a
directory tree and checks each [[bench]] before it is run.

Resolving a definition (patterns, haystack bytes, the count an engine must
report, the KLV bytes) is klv.py's job; this module adds what a whole run
needs around it: every *.toml found recursively, rebar's group/name, strict
checking of keys and value types (an option klv.py does not know would
otherwise be ignored silently and the expected count would be meaningless),
and telling a missing haystack or regex file apart from a broken definition.

A definition that cannot be run does not stop the run: it becomes a
Benchmark with `problem` set, which the driver reports as not run.
"""

import os
import re
import tomllib
from dataclasses import dataclass, field

import klv

# Keys rebar accepts (its loader denies unknown fields).
BENCH_KEYS = {"model", "name", "regex", "case-insensitive", "unicode",
              "haystack", "count", "engines", "analysis"}
REGEX_KEYS = {"patterns", "path", "literal", "per-line", "prepend", "append"}
HAYSTACK_KEYS = {"contents", "path", "utf8-lossy", "trim", "line-start",
                 "line-end", "repeat", "prepend", "append"}
MODELS = {"compile", "count", "count-spans", "count-captures", "grep",
          "grep-captures", "regex-redux",
          # The project's own (bench/definitions/seed, bench/definitions/python;
          # bench/engines/core/main.c and bench/engines/python/runner.py):
          # one call, one search, lowercasing, a bare call into the library.
          "is-match", "find", "lowercase", "call"}
NAME_RE = re.compile(r"^[-A-Za-z0-9]+$")
KIND_NAMES = {str: "a string", int: "an integer", bool: "a boolean", list: "a list"}


class DefinitionError(Exception):
    """A benchmark definition that cannot be run; the message says why."""


class MissingInput(DefinitionError):
    """A haystack or regex file named by a definition does not exist."""


@dataclass
class Benchmark:
    full_name: str                 # group/name, e.g. curated/01-literal/sherlock-en
    group: str = ""
    table: dict = field(default_factory=dict)   # the [[bench]] table as read
    root: str = ""                 # the directory holding haystacks/ and regexes/
    model: str = ""
    engines: list = field(default_factory=list)  # rebar engine names listed
    haystack: bytes = b""          # resolved, for sizes and throughput
    problem: str = ""              # non-empty: cannot be run, and why
    missing_input: bool = False    # the problem is a missing haystack/regex file

    def expected_count(self, engine_name):
        """The count rebar would expect from `engine_name`, or None when no
        entry matches (rebar refuses to run the engine then)."""
        try:
            return klv.expected_count(self.table, engine_name)
        except klv.KlvError:
            return None

    def klv(self, max_iters, max_warmup_iters, max_time_ns, max_warmup_time_ns):
        return klv.klv_for(self.root, self.table, group=self.group,
                           max_iters=max_iters, max_warmup_iters=max_warmup_iters,
                           max_time_ns=max_time_ns, max_warmup_time_ns=max_warmup_time_ns)


def find_bench_dir(defs_dir):
    """The directory holding haystacks/ and regexes/ for `defs_dir`: the
    nearest ancestor (or the directory itself) that has a haystacks/ folder."""
    d = os.path.abspath(defs_dir)
    while True:
        if os.path.isdir(os.path.join(d, "haystacks")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def group_root(defs_dir, bench_dir):
    """Group names are relative to {bench_dir}/definitions when the
    definitions live under it (so names read curated/01-literal/... as in
    rebar), else relative to the directory given."""
    definitions = os.path.abspath(os.path.join(bench_dir, "definitions"))
    d = os.path.abspath(defs_dir)
    if os.path.commonpath([d, definitions]) == definitions:
        return definitions
    return d


def load_all(defs_dir, bench_dir):
    """Every [[bench]] in every *.toml under `defs_dir` (recursively), in
    path order. Raises DefinitionError only for problems that affect a
    whole file (unreadable TOML, duplicate names)."""
    root = group_root(defs_dir, bench_dir)
    files = []
    for dirpath, dirnames, filenames in os.walk(defs_dir):
        dirnames.sort()
        files += [os.path.join(dirpath, f) for f in filenames if f.endswith(".toml")]
    files.sort()
    benches, seen = [], set()
    for path in files:
        group = os.path.relpath(os.path.splitext(os.path.abspath(path))[0], root)
        group = group.replace(os.sep, "/")
        try:
            with open(path, "rb") as f:
                top = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise DefinitionError(f"{path}: cannot read TOML: {e}") from None
        tables = top.get("bench", [])
        if not isinstance(tables, list):
            raise DefinitionError(f"{path}: 'bench' must be an array of tables")
        for table in tables:
            b = resolve(group, table, bench_dir)
            if b.full_name in seen:
                raise DefinitionError(f"{path}: duplicate benchmark name {b.full_name}")
            seen.add(b.full_name)
            benches.append(b)
    return benches


def resolve(group, table, bench_dir):
    """One [[bench]] table as a Benchmark; problems end up in .problem."""
    local = table.get("name") if isinstance(table, dict) else None
    b = Benchmark(full_name=f"{group}/{local if isinstance(local, str) else '?'}",
                  group=group, root=bench_dir)
    try:
        if not isinstance(table, dict):
            raise DefinitionError("[[bench]] entry is not a table")
        b.table = table
        check(table, bench_dir)
        b.model, b.engines = table["model"], table["engines"]
        # Resolving here (not only when KLV is made) reports unreadable
        # inputs up front and gives the haystack size for throughput.
        klv.patterns_for(bench_dir, table)
        b.haystack = klv.haystack_for(bench_dir, table)
    except klv.KlvError as e:
        b.problem = str(e)
    except DefinitionError as e:
        b.problem = str(e)
        b.missing_input = isinstance(e, MissingInput)
    return b


def check(t, bench_dir):
    """Raises DefinitionError unless the table has rebar's shape; what klv.py
    would choke on (a wrong type) or silently ignore (an unknown key) is
    caught here with a message naming the key."""
    _keys(t, BENCH_KEYS, "")
    for key in ("model", "name", "regex", "haystack", "count", "engines"):
        if key not in t:
            raise DefinitionError(f"missing required key '{key}'")
    if not isinstance(t["name"], str) or not NAME_RE.match(t["name"]):
        raise DefinitionError(f"name {t['name']!r} does not match {NAME_RE.pattern}")
    if _typed(t, "model", str) not in MODELS:
        raise DefinitionError(f"unknown model {t['model']!r}")
    _typed(t, "case-insensitive", bool)
    _typed(t, "unicode", bool)
    engines = _typed(t, "engines", list)
    if not engines or not all(isinstance(e, str) for e in engines):
        raise DefinitionError("'engines' must be a non-empty list of names")
    _check_count(t["count"])
    _check_regex(t["regex"], bench_dir)
    _check_haystack(t["haystack"], bench_dir)


def _keys(t, allowed, where):
    unknown = sorted(set(t) - allowed)
    if unknown:
        raise DefinitionError(f"unsupported {where}key(s) {', '.join(unknown)}")


def _typed(t, key, kind):
    if key not in t:
        return None
    v = t[key]
    # bool is a subclass of int in Python; keep them apart.
    if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
        raise DefinitionError(f"'{key}' must be {KIND_NAMES[kind]}, got {v!r}")
    if kind is int and v < 0:
        raise DefinitionError(f"'{key}' must not be negative, got {v}")
    return v


def _string_or_list(v, what):
    if not (isinstance(v, str) or (isinstance(v, list) and all(isinstance(p, str) for p in v))):
        raise DefinitionError(f"{what} must be a string or a list of strings, got {v!r}")


def _check_count(v):
    if isinstance(v, int) and not isinstance(v, bool):
        if v < 0:
            raise DefinitionError(f"'count' must not be negative, got {v}")
        return
    if not isinstance(v, list):
        raise DefinitionError(f"'count' must be an integer or a list of tables, got {v!r}")
    for entry in v:
        if not isinstance(entry, dict) or set(entry) != {"engine", "count"}:
            raise DefinitionError(f"count entry {entry!r} must have exactly 'engine' and 'count'")
        _typed(entry, "count", int)
        try:
            re.compile(_typed(entry, "engine", str))
        except re.error as e:
            raise DefinitionError(f"count entry engine regex {entry['engine']!r}: {e}") from None


def _check_regex(v, bench_dir):
    if not isinstance(v, dict):
        _string_or_list(v, "'regex'")
        return
    _keys(v, REGEX_KEYS, "regex ")
    _typed(v, "literal", bool)
    _typed(v, "prepend", str)
    _typed(v, "append", str)
    if _typed(v, "per-line", str) not in (None, "none", "alternate", "pattern"):
        raise DefinitionError(f"unknown per-line value {v['per-line']!r}")
    if "patterns" in v:
        _string_or_list(v["patterns"], "'regex.patterns'")
    if "path" in v:
        rel = _typed(v, "path", str)
        if not os.path.isfile(os.path.join(bench_dir, "regexes", rel)):
            raise MissingInput(f"regex file regexes/{rel} is missing")


def _check_haystack(v, bench_dir):
    if isinstance(v, str):
        return
    if not isinstance(v, dict):
        raise DefinitionError(f"'haystack' must be a string or a table, got {v!r}")
    _keys(v, HAYSTACK_KEYS, "haystack ")
    for key in ("contents", "prepend", "append"):
        _typed(v, key, str)
    for key in ("utf8-lossy", "trim"):
        _typed(v, key, bool)
    for key in ("line-start", "line-end", "repeat"):
        _typed(v, key, int)
    if "path" in v:
        rel = _typed(v, "path", str)
        if not os.path.isfile(os.path.join(bench_dir, "haystacks", rel)):
            raise MissingInput(f"haystack file haystacks/{rel} is missing")
