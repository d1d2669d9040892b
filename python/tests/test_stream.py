"""ferrex.Stream (Pattern.stream, RegexSet.stream, PhraseSet.stream): the
matches of chunks fed one by one are those of a one-shot search over the
chunks joined, whatever the split points; finish/reset; bad input; the
retain limit."""
import array
import mmap
import pickle
import random
import re
import threading

import pytest

import ferrex


def split(data, rng, pieces):
    """`data` cut at `pieces - 1` random points (empty chunks included)."""
    cuts = sorted(rng.randint(0, len(data)) for _ in range(pieces - 1))
    return [data[a:b] for a, b in zip([0] + cuts, cuts + [len(data)])]


def streamed(stream, chunks):
    out = []
    for c in chunks:
        out += stream.feed(c)
    return out + stream.finish()


def one_shot(pattern, data):
    """Pattern.finditer's byte spans without the empty match re's rule
    adds right where a match ended (the stream iterates as the regex crate
    does; Stream's docstring). For a str pattern `data` is UTF-8 and the
    character offsets become byte offsets."""
    if isinstance(pattern.pattern, str):
        text = data.decode("utf-8")
        at = [0]
        for ch in text:
            at.append(at[-1] + len(ch.encode("utf-8")))
        spans = [(at[m.start()], at[m.end()]) for m in pattern.finditer(text)]
    else:
        spans = [m.span() for m in pattern.finditer(data)]
    out, last = [], None
    for s, e in spans:
        if s == e == last:
            continue
        out.append((s, e))
        last = e
    return out


def random_bytes(rng, alphabet, n):
    return bytes(rng.choice(alphabet) for _ in range(n))


BYTES_ALPHABET = b'aaabbc  \n"x1234-56\xff'
BYTES_PATTERNS = [
    rb"a+", rb"\b\w+\b", rb"\bab", rb"[0-9]{2}-[0-9]{1,2}", rb"x*", rb"(?m)^a|c$", rb"a|ab|abc",
    rb'"[^"]*"', rb"\Bb", rb".+", rb"$", rb"^a", rb"a{2,3}?", rb"[^\n]*\n", rb"(?s)b.*c",
]
STR_TEXT = "aé b ça\nhé 12 ÉÉ wing"
STR_PATTERNS = [r"\b\w+\b", r"é+", r"\w+ing", r"\w*", r"(?i)é", r"[^ ]+", r"\B", r"(?m)^\w"]


@pytest.mark.parametrize("pat", BYTES_PATTERNS, ids=repr)
def test_bytes_pattern_chunking_invariance(pat):
    p = ferrex.compile(pat)
    rng = random.Random(pat)
    for trial in range(60):
        data = random_bytes(rng, BYTES_ALPHABET, rng.randint(0, 48))
        want = one_shot(p, data)
        for pieces in (1, 2, 5, len(data) + 1):
            chunks = split(data, rng, pieces) if pieces <= len(data) else [bytes([b]) for b in data]
            assert streamed(p.stream(), chunks) == want, (data, chunks)


@pytest.mark.parametrize("pat", STR_PATTERNS, ids=repr)
def test_str_pattern_matches_the_utf8(pat):
    # A str pattern streams over the UTF-8: byte offsets, and chunks may
    # split a character.
    p = ferrex.compile(pat)
    rng = random.Random(pat)
    for trial in range(40):
        text = "".join(rng.choice(STR_TEXT) for _ in range(rng.randint(0, 30)))
        data = text.encode("utf-8")
        want = one_shot(p, data)
        for pieces in (1, 3, 8):
            assert streamed(p.stream(), split(data, rng, pieces)) == want, (text, pat)


def test_big_chunks_and_many_matches():
    # Chunks of 4 KiB and more (fed without the GIL in the C extension)
    # and more settled matches than one native batch.
    p = ferrex.compile(rb"[a-z]+[0-9]")
    rng = random.Random(7)
    data = random_bytes(rng, b"abc1 ", 50_000)
    want = one_shot(p, data)
    assert len(want) > 1000
    got = streamed(p.stream(), split(data, rng, 4))
    assert got == want


def test_unbounded_match_waits_for_its_end():
    s = ferrex.compile(rb"a+").stream()
    assert s.feed(b"xaa") == []
    assert s.feed(b"aaa") == []  # still in progress
    assert s.retained >= 5
    assert s.feed(b"b") + s.feed(b"y") == [(1, 6)]
    assert s.finish() == []


def test_flags_and_lookaround_across_chunks():
    p = ferrex.compile(rb"\bcat\b", ferrex.IGNORECASE)
    s = p.stream()
    got = s.feed(b"a CA") + s.feed(b"T cat") + s.feed(b"s Cat") + s.finish()
    assert got == [(2, 5), (11, 14)]
    m = ferrex.compile(b"^x$", ferrex.MULTILINE)
    s = m.stream()
    assert s.feed(b"x") == []
    assert s.feed(b"\nxx\nx") + s.finish() == [(0, 1), (5, 6)]


def test_regexset_stream_matches_finditer():
    rs = ferrex.RegexSet([rb"a+", rb"b\w*", rb"[0-9]+", rb"\bc"])
    rng = random.Random(11)
    for trial in range(60):
        data = random_bytes(rng, b"aabbc 12x", rng.randint(0, 40))
        want = [(m.index, m.start(), m.end()) for m in rs.finditer(data)]
        for pieces in (1, 3, 7):
            assert streamed(rs.stream(), split(data, rng, pieces)) == want, data


PHRASES = [b"ab", b"abc", b"b", b"ca", b"bcab", b"c a"]


@pytest.mark.parametrize("kind", ["standard", "leftmost-first", "leftmost-longest"])
def test_phraseset_chunking_invariance(kind):
    ps = ferrex.PhraseSet(PHRASES, match_kind=kind)
    rng = random.Random(kind)
    overlapping = (False, True) if kind == "standard" else (False,)
    for trial in range(60):
        data = random_bytes(rng, b"abc \xff", rng.randint(0, 40))
        for ov in overlapping:
            want = ps.find_spans(data, overlapping=ov)
            for pieces in (1, 4, len(data) + 1):
                chunks = split(data, rng, pieces)
                assert streamed(ps.stream(overlapping=ov), chunks) == want, (data, chunks, ov)


def test_phraseset_str_casefold_streams_the_utf8():
    ps = ferrex.PhraseSet(["straße", "é"], ferrex.IGNORECASE)
    s = ps.stream()
    data = "STRAẞE é É".encode("utf-8")
    got = streamed(s, [data[:4], data[4:7], data[7:]])
    want = []
    for i, a, b in ps.find_spans("STRAẞE é É"):
        want.append((i, len("STRAẞE é É"[:a].encode()), len("STRAẞE é É"[:b].encode())))
    assert got == want and len(want) == 3


def test_phraseset_with_an_empty_phrase():
    ps = ferrex.PhraseSet([b"", b"ab"], match_kind="leftmost-first")
    rng = random.Random(3)
    for trial in range(30):
        data = random_bytes(rng, b"ab", rng.randint(0, 12))
        assert streamed(ps.stream(), split(data, rng, 3)) == ps.find_spans(data), data


def ends_reference(pat, data):
    return [(None, e) for e in range(len(data) + 1) if any(re.fullmatch(pat, data[s:e]) for s in range(e))]


@pytest.mark.parametrize("pat", [rb"ab+", rb"[0-9]{2}", rb"a|ba"])
def test_ends_mode(pat):
    p = ferrex.compile(pat)
    rng = random.Random(pat)
    for trial in range(30):
        data = random_bytes(rng, b"aabb0123 ", rng.randint(0, 24))
        s = p.stream(mode="ends")
        assert streamed(s, split(data, rng, 4)) == ends_reference(pat, data), data
        assert s.retained == 0


def test_patterns_mode_reports_each_pattern_once():
    rs = ferrex.RegexSet([rb"b+", rb"[0-9]", rb"zz", rb"ab"])
    s = rs.stream(mode="patterns")
    got = s.feed(b"xab") + s.feed(b"bb 12 ab 3") + s.finish()
    assert got == [(0, None, 3), (3, None, 3), (1, None, 7)]
    ends = rs.stream(mode="ends")
    assert streamed(ends, [b"ab1b"]) == [(0, None, 2), (3, None, 2), (1, None, 3), (0, None, 4)]


def test_modes_refused_where_the_library_cannot():
    with pytest.raises(ValueError, match="mode 'ends'"):
        ferrex.compile(rb"a*").stream(mode="ends")
    with pytest.raises(ValueError):
        ferrex.compile(r"\bx").stream(mode="patterns")  # a Unicode \b
    assert streamed(ferrex.compile(r"\bx", ferrex.ASCII).stream(mode="ends"), [b"x"]) == [(None, 1)]
    with pytest.raises(ValueError, match="Pattern or a RegexSet"):
        ferrex.Stream(ferrex.PhraseSet([b"a"]), mode="ends")
    with pytest.raises(ValueError, match="unknown stream mode"):
        ferrex.compile(b"a").stream(mode="overlapping")
    with pytest.raises(ValueError, match="overlapping"):
        ferrex.PhraseSet([b"a"], match_kind="leftmost-first").stream(overlapping=True)
    with pytest.raises(ValueError, match="PhraseSet"):
        ferrex.Stream(ferrex.compile(b"a"), overlapping=True)


def test_finish_reset_and_feed_after_finish():
    s = ferrex.compile(rb"ab|b").stream()
    assert s.feed(b"xa") == []
    assert s.offset == 2 and not s.finished
    assert s.feed(b"b b") + s.finish() == [(1, 3), (4, 5)]
    assert s.finished and s.offset == 5
    assert s.finish() == []  # again: nothing more
    with pytest.raises(ValueError, match="reset"):
        s.feed(b"ab")
    assert s.finish() == []  # still finished, still usable
    s.reset()
    assert not s.finished and s.offset == 0
    assert s.feed(b"ab") + s.finish() == [(0, 2)]  # offsets restart at 0
    s.reset()
    s.feed(b"a")  # a match in progress, dropped by reset
    s.reset()
    assert s.feed(b"b") + s.finish() == [(0, 1)]


def test_close_frees_the_stream_and_any_later_use_raises():
    sources = [ferrex.compile(rb"a+"), ferrex.RegexSet([rb"a+", rb"b"]), ferrex.PhraseSet([b"aa"])]
    for source in sources:
        s = source.stream()
        s.feed(b"xaa")  # a match in progress: the stream keeps bytes
        assert not s.closed
        s.close()
        assert s.closed and "closed" in repr(s)
        s.close()  # again: nothing, as for files
        for use in (lambda: s.feed(b"a"), s.finish, s.reset, lambda: s.offset, lambda: s.retained,
                    lambda: s.finished):
            with pytest.raises(ValueError, match="the stream is closed"):
                use()
        assert s.closed


def test_a_with_block_closes_the_stream_even_on_an_exception():
    with ferrex.compile(rb"[0-9]+").stream() as s:
        assert s.feed(b"id 12 3") + s.finish() == [(3, 5), (6, 7)]
    assert s.closed
    with pytest.raises(KeyError):
        with ferrex.PhraseSet([b"x"]).stream() as t:
            t.feed(b"x")
            raise KeyError("out")
    assert t.closed


def test_closing_while_another_thread_feeds_never_races():
    # close() takes the stream as any call does: while another thread's
    # feed runs (64 KiB without the GIL), it raises RuntimeError and the
    # stream stays open; once closed, feeds raise ValueError.
    s = ferrex.compile(rb"ab+").stream()
    chunk = b"xabbb " * 11_000
    outcomes = []

    def feeder():
        for _ in range(40):
            try:
                s.feed(chunk)
                outcomes.append("fed")
            except RuntimeError:
                outcomes.append("busy")
            except ValueError as e:
                assert "closed" in str(e)
                outcomes.append("closed")

    t = threading.Thread(target=feeder)
    t.start()
    while not s.closed:
        try:
            s.close()
        except RuntimeError as e:
            assert "another thread" in str(e)
    t.join()
    assert s.closed and len(outcomes) == 40
    assert set(outcomes) <= {"fed", "busy", "closed"}
    if "closed" in outcomes:
        assert "fed" not in outcomes[outcomes.index("closed"):]


def test_chunk_types_and_the_copy():
    s = ferrex.compile(rb"ab").stream()
    buf = bytearray(b"xa")
    assert s.feed(buf) == []
    buf[:] = b"zz"  # the stream copied what it needs
    got = s.feed(memoryview(b"b ab")[0:2]) + s.feed(array.array("B", b"ab")) + s.finish()
    assert got == [(1, 3), (4, 6)]


@pytest.mark.parametrize("bad", ["ab", 5, None, [97, 98], 1.0])
def test_non_bytes_chunks_raise_typeerror(bad):
    for source in (ferrex.compile(b"a"), ferrex.compile("a"), ferrex.PhraseSet(["a"])):
        s = source.stream()
        with pytest.raises(TypeError):
            s.feed(bad)
        want = [(0, 1)] if isinstance(source, ferrex.Pattern) else [(0, 0, 1)]
        assert s.feed(b"a") + s.finish() == want  # the stream is still usable


def test_closed_buffers_raise():
    s = ferrex.compile(b"a").stream()
    m = memoryview(b"aaa")
    m.release()
    with pytest.raises(ValueError):
        s.feed(m)
    mm = mmap.mmap(-1, 16)
    mm.write(b"xa")
    assert s.feed(mm) == [(1, 2)]
    mm.close()
    with pytest.raises(ValueError):
        s.feed(mm)
    assert s.offset == 16  # the refused chunks were not fed


def test_bad_constructor_arguments():
    p = ferrex.compile(b"a")
    with pytest.raises(TypeError):
        ferrex.Stream(b"a")
    with pytest.raises(TypeError):
        ferrex.Stream(re.compile(b"a"))
    for bad in (0, -1):
        with pytest.raises(ValueError, match="retain_limit"):
            p.stream(retain_limit=bad)
    for bad in ("10", 1.5, True):
        with pytest.raises(TypeError, match="retain_limit"):
            p.stream(retain_limit=bad)
    assert p.stream(retain_limit=1 << 80).feed(b"a") == [(0, 1)]  # more than memory: no limit
    assert p.stream().retain_limit == ferrex.Stream.DEFAULT_RETAIN_LIMIT


def test_not_picklable():
    s = ferrex.compile(b"a").stream()
    with pytest.raises(TypeError):
        pickle.dumps(s)
    assert "mode='matches'" in repr(s) and "offset=0" in repr(s)


def test_a_retain_limit_below_what_a_stream_always_keeps_is_refused():
    # `abc` keeps its last 2 bytes (where a match may be under way) and 4
    # of look-behind: 6; with a look-ahead of one byte (`$`, or `\b` in a
    # bytes pattern, ASCII) 7, of a character (a str pattern's `\b`) 10.
    for pattern, floor in [(rb"abc", 6), (rb"abc$", 7), (rb"abc\b", 7), (r"abc\b", 10)]:
        with pytest.raises(ValueError, match=f"below the {floor} bytes"):
            ferrex.compile(pattern).stream(retain_limit=floor - 1)
        ferrex.compile(pattern).stream(retain_limit=floor)
    s = ferrex.compile(rb"abc").stream(retain_limit=6)
    assert s.feed(b"x" * 10 + b"ab") == []
    assert s.feed(b"c") == [(10, 13)]  # no longer match can follow: at once
    assert s.finish() == []


def test_retain_limit_abandons_the_match_and_goes_on():
    s = ferrex.compile(rb"a+").stream(retain_limit=16)
    with pytest.raises(ferrex.RetainLimitError) as info:
        s.feed(b"xa ya " + b"a" * 100)
    e = info.value
    assert isinstance(e, ferrex.error)
    assert e.matches == [(1, 2), (4, 5)]  # settled before the limit: handed over
    assert e.offset == 106 == s.offset
    assert s.retained <= 16
    assert "retain limit of 16 bytes" in str(e)
    # Usable as before, offsets still absolute.
    assert s.feed(b"b aa b") + s.finish() == [(108, 110)]
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is ferrex.RetainLimitError and e2.matches == e.matches and e2.offset == 106


def test_bounded_pattern_keeps_few_bytes():
    # [0-9]{4}-[0-9]{2}: matches at most L = 7 bytes, so the stream keeps
    # at most L + 7 (include/ferrex.h), whatever it is fed.
    p = ferrex.compile(rb"[0-9]{4}-[0-9]{2}")
    s = p.stream()
    rng = random.Random(5)
    data = random_bytes(rng, b"0123456789-- ", 5000)
    got = []
    for c in split(data, rng, 200):
        got += s.feed(c)
        assert s.retained <= 14
    assert got + s.finish() == one_shot(p, data)


def test_docstring_examples():
    import doctest

    import ferrex._stream

    failed, tried = doctest.testmod(ferrex._stream, extraglobs={"ferrex": ferrex}, report=True)
    assert tried >= 2 and failed == 0


def test_stubs_cover_the_public_api():
    # ferrex/_stream.pyi declares every public method and attribute of
    # Stream and RetainLimitError; _sets.pyi the sets' stream().
    import ast
    import os

    here = os.path.dirname(ferrex.__file__)
    declared = {}
    for name in ("_stream.pyi", "_sets.pyi"):
        for node in ast.parse(open(os.path.join(here, name)).read()).body:
            if isinstance(node, ast.ClassDef):
                names = set()
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        names.add(item.name)
                    elif isinstance(item, ast.AnnAssign):
                        names.add(item.target.id)
                declared[node.name] = names
    for cls in (ferrex.Stream, ferrex.RetainLimitError):
        public = {n for n in vars(cls) if not n.startswith("_")}
        public |= {n for n in getattr(cls, "__slots__", ()) if not n.startswith("_")}
        assert public <= declared[cls.__name__], (cls.__name__, public - declared[cls.__name__])
    assert "stream" in declared["RegexSet"] and "stream" in declared["PhraseSet"]


def test_two_threads_on_one_stream_never_race():
    # One thread at a time per stream: a call that meets another thread's
    # feed (64 KiB chunks run without the GIL in the C extension, every
    # cffi call does) raises RuntimeError instead of racing; the offset
    # counts exactly the chunks fed.
    s = ferrex.compile(rb"ab+").stream()
    chunk = b"xabbb " * 11_000
    fed = []
    errors = []

    def worker():
        for _ in range(30):
            try:
                s.feed(chunk)
                fed.append(len(chunk))
            except RuntimeError as e:
                errors.append(str(e))

    ts = [threading.Thread(target=worker) for _ in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert all("another thread" in e for e in errors)
    assert len(fed) + len(errors) == 90
    assert s.offset == sum(fed)
    s.finish()


def test_readme_example_prints_what_the_readme_says():
    # The README's "Streams" example (its From Python section), run.
    import contextlib
    import io

    from test_readme import blocks

    code, expected = blocks("stream-")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "README.md", "exec"), {})
    assert buf.getvalue() == expected
