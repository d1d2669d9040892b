//! Where a haystack stops being valid UTF-8, for the byte-mode twin
//! (regex.rs: `Inner::invalid_twin`): a search whose span holds invalid
//! UTF-8 goes to the twin, and an iteration, whose steps start one byte
//! after a skipped empty match (inside a character), decides per step
//! without rescanning the haystack.

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
    // simdutf8 (SIMD, the instruction set found at run time): about 0.07
    // ns a byte of Russian or Chinese, where std's validation, which
    // branches on every character, took 1.3-1.5 ns and a shift DFA of our
    // own 0.5, as long as a lazy DFA's search of the same bytes (a count of
    // `(?-u:\b)` over Russian took 1.96x the meta regex's time with std's).
    if simdutf8::basic::from_utf8(&haystack[at..to]).is_ok() {
        return None;
    }
    let mut last = None;
    while let Err(e) = simdutf8::compat::from_utf8(&haystack[at..to]) {
        let bad = at + e.valid_up_to();
        last = Some(bad);
        at = bad + e.error_len().unwrap_or(to - bad).max(1);
    }
    last
}

/// Once reading spans for invalid UTF-8 would bring what a regex's
/// finds, captures and is-match have read under the utf8-empty rule to
/// this many bytes, they ask the byte-mode twin first (regex.rs:
/// `Inner::twin_first`), building it if need be: reading 256 KiB takes
/// about 17 us of Russian (3 of English), about what building the twin
/// of a small pattern does.
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

    /// last_invalid finds the last sequence std's validation rejects, in
    /// spans of random characters (one to four bytes) and invalid bytes
    /// (lone continuations, truncated sequences, overlong forms,
    /// surrogates, past U+10FFFF), up to three vectors long, from every
    /// start to ends on both sides of each 16 and 32 byte boundary.
    #[test]
    fn the_last_invalid_sequence_is_the_one_std_validation_finds() {
        const PIECES: &[&[u8]] = &[
            b"a",
            b"Z",
            b"\xC3\xA9",
            b"\xE2\x82\xAC",
            b"\xF0\x9F\x98\x80",
            b"\x80",
            b"\xBF",
            b"\xC3",
            b"\xE2\x82",
            b"\xF0\x9F\x98",
            b"\xC0\xAF",
            b"\xE0\x80\xAF",
            b"\xED\xA0\x80",
            b"\xF4\x90\x80\x80",
            b"\xFF",
        ];
        let mut rng = crate::test_rng::Rng(0x9E37_79B9_7F4A_7C15);
        let mut below = |n: usize| rng.below(n);
        let (mut invalid, mut valid) = (0, 0);
        for round in 0..400 {
            let mut hay = Vec::new();
            while hay.len() < 96 {
                // Mostly valid, so that a lone invalid piece lands anywhere.
                let piece = if below(8) == 0 || round % 4 == 0 { below(PIECES.len()) } else { below(5) };
                hay.extend_from_slice(PIECES[piece]);
            }
            for start in 0..hay.len().min(40) {
                for end in [start, start + 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, hay.len()] {
                    if end < start || end > hay.len() {
                        continue;
                    }
                    // The span as last_invalid widens it, then std's errors.
                    let mut to = end;
                    while to < hay.len() && to - end < 3 && hay[to] & 0xC0 == 0x80 {
                        to += 1;
                    }
                    let mut at = char_start(&hay, start);
                    let mut want = None;
                    while let Err(e) = std::str::from_utf8(&hay[at..to]) {
                        want = Some(at + e.valid_up_to());
                        at += e.valid_up_to() + e.error_len().unwrap_or(to - at - e.valid_up_to()).max(1);
                    }
                    assert_eq!(last_invalid(&hay, start, end), want, "{hay:x?}[{start}..{end}]");
                    if want.is_some() {
                        invalid += 1;
                    } else {
                        valid += 1;
                    }
                }
            }
        }
        assert!(invalid > 10_000 && valid > 10_000, "{invalid} invalid, {valid} valid");
    }
}
