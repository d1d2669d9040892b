//! `ferrex_cache`: per-thread search scratch.

use crate::error::ferrex_error;
use crate::guard::{call_reporting, emit, get, get_mut, release};
use crate::regex::ferrex_regex;
use crate::status::ferrex_status;

/// Mutable scratch space (lazy DFA transitions, engine caches) for
/// searching with one regex. Use one per thread: a cache must never be
/// used by two threads at once. Passing it to searches makes them
/// allocation-free once warm; passing NULL instead borrows one from the
/// regex's internal pool.
pub struct ferrex_cache(pub(crate) engine::Cache);

/// Creates a cache for searching with `regex`. It may be used only with
/// that regex (others return FERREX_ERR_WRONG_REGEX), and only from one
/// thread at a time. On success `*out` owns it (free with
/// ferrex_cache_free). Returns FERREX_OK or FERREX_ERR_NULL_POINTER.
/// `error` may be NULL; otherwise it receives NULL or a new ferrex_error.
#[no_mangle]
pub unsafe extern "C" fn ferrex_cache_new(
    out: *mut *mut ferrex_cache,
    regex: *const ferrex_regex,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let re = get(regex, "regex")?;
            emit(out, ferrex_cache(re.0.create_cache()));
            Ok(())
        })
    }
}

/// Frees a cache. NULL is a no-op.
/// Not while a search is using the cache.
#[no_mangle]
pub unsafe extern "C" fn ferrex_cache_free(cache: *mut ferrex_cache) {
    // SAFETY: the caller passes NULL or a cache it owns.
    unsafe { release(cache) }
}
