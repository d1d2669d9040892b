//! Deeply nested patterns (src/stack.rs): at the default nesting limit and
//! at the maximum, they compile (or fail with an error) and search from a
//! thread with a 64 KiB stack, through every engine path, with the meta
//! regex's answers; deeper ones fail cleanly and fast. A stack overflow
//! aborts this whole test binary, which fails it.

use ferrex::testing::{with_path, Forced};
use ferrex::{Cache, ErrorKind, FindState, Flags, MatchKind, Options, Regex, Search, MAX_NESTING_LIMIT};
use regex_automata::{meta, util::syntax, Input, PatternID, PatternSet};

/// `levels` copies of `open`, then `inner`, then `levels` copies of `close`.
fn nest(open: &str, inner: &str, close: &str, levels: usize) -> String {
    format!("{}{inner}{}", open.repeat(levels), close.repeat(levels))
}

/// Runs `f` on a thread with `bytes` of stack.
fn on_stack<T: Send>(bytes: usize, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().stack_size(bytes).spawn_scoped(scope, f).unwrap();
        worker.join().unwrap()
    })
}

const SMALL: usize = 64 << 10;

/// The shapes of nesting, each as deep as `limit` allows (a group, a
/// repetition, an alternation and a concatenation each count one level).
fn shapes(limit: usize) -> Vec<String> {
    vec![
        nest("(", "a", ")", limit - 1),
        nest("(?:", "a", ")*", limit / 2 - 1),
        nest("(?:", "a", ")+?", limit / 2 - 1),
        nest("(?:b|c", "a", ")", limit / 3 - 1),
        nest("(b|", "a", ")?", limit / 3 - 1),
        nest("(?:", "a", ")", limit - 1),
    ]
}

const HAYSTACKS: &[&[u8]] = &[b"", b"xxa", b"cba b ca", b"bbbbbbbbba"];

/// The meta regex's answers, built on a thread with room for its
/// recursion (regex-automata's compiler in a debug build takes 12 KiB per
/// level).
fn reference(patterns: &[&str], limit: u32, kind: regex_automata::MatchKind) -> meta::Regex {
    on_stack(256 << 20, || {
        meta::Builder::new()
            .syntax(syntax::Config::new().nest_limit(limit))
            .configure(meta::Config::new().match_kind(kind))
            .build_many(patterns)
            .unwrap()
    })
}

/// Compiles `patterns` and runs every kind of query on `HAYSTACKS`, all on
/// a thread with a 64 KiB stack, once per engine path; compares with the
/// meta regex. (Each query is checked in a function of its own: a debug
/// build gives one function's locals one frame, and the test's frames
/// share the 64 KiB.)
fn check_small_stack(patterns: &[&str], limit: u32) {
    let opts = Options::new().nesting_limit(limit);
    let want = Reference {
        first: reference(patterns, limit, regex_automata::MatchKind::LeftmostFirst),
        all: reference(patterns, limit, regex_automata::MatchKind::All),
    };
    on_stack(SMALL, || {
        for path in [None, Some(Forced::Meta), Some(Forced::Own)] {
            with_path(path, || {
                let re = Regex::with_options(patterns, Flags::empty(), &opts).unwrap();
                let mut cache = re.create_cache();
                for hay in HAYSTACKS {
                    let what = format!("{:.20} on {:?} ({path:?})", patterns[0], String::from_utf8_lossy(hay));
                    check_find(&re, &mut cache, &want, hay, &what);
                    check_captures(&re, &mut cache, &want, hay, &what);
                    check_which(&re, &want, hay, &what);
                    check_iteration(&re, &mut cache, &want, hay, &what);
                }
                // Dropped here, on the small stack: dropping does not recurse.
            });
        }
    });
}

struct Reference {
    first: meta::Regex,
    all: meta::Regex,
}

fn check_find(re: &Regex, cache: &mut Cache, want: &Reference, hay: &[u8], what: &str) {
    let want = want.first.find(Input::new(hay)).map(|m| (m.start(), m.end(), m.pattern().as_usize()));
    let got = re.find(Some(cache), hay, &Search::default()).unwrap();
    assert_eq!(got.map(|m| (m.start, m.end, m.pattern)), want, "find {what}");
    assert_eq!(re.is_match(Some(cache), hay, &Search::default()).unwrap(), want.is_some(), "is-match {what}");
    // Earliest semantics may end a match elsewhere, not find another.
    let earliest = re.find(None, hay, &Search::default().earliest(true)).unwrap();
    assert_eq!(earliest.is_some(), want.is_some(), "earliest {what}");
}

fn check_captures(re: &Regex, cache: &mut Cache, want: &Reference, hay: &[u8], what: &str) {
    let mut want_caps = want.first.create_captures();
    want.first.captures(Input::new(hay), &mut want_caps);
    let mut caps = re.create_captures();
    let found = re.captures(Some(cache), hay, &Search::default(), &mut caps).unwrap();
    assert_eq!(found, want_caps.is_match(), "captures {what}");
    for group in 0..caps.group_count().unwrap_or(0) {
        let got = caps.get(group).unwrap().map(|m| (m.start, m.end));
        assert_eq!(got, want_caps.get_group(group).map(|s| (s.start, s.end)), "group {group} {what}");
    }
    let earliest = re.captures(None, hay, &Search::default().earliest(true), &mut caps).unwrap();
    assert_eq!(earliest, want_caps.is_match(), "earliest captures {what}");
}

fn check_which(re: &Regex, want: &Reference, hay: &[u8], what: &str) {
    let patterns = re.pattern_count();
    let mut hits = vec![false; patterns];
    re.which_matches(None, hay, &Search::default(), &mut hits).unwrap();
    let mut set = PatternSet::new(patterns);
    want.all.which_overlapping_matches(&Input::new(hay), &mut set);
    let want: Vec<bool> = (0..patterns).map(|p| set.contains(PatternID::must(p))).collect();
    assert_eq!(hits, want, "which-matches {what}");
}

fn check_iteration(re: &Regex, cache: &mut Cache, want: &Reference, hay: &[u8], what: &str) {
    let mut it = FindState::new(re, hay.len(), &Search::default()).unwrap();
    let mut found = Vec::new();
    while let Some(m) = it.next(re, cache, hay).unwrap() {
        found.push((m.start, m.end));
    }
    let want: Vec<_> = want.first.find_iter(Input::new(hay)).map(|m| (m.start(), m.end())).collect();
    assert_eq!(found, want, "iteration {what}");
    assert_eq!(re.count(None, hay, &Search::default()).unwrap(), want.len(), "count {what}");
}

#[test]
fn the_default_limit_compiles_and_searches_on_a_64k_stack() {
    let limit = Options::default().get_nesting_limit();
    for pattern in shapes(limit as usize) {
        check_small_stack(&[&pattern], limit);
        check_small_stack(&[&pattern, "b", "c+"], limit);
    }
}

#[test]
fn the_maximum_limit_compiles_and_searches_on_a_64k_stack() {
    for pattern in shapes(MAX_NESTING_LIMIT as usize) {
        check_small_stack(&[&pattern, "b"], MAX_NESTING_LIMIT);
    }
}

/// A deep pattern that can match empty, over text that is not valid
/// UTF-8, from a 64 KiB stack: such spans are searched by the byte-mode
/// twin, built from a copy of the parsed pattern, and that copy (a `Hir`
/// clone recurses) overflowed the caller's stack before it moved to a
/// sized thread.
#[test]
fn the_byte_mode_twin_of_a_nested_pattern_is_built_on_a_64k_stack() {
    let limit = Options::default().get_nesting_limit();
    let opts = Options::new().nesting_limit(limit);
    for pattern in [nest("(?:", "a", ")*", limit as usize / 2 - 1), nest("(b|", "a", ")?", limit as usize / 3 - 1)] {
        on_stack(SMALL, || {
            let re = Regex::with_options(&[&pattern], Flags::empty(), &opts).unwrap();
            let hay = b"xy\xffa\x80b";
            let found = re.find(None, hay, &Search::default()).unwrap();
            assert_eq!(found.map(|m| (m.start, m.end)), Some((0, 0)), "{pattern}");
            assert!(re.is_match(None, hay, &Search::default()).unwrap(), "{pattern}");
            let count = re.count(None, hay, &Search::default()).unwrap();
            assert_eq!(count, re.find_iter(None, hay, &Search::default()).unwrap().count(), "{pattern}");
        });
    }
}

/// Small enough for a full DFA (at most 150 NFA states), deep enough to
/// compile on a sized thread: the DFA built on the first search (forced)
/// recurses there too.
#[test]
fn a_full_dfa_of_a_nested_pattern_is_built_on_a_64k_stack() {
    for pattern in [nest("(?:", "a", ")*b", 30), nest("(", "a", ")", 40), nest("(?:x|y", "a", ")", 12)] {
        check_small_stack(&[&pattern], 250);
        on_stack(SMALL, || {
            with_path(Some(Forced::Own), || {
                let re = Regex::new(&pattern).unwrap();
                re.find(None, b"xya", &Search::default()).unwrap();
                assert!(re.has_full_dfa(), "{pattern}");
            })
        });
    }
}

#[test]
fn deeper_than_the_limit_fails_cleanly_on_a_64k_stack() {
    let opts = Options::new().nesting_limit(MAX_NESTING_LIMIT);
    let default = Options::default();
    let cases = [
        (nest("(?:", "a", ")*", 249), &default),
        (nest("(", "a", ")", 251), &default),
        (nest("(?:", "a", ")*", 30_000), &opts),
        (nest("(?:", "a", ")*", 100_000), &opts),
        (nest("(", "a", ")", 100_000), &opts),
        (nest("(?:", "a", ")", 100_000), &opts),
    ];
    on_stack(SMALL, || {
        for (pattern, opts) in &cases {
            let err = Regex::with_options(&[pattern], Flags::empty(), opts).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Syntax, "{}", &err.message()[..200]);
        }
    });
}

#[test]
fn a_nesting_limit_above_the_maximum_is_an_invalid_argument() {
    for limit in [MAX_NESTING_LIMIT + 1, u32::MAX] {
        let opts = Options::new().nesting_limit(limit);
        let err = Regex::with_options(&["a"], Flags::empty(), &opts).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert!(err.message().contains(&MAX_NESTING_LIMIT.to_string()), "{}", err.message());
    }
    let opts = Options::new().nesting_limit(MAX_NESTING_LIMIT).match_kind(MatchKind::All);
    assert!(Regex::with_options(&["a"], Flags::empty(), &opts).is_ok());
}
