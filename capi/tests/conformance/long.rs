//! Long-haystack variants of the suite's tests. Every haystack in the suite
//! is shorter than the engine's short-span limit (256 bytes), so the paths
//! ferrex takes for long spans would go untested by it. Each variant
//! searches a haystack of over 600 bytes made from the test's own: the
//! haystack repeated, and the haystack between runs of spaces. The answers
//! it must give are those of regex-automata's meta regex (the engine the
//! suite was written for, and the one ferrex wraps), configured as the
//! test configures ferrex: all matches with their groups, or for an
//! overlapping test the patterns that match (RegexSet's question).
//!
//! Left out: tests that do not compile, earliest searches and the All
//! match kind's find (their match ends depend on the engine; the suite's
//! own tests pin them down on short haystacks), and bounded tests, whose
//! bounds belong to the short haystack.

use regex_automata::{
    meta,
    util::{iter::Searcher, syntax},
    Anchored, Input, MatchKind as RaMatchKind, PatternSet,
};

use crate::spec::{Captures, MatchKind, RegexTest, SearchKind, Span};

/// The shortest haystack a variant searches.
const LONG: usize = 600;

/// The long variants of `test`, with the meta regex's answers as their
/// expectations; none when the test is left out (see the module comment).
pub fn variants(test: &RegexTest) -> Vec<RegexTest> {
    if !test.compiles || test.bounds.is_some() || test.search_kind == SearchKind::Earliest {
        return vec![];
    }
    let overlapping = test.search_kind == SearchKind::Overlapping;
    if !overlapping && test.match_kind != MatchKind::LeftmostFirst {
        return vec![];
    }
    let Some(reference) = reference(test, overlapping) else { return vec![] };
    let hay = &test.haystack;
    let mut repeated = hay.clone();
    while !hay.is_empty() && repeated.len() < LONG {
        repeated.extend_from_slice(hay);
    }
    let pad = vec![b' '; LONG / 2];
    let padded = [&pad[..], hay, &pad[..]].concat();
    let mut out = vec![];
    for (name, long) in [("repeated", repeated), ("between spaces", padded)] {
        if long.len() < LONG {
            continue;
        }
        let mut variant = test.clone();
        variant.name = format!("{} [long: {name}]", test.name);
        variant.matches = if overlapping {
            matching_patterns(&reference, test, &long)
        } else {
            all_captures(&reference, test, &long)
        };
        variant.haystack = long;
        variant.match_limit = None;
        out.push(variant);
    }
    out
}

/// The meta regex for `test`: leftmost-first, or for an overlapping test
/// the All kind RegexSet uses. None if it does not build (a size limit).
fn reference(test: &RegexTest, overlapping: bool) -> Option<meta::Regex> {
    let syntax = syntax::Config::new().case_insensitive(test.case_insensitive).unicode(test.unicode).utf8(test.utf8);
    let kind = if overlapping { RaMatchKind::All } else { RaMatchKind::LeftmostFirst };
    let config = meta::Config::new().match_kind(kind).utf8_empty(test.utf8);
    meta::Builder::new().syntax(syntax).configure(config).build_many(test.patterns()).ok()
}

fn input<'h>(test: &RegexTest, haystack: &'h [u8]) -> Input<'h> {
    Input::new(haystack).anchored(if test.anchored { Anchored::Yes } else { Anchored::No })
}

/// Every match with its groups, as the regex crate's captures_iter
/// reports them.
fn all_captures(re: &meta::Regex, test: &RegexTest, haystack: &[u8]) -> Vec<Captures> {
    let mut caps = re.create_captures();
    let mut cache = re.create_cache();
    let mut it = Searcher::new(input(test, haystack));
    let mut out = vec![];
    while it
        .advance(|input| {
            re.search_captures_with(&mut cache, input, &mut caps);
            Ok(caps.get_match())
        })
        .is_some()
    {
        let id = caps.pattern().map_or(0, |p| p.as_usize());
        let groups =
            (0..caps.group_len()).map(|g| caps.get_group(g).map(|s| Span { start: s.start, end: s.end })).collect();
        out.push(Captures { id, groups });
    }
    out
}

/// The patterns with a match anywhere, as expected_pattern_ids reads them
/// (one group-0-only entry per pattern).
fn matching_patterns(re: &meta::Regex, test: &RegexTest, haystack: &[u8]) -> Vec<Captures> {
    let mut set = PatternSet::new(re.pattern_len());
    re.which_overlapping_matches(&input(test, haystack), &mut set);
    set.iter().map(|p| Captures { id: p.as_usize(), groups: vec![Some(Span { start: 0, end: 0 })] }).collect()
}
