//! regex_api: arbitrary patterns, flags (unknown bits included), options,
//! haystack, bounds (invalid ones included), anchoring and a sequence of
//! operations through the C API, asserting its contract:
//!
//! - every status returned is documented (never FERREX_ERR_INTERNAL,
//!   never one ferrex_status_name() calls FERREX_ERR_UNKNOWN), and a
//!   failing search fails for a reason its arguments explain;
//! - matches lie inside the bounds, start <= end, anchored ones start at
//!   the start bound, and the anchor pattern is the one reported;
//! - is-match agrees with find, captures' group 0 equals find's match and
//!   every group lies inside it;
//! - iteration terminates and advances (one-by-one, batched and with
//!   captures all give the same sequence, which is the sequence repeated
//!   finds give under the regex crate's empty-match rule);
//! - the set query agrees with per-pattern anchored searches;
//! - a cache reused across calls answers like a NULL cache (and a cache,
//!   captures or iterator of another regex is refused).
#![no_main]

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<PatternSpec>,
    many: bool,
    flags: u32,
    keep_unknown_flags: u8,
    options: Option<OptionsSpec>,
    haystack: HaySpec,
    ops: Vec<Op>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    IsMatch(SearchSpec),
    Find(SearchSpec),
    Captures(SearchSpec),
    Iterate { search: SearchSpec, mode: u8, cap: u8, reset: Option<SearchSpec> },
    Which { search: SearchSpec, slack: i8 },
    Replace { search: SearchSpec, template: Vec<u8>, limit: u8 },
    Groups { pattern: u8, name: Vec<u8> },
    WrongHandles(SearchSpec),
}

/// The iteration repeated finds give, under the regex crate's rule: an
/// empty match where the last match ended is skipped by searching again
/// one byte later (anchored searches too).
fn reference_iteration(re: &Regex, hay: &[u8], s: &BuiltSearch) -> Vec<(usize, usize, usize)> {
    let (mut out, mut pos, mut last_end) = (vec![], s.start, None::<usize>);
    let find = |at: usize| re.find(None, hay, Some(&s.with_bounds(at, s.end))).expect("valid search");
    while let Some(mut m) = find(pos) {
        if m.start == m.end && Some(m.end) == last_end {
            if pos + 1 > s.end {
                break;
            }
            match find(pos + 1) {
                Some(next) => m = next,
                None => break,
            }
        }
        out.push(tuple(&m));
        pos = m.end;
        last_end = Some(m.end);
        assert!(out.len() <= hay.len() + 2, "reference iteration does not advance");
    }
    out
}

fn check_iteration(got: &[(usize, usize, usize)], s: &BuiltSearch, what: &str) {
    let mut last: Option<(usize, usize, usize)> = None;
    for &(a, b, _) in got {
        if let Some((_, pe, _)) = last {
            assert!(a >= pe, "{what}: match {a}..{b} overlaps the last one ending at {pe}");
            assert!(a < b || a > pe, "{what}: empty match at {a} where the last match ended");
        }
        last = Some((a, b, 0));
    }
    assert!(got.len() <= s.end - s.start + 1, "{what}: {} matches in {} bytes", got.len(), s.end - s.start);
}

/// Drains an iterator one way (0: next, 1: batches of `cap`, 2: captures,
/// 3: batches of every group span).
fn drain(re: &Regex, it: &mut Iter, hay: &[u8], mode: u8, cap: u8, s: &BuiltSearch) -> Vec<(usize, usize, usize)> {
    let mut out = vec![];
    let limit = hay.len() + 2;
    match mode % 4 {
        0 => {
            while let Some(m) = it.next(hay).expect("iter_next") {
                s.check_match(&m, re.count, "iter_next");
                out.push(tuple(&m));
                assert!(out.len() <= limit, "iteration does not terminate");
            }
            assert_eq!(it.next(hay).unwrap().map(|m| tuple(&m)), None, "iter_next after the end");
        }
        1 => {
            let cap = cap as usize % 5;
            if cap == 0 {
                assert!(it.next_batch(hay, 0).unwrap().is_empty(), "cap 0 consumed matches");
            }
            let cap = cap.max(1);
            loop {
                let batch = it.next_batch(hay, cap).expect("iter_next_batch");
                for m in &batch {
                    s.check_match(m, re.count, "iter_next_batch");
                    out.push(tuple(m));
                }
                assert!(out.len() <= limit, "batched iteration does not terminate");
                if batch.len() < cap {
                    break;
                }
            }
            assert!(it.next_batch(hay, cap).unwrap().is_empty(), "batch after the end");
        }
        3 => {
            // Room for the most groups, or one entry more to pad; a stride
            // one short must be refused before anything moves.
            let most = (0..re.count).filter_map(|p| re.group_count(p)).max().unwrap_or(1);
            let (stride, cap) = (most + cap as usize % 2, 1 + cap as usize / 2 % 4);
            let short = it.next_spans_batch(hay, most - 1, cap).map(|v| v.len());
            assert_eq!(short, Err(ferrex_status::FERREX_ERR_BUFFER_TOO_SMALL as i32), "stride {} short", most - 1);
            loop {
                let spans = it.next_spans_batch(hay, stride, cap).expect("iter_next_spans_batch");
                for one in spans.chunks_exact(stride) {
                    let m = one[0];
                    s.check_match(&m, re.count, "iter_next_spans_batch");
                    for g in &one[1..] {
                        if g.start == FERREX_UNSET {
                            assert!(g.end == FERREX_UNSET && g.pattern == FERREX_UNSET, "half unset {:?}", tuple(g));
                        } else {
                            assert!(
                                m.start <= g.start && g.start <= g.end && g.end <= m.end,
                                "group {:?} outside {:?}",
                                tuple(g),
                                tuple(&m)
                            );
                            assert_eq!(g.pattern, m.pattern, "group of another pattern");
                        }
                    }
                    out.push(tuple(&m));
                }
                assert!(out.len() <= limit, "spans batches do not terminate");
                if spans.len() < stride * cap {
                    break;
                }
            }
            assert!(it.next_spans_batch(hay, stride, cap).unwrap().is_empty(), "spans batch after the end");
        }
        _ => {
            let caps = re.captures();
            loop {
                let r = it.next_captures(hay, &caps);
                assert!(r >= 0, "iter_next_captures failed: {}", status_name(r));
                let read = caps.read();
                if r == 0 {
                    assert!(read.is_none(), "captures report a match after the iteration ended");
                    break;
                }
                let (pattern, groups) = read.expect("captures of a match");
                let (a, b) = groups[0].unwrap();
                let m = ferrex_match { start: a, end: b, pattern };
                s.check_match(&m, re.count, "iter_next_captures");
                for g in groups.iter().flatten() {
                    assert!(a <= g.0 && g.0 <= g.1 && g.1 <= b, "group {g:?} outside the match {a}..{b}");
                }
                out.push(tuple(&m));
                assert!(out.len() <= limit, "captures iteration does not terminate");
            }
        }
    }
    out
}

fn run(input: &Input) {
    let patterns: Vec<Vec<u8>> = input.patterns.iter().take(4).map(|p| p.build()).collect();
    let flags = if input.keep_unknown_flags == 0 { input.flags } else { input.flags & KNOWN_FLAGS };
    let options = input.options.as_ref().map(|o| o.build());
    let all_kind = options.as_ref().is_some_and(|o| o.1);
    let Ok(re) = Regex::new(&patterns, input.many, flags, options.as_ref().map(|o| &o.0)) else { return };
    let hay = input.haystack.build();
    let ctx = format!(
        "patterns {:?} flags {flags:#x} all_kind {all_kind} haystack {:?}",
        patterns.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>(),
        String::from_utf8_lossy(&hay)
    );
    // UTF-8 mode on a haystack that is not UTF-8: which match is found is
    // unspecified (see FERREX_FLAG_NO_UTF8), so the checks that compare
    // two engines' choices (leftmost, captures vs find, per-pattern set
    // answers) are skipped; bounds, statuses and the rest still hold.
    let unspecified = flags & FLAG_NO_UTF8 == 0 && std::str::from_utf8(&hay).is_err();
    let cache = re.cache();
    let caps = re.captures();

    // Group introspection agrees with itself.
    for p in 0..re.count {
        let n = re.group_count(p).expect("group_count of an existing pattern");
        assert!(n >= 1);
        assert_eq!(re.group_name(p, n), Err(ERR_INDEX), "group_name past the count");
        assert_eq!(re.group_name(p, 0), Ok(None), "group 0 has a name");
        for g in 0..n {
            if let Some(name) = re.group_name(p, g).expect("group_name") {
                assert_eq!(re.group_index(p, &name), Ok(Some(g)), "group_index round trip");
            }
        }
    }
    assert_eq!(re.group_count(re.count), None);
    assert_eq!(re.group_name(re.count, 0), Err(ERR_INDEX));
    assert_eq!(re.group_index(re.count, b"n"), Err(ERR_INDEX));

    for op in input.ops.iter().take(12) {
        match op {
            Op::IsMatch(spec) | Op::Find(spec) | Op::Captures(spec) => {
                let s = spec.build(hay.len(), re.count);
                let cached = re.is_match(Some(&cache), &hay, s.as_ref());
                let fresh = re.is_match(None, &hay, s.as_ref());
                assert_eq!(cached, fresh, "is_match: reused cache vs NULL cache");
                let found = re.find(Some(&cache), &hay, s.as_ref());
                let found_fresh = re.find(None, &hay, s.as_ref());
                assert_eq!(
                    found.map(|m| m.map(|m| tuple(&m))),
                    found_fresh.map(|m| m.map(|m| tuple(&m))),
                    "find: cache"
                );
                let c = re.captures_search(Some(&cache), &hay, s.as_ref(), &caps);
                if !s.valid() {
                    s.check_failure(cached, "is_match");
                    s.check_failure(found.err().expect("find accepted an invalid search"), "find");
                    s.check_failure(c, "captures");
                    continue;
                }
                assert!(cached >= 0, "is_match failed on a valid search: {}", status_name(cached));
                let found = found.expect("find failed on a valid search");
                // Under ALL in UTF-8 mode, find drops a last match that is
                // empty inside a character and may then find nothing while
                // is-match says 1 (documented at FERREX_MATCH_KIND_ALL).
                let all_utf8_gap = all_kind && flags & 0x40 == 0 && cached == 1 && found.is_none();
                if !all_utf8_gap {
                    assert_eq!(cached == 1, found.is_some(), "is_match vs find: {ctx} search {}..{}", s.start, s.end);
                }
                assert_eq!(c == 1, found.is_some(), "captures vs find: {ctx} search {}..{}", s.start, s.end);
                let read = caps.read();
                if let Some(m) = found {
                    s.check_match(&m, re.count, "find");
                    let (pattern, groups) = read.expect("captures of a match");
                    // The same match, group 0 included (FERREX_SEARCH_EARLIEST and
                    // the ALL match kind are reported the same way by both).
                    let g0 = groups[0].unwrap();
                    if !unspecified {
                        assert_eq!((g0.0, g0.1, pattern), tuple(&m), "captures group 0 vs find: {ctx}");
                    }
                    s.check_match(&ferrex_match { start: g0.0, end: g0.1, pattern }, re.count, "captures");
                    assert_eq!(Some(groups.len()), re.group_count(pattern));
                    for (g, span) in groups.iter().enumerate() {
                        if let Some((a, b)) = span {
                            assert!(g0.0 <= *a && a <= b && *b <= g0.1, "group {g} {a}..{b} outside the match");
                        }
                        if let Ok(Some(name)) = re.group_name(pattern, g) {
                            assert_eq!(caps.group_by_name(&name), Ok(*span), "group by name");
                        }
                    }
                    // The match starts where some anchored search finds a match.
                    if s.flags & ANCHOR_PATTERN == 0 && !unspecified {
                        let at = ferrex_search { start: m.start, end: s.end, flags: s.flags | ANCHORED, pattern: 0 };
                        assert_eq!(re.is_match(None, &hay, Some(&at)), 1, "no anchored match where find found one");
                    }
                } else {
                    assert!(read.is_none(), "captures report a match after none");
                }
                if !all_kind && s.flags & EARLIEST == 0 && !s.anchored() && !unspecified {
                    // Nothing starts before the leftmost match (of an unanchored search).
                    let upto = found.map_or(s.end + 1, |m| m.start);
                    if upto - s.start <= 64 {
                        for at in s.start..upto.min(s.end + 1) {
                            let q = ferrex_search { start: at, end: s.end, flags: s.flags | ANCHORED, pattern: 0 };
                            assert_eq!(
                                re.is_match(None, &hay, Some(&q)),
                                0,
                                "an anchored match at {at} before the leftmost {:?} in {}..{} flags {:#x}: {ctx}",
                                found.map(|m| tuple(&m)),
                                s.start,
                                s.end,
                                s.flags
                            );
                        }
                    }
                }
            }
            Op::Iterate { search, mode, cap, reset } => {
                let s = search.build(hay.len(), re.count);
                let mut it = match re.iter(hay.len(), s.as_ref()) {
                    Ok(it) => it,
                    Err(e) => {
                        assert!(!s.valid(), "iter_new failed on a valid search: {}", status_name(e));
                        s.check_failure(e, "iter_new");
                        continue;
                    }
                };
                assert!(s.valid(), "iter_new accepted an invalid search");
                // A haystack of another length is refused.
                let longer = [hay.as_slice(), b"x"].concat();
                assert_eq!(
                    it.next(&longer).map(|m| m.map(|m| tuple(&m))),
                    Err(ERR_INVALID_ARGUMENT),
                    "iter_next with another length"
                );
                let got = drain(&re, &mut it, &hay, *mode, *cap, &s);
                check_iteration(&got, &s, "iterate");
                let want = reference_iteration(&re, &hay, &s);
                assert_eq!(got, want, "iteration vs repeated finds: {ctx}");
                // Every mode gives the same sequence after a reset.
                let (s2, expect) = match reset {
                    Some(spec) => {
                        let s2 = spec.build(hay.len(), re.count);
                        let r = it.reset(hay.len(), s2.as_ref());
                        if !s2.valid() {
                            s2.check_failure(r, "iter_reset");
                            // Unchanged: still exhausted.
                            assert_eq!(
                                it.next(&hay).map(|m| m.map(|m| tuple(&m))),
                                Ok(None),
                                "a failed reset changed the iterator"
                            );
                            continue;
                        }
                        assert_eq!(r, OK);
                        let want = reference_iteration(&re, &hay, &s2);
                        (s2, want)
                    }
                    None => {
                        assert_eq!(it.reset(hay.len(), s.as_ref()), OK);
                        (s, want)
                    }
                };
                let again = drain(&re, &mut it, &hay, mode.wrapping_add(1), *cap, &s2);
                assert_eq!(again, expect, "iteration after reset");
            }
            Op::Which { search, slack } => {
                let s = search.build(hay.len(), re.count);
                let cached = re.which(Some(&cache), &hay, s.as_ref(), *slack);
                let fresh = re.which(None, &hay, s.as_ref(), *slack);
                assert_eq!(cached, fresh, "which_matches: reused cache vs NULL cache");
                let got = match cached {
                    Ok(got) => got,
                    Err(e) => {
                        if e == ERR_BUFFER_TOO_SMALL {
                            assert!((*slack as isize) < 0, "buffer too small with slack {slack}");
                        } else {
                            s.check_failure(e, "which_matches");
                        }
                        continue;
                    }
                };
                assert!(s.valid(), "which_matches accepted an invalid search");
                let is_match = re.is_match(None, &hay, s.as_ref());
                if s.flags & ANCHOR_PATTERN == 0 {
                    assert_eq!(is_match == 1, got.iter().any(|&b| b), "which_matches vs is_match");
                }
                // Per pattern: an anchored search for that pattern somewhere.
                let starts: Vec<usize> = if s.anchored() { vec![s.start] } else { (s.start..=s.end).collect() };
                if starts.len() <= 64 && s.flags & ANCHOR_PATTERN == 0 && !unspecified {
                    for (p, &matched) in got.iter().enumerate() {
                        let any = starts.iter().any(|&at| {
                            let q = ferrex_search { start: at, end: s.end, flags: ANCHOR_PATTERN, pattern: p };
                            re.is_match(Some(&cache), &hay, Some(&q)) == 1
                        });
                        assert_eq!(matched, any, "which_matches says pattern {p} {matched}");
                    }
                }
            }
            Op::Replace { search, template, limit } => {
                let s = search.build(hay.len(), re.count);
                let template: Vec<u8> = template.iter().copied().take(32).collect();
                let (mut with_cache, mut without) = (Bytes::empty(), Bytes::empty());
                // SAFETY: live handles, valid slices.
                let (a, b) = unsafe {
                    let a = ferrex_regex_replace_alloc(
                        re.raw,
                        cache.0,
                        ptr(&hay, true),
                        hay.len(),
                        search_ptr(s.as_ref()),
                        ptr(&template, true),
                        template.len(),
                        *limit as usize % 4,
                        &mut with_cache.0,
                    );
                    let b = ferrex_regex_replace_alloc(
                        re.raw,
                        std::ptr::null_mut(),
                        ptr(&hay, false),
                        hay.len(),
                        search_ptr(s.as_ref()),
                        ptr(&template, false),
                        template.len(),
                        *limit as usize % 4,
                        &mut without.0,
                    );
                    (status_only(a, "replace_alloc"), status_only(b, "replace_alloc"))
                };
                assert_eq!(a, b, "replace: reused cache vs NULL cache");
                if a == OK {
                    assert!(s.valid(), "replace accepted an invalid search");
                    assert_eq!(with_cache.to_vec(), without.to_vec(), "replace: reused cache vs NULL cache");
                    if template == b"$0" {
                        assert_eq!(with_cache.to_vec(), hay, "replacing every match by itself changed the text");
                    }
                } else {
                    with_cache.assert_cleared("replace_alloc");
                    // A malformed template (INVALID_ARGUMENT), a group no pattern
                    // has (INDEX), or whatever the search's defects explain.
                    if s.valid() || ![ERR_INVALID_ARGUMENT, ERR_INDEX].contains(&a) {
                        if s.valid() {
                            assert!([ERR_INVALID_ARGUMENT, ERR_INDEX].contains(&a), "replace: {}", status_name(a));
                        } else {
                            s.check_failure(a, "replace");
                        }
                    }
                }
            }
            Op::Groups { pattern, name } => {
                let p = *pattern as usize % (re.count + 1);
                let name: Vec<u8> = name.iter().copied().take(8).collect();
                match re.group_index(p, &name) {
                    Ok(Some(g)) => assert_eq!(re.group_name(p, g), Ok(Some(name.clone())), "group_index vs group_name"),
                    Ok(None) => {}
                    Err(e) => assert!(e == ERR_INDEX && p >= re.count, "group_index: {}", status_name(e)),
                }
                // By name on the last captures: a name no matched pattern has is INDEX.
                if let Some((mp, groups)) = caps.read() {
                    match caps.group_by_name(&name) {
                        Ok(span) => {
                            let g = re.group_index(mp, &name).unwrap().expect("group_by_name found an unknown name");
                            assert_eq!(span, groups[g]);
                        }
                        Err(e) => {
                            assert_eq!(e, ERR_INDEX);
                            assert_eq!(re.group_index(mp, &name), Ok(None));
                        }
                    }
                }
            }
            Op::WrongHandles(spec) => {
                let other = Regex::new(&[b"a".to_vec()], false, 0, None).unwrap();
                let other_cache = other.cache();
                let other_caps = other.captures();
                let s = spec.build(hay.len(), re.count);
                let r = re.is_match(Some(&other_cache), &hay, s.as_ref());
                if s.valid() {
                    assert_eq!(r, ERR_WRONG_REGEX, "is_match with another regex's cache");
                    assert_eq!(re.captures_search(None, &hay, s.as_ref(), &other_caps), ERR_WRONG_REGEX);
                    let mut it = re.iter(hay.len(), s.as_ref()).unwrap();
                    assert_eq!(
                        it.next_captures(&hay, &other_caps),
                        ERR_WRONG_REGEX,
                        "iterating into another's captures"
                    );
                } else {
                    assert!(r < 0);
                }
                // The iterator outlives its regex.
                let mut it = other.iter(3, None).unwrap();
                drop(other);
                assert_eq!(it.next(b"xax").unwrap().map(|m| tuple(&m)), Some((1, 2, 0)));
            }
        }
    }
}

fuzz_target!(|input: Input| run(&input));
