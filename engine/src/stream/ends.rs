//! Streams that keep nothing: every end of every match ([`StreamReport::Ends`],
//! Hyperscan's model) or which patterns matched ([`StreamReport::Patterns`]).
//! One forward lazy DFA under the ALL match kind (every match a candidate)
//! reads each byte once, unanchored; its state is all that crosses a chunk
//! boundary, and no byte is kept. A match's start is not known (it would
//! need the bytes): reported matches have `start == usize::MAX`.
//!
//! Refused ([`ErrorKind::Unsupported`]): patterns that can match the empty
//! string (an end at every offset says nothing; Hyperscan refuses them
//! too), and Unicode word boundaries, on which the lazy DFA gives up at the
//! first non-ASCII byte (`(?-u:\b)` is the ASCII one).
//!
//! [`StreamReport::Ends`]: super::StreamReport::Ends
//! [`StreamReport::Patterns`]: super::StreamReport::Patterns

use std::collections::VecDeque;

use regex_automata::{
    hybrid::{
        dfa::{Cache, DFA},
        LazyStateID,
    },
    util::start,
    Anchored, MatchKind as RaMatchKind,
};

use crate::build::{self, Parsed};
use crate::error::{Error, ErrorKind};
use crate::options::Options;
use crate::regex::Match;

pub(crate) struct Ends {
    dfa: DFA,
    cache: Cache,
    /// The state after the bytes so far; `None` before the first byte.
    state: Option<LazyStateID>,
    offset: usize,
    /// Report each pattern once: which have been.
    once: Option<Vec<bool>>,
    unseen: usize,
    /// The patterns of the match state at one offset, sorted.
    here: Vec<usize>,
}

impl Ends {
    pub fn new(parsed: &Parsed, utf8: bool, opts: &Options, once: bool) -> Result<Ends, Error> {
        for (i, hir) in parsed.hirs().iter().enumerate() {
            let props = hir.properties();
            if props.minimum_len().map_or(true, |n| n == 0) {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!("pattern {i} can match the empty string (or never matches): no end stream for it"),
                ));
            }
            if props.look_set().contains_word_unicode() {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    format!(
                        "pattern {i} has a Unicode word boundary, which an end stream cannot keep up (use (?-u:\\b))"
                    ),
                ));
            }
        }
        let dfa = parsed
            .recurse(|hirs| {
                let nfa = build::forward_nfa(hirs, utf8, opts)?;
                build::build_unfailing(nfa, RaMatchKind::All, false, opts)
            })?
            .ok_or_else(|| Error::new(ErrorKind::SizeLimit, "the stream's lazy DFA exceeds the size limits"))?;
        let cache = dfa.create_cache();
        let patterns = parsed.hirs().len();
        Ok(Ends {
            dfa,
            cache,
            state: None,
            offset: 0,
            once: once.then(|| vec![false; patterns]),
            unseen: patterns,
            here: Vec::new(),
        })
    }

    /// Bytes read since the start or the last reset.
    pub fn offset(&self) -> usize {
        self.offset
    }

    pub fn reset(&mut self) {
        self.state = None;
        self.offset = 0;
        if let Some(seen) = &mut self.once {
            seen.fill(false);
            self.unseen = seen.len();
        }
    }

    /// Reads `chunk`, reporting the match ends it completes.
    pub fn feed(&mut self, chunk: &[u8], out: &mut VecDeque<Match>) -> Result<(), Error> {
        let end = self.offset + chunk.len();
        if !self.all_seen() {
            let mut state = self.start()?;
            for (i, &b) in chunk.iter().enumerate() {
                state = self.dfa.next_state(&mut self.cache, state, b).map_err(|e| internal(&e))?;
                // A match state is entered one byte after the match ends.
                if state.is_match() {
                    self.report(state, self.offset + i, out);
                    if self.all_seen() {
                        break; // nothing left to learn: the state is not needed again
                    }
                }
            }
            self.state = Some(state);
        }
        self.offset = end;
        Ok(())
    }

    /// The end of the text: matches ending at its last byte.
    pub fn finish(&mut self, out: &mut VecDeque<Match>) -> Result<(), Error> {
        if self.all_seen() {
            return Ok(());
        }
        let state = self.start()?;
        let last = self.dfa.next_eoi_state(&mut self.cache, state).map_err(|e| internal(&e))?;
        if last.is_match() {
            self.report(last, self.offset, out);
        }
        Ok(())
    }

    /// Whether every pattern has been reported, when each is reported once.
    fn all_seen(&self) -> bool {
        self.once.is_some() && self.unseen == 0
    }

    fn start(&mut self) -> Result<LazyStateID, Error> {
        if let Some(state) = self.state {
            return Ok(state);
        }
        let config = start::Config::new().anchored(Anchored::No).look_behind(None);
        let state = self.dfa.start_state(&mut self.cache, &config).map_err(|e| internal(&e))?;
        self.state = Some(state);
        Ok(state)
    }

    fn report(&mut self, state: LazyStateID, end: usize, out: &mut VecDeque<Match>) {
        self.here.clear();
        for i in 0..self.dfa.match_len(&self.cache, state) {
            self.here.push(self.dfa.match_pattern(&self.cache, state, i).as_usize());
        }
        self.here.sort_unstable();
        for &pattern in &self.here {
            if let Some(seen) = &mut self.once {
                if std::mem::replace(&mut seen[pattern], true) {
                    continue;
                }
                self.unseen -= 1;
            }
            out.push_back(Match { start: usize::MAX, end, pattern });
        }
    }
}

fn internal(e: &dyn std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unsupported, format!("the stream's lazy DFA failed: {e}"))
}
