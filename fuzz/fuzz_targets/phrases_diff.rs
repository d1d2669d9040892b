//! phrases_diff: phrase sets built through the C API, with arbitrary
//! phrases (empty ones inserted at will), options (invalid enum values
//! included) and haystack, against a naive reference that checks every
//! phrase at every position and applies each match kind's definition
//! directly: the standard (and overlapping, in its documented order),
//! leftmost-first and leftmost-longest kinds, ASCII and Unicode case
//! folding (on any haystack, for phrases whose Unicode folding stays
//! within ASCII), every automaton, bounds, anchoring and earliest searches,
//! and replacement. Empty phrases follow the header's rules, not
//! aho-corasick 1.1.5's (which differ; see engine/src/phrases/empty.rs).
#![no_main]

use std::ptr::{null, null_mut};

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    phrases: Vec<Vec<u8>>,
    /// Where to insert empty phrases (each byte an index into the list).
    empty_at: Vec<u8>,
    /// Map phrase and haystack bytes into a tiny alphabet (matches nest,
    /// overlap and repeat), or keep them raw.
    alphabet: bool,
    match_kind: u8,
    automaton: u8,
    starts: u8,
    ascii_fold: bool,
    unicode_fold: bool,
    dfa_limit: u8,
    haystack: Vec<u8>,
    search: SearchSpec,
    batch: u8,
}

// The naive reference, shared with the engine's phrase tests.
#[path = "../../engine/tests/support/phrase_reference.rs"]
mod reference;

use reference::{first, iterate, occurrences, overlapping, replaced, same, Hit, Kind};

struct Phrases(*mut ferrex_phrases);

impl Drop for Phrases {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_phrases_new, freed once.
        unsafe { ferrex_phrases_free(self.0) }
    }
}

struct PhraseIter(*mut ferrex_phrase_iter);

impl Drop for PhraseIter {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_phrase_iter_new, freed once.
        unsafe { ferrex_phrase_iter_free(self.0) }
    }
}

fn iter_new(set: &Phrases, hay: &[u8], s: &BuiltSearch, overlapping: bool) -> Result<PhraseIter, i32> {
    let mut out = null_mut();
    let mut err = null_mut();
    // SAFETY: live set, valid pointers.
    let r = status_only(
        unsafe {
            ferrex_phrase_iter_new(&mut out, set.0, hay.len(), search_ptr(s.as_ref()), overlapping as u32, &mut err)
        },
        "phrase_iter_new",
    );
    unsafe { take_error(err, r, "phrase_iter_new") };
    if r == OK {
        Ok(PhraseIter(out))
    } else {
        assert!(out.is_null());
        Err(r)
    }
}

/// Drains an iterator one match at a time (cap 0) or in batches.
fn drain(it: &PhraseIter, hay: &[u8], cap: usize) -> Vec<Hit> {
    let mut out = vec![];
    let limit = (hay.len() + 1) * 64 + 1;
    loop {
        if cap == 0 {
            let mut m = ferrex_match::default();
            // SAFETY: live iterator.
            match search_result(unsafe { ferrex_phrase_iter_next(it.0, ptr(hay, true), hay.len(), &mut m) }, "next") {
                1 => out.push(tuple(&m)),
                0 => break,
                s => panic!("phrase_iter_next: {}", status_name(s)),
            }
        } else {
            let mut buf = vec![ferrex_match::default(); cap];
            let mut n = usize::MAX;
            // SAFETY: buf holds cap matches.
            let r = search_result(
                unsafe {
                    ferrex_phrase_iter_next_batch(it.0, ptr(hay, true), hay.len(), buf.as_mut_ptr(), cap, &mut n)
                },
                "next_batch",
            );
            assert!(r >= 0, "phrase_iter_next_batch: {}", status_name(r));
            assert!(n <= cap && (r == 1) == (n > 0));
            out.extend(buf[..n].iter().map(tuple));
            if n < cap {
                break;
            }
        }
        assert!(out.len() <= limit, "phrase iteration does not terminate");
    }
    // Exhausted stays exhausted.
    let mut m = ferrex_match::default();
    // SAFETY: live iterator.
    assert_eq!(unsafe { ferrex_phrase_iter_next(it.0, ptr(hay, true), hay.len(), &mut m) }, 0, "next after the end");
    out
}

fn run(inp: &Input) {
    let map = |b: &u8, fold: bool| -> u8 {
        let alphabet: &[u8] = if fold { b"abAB" } else { b"abc" };
        alphabet[*b as usize % alphabet.len()]
    };
    let fold_alpha = inp.ascii_fold || inp.unicode_fold;
    let mut phrases: Vec<Vec<u8>> = inp
        .phrases
        .iter()
        .take(8)
        .map(|p| p.iter().take(6).map(|b| if inp.alphabet { map(b, fold_alpha) } else { *b }).collect())
        .collect();
    for &at in inp.empty_at.iter().take(3) {
        phrases.insert(usize::from(at) % (phrases.len() + 1), vec![]);
    }
    let hay: Vec<u8> =
        inp.haystack.iter().take(64).map(|b| if inp.alphabet { map(b, fold_alpha) } else { *b }).collect();

    // Options through the setters, raw values included.
    let mut opts = null_mut();
    // SAFETY: valid out-pointer.
    assert_eq!(status_only(unsafe { ferrex_phrase_options_new(&mut opts, null_mut()) }, "options_new"), OK);
    let kind_raw = inp.match_kind as u32 % 4;
    let automaton_raw = inp.automaton as u32 % 5;
    let starts_raw = inp.starts as u32 % 4;
    let dfa_limit = [8 << 20, 0, 512, 1 << 20][inp.dfa_limit as usize % 4];
    // SAFETY: live options.
    unsafe {
        let r = status_only(ferrex_phrase_options_set_match_kind(opts, kind_raw), "set_match_kind");
        assert_eq!(r, if kind_raw < 3 { OK } else { ERR_INVALID_ARGUMENT });
        let r = status_only(ferrex_phrase_options_set_automaton(opts, automaton_raw), "set_automaton");
        assert_eq!(r, if automaton_raw < 4 { OK } else { ERR_INVALID_ARGUMENT });
        let r = status_only(ferrex_phrase_options_set_starts(opts, starts_raw), "set_starts");
        assert_eq!(r, if starts_raw < 3 { OK } else { ERR_INVALID_ARGUMENT });
        assert_eq!(
            status_only(ferrex_phrase_options_set_ascii_case_insensitive(opts, inp.ascii_fold as u32 * 7), "ascii"),
            OK
        );
        assert_eq!(
            status_only(ferrex_phrase_options_set_unicode_case_insensitive(opts, inp.unicode_fold as u32), "uni"),
            OK
        );
        assert_eq!(status_only(ferrex_phrase_options_set_dfa_size_limit(opts, dfa_limit), "dfa limit"), OK);
    }
    // An invalid value leaves the default in place.
    let kind = [Kind::Standard, Kind::LeftmostFirst, Kind::LeftmostLongest, Kind::LeftmostLongest][kind_raw as usize];
    let starts = if starts_raw < 3 { starts_raw } else { 2 };

    let ptrs: Vec<*const u8> = phrases.iter().map(|p| ptr(p, true)).collect();
    let lens: Vec<usize> = phrases.iter().map(|p| p.len()).collect();
    let mut raw = null_mut();
    let mut err = null_mut();
    let (pp, lp) = if phrases.is_empty() { (null(), null()) } else { (ptrs.as_ptr(), lens.as_ptr()) };
    // SAFETY: arrays of phrases.len() entries, live options.
    let r = status_only(unsafe { ferrex_phrases_new(&mut raw, pp, lp, phrases.len(), opts, &mut err) }, "phrases_new");
    // SAFETY: freed once; the set copied what it needs.
    unsafe { ferrex_phrase_options_free(opts) };
    let details = unsafe { take_error(err, r, "phrases_new") };
    let unicode = inp.unicode_fold;
    if r != OK {
        assert!(raw.is_null());
        if unicode && kind == Kind::Standard {
            assert_eq!(r, ERR_UNSUPPORTED, "Unicode folding with the standard kind");
        } else if unicode && phrases.iter().any(|p| std::str::from_utf8(p).is_err()) {
            assert_eq!(r, ERR_INVALID_UTF8, "Unicode folding of a non-UTF-8 phrase");
            let (pattern, _) = details.unwrap();
            // It names a phrase that is not UTF-8 (not necessarily the first).
            let i = pattern.expect("the failing phrase's index");
            assert!(std::str::from_utf8(&phrases[i]).is_err(), "error names phrase {i}, which is UTF-8");
        } else {
            assert_eq!(r, ERR_SIZE_LIMIT, "phrases_new: {}", status_name(r));
        }
        return;
    }
    assert!(!(unicode && kind == Kind::Standard), "Unicode folding with the standard kind was accepted");
    let set = Phrases(raw);

    let mut info = ferrex_phrases_info { count: 9, min_len: 9, max_len: 9, memory_usage: 0, automaton: 9 };
    // SAFETY: live set.
    assert_eq!(status_only(unsafe { ferrex_phrases_describe(set.0, &mut info) }, "describe"), OK);
    assert_eq!(info.count, phrases.len());
    assert_eq!(info.min_len, phrases.iter().map(Vec::len).min().unwrap_or(0));
    assert_eq!(info.max_len, phrases.iter().map(Vec::len).max().unwrap_or(0));
    let asked = if automaton_raw < 4 { automaton_raw } else { 0 };
    if unicode {
        // Searched by the regex engine: reports the value it was built with.
        assert_eq!(info.automaton, asked, "describe: a Unicode-folding set's automaton");
    } else {
        assert!(
            info.automaton <= 3 && info.automaton != 0,
            "describe reports automaton {} (AUTO unresolved)",
            info.automaton
        );
        if asked != 0 {
            assert_eq!(info.automaton, asked, "describe: the automaton asked for");
        }
    }

    let s = inp.search.build(hay.len(), phrases.len());
    let anchored = s.flags & ANCHORED != 0;
    let ctx = format!(
        "{:?} {kind:?} ascii_fold={} unicode={unicode} starts={starts} on {:?} in {}..{} flags {:#x}",
        phrases.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>(),
        inp.ascii_fold,
        String::from_utf8_lossy(&hay),
        s.start,
        s.end,
        s.flags
    );
    // What the search's own defects, and the set's start kind, allow.
    let start_kind_ok = match starts {
        0 => !anchored,
        1 => anchored,
        _ => true,
    };
    let unsupported = s.flags & ANCHOR_PATTERN != 0 || !start_kind_ok;
    let valid = s.bounds_ok && s.flags_ok;
    let check_err = |r: i32, what: &str| {
        let mut allowed = vec![];
        if !s.bounds_ok {
            allowed.push(ERR_OUT_OF_BOUNDS);
        }
        if !s.flags_ok {
            allowed.push(ERR_UNKNOWN_FLAG);
        }
        if unsupported {
            allowed.push(ERR_UNSUPPORTED);
        }
        assert!(allowed.contains(&r), "{what}: {} ({ctx})", status_name(r));
    };

    // SAFETY: live set, valid haystack.
    let is_match = search_result(
        unsafe { ferrex_phrases_is_match(set.0, ptr(&hay, true), hay.len(), search_ptr(s.as_ref())) },
        "phrases_is_match",
    );
    let mut m = ferrex_match { start: 99, end: 99, pattern: 99 };
    // SAFETY: as above.
    let found = search_result(
        unsafe { ferrex_phrases_find(set.0, ptr(&hay, false), hay.len(), search_ptr(s.as_ref()), &mut m) },
        "phrases_find",
    );
    let iter = iter_new(&set, &hay, &s, false);
    if !valid || unsupported {
        check_err(is_match, "is_match");
        check_err(found, "find");
        check_err(iter.err().unwrap(), "iter_new");
        return;
    }
    assert!(
        is_match >= 0 && found >= 0,
        "a valid search failed: {} / {} ({ctx})",
        status_name(is_match),
        status_name(found)
    );
    let it = iter.unwrap_or_else(|e| panic!("phrase_iter_new: {} ({ctx})", status_name(e)));
    assert_eq!(is_match, found, "is_match vs find ({ctx})");
    if found == 0 {
        assert_eq!(tuple(&m), (99, 99, 99), "find wrote *match without a match");
    }
    let got_find = (found == 1).then(|| tuple(&m));
    let cap = inp.batch as usize % 5;
    let got_all = drain(&it, &hay, cap);

    // Every match is a real occurrence of the phrase it names, in bounds.
    let ascii_fold = inp.ascii_fold && !unicode;
    for h in got_find.iter().chain(&got_all) {
        s.check_match(&ferrex_match { start: h.0, end: h.1, pattern: h.2 }, phrases.len(), "phrase match");
        if !unicode {
            assert!(same(&hay[h.0..h.1], &phrases[h.2], ascii_fold), "match {h:?} is not phrase {} ({ctx})", h.2);
        }
    }
    // Anchored: find's match starts at the start (an anchored iteration
    // resumes one byte later after a skipped empty match, as ferrex_iter).
    if let (true, Some(h)) = (anchored, got_find) {
        assert_eq!(h.0, s.start, "anchored match {h:?} ({ctx})");
    }

    // The reference: naive, with ASCII folding for Unicode folding too when
    // the phrases are ASCII without k or s (whose simple case folding
    // reaches U+212A KELVIN SIGN and U+017F LONG S); on any haystack.
    let ascii_folding = |p: &Vec<u8>| p.is_ascii() && !p.iter().any(|b| b"kKsS".contains(b));
    if unicode && !phrases.iter().all(ascii_folding) {
        return;
    }
    let fold = inp.ascii_fold || unicode;
    let hits = occurrences(&phrases, &hay, s.start, s.end, fold);
    let want_any = hits.iter().any(|h| !anchored || h.0 == s.start);
    assert_eq!(is_match == 1, want_any, "is_match ({ctx})");
    if s.flags & EARLIEST != 0 {
        // EARLIEST may report another (shorter or earlier-ending) match,
        // checked to be a real occurrence above; with an empty phrase, the
        // empty match at the start.
        if let (Some(h), Some(empty)) = (got_find, phrases.iter().position(Vec::is_empty)) {
            assert_eq!(h, (s.start, s.start, empty), "earliest with an empty phrase ({ctx})");
        }
        return;
    }
    let want_find = first(&hits, s.start, kind, anchored);
    let want_all = iterate(&hits, s.start, s.end, kind, anchored);
    assert_eq!(got_find, want_find, "find ({ctx})");
    assert_eq!(got_all, want_all, "iterate in batches of {cap} ({ctx})");

    // Replacement over the same bounds: text outside them is copied.
    let reps: Vec<Vec<u8>> = (0..phrases.len()).map(|i| format!("<{i}>").into_bytes()).collect();
    let (rp, rl): (Vec<*const u8>, Vec<usize>) = reps.iter().map(|r| (r.as_ptr(), r.len())).unzip();
    let mut out = ferrex_bytes { ptr: null_mut(), len: 0 };
    let (rpp, rlp) = if reps.is_empty() { (null(), null()) } else { (rp.as_ptr(), rl.as_ptr()) };
    // SAFETY: live set; arrays of phrases.len() entries.
    let r = status_only(
        unsafe {
            ferrex_phrases_replace_alloc(
                set.0,
                ptr(&hay, true),
                hay.len(),
                search_ptr(s.as_ref()),
                rpp,
                rlp,
                reps.len(),
                &mut out,
            )
        },
        "phrases_replace_alloc",
    );
    assert_eq!(r, OK, "replace ({ctx})");
    // SAFETY: the library's buffer, read before it is freed.
    let got_replaced =
        if out.ptr.is_null() { vec![] } else { unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec() };
    // SAFETY: handed out by the call above, freed once.
    unsafe { ferrex_bytes_free(&mut out) };
    assert_eq!(got_replaced, replaced(&hay, &want_all), "replace ({ctx})");

    // Reset and drain the other way: the same.
    // SAFETY: live iterator.
    assert_eq!(status_only(unsafe { ferrex_phrase_iter_reset(it.0, hay.len(), search_ptr(s.as_ref())) }, "reset"), OK);
    assert_eq!(drain(&it, &hay, if cap == 0 { 3 } else { 0 }), want_all, "iterate after reset ({ctx})");

    // Overlapping: the standard kind only.
    let over = iter_new(&set, &hay, &s, true);
    if kind != Kind::Standard || unicode {
        assert_eq!(over.err(), Some(ERR_UNSUPPORTED), "overlapping with {kind:?} ({ctx})");
        return;
    }
    let over = over.unwrap_or_else(|e| panic!("overlapping iter_new: {} ({ctx})", status_name(e)));
    let got = drain(&over, &hay, cap);
    // Every occurrence once (starting at the start when anchored), by end,
    // then start, then phrase.
    assert_eq!(got, overlapping(&hits, s.start, anchored), "overlapping ({ctx})");
}

fuzz_target!(|input: Input| run(&input));
