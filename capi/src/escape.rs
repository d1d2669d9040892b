//! `ferrex_escape`: literal text to pattern.

use crate::guard::{bytes, Res};
use crate::output::{ferrex_bytes, produce_into, produce_owned};
use crate::status::ferrex_status;

/// Escapes `text` (`text_len` bytes of UTF-8) into a pattern that matches
/// it literally, written to `out` (capacity `out_cap` bytes, not
/// NUL-terminated). `*out_len` receives the escaped length on success and
/// on FERREX_ERR_BUFFER_TOO_SMALL (other errors leave it alone), so a
/// call with `out_cap` 0 (and `out` NULL) asks for the size.
///
/// Returns FERREX_OK, FERREX_ERR_BUFFER_TOO_SMALL (nothing written;
/// `*out_len` is the size needed), FERREX_ERR_INVALID_UTF8, or
/// FERREX_ERR_NULL_POINTER. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_escape(
    text: *const u8,
    text_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe { produce_into(out, out_cap, out_len, || escaped(text, text_len)) }
}

/// ferrex_escape() with the pattern in a new library-owned buffer: on
/// success `*out` holds it (free it with ferrex_bytes_free(); escaping
/// empty text gives {NULL, 0}). `*out` is set to {NULL, 0} first, so it
/// holds no stale pointer after a failure.
///
/// Returns FERREX_OK, FERREX_ERR_INVALID_UTF8, or FERREX_ERR_NULL_POINTER
/// (`out` NULL, or `text` NULL with a non-zero length). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_escape_alloc(
    text: *const u8,
    text_len: usize,
    out: *mut ferrex_bytes,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe { produce_owned(out, || escaped(text, text_len)) }
}

/// The escaped form of `text_len` bytes at `text`.
///
/// # Safety
/// `text` is NULL (with `text_len` 0) or valid for `text_len` bytes.
unsafe fn escaped(text: *const u8, text_len: usize) -> Res<Vec<u8>> {
    // SAFETY: the caller's promise.
    Ok(engine::escape(unsafe { bytes(text, text_len, "text") }?)?.into_bytes())
}
