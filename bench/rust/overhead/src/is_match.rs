//! Case: is-match of the date regex on a short haystack, where the cost of
//! a call (argument checks, finding a cache) is most of the cost of the
//! search. ferrex is called with its own cache and with NULL (a cache
//! borrowed from the regex's pool, as the regex crate does internally).

use crate::case::{Answer, Engine, Imp, Row};
use crate::ferrex_ffi::{self as fx, check, ferrex_regex_is_match, FerrexCache};
use crate::inputs::DATE;
use crate::pcre2_ffi::Jit;
use regex_automata::{meta, Input};
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

fn answer(result: u64) -> Answer {
    Answer::IsMatch(result == 1)
}

pub fn run(case: &str, haystack: &str, budget: Duration) -> Result<Vec<Row>, String> {
    let ferrex = fx::Regex::new(DATE)?;
    let cache = fx::Cache::new(&ferrex)?;
    let re = regex::Regex::new(DATE).map_err(|e| e.to_string())?;
    let meta = meta::Regex::new(DATE).map_err(|e| e.to_string())?;
    let mut meta_cache = meta.create_cache();
    let pcre2 = Jit::new(DATE)?;

    let ferrex_is_match = |cache: *mut FerrexCache| {
        let h = black_box(haystack.as_bytes());
        // SAFETY: a live regex, its own cache or NULL, a valid haystack.
        let rc = unsafe { ferrex_regex_is_match(ferrex.0, cache, h.as_ptr(), h.len(), ptr::null()) };
        check(rc, "ferrex_regex_is_match") as u64
    };
    let imps = vec![
        Imp::from_result("ferrex C API, explicit cache", Engine::Ferrex, answer, || ferrex_is_match(cache.0)),
        Imp::from_result("ferrex C API, NULL cache", Engine::Ferrex, answer, || ferrex_is_match(ptr::null_mut())),
        Imp::from_result("regex crate", Engine::Regex, answer, || u64::from(re.is_match(black_box(haystack)))),
        Imp::from_result("meta::Regex, explicit cache", Engine::Meta, answer, || {
            u64::from(meta.is_match_with(&mut meta_cache, &Input::new(black_box(haystack))))
        }),
        Imp::from_result("PCRE2 JIT", Engine::Pcre2Jit, answer, || {
            u64::from(pcre2.find_at(black_box(haystack.as_bytes()), 0) > 0)
        }),
    ];
    crate::case::run(case, imps, budget)
}
