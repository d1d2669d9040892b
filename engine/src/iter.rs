//! Iteration over successive non-overlapping matches. The state holds
//! offsets only, so the haystack is handed to every step (the caller's
//! memory may move between calls; its contents and length may not change).

use regex_automata::{Anchored, Input};

use crate::cache::{Cache, Scratch};
use crate::captures::Captures;
use crate::cursor::Cursor;
use crate::error::{Error, ErrorKind};
use crate::regex::{Match, Regex, ScratchRef};
use crate::search::{input_at, Search};

/// Where an iteration over one haystack stands: the step-by-step form of
/// [`FindIter`] for callers that cannot hold a borrow of the haystack
/// between steps (the C API: a moving garbage collector may own it).
/// Every step must be given the same bytes (they may have moved): a step
/// may reuse what an earlier one found about them.
///
/// Empty matches follow the `regex` crate: an empty match that begins where
/// the previous match ended is skipped and the search resumes one byte later
/// (also when anchored, so an anchored iteration may resume past a gap of
/// one byte after an empty match), and in UTF-8 mode no empty match splits
/// a codepoint.
///
/// ```
/// use ferrex::{FindState, Regex, Search};
/// let re = Regex::new(r"a*").unwrap();
/// let hay = b"baaab";
/// let mut cache = re.create_cache();
/// let mut it = FindState::new(&re, hay.len(), &Search::default()).unwrap();
/// let mut spans = vec![];
/// while let Some(m) = it.next(&re, &mut cache, hay).unwrap() {
///     spans.push((m.start, m.end));
/// }
/// assert_eq!(spans, [(0, 0), (1, 4), (5, 5)]);
/// ```
#[derive(Clone, Debug)]
pub struct FindState {
    haystack_len: usize,
    anchored: Anchored,
    earliest: bool,
    cursor: Cursor,
}

impl FindState {
    /// Starts an iteration over a haystack of `haystack_len` bytes.
    #[inline]
    pub fn new(re: &Regex, haystack_len: usize, search: &Search) -> Result<FindState, Error> {
        let (start, end) = search.span(haystack_len)?;
        let anchored = search.anchored_mode(re.pattern_count())?;
        let cursor = Cursor::new(start, end).after_match(re.resumes(search));
        Ok(FindState { haystack_len, anchored, earliest: search.earliest, cursor })
    }

    /// An iteration over `input`'s span (bounds, anchoring, earliest)
    /// resumed after a match that ended at its start
    /// ([`Search::after_match`]).
    pub(crate) fn after_match(input: &Input<'_>) -> FindState {
        FindState {
            haystack_len: input.haystack().len(),
            anchored: input.get_anchored(),
            earliest: input.get_earliest(),
            cursor: Cursor::new(input.start(), input.end()).after_match(true),
        }
    }

    /// The next match, or `None` once the bounds are exhausted.
    #[inline]
    pub fn next(&mut self, re: &Regex, cache: &mut Cache, haystack: &[u8]) -> Result<Option<Match>, Error> {
        self.next_in(re, re.scratch_for(cache)?, haystack)
    }

    /// The next match with its capture groups recorded in `caps`.
    #[inline]
    pub fn next_captures(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        caps: &mut Captures,
    ) -> Result<Option<Match>, Error> {
        self.next_captures_in(re, re.scratch_for(cache)?, haystack, caps)
    }

    /// The next match with the span of every one of its groups copied into
    /// `out` (as [`Captures::copy_spans`] does, `caps` holding the groups
    /// on the way); returns the group count, or `None` once the bounds are
    /// exhausted. `out` must hold as many spans as the pattern with the
    /// most groups has: that is checked before the iteration moves on
    /// ([`ErrorKind::BufferTooSmall`]), so no match is lost.
    #[inline]
    pub fn next_spans<T: From<Option<Match>>>(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        caps: &mut Captures,
        out: &mut [T],
    ) -> Result<Option<usize>, Error> {
        let most = re.max_group_count();
        if out.len() < most {
            return Err(Error::new(
                ErrorKind::BufferTooSmall,
                format!("the output holds {} spans but a pattern has {most} groups", out.len()),
            ));
        }
        match self.next_captures(re, cache, haystack, caps)? {
            Some(_) => caps.copy_spans(out),
            None => Ok(None),
        }
    }

    /// Writes up to `out.len()` next matches into `out` and returns how
    /// many; fewer than `out.len()` means the iteration is over. One tight
    /// loop of the answering engine, as the regex crate's `find_iter` runs.
    #[inline]
    pub fn next_batch<T: From<Match>>(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        out: &mut [T],
    ) -> Result<usize, Error> {
        let scratch = re.scratch_for(cache)?;
        check_length(self.haystack_len, haystack.len())?;
        Ok(re.fill_input(scratch, (haystack, self.anchored, self.earliest), &mut self.cursor, out))
    }

    /// [`FindState::next`] with scratch already checked (or from the pool).
    #[inline]
    pub(crate) fn next_in(
        &mut self,
        re: &Regex,
        scratch: &mut Scratch,
        haystack: &[u8],
    ) -> Result<Option<Match>, Error> {
        check_length(self.haystack_len, haystack.len())?;
        Ok(self.advance(re, scratch, haystack))
    }

    /// The next match, the haystack's length already checked: a batch of
    /// one, so that a step runs the batch's loop (one `Input` moved along).
    #[inline]
    pub(crate) fn advance(&mut self, re: &Regex, scratch: &mut Scratch, haystack: &[u8]) -> Option<Match> {
        let mut one = [Match::default()];
        let found = re.fill_input(scratch, (haystack, self.anchored, self.earliest), &mut self.cursor, &mut one);
        (found == 1).then_some(one[0])
    }

    /// [`FindState::next_captures`] with scratch already checked.
    #[inline]
    pub(crate) fn next_captures_in(
        &mut self,
        re: &Regex,
        scratch: &mut Scratch,
        haystack: &[u8],
        caps: &mut Captures,
    ) -> Result<Option<Match>, Error> {
        re.check_captures(caps)?;
        check_length(self.haystack_len, haystack.len())?;
        let found = self.captures_step(re, scratch, haystack, caps);
        if found.is_none() {
            caps.caps.set_pattern(None);
        }
        Ok(found)
    }

    /// The next matches with the span of every one of their groups,
    /// `stride` spans a match: match `k` fills `out[k * stride..(k + 1) *
    /// stride]` with its groups (group 0 the whole match) and then
    /// unset spans (`T::from(None)`) up to `stride`. Writes up to
    /// `out.len() / stride` matches and returns how many; fewer means the
    /// iteration is over (`caps` then holds no match; otherwise the last
    /// match written).
    ///
    /// One call for a batch, where [`FindState::next_spans`] takes one a
    /// match: the checks and the call are paid once a batch (through the C
    /// API, callgrind: `@` over log lines 362 -> 253 instructions a match,
    /// `(\w)@(\w)` 1,562 -> 1,461).
    /// `stride` must be at least the most groups a pattern has
    /// ([`Regex::max_group_count`]; [`ErrorKind::BufferTooSmall`]
    /// otherwise, before the iteration moves on).
    ///
    /// ```
    /// use ferrex::{FindState, Match, Regex, Search};
    /// let re = Regex::new(r"(\d)(x)?").unwrap();
    /// let hay = b"1x 2 3x";
    /// let (mut cache, mut caps) = (re.create_cache(), re.create_captures());
    /// let mut it = FindState::new(&re, hay.len(), &Search::default()).unwrap();
    /// let mut out = [None::<Match>; 6]; // two matches of three groups
    /// assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out, 3).unwrap(), 2);
    /// let spans: Vec<_> = out.iter().map(|s| s.map(|m| (m.start, m.end))).collect();
    /// assert_eq!(spans, [Some((0, 2)), Some((0, 1)), Some((1, 2)), Some((3, 4)), Some((3, 4)), None]);
    /// assert_eq!(it.next_spans_batch(&re, &mut cache, hay, &mut caps, &mut out, 3).unwrap(), 1);
    /// assert_eq!(out[0].map(|m| (m.start, m.end)), Some((5, 7)));
    /// ```
    pub fn next_spans_batch<T: From<Option<Match>>>(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        caps: &mut Captures,
        out: &mut [T],
        stride: usize,
    ) -> Result<usize, Error> {
        let most = re.max_group_count();
        if stride == 0 || stride < most {
            // At least 1 even for a regex of no patterns (no groups), whose
            // batch is empty anyway: one rule for every regex.
            let message = match stride {
                0 => "a stride of 0 holds no span: a match needs at least 1".to_string(),
                _ => format!("a stride of {stride} spans a match but a pattern has {most} groups"),
            };
            return Err(Error::new(ErrorKind::BufferTooSmall, message));
        }
        let scratch = re.scratch_for(cache)?;
        re.check_captures(caps)?;
        check_length(self.haystack_len, haystack.len())?;
        // Chunk by chunk without chunks_exact_mut, whose division by the
        // stride is most of a batch's cost over a short haystack.
        let (mut written, mut rest) = (0, out);
        while rest.len() >= stride {
            let (chunk, after) = std::mem::take(&mut rest).split_at_mut(stride);
            if self.captures_step(re, scratch, haystack, caps).is_none() {
                caps.caps.set_pattern(None);
                break;
            }
            let Some((pid, groups)) = caps.matched_groups() else { break };
            let (spans, unset) = chunk.split_at_mut(groups.min(stride));
            caps.write_spans(pid, spans);
            unset.iter_mut().for_each(|slot| *slot = T::from(None));
            written += 1;
            rest = after;
        }
        Ok(written)
    }

    /// One step of a captures iteration, the checks done: the next match,
    /// its groups in `caps` (left as they were when there is none).
    #[inline(always)]
    fn captures_step(
        &mut self,
        re: &Regex,
        scratch: &mut Scratch,
        haystack: &[u8],
        caps: &mut Captures,
    ) -> Option<Match> {
        if re.plain_captures(self.earliest) {
            self.step(
                haystack,
                #[inline(always)]
                |input| re.captures_plain(scratch, input, caps),
            )
        } else if let Some(exact) = re.exact_captures(self.anchored, self.earliest) {
            let found = self.cursor.advance(&mut exact.step(haystack));
            crate::captures::record_match(&mut caps.caps, found);
            found
        } else {
            let last_invalid = re.iteration_invalid(&mut self.cursor, haystack);
            scratch.iteration = re.searches_per_pattern().then(|| self.cursor.token());
            let found = self.step(
                haystack,
                #[inline(always)]
                |input| re.captures_input(scratch, input, caps, last_invalid),
            );
            scratch.iteration = None;
            found
        }
    }

    /// (The closures are `inline(always)`: in the batch loop LLVM left the
    /// cursor's closure out of line, 90 instructions a step.)
    #[inline(always)]
    fn step(&mut self, haystack: &[u8], mut search: impl FnMut(&Input<'_>) -> Option<Match>) -> Option<Match> {
        let (anchored, earliest) = (self.anchored, self.earliest);
        let mut find = step_fn(
            #[inline(always)]
            |start, end| search(&input_at(haystack, (start, end), anchored, earliest)),
        );
        self.cursor.advance(&mut find)
    }
}

/// `f` as it is: a place for the attribute on a closure that is then
/// borrowed (an attribute on the operand of `&mut` is unstable).
#[inline(always)]
fn step_fn<F: FnMut(usize, usize) -> Option<Match>>(f: F) -> F {
    f
}

/// An iteration must see the haystack it started on (it may have moved in
/// memory, but not changed length).
#[inline]
pub(crate) fn check_length(started: usize, now: usize) -> Result<(), Error> {
    if started != now {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the iteration was started on a haystack of {started} bytes but continued on one of {now}"),
        ));
    }
    Ok(())
}

/// An iterator over the successive non-overlapping matches of a regex in
/// one haystack, made by [`Regex::find_iter`]. It borrows the regex, the
/// cache (or holds one from the regex's pool) and the haystack, and yields
/// [`Match`]es: everything that can fail (bounds, pattern index, a cache of
/// another regex) is checked when it is made, after which no step can fail,
/// so the items are plain matches, as the regex crate's `find_iter` yields
/// (an `Item = Result<Match, Error>` would make every caller handle an
/// error that cannot happen). The matches are those [`FindState`] steps
/// through, which keeps no borrow between steps.
///
/// ```
/// use ferrex::{Match, Regex, Search};
/// let re = Regex::new(r"[0-9]+").unwrap();
/// let hay = b"1 22 333";
/// let spans: Vec<(usize, usize)> =
///     re.find_iter(None, hay, &Search::default()).unwrap().map(|m| (m.start, m.end)).collect();
/// assert_eq!(spans, [(0, 1), (2, 4), (5, 8)]);
///
/// let mut cache = re.create_cache();
/// let total: usize = re.find_iter(Some(&mut cache), hay, &Search::bounds(2, 8)).unwrap().map(|m| m.end - m.start).sum();
/// assert_eq!(total, 5);
/// ```
pub struct FindIter<'r, 'c, 'h> {
    re: &'r Regex,
    scratch: ScratchRef<'r, 'c>,
    haystack: &'h [u8],
    state: FindState,
}

impl<'r, 'c, 'h> FindIter<'r, 'c, 'h> {
    #[inline]
    pub(crate) fn new(
        re: &'r Regex,
        cache: Option<&'c mut Cache>,
        haystack: &'h [u8],
        search: &Search,
    ) -> Result<FindIter<'r, 'c, 'h>, Error> {
        let state = FindState::new(re, haystack.len(), search)?;
        Ok(FindIter { re, scratch: re.scratch_ref(cache)?, haystack, state })
    }
}

impl Iterator for FindIter<'_, '_, '_> {
    type Item = Match;

    #[inline]
    fn next(&mut self) -> Option<Match> {
        self.state.advance(self.re, self.scratch.get(), self.haystack)
    }
}

// Once the bounds are exhausted the cursor stays exhausted.
impl std::iter::FusedIterator for FindIter<'_, '_, '_> {}

impl std::fmt::Debug for FindIter<'_, '_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FindIter").field("haystack_len", &self.haystack.len()).field("state", &self.state).finish()
    }
}
