//! The position of a non-overlapping iteration, independent of the engine
//! doing the searching (regex or phrase set). It holds offsets only.

use std::num::NonZeroU64;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::regex::Match;

/// The last iteration token handed out ([`Cursor::token`]).
static TOKENS: AtomicU64 = AtomicU64::new(0);

/// Where a non-overlapping iteration over `[pos, end)` stands.
///
/// Empty matches follow the `regex` and `aho-corasick` crates: an empty
/// match that begins where the previous match ended is skipped and the
/// search resumes one byte later (anchored searches too).
#[derive(Clone, Debug)]
pub(crate) struct Cursor {
    pos: usize,
    end: usize,
    last_match_end: Option<usize>,
    done: bool,
    /// Where the last invalid UTF-8 of the span starts (utf8.rs), worked
    /// out on the first step that asks.
    last_invalid: Option<Option<usize>>,
    /// This iteration's token, handed out on the first step that asks.
    token: Option<NonZeroU64>,
}

impl Cursor {
    #[inline]
    pub fn new(start: usize, end: usize) -> Cursor {
        Cursor { pos: start, end, last_match_end: None, done: false, last_invalid: None, token: None }
    }

    /// A cursor whose iteration over a span ending at `end` is over.
    #[inline]
    pub fn finished(end: usize) -> Cursor {
        Cursor { done: true, ..Cursor::new(end, end) }
    }

    /// The same cursor, resumed after a match that ended at its start when
    /// `after_match` ([`crate::Search::after_match`]): an empty match there
    /// is skipped, as it would be had the iteration found that match.
    #[inline]
    pub fn after_match(mut self, after_match: bool) -> Cursor {
        if after_match {
            self.last_match_end = Some(self.pos);
        }
        self
    }

    /// The next match. `search(start, end)` must return the first match
    /// inside `[start, end)` (by the engine's match semantics). `search`
    /// is called from one place, so that it is inlined into the loop.
    #[inline(always)]
    pub fn advance(&mut self, search: &mut impl Step) -> Option<Match> {
        let mut from = self.pos;
        loop {
            if self.done || from > self.end {
                self.done = true;
                return None;
            }
            let Some(m) = search.find(from, self.end) else {
                self.done = true;
                return None;
            };
            if m.is_empty() && Some(m.end) == self.last_match_end && from == self.pos {
                from = self.pos + 1; // skip it and search once more
                continue;
            }
            self.pos = m.end;
            self.last_match_end = Some(m.end);
            return Some(m);
        }
    }

    /// Where the iteration stands if no match has been found yet (nor one
    /// resumed after), so that the first search's match needs no
    /// empty-match check; `None` otherwise or when it is over.
    #[inline(always)]
    pub fn fresh_position(&self) -> Option<usize> {
        self.position().filter(|_| self.last_match_end.is_none())
    }

    /// Where the last invalid UTF-8 of `haystack`'s span (from where the
    /// iteration stood when first asked) starts: worked out once, so that
    /// each step can tell whether it sees any (utf8.rs) without a rescan.
    pub fn last_invalid(&mut self, haystack: &[u8]) -> Option<usize> {
        let (pos, end) = (self.pos, self.end);
        *self.last_invalid.get_or_insert_with(|| crate::utf8::last_invalid(haystack, pos, end))
    }

    /// Whether the iteration goes on after a match at its start (or has
    /// found one).
    pub fn resumed(&self) -> bool {
        self.last_match_end.is_some()
    }

    /// Where the cursor stands (its end once the iteration is over).
    pub fn start(&self) -> usize {
        self.pos
    }

    /// Whether a step has asked [`Cursor::last_invalid`].
    pub fn knows_invalid(&self) -> bool {
        self.last_invalid.is_some()
    }

    /// Takes `last` as what reading this span found, from no later than
    /// the cursor stands: maybe by an earlier call of the same iteration
    /// (cache.rs: `InvalidMemo::last_invalid`).
    pub fn recall_invalid(&mut self, last: Option<usize>) {
        self.last_invalid = Some(last);
    }

    /// A number no other iteration of this process has (copies of a
    /// cursor share it): searches that know they are steps of one
    /// iteration, over the same bytes, may reuse what an earlier step
    /// found (regex.rs: `Inner::find_per_pattern`).
    pub fn token(&mut self) -> NonZeroU64 {
        *self.token.get_or_insert_with(|| {
            let next = TOKENS.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
            NonZeroU64::new(next).unwrap_or(NonZeroU64::MIN)
        })
    }

    /// The end bound of the iteration.
    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// Where an engine's own non-overlapping iterator must start to continue
    /// this iteration, or `None` when it is over.
    #[inline]
    pub fn position(&self) -> Option<usize> {
        (!self.done && self.pos <= self.end).then_some(self.pos)
    }

    /// Continues the iteration with matches from an engine's own iterator,
    /// started at [`Cursor::position`] over the same end bound, that follows
    /// the same empty-match rule (aho-corasick's does): up to `out.len()`
    /// matches are written and their number returned. Only the first match
    /// needs care: the native iterator does not know the last match's end.
    #[inline]
    pub fn drain<T: From<Match>>(&mut self, native: impl Iterator<Item = Match>, out: &mut [T]) -> usize {
        if out.is_empty() || self.position().is_none() {
            return 0;
        }
        let mut written = 0;
        for (i, m) in native.enumerate() {
            if i == 0 && m.is_empty() && Some(m.end) == self.last_match_end {
                continue; // skipped here as `advance` would; the native iterator then moves on
            }
            self.pos = m.end;
            self.last_match_end = Some(m.end);
            out[written] = T::from(m);
            written += 1;
            if written == out.len() {
                return written;
            }
        }
        self.done = true;
        written
    }
}

/// One search of an iteration: the first match inside `[start, end)`.
/// A closure is one; a search that must be inlined into the iteration's
/// loop is a type of its own whose `find` is `#[inline(always)]` (a
/// closure cannot say so, and in libferrex LLVM left the meta regex's
/// search behind a call: a reset plus a batch over 51 bytes with one match,
/// from C, took 27.6 ns that way and 20.7 ns as `MetaStep`).
pub(crate) trait Step {
    fn find(&mut self, start: usize, end: usize) -> Option<Match>;
}

impl<F: FnMut(usize, usize) -> Option<Match>> Step for F {
    #[inline(always)]
    fn find(&mut self, start: usize, end: usize) -> Option<Match> {
        self(start, end)
    }
}
