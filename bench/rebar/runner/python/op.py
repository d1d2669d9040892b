"""What an adapter hands the runner: one call to time, and how to read a
count off its result."""
from dataclasses import dataclass
from typing import Any, Callable


class Unsupported(Exception):
    """The engine cannot run this benchmark; the message says why (the
    runner exits with status 2, which the driver records as skipped)."""


@dataclass
class Op:
    fn: Callable          # called as fn(*args), k times per sample
    args: tuple
    count_of: Callable[[Any], int] = int   # fn's result -> the sample's count


def is_found(result):
    return 0 if result is None else 1


def fnv1a32(data):
    """FNV-1a 32-bit: the lowercase model's count (as bench/seed does)."""
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def longest_first_alternation(phrases, escape):
    """One regex for a phrase set: the escaped phrases, longest first, so a
    leftmost-first engine reports leftmost-longest matches (the seed's
    python-re; equal lengths never both match at one position)."""
    return "|".join(escape(p) for p in sorted(phrases, key=len, reverse=True))
