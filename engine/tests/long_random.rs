//! Random patterns over long haystacks, each searched again and again by
//! one regex, answer every search as the meta regex does.
//!
//! The repeats are the point: a regex's route changes as it reads more
//! (strategy.rs, regex.rs `Inner::try_dense`: past 256 KiB searched, the
//! full DFA is determinized within a budget of the bytes read, tried again
//! at each doubling, and searches use it where it accelerates), so a late
//! search can be answered by an engine the first one did not have. The
//! fixed tables of tests/strategy.rs pin each route down; this covers
//! shapes no one listed (classes, bounded repeats, anchors, word
//! boundaries, Unicode, alternations, loops a full DFA accelerates), one
//! or two patterns, in UTF-8 mode over valid UTF-8 and in byte mode
//! over any bytes. (On invalid UTF-8 an empty match in UTF-8 mode follows
//! `regex::bytes` by design, ferrex.h: FERREX_FLAG_NO_UTF8, where the meta
//! regex does not.)

use ferrex::{Flags, Match, Options, Regex, Search};
use regex_automata::{meta, util::syntax};

#[path = "support/rng.rs"]
mod rng;

use rng::Rng;

const ATOMS: &[&str] = &[
    "a",
    "b",
    "ab",
    "the",
    r"\w",
    r"\d",
    ".",
    "[^a ]",
    r"\s",
    "[a-f]",
    "(?i:k)",
    "(?:x|yz)",
    r"\p{Greek}",
    "é",
    "(a)",
    ".*",
    "[^=]*=",
    "[^\n]*x",
    r"(?-u:\b)",
    r"(?-u:\B)",
    "^",
    "$",
    "(?m:^)",
    "(?m:$)",
];
/// The atoms that are assertions, which take no repetition. Word
/// boundaries are ASCII ones: a Unicode one meeting non-ASCII text stops
/// every DFA (the route this test is about) for an NFA, which in a debug
/// build took a minute a regex here.
const LOOKS: &[&str] = &[r"(?-u:\b)", r"(?-u:\B)", "^", "$", "(?m:^)", "(?m:$)"];
const SUFFIXES: &[&str] = &["", "", "*", "+", "?", "{2}", "{1,3}", "{5,}"];
/// The haystack's pieces: words, digits, `=`, lines of any length, and
/// two- and three-byte characters (Greek, é) that Unicode classes meet.
const UNITS: &[&[u8]] = &[
    b"the ",
    b"a",
    b"b",
    b"ab ",
    b"1",
    b"22 ",
    b"\n",
    b"x",
    b"yz",
    b"K",
    b"=",
    "\u{e9}".as_bytes(),
    "λόγος ".as_bytes(),
    b"deadbeef ",
    b"  ",
];
/// Byte mode's haystacks also hold invalid UTF-8.
const BYTE_UNITS: &[&[u8]] = &[b"\xff", b"\x80x"];

fn pattern(rng: &mut Rng) -> String {
    let mut p = String::new();
    for i in 0..1 + rng.below(3) {
        // Not first: an empty alternative matches everywhere at once.
        if i > 0 && rng.below(5) == 0 {
            p.push('|');
        }
        let atom = *rng.pick(ATOMS);
        p.push_str(atom);
        let suffix = *rng.pick(SUFFIXES);
        if !LOOKS.contains(&atom) {
            p.push_str(suffix);
        }
    }
    p
}

fn haystack(rng: &mut Rng, len: usize, bytes: bool) -> Vec<u8> {
    let mut hay = Vec::with_capacity(len + 16);
    while hay.len() < len {
        let unit = if bytes && rng.below(50) == 0 { *rng.pick(BYTE_UNITS) } else { *rng.pick(UNITS) };
        hay.extend_from_slice(unit);
    }
    hay
}

/// The meta regex as ferrex's flags configure it: Unicode and UTF-8 mode
/// on, or byte mode (both off, empty matches anywhere).
fn reference(patterns: &[String], bytes: bool) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(meta::Config::new().utf8_empty(!bytes))
        .syntax(syntax::Config::new().unicode(!bytes).utf8(!bytes))
        .build_many(patterns)
        .ok()
}

fn triples(matches: impl Iterator<Item = Match>) -> Vec<(usize, usize, usize)> {
    matches.map(|m| (m.start, m.end, m.pattern)).collect()
}

#[test]
fn repeated_searches_over_long_haystacks_answer_as_the_meta_regex_does() {
    let mut rng = Rng(0x1f0e_57a7_e9d1_b00b);
    let all = Search::default();
    let (mut regexes, mut attempted, mut built) = (0, 0, 0);
    while regexes < 24 {
        let bytes = rng.below(2) == 0;
        let flags = if bytes { Flags::NO_UNICODE | Flags::NO_UTF8 } else { Flags::empty() };
        let patterns: Vec<String> = (0..1 + rng.below(2)).map(|_| pattern(&mut rng)).collect();
        let hay = haystack(&mut rng, 64 << 10, bytes);
        let (Ok(re), Some(reference)) =
            (Regex::with_options(&patterns, flags, &Options::new()), reference(&patterns, bytes))
        else {
            continue;
        };
        regexes += 1;
        let expected: Vec<_> =
            reference.find_iter(&hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        let mut cache = re.create_cache();
        ferrex::testing::take_dense_attempts();
        // 10 rounds over 64 KiB: at least 640 KiB read, past two attempts.
        for round in 0..10 {
            let what = format!("{patterns:?} ({flags:?}), search {round}");
            assert_eq!(re.count(Some(&mut cache), &hay, &all).unwrap(), expected.len(), "count: {what}");
            assert_eq!(re.is_match(Some(&mut cache), &hay, &all).unwrap(), !expected.is_empty(), "is-match: {what}");
            let first = re.find(Some(&mut cache), &hay, &all).unwrap().map(|m| (m.start, m.end, m.pattern));
            assert_eq!(first, expected.first().copied(), "find: {what}");
            if round % 4 == 3 {
                assert_eq!(triples(re.find_iter(Some(&mut cache), &hay, &all).unwrap()), expected, "find_iter: {what}");
            }
        }
        attempted += usize::from(ferrex::testing::take_dense_attempts().0 > 0);
        built += usize::from(format!("{re:?}").contains("full_dfa_built: true"));
    }
    // The searches went where the route changes: most regexes tried for a
    // full DFA on the way (not all: one that matches every few bytes stops
    // short, and a regex answered by literal search alone never scans),
    // and some got one, which later searches then used.
    assert!(attempted >= 12, "{attempted} of 24 regexes attempted a full DFA");
    assert!(built >= 3, "{built} of 24 regexes got a full DFA");
}
