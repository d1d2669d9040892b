//! libferrex's C API as a C program sees it: declarations copied from
//! include/ferrex.h (only the functions this benchmark calls), plus owners
//! that free each handle. The timed code calls the extern functions
//! directly, as C would; nothing here sits between it and the library.

use std::ffi::{c_char, CStr};
use std::ptr;

/// Opaque handles (ferrex.h: `typedef struct ferrex_X ferrex_X`).
#[repr(C)]
pub struct FerrexRegex {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FerrexCache {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FerrexCaptures {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FerrexIter {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FerrexError {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FerrexOptions {
    _opaque: [u8; 0],
}

/// ferrex.h `ferrex_search` (NULL: the whole haystack).
#[repr(C)]
pub struct FerrexSearch {
    pub start: usize,
    pub end: usize,
    pub flags: u32,
    pub pattern: usize,
}

/// ferrex.h `ferrex_match`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FerrexMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

pub const FERREX_OK: i32 = 0;
/// ferrex.h FERREX_SEARCH_AFTER_MATCH.
pub const FERREX_SEARCH_AFTER_MATCH: u32 = 1 << 3;

extern "C" {
    pub fn ferrex_version() -> *const c_char;
    pub fn ferrex_status_name(status: i32) -> *const c_char;
    pub fn ferrex_status_message(status: i32) -> *const c_char;
    pub fn ferrex_error_free(error: *mut FerrexError);
    pub fn ferrex_error_message(error: *const FerrexError) -> *const c_char;

    pub fn ferrex_regex_new(
        out: *mut *mut FerrexRegex,
        pattern: *const u8,
        pattern_len: usize,
        flags: u32,
        options: *const FerrexOptions,
        error: *mut *mut FerrexError,
    ) -> i32;
    pub fn ferrex_regex_new_many(
        out: *mut *mut FerrexRegex,
        patterns: *const *const u8,
        pattern_lens: *const usize,
        pattern_count: usize,
        flags: u32,
        options: *const FerrexOptions,
        error: *mut *mut FerrexError,
    ) -> i32;
    pub fn ferrex_regex_free(regex: *mut FerrexRegex);
    pub fn ferrex_cache_new(out: *mut *mut FerrexCache, regex: *const FerrexRegex, error: *mut *mut FerrexError)
        -> i32;
    pub fn ferrex_cache_free(cache: *mut FerrexCache);

    pub fn ferrex_regex_is_match(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
    ) -> i32;
    pub fn ferrex_regex_find(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
        m: *mut FerrexMatch,
    ) -> i32;
    pub fn ferrex_regex_count(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
        count: *mut usize,
    ) -> i32;
    pub fn ferrex_regex_which_matches(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
        matched: *mut u8,
        matched_len: usize,
    ) -> i32;
    pub fn ferrex_regex_captures(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
        captures: *mut FerrexCaptures,
    ) -> i32;

    pub fn ferrex_captures_new(
        out: *mut *mut FerrexCaptures,
        regex: *const FerrexRegex,
        error: *mut *mut FerrexError,
    ) -> i32;
    pub fn ferrex_captures_free(captures: *mut FerrexCaptures);
    pub fn ferrex_captures_group(captures: *const FerrexCaptures, group: usize, span: *mut FerrexMatch) -> i32;
    pub fn ferrex_captures_spans(
        captures: *const FerrexCaptures,
        spans: *mut FerrexMatch,
        spans_len: usize,
        count: *mut usize,
    ) -> i32;

    pub fn ferrex_iter_new(
        out: *mut *mut FerrexIter,
        regex: *const FerrexRegex,
        haystack_len: usize,
        search: *const FerrexSearch,
        error: *mut *mut FerrexError,
    ) -> i32;
    pub fn ferrex_iter_reset(iter: *mut FerrexIter, haystack_len: usize, search: *const FerrexSearch) -> i32;
    pub fn ferrex_iter_free(iter: *mut FerrexIter);
    pub fn ferrex_iter_next(
        iter: *mut FerrexIter,
        haystack: *const u8,
        haystack_len: usize,
        m: *mut FerrexMatch,
    ) -> i32;
    pub fn ferrex_regex_find_all(
        regex: *const FerrexRegex,
        cache: *mut FerrexCache,
        haystack: *const u8,
        haystack_len: usize,
        search: *const FerrexSearch,
        out: *mut FerrexMatch,
        cap: usize,
        count: *mut usize,
    ) -> i32;
    pub fn ferrex_iter_next_batch(
        iter: *mut FerrexIter,
        haystack: *const u8,
        haystack_len: usize,
        out: *mut FerrexMatch,
        cap: usize,
        count: *mut usize,
    ) -> i32;
    pub fn ferrex_iter_next_spans(
        iter: *mut FerrexIter,
        haystack: *const u8,
        haystack_len: usize,
        spans: *mut FerrexMatch,
        spans_len: usize,
        count: *mut usize,
    ) -> i32;
    pub fn ferrex_iter_next_spans_batch(
        iter: *mut FerrexIter,
        haystack: *const u8,
        haystack_len: usize,
        spans: *mut FerrexMatch,
        stride: usize,
        cap: usize,
        count: *mut usize,
    ) -> i32;
    pub fn ferrex_regex_group_count(regex: *const FerrexRegex, pattern: usize, count: *mut usize) -> i32;
}

/// ferrex.h FERREX_UNSET: the offsets of a group that took no part.
pub const FERREX_UNSET: usize = usize::MAX;

fn text(s: *const c_char) -> String {
    if s.is_null() {
        return String::new();
    }
    // SAFETY: ferrex returns NUL-terminated static or error-owned strings.
    unsafe { CStr::from_ptr(s) }.to_string_lossy().into_owned()
}

/// The library's version string.
pub fn version() -> String {
    // SAFETY: no arguments; returns a static string.
    text(unsafe { ferrex_version() })
}

/// Passes a search result (1, 0) through; a negative status ends the
/// program with ferrex's own description, since every input here is valid
/// and an error means the benchmark is measuring something broken.
#[inline]
pub fn check(rc: i32, what: &str) -> i32 {
    if rc < 0 {
        fail(rc, what);
    }
    rc
}

#[cold]
fn fail(rc: i32, what: &str) -> ! {
    // SAFETY: both accept any value and return static strings.
    let (name, message) = unsafe { (text(ferrex_status_name(rc)), text(ferrex_status_message(rc))) };
    eprintln!("overhead: error: {what} returned {name}: {message}");
    std::process::exit(1);
}

/// A constructor's status and error object as one Result.
fn built(rc: i32, error: *mut FerrexError, what: &str) -> Result<(), String> {
    if rc == FERREX_OK {
        return Ok(());
    }
    // SAFETY: a failing constructor hands us the error (or NULL); we free it.
    let message = unsafe {
        let m = text(ferrex_error_message(error));
        ferrex_error_free(error);
        m
    };
    // SAFETY: accepts any value, returns a static string.
    Err(format!("{what} failed ({}): {message}", text(unsafe { ferrex_status_name(rc) })))
}

/// An owned ferrex_regex.
pub struct Regex(pub *mut FerrexRegex);

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, String> {
        Regex::many(&[pattern], 0)
    }

    /// One regex of all `patterns` (ferrex_regex_new_many) with FERREX_FLAG_* `flags`.
    pub fn many(patterns: &[&str], flags: u32) -> Result<Regex, String> {
        let (mut out, mut error) = (ptr::null_mut(), ptr::null_mut());
        let ptrs: Vec<*const u8> = patterns.iter().map(|p| p.as_ptr()).collect();
        let lens: Vec<usize> = patterns.iter().map(|p| p.len()).collect();
        // SAFETY: valid pointers; the patterns are only read during the call.
        let rc = unsafe {
            ferrex_regex_new_many(
                &mut out,
                ptrs.as_ptr(),
                lens.as_ptr(),
                patterns.len(),
                flags,
                ptr::null(),
                &mut error,
            )
        };
        built(rc, error, "ferrex_regex_new_many")?;
        Ok(Regex(out))
    }

    /// The most groups any of its `patterns` patterns has
    /// (ferrex_regex_group_count, group 0 included).
    pub fn max_groups(&self, patterns: usize) -> usize {
        let mut most = 0;
        for p in 0..patterns {
            let mut n = 0;
            // SAFETY: a live regex; `p` is one of its patterns.
            check(unsafe { ferrex_regex_group_count(self.0, p, &mut n) }, "ferrex_regex_group_count");
            most = most.max(n);
        }
        most
    }
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_regex_new, freed once.
        unsafe { ferrex_regex_free(self.0) }
    }
}

/// An owned ferrex_cache.
pub struct Cache(pub *mut FerrexCache);

impl Cache {
    pub fn new(regex: &Regex) -> Result<Cache, String> {
        let (mut out, mut error) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: valid pointers and a live regex.
        let rc = unsafe { ferrex_cache_new(&mut out, regex.0, &mut error) };
        built(rc, error, "ferrex_cache_new")?;
        Ok(Cache(out))
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_cache_new, freed once.
        unsafe { ferrex_cache_free(self.0) }
    }
}

/// An owned ferrex_captures.
pub struct Captures(pub *mut FerrexCaptures);

impl Captures {
    pub fn new(regex: &Regex) -> Result<Captures, String> {
        let (mut out, mut error) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: valid pointers and a live regex.
        let rc = unsafe { ferrex_captures_new(&mut out, regex.0, &mut error) };
        built(rc, error, "ferrex_captures_new")?;
        Ok(Captures(out))
    }
}

impl Drop for Captures {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_captures_new, freed once.
        unsafe { ferrex_captures_free(self.0) }
    }
}

/// An owned ferrex_iter.
pub struct Iter(pub *mut FerrexIter);

impl Iter {
    pub fn new(regex: &Regex, haystack_len: usize) -> Result<Iter, String> {
        let (mut out, mut error) = (ptr::null_mut(), ptr::null_mut());
        // SAFETY: valid pointers and a live regex.
        let rc = unsafe { ferrex_iter_new(&mut out, regex.0, haystack_len, ptr::null(), &mut error) };
        built(rc, error, "ferrex_iter_new")?;
        Ok(Iter(out))
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_iter_new, freed once.
        unsafe { ferrex_iter_free(self.0) }
    }
}
