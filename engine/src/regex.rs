//! The compiled regex and its searches. Every search picks its engine in one
//! place (`Inner::is_match`, `Inner::find`, ...) so the strategy is visible.

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock, Weak};

use regex_automata::{
    dfa::Automaton,
    hybrid, meta,
    nfa::thompson::pikevm::PikeVM,
    util::{captures, iter::Searcher, pool::Pool},
    Anchored, HalfMatch, Input, PatternID, PatternSet,
};
use regex_syntax::hir::Hir;

use crate::build::{self, Compiled, Dfas};
use crate::cache::{Cache, Scratch};
use crate::captures::Captures;
use crate::error::{Error, ErrorKind};
use crate::flags::Flags;
use crate::options::{MatchKind, Options};
use crate::required::Required;
use crate::search::{pattern_id, Search};
use crate::short;

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
    pub(crate) fn from_ra(m: regex_automata::Match) -> Match {
        Match { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() }
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Spans up to this long are short: the prefilter's set-up costs more than
/// it can skip, so they are searched with the full DFA even when the
/// patterns have a prefilter, or walked by hand (`short`) without one.
const SHORT_SPAN: usize = 256;

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

pub(crate) struct Inner {
    meta: meta::Regex,
    /// The lazy DFA and what the full DFA is built from, on first search.
    dfas: OnceLock<Dfas>,
    /// The full DFA pair, determinized on first use.
    dense: OnceLock<Option<regex_automata::dfa::regex::Regex>>,
    /// A literal every match contains: spans without it are rejected at once.
    required: Option<Required>,
    /// The fewest bytes any match spans: shorter spans are rejected at once.
    min_len: usize,
    /// The All-kind twin answering set queries for leftmost-first regexes
    /// (leftmost-first semantics would hide patterns that lose a tie).
    set: OnceLock<Option<meta::Regex>>,
    /// The PikeVM for captures with earliest semantics, built on first use.
    earliest_captures: OnceLock<Option<PikeVM>>,
    hirs: Vec<Hir>,
    options: Options,
    utf8: bool,
    match_kind: MatchKind,
    pool: Pool<Scratch, ScratchFn>,
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
            .field("full_dfa", &self.has_full_dfa())
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
        let Compiled { meta, hirs, utf8 } = build::compile(patterns, flags, options)?;
        let pool_meta = meta.clone();
        let make: ScratchFn = Box::new(move || Scratch::new(&pool_meta));
        let inner = Inner {
            meta,
            dfas: OnceLock::new(),
            dense: OnceLock::new(),
            required: Required::of(&hirs),
            // `None` (a pattern that cannot match) is left to the engines.
            min_len: hirs.iter().map(|h| h.properties().minimum_len().unwrap_or(0)).min().unwrap_or(0),
            set: OnceLock::new(),
            earliest_captures: OnceLock::new(),
            hirs,
            options: options.clone(),
            utf8,
            match_kind: options.match_kind,
            pool: Pool::new(make),
        };
        Ok(Regex { inner: Arc::new(inner) })
    }

    /// How many patterns were compiled.
    pub fn pattern_count(&self) -> usize {
        self.inner.meta.pattern_len()
    }

    /// Whether a fully compiled DFA answers is-match and find (small
    /// patterns within `Options::dfa_size_limit`).
    pub fn has_full_dfa(&self) -> bool {
        self.inner.dense().is_some()
    }

    /// The heap used by the compiled engines, in bytes (lazily built parts
    /// and caches not included).
    pub fn memory_usage(&self) -> usize {
        self.inner.meta.memory_usage()
            + self
                .inner
                .dense
                .get()
                .and_then(Option::as_ref)
                .map_or(0, |d| d.forward().memory_usage() + d.reverse().memory_usage())
            + self.inner.dfas.get().and_then(|d| d.lazy.as_ref()).map_or(0, |l| l.memory_usage())
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
        Cache { owner: Arc::downgrade(&self.inner), scratch: Scratch::new(&self.inner.meta) }
    }

    /// Space for the capture groups of a search with this regex.
    pub fn create_captures(&self) -> Captures {
        Captures { owner: self.identity(), caps: self.inner.meta.create_captures() }
    }

    /// Whether the regex matches inside the search's bounds. Always answered
    /// by a DFA (full, else lazy) with earliest semantics; the meta regex
    /// runs only if the DFA cannot (a Unicode `\b` meeting non-ASCII, a
    /// thrashing cache, or anchoring to one pattern).
    #[inline]
    pub fn is_match(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<bool, Error> {
        let (start, end) = search.span(haystack.len())?;
        let anchored = search.anchored_mode(self.pattern_count())?;
        self.with_scratch(cache, |s| Ok(self.inner.is_match(s, haystack, start, end, anchored)))
    }

    /// The leftmost match inside the bounds (or the earliest, with
    /// `search.earliest`).
    pub fn find(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<Option<Match>, Error> {
        let input = search.input(haystack, self.pattern_count())?;
        self.with_scratch(cache, |s| Ok(self.inner.find(s, &input)))
    }

    /// How many matches iterating over the bounds would report (the same
    /// non-overlapping matches, with the same empty-match rule), found
    /// without their start offsets: a forward DFA scan only, where
    /// iteration also runs a reverse scan per match to find its start.
    pub fn count(&self, cache: Option<&mut Cache>, haystack: &[u8], search: &Search) -> Result<usize, Error> {
        let input = search.input(haystack, self.pattern_count())?;
        self.with_scratch(cache, |s| Ok(self.inner.count(s, input)))
    }

    /// Like [`Regex::find`] but also records every capture group's span in
    /// `caps`. Returns whether there was a match.
    pub fn captures(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        caps: &mut Captures,
    ) -> Result<bool, Error> {
        let input = search.input(haystack, self.pattern_count())?;
        self.check_captures(caps)?;
        self.with_scratch(cache, |s| Ok(self.inner.captures(s, &input, &mut caps.caps)))
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
        let count = self.pattern_count();
        if matched.len() < count {
            return Err(Error::new(
                ErrorKind::BufferTooSmall,
                format!("the output holds {} entries but the regex has {count} patterns", matched.len()),
            ));
        }
        let input = search.input(haystack, count)?;
        self.with_scratch(cache, |s| {
            let set = self.inner.which_matches(s, &input)?;
            for (i, slot) in matched[..count].iter_mut().enumerate() {
                *slot = T::from(set.contains(regex_automata::PatternID::new_unchecked(i)));
            }
            Ok(!set.is_empty())
        })
    }

    /// Runs `f` with the caller's cache, or with one from the pool.
    #[inline]
    pub(crate) fn with_scratch<T, E: From<Error>>(
        &self,
        cache: Option<&mut Cache>,
        f: impl FnOnce(&mut Scratch) -> Result<T, E>,
    ) -> Result<T, E> {
        match cache {
            Some(cache) => {
                self.check_owner(&cache.owner, "cache")?;
                f(&mut cache.scratch)
            }
            None => f(&mut self.inner.pool.get()),
        }
    }

    /// This regex's identity, as caches and captures record it.
    pub(crate) fn identity(&self) -> Weak<Inner> {
        Arc::downgrade(&self.inner)
    }

    pub(crate) fn check_captures(&self, caps: &Captures) -> Result<(), Error> {
        self.check_owner(&caps.owner, "captures")
    }

    #[inline]
    pub(crate) fn check_owner(&self, owner: &Weak<Inner>, what: &'static str) -> Result<(), Error> {
        // The Weak keeps the allocation's address from being reused, so
        // pointer equality really means "made by this regex".
        if Weak::as_ptr(owner) != Arc::as_ptr(&self.inner) {
            return Err(wrong_regex(what));
        }
        Ok(())
    }

    pub(crate) fn find_input(&self, scratch: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        self.inner.find(scratch, input)
    }

    pub(crate) fn captures_input(
        &self,
        scratch: &mut Scratch,
        input: &Input<'_>,
        caps: &mut Captures,
    ) -> Option<Match> {
        self.inner.captures(scratch, input, &mut caps.caps);
        caps.caps.get_match().map(Match::from_ra)
    }

    pub(crate) fn scratch_for<'c>(&self, cache: &'c mut Cache) -> Result<&'c mut Scratch, Error> {
        self.check_owner(&cache.owner, "cache")?;
        Ok(&mut cache.scratch)
    }
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
    /// The full DFA, when there is one and it is the right tool for this
    /// span: always without a prefilter, only for short spans with one.
    /// The lazy DFA and the full DFA's NFA, built on first use.
    fn dfas(&self) -> &Dfas {
        self.dfas
            .get_or_init(|| build::compile_dfas(&self.hirs, build::ra_kind(self.match_kind), self.utf8, &self.options))
    }

    /// The lazy DFA with its cache from `slot` (made on first use).
    fn lazy<'s>(
        &self,
        slot: &'s mut Option<hybrid::dfa::Cache>,
    ) -> Option<(&hybrid::dfa::DFA, &'s mut hybrid::dfa::Cache)> {
        let lazy = self.dfas().lazy.as_ref()?;
        Some((lazy, slot.get_or_insert_with(|| lazy.create_cache())))
    }

    fn has_prefilter(&self) -> bool {
        self.dfas().has_prefilter
    }

    /// The full DFA pair, built on first use (None when the patterns are
    /// too big or it exceeds the size limit).
    fn dense(&self) -> Option<&regex_automata::dfa::regex::Regex> {
        self.dense
            .get_or_init(|| {
                let nfa = self.dfas().dense_nfa.as_ref()?;
                build::build_dense(nfa, &self.hirs, build::ra_kind(self.match_kind), self.utf8, &self.options)
            })
            .as_ref()
    }

    fn dense_for(&self, input: &Input<'_>) -> Option<&regex_automata::dfa::regex::Regex> {
        let short = input.get_span().len() <= SHORT_SPAN;
        if short || !self.has_prefilter() {
            self.dense()
        } else {
            None
        }
    }

    /// Whether `haystack[start..end]` can hold a match at all (false when
    /// it is shorter than any match, or lacks the required literal).
    #[inline]
    fn may_match(&self, haystack: &[u8], start: usize, end: usize) -> bool {
        let span = end - start;
        if span < self.min_len {
            return false;
        }
        // With a prefilter, a long search already skips to literals: a
        // second literal scan ahead of it would only double the work.
        match &self.required {
            Some(r) if span <= SHORT_SPAN || !self.has_prefilter() => r.present(&haystack[start..end]),
            _ => true,
        }
    }

    fn is_match(&self, s: &mut Scratch, haystack: &[u8], start: usize, end: usize, anchored: Anchored) -> bool {
        if !self.may_match(haystack, start, end) {
            return false;
        }
        // The walk does not use a prefilter: with one (its start states are
        // tagged, so every byte takes the careful step) the DFAs below are
        // faster.
        if end - start <= SHORT_SPAN && !self.has_prefilter() && !matches!(anchored, Anchored::Pattern(_)) {
            if let Some((lazy, cache)) = self.lazy(&mut s.lazy).filter(|(l, _)| short::suits(l)) {
                if let Some(found) = short::is_match(lazy, cache, &mut s.skip, haystack, start, end, anchored) {
                    return found;
                }
            }
        }
        self.is_match_input(s, &Input::new(haystack).range(start..end).anchored(anchored))
    }

    fn is_match_input(&self, s: &mut Scratch, input: &Input<'_>) -> bool {
        let input = input.clone().earliest(true);
        if let Some(dense) = self.dense_for(&input) {
            if let Ok(hm) = dense.forward().try_search_fwd(&input) {
                return hm.is_some();
            }
        }
        if let Some((lazy, cache)) = self.lazy(&mut s.lazy) {
            if let Ok(hm) = lazy.try_search_fwd(cache, &input) {
                return hm.is_some();
            }
        }
        self.meta.search_half_with(&mut s.meta, &input).is_some()
    }

    fn find(&self, s: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        if !self.may_match(input.haystack(), input.start(), input.end()) {
            return None;
        }
        if let Some(dense) = self.dense_for(input) {
            if let Ok(m) = dense.try_search(input) {
                return m.map(Match::from_ra);
            }
        }
        self.meta.search_with(&mut s.meta, input).map(Match::from_ra)
    }

    fn count(&self, s: &mut Scratch, input: Input<'_>) -> usize {
        if !self.may_match(input.haystack(), input.start(), input.end()) {
            return 0;
        }
        // regex-automata's searcher applies the empty-match rule to half
        // matches: one ending where the previous match ended is empty.
        let mut searcher = Searcher::new(input);
        let mut count = 0;
        while searcher.advance_half(|input| Ok(self.find_end(s, input))).is_some() {
            count += 1;
        }
        count
    }

    /// The end of the first match (leftmost-first end, or earliest), by
    /// forward search alone: the full DFA where find would use it, else the
    /// meta regex's half search (its literal strategies, and no lazy DFA
    /// that would thrash again on every match of a huge pattern set).
    fn find_end(&self, s: &mut Scratch, input: &Input<'_>) -> Option<HalfMatch> {
        if let Some(dense) = self.dense_for(input) {
            if let Ok(hm) = dense.forward().try_search_fwd(input) {
                return hm;
            }
        }
        self.meta.search_half_with(&mut s.meta, input)
    }

    fn captures(&self, s: &mut Scratch, input: &Input<'_>, caps: &mut captures::Captures) -> bool {
        let earliest = input.get_earliest();
        if !self.may_match(input.haystack(), input.start(), input.end()) {
            caps.set_pattern(None);
            return false;
        }
        if !earliest && self.match_kind == MatchKind::LeftmostFirst {
            self.meta.search_captures_with(&mut s.meta, input, caps);
            return caps.is_match();
        }
        // Under earliest semantics or the ALL match kind, the match is
        // find's, and a search pinned to its start and pattern records the
        // groups: unpinned, the capture engines could credit the span to
        // another pattern than the one find reports (several can match it).
        let Some(m) = self.find(s, input) else {
            caps.set_pattern(None);
            return false;
        };
        let pinned =
            input.clone().range(m.start..m.end).anchored(Anchored::Pattern(PatternID::new_unchecked(m.pattern)));
        if earliest {
            let vm = self.earliest_captures.get_or_init(|| {
                let kind = build::ra_kind(self.match_kind);
                build::compile_earliest_captures(&self.hirs, kind, self.utf8, &self.options)
            });
            if let Some(vm) = vm {
                // Same patterns, same groups: the slot layout is the meta regex's.
                let cache = s.pikevm.get_or_insert_with(|| vm.create_cache());
                let pattern = vm.search_slots(cache, &pinned, caps.slots_mut());
                caps.set_pattern(pattern);
                return caps.is_match();
            }
        }
        self.meta.search_captures_with(&mut s.meta, &pinned, caps);
        caps.is_match()
    }

    fn which_matches(&self, s: &mut Scratch, input: &Input<'_>) -> Result<PatternSet, Error> {
        // A set query looks at the whole span: earliest would stop it at the
        // first pattern to match.
        let input = &input.clone().earliest(false);
        let mut set = PatternSet::new(self.meta.pattern_len());
        if self.meta.pattern_len() == 1 && self.match_kind == MatchKind::LeftmostFirst {
            if self.is_match_input(s, input) {
                set.insert(regex_automata::PatternID::ZERO);
            }
            return Ok(set);
        }
        let (re, cache) = match self.match_kind {
            MatchKind::All => (&self.meta, &mut s.meta),
            MatchKind::LeftmostFirst => {
                let twin = self.set.get_or_init(|| build::compile_set(&self.hirs, self.utf8, &self.options));
                let re = twin.as_ref().ok_or_else(|| {
                    Error::new(ErrorKind::SizeLimit, "the set form of this regex exceeds the size limits")
                })?;
                (re, s.set.get_or_insert_with(|| re.create_cache()))
            }
        };
        re.which_overlapping_matches_with(cache, input, &mut set);
        Ok(set)
    }
}
