//! When a stream may report a match of a regex whose matches have no
//! length bound. The one-shot search over the kept bytes finds a match
//! `[s, e)`; the full text's search finds the same one once
//! - no match that starts before `s` is still in progress at the newest
//!   bytes (one that ended earlier would have been found first), and
//! - the leftmost-first choice among the matches starting at `s` is final:
//!   the anchored forward lazy DFA started at `s` dies (no longer or
//!   preferred alternative can still match).
//!
//! The first is learnt from the reverse lazy DFA of the matches' prefixes
//! (prefixes.rs), run backwards from the newest bytes until it dies: the
//! earliest start of a match in progress, `E`. Bytes before `E` can go.
//! It also settles the second for every match starting before `E`: no
//! match starting there reaches the newest bytes, so all of them lie in
//! the kept bytes and the one-shot search has seen them. Only a match
//! starting at `E` itself needs the anchored walk, which reads the bytes
//! of that one match (and the few after it that decide it), and resumes
//! where it stopped when the next chunk arrives, so a long match in
//! progress is not reread from its start at every chunk.

use regex_automata::{
    hybrid::{
        dfa::{Cache, DFA},
        LazyStateID, StartError,
    },
    nfa::thompson,
    util::start,
    Anchored, Input, MatchKind as RaMatchKind,
};

use crate::build::{self, Parsed};
use crate::error::{Error, ErrorKind};
use crate::options::Options;

use super::prefixes;
use super::retained::Text;

/// What the anchored DFA from a match's start has seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// More bytes may change the match.
    Open,
    /// No byte from here on can change it.
    Settled,
    /// The DFA gave up (a Unicode word boundary met a non-ASCII byte):
    /// only the end of the text settles this match.
    Unknown,
}

/// The anchored walk from one match start, kept across chunks.
struct Walk {
    start: usize,
    read: usize,
    state: LazyStateID,
    verdict: Verdict,
}

/// Up to this many bytes of a match in progress, the prefix DFA is asked
/// afresh at every chunk (the walk back costs that many bytes). Past it,
/// only once the distance from the last answer has doubled: `E` only ever
/// moves forward (a prefix of a match at `q` is one at every earlier `q`),
/// so an old answer is a safe one, and the rereads of a long match in
/// progress stay within a constant factor of its length.
const ALWAYS_ASK: usize = 64;

pub(crate) struct Oracle {
    anchored: DFA,
    anchored_cache: Cache,
    prefixes: DFA,
    prefixes_cache: Cache,
    walk: Option<Walk>,
    /// The last `E`, and the distance from it past which to ask again.
    open_from: usize,
    ask_past: usize,
}

impl Oracle {
    /// The oracle for a leftmost-first regex's patterns.
    pub fn new(parsed: &Parsed, utf8: bool, opts: &Options) -> Result<Oracle, Error> {
        let built = parsed.recurse(|hirs| {
            let nfa = build::forward_nfa(hirs, utf8, opts)?;
            let anchored = build::build_unfailing(nfa, RaMatchKind::LeftmostFirst, false, opts)?;
            let prefix_hir = prefixes::prefixes_of_any(hirs);
            let config = build::thompson_config(false, opts).reverse(true);
            let nfa = thompson::Compiler::new().configure(config).build_from_hir(&prefix_hir).ok()?;
            let prefixes = build::build_unfailing(nfa, RaMatchKind::All, false, opts)?;
            Some((anchored, prefixes))
        })?;
        let (anchored, prefixes) = built.ok_or_else(|| {
            Error::new(ErrorKind::SizeLimit, "the stream's lazy DFAs for these patterns exceed the size limits")
        })?;
        let anchored_cache = anchored.create_cache();
        let prefixes_cache = prefixes.create_cache();
        Ok(Oracle { anchored, anchored_cache, prefixes, prefixes_cache, walk: None, open_from: 0, ask_past: 0 })
    }

    /// Forgets the walks: a new text, or the match in progress abandoned.
    pub fn reset(&mut self) {
        self.walk = None;
        self.open_from = 0;
        self.ask_past = 0;
    }

    /// `E`: no match starting in `[from, E)` is in progress at `q`
    /// (absolute; `from <= q <= kept.end()`), so none of them can end at or
    /// after `q`.
    pub fn earliest_open(&mut self, kept: Text<'_>, from: usize, q: usize) -> Result<usize, Error> {
        let known = self.open_from.max(from);
        if self.ask_past > 0 && q - known <= self.ask_past {
            return Ok(known);
        }
        let base = kept.base();
        let input = Input::new(kept.bytes()).range(from - base..q - base).anchored(Anchored::Yes);
        let found = self.prefixes.try_search_rev(&mut self.prefixes_cache, &input).map_err(|e| internal(&e))?;
        let earliest = found.map_or(q, |m| base + m.offset());
        self.open_from = earliest;
        self.ask_past = if q - earliest < ALWAYS_ASK { 0 } else { 2 * (q - earliest) };
        Ok(earliest)
    }

    /// Whether the leftmost-first match starting at `start` can no longer
    /// change, given the kept bytes up to `kept.end()`.
    pub fn settled(&mut self, kept: Text<'_>, start: usize) -> Result<bool, Error> {
        if !self.walk.as_ref().is_some_and(|w| w.start == start) {
            self.walk = Some(self.begin(start, kept.byte_before(start))?);
        }
        let Some(walk) = self.walk.as_mut() else { return Ok(false) };
        if walk.verdict == Verdict::Open && walk.read < kept.end() {
            let (dfa, cache) = (&self.anchored, &mut self.anchored_cache);
            let mut state = walk.state;
            for &b in kept.slice(walk.read, kept.end()) {
                state = dfa.next_state(cache, state, b).map_err(|e| internal(&e))?;
                walk.read += 1;
                if state.is_tagged() {
                    if state.is_dead() {
                        walk.verdict = Verdict::Settled;
                        break;
                    } else if state.is_quit() {
                        walk.verdict = Verdict::Unknown;
                        break;
                    }
                }
            }
            walk.state = state;
        }
        Ok(walk.verdict == Verdict::Settled)
    }

    fn begin(&mut self, start: usize, behind: Option<u8>) -> Result<Walk, Error> {
        let config = start::Config::new().anchored(Anchored::Yes).look_behind(behind);
        let (state, verdict) = match self.anchored.start_state(&mut self.anchored_cache, &config) {
            Ok(id) if id.is_dead() => (id, Verdict::Settled),
            Ok(id) => (id, Verdict::Open),
            Err(StartError::Quit { .. }) => (LazyStateID::default(), Verdict::Unknown),
            Err(e) => return Err(internal(&e)),
        };
        Ok(Walk { start, read: start, state, verdict })
    }
}

fn internal(e: &dyn std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unsupported, format!("the stream's lazy DFA failed: {e}"))
}
