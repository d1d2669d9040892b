//! Where a haystack stops being valid UTF-8, for the byte-mode twin
//! (regex.rs: `Inner::invalid_twin`): a search whose span holds invalid
//! UTF-8 goes to the twin, and an iteration, whose steps start one byte
//! after a skipped empty match (inside a character), decides per step
//! without rescanning the haystack.

mod validate;

/// `pos` moved back to the start of the character it is inside (at most
/// three continuation bytes back).
pub(crate) fn char_start(haystack: &[u8], pos: usize) -> usize {
    let continuation = |i: usize| haystack.get(i).is_some_and(|&b| b & 0xC0 == 0x80);
    let mut at = pos;
    while at > 0 && pos - at < 3 && continuation(at) {
        at -= 1;
    }
    at
}

/// Where the last invalid sequence of `haystack[start..end]` starts, the
/// span widened to whole characters at both edges; `None` when it is valid
/// (or out of bounds: the search reports those).
pub(crate) fn last_invalid(haystack: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > haystack.len() {
        return None;
    }
    let mut to = end;
    while to < haystack.len() && to - end < 3 && haystack[to] & 0xC0 == 0x80 {
        to += 1;
    }
    let mut at = char_start(haystack, start);
    #[cfg(feature = "testing")]
    crate::testing::count_utf8_read(to - at);
    if validate::is_valid(&haystack[at..to]) {
        return None;
    }
    let mut last = None;
    while let Err(e) = std::str::from_utf8(&haystack[at..to]) {
        let bad = at + e.valid_up_to();
        last = Some(bad);
        at = bad + e.error_len().unwrap_or(to - bad).max(1);
    }
    last
}

/// Once reading spans for invalid UTF-8 would bring what a regex's finds,
/// captures and is-match have read under the utf8-empty rule to this many bytes,
/// they ask the byte-mode twin first (regex.rs: `Inner::twin_first`),
/// building it if need be: reading 256 KiB takes about 12 us (900 KB of
/// English: 42 us), about what building the twin of a small pattern does.
pub(crate) const TWIN_FIRST_SPAN: usize = 256 << 10;

/// Whether byte mode's match ending at `end` is also the answer of the
/// utf8-empty rule, whatever the span holds: `end` is a character
/// boundary (the end of the haystack, or not a continuation byte).
///
/// Why: regex-automata's UTF-8 rule runs byte mode's search (the same
/// NFA; its unanchored prefix is any byte in both) and skips a match that
/// ends off a character boundary by searching again one byte further on;
/// that is its only difference (util/empty.rs: `skip_splits_fwd`). Byte
/// mode's leftmost match is the first one the rule's search meets, and
/// where it ends on a boundary the rule keeps it: on a valid span both
/// give this match, and on an invalid span byte mode's is the answer
/// anyway. For the same reason a span in which byte mode finds nothing
/// has no match under the rule.
pub(crate) fn settles(haystack: &[u8], end: usize) -> bool {
    haystack.get(end).map_or(true, |&b| b & 0xC0 != 0x80)
}

/// Whether a search from `from` sees invalid UTF-8, given the last invalid
/// sequence's start for the span it lies in.
#[inline]
pub(crate) fn sees_invalid(haystack: &[u8], from: usize, last_invalid: Option<usize>) -> bool {
    last_invalid.is_some_and(|last| char_start(haystack, from) <= last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_invalid_sequence_and_who_sees_it() {
        let hay = b"ab\x80c\xC3\xA9d";
        assert_eq!(last_invalid(hay, 0, hay.len()), Some(2));
        assert_eq!(last_invalid(hay, 3, hay.len()), None);
        // Inside "é" the span widens to the whole character: valid.
        assert_eq!(last_invalid(hay, 5, hay.len()), None);
        assert_eq!(last_invalid(b"\xE2\x82", 0, 2), Some(0));
        assert!(sees_invalid(hay, 1, Some(2)) && sees_invalid(hay, 2, Some(2)));
        assert!(!sees_invalid(hay, 3, Some(2)) && !sees_invalid(hay, 5, Some(2)));
        assert_eq!(last_invalid(hay, 9, 3), None);
    }
}
