//! Per-thread scratch space. A [`Cache`] belongs to one regex and one thread
//! at a time; searches that get none borrow one from the regex's pool.

use std::num::NonZeroU64;

use regex_automata::{
    hybrid, meta,
    nfa::thompson::{backtrack, pikevm},
    util::primitives::NonMaxUsize,
    PatternSet,
};

use crate::build::MANY_PATTERNS;
use crate::regex::{Match, Owner};
use crate::short::StartSkip;
use crate::strategy::RarestLuck;

/// The mutable state searches need: the meta regex's caches and the lazy
/// DFA's transition table. Created empty-ish, grown on demand, reused.
pub(crate) struct Scratch {
    /// The meta regex's cache: made with the scratch, except for a regex of
    /// many patterns ([`MANY_PATTERNS`]), whose searches mostly need none
    /// of it and whose NFA simulation's slot table grows with
    /// the square of the pattern count (700 literals: 100 MB): made on the
    /// first search that needs it ([`meta_cache`]).
    pub meta: Option<meta::Cache>,
    /// The lazy DFA's cache, made on its first use.
    pub lazy: Option<hybrid::dfa::Cache>,
    /// The All-kind set twin's cache, made on the first set query.
    pub set: Option<meta::Cache>,
    /// The earliest-find lazy DFA pair's cache, made on first use.
    pub earliest: Option<hybrid::regex::Cache>,
    /// The cache of that pair's forward half alone, for counts (regex.rs:
    /// `Inner::count_forward`), made on first use.
    pub forward: Option<hybrid::dfa::Cache>,
    /// The earliest-captures PikeVM's cache, made on first use.
    pub pikevm: Option<pikevm::Cache>,
    /// The caches of each pattern's own engines (regex.rs: `Inner::one`),
    /// by pattern, made on first use.
    pub one_patterns: Vec<OneCache>,
    /// The slots of one pattern's groups, reused by every capture search
    /// of a regex of many patterns.
    pub one_slots: Vec<Option<NonMaxUsize>>,
    /// The short-span walk's start-state skip table, made on first use.
    pub skip: Option<StartSkip>,
    /// The scratch of the regex's byte-mode twin (regex.rs:
    /// `Inner::invalid_twin`), made on first use.
    pub twin: Option<Box<Scratch>>,
    /// The set a set query fills, made on the first one and cleared for
    /// each: a set allocated per query cost a third of a 16-byte query
    /// (make bench-parity, many-patterns set: 49 ns against the meta
    /// regex's 33 with a set it reuses).
    pub patterns: Option<PatternSet>,
    /// How the test ahead of the meta regex has fared on this scratch's
    /// recent spans: the rarest byte's, or the walk's rejection (regex.rs:
    /// `Inner::walk_rejects`); no regex has both.
    pub luck: RarestLuck,
    /// The iteration whose step is searching, set for that step's length
    /// ([`crate::cursor::Cursor::token`]): its searches may reuse each
    /// pattern's next match ([`OneCache::next`]). None otherwise.
    pub iteration: Option<NonZeroU64>,
    /// What the last search that read its span for invalid UTF-8 found
    /// ([`InvalidMemo::last_invalid`]).
    pub invalid: Option<InvalidMemo>,
}

/// A reading of `haystack[from..end]` for invalid UTF-8 (utf8::last_invalid
/// gave `last`), kept for the next call of the same iteration: a search
/// with `Search::after_match` over the same haystack (its address and
/// length) to the same end, from no earlier than `from`.
#[derive(Clone, Copy)]
pub(crate) struct InvalidMemo {
    haystack: (usize, usize),
    end: usize,
    from: usize,
    last: Option<usize>,
}

impl InvalidMemo {
    /// utf8::last_invalid of `haystack[start..end]`, read once for the
    /// calls of one iteration: a search resumed after a match
    /// (`Search::after_match`) over the span an earlier search of this
    /// scratch read (the haystack's address and length, the same end, from
    /// no later than `start`) takes that reading, as an iterator's later
    /// steps take their first step's (utf8::sees_invalid then tells what a
    /// step from `start` sees); any other reads the span and keeps what it
    /// found. Each call reading the rest made an iteration call by call
    /// quadratic: count-spans of `\w*` over 1 MiB of Russian by `find_all`
    /// batches took 2.0x the meta regex's time (`make bench-parity`). A
    /// caller that changes the bytes between such calls breaks
    /// `after_match`'s promise (the same iteration) and gets answers under
    /// the old bytes' rule.
    pub fn last_invalid(
        memo: &mut Option<InvalidMemo>,
        haystack: &[u8],
        (start, end): (usize, usize),
        resumed: bool,
    ) -> Option<usize> {
        let key = (haystack.as_ptr() as usize, haystack.len());
        if let Some(kept) = memo.filter(|m| resumed && m.haystack == key && m.end == end && m.from <= start) {
            return kept.last;
        }
        let last = crate::utf8::last_invalid(haystack, start, end);
        *memo = Some(InvalidMemo { haystack: key, end, from: start, last });
        last
    }
}

impl Scratch {
    pub fn new(meta: &meta::Regex) -> Scratch {
        Scratch {
            meta: (meta.pattern_len() < MANY_PATTERNS).then(|| meta.create_cache()),
            lazy: None,
            set: None,
            earliest: None,
            forward: None,
            pikevm: None,
            one_patterns: Vec::new(),
            one_slots: Vec::new(),
            skip: None,
            twin: None,
            patterns: None,
            luck: RarestLuck::default(),
            iteration: None,
            invalid: None,
        }
    }
}

/// The caches of one pattern's own engines (build.rs: `OnePattern`), each
/// made on first use.
#[derive(Default)]
pub(crate) struct OneCache {
    pub vm: Option<pikevm::Cache>,
    pub bt: Option<backtrack::Cache>,
    /// The pattern's next match, as an iteration's step last found it.
    pub next: Option<PatternNext>,
}

/// A pattern's leftmost-first match in `[from, end)` of a haystack of
/// `haystack_len` bytes, found by a step of iteration `iteration`, whose
/// steps all search the same bytes. A later step of it that starts at or
/// after `from`, and not after the match's start, would find the same
/// match (or, if none, none): any match starting in between would have
/// been the leftmost. regex.rs: `Inner::find_per_pattern`.
#[derive(Clone, Copy)]
pub(crate) struct PatternNext {
    pub iteration: NonZeroU64,
    pub haystack_len: usize,
    pub end: usize,
    pub from: usize,
    pub found: Option<Match>,
}

impl PatternNext {
    /// What a search of iteration `iteration` over `[start, end)` would
    /// find, if this says.
    #[inline]
    pub fn answer(
        &self,
        iteration: NonZeroU64,
        haystack_len: usize,
        start: usize,
        end: usize,
    ) -> Option<Option<Match>> {
        let same = self.iteration == iteration && self.haystack_len == haystack_len && self.end == end;
        (same && self.from <= start && self.found.map_or(true, |m| start <= m.start)).then_some(self.found)
    }
}

/// The meta regex's cache in `slot`, made on first use. The making is
/// out of line: inlined, it gave the functions that ask the meta regex
/// its frame (1.4 KiB of stack, one more saved register), set up on every
/// call (is-match of `\d+ms` over 256 bytes of English: 345 -> 339
/// instructions).
#[inline(always)]
pub(crate) fn meta_cache<'c>(slot: &'c mut Option<meta::Cache>, meta: &meta::Regex) -> &'c mut meta::Cache {
    match slot {
        Some(cache) => cache,
        None => new_meta_cache(slot, meta),
    }
}

#[cold]
#[inline(never)]
fn new_meta_cache<'c>(slot: &'c mut Option<meta::Cache>, meta: &meta::Regex) -> &'c mut meta::Cache {
    slot.insert(meta.create_cache())
}

/// Scratch space for searching with one [`crate::Regex`] from one thread.
/// Passing a cache makes searches allocation-free once it has warmed up.
///
/// ```
/// use ferrex::{Regex, Search};
/// let re = Regex::new(r"\d+").unwrap();
/// let mut cache = re.create_cache();
/// assert!(re.is_match(Some(&mut cache), b"a 42", &Search::default()).unwrap());
/// ```
pub struct Cache {
    pub(crate) owner: Owner,
    pub(crate) scratch: Scratch,
}
