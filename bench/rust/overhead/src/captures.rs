//! Case: the spans of a date's three groups in a short haystack, each
//! engine with its reusable capture storage: ferrex_regex_captures with
//! one ferrex_captures, then ferrex_captures_spans (every group in one
//! call) or a ferrex_captures_group call per group,
//! regex's captures_read with one CaptureLocations, meta's
//! search_captures_with with one Captures and Cache, PCRE2 JIT with one
//! match data. Reading the spans is part of the operation.

use crate::case::{Answer, Engine, Imp, Row};
use crate::ferrex_ffi::{
    self as fx, check, ferrex_captures_group, ferrex_captures_spans, ferrex_regex_captures, FerrexMatch, FERREX_UNSET,
};
use crate::inputs::DATE_GROUPS;
use crate::pcre2_ffi::Jit;
use regex_automata::util::captures::Captures;
use regex_automata::{meta, Input};
use std::hint::black_box;
use std::ptr;
use std::time::Duration;

/// Group 0 and the three date groups.
const GROUPS: usize = 4;

type Spans = Option<[Option<(usize, usize)>; GROUPS]>;

/// The search both ferrex rows make: whether it matched, groups in `caps`.
fn ferrex_search(re: &fx::Regex, cache: &fx::Cache, caps: &fx::Captures, haystack: &[u8]) -> bool {
    // SAFETY: a live regex with its own cache and captures, a valid haystack.
    let rc = unsafe { ferrex_regex_captures(re.0, cache.0, haystack.as_ptr(), haystack.len(), ptr::null(), caps.0) };
    check(rc, "ferrex_regex_captures") == 1
}

/// Every group span in one call after the search (ferrex_captures_spans).
fn ferrex_spans(re: &fx::Regex, cache: &fx::Cache, caps: &fx::Captures, haystack: &[u8]) -> Spans {
    if !ferrex_search(re, cache, caps, haystack) {
        return None;
    }
    let mut spans = [FerrexMatch::default(); GROUPS];
    let mut n = 0;
    // SAFETY: live captures, room for GROUPS spans.
    check(unsafe { ferrex_captures_spans(caps.0, spans.as_mut_ptr(), GROUPS, &mut n) }, "ferrex_captures_spans");
    Some(std::array::from_fn(|g| (g < n && spans[g].start != FERREX_UNSET).then_some((spans[g].start, spans[g].end))))
}

/// A call per group after the search (ferrex_captures_group).
fn ferrex_groups(re: &fx::Regex, cache: &fx::Cache, caps: &fx::Captures, haystack: &[u8]) -> Spans {
    if !ferrex_search(re, cache, caps, haystack) {
        return None;
    }
    Some(std::array::from_fn(|g| {
        let mut span = FerrexMatch::default();
        // SAFETY: live captures and a valid span; g exists in the pattern.
        let rc = unsafe { ferrex_captures_group(caps.0, g, &mut span) };
        (check(rc, "ferrex_captures_group") == 1).then_some((span.start, span.end))
    }))
}

fn regex_groups(re: &regex::Regex, locs: &mut regex::CaptureLocations, haystack: &str) -> Spans {
    re.captures_read(locs, haystack)?;
    Some(std::array::from_fn(|g| locs.get(g)))
}

fn meta_groups(re: &meta::Regex, cache: &mut meta::Cache, caps: &mut Captures, haystack: &str) -> Spans {
    re.search_captures_with(cache, &Input::new(haystack), caps);
    if !caps.is_match() {
        return None;
    }
    Some(std::array::from_fn(|g| caps.get_group(g).map(|s| (s.start, s.end))))
}

fn pcre2_groups(jit: &Jit, haystack: &[u8]) -> Spans {
    if jit.find_at(haystack, 0) <= 0 {
        return None;
    }
    Some(std::array::from_fn(|g| jit.group(g)))
}

/// The timed operations' result: every offset summed (plus one per group
/// that took part), so nothing read can be optimized away.
fn digest(spans: Spans) -> u64 {
    spans.map_or(0, |g| g.iter().flatten().map(|&(s, e)| (s + e + 1) as u64).sum())
}

fn answer(spans: Spans) -> Answer {
    Answer::Groups(spans.map(|g| g.to_vec()))
}

pub fn run(case: &str, haystack: &str, budget: Duration) -> Result<Vec<Row>, String> {
    let bytes = haystack.as_bytes();
    let ferrex = fx::Regex::new(DATE_GROUPS)?;
    let (cache, caps) = (fx::Cache::new(&ferrex)?, fx::Captures::new(&ferrex)?);
    let re = regex::Regex::new(DATE_GROUPS).map_err(|e| e.to_string())?;
    let mut locs = re.capture_locations();
    let meta = meta::Regex::new(DATE_GROUPS).map_err(|e| e.to_string())?;
    let (mut meta_cache, mut meta_caps) = (meta.create_cache(), meta.create_captures());
    let pcre2 = Jit::new(DATE_GROUPS)?;
    if re.captures_len() != GROUPS {
        return Err(format!(
            "{case}: {DATE_GROUPS} should have {GROUPS} groups, the regex crate counts {}",
            re.captures_len()
        ));
    }

    let imps = vec![
        Imp::new(
            "ferrex C API, explicit cache, ferrex_captures_spans",
            Engine::Ferrex,
            answer(ferrex_spans(&ferrex, &cache, &caps, bytes)),
            || digest(ferrex_spans(&ferrex, &cache, &caps, black_box(bytes))),
        ),
        Imp::new(
            "ferrex C API, explicit cache, a call per group",
            Engine::Ferrex,
            answer(ferrex_groups(&ferrex, &cache, &caps, bytes)),
            || digest(ferrex_groups(&ferrex, &cache, &caps, black_box(bytes))),
        ),
        Imp::new("regex crate, captures_read", Engine::Regex, answer(regex_groups(&re, &mut locs, haystack)), || {
            digest(regex_groups(&re, &mut locs, black_box(haystack)))
        }),
        Imp::new(
            "meta::Regex, explicit cache",
            Engine::Meta,
            answer(meta_groups(&meta, &mut meta_cache, &mut meta_caps, haystack)),
            || digest(meta_groups(&meta, &mut meta_cache, &mut meta_caps, black_box(haystack))),
        ),
        Imp::new("PCRE2 JIT", Engine::Pcre2Jit, answer(pcre2_groups(&pcre2, bytes)), || {
            digest(pcre2_groups(&pcre2, black_box(bytes)))
        }),
    ];
    crate::case::run(case, imps, budget)
}
