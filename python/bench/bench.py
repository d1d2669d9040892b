import timeit, re, sys
pat = r"[a-z]+ing"
hay = b"xx 1234 walking "  # 16 bytes
hays = hay.decode()
assert len(hay) == 16
res = {}
def t(name, stmt, g):
    n = 200000
    best = min(timeit.repeat(stmt, globals=g, number=n, repeat=5)) / n * 1e9
    print(f"{name:45s} {best:7.1f} ns")
if sys.implementation.name == "cpython":
    import cext
    r = cext.compile(pat.encode())
    t("C ext (abi3) is_match(bytes)", "r.is_match(hay)", dict(r=r, hay=hay))
    t("C ext (abi3) find(bytes)", "r.find(hay)", dict(r=r, hay=hay))
from _fxcffi import ffi, lib
pp = ffi.new("ferrex_regex **"); pb = pat.encode(); lib.ferrex_regex_new(pp, pb, len(pb), 0, ffi.NULL, ffi.NULL); rr = pp[0]
m = ffi.new("ferrex_match *")
t("cffi API is_match(bytes) direct", "lib.ferrex_regex_is_match(rr, NULL, hay, len(hay), NULL)", dict(lib=lib, rr=rr, NULL=ffi.NULL, hay=hay))
t("cffi API is_match(from_buffer)", "lib.ferrex_regex_is_match(rr, NULL, fb(hay), len(hay), NULL)", dict(lib=lib, rr=rr, NULL=ffi.NULL, hay=hay, fb=ffi.from_buffer))
t("cffi API find(bytes)+tuple", "lib.ferrex_regex_find(rr, NULL, hay, len(hay), NULL, m) == 1 and (m.start, m.end)", dict(lib=lib, rr=rr, NULL=ffi.NULL, hay=hay, m=m))
cre = re.compile(pat); creb = re.compile(pat.encode())
t("re.search(bytes)", "c(hay)", dict(c=creb.search, hay=hay))
t("re.search(str)", "c(hay)", dict(c=cre.search, hay=hays))
