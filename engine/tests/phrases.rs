//! Differential test: phrase sets against a reference that checks every
//! phrase at every position, over random phrase sets and haystacks drawn
//! from a tiny alphabet (so matches overlap, repeat and nest), for every
//! match kind, overlapping iteration, ASCII and Unicode case folding, every
//! automaton, bounds and anchoring.

use ferrex::{Anchor, PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, Search};

/// A deterministic xorshift generator: the same cases on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn text(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
        let n = self.below(max + 1);
        (0..n).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
}

type Hit = (usize, usize, usize); // (start, end, phrase)

fn same(a: &[u8], b: &[u8], fold: bool) -> bool {
    if fold {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// Every occurrence of every phrase inside [start, end).
fn occurrences(phrases: &[Vec<u8>], hay: &[u8], start: usize, end: usize, fold: bool) -> Vec<Hit> {
    let mut out = vec![];
    for at in start..=end {
        for (id, p) in phrases.iter().enumerate() {
            if at + p.len() <= end && same(&hay[at..at + p.len()], p, fold) {
                out.push((at, at + p.len(), id));
            }
        }
    }
    out
}

/// The first match at or after `from` by the match kind's rule.
fn first(hits: &[Hit], from: usize, kind: PhraseMatchKind, anchored: bool) -> Option<Hit> {
    let hits = hits.iter().copied().filter(|h| h.0 >= from && (!anchored || h.0 == from));
    match kind {
        // Ends first; at the same end the longest; then the first given.
        PhraseMatchKind::Standard => hits.min_by_key(|&(s, e, id)| (e, s, id)),
        PhraseMatchKind::LeftmostFirst => hits.min_by_key(|&(s, _, id)| (s, id)),
        PhraseMatchKind::LeftmostLongest => hits.min_by_key(|&(s, e, id)| (s, std::cmp::Reverse(e), id)),
    }
}

/// Non-overlapping iteration with the regex crate's empty-match rule.
fn iterate(hits: &[Hit], start: usize, end: usize, kind: PhraseMatchKind, anchored: bool) -> Vec<Hit> {
    let (mut out, mut pos, mut last_end) = (vec![], start, None);
    while let Some(mut m) = first(hits, pos, kind, anchored) {
        if m.0 == m.1 && Some(m.1) == last_end {
            if pos + 1 > end {
                break;
            }
            match first(hits, pos + 1, kind, anchored) {
                Some(next) => m = next,
                None => break,
            }
        }
        out.push(m);
        pos = m.1;
        last_end = Some(m.1);
    }
    out
}

/// aho-corasick's own answers (find and its iterator), for leftmost sets
/// with an empty phrase: there the crate defines the semantics (its
/// leftmost automata may pass over a lower-priority empty match), and the
/// issue asks for exactly its behaviour.
fn aho_reference(
    phrases: &[Vec<u8>],
    hay: &[u8],
    start: usize,
    end: usize,
    kind: PhraseMatchKind,
    fold: bool,
    anchored: bool,
) -> (Option<Hit>, Vec<Hit>) {
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
    let kind = match kind {
        PhraseMatchKind::Standard => MatchKind::Standard,
        PhraseMatchKind::LeftmostFirst => MatchKind::LeftmostFirst,
        PhraseMatchKind::LeftmostLongest => MatchKind::LeftmostLongest,
    };
    let ac = AhoCorasick::builder()
        .match_kind(kind)
        .ascii_case_insensitive(fold)
        .start_kind(StartKind::Both)
        .build(phrases)
        .unwrap();
    let input = Input::new(hay).range(start..end).anchored(if anchored { Anchored::Yes } else { Anchored::No });
    let hit = |m: aho_corasick::Match| (m.start(), m.end(), m.pattern().as_usize());
    (ac.find(input.clone()).map(hit), ac.find_iter(input).map(hit).collect())
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

fn check(seed: u64, unicode: bool) {
    let mut rng = Rng(seed);
    let kinds = [PhraseMatchKind::Standard, PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest];
    let automata = [PhraseAutomaton::Auto, PhraseAutomaton::Nfa, PhraseAutomaton::ContiguousNfa, PhraseAutomaton::Dfa];
    for case in 0..1500 {
        let fold = unicode || rng.below(3) == 0;
        let alphabet: &[u8] = if fold { b"abAB" } else { b"abc" };
        let count = 1 + rng.below(6);
        // Empty phrases are rare but must work.
        let phrases: Vec<Vec<u8>> =
            (0..count).map(|_| if rng.below(12) == 0 { vec![] } else { rng.text(alphabet, 4) }).collect();
        let hay = rng.text(alphabet, 24);
        let kind = kinds[rng.below(if unicode { 2 } else { 3 }) + usize::from(unicode)];
        let opts = PhraseOptions {
            match_kind: kind,
            ascii_case_insensitive: fold && !unicode,
            unicode_case_insensitive: unicode,
            automaton: automata[rng.below(automata.len())],
            ..PhraseOptions::default()
        };
        let set = PhraseSet::new(&phrases, &opts).unwrap();
        let start = rng.below(hay.len() + 1);
        let end = start + rng.below(hay.len() - start + 1);
        let anchored = rng.below(4) == 0;
        let search = Search::bounds(start, end).anchored(if anchored { Anchor::Start } else { Anchor::None });
        let hits = occurrences(&phrases, &hay, start, end, fold);
        let ctx = format!(
            "case {case}: {:?} {kind:?} fold={fold} unicode={unicode} on {:?} in {start}..{end} anchored={anchored}",
            phrases.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>(),
            String::from_utf8_lossy(&hay)
        );
        let want_any = hits.iter().any(|h| !anchored || h.0 == start);
        assert_eq!(set.is_match(&hay, &search).unwrap(), want_any, "is_match {ctx}");
        let crate_defined = !unicode && kind != PhraseMatchKind::Standard && phrases.iter().any(|p| p.is_empty());
        let (want_find, want_all) = if crate_defined {
            aho_reference(&phrases, &hay, start, end, kind, fold, anchored)
        } else {
            (first(&hits, start, kind, anchored), iterate(&hits, start, end, kind, anchored))
        };
        let got = set.find(&hay, &search).unwrap().map(|m| (m.start, m.end, m.pattern));
        assert_eq!(got, want_find, "find {ctx}");
        assert_eq!(run(&set, &hay, &search, false), want_all, "iterate {ctx}");
        let cap = 1 + rng.below(4);
        assert_eq!(run_batches(&set, &hay, &search, false, cap), want_all, "batches of {cap}: {ctx}");
        if kind == PhraseMatchKind::Standard {
            let mut got = run(&set, &hay, &search, true);
            // With empty phrases the crate's overlapping search reports an
            // empty match again where a non-empty one ends: its definition.
            let mut want = if phrases.iter().any(|p| p.is_empty()) {
                let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(fold).build(&phrases).unwrap();
                let input = aho_corasick::Input::new(&hay).range(start..end);
                ac.find_overlapping_iter(input).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
            } else {
                hits.clone()
            };
            // Anchored: only the occurrences that start at the start bound.
            want.retain(|h: &Hit| !anchored || h.0 == start);
            let mut batched = run_batches(&set, &hay, &search, true, 1 + rng.below(4));
            got.sort_unstable();
            batched.sort_unstable();
            want.sort_unstable();
            assert_eq!(batched, got, "overlapping batches {ctx}");
            assert_eq!(got, want, "overlapping {ctx}");
        }
    }
}

#[test]
fn aho_corasick_sets_agree_with_the_reference() {
    check(0x9E37_79B9_7F4A_7C15, false);
}

#[test]
fn unicode_case_insensitive_sets_agree_with_the_reference_on_ascii() {
    check(0xD1B5_4A32_D192_ED03, true);
}

#[test]
fn unicode_case_folding_beyond_ascii() {
    let opts = PhraseOptions { unicode_case_insensitive: true, ..PhraseOptions::default() };
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
    let lf =
        PhraseSet::new(&["a"], &PhraseOptions { match_kind: PhraseMatchKind::LeftmostFirst, ..Default::default() })
            .unwrap();
    assert_eq!(PhraseIter::new(&lf, 1, &Search::default(), true).err().map(|e| e.kind()), Some(ErrorKind::Unsupported));
    let unicode_standard = PhraseOptions {
        unicode_case_insensitive: true,
        match_kind: PhraseMatchKind::Standard,
        ..PhraseOptions::default()
    };
    assert_eq!(PhraseSet::new(&["a"], &unicode_standard).unwrap_err().kind(), ErrorKind::Unsupported);
    let unanchored = PhraseOptions { starts: ferrex::PhraseStarts::Unanchored, ..Default::default() };
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
    let tight = PhraseOptions { dfa_size_limit: 1024, ..PhraseOptions::default() };
    assert_eq!(PhraseSet::new(&words, &tight).unwrap().automaton(), PhraseAutomaton::ContiguousNfa);
    assert_eq!((set.len(), set.min_len(), set.max_len()), (300, 3, 5));
    assert!(set.memory_usage() > 0);
}

#[test]
fn every_backend_obeys_the_start_kind() {
    use ferrex::{ErrorKind, PhraseStarts};
    // Regression: Unicode-folding sets (searched by the regex engine)
    // ignored the start kind they were built with.
    for unicode in [false, true] {
        let build = |starts| {
            let opts = PhraseOptions { unicode_case_insensitive: unicode, starts, ..PhraseOptions::default() };
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
