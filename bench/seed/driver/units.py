"""Human units for times and ratios, as the table prints them."""
import re


def duration(ns):
    """3 significant digits in ns, us, ms or s."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{_sig3(ns / scale)} {unit}"
    return f"{_sig3(ns)} ns"


def _sig3(x):
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def ratio(x):
    return f"{_sig3(x)}x"


def haystack_bytes(size):
    """The haystack size a row's size label names: '4KB' -> 4096,
    '1000x100KB' -> 102400 (phrases x haystack); None when it names none."""
    m = re.search(r"(\d+)(B|KB|MB)$", size)
    if not m:
        return None
    return int(m.group(1)) * {"B": 1, "KB": 1 << 10, "MB": 1 << 20}[m.group(2)]


def phrase_count(size):
    """'1000x100KB' -> 1000; None for a label without a phrase count."""
    m = re.match(r"(\d+)x", size)
    return int(m.group(1)) if m else None
