//! What the fuzz targets share: owners of ferrex handles that free them on
//! drop, the status check every call goes through, and the builders that
//! turn `arbitrary` input into patterns, haystacks and searches.
//!
//! Everything here calls only the exported C functions of libferrex (the
//! `ferrex-capi` crate, whose library is named `ferrex`), exactly as a C
//! program would: raw pointers, lengths, out-parameters and statuses.
#![allow(clippy::missing_safety_doc)]

use std::ffi::CStr;
use std::ptr::{null, null_mut};

use arbitrary::Arbitrary;
pub use ferrex::*;

/// Every flag bit the header defines (FERREX_FLAG_*).
pub const KNOWN_FLAGS: u32 = 0xFF;
/// Every search flag bit the header defines (FERREX_SEARCH_*).
pub const KNOWN_SEARCH_FLAGS: u32 = 0b1111;
pub const ANCHORED: u32 = 1 << 0;
pub const EARLIEST: u32 = 1 << 1;
pub const ANCHOR_PATTERN: u32 = 1 << 2;
pub const AFTER_MATCH: u32 = 1 << 3;

pub const FLAG_CASE_INSENSITIVE: u32 = 1 << 0;
pub const FLAG_MULTI_LINE: u32 = 1 << 1;
pub const FLAG_DOT_MATCHES_NEW_LINE: u32 = 1 << 2;
pub const FLAG_SWAP_GREED: u32 = 1 << 3;
pub const FLAG_IGNORE_WHITESPACE: u32 = 1 << 4;
pub const FLAG_NO_UNICODE: u32 = 1 << 5;
pub const FLAG_NO_UTF8: u32 = 1 << 6;
pub const FLAG_CRLF: u32 = 1 << 7;

pub const OK: i32 = ferrex_status::FERREX_OK as i32;
pub const ERR_INTERNAL: i32 = ferrex_status::FERREX_ERR_INTERNAL as i32;
pub const ERR_NULL_POINTER: i32 = ferrex_status::FERREX_ERR_NULL_POINTER as i32;
pub const ERR_INVALID_ARGUMENT: i32 = ferrex_status::FERREX_ERR_INVALID_ARGUMENT as i32;
pub const ERR_UNKNOWN_FLAG: i32 = ferrex_status::FERREX_ERR_UNKNOWN_FLAG as i32;
pub const ERR_OUT_OF_BOUNDS: i32 = ferrex_status::FERREX_ERR_OUT_OF_BOUNDS as i32;
pub const ERR_INDEX: i32 = ferrex_status::FERREX_ERR_INDEX as i32;
pub const ERR_WRONG_REGEX: i32 = ferrex_status::FERREX_ERR_WRONG_REGEX as i32;
pub const ERR_INVALID_UTF8: i32 = ferrex_status::FERREX_ERR_INVALID_UTF8 as i32;
pub const ERR_SYNTAX: i32 = ferrex_status::FERREX_ERR_SYNTAX as i32;
pub const ERR_SIZE_LIMIT: i32 = ferrex_status::FERREX_ERR_SIZE_LIMIT as i32;
pub const ERR_BUFFER_TOO_SMALL: i32 = ferrex_status::FERREX_ERR_BUFFER_TOO_SMALL as i32;
pub const ERR_UNSUPPORTED: i32 = ferrex_status::FERREX_ERR_UNSUPPORTED as i32;
pub const ERR_ABORTED: i32 = ferrex_status::FERREX_ERR_ABORTED as i32;

/// The name ferrex_status_name() gives a status.
pub fn status_name(status: i32) -> &'static str {
    // SAFETY: the header promises a static NUL-terminated string.
    unsafe { CStr::from_ptr(ferrex_status_name(status)) }.to_str().expect("status names are ASCII")
}

/// The invariant every returned status obeys: documented, and never
/// FERREX_ERR_INTERNAL (a panic caught at the boundary is a ferrex bug).
pub fn status(s: impl Into<i32>, what: &str) -> i32 {
    let s = s.into();
    if s < 0 {
        assert_ne!(s, ERR_INTERNAL, "{what}: FERREX_ERR_INTERNAL (a panic was caught at the boundary)");
        assert_ne!(status_name(s), "FERREX_ERR_UNKNOWN", "{what}: undocumented status {s}");
        // The message table covers it too.
        // SAFETY: static NUL-terminated string.
        let msg = unsafe { CStr::from_ptr(ferrex_status_message(s)) };
        assert!(!msg.to_bytes().is_empty(), "{what}: empty message for {s}");
    }
    s
}

/// A search result: 1, 0 or a documented negative status.
pub fn search_result(s: i32, what: &str) -> i32 {
    let s = status(s, what);
    assert!(s <= 1, "{what}: search returned {s}");
    s
}

/// An OK-or-error status (never a positive value).
pub fn status_only(s: ferrex_status, what: &str) -> i32 {
    let s = status(s as i32, what);
    assert!(s <= 0, "{what}: returned {s}");
    s
}

/// A pointer for `bytes`: NULL (allowed when empty) or the slice's own.
pub fn ptr(bytes: &[u8], null_if_empty: bool) -> *const u8 {
    if bytes.is_empty() && null_if_empty {
        null()
    } else {
        bytes.as_ptr()
    }
}

/// What an error object says beyond its status: the failing pattern and
/// the span of the offending text, where known.
pub type ErrorDetails = (Option<usize>, Option<(usize, usize)>);

/// A group's span, None when it took no part in the match.
pub type Span = Option<(usize, usize)>;

/// Takes ownership of an error object (may be NULL) and checks it against
/// the status the failing call returned.
///
/// # Safety
/// `err` is NULL or an error object ferrex returned, not yet freed.
pub unsafe fn take_error(err: *mut ferrex_error, returned: i32, what: &str) -> Option<ErrorDetails> {
    if returned == OK {
        assert!(err.is_null(), "{what}: error object on success");
        return None;
    }
    assert!(!err.is_null(), "{what}: no error object for {returned}");
    // SAFETY: err came from ferrex and is freed exactly once below.
    unsafe {
        assert_eq!(ferrex_error_status(err) as i32, returned, "{what}: error object status");
        let msg = CStr::from_ptr(ferrex_error_message(err));
        assert!(std::str::from_utf8(msg.to_bytes()).is_ok(), "{what}: error message is not UTF-8");
        let mut index = usize::MAX;
        let pattern = match status(ferrex_error_pattern(err, &mut index), what) {
            1 => Some(index),
            0 => None,
            s => panic!("{what}: ferrex_error_pattern returned {s}"),
        };
        let (mut s, mut e) = (usize::MAX, usize::MAX);
        let span = match status(ferrex_error_span(err, &mut s, &mut e), what) {
            1 => Some((s, e)),
            0 => None,
            r => panic!("{what}: ferrex_error_span returned {r}"),
        };
        ferrex_error_free(err);
        Some((pattern, span))
    }
}

/// Owned build options.
pub struct Options(pub *mut ferrex_options);

impl Options {
    pub fn new() -> Options {
        let mut out = null_mut();
        let mut err = null_mut();
        // SAFETY: valid out-pointers.
        let s = status_only(unsafe { ferrex_options_new(&mut out, &mut err) }, "options_new");
        unsafe { take_error(err, s, "options_new") };
        assert_eq!(s, OK);
        Options(out)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new()
    }
}

impl Drop for Options {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_options_new, freed once.
        unsafe { ferrex_options_free(self.0) }
    }
}

/// Builder settings of a regex, each picked from a few meaningful values
/// (unbounded size limits would only make the fuzzer measure the
/// allocator), and a raw match kind that may be invalid.
#[derive(Arbitrary, Debug, Clone)]
pub struct OptionsSpec {
    pub nfa_limit: u8,
    pub dfa_limit: u8,
    pub cache_capacity: u8,
    pub nesting: u8,
    pub match_kind: u8,
}

impl OptionsSpec {
    /// Builds the options through the setters, checking each setter's
    /// documented answer. Also returns whether the match kind is ALL.
    pub fn build(&self) -> (Options, bool) {
        let o = Options::new();
        let nfa = [10 << 20, 1 << 20, 64 << 10, 1 << 10, 0][self.nfa_limit as usize % 5];
        let dfa = [256 << 10, 0, 4 << 10, 64 << 10][self.dfa_limit as usize % 4];
        let cap = [2 << 20, 0, 1, 1 << 10, 16 << 10, 256 << 10][self.cache_capacity as usize % 6];
        let nesting = [250, 0, 1, 3, 20, 1000][self.nesting as usize % 6];
        let kind = self.match_kind as u32 % 3; // 2 is not a ferrex_match_kind
                                               // SAFETY: o.0 is a live options object.
        unsafe {
            assert_eq!(status_only(ferrex_options_set_nfa_size_limit(o.0, nfa), "nfa limit"), OK);
            assert_eq!(status_only(ferrex_options_set_dfa_size_limit(o.0, dfa), "dfa limit"), OK);
            let s = status_only(ferrex_options_set_dfa_cache_capacity(o.0, cap), "cache capacity");
            assert_eq!(s, if cap == 0 { ERR_INVALID_ARGUMENT } else { OK }, "cache capacity {cap}");
            assert_eq!(status_only(ferrex_options_set_nesting_limit(o.0, nesting), "nesting"), OK);
            let s = status_only(ferrex_options_set_match_kind(o.0, kind), "match kind");
            assert_eq!(s, if kind < 2 { OK } else { ERR_INVALID_ARGUMENT }, "match kind {kind}");
        }
        (o, kind == 1)
    }
}

/// An owned compiled regex.
pub struct Regex {
    pub raw: *mut ferrex_regex,
    pub count: usize,
}

impl Regex {
    /// Compiles `patterns` with ferrex_regex_new (exactly one pattern and
    /// `many` false) or ferrex_regex_new_many, checking the status and the
    /// error object. Err carries the status.
    pub fn new(patterns: &[Vec<u8>], many: bool, flags: u32, options: Option<&Options>) -> Result<Regex, i32> {
        let mut out = null_mut();
        let mut err = null_mut();
        let opts = options.map_or(null(), |o| o.0 as *const _);
        let s = if patterns.len() == 1 && !many {
            let p = &patterns[0];
            // SAFETY: valid pointers and lengths.
            unsafe { ferrex_regex_new(&mut out, ptr(p, true), p.len(), flags, opts, &mut err) }
        } else {
            let ptrs: Vec<*const u8> = patterns.iter().map(|p| ptr(p, true)).collect();
            let lens: Vec<usize> = patterns.iter().map(|p| p.len()).collect();
            let (pp, lp) = if patterns.is_empty() { (null(), null()) } else { (ptrs.as_ptr(), lens.as_ptr()) };
            // SAFETY: valid arrays of `patterns.len()` entries.
            unsafe { ferrex_regex_new_many(&mut out, pp, lp, patterns.len(), flags, opts, &mut err) }
        };
        let s = status_only(s, "regex_new");
        let details = unsafe { take_error(err, s, "regex_new") };
        if s != OK {
            assert!(out.is_null(), "regex_new: *out set on failure");
            if flags & !KNOWN_FLAGS != 0 {
                assert_eq!(s, ERR_UNKNOWN_FLAG, "unknown flag bits {flags:#x}");
            }
            if let Some((pattern, span)) = details {
                if let Some(i) = pattern {
                    assert!(i < patterns.len(), "error names pattern {i} of {}", patterns.len());
                }
                if let Some((a, b)) = span {
                    let len = pattern.or((patterns.len() == 1).then_some(0)).map(|i| patterns[i].len());
                    assert!(a <= b, "error span {a}..{b}");
                    if let Some(len) = len {
                        assert!(b <= len, "error span {a}..{b} past the pattern ({len} bytes)");
                    }
                }
            }
            assert!(
                [ERR_UNKNOWN_FLAG, ERR_INVALID_UTF8, ERR_SYNTAX, ERR_SIZE_LIMIT].contains(&s),
                "regex_new returned {}",
                status_name(s)
            );
            return Err(s);
        }
        assert!(!out.is_null());
        assert_eq!(flags & !KNOWN_FLAGS, 0, "regex_new accepted unknown flag bits {flags:#x}");
        let mut re = Regex { raw: out, count: 0 };
        let mut count = usize::MAX;
        // SAFETY: live regex.
        assert_eq!(status_only(unsafe { ferrex_regex_pattern_count(re.raw, &mut count) }, "pattern_count"), OK);
        assert_eq!(count, patterns.len(), "pattern count");
        // SAFETY: live regex.
        let dfa = status(unsafe { ferrex_regex_has_full_dfa(re.raw) }, "has_full_dfa");
        assert!(dfa == 0 || dfa == 1);
        re.count = count;
        Ok(re)
    }

    pub fn group_count(&self, pattern: usize) -> Option<usize> {
        let mut n = usize::MAX;
        // SAFETY: live regex.
        match status_only(unsafe { ferrex_regex_group_count(self.raw, pattern, &mut n) }, "group_count") {
            OK => Some(n),
            s => {
                assert_eq!(s, ERR_INDEX);
                assert!(pattern >= self.count);
                None
            }
        }
    }

    /// The name of a group: Ok(Some) named, Ok(None) unnamed, Err(status).
    pub fn group_name(&self, pattern: usize, group: usize) -> Result<Option<Vec<u8>>, i32> {
        let (mut p, mut n) = (null::<u8>(), usize::MAX);
        // SAFETY: live regex, valid out-pointers.
        match status(unsafe { ferrex_regex_group_name(self.raw, pattern, group, &mut p, &mut n) }, "group_name") {
            1 => Ok(Some(unsafe { std::slice::from_raw_parts(p, n) }.to_vec())),
            0 => {
                assert!(p.is_null() && n == 0);
                Ok(None)
            }
            s => Err(s),
        }
    }

    pub fn group_index(&self, pattern: usize, name: &[u8]) -> Result<Option<usize>, i32> {
        let mut i = usize::MAX;
        // SAFETY: live regex.
        match status(
            unsafe { ferrex_regex_group_index(self.raw, pattern, ptr(name, true), name.len(), &mut i) },
            "group_index",
        ) {
            1 => Ok(Some(i)),
            0 => Ok(None),
            s => Err(s),
        }
    }

    pub fn cache(&self) -> Cache {
        let mut out = null_mut();
        let mut err = null_mut();
        // SAFETY: live regex.
        let s = status_only(unsafe { ferrex_cache_new(&mut out, self.raw, &mut err) }, "cache_new");
        unsafe { take_error(err, s, "cache_new") };
        assert_eq!(s, OK);
        Cache(out)
    }

    pub fn captures(&self) -> Captures {
        let mut out = null_mut();
        let mut err = null_mut();
        // SAFETY: live regex.
        let s = status_only(unsafe { ferrex_captures_new(&mut out, self.raw, &mut err) }, "captures_new");
        unsafe { take_error(err, s, "captures_new") };
        assert_eq!(s, OK);
        Captures(out)
    }

    pub fn is_match(&self, cache: Option<&Cache>, hay: &[u8], search: Option<&ferrex_search>) -> i32 {
        // SAFETY: live handles, valid slices.
        search_result(
            unsafe { ferrex_regex_is_match(self.raw, cache_ptr(cache), ptr(hay, true), hay.len(), search_ptr(search)) },
            "is_match",
        )
    }

    pub fn find(
        &self,
        cache: Option<&Cache>,
        hay: &[u8],
        search: Option<&ferrex_search>,
    ) -> Result<Option<ferrex_match>, i32> {
        let sentinel = ferrex_match { start: 7777, end: 7777, pattern: 7777 };
        let mut m = sentinel;
        // SAFETY: as above.
        let r = search_result(
            unsafe {
                ferrex_regex_find(self.raw, cache_ptr(cache), ptr(hay, true), hay.len(), search_ptr(search), &mut m)
            },
            "find",
        );
        match r {
            1 => Ok(Some(m)),
            0 => {
                assert!(same(&m, &sentinel), "find changed *match without a match");
                Ok(None)
            }
            s => Err(s),
        }
    }

    pub fn captures_search(
        &self,
        cache: Option<&Cache>,
        hay: &[u8],
        search: Option<&ferrex_search>,
        caps: &Captures,
    ) -> i32 {
        // SAFETY: as above.
        search_result(
            unsafe {
                ferrex_regex_captures(self.raw, cache_ptr(cache), ptr(hay, true), hay.len(), search_ptr(search), caps.0)
            },
            "captures",
        )
    }

    /// ferrex_regex_which_matches with `matched_len` = count + slack (at
    /// least 0); checks that bytes past the pattern count stay untouched.
    pub fn which(
        &self,
        cache: Option<&Cache>,
        hay: &[u8],
        search: Option<&ferrex_search>,
        slack: i8,
    ) -> Result<Vec<bool>, i32> {
        let len = (self.count as isize + slack as isize).max(0) as usize;
        let mut buf = vec![0xA5u8; len + 4];
        // SAFETY: as above; buf holds len bytes at least.
        let r = search_result(
            unsafe {
                ferrex_regex_which_matches(
                    self.raw,
                    cache_ptr(cache),
                    ptr(hay, true),
                    hay.len(),
                    search_ptr(search),
                    if len == 0 { null_mut() } else { buf.as_mut_ptr() },
                    len,
                )
            },
            "which_matches",
        );
        if r < 0 {
            assert!(buf.iter().all(|&b| b == 0xA5), "which_matches wrote on failure");
            return Err(r);
        }
        assert!(len >= self.count, "which_matches accepted {len} < {} bytes", self.count);
        assert!(buf[self.count..].iter().all(|&b| b == 0xA5), "which_matches wrote past the pattern count");
        let got: Vec<bool> = buf[..self.count]
            .iter()
            .map(|&b| {
                assert!(b <= 1, "which_matches wrote {b}");
                b == 1
            })
            .collect();
        assert_eq!(r == 1, got.iter().any(|&b| b), "which_matches result vs its flags");
        Ok(got)
    }

    pub fn iter(&self, hay_len: usize, search: Option<&ferrex_search>) -> Result<Iter, i32> {
        let mut out = null_mut();
        let mut err = null_mut();
        // SAFETY: live regex.
        let s = status_only(
            unsafe { ferrex_iter_new(&mut out, self.raw, hay_len, search_ptr(search), &mut err) },
            "iter_new",
        );
        unsafe { take_error(err, s, "iter_new") };
        if s == OK {
            Ok(Iter(out))
        } else {
            assert!(out.is_null());
            Err(s)
        }
    }
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_regex_new*, freed once.
        unsafe { ferrex_regex_free(self.raw) }
    }
}

pub fn same(a: &ferrex_match, b: &ferrex_match) -> bool {
    (a.start, a.end, a.pattern) == (b.start, b.end, b.pattern)
}

pub fn tuple(m: &ferrex_match) -> (usize, usize, usize) {
    (m.start, m.end, m.pattern)
}

pub struct Cache(pub *mut ferrex_cache);

impl Drop for Cache {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_cache_new, freed once.
        unsafe { ferrex_cache_free(self.0) }
    }
}

fn cache_ptr(c: Option<&Cache>) -> *mut ferrex_cache {
    c.map_or(null_mut(), |c| c.0)
}

pub fn search_ptr(s: Option<&ferrex_search>) -> *const ferrex_search {
    s.map_or(null(), |s| s as *const _)
}

pub struct Captures(pub *mut ferrex_captures);

impl Captures {
    /// The last match's pattern and every group span (None: did not take
    /// part), or None when the last search did not match.
    pub fn read(&self) -> Option<(usize, Vec<Span>)> {
        let mut pattern = usize::MAX;
        let mut count = usize::MAX;
        // SAFETY: live captures.
        unsafe {
            let p = status(ferrex_captures_pattern(self.0, &mut pattern), "captures_pattern");
            let c = status(ferrex_captures_group_count(self.0, &mut count), "captures_group_count");
            assert_eq!(p, c, "captures_pattern vs captures_group_count");
            let mut span = ferrex_match::default();
            if p == 0 {
                assert_eq!(status(ferrex_captures_group(self.0, 0, &mut span), "group"), 0);
                return None;
            }
            assert_eq!(p, 1);
            assert!(count >= 1);
            let mut groups = vec![];
            for g in 0..count {
                let mut span = ferrex_match { start: 1234, end: 1234, pattern: 1234 };
                match status(ferrex_captures_group(self.0, g, &mut span), "captures_group") {
                    1 => {
                        assert_eq!(span.pattern, pattern, "group {g} span names another pattern");
                        groups.push(Some((span.start, span.end)));
                    }
                    0 => {
                        assert_ne!(g, 0, "group 0 of a match did not take part");
                        assert_eq!(
                            (span.start, span.end, span.pattern),
                            (1234, 1234, 1234),
                            "span written for a missing group"
                        );
                        groups.push(None);
                    }
                    s => panic!("captures_group({g}) returned {s}"),
                }
            }
            assert_eq!(status(ferrex_captures_group(self.0, count, &mut span), "group past count"), ERR_INDEX);
            Some((pattern, groups))
        }
    }

    pub fn group_by_name(&self, name: &[u8]) -> Result<Option<(usize, usize)>, i32> {
        let mut span = ferrex_match::default();
        // SAFETY: live captures.
        match status(
            unsafe { ferrex_captures_group_by_name(self.0, ptr(name, true), name.len(), &mut span) },
            "group_by_name",
        ) {
            1 => Ok(Some((span.start, span.end))),
            0 => Ok(None),
            s => Err(s),
        }
    }
}

impl Drop for Captures {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_captures_new, freed once.
        unsafe { ferrex_captures_free(self.0) }
    }
}

pub struct Iter(pub *mut ferrex_iter);

impl Iter {
    pub fn next(&mut self, hay: &[u8]) -> Result<Option<ferrex_match>, i32> {
        let mut m = ferrex_match::default();
        // SAFETY: live iterator, valid haystack.
        match search_result(unsafe { ferrex_iter_next(self.0, ptr(hay, true), hay.len(), &mut m) }, "iter_next") {
            1 => Ok(Some(m)),
            0 => Ok(None),
            s => Err(s),
        }
    }

    pub fn next_batch(&mut self, hay: &[u8], cap: usize) -> Result<Vec<ferrex_match>, i32> {
        let mut out = vec![ferrex_match { start: 9, end: 9, pattern: 9 }; cap];
        let mut count = usize::MAX;
        let p = if cap == 0 { null_mut() } else { out.as_mut_ptr() };
        // SAFETY: out holds cap matches.
        let r = search_result(
            unsafe { ferrex_iter_next_batch(self.0, ptr(hay, true), hay.len(), p, cap, &mut count) },
            "iter_next_batch",
        );
        if r < 0 {
            return Err(r);
        }
        assert!(count <= cap, "batch count {count} > cap {cap}");
        assert_eq!(r == 1, count > 0, "batch result {r} vs count {count}");
        out.truncate(count);
        Ok(out)
    }

    /// ferrex_iter_next_spans_batch: the group spans of up to `cap` next
    /// matches, `stride` entries each (`count * stride` entries returned).
    pub fn next_spans_batch(&mut self, hay: &[u8], stride: usize, cap: usize) -> Result<Vec<ferrex_match>, i32> {
        let mut out = vec![ferrex_match { start: 9, end: 9, pattern: 9 }; stride * cap];
        let mut count = usize::MAX;
        let p = if out.is_empty() { null_mut() } else { out.as_mut_ptr() };
        // SAFETY: out holds stride * cap entries.
        let r = search_result(
            unsafe { ferrex_iter_next_spans_batch(self.0, ptr(hay, true), hay.len(), p, stride, cap, &mut count) },
            "iter_next_spans_batch",
        );
        if r < 0 {
            return Err(r);
        }
        assert!(count <= cap, "spans batch count {count} > cap {cap}");
        assert_eq!(r == 1, count > 0, "spans batch result {r} vs count {count}");
        out.truncate(count * stride);
        Ok(out)
    }

    pub fn next_captures(&mut self, hay: &[u8], caps: &Captures) -> i32 {
        // SAFETY: live handles.
        search_result(
            unsafe { ferrex_iter_next_captures(self.0, ptr(hay, true), hay.len(), caps.0) },
            "iter_next_captures",
        )
    }

    pub fn reset(&mut self, hay_len: usize, search: Option<&ferrex_search>) -> i32 {
        // SAFETY: live iterator.
        status_only(unsafe { ferrex_iter_reset(self.0, hay_len, search_ptr(search)) }, "iter_reset")
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_iter_new, freed once.
        unsafe { ferrex_iter_free(self.0) }
    }
}

/// A library-owned buffer, freed on drop.
pub struct Bytes(pub ferrex_bytes);

impl Bytes {
    pub fn empty() -> Bytes {
        // Poisoned so that a call that forgets to reset it is caught.
        Bytes(ferrex_bytes { ptr: 0x10 as *mut u8, len: 3 })
    }

    pub fn to_vec(&self) -> Vec<u8> {
        if self.0.len == 0 {
            assert!(self.0.ptr.is_null(), "empty ferrex_bytes with a pointer");
            vec![]
        } else {
            // SAFETY: the library filled ptr/len.
            unsafe { std::slice::from_raw_parts(self.0.ptr, self.0.len) }.to_vec()
        }
    }

    /// After a failed *_alloc call: must hold {NULL, 0}.
    pub fn assert_cleared(&self, what: &str) {
        assert!(self.0.ptr.is_null() && self.0.len == 0, "{what}: *out not {{NULL, 0}} after a failure");
    }
}

impl Drop for Bytes {
    fn drop(&mut self) {
        if self.0.ptr as usize == 0x10 {
            return; // never filled (the call under test is asserted on elsewhere)
        }
        // SAFETY: filled by the library; ferrex_bytes_free resets it, so twice is fine.
        unsafe {
            ferrex_bytes_free(&mut self.0);
            ferrex_bytes_free(&mut self.0);
        }
    }
}

/// Runs a caller-buffer producer (`f(out, out_cap, out_len) -> status`)
/// the way a C caller does: ask with a too-small buffer (which must write
/// nothing and report the size), then retry with exactly that size. The
/// bytes must equal `alloc`'s (the *_alloc variant's) result. `small` picks
/// the too-small capacity.
pub fn check_retry(
    what: &str,
    small: usize,
    alloc: &Result<Vec<u8>, i32>,
    mut f: impl FnMut(*mut u8, usize, *mut usize) -> ferrex_status,
) {
    // The size query: capacity 0, NULL buffer.
    let mut need = 0xDEAD_usize;
    let s = status_only(f(null_mut(), 0, &mut need), what);
    match alloc {
        Err(e) => {
            assert_eq!(s, *e, "{what}: buffer call {} vs alloc call {}", status_name(s), status_name(*e));
            return;
        }
        Ok(want) => {
            if want.is_empty() {
                assert_eq!(s, OK, "{what}: empty result into a 0-byte buffer");
                assert_eq!(need, 0);
                return;
            }
            assert_eq!(s, ERR_BUFFER_TOO_SMALL, "{what}: 0-byte buffer for {} bytes", want.len());
            assert_eq!(need, want.len(), "{what}: reported size vs alloc length");
        }
    }
    let want = alloc.as_ref().unwrap();
    // A too-small buffer: nothing written.
    let cap = small % need;
    let mut buf = vec![0x5Au8; need + 8];
    let mut len = 0xDEAD_usize;
    let s = status_only(f(buf.as_mut_ptr(), cap, &mut len), what);
    assert_eq!(s, ERR_BUFFER_TOO_SMALL, "{what}: {cap}-byte buffer for {need} bytes");
    assert_eq!(len, need, "{what}: size reported on retry");
    assert!(buf.iter().all(|&b| b == 0x5A), "{what}: wrote into a too-small buffer");
    // The exact size.
    let s = status_only(f(buf.as_mut_ptr(), need, &mut len), what);
    assert_eq!(s, OK, "{what}: exact-size retry failed with {}", status_name(s));
    assert_eq!(len, need);
    assert_eq!(&buf[..need], &want[..], "{what}: retry bytes differ from the _alloc result");
    assert!(buf[need..].iter().all(|&b| b == 0x5A), "{what}: wrote past out_len");
    // A roomier buffer gives the same bytes.
    let s = status_only(f(buf.as_mut_ptr(), need + 8, &mut len), what);
    assert_eq!((s, len), (OK, need));
    assert_eq!(&buf[..need], &want[..], "{what}: roomy-buffer bytes differ");
}

/// Regex syntax pieces: patterns built from them are mostly valid, and
/// fuzz/regex.dict holds the same tokens for libFuzzer's own mutations.
pub const TOKENS: &[&str] = &[
    "a",
    "b",
    "c",
    "ab",
    "abc",
    "A",
    "é",
    "É",
    "☃",
    "k",
    "s",
    "σ",
    "Σ",
    "0",
    "_",
    " ",
    "-",
    ".",
    "\\w",
    "\\W",
    "\\d",
    "\\D",
    "\\s",
    "\\S",
    "\\b",
    "\\B",
    "^",
    "$",
    "\\A",
    "\\z",
    "\\b{start}",
    "\\b{end}",
    "\\b{start-half}",
    "\\<",
    "\\>",
    "[a-c]",
    "[^a]",
    "[ab]",
    "[^\\n]",
    "[[:alpha:]]",
    "[[:^space:]]",
    "[a-z&&[^b]]",
    "[\\w--\\d]",
    "\\pL",
    "\\p{Greek}",
    "\\PL",
    "\\p{Lu}",
    "\\n",
    "\\r",
    "\\t",
    "\\x41",
    "\\xFF",
    "\\x{263A}",
    "\\u{e9}",
    "(?-u:\\xFF)",
    "(?-u:.)",
    "(?-u:\\w)",
    "(?-u:\\b)",
    "(?u:\\w)",
    "(",
    "(?:",
    "(?P<n>",
    "(?<x>",
    "(?i:",
    "(?m:",
    "(?s:",
    "(?U:",
    "(?R:",
    "(?x:",
    ")",
    "|",
    "*",
    "+",
    "?",
    "*?",
    "+?",
    "??",
    "{2}",
    "{1,3}",
    "{0,}",
    "{2,}?",
    "{0}",
    "(?i)",
    "(?-i)",
    "(?m)",
    "(?s)",
    "(?U)",
    "(?R)",
    "(?x)",
    "(?-u)",
    "(?u)",
    "#",
    "\\#",
    "\\ ",
    "\\.",
    "\\*",
    "\\\\",
    "\\Q",
    "[",
    "]",
    "{",
    "}",
    "\\",
];

/// A pattern: raw bytes (the libFuzzer dictionary helps those along), or
/// a sequence of syntax tokens with balanced groups.
#[derive(Arbitrary, Debug, Clone)]
pub enum PatternSpec {
    Raw(Vec<u8>),
    Tokens(Vec<u8>),
    /// Deep nesting: `depth` groups around a token, each repeated or not
    /// (the default nesting limit is 250, the most 1,000).
    Nested { depth: u16, token: u8, repeat: bool },
}

impl PatternSpec {
    pub fn build(&self) -> Vec<u8> {
        match self {
            PatternSpec::Raw(b) => b.iter().copied().take(160).collect(),
            PatternSpec::Nested { depth, token, repeat } => {
                let depth = *depth as usize % 1100;
                let close = if *repeat { ")*" } else { ")" };
                let tok = TOKENS[*token as usize % TOKENS.len()];
                let tok = if tok.starts_with('(') || tok == ")" { "a" } else { tok };
                format!("{}{tok}{}", "(?:".repeat(depth), close.repeat(depth)).into_bytes()
            }
            PatternSpec::Tokens(t) => {
                let mut out = String::new();
                let mut depth = 0usize;
                for &i in t.iter().take(32) {
                    let tok = TOKENS[i as usize % TOKENS.len()];
                    if tok == ")" {
                        if depth == 0 {
                            continue;
                        }
                        depth -= 1;
                    } else if tok.starts_with('(') && tok.ends_with([':', '>', '(']) {
                        depth += 1;
                    }
                    out.push_str(tok);
                }
                for _ in 0..depth {
                    out.push(')');
                }
                out.into_bytes()
            }
        }
    }
}

/// Haystack pieces: letters, case pairs, line terminators, multi-byte
/// characters, invalid UTF-8 and folding oddities (KELVIN SIGN, long s).
pub const HAY_PIECES: &[&[u8]] = &[
    b"a",
    b"b",
    b"c",
    b"A",
    b"B",
    b"ab",
    b"abc",
    b"\n",
    b"\r",
    b"\r\n",
    b" ",
    b"0",
    b"9",
    b"_",
    b"-",
    b"x",
    "é".as_bytes(),
    "É".as_bytes(),
    "☃".as_bytes(),
    "σ".as_bytes(),
    "Σ".as_bytes(),
    "ς".as_bytes(),
    "\u{212A}".as_bytes(),
    "ſ".as_bytes(),
    b"k",
    b"s",
    b"\xFF",
    b"\xE2\x98",
    b"\xC3",
    b"\x80",
    b"\0",
    "😀".as_bytes(),
    b"#",
    b"$",
];

#[derive(Arbitrary, Debug, Clone)]
pub enum HaySpec {
    Raw(Vec<u8>),
    Pieces(Vec<u8>),
}

impl HaySpec {
    pub fn build(&self) -> Vec<u8> {
        match self {
            HaySpec::Raw(b) => b.iter().copied().take(256).collect(),
            HaySpec::Pieces(p) => {
                let mut out = vec![];
                for &i in p.iter().take(96) {
                    out.extend_from_slice(HAY_PIECES[i as usize % HAY_PIECES.len()]);
                }
                out
            }
        }
    }
}

/// A search: NULL, valid bounds, or raw (possibly out-of-range) bounds,
/// with raw search flags (unknown bits included when `keep_unknown` is 0)
/// and an anchor pattern that may not exist.
#[derive(Arbitrary, Debug, Clone)]
pub struct SearchSpec {
    pub kind: u8,
    pub start: u16,
    pub end: u16,
    pub flags: u32,
    pub keep_unknown: u8,
    pub pattern: u8,
}

/// What a search spec turned into, and whether the call must accept it.
pub struct BuiltSearch {
    pub search: Option<ferrex_search>,
    pub start: usize,
    pub end: usize,
    pub flags: u32,
    pub pattern: usize,
    pub bounds_ok: bool,
    pub flags_ok: bool,
    pub pattern_ok: bool,
}

impl BuiltSearch {
    /// Whether the search is valid: searches must then not fail.
    pub fn valid(&self) -> bool {
        self.bounds_ok && self.flags_ok && self.pattern_ok
    }

    pub fn as_ref(&self) -> Option<&ferrex_search> {
        self.search.as_ref()
    }

    pub fn anchored(&self) -> bool {
        self.flags & (ANCHORED | ANCHOR_PATTERN) != 0
    }

    /// The same search with other bounds.
    pub fn with_bounds(&self, start: usize, end: usize) -> ferrex_search {
        ferrex_search { start, end, flags: self.flags, pattern: self.pattern }
    }

    /// A failing search must fail with one of the statuses its defects
    /// explain (bounds, flags, anchor pattern).
    pub fn check_failure(&self, s: i32, what: &str) {
        assert!(s < 0);
        let mut allowed = vec![];
        if !self.bounds_ok {
            allowed.push(ERR_OUT_OF_BOUNDS);
        }
        if !self.flags_ok {
            allowed.push(ERR_UNKNOWN_FLAG);
        }
        if !self.pattern_ok {
            allowed.push(ERR_INDEX);
        }
        assert!(
            allowed.contains(&s),
            "{what}: {} for a search with bounds_ok={} flags_ok={} pattern_ok={} ({}..{} flags {:#x} pattern {})",
            status_name(s),
            self.bounds_ok,
            self.flags_ok,
            self.pattern_ok,
            self.start,
            self.end,
            self.flags,
            self.pattern
        );
    }

    /// A match found by this search must lie inside its bounds, start at
    /// the start when anchored, and come from an existing pattern (the
    /// anchor pattern when there is one).
    pub fn check_match(&self, m: &ferrex_match, patterns: usize, what: &str) {
        assert!(m.start <= m.end, "{what}: match {}..{} runs backwards", m.start, m.end);
        assert!(
            self.start <= m.start && m.end <= self.end,
            "{what}: match {}..{} outside the bounds {}..{}",
            m.start,
            m.end,
            self.start,
            self.end
        );
        assert!(m.pattern < patterns, "{what}: match names pattern {} of {patterns}", m.pattern);
        if self.flags & ANCHOR_PATTERN != 0 {
            assert_eq!(m.pattern, self.pattern, "{what}: anchored pattern");
        }
    }
}

impl SearchSpec {
    /// `patterns`: how many patterns (or phrases) the searched object has.
    pub fn build(&self, hay_len: usize, patterns: usize) -> BuiltSearch {
        // Never FERREX_SEARCH_AFTER_MATCH: the targets' oracles model a
        // search from its start bound (the flag's semantics are checked by
        // the conformance suite and the engine's agreement tests).
        let flags = if self.keep_unknown == 0 { self.flags } else { self.flags & KNOWN_SEARCH_FLAGS } & !AFTER_MATCH;
        let pattern = if self.keep_unknown == 1 { usize::MAX } else { self.pattern as usize % (patterns + 1) };
        let (search, start, end) = match self.kind % 8 {
            // NULL: the whole haystack, no flags.
            0 => (None, 0, hay_len),
            // Raw bounds, possibly past the haystack or reversed.
            1 => {
                let (s, e) = (self.start as usize, self.end as usize);
                (Some(ferrex_search { start: s, end: e, flags, pattern }), s, e)
            }
            // Extremes.
            2 => {
                let s = if self.start & 1 == 0 { usize::MAX } else { hay_len + 1 };
                (
                    Some(ferrex_search { start: s.min(self.end as usize), end: s, flags, pattern }),
                    s.min(self.end as usize),
                    s,
                )
            }
            _ => {
                let s = self.start as usize % (hay_len + 1);
                let e = s + self.end as usize % (hay_len - s + 1);
                (Some(ferrex_search { start: s, end: e, flags, pattern }), s, e)
            }
        };
        let flags = if search.is_some() { flags } else { 0 };
        BuiltSearch {
            bounds_ok: start <= end && end <= hay_len,
            flags_ok: flags & !KNOWN_SEARCH_FLAGS == 0,
            pattern_ok: flags & ANCHOR_PATTERN == 0 || pattern < patterns,
            search,
            start,
            end,
            flags,
            pattern,
        }
    }
}
