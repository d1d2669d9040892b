//! The compiled regex and its searches. Which engine answers a query is
//! decided in strategy.rs; `Inner` carries it out.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, Weak};

use regex_automata::{
    dfa::Automaton,
    hybrid, meta,
    nfa::thompson::pikevm::PikeVM,
    util::{
        captures::{self, GroupInfo},
        pool::{Pool, PoolGuard},
    },
    Anchored, HalfMatch, Input, PatternID, PatternSet,
};

use crate::build::{self, Compiled, Dense, DenseBuild, Dfas, Parsed};
use crate::cache::{meta_cache, Cache, InvalidMemo, OneCache, PatternNext, Scratch};
use crate::captures::Captures;
use crate::cursor::{Cursor, Step};
use crate::error::{Error, ErrorKind};
use crate::exact::Exact;
use crate::flags::Flags;
use crate::iter::{FindIter, FindState};
use crate::options::{MatchKind, Options};
use crate::search::{input_at, narrow, pattern_id, Search};
use crate::short;
use crate::strategy::{
    IsMatchPlan, Prefix, Route, Shape, Strategy, DENSE_AFTER, DENSE_BUDGET, DENSE_SPAN, WALK_AFTER, WALK_SPAN,
};
use crate::utf8;

/// A match: the byte offsets `[start, end)` and the index of the pattern
/// that matched (0 for a single-pattern regex).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Match {
    /// Start offset (inclusive) in the haystack.
    pub start: usize,
    /// End offset (exclusive) in the haystack.
    pub end: usize,
    /// Index of the matching pattern.
    pub pattern: usize,
}

impl Match {
    #[inline(always)]
    pub(crate) fn from_ra(m: regex_automata::Match) -> Match {
        // Field by field, each read opaque to the optimizer: the match was
        // just written to memory by the engine (a dynamic call, field by
        // field), and a wide load spanning two of those stores cannot be
        // forwarded from the store buffer; it stalls (measured: +8 ns per
        // find through the C API).
        let (start, end) = (std::hint::black_box(m.start()), std::hint::black_box(m.end()));
        Match { start, end, pattern: m.pattern().as_usize() }
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Scratch an iterator holds: the caller's cache, or one from the pool
/// (given back when the iterator is dropped).
pub(crate) enum ScratchRef<'r, 'c> {
    Cache(&'c mut Scratch),
    Pooled(PoolGuard<'r, Scratch, ScratchFn>),
}

impl ScratchRef<'_, '_> {
    #[inline]
    pub(crate) fn get(&mut self) -> &mut Scratch {
        match self {
            ScratchRef::Cache(scratch) => scratch,
            ScratchRef::Pooled(guard) => guard,
        }
    }
}

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// `Inner::settled`: the route of find, count and iteration is still to be
/// decided (the full DFA is not built yet), or is for good.
const UNSETTLED: u8 = 0;
const SETTLED_META: u8 = 1;
const SETTLED_OWN: u8 = 2;
/// ferrex's route, but the full DFA waits for `Inner::dense_next` bytes: the
/// meta regex answers meanwhile, each search counted inline (a call to
/// `decide_route` per search was about 30 of the 120 instructions of a C
/// count over 6 bytes, callgrind).
const AWAITING_DENSE: u8 = 3;

pub(crate) struct Inner {
    meta: meta::Regex,
    /// Which engine answers which query (strategy.rs).
    strategy: Strategy,
    /// The lazy DFA and what the full DFA is built from, on first search.
    dfas: OnceLock<Dfas>,
    /// The full DFA pair where it accelerates, once determinized within
    /// its budget (`Inner::try_dense`); None where it never will be.
    /// Boxed, as the pair below and the walk's lazy DFA: unboxed, the room
    /// for these engines, which most regexes never build, made every
    /// compiled regex 5,344 bytes where it is 840 (its making copied them:
    /// compiling `a` took 3% more instructions).
    dense: OnceLock<Option<Box<Dense>>>,
    /// Bytes searched on ferrex's route before the full DFA is built
    /// (a plain load and store: a lost update only delays the build).
    own_bytes: AtomicUsize,
    /// What `own_bytes` must reach for the next attempt at the full DFA:
    /// [`DENSE_AFTER`], then twice the bytes of each attempt its budget
    /// cut short.
    dense_next: AtomicUsize,
    /// Bytes find and captures have read for invalid UTF-8 under the
    /// utf8-empty rule ([`Inner::twin_first`]; a plain load and store, as
    /// `own_bytes`).
    utf8_read: AtomicUsize,
    /// The route of find, count and iteration once it can no longer change
    /// (`SETTLED_*`), so that a search asks one load.
    settled: AtomicU8,
    /// How is-match is answered, packed (`Strategy::is_match_plan`;
    /// `IsMatchPlan::UNKNOWN` until worked out).
    is_match_plan: AtomicUsize,
    /// is-matches answered before the plan is worked out (a plain load and
    /// store, as `own_bytes`): up to [`WALK_AFTER`], unless the walk's DFA
    /// is built already ([`Inner::decide_is_match_plan`]).
    early_is_matches: AtomicUsize,
    /// The All-kind twin answering set queries for leftmost-first regexes
    /// (leftmost-first semantics would hide patterns that lose a tie).
    set: OnceLock<Option<meta::Regex>>,
    /// The meta regex's prefix prefilter (strategy.rs), on first use.
    prefix: OnceLock<Prefix>,
    /// The lazy DFA pair for find under earliest semantics or the ALL match
    /// kind where there is no full DFA, built on first use.
    pair: OnceLock<Option<Box<hybrid::regex::Regex>>>,
    /// The pair's forward half, built on first use, ahead of the pair when
    /// a count asks first (`Inner::count_forward`).
    pair_forward: OnceLock<Option<Box<hybrid::dfa::DFA>>>,
    /// The PikeVM for earliest captures, and for those finds where no DFA
    /// can search, built on first use.
    vm: OnceLock<Option<PikeVM>>,
    /// For many patterns, each pattern's own engines, which record the
    /// groups of its matches and find where no DFA can search (build.rs:
    /// [`build::OnePattern`]), built on first use.
    one_patterns: OnceLock<Box<[OnceLock<Option<build::OnePattern>>]>>,
    /// The same patterns without the utf8-empty rule, for spans that are
    /// not valid UTF-8 ([`Inner::invalid_twin`]), built on first use.
    twin: OnceLock<Option<Box<Inner>>>,
    /// The parsed patterns, which the parts above are built from.
    parsed: Parsed,
    /// The most groups any one pattern has.
    max_groups: usize,
    /// How many patterns (the meta regex knows, several loads away).
    patterns: usize,
    /// The paths of many patterns ([`build::is_many`]).
    many: bool,
    /// Many patterns, one of them with a Unicode word boundary: where that
    /// meets non-ASCII the lazy DFA pair gives up (nothing else makes it),
    /// and finds go pattern by pattern ([`Inner::find_per_pattern`]),
    /// whose iterations' steps reuse what earlier steps found.
    per_pattern: bool,
    /// Whether is-match may be answered before its plan is asked: many
    /// patterns, exact literals, the utf8-empty rule or an empty match
    /// everywhere. One load where four cost every search that has none.
    is_match_special: bool,
    options: Options,
    utf8: bool,
    /// UTF-8 mode and a pattern that can match empty: regex-automata then
    /// reports no match that ends (or starts) just before a continuation
    /// byte, which only its own engines apply; ferrex's walk does not.
    utf8_empty: bool,
    /// The utf8-empty rule applies and every pattern ends with `\z` or
    /// every one starts with `\A` (`$`, `^` outside multi-line mode):
    /// every match ends at the haystack's end, or starts at its start and
    /// is the only one, so it ends where the byte-mode twin's answer is
    /// the rule's on any span (utf8::settles: a character boundary; else
    /// the span is invalid, where the twin answers anyway). So the twin
    /// answers every query, without the span being read for invalid
    /// UTF-8: that read made a count of `$` over 300 KB of Russian 3,300x
    /// the meta regex's time, which answers from the end (reverse
    /// anchored), a count of `^` 4,000x (the meta regex stops after the
    /// first match), and grep of either 21-70x, a line at a time.
    twin_answers: bool,
    /// Some pattern can match the empty string. Only then does resuming
    /// after a match ([`Search::after_match`]) change a search: it skips an
    /// empty match at the start ([`Regex::resumes`]).
    matches_empty: bool,
    match_kind: MatchKind,
    /// Spans shorter than this go to the meta regex alone for find, count,
    /// iteration and captures that are not earliest ([`Inner::plain`]):
    /// [`Strategy::meta_below`] where the match kind, the pattern count and
    /// the utf8-empty rule leave such queries to it, else 0; raised to
    /// every span once the route settles on the meta regex (`decide_route`).
    plain_below: AtomicUsize,
    /// Spans shorter than this may be counted by the short-span walk
    /// ([`Inner::count_walk`]), and find and captures of a regex anchored
    /// at its start rejected by it ([`Inner::walk_says_none`])
    /// (leftmost-first, one of few patterns, no
    /// utf8-empty rule): [`DENSE_SPAN`] where the strategy allows it, 0
    /// where it does not, where the prefix prefilter rules it out once
    /// asked ([`Strategy::walk_below`]) or the walk has given up.
    walk_below: AtomicUsize,
    /// Such searches made before the walk answers them (a plain load and
    /// store, as `own_bytes`): while below [`WALK_AFTER`], the walk's DFA
    /// is built only once this many have been made, and the prefix
    /// prefilter not yet asked; set to it once both are settled
    /// ([`Inner::walk_ready`]).
    short_searches: AtomicUsize,
    /// Scratch for searches without a cache, made on the first one: the
    /// pool's eight cache-line stacks took a sixth of compiling a literal
    /// (4,800 of 30,000 instructions, building and dropping), and a caller
    /// that brings caches never needs it.
    pool: OnceLock<Pool<Scratch, ScratchFn>>,
}

/// Which regex made a cache, captures or template: its address, which a
/// search compares in one instruction (`Weak::as_ptr` costs a search six
/// more, for a dangling `Weak` no owner is), and a `Weak` that keeps the
/// allocation, so the address, from being reused while the owner lives.
#[derive(Clone, Debug)]
pub(crate) struct Owner {
    addr: usize,
    _keep: Weak<Inner>,
}

/// A compiled regex of one or more patterns. Immutable, cheap to clone
/// (clones share the compiled program) and safe to share across threads.
///
/// ```
/// use ferrex::{Flags, Options, Regex, Search};
/// let re = Regex::with_options(&["[0-9]+", "[a-z]+"], Flags::empty(), &Options::default()).unwrap();
/// let m = re.find(None, b"-- abc 12", &Search::default()).unwrap().unwrap();
/// assert_eq!((m.start, m.end, m.pattern), (3, 6, 1));
/// ```
#[derive(Clone)]
pub struct Regex {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Regex")
            .field("patterns", &self.pattern_count())
            .field("match_kind", &self.inner.match_kind)
            .field("meta_shape", &self.inner.strategy.shape())
            .field("full_dfa_built", &self.inner.dense.get().is_some_and(Option::is_some))
            .finish()
    }
}

impl Regex {
    /// Compiles one pattern with default flags and options.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        Regex::with_options(&[pattern], Flags::empty(), &Options::default())
    }

    /// Compiles one or more patterns (bytes that must be UTF-8) together.
    /// Every match reports which pattern produced it.
    pub fn with_options<P: AsRef<[u8]>>(patterns: &[P], flags: Flags, options: &Options) -> Result<Regex, Error> {
        let Compiled { meta, parsed, utf8 } = build::compile(patterns, flags, options)?;
        let inner = Inner::new(meta, parsed, utf8, options);
        Ok(Regex { inner: Arc::new(inner) })
    }

    /// How many patterns were compiled.
    #[inline]
    pub fn pattern_count(&self) -> usize {
        self.inner.patterns
    }

    /// The fewest and the most bytes a match of any pattern can span, read
    /// off the patterns' syntax: a minimum of `Some(0)` means a match can be
    /// empty, a maximum of `None` that matches are unbounded (`a+`), and
    /// `(None, None)` that the syntax gives no bound: no match is possible,
    /// or a part that can never match hides the bounds of the rest
    /// (`a|[^\s\S]|` matches "a" and ""), so a caller must then assume a
    /// match can be empty. A caller that iterates
    /// with its own empty-match rule (Python's `re`) can tell from it that
    /// the rules cannot differ; a stream, how many bytes a match may need.
    ///
    /// ```
    /// use ferrex::Regex;
    /// assert_eq!(Regex::new(r"[0-9]{4}-[0-9]{2}").unwrap().match_len_bounds(), (Some(7), Some(7)));
    /// assert_eq!(Regex::new(r"a+|bc").unwrap().match_len_bounds(), (Some(1), None));
    /// assert_eq!(Regex::new(r"x*").unwrap().match_len_bounds(), (Some(0), None));
    /// assert_eq!(Regex::new(r"[^\s\S]").unwrap().match_len_bounds(), (None, None));
    /// assert_eq!(Regex::new(r"a|[^\s\S]|").unwrap().match_len_bounds(), (None, None));
    /// ```
    pub fn match_len_bounds(&self) -> (Option<usize>, Option<usize>) {
        self.inner.strategy.len_bounds()
    }

    /// Whether this regex has a fully compiled DFA that its searches use:
    /// small patterns within [`Options::dfa_size_limit`] whose DFA has
    /// accelerated states (states left by a few bytes, which a search skips
    /// to with memchr). It answers find, count and iteration where the meta
    /// regex has no literal to skip to.
    ///
    /// Cost: whether the DFA fits its size limit and accelerates is known
    /// only by determinizing it, so if no search has built it yet, this
    /// call does: up to milliseconds and up to twice the size limit of heap
    /// (forward and reverse; 2 x 256 KiB by default), kept for the searches
    /// that follow and counted by [`Regex::memory_usage`] from then on.
    /// Searches build it themselves, within a budget of what they have read
    /// (a fraction of their own time); this call spends the whole limit at
    /// once. `Debug` does not build it: it shows `full_dfa_built`, whether
    /// one has been.
    ///
    /// ```
    /// use ferrex::{Flags, Options, Regex};
    /// assert!(Regex::new("abc").unwrap().has_full_dfa());
    /// // Every state of this one has more than three exits: none accelerates.
    /// assert!(!Regex::new("[a-z]+[0-9]").unwrap().has_full_dfa());
    /// let off = Options::new().dfa_size_limit(0);
    /// assert!(!Regex::with_options(&["abc"], Flags::empty(), &off).unwrap().has_full_dfa());
    /// ```
    pub fn has_full_dfa(&self) -> bool {
        self.inner.full_dense().is_some()
    }

    /// The heap used by the compiled engines, in bytes: the meta regex,
    /// and the lazy DFA's and the full DFA's tables once built (on a
    /// search's first use, or by [`Regex::has_full_dfa`]), so the figure
    /// can grow after the first searches. Not included: caches (a
    /// [`Cache`] or the pool's) and the engines only some queries build on
    /// first use (the set query's twin, the earliest-match pair, the
    /// PikeVM and the per-pattern engines of many patterns, the twin for
    /// invalid UTF-8).
    ///
    /// ```
    /// use ferrex::{Regex, Search};
    /// let re = Regex::new("a[0-9]+x").unwrap();
    /// let before = re.memory_usage();
    /// assert!(re.has_full_dfa()); // builds it
    /// assert!(re.memory_usage() > before);
    /// ```
    pub fn memory_usage(&self) -> usize {
        self.inner.meta.memory_usage()
            + self
                .inner
                .dense
                .get()
                .and_then(Option::as_ref)
                .map_or(0, |d| d.re.forward().memory_usage() + d.re.reverse().memory_usage())
            + self.inner.dfas.get().and_then(|d| d.walk.as_deref()).map_or(0, |l| l.memory_usage())
    }

    /// The longest a match can be, in bytes, when every pattern bounds it
    /// (regex-syntax's maximum length; look-around counts nothing).
    pub(crate) fn max_match_len(&self) -> Option<usize> {
        self.inner.parsed.hirs().iter().try_fold(0, |most, h| Some(most.max(h.properties().maximum_len()?)))
    }

    /// Whether the regex was built in UTF-8 mode (every match is UTF-8).
    pub(crate) fn is_utf8(&self) -> bool {
        self.inner.utf8
    }

    /// What a stream builds its lazy DFAs from.
    pub(crate) fn stream_parts(&self) -> (&Parsed, bool, &Options) {
        (&self.inner.parsed, self.inner.utf8, &self.inner.options)
    }

    /// The match kind this regex was built with.
    pub fn match_kind(&self) -> MatchKind {
        self.inner.match_kind
    }

    /// The number of capture groups of `pattern`, group 0 included.
    pub fn group_count(&self, pattern: usize) -> Result<usize, Error> {
        let pid = pattern_id(pattern, self.pattern_count())?;
        Ok(self.inner.meta.group_info().group_len(pid))
    }

    /// The most groups (group 0 included) any one pattern has: what an
    /// output for every group span of any match must hold.
    pub fn max_group_count(&self) -> usize {
        self.inner.max_groups
    }

    /// The name of group `group` of `pattern`, if it has one.
    pub fn group_name(&self, pattern: usize, group: usize) -> Result<Option<&str>, Error> {
        let count = self.group_count(pattern)?;
        if group >= count {
            return Err(group_error(group, count));
        }
        let pid = pattern_id(pattern, self.pattern_count())?;
        Ok(self.inner.meta.group_info().to_name(pid, group))
    }

    /// The index of the group called `name` in `pattern`, if there is one.
    pub fn group_index(&self, pattern: usize, name: &str) -> Result<Option<usize>, Error> {
        let pid = pattern_id(pattern, self.pattern_count())?;
        Ok(self.inner.meta.group_info().to_index(pid, name))
    }

    /// A cache for searching with this regex from one thread.
    pub fn create_cache(&self) -> Cache {
        Cache { owner: self.identity(), scratch: Scratch::new(&self.inner.meta) }
    }

    /// Whether `cache` was made for this regex (searches with another
    /// regex's cache fail with [`ErrorKind::WrongRegex`]).
    #[inline(always)]
    pub fn owns(&self, cache: &Cache) -> bool {
        self.is_owner(&cache.owner)
    }

    /// Whether no match fits a haystack of `len` bytes searched whole:
    /// every match is longer, or the regex is anchored at both ends and
    /// every match is shorter. The meta regex's first test of every search
    /// (its `is_impossible`), on its own for a caller with set-up of its
    /// own to skip on such haystacks: the C API answers them before its
    /// guard (capi/src/search.rs: `rejected_early`).
    ///
    /// ```
    /// use ferrex::Regex;
    /// let re = Regex::new(r"[0-9]{4}-[0-9]{2}").unwrap();
    /// assert!(re.rules_out(6) && !re.rules_out(7) && !re.rules_out(1000));
    /// let whole = Regex::new(r"^[0-9]{4}$").unwrap();
    /// assert!(whole.rules_out(3) && !whole.rules_out(4) && whole.rules_out(5));
    /// assert!(!Regex::new(r"x*").unwrap().rules_out(0));
    /// ```
    #[inline(always)]
    pub fn rules_out(&self, len: usize) -> bool {
        self.inner.strategy.rules_out(len)
    }

    /// Records no match in `caps` (what a search without one leaves there)
    /// when they were made for this regex, and says whether they were:
    /// for a caller that rules a haystack out itself ([`Regex::rules_out`]).
    ///
    /// ```
    /// use ferrex::{Regex, Search};
    /// let (re, other) = (Regex::new(r"(\d+)").unwrap(), Regex::new(r"(\d+)").unwrap());
    /// let mut caps = re.create_captures();
    /// assert!(re.captures(None, b"a 12", &Search::default(), &mut caps).unwrap());
    /// assert!(!other.clear_captures(&mut caps) && caps.pattern() == Some(0));
    /// assert!(re.clear_captures(&mut caps) && caps.pattern().is_none() && caps.get(1).unwrap().is_none());
    /// ```
    #[inline(always)]
    pub fn clear_captures(&self, caps: &mut Captures) -> bool {
        let owned = self.is_owner(&caps.owner);
        if owned {
            caps.caps.set_pattern(None);
        }
        owned
    }

    /// An iterator over the successive non-overlapping matches inside the
    /// search's bounds (see [`FindIter`]). With no cache, it holds one from
    /// the regex's pool until it is dropped. Fails when the bounds or the
    /// anchor pattern are out of range, or the cache belongs to another
    /// regex; iterating cannot fail.
    ///
    /// ```
    /// use ferrex::{Regex, Search};
    /// let re = Regex::new(r"a*").unwrap();
    /// let found: Vec<_> = re.find_iter(None, b"baaab", &Search::default()).unwrap().map(|m| (m.start, m.end)).collect();
    /// assert_eq!(found, [(0, 0), (1, 4), (5, 5)]);
    /// ```
    #[inline]
    pub fn find_iter<'r, 'c, 'h>(
        &'r self,
        cache: Option<&'c mut Cache>,
        haystack: &'h [u8],
        search: &Search,
    ) -> Result<FindIter<'r, 'c, 'h>, Error> {
        FindIter::new(self, cache, haystack, search)
    }

    /// Writes the matches an iteration over the search's bounds reports
    /// (the same non-overlapping matches, with the same empty-match rule)
    /// into `out`, up to `out.len()` of them, and returns how many: one
    /// call, no iterator, for a haystack whose matches fit. Fewer than
    /// `out.len()` means there are no more; otherwise go on from the last
    /// match's end with [`Search::after_match`].
    ///
    /// ```
    /// use ferrex::{Match, Regex, Search};
    /// let re = Regex::new(r"a*").unwrap();
    /// let hay = b"baaab";
    /// let mut out = [Match::default(); 2];
    /// assert_eq!(re.find_all(None, hay, &Search::default(), &mut out).unwrap(), 2);
    /// assert_eq!(out.map(|m| (m.start, m.end)), [(0, 0), (1, 4)]);
    /// // Full: go on after the last match.
    /// let rest = Search::bounds(out[1].end, hay.len()).after_match(true);
    /// assert_eq!(re.find_all(None, hay, &rest, &mut out).unwrap(), 1);
    /// assert_eq!((out[0].start, out[0].end), (5, 5));
    /// ```
    #[inline(always)]
    pub fn find_all<T: From<Match>>(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        out: &mut [T],
    ) -> Result<usize, Error> {
        let (start, end) = search.span(haystack.len())?;
        let anchored = search.anchored_mode(self.pattern_count())?;
        // Asked here rather than by `fill` alone: this path never builds
        // the caller's cursor (`Inner::fill_fresh`).
        let fresh = !self.resumes(search) && !out.is_empty() && self.inner.plain(end - start, search.earliest);
        self.with_scratch(
            cache,
            #[inline(always)]
            |s| {
                if fresh {
                    if self.inner.walk_says_none(s, (haystack, start, end, anchored)) {
                        return Ok(0);
                    }
                    return Ok(self.inner.fill_fresh(s, (haystack, anchored), (start, end), out).0);
                }
                let mut cursor = Cursor::new(start, end).after_match(self.resumes(search));
                Ok(self.inner.fill(s, (haystack, anchored, search.earliest), &mut cursor, out))
            },
        )
    }

    /// The first match of an iteration over `input`'s span resumed after
    /// a match that ended at its start ([`Search::after_match`]), for
    /// find and is-match.
    ///
    /// The after-match paths are cold and out of line so that a plain
    /// search pays one test for them, and each is reached the way that
    /// measured cheapest for its caller (callgrind, a C call over 16
    /// bytes): find and is-match ask inside the scratch's closure (a branch
    /// ahead of it cost find 11 instructions of shuffled registers);
    /// count and captures branch ahead with the search by value (inside
    /// the closure cost them 3 and 6; a search by reference made the
    /// caller keep the whole search in memory, 12 stores).
    ///
    /// Under the utf8-empty rule it is two finds, as the iteration's step
    /// is (the second from one byte on when the first is empty at the
    /// start): an iteration reads the rest of the span for invalid UTF-8
    /// once, where find need not read it (`Inner::find_utf8_empty`), and
    /// that read made repeated finds quadratic.
    #[cold]
    #[inline(never)]
    fn find_after_match(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if self.inner.utf8_empty {
            let found = self.inner.find_utf8_empty(s, input, true)?;
            if found.start != found.end || found.start != input.start() {
                return Some(found);
            }
            return self.inner.find_utf8_empty(s, &one_byte_on(input)?, true);
        }
        FindState::after_match(input).advance(self, s, input.haystack())
    }

    /// [`Regex::count`] after a match: the resumed iteration's matches,
    /// counted by [`Regex::find_iter`] (see [`Regex::find_after_match`] for
    /// how it is reached).
    #[cold]
    #[inline(never)]
    fn count_after_match(&self, cache: Option<&mut Cache>, haystack: &[u8], search: Search) -> Result<usize, Error> {
        Ok(self.find_iter(cache, haystack, &search)?.count())
    }

    /// [`Regex::captures`] after a match (see [`Regex::find_after_match`]).
    #[cold]
    #[inline(never)]
    fn captures_after_match(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: Search,
        caps: &mut Captures,
    ) -> Result<bool, Error> {
        if self.inner.utf8_empty {
            // Two captures, as find_after_match makes two finds.
            let mut input = Input::new(haystack);
            search.narrow(&mut input, self.pattern_count())?;
            self.check_captures(caps)?;
            return self.with_scratch(cache, |s| {
                if !self.inner.captures_utf8_empty(s, &input, &mut caps.caps, true) {
                    return Ok(false);
                }
                let empty_at_start = caps.caps.get_match().is_some_and(|m| m.is_empty() && m.start() == input.start());
                if !empty_at_start {
                    return Ok(true);
                }
                let Some(next) = one_byte_on(&input) else {
                    caps.caps.set_pattern(None);
                    return Ok(false);
                };
                Ok(self.inner.captures_utf8_empty(s, &next, &mut caps.caps, true))
            });
        }
        let mut state = FindState::new(self, haystack.len(), &search)?;
        self.with_scratch(cache, |s| Ok(state.next_captures_in(self, s, haystack, caps)?.is_some()))
    }

    /// Space for the capture groups of a search with this regex.
    pub fn create_captures(&self) -> Captures {
        Captures { owner: self.identity(), caps: self.inner.meta.create_captures() }
    }

    /// Whether the regex matches inside the search's bounds. Stops at the
    /// first match state seen (earliest semantics), whichever engine
    /// answers.
    #[inline(always)]
    pub fn is_match(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<bool, Error> {
        let (start, end) = search.span(haystack.len())?;
        let anchored = search.anchored_mode(self.pattern_count())?;
        self.with_scratch(
            cache,
            #[inline(always)]
            |s| {
                Ok(match self.resumes(search) {
                    false => self.inner.is_match(s, haystack, start, end, anchored),
                    true => {
                        self.find_after_match(s, &input_at(haystack, (start, end), anchored, search.earliest)).is_some()
                    }
                })
            },
        )
    }

    /// The leftmost match inside the bounds (or the earliest, with
    /// `search.earliest`).
    #[inline(always)]
    pub fn find(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<Option<Match>, Error> {
        let mut input = Input::new(haystack);
        search.narrow(&mut input, self.pattern_count())?;
        self.with_scratch(
            cache,
            #[inline(always)]
            |s| {
                Ok(match self.resumes(search) {
                    false => self.inner.find(s, &input),
                    true => self.find_after_match(s, &input),
                })
            },
        )
    }

    /// How many matches iterating over the bounds would report (the same
    /// non-overlapping matches, with the same empty-match rule), found
    /// without their start offsets: a forward DFA scan only, where
    /// iteration also runs a reverse scan per match to find its start.
    #[inline(always)]
    pub fn count(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<usize, Error> {
        if self.resumes(search) {
            return self.count_after_match(cache, haystack, *search);
        }
        let mut input = Input::new(haystack);
        search.narrow(&mut input, self.pattern_count())?;
        self.with_scratch(
            cache,
            #[inline(always)]
            |s| Ok(self.inner.count(s, &input)),
        )
    }

    /// Like [`Regex::find`] but also records every capture group's span in
    /// `caps`. Returns whether there was a match.
    #[inline(always)]
    pub fn captures(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        caps: &mut Captures,
    ) -> Result<bool, Error> {
        if self.resumes(search) {
            return self.captures_after_match(cache, haystack, *search, caps);
        }
        let mut input = Input::new(haystack);
        search.narrow(&mut input, self.pattern_count())?;
        self.check_captures(caps)?;
        self.with_scratch(
            cache,
            #[inline(always)]
            |s| Ok(self.inner.captures(s, &input, &mut caps.caps)),
        )
    }

    /// Writes into `matched[i]` whether pattern `i` matches anywhere inside
    /// the bounds (matches may overlap). `matched` must hold at least
    /// `pattern_count()` entries; entries past that are left alone.
    /// Returns whether any pattern matched. (`T` is `bool`, or `u8` for C.)
    pub fn which_matches<T: From<bool>>(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        matched: &mut [T],
    ) -> Result<bool, Error> {
        search.non_overlapping_only("which_matches")?;
        let count = self.pattern_count();
        if matched.len() < count {
            return Err(Error::new(
                ErrorKind::BufferTooSmall,
                format!("the output holds {} entries but the regex has {count} patterns", matched.len()),
            ));
        }
        let mut input = Input::new(haystack);
        search.narrow(&mut input, count)?;
        // A set query looks at the whole span: earliest would stop it at the
        // first pattern to match.
        input.set_earliest(false);
        self.with_scratch(cache, |s| {
            // The scratch's set, taken out while `s` serves the search.
            let mut set =
                s.patterns.take().filter(|set| set.capacity() == count).unwrap_or_else(|| PatternSet::new(count));
            set.clear();
            let searched = self.inner.which_matches(s, &input, &mut set);
            if searched.is_ok() {
                // Bounded by the set's capacity, so that `contains` needs no
                // test of its own.
                for (slot, i) in matched[..count].iter_mut().zip(0..set.capacity()) {
                    *slot = T::from(set.contains(regex_automata::PatternID::new_unchecked(i)));
                }
            }
            let any = !set.is_empty();
            s.patterns = Some(set);
            searched.map(|()| any)
        })
    }

    /// Runs `f` with the caller's cache, or with one from the pool. (One
    /// call site for `f`, so that it is inlined into every search. The hot
    /// searches, is-match, find, count, find-all and captures, also mark
    /// `f` and themselves `inline(always)`: the C shims inline each twice,
    /// for a NULL search and for any other (capi's `Args::query`), and
    /// with two callers LLVM left `f` behind a call.)
    #[inline(always)]
    pub(crate) fn with_scratch<T, E: From<Error>>(
        &self,
        cache: Option<&mut Cache>,
        f: impl FnOnce(&mut Scratch) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut pooled;
        let scratch = match cache {
            Some(cache) => {
                self.check_owner(&cache.owner, "cache")?;
                &mut cache.scratch
            }
            None => {
                pooled = self.inner.pool().get();
                &mut *pooled
            }
        };
        f(scratch)
    }

    /// The caller's cache (checked), or one held from the pool for as long
    /// as the result lives: for iterators, which outlive one call.
    pub(crate) fn scratch_ref<'c>(&self, cache: Option<&'c mut Cache>) -> Result<ScratchRef<'_, 'c>, Error> {
        Ok(match cache {
            Some(cache) => ScratchRef::Cache(self.scratch_for(cache)?),
            None => ScratchRef::Pooled(self.inner.pool().get()),
        })
    }

    /// This regex's identity, as caches and captures record it.
    #[inline]
    pub(crate) fn identity(&self) -> Owner {
        Owner { addr: Arc::as_ptr(&self.inner) as usize, _keep: Arc::downgrade(&self.inner) }
    }

    /// Whether `search` resumes an iteration in a way that changes it:
    /// [`Search::after_match`] skips an empty match at the start, which a
    /// regex that never matches empty cannot find. For such a regex a
    /// resumed search is a plain one, and takes the plain paths rather than
    /// the cold ones that keep an iteration's state (a C rebar runner's
    /// count-captures resumes after each haystack's first match).
    #[inline(always)]
    pub(crate) fn resumes(&self, search: &Search) -> bool {
        search.after_match && self.inner.matches_empty
    }

    #[inline]
    pub(crate) fn check_captures(&self, caps: &Captures) -> Result<(), Error> {
        self.check_owner(&caps.owner, "captures")
    }

    /// Whether `owner` names this regex (clones share one identity).
    #[inline(always)]
    fn is_owner(&self, owner: &Owner) -> bool {
        owner.addr == Arc::as_ptr(&self.inner) as usize
    }

    #[inline]
    pub(crate) fn check_owner(&self, owner: &Owner, what: &'static str) -> Result<(), Error> {
        if !self.is_owner(owner) {
            return Err(wrong_regex(what));
        }
        Ok(())
    }

    /// For an iteration over `haystack` from where `cursor` stands, where
    /// its last invalid UTF-8 starts, when the regex has a byte-mode twin
    /// ([`Inner::invalid_twin`]); worked out once per iteration.
    #[inline]
    pub(crate) fn iteration_invalid(&self, cursor: &mut Cursor, haystack: &[u8]) -> Option<usize> {
        if self.inner.utf8_empty {
            self.inner.iteration_twin_from(cursor, haystack)
        } else {
            None
        }
    }

    #[inline]
    pub(crate) fn fill_input<T: From<Match>>(
        &self,
        scratch: &mut Scratch,
        (haystack, anchored, earliest): (&[u8], Anchored, bool),
        cursor: &mut Cursor,
        out: &mut [T],
    ) -> usize {
        self.inner.fill(scratch, (haystack, anchored, earliest), cursor, out)
    }

    #[inline(always)]
    pub(crate) fn captures_input(
        &self,
        scratch: &mut Scratch,
        input: &Input<'_>,
        caps: &mut Captures,
        last_invalid: Option<usize>,
    ) -> Option<Match> {
        if utf8::sees_invalid(input.haystack(), input.start(), last_invalid) {
            self.inner.captures_twin_first(scratch, input, &mut caps.caps);
        } else {
            self.inner.captures_here(scratch, input, &mut caps.caps);
        }
        caps.caps.get_match().map(Match::from_ra)
    }

    /// Whether an iteration's captures steps may find matches pattern by
    /// pattern, reusing what earlier steps found (`Inner::per_pattern`).
    #[inline]
    pub(crate) fn searches_per_pattern(&self) -> bool {
        self.inner.per_pattern
    }

    /// Whether captures are the meta regex's alone (no twin, no literal
    /// path, no rejection ahead of it), so that [`Regex::captures_plain`]
    /// answers.
    #[inline]
    pub(crate) fn plain_captures(&self, earliest: bool) -> bool {
        self.inner.plain_captures(earliest)
    }

    /// captures by the meta regex, where [`Regex::plain_captures`] says so.
    #[inline(always)]
    pub(crate) fn captures_plain(
        &self,
        scratch: &mut Scratch,
        input: &Input<'_>,
        caps: &mut Captures,
    ) -> Option<Match> {
        self.inner.meta_captures_here(scratch, input, &mut caps.caps);
        caps.caps.get_match().map(Match::from_ra)
    }

    /// The literals whose occurrences are the regex's matches, where an
    /// iteration's captures step may search for them alone (exact.rs):
    /// unanchored, leftmost-first, not earliest, as
    /// [`Inner::captures_here`] decides.
    #[inline]
    pub(crate) fn exact_captures(&self, anchored: Anchored, earliest: bool) -> Option<&Exact> {
        if !self.inner.meta_captures(earliest) {
            return None;
        }
        self.inner.strategy.exact(anchored.is_anchored())
    }

    #[inline]
    pub(crate) fn scratch_for<'c>(&self, cache: &'c mut Cache) -> Result<&'c mut Scratch, Error> {
        self.check_owner(&cache.owner, "cache")?;
        Ok(&mut cache.scratch)
    }
}

/// Advances `cursor` into each slot of `out` with `find(start, end)` (the
/// first match in the span) until there are no more; returns how many
/// slots were filled.
#[inline(always)]
fn fill<T: From<Match>>(cursor: &mut Cursor, out: &mut [T], mut find: impl Step) -> usize {
    for (written, slot) in out.iter_mut().enumerate() {
        match cursor.advance(&mut find) {
            Some(m) => *slot = T::from(m),
            None => return written,
        }
    }
    out.len()
}

/// A span as the walk takes it: the haystack, the span's bounds, its
/// anchoring.
type WalkSpan<'h> = (&'h [u8], usize, usize, Anchored);

/// An `Input`'s haystack, bounds and anchoring, as the walk takes them.
#[inline(always)]
fn parts<'h>(input: &Input<'h>) -> WalkSpan<'h> {
    (input.haystack(), input.start(), input.end(), input.get_anchored())
}

/// `input` from one byte past its start, where a search after a match
/// goes on when its first match is empty at the start (as an iteration
/// skips it); `None` when the span has no byte left.
fn one_byte_on<'h>(input: &Input<'h>) -> Option<Input<'h>> {
    let next = input.start().checked_add(1).filter(|&at| at <= input.end())?;
    Some(input.clone().range(next..input.end()))
}

/// A step of an iteration by the meta regex over one moving `Input`, as
/// the regex crate's `find_iter` moves its own (cursor.rs: [`Step`]).
struct MetaStep<'a, 'h> {
    meta: &'a meta::Regex,
    cache: &'a mut meta::Cache,
    /// Borrowed, not moved in: a copy of an `Input` just built stalls on
    /// store forwarding (`count_half`).
    input: &'a mut Input<'h>,
}

impl Step for MetaStep<'_, '_> {
    #[inline(always)]
    fn find(&mut self, start: usize, _end: usize) -> Option<Match> {
        self.input.set_start(start);
        self.meta.search_with(self.cache, self.input).map(Match::from_ra)
    }
}

/// A step of an iteration by the full DFA, over the same moving `Input`.
struct DenseStep<'a, 'h> {
    dense: &'a regex_automata::dfa::regex::Regex,
    /// The meta regex answers where the full DFA gives up (a quit byte).
    step: MetaStep<'a, 'h>,
}

impl Step for DenseStep<'_, '_> {
    #[inline(always)]
    fn find(&mut self, start: usize, end: usize) -> Option<Match> {
        self.step.input.set_start(start);
        match self.dense.try_search(self.step.input) {
            Ok(found) => found.map(Match::from_ra),
            Err(_) => self.step.find(start, end),
        }
    }
}

/// How many times `cursor` advances with `find` before the matches run out.
#[inline(always)]
fn count(cursor: &mut Cursor, mut find: impl Step) -> usize {
    let mut n = 0;
    while cursor.advance(&mut find).is_some() {
        n += 1;
    }
    n
}

/// The end of the first match in `input` by `dense` where given (the meta
/// regex answers where it gives up on a quit byte), else by the meta
/// regex's half search.
#[inline(always)]
fn half_search(
    dense: Option<&regex_automata::dfa::regex::Regex>,
    meta: &meta::Regex,
    cache: &mut meta::Cache,
    input: &Input<'_>,
) -> Option<HalfMatch> {
    match dense {
        Some(dense) => dense.forward().try_search_fwd(input).unwrap_or_else(|_| meta.search_half_with(cache, input)),
        None => meta.search_half_with(cache, input),
    }
}

/// How many half matches `search` finds iterating over `input`, by the
/// empty-match rule of regex-automata's `Searcher::advance_half` (which the
/// regex crate counts with; [`Cursor::advance`] applies the same rule to
/// whole matches). Written out rather than a `Searcher` or a cursor over a
/// moving copy, the first search made on the caller's `Input`: copying an
/// `Input` just built field by field stalls on store forwarding (half of a
/// 30-byte count's time through the C API; the cursor version measured
/// 10.3 ns against 8.5 on `^a{2,5}$` over 10 KB), which now only a count
/// that found a match pays.
#[inline(always)]
fn count_half(input: &Input<'_>, mut search: impl FnMut(&Input<'_>) -> Option<HalfMatch>) -> usize {
    let Some(first) = search(input) else { return 0 };
    // Field by field, not `clone()`: the same stall (one 16-byte load of
    // two 8-byte stores).
    let mut input =
        input_at(input.haystack(), (input.start(), input.end()), input.get_anchored(), input.get_earliest());
    input.set_start(first.offset());
    1 + count_half_rest(&mut input, first.offset(), search)
}

/// [`count_half_rest`] while every match ends on a character boundary
/// (utf8::settles): the matches counted, where the last one ended, and
/// whether all did; if not, `input` starts where the search whose match
/// ended inside a character started.
#[inline(always)]
fn count_settled(
    input: &mut Input<'_>,
    mut search: impl FnMut(&Input<'_>) -> Option<HalfMatch>,
) -> (usize, usize, bool) {
    let (mut n, mut last_end) = (0, NO_MATCH);
    loop {
        let step = input.start();
        let Some(mut hm) = search(input) else { return (n, last_end, true) };
        if hm.offset() == last_end {
            // An empty match where the last one ended: skip one byte.
            input.set_start(step + 1);
            match search(input) {
                Some(next) => hm = next,
                None => return (n, last_end, true),
            }
        }
        if !utf8::settles(input.haystack(), hm.offset()) {
            input.set_start(step);
            return (n, last_end, false);
        }
        n += 1;
        last_end = hm.offset();
        input.set_start(last_end);
    }
}

/// No match yet, for [`count_half_rest`]'s `last_end`.
const NO_MATCH: usize = usize::MAX;

/// The rest of [`count_half`]: the half matches from `input`'s start on,
/// the last one having ended at `last_end` ([`NO_MATCH`] if none).
#[inline(always)]
fn count_half_rest(
    input: &mut Input<'_>,
    mut last_end: usize,
    mut search: impl FnMut(&Input<'_>) -> Option<HalfMatch>,
) -> usize {
    let mut n = 0;
    while let Some(mut hm) = search(input) {
        if hm.offset() == last_end {
            // An empty match where the last one ended: skip one byte.
            input.set_start(input.start() + 1);
            match search(input) {
                Some(next) => hm = next,
                None => break,
            }
        }
        n += 1;
        last_end = hm.offset();
        input.set_start(last_end);
    }
    n
}

/// The most groups (group 0 included) any one pattern has.
fn max_group_count(info: &GroupInfo) -> usize {
    let patterns = 0..info.pattern_len();
    patterns.map(|p| info.group_len(PatternID::new_unchecked(p))).max().unwrap_or(0)
}

/// Makes the walk's lazy DFA cache in `slot` (once per scratch).
#[cold]
#[inline(never)]
fn new_lazy_cache<'s>(slot: &'s mut Option<hybrid::dfa::Cache>, dfa: &hybrid::dfa::DFA) -> &'s mut hybrid::dfa::Cache {
    slot.insert(dfa.create_cache())
}

#[cold]
#[inline(never)]
fn wrong_regex(what: &'static str) -> Error {
    Error::new(ErrorKind::WrongRegex, format!("the {what} was created for a different regex"))
}

pub(crate) fn group_error(group: usize, count: usize) -> Error {
    Error::new(ErrorKind::Index, format!("group index {group} is out of range: the pattern has {count} groups"))
}

impl Inner {
    fn new(meta: meta::Regex, parsed: Parsed, utf8: bool, options: &Options) -> Inner {
        let strategy = Strategy::new(&meta, &parsed);
        let matches_empty = parsed.hirs().iter().any(|h| h.properties().minimum_len() == Some(0));
        let utf8_empty = utf8 && matches_empty;
        let twin_answers = utf8_empty && (strategy.anchored_end() || strategy.anchored_start());
        let many = build::is_many(parsed.hirs());
        let unicode_boundary = parsed.hirs().iter().any(|h| h.properties().look_set().contains_word_unicode());
        // Whether the short-span walk may count, and reject spans ahead of
        // find and captures (`walk_below`).
        let walks = !utf8_empty && !many && options.match_kind == MatchKind::LeftmostFirst && strategy.may_walk();
        Inner {
            per_pattern: many && unicode_boundary,
            is_match_special: many || utf8_empty || strategy.may_answer_is_match(),
            plain_below: AtomicUsize::new(
                match !utf8_empty && !many && options.match_kind == MatchKind::LeftmostFirst {
                    true => strategy.meta_below(),
                    false => 0,
                },
            ),
            short_searches: AtomicUsize::new(0),
            walk_below: AtomicUsize::new(if walks { DENSE_SPAN } else { 0 }),
            strategy,
            utf8_empty,
            twin_answers,
            matches_empty,
            max_groups: max_group_count(meta.group_info()),
            patterns: meta.pattern_len(),
            many,
            meta,
            dfas: OnceLock::new(),
            dense: OnceLock::new(),
            own_bytes: AtomicUsize::new(0),
            dense_next: AtomicUsize::new(DENSE_AFTER),
            utf8_read: AtomicUsize::new(0),
            settled: AtomicU8::new(UNSETTLED),
            is_match_plan: AtomicUsize::new(IsMatchPlan::UNKNOWN),
            early_is_matches: AtomicUsize::new(0),
            set: OnceLock::new(),
            prefix: OnceLock::new(),
            pair: OnceLock::new(),
            pair_forward: OnceLock::new(),
            vm: OnceLock::new(),
            one_patterns: OnceLock::new(),
            twin: OnceLock::new(),
            parsed,
            options: options.clone(),
            utf8,
            match_kind: options.match_kind,
            pool: OnceLock::new(),
        }
    }

    /// The pool of scratch for searches without a cache (made on first use).
    fn pool(&self) -> &Pool<Scratch, ScratchFn> {
        self.pool.get_or_init(|| {
            let meta = self.meta.clone();
            let make: ScratchFn = Box::new(move || Scratch::new(&meta));
            Pool::new(make)
        })
    }

    /// For a search over `haystack[start..end]`, the byte-mode twin and its
    /// scratch when the twin must answer: in UTF-8 mode, a regex that can
    /// match empty, on a span that is not valid UTF-8. There regex-automata
    /// drops every match ending before a byte 0x80-0xBF, even non-empty
    /// ones (`["ab", "a", ""]` on "ab\x80" found [0, 1) for the empty
    /// pattern), and its queries disagree with each other; the twin, whose
    /// engines allow empty matches anywhere (as `regex::bytes` does),
    /// answers every query consistently.
    #[inline]
    fn invalid_twin<'s>(
        &self,
        s: &'s mut Scratch,
        haystack: &[u8],
        start: usize,
        end: usize,
    ) -> Option<(&Inner, &'s mut Scratch)> {
        if !self.utf8_empty || self.twin_from(haystack, start, end).is_none() {
            return None;
        }
        self.twin_scratch(s)
    }

    /// Under the utf8-empty rule, from where in `haystack[start..end]` the
    /// byte-mode twin answers: from the start of the span's last invalid
    /// sequence on (utf8::last_invalid; a step starting after it sees
    /// valid UTF-8 and is this regex's), from anywhere (the span's end)
    /// where the twin answers every query ([`Inner::twin_answers`], no
    /// read), or nowhere (`None`).
    #[inline]
    fn twin_from(&self, haystack: &[u8], start: usize, end: usize) -> Option<usize> {
        match self.twin_answers {
            true => Some(end),
            false => utf8::last_invalid(haystack, start, end),
        }
    }

    /// Whether a search of `haystack[start..end]` under the utf8-empty rule
    /// sees invalid UTF-8 (widened to whole characters: [`Inner::twin_from`]),
    /// the span read once for the calls of one iteration
    /// ([`InvalidMemo::last_invalid`]).
    fn span_sees_invalid(&self, s: &mut Scratch, haystack: &[u8], (start, end): (usize, usize), resumed: bool) -> bool {
        self.twin_answers
            || utf8::sees_invalid(
                haystack,
                start,
                InvalidMemo::last_invalid(&mut s.invalid, haystack, (start, end), resumed),
            )
    }

    /// [`Inner::iteration_twin_from`] for [`Inner::fill`], whose calls may
    /// make one iteration call by call: a cursor that has not read its
    /// span takes or keeps the reading ([`InvalidMemo::last_invalid`]). Out
    /// of line: inlined, it cost every other regex's `find_all` from C 3-8
    /// instructions.
    #[inline(never)]
    fn iteration_twin_from_kept(
        &self,
        memo: &mut Option<InvalidMemo>,
        cursor: &mut Cursor,
        haystack: &[u8],
    ) -> Option<usize> {
        if !self.twin_answers && !cursor.knows_invalid() {
            let span = (cursor.start(), cursor.end());
            cursor.recall_invalid(InvalidMemo::last_invalid(memo, haystack, span, cursor.resumed()));
        }
        self.iteration_twin_from(cursor, haystack)
    }

    /// [`Inner::twin_from`] for an iteration, from where `cursor` stands:
    /// worked out once per iteration.
    #[inline]
    fn iteration_twin_from(&self, cursor: &mut Cursor, haystack: &[u8]) -> Option<usize> {
        match self.twin_answers {
            true => Some(cursor.end()),
            false => cursor.last_invalid(haystack),
        }
    }

    /// Whether the byte-mode twin is built (and could be).
    #[inline]
    fn twin_built(&self) -> bool {
        self.twin.get().is_some_and(Option::is_some)
    }

    /// The byte-mode twin (built on first use) and its scratch.
    #[inline(never)]
    fn twin_scratch<'s>(&self, s: &'s mut Scratch) -> Option<(&Inner, &'s mut Scratch)> {
        let twin = self
            .twin
            .get_or_init(|| {
                let meta = build::compile_meta(&self.parsed, false, &self.options).ok()?;
                Some(Box::new(Inner::new(meta, self.parsed.copy().ok()?, false, &self.options)))
            })
            .as_deref()?;
        // The twin's steps of an iteration are that iteration's too.
        let iteration = s.iteration;
        let ts = s.twin.get_or_insert_with(|| Box::new(Scratch::new(&twin.meta)));
        ts.iteration = iteration;
        Some((twin, ts))
    }

    /// The lazy DFA (for the short-span walk) and what the full DFA is
    /// built from, on first use.
    #[cold]
    #[inline(never)]
    fn dfas(&self) -> &Dfas {
        self.dfas.get_or_init(|| {
            #[cfg(feature = "testing")]
            crate::testing::count_walk_build();
            let kind = build::ra_kind(self.match_kind);
            let dfas = build::compile_dfas(&self.parsed, kind, self.utf8, &self.options);
            if let Some(walk) = &dfas.walk {
                self.strategy.learn_first_bytes(walk);
            }
            dfas
        })
    }

    /// The short-span walk's lazy DFA with its cache from `slot`, each
    /// made on first use. Inlined, with the making out of line: a call of
    /// its own (and the closures' code beside the checks) cost every walk
    /// about 25 instructions.
    #[inline(always)]
    fn walk<'s>(
        &self,
        slot: &'s mut Option<hybrid::dfa::Cache>,
    ) -> Option<(&hybrid::dfa::DFA, &'s mut hybrid::dfa::Cache)> {
        let walk = self.dfas.get().unwrap_or_else(|| self.dfas()).walk.as_deref()?;
        let cache = match slot {
            Some(cache) => cache,
            None => new_lazy_cache(slot, walk),
        };
        Some((walk, cache))
    }

    /// The meta regex's prefix prefilter, worked out on first use.
    fn prefix(&self) -> Prefix {
        *self.prefix.get_or_init(|| {
            let known_slow = self.strategy.shape() == Shape::Scan;
            build::meta_prefix(
                &self.parsed,
                build::ra_kind(self.match_kind),
                self.strategy.anchored_start(),
                known_slow,
            )
        })
    }

    /// [`Strategy::is_match_plan`], worked out once.
    /// `packed` is the plan's word as a search has loaded it.
    #[inline]
    fn is_match_plan_from(&self, packed: usize) -> IsMatchPlan {
        match packed {
            IsMatchPlan::UNKNOWN => self.decide_is_match_plan(),
            packed => IsMatchPlan::unpack(packed),
        }
    }

    /// Works out is-match's plan, once the regex has answered
    /// [`WALK_AFTER`] is-matches or the walk's DFA is built: the plan asks
    /// the prefix prefilter (a literal extraction) and may send short spans
    /// to the walk, whose DFA compiles the patterns again. Until then the
    /// meta regex answers, by its half search where the plan may ask it so
    /// (a literal strategy: reverse suffix or inner), each answer the same.
    #[inline(never)]
    fn decide_is_match_plan(&self) -> IsMatchPlan {
        if !self.utf8_empty && !self.strategy.is_forced() && self.dfas.get().is_none() {
            let seen = self.early_is_matches.load(Ordering::Relaxed) + 1;
            if seen < WALK_AFTER {
                self.early_is_matches.store(seen, Ordering::Relaxed);
                return IsMatchPlan { own_below: 0, half: self.strategy.shape() == Shape::Literal };
            }
        }
        let plan = if self.utf8_empty { IsMatchPlan::META } else { self.strategy.is_match_plan(|| self.prefix()) };
        let alone = !self.many && !self.utf8_empty && self.strategy.is_match_alone();
        self.is_match_plan.store(plan.pack(alone), Ordering::Relaxed);
        plan
    }

    /// The engine for find, count and iteration over `span` bytes: the
    /// meta regex, unless the span is at least [`DENSE_SPAN`] bytes, the
    /// strategy leaves the regex to ferrex and the full DFA accelerates
    /// (build.rs: [`Dense`]). The span bound comes first: a settled route
    /// is the regex's, the bound is each search's.
    #[inline]
    fn route(&self, span: usize) -> Route {
        if !self.strategy.is_forced() {
            if span < DENSE_SPAN {
                return Route::Meta;
            }
            match self.settled.load(Ordering::Relaxed) {
                SETTLED_META => return Route::Meta,
                SETTLED_OWN => return Route::Own,
                AWAITING_DENSE => {
                    let seen = self.own_bytes.load(Ordering::Relaxed).saturating_add(span);
                    if seen < self.dense_next.load(Ordering::Relaxed) {
                        self.own_bytes.store(seen, Ordering::Relaxed);
                        return Route::Meta;
                    }
                }
                _ => {}
            }
        }
        self.decide_route(span)
    }

    #[inline(never)]
    fn decide_route(&self, span: usize) -> Route {
        let route = match self.strategy.search(|| self.prefix()) {
            Route::Meta => Route::Meta,
            Route::Own => {
                if self.dense.get().is_none() {
                    self.note_own_search(span);
                }
                if self.dense.get().is_none() {
                    // Not yet built: the meta regex, for now.
                    if !self.strategy.is_forced() {
                        self.settled.store(AWAITING_DENSE, Ordering::Relaxed);
                    }
                    return Route::Meta;
                }
                if self.accelerated().is_some() {
                    Route::Own
                } else {
                    Route::Meta
                }
            }
        };
        if !self.strategy.is_forced() {
            let settled = if route == Route::Own { SETTLED_OWN } else { SETTLED_META };
            self.settled.store(settled, Ordering::Relaxed);
            if route == Route::Meta && self.plain_below.load(Ordering::Relaxed) == DENSE_SPAN {
                // No full DFA will answer: every span is the meta regex's.
                self.plain_below.store(usize::MAX, Ordering::Relaxed);
            }
        }
        route
    }

    /// Counts a search on ferrex's route and tries the full DFA once those
    /// searches have covered `dense_next` bytes: determinizing costs up to
    /// milliseconds, which pays off only over repeated or long searches,
    /// and a regex compiled and searched once on a short text should cost
    /// what the meta regex costs.
    #[inline(never)]
    fn note_own_search(&self, span: usize) {
        let seen = self.own_bytes.load(Ordering::Relaxed).saturating_add(span);
        self.own_bytes.store(seen, Ordering::Relaxed);
        if seen >= self.dense_next.load(Ordering::Relaxed) || self.strategy.eager() {
            self.try_dense(seen);
        }
    }

    /// Determinizes the full DFA pair within a budget of what ferrex's
    /// route has searched, `seen` bytes ([`DENSE_BUDGET`]): a regex whose
    /// DFA does not accelerate (most of them) pays for the attempt a
    /// fraction of what its searches cost, where an unbounded attempt after
    /// one search over 900 KB made `\d+\s*(?:am|pm)` compiled and counted
    /// once 1.68x the meta regex's time. An attempt cut short is tried
    /// again, with twice the budget, once twice the bytes are searched (the
    /// attempts together stay within twice the last one), up to the size
    /// limit of [`Options::dfa_size_limit`](crate::Options). Forced paths
    /// (tests) build at once, at the full limit, accelerating or not.
    #[cold]
    fn try_dense(&self, seen: usize) {
        if self.dense.get().is_some() {
            return;
        }
        let Some(nfa) = self.dfas().dense_nfa.as_ref() else {
            let _ = self.dense.set(None);
            return;
        };
        let eager = self.strategy.eager();
        let full = self.options.dfa_size_limit;
        let limit = if eager { full } else { full.min(seen / DENSE_BUDGET) };
        #[cfg(feature = "testing")]
        crate::testing::count_dense_attempt(limit);
        let job = build::DenseJob {
            kind: build::ra_kind(self.match_kind),
            utf8: self.utf8,
            limit,
            accelerating_only: !eager,
        };
        match build::build_dense(nfa, &self.parsed, &self.options, &job) {
            DenseBuild::Built(dense) => {
                let _ = self.dense.set(Some(dense));
            }
            DenseBuild::TooBig if limit < full => self.dense_next.store(seen.saturating_mul(2), Ordering::Relaxed),
            DenseBuild::TooBig | DenseBuild::Never => {
                let _ = self.dense.set(None);
            }
        }
    }

    /// The full DFA pair, determinized now at the full size limit if no
    /// search has settled it ([`Regex::has_full_dfa`]).
    fn full_dense(&self) -> Option<&Dense> {
        if self.dense.get().is_none() {
            self.try_dense(usize::MAX);
        }
        self.dense.get().and_then(Option::as_deref)
    }

    /// The full DFA pair, when built (never built: None) and worth using:
    /// it accelerates (or tests force ferrex's paths).
    #[inline]
    fn accelerated(&self) -> Option<&regex_automata::dfa::regex::Regex> {
        let dense = self.dense.get()?.as_deref()?;
        (dense.accelerates || self.strategy.eager()).then_some(&dense.re)
    }

    // Every query first asks the strategy for its route: the meta regex's
    // answer is one call away (it rejects impossible spans itself), and
    // ferrex's own paths live out of line so that they cost the meta route
    // nothing.

    #[inline(always)]
    fn is_match(&self, s: &mut Scratch, haystack: &[u8], start: usize, end: usize, anchored: Anchored) -> bool {
        let packed = self.is_match_plan.load(Ordering::Relaxed);
        // Whether the meta regex is asked by its half search; a plain plan
        // asks none of the checks (as `Inner::plain`). One call of
        // `meta_is_match` for both: a second call site ahead of the checks
        // made is-match of `\p{Lu}\p{Ll}+` over 64 KiB of Russian 1.15x the
        // meta regex's time, where it was even.
        let half = if packed == IsMatchPlan::PLAIN && !self.strategy.is_forced() {
            false
        } else {
            if self.is_match_special {
                if self.utf8_empty {
                    // Every match of a regex the twin answers for ends at
                    // the haystack's end or starts at its start: a span
                    // that stops short of the one or starts after the
                    // other (a line of grep) has none, as the meta regex's
                    // first test says. Here, not behind the call: grep of
                    // `^` over Russian lines took 2.8 ns a line so, 2.2.
                    if self.twin_answers && self.strategy.anchors_rule_out(haystack.len(), start, end) {
                        return false;
                    }
                    return self.is_match_utf8_empty(s, haystack, start, end, anchored);
                }
                if self.many {
                    return self.is_match_many(s, haystack, start, end, anchored);
                }
                if let Some(exact) = self.strategy.exact(anchored.is_anchored()) {
                    return exact.find(haystack, start, end).is_some();
                }
                if self.strategy.empty_everywhere() {
                    return true;
                }
            }
            if self.strategy.rules_out(end.saturating_sub(start)) {
                return false;
            }
            let plan = self.is_match_plan_from(packed);
            match self.strategy.is_match(end - start, plan.own_below) {
                Route::Meta
                    if self.strategy.rejects_short(&mut s.luck, haystack, start, end, anchored.is_anchored()) =>
                {
                    return false;
                }
                Route::Meta => plan.half,
                Route::Own => {
                    return !self.strategy.rejects(haystack, start, end, anchored.is_anchored())
                        && self.is_match_own(s, haystack, start, end, anchored, plan.half);
                }
            }
        };
        self.meta_is_match(s, (haystack, start, end, anchored), half)
    }

    /// is-match by the meta regex: its own is_match, or (`half`, for the
    /// reverse strategies: [`IsMatchPlan`]) its earliest half search, as
    /// the regex crate's `Regex::is_match` asks it. The half search lives
    /// out of line: inlined here, it cost the short-span walk's path
    /// beside it 0.7 ns of a 9.5 ns rejection (make bench-overhead, 16 B
    /// without digits), and where no search turns quadratic it is slower
    /// than is_match (18 against 15 ns on 64 bytes without digits), which
    /// the other strategies keep.
    #[inline(always)]
    fn meta_is_match(
        &self,
        s: &mut Scratch,
        (haystack, start, end, anchored): (&[u8], usize, usize, Anchored),
        half: bool,
    ) -> bool {
        if half {
            return self.meta_half_is_match(s, haystack, start, end, anchored);
        }
        self.meta.is_match_with(meta_cache(&mut s.meta, &self.meta), &input_at(haystack, (start, end), anchored, false))
    }

    /// [`Inner::meta_is_match`]'s half search, out of line as it says.
    /// A scratch without the meta regex's cache (a regex of many patterns,
    /// before its first such search) goes to a second function: with the
    /// cache's making on this path, the arguments had to live across that
    /// call, and every call saved and restored six registers for it
    /// (`\w+\s+Holmes` over 256 bytes of English: 385 -> 376
    /// instructions, the meta regex 286).
    #[inline(never)]
    fn meta_half_is_match(
        &self,
        s: &mut Scratch,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
    ) -> bool {
        let Some(cache) = s.meta.as_mut() else {
            return self.meta_half_is_match_first(s, (haystack, start, end, anchored));
        };
        self.meta.search_half_with(cache, &input_at(haystack, (start, end), anchored, true)).is_some()
    }

    /// [`Inner::meta_half_is_match`]'s cold path: makes the meta regex's
    /// cache, then goes back to the hot one.
    #[cold]
    #[inline(never)]
    fn meta_half_is_match_first(&self, s: &mut Scratch, (haystack, start, end, anchored): WalkSpan<'_>) -> bool {
        meta_cache(&mut s.meta, &self.meta);
        self.meta_half_is_match(s, haystack, start, end, anchored)
    }

    /// is-match for many patterns: an earliest find by the DFA pair that
    /// never gives up, where the meta regex's lazy DFA may give up (a cache
    /// of a few states, each a set of thousands of NFA states) and hand the
    /// span to the PikeVM, which copies every pattern's slots at every state
    /// and byte (2,800 patterns over 240 bytes: seconds).
    #[inline(never)]
    fn is_match_many(&self, s: &mut Scratch, haystack: &[u8], start: usize, end: usize, anchored: Anchored) -> bool {
        self.find_pair(s, &input_at(haystack, (start, end), anchored, true)).is_some()
    }

    /// is-match where the utf8-empty rule applies (see `utf8_empty`): the
    /// meta regex (the DFA pair for many patterns) on valid UTF-8, the
    /// byte-mode twin elsewhere. A match by this regex is one in byte mode
    /// too (utf8::settles), so a yes stands without reading the span for
    /// invalid UTF-8: that read made is-match of `\b` over 1 MB of English,
    /// matched at its first byte, 700x the meta regex's time. A no needs
    /// the read, after a search that has usually read the whole span
    /// itself, or the twin: where it is built, it is asked first
    /// ([`Inner::twin_is_match`]), and its no, or a yes ending on a
    /// character boundary, is the answer without a read. The read made
    /// grep of `(?-u:\b)` over Russian 1.34x the meta regex's time.
    #[inline(never)]
    fn is_match_utf8_empty(
        &self,
        s: &mut Scratch,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
    ) -> bool {
        if self.twin_answers {
            // (`Inner::is_match` has ruled out spans by the anchors.)
            if let Some((twin, ts)) = self.twin_scratch(s) {
                return twin.is_match(ts, haystack, start, end, anchored);
            }
        }
        let built = self.twin_built();
        if built {
            if let Some(found) = self.twin_is_match(s, haystack, start, end, anchored) {
                return found;
            }
        }
        // Never a reverse strategy but reverse anchored, which the twin
        // answered: the others need a literal in every match, and a
        // pattern that can match empty has none.
        let found = match self.many {
            true => self.is_match_many(s, haystack, start, end, anchored),
            false => self.meta_is_match(s, (haystack, start, end, anchored), false),
        };
        if found {
            return true;
        }
        if !built && self.twin_first(end - start, false) {
            if let Some(found) = self.twin_is_match(s, haystack, start, end, anchored) {
                return found;
            }
        }
        match self.invalid_twin(s, haystack, start, end) {
            Some((twin, ts)) => twin.is_match(ts, haystack, start, end, anchored),
            None => false,
        }
    }

    /// is-match by the byte-mode twin where its answer is the utf8-empty
    /// rule's whatever the span holds: a no, or a yes whose earliest match
    /// ends on a character boundary (utf8::settles: a match of this regex
    /// ends there too). `None` where it ends inside a character.
    fn twin_is_match(
        &self,
        s: &mut Scratch,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
    ) -> Option<bool> {
        let (twin, ts) = self.twin_scratch(s)?;
        match twin.earliest_end(ts, (haystack, start, end, anchored)) {
            None => Some(false),
            Some(at) if utf8::settles(haystack, at) => Some(true),
            Some(_) => None,
        }
    }

    /// Where an earliest match in the span ends, by one search: the
    /// short-span walk where is-match would take it (about twice the meta
    /// regex's speed over lines), else an earliest half search (the DFA
    /// pair's for many patterns). One pass for the yes and its end: an
    /// is-match and then a search for the end made every yes cost two,
    /// and grep or is-match of such regexes up to 2x the meta regex's
    /// time (random_vs_meta, seeds 21-23: `$|(?i)что(\d+){2}zzz` over
    /// English, matched at its end; five patterns over Russian lines).
    fn earliest_end(
        &self,
        s: &mut Scratch,
        (haystack, start, end, anchored): (&[u8], usize, usize, Anchored),
    ) -> Option<usize> {
        let input = input_at(haystack, (start, end), anchored, true);
        if self.many {
            return self.find_pair(s, &input).map(|m| m.end);
        }
        let plan = self.is_match_plan_from(self.is_match_plan.load(Ordering::Relaxed));
        if end - start <= WALK_SPAN
            && !matches!(anchored, Anchored::Pattern(_))
            && self.strategy.is_match(end - start, plan.own_below) == Route::Own
        {
            if let Some((walk, cache)) = self.walk(&mut s.lazy) {
                if let Some(found) = short::earliest(walk, cache, &mut s.skip, haystack, start, end, anchored) {
                    return found;
                }
            }
        }
        self.meta.search_half_with(meta_cache(&mut s.meta, &self.meta), &input).map(|h| h.offset())
    }

    /// is-match by ferrex's own paths: rejection, then the walk on short
    /// spans (it takes no pattern anchoring), else the meta regex. Inlined
    /// into `is_match`: behind a call, a line of rebar's grep over `\b\w{25,}\b`
    /// took 35 instructions more.
    #[inline(always)]
    fn is_match_own(
        &self,
        s: &mut Scratch,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
        half: bool,
    ) -> bool {
        if end - start <= WALK_SPAN && !matches!(anchored, Anchored::Pattern(_)) && !self.utf8_empty {
            // A walk that would give up at once (a Unicode word boundary
            // meeting a non-ASCII byte: the first of a line of Russian) is
            // not set up: `\b\w+\b` over 16 bytes of Russian took 1,865
            // instructions an is-match so, 1,687 now, where the meta regex
            // takes 1,657.
            if !self.strategy.walk_quits_at(haystack, start) {
                if let Some((walk, cache)) = self.walk(&mut s.lazy) {
                    if let Some(found) = short::is_match(walk, cache, &mut s.skip, haystack, start, end, anchored) {
                        return found;
                    }
                }
            }
        }
        self.meta_is_match(s, (haystack, start, end, anchored), half)
    }

    /// find: on the plain path the meta regex's search, unless a test
    /// ahead of it rejects a short span: the walk (a regex anchored at its
    /// start) or the required literal's rarest byte (one the meta regex
    /// searches a literal for, as is-match, count and captures test it).
    /// At most one applies; the other costs a load and a branch.
    #[inline(always)]
    fn find(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if self.plain(input.get_span().len(), input.get_earliest()) {
            if self.walk_says_none(s, parts(input)) || self.rejects_short(s, input) {
                return None;
            }
            return self.meta.search_with(meta_cache(&mut s.meta, &self.meta), input).map(Match::from_ra);
        }
        if self.utf8_empty {
            return self.find_utf8_empty(s, input, false);
        }
        self.find_here(s, input)
    }

    /// Whether find, captures and a no of is-match under the utf8-empty
    /// rule ask the byte-mode twin first, without reading the span for
    /// invalid UTF-8:
    /// where the twin is built already (its search then stands in for this
    /// regex's), after a match (`resumed`: such searches come in runs,
    /// each reading the rest), and once the reading this span would take
    /// brings what this regex's searches have read to utf8::TWIN_FIRST_SPAN,
    /// about what building the twin costs (so a regex pays at most about
    /// twice the cheaper of the two). Else the span is read, and counted.
    fn twin_first(&self, span: usize, resumed: bool) -> bool {
        if resumed || self.twin_built() {
            return true;
        }
        let read = self.utf8_read.load(Ordering::Relaxed).saturating_add(span);
        if read >= utf8::TWIN_FIRST_SPAN {
            return true;
        }
        self.utf8_read.store(read, Ordering::Relaxed);
        false
    }

    /// find where the utf8-empty rule applies: by this regex on a span of
    /// valid UTF-8, by the byte-mode twin on any other. Where the twin
    /// searches first ([`Self::twin_first`]), its match is the answer
    /// without the span being read for invalid UTF-8 when it ends on a
    /// character boundary (utf8::settles): a match near the start of a
    /// long span then costs what the search costs, and repeated finds stay
    /// linear, where reading the span made find of `\b` over 900 KB of
    /// English 627x the meta regex's time (examples/empty_match_time.rs).
    /// Elsewhere the span is read first. `resumed`: a search after a match.
    #[inline(never)]
    pub(crate) fn find_utf8_empty(&self, s: &mut Scratch, input: &Input<'_>, resumed: bool) -> Option<Match> {
        let (haystack, start, end) = (input.haystack(), input.start(), input.end());
        if self.twin_answers || self.twin_first(end - start, resumed) {
            if let Some((twin, ts)) = self.twin_scratch(s) {
                let found = twin.find_here(ts, input);
                match found {
                    None => return None,
                    Some(m) if utf8::settles(haystack, m.end) => return found,
                    Some(_) if self.span_sees_invalid(s, haystack, (start, end), resumed) => return found,
                    Some(_) => return self.find_here(s, input),
                }
            }
        }
        match self.invalid_twin(s, haystack, start, end) {
            Some((twin, ts)) => twin.find_here(ts, input),
            None => self.find_here(s, input),
        }
    }

    /// find by this regex's own engines (no twin).
    #[inline(always)]
    fn find_here(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if self.needs_pair(input) {
            return self.find_pair(s, input);
        }
        if let Some(exact) = self.strategy.exact(input.get_anchored().is_anchored()) {
            return exact.find(input.haystack(), input.start(), input.end());
        }
        match self.route(input.get_span().len()) {
            Route::Meta if self.rejects_short(s, input) => None,
            Route::Meta => self.meta.search_with(meta_cache(&mut s.meta, &self.meta), input).map(Match::from_ra),
            Route::Own => self.find_own(s, input),
        }
    }

    /// [`Strategy::rejects_short`] for `input`.
    #[inline(always)]
    fn rejects_short(&self, s: &mut Scratch, input: &Input<'_>) -> bool {
        let anchored = input.get_anchored().is_anchored();
        self.strategy.rejects_short(&mut s.luck, input.haystack(), input.start(), input.end(), anchored)
    }

    /// find on ferrex's route: rejection, then the full DFA (the meta
    /// regex answers where it gives up on a quit byte).
    #[inline(never)]
    fn find_own(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if let Some(dense) = self.accelerated() {
            if self.strategy.rejects(input.haystack(), input.start(), input.end(), input.get_anchored().is_anchored()) {
                return None;
            }
            if let Ok(m) = dense.try_search(input) {
                return m.map(Match::from_ra);
            }
        }
        self.meta.search_with(meta_cache(&mut s.meta, &self.meta), input).map(Match::from_ra)
    }

    /// find under earliest semantics or the ALL match kind, whose answers
    /// (which start, which pattern) differ between engines: a DFA pair (the
    /// full one if built anyway, else the lazy one, which never gives up
    /// and whose cache is never too small), so that no cache capacity or
    /// size limit changes the answer. Only where a DFA cannot search at all
    /// (a Unicode word boundary meeting non-ASCII text) does the NFA
    /// simulation answer, with the same end and possibly another start.
    #[inline(never)]
    fn find_pair(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if self.strategy.rejects(input.haystack(), input.start(), input.end(), input.get_anchored().is_anchored()) {
            return None;
        }
        // Under ALL the match ends last; regex-automata's utf8-empty rule
        // then moves the start forward past a match ending inside a
        // character, which cannot help (the last end stays where it is) and
        // finds nothing. No match may end inside a character: end the span
        // at the last character boundary instead.
        let shortened;
        let input = match self.utf8_empty && self.match_kind == MatchKind::All {
            true => {
                let end = utf8::char_start(input.haystack(), input.end());
                if end < input.start() {
                    return None;
                }
                shortened = input.clone().range(input.start()..end);
                &shortened
            }
            false => input,
        };
        if let Some(Ok(m)) = self.dense.get().and_then(Option::as_deref).map(|d| d.re.try_search(input)) {
            return m.map(Match::from_ra);
        }
        let pair = self
            .pair
            .get_or_init(|| {
                build::compile_pair(self.pair_forward()?.clone(), &self.parsed, self.utf8, &self.options).map(Box::new)
            })
            .as_deref();
        if let Some(re) = pair {
            let cache = s.earliest.get_or_insert_with(|| re.create_cache());
            if let Ok(m) = re.try_search(cache, input) {
                return m.map(Match::from_ra);
            }
        }
        if self.many {
            if let Some(found) = self.find_per_pattern(s, input) {
                return found;
            }
        }
        match self.vm() {
            Some(vm) => {
                let cache = s.pikevm.get_or_insert_with(|| vm.create_cache());
                vm.find(cache, input.clone()).map(Match::from_ra)
            }
            None => self.meta.search_with(meta_cache(&mut s.meta, &self.meta), input).map(Match::from_ra),
        }
    }

    /// find where no DFA can search, for many patterns: each pattern's own
    /// PikeVM in turn, the answers combined as the PikeVM of all patterns
    /// would choose (the leftmost start, else the earliest end under
    /// earliest, else the last end under ALL; ties to the first pattern).
    /// One search is linear (each byte meets each NFA state once), without
    /// the table of every pattern's slots per state (900 patterns: 259 MB).
    /// None if a pattern's PikeVM cannot be built.
    ///
    /// An iteration's steps (leftmost-first, unanchored, not earliest)
    /// reuse each pattern's next match while the iteration has not passed
    /// its start ([`crate::cache::PatternNext`]): searched afresh each
    /// step, a pattern that matches far ahead or nowhere read the rest of
    /// the haystack once a match, and an iteration turned quadratic (80
    /// patterns `\bслово\w*` over 16 KiB of Russian: count 8.8 s against
    /// the meta regex's 20 ms). Under leftmost-first a match at the span's
    /// start ends the search: no later pattern can start before it.
    #[inline(never)]
    fn find_per_pattern(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Option<Match>> {
        let leftmost_first = self.match_kind == MatchKind::LeftmostFirst && !input.get_earliest();
        let iteration = s.iteration.filter(|_| leftmost_first && input.get_anchored() == Anchored::No);
        let (haystack_len, start, end) = (input.haystack().len(), input.start(), input.end());
        let mut best: Option<Match> = None;
        for pattern in 0..self.patterns {
            if leftmost_first && best.is_some_and(|b| b.start == start) {
                break;
            }
            let anchored = match input.get_anchored() {
                Anchored::Pattern(pid) if pid.as_usize() != pattern => continue,
                Anchored::Pattern(_) | Anchored::Yes => Anchored::Yes,
                Anchored::No => Anchored::No,
            };
            let one = self.one_cache(&mut s.one_patterns, pattern);
            let known = iteration.and_then(|it| one.next?.answer(it, haystack_len, start, end));
            let found = match known {
                Some(found) => found,
                None => {
                    let vm = &self.one(pattern)?.vm;
                    let cache = one.vm.get_or_insert_with(|| vm.create_cache());
                    #[cfg(feature = "testing")]
                    crate::testing::count_pattern_search();
                    let mut slots = [None, None];
                    let found = match vm.search_slots(cache, &input.clone().anchored(anchored), &mut slots) {
                        None => None,
                        Some(_) => {
                            let (Some(from), Some(to)) = (slots[0], slots[1]) else { return None };
                            Some(Match { start: from.get(), end: to.get(), pattern })
                        }
                    };
                    if let Some(iteration) = iteration {
                        one.next = Some(PatternNext { iteration, haystack_len, end, from: start, found });
                    }
                    found
                }
            };
            let Some(m) = found else { continue };
            let better = match best {
                None => true,
                Some(b) if input.get_earliest() => m.end < b.end,
                Some(b) if self.match_kind == MatchKind::All => m.end > b.end || (m.end == b.end && m.start < b.start),
                Some(b) => m.start < b.start,
            };
            if better {
                best = Some(m);
            }
        }
        Some(best)
    }

    /// Pattern `pattern`'s own engines (build.rs: [`build::OnePattern`]),
    /// built on first use; None if they cannot be built.
    fn one(&self, pattern: usize) -> Option<&build::OnePattern> {
        let all = self.one_patterns.get_or_init(|| (0..self.patterns).map(|_| OnceLock::new()).collect());
        all.get(pattern)?
            .get_or_init(|| {
                build::compile_one(&self.parsed, pattern, build::ra_kind(self.match_kind), self.utf8, &self.options)
            })
            .as_ref()
    }

    /// The caches of pattern `pattern`'s own engines in `caches`.
    fn one_cache<'s>(&self, caches: &'s mut Vec<OneCache>, pattern: usize) -> &'s mut OneCache {
        if caches.len() < self.patterns {
            caches.resize_with(self.patterns, OneCache::default);
        }
        &mut caches[pattern]
    }

    /// The PikeVM honouring earliest semantics (the meta regex's capture
    /// engines do not), built on first use.
    fn vm(&self) -> Option<&PikeVM> {
        self.vm
            .get_or_init(|| build::compile_vm(&self.parsed, build::ra_kind(self.match_kind), self.utf8, &self.options))
            .as_ref()
    }

    /// Whether a search over `span` bytes is the meta regex's alone, asked
    /// once ahead of every path that could answer it otherwise (the twin,
    /// the DFA pair, exact literals, the rejection, the full DFA), each of
    /// which checks a field of its own (strategy.rs says what that cost).
    #[inline(always)]
    fn plain(&self, span: usize, earliest: bool) -> bool {
        span < self.plain_below.load(Ordering::Relaxed) && !earliest && !self.strategy.is_forced()
    }

    /// A count of many patterns (leftmost-first, not earliest) by the lazy
    /// DFA pair's forward half alone, as the meta regex's counts go: match
    /// ends, no reverse search for starts, and no reverse NFA compiled if
    /// nothing else needs it. 80 patterns compiled and counted over 4 KiB
    /// of English took 1.44x the meta regex's instructions, most of the
    /// excess that reverse NFA. None where the lazy DFA cannot search (a
    /// Unicode word boundary meeting a non-ASCII byte): the pair's count,
    /// with its fallbacks, answers then.
    #[inline(never)]
    fn count_forward(&self, s: &mut Scratch, input: &Input<'_>) -> Option<usize> {
        if self.strategy.rejects(input.haystack(), input.start(), input.end(), input.get_anchored().is_anchored()) {
            return Some(0);
        }
        let forward = self.pair_forward()?;
        let cache = s.forward.get_or_insert_with(|| forward.create_cache());
        let mut failed = false;
        let n = count_half(input, |input| {
            forward.try_search_fwd(cache, input).unwrap_or_else(|_| {
                failed = true;
                None
            })
        });
        (!failed).then_some(n)
    }

    /// The lazy DFA pair's forward half, built on first use.
    fn pair_forward(&self) -> Option<&hybrid::dfa::DFA> {
        self.pair_forward
            .get_or_init(|| {
                build::compile_pair_forward(&self.parsed, build::ra_kind(self.match_kind), self.utf8, &self.options)
                    .map(Box::new)
            })
            .as_deref()
    }

    /// Whether find's answer is engine-defined, so that [`Self::find_pair`]
    /// must give it, or the patterns so many that the meta regex's
    /// fallback, the PikeVM, would copy every pattern's slots at every
    /// state and byte (700 patterns: a find over 240 bytes took 1.1 s),
    /// where the pair, which never gives up, answers the same.
    #[inline(always)]
    fn needs_pair(&self, input: &Input<'_>) -> bool {
        input.get_earliest() || self.match_kind == MatchKind::All || self.many
    }

    /// The number of matches iteration would report, by forward scans
    /// alone. The empty-match rule needs no start offsets: a match can end
    /// where the previous one ended only if it is empty (regex-automata's
    /// searcher applies the rule to half matches the same way), so each
    /// match end counts as an empty match at that end.
    #[inline(always)]
    fn count(&self, s: &mut Scratch, input: &Input<'_>) -> usize {
        let span = input.get_span().len();
        if span < self.walk_below.load(Ordering::Relaxed) && !input.get_earliest() && !self.strategy.is_forced() {
            // No match fits: the meta regex's first test, ahead of the
            // walk's call.
            if self.strategy.rules_out(span) {
                return 0;
            }
            if let Some(n) = self.count_walk(s, input) {
                return n;
            }
        }
        if self.plain(span, input.get_earliest()) {
            // The rarest byte on a short span, as find tests it (a count of
            // `\s+Holmes` over 16 bytes without it: 341 -> 123 instructions,
            // the meta regex 386; over 256 bytes with it, paused: 318 ->
            // 342, 363).
            if self.rejects_short(s, input) {
                return 0;
            }
            let (meta, cache) = (&self.meta, meta_cache(&mut s.meta, &self.meta));
            return count_half(input, |input| meta.search_half_with(cache, input));
        }
        if self.utf8_empty {
            if let Some(n) = self.count_utf8_empty(s, input) {
                return n;
            }
        }
        if self.needs_pair(input) {
            if self.many && !input.get_earliest() && self.match_kind == MatchKind::LeftmostFirst {
                if let Some(n) = self.count_forward(s, input) {
                    return n;
                }
            }
            let mut cursor = Cursor::new(input.start(), input.end());
            s.iteration = self.per_pattern.then(|| cursor.token());
            let n = count(&mut cursor, |start, end| self.find_pair(s, &input.clone().range(start..end)));
            s.iteration = None;
            return n;
        }
        if let Some(exact) = self.strategy.exact(input.get_anchored().is_anchored()) {
            // A loop of its own, not `count` over `exact.step`: the cursor's
            // empty-match rule has nothing to do, and its checks per match
            // cost a count of `the` over 64 KiB of English 4.5 us against
            // 4.0 (in one process).
            return exact.count(input.haystack(), input.start(), input.end());
        }
        let dense = self.count_dense(input.end().saturating_sub(input.start()));
        let (meta, cache) = (&self.meta, meta_cache(&mut s.meta, &self.meta));
        let Some(dense) = dense else {
            if self.strategy.rejects_scan(
                input.haystack(),
                input.start(),
                input.end(),
                input.get_anchored().is_anchored(),
            ) {
                return 0;
            }
            return count_half(input, |input| meta.search_half_with(cache, input));
        };
        if self.strategy.rejects(input.haystack(), input.start(), input.end(), input.get_anchored().is_anchored()) {
            return 0;
        }
        count_half(input, |input| {
            // The full DFA can give up (a quit byte): the meta regex answers then.
            dense.forward().try_search_fwd(input).unwrap_or_else(|_| meta.search_half_with(cache, input))
        })
    }

    /// count on a short span by the short-span walk, one walk a match:
    /// regex-automata's half search prepares for long haystacks (strategy
    /// dispatch, an `Input`, prefilter checks, an unrolled loop), which on
    /// a span of a few bytes costs more than the walk. None where the walk
    /// cannot answer (no walk DFA, or it gave up): the caller's paths then.
    #[inline(never)]
    fn count_walk(&self, s: &mut Scratch, input: &Input<'_>) -> Option<usize> {
        if let Anchored::Pattern(_) = input.get_anchored() {
            // The walk's DFA has no start state per pattern.
            return None;
        }
        if !self.walk_ready() {
            return None;
        }
        let (walk, cache) = self.walk(&mut s.lazy)?;
        let n = short::count(walk, cache, parts(input), self.strategy.shortest());
        if n.is_none() {
            // The walk gave up (a quit byte, such as non-ASCII under a
            // Unicode `\b`, or a thrashing cache): the text is likely to
            // make it give up again, each time after walking up to there
            // (`\b\w+\b` over Russian: 1.01-1.06x the meta regex's time),
            // so this regex's counts go to the other paths from now on.
            self.walk_below.store(0, Ordering::Relaxed);
        }
        n
    }

    /// Whether searches below `walk_below` may walk now. The walk's DFA
    /// compiles the patterns again, so until it is built (by is-match)
    /// such searches go to the meta regex until [`WALK_AFTER`] of them
    /// have been made; then the prefix prefilter is asked (a literal
    /// extraction, not made at the first search either) and `walk_below`
    /// settles.
    #[inline(always)]
    fn walk_ready(&self) -> bool {
        if self.short_searches.load(Ordering::Relaxed) >= WALK_AFTER {
            return true;
        }
        self.walk_wait()
    }

    #[cold]
    #[inline(never)]
    fn walk_wait(&self) -> bool {
        if self.dfas.get().is_none() {
            let seen = self.short_searches.load(Ordering::Relaxed) + 1;
            self.short_searches.store(seen, Ordering::Relaxed);
            if seen < WALK_AFTER {
                return false;
            }
        }
        let below = self.strategy.walk_below(|| self.prefix());
        self.walk_below.store(below, Ordering::Relaxed);
        self.short_searches.store(WALK_AFTER, Ordering::Relaxed);
        below > 0
    }

    /// Whether the walk turns away a span for find, captures or a batch
    /// of matches ([`Inner::walk_rejects`]), asked on the meta regex's
    /// plain branch alone (not earliest, no test forcing a path), so that
    /// regexes off it (ruff's noqa, whose captures test a rarest byte: 6
    /// instructions a call when asked ahead of it) pay nothing. For regexes
    /// anchored at their start: first the anchors
    /// (`Strategy::anchors_rule_out`), then the span's first byte, on a
    /// span of any length (`Strategy::first_byte_rules_out`), then the
    /// walk, on spans below `walk_below`, while `luck` has not paused it
    /// (tested here, not behind the call: a paused test behind it cost a
    /// count-spans of `^.bc(d|e)*$` over 17 bytes 20 instructions).
    /// Anchored only: such a walk ends within the first bytes of a span
    /// without a match, where an unanchored one reads all of it, about 9
    /// instructions a byte, which the meta regex's set-up it saves does not
    /// repay where the spans also hold matches (rebar's count-captures over
    /// 37 bytes with one: 3,220 -> 3,450 instructions an iteration,
    /// grep-captures over words 4% more).
    #[inline(always)]
    fn walk_says_none(&self, s: &mut Scratch, parts: WalkSpan<'_>) -> bool {
        let (haystack, start, end, anchored) = parts;
        // A span the anchors rule out (after the haystack's start, or for
        // a regex anchored at its end too, before its end): the meta
        // regex's first test, which the walk reached only after its set-up
        // (an iteration's search after each match; grep-captures of
        // `^ *(\w+) +(\w+) +(\w+)` over English lines: 86.0M -> 82.7M
        // instructions an iteration, with meta_cache's making out of line).
        self.strategy.anchored_start()
            && (self.strategy.anchors_rule_out(haystack.len(), start, end)
                || self.strategy.first_byte_rules_out(haystack, start, end)
                || (end - start < self.walk_below.load(Ordering::Relaxed)
                    && s.luck.tries()
                    && self.walk_rejects(s, haystack, (start, end), anchored)))
    }

    /// Whether the short-span walk finds no match in the span, for
    /// find, captures and a batch of matches on a short span, ahead of the
    /// meta regex. Its search prepares for long haystacks (the strategy's
    /// dispatch, an `Input`, prefilter checks, a forward and a reverse
    /// DFA search or a capture engine), which on a span without a match
    /// costs more than a walk that usually ends within its first bytes.
    /// rebar's grep-captures over lines of Python source, most without a
    /// match (callgrind, instructions an iteration through the C runner,
    /// before / after, the regex crate's): `^(?P<spaces>\s*)#!(?P<directive>.*)`
    /// 220M / 137M (209M), `^(?i)[urb]*['"](?P<raw>.*)['"]$` 114M / 100M
    /// (102M); opt/onepass/word-boundary-english 12.2M / 7.8M. Where spans
    /// keep matching the walk only adds its length: `luck` pauses it once
    /// they outnumber those it rejected
    /// ([`RarestLuck::record_share`](crate::strategy::RarestLuck::record_share));
    /// the tiny count-spans cells of rebar's imported/rsc ran 0.5-2% more
    /// instructions (one rejected 5% fewer). Regexes anchored at their
    /// start only ([`Inner::walk_says_none`]). A span no match fits by its
    /// length ([`Strategy::rules_out`]) is rejected unwalked.
    ///
    /// The span comes in registers, not as one `WalkSpan`: passed through
    /// memory, it was written ahead of `walk_says_none`'s test of the
    /// anchor, on every find and captures of any regex (find of `\w$` over
    /// 256 bytes of English: 5 of its 247 instructions).
    #[inline(never)]
    fn walk_rejects(&self, s: &mut Scratch, haystack: &[u8], (start, end): (usize, usize), anchored: Anchored) -> bool {
        if self.strategy.rules_out(end - start) {
            return true;
        }
        if let Anchored::Pattern(_) = anchored {
            // The walk's DFA has no start state per pattern.
            return false;
        }
        if !self.walk_ready() {
            return false;
        }
        let Some((walk, cache)) = self.walk(&mut s.lazy) else { return false };
        match short::rejects(walk, cache, haystack, start, end, anchored) {
            Some(rejected) => s.luck.record_share(rejected),
            None => {
                // Gave up (a quit byte): as count_walk, no more walks.
                self.walk_below.store(0, Ordering::Relaxed);
                false
            }
        }
    }

    /// count where the utf8-empty rule applies: None where this regex
    /// counts as on any valid span. Out of line, so that other counts pay
    /// nothing for it (inlined, 3 instructions a call on rebar's tiny
    /// counts).
    #[inline(never)]
    fn count_utf8_empty(&self, s: &mut Scratch, input: &Input<'_>) -> Option<usize> {
        if !self.twin_answers && !self.needs_pair(input) && self.twin_first(input.get_span().len(), false) {
            if let Some(n) = self.count_twin_first(s, input) {
                return Some(n);
            }
        }
        let last = self.twin_from(input.haystack(), input.start(), input.end())?;
        // As iteration counts: step by step, each on its engine.
        let mut cursor = Cursor::new(input.start(), input.end());
        let mut n = 0;
        let mut one = [Match { start: 0, end: 0, pattern: 0 }];
        while self.fill_mixed(s, input, &mut cursor, &mut one, last) == 1 {
            n += 1;
        }
        Some(n)
    }

    /// count under the utf8-empty rule by the byte-mode twin's half
    /// searches first: an end on a character boundary is the rule's too
    /// (utf8::settles), so the span is read for invalid UTF-8 only once a
    /// match ends inside a character, and from that step on each step goes
    /// to its engine as [`Inner::fill_mixed`]'s do. The read made a count
    /// of `(?-u:\b)` over 200 KB of Russian 1.25x the meta regex's time.
    /// Each regex searches as its own count would ([`Inner::count_dense`]);
    /// None where the twin cannot be built.
    #[inline(never)]
    fn count_twin_first(&self, s: &mut Scratch, input: &Input<'_>) -> Option<usize> {
        let (twin, _) = self.twin_scratch(s)?;
        // twin_scratch made it; taken out so that `s` serves this regex.
        let mut ts = s.twin.take()?;
        let n = self.count_twin_first_with((twin, &mut ts), s, input);
        s.twin = Some(ts);
        Some(n)
    }

    #[inline(always)]
    fn count_twin_first_with(&self, (twin, ts): (&Inner, &mut Scratch), s: &mut Scratch, input: &Input<'_>) -> usize {
        let (hay, start, end) = (input.haystack(), input.start(), input.end());
        // No match in byte mode, none under the rule (utf8::settles).
        if twin.strategy.rejects(hay, start, end, input.get_anchored().is_anchored()) {
            return 0;
        }
        let twin_dense = twin.count_dense(end - start);
        let (twin_meta, twin_cache) = (&twin.meta, meta_cache(&mut ts.meta, &twin.meta));
        let mut probe = input_at(hay, (start, end), input.get_anchored(), input.get_earliest());
        // One loop per engine, as `count` has: a loop asking which (or
        // behind a closure too large to inline) cost a count of `x*` over
        // 200 KB of English 42 instructions a match more.
        let (n, last_end, settled) = match twin_dense {
            None => count_settled(&mut probe, |probe| twin_meta.search_half_with(twin_cache, probe)),
            Some(dense) => count_settled(&mut probe, |probe| half_search(Some(dense), twin_meta, twin_cache, probe)),
        };
        if settled {
            return n;
        }
        // A match ends inside a character: the span is read from this
        // step on, and the step and the rest are counted each on its
        // engine, in one tight loop where the rest is valid.
        let last = utf8::last_invalid(hay, probe.start(), end);
        let dense = self.count_dense(end - start);
        let (meta, cache) = (&self.meta, meta_cache(&mut s.meta, &self.meta));
        n + match last {
            None if dense.is_none() => {
                count_half_rest(&mut probe, last_end, |probe| meta.search_half_with(cache, probe))
            }
            None => count_half_rest(&mut probe, last_end, |probe| half_search(dense, meta, cache, probe)),
            Some(_) => {
                count_half_rest(&mut probe, last_end, |probe| match utf8::sees_invalid(hay, probe.start(), last) {
                    true => half_search(twin_dense, twin_meta, twin_cache, probe),
                    false => half_search(dense, meta, cache, probe),
                })
            }
        }
    }

    /// The full DFA a count over `span` bytes searches with, where ferrex's
    /// route takes it; None for the meta regex.
    #[inline]
    fn count_dense(&self, span: usize) -> Option<&regex_automata::dfa::regex::Regex> {
        match self.route(span) {
            Route::Own => self.accelerated(),
            Route::Meta => None,
        }
    }

    /// Writes the next matches of an iteration (of `haystack` from where
    /// `cursor` stands, anchored and earliest as given) into `out` and
    /// returns how many: one tight loop of the answering engine, as the
    /// regex crate's `find_iter` runs, the engine chosen once. Always
    /// inlined: with two C callers (a batch step, find_all) LLVM left it
    /// behind a call, 20 instructions more a call over a short haystack.
    #[inline(always)]
    pub(crate) fn fill<T: From<Match>>(
        &self,
        s: &mut Scratch,
        (haystack, anchored, earliest): (&[u8], Anchored, bool),
        cursor: &mut Cursor,
        out: &mut [T],
    ) -> usize {
        if let Some(pos) = cursor.fresh_position() {
            if !out.is_empty() && self.plain(cursor.end() - pos, earliest) {
                if self.walk_says_none(s, (haystack, pos, cursor.end(), anchored)) {
                    *cursor = Cursor::finished(cursor.end());
                    return 0;
                }
                let written;
                (written, *cursor) = self.fill_fresh(s, (haystack, anchored), (pos, cursor.end()), out);
                return written;
            }
        }
        if self.utf8_empty {
            if let Some(last) = self.iteration_twin_from_kept(&mut s.invalid, cursor, haystack) {
                let template = Input::new(haystack).anchored(anchored).earliest(earliest);
                return self.fill_mixed(s, &template, cursor, out, last);
            }
        }
        self.fill_here(s, (haystack, anchored, earliest), cursor, out)
    }

    /// [`Inner::fill`] on the meta route for a cursor at `start` that
    /// nothing has resumed, with room for a match: the first search is
    /// made on an `Input` as built, outside the cursor's loop, and the loop
    /// goes on from its match with a cursor of its own, returned. Its own,
    /// not the caller's: a cursor that may reach `fill_mixed` (out of line)
    /// lives in memory, and the loop then stores every step. Measured with
    /// callgrind over 16 bytes of a log line, instructions a call before /
    /// after: `ferrex_regex_find_all` from C (libferrex.so) 334 / 259 for
    /// a reverse-inner email regex without a match, 2,930 / 2,831 for
    /// `\w+` (three matches); in the engine crate, where the figures move
    /// with what the caller inlines, find_all 258 / 198 and 266 / 244 in
    /// two harnesses (the meta regex's `find_iter`: 195), a `FindState`
    /// batch 269 / 256 and 267 / 257.
    #[inline(always)]
    fn fill_fresh<T: From<Match>>(
        &self,
        s: &mut Scratch,
        (haystack, anchored): (&[u8], Anchored),
        (start, end): (usize, usize),
        out: &mut [T],
    ) -> (usize, Cursor) {
        let mut input = input_at(haystack, (start, end), anchored, false);
        let (meta, cache) = (&self.meta, meta_cache(&mut s.meta, &self.meta));
        let Some(first) = meta.search_with(cache, &input).map(Match::from_ra) else {
            return (0, Cursor::finished(end));
        };
        let mut cursor = Cursor::new(first.end, end).after_match(true);
        out[0] = T::from(first);
        (1 + fill(&mut cursor, &mut out[1..], MetaStep { meta, cache, input: &mut input }), cursor)
    }

    /// [`Inner::fill`] by this regex's own engines (no twin). It takes the
    /// parts of an `Input`, not one: an `Input` built by the caller and read
    /// here stalled on store forwarding (its fields written apart, read
    /// whole: 4 ns of a 25 ns count-spans over 16 bytes through the C API).
    #[inline(always)]
    fn fill_here<T: From<Match>>(
        &self,
        s: &mut Scratch,
        (haystack, anchored, earliest): (&[u8], Anchored, bool),
        cursor: &mut Cursor,
        out: &mut [T],
    ) -> usize {
        let Some(pos) = cursor.position() else { return 0 };
        let span = cursor.end().saturating_sub(pos);
        // The full DFA, or None for the meta regex: a plain search asks
        // nothing else, so that both reach the one loop of `MetaStep`
        // below (a second copy of it, laid out apart, cost 3 instructions a
        // match more over `\pL`).
        let dense = if self.plain(span, earliest) {
            None
        } else {
            if earliest || self.match_kind == MatchKind::All || self.many {
                // As `needs_pair` says.
                let template = Input::new(haystack).anchored(anchored).earliest(earliest);
                s.iteration = self.per_pattern.then(|| cursor.token());
                let n = fill(cursor, out, |start, end| self.find_pair(s, &template.clone().range(start..end)));
                s.iteration = None;
                return n;
            }
            if let Some(exact) = self.strategy.exact(anchored.is_anchored()) {
                return fill(cursor, out, exact.step(haystack));
            }
            let dense = match self.route(span) {
                Route::Own => self.accelerated(),
                Route::Meta => None,
            };
            let rejects = match dense {
                None => self.strategy.rejects_scan(haystack, pos, cursor.end(), anchored.is_anchored()),
                Some(_) => self.strategy.rejects(haystack, pos, cursor.end(), anchored.is_anchored()),
            };
            if rejects {
                return fill(cursor, out, |_, _| None);
            }
            dense
        };
        // One Input, moved along as the regex crate's find_iter moves its
        // own: a copy of an Input per match (or per call) stalls on store
        // forwarding (`count_half`).
        let mut input = Input::new(haystack);
        narrow(&mut input, (pos, cursor.end()), anchored, earliest);
        let (meta, cache) = (&self.meta, meta_cache(&mut s.meta, &self.meta));
        match dense {
            None => fill(cursor, out, MetaStep { meta, cache, input: &mut input }),
            Some(dense) => fill(cursor, out, DenseStep { dense, step: MetaStep { meta, cache, input: &mut input } }),
        }
    }

    /// [`Inner::fill`] over a span with invalid UTF-8 up to `last`: each
    /// step that sees it goes to the byte-mode twin, the others here, as
    /// repeated finds would ([`Inner::invalid_twin`]).
    #[inline(never)]
    fn fill_mixed<T: From<Match>>(
        &self,
        s: &mut Scratch,
        template: &Input<'_>,
        cursor: &mut Cursor,
        out: &mut [T],
        last: usize,
    ) -> usize {
        let parts = (template.haystack(), template.get_anchored(), template.get_earliest());
        // Both regexes' steps reuse what their earlier steps found
        // (`Inner::find_per_pattern`), each in its own scratch.
        let outer = s.iteration;
        s.iteration = outer.or_else(|| self.per_pattern.then(|| cursor.token()));
        let Some((twin, _)) = self.twin_scratch(s) else {
            s.iteration = outer;
            return self.fill_here(s, parts, cursor, out);
        };
        // twin_scratch made it; taken out so that `s` serves this regex.
        let Some(mut ts) = s.twin.take() else {
            s.iteration = outer;
            return self.fill_here(s, parts, cursor, out);
        };
        let hay = template.haystack();
        let written = fill(cursor, out, |start, end| {
            let input = template.clone().range(start..end);
            match utf8::sees_invalid(hay, start, Some(last)) {
                true => twin.find_here(&mut ts, &input),
                false => self.find_here(s, &input),
            }
        });
        ts.iteration = None;
        s.twin = Some(ts);
        s.iteration = outer;
        written
    }

    #[inline(always)]
    fn captures(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        if self.plain_captures(input.get_earliest()) {
            if self.walk_says_none(s, parts(input)) {
                caps.set_pattern(None);
                return false;
            }
            return self.meta_captures_here(s, input, caps);
        }
        if self.utf8_empty {
            return self.captures_utf8_empty(s, input, caps, false);
        }
        self.captures_here(s, input, caps)
    }

    /// captures where the utf8-empty rule applies, decided as
    /// [`Self::find_utf8_empty`] decides.
    #[inline(never)]
    pub(crate) fn captures_utf8_empty(
        &self,
        s: &mut Scratch,
        input: &Input<'_>,
        caps: &mut captures::Captures,
        resumed: bool,
    ) -> bool {
        let (haystack, start, end) = (input.haystack(), input.start(), input.end());
        if self.twin_answers || self.twin_first(end - start, resumed) {
            if let Some((twin, ts)) = self.twin_scratch(s) {
                if !twin.captures_here(ts, input, caps) {
                    return false;
                }
                let settled = caps.get_match().is_some_and(|m| utf8::settles(haystack, m.end()));
                if settled || self.span_sees_invalid(s, haystack, (start, end), resumed) {
                    return true;
                }
                return self.captures_here(s, input, caps);
            }
        }
        match self.invalid_twin(s, haystack, start, end) {
            Some((twin, ts)) => twin.captures_here(ts, input, caps),
            None => self.captures_here(s, input, caps),
        }
    }

    /// captures by the byte-mode twin where there is one (a step of an
    /// iteration that sees invalid UTF-8), else by this regex.
    #[inline(never)]
    fn captures_twin_first(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        match self.twin_scratch(s) {
            Some((twin, ts)) => twin.captures_here(ts, input, caps),
            None => self.captures_here(s, input, caps),
        }
    }

    /// captures by this regex's own engines (no twin). Inlined into each
    /// caller for the meta regex's case, the common one, where a call per
    /// search weighs on a short span (a line of grep-captures).
    #[inline(always)]
    fn captures_here(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        if self.meta_captures(input.get_earliest()) {
            if let Some(exact) = self.strategy.exact(input.get_anchored().is_anchored()) {
                return crate::captures::record_match(caps, exact.find(input.haystack(), input.start(), input.end()));
            }
            if self.rejects_short(s, input) {
                caps.set_pattern(None);
                return false;
            }
            return self.meta_captures_here(s, input, caps);
        }
        self.captures_pinned(s, input, caps)
    }

    /// captures by the meta regex's own choice (one-pass, backtracker,
    /// PikeVM after a DFA found the match): nothing of ferrex's is faster.
    #[inline(always)]
    pub(crate) fn meta_captures_here(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        self.meta.search_captures_with(meta_cache(&mut s.meta, &self.meta), input, caps);
        caps.is_match()
    }

    /// Whether captures are the meta regex's alone ([`Inner::plain`]; no
    /// full DFA records groups, so the span does not matter).
    #[inline(always)]
    pub(crate) fn plain_captures(&self, earliest: bool) -> bool {
        self.plain(0, earliest) && !self.strategy.rarest_ahead()
    }

    /// Whether captures are the meta regex's own search (or the literal
    /// search standing in for it): leftmost-first, not earliest, few
    /// patterns. The others are [`Inner::captures_pinned`]'s.
    #[inline(always)]
    fn meta_captures(&self, earliest: bool) -> bool {
        !earliest && self.match_kind == MatchKind::LeftmostFirst && !self.many
    }

    /// captures under earliest semantics, the ALL match kind or many
    /// patterns: find's match, then its groups.
    #[inline(never)]
    fn captures_pinned(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        let earliest = input.get_earliest();
        // Under earliest semantics or the ALL match kind, the match is
        // find's, and a search pinned to its start and pattern records the
        // groups: unpinned, the capture engines could credit the span to
        // another pattern than the one find reports (several can match it).
        let Some(m) = self.find(s, input) else {
            caps.set_pattern(None);
            return false;
        };
        if caps.group_info().group_len(PatternID::new_unchecked(m.pattern)) == 1 {
            // No group but the match: find's span is the answer, as the meta
            // regex answers with its find where there are no groups to
            // record (80 group-less patterns, a captures iteration over 64 KiB
            // of English: 1.35x its time with a backtracker per match).
            return crate::captures::record_match(caps, Some(m));
        }
        if self.many {
            if let Some(found) = self.captures_one_pattern(s, input, m, caps) {
                return found;
            }
        }
        let pinned =
            input.clone().range(m.start..m.end).anchored(Anchored::Pattern(PatternID::new_unchecked(m.pattern)));
        if earliest {
            if let Some(vm) = self.vm() {
                // Same patterns, same groups: the slot layout is the meta regex's.
                let cache = s.pikevm.get_or_insert_with(|| vm.create_cache());
                let pattern = vm.search_slots(cache, &pinned, caps.slots_mut());
                caps.set_pattern(pattern);
                return caps.is_match();
            }
        }
        self.meta.search_captures_with(meta_cache(&mut s.meta, &self.meta), &pinned, caps);
        caps.is_match()
    }

    /// The groups of find's match `m` by its pattern's own engines, pinned
    /// to the match (anchored at its start, ending by its end): the
    /// backtracker for leftmost-first where the span fits, else the PikeVM
    /// under this regex's match kind and earliest flag. What the engines of
    /// all patterns anchored to that pattern record, without their slot
    /// table (cache.rs: `Scratch::meta`). None if they cannot be built.
    #[inline(never)]
    fn captures_one_pattern(
        &self,
        s: &mut Scratch,
        input: &Input<'_>,
        m: Match,
        caps: &mut captures::Captures,
    ) -> Option<bool> {
        let pinned = input.clone().range(m.start..m.end).anchored(Anchored::Yes);
        let engines = self.one(m.pattern)?;
        let one = engines.vm.get_nfa().group_info();
        let slots = &mut s.one_slots;
        slots.clear();
        slots.resize(one.slot_len(), None);
        let cache = self.one_cache(&mut s.one_patterns, m.pattern);
        caps.set_pattern(None);
        let by_backtracker = match &engines.bt {
            Some(bt) if !input.get_earliest() && pinned.get_span().len() <= bt.max_haystack_len() => {
                let bt_cache = cache.bt.get_or_insert_with(|| bt.create_cache());
                matches!(bt.try_search_slots(bt_cache, &pinned, slots), Ok(Some(_)))
            }
            _ => false,
        };
        if !by_backtracker {
            let vm_cache = cache.vm.get_or_insert_with(|| engines.vm.create_cache());
            engines.vm.search_slots(vm_cache, &pinned, slots)?;
        }
        let (pid, all) = (PatternID::new_unchecked(m.pattern), caps.group_info().clone());
        for group in 0..one.group_len(PatternID::ZERO) {
            let (Some((from_start, from_end)), Some((to_start, to_end))) =
                (one.slots(PatternID::ZERO, group), all.slots(pid, group))
            else {
                return None;
            };
            caps.slots_mut()[to_start] = slots[from_start];
            caps.slots_mut()[to_end] = slots[from_end];
        }
        caps.set_pattern(Some(pid));
        Some(true)
    }

    /// Adds to `set` (empty, sized for the patterns) every pattern that
    /// matches in the span (`input`: not earliest).
    fn which_matches(&self, s: &mut Scratch, input: &Input<'_>, set: &mut PatternSet) -> Result<(), Error> {
        if self.utf8_empty {
            if let Some((twin, ts)) = self.invalid_twin(s, input.haystack(), input.start(), input.end()) {
                return twin.which_matches(ts, input, set);
            }
        }
        if self.meta.pattern_len() == 1 && self.match_kind == MatchKind::LeftmostFirst {
            if self.is_match(s, input.haystack(), input.start(), input.end(), input.get_anchored()) {
                set.insert(regex_automata::PatternID::ZERO);
            }
            return Ok(());
        }
        // An All-kind regex answers set queries itself, unless its patterns
        // are many: the twin keeps no slots (cache.rs: `Scratch::meta`).
        let (re, cache) = match self.match_kind {
            MatchKind::All if !self.many => (&self.meta, meta_cache(&mut s.meta, &self.meta)),
            _ => {
                let twin = self.set.get_or_init(|| build::compile_set(&self.parsed, self.utf8, &self.options));
                let re = twin.as_ref().ok_or_else(|| {
                    Error::new(ErrorKind::SizeLimit, "the set form of this regex exceeds the size limits")
                })?;
                (re, s.set.get_or_insert_with(|| re.create_cache()))
            }
        };
        re.which_overlapping_matches_with(cache, input, set);
        if input.get_anchored().is_anchored() && !set.is_empty() {
            // regex-automata 0.4's PikeVM, under the ALL match kind, restarts
            // anchored set searches at later offsets too (`["b", r"\ba"]`,
            // anchored on "abé": {0, 1}). Each candidate is checked with an
            // anchored search of its own.
            let candidates: Vec<PatternID> = set.iter().collect();
            set.clear();
            for pid in candidates {
                if re.is_match_with(cache, &input.clone().anchored(Anchored::Pattern(pid))) {
                    set.insert(pid);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// Every compiled regex carries its `Inner` whatever it is asked; the
    /// engines only some queries build live behind a pointer (`dense`,
    /// `pair`, `pair_forward`, and the walk's lazy DFA in `dfas`), so that
    /// a regex that never builds them does not carry their room. Unboxed
    /// they made it 5,344 bytes.
    #[test]
    fn a_compiled_regex_does_not_carry_room_for_engines_it_has_not_built() {
        let size = std::mem::size_of::<super::Inner>();
        assert!(size <= 1024, "Inner is {size} bytes");
    }

    /// The meta regex's half search answers from a scratch that has not
    /// made the meta regex's cache yet (as a regex of many patterns starts
    /// out), making it on the way: the path out of line from the hot one.
    #[test]
    fn the_half_search_makes_the_meta_cache_it_lacks() {
        let re = super::Regex::new(r"\w+\s+Holmes").unwrap();
        let mut scratch = crate::cache::Scratch::new(&re.inner.meta);
        for (haystack, expected) in [(&b"Mr Sherlock Holmes"[..], true), (b"Mr Sherlock Watson", false)] {
            scratch.meta = None;
            let end = haystack.len();
            let found = re.inner.meta_half_is_match(&mut scratch, haystack, 0, end, super::Anchored::No);
            assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(haystack));
            assert!(scratch.meta.is_some());
        }
    }
}
