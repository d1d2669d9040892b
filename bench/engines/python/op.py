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
    """FNV-1a 32-bit: the lowercase model's count (as bench/engines/core/main.c computes it)."""
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def alternation(patterns):
    """One regex whose matches are leftmost-first over several patterns (rebar's
    meaning of a benchmark with many): each in a non-capturing group, in order.
    The seed's phrase lists come longest first, so this is also their
    leftmost-longest (the seed's python-re)."""
    return patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
