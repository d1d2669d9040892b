"""The Python engines ferrex is compared with: re (and str.lower for the
lowercase model), regex, google-re2, hyperscan, pyahocorasick and
ahocorasick-rs, each used the way its documentation suggests, on str
haystacks where it takes them (what a Python program has) and bytes where
it does not (hyperscan).

Counting uses `len(pattern.findall(h))` with re, regex and re2: the same
matches as finditer (the patterns have no capturing group) without a Match
object each, so the fastest idiom they offer.

hyperscan reports every match end, not leftmost-first or leftmost-longest
non-overlapping matches (no start of match without HS_FLAG_SOM_LEFTMOST,
which these patterns do not compile with), so its `count` counts differ
from the other engines' and the definitions list them apart; it cannot run
`find` (no leftmost-first match). pyahocorasick and ahocorasick-rs run
`count` over phrases: the patterns as literals, leftmost-longest (the same
matches as leftmost-first for the seed's lists, longest first).
"""
import sys

from op import Op, Unsupported, alternation, fnv1a32, is_found


class RegexModule:
    """re, regex or re2: the same API."""

    def __init__(self, module_name, dist=None):
        self.module_name, self.dist = module_name, dist or module_name

    def version(self):
        if self.module_name == "re":
            return f"re (CPython {sys.version.split()[0]})"
        from importlib.metadata import version
        return f"{self.dist} {version(self.dist)} (CPython {sys.version.split()[0]})"

    def prepare(self, model, patterns, haystack):
        m = __import__(self.module_name)
        text = haystack.decode("utf-8")
        if model == "lowercase":
            if self.module_name != "re":
                raise Unsupported(f"{self.module_name} has no lowercase (the python/re column is str.lower)")
            return Op(str.lower, (text,), lambda s: fnv1a32(s.encode("utf-8")))
        p = m.compile(alternation(patterns))
        if model in ("is-match", "find"):
            return Op(p.search, (text,), is_found)
        if model == "count":
            return Op(p.findall, (text,), len)
        raise Unsupported(f"model {model!r} is not implemented for {self.module_name}")


class Hyperscan:
    def version(self):
        from importlib.metadata import version
        return f"hyperscan {version('hyperscan')} (python-hyperscan, its own libhs)"

    def prepare(self, model, patterns, haystack):
        import hyperscan as hs
        if model not in ("is-match", "count"):
            raise Unsupported(f"model {model!r}: hyperscan has no leftmost-first match or lowercase")
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        exprs = [p.encode("utf-8") for p in patterns]
        flags = hs.HS_FLAG_SINGLEMATCH if model == "is-match" else 0
        db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=flags)
        scratch = hs.Scratch(db)
        found = [0]

        def on_match(pattern_id, start, end, flags, context):
            found[0] += 1
            return model == "is-match"  # True stops the scan

        def scan(data):
            found[0] = 0
            try:
                db.scan(data, match_event_handler=on_match, scratch=scratch)
            except hs.ScanTerminated:  # on_match stopped it
                pass
            return found[0]

        return Op(scan, (haystack,), int)


class PyAhoCorasick:
    def version(self):
        from importlib.metadata import version
        return f"pyahocorasick {version('pyahocorasick')}"

    def prepare(self, model, patterns, haystack):
        import ahocorasick
        if model != "count":
            raise Unsupported("pyahocorasick counts phrases only")
        a = ahocorasick.Automaton()
        for i, p in enumerate(patterns):
            a.add_word(p, i)
        a.make_automaton()
        # iter_long: the longest match at each position, non-overlapping.
        return Op(lambda h: sum(1 for _ in a.iter_long(h)), (haystack.decode("utf-8"),), int)


class AhoCorasickRs:
    def version(self):
        from importlib.metadata import version
        return f"ahocorasick-rs {version('ahocorasick-rs')}"

    def prepare(self, model, patterns, haystack):
        import ahocorasick_rs as ac
        if model != "count":
            raise Unsupported("ahocorasick-rs counts phrases only")
        a = ac.AhoCorasick(patterns, matchkind=ac.MatchKind.LeftmostLongest)
        return Op(a.find_matches_as_indexes, (haystack.decode("utf-8"),), len)


ENGINES = {
    "re": RegexModule("re"),
    "regex": RegexModule("regex"),
    "re2": RegexModule("re2", "google-re2"),
    "hyperscan": Hyperscan(),
    "pyahocorasick": PyAhoCorasick(),
    "ahocorasick-rs": AhoCorasickRs(),
}
