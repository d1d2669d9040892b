//! Non-overlapping matches over a stream: the matches the one-shot
//! iteration over all the bytes would report, each reported once no later
//! byte can change it.
//!
//! Every match is found by the one-shot iteration itself, run over the
//! retained bytes from where the stream's iteration stands: the stream
//! differs from the one-shot iteration only in when it trusts an answer.
//! - Matches at most `L` bytes long (a window): a match starting at `s`
//!   is settled once `s + L + A <= end`, `A` the bytes the patterns'
//!   look-ahead reads ([`look_ahead`]): every match starting at or before
//!   `s` then lies in the kept bytes, with the bytes its look-ahead reads.
//!   With no settled match, none starts before `end + 1 - L - A`, and the
//!   bytes before it can go.
//! - Unbounded matches: the lazy DFAs of oracle.rs decide, from the bytes
//!   before `end - A`.
//!
//! `A` is the bytes past a match's end that decide it without being part
//! of it. Bytes at the end of the kept text are read by the search as the
//! end of the haystack (`$`, `\z` and `\b` hold there), so a match is
//! trusted only once `A` real bytes follow it: with no look-ahead, as soon
//! as its end is seen (`12` in `id 12` at once, `[0-9]+` once a non-digit
//! follows); a chunk that ends inside a character needs no margin, as the
//! search stops before the character and the prefix language admits it.

use std::collections::VecDeque;

use regex_syntax::hir::{Hir, Look, LookSet};

use crate::error::Error;
use crate::regex::Match;

use super::oracle::Oracle;
use super::retained::Text;
use super::Searcher;

/// The look-behind context kept before the iteration's position, in
/// bytes: one UTF-8 character, what a Unicode `\b` reads (`^`, `$` and
/// ASCII `\b` read one byte; the rule that keeps empty matches out of
/// characters up to three).
pub(crate) const LOOK: usize = 4;

/// The bytes after a position that the patterns' assertions read there
/// (`A` above): none without look-ahead (`\A`, `^` and `(?m)^` look back
/// only), a whole character for a Unicode word boundary, else one byte
/// (`$`, `\z`, `(?m)$`, ASCII `\b`, and CRLF mode's `^`, false between
/// `\r` and `\n`).
pub(crate) fn look_ahead(hirs: &[Hir]) -> usize {
    let looks = hirs.iter().fold(LookSet::empty(), |set, h| set.union(h.properties().look_set()));
    if looks.subtract(LookSet::empty().insert(Look::Start).insert(Look::StartLF)).is_empty() {
        0
    } else if looks.contains_word_unicode() {
        LOOK
    } else {
        1
    }
}

/// How a stream knows that an answer is settled.
pub(crate) enum Bound {
    /// Matches are at most this long.
    Window(usize),
    /// Matches have no length bound: the lazy DFAs decide.
    Oracle(Box<Oracle>),
}

pub(crate) struct Sequential {
    bound: Bound,
    /// [`look_ahead`]'s bytes.
    ahead: usize,
    /// Where the iteration stands: the next search starts here.
    pos: usize,
    /// Where the last match ended (an empty match there is skipped).
    last_end: Option<usize>,
    done: bool,
}

impl Sequential {
    pub fn new(bound: Bound, ahead: usize) -> Sequential {
        Sequential { bound, ahead, pos: 0, last_end: None, done: false }
    }

    pub fn reset(&mut self) {
        self.pos = 0;
        self.last_end = None;
        self.done = false;
        if let Bound::Oracle(oracle) = &mut self.bound {
            oracle.reset();
        }
    }

    /// How many bytes of a chunk to search together with the kept bytes
    /// before searching the rest where it lies: enough for every match
    /// that began before the chunk to settle, and for the iteration to
    /// move past the chunk's first bytes.
    pub fn seam_len(&self) -> usize {
        match &self.bound {
            Bound::Window(max_len) => max_len.saturating_add(2 * LOOK + 64),
            Bound::Oracle(_) => 256,
        }
    }

    /// What the stream keeps with no match in progress: for a window, its
    /// last `L + A - 1` bytes (where a match the next byte can change may
    /// have started) and `LOOK` of look-behind; for the oracle, the newest
    /// `A` bytes and `LOOK` of look-behind.
    pub fn floor(&self) -> usize {
        match &self.bound {
            Bound::Window(max_len) => (max_len.saturating_add(self.ahead + LOOK)).saturating_sub(1),
            Bound::Oracle(_) => self.ahead + LOOK,
        }
    }

    /// The first byte the iteration still needs, look-behind included.
    pub fn needed_from(&self) -> usize {
        self.pos.saturating_sub(LOOK)
    }

    /// Forgets the match in progress: the iteration goes on from `at`.
    pub fn abandon(&mut self, at: usize) {
        self.pos = at;
        if let Bound::Oracle(oracle) = &mut self.bound {
            oracle.reset();
        }
    }

    /// Reports every match that the bytes so far settle (all of them when
    /// `finishing`).
    pub fn resolve(
        &mut self,
        searcher: &mut Searcher,
        kept: Text<'_>,
        finishing: bool,
        out: &mut VecDeque<Match>,
    ) -> Result<(), Error> {
        let end = kept.end();
        if self.done || self.pos > end {
            return Ok(());
        }
        // No match starts before `safe` that these bytes do not settle.
        let safe = match &mut self.bound {
            _ if finishing => end,
            Bound::Window(max_len) => (end + 1).saturating_sub(max_len.saturating_add(self.ahead)),
            Bound::Oracle(oracle) => {
                oracle.earliest_open(kept, self.pos, end.saturating_sub(self.ahead).max(self.pos))?
            }
        };
        // A match is in progress from `pos` itself: only a match starting
        // there can settle, and only once the anchored walk (which resumes
        // across chunks) says so. Until then the search would reread the
        // whole match in progress at every chunk, quadratic in its length
        // (`"[^"]*"` over an unterminated 1 MB string in 4 KiB chunks took
        // 0.52 s against 4 ms one-shot; 9 ms since).
        if !finishing && safe == self.pos {
            if let Bound::Oracle(oracle) = &mut self.bound {
                if !oracle.settled(kept, safe)? {
                    return Ok(());
                }
            }
        }
        let mut stopped_at = None;
        let (pos, last_end) = (self.pos, self.last_end);
        let mut first = true;
        searcher.each_batch(kept, pos, end, finishing, |batch| {
            // The iteration restarts here: the one-shot iteration skips an
            // empty match where the last match ended, then goes on.
            let skip = std::mem::take(&mut first)
                && batch.first().is_some_and(|m| m.is_empty() && m.start == pos && last_end == Some(pos));
            let from = usize::from(skip);
            // The settled matches come first: a match settles only once
            // every earlier one has.
            let mut taken = from;
            for m in &batch[from..] {
                let settled = finishing
                    || match &mut self.bound {
                        Bound::Window(_) => m.start < safe,
                        // Before `E` no match still runs at the newest bytes,
                        // so none starting there is longer than it looks:
                        // settled. At `E`, the anchored DFA says (after `E`,
                        // an earlier match may still be in progress).
                        Bound::Oracle(oracle) => {
                            m.start < safe || (m.start == safe && oracle.settled(kept, m.start)?)
                        }
                    };
                if !settled {
                    stopped_at = Some(m.start);
                    break;
                }
                taken += 1;
            }
            if let Some(last) = batch[from..taken].last() {
                out.extend(&batch[from..taken]);
                self.pos = last.end;
                self.last_end = Some(last.end);
            }
            Ok(taken)
        })?;
        match stopped_at {
            None if finishing => self.done = true,
            None => self.advance(safe),
            Some(start) => self.advance(start.min(safe)),
        }
        Ok(())
    }

    /// No match starts before `at`: the iteration may stand there.
    fn advance(&mut self, at: usize) {
        self.pos = self.pos.max(at);
    }
}
