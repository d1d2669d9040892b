//! `ferrex_error`: the detailed error object constructors report.

use std::ffi::{c_char, CString};

use crate::guard::{call, get, release, store, Fail};
use crate::status::ferrex_status;

/// A detailed error: a status, a message, and where known the failing
/// pattern's index and the byte span of a syntax error in that pattern.
/// Created by a failing constructor, owned by the caller, freed with
/// ferrex_error_free(). Immutable; safe to read from any thread.
pub struct ferrex_error {
    status: ferrex_status,
    message: CString,
    pattern: Option<usize>,
    span: Option<(usize, usize)>,
}

impl From<Fail> for ferrex_error {
    fn from(fail: Fail) -> ferrex_error {
        // Patterns may contain NUL bytes; the C string must not.
        let text = fail.message.replace('\0', "\\x00");
        ferrex_error {
            status: fail.status,
            message: CString::new(text).unwrap_or_default(),
            pattern: fail.pattern,
            span: fail.span,
        }
    }
}

/// Frees an error object. NULL is a no-op.
/// Not while another thread reads the same error.
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_free(error: *mut ferrex_error) {
    // SAFETY: the caller passes NULL or an error it owns.
    unsafe { release(error) }
}

/// The status this error reports (the same value the failing call
/// returned). Returns FERREX_ERR_NULL_POINTER when `error` is NULL.
/// Thread-safe (errors are immutable).
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_status(error: *const ferrex_error) -> ferrex_status {
    // SAFETY: the caller passes NULL or a live error.
    match unsafe { error.as_ref() } {
        Some(e) => e.status,
        None => ferrex_status::FERREX_ERR_NULL_POINTER,
    }
}

/// The error's message: NUL-terminated UTF-8, owned by the error and valid
/// until ferrex_error_free(). Syntax errors span several lines, with a
/// caret under the offending text. Returns "" when `error` is NULL.
/// Thread-safe (errors are immutable).
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_message(error: *const ferrex_error) -> *const c_char {
    // SAFETY: the caller passes NULL or a live error.
    match unsafe { error.as_ref() } {
        Some(e) => e.message.as_ptr(),
        None => c"".as_ptr(),
    }
}

/// For a multi-pattern build, the index of the pattern that failed.
/// Returns 1 and writes `*index` when known, 0 when not (the error is not
/// about one pattern), FERREX_ERR_NULL_POINTER when `error` or `index` is
/// NULL.
/// Thread-safe (errors are immutable).
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_pattern(error: *const ferrex_error, index: *mut usize) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or a live error.
        let e = unsafe { get(error, "error") }?;
        unsafe { get(index, "index") }?;
        match e.pattern {
            Some(p) => {
                // SAFETY: checked non-NULL above.
                unsafe { store(index, p) };
                Ok(1)
            }
            None => Ok(0),
        }
    })
}

/// For a syntax or UTF-8 error, the byte span `[*start, *end)` of the
/// offending text inside the failing pattern. Returns 1 and writes both
/// when known, 0 when not, FERREX_ERR_NULL_POINTER when any pointer is NULL.
/// Thread-safe (errors are immutable).
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_span(error: *const ferrex_error, start: *mut usize, end: *mut usize) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let e = unsafe { get(error, "error") }?;
        unsafe { get(start, "start") }?;
        unsafe { get(end, "end") }?;
        match e.span {
            Some((s, t)) => {
                // SAFETY: checked non-NULL above.
                unsafe {
                    store(start, s);
                    store(end, t);
                }
                Ok(1)
            }
            None => Ok(0),
        }
    })
}
