//! Capture group spans from the last captures search.

use std::sync::Weak;

use regex_automata::util::captures;

use crate::error::{Error, ErrorKind};
use crate::regex::{group_error, Inner, Match};

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
    pub(crate) owner: Weak<Inner>,
    pub(crate) caps: captures::Captures,
}

impl Captures {
    /// The pattern that matched, or `None` when the last search found nothing.
    pub fn pattern(&self) -> Option<usize> {
        self.caps.pattern().map(|p| p.as_usize())
    }

    /// The number of groups (group 0 included) of the matched pattern, or
    /// `None` when the last search found nothing.
    pub fn group_count(&self) -> Option<usize> {
        self.caps.pattern().map(|p| self.caps.group_info().group_len(p))
    }

    /// The span of group `index` (0 is the whole match): `None` when the
    /// group did not take part in the match, or when there was no match.
    pub fn get(&self, index: usize) -> Result<Option<Match>, Error> {
        let Some(pid) = self.caps.pattern() else { return Ok(None) };
        let count = self.caps.group_info().group_len(pid);
        if index >= count {
            return Err(group_error(index, count));
        }
        Ok(self.caps.get_group(index).map(|span| Match { start: span.start, end: span.end, pattern: pid.as_usize() }))
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
