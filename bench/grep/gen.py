#!/usr/bin/env python3
"""gen.py OUT_DIR: the corpus of `make bench-grep`, generated reproducibly.

  OUT_DIR/tree/   about 330 MB of source-like text in 12,000 files over
                  3 levels of directories (file sizes 1 KB - 200 KB)
  OUT_DIR/big.txt about 100 MB in one file, the same kind of text

The text is lines of identifiers (Zipf-distributed), English words, numbers and punctuation
drawn with a fixed seed (Python's random, which is stable across versions
for `random()`-based calls), with a Greek word in about 1 line in 2,000 and
the rare literal `quixotic_zephyr` about once per 10 MB. Same seed, same
bytes, on any machine: OUT_DIR/SHA256 records the digest of the corpus.
"""
import hashlib
import os
import random
import sys

SEED = 18
# Words that the benchmark's patterns look for, with how often they appear
# (share of words): `return` in ~4% of lines, each word of the alternation
# in ~0.5%, `mutex` in any case in ~0.5%.
FIXED = {"return": 0.005, "mutex": 0.0004, "Mutex": 0.0002, "MUTEX": 0.0001,
         "pthread": 0.0006, "spinlock": 0.0006, "semaphore": 0.0006, "rwlock": 0.0006, "futex": 0.0006}
COMMON = (
    "the of and to in is for on that with as by this be are from at or an it not "
    "struct static const void int char unsigned long size_t buffer length "
    "lock unlock thread queue worker pool cache index value result error "
    "status handle config option parse token stream reader writer table entry "
    "node tree list map set key count total offset start end begin next prev"
).split()
GREEK = "αλφα βήτα γάμμα δέλτα λόγος κόσμος ἀρχή ψυχή".split()
PUNCT = [" = ", "(", ")", "; ", ", ", " { ", " }", " -> ", ".", " + ", " * "]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(rng):
    """Words and cumulative weights: fixed words, then common words and
    5,000 made-up identifiers with Zipf-like weights."""
    words = list(FIXED)
    weights = list(FIXED.values())
    rest = 1.0 - sum(weights)
    made = set()
    while len(made) < 5000:
        made.add("".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 10))))
    others = COMMON + sorted(made)
    zipf = [1.0 / (i + 1) for i in range(len(others))]
    scale = rest / sum(zipf)
    words += others
    weights += [z * scale for z in zipf]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    return words, cum


def make_lines(rng, n):
    """A pool of n lines of 2-14 words; about 3% of the lines have a word
    with digits inside, 1 in 2,000 a Greek word."""
    words, cum = vocabulary(rng)
    lines = []
    for i in range(n):
        k = rng.randint(2, 14)
        parts = []
        for w in rng.choices(words, cum_weights=cum, k=k):
            r = rng.random()
            if r < 0.004:
                w = "%s%d%s" % (w[:3], rng.randint(0, 999), w[3:] or "x")
            elif r < 0.10:
                w = "%s_%s" % (w, rng.choices(words, cum_weights=cum)[0])
            parts.append(w)
            parts.append(rng.choice(PUNCT) if rng.random() < 0.3 else " ")
        indent = "    " * rng.randint(0, 3)
        line = indent + "".join(parts).rstrip()
        if i % 2000 == 7:
            line += " // " + rng.choice(GREEK)
        lines.append(line)
    return lines


def text(rng, pool, size, rare_every):
    out = []
    total = 0
    while total < size:
        chunk = rng.choices(pool, k=256)
        for line in chunk:
            if rng.random() < 64.0 / rare_every:  # lines are ~64 bytes
                line += " quixotic_zephyr"
            out.append(line)
            total += len(line.encode()) + 1
    return ("\n".join(out) + "\n").encode()


def main():
    out_dir = sys.argv[1]
    rng = random.Random(SEED)
    pool = make_lines(rng, 50000)
    digest = hashlib.sha256()
    tree = os.path.join(out_dir, "tree")
    n = 0
    for a in range(12):
        for b in range(25):
            d = os.path.join(tree, "d%02d" % a, "s%02d" % b)
            os.makedirs(d, exist_ok=True)
            for c in range(40):
                size = int(min(200_000, max(1_000, rng.lognormvariate(9.4, 1.0))))
                data = text(rng, pool, size, 10_000_000)
                name = os.path.join(d, "f%02d.%s" % (c, rng.choice(["c", "h", "txt", "rs"])))
                with open(name, "wb") as f:
                    f.write(data)
                digest.update(data)
                n += 1
    big = text(rng, pool, 100_000_000, 10_000_000)
    with open(os.path.join(out_dir, "big.txt"), "wb") as f:
        f.write(big)
    digest.update(big)
    with open(os.path.join(out_dir, "SHA256"), "w") as f:
        f.write(digest.hexdigest() + "\n")
    print("gen.py: %d files in %s, %d bytes in big.txt, sha256 %s" % (n, tree, len(big), digest.hexdigest()))


if __name__ == "__main__":
    main()
