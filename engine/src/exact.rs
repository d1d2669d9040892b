//! A regex that is one literal and nothing else (`Sherlock Holmes`, `@`):
//! its matches are the literal's non-overlapping occurrences, which
//! memchr or memmem find directly.
//!
//! The meta regex finds the same occurrences with the same searchers (its
//! prefilter-only strategy), but reaches them through its search set-up
//! on every match: an `Input`, its impossibility test, the dispatch to the
//! strategy and from there to the prefilter. Where matches are dense that
//! set-up is a large part of each match's time (strategy.rs has the
//! numbers). Anchored searches stay with the meta regex.

use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::{NonMaxUsize, PatternID};
use regex_syntax::hir::{Hir, HirKind};

use crate::regex::Match;
use crate::required::Required;

/// The literal a regex is, with a searcher built once.
#[derive(Clone, Debug)]
pub(crate) struct Exact(Required);

impl Exact {
    /// The literal of a single pattern that is exactly one: no groups, no
    /// assertions, no case folding (which parses to classes), never empty.
    pub fn of(hirs: &[Hir]) -> Option<Exact> {
        let [hir] = hirs else { return None };
        match hir.kind() {
            HirKind::Literal(lit) if !lit.0.is_empty() => Some(Exact(Required::searcher(&lit.0))),
            _ => None,
        }
    }

    /// The leftmost match inside `haystack[start..end]`.
    #[inline(always)]
    pub fn find(&self, haystack: &[u8], start: usize, end: usize) -> Option<Match> {
        let (at, len) = self.0.find(&haystack[start..end])?;
        Some(Match { start: start + at, end: start + at + len, pattern: 0 })
    }

    /// Records `found` (a match of the regex, or none) in `caps`, as a
    /// captures search would: a literal has no groups but the match.
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
