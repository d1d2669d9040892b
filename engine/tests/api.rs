//! Behaviour of the engine's public API beyond plain matching: errors,
//! bounds, caches, captures, iteration, set queries, escaping.

use ferrex::{escape, Anchor, ErrorKind, FindState, Flags, MatchKind, Options, Regex, Search};

fn one(pattern: &str, flags: Flags) -> Regex {
    Regex::with_options(&[pattern], flags, &Options::default()).unwrap()
}

fn spans(re: &Regex, hay: &[u8], search: &Search) -> Vec<(usize, usize)> {
    let mut cache = re.create_cache();
    let mut it = FindState::new(re, hay.len(), search).unwrap();
    let mut out = vec![];
    while let Some(m) = it.next(re, &mut cache, hay).unwrap() {
        out.push((m.start, m.end));
    }
    // The Rust iterator yields the same matches, with the caller's cache
    // and with one from the pool.
    let with_cache: Vec<_> = re.find_iter(Some(&mut cache), hay, search).unwrap().map(|m| (m.start, m.end)).collect();
    let pooled: Vec<_> = re.find_iter(None, hay, search).unwrap().map(|m| (m.start, m.end)).collect();
    assert_eq!((&with_cache, &pooled), (&out, &out), "find_iter on {hay:?} {search:?}");
    out
}

#[test]
fn syntax_errors_carry_pattern_index_and_span() {
    let err = Regex::with_options(&["ok", "a(b"], Flags::empty(), &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert_eq!(err.pattern(), Some(1));
    assert_eq!(err.span(), Some((1, 2)));
    assert!(err.message().contains("unclosed group"), "{}", err.message());
    let err = Regex::new(r"x{2,1}").unwrap_err();
    assert_eq!(err.span(), Some((1, 6)));
}

#[test]
fn invalid_utf8_patterns_and_unknown_flags_are_rejected() {
    let err = Regex::with_options(&[b"ab\xFF".as_slice()], Flags::empty(), &Options::default()).unwrap_err();
    assert_eq!((err.kind(), err.span()), (ErrorKind::InvalidUtf8, Some((2, 3))));
    assert_eq!(Flags::from_bits(1 << 8).unwrap_err().kind(), ErrorKind::UnknownFlag);
    assert_eq!(Flags::from_bits(Flags::ALL.bits()).unwrap(), Flags::ALL);
}

#[test]
fn limits_are_enforced() {
    let small = Options::new().nfa_size_limit(1000);
    assert_eq!(Regex::with_options(&[r"\w{50}"], Flags::empty(), &small).unwrap_err().kind(), ErrorKind::SizeLimit);
    let shallow = Options::new().nesting_limit(3);
    assert_eq!(Regex::with_options(&["((((a))))"], Flags::empty(), &shallow).unwrap_err().kind(), ErrorKind::Syntax);
    let no_cache = Options::new().dfa_cache_capacity(0);
    assert_eq!(Regex::with_options(&["a"], Flags::empty(), &no_cache).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn bounds_are_checked_and_look_around_sees_outside_them() {
    let re = Regex::new(r"\bcat\b").unwrap();
    assert_eq!(re.find(None, b"cat", &Search::bounds(2, 4)).unwrap_err().kind(), ErrorKind::OutOfBounds);
    assert_eq!(re.find(None, b"cat", &Search::bounds(2, 1)).unwrap_err().kind(), ErrorKind::OutOfBounds);
    assert_eq!(re.find(None, b"concat", &Search::bounds(3, 6)).unwrap(), None);
    assert_eq!(re.find(None, b"a cat", &Search::bounds(2, 5)).unwrap().map(|m| m.start), Some(2));
}

#[test]
fn caches_and_captures_belong_to_one_regex() {
    let a = Regex::new("a").unwrap();
    let b = Regex::new("a").unwrap();
    let mut cache = b.create_cache();
    assert_eq!(a.is_match(Some(&mut cache), b"a", &Search::default()).unwrap_err().kind(), ErrorKind::WrongRegex);
    let mut caps = b.create_captures();
    assert_eq!(a.captures(None, b"a", &Search::default(), &mut caps).unwrap_err().kind(), ErrorKind::WrongRegex);
    // A clone shares the compiled program, so its caches fit.
    let a2 = a.clone();
    let mut cache = a.create_cache();
    assert!(a2.is_match(Some(&mut cache), b"a", &Search::default()).unwrap());
}

#[test]
fn captures_by_index_and_name_per_pattern() {
    let re =
        Regex::with_options(&[r"(?<y>\d{4})-(\d{2})", r"(?<word>[a-z]+)(x)?"], Flags::empty(), &Options::default())
            .unwrap();
    assert_eq!(re.group_count(0).unwrap(), 3);
    assert_eq!(re.group_name(1, 1).unwrap(), Some("word"));
    assert_eq!(re.group_name(0, 2).unwrap(), None);
    assert_eq!(re.group_index(0, "y").unwrap(), Some(1));
    assert_eq!(re.group_index(0, "word").unwrap(), None);
    assert_eq!(re.group_count(2).unwrap_err().kind(), ErrorKind::Index);
    assert_eq!(re.group_name(0, 3).unwrap_err().kind(), ErrorKind::Index);
    let mut caps = re.create_captures();
    assert!(re.captures(None, b"-- hello 2024-05", &Search::default(), &mut caps).unwrap());
    assert_eq!(caps.pattern(), Some(1));
    assert_eq!(caps.group_count(), Some(3));
    assert_eq!(caps.get_by_name("word").unwrap().map(|m| (m.start, m.end)), Some((3, 8)));
    assert_eq!(caps.get(2).unwrap(), None, "optional group did not participate");
    assert_eq!(caps.get(3).unwrap_err().kind(), ErrorKind::Index);
    assert_eq!(caps.get_by_name("y").unwrap_err().kind(), ErrorKind::Index);
    assert!(!re.captures(None, b"--", &Search::default(), &mut caps).unwrap());
    assert_eq!((caps.pattern(), caps.get(0).unwrap()), (None, None));
}

#[test]
fn iteration_handles_empty_matches_like_the_regex_crate() {
    assert_eq!(spans(&one("a*", Flags::empty()), b"baaab", &Search::default()), [(0, 0), (1, 4), (5, 5)]);
    let snowman = "☃".as_bytes();
    assert_eq!(spans(&one("", Flags::empty()), snowman, &Search::default()), [(0, 0), (3, 3)]);
    assert_eq!(spans(&one("", Flags::NO_UTF8), snowman, &Search::default()), [(0, 0), (1, 1), (2, 2), (3, 3)]);
    // Anchored iteration: each match starts where the last one ended.
    assert_eq!(
        spans(&one("[a-z]", Flags::empty()), b"ab-c", &Search::default().anchored(Anchor::Start)),
        [(0, 1), (1, 2)]
    );
    assert_eq!(spans(&one(r"\d+", Flags::empty()), b"1 22 333", &Search::bounds(1, 6)), [(2, 4), (5, 6)]);
}

#[test]
fn iteration_rejects_a_haystack_of_another_length() {
    let re = Regex::new("a").unwrap();
    let mut cache = re.create_cache();
    let mut it = FindState::new(&re, 3, &Search::default()).unwrap();
    assert_eq!(it.next(&re, &mut cache, b"aaaa").unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn find_iter_checks_everything_when_made_and_then_cannot_fail() {
    let re = Regex::with_options(&["a", "b"], Flags::empty(), &Options::default()).unwrap();
    let other = Regex::new("a").unwrap();
    let mut foreign = other.create_cache();
    let kind = |r: Result<ferrex::FindIter<'_, '_, '_>, ferrex::Error>| r.err().map(|e| e.kind());
    assert_eq!(kind(re.find_iter(Some(&mut foreign), b"ab", &Search::default())), Some(ErrorKind::WrongRegex));
    assert_eq!(kind(re.find_iter(None, b"ab", &Search::bounds(1, 3))), Some(ErrorKind::OutOfBounds));
    let pinned = Search::default().anchored(Anchor::Pattern(2));
    assert_eq!(kind(re.find_iter(None, b"ab", &pinned)), Some(ErrorKind::Index));
    // Pinned to pattern 1: anchored matches of "b" only.
    let pinned = Search::default().anchored(Anchor::Pattern(1));
    let found: Vec<_> = re.find_iter(None, b"bba", &pinned).unwrap().map(|m| (m.start, m.pattern)).collect();
    assert_eq!(found, [(0, 1), (1, 1)]);
    // Fused: once exhausted, it stays exhausted.
    let mut it = re.find_iter(None, b"xa", &Search::default()).unwrap();
    assert_eq!(it.next().map(|m| (m.start, m.end, m.pattern)), Some((1, 2, 0)));
    assert!(it.next().is_none() && it.next().is_none());
    // Iterator adapters work as on any iterator.
    assert_eq!(re.find_iter(None, b"abab a", &Search::default()).unwrap().filter(|m| m.pattern == 0).count(), 3);
}

#[test]
fn set_queries_report_patterns_that_leftmost_first_would_hide() {
    let re = Regex::with_options(&["foo", "foobar", r"\d+", "bar"], Flags::empty(), &Options::default()).unwrap();
    let mut hits = [false; 4];
    assert!(re.which_matches(None, b"xfoobar", &Search::default(), &mut hits).unwrap());
    assert_eq!(hits, [true, true, false, true]);
    let mut short = [false; 3];
    assert_eq!(
        re.which_matches(None, b"x", &Search::default(), &mut short).unwrap_err().kind(),
        ErrorKind::BufferTooSmall
    );
    let all =
        Regex::with_options(&["foo", "foobar"], Flags::empty(), &Options::new().match_kind(MatchKind::All)).unwrap();
    let mut hits = [0u8; 2];
    assert!(all.which_matches(None, b"foobar", &Search::default(), &mut hits).unwrap());
    assert_eq!(hits, [1, 1]);
}

#[test]
fn set_queries_through_one_cache_answer_each_haystack_afresh() {
    // The cache keeps the set a query fills: nothing of one query's
    // answer may show in the next, with the cache or the pool, leftmost-
    // first (answered by the set twin) or All (by the meta regex), and
    // through the byte-mode twin that invalid UTF-8 brings in (`a*`
    // matches empty in UTF-8 mode).
    for kind in [MatchKind::LeftmostFirst, MatchKind::All] {
        let re = Regex::with_options(&["foo", "bar", r"\d+", "a*"], Flags::empty(), &Options::new().match_kind(kind))
            .unwrap();
        let mut cache = re.create_cache();
        let cases: [(&[u8], [bool; 4]); 5] = [
            (b"foo 12", [true, false, true, true]),
            (b"bar", [false, true, false, true]),
            (b"", [false, false, false, true]),
            (b"\xFFbar\xFF7", [false, true, true, true]),
            (b"foo", [true, false, false, true]),
        ];
        for (hay, want) in cases {
            for cache in [Some(&mut cache), None] {
                let mut hits = [true; 4];
                assert!(re.which_matches(cache, hay, &Search::default(), &mut hits).unwrap());
                assert_eq!(hits, want, "{kind:?} on {hay:?}");
            }
        }
        let re = Regex::with_options(&["foo", "bar"], Flags::empty(), &Options::new().match_kind(kind)).unwrap();
        let mut cache = re.create_cache();
        let mut hits = [true; 2];
        assert!(re.which_matches(Some(&mut cache), b"foobar", &Search::default(), &mut hits).unwrap());
        assert!(!re.which_matches(Some(&mut cache), b"baz", &Search::default(), &mut hits).unwrap());
        assert_eq!(hits, [false, false]);
    }
}

#[test]
fn anchoring_to_one_pattern() {
    let re = Regex::with_options(&["[a-z]+", "[a-z]+[0-9]"], Flags::empty(), &Options::default()).unwrap();
    let m = re.find(None, b"ab1", &Search::default().anchored(Anchor::Pattern(1))).unwrap().unwrap();
    assert_eq!((m.start, m.end, m.pattern), (0, 3, 1));
    assert_eq!(
        re.find(None, b"ab1", &Search::default().anchored(Anchor::Pattern(2))).unwrap_err().kind(),
        ErrorKind::Index
    );
}

#[test]
fn unicode_word_boundary_falls_back_past_the_dfa() {
    // The DFAs quit on non-ASCII bytes under a Unicode \b; answers must not change.
    let re = Regex::new(r"\bcafé\b").unwrap();
    assert!(re.is_match(None, "un café noir".as_bytes(), &Search::default()).unwrap());
    assert!(!re.is_match(None, "uncafé".as_bytes(), &Search::default()).unwrap());
}

#[test]
fn escape_round_trips() {
    let text = "a.b*c (1+1) [x] {2} ^$ \\ | ? é";
    let re = Regex::new(&escape(text.as_bytes()).unwrap()).unwrap();
    let hay = format!("zz{text}zz");
    let m = re.find(None, hay.as_bytes(), &Search::default()).unwrap().unwrap();
    assert_eq!((m.start, m.end), (2, 2 + text.len()));
    assert_eq!(escape(b"\xFF").unwrap_err().kind(), ErrorKind::InvalidUtf8);
}

#[test]
fn earliest_captures_report_the_same_match_as_earliest_find() {
    // Regression: the meta regex's capture engines ignore earliest and
    // reported 0..3 here; captures must agree with find (0..1).
    let re = Regex::new("abc|a").unwrap();
    let search = Search::default().earliest(true);
    let found = re.find(None, b"abc", &search).unwrap().map(|m| (m.start, m.end));
    let mut caps = re.create_captures();
    assert!(re.captures(None, b"abc", &search, &mut caps).unwrap());
    assert_eq!(caps.get(0).unwrap().map(|m| (m.start, m.end)), found);
    assert_eq!(found, Some((0, 1)));
    let re = Regex::new("aba|a").unwrap();
    let (mut cache, mut caps) = (re.create_cache(), re.create_captures());
    let mut it = FindState::new(&re, 3, &search).unwrap();
    let mut got = vec![];
    while let Some(m) = it.next_captures(&re, &mut cache, b"aba", &mut caps).unwrap() {
        got.push((m.start, m.end));
    }
    assert_eq!(got, [(0, 1), (2, 3)]);
}

#[test]
fn set_queries_ignore_earliest() {
    // Regression: earliest stopped the set query at the first pattern.
    let re = Regex::with_options(&["a", "b", "ab", "z"], Flags::empty(), &Options::default()).unwrap();
    let (mut plain, mut early) = ([false; 4], [false; 4]);
    re.which_matches(None, b"xab", &Search::default(), &mut plain).unwrap();
    re.which_matches(None, b"xab", &Search::default().earliest(true), &mut early).unwrap();
    assert_eq!(plain, [true, true, true, false]);
    assert_eq!(early, plain);
}

#[test]
fn anchored_iteration_resumes_one_byte_past_a_skipped_empty_match() {
    // The regex crate's rule (pinned by regex-test's anchored empty-match
    // cases): the empty match at 2, where [0, 2) ended, is skipped and the
    // anchored search resumes at 3.
    let re = one("a*", Flags::empty());
    let anchored = Search::default().anchored(Anchor::Start);
    assert_eq!(spans(&re, b"aaba", &anchored), [(0, 2), (3, 4)]);
    assert_eq!(spans(&re, b"aab", &anchored), [(0, 2), (3, 3)]);
    assert_eq!(spans(&re, b"ab-c", &anchored), [(0, 1), (2, 2), (3, 3), (4, 4)]);
}

#[test]
fn match_kind_all_finds_the_match_that_ends_last() {
    let all = Options::new().match_kind(MatchKind::All);
    let re = Regex::with_options(&["a|ab"], Flags::empty(), &all).unwrap();
    let m = re.find(None, b"ab a", &Search::default()).unwrap().unwrap();
    assert_eq!((m.start, m.end), (3, 4));
    let re = Regex::with_options(&["foo", "foobar"], Flags::empty(), &all).unwrap();
    let m = re.find(None, b"foobar", &Search::default()).unwrap().unwrap();
    assert_eq!((m.start, m.end, m.pattern), (0, 6, 1));
}

#[test]
fn a_search_after_a_match_goes_on_as_the_iteration_would() {
    let re = one("a*", Flags::empty());
    let hay = b"baab";
    assert_eq!(spans(&re, hay, &Search::default()), [(0, 0), (1, 3), (4, 4)]);
    // After (1, 3) the empty match at 3 is skipped, whatever the query.
    let after = Search::bounds(3, 4).after_match(true);
    let m = re.find(None, hay, &after).unwrap().map(|m| (m.start, m.end));
    assert_eq!(m, Some((4, 4)));
    assert_eq!(re.count(None, hay, &after).unwrap(), 1);
    assert_eq!(spans(&re, hay, &after), [(4, 4)]);
    let mut caps = re.create_captures();
    assert!(re.captures(None, hay, &after, &mut caps).unwrap());
    assert_eq!(caps.get(0).unwrap().map(|m| (m.start, m.end)), Some((4, 4)));
    // At the end of the bounds nothing is left.
    let at_end = Search::bounds(4, 4).after_match(true);
    assert!(!re.is_match(None, hay, &at_end).unwrap());
    assert_eq!(re.find_all(None, hay, &at_end, &mut [ferrex::Match::default(); 4]).unwrap(), 0);
    // Without the flag the empty match at 3 is the first one.
    let m = re.find(None, hay, &Search::bounds(3, 4)).unwrap().map(|m| (m.start, m.end));
    assert_eq!(m, Some((3, 3)));
    // A non-empty match at the start is reported: only empty ones are skipped.
    let m = one("b", Flags::empty()).find(None, hay, &Search::bounds(3, 4).after_match(true)).unwrap();
    assert_eq!(m.map(|m| (m.start, m.end)), Some((3, 4)));
}

#[test]
fn find_all_fills_at_most_its_buffer_and_checks_what_a_search_checks() {
    let re = one(r"\d+", Flags::empty());
    let hay = b"1 22 333 4444";
    let mut out = [ferrex::Match::default(); 3];
    assert_eq!(re.find_all(None, hay, &Search::default(), &mut out).unwrap(), 3);
    assert_eq!(out.map(|m| (m.start, m.end)), [(0, 1), (2, 4), (5, 8)]);
    let rest = Search::bounds(8, hay.len()).after_match(true);
    let mut cache = re.create_cache();
    assert_eq!(re.find_all(Some(&mut cache), hay, &rest, &mut out).unwrap(), 1);
    assert_eq!((out[0].start, out[0].end), (9, 13));
    assert_eq!(re.find_all(None, hay, &Search::default(), &mut [] as &mut [ferrex::Match]).unwrap(), 0);
    let kind = |r: Result<usize, ferrex::Error>| r.err().map(|e| e.kind());
    assert_eq!(kind(re.find_all(None, hay, &Search::bounds(3, 99), &mut out)), Some(ErrorKind::OutOfBounds));
    let pinned = Search::default().anchored(Anchor::Pattern(1));
    assert_eq!(kind(re.find_all(None, hay, &pinned, &mut out)), Some(ErrorKind::Index));
    let other = Regex::new("x").unwrap();
    assert_eq!(
        kind(re.find_all(Some(&mut other.create_cache()), hay, &Search::default(), &mut out)),
        Some(ErrorKind::WrongRegex)
    );
}

#[test]
fn set_queries_refuse_a_search_after_a_match() {
    let re = Regex::with_options(&["a", "b"], Flags::empty(), &Options::default()).unwrap();
    let mut which = [false; 2];
    let err = re.which_matches(None, b"ab", &Search::default().after_match(true), &mut which).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains("overlapping"), "{err}");
}

#[test]
fn batched_group_spans_check_the_stride_before_moving() {
    let re = Regex::new(r"(\d)(x)?").unwrap();
    let (mut cache, mut caps) = (re.create_cache(), re.create_captures());
    let hay = b"1x 2 3x";
    let mut it = FindState::new(&re, hay.len(), &Search::default()).unwrap();
    let mut out = [None::<ferrex::Match>; 9];
    for stride in [0, 2] {
        let err = it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out, stride).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BufferTooSmall, "stride {stride}");
    }
    // No room for a whole match: nothing written, nothing consumed.
    assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out[..2], 3).unwrap(), 0);
    let err = it.next_spans_batch(&re, &mut cache, &hay[1..], &mut caps, &mut out, 3).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    // The first match is still the first; a stride of 4 pads each match.
    assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out[..8], 4).unwrap(), 2);
    let spans: Vec<_> = out[..8].iter().map(|s| s.map(|m| (m.start, m.end))).collect();
    assert_eq!(spans, [Some((0, 2)), Some((0, 1)), Some((1, 2)), None, Some((3, 4)), Some((3, 4)), None, None]);
    assert_eq!(caps.get(0).unwrap().map(|m| m.start), Some(3), "captures hold the last match written");
    assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out, 3).unwrap(), 1);
    assert_eq!(out[0].map(|m| (m.start, m.end)), Some((5, 7)));
    assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out, 3).unwrap(), 0);
    assert_eq!(caps.pattern(), None, "the end leaves no match in the captures");
    let other = Regex::new(r"\d").unwrap();
    let err = it.next_spans_batch(&re, &mut cache, hay, &mut other.create_captures(), &mut out, 3).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongRegex);
}
