"""python/examples/parallel_grep.py: run as a program with 2 workers on a
generated file of a few MB, its output equals what re finds line by
line; its chunks are line-aligned and cover the file."""
import importlib.util
import os
import random
import re
import signal
import subprocess
import sys

import pytest

EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "parallel_grep.py")


def _load_example():
    spec = importlib.util.spec_from_file_location("parallel_grep", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def log_file(tmp_path_factory):
    """About 3 MB of log lines: words, numbers, UTF-8, empty lines, one
    line of 200 KB (longer than a chunk step of small files), and no
    newline at the end."""
    rng = random.Random(16)
    words = ["alpha", "beta", "walking", "timeout", "ERROR", "error", "café", "Ünïcode", "id=", "ms", ""]
    lines = []
    size = 0
    while size < 3 << 20:
        kind = rng.random()
        if kind < 0.02:
            line = f"ERROR timeout after {rng.randint(1, 99999)} ms"
        elif kind < 0.03:
            line = ""
        else:
            line = " ".join(rng.choice(words) + (str(rng.randint(0, 999)) if rng.random() < 0.2 else "")
                            for _ in range(rng.randint(1, 12)))
        lines.append(line)
        size += len(line) + 1
    lines.insert(len(lines) // 2, "x" * 200_000 + " timeout after 7 ms")
    data = "\n".join(lines).encode("utf-8")
    path = tmp_path_factory.mktemp("grep") / "big.log"
    path.write_bytes(data)
    return path


def _re_lines(path, pattern, flags=0):
    """What grep -n prints: the matching lines, searched one by one with re."""
    data = path.read_bytes()
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()
    return [b"%d:%s" % (i, line) for i, line in enumerate(lines, 1) if re.search(pattern, line, flags)]


def _run(*args):
    r = subprocess.run([sys.executable, EXAMPLE, "-j", "2", *args], capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    return r.stdout.splitlines()


@pytest.mark.parametrize("pattern", [
    rb"timeout after \d+ ms",
    rb"^ERROR",                   # ^ at each line's start (MULTILINE)
    rb"walking\d*$",              # $ at each line's end
    "caf\u00e9 \u00dc".encode(),  # UTF-8 in the pattern
    rb"^$",                       # empty lines
    rb"no such text",
])
def test_output_equals_re_line_by_line(log_file, pattern):
    want = _re_lines(log_file, pattern, re.M)
    got = _run(pattern.decode(), str(log_file))
    assert got == want
    if pattern != rb"no such text":
        assert want  # the file has matches for it


def test_count_and_ignore_case(log_file):
    want = len(_re_lines(log_file, rb"error", re.I))
    assert want > 1000
    assert _run("-c", "-i", "error", str(log_file)) == [b"%d" % want]
    assert _run("-c", "error", str(log_file)) == [b"%d" % len(_re_lines(log_file, rb"error"))]


def test_bad_pattern_or_file_is_an_error_not_a_crash(log_file, tmp_path):
    r = subprocess.run([sys.executable, EXAMPLE, r"(\w+) \1", str(log_file)], capture_output=True, timeout=60)
    assert r.returncode == 2
    assert b"bad pattern" in r.stderr and b"backreferences" in r.stderr
    missing = str(tmp_path / "missing.log")
    r = subprocess.run([sys.executable, EXAMPLE, "x", missing], capture_output=True, timeout=60)
    assert r.returncode == 2 and r.stdout == b""
    assert b"No such file" in r.stderr and b"Traceback" not in r.stderr


def test_chunks_are_line_aligned_and_cover_the_file(log_file, tmp_path):
    grep = _load_example()
    data = log_file.read_bytes()
    for workers in (1, 2, 7):
        chunks = grep.line_aligned_chunks(str(log_file), workers)
        assert chunks[0][0] == 0 and chunks[-1][1] == len(data)
        for (s1, e1), (s2, e2) in zip(chunks, chunks[1:]):
            assert e1 == s2 and s1 < e1
            assert data[e1 - 1:e1] == b"\n"
        assert len(chunks) <= workers * grep.CHUNKS_PER_WORKER
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    assert grep.line_aligned_chunks(str(empty), 2) == []
    one = tmp_path / "one"
    one.write_bytes(b"no newline at all")
    assert grep.line_aligned_chunks(str(one), 4) == [(0, 17)]


def test_a_reader_that_leaves_early_stops_it_quietly(log_file, tmp_path):
    # `parallel_grep.py ... | head -1`: the pipe closes after one line, and
    # the program must exit 1 at once, quietly. Its teardown once raced
    # with the workers and hung (multiprocessing.Pool.terminate killed a
    # worker in the middle of its reply), so this runs it a few times, and
    # each run is bounded: stderr goes to a file (a pipe would wait for the
    # workers too) and a program still running after 60 s is killed with
    # its workers, failing the test rather than hanging it.
    for run in range(3):
        err_path = tmp_path / f"stderr{run}"
        with open(err_path, "wb") as err_file:
            p = subprocess.Popen([sys.executable, EXAMPLE, "-j", "2", "e", str(log_file)],
                                 stdout=subprocess.PIPE, stderr=err_file, start_new_session=True)
        try:
            first = p.stdout.readline()
            p.stdout.close()
            status = p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            pytest.fail(f"run {run}: still running 60 s after its reader left")
        err = err_path.read_bytes()
        assert status == 1, (run, status, err.decode(errors="replace"))
        assert first.startswith(b"1:") and b"Traceback" not in err, err.decode(errors="replace")
