#!/usr/bin/env python3
"""Writes the output of the Benchmark Game's `fasta` program: the haystack
of rebar's regex-redux benchmark (rebar's haystacks/imported/
regex-redux-100000.fasta is `fasta` run with n = 100000; the curated data
this project reads does not ship it).

    python3 bench/driver/fasta.py [N] [--out PATH]

writes the sequences for N (default 100000) to stdout, or with --out to
PATH, replaced atomically (directories made as needed). The output is
fully determined by N: the random sequences come from the fixed linear
congruential generator the Benchmark Game specifies, so the file is made
on demand rather than stored. For N = 100000 it is 1,016,745 bytes.

The three sequences, each a '>' header line and then lines of 60 bases:
  ONE    2N bases: the ALU sequence repeated;
  TWO    3N bases: drawn from the IUB ambiguity codes' frequencies;
  THREE  5N bases: drawn from Homo sapiens' base frequencies.
TWO and THREE draw from one generator, in that order.
"""

import argparse
import bisect
import os
import sys

LINE_WIDTH = 60

# The generator: last = (last * IA + IC) mod IM, starting from SEED.
IM, IA, IC, SEED = 139968, 3877, 29573, 42

ALU = (
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
    "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
    "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
    "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
    "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
    "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
    "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"
)

IUB = [("a", 0.27), ("c", 0.12), ("g", 0.12), ("t", 0.27)] + [
    (code, 0.02) for code in "BDHKMNRSVWY"
]

HOMO_SAPIENS = [
    ("a", 0.3029549426680),
    ("c", 0.1979883004921),
    ("g", 0.1975473066391),
    ("t", 0.3015094502008),
]


class Generator:
    """The Benchmark Game's random numbers in [0, 1): each is the new state
    divided by IM, in double precision as the reference programs compute it."""

    def __init__(self):
        self.last = SEED

    def next(self):
        self.last = (self.last * IA + IC) % IM
        return self.last / IM


def repeated(source, n):
    """The first n characters of `source` repeated end to end."""
    whole, part = divmod(n, len(source))
    return source * whole + source[:part]


def drawn(table, n, rng):
    """n characters drawn from `table`'s frequencies: a number r picks the
    first character whose cumulative probability (summed in table order)
    exceeds r. Rounding can leave the last sum just under 1, so a number
    past every sum picks the last character."""
    chars, cumulative, total = [], [], 0.0
    for char, p in table:
        total += p
        chars.append(char)
        cumulative.append(total)
    last = len(chars) - 1
    # bisect_right finds the first sum strictly greater than r.
    return "".join(chars[min(bisect.bisect_right(cumulative, rng.next()), last)] for _ in range(n))


def section(header, bases):
    lines = [bases[i:i + LINE_WIDTH] for i in range(0, len(bases), LINE_WIDTH)]
    return ">" + header + "\n" + "".join(line + "\n" for line in lines)


def fasta(n):
    """The whole output for n, as bytes."""
    rng = Generator()
    return "".join([
        section("ONE Homo sapiens alu", repeated(ALU, 2 * n)),
        section("TWO IUB ambiguity codes", drawn(IUB, 3 * n, rng)),
        section("THREE Homo sapiens frequency", drawn(HOMO_SAPIENS, 5 * n, rng)),
    ]).encode("ascii")


def write_atomically(path, data):
    """Readers never see a half-written file, even if this is interrupted."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv):
    ap = argparse.ArgumentParser(description="Write the Benchmark Game's fasta output for N.")
    ap.add_argument("n", nargs="?", type=int, default=100_000, help="default 100000")
    ap.add_argument("--out", help="write to this file (atomically) instead of stdout")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must not be negative")
    data = fasta(args.n)
    if args.out:
        write_atomically(args.out, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
