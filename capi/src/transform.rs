//! Transformations from C: regex replace (template or callback) and lowercase.
//!
//! Each transformation computes its result with the engine, then hands it
//! out through `output`: into a caller buffer, or as a library-owned
//! `ferrex_bytes` (the `_alloc` variants).

use std::ffi::c_void;

use engine::{Flow, Template};

use crate::cache::ferrex_cache;
use crate::captures::ferrex_captures;
use crate::guard::{bytes, Fail, Res};
use crate::output::{ferrex_bytes, produce_into, produce_owned};
use crate::regex::ferrex_regex;
use crate::search::{args, ferrex_search};
use crate::status::ferrex_status::{self, *};

/// How ferrex_lowercase() lowercases, passed as a uint32_t.
#[repr(u32)]
pub enum ferrex_lowercase_mode {
    /// Only the ASCII letters A-Z; every other byte is copied unchanged
    /// (the length never changes).
    FERREX_LOWERCASE_ASCII = 0,
    /// Full Unicode lowercase of every valid UTF-8 character, one character
    /// at a time (no context: a word-final capital sigma U+03A3 becomes
    /// U+03C3 like any other); the length may change (U+0130 becomes "i"
    /// followed by U+0307). Bytes that are not valid UTF-8 are copied
    /// unchanged.
    FERREX_LOWERCASE_UNICODE = 1,
}

/// The callback of ferrex_regex_replace_with(), called once per match, in
/// order, on the calling thread.
///
/// `captures` holds the match's groups: read it with
/// ferrex_captures_group(), ferrex_captures_group_by_name(),
/// ferrex_captures_pattern() and so on. It is owned by ferrex, read-only,
/// and valid only until the callback returns. `haystack`/`haystack_len`
/// are the haystack given to the replace call (the captures' offsets refer
/// to it).
///
/// To replace the match, point `*replacement` at `*replacement_len` bytes
/// (on entry they are NULL and 0: leaving them so replaces the match with
/// nothing; NULL with a non-zero length fails the call with
/// FERREX_ERR_NULL_POINTER). The bytes stay owned by the callback and must
/// still be valid when it returns (so not in its own stack frame): ferrex
/// copies them right then, before anything else, so a buffer in
/// `user_data` may be reused by the next call.
///
/// Return 0 to go on to the next match, 1 to replace this match and stop
/// (the rest of the haystack is copied unchanged), or a negative value to
/// abort: the replace call then fails with FERREX_ERR_ABORTED, produces no
/// output and ignores `*replacement`. Any other value fails the call with
/// FERREX_ERR_INVALID_ARGUMENT.
///
/// The callback may call ferrex functions (searches with the same regex
/// included), but not with the cache given to the replace call, and it
/// must not unwind or longjmp out of ferrex.
pub type ferrex_replace_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        captures: *const ferrex_captures,
        haystack: *const u8,
        haystack_len: usize,
        replacement: *mut *const u8,
        replacement_len: *mut usize,
    ) -> i32,
>;

/// # Safety
/// As documented on ferrex_regex_replace().
#[allow(clippy::too_many_arguments)]
unsafe fn replace(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    template: *const u8,
    template_len: usize,
    limit: usize,
) -> Res<Vec<u8>> {
    // SAFETY: forwarded caller promises.
    let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
    let template = unsafe { bytes(template, template_len, "template_") }?;
    let template = Template::new(&a.re.0, template)?;
    let search = a.search();
    Ok(a.re.0.replace(a.cache, a.haystack, &search, &template, limit)?)
}

/// # Safety
/// As documented on ferrex_regex_replace_with().
#[allow(clippy::too_many_arguments)]
unsafe fn replace_with(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    limit: usize,
    callback: ferrex_replace_fn,
    user_data: *mut c_void,
) -> Res<Vec<u8>> {
    let callback = callback.ok_or_else(|| Fail::new(FERREX_ERR_NULL_POINTER, "callback is NULL"))?;
    // SAFETY: forwarded caller promises.
    let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
    let search = a.search();
    let mut caps = a.re.0.create_captures();
    a.re.0.replace_with_captures(a.cache, a.haystack, &search, limit, &mut caps, |caps, out| {
        // The callback gets the capi's own handle, so that every
        // ferrex_captures_* function works on it: `ferrex_captures` is a
        // transparent wrapper of the engine's captures.
        let caps = ferrex_captures::from_engine(caps);
        let (mut ptr, mut len): (*const u8, usize) = (std::ptr::null(), 0);
        // SAFETY: the caller vouches for the callback and `user_data`; the
        // captures and the out-pointers are live for the whole call, and
        // `haystack` is the caller's own (valid, or NULL with length 0).
        let code = unsafe { callback(user_data, caps, haystack, haystack_len, &mut ptr, &mut len) };
        let flow = match code {
            0 => Flow::Continue,
            1 => Flow::Stop,
            c if c < 0 => return Err(Fail::new(FERREX_ERR_ABORTED, format!("the replace callback returned {c}"))),
            c => return Err(Fail::new(FERREX_ERR_INVALID_ARGUMENT, format!("the replace callback returned {c}"))),
        };
        // SAFETY: the callback promises `len` readable bytes at `ptr`.
        out.extend_from_slice(unsafe { bytes(ptr, len, "the callback's replacement") }?);
        Ok(flow)
    })
}

fn lowercase(text: &[u8], mode: u32) -> Res<Vec<u8>> {
    const ASCII: u32 = ferrex_lowercase_mode::FERREX_LOWERCASE_ASCII as u32;
    const UNICODE: u32 = ferrex_lowercase_mode::FERREX_LOWERCASE_UNICODE as u32;
    match mode {
        ASCII => Ok(engine::lowercase_ascii(text)),
        UNICODE => Ok(engine::lowercase_unicode(text)),
        other => Err(Fail::new(FERREX_ERR_INVALID_ARGUMENT, format!("unknown lowercase mode {other}"))),
    }
}

/// Replaces the matches of `regex` in `haystack` with the expansion of a
/// template and writes the whole new text to `out` (capacity `out_cap`
/// bytes, NULL allowed when 0; not NUL-terminated, and it must not overlap
/// the inputs). Bytes between matches and outside the bounds of `search`
/// (NULL: the whole haystack) are copied unchanged.
///
/// The template is `template_len` bytes at `template_` (need not be UTF-8;
/// NULL allowed when the length is 0): `$$` is a literal `$`; `$N` and
/// `${N}` insert group N (`$0` is the whole match); `$name` and `${name}`
/// insert the group called name, where a bare name is the longest run of
/// [_0-9A-Za-z] (so `$1a` names a group "1a": write `${1}a`); any other
/// `$` is a literal `$`. A group the matched pattern lacks (but another
/// pattern has) or that took no part in the match inserts nothing.
///
/// `limit`: 0 replaces every match, N at most the first N. The matches are
/// those ferrex_iter_next() reports for the same search, empty ones
/// included (see ferrex_iter). `cache`: this thread's cache for `regex`, or
/// NULL to borrow one from the regex's internal pool.
///
/// `*out_len` receives the length of the result, on success and on
/// FERREX_ERR_BUFFER_TOO_SMALL (nothing is written then: call again with
/// a buffer that large, or use ferrex_regex_replace_alloc()).
///
/// Returns FERREX_OK, FERREX_ERR_BUFFER_TOO_SMALL,
/// FERREX_ERR_NULL_POINTER (`regex` or `out_len` NULL, or a NULL pointer
/// with a non-zero length), FERREX_ERR_INVALID_ARGUMENT (a malformed
/// template: `${` without a closing `}`, or `${}`), FERREX_ERR_INDEX (the
/// template refers to a group no pattern of the regex has, or no such
/// anchor pattern), FERREX_ERR_OUT_OF_BOUNDS, FERREX_ERR_UNKNOWN_FLAG, or
/// FERREX_ERR_WRONG_REGEX (the cache belongs to another regex).
/// Thread-safe given distinct caches. Keeps no pointer to its inputs.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_replace(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    template_: *const u8,
    template_len: usize,
    limit: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_into(out, out_cap, out_len, || {
            replace(regex, cache, haystack, haystack_len, search, template_, template_len, limit)
        })
    }
}

/// ferrex_regex_replace() with the result in a new library-owned buffer:
/// on success `*out` holds it (free it with ferrex_bytes_free(); an empty
/// result is {NULL, 0}). `*out` is set to {NULL, 0} first, so it holds no
/// stale pointer after a failure.
///
/// Returns FERREX_OK or a status as for ferrex_regex_replace() (never
/// FERREX_ERR_BUFFER_TOO_SMALL); FERREX_ERR_NULL_POINTER also when `out`
/// is NULL. Thread-safe given distinct caches. Keeps no pointer to its
/// inputs.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_replace_alloc(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    template_: *const u8,
    template_len: usize,
    limit: usize,
    out: *mut ferrex_bytes,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_owned(out, || replace(regex, cache, haystack, haystack_len, search, template_, template_len, limit))
    }
}

/// Replaces the matches of `regex` in `haystack` with what `callback`
/// returns for each of them (see ferrex_replace_fn; it receives
/// `user_data` as is) and writes the whole new text to `out` (capacity
/// `out_cap` bytes, NULL allowed when 0; not NUL-terminated, and it must
/// not overlap the inputs). Bytes between matches and outside the bounds
/// of `search` (NULL: the whole haystack) are copied unchanged. `limit`
/// and `cache` as for ferrex_regex_replace(): the callback is not called
/// for matches past the limit.
///
/// `*out_len` receives the length of the result on success and on
/// FERREX_ERR_BUFFER_TOO_SMALL. Nothing is written then, and a retry with
/// a bigger buffer runs the whole replacement again, calling the callback
/// again for every match: use ferrex_regex_replace_with_alloc() when the
/// callback must run only once per match.
///
/// Returns FERREX_OK, FERREX_ERR_BUFFER_TOO_SMALL, FERREX_ERR_ABORTED (the
/// callback returned a negative value; nothing is written and `*out_len`
/// is left alone), FERREX_ERR_NULL_POINTER (`regex`, `callback` or
/// `out_len` NULL, a NULL pointer with a non-zero length, or a callback
/// replacement that is NULL with a non-zero length),
/// FERREX_ERR_INVALID_ARGUMENT (the callback returned a value other than
/// 0, 1 or a negative one), FERREX_ERR_OUT_OF_BOUNDS,
/// FERREX_ERR_UNKNOWN_FLAG, FERREX_ERR_INDEX (no such anchor pattern) or
/// FERREX_ERR_WRONG_REGEX (the cache belongs to another regex). Bad
/// arguments are reported before the callback is ever called.
/// Thread-safe given distinct caches (the callback runs on the calling
/// thread). Keeps no pointer to its inputs.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_replace_with(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    limit: usize,
    callback: ferrex_replace_fn,
    user_data: *mut c_void,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_into(out, out_cap, out_len, || {
            replace_with(regex, cache, haystack, haystack_len, search, limit, callback, user_data)
        })
    }
}

/// ferrex_regex_replace_with() with the result in a new library-owned
/// buffer, so the callback runs exactly once per replaced match: on
/// success `*out` holds it (free it with ferrex_bytes_free(); an empty
/// result is {NULL, 0}). `*out` is set to {NULL, 0} first, so it holds no
/// stale pointer after a failure (an abort included).
///
/// Returns FERREX_OK or a status as for ferrex_regex_replace_with() (never
/// FERREX_ERR_BUFFER_TOO_SMALL); FERREX_ERR_NULL_POINTER also when `out`
/// is NULL. Thread-safe given distinct caches. Keeps no pointer to its
/// inputs.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_replace_with_alloc(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    limit: usize,
    callback: ferrex_replace_fn,
    user_data: *mut c_void,
    out: *mut ferrex_bytes,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_owned(out, || replace_with(regex, cache, haystack, haystack_len, search, limit, callback, user_data))
    }
}

/// Lowercases `text` (`text_len` bytes; NULL allowed when 0) as `mode`, a
/// ferrex_lowercase_mode value, says, and writes the result to `out`
/// (capacity `out_cap` bytes, NULL allowed when 0; not NUL-terminated).
/// FERREX_LOWERCASE_ASCII keeps the length; FERREX_LOWERCASE_UNICODE may
/// change it. `*out_len` receives the result's length on success and on
/// FERREX_ERR_BUFFER_TOO_SMALL (nothing written), so `out_cap` 0 asks for
/// the size.
///
/// Returns FERREX_OK, FERREX_ERR_BUFFER_TOO_SMALL, FERREX_ERR_NULL_POINTER
/// (`out_len` NULL, or a NULL pointer with a non-zero length) or
/// FERREX_ERR_INVALID_ARGUMENT (an unknown mode). Invalid UTF-8 is not an
/// error: it is copied unchanged. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_lowercase(
    text: *const u8,
    text_len: usize,
    mode: u32,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe { produce_into(out, out_cap, out_len, || lowercase(bytes(text, text_len, "text")?, mode)) }
}

/// ferrex_lowercase() with the result in a new library-owned buffer: on
/// success `*out` holds it (free it with ferrex_bytes_free(); an empty
/// result is {NULL, 0}). `*out` is set to {NULL, 0} first, so it holds no
/// stale pointer after a failure.
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER (`out` NULL, or `text` NULL
/// with a non-zero length) or FERREX_ERR_INVALID_ARGUMENT (an unknown
/// mode). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_lowercase_alloc(
    text: *const u8,
    text_len: usize,
    mode: u32,
    out: *mut ferrex_bytes,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe { produce_owned(out, || lowercase(bytes(text, text_len, "text")?, mode)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ferrex_bytes_free;
    use std::ptr::{null, null_mut};

    fn regex(pattern: &str) -> *mut ferrex_regex {
        Box::into_raw(Box::new(ferrex_regex(engine::Regex::new(pattern).unwrap())))
    }

    unsafe extern "C" fn bracket(
        user_data: *mut c_void,
        captures: *const ferrex_captures,
        haystack: *const u8,
        _haystack_len: usize,
        replacement: *mut *const u8,
        replacement_len: *mut usize,
    ) -> i32 {
        // SAFETY: `user_data` is the Vec the test passes; the rest is ferrex's.
        unsafe {
            let buf = &mut *user_data.cast::<Vec<u8>>();
            let m = (*captures).0.get(1).unwrap().unwrap();
            buf.clear();
            buf.push(b'[');
            buf.extend_from_slice(std::slice::from_raw_parts(haystack.add(m.start), m.end - m.start));
            buf.push(b']');
            *replacement = buf.as_ptr();
            *replacement_len = buf.len();
        }
        0
    }

    #[test]
    fn replace_with_hands_the_callback_real_captures() {
        let re = regex(r"(\d)\d*");
        let hay = b"a 12 b 345";
        let mut buf = Vec::new();
        let mut out = ferrex_bytes { ptr: null_mut(), len: 0 };
        // SAFETY: valid pointers throughout; `buf` outlives the call.
        unsafe {
            let user = (&mut buf as *mut Vec<u8>).cast();
            let st = ferrex_regex_replace_with_alloc(
                re,
                null_mut(),
                hay.as_ptr(),
                hay.len(),
                null(),
                0,
                Some(bracket),
                user,
                &mut out,
            );
            assert_eq!(st, FERREX_OK);
            assert_eq!(std::slice::from_raw_parts(out.ptr, out.len), b"a [1] b [3]");
            ferrex_bytes_free(&mut out);
            assert!(out.ptr.is_null() && out.len == 0);
            let st = ferrex_regex_replace_with_alloc(
                re,
                null_mut(),
                hay.as_ptr(),
                hay.len(),
                null(),
                0,
                None,
                user,
                &mut out,
            );
            assert_eq!(st, FERREX_ERR_NULL_POINTER);
            drop(Box::from_raw(re));
        }
    }

    #[test]
    fn unknown_lowercase_modes_are_rejected() {
        let mut len = 0;
        // SAFETY: valid pointers.
        unsafe {
            assert_eq!(ferrex_lowercase(b"A".as_ptr(), 1, 2, null_mut(), 0, &mut len), FERREX_ERR_INVALID_ARGUMENT);
            assert_eq!(ferrex_lowercase(b"A".as_ptr(), 1, 1, null_mut(), 0, &mut len), FERREX_ERR_BUFFER_TOO_SMALL);
        }
        assert_eq!(len, 1);
    }
}
