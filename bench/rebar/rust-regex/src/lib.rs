//! The engine.h functions for the "rust/regex" rebar engine, implemented on
//! regex-automata's meta::Regex: the engine the regex crate's
//! regex::bytes::Regex wraps, used here with an explicit Cache (no pool
//! lookup per search) so it is the reference ferrex's C API must not lose to.
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

use regex_automata::{
    meta::{Cache, Regex},
    util::{captures::Captures, iter::Searcher},
    Input,
};

use crate::{c_error::guard, config::EngineConfig};

/// engine.h's opaque `engine`: the regex and the scratch space its searches
/// reuse.
pub struct Engine {
    re: Regex,
    cache: Cache,
    caps: Captures,
}

#[no_mangle]
pub extern "C" fn engine_name() -> *const c_char {
    c"rust/regex".as_ptr()
}

#[no_mangle]
pub extern "C" fn engine_version() -> *const c_char {
    concat!(env!("REGEX_AUTOMATA_VERSION"), "\0").as_ptr().cast()
}

/// meta::Regex runs every model, with any number of patterns.
#[no_mangle]
pub extern "C" fn engine_supports(
    _model: *const c_char,
    _cfg: *const EngineConfig,
    _reason: *mut *const c_char,
) -> c_int {
    1
}

#[no_mangle]
pub unsafe extern "C" fn engine_compile(cfg: *const EngineConfig, err: *mut *mut c_char) -> *mut Engine {
    guard(err, std::ptr::null_mut(), || {
        // SAFETY: the core passes a config laid out as engine.h declares.
        let cfg = cfg.as_ref().ok_or("rust/regex: engine_compile got a NULL config")?;
        let re = config::compile(cfg)?;
        let (cache, caps) = (re.create_cache(), re.create_captures());
        Ok(Box::into_raw(Box::new(Engine { re, cache, caps })))
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
fn for_each_match(e: &mut Engine, hay: &[u8], mut on_match: impl FnMut(usize)) {
    let (re, cache) = (&e.re, &mut e.cache);
    let mut it = Searcher::new(Input::new(hay));
    while let Some(m) = it.advance(|input| Ok(re.search_with(cache, input))) {
        on_match(m.len());
    }
}

/// The count of find_iter's matches as regex::bytes::Regex counts them
/// (`Matches::count`): match ends only, by forward searches (meta's half
/// search), with the same empty-match rule.
#[no_mangle]
pub unsafe extern "C" fn engine_count(e: *mut Engine, hay: *const u8, len: usize, err: *mut *mut c_char) -> i64 {
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        let (re, cache) = (&e.re, &mut e.cache);
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
        for_each_match(e, hay, |n| sum += n as i64);
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
        let (re, cache, caps) = (&e.re, &mut e.cache, &mut e.caps);
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
        Ok(c_int::from(e.re.is_match_with(&mut e.cache, &Input::new(hay))))
    })
}

/// regex-redux's search: `Input::range` bounds the search to `start..` of
/// the whole haystack, so look-around still sees the bytes before `start`.
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
    guard(err, -1, || {
        let (e, hay) = search_args(e, hay, len)?;
        if start > hay.len() {
            return Err(format!("rust/regex: search start {start} is past the haystack's {len} bytes"));
        }
        if match_start.is_null() || match_end.is_null() {
            return Err("rust/regex: engine_find_at got a NULL span pointer".to_string());
        }
        match e.re.search_with(&mut e.cache, &Input::new(hay).range(start..)) {
            None => Ok(0),
            Some(m) => {
                // SAFETY: both checked non-null above; engine.h makes them
                // the caller's writable size_t slots.
                *match_start = m.start();
                *match_end = m.end();
                Ok(1)
            }
        }
    })
}
