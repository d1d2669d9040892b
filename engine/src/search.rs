//! What one search looks at and how: bounds, anchoring, earliest.

use regex_automata::{Anchored, Input, PatternID};

use crate::error::{Error, ErrorKind};

/// How a search is anchored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// A match may start anywhere inside the bounds.
    #[default]
    None,
    /// A match must start exactly at the start bound.
    Start,
    /// A match must start at the start bound and be a match of this pattern.
    Pattern(usize),
}

/// One search request over a haystack. `end: None` means the haystack's end.
/// Look-around (`^`, `\b`, ...) sees the bytes outside the bounds, so
/// searching `[start, end)` differs from searching the sub-slice.
///
/// ```
/// use ferrex::{Regex, Search};
/// let re = Regex::new(r"\bcat\b").unwrap();
/// // "cat" inside "concat" is not a word on its own, even with bounds at 3.
/// assert_eq!(re.find(None, b"concat", &Search::bounds(3, 6)).unwrap(), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Search {
    /// Where the search starts (inclusive).
    pub start: usize,
    /// Where the search ends (exclusive); `None` is the haystack's length.
    pub end: Option<usize>,
    /// Anchoring mode.
    pub anchor: Anchor,
    /// Stop at the first match state seen instead of finding the leftmost
    /// match's true end: faster, and the match may be shorter.
    pub earliest: bool,
    /// `start` is where a previous match ended: the search is the next step
    /// of an iteration resumed there, so an empty match at `start` is not
    /// reported (the search looks on from `start + 1`, anchored searches
    /// too), as the iteration itself would skip it. This lets a caller go on
    /// from a match without keeping an iterator. The steps of one
    /// iteration made so, with one cache, over the same haystack (its
    /// address and length) to the same end read it for invalid UTF-8 once,
    /// as an iterator does (a regex that can match empty, in UTF-8 mode):
    /// its bytes must not change between them. Not for
    /// [`Regex::which_matches`](crate::Regex::which_matches) or overlapping
    /// phrase iteration, whose matches may overlap
    /// ([`ErrorKind::InvalidArgument`]).
    ///
    /// ```
    /// use ferrex::{Regex, Search};
    /// let re = Regex::new(r"a*").unwrap();
    /// let hay = b"baab";
    /// // Iterating gives (0, 0), (1, 3), (4, 4); resumed after (1, 3), the
    /// // empty match at 3 is skipped.
    /// let next = re.find(None, hay, &Search::bounds(3, 4).after_match(true)).unwrap();
    /// assert_eq!(next.map(|m| (m.start, m.end)), Some((4, 4)));
    /// ```
    pub after_match: bool,
}

impl Search {
    /// A search over the bytes `[start, end)`.
    pub fn bounds(start: usize, end: usize) -> Search {
        Search { start, end: Some(end), ..Search::default() }
    }

    /// The same search, anchored as given.
    pub fn anchored(self, anchor: Anchor) -> Search {
        Search { anchor, ..self }
    }

    /// The same search, with earliest set as given.
    pub fn earliest(self, earliest: bool) -> Search {
        Search { earliest, ..self }
    }

    /// The same search, with [`Search::after_match`] set as given.
    pub fn after_match(self, after_match: bool) -> Search {
        Search { after_match, ..self }
    }

    /// Refuses [`Search::after_match`] for a query whose matches may
    /// overlap, where "the next step of an iteration" means nothing.
    #[inline(always)]
    pub(crate) fn non_overlapping_only(&self, query: &'static str) -> Result<(), Error> {
        if self.after_match {
            return Err(overlapping_after_match(query));
        }
        Ok(())
    }

    /// Resolves the end bound against a haystack length and checks it.
    #[inline]
    pub(crate) fn span(&self, haystack_len: usize) -> Result<(usize, usize), Error> {
        let end = self.end.unwrap_or(haystack_len);
        if end > haystack_len || self.start > end {
            return Err(out_of_bounds(self.start, end, haystack_len));
        }
        Ok((self.start, end))
    }

    /// The regex-automata anchoring mode, after checking the pattern index.
    /// Always inlined: returned through memory, its `Anchored` (written as
    /// two 4-byte stores) was read back as one 8-byte load, which stalls on
    /// store forwarding: half of a C count call's time on a 10 KB haystack
    /// its prefilter rejects (`^((aaa)|(aa))$`, perf annotate).
    #[inline(always)]
    pub(crate) fn anchored_mode(&self, patterns: usize) -> Result<Anchored, Error> {
        Ok(match self.anchor {
            Anchor::None => Anchored::No,
            Anchor::Start => Anchored::Yes,
            Anchor::Pattern(p) => Anchored::Pattern(pattern_id(p, patterns)?),
        })
    }

    /// Narrows `input`, made by `Input::new` over the whole haystack, to
    /// these bounds and anchoring, after checking them and the pattern
    /// index: in place, for the reason [`narrow`] gives.
    ///
    /// A search of the whole haystack (the common one) leaves the span
    /// alone: `set_span` checks it again, often out of line, and cost a
    /// find through the engine crate 26-30 instructions a call (`@` over
    /// 16 bytes of a log: 149 -> 119, the meta regex 127). Only here, at a
    /// query's start: in an iteration's steps the span moves every match,
    /// and with the test there LLVM left `set_span` out of line in the C
    /// library's iterations and find-all, where it had inlined it.
    #[inline(always)]
    pub(crate) fn narrow(&self, input: &mut Input<'_>, patterns: usize) -> Result<(), Error> {
        let (start, end) = self.span(input.haystack().len())?;
        let anchored = self.anchored_mode(patterns)?;
        if (start, end) != (0, input.haystack().len()) {
            input.set_span(start..end);
        }
        input.set_anchored(anchored);
        input.set_earliest(self.earliest);
        Ok(())
    }
}

/// Narrows `input`, made by `Input::new` over the whole haystack, to
/// `start..end` with the given anchoring, in the caller's variable. Built
/// anywhere else and moved there (returned by value, or through a
/// `Result`), the `Input` is copied with 16-byte loads of fields just
/// stored one by one (`set_span` is often not inlined, so the fields go
/// through memory), and such a load cannot be forwarded from those stores:
/// it waits until they reach the cache (a C reset and batch over 16 bytes
/// and over 1 KB: 102-108 ns copied, 97-100 in place, min of 5 processes).
/// The caller checks the bounds.
#[inline(always)]
pub(crate) fn narrow(input: &mut Input<'_>, (start, end): (usize, usize), anchored: Anchored, earliest: bool) {
    input.set_span(start..end);
    input.set_anchored(anchored);
    input.set_earliest(earliest);
}

/// A regex-automata input over `haystack[start..end]` ([`narrow`]), for
/// an `Input` used where it is made.
#[inline(always)]
pub(crate) fn input_at(haystack: &[u8], (start, end): (usize, usize), anchored: Anchored, earliest: bool) -> Input<'_> {
    let mut input = Input::new(haystack);
    narrow(&mut input, (start, end), anchored, earliest);
    input
}

#[cold]
#[inline(never)]
fn overlapping_after_match(query: &str) -> Error {
    Error::new(
        ErrorKind::InvalidArgument,
        format!("a search after a match continues a non-overlapping iteration; {query} reports overlapping matches"),
    )
}

#[cold]
#[inline(never)]
fn out_of_bounds(start: usize, end: usize, haystack_len: usize) -> Error {
    Error::new(
        ErrorKind::OutOfBounds,
        format!("search bounds {start}..{end} do not lie inside a haystack of {haystack_len} bytes"),
    )
}

/// Checks a pattern index against the pattern count.
#[inline(always)]
pub(crate) fn pattern_id(index: usize, patterns: usize) -> Result<PatternID, Error> {
    match PatternID::new(index) {
        Ok(id) if index < patterns => Ok(id),
        _ => Err(bad_pattern(index, patterns)),
    }
}

#[cold]
#[inline(never)]
fn bad_pattern(index: usize, patterns: usize) -> Error {
    Error::new(ErrorKind::Index, format!("pattern index {index} is out of range for a regex of {patterns} pattern(s)"))
}
