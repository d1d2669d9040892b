//! Errors as engine.h wants them: malloc'd, NUL-terminated messages that the
//! C core frees with free(), and a guard so that a panic becomes such an
//! error instead of unwinding into C (which would abort the process).

use std::{
    any::Any,
    ffi::{c_char, c_void},
    panic::{catch_unwind, AssertUnwindSafe},
};

extern "C" {
    // libc's allocator, not Rust's: the core releases messages with free().
    fn malloc(size: usize) -> *mut c_void;
}

/// Stores a malloc'd copy of `msg` in `*err` (NUL bytes inside are dropped,
/// since C would read them as the end). Leaves `*err` NULL if malloc fails.
fn set_error(err: *mut *mut c_char, msg: &str) {
    if err.is_null() {
        return;
    }
    let bytes: Vec<u8> = msg.bytes().filter(|&b| b != 0).collect();
    // SAFETY: malloc returns NULL or a block of bytes.len() + 1 bytes, which
    // is exactly what is written; `err` is non-null and points to the
    // caller's `char *` slot as engine.h specifies.
    unsafe {
        let p = malloc(bytes.len() + 1).cast::<u8>();
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
            *p.add(bytes.len()) = 0;
        }
        *err = p.cast::<c_char>();
    }
}

/// Runs `body`, turning an `Err(message)` or a panic into `failed` with the
/// message stored in `*err`.
pub(crate) fn guard<T>(err: *mut *mut c_char, failed: T, body: impl FnOnce() -> Result<T, String>) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => value,
        Ok(Err(msg)) => {
            set_error(err, &msg);
            failed
        }
        Err(payload) => {
            set_error(err, &format!("rust/regex panicked: {}", panic_text(&*payload)));
            failed
        }
    }
}

fn panic_text(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(no message)"
    }
}
