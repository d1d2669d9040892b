"""Reads WORK_DIR/manifest.tsv as bench/seed/gen.py writes it: one workload
per line, tab-separated: workload, size, kind, arg1, arg2 ('-' = unused)."""
import os
from dataclasses import dataclass

KINDS = ("regex-count", "phrase-count", "lowercase", "is-match-empty")


class ManifestError(Exception):
    pass


@dataclass
class Row:
    workload: str
    size: str
    kind: str
    arg1: str  # a path inside the work directory, or None
    arg2: str

    @property
    def name(self):
        """What `--only` selects the row by."""
        return f"{self.workload}/{self.size}"

    def need(self, which):
        """arg1 or arg2, which this row's kind requires."""
        path = getattr(self, which)
        if path is None:
            raise ManifestError(f"{self.name}: kind {self.kind} needs {which}")
        return path


def read(work_dir):
    path = os.path.join(work_dir, "manifest.tsv")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise ManifestError(f"cannot read {path}: {e.strerror} (run bench/seed/gen.py {work_dir} first)")
    rows = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ManifestError(
                f"{path}:{i}: expected 5 tab-separated fields (workload, size, kind, arg1, arg2), found {len(fields)}"
            )
        workload, size, kind, arg1, arg2 = fields
        if kind not in KINDS:
            raise ManifestError(f"{path}:{i}: unknown kind {kind!r} (known: {', '.join(KINDS)})")
        arg = lambda s: None if s == "-" else os.path.join(work_dir, s)
        rows.append(Row(workload, size, kind, arg(arg1), arg(arg2)))
    return rows


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ManifestError(f"cannot read {path}: {e.strerror}")


def read_text(path):
    """The file as a str: Python re and str.lower work on text."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ManifestError(f"{path} is not valid UTF-8: {e}")


def phrase_lines(data):
    """The phrases of a phrase file (bytes or str): its lines, each ended by
    a newline (as the Rust and Zig runners split them), so the file's final
    newline does not make an empty phrase."""
    newline = "\n" if isinstance(data, str) else b"\n"
    if data.endswith(newline):
        data = data[:-1]
    return data.split(newline)
