//! Iteration over successive non-overlapping matches. The state holds
//! offsets only, so the haystack is handed to every step (the caller's
//! memory may move between calls; its contents and length may not change).

use regex_automata::{Anchored, Input};

use crate::cache::{Cache, Scratch};
use crate::captures::Captures;
use crate::cursor::Cursor;
use crate::error::{Error, ErrorKind};
use crate::regex::{Match, Regex};
use crate::search::{pattern_id, Anchor, Search};

/// Where an iteration over one haystack stands.
///
/// Empty matches follow the `regex` crate: an empty match that begins where
/// the previous match ended is skipped and the search resumes one byte later
/// (also when anchored, so an anchored iteration may resume past a gap of
/// one byte after an empty match), and in UTF-8 mode no empty match splits
/// a codepoint.
///
/// ```
/// use ferrex::{FindIter, Regex, Search};
/// let re = Regex::new(r"a*").unwrap();
/// let hay = b"baaab";
/// let mut cache = re.create_cache();
/// let mut it = FindIter::new(&re, hay.len(), &Search::default()).unwrap();
/// let mut spans = vec![];
/// while let Some(m) = it.next(&re, &mut cache, hay).unwrap() {
///     spans.push((m.start, m.end));
/// }
/// assert_eq!(spans, [(0, 0), (1, 4), (5, 5)]);
/// ```
#[derive(Clone, Debug)]
pub struct FindIter {
    haystack_len: usize,
    anchored: Anchored,
    earliest: bool,
    cursor: Cursor,
}

impl FindIter {
    /// Starts an iteration over a haystack of `haystack_len` bytes.
    pub fn new(re: &Regex, haystack_len: usize, search: &Search) -> Result<FindIter, Error> {
        let (start, end) = search.span(haystack_len)?;
        let anchored = match search.anchor {
            Anchor::None => Anchored::No,
            Anchor::Start => Anchored::Yes,
            Anchor::Pattern(p) => Anchored::Pattern(pattern_id(p, re.pattern_count())?),
        };
        Ok(FindIter { haystack_len, anchored, earliest: search.earliest, cursor: Cursor::new(start, end) })
    }

    /// The next match, or `None` once the bounds are exhausted.
    pub fn next(&mut self, re: &Regex, cache: &mut Cache, haystack: &[u8]) -> Result<Option<Match>, Error> {
        self.next_in(re, re.scratch_for(cache)?, haystack)
    }

    /// The next match with its capture groups recorded in `caps`.
    pub fn next_captures(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        caps: &mut Captures,
    ) -> Result<Option<Match>, Error> {
        self.next_captures_in(re, re.scratch_for(cache)?, haystack, caps)
    }

    /// Writes up to `out.len()` next matches into `out` and returns how
    /// many; fewer than `out.len()` means the iteration is over.
    pub fn next_batch<T: From<Match>>(
        &mut self,
        re: &Regex,
        cache: &mut Cache,
        haystack: &[u8],
        out: &mut [T],
    ) -> Result<usize, Error> {
        let scratch = re.scratch_for(cache)?;
        for (written, slot) in out.iter_mut().enumerate() {
            match self.next_in(re, scratch, haystack)? {
                Some(m) => *slot = T::from(m),
                None => return Ok(written),
            }
        }
        Ok(out.len())
    }

    /// [`FindIter::next`] with scratch already checked (or from the pool).
    pub(crate) fn next_in(
        &mut self,
        re: &Regex,
        scratch: &mut Scratch,
        haystack: &[u8],
    ) -> Result<Option<Match>, Error> {
        self.step(haystack, |input| re.find_input(scratch, input))
    }

    /// [`FindIter::next_captures`] with scratch already checked.
    pub(crate) fn next_captures_in(
        &mut self,
        re: &Regex,
        scratch: &mut Scratch,
        haystack: &[u8],
        caps: &mut Captures,
    ) -> Result<Option<Match>, Error> {
        re.check_captures(caps)?;
        let found = self.step(haystack, |input| re.captures_input(scratch, input, caps))?;
        if found.is_none() {
            caps.caps.set_pattern(None);
        }
        Ok(found)
    }

    fn step(
        &mut self,
        haystack: &[u8],
        mut search: impl FnMut(&Input<'_>) -> Option<Match>,
    ) -> Result<Option<Match>, Error> {
        check_length(self.haystack_len, haystack.len())?;
        let (anchored, earliest) = (self.anchored, self.earliest);
        Ok(self.cursor.advance(|start, end| {
            search(&Input::new(haystack).range(start..end).anchored(anchored).earliest(earliest))
        }))
    }
}

/// An iteration must see the haystack it started on (it may have moved in
/// memory, but not changed length).
pub(crate) fn check_length(started: usize, now: usize) -> Result<(), Error> {
    if started != now {
        return Err(Error::new(
            ErrorKind::InvalidArgument,
            format!("the iteration was started on a haystack of {started} bytes but continued on one of {now}"),
        ));
    }
    Ok(())
}
