//! Build options: resource limits and match semantics.

use crate::error::{Error, ErrorKind};

/// Which match a search reports when several could.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MatchKind {
    /// Perl-like: the leftmost match, preferring earlier alternatives and
    /// greedy/lazy repetition as written. What the `regex` crate does.
    #[default]
    LeftmostFirst,
    /// Every match is a candidate (regex-automata's `MatchKind::All`). Meant
    /// for is-match and set queries. A find, captures or iteration scans the
    /// whole span and reports the match that ends last, extended as far left
    /// as it reaches: `a|ab` in `"ab a"` finds `3..4`.
    All,
}

/// The highest [`Options::nesting_limit`]. It bounds what a deep pattern
/// costs: the stack of the thread that compiles it, and the PikeVM's slot
/// table, which grows with capture groups times NFA states (1,000 nested
/// capture groups: about 30 MiB per cache).
pub const MAX_NESTING_LIMIT: u32 = 1000;

/// Limits and semantics for building a [`crate::Regex`]. Defaults suit
/// patterns written by people; tighten the limits for untrusted patterns.
///
/// The fields are private so that an option can be added without breaking
/// anyone: set them with the builder methods, which take and return the
/// options (as regex-automata's `meta::Config` does), and read them with
/// the `get_` methods.
///
/// ```
/// use ferrex::{Options, Regex, Flags};
/// let opts = Options::new().nfa_size_limit(1 << 16);
/// assert_eq!(opts.get_nfa_size_limit(), 1 << 16);
/// let err = Regex::with_options(&[r"\w{1000}"], Flags::empty(), &opts).unwrap_err();
/// assert_eq!(err.kind(), ferrex::ErrorKind::SizeLimit);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub(crate) nfa_size_limit: usize,
    pub(crate) dfa_size_limit: usize,
    pub(crate) dfa_cache_capacity: usize,
    pub(crate) nesting_limit: u32,
    pub(crate) search_memory_limit: usize,
    pub(crate) match_kind: MatchKind,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            nfa_size_limit: 10 * (1 << 20),
            dfa_size_limit: 256 * (1 << 10),
            dfa_cache_capacity: 2 * (1 << 20),
            nesting_limit: 250,
            search_memory_limit: 512 * (1 << 20),
            match_kind: MatchKind::LeftmostFirst,
        }
    }
}

impl Options {
    /// The defaults: NFA size limit 10 MiB, full DFA size limit 256 KiB per
    /// direction, lazy DFA cache 2 MiB, nesting limit 250, search memory
    /// limit 512 MiB, leftmost-first.
    pub fn new() -> Options {
        Options::default()
    }

    /// Sets the most heap a compiled NFA may use, in bytes (a bigger
    /// pattern fails with [`crate::ErrorKind::SizeLimit`]).
    pub fn nfa_size_limit(mut self, bytes: usize) -> Options {
        self.nfa_size_limit = bytes;
        self
    }

    /// Sets the most heap each fully compiled DFA (forward and reverse)
    /// may use, in bytes. 0 never builds one; searches then use the meta
    /// regex.
    ///
    /// Searches determinize it themselves once they have read 256 KiB,
    /// within a budget of what they have read (about 1/128 of it in bytes
    /// of DFA, a few percent of their time), trying again with twice the
    /// budget each time the bytes read double, up to this limit; it is
    /// kept only where it has accelerated states.
    /// [`crate::Regex::has_full_dfa`] called once after compiling spends
    /// the whole limit then instead (up to milliseconds).
    pub fn dfa_size_limit(mut self, bytes: usize) -> Options {
        self.dfa_size_limit = bytes;
        self
    }

    /// Sets the capacity of each lazy DFA's transition cache, in bytes. It
    /// must be positive: 0 fails every compile with
    /// [`crate::ErrorKind::InvalidArgument`] (see [`Options::check`]).
    pub fn dfa_cache_capacity(mut self, bytes: usize) -> Options {
        self.dfa_cache_capacity = bytes;
        self
    }

    /// Sets the deepest nesting of groups, repetitions, alternations and
    /// concatenations a pattern may have (each counts one level; a deeper
    /// pattern fails with [`crate::ErrorKind::Syntax`]). At most
    /// [`MAX_NESTING_LIMIT`]; more fails every compile with
    /// [`crate::ErrorKind::InvalidArgument`] (see [`Options::check`]).
    ///
    /// Compiling recurses once per level: a pattern nested more than a few
    /// levels deep compiles on a thread of ferrex's with a stack sized for
    /// it (in a release build about 4 KiB per level reserved, at most
    /// 1.6 KiB of it used), and so do the engines a search builds on first
    /// use. Shallow patterns compile on the caller's thread, which needs
    /// about 64 KiB of stack in a release build.
    pub fn nesting_limit(mut self, limit: u32) -> Options {
        self.nesting_limit = limit;
        self
    }

    /// Sets the most memory one cache may need for the NFA simulation's
    /// capture slots, in bytes: 16 x NFA states x capture slots, which
    /// grows with the square of the number of patterns (slots are two per
    /// group of every pattern). Compiling refuses
    /// ([`crate::ErrorKind::SizeLimit`]) patterns past it, so that no
    /// search has to allocate it.
    pub fn search_memory_limit(mut self, bytes: usize) -> Options {
        self.search_memory_limit = bytes;
        self
    }

    /// Sets the match kind: leftmost-first (the default) or all.
    pub fn match_kind(mut self, kind: MatchKind) -> Options {
        self.match_kind = kind;
        self
    }

    /// The NFA size limit in bytes ([`Options::nfa_size_limit`]).
    pub fn get_nfa_size_limit(&self) -> usize {
        self.nfa_size_limit
    }

    /// The full DFA size limit in bytes ([`Options::dfa_size_limit`]).
    pub fn get_dfa_size_limit(&self) -> usize {
        self.dfa_size_limit
    }

    /// The lazy DFA cache capacity in bytes ([`Options::dfa_cache_capacity`]).
    pub fn get_dfa_cache_capacity(&self) -> usize {
        self.dfa_cache_capacity
    }

    /// The nesting limit ([`Options::nesting_limit`]).
    pub fn get_nesting_limit(&self) -> u32 {
        self.nesting_limit
    }

    /// The search memory limit in bytes ([`Options::search_memory_limit`]).
    pub fn get_search_memory_limit(&self) -> usize {
        self.search_memory_limit
    }

    /// The match kind ([`Options::match_kind`]).
    pub fn get_match_kind(&self) -> MatchKind {
        self.match_kind
    }

    /// The error every compile with these options fails with, if any: a
    /// zero lazy DFA cache capacity, or a nesting limit above
    /// [`MAX_NESTING_LIMIT`] (both [`crate::ErrorKind::InvalidArgument`]).
    /// Compiling checks this first; a binding can check it when an option
    /// is set.
    ///
    /// ```
    /// use ferrex::{ErrorKind, Options, MAX_NESTING_LIMIT};
    /// assert!(Options::new().nesting_limit(MAX_NESTING_LIMIT).check().is_ok());
    /// let err = Options::new().nesting_limit(MAX_NESTING_LIMIT + 1).check().unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    /// assert_eq!(Options::new().dfa_cache_capacity(0).check().unwrap_err().kind(), ErrorKind::InvalidArgument);
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        if self.dfa_cache_capacity == 0 {
            return Err(Error::new(ErrorKind::InvalidArgument, "the lazy DFA cache capacity must be positive"));
        }
        if self.nesting_limit > MAX_NESTING_LIMIT {
            let limit = self.nesting_limit;
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("the nesting limit {limit} exceeds the maximum of {MAX_NESTING_LIMIT}"),
            ));
        }
        Ok(())
    }
}
