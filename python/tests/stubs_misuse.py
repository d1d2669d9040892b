"""Type-checked by test_stubs.py (mypy --strict), never run: each line
marked with an error code is a misuse the stubs must refuse, with that
code; the other lines must pass."""
import ferrex

p = ferrex.compile("a")
b = ferrex.compile(b"a")
p.search(b"a")  # error: arg-type
b.search("a")  # error: arg-type
b.sub("x", b"a")  # error: arg-type
text: str = ferrex.escape(b"a")  # error: assignment
p.search("a", pos="0")  # error: arg-type
ferrex.nosuch  # error: attr-defined
p.group()  # error: attr-defined
ferrex.search("a", "b", flags="I")  # error: call-overload
m = p.match("a")
m.span()  # error: union-attr
ferrex.RegexSet(["a"]).search("a").index  # error: union-attr
ferrex.RegexSet(["a"]).patterns = ("b",)  # error: misc
ferrex.PhraseSet(["a"]).match_kind = ferrex.MatchKind.STANDARD  # error: misc
ferrex.RegexSet(["a"], 0, 1 << 30)  # error: call-arg
for start, end, extra in ferrex.compile(b"a").stream().feed(b"a"):  # error: misc
    pass
