//! `ferrex_captures`: capture group spans of the last match.

use crate::error::ferrex_error;
use crate::guard::{bytes, call, call_reporting, emit, get, get_mut, release, slice_mut, Fail, Res};
use crate::regex::ferrex_regex;
use crate::search::{ferrex_match, report};
use crate::status::ferrex_status::{self, *};

/// The capture group spans of the last match found by
/// ferrex_regex_captures() or ferrex_iter_next_captures(). Holds offsets
/// only, never the haystack. One thread at a time.
// Transparent for `from_engine`; written as a cfg_attr so that cbindgen, which
// reads no cfg_attr, keeps the handle opaque in the header.
#[cfg_attr(all(), repr(transparent))]
pub struct ferrex_captures(pub(crate) engine::Captures);

impl ferrex_captures {
    /// The engine's captures seen as the C handle (for a callback that
    /// reads them through the C API while the engine holds them).
    pub(crate) fn from_engine(caps: &engine::Captures) -> &ferrex_captures {
        // SAFETY: `ferrex_captures` is `repr(transparent)` over
        // `engine::Captures`: same layout, and the lifetime is kept.
        unsafe { &*(caps as *const engine::Captures).cast::<ferrex_captures>() }
    }
}

/// Creates capture storage for searches with `regex` (only that regex:
/// others return FERREX_ERR_WRONG_REGEX). On success `*out` owns it (free
/// with ferrex_captures_free); it reports no match until a search fills
/// it. Returns FERREX_OK or FERREX_ERR_NULL_POINTER. `error` may be NULL;
/// otherwise it receives NULL or a new ferrex_error.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_new(
    out: *mut *mut ferrex_captures,
    regex: *const ferrex_regex,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let re = get(regex, "regex")?;
            emit(out, ferrex_captures(re.0.create_captures()));
            Ok(())
        })
    }
}

/// Frees capture storage. NULL is a no-op.
/// Not while a search or reader is using the captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_free(captures: *mut ferrex_captures) {
    // SAFETY: the caller passes NULL or captures it owns.
    unsafe { release(captures) }
}

fn write_span(out: &mut ferrex_match, found: Option<engine::Match>) -> Res<i32> {
    Ok(report(out, found))
}

/// Which pattern the last match came from. Returns 1 and writes `*pattern`
/// when the last search matched, 0 when it did not, or
/// FERREX_ERR_NULL_POINTER.
/// Safe from several threads while no search writes to the same captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_pattern(captures: *const ferrex_captures, pattern: *mut usize) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let caps = unsafe { get(captures, "captures") }?;
        let out = unsafe { get_mut(pattern, "pattern") }?;
        Ok(caps.0.pattern().map_or(0, |p| {
            *out = p;
            1
        }))
    })
}

/// The number of groups (group 0 included) of the pattern that matched.
/// Returns 1 and writes `*count` when the last search matched, 0 when it
/// did not, or FERREX_ERR_NULL_POINTER.
/// Safe from several threads while no search writes to the same captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_group_count(captures: *const ferrex_captures, count: *mut usize) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let caps = unsafe { get(captures, "captures") }?;
        let out = unsafe { get_mut(count, "count") }?;
        Ok(caps.0.group_count().map_or(0, |n| {
            *out = n;
            1
        }))
    })
}

/// The span of group `group` (0 is the whole match) of the last match.
/// Returns 1 and writes `*span` when the group took part in the match, 0
/// when it did not or there was no match (`*span` unchanged),
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INDEX when the matched pattern
/// has no such group.
/// Safe from several threads while no search writes to the same captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_group(
    captures: *const ferrex_captures,
    group: usize,
    span: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let caps = unsafe { get(captures, "captures") }?;
        let out = unsafe { get_mut(span, "span") }?;
        write_span(out, caps.0.get(group)?)
    })
}

/// Copies the span of every group of the last match into `spans` in one
/// call (spans[i] is group i; group 0 is the whole match) and writes the
/// group count of the pattern that matched into `*count`. A group that did
/// not take part in the match gets FERREX_UNSET in all three fields.
/// `spans` holds `spans_len` entries and may be NULL only when
/// `spans_len` is 0.
///
/// Returns 1 (spans written), 0 (the last search found no match; `*count`
/// is 0), FERREX_ERR_NULL_POINTER, or FERREX_ERR_BUFFER_TOO_SMALL when
/// `spans_len` is less than the group count (nothing written; `*count`
/// says how many are needed).
/// Safe from several threads while no search writes to the same captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_spans(
    captures: *const ferrex_captures,
    spans: *mut ferrex_match,
    spans_len: usize,
    count: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let caps = unsafe { get(captures, "captures") }?;
        let count = unsafe { get_mut(count, "count") }?;
        let spans = unsafe { slice_mut(spans, spans_len, "spans") }?;
        *count = 0;
        let written = copy_spans(&caps.0, spans, count)?;
        Ok(i32::from(written))
    })
}

/// Copies the group spans of `caps` into `spans`, setting `*count` to the
/// group count (also when `spans` is too small, so the caller learns the
/// size to pass). Whether there was a match.
pub(crate) fn copy_spans(caps: &engine::Captures, spans: &mut [ferrex_match], count: &mut usize) -> Res<bool> {
    let needed = caps.group_count().unwrap_or(0);
    *count = needed;
    Ok(caps.copy_spans(spans)?.is_some())
}

/// The span of the group named `name` (`name_len` bytes, not
/// NUL-terminated) in the last match. Returns 1 / 0 as
/// ferrex_captures_group(), FERREX_ERR_NULL_POINTER, or FERREX_ERR_INDEX
/// when the matched pattern has no group of that name.
/// Safe from several threads while no search writes to the same captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_captures_group_by_name(
    captures: *const ferrex_captures,
    name: *const u8,
    name_len: usize,
    span: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let caps = unsafe { get(captures, "captures") }?;
        let name = unsafe { bytes(name, name_len, "name") }?;
        let out = unsafe { get_mut(span, "span") }?;
        let name = std::str::from_utf8(name)
            .map_err(|_| Fail::new(FERREX_ERR_INDEX, "no group has a name that is not UTF-8"))?;
        write_span(out, caps.0.get_by_name(name)?)
    })
}
