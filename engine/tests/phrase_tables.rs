//! Phrase-set behaviour from tables, as aho-corasick's own tests do: each
//! row is phrases, a haystack, a search (bounds, anchoring) and the matches
//! expected; each table runs under every automaton, every start kind that
//! allows its search, every match kind it is for and, where folding cannot
//! change the answer (phrases and haystack of ASCII without capitals), with
//! no folding, ASCII folding and Unicode folding (the regex backend, for
//! the leftmost kinds) alike. Each configuration checks find, is-match,
//! earliest is-match, step-by-step and batched iteration, and replacement.

#[path = "support/phrase_reference.rs"]
mod reference;

use ferrex::{
    Anchor, ErrorKind, Match, PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, PhraseStarts,
    Search,
};

/// A match as the tables write it: (phrase, start, end).
type M = (usize, usize, usize);

#[derive(Clone, Copy, Debug)]
struct Row {
    name: &'static str,
    phrases: &'static [&'static str],
    haystack: &'static str,
    matches: &'static [M],
    start: usize,
    /// `None`: the haystack's end.
    end: Option<usize>,
    anchored: bool,
}

const fn t(name: &'static str, phrases: &'static [&'static str], haystack: &'static str, matches: &'static [M]) -> Row {
    Row { name, phrases, haystack, matches, start: 0, end: None, anchored: false }
}

impl Row {
    /// The same row searched inside `[start, end)`, anchored or not.
    const fn within(self, start: usize, end: usize, anchored: bool) -> Row {
        Row { start, end: Some(end), anchored, ..self }
    }
}

/// Every match kind agrees on these (no two phrases compete for a start or
/// an end).
const BASICS: &[Row] = &[
    t("no phrases", &[], "abc", &[]),
    t("empty haystack", &["a"], "", &[]),
    t("one byte", &["a"], "a", &[(0, 0, 1)]),
    t("repeated", &["a"], "aaa", &[(0, 0, 1), (0, 1, 2), (0, 2, 3)]),
    t("two apart", &["ab", "cd"], "xabxcdx", &[(0, 1, 3), (1, 4, 6)]),
    t("partial prefixes", &["abc"], "zazabzabcz", &[(0, 6, 9)]),
    t("duplicates: the first wins", &["ab", "ab"], "abab", &[(0, 0, 2), (0, 2, 4)]),
    t("non-ASCII", &["\u{e9}t\u{e9}"], "un \u{e9}t\u{e9}", &[(0, 3, 8)]),
    t("bounds", &["ab"], "ababab", &[(0, 2, 4)]).within(1, 5, false),
    t("bounds cut a match", &["abc"], "abcabc", &[]).within(1, 5, false),
    t("anchored at the start bound, then where it ended", &["ab", "b"], "abab", &[(1, 1, 2), (0, 2, 4)])
        .within(1, 4, true),
    t("anchored: no match there", &["b"], "abab", &[]).within(0, 4, true),
    t("anchored: consecutive matches", &["ab"], "ababxab", &[(0, 0, 2), (0, 2, 4)]).within(0, 7, true),
];

/// Standard: the match that ends first (at the same end, the longest).
const STANDARD: &[Row] = &[
    t("sherlock", &["Sherlock", "Sherlock Holmes", "Holmes"], "Mr Sherlock Holmes", &[(0, 3, 11), (2, 12, 18)]),
    t("appendage", &["append", "appendage", "age"], "appendage", &[(0, 0, 6), (2, 6, 9)]),
    t("ends first though another starts earlier", &["abcd", "bc"], "abcd", &[(1, 1, 3)]),
    t("same end: the longest", &["bcd", "cd"], "abcd", &[(0, 1, 4)]),
    t("an empty phrase: only empty matches", &["ab", ""], "ab", &[(1, 0, 0), (1, 1, 1), (1, 2, 2)]),
    t("anchored abcd", &["abcd", "bc", "cd"], "abcd", &[(0, 0, 4)]).within(0, 4, true),
];

/// Both leftmost kinds agree on these.
const LEFTMOST: &[Row] = &[
    t("leftmost start wins", &["abcd", "bc"], "abcd", &[(0, 0, 4)]),
    t("an empty phrase where nothing else starts", &["ab", ""], "aab", &[(1, 0, 0), (0, 1, 3)]),
    t("anchored at 1: the phrase", &["ab", ""], "aab", &[(0, 1, 3)]).within(1, 3, true),
    t("anchored at 2: the empty match", &["ab", ""], "aab", &[(1, 2, 2), (1, 3, 3)]).within(2, 3, true),
    t("an empty haystack with an empty phrase", &["ab", ""], "", &[(1, 0, 0)]),
    t("an empty phrase inside characters", &[""], "\u{e9}", &[(0, 0, 0), (0, 1, 1), (0, 2, 2)]),
    t("an empty phrase inside a character, bounded", &[""], "\u{e9}", &[(0, 1, 1)]).within(1, 1, false),
];

/// Leftmost-first: at the leftmost start, the phrase given first.
const LEFTMOST_FIRST: &[Row] = &[
    t("sherlock", &["Sherlock", "Sherlock Holmes", "Holmes"], "Mr Sherlock Holmes", &[(0, 3, 11), (2, 12, 18)]),
    t("appendage", &["append", "appendage", "age"], "appendage", &[(0, 0, 6), (2, 6, 9)]),
    t("shorter first", &["ab", "abc"], "xabc", &[(0, 1, 3)]),
    t("phrases after the first empty one never match", &["a", "", "abc"], "abc", &[(0, 0, 1), (1, 2, 2), (1, 3, 3)]),
];

/// Leftmost-longest: at the leftmost start, the longest phrase.
const LEFTMOST_LONGEST: &[Row] = &[
    t("sherlock", &["Sherlock", "Sherlock Holmes", "Holmes"], "Mr Sherlock Holmes", &[(1, 3, 18)]),
    t("appendage", &["append", "appendage", "age"], "appendage", &[(1, 0, 9)]),
    t("longer second", &["ab", "abc"], "xabc", &[(1, 1, 4)]),
    t("the longest beats an empty phrase", &["a", "", "abc"], "abc", &[(2, 0, 3)]),
];

/// Overlapping iteration (standard kind): every occurrence, by end, then
/// start, then phrase.
const OVERLAPPING: &[Row] = &[
    t(
        "sherlock",
        &["Sherlock", "Sherlock Holmes", "Holmes"],
        "Mr Sherlock Holmes",
        &[(0, 3, 11), (1, 3, 18), (2, 12, 18)],
    ),
    t("appendage", &["append", "appendage", "age"], "appendage", &[(0, 0, 6), (1, 0, 9), (2, 6, 9)]),
    t("appendage in [0, 8)", &["append", "appendage", "age"], "appendage", &[(0, 0, 6)]).within(0, 8, false),
    t("appendage in [1, 9)", &["append", "appendage", "age"], "appendage", &[(2, 6, 9)]).within(1, 9, false),
    t("abcd", &["abcd", "bc", "cd"], "abcd", &[(1, 1, 3), (0, 0, 4), (2, 2, 4)]),
    t("abcd anchored: only what starts at 0", &["abcd", "bc", "cd"], "abcd", &[(0, 0, 4)]).within(0, 4, true),
    t("an empty phrase once per offset", &["ab", ""], "ab", &[(1, 0, 0), (1, 1, 1), (0, 0, 2), (1, 2, 2)]),
    t("an empty phrase, anchored", &["ab", ""], "ab", &[(1, 0, 0), (0, 0, 2)]).within(0, 2, true),
    t("duplicates: each one", &["ab", "ab"], "abab", &[(0, 0, 2), (1, 0, 2), (0, 2, 4), (1, 2, 4)]),
    t("anchored: what starts at the start bound only", &["ab", "b"], "abab", &[(1, 1, 2)]).within(1, 4, true),
    t("every empty phrase", &["a", "", ""], "a", &[(1, 0, 0), (2, 0, 0), (0, 0, 1), (1, 1, 1), (2, 1, 1)]),
];

/// ASCII case folding, every kind (no phrase competes).
const ASCII_FOLD: &[Row] = &[
    t("mixed case", &["hello"], "say HeLLo", &[(0, 4, 9)]),
    t("capitals", &["hello"], "HELLO", &[(0, 0, 5)]),
    t("one letter off", &["hello"], "hellp", &[]),
    t("capital phrase", &["WORLD"], "a world", &[(0, 2, 7)]),
    t("non-ASCII letters do not fold", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], UNICODE_HAY, &[(0, 0, 7), (2, 20, 21)]),
];

/// Unicode simple case folding (leftmost kinds, the regex backend).
const UNICODE_FOLD: &[Row] = &[
    t(
        "straße, été, Kelvin",
        &["stra\u{df}e", "\u{c9}T\u{c9}", "k"],
        UNICODE_HAY,
        &[(0, 0, 7), (1, 9, 14), (2, 16, 19), (2, 20, 21)],
    ),
    t("Kelvin sign alone", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], "\u{212a}", &[(2, 0, 3)]),
    t("été", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], "\u{e9}t\u{e9}", &[(1, 0, 5)]),
    t("capitals", &["stra\u{df}e"], "STRA\u{df}E", &[(0, 0, 7)]),
    t("simple folding: ß is not ss", &["stra\u{df}e"], "strasse", &[]),
    t("anchored at été", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], UNICODE_HAY, &[(1, 9, 14)]).within(9, 14, true),
    t("anchored before été", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], UNICODE_HAY, &[]).within(8, 14, true),
    t("bounds cut été", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], UNICODE_HAY, &[]).within(9, 13, false),
];

/// "Straße, été, K(KELVIN SIGN) K".
const UNICODE_HAY: &str = "Stra\u{df}e, \u{e9}t\u{e9}, \u{212a} K";

const AUTOMATA: [PhraseAutomaton; 4] =
    [PhraseAutomaton::Auto, PhraseAutomaton::Nfa, PhraseAutomaton::ContiguousNfa, PhraseAutomaton::Dfa];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Fold {
    None,
    Ascii,
    Unicode,
}

fn as_match(m: &Match) -> M {
    (m.pattern, m.start, m.end)
}

fn search_of(row: &Row) -> Search {
    let end = row.end.unwrap_or(row.haystack.len());
    Search::bounds(row.start, end).anchored(if row.anchored { Anchor::Start } else { Anchor::None })
}

/// The folds a row runs under: all three when folding cannot change its
/// answer, else the one asked for.
fn folds(row: &Row, asked: Fold) -> Vec<Fold> {
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if asked == Fold::None && plain(row.haystack) && row.phrases.iter().all(|p| plain(p)) {
        vec![Fold::None, Fold::Ascii, Fold::Unicode]
    } else {
        vec![asked]
    }
}

/// Runs `table` under every configuration for `kinds` (and overlapping
/// iteration when `overlapping`).
fn run(table: &[Row], kinds: &[PhraseMatchKind], fold: Fold, overlapping: bool) {
    let mut configurations = 0;
    for row in table {
        for &kind in kinds {
            for &fold in &folds(row, fold) {
                // Unicode folding: leftmost kinds, no overlapping.
                if fold == Fold::Unicode && (kind == PhraseMatchKind::Standard || overlapping) {
                    continue;
                }
                let starts = if row.anchored {
                    [PhraseStarts::Anchored, PhraseStarts::Both]
                } else {
                    [PhraseStarts::Unanchored, PhraseStarts::Both]
                };
                for starts in starts {
                    for automaton in AUTOMATA {
                        let opts = PhraseOptions::new()
                            .match_kind(kind)
                            .automaton(automaton)
                            .starts(starts)
                            .ascii_case_insensitive(fold == Fold::Ascii)
                            .unicode_case_insensitive(fold == Fold::Unicode);
                        let ctx = format!("{:?} under {kind:?} {fold:?} {starts:?} {automaton:?}", row.name);
                        check(row, &opts, overlapping, &ctx);
                        configurations += 1;
                    }
                }
            }
        }
    }
    assert!(configurations >= table.len(), "every row ran");
}

fn check(row: &Row, opts: &PhraseOptions, overlapping: bool, ctx: &str) {
    let set = PhraseSet::new(row.phrases, opts).unwrap_or_else(|e| panic!("build {ctx}: {e}"));
    let hay = row.haystack.as_bytes();
    let search = search_of(row);
    // Step by step.
    let mut it = PhraseIter::new(&set, hay.len(), &search, overlapping).unwrap();
    let mut got = vec![];
    while let Some(m) = it.next(&set, hay).unwrap() {
        got.push(as_match(&m));
        assert!(got.len() <= 4 * (hay.len() + 1) * (row.phrases.len() + 1), "{ctx}: does not end");
    }
    assert_eq!(got, row.matches, "iterate {ctx}");
    assert_eq!(it.next(&set, hay).unwrap(), None, "exhausted stays exhausted {ctx}");
    // In batches.
    for cap in 1..=3 {
        let mut it = PhraseIter::new(&set, hay.len(), &search, overlapping).unwrap();
        let mut batch = vec![Match::default(); cap];
        let mut got = vec![];
        loop {
            let n = it.next_batch(&set, hay, &mut batch).unwrap();
            got.extend(batch[..n].iter().map(as_match));
            if n < cap {
                break;
            }
        }
        assert_eq!(got, row.matches, "batches of {cap} {ctx}");
    }
    if overlapping {
        return;
    }
    assert_eq!(set.find(hay, &search).unwrap().as_ref().map(as_match), row.matches.first().copied(), "find {ctx}");
    assert_eq!(set.is_match(hay, &search).unwrap(), !row.matches.is_empty(), "is_match {ctx}");
    let early = set.find(hay, &search.earliest(true)).unwrap();
    assert_eq!(early.is_some(), !row.matches.is_empty(), "earliest {ctx}");
    let replacements: Vec<String> = (0..row.phrases.len()).map(|i| format!("<{i}>")).collect();
    let hits: Vec<reference::Hit> = row.matches.iter().map(|&(p, s, e)| (s, e, p)).collect();
    assert_eq!(set.replace(hay, &search, &replacements).unwrap(), reference::replaced(hay, &hits), "replace {ctx}");
}

const ALL_KINDS: [PhraseMatchKind; 3] =
    [PhraseMatchKind::Standard, PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest];
const LEFTMOST_KINDS: [PhraseMatchKind; 2] = [PhraseMatchKind::LeftmostFirst, PhraseMatchKind::LeftmostLongest];

#[test]
fn basics() {
    run(BASICS, &ALL_KINDS, Fold::None, false);
}

#[test]
fn basics_overlapping() {
    // Where overlapping iteration must agree with the rest: one phrase per
    // occurrence (no duplicates), unanchored (an anchored overlapping
    // iteration reports only what starts at the start bound).
    let rows: Vec<Row> = BASICS
        .iter()
        .copied()
        .filter(|r| !r.anchored && r.phrases.iter().enumerate().all(|(i, p)| !r.phrases[..i].contains(p)))
        .collect();
    assert!(rows.len() >= 8);
    run(&rows, &[PhraseMatchKind::Standard], Fold::None, true);
}

#[test]
fn standard() {
    run(STANDARD, &[PhraseMatchKind::Standard], Fold::None, false);
}

#[test]
fn leftmost() {
    run(LEFTMOST, &LEFTMOST_KINDS, Fold::None, false);
}

#[test]
fn leftmost_first() {
    run(LEFTMOST_FIRST, &[PhraseMatchKind::LeftmostFirst], Fold::None, false);
}

#[test]
fn leftmost_longest() {
    run(LEFTMOST_LONGEST, &[PhraseMatchKind::LeftmostLongest], Fold::None, false);
}

#[test]
fn overlapping() {
    run(OVERLAPPING, &[PhraseMatchKind::Standard], Fold::None, true);
}

#[test]
fn ascii_case_folding() {
    run(ASCII_FOLD, &ALL_KINDS, Fold::Ascii, false);
}

#[test]
fn unicode_case_folding() {
    run(UNICODE_FOLD, &LEFTMOST_KINDS, Fold::Unicode, false);
}

#[test]
fn without_folding_case_matters() {
    let no_fold: &[Row] = &[
        t("mixed case", &["hello"], "say HeLLo", &[]),
        t("non-ASCII", &["stra\u{df}e", "\u{c9}T\u{c9}", "k"], UNICODE_HAY, &[]),
    ];
    // `folds` would not cross these (capitals): run them unfolded only.
    run(no_fold, &ALL_KINDS, Fold::None, false);
}

/// What the tables cannot express: searches a set refuses.
#[test]
fn refused_searches() {
    let kind = |r: Result<PhraseIter, ferrex::Error>| r.err().map(|e| e.kind());
    for unicode in [false, true] {
        let opts = PhraseOptions::new().match_kind(PhraseMatchKind::LeftmostFirst).unicode_case_insensitive(unicode);
        let set = PhraseSet::new(&["a"], &opts).unwrap();
        assert_eq!(kind(PhraseIter::new(&set, 1, &Search::default(), true)), Some(ErrorKind::Unsupported));
        let pinned = Search::default().anchored(Anchor::Pattern(0));
        assert_eq!(set.find(b"a", &pinned).unwrap_err().kind(), ErrorKind::Unsupported);
    }
    let unicode_standard = PhraseOptions::new().match_kind(PhraseMatchKind::Standard).unicode_case_insensitive(true);
    assert_eq!(PhraseSet::new(&["a"], &unicode_standard).unwrap_err().kind(), ErrorKind::Unsupported);
}
