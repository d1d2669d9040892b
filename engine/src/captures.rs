//! Capture group spans from the last captures search.

use regex_automata::util::captures;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::PatternID;

use crate::error::{Error, ErrorKind};
use crate::regex::{group_error, Match, Owner};

/// The spans of every capture group of the last match found by
/// [`crate::Regex::captures`]. Holds offsets only, never the haystack.
///
/// ```
/// use ferrex::{Regex, Search};
/// let re = Regex::new(r"(?<year>\d{4})-(\d{2})").unwrap();
/// let mut caps = re.create_captures();
/// assert!(re.captures(None, b"on 2024-05", &Search::default(), &mut caps).unwrap());
/// assert_eq!(caps.get(2).unwrap().map(|m| (m.start, m.end)), Some((8, 10)));
/// assert_eq!(caps.get_by_name("year").unwrap().map(|m| m.start), Some(3));
/// ```
pub struct Captures {
    pub(crate) owner: Owner,
    pub(crate) caps: captures::Captures,
}

impl Captures {
    /// The pattern that matched, or `None` when the last search found nothing.
    #[inline]
    pub fn pattern(&self) -> Option<usize> {
        self.caps.pattern().map(|p| p.as_usize())
    }

    /// The number of groups (group 0 included) of the matched pattern, or
    /// `None` when the last search found nothing.
    #[inline]
    pub fn group_count(&self) -> Option<usize> {
        self.caps.pattern().map(|p| self.caps.group_info().group_len(p))
    }

    /// The span of group `index` (0 is the whole match): `None` when the
    /// group did not take part in the match, or when there was no match.
    #[inline]
    pub fn get(&self, index: usize) -> Result<Option<Match>, Error> {
        let Some(pid) = self.caps.pattern() else { return Ok(None) };
        let count = self.caps.group_info().group_len(pid);
        if index >= count {
            return Err(group_error(index, count));
        }
        Ok(self.caps.get_group(index).map(|span| Match { start: span.start, end: span.end, pattern: pid.as_usize() }))
    }

    /// Copies the span of every group of the matched pattern into
    /// `out[0..n)` in one go, where `n` is the group count (`None` for a
    /// group that did not take part), and returns `n`; `Ok(None)` when the
    /// last search found nothing. `out` must hold at least `n` entries, or
    /// this is an [`ErrorKind::BufferTooSmall`] error and nothing is
    /// written. (`T` is `Option<Match>`, or C's span type.)
    ///
    /// ```
    /// use ferrex::{Match, Regex, Search};
    /// let re = Regex::new(r"(\d+)-(x)?(\d+)").unwrap();
    /// let mut caps = re.create_captures();
    /// re.captures(None, b"id 12-34", &Search::default(), &mut caps).unwrap();
    /// let mut spans: [Option<Match>; 4] = [None; 4];
    /// assert_eq!(caps.copy_spans(&mut spans).unwrap(), Some(4));
    /// let got: Vec<_> = spans.iter().map(|s| s.map(|m| (m.start, m.end))).collect();
    /// assert_eq!(got, [Some((3, 8)), Some((3, 5)), None, Some((6, 8))]);
    /// ```
    // Inlined into each caller: out of line, as fat LTO left it under
    // #[inline], the call cost a C caller of ferrex_captures_spans about 35
    // instructions a match (callgrind over bench/engines/core/percall.c,
    // count-captures, instructions a line: a log line with one match 1,843
    // -> 1,808; ruff's keyword regex over a line with two 4,727 -> 4,653).
    #[inline(always)]
    pub fn copy_spans<T: From<Option<Match>>>(&self, out: &mut [T]) -> Result<Option<usize>, Error> {
        let Some(pid) = self.caps.pattern() else { return Ok(None) };
        let count = self.caps.group_info().group_len(pid);
        let Some(out) = out.get_mut(..count) else {
            return Err(Error::new(
                ErrorKind::BufferTooSmall,
                format!("the output holds {} spans but the matched pattern has {count} groups", out.len()),
            ));
        };
        self.write_spans(pid, out);
        Ok(Some(count))
    }

    /// Writes the span of each group of `pid`, the pattern that matched,
    /// into `out` (one entry per group: `out.len()` is its group count).
    /// The body of [`Captures::copy_spans`], inlined into the batch loop of
    /// [`crate::FindState::next_spans_batch`] too.
    #[inline(always)]
    pub(crate) fn write_spans<T: From<Option<Match>>>(&self, pid: PatternID, out: &mut [T]) {
        let pattern = pid.as_usize();
        // One pattern: its groups' slots are the first 2 * count, a start
        // and an end per group, read pairwise here rather than looked up
        // group by group with get_group's checks (callgrind, three groups:
        // 133 instructions a call before, 105 now).
        let slots = self.caps.slots();
        if let (1, Some(pairs)) = (self.caps.group_info().pattern_len(), slots.get(..2 * out.len())) {
            for (slot, pair) in out.iter_mut().zip(pairs.chunks_exact(2)) {
                // The capture engines set a group's two slots together, so
                // the start alone says whether the group took part: a test
                // of both cost 18 instructions a group, this 13 (callgrind,
                // the 89 groups of rebar's parol-veryl). An end unset
                // beside a set start, which they never leave, would read
                // as an empty span, not as half a span.
                debug_assert_eq!(pair[0].is_some(), pair[1].is_some(), "a group's slots set apart");
                let span = pair[0].map(|start| Match {
                    start: start.get(),
                    end: pair[1].map_or(start.get(), |end| end.get()),
                    pattern,
                });
                *slot = T::from(span);
            }
            return;
        }
        for (index, slot) in out.iter_mut().enumerate() {
            let span = self.caps.get_group(index).map(|s| Match { start: s.start, end: s.end, pattern });
            *slot = T::from(span);
        }
    }

    /// The pattern that matched and its group count, or `None` when the
    /// last search found nothing.
    #[inline(always)]
    pub(crate) fn matched_groups(&self) -> Option<(PatternID, usize)> {
        let pid = self.caps.pattern()?;
        Some((pid, self.caps.group_info().group_len(pid)))
    }

    /// The span of the group called `name` in the matched pattern. A name
    /// the matched pattern lacks is an [`ErrorKind::Index`] error.
    pub fn get_by_name(&self, name: &str) -> Result<Option<Match>, Error> {
        let Some(pid) = self.caps.pattern() else { return Ok(None) };
        match self.caps.group_info().to_index(pid, name) {
            Some(index) => self.get(index),
            None => {
                Err(Error::new(ErrorKind::Index, format!("pattern {} has no group named {name:?}", pid.as_usize())))
            }
        }
    }
}

/// Records `found` (a match, or none) in `caps` as a captures search of a
/// pattern with no groups but the match records it: group 0's span (group
/// 0's slots come first, two per pattern), or no match. Returns whether
/// there is one. For matches found without a captures search: exact
/// literals, replacements that need group 0 only, and group-less patterns
/// where find's match is the answer.
#[inline(always)]
pub(crate) fn record_match(caps: &mut captures::Captures, found: Option<Match>) -> bool {
    let Some(m) = found else {
        caps.set_pattern(None);
        return false;
    };
    if let Some([start, end]) = caps.slots_mut().get_mut(m.pattern * 2..m.pattern * 2 + 2) {
        *start = NonMaxUsize::new(m.start);
        *end = NonMaxUsize::new(m.end);
    }
    caps.set_pattern(PatternID::new(m.pattern).ok());
    true
}
