//! `ferrex_error`: the detailed error object constructors report, and each
//! thread's last error, which every failing call leaves behind.

use std::cell::RefCell;
use std::ffi::{c_char, CString};

use crate::guard::{call_keeping_last, get, release, store, Fail};
use crate::status::ferrex_status;

/// A detailed error: a status, a message, and where known the failing
/// pattern's index and the byte span of a syntax error in that pattern.
/// Created by a failing constructor, owned by the caller, freed with
/// ferrex_error_free(). Immutable; safe to read from any thread.
/// ferrex_error_last() lends one owned by the library instead.
#[derive(Clone)]
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

thread_local! {
    /// The last failure of a call on this thread (boxed: its address is
    /// what ferrex_error_last() lends, and stays put until replaced).
    static LAST: RefCell<Option<Box<ferrex_error>>> = const { RefCell::new(None) };
}

/// Keeps `error` as this thread's last error, dropping the previous one.
/// Called on failure paths only.
pub(crate) fn set_last(error: ferrex_error) {
    let boxed = Box::new(error);
    // After the thread's locals are gone (a call from a TLS destructor)
    // there is nowhere to keep it.
    let _ = LAST.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = Some(boxed);
        }
    });
}

/// The error of the last call on the calling thread that failed (returned
/// a negative status), or NULL if none has failed on this thread since it
/// started or since ferrex_error_clear().
///
/// Every ferrex function that returns a negative status, searches and
/// setters included, records its status, message and (where known)
/// pattern index and span here, with constructors that also fill their
/// `error` out-parameter; a call that succeeds leaves it as it is (so a
/// search pays nothing for it), which is why it describes the last
/// failure, not the last call: read it right after a call returned a
/// negative status. The ferrex_error_* functions never change it, so it
/// can be read with them.
///
/// The error is thread-local and owned by ferrex: never free it. It stays
/// valid until the next failing ferrex call on the same thread, the next
/// ferrex_error_clear() there, or the thread's exit, whichever is first;
/// copy what you need (e.g. the message) before calling ferrex again when
/// that call might fail. Other threads never see or change it. A call
/// made while its thread exits (from a thread-local destructor, once
/// ferrex's own are gone) returns its status but records nothing. For
/// example: `if (ferrex_regex_find(re, NULL, hay, len, NULL, &m) < 0)
/// fputs(ferrex_error_message(ferrex_error_last()), stderr);`
#[no_mangle]
pub extern "C" fn ferrex_error_last() -> *const ferrex_error {
    LAST.try_with(|last| match last.try_borrow() {
        Ok(last) => last.as_deref().map_or(std::ptr::null(), |e| e as *const ferrex_error),
        Err(_) => std::ptr::null(),
    })
    .unwrap_or(std::ptr::null())
}

/// Forgets the calling thread's last error (ferrex_error_last() then
/// returns NULL until a call fails) and frees it: a pointer
/// ferrex_error_last() returned before is no longer valid. Thread-safe
/// (it touches the calling thread's error only).
#[no_mangle]
pub extern "C" fn ferrex_error_clear() {
    let taken = LAST.try_with(|last| last.try_borrow_mut().ok().and_then(|mut last| last.take()));
    drop(taken);
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

/// For a build from several patterns or phrases (or a call given a list
/// of replacements), the index of the one that failed.
/// Returns 1 and writes `*index` when known, 0 when not (the error is not
/// about one pattern), FERREX_ERR_NULL_POINTER when `error` or `index` is
/// NULL.
/// Thread-safe (errors are immutable).
#[no_mangle]
pub unsafe extern "C" fn ferrex_error_pattern(error: *const ferrex_error, index: *mut usize) -> i32 {
    call_keeping_last(|| {
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
    call_keeping_last(|| {
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

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::ptr::{null, null_mut};

    use super::*;
    use crate::regex::{ferrex_regex, ferrex_regex_free, ferrex_regex_new};
    use crate::search::{ferrex_match, ferrex_regex_find, ferrex_search};
    use crate::status::ferrex_status::*;

    /// The last error's status and message, or None.
    fn last() -> Option<(ferrex_status, String)> {
        let e = ferrex_error_last();
        // SAFETY: NULL or the live last error of this thread.
        (!e.is_null()).then(|| unsafe {
            (ferrex_error_status(e), CStr::from_ptr(ferrex_error_message(e)).to_str().unwrap().to_owned())
        })
    }

    fn compile(pattern: &str) -> *mut ferrex_regex {
        let mut re = null_mut();
        // SAFETY: valid pointers.
        let status = unsafe { ferrex_regex_new(&mut re, pattern.as_ptr(), pattern.len(), 0, null(), null_mut()) };
        assert_eq!(status, FERREX_OK);
        re
    }

    fn find(re: *const ferrex_regex, hay: &[u8], start: usize, end: usize) -> i32 {
        let search = ferrex_search { start, end, flags: 0, pattern: 0 };
        let mut m = ferrex_match::default();
        // SAFETY: a live regex and valid pointers.
        unsafe { ferrex_regex_find(re, null_mut(), hay.as_ptr(), hay.len(), &search, &mut m) }
    }

    #[test]
    fn a_failed_search_explains_itself_and_success_leaves_it() {
        ferrex_error_clear();
        assert_eq!(last(), None);
        let re = compile("b");
        assert_eq!(find(re, b"abc", 2, 9), FERREX_ERR_OUT_OF_BOUNDS as i32);
        let (status, message) = last().unwrap();
        assert_eq!(status, FERREX_ERR_OUT_OF_BOUNDS);
        assert!(message.contains("2..9") && message.contains("3 bytes"), "{message}");
        // Success does not touch it: the same object, unchanged.
        let kept = ferrex_error_last();
        assert_eq!(find(re, b"abc", 0, 3), 1);
        assert_eq!(ferrex_error_last(), kept);
        // Reading it with the accessors, even wrongly, keeps it.
        // SAFETY: a live error; NULL out-pointers are checked.
        unsafe {
            assert_eq!(ferrex_error_span(kept, null_mut(), null_mut()), FERREX_ERR_NULL_POINTER as i32);
            assert_eq!(ferrex_error_pattern(null(), null_mut()), FERREX_ERR_NULL_POINTER as i32);
        }
        assert_eq!(ferrex_error_last(), kept);
        // The next failure replaces it.
        // SAFETY: a NULL haystack with a length is refused, not read.
        let status = unsafe { ferrex_regex_find(re, null_mut(), null(), 4, null(), null_mut()) };
        assert_eq!(status, FERREX_ERR_NULL_POINTER as i32);
        assert_eq!(last().unwrap(), (FERREX_ERR_NULL_POINTER, "haystack is NULL but its length is 4".to_owned()));
        ferrex_error_clear();
        assert!(ferrex_error_last().is_null());
        // SAFETY: compiled above.
        unsafe { ferrex_regex_free(re) };
    }

    #[test]
    fn a_failed_constructor_leaves_the_same_error_as_its_out_parameter() {
        let mut re = null_mut();
        let mut err = null_mut();
        // SAFETY: valid pointers.
        let status = unsafe { ferrex_regex_new(&mut re, b"a(b".as_ptr(), 3, 0, null(), &mut err) };
        assert_eq!(status, FERREX_ERR_SYNTAX);
        let last = ferrex_error_last();
        assert!(!last.is_null() && last != err.cast_const(), "the last error is the library's own copy");
        // SAFETY: both live.
        unsafe {
            assert_eq!(CStr::from_ptr(ferrex_error_message(last)), CStr::from_ptr(ferrex_error_message(err)));
            let (mut s, mut e) = (0, 0);
            assert_eq!(ferrex_error_span(last, &mut s, &mut e), 1);
            assert_eq!((s, e), (1, 2));
            ferrex_error_free(err);
        }
        // The caller's copy is gone; the library's stays.
        // SAFETY: the live last error.
        assert_eq!(unsafe { ferrex_error_status(ferrex_error_last()) }, FERREX_ERR_SYNTAX);
    }

    #[test]
    fn each_thread_has_its_own_last_error() {
        ferrex_error_clear();
        let re = compile("x") as usize;
        assert_eq!(find(re as *const _, b"x", 1, 0), FERREX_ERR_OUT_OF_BOUNDS as i32);
        let mine = ferrex_error_last();
        let others: Vec<_> = (0..4)
            .map(|i| {
                std::thread::spawn(move || {
                    let before = ferrex_error_last().is_null();
                    assert_eq!(find(re as *const _, b"x", 0, 2 + i), FERREX_ERR_OUT_OF_BOUNDS as i32);
                    (before, last().unwrap().1)
                })
            })
            .collect();
        for (i, t) in others.into_iter().enumerate() {
            let (was_null, message) = t.join().unwrap();
            assert!(was_null, "a new thread starts with no last error");
            assert!(message.contains(&format!("0..{}", 2 + i)), "{message}");
        }
        assert_eq!(ferrex_error_last(), mine);
        assert!(last().unwrap().1.contains("1..0"));
        // SAFETY: compiled above.
        unsafe { ferrex_regex_free(re as *mut _) };
    }
}
