//! The boundary: every extern body runs inside one of these guards, which
//! turn errors into status codes and caught panics into
//! FERREX_ERR_INTERNAL (silently: quiet.rs), and the pointer helpers that
//! validate C arguments. A failure is also kept as this thread's last
//! error (error.rs: `ferrex_error_last`); success touches nothing.

use std::any::Any;
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{ferrex_error, set_last};
use crate::quiet::ensure_installed;
use crate::status::ferrex_status::{self, *};

/// Why a call failed: a status plus what `ferrex_error` reports.
pub(crate) struct FailInfo {
    pub status: ferrex_status,
    pub message: Cow<'static, str>,
    pub pattern: Option<usize>,
    pub span: Option<(usize, usize)>,
}

/// A boxed [`FailInfo`]: one pointer, so that `Res<T>` stays as small as
/// `T` plus a tag and the success path of every call moves little.
pub(crate) struct Fail(Box<FailInfo>);

impl std::ops::Deref for Fail {
    type Target = FailInfo;
    fn deref(&self) -> &FailInfo {
        &self.0
    }
}

impl Fail {
    #[cold]
    pub fn new(status: ferrex_status, message: impl Into<Cow<'static, str>>) -> Fail {
        Fail(Box::new(FailInfo { status, message: message.into(), pattern: None, span: None }))
    }

    /// The same failure, attributed to pattern `index` (ferrex_error_pattern).
    #[cold]
    pub fn with_pattern(mut self, index: usize) -> Fail {
        self.0.pattern = Some(index);
        self
    }

    /// A caught panic, with its message (a `&str` or `String` payload).
    #[cold]
    fn internal(payload: &(dyn Any + Send)) -> Fail {
        let text = match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
            (Some(text), _) => text,
            (_, Some(text)) => text.as_str(),
            _ => "(no message)",
        };
        Fail::new(
            FERREX_ERR_INTERNAL,
            format!("internal error: a panic was caught at the C boundary (a ferrex bug): {text}"),
        )
    }
}

impl From<engine::Error> for Fail {
    #[cold]
    fn from(e: engine::Error) -> Fail {
        Fail(Box::new(FailInfo {
            status: e.kind().into(),
            message: Cow::Owned(e.message().to_owned()),
            pattern: e.pattern(),
            span: e.span(),
        }))
    }
}

pub(crate) type Res<T> = Result<T, Fail>;

/// Guards a call that returns 1 / 0 (or another non-negative count) on
/// success and a negative status on failure (kept as the last error).
#[inline]
pub(crate) fn call(f: impl FnOnce() -> Res<i32>) -> i32 {
    ensure_installed();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => value,
        Ok(Err(fail)) => failed(fail) as i32,
        Err(payload) => panicked(payload) as i32,
    }
}

/// Guards a call that returns a status and reports nothing else (a
/// failure is kept as the last error).
pub(crate) fn call_status(f: impl FnOnce() -> Res<()>) -> ferrex_status {
    ensure_installed();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => FERREX_OK,
        Ok(Err(fail)) => failed(fail),
        Err(payload) => panicked(payload),
    }
}

/// [`call`] for the accessors of error objects, which never change the
/// last error: a caller reading the last error with them keeps it.
pub(crate) fn call_keeping_last(f: impl FnOnce() -> Res<i32>) -> i32 {
    ensure_installed();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => value,
        Ok(Err(fail)) => fail.status as i32,
        Err(_) => FERREX_ERR_INTERNAL as i32,
    }
}

/// Keeps `fail` as this thread's last error; returns its status.
#[cold]
#[inline(never)]
fn failed(fail: Fail) -> ferrex_status {
    let status = fail.status;
    // Building the object allocates: a panic there must not escape.
    let _ = catch_unwind(AssertUnwindSafe(|| set_last(ferrex_error::from(fail))));
    status
}

#[cold]
#[inline(never)]
fn panicked(payload: Box<dyn Any + Send>) -> ferrex_status {
    failed(Fail::internal(&*payload))
}

/// Guards a constructor-like call: on failure, when `error` is not NULL,
/// `*error` receives a new error object (else NULL).
///
/// # Safety
/// `error` is NULL or valid for one pointer write.
pub(crate) unsafe fn call_reporting(error: *mut *mut ferrex_error, f: impl FnOnce() -> Res<()>) -> ferrex_status {
    if !error.is_null() {
        // SAFETY: the caller promises `error` is writable when non-NULL.
        unsafe { *error = std::ptr::null_mut() };
    }
    ensure_installed();
    let fail = match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => return FERREX_OK,
        Ok(Err(fail)) => fail,
        Err(payload) => Fail::internal(&*payload),
    };
    let status = fail.status;
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let object = ferrex_error::from(fail);
        if !error.is_null() {
            // SAFETY: as above.
            unsafe { *error = Box::into_raw(Box::new(object.clone())) };
        }
        set_last(object);
    }));
    status
}

/// Decodes a C enum value with `table` (each exported constant and what it
/// stands for); another value is FERREX_ERR_INVALID_ARGUMENT.
pub(crate) fn decode<T: Copy>(value: u32, what: &str, table: &[(u32, T)]) -> Res<T> {
    match table.iter().find(|(code, _)| *code == value) {
        Some(&(_, decoded)) => Ok(decoded),
        None => Err(Fail::new(FERREX_ERR_INVALID_ARGUMENT, format!("unknown {what} {value}"))),
    }
}

#[cold]
fn null(what: &'static str) -> Fail {
    Fail::new(FERREX_ERR_NULL_POINTER, format!("{what} is NULL"))
}

/// The most elements of `T` a slice may hold (its bytes fit an `isize`).
#[inline(always)]
pub(crate) const fn max_len<T>() -> usize {
    isize::MAX as usize / if std::mem::size_of::<T>() == 0 { 1 } else { std::mem::size_of::<T>() }
}

/// Why `len` elements at `ptr` cannot be borrowed: NULL with a length, or
/// more than the address space holds.
#[cold]
#[inline(never)]
fn bad_bytes(null: bool, what: &'static str, len: usize) -> Fail {
    if null {
        Fail::new(FERREX_ERR_NULL_POINTER, format!("{what} is NULL but its length is {len}"))
    } else {
        Fail::new(FERREX_ERR_INVALID_ARGUMENT, format!("{what} length {len} exceeds the address space"))
    }
}

/// Borrows `len` bytes at `ptr`; `ptr` may be NULL only when `len` is 0.
///
/// # Safety
/// When non-NULL, `ptr` is valid for reads of `len` bytes for `'a`.
#[inline]
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize, what: &'static str) -> Res<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() || len > max_len::<u8>() {
        return Err(bad_bytes(ptr.is_null(), what, len));
    }
    // SAFETY: non-NULL, length in range; validity is the caller's promise.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows `len` elements at `ptr` (NULL allowed when `len` is 0).
///
/// # Safety
/// When non-NULL, `ptr` is valid for reads of `len` elements for `'a`.
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize, what: &'static str) -> Res<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() || len > max_len::<T>() {
        return Err(bad_bytes(ptr.is_null(), what, len));
    }
    // SAFETY: as for `bytes`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Mutably borrows `len` elements at `ptr` (NULL allowed when `len` is 0).
///
/// # Safety
/// When non-NULL, `ptr` is valid for reads and writes of `len` elements.
pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize, what: &'static str) -> Res<&'a mut [T]> {
    if len == 0 {
        return Ok(&mut []);
    }
    if ptr.is_null() || len > max_len::<T>() {
        return Err(bad_bytes(ptr.is_null(), what, len));
    }
    // SAFETY: as for `bytes`.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, len) })
}

/// Borrows a handle or input struct that may not be NULL.
///
/// # Safety
/// When non-NULL, `ptr` points to a live `T` for `'a`.
#[inline]
pub(crate) unsafe fn get<'a, T>(ptr: *const T, what: &'static str) -> Res<&'a T> {
    // SAFETY: the caller's promise.
    unsafe { ptr.as_ref() }.ok_or_else(|| null(what))
}

/// Mutably borrows a handle or out-parameter that may not be NULL.
///
/// # Safety
/// When non-NULL, `ptr` points to a live `T`, not aliased during the call.
pub(crate) unsafe fn get_mut<'a, T>(ptr: *mut T, what: &'static str) -> Res<&'a mut T> {
    // SAFETY: the caller's promise.
    unsafe { ptr.as_mut() }.ok_or_else(|| null(what))
}

/// Stores a new heap object through a constructor's `out` parameter.
pub(crate) fn emit<T>(out: &mut *mut T, value: T) {
    *out = Box::into_raw(Box::new(value));
}

/// Frees an object made by `emit`. NULL is a no-op.
///
/// # Safety
/// `ptr` is NULL or came from `emit` and was not freed before.
pub(crate) unsafe fn release<T>(ptr: *mut T) {
    if !ptr.is_null() {
        ensure_installed();
        // SAFETY: the caller's promise; a panic in a destructor is caught.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(unsafe { Box::from_raw(ptr) })));
    }
}

/// Frees a byte buffer made by `output::emit_owned`. NULL is a no-op.
///
/// # Safety
/// `ptr`/`len` came from `emit_owned` and were not freed before.
pub(crate) unsafe fn release_bytes(ptr: *mut u8, len: usize) {
    if !ptr.is_null() {
        // SAFETY: the caller's promise: a boxed slice of exactly `len` bytes.
        drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
    }
}

/// Writes a value through an optional out-parameter.
///
/// # Safety
/// `ptr` is NULL or valid for one write.
pub(crate) unsafe fn store<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: the caller's promise.
        unsafe { ptr.write(value) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_internal_and_fills_the_error() {
        assert_eq!(call(|| panic!("boom")), FERREX_ERR_INTERNAL as i32);
        assert_eq!(call_status(|| panic!("boom")), FERREX_ERR_INTERNAL);
        let mut err: *mut ferrex_error = std::ptr::null_mut();
        // SAFETY: `err` is a valid out-pointer.
        let status = unsafe { call_reporting(&mut err, || panic!("boom")) };
        assert_eq!(status, FERREX_ERR_INTERNAL);
        assert!(!err.is_null());
        // SAFETY: `err` was just created by call_reporting.
        unsafe {
            assert_eq!(crate::error::ferrex_error_status(err), FERREX_ERR_INTERNAL);
            let message = std::ffi::CStr::from_ptr(crate::error::ferrex_error_message(err));
            assert!(message.to_str().unwrap().ends_with("(a ferrex bug): boom"), "{message:?}");
            crate::error::ferrex_error_free(err);
        }
    }

    #[test]
    fn null_with_length_is_rejected_and_null_without_is_empty() {
        // SAFETY: NULL pointers are never dereferenced by these helpers.
        unsafe {
            assert_eq!(bytes(std::ptr::null(), 0, "x").ok().map(<[u8]>::len), Some(0));
            assert_eq!(bytes(std::ptr::null(), 3, "x").err().map(|f| f.status), Some(FERREX_ERR_NULL_POINTER));
            let huge = bytes([0u8].as_ptr(), usize::MAX, "x").err().map(|f| f.status);
            assert_eq!(huge, Some(FERREX_ERR_INVALID_ARGUMENT));
        }
    }
}
