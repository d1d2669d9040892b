//! Chunking invariance: for random patterns, haystacks and split points, a
//! stream reports exactly the matches of the one-shot iteration over the
//! whole haystack (the engine's own `FindState` and `PhraseIter` are the
//! oracle), with look-around across the splits, the empty-match rule,
//! unbounded patterns, several patterns, phrase sets under every kind
//! (overlapping too); and what a stream keeps stays within its bound.

use ferrex::{
    Anchor, ErrorKind, FindState, Flags, Match, MatchKind, Options, PhraseIter, PhraseMatchKind, PhraseOptions,
    PhraseSet, PhraseStarts, Regex, Search, Stream, StreamOptions, StreamReport,
};

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;

const ATOMS: &[&str] = &[
    "a",
    "b",
    "ab",
    "",
    r"\w",
    r"\d",
    ".",
    "[^a]",
    r"\b",
    r"\B",
    "^",
    "$",
    "(?m:^)",
    "(?m:$)",
    "é",
    "(a)",
    "(b*)",
    "(?:a|ab)",
    "(?:ab|a)",
    r"\s",
    "(?s:.)",
    r"\A",
    r"\z",
    r"\b{end}",
    r"\<",
    "(?-u:\\b)",
];
const SUFFIXES: &[&str] = &["", "", "", "*", "+", "?", "{2}", "*?", "+?", "{1,3}"];
const HAY_BYTES: &[&[u8]] = &[b"a", b"b", b"1", b" ", b"_", "é".as_bytes(), b"\n", b"ab", b"\x80", b"\xff"];

fn pattern(rng: &mut Rng) -> String {
    let mut p = String::new();
    for _ in 0..1 + rng.below(4) {
        if rng.below(5) == 0 {
            p.push('|');
        }
        let atom = rng.pick(ATOMS);
        let look = matches!(
            *atom,
            r"\b" | r"\B" | "^" | "$" | "(?m:^)" | "(?m:$)" | r"\A" | r"\z" | r"\b{end}" | r"\<" | r"(?-u:\b)"
        );
        let suffix = if atom.is_empty() || look { "" } else { rng.pick(SUFFIXES) };
        p.push_str(atom);
        p.push_str(suffix);
    }
    p
}

fn haystack(rng: &mut Rng, valid: bool) -> Vec<u8> {
    // Now and then long enough for a match in progress past 64 bytes
    // (the prefix DFA's doubling rule) and for chunks longer than the
    // seam, whose rest is searched where it lies (256 bytes for unbounded
    // patterns, the longest match plus 72 for bounded ones).
    let n = match rng.below(10) {
        0 | 1 => 40 + rng.below(120),
        2 => 200 + rng.below(400),
        _ => rng.below(24),
    };
    let bytes = if valid { &HAY_BYTES[..8] } else { HAY_BYTES };
    (0..n).flat_map(|_| rng.pick(bytes).iter().copied()).collect()
}

/// Random split points: 0 to 5 cuts, empty chunks allowed.
fn chunks<'h>(rng: &mut Rng, hay: &'h [u8]) -> Vec<&'h [u8]> {
    // Few cuts (long chunks) or many (short ones).
    let count = if rng.below(2) == 0 { rng.below(4) } else { rng.below(6 + hay.len() / 8) };
    let mut cuts: Vec<usize> = (0..count).map(|_| rng.below(hay.len() + 1)).collect();
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for c in cuts {
        out.push(&hay[at..c]);
        at = c;
    }
    out.push(&hay[at..]);
    out
}

/// Feeds the chunks and collects every match; checks each call's bound.
fn streamed(stream: &mut Stream, parts: &[&[u8]], bound: Option<usize>) -> Vec<Match> {
    let mut out = Vec::new();
    for part in parts {
        stream.feed(part).unwrap();
        out.extend(std::iter::from_fn(|| stream.next()));
        if let Some(most) = bound {
            assert!(stream.retained() <= most, "kept {} bytes, bound {most}", stream.retained());
        }
    }
    stream.finish().unwrap();
    out.extend(std::iter::from_fn(|| stream.next()));
    assert_eq!(stream.retained(), 0);
    out
}

fn one_shot(re: &Regex, hay: &[u8]) -> Vec<Match> {
    let mut cache = re.create_cache();
    let mut it = FindState::new(re, hay.len(), &Search::default()).unwrap();
    std::iter::from_fn(|| it.next(re, &mut cache, hay).unwrap()).collect()
}

#[test]
fn regex_streams_report_the_one_shot_matches_wherever_the_text_is_split() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut checked, mut unbounded) = (0, 0);
    for case in 0..2500 {
        let patterns: Vec<String> = (0..1 + usize::from(rng.below(4) == 0)).map(|_| pattern(&mut rng)).collect();
        let bytes = rng.below(4) == 0;
        let flags = if bytes { Flags::NO_UTF8 | Flags::NO_UNICODE } else { Flags::empty() };
        let flags = if rng.below(6) == 0 { flags | Flags::CRLF | Flags::MULTI_LINE } else { flags };
        let Ok(re) = Regex::with_options(&patterns, flags, &Options::new()) else { continue };
        let mut stream = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
        // A pattern that can match empty, in UTF-8 mode, over invalid UTF-8:
        // the one-shot answer depends on bytes after the search start
        // (stream.rs says why); the haystacks stay valid there.
        let can_be_empty = patterns
            .iter()
            .any(|p| regex_automata::util::syntax::parse(p).map_or(true, |h| h.properties().minimum_len() == Some(0)));
        let valid = !bytes && can_be_empty;
        let max_len = patterns.iter().try_fold(0, |most, p| {
            let h = regex_automata::util::syntax::parse_with(
                p,
                &regex_automata::util::syntax::Config::new().unicode(!bytes).utf8(!bytes),
            )
            .ok()?;
            Some(most.max(h.properties().maximum_len()?))
        });
        unbounded += usize::from(max_len.is_none());
        for _ in 0..6 {
            let hay = haystack(&mut rng, valid);
            let parts = chunks(&mut rng, &hay);
            let want = one_shot(&re, &hay);
            stream.reset();
            let got = streamed(&mut stream, &parts, max_len.map(|l| l + 7));
            assert_eq!(got, want, "case {case}: {patterns:?} {flags:?} over {hay:?} split as {parts:?}");
            checked += 1;
        }
    }
    assert!(checked > 10_000 && unbounded > 1000, "{checked} checks, {unbounded} unbounded patterns");
}

#[test]
fn phrase_streams_report_the_one_shot_matches_under_every_kind() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let words: &[&[u8]] = &[b"a", b"ab", b"abc", b"b", b"ba", b"", b"aab", b"bab", b"A", "é".as_bytes(), b"k"];
    let mut checked = 0;
    for case in 0..1500 {
        let phrases: Vec<&[u8]> = (0..1 + rng.below(4)).map(|_| *rng.pick(words)).collect();
        let kind =
            *rng.pick(&[PhraseMatchKind::Standard, PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest]);
        let fold = rng.below(4);
        let opts = PhraseOptions::new()
            .match_kind(kind)
            .ascii_case_insensitive(fold == 1)
            .unicode_case_insensitive(fold == 2 && kind != PhraseMatchKind::Standard);
        let Ok(set) = PhraseSet::new(&phrases, &opts) else { continue };
        let overlapping = kind == PhraseMatchKind::Standard && fold != 2 && rng.below(2) == 0;
        let mut stream = Stream::for_phrases(&set, &StreamOptions::new().overlapping(overlapping)).unwrap();
        for _ in 0..6 {
            let hay: Vec<u8> = (0..rng.below(20))
                .flat_map(|_| {
                    rng.pick(&[&b"a"[..], b"b", b"c", b"A", b"B", "É".as_bytes(), "\u{212A}".as_bytes()]).to_vec()
                })
                .collect();
            let parts = chunks(&mut rng, &hay);
            let mut it = PhraseIter::new(&set, hay.len(), &Search::default(), overlapping).unwrap();
            let want: Vec<Match> = std::iter::from_fn(|| it.next(&set, &hay).unwrap()).collect();
            stream.reset();
            let got = streamed(&mut stream, &parts, None);
            assert_eq!(
                got, want,
                "case {case}: {phrases:?} {opts:?} overlapping={overlapping} over {hay:?} split as {parts:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 5000, "{checked} checks");
}

/// Kept bytes between calls, for a few shapes of pattern over 1 MB fed in
/// 4 KB chunks (the figures the module docs and the README quote).
fn most_kept(pattern: &str, text: &[u8]) -> usize {
    let re = Regex::new(pattern).unwrap();
    let mut stream = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
    let mut most = 0;
    for chunk in text.chunks(4096) {
        stream.feed(chunk).unwrap();
        while stream.next().is_some() {}
        most = most.max(stream.retained());
    }
    most
}

#[test]
fn bounded_patterns_keep_their_length_and_unbounded_ones_only_what_a_match_needs() {
    let text: Vec<u8> = b"user alice@example.com logged in at 2024-05-06 12:00 from 10.0.0.1\n".repeat(16_000);
    let shapes = [
        (r"[0-9]{4}-[0-9]{2}-[0-9]{2}", 10 + 7),
        (r"(?i)alice|bob|carol", 5 + 7),
        // Unbounded: a match in progress is never longer than a line here,
        // and the prefix DFA is asked once 64 bytes, then twice what was
        // kept, lie after the search start.
        (r"[a-z]+@[a-z]+\.com", 256),
        // Unicode word boundaries: the lazy DFA copes while the text is ASCII.
        (r"\b\w+@\w+\.com\b", 256),
        (r"\d+", 256),
        (r"(?m)^user.*$", 256),
    ];
    for (pattern, bound) in shapes {
        let kept = most_kept(pattern, &text);
        println!("{pattern}: at most {kept} bytes kept between 4 KB chunks");
        assert!(kept <= bound, "{pattern}: kept {kept} bytes, bound {bound}");
    }
    // A quoted string that never closes keeps everything after the quote,
    // up to the retain limit.
    let re = Regex::new(r#""[^"]*""#).unwrap();
    let mut stream = Stream::for_regex(&re, &StreamOptions::new().retain_limit(10_000)).unwrap();
    stream.feed(b"x \"never closed").unwrap();
    let err = (0..100).find_map(|_| stream.feed(&[b'y'; 1000]).err()).unwrap();
    assert_eq!(err.kind(), ErrorKind::RetainLimit);
    // Usable after: the abandoned match is gone, later ones are found.
    stream.feed(b" \"ok\" ").unwrap();
    stream.finish().unwrap();
    let m = stream.next().unwrap();
    assert_eq!((m.end - m.start, stream.next()), (4, None));
}

#[test]
fn misuse_gets_errors_not_panics() {
    let all = Regex::with_options(&["a"], Flags::empty(), &Options::new().match_kind(MatchKind::All)).unwrap();
    assert_eq!(Stream::for_regex(&all, &StreamOptions::new()).unwrap_err().kind(), ErrorKind::Unsupported);
    let re = Regex::new("a").unwrap();
    let overlapping = StreamOptions::new().overlapping(true);
    assert_eq!(Stream::for_regex(&re, &overlapping).unwrap_err().kind(), ErrorKind::Unsupported);
    let set = PhraseSet::new(&["a"], &PhraseOptions::new()).unwrap();
    assert_eq!(Stream::for_phrases(&set, &overlapping).unwrap_err().kind(), ErrorKind::Unsupported);
    let ends = StreamOptions::new().report(StreamReport::Ends);
    assert_eq!(Stream::for_phrases(&set, &ends).unwrap_err().kind(), ErrorKind::Unsupported);
    // A stream searches unanchored: a set for anchored searches only is
    // refused when the stream is made, not at every feed.
    let anchored_only = PhraseSet::new(&["a"], &PhraseOptions::new().starts(PhraseStarts::Anchored)).unwrap();
    let refused = Stream::for_phrases(&anchored_only, &StreamOptions::new()).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Unsupported);
    assert!(refused.to_string().contains("anchored searches only"), "{refused}");
    let both = PhraseSet::new(&["a"], &PhraseOptions::new().starts(PhraseStarts::Both)).unwrap();
    assert!(Stream::for_phrases(&both, &StreamOptions::new()).is_ok());
    for refused in ["a*", r"\bword", "a|"] {
        let re = Regex::new(refused).unwrap();
        assert_eq!(Stream::for_regex(&re, &ends).unwrap_err().kind(), ErrorKind::Unsupported, "{refused}");
    }
    let mut stream = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
    stream.feed(b"a").unwrap();
    stream.finish().unwrap();
    stream.finish().unwrap();
    assert_eq!(stream.feed(b"a").unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(stream.next(), Some(Match { start: 0, end: 1, pattern: 0 }));
    stream.reset();
    stream.feed(b"xa").unwrap();
    stream.finish().unwrap();
    assert_eq!(stream.next(), Some(Match { start: 1, end: 2, pattern: 0 }));
}

/// Every (end, pattern) such that a match of the pattern ends there, by
/// definition: an anchored search of the ALL kind from some start finds a
/// match ending exactly there.
fn every_end(all: &Regex, hay: &[u8], patterns: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for end in 0..=hay.len() {
        for p in 0..patterns {
            let ends_here = (0..=end).any(|start| {
                let search = Search::bounds(start, end).anchored(Anchor::Pattern(p));
                all.find(None, hay, &search).unwrap().is_some_and(|m| m.end == end)
            });
            if ends_here {
                out.push((end, p));
            }
        }
    }
    out
}

#[test]
fn end_streams_report_every_match_end_and_keep_nothing() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut checked, mut refused) = (0, 0);
    for case in 0..1500 {
        let patterns: Vec<String> = (0..1 + rng.below(2)).map(|_| pattern(&mut rng)).collect();
        let flags = if rng.below(4) == 0 { Flags::NO_UTF8 | Flags::NO_UNICODE } else { Flags::empty() };
        let Ok(re) = Regex::with_options(&patterns, flags, &Options::new()) else { continue };
        let Ok(mut ends) = Stream::for_regex(&re, &StreamOptions::new().report(StreamReport::Ends)) else {
            refused += 1; // can match empty, or a Unicode word boundary
            continue;
        };
        let mut which = Stream::for_regex(&re, &StreamOptions::new().report(StreamReport::Patterns)).unwrap();
        let all = Regex::with_options(&patterns, flags, &Options::new().match_kind(MatchKind::All)).unwrap();
        for _ in 0..4 {
            let hay: Vec<u8> = (0..rng.below(14)).flat_map(|_| rng.pick(HAY_BYTES).iter().copied()).collect();
            let parts = chunks(&mut rng, &hay);
            let want = every_end(&all, &hay, patterns.len());
            for (stream, once) in [(&mut ends, false), (&mut which, true)] {
                stream.reset();
                let got = streamed(stream, &parts, Some(0));
                assert!(got.iter().all(|m| m.start == usize::MAX));
                let got: Vec<(usize, usize)> = got.iter().map(|m| (m.end, m.pattern)).collect();
                let mut want = want.clone();
                if once {
                    let mut seen = vec![false; patterns.len()];
                    want.retain(|&(_, p)| !std::mem::replace(&mut seen[p], true));
                }
                assert_eq!(
                    got, want,
                    "case {case}: {patterns:?} {flags:?} once={once} over {hay:?} split as {parts:?}"
                );
                assert_eq!(stream.offset(), hay.len());
            }
            checked += 1;
        }
    }
    assert!(checked > 1000 && refused > 50, "{checked} checks, {refused} patterns refused");
}

/// What a stream searches, in bytes, to report one match `len` bytes long
/// that stays in progress over `len / chunk` chunks.
fn searched_for_one_long_match(pattern: &str, open: &[u8], fill: u8, close: &[u8], len: usize, chunk: usize) -> u64 {
    let re = Regex::new(pattern).unwrap();
    let mut stream = Stream::for_regex(&re, &StreamOptions::new().retain_limit(4 * len)).unwrap();
    let body = vec![fill; chunk];
    ferrex::testing::take_stream_searched();
    stream.feed(open).unwrap();
    for _ in 0..len / chunk {
        stream.feed(&body).unwrap();
        assert_eq!(stream.next(), None, "{pattern}: nothing settles while the match is in progress");
    }
    stream.feed(close).unwrap();
    stream.finish().unwrap();
    let m = stream.next().unwrap();
    assert_eq!((m.start, m.end), (0, open.len() + len / chunk * chunk + close.len()), "{pattern}");
    ferrex::testing::take_stream_searched()
}

#[test]
fn a_long_match_in_progress_is_not_searched_again_at_every_chunk() {
    // Each chunk used to search again from the match's start: 1 MiB in
    // 64-byte chunks read about 8 GB (quadratic); the anchored walk that
    // resumes across chunks now decides alone until the match can settle.
    let len = 1 << 20;
    for (pattern, open, fill, close) in [
        (r#""[^"]*""#, &b"\""[..], b'x', &b"\""[..]),
        (r"<[^>]*>", b"<", b'a', b">"),
        (r"x+y", b"x", b'x', b"y"),
        (r"(?i)begin\w*end", b"BEGIN", b'q', b"END"),
    ] {
        let searched = searched_for_one_long_match(pattern, open, fill, close, len, 64);
        println!("{pattern}: {searched} bytes searched for a {len}-byte match in 64-byte chunks");
        assert!(searched <= 4 * len as u64, "{pattern}: searched {searched} bytes for a {len}-byte match");
    }
}

#[test]
fn a_retain_limit_below_what_a_stream_always_keeps_is_refused() {
    // (pattern, what it keeps with no match in progress: L + A + 3 for
    // matches at most L long, A + 4 when unbounded, A the bytes its
    // look-ahead reads: 0, 1, or 4 for a Unicode `\b`)
    for (pattern, floor) in [
        ("abc", 6),
        (r"[0-9]{4}", 7),
        (r"x[ab]+y", 4),
        (r"(?m)^abc", 6),
        (r"abc$", 7),
        (r"(?-u:\b)abc", 7),
        (r"\babc", 10),
        (r"\bx[ab]+y", 8),
    ] {
        let re = Regex::new(pattern).unwrap();
        let err = Stream::for_regex(&re, &StreamOptions::new().retain_limit(floor - 1)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{pattern}");
        assert!(err.to_string().contains(&format!("below the {floor} bytes")), "{pattern}: {err}");
        // At the floor, text that never starts a match never trips it, and
        // a match that arrives split is found.
        let mut stream = Stream::for_regex(&re, &StreamOptions::new().retain_limit(floor)).unwrap();
        for _ in 0..100 {
            stream.feed(b"zz").unwrap();
            assert!(stream.retained() <= floor, "{pattern}: kept {}", stream.retained());
        }
    }
    let re = Regex::new("abc").unwrap();
    let mut stream = Stream::for_regex(&re, &StreamOptions::new().retain_limit(6)).unwrap();
    stream.feed(b"xxxxxxxxxxab").unwrap();
    stream.feed(b"c").unwrap();
    stream.finish().unwrap();
    assert_eq!(stream.next().map(|m| (m.start, m.end)), Some((10, 13)));
    // Overlapping phrase streams keep the longest phrase's length.
    let set = PhraseSet::new(&["abcd", "b"], &PhraseOptions::new().match_kind(PhraseMatchKind::Standard)).unwrap();
    let opts = StreamOptions::new().overlapping(true);
    assert!(Stream::for_phrases(&set, &opts.clone().retain_limit(4)).is_ok());
    let err = Stream::for_phrases(&set, &opts.retain_limit(3)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn a_match_is_reported_once_the_bytes_after_it_decide_it() {
    // (pattern, text fed, then one byte at a time: the bytes fed when the
    // match was reported). Without look-ahead a match is settled by the
    // first byte that ends it (at once when no longer match can follow);
    // `$`, `\z` and an ASCII `\b` read one byte past it, a Unicode `\b` a
    // character (4 bytes, as a chunk can end inside one).
    for (pattern, text, settled_at) in [
        ("12", &b"id 12 and more"[..], 5),
        ("[0-9]+", b"id 12 and more", 6),
        ("a|ab", b"xab", 3),
        ("ab|a", b"xa b", 3),
        (r"(?m) [45][0-9]{2}$", b"GET /d 500\nGET", 11),
        (r"(?-u:\b)12(?-u:\b)", b"id 12 and more", 6),
        (r"\b12\b", b"id 12 and more", 9),
        (r"[0-9]+\b", b"id 12 and more", 7),
        (r"12\z", b"id 12 and more", usize::MAX),
    ] {
        let re = Regex::new(pattern).unwrap();
        let mut stream = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
        let mut at = None;
        for (i, b) in text.iter().enumerate() {
            stream.feed(std::slice::from_ref(b)).unwrap();
            if let Some(m) = stream.next() {
                assert_eq!(m, Regex::new(pattern).unwrap().find(None, text, &Search::default()).unwrap().unwrap());
                at = Some(i + 1);
                break;
            }
        }
        assert_eq!(at.unwrap_or(usize::MAX), settled_at, "{pattern}: settled after {at:?} bytes");
    }
}
