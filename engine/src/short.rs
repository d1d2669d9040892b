//! is-match on short spans: a hand-written walk over the lazy DFA.
//!
//! regex-automata's search routines prepare for long haystacks (an
//! `Input`, prefilter and acceleration checks, an unrolled loop); on a
//! span of a few dozen bytes that preparation costs more than the walk
//! itself. This loop does only what an earliest-match is-match needs: the
//! start state for the span's look-behind byte, one transition per byte
//! (computing unknown ones on the way), and the end-of-input transition.
//!
//! One trick on top: a DFA walk is a chain of dependent loads (each state
//! comes from the previous one), about five cycles a byte. In the
//! unanchored start state most bytes lead straight back to it, so a table
//! of those bytes lets the walk skip them without the chain (PCRE2's start
//! bits, regex-automata's accelerated states).

use regex_automata::{
    hybrid::{
        dfa::{Cache, DFA},
        LazyStateID,
    },
    util::start,
    Anchored,
};

/// Whether the walk answers for this DFA: not when an empty match must be
/// kept off the inside of a UTF-8 character (the regex can match empty in
/// UTF-8 mode); regex-automata's own search shifts such matches and the
/// walk does not.
#[inline]
pub(crate) fn suits(dfa: &DFA) -> bool {
    let nfa = dfa.get_nfa();
    !(nfa.has_empty() && nfa.is_utf8())
}

/// Whether the lazy DFA matches in `haystack[start..end]` (bytes outside
/// the span are seen only as look-around). `None` when the DFA gives up
/// (a quit byte, such as non-ASCII under a Unicode `\b`, or a thrashing
/// cache): the caller then asks an engine that cannot give up.
pub(crate) fn is_match(
    dfa: &DFA,
    cache: &mut Cache,
    skip: &mut Option<StartSkip>,
    haystack: &[u8],
    start: usize,
    end: usize,
    anchored: Anchored,
) -> Option<bool> {
    earliest(dfa, cache, skip, haystack, start, end, anchored).map(|end| end.is_some())
}

/// The walk of [`is_match`], answering where the earliest match it sees
/// ends (`Some(None)`: no match), as an earliest half search would: the
/// same one pass, for a caller that must check that end. Inlined into
/// both, so that `is_match` computes no end.
#[inline(always)]
pub(crate) fn earliest(
    dfa: &DFA,
    cache: &mut Cache,
    skip: &mut Option<StartSkip>,
    haystack: &[u8],
    start: usize,
    end: usize,
    anchored: Anchored,
) -> Option<Option<usize>> {
    walk::<false>(dfa, cache, Some(skip), haystack, start, end, anchored)
}

/// Whether the lazy DFA finds no match in `haystack[start..end]`, as
/// [`is_match`] answers, without the start state's skip table: find and
/// captures reject spans under 64 bytes this way (regex.rs:
/// `Inner::walk_rejects`), where the table's check costs more than it
/// skips (as for [`count`]), and where the searches after a match start
/// in another state than the first (a line's second search of
/// `^ *(\w+) +(\w+)`), whose tables would displace each other, each
/// computed anew: 256 transitions a search.
pub(crate) fn rejects(
    dfa: &DFA,
    cache: &mut Cache,
    haystack: &[u8],
    start: usize,
    end: usize,
    anchored: Anchored,
) -> Option<bool> {
    walk::<false>(dfa, cache, None, haystack, start, end, anchored).map(|end| end.is_none())
}

/// How many matches an iteration over `haystack[start..end]` reports
/// (leftmost-first, non-overlapping, with the empty-match rule of
/// regex-automata's `Searcher::advance_half`: an empty match where the
/// last one ended is skipped), by one leftmost walk a match. A span
/// shorter than `min_len`, the shortest match, is not walked. `None` when
/// the DFA gives up (the caller counts again by another engine).
///
/// Without the start state's skip table: on the spans counts are walked
/// (up to 64 bytes), its check and the skip loop's exit, which
/// mispredicts as bytes of text alternate, cost more than the chain of
/// transitions it saves (`[a-z]{3}\d` counted over 4-32 byte spans of
/// English: 1.06-1.44x the meta regex's time with the table, 0.8-0.96x
/// without; `\d`, which skips most bytes, 0.5-0.9x with it, 0.9-0.95x
/// without). And after a match a regex with look-behind (`\b`, `(?m)^`)
/// has another start state, whose table (256 transitions) a walk per
/// match would compute again and again.
pub(crate) fn count(
    dfa: &DFA,
    cache: &mut Cache,
    (haystack, start, end, anchored): (&[u8], usize, usize, Anchored),
    min_len: usize,
) -> Option<usize> {
    let (mut n, mut at, mut last_end) = (0, start, usize::MAX);
    while at <= end && end - at >= min_len {
        let Some(found) = walk::<true>(dfa, cache, None, haystack, at, end, anchored)? else { break };
        if found == last_end {
            // An empty match where the last one ended: skip one byte.
            at += 1;
            continue;
        }
        n += 1;
        (at, last_end) = (found, found);
    }
    Some(n)
}

/// The walk of [`earliest`] (`LEFTMOST` false) and of [`count`]: where the
/// earliest match, or the leftmost-first match, that a half search finds
/// ends (`Some(None)`: no match); `None` when the DFA gives up.
#[inline(always)]
fn walk<const LEFTMOST: bool>(
    dfa: &DFA,
    cache: &mut Cache,
    skip: Option<&mut Option<StartSkip>>,
    haystack: &[u8],
    start: usize,
    end: usize,
    anchored: Anchored,
) -> Option<Option<usize>> {
    let mut last = None;
    let look_behind = start.checked_sub(1).map(|at| haystack[at]);
    let config = start::Config::new().anchored(anchored).look_behind(look_behind);
    let mut sid = dfa.start_state(cache, &config).ok()?;
    let span = &haystack[start..end];
    let before = cache.clear_count();
    let skip = match skip {
        Some(slot) => StartSkip::for_state(slot, dfa, cache, sid),
        None => None,
    };
    if cache.clear_count() != before {
        // Building the table cleared the cache (it is then not kept):
        // every state ID was renumbered, the start state's too.
        sid = dfa.start_state(cache, &config).ok()?;
    }
    // A state ID that no walk reaches stands in when there is no table.
    let (mut home, loops, generation) = match skip {
        Some(k) => (Some(k.state), &k.loops, k.clear_count),
        None => (None, &[false; 256], cache.clear_count()),
    };
    let mut at = 0;
    while at < span.len() {
        if !sid.is_tagged() {
            // The hot loop: transitions already computed, read through a
            // shared borrow of the cache so they stay in registers. Its only
            // branch is the tag check, which real text almost never takes:
            // a data-dependent branch (a self-loop test, say) mispredicts on
            // text and cost more than it saved (measured: 2.4x slower lines
            // on `...://...|...@...`).
            let table: &Cache = cache;
            if Some(sid) == home {
                // One bounds test a byte (`at < len && loops[span[at]]` made two).
                while let Some(&byte) = span.get(at) {
                    if !loops[usize::from(byte)] {
                        break;
                    }
                    at += 1;
                }
            }
            // Four transitions a round, one bounds test for their bytes (as
            // regex-automata's own search loop unrolls): a state that is
            // tagged stops the round before its byte, which the loop below
            // then meets.
            for quad in span[at..].chunks_exact(4) {
                let [b0, b1, b2, b3] = [quad[0], quad[1], quad[2], quad[3]];
                let s0 = dfa.next_state_untagged(table, sid, b0);
                if s0.is_tagged() {
                    break;
                }
                let s1 = dfa.next_state_untagged(table, s0, b1);
                if s1.is_tagged() {
                    (sid, at) = (s0, at + 1);
                    break;
                }
                let s2 = dfa.next_state_untagged(table, s1, b2);
                if s2.is_tagged() {
                    (sid, at) = (s1, at + 2);
                    break;
                }
                let s3 = dfa.next_state_untagged(table, s2, b3);
                if s3.is_tagged() {
                    (sid, at) = (s2, at + 3);
                    break;
                }
                (sid, at) = (s3, at + 4);
            }
            while let Some(&byte) = span.get(at) {
                let next = dfa.next_state_untagged(table, sid, byte);
                if next.is_tagged() {
                    break;
                }
                sid = next;
                at += 1;
            }
            if at == span.len() {
                break;
            }
        }
        // The careful step: an unknown transition is computed (and
        // cached); a match, dead or quit state ends the walk; a start
        // state (tagged when the DFA has a prefilter) walks on.
        sid = dfa.next_state(cache, sid, span[at]).ok()?;
        at += 1;
        if cache.clear_count() != generation {
            // The cache was cleared: the table's state ID means nothing now.
            home = None;
        }
        if sid.is_tagged() {
            if sid.is_match() {
                // Reported one byte late: the match ends before that byte.
                if !LEFTMOST {
                    return Some(Some(start + at - 1));
                }
                last = Some(start + at - 1);
            } else if sid.is_dead() {
                return Some(last);
            }
            if sid.is_quit() {
                return None;
            }
        }
    }
    // Matches are reported one byte late: step over the byte after the
    // span (look-ahead), or over the end of input.
    sid = match haystack.get(end) {
        Some(&byte) => dfa.next_state(cache, sid, byte).ok()?,
        None => dfa.next_eoi_state(cache, sid).ok()?,
    };
    if sid.is_quit() {
        return None;
    }
    Some(if sid.is_match() { Some(end) } else { last })
}

/// The bytes on which a start state leads back to itself, for one lazy
/// DFA cache generation (a cache clear renumbers states).
pub(crate) struct StartSkip {
    state: LazyStateID,
    clear_count: usize,
    /// Whether any byte loops (else the table is only kept as "computed").
    skips: bool,
    loops: [bool; 256],
}

impl StartSkip {
    /// The skip table for start state `sid`, computed on first use and
    /// kept in `slot` (also when no byte loops, so that it is not computed
    /// again on every call); `None` when `sid` is tagged, no byte loops, or
    /// the computation cleared the cache. Inlined: out of line (as LLVM
    /// left it once the walk had two copies) it cost grep of rebar's
    /// long-words-ascii 3.4% more instructions.
    #[inline(always)]
    fn for_state<'s>(
        slot: &'s mut Option<StartSkip>,
        dfa: &DFA,
        cache: &mut Cache,
        sid: LazyStateID,
    ) -> Option<&'s StartSkip> {
        if !slot.as_ref().is_some_and(|k| k.state == sid && k.clear_count == cache.clear_count()) {
            if sid.is_tagged() {
                return None;
            }
            *slot = Some(StartSkip::compute(dfa, cache, sid)?);
        }
        slot.as_ref().filter(|k| k.skips)
    }

    fn compute(dfa: &DFA, cache: &mut Cache, sid: LazyStateID) -> Option<StartSkip> {
        let clear_count = cache.clear_count();
        let mut loops = [false; 256];
        for byte in 0..=255u8 {
            let next = dfa.next_state(cache, sid, byte).ok()?;
            // A transition computed here may clear a full cache, which
            // renumbers every state: `sid` is then stale and the table moot.
            if cache.clear_count() != clear_count {
                return None;
            }
            loops[usize::from(byte)] = next == sid;
        }
        Some(StartSkip { state: sid, clear_count, skips: loops.contains(&true), loops })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::{hybrid::dfa::DFA, nfa::thompson, util::iter::Searcher, Input};

    /// The walk takes four transitions a round: a match or a dead state
    /// met at any of the four, or on the bytes after the last round, must
    /// end it there, warm cache or cold.
    #[test]
    fn a_tagged_state_at_any_place_in_a_round_ends_the_walk() {
        let mut checked = [0; 2];
        for pattern in [r"abc", r"[a-z]{2}\d", r"x+y", r"^q*ab$"] {
            let dfa = DFA::new(pattern).unwrap();
            let (mut cache, mut ref_cache, mut skip) = (dfa.create_cache(), dfa.create_cache(), None);
            for len in 0..14 {
                for at in 0..len {
                    let mut hay = vec![b'q'; len];
                    let piece = &b"abc9xy"[..(len - at).min(6)];
                    hay[at..at + piece.len()].copy_from_slice(piece);
                    for anchored in [Anchored::No, Anchored::Yes] {
                        let input = Input::new(&hay).anchored(anchored);
                        let want = dfa.try_search_fwd(&mut ref_cache, &input).unwrap().is_some();
                        let got = is_match(&dfa, &mut cache, &mut skip, &hay, 0, len, anchored);
                        assert_eq!(got, Some(want), "{pattern:?} on {:?}, {anchored:?}", String::from_utf8_lossy(&hay));
                        checked[usize::from(want)] += 1;
                    }
                }
            }
        }
        // Both answers, many times: the test cannot pass on one alone.
        assert!(checked.iter().all(|&n| n > 50), "{checked:?}");
    }

    /// `earliest` reports where an earliest half search's match ends:
    /// found in a round of four, in the careful step or by the look-ahead
    /// step past the span, empty or not, over spans that start and end
    /// inside the haystack (an end off by one would let a match ending
    /// inside a character pass for one on a boundary: regex.rs,
    /// `Inner::twin_is_match`).
    #[test]
    fn the_walk_reports_the_end_an_earliest_half_search_finds() {
        let mut ends = std::collections::BTreeSet::new();
        for pattern in [r"abc", r"[a-z]{2}\d", r"x+y", r"^q*ab$", r"q*", r"(?-u:\b)", r"c?", r"9(?-u:\b)|y$"] {
            let dfa = DFA::new(pattern).unwrap();
            let (mut cache, mut ref_cache, mut skip) = (dfa.create_cache(), dfa.create_cache(), None);
            for len in 0..14 {
                for at in 0..len {
                    let mut hay = vec![b'q'; len];
                    let piece = &b"abc9xy"[..(len - at).min(6)];
                    hay[at..at + piece.len()].copy_from_slice(piece);
                    for (start, end) in [(0, len), (1, len), (3, len), (0, len.saturating_sub(2)), (2, len - 1)] {
                        if start > end {
                            continue;
                        }
                        for anchored in [Anchored::No, Anchored::Yes] {
                            let input = Input::new(&hay).range(start..end).anchored(anchored).earliest(true);
                            let want = dfa.try_search_fwd(&mut ref_cache, &input).unwrap().map(|m| m.offset());
                            let got = earliest(&dfa, &mut cache, &mut skip, &hay, start, end, anchored);
                            let hay = String::from_utf8_lossy(&hay);
                            assert_eq!(got, Some(want), "{pattern:?} on {hay:?}[{start}..{end}], {anchored:?}");
                            ends.extend(want.map(|e| e - start));
                        }
                    }
                }
            }
        }
        // Ends at the span's start, inside it and at its end, in and past
        // the first round of four: not one place that a wrong sum hits.
        assert!((0..=12).all(|e| ends.contains(&e)), "{ends:?}");
    }

    /// `count` counts what regex-automata's searcher counts with the same
    /// DFA's half searches (`Searcher::advance_half`: leftmost-first, one
    /// search after each match, an empty match where the last one ended
    /// skipped), over spans that start and end inside random haystacks,
    /// anchored or not, with the shortest match known or not (0).
    #[test]
    fn the_count_walk_counts_what_the_searcher_counts() {
        let mut rng = crate::test_rng::Rng(0x5eed_c0de);
        let mut seen = std::collections::BTreeMap::new();
        for pattern in [
            r"abc",
            r"[a-z]{2}\d",
            r"x+y",
            r"^q*ab$",
            r"q*",
            r"(?-u:\b)",
            r"c?",
            r"9(?-u:\b)|y$",
            r"a|ab|abc",
            r"(?m)^\w+",
            r"\w+$",
            r"[^ ]+",
            r"b(?:c|xy)*",
            r"",
        ] {
            let dfa = DFA::new(pattern).unwrap();
            let shortest = regex_syntax::parse(pattern).unwrap().properties().minimum_len().unwrap_or(0);
            let (mut cache, mut ref_cache) = (dfa.create_cache(), dfa.create_cache());
            for _ in 0..300 {
                let len = rng.below(24);
                let hay: Vec<u8> = (0..len).map(|_| b"abc9xyq \n"[rng.below(9)]).collect();
                let start = rng.below(len + 1);
                let end = start + rng.below(len - start + 1);
                for anchored in [Anchored::No, Anchored::Yes] {
                    let input = Input::new(&hay).range(start..end).anchored(anchored);
                    let mut searcher = Searcher::new(input);
                    let mut want = 0;
                    while searcher.advance_half(|input| dfa.try_search_fwd(&mut ref_cache, input)).is_some() {
                        want += 1;
                    }
                    for min_len in [shortest, 0] {
                        let got = count(&dfa, &mut cache, (&hay, start, end, anchored), min_len);
                        let hay = String::from_utf8_lossy(&hay);
                        assert_eq!(
                            got,
                            Some(want),
                            "{pattern:?} on {hay:?}[{start}..{end}], {anchored:?}, shortest {min_len}"
                        );
                    }
                    *seen.entry(want.min(3)).or_insert(0) += 1;
                }
            }
        }
        // No match, one, two and more, each many times.
        assert!((0..=3).all(|n| seen.get(&n).is_some_and(|&k| k > 200)), "{seen:?}");
    }

    /// A cache so small that computing the start state's skip table (or a
    /// walk) clears it: the walk must never use a state ID from before a
    /// clear (regex-automata panics or answers wrongly on a stale one).
    #[test]
    fn cache_clears_during_the_walk_and_the_skip_table_are_survived() {
        for pattern in [r"(?i)\w{2}[a-z]\d|wr|%", r"(?-u)[a-z]{3}\d{2}x", r"\d{4}-\d{2}-\d{2}"] {
            let nfa = thompson::Compiler::new().build(pattern).unwrap();
            let config = DFA::config().cache_capacity(0).skip_cache_capacity_check(true);
            let dfa = DFA::builder().configure(config).build_from_nfa(nfa.clone()).unwrap();
            let reference = DFA::new(pattern).unwrap();
            let (mut cache, mut ref_cache, mut skip) = (dfa.create_cache(), reference.create_cache(), None);
            for hay in ["", "x", "ab1", "id 2024-05-0x ok", "on 2024-05-06 ok", "wr", "QQq7 and more text"] {
                let hay = hay.as_bytes();
                let want = reference.try_search_fwd(&mut ref_cache, &Input::new(hay)).unwrap().is_some();
                // None (gave up) is allowed; a wrong answer or a panic is not.
                if let Some(got) = is_match(&dfa, &mut cache, &mut skip, hay, 0, hay.len(), Anchored::No) {
                    assert_eq!(got, want, "{pattern:?} on {:?}", String::from_utf8_lossy(hay));
                }
                let mut searcher = Searcher::new(Input::new(hay));
                let mut want = 0;
                while searcher.advance_half(|input| reference.try_search_fwd(&mut ref_cache, input)).is_some() {
                    want += 1;
                }
                if let Some(got) = count(&dfa, &mut cache, (hay, 0, hay.len(), Anchored::No), 0) {
                    assert_eq!(got, want, "count {pattern:?} on {:?}", String::from_utf8_lossy(hay));
                }
            }
        }
    }
}
