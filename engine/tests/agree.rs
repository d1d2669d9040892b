//! Every query on one regex agrees with find about the match it reports,
//! and no answer depends on a performance knob (the lazy DFA's cache
//! capacity, the full DFA's size limit). Random patterns (empty-matching
//! ones, several patterns, look-around) over random haystacks with invalid
//! UTF-8, in both match kinds, with and without anchors and EARLIEST.

use ferrex::{Anchor, FindState, Flags, Match, MatchKind, Options, Regex, Search};

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;

const ATOMS: &[&str] = &["a", "b", "ab", "", r"\w", r"\d", ".", "[^a]", r"\b", "^", "$", "é", "(a)", "(b*)"];
const SUFFIXES: &[&str] = &["", "", "*", "+", "?", "{2}"];
const HAY_BYTES: &[&[u8]] = &[b"a", b"b", b"1", b" ", b"_", "é".as_bytes(), b"\x80", b"\x87", b"\xff", b"\n"];

fn pattern(rng: &mut Rng) -> String {
    let mut p = String::new();
    for _ in 0..1 + rng.below(3) {
        if rng.below(4) == 0 {
            p.push('|');
        }
        let atom = rng.pick(ATOMS);
        let suffix = if atom.is_empty() || matches!(*atom, r"\b" | "^" | "$") { "" } else { rng.pick(SUFFIXES) };
        p.push_str(atom);
        p.push_str(suffix);
    }
    p
}

fn haystack(rng: &mut Rng) -> Vec<u8> {
    (0..rng.below(7)).flat_map(|_| rng.pick(HAY_BYTES).iter().copied()).collect()
}

/// Everything the queries answer, to compare between option variants.
#[derive(Debug, PartialEq)]
struct Answers {
    is_match: bool,
    find: Option<Match>,
    captures: Option<Match>,
    iter: Vec<Match>,
    /// What repeated finds give, under the regex crate's empty-match rule.
    finds: Vec<Match>,
    /// find_all two at a time, each batch after the last one's final match.
    batches: Vec<Match>,
    /// Every query after the iteration's first match (`Search::after_match`).
    after_first: AfterMatch,
    count: usize,
    which: Vec<bool>,
    /// Every group of every match, one next_spans call a match.
    spans: Vec<Vec<Option<Match>>>,
    /// The same by next_spans_batch, two matches a call, padded.
    span_batches: Vec<Vec<Option<Match>>>,
}

/// The queries asked after a match: they must go on as the iteration does.
#[derive(Debug, PartialEq)]
struct AfterMatch {
    is_match: bool,
    find: Option<Match>,
    captures: Option<Match>,
    count: usize,
    /// Repeated finds, each after the last match.
    finds: Vec<Match>,
}

fn answers(re: &Regex, hay: &[u8], search: &Search) -> Answers {
    let mut cache = re.create_cache();
    let mut caps = re.create_captures();
    let is_match = re.is_match(Some(&mut cache), hay, search).unwrap();
    let find = re.find(Some(&mut cache), hay, search).unwrap();
    let captures = if re.captures(Some(&mut cache), hay, search, &mut caps).unwrap() {
        let m = caps.get(0).unwrap().unwrap();
        Some(Match { pattern: caps.pattern().unwrap(), ..m })
    } else {
        None
    };
    let mut it = FindState::new(re, hay.len(), search).unwrap();
    let mut iter = Vec::new();
    while let Some(m) = it.next(re, &mut cache, hay).unwrap() {
        iter.push(m);
    }
    let count = re.count(Some(&mut cache), hay, search).unwrap();
    let finds = repeated_finds(re, &mut cache, hay, search);
    let batches = batched(re, &mut cache, hay, search);
    let after_first = after_match(re, &mut cache, hay, search, iter.first().map_or(search.start, |m| m.end));
    let mut which = vec![false; re.pattern_count()];
    re.which_matches(Some(&mut cache), hay, search, &mut which).unwrap();
    let (spans, span_batches) = (spans_per_match(re, hay, search), spans_batched(re, hay, search));
    Answers { is_match, find, captures, iter, finds, batches, after_first, count, which, spans, span_batches }
}

/// Every group span of every match, one `next_spans` call a match.
fn spans_per_match(re: &Regex, hay: &[u8], search: &Search) -> Vec<Vec<Option<Match>>> {
    let (mut cache, mut caps) = (re.create_cache(), re.create_captures());
    let mut it = FindState::new(re, hay.len(), search).unwrap();
    let mut room = vec![None; re.max_group_count()];
    let mut out = vec![];
    while let Some(n) = it.next_spans(re, &mut cache, hay, &mut caps, &mut room).unwrap() {
        out.push(room[..n].to_vec());
    }
    out
}

/// The same by `next_spans_batch`, two matches a call with one entry of
/// padding each, which must stay unset; cut to each pattern's groups.
fn spans_batched(re: &Regex, hay: &[u8], search: &Search) -> Vec<Vec<Option<Match>>> {
    let (mut cache, mut caps) = (re.create_cache(), re.create_captures());
    let mut it = FindState::new(re, hay.len(), search).unwrap();
    let stride = re.max_group_count() + 1;
    let mut out = vec![];
    loop {
        let mut two = vec![Some(Match::default()); 2 * stride];
        let n = it.next_spans_batch(re, &mut cache, hay, &mut caps, &mut two, stride).unwrap();
        for one in two.chunks_exact(stride).take(n) {
            let groups = re.group_count(one[0].expect("group 0 of a match").pattern).unwrap();
            assert!(one[groups..].iter().all(Option::is_none), "padding past the groups: {one:?}");
            out.push(one[..groups].to_vec());
        }
        if n < 2 {
            return out;
        }
        assert!(out.len() <= hay.len() + 2, "next_spans_batch does not advance");
    }
}

/// The matches find_all gives two at a time, a full batch going on after
/// its last match.
fn batched(re: &Regex, cache: &mut ferrex::Cache, hay: &[u8], search: &Search) -> Vec<Match> {
    let (mut out, mut next) = (vec![], *search);
    loop {
        let mut two = [Match::default(); 2];
        let n = re.find_all(Some(&mut *cache), hay, &next, &mut two).unwrap();
        out.extend_from_slice(&two[..n]);
        if n < 2 {
            return out;
        }
        next = Search { start: two[1].end, ..*search }.after_match(true);
        assert!(out.len() <= hay.len() + 2, "find_all does not advance");
    }
}

/// Every query after a match that ended at `from` (the iteration's first).
fn after_match(re: &Regex, cache: &mut ferrex::Cache, hay: &[u8], search: &Search, from: usize) -> AfterMatch {
    let after = |at: usize| Search { start: at, ..*search }.after_match(true);
    let mut caps = re.create_captures();
    let captures = re.captures(Some(&mut *cache), hay, &after(from), &mut caps).unwrap().then(|| {
        let m = caps.get(0).unwrap().unwrap();
        Match { pattern: caps.pattern().unwrap(), ..m }
    });
    let mut finds = vec![];
    let mut at = from;
    while let Some(m) = re.find(Some(&mut *cache), hay, &after(at)).unwrap() {
        finds.push(m);
        at = m.end;
        assert!(finds.len() <= hay.len() + 2, "finds after a match do not advance");
    }
    AfterMatch {
        is_match: re.is_match(Some(&mut *cache), hay, &after(from)).unwrap(),
        find: re.find(Some(&mut *cache), hay, &after(from)).unwrap(),
        captures,
        count: re.count(Some(&mut *cache), hay, &after(from)).unwrap(),
        finds,
    }
}

/// The matches repeated finds give: an empty match where the last match
/// ended is skipped by searching again one byte later (anchored too).
fn repeated_finds(re: &Regex, cache: &mut ferrex::Cache, hay: &[u8], search: &Search) -> Vec<Match> {
    let (end, mut out, mut pos, mut last_end) = (search.end.unwrap_or(hay.len()), vec![], search.start, None);
    let mut find = |at: usize| re.find(Some(&mut *cache), hay, &Search { start: at, ..*search }).unwrap();
    while let Some(mut m) = find(pos) {
        if m.start == m.end && Some(m.end) == last_end {
            if pos + 1 > end {
                break;
            }
            match find(pos + 1) {
                Some(next) => m = next,
                None => break,
            }
        }
        out.push(m);
        pos = m.end;
        last_end = Some(m.end);
        assert!(out.len() <= hay.len() + 2, "repeated finds do not advance");
    }
    out
}

/// Which agreements fail (empty: all hold).
fn disagreements(a: &Answers) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.is_match != a.find.is_some() {
        out.push("is_match vs find");
    }
    if a.captures != a.find {
        out.push("captures vs find");
    }
    if a.iter.first() != a.find.as_ref() {
        out.push("iteration vs find");
    }
    if a.iter != a.finds {
        out.push("iteration vs repeated finds");
    }
    if a.count != a.iter.len() {
        out.push("count vs iteration");
    }
    if a.batches != a.iter {
        out.push("find_all batches vs iteration");
    }
    // After the first match, every query goes on as the iteration does.
    let rest = a.iter.get(1..).unwrap_or_default();
    let f = &a.after_first;
    if f.finds != rest || f.find.as_ref() != rest.first() || f.is_match == rest.is_empty() {
        out.push("finds after a match vs iteration");
    }
    if f.captures.as_ref() != rest.first() {
        out.push("captures after a match vs iteration");
    }
    if f.count != rest.len() {
        out.push("count after a match vs iteration");
    }
    if a.spans.iter().map(|groups| groups[0]).collect::<Vec<_>>()
        != a.iter.iter().copied().map(Some).collect::<Vec<_>>()
    {
        out.push("next_spans vs iteration");
    }
    if a.span_batches != a.spans {
        out.push("next_spans_batch vs next_spans");
    }
    if a.which.iter().any(|&w| w) != a.is_match {
        out.push("which_matches vs is_match");
    }
    // Anchored iteration anchors each match where the last one ended, so
    // only its first match (find's) is a match at the start.
    if a.find.is_some_and(|m| !a.which[m.pattern]) {
        out.push("iteration's pattern missing from which_matches");
    }
    out
}

/// Failures by kind, with the first example of each.
#[derive(Default)]
struct Findings(std::collections::BTreeMap<String, (usize, String)>);

impl Findings {
    fn add(&mut self, kind: String, example: impl FnOnce() -> String) {
        self.0.entry(kind).or_insert_with(|| (0, example())).0 += 1;
    }
}

#[test]
fn every_query_agrees_with_find_whatever_the_engine() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    let mut findings = Findings::default();
    for case in 0..3000 {
        let patterns: Vec<String> = (0..1 + rng.below(3)).map(|_| pattern(&mut rng)).collect();
        let kind = if rng.below(3) == 0 { MatchKind::All } else { MatchKind::LeftmostFirst };
        let flags = if rng.below(4) == 0 { Flags::NO_UTF8 | Flags::NO_UNICODE } else { Flags::empty() };
        let base = Options::new().match_kind(kind);
        let variants = [
            base.clone(),
            base.clone().dfa_cache_capacity(1),
            base.clone().dfa_size_limit(0),
            base.clone().dfa_size_limit(0).dfa_cache_capacity(1),
        ];
        let Ok(regexes) =
            variants.iter().map(|o| Regex::with_options(&patterns, flags, o)).collect::<Result<Vec<_>, _>>()
        else {
            continue; // e.g. `é` with NO_UTF8 | NO_UNICODE is fine, `\w` is not
        };
        for _ in 0..4 {
            let hay = haystack(&mut rng);
            let anchor = match rng.below(4) {
                0 => Anchor::Start,
                1 => Anchor::Pattern(rng.below(patterns.len())),
                _ => Anchor::None,
            };
            let earliest = rng.below(5) == 0;
            let start = rng.below(hay.len() + 1);
            let search = Search::bounds(start, hay.len()).anchored(anchor).earliest(earliest);
            let what = format!("case {case}: {patterns:?} {kind:?} {flags:?} {hay:?} {search:?}");
            let invalid = flags == Flags::empty() && std::str::from_utf8(&hay).is_err();
            let tag = format!(
                "{kind:?}{}{}{}",
                if earliest { " earliest" } else { "" },
                if flags == Flags::empty() { "" } else { " bytes" },
                if invalid { " invalid-utf8" } else { "" }
            );
            let first = answers(&regexes[0], &hay, &search);
            for d in disagreements(&first) {
                findings.add(format!("{tag}: {d}"), || format!("{what}: {first:?}"));
            }
            for (i, re) in regexes.iter().enumerate().skip(1) {
                let other = answers(re, &hay, &search);
                if other != first {
                    findings.add(format!("{tag}: answers change with variant {i}"), || {
                        format!("{what}: {first:?} vs {other:?}")
                    });
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 5000, "only {checked} cases compiled");
    for (kind, (n, example)) in &findings.0 {
        eprintln!("{n:6} x {kind}\n         e.g. {example}");
    }
    assert!(findings.0.is_empty(), "{} kinds of disagreement over {checked} cases", findings.0.len());
}

/// Under the utf8-empty rule, find and captures ask the byte-mode twin
/// first once it is built (or after a match, or on spans of 256 KiB and
/// more) and read only up to its match where that settles the answer:
/// every query still agrees, and answers as on a regex that reads the
/// whole span first. Random pieces around a run of one filler (ASCII, a
/// two-byte character, or a letter patterns match) over a kilobyte,
/// invalid bytes on either side; one regex warmed up by a search after a
/// match (which builds the twin), one fresh.
#[test]
fn the_byte_mode_twin_asked_first_answers_as_the_whole_span_decides() {
    const FILLERS: &[&str] = &[" ", "é", "a", "1"];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut checked, mut invalid_cases) = (0, 0);
    let mut findings = Findings::default();
    for case in 0..150 {
        let patterns: Vec<String> = (0..1 + rng.below(2)).map(|_| pattern(&mut rng)).collect();
        let kind = if rng.below(3) == 0 { MatchKind::All } else { MatchKind::LeftmostFirst };
        let options = Options::new().match_kind(kind);
        let Ok(warm) = Regex::with_options(&patterns, Flags::empty(), &options) else {
            continue;
        };
        warm.find(None, b"ab", &Search::bounds(1, 2).after_match(true)).unwrap();
        for _ in 0..2 {
            let fresh = Regex::with_options(&patterns, Flags::empty(), &options).unwrap();
            let filler = rng.pick(FILLERS);
            let mut hay = haystack(&mut rng);
            hay.extend(filler.repeat(1100 / filler.len()).bytes());
            hay.extend(haystack(&mut rng));
            let start = rng.below(8).min(hay.len());
            let anchor = if rng.below(4) == 0 { Anchor::Start } else { Anchor::None };
            let search = Search::bounds(start, hay.len()).anchored(anchor).earliest(rng.below(5) == 0);
            invalid_cases += usize::from(std::str::from_utf8(&hay).is_err());
            let what = || format!("case {case}: {patterns:?} {kind:?} {:?} {search:?}", String::from_utf8_lossy(&hay));
            let (cold, hot) = (answers(&fresh, &hay, &search), answers(&warm, &hay, &search));
            for d in disagreements(&hot) {
                findings.add(format!("{kind:?}: {d}"), || format!("{}: {hot:?}", what()));
            }
            if cold != hot {
                findings.add(format!("{kind:?}: twin first vs span read first"), || {
                    format!("{}: {cold:?} vs {hot:?}", what())
                });
            }
            checked += 1;
        }
    }
    assert!(checked > 250 && invalid_cases > 50, "only {checked} cases, {invalid_cases} with invalid UTF-8");
    for (kind, (n, example)) in &findings.0 {
        eprintln!("{n:6} x {kind}\n         e.g. {example}");
    }
    assert!(findings.0.is_empty(), "{} kinds of disagreement over {checked} cases", findings.0.len());
}

/// Patterns, match kind, haystack, search, and find's answer.
type Case = (&'static [&'static str], MatchKind, &'static [u8], Search, Option<(usize, usize, usize)>);

/// The cases issue 13 reported, each with the answer every engine gives now.
#[test]
fn the_reported_cases_answer_alike_under_every_option() {
    let tiny = Options::new().dfa_cache_capacity(1).dfa_size_limit(0);
    let cases: &[Case] = &[
        (&["[^a]*ab?"], MatchKind::LeftmostFirst, b"a", Search::default(), Some((0, 1, 0))),
        (&[r"[^[:word:]]A\b{end}()"], MatchKind::LeftmostFirst, b"Ab", Search::default(), None),
        (&[r"[^[:word:]]A\b{end}()"], MatchKind::LeftmostFirst, b" Ab A", Search::default(), Some((3, 5, 0))),
        (&["ab", "a", ""], MatchKind::LeftmostFirst, b"ab\x80", Search::default(), Some((0, 2, 0))),
        (&[r"\w+", r"\d+"], MatchKind::All, b"123 abc_9", Search::default(), Some((4, 9, 0))),
        (&[r"b\d|a"], MatchKind::All, b"ba", Search::default().anchored(Anchor::Start), None),
        (&["", r"\w"], MatchKind::All, b"c", Search::default(), Some((0, 1, 1))),
        (&["ab|a"], MatchKind::LeftmostFirst, b"ab", Search::default().earliest(true), Some((0, 1, 0))),
        (&[r"\w+"], MatchKind::LeftmostFirst, b"abc", Search::default().earliest(true), Some((0, 1, 0))),
        (&["(a*)(b*)"], MatchKind::LeftmostFirst, b"a\x87", Search::default().anchored(Anchor::Start), Some((0, 1, 0))),
        // Found by regex_agree: under ALL the span ends inside a character.
        (&[""], MatchKind::All, "😀😀😀😀😀😀😀\0😀😀".as_bytes(), Search::bounds(26, 31), Some((29, 29, 0))),
    ];
    for (patterns, kind, hay, search, want) in cases {
        for opts in [Options::default(), tiny.clone()] {
            let re = Regex::with_options(patterns, Flags::empty(), &opts.match_kind(*kind)).unwrap();
            let got = answers(&re, hay, search);
            assert!(disagreements(&got).is_empty(), "{patterns:?} {hay:?}: {:?} in {got:?}", disagreements(&got));
            assert_eq!(got.find.map(|m| (m.start, m.end, m.pattern)), *want, "{patterns:?} {hay:?} {search:?}");
        }
    }
    // Set queries: anchored ones report only matches at the start; on
    // invalid UTF-8 every pattern with a match counts.
    let which = |patterns: &[&str], hay: &[u8], search: Search| {
        let re = Regex::with_options(patterns, Flags::empty(), &Options::default()).unwrap();
        let mut hits = vec![false; patterns.len()];
        re.which_matches(None, hay, &search, &mut hits).unwrap();
        hits
    };
    assert_eq!(which(&["b", r"\ba"], "abé".as_bytes(), Search::bounds(0, 4).anchored(Anchor::Start)), [false, true]);
    assert_eq!(which(&["ab", ""], b"ab\x80", Search::default()), [true, true]);
    assert_eq!(which(&["a", "b*", ""], b"a\x87", Search::default()), [true, true, true]);
}

/// From 64 patterns on, every query comes from the DFA pair, the
/// backtracker (groups) or the set twin: the meta regex's PikeVM fallback
/// copies every pattern's slots per state and byte, and its cache holds a
/// slot table growing with the square of the pattern count. The answers
/// must be the meta regex's, with any cache capacity.
#[test]
fn many_patterns_answer_as_the_meta_regex_does() {
    let mut rng = Rng(0xDEAD_BEEF_1234_5678);
    let tiny = Options::new().dfa_cache_capacity(1).dfa_size_limit(0);
    for round in 0..20 {
        let patterns: Vec<String> = (0..70).map(|_| pattern(&mut rng)).collect();
        let options = if round % 2 == 0 { Options::default() } else { tiny.clone() };
        let Ok(re) = Regex::with_options(&patterns, Flags::empty(), &options) else { continue };
        let reference = regex_automata::meta::Regex::builder()
            .configure(regex_automata::meta::Config::new().dfa(false))
            .build_many(&patterns)
            .unwrap();
        for _ in 0..10 {
            let hay: Vec<u8> = haystack(&mut rng).into_iter().filter(|&b| b < 0x80).collect();
            let a = answers(&re, &hay, &Search::default());
            assert!(disagreements(&a).is_empty(), "{patterns:?} {hay:?}: {:?}", disagreements(&a));
            let want: Vec<(usize, usize, usize)> =
                reference.find_iter(&hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            let got: Vec<(usize, usize, usize)> = a.iter.iter().map(|m| (m.start, m.end, m.pattern)).collect();
            assert_eq!(got, want, "{hay:?}");
            // Every group of the first match, as the meta regex records it.
            let mut want = reference.create_captures();
            reference.captures(&hay, &mut want);
            let mut caps = re.create_captures();
            re.captures(None, &hay, &Search::default(), &mut caps).unwrap();
            assert_eq!(caps.pattern(), want.pattern().map(|p| p.as_usize()), "{hay:?}");
            for g in 0..want.group_len() {
                let got = caps.get(g).unwrap().map(|m| (m.start, m.end));
                assert_eq!(got, want.get_group(g).map(|s| (s.start, s.end)), "group {g} on {hay:?}");
            }
        }
    }
}

/// Many patterns that are all plain literals (a dictionary) stay with the
/// meta regex and its literal prefilter however many they are
/// (build::is_many): every query must still agree and give the meta
/// regex's matches, with any cache capacity.
#[test]
fn many_literal_patterns_answer_as_the_meta_regex_does() {
    let mut rng = Rng(0x0DD_BA11_CAFE_F00D);
    let tiny = Options::new().dfa_cache_capacity(1).dfa_size_limit(0);
    for round in 0..10 {
        let words: Vec<String> =
            (0..200).map(|_| String::from_utf8(rng.text(b"abcde'", 6)).unwrap()).filter(|w| !w.is_empty()).collect();
        let options = if round % 2 == 0 { Options::default() } else { tiny.clone() };
        let re = Regex::with_options(&words, Flags::empty(), &options).unwrap();
        let reference = regex_automata::meta::Regex::builder()
            .configure(regex_automata::meta::Config::new().dfa(false))
            .build_many(&words)
            .unwrap();
        for _ in 0..10 {
            let hay = rng.text(b"abcdef' ", 300);
            let a = answers(&re, &hay, &Search::default());
            assert!(disagreements(&a).is_empty(), "{words:?} {hay:?}: {:?}", disagreements(&a));
            let want: Vec<(usize, usize, usize)> =
                reference.find_iter(&hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            let got: Vec<(usize, usize, usize)> = a.iter.iter().map(|m| (m.start, m.end, m.pattern)).collect();
            assert_eq!(got, want, "{hay:?}");
        }
    }
}

/// The groups of a match of many patterns under ALL and earliest come from
/// the matched pattern's own PikeVM: the PikeVM of all 900 patterns (fuzz
/// target regex_agree's case: the empty pattern, case-insensitive `K`s
/// with a Kelvin sign to fold, invalid UTF-8) took a 390 MB slot table and
/// 250 ms a call. Every query still agrees, under every option.
#[test]
fn many_patterns_under_all_and_earliest_agree() {
    let mut base = vec![String::new(), format!("{}\u{1}", "K".repeat(12)), "KK".into()];
    base = base.iter().cycle().take(900).cloned().collect();
    let flags = Flags::CASE_INSENSITIVE | Flags::DOT_MATCHES_NEW_LINE | Flags::SWAP_GREED;
    let hay = b"\xa7\xa7\xa7\xa7\xa7\xde\xa7kK\xe2\x84\xaaKk\xcb";
    let mut first = None;
    for (cache, dfa) in [(2 << 20, 256 << 10), (1, 0), (1 << 10, 4 << 10)] {
        let options = Options::new().match_kind(MatchKind::All).dfa_cache_capacity(cache).dfa_size_limit(dfa);
        let re = Regex::with_options(&base, flags, &options).unwrap();
        let mut got = Vec::new();
        for search in [Search::default().earliest(true), Search::default(), Search::bounds(7, 13).earliest(true)] {
            let a = answers(&re, hay, &search);
            assert!(disagreements(&a).is_empty(), "{search:?}: {:?} {a:?}", disagreements(&a));
            let mut caps = re.create_captures();
            re.captures(None, hay, &search, &mut caps).unwrap();
            let groups: Vec<_> = (0..caps.group_count().unwrap_or(0)).map(|g| caps.get(g).unwrap()).collect();
            assert_eq!(groups.first().copied().flatten(), a.find, "{search:?}");
            got.push((a, groups));
        }
        match &first {
            None => first = Some(got),
            Some(want) => assert_eq!(&got, want, "the answers change with cache {cache}, DFA limit {dfa}"),
        }
    }
}

/// Where no DFA can search (a Unicode word boundary meeting non-ASCII
/// text), many patterns are searched one pattern's PikeVM at a time: the
/// PikeVM of all of them keeps every pattern's slots per state (fuzz target
/// regex_agree: 259 MB a cache). The matches are the meta regex's.
#[test]
fn many_patterns_with_unicode_word_boundaries_answer_as_the_meta_regex_does() {
    let base = [r"\bx\w*", r"\by+\b", "é", r"(\w)\b"];
    let patterns: Vec<&str> = base.iter().cycle().take(80).copied().collect();
    let reference = regex_automata::meta::Regex::new_many(&patterns).unwrap();
    let hays = ["éé xé yyy é", "xyz yy", "é\u{300}x y é", "", "ξ x"];
    for kind in [MatchKind::LeftmostFirst, MatchKind::All] {
        let re = Regex::with_options(&patterns, Flags::empty(), &Options::new().match_kind(kind)).unwrap();
        for hay in hays {
            for search in
                [Search::default(), Search::default().earliest(true), Search::bounds(hay.len().min(1), hay.len())]
            {
                let a = answers(&re, hay.as_bytes(), &search);
                assert!(disagreements(&a).is_empty(), "{hay:?} {search:?}: {:?} {a:?}", disagreements(&a));
            }
            if kind == MatchKind::LeftmostFirst {
                let want: Vec<(usize, usize, usize)> =
                    reference.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
                let a = answers(&re, hay.as_bytes(), &Search::default());
                let got: Vec<(usize, usize, usize)> = a.iter.iter().map(|m| (m.start, m.end, m.pattern)).collect();
                assert_eq!(got, want, "{hay:?}");
            }
        }
    }
}

/// Where no DFA can search, an iteration over many patterns does not
/// search every pattern afresh at each match: each pattern's next match
/// stands until the iteration passes its start (regex.rs:
/// `Inner::find_per_pattern`). Searched afresh, a pattern matching far
/// ahead read the rest of the haystack once a match: 80 patterns over
/// 16 KiB of Russian took 8.8 s to count, the meta regex 20 ms. Counted
/// here in searches (patterns x matches before), with every count,
/// iteration and captures iteration equal to the meta regex's.
#[test]
fn many_patterns_iterate_without_searching_every_pattern_at_every_match() {
    let words = [
        "и", "в", "не", "что", "он", "на", "я", "с", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты",
        "к", "у",
    ];
    let mut patterns: Vec<String> =
        (0..79).map(|i| format!(r"\b{}\w*{}", words[i % 20], ["", "", "е", "о"][i / 20])).collect();
    // A line start matches empty: the regex then keeps empty matches off
    // the inside of a character, and its steps over invalid UTF-8 (the
    // 0xFF bytes) go to its byte-mode twin, whose searches must reuse
    // their finds too. Empty only at line starts, on character
    // boundaries, so that the meta regex's answers are the same.
    patterns.push("(?m:^)".to_string());
    let mut rng = Rng(0x5eed);
    let mut hay: Vec<u8> = Vec::new();
    while hay.len() < 8 << 10 {
        hay.extend_from_slice(words[rng.below(words.len())].as_bytes());
        hay.extend_from_slice(["", "о", "ак", "ее"][rng.below(4)].as_bytes());
        hay.extend_from_slice([&b" "[..], b" ", b", ", b"\n", b"\xff "][rng.below(5)]);
    }
    hay.push(0xFF);
    let hay = &hay[..];
    let reference = regex_automata::meta::Regex::new_many(&patterns).unwrap();
    let want: Vec<(usize, usize, usize)> =
        reference.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
    assert!(want.len() > 1000, "{} matches", want.len());
    let re = Regex::with_options(&patterns, Flags::empty(), &Options::new()).unwrap();
    let mut cache = re.create_cache();
    let all = Search::default();
    ferrex::testing::take_pattern_searches();
    assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), want.len());
    let count_searches = ferrex::testing::take_pattern_searches();
    let got: Vec<(usize, usize, usize)> =
        re.find_iter(Some(&mut cache), hay, &all).unwrap().map(|m| (m.start, m.end, m.pattern)).collect();
    assert_eq!(got, want);
    let iter_searches = ferrex::testing::take_pattern_searches();
    let mut caps = re.create_captures();
    let mut state = FindState::new(&re, hay.len(), &all).unwrap();
    let mut spans = Vec::new();
    while let Some(m) = state.next_captures(&re, &mut cache, hay, &mut caps).unwrap() {
        spans.push((m.start, m.end, m.pattern));
    }
    assert_eq!(spans, want);
    let captures_searches = ferrex::testing::take_pattern_searches();
    // Each match passes the start of the patterns that match at its own
    // start (a word and its longer forms), whose next match is then
    // searched for again: a few searches a match, not 80.
    for (what, searches) in [("count", count_searches), ("find_iter", iter_searches), ("captures", captures_searches)] {
        assert!(searches > 0, "{what}: no DFA could search, so the patterns were");
        assert!(searches <= 80 + 8 * want.len() as u64, "{what}: {searches} searches for {} matches", want.len());
    }
}

/// The meta regex as the regex crate builds it (no full DFA), in byte
/// mode (empty matches anywhere) and under the utf8-empty rule: the
/// references of the tests of what the twin answers.
fn meta_references(patterns: &[&str]) -> (regex_automata::meta::Regex, regex_automata::meta::Regex) {
    use regex_automata::{meta, util::syntax};
    let build = |utf8_empty: bool| {
        meta::Builder::new()
            .configure(meta::Config::new().dfa(false).utf8_empty(utf8_empty))
            .syntax(syntax::Config::new())
            .build_many(patterns)
            .unwrap()
    };
    (build(false), build(true))
}

/// Patterns that can match empty and end at the haystack's end (`$`,
/// `\z`) or start at its start (`^`, `\A`): every match ends where the
/// byte-mode twin's answer is the utf8-empty rule's, so the twin answers
/// every query without the span being read for invalid UTF-8 (regex.rs:
/// `Inner::twin_answers`). Read first, a count of `$` over 300 KB of
/// Russian took 3,300x the meta regex's time, which answers from the
/// end, and of `^` 4,000x. Over a mebibyte of valid and of invalid UTF-8
/// (the first byte too), every query must give the byte-mode meta regex's
/// answer (on valid UTF-8 also the UTF-8 one's) and read nothing for
/// invalid UTF-8.
#[test]
fn patterns_anchored_at_an_end_of_the_haystack_are_answered_without_reading_the_span() {
    use regex_automata::Input;
    let sets: &[&[&str]] = &[
        &["$"],
        &[r"\w*$"],
        &[r"(?:x|yz)?\z"],
        &["a$|$"],
        &[r"(a)?(b)?$"],
        &["$", r"b*\z"],
        &["^"],
        &[r"^\w*"],
        &[r"\A(?:x|Ш)?"],
        &[r"^(Ш)?(b)?", r"\A"],
    ];
    let mut valid = "Шерлок Холмс ab\n".repeat(1 << 16).into_bytes();
    valid.extend_from_slice(b"end b");
    let mut invalid = valid.clone();
    for i in (0..invalid.len()).step_by(4097) {
        invalid[i] = 0xFF;
    }
    let lines: Vec<(usize, usize)> = {
        let mut at = 0;
        valid
            .split_inclusive(|&b| b == b'\n')
            .map(|line| {
                at += line.len();
                (at - line.len(), at)
            })
            .collect()
    };
    for &patterns in sets {
        let re = Regex::with_options(patterns, Flags::empty(), &Options::new()).unwrap();
        let (bytes, utf8) = meta_references(patterns);
        for (hay, is_valid) in [(&valid[..], true), (&invalid[..], false)] {
            let what = format!("{patterns:?} over {} UTF-8", if is_valid { "valid" } else { "invalid" });
            let want: Vec<(usize, usize, usize)> =
                bytes.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            if is_valid {
                let want_utf8: Vec<_> =
                    utf8.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
                assert_eq!(want, want_utf8, "{what}: the reference regexes differ");
            }
            assert!(!want.is_empty(), "{what}: no match");
            let mut cache = re.create_cache();
            let all = Search::default();
            ferrex::testing::take_utf8_read();
            assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), want.len(), "{what}: count");
            let got: Vec<_> =
                re.find_iter(Some(&mut cache), hay, &all).unwrap().map(|m| (m.start, m.end, m.pattern)).collect();
            assert_eq!(got, want, "{what}: find_iter");
            let found = re.find(Some(&mut cache), hay, &all).unwrap().map(|m| (m.start, m.end, m.pattern));
            assert_eq!(found, want.first().copied(), "{what}: find");
            assert!(re.is_match(Some(&mut cache), hay, &all).unwrap(), "{what}: is_match");
            let mut caps = re.create_captures();
            let mut state = FindState::new(&re, hay.len(), &all).unwrap();
            let mut spans = Vec::new();
            while state.next_captures(&re, &mut cache, hay, &mut caps).unwrap().is_some() {
                spans.push((0..caps.group_count().unwrap()).map(|g| caps.get(g).unwrap()).collect::<Vec<_>>());
            }
            let want_spans: Vec<Vec<Option<Match>>> = bytes
                .captures_iter(hay)
                .map(|c| {
                    let pattern = c.pattern().unwrap().as_usize();
                    let groups = c.group_len();
                    (0..groups).map(|g| c.get_group(g).map(|s| Match { start: s.start, end: s.end, pattern })).collect()
                })
                .collect();
            assert_eq!(spans, want_spans, "{what}: captures iteration");
            // Line by line, as grep asks: only the last line ends at the
            // haystack's end, only the first starts at its start.
            let matching: Vec<bool> = lines
                .iter()
                .map(|&(s, e)| re.is_match(Some(&mut cache), hay, &Search::bounds(s, e)).unwrap())
                .collect();
            let want_lines: Vec<bool> =
                lines.iter().map(|&(s, e)| bytes.is_match(Input::new(hay).range(s..e))).collect();
            assert_eq!(matching, want_lines, "{what}: is_match line by line");
            assert_eq!(ferrex::testing::take_utf8_read(), 0, "{what}: read for invalid UTF-8");
        }
    }
}

/// Patterns that can match empty and are anchored at neither end: once
/// the byte-mode twin is built, count and is-match ask it first and read
/// a span for invalid UTF-8 only when one of its matches ends inside a
/// character (regex.rs: `Inner::count_twin_first`, `Inner::twin_is_match`).
/// The read made a count of `(?-u:\b)` over 200 KB of Russian 1.25x the
/// meta regex's time and grep 1.36x. Over 64 KB of Russian: on valid
/// UTF-8 every answer (iteration's too) is the UTF-8 meta regex's, and
/// counts and is-match of patterns whose matches all end on character
/// boundaries read nothing; those with empty matches inside characters
/// (`x*`) read each span at most once a query. With an invalid last byte
/// every step sees it: every answer is the byte-mode meta regex's.
#[test]
fn unanchored_empty_matching_patterns_read_the_span_only_for_a_match_inside_a_character() {
    use regex_automata::Input;
    // (patterns, whether every match ends on a character boundary)
    let sets: &[(&[&str], bool)] = &[
        (&[r"(?-u:\b)"], true),
        (&[r"^\p{Han}*|Холмс"], true),
        (&[r"[^\n]*^|Шерлок"], true),
        (&[r"\b\w*\b"], true),
        (&[r"(Ш)?(x)*"], false),
        (&["x*"], false),
        (&[r"\s*"], false),
    ];
    let mut valid = "Шерлок Холмс, ab 12\n".repeat(1 << 11).into_bytes();
    valid.extend_from_slice("конец".as_bytes());
    let mut invalid = valid.clone();
    invalid.push(0xFF);
    for &(patterns, settles) in sets {
        let re = Regex::with_options(patterns, Flags::empty(), &Options::new()).unwrap();
        // A find after a match asks the twin first, which builds it.
        re.find(None, b"ab", &Search::bounds(1, 2).after_match(true)).unwrap();
        let (bytes, utf8) = meta_references(patterns);
        for (hay, is_valid) in [(&valid[..], true), (&invalid[..], false)] {
            let what = format!("{patterns:?} over {} UTF-8", if is_valid { "valid" } else { "invalid" });
            let reference = if is_valid { &utf8 } else { &bytes };
            let want: Vec<(usize, usize, usize)> =
                reference.find_iter(hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            let lines: Vec<(usize, usize)> = {
                let mut at = 0;
                hay.split_inclusive(|&b| b == b'\n')
                    .map(|line| {
                        at += line.len();
                        (at - line.len(), at - usize::from(line.ends_with(b"\n")))
                    })
                    .collect()
            };
            let mut cache = re.create_cache();
            let all = Search::default();
            ferrex::testing::take_utf8_read();
            assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), want.len(), "{what}: count");
            let matching: Vec<bool> = lines
                .iter()
                .map(|&(s, e)| re.is_match(Some(&mut cache), hay, &Search::bounds(s, e)).unwrap())
                .collect();
            let want_lines: Vec<bool> =
                lines.iter().map(|&(s, e)| reference.is_match(Input::new(hay).range(s..e))).collect();
            assert_eq!(matching, want_lines, "{what}: is_match line by line");
            let read = ferrex::testing::take_utf8_read();
            if is_valid && settles {
                assert_eq!(read, 0, "{what}: count and is_match read for invalid UTF-8");
            }
            // The count at most once, each line at most once, plus the
            // characters each read widens to.
            let bound = hay.len() + hay.len() + 8 * lines.len() + 64;
            assert!(read as usize <= bound, "{what}: read {read} bytes, more than {bound}");
            let got: Vec<_> =
                re.find_iter(Some(&mut cache), hay, &all).unwrap().map(|m| (m.start, m.end, m.pattern)).collect();
            assert_eq!(got, want, "{what}: find_iter");
            let mut batches = Vec::new();
            let mut state = FindState::new(&re, hay.len(), &all).unwrap();
            let mut out = [Match::default(); 7];
            loop {
                let n = state.next_batch(&re, &mut cache, hay, &mut out).unwrap();
                batches.extend(out[..n].iter().map(|m| (m.start, m.end, m.pattern)));
                if n < out.len() {
                    break;
                }
            }
            assert_eq!(batches, want, "{what}: batches of seven");
        }
    }
}

/// An iteration made call by call (`find_all` batches, or one find a
/// match, each going on with `Search::after_match`) reads the span for
/// invalid UTF-8 once, as one iterator does (cache.rs:
/// `InvalidMemo::last_invalid`), and answers as the iterator does. Each call
/// reading the rest made count-spans of `\w*` over 1 MiB of Russian by
/// batches 2.0x the meta regex's time, and the calls together quadratic.
#[test]
fn an_iteration_call_by_call_reads_the_span_once() {
    let sets: &[&[&str]] = &[&[r"\w*"], &["x*"], &[r"\s*"], &[r"(Ш)?(x)*"]];
    // Multi-byte characters outside `\w` (a dash, guillemets) put empty
    // matches of the byte-mode twin inside characters.
    let mut valid = "Шерлок — Холмс, «ab» 12\n".repeat(1 << 10).into_bytes();
    valid.extend_from_slice("конец".as_bytes());
    let mut invalid_end = valid.clone();
    invalid_end.push(0xFF);
    let mut invalid_middle = valid.clone();
    invalid_middle[valid.len() / 2] = 0xFF;
    for &patterns in sets {
        let re = Regex::with_options(patterns, Flags::empty(), &Options::new()).unwrap();
        let (bytes, utf8) = meta_references(patterns);
        for (hay, name) in [
            (&valid[..], "valid"),
            (&invalid_end[..], "invalid at the end"),
            (&invalid_middle[..], "invalid in the middle"),
        ] {
            let what = format!("{patterns:?} over UTF-8 {name}");
            let all = Search::default();
            let mut cache = re.create_cache();
            let want: Vec<(usize, usize)> =
                re.find_iter(Some(&mut cache), hay, &all).unwrap().map(|m| (m.start, m.end)).collect();
            if name == "valid" {
                let reference: Vec<_> = utf8.find_iter(hay).map(|m| (m.start(), m.end())).collect();
                assert_eq!(want, reference, "{what}: find_iter against the meta regex");
            } else if name == "invalid at the end" {
                let reference: Vec<_> = bytes.find_iter(hay).map(|m| (m.start(), m.end())).collect();
                assert_eq!(want, reference, "{what}: find_iter against the byte-mode meta regex");
            }
            ferrex::testing::take_utf8_read();
            let mut batches = Vec::new();
            let mut out = [Match::default(); 7];
            let mut search = all;
            loop {
                let n = re.find_all(Some(&mut cache), hay, &search, &mut out).unwrap();
                batches.extend(out[..n].iter().map(|m| (m.start, m.end)));
                if n < out.len() {
                    break;
                }
                search = Search::bounds(out[n - 1].end, hay.len()).after_match(true);
            }
            assert_eq!(batches, want, "{what}: find_all batches of seven");
            let read = ferrex::testing::take_utf8_read() as usize;
            assert!(read <= hay.len() + 64, "{what}: batches read {read} bytes of {}", hay.len());
            let mut finds = Vec::new();
            let mut search = all;
            while let Some(m) = re.find(Some(&mut cache), hay, &search).unwrap() {
                finds.push((m.start, m.end));
                search = Search::bounds(m.end, hay.len()).after_match(true);
            }
            assert_eq!(finds, want, "{what}: one find a match");
            let read = ferrex::testing::take_utf8_read() as usize;
            assert!(read <= hay.len() + 64, "{what}: finds read {read} bytes of {}", hay.len());
            let mut caps = re.create_captures();
            let mut captured = Vec::new();
            let mut search = all;
            while re.captures(Some(&mut cache), hay, &search, &mut caps).unwrap() {
                let m = caps.get(0).unwrap().unwrap();
                captured.push((m.start, m.end));
                search = Search::bounds(m.end, hay.len()).after_match(true);
            }
            assert_eq!(captured, want, "{what}: one captures a match");
            let read = ferrex::testing::take_utf8_read() as usize;
            assert!(read <= hay.len() + 64, "{what}: captures read {read} bytes of {}", hay.len());
        }
    }
}
