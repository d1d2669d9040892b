//! Non-overlapping matches over a stream: the matches the one-shot
//! iteration over all the bytes would report, each reported once no later
//! byte can change it.
//!
//! Every match is found by the one-shot search itself, over the retained
//! bytes from where the iteration stands: the stream differs from the
//! one-shot iteration only in when it may trust an answer.
//! - Matches at most `L` bytes long (a window): the search from `from` is
//!   settled when its match starts at `s` with `s + L + LOOK <= end`: every
//!   match starting at or before `s` then lies in the retained bytes with
//!   the bytes its look-ahead reads. With no match found, no match starts
//!   before `end + 1 - L - LOOK`, and the bytes before it can go.
//! - Unbounded matches: the forward lazy DFA from `from` (oracle.rs) says
//!   when the answer is settled; the prefix DFA says which bytes may still
//!   begin a match.

use std::collections::VecDeque;

use crate::error::Error;
use crate::regex::Match;

use super::oracle::{Oracle, Verdict};
use super::retained::Retained;
use super::Searcher;

/// The look-around context kept on each side of a search, in bytes: one
/// UTF-8 character, what a Unicode `\b` reads (`^`, `$` and ASCII `\b` read
/// one byte; the rule that keeps empty matches out of characters up to
/// three).
pub(crate) const LOOK: usize = 4;

/// How a stream knows that an answer is settled.
pub(crate) enum Bound {
    /// Matches are at most this long.
    Window(usize),
    /// Matches have no length bound: the lazy DFAs decide.
    Oracle(Box<Oracle>),
}

/// Below this many bytes since the search start, an unbounded stream does
/// not ask which bytes may still begin a match (the ask rereads them).
const FIRST_TRIM: usize = 64;

pub(crate) struct Sequential {
    bound: Bound,
    /// Whether the regex is in UTF-8 mode (its matches start on a
    /// character boundary).
    utf8: bool,
    /// Where the iteration stands (the next search starts here, or one
    /// byte later after an empty match was skipped).
    pos: usize,
    skip: bool,
    last_end: Option<usize>,
    done: bool,
    /// An unbounded stream asks the prefix DFA once this many bytes lie
    /// between the search start and the end (doubling, so that rereads
    /// cost a constant factor at most).
    trim_at: usize,
}

impl Sequential {
    pub fn new(bound: Bound, utf8: bool) -> Sequential {
        Sequential { bound, utf8, pos: 0, skip: false, last_end: None, done: false, trim_at: FIRST_TRIM }
    }

    pub fn reset(&mut self) {
        let bound = std::mem::replace(&mut self.bound, Bound::Window(0));
        *self = Sequential::new(bound, self.utf8);
        self.forget_dfa();
    }

    /// The oracle's DFA judged a search that is no longer the one in
    /// progress (its start may coincide with the new one's).
    fn forget_dfa(&mut self) {
        if let Bound::Oracle(oracle) = &mut self.bound {
            oracle.begin(usize::MAX);
        }
    }

    /// The first byte the iteration still needs, look-behind included.
    pub fn needed_from(&self) -> usize {
        self.pos.saturating_sub(LOOK)
    }

    /// Forgets the search in progress: the iteration goes on from `at`.
    pub fn abandon(&mut self, at: usize) {
        self.pos = at;
        self.skip = false;
        self.trim_at = FIRST_TRIM;
        self.forget_dfa();
    }

    /// Reports every match that the bytes so far settle (all of them when
    /// `finishing`).
    pub fn resolve(
        &mut self,
        searcher: &mut Searcher,
        kept: &Retained,
        finishing: bool,
        out: &mut VecDeque<Match>,
    ) -> Result<(), Error> {
        let end = kept.end();
        while !self.done {
            let from = self.pos + usize::from(self.skip);
            if from > end {
                self.done = finishing;
                return Ok(());
            }
            match &mut self.bound {
                Bound::Window(max_len) => {
                    let reach = *max_len + LOOK;
                    let found = searcher.find(kept, from, end, finishing)?;
                    match found {
                        Some(m) if finishing || m.start + reach <= end => self.accept(m, from, out),
                        Some(m) => {
                            self.advance(m.start.min((end + 1).saturating_sub(reach)));
                            return Ok(());
                        }
                        None if finishing => self.done = true,
                        None => {
                            self.advance((end + 1).saturating_sub(reach));
                            return Ok(());
                        }
                    }
                }
                Bound::Oracle(oracle) => {
                    if oracle.from() != from {
                        oracle.begin(from);
                    }
                    if !oracle.started() {
                        if let Some(at) = dfa_start(kept, from, end, self.utf8) {
                            oracle.start(at, kept.byte_before(at))?;
                        }
                    }
                    if oracle.started() && oracle.read() < end {
                        let read = oracle.read();
                        oracle.read_bytes(kept.slice(read, end))?;
                    }
                    if finishing || oracle.verdict() == Verdict::Settled {
                        match searcher.find(kept, from, end, finishing)? {
                            Some(m) => self.accept(m, from, out),
                            // Settled with no match: none will ever come.
                            None => self.done = true,
                        }
                    } else {
                        if end - from > self.trim_at {
                            if let Some(at) = oracle.earliest_open(kept.bytes(), kept.base(), end - 1)? {
                                self.advance(at);
                                self.trim_at = (2 * (end - at)).max(FIRST_TRIM);
                            }
                        }
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }

    /// Takes a settled match, as the one-shot iteration's cursor does: an
    /// empty match where the last match ended is skipped, and the search
    /// goes on one byte later.
    fn accept(&mut self, m: Match, from: usize, out: &mut VecDeque<Match>) {
        if m.is_empty() && Some(m.end) == self.last_end && from == self.pos {
            self.skip = true;
            return;
        }
        out.push_back(m);
        self.pos = m.end;
        self.last_end = Some(m.end);
        self.skip = false;
    }

    /// No match starts before `at`: the iteration may stand there.
    fn advance(&mut self, at: usize) {
        if at > self.pos {
            self.pos = at;
            self.skip = false;
        }
    }
}

/// Where the forward DFA judging the search from `from` starts: there, or
/// in UTF-8 mode at the next character boundary (`None` while the bytes
/// so far do not tell where that is). In UTF-8 mode no match starts
/// inside a character (empty ones there are dropped), but the DFA, which
/// knows nothing of that rule, would see an empty match there and stop
/// looking for the match the search reports.
fn dfa_start(kept: &Retained, from: usize, end: usize, utf8: bool) -> Option<usize> {
    if !utf8 {
        return Some(from);
    }
    // Valid UTF-8 has at most three continuation bytes in a row.
    (from..end.min(from + 4)).find(|&at| kept.slice(at, at + 1)[0] & 0xC0 != 0x80 || at == from + 3)
}
