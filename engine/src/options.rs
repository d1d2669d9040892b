//! Build options: resource limits and match semantics.

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

/// Limits and semantics for building a [`crate::Regex`]. Defaults suit
/// patterns written by people; tighten the limits for untrusted patterns.
///
/// ```
/// use ferrex::{Options, Regex, Flags};
/// let opts = Options { nfa_size_limit: 1 << 16, ..Options::default() };
/// let err = Regex::with_options(&[r"\w{1000}"], Flags::empty(), &opts).unwrap_err();
/// assert_eq!(err.kind(), ferrex::ErrorKind::SizeLimit);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The most heap a compiled NFA may use, in bytes.
    pub nfa_size_limit: usize,
    /// The most heap each fully compiled DFA (forward and reverse) may use,
    /// in bytes. 0 never builds one; searches then use the meta regex.
    pub dfa_size_limit: usize,
    /// The capacity of each lazy DFA's transition cache, in bytes.
    pub dfa_cache_capacity: usize,
    /// The deepest nesting of groups and repetitions a pattern may have.
    pub nesting_limit: u32,
    /// The most memory one cache may need for the NFA simulation's capture
    /// slots, in bytes: 16 x NFA states x capture slots, which grows with
    /// the square of the number of patterns (slots are two per group of
    /// every pattern). Compiling refuses (`ErrorKind::SizeLimit`) patterns
    /// past it, so that no search has to allocate it.
    pub search_memory_limit: usize,
    /// Leftmost-first (default) or all.
    pub match_kind: MatchKind,
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
