//! `ferrex_regex`: compiling patterns and asking about the result.

use engine::{Flags, Options, Regex};

use crate::error::ferrex_error;
use crate::guard::{bytes, call, call_reporting, call_status, emit, get, get_mut, release, slice, store, Res};
use crate::options::ferrex_options;
use crate::search::FERREX_UNSET;
use crate::status::ferrex_status;

/// `(?i)`: case-insensitive (Unicode simple case folding unless NO_UNICODE).
pub const FERREX_FLAG_CASE_INSENSITIVE: u32 = 1 << 0;
/// `(?m)`: `^` and `$` also match at the start and end of lines.
pub const FERREX_FLAG_MULTI_LINE: u32 = 1 << 1;
/// `(?s)`: `.` also matches `\n`.
pub const FERREX_FLAG_DOT_MATCHES_NEW_LINE: u32 = 1 << 2;
/// `(?U)`: greedy repetitions become lazy and lazy ones greedy.
pub const FERREX_FLAG_SWAP_GREED: u32 = 1 << 3;
/// `(?x)`: whitespace and `#` comments in the pattern are ignored.
pub const FERREX_FLAG_IGNORE_WHITESPACE: u32 = 1 << 4;
/// Unicode off: `\w`, `\d`, `\s`, `\b` and case folding are ASCII-only.
pub const FERREX_FLAG_NO_UNICODE: u32 = 1 << 5;
/// UTF-8 mode off ("byte mode"): matches may contain invalid UTF-8 (with
/// `(?-u:\xFF)` and friends) and empty matches may split a codepoint.
/// In UTF-8 mode no empty match splits a character of valid UTF-8. A
/// search whose span is not valid UTF-8 (widened to whole characters at
/// its edges) with a regex that can match the empty string gives empty
/// matches at any byte offset instead, as Rust's `regex::bytes` does
/// (regex-automata's own rule there drops non-empty matches that end
/// before a stray continuation byte and makes its queries disagree); each
/// step of an iteration decides for its own span, as repeated finds do.
/// Every query agrees.
pub const FERREX_FLAG_NO_UTF8: u32 = 1 << 6;
/// `(?R)`: with MULTI_LINE, `\r\n` is a line terminator too, and `.`
/// matches neither `\r` nor `\n`.
pub const FERREX_FLAG_CRLF: u32 = 1 << 7;

/// A compiled regex of one or more patterns. Immutable: share one across
/// threads freely; each thread searches with its own ferrex_cache (or
/// NULL, which borrows from an internal pool).
pub struct ferrex_regex(pub(crate) Regex);

fn options_or_default(options: &Option<&ferrex_options>) -> Options {
    options.map(|o| o.0.clone()).unwrap_or_default()
}

/// Compiles one pattern.
///
/// `pattern`/`pattern_len`: the pattern as UTF-8 bytes, not NUL-terminated
/// (NULL allowed when the length is 0). `flags`: FERREX_FLAG_* bits, 0 for
/// the defaults (Unicode, UTF-8 mode). `options`: NULL for the defaults.
/// On success `*out` owns the new regex (free with ferrex_regex_free); on
/// failure `*out` is NULL. `error` may be NULL; otherwise it receives NULL
/// or a new ferrex_error with the message and, for syntax errors, the byte
/// span of the offending text.
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER, FERREX_ERR_UNKNOWN_FLAG,
/// FERREX_ERR_INVALID_UTF8, FERREX_ERR_SYNTAX or FERREX_ERR_SIZE_LIMIT.
/// Thread-safe. Keeps no pointer to `pattern`.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_new(
    out: *mut *mut ferrex_regex,
    pattern: *const u8,
    pattern_len: usize,
    flags: u32,
    options: *const ferrex_options,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let pattern = bytes(pattern, pattern_len, "pattern")?;
            let flags = Flags::from_bits(flags)?;
            let options = options_or_default(&options.as_ref());
            emit(out, ferrex_regex(Regex::with_options(&[pattern], flags, &options)?));
            Ok(())
        })
    }
}

/// Compiles `count` patterns into one regex. Every match reports the index
/// of the pattern that produced it, and ferrex_regex_which_matches() tells
/// which patterns match anywhere.
///
/// `patterns[i]`/`pattern_lens[i]`: pattern i as UTF-8 bytes (NULL allowed
/// when its length is 0). Both arrays may be NULL when `count` is 0, which
/// builds a regex that never matches. Other parameters as for
/// ferrex_regex_new(); a failing pattern's index is reported through
/// ferrex_error_pattern().
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER, FERREX_ERR_UNKNOWN_FLAG,
/// FERREX_ERR_INVALID_UTF8, FERREX_ERR_SYNTAX or FERREX_ERR_SIZE_LIMIT.
/// Thread-safe. Keeps no pointer to the patterns.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_new_many(
    out: *mut *mut ferrex_regex,
    patterns: *const *const u8,
    pattern_lens: *const usize,
    count: usize,
    flags: u32,
    options: *const ferrex_options,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let ptrs = slice(patterns, count, "patterns")?;
            let lens = slice(pattern_lens, count, "pattern_lens")?;
            let list = ptrs
                .iter()
                .zip(lens)
                .enumerate()
                .map(|(i, (&p, &n))| bytes(p, n, "a pattern").map_err(|f| f.with_pattern(i)))
                .collect::<Res<Vec<&[u8]>>>()?;
            let flags = Flags::from_bits(flags)?;
            let options = options_or_default(&options.as_ref());
            emit(out, ferrex_regex(Regex::with_options(&list, flags, &options)?));
            Ok(())
        })
    }
}

/// Frees a regex. NULL is a no-op. Caches, captures and iterators made
/// from it must not be used with another regex afterwards; iterators keep
/// working (they hold their own reference).
/// Only once no other thread is using the regex.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_free(regex: *mut ferrex_regex) {
    // SAFETY: the caller passes NULL or a regex it owns.
    unsafe { release(regex) }
}

/// Writes the number of patterns into `*count`. Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_pattern_count(regex: *const ferrex_regex, count: *mut usize) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let re = unsafe { get(regex, "regex") }?;
        unsafe { *get_mut(count, "count")? = re.0.pattern_count() };
        Ok(())
    })
}

/// Writes bounds on the length in bytes of any match of `regex` (of any
/// pattern), read off the patterns themselves: `*min_len` is the shortest
/// a match can be (0: a match can be empty) and `*max_len` the longest,
/// FERREX_UNSET when unbounded; both are FERREX_UNSET when the syntax
/// gives no bound: no match is possible, or a part that can never match
/// hides the bounds of the rest (`a|[^\s\S]|` matches "a" and ""), so
/// assume then that a match can be empty. `[0-9]{4}-[0-9]{2}` gives 7 and
/// 7, `a+|bc` 1 and FERREX_UNSET, `x*` 0 and FERREX_UNSET. A caller iterating with its own empty-match
/// rule can tell from a minimum above 0 that its rule and ferrex_iter's
/// cannot differ. Returns FERREX_OK or FERREX_ERR_NULL_POINTER.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_match_len_bounds(
    regex: *const ferrex_regex,
    min_len: *mut usize,
    max_len: *mut usize,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let re = unsafe { get(regex, "regex") }?;
        let (min, max) = unsafe { (get_mut(min_len, "min_len")?, get_mut(max_len, "max_len")?) };
        let (lo, hi) = re.0.match_len_bounds();
        *min = lo.unwrap_or(FERREX_UNSET);
        *max = if lo.is_some() { hi.unwrap_or(FERREX_UNSET) } else { FERREX_UNSET };
        Ok(())
    })
}

/// Whether this regex has a fully compiled DFA that its searches use:
/// small patterns, within the DFA size limit, whose DFA has accelerated
/// states (states left by at most three bytes, which a search skips to
/// with memchr). It answers find, count and iteration where the meta regex
/// has no literal to skip to. Returns 1 if so, 0 if not,
/// FERREX_ERR_NULL_POINTER when `regex` is NULL.
///
/// Cost: whether the DFA fits the size limit and accelerates is known only
/// by determinizing it, so if no search has settled it yet, this call
/// does, at the whole limit: up to milliseconds and up to twice the DFA
/// size limit of heap (forward and reverse; 2 x 256 KiB by default), kept
/// for the searches that follow. Call it once after compiling, not per
/// search; without it, searches build the DFA within a budget of the bytes
/// they read (ferrex_options_set_dfa_size_limit()).
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_has_full_dfa(regex: *const ferrex_regex) -> i32 {
    // SAFETY: the caller passes NULL or a live regex.
    call(|| Ok(i32::from(unsafe { get(regex, "regex") }?.0.has_full_dfa())))
}

/// Writes into `*count` the number of capture groups of pattern `pattern`,
/// counting group 0 (the whole match). Returns FERREX_OK,
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INDEX when there is no such
/// pattern.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_group_count(
    regex: *const ferrex_regex,
    pattern: usize,
    count: *mut usize,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let re = unsafe { get(regex, "regex") }?;
        let out = unsafe { get_mut(count, "count") }?;
        *out = re.0.group_count(pattern)?;
        Ok(())
    })
}

/// The name of group `group` of pattern `pattern`. Returns 1 and points
/// `*name` at `*name_len` bytes of UTF-8 (not NUL-terminated, owned by the
/// regex, valid until it is freed) when the group is named; 0 when it is
/// not (`*name` = NULL, `*name_len` = 0); FERREX_ERR_NULL_POINTER, or
/// FERREX_ERR_INDEX when the pattern or group does not exist.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_group_name(
    regex: *const ferrex_regex,
    pattern: usize,
    group: usize,
    name: *mut *const u8,
    name_len: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let re = unsafe { get(regex, "regex") }?;
        let (name, name_len) = unsafe { (get_mut(name, "name")?, get_mut(name_len, "name_len")?) };
        let found = re.0.group_name(pattern, group)?;
        *name = found.map_or(std::ptr::null(), str::as_ptr);
        *name_len = found.map_or(0, str::len);
        Ok(i32::from(found.is_some()))
    })
}

/// The index of the group named `name` (`name_len` bytes, not
/// NUL-terminated) in pattern `pattern`. Returns 1 and writes `*index` when
/// found, 0 when the pattern has no group of that name,
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INDEX when the pattern does not
/// exist.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_group_index(
    regex: *const ferrex_regex,
    pattern: usize,
    name: *const u8,
    name_len: usize,
    index: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let re = unsafe { get(regex, "regex") }?;
        let name = unsafe { bytes(name, name_len, "name") }?;
        unsafe { get_mut(index, "index") }?;
        let found = match std::str::from_utf8(name) {
            Ok(name) => re.0.group_index(pattern, name)?,
            Err(_) => {
                re.0.group_count(pattern)?; // still report a bad pattern index
                None
            }
        };
        match found {
            Some(i) => {
                // SAFETY: checked non-NULL above.
                unsafe { store(index, i) };
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_constants_are_the_engine_bits() {
        let pairs = [
            (FERREX_FLAG_CASE_INSENSITIVE, Flags::CASE_INSENSITIVE),
            (FERREX_FLAG_MULTI_LINE, Flags::MULTI_LINE),
            (FERREX_FLAG_DOT_MATCHES_NEW_LINE, Flags::DOT_MATCHES_NEW_LINE),
            (FERREX_FLAG_SWAP_GREED, Flags::SWAP_GREED),
            (FERREX_FLAG_IGNORE_WHITESPACE, Flags::IGNORE_WHITESPACE),
            (FERREX_FLAG_NO_UNICODE, Flags::NO_UNICODE),
            (FERREX_FLAG_NO_UTF8, Flags::NO_UTF8),
            (FERREX_FLAG_CRLF, Flags::CRLF),
        ];
        let mut all = 0;
        for (c, engine) in pairs {
            assert_eq!(c, engine.bits());
            all |= c;
        }
        assert_eq!(all, Flags::ALL.bits(), "every engine flag has a C constant");
    }
}
