"""ferrex_zigglue (Python -> C shim -> Zig glue -> ferrex) against re, and
its bad input raising exceptions. Run by `make zigglue-test`, which builds
the extension (build.sh) and puts its directory in FERREX_ZIGGLUE_DIR."""
import os
import re
import sys

import pytest

sys.path.insert(0, os.environ.get("FERREX_ZIGGLUE_DIR", ""))
import ferrex_zigglue as z  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

CASES = [
    (r"[a-z]+ing", b"xx 1234 walking "),
    (r"[a-z]+ing", b"no match here"),
    (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", b"on 2024-05-01 and 2024-06-02, not 2024-7-3"),
    (r"x+", b"axxbx"),
    (r"\w+@\w+\.com", b""),
    (r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}", b"10.0.0.1 -> 192.168.1.254\n" * 50),
]


@pytest.mark.parametrize("pattern,hay", CASES)
def test_agrees_with_re(pattern, hay):
    r, want = z.compile(pattern.encode()), re.compile(pattern.encode())
    m = want.search(hay)
    assert z.is_match(r, hay) == (m is not None)
    assert z.find(r, hay) == (m.span() if m else None)
    assert z.count(r, hay) == len(want.findall(hay))


def test_empty_matches_follow_the_regex_crate():
    # The C API's count is the regex crate's iteration: after the match
    # (1, 3) the empty match at 3 is skipped, where re (3.7+) reports it.
    r = z.compile(b"x*")
    assert z.count(r, b"axxb") == 3
    assert len(re.findall(b"x*", b"axxb")) == 4


def test_text_kinds():
    r = z.compile(b"caf\xc3\xa9")  # "café" in UTF-8
    assert z.find(r, "un café noir") == (3, 8)  # str: byte offsets of its UTF-8
    for hay in (b"un caf\xc3\xa9", bytearray(b"un caf\xc3\xa9"), memoryview(b"un caf\xc3\xa9")):
        assert z.is_match(r, hay)
    assert not z.is_match(r, b"caf\xff")  # invalid UTF-8 haystack: searched, no match


def test_bad_pattern_raises_with_ferrex_message():
    with pytest.raises(ValueError, match="unclosed group"):
        z.compile(b"a(")
    with pytest.raises(ValueError, match="UTF-8"):
        z.compile(b"\xff")


@pytest.mark.parametrize("call", [
    lambda r: z.compile("a str, not bytes"),
    lambda r: z.compile(None),
    lambda r: z.is_match(None, b"x"),
    lambda r: z.is_match(b"not a regex", b"x"),
    lambda r: z.is_match(r, 42),
    lambda r: z.is_match(r),
    lambda r: z.find(r, b"x", b"y"),
    lambda r: z.count(r, None),
])
def test_bad_arguments_raise(call):
    r = z.compile(b"x")
    with pytest.raises((TypeError, ValueError)):
        call(r)


def test_version_number_is_the_headers():
    with open(os.path.join(ROOT, "include", "ferrex.h")) as f:
        header = f.read()
    part = {k: int(re.search(rf"#define FERREX_VERSION_{k} (\d+)", header).group(1)) for k in ("MAJOR", "MINOR", "PATCH")}
    want = part["MAJOR"] * 10000 + part["MINOR"] * 100 + part["PATCH"]
    assert z.version_number() == want


def test_regex_outlives_nothing_it_borrowed():
    # The capsule owns the compiled regex and its cache; dropping every
    # other reference (and the pattern) must leave it usable, and freeing
    # many must not leak or crash.
    rs = [z.compile(("a" * i + "b").encode()) for i in range(1, 200)]
    assert all(z.is_match(r, b"a" * 300 + b"b") for r in rs)
    del rs


def test_exports_only_the_module_init():
    # src/exports.map: libferrex and the glue stay inside the extension.
    import ctypes
    lib = ctypes.CDLL(z.__file__)
    assert hasattr(lib, "PyInit_ferrex_zigglue")
    for hidden in ("fxz_compile", "ferrex_regex_new", "ferrex_version_number"):
        assert not hasattr(lib, hidden), hidden
