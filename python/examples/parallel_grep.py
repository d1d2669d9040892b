"""parallel_grep.py: search a large file for a regex on every CPU, with
a process pool and ferrex, and print the matching lines in order, as
`grep -n` does.

Usage:
    python parallel_grep.py [-j WORKERS] [-c] [-i] PATTERN FILE

    -j WORKERS  worker processes (default: the number of CPUs)
    -c          print only the number of matching lines
    -i          ignore case

    $ python parallel_grep.py -j 4 'timeout after \\d+ ms' server.log
    1207:2024-05-01 12:00:03 timeout after 5000 ms
    ...

How it works: the file is cut into chunks whose boundaries are moved to
just after a newline, so no line is split. Each task sent to the pool is
(compiled Pattern, file name, chunk start, chunk end): a ferrex Pattern
pickles (as its pattern and flags; unpickling compiles it again in the
worker), so the workers get the very pattern the parent compiled. A
worker reads its chunk, finds the matching lines (one search per
matching line: after a match the search goes on at the next line) and
returns them with their line numbers inside the chunk and the chunk's
line count; the parent adds the line counts of the chunks before, in
order (Executor.map keeps the tasks' order).

The pattern is a bytes pattern (the file is read as bytes, in any
encoding; UTF-8 text in the pattern matches UTF-8 text in the file),
compiled with MULTILINE so that ^ and $ match at the start and end of
each line. A match is reported on the line where it starts (a pattern
such as `a\\sb` can match across a newline, which grep's would not).
"""
import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import ferrex

# A chunk is at most this big (the memory a worker holds at once), and
# there are at least 4 per worker (so an uneven file still keeps all busy).
MAX_CHUNK = 16 << 20
CHUNKS_PER_WORKER = 4


def line_aligned_chunks(path, workers):
    """[(start, end), ...] covering the file, each ending just after a
    newline (or at the end of the file)."""
    size = os.path.getsize(path)
    if size == 0:
        return []
    count = max(workers * CHUNKS_PER_WORKER, -(-size // MAX_CHUNK))
    step = max(1, size // count)
    chunks = []
    start = 0
    with open(path, "rb") as f:
        while start < size:
            end = min(start + step, size)
            if end < size:
                # Move the boundary to just after the next newline.
                f.seek(end)
                while True:
                    block = f.read(1 << 16)
                    if not block:
                        end = size
                        break
                    nl = block.find(b"\n")
                    if nl >= 0:
                        end += nl + 1
                        break
                    end += len(block)
            chunks.append((start, end))
            start = end
    return chunks


def search_chunk(task):
    """In a worker: (lines in the chunk, [(line number in the chunk,
    line), ...] or the number of matching lines when count_only)."""
    pattern, path, start, end, count_only = task
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    found = []
    matched = 0
    lineno = 0  # newlines in data[:pos], counted as pos moves on
    pos = 0
    n = len(data)
    while pos < n:
        m = pattern.search(data, pos)
        if m is None or (m.start() == n and data.endswith(b"\n")):
            break  # (an empty match after the last newline is on no line)
        line_start = data.rfind(b"\n", pos, m.start()) + 1 or pos
        lineno += data.count(b"\n", pos, line_start)
        line_end = data.find(b"\n", m.start())
        if line_end < 0:
            line_end = n
        matched += 1
        if not count_only:
            found.append((lineno, data[line_start:line_end]))
        # The next search starts at the next line.
        pos = line_end + 1
        lineno += 1
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    return lines, (matched if count_only else found)


def parallel_grep(pattern, path, workers, count_only=False):
    """Yields (line number from 1, line without its newline) for each line
    of the file with a match of pattern (a compiled bytes Pattern), in
    order; with count_only, yields the number of such lines once."""
    chunks = line_aligned_chunks(path, workers)
    tasks = [(pattern, path, start, end, count_only) for start, end in chunks]
    first_line = 1
    total = 0
    pool = ProcessPoolExecutor(workers)
    try:
        for lines, found in pool.map(search_chunk, tasks):
            if count_only:
                total += found
            else:
                for lineno, line in found:
                    yield first_line + lineno, line
            first_line += lines
    finally:
        # On an early exit (the reader left and the generator was closed)
        # the chunks not started are cancelled and the running ones finish.
        # No worker is killed: multiprocessing.Pool's terminate() did that,
        # and a worker killed while sending its result left the pool's
        # result thread waiting forever for the rest (seen under load).
        pool.shutdown(wait=True, cancel_futures=True)
    if count_only:
        yield total


def main(argv=None):
    parser = argparse.ArgumentParser(description="Search a large file in parallel (ferrex + a process pool).")
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("-c", "--count", action="store_true", help="print only the number of matching lines")
    parser.add_argument("-i", "--ignore-case", action="store_true")
    parser.add_argument("pattern")
    parser.add_argument("file")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("-j must be at least 1")
    flags = ferrex.MULTILINE | (ferrex.IGNORECASE if args.ignore_case else 0)
    try:
        pattern = ferrex.compile(os.fsencode(args.pattern), flags)
    except ferrex.error as e:
        parser.error(f"bad pattern: {e}")
    out = sys.stdout.buffer
    results = parallel_grep(pattern, args.file, args.workers, count_only=args.count)
    try:
        if args.count:
            for total in results:
                out.write(b"%d\n" % total)
        else:
            for lineno, line in results:
                out.write(b"%d:%s\n" % (lineno, line))
        out.flush()
    except BrokenPipeError:
        # The reader left (`| head`): stop quietly, as grep does; stdout
        # goes to devnull so that Python's exit flush fails no more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as e:  # no such file, not readable, ...
        print(f"{parser.prog}: {e}", file=sys.stderr)
        return 2
    finally:
        # Shuts the pool down now, not whenever the garbage collector
        # finalizes the generator (PyPy has no reference counting).
        results.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
