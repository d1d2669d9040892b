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

/// The highest [`Options::nesting_limit`]. It bounds what a deep pattern
/// costs: the stack of the thread that compiles it, and the PikeVM's slot
/// table, which grows with capture groups times NFA states (1,000 nested
/// capture groups: about 30 MiB per cache).
pub const MAX_NESTING_LIMIT: u32 = 1000;

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
    /// The deepest nesting of groups, repetitions, alternations and
    /// concatenations a pattern may have (each counts one level; a deeper
    /// pattern fails with [`crate::ErrorKind::Syntax`]). At most
    /// [`MAX_NESTING_LIMIT`]; more fails every compile with
    /// [`crate::ErrorKind::InvalidArgument`].
    ///
    /// Compiling recurses once per level: a pattern nested more than a few
    /// levels deep compiles on a thread of ferrex's with a stack sized for
    /// it (in a release build about 4 KiB per level reserved, at most
    /// 1.6 KiB of it used), and so do the engines a search builds on first
    /// use. Shallow patterns compile on the caller's thread, which needs
    /// about 64 KiB of stack in a release build.
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
