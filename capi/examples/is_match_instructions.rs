//! Instruction counts, not seconds: is-match through the C ABI vs. the meta
//! regex (what Rust's regex crate runs), counted by callgrind, which gives
//! the same totals however busy the machine is. Used by
//! scripts/is-match-instructions.sh, which prints instructions per call.
//! Usage: is_match_instructions PATTERN HAYSTACK

use std::ptr;

use ferrex::*; // the capi crate's extern "C" functions
use regex_automata::{meta, Input};

const CALLS: i32 = 10_000;

#[inline(never)]
fn ferrex_call(re: *const ferrex_regex, cache: *mut ferrex_cache, hay: &str) -> bool {
    // SAFETY: live handles; the haystack outlives the call.
    unsafe { ferrex_regex_is_match(re, cache, hay.as_ptr(), hay.len(), ptr::null()) == 1 }
}

#[inline(never)]
fn meta_call(re: &meta::Regex, cache: &mut meta::Cache, hay: &str) -> bool {
    // What meta::Regex::is_match does, with an explicit cache.
    re.search_half_with(cache, &Input::new(hay).earliest(true)).is_some()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, pattern, hay] = args.as_slice() else {
        eprintln!("usage: is_match_instructions PATTERN HAYSTACK");
        std::process::exit(2);
    };
    let (mut re, mut cache) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: valid out-pointers and pattern bytes.
    unsafe {
        assert_eq!(
            ferrex_regex_new(&mut re, pattern.as_ptr(), pattern.len(), 0, ptr::null(), ptr::null_mut()),
            ferrex_status::FERREX_OK
        );
        assert_eq!(ferrex_cache_new(&mut cache, re, ptr::null_mut()), ferrex_status::FERREX_OK);
    }
    let reference = meta::Regex::new(pattern).expect("the pattern compiles in regex-automata too");
    let mut meta_cache = reference.create_cache();
    // One call each first, outside the counted functions: the first search
    // builds what both build on first use (ferrex's DFAs, lazy DFA states).
    // SAFETY: live handles; the haystack outlives the call.
    let warm = unsafe { ferrex_regex_is_match(re, cache, hay.as_ptr(), hay.len(), ptr::null()) == 1 };
    let mut agree = warm == reference.search_half_with(&mut meta_cache, &Input::new(hay).earliest(true)).is_some();
    for _ in 0..CALLS {
        agree &= ferrex_call(re, cache, hay) == meta_call(&reference, &mut meta_cache, hay);
    }
    assert!(agree, "ferrex and meta disagree on {pattern:?} / {hay:?}");
    // SAFETY: handles made above, freed once.
    unsafe {
        ferrex_cache_free(cache);
        ferrex_regex_free(re);
    }
}
