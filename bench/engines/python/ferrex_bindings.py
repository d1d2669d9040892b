"""ferrex from Python, four ways:

  ferrex           the package (python/, `pip install ./python`), public API
                   only: what a Python user writes (several patterns: one
                   alternation, as the regex engines get them)
  ferrex/phrases   the package's PhraseSet over the patterns as literals
  ferrex-cext      the package's C extension called directly (its private
                   Regex object: is_match / search on bytes), the binding's
                   own cost without the re-compatible layer
  ferrex-zig       python/zigglue: Python -> C shim -> Zig glue -> ferrex's
                   Zig wrapper (the seed's chain), from $FERREX_ZIGGLUE_DIR
  ferrex-cffi-abi  libferrex.so through cffi in ABI mode, declared from
                   include/ferrex.h as the C compiler preprocesses it (see
                   CffiAbi.load), with an explicit cache

The `call` model times each binding's cheapest call into libferrex:
ferrex_version_number() through cffi and the Zig glue; the C extension
has no such call, so its row is version() (ferrex_version() and a str).
"""
import os
import sys

import subprocess
import tempfile

from op import Op, Unsupported, alternation, fnv1a32, is_found

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def one_pattern(model, patterns):
    if len(patterns) != 1:
        raise Unsupported(f"model {model} needs exactly one pattern")
    return patterns[0]


class Package:
    def version(self):
        import ferrex
        return f"ferrex {ferrex.__version__} ({ferrex.BACKEND}, CPython {sys.version.split()[0]})"

    def prepare(self, model, patterns, haystack):
        import ferrex
        text = haystack.decode("utf-8")
        if model == "lowercase":
            return Op(ferrex.lowercase, (text,), lambda s: fnv1a32(s.encode("utf-8")))
        p = ferrex.compile(alternation(patterns))
        if model in ("is-match", "find"):
            return Op(p.search, (text,), is_found)
        if model == "count":
            # len(findall), as re is counted: for a regex without groups
            # the package finds every span in one C pass.
            return Op(p.findall, (text,), len)
        raise Unsupported(f"model {model!r} is not implemented for the ferrex package")

class PackagePhrases:
    """The package's PhraseSet: the count model over the patterns as literals."""

    def version(self):
        return Package().version()

    def prepare(self, model, patterns, haystack):
        import ferrex
        if model != "count":
            raise Unsupported("ferrex/phrases counts phrases only")
        return self.phrases(ferrex, patterns, haystack.decode("utf-8"))

    def phrases(self, ferrex, phrases, text):
        cls = getattr(ferrex, "PhraseSet", None)
        if cls is None:
            raise Unsupported("not available: this ferrex package has no PhraseSet")
        kinds = [getattr(getattr(ferrex, "MatchKind", None), "LEFTMOST_LONGEST", None), "leftmost-longest",
                 "leftmost_longest", getattr(ferrex, "LEFTMOST_LONGEST", None), getattr(cls, "LEFTMOST_LONGEST", None)]
        ps = None
        for kind in (k for k in kinds if k is not None):
            try:
                ps = cls(phrases, match_kind=kind)
                break
            except (TypeError, ValueError):
                continue
        if ps is None:
            raise Unsupported("ferrex.PhraseSet(phrases, match_kind=...) took none of: leftmost-longest spellings tried")
        # find_spans: every (phrase, start, end) in one native call, like
        # ahocorasick-rs's find_matches_as_indexes.
        for name in ("count", "find_spans", "find_all", "findall"):
            if hasattr(ps, name):
                f = getattr(ps, name)
                return Op(f, (text,), int if name == "count" else len)
        fi = ps.finditer
        return Op(lambda h: sum(1 for _ in fi(h)), (text,), int)



class CExtension:
    def version(self):
        import ferrex
        return f"ferrex {ferrex.__version__} C extension, called directly (CPython {sys.version.split()[0]})"

    def prepare(self, model, patterns, haystack):
        import ferrex
        if not ferrex.BACKEND.startswith("C extension"):
            raise Unsupported(f"the ferrex package here uses {ferrex.BACKEND}, not the C extension")
        native = ferrex._native
        if model == "call":
            return Op(native.version, (), lambda v: 0)
        r = ferrex.compile(one_pattern(model, patterns).encode("utf-8"))._re
        n = len(haystack)
        if model == "is-match":
            return Op(r.is_match, (haystack, 0, n, 0), int)
        if model == "find":
            return Op(r.search, (haystack, 0, n, 0), is_found)
        raise Unsupported(f"model {model!r}: the C extension's own calls are is_match and search")


class ZigGlue:
    def module(self):
        sys.path.insert(0, os.environ.get("FERREX_ZIGGLUE_DIR", os.path.join(ROOT, "build", "zigglue", "lib")))
        try:
            import ferrex_zigglue
        except ImportError as e:
            raise Unsupported(f"ferrex_zigglue not built (python/zigglue/build.sh): {e}") from None
        return ferrex_zigglue

    def version(self):
        try:
            v = self.module().version_number()
        except Unsupported as e:
            return f"? ({e})"
        return f"ferrex_zigglue (libferrex {v // 10000}.{v // 100 % 100}.{v % 100}, Zig 0.17.1, CPython {sys.version.split()[0]})"

    def prepare(self, model, patterns, haystack):
        z = self.module()
        if model == "call":
            return Op(z.version_number, (), lambda v: 0)
        r = z.compile(one_pattern(model, patterns).encode("utf-8"))
        if model == "is-match":
            return Op(z.is_match, (r, haystack), int)
        if model == "find":
            return Op(z.find, (r, haystack), is_found)
        if model == "count":
            return Op(z.count, (r, haystack), int)
        raise Unsupported(f"model {model!r} is not in the Zig glue (is_match, find, count)")


class CffiAbi:
    """The seed's path. Handles are kept alive by the closures that use them."""

    def load(self):
        """cffi's parser reads plain C declarations only, so the header is
        first preprocessed by the C compiler, against empty stand-ins for
        <stddef.h> and <stdint.h> (cffi knows size_t and the intN_t types):
        every declaration ABI mode sees is the header's own."""
        import cffi
        with tempfile.TemporaryDirectory() as std:
            for name in ("stddef.h", "stdint.h"):
                open(os.path.join(std, name), "w").close()
            decls = subprocess.run(["gcc", "-E", "-P", "-nostdinc", "-I", std,
                                    os.path.join(ROOT, "include", "ferrex.h")],
                                   check=True, capture_output=True, text=True).stdout
        ffi = cffi.FFI()
        ffi.cdef(decls)
        return ffi, ffi.dlopen(os.path.join(ROOT, "build", "lib", "libferrex.so"))

    def version(self):
        import cffi
        ffi, lib = self.load()
        return f"libferrex {ffi.string(lib.ferrex_version()).decode()} via cffi {cffi.__version__} ABI mode"

    def prepare(self, model, patterns, haystack):
        ffi, lib = self.load()
        null = ffi.NULL
        if model == "call":
            return Op(lib.ferrex_version_number, (), lambda v: 0)
        hay, n = ffi.from_buffer(haystack), len(haystack)
        if model == "lowercase":
            out_len = ffi.new("size_t *")
            lib.ferrex_lowercase(hay, n, lib.FERREX_LOWERCASE_UNICODE, null, 0, out_len)
            out = ffi.new("uint8_t[]", max(out_len[0], 1))
            lower = lib.ferrex_lowercase
            return Op(lambda: lower(hay, n, lib.FERREX_LOWERCASE_UNICODE, out, len(out), out_len), (),
                      lambda st: fnv1a32(ffi.buffer(out, out_len[0])[:]))
        if len(patterns) > 1:
            return self.phrases(ffi, lib, patterns, hay, n)
        pat = one_pattern(model, patterns).encode("utf-8")
        rp, cp = ffi.new("ferrex_regex **"), ffi.new("ferrex_cache **")
        if lib.ferrex_regex_new(rp, pat, len(pat), 0, null, null) != 0:
            raise RuntimeError(f"ferrex_regex_new failed on {pat!r}")
        r = ffi.gc(rp[0], lib.ferrex_regex_free)
        lib.ferrex_cache_new(cp, r, null)
        cache = ffi.gc(cp[0], lib.ferrex_cache_free)
        if model == "is-match":
            return Op(lib.ferrex_regex_is_match, (r, cache, hay, n, null), int)
        if model == "find":
            m = ffi.new("ferrex_match *")
            return Op(lib.ferrex_regex_find, (r, cache, hay, n, null, m), int)
        if model == "count":
            c = ffi.new("size_t *")
            count = lib.ferrex_regex_count
            return Op(lambda: count(r, cache, hay, n, null, c), (), lambda st: c[0])
        raise Unsupported(f"model {model!r} is not implemented for cffi ABI mode")

    def phrases(self, ffi, lib, phrases, hay, n):
        """Leftmost-longest (the default), drained in batches of 4,096."""
        bufs = [ffi.from_buffer(p.encode("utf-8")) for p in phrases]
        ptrs, lens = ffi.new("const uint8_t *[]", bufs), ffi.new("size_t[]", [len(b) for b in bufs])
        sp, ip = ffi.new("ferrex_phrases **"), ffi.new("ferrex_phrase_iter **")
        if lib.ferrex_phrases_new(sp, ptrs, lens, len(bufs), ffi.NULL, ffi.NULL) != 0:
            raise RuntimeError("ferrex_phrases_new failed")
        ps = ffi.gc(sp[0], lib.ferrex_phrases_free)
        lib.ferrex_phrase_iter_new(ip, ps, n, ffi.NULL, 0, ffi.NULL)
        it = ffi.gc(ip[0], lib.ferrex_phrase_iter_free)
        cap, out, got = 4096, ffi.new("ferrex_match[]", 4096), ffi.new("size_t *")
        reset, next_batch = lib.ferrex_phrase_iter_reset, lib.ferrex_phrase_iter_next_batch

        def count(keep=(ps, bufs, ptrs, lens)):  # the set outlives its iterator
            reset(it, n, ffi.NULL)
            total = 0
            while next_batch(it, hay, n, out, cap, got) == 1:
                total += got[0]
            return total

        return Op(count, (), int)


ENGINES = {
    "ferrex": Package(),
    "ferrex/phrases": PackagePhrases(),
    "ferrex-cext": CExtension(),
    "ferrex-zig": ZigGlue(),
    "ferrex-cffi-abi": CffiAbi(),
}
