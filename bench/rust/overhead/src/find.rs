//! Case: the first match in a big haystack, where the search itself
//! dominates and the C API's per-call cost should vanish.

use crate::case::{Answer, Engine, Imp, Row};
use crate::ferrex_ffi::{self as fx, check, ferrex_regex_find, FerrexMatch};
use crate::inputs::DATE;
use crate::pcre2_ffi::Jit;
use regex_automata::{meta, Input};
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

/// The timed operations return the span packed into one u64 (offsets are
/// below 2^32 here), or NONE, so that the cross-checked answer comes from
/// the very call that is timed.
const NONE: u64 = u64::MAX;

fn pack(span: Option<(usize, usize)>) -> u64 {
    span.map_or(NONE, |(s, e)| ((s as u64) << 32) | e as u64)
}

fn answer(packed: u64) -> Answer {
    Answer::Find((packed != NONE).then_some(((packed >> 32) as usize, (packed & 0xffff_ffff) as usize)))
}

pub fn run(case: &str, haystack: &str, budget: Duration) -> Result<Vec<Row>, String> {
    if haystack.len() >= 1 << 32 {
        return Err(format!("{case}: the haystack must be under 4 GiB"));
    }
    let ferrex = fx::Regex::new(DATE)?;
    let cache = fx::Cache::new(&ferrex)?;
    let re = regex::Regex::new(DATE).map_err(|e| e.to_string())?;
    let meta = meta::Regex::new(DATE).map_err(|e| e.to_string())?;
    let mut meta_cache = meta.create_cache();
    let pcre2 = Jit::new(DATE)?;

    let imps = vec![
        Imp::from_result("ferrex C API, explicit cache", Engine::Ferrex, answer, || {
            let h = black_box(haystack.as_bytes());
            let mut m = FerrexMatch::default();
            // SAFETY: a live regex and its cache, a valid haystack and match.
            let rc = unsafe { ferrex_regex_find(ferrex.0, cache.0, h.as_ptr(), h.len(), ptr::null(), &mut m) };
            pack((check(rc, "ferrex_regex_find") == 1).then_some((m.start, m.end)))
        }),
        Imp::from_result("regex crate", Engine::Regex, answer, || {
            pack(re.find(black_box(haystack)).map(|m| (m.start(), m.end())))
        }),
        Imp::from_result("meta::Regex, explicit cache", Engine::Meta, answer, || {
            let m = meta.search_with(&mut meta_cache, &Input::new(black_box(haystack)));
            pack(m.map(|m| (m.start(), m.end())))
        }),
        Imp::from_result("PCRE2 JIT", Engine::Pcre2Jit, answer, || {
            let found = pcre2.find_at(black_box(haystack.as_bytes()), 0) > 0;
            pack(if found { pcre2.group(0) } else { None })
        }),
    ];
    crate::case::run(case, imps, budget)
}
