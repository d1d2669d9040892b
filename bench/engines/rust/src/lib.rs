//! The engine.h functions for the Rust engines: "rust/regex" (the default),
//! regex-automata's meta::Regex: the engine the regex crate's
//! regex::bytes::Regex wraps, used here with an explicit Cache (no pool
//! lookup per search) so it is the reference ferrex's C API must not lose to;
//! "rust/aho-corasick", the aho-corasick crate over the patterns as literals
//! (count only, leftmost-first, as rebar's rust/aho-corasick/dfa); and
//! "rust/std", `str::to_lowercase` for the seed table's lowercase model.
//!
//! Every search walks matches with regex-automata's Searcher, the iterator
//! the regex crate's find_iter and captures_iter use, so empty matches are
//! handled exactly as there; counting finds match ends only, as the regex
//! crate's `Matches::count` does.
//!
//! Safety of the extern functions: their contract is engine.h's (pointers
//! from engine_compile, haystacks of `len` readable bytes, an `err` slot);
//! it is stated there once rather than on each function.
#![allow(clippy::missing_safety_doc)]

mod c_error;
mod config;

use std::ffi::{c_char, c_int};

use aho_corasick::AhoCorasick;
use regex_automata::{
    meta::{Cache, Regex},
    util::{captures::Captures, iter::Searcher},
    Input,
};

use crate::{
    c_error::guard,
    config::{EngineConfig, Which},
};

/// engine.h's opaque `engine`: what the chosen engine compiled.
pub enum Engine {
    /// The regex and the scratch space its searches reuse.
    Regex {
        re: Regex,
        cache: Cache,
        caps: Captures,
        ahead: Ahead,
    },
    Phrases(AhoCorasick),
    /// The lowercase model's output, reused.
    Std(String),
}

/// A regex search asked of an engine without one.
const NO_REGEX: &str = "this engine has no regex (engine_supports refuses the model)";

impl Engine {
    fn regex(&mut self) -> Result<(&Regex, &mut Cache, &mut Captures), String> {
        match self {
            Engine::Regex { re, cache, caps, .. } => Ok((re, cache, caps)),
            _ => Err(NO_REGEX.to_string()),
        }
    }
}

#[no_mangle]
pub extern "C" fn engine_name() -> *const c_char {
    c"rust/regex".as_ptr()
}

#[no_mangle]
pub extern "C" fn engine_version() -> *const c_char {
    concat!(env!("REGEX_AUTOMATA_VERSION"), "\0").as_ptr().cast()
}

/// meta::Regex runs every model but lowercase, with any number of patterns;
/// aho-corasick runs count, std lowercase. An unknown engine name is
/// engine_compile's error (it has a message).
#[no_mangle]
pub unsafe extern "C" fn engine_supports(
    model: *const c_char,
    cfg: *const EngineConfig,
    reason: *mut *const c_char,
) -> c_int {
    let _ = model; // the config carries it too
    let Some(cfg) = cfg.as_ref() else { return 1 };
    let (which, model) = (cfg.which(), cfg.model());
    let refusal = match which {
        Ok(Which::Regex) if model == b"lowercase" => Some(c"rust/regex has no lowercase (rust/std has)"),
        Ok(Which::AhoCorasick) if model != b"count" => Some(c"rust/aho-corasick runs the count model only"),
        Ok(Which::Std) if model != b"lowercase" => Some(c"rust/std runs the lowercase model only"),
        _ => None,
    };
    match refusal {
        Some(why) if !reason.is_null() => {
            *reason = why.as_ptr();
            0
        }
        Some(_) => 0,
        None => 1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn engine_compile(cfg: *const EngineConfig, err: *mut *mut c_char) -> *mut Engine {
    guard(err, std::ptr::null_mut(), || {
        // SAFETY: the core passes a config laid out as engine.h declares.
        let cfg = cfg.as_ref().ok_or("rust/regex: engine_compile got a NULL config")?;
        let engine = match cfg.which()? {
            Which::Regex => {
                let re = config::compile(cfg)?;
                let (cache, caps) = (re.create_cache(), re.create_captures());
                Engine::Regex { re, cache, caps, ahead: Ahead::default() }
            }
            Which::AhoCorasick => Engine::Phrases(
                AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .ascii_case_insensitive(cfg.case_insensitive())
                    .build(config::patterns(cfg)?)
                    .map_err(|e| format!("rust/aho-corasick: {e}"))?,
            ),
            Which::Std => Engine::Std(String::new()),
        };
        Ok(Box::into_raw(Box::new(engine)))
    })
}

#[no_mangle]
pub unsafe extern "C" fn engine_free(e: *mut Engine) {
    if !e.is_null() {
        // SAFETY: `e` came from engine_compile's Box::into_raw.
        drop(Box::from_raw(e));
    }
}

/// The engine and haystack behind a search call's raw arguments.
///
/// # Safety
/// `e` must come from engine_compile and `hay` point at `len` readable bytes
/// (or be anything when `len` is 0).
unsafe fn search_args<'a>(e: *mut Engine, hay: *const u8, len: usize) -> Result<(&'a mut Engine, &'a [u8]), String> {
    let e = e.as_mut().ok_or("rust/regex: search called with a NULL engine")?;
    let hay = if len == 0 {
        &[][..]
    } else if hay.is_null() {
        return Err("rust/regex: NULL haystack with a non-zero length".to_string());
    } else {
        std::slice::from_raw_parts(hay, len)
    };
    Ok((e, hay))
}

/// Calls `on_match(len)` for each match, in find_iter order.
fn for_each_match(e: &mut Engine, hay: &[u8], mut on_match: impl FnMut(usize)) -> Result<(), String> {
    let (re, cache, _) = e.regex()?;
    let mut it = Searcher::new(Input::new(hay));
    while let Some(m) = it.advance(|input| Ok(re.search_with(cache, input))) {
        on_match(m.len());
    }
    Ok(())
}

/// The count of find_iter's matches as regex::bytes::Regex counts them
/// (`Matches::count`): match ends only, by forward searches (meta's half
/// search), with the same empty-match rule.
#[no_mangle]
pub unsafe extern "C" fn engine_count(e: *mut Engine, hay: *const u8, len: usize, err: *mut *mut c_char) -> i64 {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        if let Engine::Phrases(ac) = e {
            return Ok(ac.find_iter(hay).count() as i64);
        }
        let (re, cache, _) = e.regex()?;
        let mut it = Searcher::new(Input::new(hay));
        let mut count = 0i64;
        while it.advance_half(|input| Ok(re.search_half_with(cache, input))).is_some() {
            count += 1;
        }
        Ok(count)
    })
}

#[no_mangle]
pub unsafe extern "C" fn engine_count_spans(e: *mut Engine, hay: *const u8, len: usize, err: *mut *mut c_char) -> i64 {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        let mut sum = 0i64;
        for_each_match(e, hay, |n| sum += n as i64)?;
        Ok(sum)
    })
}

/// The same matches as engine_count; the Searcher's last call filled `caps`
/// for the match it returned, so its groups are the ones to count.
#[no_mangle]
pub unsafe extern "C" fn engine_count_captures(
    e: *mut Engine,
    hay: *const u8,
    len: usize,
    err: *mut *mut c_char,
) -> i64 {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        let (re, cache, caps) = e.regex()?;
        let mut it = Searcher::new(Input::new(hay));
        let mut count = 0i64;
        while it
            .advance(|input| {
                re.search_captures_with(cache, input, caps);
                Ok(caps.get_match())
            })
            .is_some()
        {
            count += (0..caps.group_len()).filter(|&i| caps.get_group(i).is_some()).count() as i64;
        }
        Ok(count)
    })
}

#[no_mangle]
pub unsafe extern "C" fn engine_is_match(e: *mut Engine, hay: *const u8, len: usize, err: *mut *mut c_char) -> c_int {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        let (re, cache, _) = e.regex()?;
        Ok(c_int::from(re.is_match_with(cache, &Input::new(hay))))
    })
}

/// regex-redux's matches found ahead of the core's questions (see
/// engine_find_at): `spans[next..]` of the haystack at `hay`, `len` bytes,
/// and `is_all` if no match follows them.
pub struct Ahead {
    hay: *const u8,
    len: usize,
    spans: Vec<(usize, usize)>,
    next: usize,
    is_all: bool,
}

impl Default for Ahead {
    fn default() -> Self {
        Ahead { hay: std::ptr::null(), len: 0, spans: Vec::new(), next: 0, is_all: false }
    }
}

impl Ahead {
    /// Whether a question from `start` goes on where the last answer
    /// ended, in the same haystack.
    #[inline(always)]
    fn goes_on(&self, hay: *const u8, len: usize, start: usize) -> bool {
        self.next > 0 && self.hay == hay && self.len == len && self.spans[self.next - 1].1 == start
    }
}

/// Matches found a read-ahead: as many as ferrex's adapter reads.
const AHEAD: usize = 256;

/// regex-redux's search: `Input::range` bounds the search to `start..` of
/// the whole haystack, so look-around still sees the bytes before `start`.
/// The core asks in loops whose every next question starts where the last
/// match ended (engine.h), so up to AHEAD such searches run in one call,
/// each from the end of the match before, as find_iter runs them (rebar's
/// own regex-redux iterates with find_iter and replace_all), stopping at
/// an empty match, after which the core goes on a byte later. The answers
/// found ahead are handed out before anything else is checked (the
/// questions were checked when they were found); the searches are out of
/// line, so that handing out saves no registers.
#[no_mangle]
pub unsafe extern "C" fn engine_find_at(
    e: *mut Engine,
    hay: *const u8,
    len: usize,
    start: usize,
    match_start: *mut usize,
    match_end: *mut usize,
    err: *mut *mut c_char,
) -> c_int {
    if let Some(Engine::Regex { ahead, .. }) = e.as_mut() {
        if ahead.next < ahead.spans.len() && ahead.goes_on(hay, len, start) {
            let (s, end) = ahead.spans[ahead.next];
            ahead.next += 1;
            // SAFETY: a question the same as the last one, whose pointers
            // find_ahead checked.
            *match_start = s;
            *match_end = end;
            return 1;
        }
    }
    find_ahead(e, hay, len, start, match_start, match_end, err)
}

/// engine_find_at's searches: up to AHEAD matches from `start`.
#[inline(never)]
unsafe fn find_ahead(
    e: *mut Engine,
    hay: *const u8,
    len: usize,
    start: usize,
    match_start: *mut usize,
    match_end: *mut usize,
    err: *mut *mut c_char,
) -> c_int {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        if start > hay.len() {
            return Err(format!("rust/regex: search start {start} is past the haystack's {len} bytes"));
        }
        if match_start.is_null() || match_end.is_null() {
            return Err("rust/regex: engine_find_at got a NULL span pointer".to_string());
        }
        let Engine::Regex { re, cache, ahead, .. } = e else {
            return Err(NO_REGEX.to_string());
        };
        if ahead.is_all && ahead.next == ahead.spans.len() && ahead.goes_on(hay.as_ptr(), hay.len(), start) {
            return Ok(0); // not searched again: no match follows the last
        }
        ahead.spans.clear();
        ahead.next = 0;
        ahead.hay = hay.as_ptr();
        ahead.len = hay.len();
        ahead.is_all = false;
        let mut at = start;
        while ahead.spans.len() < AHEAD {
            let Some(m) = re.search_with(cache, &Input::new(hay).range(at..)) else {
                ahead.is_all = true;
                break;
            };
            ahead.spans.push((m.start(), m.end()));
            if m.is_empty() {
                break;
            }
            at = m.end();
        }
        let Some(&(s, end)) = ahead.spans.first() else { return Ok(0) };
        ahead.next = 1;
        // SAFETY: both checked non-null above; engine.h makes them the
        // caller's writable size_t slots.
        *match_start = s;
        *match_end = end;
        Ok(1)
    })
}

/// The lowercase model: std's full Unicode lowercase of the text (which must
/// be UTF-8, as a Rust `str` is).
#[no_mangle]
pub unsafe extern "C" fn engine_lowercase(
    e: *mut Engine,
    text: *const u8,
    len: usize,
    out: *mut *const u8,
    out_len: *mut usize,
    err: *mut *mut c_char,
) -> c_int {
    guard(err, -1, || {
        let (e, text) = search_args(e, text, len)?;
        let Engine::Std(buf) = e else { return Err("rust/regex: lowercase is rust/std's".to_string()) };
        let text = std::str::from_utf8(text).map_err(|e| format!("rust/std: the text is not UTF-8: {e}"))?;
        // A new String per call, as to_lowercase makes one; kept so the
        // pointer stays valid until the next call.
        *buf = text.to_lowercase();
        if out.is_null() || out_len.is_null() {
            return Err("rust/std: engine_lowercase got a NULL out pointer".to_string());
        }
        *out = buf.as_ptr();
        *out_len = buf.len();
        Ok(0)
    })
}
