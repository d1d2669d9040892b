//! Phrase sets: many literal phrases matched at once. Aho-Corasick does the
//! work (time linear in the haystack plus the matches, whatever the number
//! of phrases); Unicode case-insensitive sets go through the regex engine as
//! an alternation of escaped phrases, since Aho-Corasick folds ASCII only.
//! Empty phrases are answered here, not by either of them (empty.rs), and
//! the automaton is chosen from a bound on its build cost (cost.rs).

mod cost;
mod empty;

use std::sync::Arc;

use aho_corasick::{
    automaton::OverlappingState, AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input,
    MatchKind as AcMatchKind, StartKind,
};

use crate::cache::Cache;
use crate::cursor::Cursor;
use crate::error::{Error, ErrorKind};
use crate::flags::Flags;
use crate::iter::check_length;
use crate::options::Options;
use crate::regex::{Match, Regex};
use crate::search::{Anchor, Search};

use self::empty::{EmptyRun, Lookahead, Split};

/// Which matches a phrase search reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PhraseMatchKind {
    /// Aho-Corasick's standard semantics: the match that ends first (and
    /// the only kind that supports overlapping iteration).
    Standard,
    /// The leftmost match; among phrases matching there, the one given
    /// first.
    LeftmostFirst,
    /// The leftmost match; among phrases matching there, the longest.
    #[default]
    LeftmostLongest,
}

/// Which automaton searches an Aho-Corasick phrase set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PhraseAutomaton {
    /// The fastest that fits `PhraseOptions::dfa_size_limit`: a DFA when it
    /// fits, else a contiguous NFA.
    #[default]
    Auto,
    /// A noncontiguous NFA: slowest to search, least memory, quickest build.
    Nfa,
    /// A contiguous NFA: compact and reasonably fast.
    ContiguousNfa,
    /// A DFA: fastest to search, most memory. Its build fills each state's
    /// transitions by walking failure links, which costs up to the square of
    /// the length of a long phrase that repeats itself (`aaaa...`): a DFA
    /// whose build work, bounded from the phrases before building, exceeds
    /// 2^26 steps (builds at the bound take under 0.2 s) is refused with
    /// [`ErrorKind::SizeLimit`], and `Auto` builds a contiguous NFA instead.
    Dfa,
}

/// Where phrase searches may start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PhraseStarts {
    /// Unanchored searches only.
    Unanchored,
    /// Anchored searches only.
    Anchored,
    /// Both (the automaton holds two start states).
    #[default]
    Both,
}

/// How to build a [`PhraseSet`]. The fields are private so that an option
/// can be added without breaking anyone: set them with the builder
/// methods, read them with the `get_` methods.
///
/// ```
/// use ferrex::{PhraseAutomaton, PhraseMatchKind, PhraseOptions, PhraseSet, Search};
/// let opts = PhraseOptions::new().match_kind(PhraseMatchKind::LeftmostFirst).ascii_case_insensitive(true);
/// assert_eq!(opts.get_automaton(), PhraseAutomaton::Auto);
/// let set = PhraseSet::new(&["Sherlock", "Sherlock Holmes"], &opts).unwrap();
/// let m = set.find(b"SHERLOCK HOLMES", &Search::default()).unwrap().unwrap();
/// assert_eq!((m.start, m.end, m.pattern), (0, 8, 0));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseOptions {
    match_kind: PhraseMatchKind,
    ascii_case_insensitive: bool,
    unicode_case_insensitive: bool,
    starts: PhraseStarts,
    automaton: PhraseAutomaton,
    dfa_size_limit: usize,
}

impl Default for PhraseOptions {
    fn default() -> PhraseOptions {
        PhraseOptions {
            match_kind: PhraseMatchKind::default(),
            ascii_case_insensitive: false,
            unicode_case_insensitive: false,
            starts: PhraseStarts::default(),
            automaton: PhraseAutomaton::default(),
            // Measured: at 1,000 phrases a 1.9 MB DFA scans 1.4x faster than the
            // contiguous NFA; at 10,000 a 17 MB one is no faster (it outgrows the
            // caches) and takes 9x longer to build.
            dfa_size_limit: 8 * (1 << 20),
        }
    }
}

impl PhraseOptions {
    /// The defaults: leftmost-longest, no case folding, both starts, the
    /// automaton chosen automatically with a DFA size limit of 8 MiB.
    pub fn new() -> PhraseOptions {
        PhraseOptions::default()
    }

    /// Sets the match semantics.
    pub fn match_kind(mut self, kind: PhraseMatchKind) -> PhraseOptions {
        self.match_kind = kind;
        self
    }

    /// Sets whether ASCII letters fold (`a` matches `A`).
    pub fn ascii_case_insensitive(mut self, yes: bool) -> PhraseOptions {
        self.ascii_case_insensitive = yes;
        self
    }

    /// Sets whether Unicode simple case folding applies (`é` matches `É`,
    /// `k` matches `K`): searched by the regex engine; leftmost kinds only,
    /// no overlapping.
    pub fn unicode_case_insensitive(mut self, yes: bool) -> PhraseOptions {
        self.unicode_case_insensitive = yes;
        self
    }

    /// Sets which searches the automaton supports.
    pub fn starts(mut self, starts: PhraseStarts) -> PhraseOptions {
        self.starts = starts;
        self
    }

    /// Sets which automaton to build.
    pub fn automaton(mut self, automaton: PhraseAutomaton) -> PhraseOptions {
        self.automaton = automaton;
        self
    }

    /// Sets, for [`PhraseAutomaton::Auto`], the most heap a DFA may take
    /// (an explicit [`PhraseAutomaton::Dfa`] is bounded by its build work
    /// only).
    pub fn dfa_size_limit(mut self, bytes: usize) -> PhraseOptions {
        self.dfa_size_limit = bytes;
        self
    }

    /// The match semantics ([`PhraseOptions::match_kind`]).
    pub fn get_match_kind(&self) -> PhraseMatchKind {
        self.match_kind
    }

    /// Whether ASCII letters fold ([`PhraseOptions::ascii_case_insensitive`]).
    pub fn get_ascii_case_insensitive(&self) -> bool {
        self.ascii_case_insensitive
    }

    /// Whether Unicode case folding applies ([`PhraseOptions::unicode_case_insensitive`]).
    pub fn get_unicode_case_insensitive(&self) -> bool {
        self.unicode_case_insensitive
    }

    /// Which searches the automaton supports ([`PhraseOptions::starts`]).
    pub fn get_starts(&self) -> PhraseStarts {
        self.starts
    }

    /// Which automaton to build ([`PhraseOptions::automaton`]).
    pub fn get_automaton(&self) -> PhraseAutomaton {
        self.automaton
    }

    /// The DFA size limit of [`PhraseAutomaton::Auto`] ([`PhraseOptions::dfa_size_limit`]).
    pub fn get_dfa_size_limit(&self) -> usize {
        self.dfa_size_limit
    }
}

/// What searches the non-empty phrases (see `Inner::ids`).
enum Backend {
    Aho(AhoCorasick),
    Regex(Regex),
}

struct Inner {
    backend: Backend,
    /// Backend pattern `k` is phrase `ids[k]`: the backend holds the phrases
    /// of `empty::split`, reordered longest first for a leftmost-longest
    /// regex. `None` when that is every phrase in order.
    ids: Option<Vec<usize>>,
    /// The empty phrases, in order: answered here (empty.rs).
    empty: Vec<usize>,
    /// The longest phrase the backend holds: a match starting at `i` ends
    /// by `i + searched_max_len`.
    searched_max_len: usize,
    count: usize,
    min_len: usize,
    max_len: usize,
    kind: PhraseMatchKind,
    automaton: PhraseAutomaton,
    starts: PhraseStarts,
}

/// A compiled set of literal phrases. Immutable, cheap to clone, safe to
/// share across threads. Searches report which phrase matched.
///
/// ```
/// use ferrex::{PhraseOptions, PhraseSet, Search};
/// let set = PhraseSet::new(&["Sherlock", "Holmes", "Sherlock Holmes"], &PhraseOptions::default()).unwrap();
/// let m = set.find(b"Mr Sherlock Holmes", &Search::default()).unwrap().unwrap();
/// assert_eq!((m.start, m.end, m.pattern), (3, 18, 2)); // leftmost-longest by default
/// ```
#[derive(Clone)]
pub struct PhraseSet {
    inner: Arc<Inner>,
}

impl Inner {
    /// The phrase of backend pattern `k`.
    #[inline]
    fn phrase(&self, k: usize) -> usize {
        self.ids.as_ref().map_or(k, |ids| ids[k])
    }
}

impl std::fmt::Debug for PhraseSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseSet")
            .field("phrases", &self.inner.count)
            .field("match_kind", &self.inner.kind)
            .field("automaton", &self.inner.automaton)
            .finish()
    }
}

impl PhraseSet {
    /// Builds a phrase set. Duplicate phrases are kept (the first one given
    /// wins where kinds prefer order). An empty phrase matches at every
    /// byte offset inside the bounds, ends included, with every kind and
    /// folding; what that implies for each match kind:
    ///
    /// ```
    /// use ferrex::{PhraseMatchKind, PhraseOptions, PhraseSet, Search};
    /// let first = |kind| {
    ///     let set = PhraseSet::new(&["ab", ""], &PhraseOptions::new().match_kind(kind)).unwrap();
    ///     set.find(b"aab", &Search::default()).unwrap().map(|m| (m.start, m.end, m.pattern))
    /// };
    /// // The leftmost match starts at 0, where only "" matches.
    /// assert_eq!(first(PhraseMatchKind::LeftmostLongest), Some((0, 0, 1)));
    /// assert_eq!(first(PhraseMatchKind::LeftmostFirst), Some((0, 0, 1)));
    /// // The match that ends first.
    /// assert_eq!(first(PhraseMatchKind::Standard), Some((0, 0, 1)));
    /// ```
    ///
    /// Fails with [`ErrorKind::SizeLimit`] when the automaton's build would
    /// cost too much: a DFA asked for explicitly beyond its work bound (see
    /// [`PhraseAutomaton::Dfa`]), or, under the standard match kind, match
    /// lists of more than 2^24 entries (every state lists each phrase that
    /// ends there: `a`, `aa`, ..., and a long run of `a`).
    pub fn new<P: AsRef<[u8]>>(phrases: &[P], opts: &PhraseOptions) -> Result<PhraseSet, Error> {
        let lens = phrases.iter().map(|p| p.as_ref().len());
        let (min_len, max_len) = (lens.clone().min().unwrap_or(0), lens.max().unwrap_or(0));
        let Split { searched, empty } = empty::split(phrases, opts.match_kind);
        let searched_max_len = searched.iter().map(|&i| phrases[i].as_ref().len()).max().unwrap_or(0);
        let (backend, ids, automaton) = if opts.unicode_case_insensitive {
            let (re, ids) = regex_backend(phrases, &searched, opts)?;
            (Backend::Regex(re), Some(ids), opts.automaton)
        } else {
            let list: Vec<&[u8]> = searched.iter().map(|&i| phrases[i].as_ref()).collect();
            let (ac, automaton) = aho_backend(&list, opts, !empty.is_empty())?;
            let ids = (searched.len() != phrases.len()).then_some(searched);
            (Backend::Aho(ac), ids, automaton)
        };
        let inner = Inner {
            backend,
            ids,
            empty,
            searched_max_len,
            count: phrases.len(),
            min_len,
            max_len,
            kind: opts.match_kind,
            automaton,
            starts: opts.starts,
        };
        Ok(PhraseSet { inner: Arc::new(inner) })
    }

    /// The number of phrases.
    pub fn len(&self) -> usize {
        self.inner.count
    }

    /// Whether the set has no phrases (it then never matches).
    pub fn is_empty(&self) -> bool {
        self.inner.count == 0
    }

    /// The length in bytes of the shortest phrase (0 for an empty set).
    pub fn min_len(&self) -> usize {
        self.inner.min_len
    }

    /// The length in bytes of the longest phrase (0 for an empty set).
    pub fn max_len(&self) -> usize {
        self.inner.max_len
    }

    /// The longest a match can be, in bytes: the longest phrase, or for a
    /// Unicode case-insensitive set, the longest its folded forms can be.
    pub(crate) fn match_max_len(&self) -> usize {
        match &self.inner.backend {
            Backend::Aho(_) => self.inner.searched_max_len,
            // Folding changes lengths ("k" matches the 3-byte Kelvin sign):
            // the regex's own bound, or the longest phrase times four.
            Backend::Regex(re) => re.max_match_len().unwrap_or(self.inner.searched_max_len.saturating_mul(4)),
        }
    }

    /// The heap used by the compiled set, in bytes.
    pub fn memory_usage(&self) -> usize {
        let backend = match &self.inner.backend {
            Backend::Aho(ac) => ac.memory_usage(),
            Backend::Regex(re) => re.memory_usage(),
        };
        let ids = self.inner.ids.as_ref().map_or(0, Vec::len) + self.inner.empty.len();
        backend + ids * std::mem::size_of::<usize>()
    }

    /// The automaton that was built ([`PhraseAutomaton::Auto`] resolved);
    /// a Unicode case-insensitive set reports what was asked for.
    pub fn automaton(&self) -> PhraseAutomaton {
        self.inner.automaton
    }

    /// Whether any phrase occurs inside the search's bounds (always, with an
    /// empty phrase).
    pub fn is_match(&self, haystack: &[u8], search: &Search) -> Result<bool, Error> {
        if search.after_match {
            return Ok(self.find_resumed(haystack, search)?.is_some());
        }
        let (start, end) = search.span(haystack.len())?;
        let anchored = self.anchored(search)?;
        if !self.inner.empty.is_empty() {
            return Ok(true);
        }
        match &self.inner.backend {
            Backend::Aho(ac) => {
                let input = Input::new(haystack).range(start..end).anchored(anchored).earliest(true);
                ac.try_find(input).map(|m| m.is_some()).map_err(unsupported)
            }
            Backend::Regex(re) => re.is_match(None, haystack, search),
        }
    }

    /// The first match inside the search's bounds, by the set's match kind.
    pub fn find(&self, haystack: &[u8], search: &Search) -> Result<Option<Match>, Error> {
        if search.after_match {
            return self.find_resumed(haystack, search);
        }
        let (start, end) = search.span(haystack.len())?;
        self.find_in(None, haystack, start, end, self.anchored(search)?, search.earliest, None)
    }

    /// [`PhraseSet::find`] after a match ([`Search::after_match`]): the
    /// next step of a non-overlapping iteration resumed at the start bound.
    fn find_resumed(&self, haystack: &[u8], search: &Search) -> Result<Option<Match>, Error> {
        PhraseIter::new(self, haystack.len(), search, false)?.next(self, haystack)
    }

    /// Replaces every non-overlapping match of phrase i inside the bounds by
    /// `replacements[i]`; text outside the bounds is copied unchanged.
    ///
    /// ```
    /// use ferrex::{PhraseOptions, PhraseSet, Search};
    /// let set = PhraseSet::new(&["cat", "dog"], &PhraseOptions::default()).unwrap();
    /// let out = set.replace(b"cat and dog", &Search::default(), &["dog", "cat"]).unwrap();
    /// assert_eq!(out, b"dog and cat");
    /// ```
    pub fn replace<R: AsRef<[u8]>>(
        &self,
        haystack: &[u8],
        search: &Search,
        replacements: &[R],
    ) -> Result<Vec<u8>, Error> {
        if replacements.len() != self.len() {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!("{} replacements given for {} phrases", replacements.len(), self.len()),
            ));
        }
        let mut iter = PhraseIter::new(self, haystack.len(), search, false)?;
        let mut out = Vec::with_capacity(haystack.len());
        let mut copied = 0;
        while let Some(m) = iter.next(self, haystack)? {
            out.extend_from_slice(&haystack[copied..m.start]);
            out.extend_from_slice(replacements[m.pattern].as_ref());
            copied = m.end;
        }
        out.extend_from_slice(&haystack[copied..]);
        Ok(out)
    }

    /// The search's anchoring, if the set was built to support it (checked
    /// here for every backend, so Unicode-folding sets obey it too).
    pub(crate) fn anchored(&self, search: &Search) -> Result<Anchored, Error> {
        let anchored = match search.anchor {
            Anchor::None => Anchored::No,
            Anchor::Start => Anchored::Yes,
            Anchor::Pattern(_) => {
                return Err(Error::new(ErrorKind::Unsupported, "phrase sets cannot anchor a search to one phrase"))
            }
        };
        match (self.inner.starts, anchored) {
            (PhraseStarts::Unanchored, Anchored::Yes) => {
                Err(Error::new(ErrorKind::Unsupported, "this phrase set was built for unanchored searches only"))
            }
            (PhraseStarts::Anchored, Anchored::No) => {
                Err(Error::new(ErrorKind::Unsupported, "this phrase set was built for anchored searches only"))
            }
            _ => Ok(anchored),
        }
    }

    /// The first match in `[start, end)` by the set's match kind. An
    /// iteration passes its `lookahead`, which spares rescanning the
    /// haystack at every step when the set has an empty phrase.
    #[allow(clippy::too_many_arguments)]
    fn find_in(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
        earliest: bool,
        lookahead: Option<&mut Lookahead>,
    ) -> Result<Option<Match>, Error> {
        let Some(&first_empty) = self.inner.empty.first() else {
            return self.searched_find(cache, haystack, start, end, anchored, earliest);
        };
        // The rules of empty.rs: the empty match at `start` ends first and is
        // seen first; under the leftmost kinds the leftmost match starts at
        // `start` (anchored or not), and a non-empty phrase starting there
        // wins if the backend holds one.
        if earliest || self.inner.kind == PhraseMatchKind::Standard {
            return Ok(Some(Match { start, end: start, pattern: first_empty }));
        }
        let next = match lookahead {
            Some(look) => {
                look.leftmost_from(start, |from| self.searched_find(cache, haystack, from, end, Anchored::No, false))?
            }
            None => {
                // A phrase starting at `start` ends within the longest
                // phrase's length: no need to look further.
                // (Unicode folding can lengthen a match: "k" matches the
                // 3-byte Kelvin sign.)
                let window = end.min(start.saturating_add(self.match_max_len()));
                self.searched_find(cache, haystack, start, window, Anchored::No, false)?
            }
        };
        Ok(Some(empty::leftmost_at(start, first_empty, next)))
    }

    /// The backend's first match in `[start, end)`, with phrase indices.
    fn searched_find(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: Anchored,
        earliest: bool,
    ) -> Result<Option<Match>, Error> {
        let found = match &self.inner.backend {
            Backend::Aho(ac) => {
                let input = Input::new(haystack).range(start..end).anchored(anchored).earliest(earliest);
                ac.try_find(input).map_err(unsupported)?.map(from_ac)
            }
            Backend::Regex(re) => {
                let anchor = if anchored == Anchored::Yes { Anchor::Start } else { Anchor::None };
                let search = Search::bounds(start, end).anchored(anchor).earliest(earliest);
                re.find(cache, haystack, &search)?
            }
        };
        Ok(found.map(|m| Match { pattern: self.inner.phrase(m.pattern), ..m }))
    }
}

/// An iteration over the phrase matches in one haystack: non-overlapping
/// (every match kind) or overlapping (standard kind only: every occurrence
/// of every phrase, in order of end, then start, then phrase index). Holds
/// offsets and automaton state only; the haystack is passed to every step.
///
/// ```
/// use ferrex::{PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, Search};
/// let opts = PhraseOptions::new().match_kind(PhraseMatchKind::Standard);
/// let set = PhraseSet::new(&["append", "appendage", "age"], &opts).unwrap();
/// let hay = b"appendage";
/// let mut it = PhraseIter::new(&set, hay.len(), &Search::default(), true).unwrap();
/// let mut found = vec![];
/// while let Some(m) = it.next(&set, hay).unwrap() {
///     found.push(m.pattern);
/// }
/// // "append" ends at 6; "appendage" and "age" both end at 9, in phrase order.
/// assert_eq!(found, [0, 1, 2]);
/// ```
pub struct PhraseIter {
    haystack_len: usize,
    anchored: Anchored,
    earliest: bool,
    mode: Mode,
    /// Scratch for a regex-backed set.
    cache: Option<Cache>,
    /// The backend's next match, for a set with an empty phrase.
    lookahead: Lookahead,
}

enum Mode {
    NonOverlapping(Cursor),
    Overlapping {
        start: usize,
        end: usize,
        state: OverlappingState,
        /// The backend's next match, not reported yet (empty matches at or
        /// before its end come first).
        pending: Option<Match>,
        /// Whether the backend has no more matches.
        exhausted: bool,
        empties: EmptyRun,
    },
}

impl PhraseIter {
    /// Starts an iteration over a haystack of `haystack_len` bytes.
    /// Overlapping iteration needs the standard match kind and an
    /// Aho-Corasick set; otherwise it is an [`ErrorKind::Unsupported`] error.
    pub fn new(set: &PhraseSet, haystack_len: usize, search: &Search, overlapping: bool) -> Result<PhraseIter, Error> {
        let (start, end) = search.span(haystack_len)?;
        let anchored = set.anchored(search)?;
        let mode = if overlapping {
            search.non_overlapping_only("an overlapping phrase iteration")?;
            if set.inner.kind != PhraseMatchKind::Standard || matches!(set.inner.backend, Backend::Regex { .. }) {
                return Err(Error::new(
                    ErrorKind::Unsupported,
                    "overlapping phrase search needs the standard match kind and no Unicode case folding",
                ));
            }
            Mode::Overlapping {
                start,
                end,
                state: OverlappingState::start(),
                pending: None,
                exhausted: false,
                empties: EmptyRun::new(start, end, anchored == Anchored::Yes, !set.inner.empty.is_empty()),
            }
        } else {
            Mode::NonOverlapping(Cursor::new(start, end).after_match(search.after_match))
        };
        let cache = match &set.inner.backend {
            Backend::Regex(re) => Some(re.create_cache()),
            Backend::Aho(_) => None,
        };
        Ok(PhraseIter {
            haystack_len,
            anchored,
            earliest: search.earliest,
            mode,
            cache,
            lookahead: Lookahead::default(),
        })
    }

    /// Writes up to `out.len()` next matches into `out` and returns how many;
    /// fewer than `out.len()` means the iteration is over. Non-overlapping
    /// batches over an Aho-Corasick set without empty phrases run the
    /// crate's own iterator, which saves the per-match cost of stepping one
    /// match at a time.
    pub fn next_batch<T: From<Match>>(
        &mut self,
        set: &PhraseSet,
        haystack: &[u8],
        out: &mut [T],
    ) -> Result<usize, Error> {
        check_length(self.haystack_len, haystack.len())?;
        if let (Mode::NonOverlapping(cursor), Backend::Aho(ac), true) =
            (&mut self.mode, &set.inner.backend, set.inner.empty.is_empty())
        {
            let Some(pos) = cursor.position() else { return Ok(0) };
            let end = cursor.end();
            let input = Input::new(haystack).range(pos..end).anchored(self.anchored).earliest(self.earliest);
            let native = ac.try_find_iter(input).map_err(unsupported)?;
            return Ok(cursor.drain(native.map(from_ac), out));
        }
        for (written, slot) in out.iter_mut().enumerate() {
            match self.next(set, haystack)? {
                Some(m) => *slot = T::from(m),
                None => return Ok(written),
            }
        }
        Ok(out.len())
    }

    /// Whether this is an overlapping iteration.
    pub fn is_overlapping(&self) -> bool {
        matches!(self.mode, Mode::Overlapping { .. })
    }

    /// The next match, or `None` when the bounds are exhausted. `set` must
    /// be the set the iteration was started with.
    pub fn next(&mut self, set: &PhraseSet, haystack: &[u8]) -> Result<Option<Match>, Error> {
        check_length(self.haystack_len, haystack.len())?;
        let (anchored, earliest) = (self.anchored, self.earliest);
        match &mut self.mode {
            Mode::NonOverlapping(cursor) => {
                let mut failure = None;
                let (cache, look) = (&mut self.cache, &mut self.lookahead);
                let mut step = |start, end| -> Option<Match> {
                    match set.find_in(cache.as_mut(), haystack, start, end, anchored, earliest, Some(&mut *look)) {
                        Ok(m) => m,
                        Err(e) => {
                            failure = Some(e);
                            None
                        }
                    }
                };
                let found = cursor.advance(&mut step);
                failure.map_or(Ok(found), Err)
            }
            Mode::Overlapping { start, end, state, pending, exhausted, empties } => {
                if pending.is_none() && !*exhausted {
                    *pending = next_overlapping(set, haystack, *start, *end, anchored, state)?;
                    *exhausted = pending.is_none();
                }
                if let Some(m) = empties.next_before(&set.inner.empty, pending.as_ref()) {
                    return Ok(Some(m));
                }
                Ok(pending.take())
            }
        }
    }
}

/// The backend's next overlapping match, with its phrase index.
fn next_overlapping(
    set: &PhraseSet,
    haystack: &[u8],
    start: usize,
    end: usize,
    anchored: Anchored,
    state: &mut OverlappingState,
) -> Result<Option<Match>, Error> {
    let Backend::Aho(ac) = &set.inner.backend else {
        return Err(Error::new(ErrorKind::Unsupported, "overlapping search needs an Aho-Corasick set"));
    };
    let input = Input::new(haystack).range(start..end).anchored(anchored);
    loop {
        ac.try_find_overlapping(input.clone(), state).map_err(unsupported)?;
        let Some(m) = state.get_match() else { return Ok(None) };
        // aho-corasick's anchored overlapping search also reports phrases
        // that end inside an anchored match but start later ("age" in
        // "appendage"); anchored means starting at the start bound, so
        // those are passed over.
        if anchored == Anchored::No || m.start() == start {
            let m = from_ac(m);
            return Ok(Some(Match { pattern: set.inner.phrase(m.pattern), ..m }));
        }
    }
}

/// An aho-corasick match as a ferrex match, its pattern the automaton's
/// (map it with `Inner::phrase` where the automaton skips phrases).
#[inline]
fn from_ac(m: aho_corasick::Match) -> Match {
    Match { start: m.start(), end: m.end(), pattern: m.pattern().as_usize() }
}

fn unsupported(err: aho_corasick::MatchError) -> Error {
    Error::new(ErrorKind::Unsupported, format!("phrase search not supported by this set's options: {err}"))
}

fn ac_kind(kind: PhraseMatchKind) -> AcMatchKind {
    match kind {
        PhraseMatchKind::Standard => AcMatchKind::Standard,
        PhraseMatchKind::LeftmostFirst => AcMatchKind::LeftmostFirst,
        PhraseMatchKind::LeftmostLongest => AcMatchKind::LeftmostLongest,
    }
}

/// Builds the automaton over the non-empty phrases the set searches. With
/// an empty phrase, the leftmost kinds search the automaton unanchored only
/// (empty.rs), whatever start kind the set supports.
fn aho_backend(
    phrases: &[&[u8]],
    opts: &PhraseOptions,
    has_empty: bool,
) -> Result<(AhoCorasick, PhraseAutomaton), Error> {
    let starts = match opts.starts {
        _ if has_empty && opts.match_kind != PhraseMatchKind::Standard => StartKind::Unanchored,
        PhraseStarts::Unanchored => StartKind::Unanchored,
        PhraseStarts::Anchored => StartKind::Anchored,
        PhraseStarts::Both => StartKind::Both,
    };
    let cost = cost::estimate(phrases, opts.ascii_case_insensitive, matches!(starts, StartKind::Both));
    if opts.match_kind == PhraseMatchKind::Standard && cost.match_entries > cost::MATCH_ENTRY_LIMIT {
        return Err(Error::new(
            ErrorKind::SizeLimit,
            format!(
                "the phrase set is too large to build: under the standard match kind its automaton would list up to \
                 {} matches (phrases that end inside longer ones, at every state), more than the limit of {}; \
                 the leftmost match kinds list none",
                cost.match_entries,
                cost::MATCH_ENTRY_LIMIT
            ),
        ));
    }
    let dfa_affordable = cost.dfa_work() <= cost::DFA_WORK_LIMIT;
    let automaton = match opts.automaton {
        PhraseAutomaton::Auto if dfa_affordable && cost.dfa_bytes() <= opts.dfa_size_limit => PhraseAutomaton::Dfa,
        PhraseAutomaton::Auto => PhraseAutomaton::ContiguousNfa,
        PhraseAutomaton::Dfa if !dfa_affordable => {
            return Err(Error::new(
                ErrorKind::SizeLimit,
                format!(
                    "a DFA for these phrases could take too long to build: up to {} steps, more than the limit of {} \
                     (long phrases that repeat themselves cost up to the square of their length); \
                     a contiguous NFA builds in linear time",
                    cost.dfa_work(),
                    cost::DFA_WORK_LIMIT
                ),
            ))
        }
        chosen => chosen,
    };
    let kind = match automaton {
        PhraseAutomaton::Nfa => AhoCorasickKind::NoncontiguousNFA,
        PhraseAutomaton::Auto | PhraseAutomaton::ContiguousNfa => AhoCorasickKind::ContiguousNFA,
        PhraseAutomaton::Dfa => AhoCorasickKind::DFA,
    };
    let ac = AhoCorasickBuilder::new()
        .match_kind(ac_kind(opts.match_kind))
        .ascii_case_insensitive(opts.ascii_case_insensitive)
        .start_kind(starts)
        .kind(Some(kind))
        .build(phrases)
        .map_err(|e| Error::new(ErrorKind::SizeLimit, format!("the phrase set is too large to build: {e}")))?;
    Ok((ac, automaton))
}

/// The regex over the non-empty phrases the set searches (`searched`), and
/// the phrase of each of its patterns.
fn regex_backend<P: AsRef<[u8]>>(
    phrases: &[P],
    searched: &[usize],
    opts: &PhraseOptions,
) -> Result<(Regex, Vec<usize>), Error> {
    if opts.match_kind == PhraseMatchKind::Standard {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "Unicode case-insensitive phrase sets need a leftmost match kind (leftmost-first or leftmost-longest)",
        ));
    }
    // Every phrase must be UTF-8, those the regex leaves out too.
    let escaped = phrases
        .iter()
        .enumerate()
        .map(|(i, p)| crate::escape::escape(p.as_ref()).map_err(|e| e.with_pattern(i)))
        .collect::<Result<Vec<String>, Error>>()?;
    // Leftmost-first prefers the earlier pattern at a position; listing the
    // phrases longest first makes that the longest phrase.
    let mut ids = searched.to_vec();
    if opts.match_kind == PhraseMatchKind::LeftmostLongest {
        ids.sort_by_key(|&i| std::cmp::Reverse(phrases[i].as_ref().len()));
    }
    let patterns: Vec<&str> = ids.iter().map(|&i| escaped[i].as_str()).collect();
    let re = Regex::with_options(&patterns, Flags::CASE_INSENSITIVE, &Options::default())?;
    Ok((re, ids))
}
