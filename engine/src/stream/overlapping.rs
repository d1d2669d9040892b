//! Overlapping phrase matches over a stream (standard match kind): every
//! occurrence of every phrase, in order of end, then start, then phrase
//! index, as the one-shot overlapping iteration reports them. A match
//! ending at or before the newest byte is settled (a phrase has no
//! look-around), and lies within the last `max_len` bytes before its end:
//! each call reports the matches ending after the last call's end, and
//! keeps the last `max_len` bytes.

use std::collections::VecDeque;

use crate::error::Error;
use crate::phrases::{PhraseIter, PhraseSet};
use crate::regex::Match;
use crate::search::Search;

use super::retained::Text;

pub(crate) struct Overlapping {
    set: PhraseSet,
    max_len: usize,
    /// Every match ending at or before this offset has been reported.
    reported: Option<usize>,
}

impl Overlapping {
    pub fn new(set: PhraseSet, max_len: usize) -> Overlapping {
        Overlapping { set, max_len, reported: None }
    }

    pub fn reset(&mut self) {
        self.reported = None;
    }

    /// What the stream keeps: the last `max_len` bytes.
    pub fn floor(&self) -> usize {
        self.max_len
    }

    /// The first byte a match not yet reported may start at.
    pub fn needed_from(&self, end: usize) -> usize {
        end.saturating_sub(self.max_len)
    }

    pub fn resolve(&mut self, kept: Text<'_>, out: &mut VecDeque<Match>) -> Result<(), Error> {
        let end = kept.end();
        let first_end = self.reported.map_or(0, |r| r + 1);
        if first_end > end {
            return Ok(());
        }
        let start = first_end.saturating_sub(self.max_len).max(kept.base());
        let base = kept.base();
        let (set, hay) = (&self.set, kept.bytes());
        let mut it = PhraseIter::new(set, hay.len(), &Search::bounds(start - base, end - base), true)?;
        while let Some(m) = it.next(set, hay)? {
            let m = Match { start: m.start + base, end: m.end + base, pattern: m.pattern };
            if m.end >= first_end {
                out.push_back(m);
            }
        }
        self.reported = Some(end);
        Ok(())
    }
}
