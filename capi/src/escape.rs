//! `ferrex_escape`: literal text to pattern.

use crate::guard::{bytes, call_status, get_mut, slice_mut, Fail};
use crate::status::ferrex_status::{self, *};

/// Escapes `text` (`text_len` bytes of UTF-8) into a pattern that matches
/// it literally, written to `out` (capacity `out_cap` bytes, not
/// NUL-terminated). `*out_len` always receives the escaped length, so a
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
    call_status(|| {
        // SAFETY: the caller passes NULL or valid pointers, as documented.
        let text = unsafe { bytes(text, text_len, "text") }?;
        let out_len = unsafe { get_mut(out_len, "out_len") }?;
        let out = unsafe { slice_mut(out, out_cap, "out") }?;
        let escaped = engine::escape(text)?;
        *out_len = escaped.len();
        let dest = out.get_mut(..escaped.len()).ok_or_else(|| {
            Fail::new(FERREX_ERR_BUFFER_TOO_SMALL, "the output buffer is too small for the escaped text")
        })?;
        dest.copy_from_slice(escaped.as_bytes());
        Ok(())
    })
}
