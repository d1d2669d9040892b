"""The measurement behind the binding choice (python/README.md): the cost
of one 16-byte is-match and search call on this interpreter, through
  - ferrex's C extension (CPython 3.11+: the installed ferrex._ferrex),
  - cffi in API mode (compiled here from ferrex/_build_cffi.py against
    build/lib/libferrex.a: the backend PyPy uses),
  - ferrex's Pattern.search (the pure-Python layer over the backend),
  - re.
Run: python/bench/callcost.sh (builds what it needs, both interpreters).
"""
import importlib.util
import os
import sys
import tempfile
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PAT = r"[a-z]+ing"
HAY = b"xx 1234 walking "
assert len(HAY) == 16


def best(stmt, g, n=200_000):
    return min(timeit.repeat(stmt, globals=g, number=n, repeat=7)) / n * 1e9


def cffi_module():
    spec = importlib.util.spec_from_file_location("_b", os.path.join(ROOT, "python", "ferrex", "_build_cffi.py"))
    b = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(b)
    ffi = b.make_ffi(os.path.join(ROOT, "include"), os.path.join(ROOT, "build", "lib", "libferrex.a"),
                     "gcc_s util rt pthread m dl c".split())
    tmp = os.path.join(ROOT, "build", "py", f"callcost-{sys.implementation.name}")
    os.makedirs(tmp, exist_ok=True)
    path = ffi.compile(tmpdir=tmp)
    spec = importlib.util.spec_from_file_location("ferrex._ferrex_cffi", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m.ffi, m.lib


def main():
    import re

    import ferrex

    rows = []
    name = f"{sys.implementation.name} {sys.version.split()[0]}"
    p = ferrex.compile(PAT.encode())
    native = p._re
    if ferrex.BACKEND.startswith("C extension"):
        rows.append(("C extension is_match (raw call)", best("r(h, 0, 16, 0)", dict(r=native.is_match, h=HAY))))
        rows.append(("C extension search -> (start, end)", best("r(h, 0, 16, 0)", dict(r=native.search, h=HAY))))
    ffi, lib = cffi_module()
    pp = ffi.new("ferrex_regex **")
    pb = PAT.encode()
    assert lib.ferrex_regex_new(pp, pb, len(pb), 0, ffi.NULL, ffi.NULL) == 0
    g = dict(lib=lib, r=pp[0], N=ffi.NULL, h=HAY, fb=ffi.from_buffer, m=ffi.new("ferrex_match *"))
    rows.append(("cffi API mode is_match (bytes)", best("lib.ferrex_regex_is_match(r, N, h, 16, N)", g)))
    rows.append(("cffi API mode is_match (from_buffer)", best("lib.ferrex_regex_is_match(r, N, fb(h), 16, N)", g)))
    rows.append(("cffi API mode find -> (start, end)",
                 best("lib.ferrex_regex_find(r, N, h, 16, N, m) == 1 and (m.start, m.end)", g)))
    rows.append(("ferrex Pattern.search(bytes) -> Match", best("s(h)", dict(s=p.search, h=HAY))))
    rows.append(("ferrex Pattern.search(str) -> Match",
                 best("s(h)", dict(s=ferrex.compile(PAT).search, h=HAY.decode()))))
    rows.append(("re Pattern.search(bytes) -> Match", best("s(h)", dict(s=re.compile(PAT.encode()).search, h=HAY))))
    rows.append(("re Pattern.search(str) -> Match", best("s(h)", dict(s=re.compile(PAT).search, h=HAY.decode()))))
    # Per-call costs of match() and per-match costs of finditer() (10
    # matches over 29 characters), str.
    for mod in (ferrex, re):
        label = "ferrex" if mod is ferrex else "re"
        rows.append((f"{label} Pattern.match(str) -> Match",
                     best("s(h)", dict(s=mod.compile(r"[a-z]+").match, h="walking xx"))))
    for mod in (ferrex, re):
        label = "ferrex" if mod is ferrex else "re"
        rows.append((f"{label} Pattern.finditer(str), per match",
                     best("for m in f(h): pass", dict(f=mod.compile(r"[a-z]+").finditer,
                                                      h="ab cd ef gh ij kl mn op qr st"), 20_000) / 10))
    print(f"== {name}: one call on a 16-byte haystack, {PAT!r} (best of 7 x 200,000), backend {ferrex.BACKEND}")
    for label, ns in rows:
        print(f"  {label:40s} {ns:7.0f} ns")


if __name__ == "__main__":
    main()
