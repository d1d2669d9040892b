//! regex_agree: every query on one regex agrees with find, and no answer
//! depends on a performance knob, through the C API, where issue 13's
//! harnesses found answers that did:
//!
//! - is-match = find found something; captures' group 0 = find's match;
//!   iteration = repeated finds (the regex crate's empty-match rule) and
//!   its first match = find's; find_all two at a time, and finds each
//!   after the last match (FERREX_SEARCH_AFTER_MATCH), = the iteration;
//!   count = the iteration's length; the set
//!   query has find's pattern and is empty exactly when is-match is 0;
//! - all of it equal under the default options, a one-byte lazy DFA cache
//!   with no full DFA, and small caches and DFA limits;
//! - over both match kinds, anchored, pattern-anchored and EARLIEST
//!   searches, haystacks with invalid UTF-8 in UTF-8 mode, patterns that
//!   match empty, and up to 2,800 patterns (copies of a few), which the
//!   DFA pair, each pattern's own engines and the set twin answer (regex.rs:
//!   `MANY_PATTERNS`). Those compile with no search memory limit: the
//!   limit refuses what the meta regex's PikeVM slot table would cost
//!   (patterns x states), and no query on many patterns may build that
//!   table (2,800 patterns would need gigabytes: under ASan, a failed
//!   allocation is a finding).
#![no_main]

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<PatternSpec>,
    copies: u8,
    all_kind: bool,
    flags: u8,
    haystack: HaySpec,
    start: u16,
    end: u16,
    anchor: u8,
    earliest: bool,
}

#[derive(Debug, PartialEq)]
struct Answers {
    is_match: bool,
    find: Option<(usize, usize, usize)>,
    captures: Option<(usize, usize, usize)>,
    iter: Vec<(usize, usize, usize)>,
    finds: Vec<(usize, usize, usize)>,
    /// ferrex_regex_find_all two at a time, going on after each full batch.
    batches: Vec<(usize, usize, usize)>,
    /// ferrex_regex_find, each search after the last match.
    resumed: Vec<(usize, usize, usize)>,
    count: usize,
    which: Vec<bool>,
}

fn options(all: bool, cache: usize, dfa: usize, many: bool) -> Options {
    let o = Options::new();
    // SAFETY: live options.
    unsafe {
        if many {
            assert_eq!(status_only(ferrex_options_set_search_memory_limit(o.0, usize::MAX), "memory"), OK);
        }
        assert_eq!(status_only(ferrex_options_set_match_kind(o.0, u32::from(all)), "kind"), OK);
        assert_eq!(status_only(ferrex_options_set_dfa_cache_capacity(o.0, cache), "cache"), OK);
        assert_eq!(status_only(ferrex_options_set_dfa_size_limit(o.0, dfa), "dfa"), OK);
    }
    o
}

fn count(re: &Regex, hay: &[u8], search: &ferrex_search) -> usize {
    let mut n = usize::MAX;
    // SAFETY: live regex, valid haystack and search.
    let s = unsafe { ferrex_regex_count(re.raw, std::ptr::null_mut(), ptr(hay, true), hay.len(), search, &mut n) };
    assert_eq!(status_only(s, "count"), OK);
    n
}

/// find_all two at a time; a full batch goes on after its last match.
fn batches(re: &Regex, hay: &[u8], search: &ferrex_search) -> Vec<(usize, usize, usize)> {
    let (mut out, mut next) = (vec![], *search);
    loop {
        let mut two = [ferrex_match::default(); 2];
        let mut n = usize::MAX;
        // SAFETY: live regex, valid haystack, search, buffer and count.
        let r = unsafe {
            ferrex_regex_find_all(re.raw, std::ptr::null_mut(), ptr(hay, true), hay.len(), &next, two.as_mut_ptr(), 2, &mut n)
        };
        assert_eq!(search_result(r, "find_all"), i32::from(n > 0), "find_all's result vs *count {n}");
        out.extend(two[..n].iter().map(tuple));
        if n < 2 {
            return out;
        }
        next = ferrex_search { start: two[1].end, flags: search.flags | AFTER_MATCH, ..*search };
        assert!(out.len() <= hay.len() + 2, "find_all does not advance");
    }
}

fn answers(re: &Regex, hay: &[u8], search: &ferrex_search) -> Answers {
    let cache = re.cache();
    let is_match = re.is_match(Some(&cache), hay, Some(search)) == 1;
    let find = re.find(Some(&cache), hay, Some(search)).unwrap().map(|m| tuple(&m));
    let caps = re.captures();
    assert!(re.captures_search(Some(&cache), hay, Some(search), &caps) >= 0);
    let captures = caps.read().map(|(pattern, groups)| {
        let (s, e) = groups[0].expect("group 0 of a match");
        (s, e, pattern)
    });
    let mut it = re.iter(hay.len(), Some(search)).unwrap();
    let mut iter = vec![];
    while let Some(m) = it.next(hay).unwrap() {
        iter.push(tuple(&m));
        assert!(iter.len() <= hay.len() + 2, "iteration does not advance");
    }
    // Repeated finds, skipping an empty match where the last one ended.
    let (mut finds, mut pos, mut last_end) = (vec![], search.start, None);
    let at = |from: usize| {
        let s = ferrex_search { start: from, ..*search };
        re.find(Some(&cache), hay, Some(&s)).unwrap().map(|m| tuple(&m))
    };
    while let Some(mut m) = at(pos) {
        if m.0 == m.1 && Some(m.1) == last_end {
            if pos + 1 > search.end {
                break;
            }
            match at(pos + 1) {
                Some(next) => m = next,
                None => break,
            }
        }
        finds.push(m);
        pos = m.1;
        last_end = Some(m.1);
        assert!(finds.len() <= hay.len() + 2, "repeated finds do not advance");
    }
    // Finds each after the last match, the flag doing the skipping.
    let mut resumed: Vec<(usize, usize, usize)> = find.into_iter().collect();
    while let Some(&(_, end, _)) = resumed.last() {
        let s = ferrex_search { start: end, flags: search.flags | AFTER_MATCH, ..*search };
        match re.find(Some(&cache), hay, Some(&s)).unwrap() {
            Some(m) => resumed.push(tuple(&m)),
            None => break,
        }
        assert!(resumed.len() <= hay.len() + 2, "finds after a match do not advance");
    }
    let batches = batches(re, hay, search);
    let count = count(re, hay, search);
    let which = re.which(Some(&cache), hay, Some(search), 0).unwrap();
    Answers { is_match, find, captures, iter, finds, batches, resumed, count, which }
}

fn run(input: &Input) {
    let mut patterns: Vec<Vec<u8>> = input.patterns.iter().take(4).map(PatternSpec::build).collect();
    if patterns.is_empty() {
        return;
    }
    let copies = [1, 1, 1, 2, 3, 40, 300, 700][input.copies as usize % 8];
    patterns = patterns.iter().cycle().take(patterns.len() * copies).cloned().collect();
    // Known flags only: this target is about answers, not arguments.
    let flags = u32::from(input.flags) & 0xFF;
    let hay = input.haystack.build();
    let start = input.start as usize % (hay.len() + 1);
    let end = start + input.end as usize % (hay.len() - start + 1);
    let anchor = match input.anchor % 4 {
        0 => ANCHORED,
        1 => ANCHOR_PATTERN,
        _ => 0,
    };
    let pattern = input.anchor as usize / 4 % patterns.len();
    let search = ferrex_search { start, end, flags: anchor | if input.earliest { EARLIEST } else { 0 }, pattern };

    let many = patterns.len() >= 64;
    let variants = [
        options(input.all_kind, 2 << 20, 256 << 10, many),
        options(input.all_kind, 1, 0, many),
        options(input.all_kind, 1 << 10, 4 << 10, many),
    ];
    let mut first: Option<Answers> = None;
    for (i, opts) in variants.iter().enumerate() {
        // Every variant compiles the same patterns the same way: a refusal
        // (syntax, size) must be the same too.
        let re = match Regex::new(&patterns, true, flags, Some(opts)) {
            Ok(re) => re,
            Err(_) => {
                assert!(first.is_none(), "variant {i} refuses what variant 0 compiled");
                return;
            }
        };
        let got = answers(&re, &hay, &search);
        let ctx = || {
            format!(
                "variant {i}: {} patterns {:?} flags {flags:#x} all {} hay {:?} search {}..{} flags {:#x} pattern {}",
                patterns.len(),
                patterns.iter().take(4).map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>(),
                input.all_kind,
                String::from_utf8_lossy(&hay),
                start,
                end,
                search.flags,
                pattern
            )
        };
        assert_eq!(got.is_match, got.find.is_some(), "is_match vs find: {}\n{got:?}", ctx());
        assert_eq!(got.captures, got.find, "captures vs find: {}\n{got:?}", ctx());
        assert_eq!(got.iter.first(), got.find.as_ref(), "iteration vs find: {}\n{got:?}", ctx());
        assert_eq!(got.iter, got.finds, "iteration vs repeated finds: {}\n{got:?}", ctx());
        assert_eq!(got.iter, got.batches, "iteration vs find_all batches: {}\n{got:?}", ctx());
        assert_eq!(got.iter, got.resumed, "iteration vs finds after a match: {}\n{got:?}", ctx());
        assert_eq!(got.count, got.iter.len(), "count vs iteration: {}\n{got:?}", ctx());
        assert_eq!(got.which.iter().any(|&w| w), got.is_match, "which vs is_match: {}\n{got:?}", ctx());
        if let Some((_, _, p)) = got.find {
            assert!(got.which[p], "which misses find's pattern: {}\n{got:?}", ctx());
        }
        match &first {
            None => first = Some(got),
            Some(want) => assert_eq!(&got, want, "answers change with the options: {}", ctx()),
        }
    }
}

fuzz_target!(|input: Input| run(&input));
