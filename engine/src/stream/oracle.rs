//! When a stream may report a match of a regex whose matches have no
//! length bound: the leftmost-first search from a position is settled once
//! the forward lazy DFA started there dies (or the input ends), whatever
//! bytes follow. The DFA's state is all the oracle carries across chunks:
//! it never looks at a byte twice, and keeps none.
//!
//! While no match is in progress the stream need keep no bytes. Which
//! bytes may still begin one is learnt from the reverse lazy DFA of the
//! matches' prefixes (prefixes.rs), run backwards from the newest byte
//! until it dies: rarely, and only as far as a match may reach.

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

/// What the forward DFA has seen since the search start it runs from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// More bytes may change the search's answer.
    Open,
    /// The answer is settled: no byte from here on can change it.
    Settled,
    /// The DFA gave up (a Unicode word boundary met a non-ASCII byte):
    /// only the end of the input settles this search.
    Unknown,
}

pub(crate) struct Oracle {
    forward: DFA,
    forward_cache: Cache,
    prefixes: DFA,
    prefixes_cache: Cache,
    /// Where the search the DFA runs for starts, and how far it has read.
    from: usize,
    read: usize,
    state: LazyStateID,
    verdict: Verdict,
    /// Whether a match state was seen (a match is pending).
    matched: bool,
    /// Whether the DFA has started (at `read`'s first value).
    started: bool,
}

impl Oracle {
    /// The oracle for a leftmost-first regex's patterns.
    pub fn new(parsed: &Parsed, utf8: bool, opts: &Options) -> Result<Oracle, Error> {
        let built = parsed.recurse(|hirs| {
            let nfa = build::forward_nfa(hirs, utf8, opts)?;
            let forward = build::build_unfailing(nfa, RaMatchKind::LeftmostFirst, false, opts)?;
            let prefix_hir = prefixes::prefixes_of_any(hirs);
            let config = build::thompson_config(false, opts).reverse(true);
            let nfa = thompson::Compiler::new().configure(config).build_from_hir(&prefix_hir).ok()?;
            let prefixes = build::build_unfailing(nfa, RaMatchKind::All, false, opts)?;
            Some((forward, prefixes))
        })?;
        let (forward, prefixes) = built.ok_or_else(|| {
            Error::new(ErrorKind::SizeLimit, "the stream's lazy DFAs for these patterns exceed the size limits")
        })?;
        let forward_cache = forward.create_cache();
        let prefixes_cache = prefixes.create_cache();
        Ok(Oracle {
            forward,
            forward_cache,
            prefixes,
            prefixes_cache,
            from: 0,
            read: 0,
            state: LazyStateID::default(),
            verdict: Verdict::Unknown,
            matched: false,
            started: false,
        })
    }

    /// Where the search the oracle judges starts.
    pub fn from(&self) -> usize {
        self.from
    }

    /// How far (absolute) the DFA has read.
    pub fn read(&self) -> usize {
        self.read
    }

    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// Starts judging the search from `from` (absolute). The DFA itself
    /// starts at [`Oracle::start`], once the stream knows where.
    pub fn begin(&mut self, from: usize) {
        self.from = from;
        self.started = false;
        self.matched = false;
        self.verdict = Verdict::Open;
    }

    /// Whether the DFA has started for the search from [`Oracle::from`].
    pub fn started(&self) -> bool {
        self.started
    }

    /// Starts the DFA at `at` (absolute, at or after the search start,
    /// before which no match can start), `behind` being the byte before
    /// it (`None` at the start of the stream).
    pub fn start(&mut self, at: usize, behind: Option<u8>) -> Result<(), Error> {
        self.read = at;
        self.started = true;
        let config = start::Config::new().anchored(Anchored::No).look_behind(behind);
        match self.forward.start_state(&mut self.forward_cache, &config) {
            Ok(id) => {
                self.state = id;
                self.verdict = if id.is_dead() { Verdict::Settled } else { Verdict::Open };
            }
            Err(StartError::Quit { .. }) => self.verdict = Verdict::Unknown,
            Err(e) => return Err(internal(&e)),
        }
        Ok(())
    }

    /// Reads `bytes`, which start where the DFA stopped reading, until the
    /// verdict is no longer open.
    pub fn read_bytes(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.verdict != Verdict::Open {
            self.read += bytes.len();
            return Ok(());
        }
        let (dfa, cache) = (&self.forward, &mut self.forward_cache);
        let mut state = self.state;
        for (i, &b) in bytes.iter().enumerate() {
            state = dfa.next_state(cache, state, b).map_err(|e| internal(&e))?;
            if state.is_tagged() {
                if state.is_match() {
                    self.matched = true;
                } else if state.is_dead() {
                    self.verdict = Verdict::Settled;
                } else if state.is_quit() {
                    self.verdict = Verdict::Unknown;
                }
                if self.verdict != Verdict::Open {
                    self.read += i + 1;
                    self.read += bytes.len() - (i + 1);
                    return Ok(());
                }
            }
        }
        self.state = state;
        self.read += bytes.len();
        Ok(())
    }

    /// With no match pending, the earliest position in `[from, q]` where a
    /// match may have started that is still under way at `q`, `haystack`
    /// holding `[from, q)` at `haystack_start`..; `q` itself when none is.
    /// The search from there has the answer of the search from `from`, and
    /// the oracle then judges it. `None` when a match is pending or the
    /// oracle cannot tell.
    pub fn earliest_open(&mut self, haystack: &[u8], haystack_base: usize, q: usize) -> Result<Option<usize>, Error> {
        if self.matched || !self.started || self.verdict != Verdict::Open || q < self.from || q > self.read {
            return Ok(None);
        }
        let (lo, hi) = (self.from - haystack_base, q - haystack_base);
        let input = Input::new(haystack).range(lo..hi).anchored(Anchored::Yes);
        let found = self.prefixes.try_search_rev(&mut self.prefixes_cache, &input).map_err(|e| internal(&e))?;
        let earliest = found.map_or(q, |m| haystack_base + m.offset());
        self.from = earliest;
        Ok(Some(earliest))
    }
}

fn internal(e: &dyn std::fmt::Display) -> Error {
    Error::new(ErrorKind::Unsupported, format!("the stream's lazy DFA failed: {e}"))
}
