//! Empty phrases: ferrex answers for them itself, and the automaton (or the
//! regex, for Unicode folding) holds only the non-empty phrases.
//!
//! An empty phrase occurs at every position inside the search's bounds:
//! every byte offset from the start bound to the end bound, both included,
//! inside a UTF-8 character too, whatever the case folding. The match kinds'
//! own definitions then give every answer:
//!
//! - Standard (the match that ends first): the empty match at the search's
//!   start ends before any other, so every search reports it, for the first
//!   empty phrase given; no non-empty phrase is ever reported.
//! - Leftmost-first and leftmost-longest: the leftmost match starts at the
//!   search's start, since an empty phrase is there. Among the phrases
//!   matching there, leftmost-longest prefers any non-empty one (it is
//!   longer), leftmost-first the one given first: a non-empty phrase given
//!   before the first empty phrase, else the empty phrase. Phrases given
//!   after the first empty phrase never match under leftmost-first, so the
//!   automaton leaves them out.
//! - Anchored searches give the same answers (they start at the start).
//! - Earliest: the empty match at the start, the first match any scan sees.
//! - Overlapping (standard kind): every occurrence of every phrase, so each
//!   empty phrase at every position, after the non-empty matches that end
//!   there (matches come in order of end, then start, then phrase index).
//! - Iteration and replacement step through find's answers with the usual
//!   empty-match rule (crate::cursor): an empty match where the previous
//!   match ended is skipped.
//!
//! The automata of aho-corasick 1.1.5 break two of these rules when they
//! hold an empty phrase: the leftmost kinds can pass over the empty match
//! at the start and report a later non-empty one (`["ab", ""]` on `"aab"`
//! gives [1, 3) where the leftmost match is [0, 0)), and overlapping search
//! reports the empty match twice where a non-empty phrase ends. The regex
//! engine in UTF-8 mode reports empty matches only between characters.
//! Hence neither of them sees an empty phrase.

use super::PhraseMatchKind;
use crate::regex::Match;

/// How a set's phrases divide between ferrex and the automaton.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split {
    /// The phrases the automaton holds, by index, in the order given.
    pub searched: Vec<usize>,
    /// The empty phrases, by index, in the order given.
    pub empty: Vec<usize>,
}

/// Divides the phrases: the empty ones, and the non-empty ones that can be
/// reported under `kind` (under leftmost-first, those given before the
/// first empty phrase).
pub(super) fn split<P: AsRef<[u8]>>(phrases: &[P], kind: PhraseMatchKind) -> Split {
    let is_empty = |&i: &usize| phrases[i].as_ref().is_empty();
    let empty: Vec<usize> = (0..phrases.len()).filter(is_empty).collect();
    let reportable = match (kind, empty.first()) {
        (PhraseMatchKind::LeftmostFirst, Some(&first)) => first,
        _ => phrases.len(),
    };
    Split { searched: (0..reportable).filter(|i| !is_empty(i)).collect(), empty }
}

/// The leftmost match at `at` of a set whose first empty phrase is
/// `first_empty`, given `next`, the automaton's leftmost match at or after
/// `at`: that match if it starts at `at` (it is longer, or given before the
/// empty phrase), else the empty match.
#[inline]
pub(super) fn leftmost_at(at: usize, first_empty: usize, next: Option<Match>) -> Match {
    next.filter(|m| m.start == at).unwrap_or(Match { start: at, end: at, pattern: first_empty })
}

/// The automaton's leftmost match at or after a position, kept across the
/// steps of one iteration. Every step of an iteration over a set with an
/// empty phrase reports a match where it starts; searching the automaton
/// afresh at each of them would rescan up to the longest phrase every time
/// (quadratic for a long phrase that almost occurs everywhere). The match
/// found from `from` stays the leftmost one from any later position up to
/// its start, so the automaton runs again only past it.
#[derive(Clone, Debug, Default)]
pub(super) struct Lookahead {
    /// `(from, found)`: the leftmost match in `[from, end)` is `found`.
    known: Option<(usize, Option<Match>)>,
}

impl Lookahead {
    /// The leftmost match at or after `at` (the end bound is the
    /// iteration's, unchanged between steps); `search(at)` finds it when
    /// what is known does not tell.
    pub fn leftmost_from<E>(
        &mut self,
        at: usize,
        search: impl FnOnce(usize) -> Result<Option<Match>, E>,
    ) -> Result<Option<Match>, E> {
        if let Some((from, found)) = self.known {
            if from <= at && found.map_or(true, |m| at <= m.start) {
                return Ok(found);
            }
        }
        let found = search(at)?;
        self.known = Some((at, found));
        Ok(found)
    }
}

/// The empty matches of an overlapping iteration, still to be interleaved
/// with the automaton's (non-empty) ones.
#[derive(Clone, Debug)]
pub(super) struct EmptyRun {
    /// The position of the next empty match.
    at: usize,
    /// The last position with empty matches (`at > last`: none left).
    last: usize,
    /// The next empty phrase to report at `at`, as an index into the set's
    /// empty phrases.
    next: usize,
}

impl EmptyRun {
    /// The empty matches in `[start, end]`, or only at `start` when
    /// anchored; none when the set has no empty phrase.
    pub fn new(start: usize, end: usize, anchored: bool, has_empty: bool) -> EmptyRun {
        match (has_empty, anchored) {
            (false, _) => EmptyRun { at: 1, last: 0, next: 0 },
            (true, true) => EmptyRun { at: start, last: start, next: 0 },
            (true, false) => EmptyRun { at: start, last: end, next: 0 },
        }
    }

    /// The next empty match if it comes before `pending`, the automaton's
    /// next match (which comes first when it ends at or before `at`).
    pub fn next_before(&mut self, empty: &[usize], pending: Option<&Match>) -> Option<Match> {
        if self.at > self.last || empty.is_empty() || pending.is_some_and(|m| m.end <= self.at) {
            return None;
        }
        let m = Match { start: self.at, end: self.at, pattern: empty[self.next] };
        self.next += 1;
        if self.next == empty.len() {
            self.next = 0;
            self.at += 1;
        }
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftmost_first_leaves_out_what_follows_the_first_empty_phrase() {
        let phrases = ["ab", "", "b", "", "c"];
        let lf = split(&phrases, PhraseMatchKind::LeftmostFirst);
        assert_eq!(lf, Split { searched: vec![0], empty: vec![1, 3] });
        for kind in [PhraseMatchKind::Standard, PhraseMatchKind::LeftmostLongest] {
            assert_eq!(split(&phrases, kind), Split { searched: vec![0, 2, 4], empty: vec![1, 3] });
        }
    }

    #[test]
    fn the_lookahead_searches_again_only_past_what_it_found() {
        let mut look = Lookahead::default();
        let found = Some(Match { start: 5, end: 7, pattern: 0 });
        let mut searches = vec![];
        let mut step = |at| {
            look.leftmost_from(at, |from| {
                searches.push(from);
                Ok::<_, ()>(if from <= 5 { found } else { None })
            })
        };
        for at in 0..=5 {
            assert_eq!(step(at), Ok(found));
        }
        assert_eq!(step(7), Ok(None));
        assert_eq!(step(9), Ok(None));
        assert_eq!(searches, [0, 7]);
    }

    #[test]
    fn empty_matches_come_after_the_matches_ending_where_they_are() {
        let mut run = EmptyRun::new(1, 3, false, true);
        let ab = Match { start: 1, end: 3, pattern: 0 };
        let mut got = vec![];
        while let Some(m) = run.next_before(&[4, 6], Some(&ab)) {
            got.push((m.start, m.pattern));
        }
        assert_eq!(got, [(1, 4), (1, 6), (2, 4), (2, 6)]);
        assert_eq!(run.next_before(&[4, 6], None).map(|m| (m.start, m.pattern)), Some((3, 4)));
        let mut anchored = EmptyRun::new(2, 9, true, true);
        assert_eq!(anchored.next_before(&[0], None).map(|m| m.start), Some(2));
        assert_eq!(anchored.next_before(&[0], None), None);
        assert_eq!(EmptyRun::new(0, 9, false, false).next_before(&[], None), None);
    }
}
