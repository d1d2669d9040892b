//! Differential test: phrase sets against a reference that checks every
//! phrase at every position and applies each match kind's definition
//! directly, over random phrase sets (empty phrases included) and haystacks
//! drawn from a tiny alphabet (so matches overlap, repeat and nest), for
//! every match kind, overlapping iteration, ASCII and Unicode case folding,
//! every automaton, bounds, anchoring and earliest searches, and
//! replacement. Then the answers the issue tracker asked about, and the
//! build-cost bounds on hostile inputs.

use ferrex::{Anchor, ErrorKind, PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, Search};

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;

#[path = "support/phrase_reference.rs"]
mod reference;

use reference::{first, iterate, occurrences, overlapping, replaced, Hit, Kind};

/// The reference's name for a match kind.
fn kind_of(kind: PhraseMatchKind) -> Kind {
    match kind {
        PhraseMatchKind::Standard => Kind::Standard,
        PhraseMatchKind::LeftmostFirst => Kind::LeftmostFirst,
        PhraseMatchKind::LeftmostLongest => Kind::LeftmostLongest,
    }
}

fn run(set: &PhraseSet, hay: &[u8], search: &Search, overlapping: bool) -> Vec<Hit> {
    let mut it = PhraseIter::new(set, hay.len(), search, overlapping).unwrap();
    let mut out = vec![];
    while let Some(m) = it.next(set, hay).unwrap() {
        out.push((m.start, m.end, m.pattern));
    }
    out
}

/// The same iteration drained in batches of `cap` (the fast path for
/// Aho-Corasick sets): must equal one-at-a-time iteration.
fn run_batches(set: &PhraseSet, hay: &[u8], search: &Search, overlapping: bool, cap: usize) -> Vec<Hit> {
    let mut it = PhraseIter::new(set, hay.len(), search, overlapping).unwrap();
    let mut out = vec![];
    let mut batch = vec![ferrex::Match::default(); cap];
    loop {
        let n = it.next_batch(set, hay, &mut batch).unwrap();
        out.extend(batch[..n].iter().map(|m| (m.start, m.end, m.pattern)));
        if n < cap {
            break;
        }
    }
    out
}

/// `cases` random sets. With `unicode`, the sets fold Unicode (the regex
/// backend) and their haystacks hold non-ASCII and invalid UTF-8 bytes
/// too: with phrases over `abAB` (no letter whose Unicode folding reaches
/// beyond ASCII, as `k` and `s` do) they must answer as ASCII folding does,
/// empty matches inside characters included.
fn check(seed: u64, unicode: bool, cases: usize) {
    let mut rng = Rng(seed);
    let kinds = [PhraseMatchKind::Standard, PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest];
    let automata = [PhraseAutomaton::Auto, PhraseAutomaton::Nfa, PhraseAutomaton::ContiguousNfa, PhraseAutomaton::Dfa];
    for case in 0..cases {
        let fold = unicode || rng.below(3) == 0;
        let alphabet: &[u8] = if fold { b"abAB" } else { b"abc" };
        let hay_alphabet: &[u8] = if unicode { b"abAB\xc3\xa9\x80\xff" } else { alphabet };
        let count = 1 + rng.below(6);
        // Empty phrases are common: every rule about them gets exercised.
        let phrases: Vec<Vec<u8>> =
            (0..count).map(|_| if rng.below(5) == 0 { vec![] } else { rng.text(alphabet, 4) }).collect();
        let hay = rng.text(hay_alphabet, 24);
        let kind = kinds[rng.below(if unicode { 2 } else { 3 }) + usize::from(unicode)];
        let opts = PhraseOptions::new()
            .match_kind(kind)
            .ascii_case_insensitive(fold && !unicode)
            .unicode_case_insensitive(unicode)
            .automaton(automata[rng.below(automata.len())]);
        let set = PhraseSet::new(&phrases, &opts).unwrap();
        let start = rng.below(hay.len() + 1);
        let end = start + rng.below(hay.len() - start + 1);
        let anchored = rng.below(4) == 0;
        let search = Search::bounds(start, end).anchored(if anchored { Anchor::Start } else { Anchor::None });
        let hits = occurrences(&phrases, &hay, start, end, fold);
        let ctx = format!(
            "case {case}: {phrases:?} {kind:?} fold={fold} unicode={unicode} {:?} on {hay:?} in {start}..{end} \
             anchored={anchored}",
            opts.get_automaton()
        );
        let want_any = hits.iter().any(|h| !anchored || h.0 == start);
        assert_eq!(set.is_match(&hay, &search).unwrap(), want_any, "is_match {ctx}");
        let want_find = first(&hits, start, kind_of(kind), anchored);
        let got = set.find(&hay, &search).unwrap().map(|m| (m.start, m.end, m.pattern));
        assert_eq!(got, want_find, "find {ctx}");
        // Earliest: a real occurrence, as soon as one is certain; with an
        // empty phrase, the empty match at the start (seen before any byte).
        let early = set.find(&hay, &search.earliest(true)).unwrap().map(|m| (m.start, m.end, m.pattern));
        assert_eq!(early.is_some(), want_any, "earliest {ctx}");
        if let Some(h) = early {
            assert!(hits.contains(&h) && (!anchored || h.0 == start), "earliest {h:?} {ctx}");
            if let Some(empty) = phrases.iter().position(Vec::is_empty) {
                assert_eq!(h, (start, start, empty), "earliest {ctx}");
            }
        }
        let want_all = iterate(&hits, start, end, kind_of(kind), anchored);
        assert_eq!(run(&set, &hay, &search, false), want_all, "iterate {ctx}");
        let cap = 1 + rng.below(4);
        assert_eq!(run_batches(&set, &hay, &search, false, cap), want_all, "batches of {cap}: {ctx}");
        // After the first match every search goes on as the iteration does.
        if let Some(&(_, first_end, _)) = want_all.first() {
            let after = Search { start: first_end, ..search }.after_match(true);
            let rest = &want_all[1..];
            assert_eq!(run(&set, &hay, &after, false), rest, "iterate after a match {ctx}");
            assert_eq!(run_batches(&set, &hay, &after, false, cap), rest, "batches after a match {ctx}");
            let next = set.find(&hay, &after).unwrap().map(|m| (m.start, m.end, m.pattern));
            assert_eq!(next.as_ref(), rest.first(), "find after a match {ctx}");
            assert_eq!(set.is_match(&hay, &after).unwrap(), !rest.is_empty(), "is_match after a match {ctx}");
        }
        let replacements: Vec<String> = (0..phrases.len()).map(|i| format!("<{i}>")).collect();
        assert_eq!(
            set.replace(&hay, &Search::default(), &replacements).unwrap(),
            {
                let all = occurrences(&phrases, &hay, 0, hay.len(), fold);
                replaced(&hay, &iterate(&all, 0, hay.len(), kind_of(kind), false))
            },
            "replace {ctx}"
        );
        if kind == PhraseMatchKind::Standard {
            let want = overlapping(&hits, start, anchored);
            assert_eq!(run(&set, &hay, &search, true), want, "overlapping {ctx}");
            let cap = 1 + rng.below(4);
            assert_eq!(run_batches(&set, &hay, &search, true, cap), want, "overlapping batches of {cap}: {ctx}");
        }
    }
}

#[test]
fn aho_corasick_sets_agree_with_the_reference() {
    check(0x9E37_79B9_7F4A_7C15, false, 3000);
}

#[test]
fn unicode_case_insensitive_sets_agree_with_the_reference_on_ascii_phrases() {
    check(0xD1B5_4A32_D192_ED03, true, 1500);
}

fn hits(set: &PhraseSet, hay: &[u8], overlapping: bool) -> Vec<Hit> {
    run(set, hay, &Search::default(), overlapping)
}

fn options(kind: PhraseMatchKind, unicode: bool) -> PhraseOptions {
    PhraseOptions::new().match_kind(kind).unicode_case_insensitive(unicode)
}

#[test]
fn an_empty_phrase_is_the_leftmost_match_where_nothing_else_starts() {
    // Regression: aho-corasick's leftmost automata passed over [0, 0) and
    // reported [1, 3); the Unicode-folding set (a regex) did not.
    for kind in [PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest] {
        for unicode in [false, true] {
            let set = PhraseSet::new(&["ab", ""], &options(kind, unicode)).unwrap();
            let found = set.find(b"aab", &Search::default()).unwrap().map(|m| (m.start, m.end, m.pattern));
            assert_eq!(found, Some((0, 0, 1)), "{kind:?} unicode={unicode}");
            assert_eq!(hits(&set, b"aab", false), [(0, 0, 1), (1, 3, 0)], "{kind:?} unicode={unicode}");
            assert_eq!(set.replace(b"aab", &Search::default(), &["X", "-"]).unwrap(), b"-aX");
        }
    }
}

#[test]
fn overlapping_search_reports_each_empty_match_once() {
    // Regression: aho-corasick reported [2, 2) twice, after "ab".
    let set = PhraseSet::new(&["ab", ""], &options(PhraseMatchKind::Standard, false)).unwrap();
    assert_eq!(hits(&set, b"ab", true), [(0, 0, 1), (1, 1, 1), (0, 2, 0), (2, 2, 1)]);
    // Anchored: the occurrences starting at the start bound.
    let anchored = Search::bounds(0, 2).anchored(Anchor::Start);
    assert_eq!(run(&set, b"ab", &anchored, true), [(0, 0, 1), (0, 2, 0)]);
}

#[test]
fn a_unicode_folding_set_matches_empty_phrases_inside_characters() {
    // Regression: the regex reported empty matches between characters only.
    for kind in [PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest] {
        let set = PhraseSet::new(&[""], &options(kind, true)).unwrap();
        assert_eq!(hits(&set, "é".as_bytes(), false), [(0, 0, 0), (1, 1, 0), (2, 2, 0)]);
        let inside = Search::bounds(1, 2);
        assert_eq!(set.find("é".as_bytes(), &inside).unwrap().map(|m| (m.start, m.end)), Some((1, 1)));
    }
    // And as ASCII folding does, around non-ASCII text.
    let ascii = PhraseSet::new(&["", "a"], &PhraseOptions::new().ascii_case_insensitive(true));
    let unicode = PhraseSet::new(&["", "a"], &options(PhraseMatchKind::LeftmostLongest, true));
    let hay = "Aé\u{2603}a".as_bytes();
    assert_eq!(hits(&ascii.unwrap(), hay, false), hits(&unicode.unwrap(), hay, false));
}

#[test]
fn standard_sets_with_an_empty_phrase_report_it_everywhere() {
    let set = PhraseSet::new(&["a", "", ""], &options(PhraseMatchKind::Standard, false)).unwrap();
    assert_eq!(hits(&set, b"aa", false), [(0, 0, 1), (1, 1, 1), (2, 2, 1)]);
    assert_eq!(
        hits(&set, b"a", true),
        [(0, 0, 1), (0, 0, 2), (0, 1, 0), (1, 1, 1), (1, 1, 2)],
        "every empty phrase at every offset, after the match ending there"
    );
}

#[test]
fn leftmost_first_never_reports_phrases_given_after_an_empty_one() {
    let set = PhraseSet::new(&["a", "", "abc"], &options(PhraseMatchKind::LeftmostFirst, false)).unwrap();
    assert_eq!(hits(&set, b"abc", false), [(0, 1, 0), (2, 2, 1), (3, 3, 1)]);
    let anchored = Search::bounds(1, 3).anchored(Anchor::Start);
    assert_eq!(set.find(b"abc", &anchored).unwrap().map(|m| (m.start, m.end, m.pattern)), Some((1, 1, 1)));
}

#[test]
fn iterating_a_set_with_an_empty_phrase_stays_linear() {
    // A long phrase that almost occurs at every offset: were each step to
    // look up to the longest phrase's length ahead, this would take 10^10
    // steps; the iteration remembers the next non-empty match instead.
    let long = [vec![b'a'; 100_000], b"b".to_vec()].concat();
    let hay = vec![b'a'; 100_000];
    // (A contiguous NFA: what AUTO builds here, and quick to build anyway.)
    let opts = PhraseOptions::new().automaton(PhraseAutomaton::ContiguousNfa);
    let set = PhraseSet::new(&[&long[..], b""], &opts).unwrap();
    let started = std::time::Instant::now();
    let out = set.replace(&hay, &Search::default(), &[&b"X"[..], b"-"]).unwrap();
    assert_eq!(out.len(), 2 * hay.len() + 1);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}

#[test]
fn unicode_case_folding_beyond_ascii() {
    let opts = PhraseOptions::new().unicode_case_insensitive(true);
    let set = PhraseSet::new(&["straße", "ÉTÉ", "k"], &opts).unwrap();
    let hay = "STRASSE Straße été \u{212A}".as_bytes(); // U+212A KELVIN SIGN folds to k
    let mut found = vec![];
    let mut it = PhraseIter::new(&set, hay.len(), &Search::default(), false).unwrap();
    while let Some(m) = it.next(&set, hay).unwrap() {
        found.push((std::str::from_utf8(&hay[m.start..m.end]).unwrap().to_owned(), m.pattern));
    }
    assert_eq!(found, [("Straße".into(), 0), ("été".into(), 1), ("\u{212A}".into(), 2)]);
}

#[test]
fn unsupported_combinations_are_errors_not_panics() {
    use ferrex::ErrorKind;
    let lf = PhraseSet::new(&["a"], &PhraseOptions::new().match_kind(PhraseMatchKind::LeftmostFirst)).unwrap();
    assert_eq!(PhraseIter::new(&lf, 1, &Search::default(), true).err().map(|e| e.kind()), Some(ErrorKind::Unsupported));
    let unicode_standard = PhraseOptions::new().unicode_case_insensitive(true).match_kind(PhraseMatchKind::Standard);
    assert_eq!(PhraseSet::new(&["a"], &unicode_standard).unwrap_err().kind(), ErrorKind::Unsupported);
    let unanchored = PhraseOptions::new().starts(ferrex::PhraseStarts::Unanchored);
    let set = PhraseSet::new(&["a"], &unanchored).unwrap();
    let anchored = Search::default().anchored(Anchor::Start);
    assert_eq!(set.find(b"a", &anchored).unwrap_err().kind(), ErrorKind::Unsupported);
    let pattern = Search::default().anchored(Anchor::Pattern(0));
    assert_eq!(set.find(b"a", &pattern).unwrap_err().kind(), ErrorKind::Unsupported);
    assert_eq!(set.find(b"a", &Search::bounds(0, 2)).unwrap_err().kind(), ErrorKind::OutOfBounds);
    assert_eq!(set.replace(b"a", &Search::default(), &["x", "y"]).unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn auto_picks_a_dfa_when_it_fits_and_introspection_reports_it() {
    let words: Vec<String> = (0..300).map(|i| format!("w{i}x")).collect();
    let set = PhraseSet::new(&words, &PhraseOptions::default()).unwrap();
    assert_eq!(set.automaton(), PhraseAutomaton::Dfa);
    let tight = PhraseOptions::new().dfa_size_limit(1024);
    assert_eq!(PhraseSet::new(&words, &tight).unwrap().automaton(), PhraseAutomaton::ContiguousNfa);
    assert_eq!((set.len(), set.min_len(), set.max_len()), (300, 3, 5));
    assert!(set.memory_usage() > 0);
}

#[test]
fn auto_never_picks_a_dfa_whose_build_is_quadratic() {
    // 16 KiB of `a`: building its DFA walks, at every state, a failure
    // chain as long as the state's depth (0.6 s; 128 KiB took over 40 s),
    // though the DFA would fit the size limit.
    let run = vec![b'a'; 16 << 10];
    for fold in [false, true] {
        let opts = PhraseOptions::new().ascii_case_insensitive(fold);
        let set = PhraseSet::new(&[&run], &opts).unwrap();
        assert_eq!(set.automaton(), PhraseAutomaton::ContiguousNfa, "fold={fold}");
        assert_eq!(set.find(&run, &Search::default()).unwrap().map(|m| (m.start, m.end)), Some((0, run.len())));
        let dfa = opts.clone().automaton(PhraseAutomaton::Dfa);
        assert_eq!(PhraseSet::new(&[&run], &dfa).unwrap_err().kind(), ErrorKind::SizeLimit, "fold={fold}");
        for automaton in [PhraseAutomaton::Nfa, PhraseAutomaton::ContiguousNfa] {
            PhraseSet::new(&[&run], &opts.clone().automaton(automaton)).unwrap();
        }
    }
}

#[test]
fn a_dfa_over_long_text_that_does_not_repeat_itself_is_built() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let text: Vec<u8> = (0..16 << 10).map(|_| rng.below(256) as u8).collect();
    let dfa = PhraseOptions::new().automaton(PhraseAutomaton::Dfa);
    let set = PhraseSet::new(&[&text], &dfa).unwrap();
    assert_eq!(set.automaton(), PhraseAutomaton::Dfa);
    let hay = [&b"xy"[..], &text].concat();
    assert_eq!(set.find(&hay, &Search::default()).unwrap().map(|m| (m.start, m.end)), Some((2, hay.len())));
}

#[test]
fn standard_sets_whose_match_lists_would_explode_are_refused() {
    // "a", "aa", ..., 600 a's, and 64 KiB of a: under the standard kind the
    // state for each prefix of the long run lists up to 600 phrases (4 * 10^7
    // entries; 1,000 phrases and 1 MiB took 26 s and 8 GB), whatever the
    // automaton.
    let mut phrases: Vec<Vec<u8>> = (1..=600).map(|n| vec![b'a'; n]).collect();
    phrases.push(vec![b'a'; 64 << 10]);
    let automata = [PhraseAutomaton::Auto, PhraseAutomaton::Nfa, PhraseAutomaton::ContiguousNfa, PhraseAutomaton::Dfa];
    for automaton in automata {
        let opts = options(PhraseMatchKind::Standard, false).automaton(automaton);
        assert_eq!(PhraseSet::new(&phrases, &opts).unwrap_err().kind(), ErrorKind::SizeLimit, "{automaton:?}");
    }
    // The leftmost kinds copy no match lists: built, and right.
    let set = PhraseSet::new(&phrases, &options(PhraseMatchKind::LeftmostLongest, false)).unwrap();
    let found = set.find(&[b'a'; 700], &Search::default()).unwrap().map(|m| (m.start, m.end, m.pattern));
    assert_eq!(found, Some((0, 600, 599)));
    // A few nested phrases are fine under the standard kind.
    let few = PhraseSet::new(&phrases[..100], &options(PhraseMatchKind::Standard, false)).unwrap();
    assert_eq!(hits(&few, b"aa", true), [(0, 1, 0), (0, 2, 1), (1, 2, 0)]);
}

#[test]
fn every_backend_obeys_the_start_kind() {
    use ferrex::{ErrorKind, PhraseStarts};
    // Regression: Unicode-folding sets (searched by the regex engine)
    // ignored the start kind they were built with.
    for unicode in [false, true] {
        let build = |starts| {
            let opts = PhraseOptions::new().unicode_case_insensitive(unicode).starts(starts);
            PhraseSet::new(&["foo", "bar"], &opts).unwrap()
        };
        let anchored = Search::bounds(1, 4).anchored(Anchor::Start);
        let unanchored_only = build(PhraseStarts::Unanchored);
        assert_eq!(unanchored_only.find(b"xfoo", &anchored).unwrap_err().kind(), ErrorKind::Unsupported);
        assert_eq!(
            PhraseIter::new(&unanchored_only, 4, &anchored, false).err().map(|e| e.kind()),
            Some(ErrorKind::Unsupported)
        );
        let anchored_only = build(PhraseStarts::Anchored);
        assert_eq!(anchored_only.is_match(b"xfoo", &Search::default()).unwrap_err().kind(), ErrorKind::Unsupported);
        assert_eq!(anchored_only.find(b"xfoo", &anchored).unwrap().map(|m| (m.start, m.end)), Some((1, 4)));
    }
}

#[test]
fn overlapping_iteration_refuses_a_search_after_a_match() {
    let set = PhraseSet::new(&["a", "ab"], &PhraseOptions::default()).unwrap();
    let after = Search::bounds(1, 2).after_match(true);
    let err = PhraseIter::new(&set, 2, &after, true).err().map(|e| e.kind());
    assert_eq!(err, Some(ErrorKind::InvalidArgument));
    // Non-overlapping, the same search is a resumed iteration.
    assert!(PhraseIter::new(&set, 2, &after, false).is_ok());
}
