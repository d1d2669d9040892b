//! A regex whose matches are exactly the occurrences of a finite set of
//! literals: one literal (`Sherlock Holmes`, `@`), an alternation of them
//! (`Sherlock|Holmes`), or small classes and case folding that expand to
//! a few (`(?i)the`, `[ab][12]`). Its matches are found by a literal
//! search alone, as the meta regex finds them with its prefilter-only
//! strategy, built from the same literals under the same conditions (one
//! pattern, no groups, no look-around, leftmost-first, an exact set of
//! prefixes: regex-automata's meta/strategy.rs, `Pre::from_prefixes`).
//!
//! The meta regex reaches that search through its set-up on every search:
//! an `Input`, its impossibility test, a dispatch to the strategy and from
//! there to the prefilter. Where matches are dense that set-up is a large
//! part of each match's time (strategy.rs has the numbers). Anchored
//! searches stay with the meta regex.

use regex_automata::util::captures::Captures;
use regex_automata::util::prefilter::Prefilter;
use regex_automata::util::primitives::{NonMaxUsize, PatternID};
use regex_automata::{MatchKind, Span};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

use crate::cursor::Step;
use crate::regex::Match;
use crate::required::Required;

/// The literals a regex is, with a searcher built once.
#[derive(Clone, Debug)]
pub(crate) enum Exact {
    /// One literal: memchr or memmem, inlined into the search loops.
    One(Required),
    /// Several: the prefilter the meta regex builds from them (memchr2/3,
    /// Teddy, a byte set or Aho-Corasick), asked directly, and the length
    /// of the shortest. A span shorter than that is not searched, as the
    /// meta regex does not search a span shorter than any match: an
    /// iteration's last search is over the tail after the last match,
    /// often empty, and the prefilter's call and set-up there cost a
    /// count-spans of `[ac]` over 80 bytes, one match at the end, 55 of
    /// its 230 instructions through the C API (callgrind).
    Set(Prefilter, usize),
}

impl Exact {
    /// The literals of a single pattern whose matches are exactly their
    /// occurrences, if it is such a pattern.
    pub fn of(hirs: &[Hir]) -> Option<Exact> {
        let [hir] = hirs else { return None };
        if let HirKind::Literal(lit) = hir.kind() {
            // Never empty: regex-syntax writes the empty regex as `Empty`.
            return Some(Exact::One(Required::searcher(&lit.0)));
        }
        // Literal extraction takes an assertion to match every empty
        // string (`foo\bbar` yields "foobar"), and a group must be resolved
        // by an engine: as meta/strategy.rs, neither is a literal search.
        let props = hir.properties();
        if props.explicit_captures_len() != 0 || !props.look_set().is_empty() {
            return None;
        }
        // Finitely many literals match only finitely long: an unbounded
        // pattern is never exact, and extracting its literals (a
        // case-insensitive alternation: 120 us) would be compile time lost.
        props.maximum_len()?;
        // As meta/strategy.rs extracts prefixes for leftmost-first: the
        // same extractor limits, the same trimming by preference.
        let mut prefixes = Seq::empty();
        prefixes.union(&mut Extractor::new().kind(ExtractKind::Prefix).extract(hir));
        prefixes.optimize_for_prefix_by_preference();
        if !prefixes.is_exact() {
            return None;
        }
        let literals: Vec<&[u8]> = prefixes.literals()?.iter().map(|lit| lit.as_bytes()).collect();
        let shortest = literals.iter().map(|lit| lit.len()).min()?;
        // None where a literal is empty (it would match everywhere).
        Prefilter::new(MatchKind::LeftmostFirst, &literals).map(|pre| Exact::Set(pre, shortest))
    }

    /// The leftmost-first match inside `haystack[start..end]`.
    #[inline(always)]
    pub fn find(&self, haystack: &[u8], start: usize, end: usize) -> Option<Match> {
        match self {
            Exact::One(literal) => {
                let (at, len) = literal.find(&haystack[start..end])?;
                Some(Match { start: start + at, end: start + at + len, pattern: 0 })
            }
            Exact::Set(pre, shortest) => {
                if end - start < *shortest {
                    return None;
                }
                let span = pre.find(haystack, Span { start, end })?;
                Some(Match { start: span.start, end: span.end, pattern: 0 })
            }
        }
    }

    /// How many matches `haystack[start..end]` holds. A loop per kind of
    /// search, the kind chosen once: one loop around [`Exact::find`],
    /// inlined into the count's large body, went back to the enum and the
    /// prefilter's vtable at every match (`Tom|Sawyer|Huckleberry|Finn`
    /// over prose, 2,067 matches: 10 -> 20 instructions a match). No
    /// empty-match rule: a literal match is never empty.
    #[inline(never)]
    pub fn count(&self, haystack: &[u8], start: usize, end: usize) -> usize {
        let (mut at, mut n) = (start, 0);
        match self {
            Exact::One(literal) => {
                while let Some((found, len)) = literal.find(&haystack[at..end]) {
                    n += 1;
                    at += found + len;
                }
            }
            Exact::Set(pre, shortest) => {
                while end - at >= *shortest {
                    let Some(span) = pre.find(haystack, Span { start: at, end }) else { break };
                    n += 1;
                    at = span.end;
                }
            }
        }
        n
    }

    /// A step of an iteration over `haystack` (cursor.rs), inlined into
    /// its loop.
    #[inline(always)]
    pub fn step<'a>(&'a self, haystack: &'a [u8]) -> ExactStep<'a> {
        ExactStep { exact: self, haystack }
    }

    /// Records `found` (a match of the regex, or none) in `caps`, as a
    /// captures search would: the regex has no groups but the match.
    #[inline(always)]
    pub fn record(found: Option<Match>, caps: &mut Captures) -> bool {
        let Some(m) = found else {
            caps.set_pattern(None);
            return false;
        };
        if let [start, end, ..] = caps.slots_mut() {
            *start = NonMaxUsize::new(m.start);
            *end = NonMaxUsize::new(m.end);
        }
        caps.set_pattern(Some(PatternID::ZERO));
        true
    }
}

/// [`Exact::find`] as one step of an iteration: span iteration and the
/// captures step run it (counting has a loop of its own, [`Exact::count`]).
pub(crate) struct ExactStep<'a> {
    exact: &'a Exact,
    haystack: &'a [u8],
}

impl Step for ExactStep<'_> {
    #[inline(always)]
    fn find(&mut self, start: usize, end: usize) -> Option<Match> {
        self.exact.find(self.haystack, start, end)
    }
}
