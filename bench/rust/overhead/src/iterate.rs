//! Case: iterating many matches, where the C API pays a call per match
//! (ferrex_iter_next) or per thousand matches (ferrex_iter_next_batch).
//! Each implementation walks the matches through one function that hands
//! every span to a callback: the timed operation counts them, the
//! cross-check collects them all.

use crate::case::{Answer, Engine, Imp, Row};
use crate::ferrex_ffi::{self as fx, check, ferrex_iter_next, ferrex_iter_next_batch, ferrex_iter_reset, FerrexMatch};
use crate::inputs::WORD;
use crate::pcre2_ffi::{Jit, PCRE2_ERROR_NOMATCH};
use regex_automata::util::iter::Searcher;
use regex_automata::{meta, Input};
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

/// Matches fetched per ferrex_iter_next_batch call.
const BATCH: usize = 1024;

fn restart(iter: &fx::Iter, haystack: &[u8]) {
    // SAFETY: a live iterator.
    check(unsafe { ferrex_iter_reset(iter.0, haystack.len(), ptr::null()) }, "ferrex_iter_reset");
}

/// ferrex, one call per match.
fn ferrex_one_by_one(iter: &fx::Iter, haystack: &[u8], mut each: impl FnMut(usize, usize)) {
    restart(iter, haystack);
    let mut m = FerrexMatch::default();
    // SAFETY: a live iterator, the haystack it was reset for, a valid match.
    while check(unsafe { ferrex_iter_next(iter.0, haystack.as_ptr(), haystack.len(), &mut m) }, "ferrex_iter_next") == 1
    {
        each(m.start, m.end);
    }
}

/// ferrex, BATCH matches per call. A short batch is the last one.
fn ferrex_batched(iter: &fx::Iter, buf: &mut [FerrexMatch], haystack: &[u8], mut each: impl FnMut(usize, usize)) {
    restart(iter, haystack);
    loop {
        let mut n = 0;
        // SAFETY: a live iterator, the haystack it was reset for, and buf
        // holds buf.len() matches.
        let rc = unsafe {
            ferrex_iter_next_batch(iter.0, haystack.as_ptr(), haystack.len(), buf.as_mut_ptr(), buf.len(), &mut n)
        };
        if check(rc, "ferrex_iter_next_batch") == 0 {
            return;
        }
        buf[..n].iter().for_each(|m| each(m.start, m.end));
        if n < buf.len() {
            return;
        }
    }
}

fn meta_with_cache(re: &meta::Regex, cache: &mut meta::Cache, haystack: &str, mut each: impl FnMut(usize, usize)) {
    let mut it = Searcher::new(Input::new(haystack));
    while let Some(m) = it.advance(|input| Ok(re.search_with(cache, input))) {
        each(m.start(), m.end());
    }
}

/// PCRE2 JIT from the end of each match. WORD never matches empty, so
/// no empty-match rule is needed (and none is claimed).
fn pcre2_loop(jit: &Jit, haystack: &[u8], mut each: impl FnMut(usize, usize)) {
    let mut at = 0;
    while jit.find_at(haystack, at) != PCRE2_ERROR_NOMATCH {
        let (s, e) = jit.group(0).expect("group 0 is set on a match");
        assert!(e > s, "{WORD} matched empty");
        each(s, e);
        at = e;
    }
}

fn collect(walk: impl FnOnce(&mut dyn FnMut(usize, usize))) -> Answer {
    let mut v = Vec::new();
    walk(&mut |s, e| v.push((s, e)));
    Answer::Matches(v)
}

pub fn run(case: &str, haystack: &str, budget: Duration) -> Result<Vec<Row>, String> {
    let bytes = haystack.as_bytes();
    let ferrex = fx::Regex::new(WORD)?;
    let (iter_one, iter_batch) = (fx::Iter::new(&ferrex, bytes.len())?, fx::Iter::new(&ferrex, bytes.len())?);
    let mut buf = vec![FerrexMatch::default(); BATCH];
    let re = regex::Regex::new(WORD).map_err(|e| e.to_string())?;
    let meta = meta::Regex::new(WORD).map_err(|e| e.to_string())?;
    let mut meta_cache = meta.create_cache();
    let pcre2 = Jit::new(WORD)?;

    let answers = [
        collect(|f| ferrex_one_by_one(&iter_one, bytes, f)),
        collect(|f| ferrex_batched(&iter_batch, &mut buf, bytes, f)),
        Answer::Matches(re.find_iter(haystack).map(|m| (m.start(), m.end())).collect()),
        collect(|f| meta_with_cache(&meta, &mut meta_cache, haystack, f)),
        collect(|f| pcre2_loop(&pcre2, bytes, f)),
    ];
    let [a_one, a_batch, a_regex, a_meta, a_pcre2] = answers;
    let imps = vec![
        Imp::new("ferrex C API, ferrex_iter_next", Engine::Ferrex, a_one, || {
            let mut n = 0;
            ferrex_one_by_one(&iter_one, black_box(bytes), |_, _| n += 1);
            n
        }),
        Imp::new("ferrex C API, ferrex_iter_next_batch", Engine::Ferrex, a_batch, || {
            let mut n = 0;
            ferrex_batched(&iter_batch, &mut buf, black_box(bytes), |_, _| n += 1);
            n
        }),
        // First of the two regex rows, so the ÷ regex column divides by it:
        // like every other row here, it produces each match's span.
        Imp::new("regex crate, find_iter, every span", Engine::Regex, a_regex.clone(), || {
            let mut n = 0;
            for m in re.find_iter(black_box(haystack)) {
                black_box((m.start(), m.end()));
                n += 1;
            }
            n
        }),
        // Matches::count looks for match ends only (no reverse scan for
        // starts), the shortcut the regex docs' counting idiom gets.
        Imp::new("regex crate, find_iter().count() (ends only)", Engine::Regex, a_regex, || {
            re.find_iter(black_box(haystack)).count() as u64
        }),
        Imp::new("meta::Regex, explicit cache", Engine::Meta, a_meta, || {
            let mut n = 0;
            meta_with_cache(&meta, &mut meta_cache, black_box(haystack), |_, _| n += 1);
            n
        }),
        Imp::new("PCRE2 JIT", Engine::Pcre2Jit, a_pcre2, || {
            let mut n = 0;
            pcre2_loop(&pcre2, black_box(bytes), |_, _| n += 1);
            n
        }),
    ];
    crate::case::run(case, imps, budget)
}
