//! Output for calls that produce bytes: into a caller buffer (reporting the
//! exact size needed when it is too small), or into a library-owned
//! `ferrex_bytes` freed with ferrex_bytes_free(). Never NUL-terminated.

use crate::guard::{call_status, get_mut, release_bytes, slice_mut, Fail, Res};
use crate::status::ferrex_status;
use crate::status::ferrex_status::*;

/// A byte buffer owned by the library: `len` bytes at `ptr` (`ptr` is NULL
/// when `len` is 0). Produced by the `*_alloc` functions; free it with
/// ferrex_bytes_free(). Not NUL-terminated.
#[repr(C)]
pub struct ferrex_bytes {
    /// The first byte, or NULL for an empty buffer.
    pub ptr: *mut u8,
    /// The number of bytes.
    pub len: usize,
}

/// Frees the buffer of `bytes` (made by a `*_alloc` function) and sets
/// `bytes->ptr` to NULL and `bytes->len` to 0, so freeing twice is
/// harmless. NULL, and a `ferrex_bytes` whose `ptr` is NULL, are no-ops.
/// Not while another thread uses the same buffer.
#[no_mangle]
pub unsafe extern "C" fn ferrex_bytes_free(bytes: *mut ferrex_bytes) {
    // SAFETY: the caller passes NULL or a ferrex_bytes the library filled.
    if let Some(b) = unsafe { bytes.as_mut() } {
        // SAFETY: ptr/len came from `emit_owned` and were not freed before.
        unsafe { release_bytes(b.ptr, b.len) };
        b.ptr = std::ptr::null_mut();
        b.len = 0;
    }
}

/// The body of every shim that writes bytes into a caller buffer `out` of
/// `out_cap` bytes: the output arguments are checked before any work (so a
/// callback never runs for a call that cannot succeed), `make` computes
/// the bytes, and they are copied, or FERREX_ERR_BUFFER_TOO_SMALL reports
/// the exact size needed through `*out_len`.
///
/// # Safety
/// `out` is NULL or valid for `out_cap` byte writes; `out_len` is NULL or
/// valid for one write; `make` upholds its own pointer promises.
pub(crate) unsafe fn produce_into(
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    make: impl FnOnce() -> Res<Vec<u8>>,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller's promises; these borrows end right here.
        unsafe {
            get_mut(out_len, "out_len")?;
            slice_mut(out, out_cap, "out")?;
        }
        let data = make()?;
        // SAFETY: as above.
        unsafe { emit_into(out, out_cap, out_len, &data) }
    })
}

/// The body of every `*_alloc` shim: `*out` is cleared first (a failure
/// leaves {NULL, 0}) and a NULL `out` rejected before any work, then `make`
/// computes the bytes and they are handed over as a library-owned buffer.
///
/// # Safety
/// `out` is NULL or valid for one write of a ferrex_bytes; `make` upholds
/// its own pointer promises.
pub(crate) unsafe fn produce_owned(out: *mut ferrex_bytes, make: impl FnOnce() -> Res<Vec<u8>>) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller's promise.
        unsafe {
            clear_owned(out);
            get_mut(out, "out")?;
        }
        let data = make()?;
        // SAFETY: as above.
        unsafe { emit_owned(out, data) }
    })
}

/// Copies `data` into the caller's buffer `out` of `out_cap` bytes (NULL
/// allowed when `out_cap` is 0). `*out_len` always receives `data.len()`;
/// when it exceeds `out_cap`, nothing is written and the call fails with
/// FERREX_ERR_BUFFER_TOO_SMALL.
///
/// # Safety
/// `out` is NULL or valid for `out_cap` byte writes; `out_len` is NULL or
/// valid for one write.
unsafe fn emit_into(out: *mut u8, out_cap: usize, out_len: *mut usize, data: &[u8]) -> Res<()> {
    // SAFETY: the caller's promises.
    let len = unsafe { get_mut(out_len, "out_len") }?;
    let buf = unsafe { slice_mut(out, out_cap, "out") }?;
    *len = data.len();
    let dest = buf.get_mut(..data.len()).ok_or_else(|| {
        Fail::new(
            FERREX_ERR_BUFFER_TOO_SMALL,
            format!("the output needs {} bytes but the buffer holds {out_cap}", data.len()),
        )
    })?;
    dest.copy_from_slice(data);
    Ok(())
}

/// Hands `data` to the caller as a library-owned buffer through `out`.
///
/// # Safety
/// `out` is NULL or valid for one write of a ferrex_bytes.
unsafe fn emit_owned(out: *mut ferrex_bytes, data: Vec<u8>) -> Res<()> {
    // SAFETY: the caller's promise.
    let out = unsafe { get_mut(out, "out") }?;
    let len = data.len();
    let ptr = if len == 0 { std::ptr::null_mut() } else { Box::into_raw(data.into_boxed_slice()).cast::<u8>() };
    *out = ferrex_bytes { ptr, len };
    Ok(())
}

/// Clears an out-parameter of type ferrex_bytes before a call that may fail,
/// so a failed call never leaves a stale pointer behind.
///
/// # Safety
/// `out` is NULL or valid for one write of a ferrex_bytes.
unsafe fn clear_owned(out: *mut ferrex_bytes) {
    // SAFETY: the caller's promise.
    if let Some(out) = unsafe { out.as_mut() } {
        *out = ferrex_bytes { ptr: std::ptr::null_mut(), len: 0 };
    }
}
