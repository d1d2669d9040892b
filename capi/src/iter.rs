//! `ferrex_iter`: successive non-overlapping matches.

use engine::{Cache, Captures, FindState, Regex};

use crate::captures::ferrex_captures;
use crate::error::ferrex_error;
use crate::guard::{bytes, call, call_reporting, call_status, emit, get, get_mut, release, slice_mut, Fail};
use crate::regex::ferrex_regex;
use crate::search::{ferrex_match, ferrex_search, next_batch, read_search, report};
use crate::status::ferrex_status::{self, FERREX_ERR_INVALID_ARGUMENT};

/// An iteration over the non-overlapping matches in one haystack, with its
/// own cache. It keeps only offsets: the haystack is passed to every
/// ferrex_iter_next() call (so it may move in memory between calls, but
/// its length and contents must stay the same). It holds a reference to
/// its regex, so it stays valid after ferrex_regex_free(). One thread at a
/// time.
///
/// Each step is a search, linear in the bytes it reads; all steps together
/// can read some bytes more than once (`[a-z]*X|[a-z]` rescans to the end
/// for every match), as in Rust's regex crate.
///
/// Empty matches follow Rust's regex crate: an empty match where the
/// previous match ended is skipped and the search resumes one byte later
/// (anchored searches too), and in UTF-8 mode no empty match splits a
/// codepoint.
///
/// Many matches: ferrex_iter_next_batch() hands over a buffer of them a
/// call, ferrex_iter_next_spans_batch() a buffer of their group spans.
///
/// Many small haystacks: ferrex_regex_find_all() fills a buffer with
/// every match in one call, no iterator needed. Haystacks that seldom
/// match (the lines of a file): one ferrex_regex_find() or
/// ferrex_regex_captures() call settles a haystack without a match, where
/// an iteration costs a reset and a step. To go on after a first match,
/// reset the iterator to start at its end (ferrex_search.start, the other
/// fields as before; look-around still sees the bytes before it) with
/// FERREX_SEARCH_AFTER_MATCH, so that an empty match there is skipped as
/// the iteration would have skipped it.
pub struct ferrex_iter {
    regex: Regex,
    cache: Cache,
    state: FindState,
    /// Group storage for ferrex_iter_next_spans(), made on its first call.
    caps: Option<Captures>,
}

/// Starts iterating the matches of `regex` in a haystack of `haystack_len`
/// bytes, within the bounds of `search` (NULL: the whole haystack). With
/// FERREX_SEARCH_ANCHORED each match must start where the last one ended,
/// except after a skipped empty match (see ferrex_iter), where the
/// anchored search resumes one byte later, as Rust's regex crate does.
/// On success `*out` owns the iterator (free with ferrex_iter_free).
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER, FERREX_ERR_OUT_OF_BOUNDS,
/// FERREX_ERR_UNKNOWN_FLAG or FERREX_ERR_INDEX (no such anchor pattern).
/// `error` may be NULL; otherwise it receives NULL or a new ferrex_error.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_new(
    out: *mut *mut ferrex_iter,
    regex: *const ferrex_regex,
    haystack_len: usize,
    search: *const ferrex_search,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let re = &get(regex, "regex")?.0;
            let state = FindState::new(re, haystack_len, &read_search(search)?)?;
            emit(out, ferrex_iter { regex: re.clone(), cache: re.create_cache(), state, caps: None });
            Ok(())
        })
    }
}

/// Restarts `iter` on a new haystack of `haystack_len` bytes and bounds
/// (NULL: the whole haystack), reusing its cache. Returns FERREX_OK or a
/// status as for ferrex_iter_new(); on failure the iterator is unchanged.
/// One thread at a time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_reset(
    iter: *mut ferrex_iter,
    haystack_len: usize,
    search: *const ferrex_search,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        it.state = FindState::new(&it.regex, haystack_len, &unsafe { read_search(search) }?)?;
        Ok(())
    })
}

/// Frees an iterator. NULL is a no-op.
/// Not while another thread uses the iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_free(iter: *mut ferrex_iter) {
    // SAFETY: the caller passes NULL or an iterator it owns.
    unsafe { release(iter) }
}

/// Advances to the next match and writes it to `*match`. `haystack` must
/// hold the same `haystack_len` bytes the iteration was started for.
///
/// Returns 1 (match written), 0 (no more matches; further calls keep
/// returning 0), FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT
/// when `haystack_len` differs from the one given at the start.
/// One thread at a time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_next(
    iter: *mut ferrex_iter,
    haystack: *const u8,
    haystack_len: usize,
    r#match: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        let hay = unsafe { bytes(haystack, haystack_len, "haystack") }?;
        let out = unsafe { get_mut(r#match, "match") }?;
        let ferrex_iter { regex, cache, state, .. } = it;
        Ok(report(out, state.next(regex, cache, hay)?))
    })
}

/// Writes up to `cap` next matches into `out[0..cap)` and their number into
/// `*count`: one call instead of one per match. When `*count` equals `cap`
/// there may be more; call again. `out` may be NULL only when `cap` is 0
/// (which consumes nothing and returns 0).
///
/// Returns 1 (at least one match written), 0 (none: no more matches, or
/// `cap` is 0),
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT when
/// `haystack_len` differs from the one given at the start. One thread at a
/// time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_next_batch(
    iter: *mut ferrex_iter,
    haystack: *const u8,
    haystack_len: usize,
    out: *mut ferrex_match,
    cap: usize,
    count: *mut usize,
) -> i32 {
    // SAFETY: the caller passes NULL or live pointers, as documented.
    unsafe {
        next_batch(iter, haystack, haystack_len, out, cap, count, |it, hay, out| {
            it.state.next_batch(&it.regex, &mut it.cache, hay, out)
        })
    }
}

/// Advances to the next match and records its capture groups in
/// `captures` (made for the same regex). Returns 1 (match), 0 (no more
/// matches; `captures` then reports no match), or a negative status as
/// for ferrex_iter_next(), plus FERREX_ERR_WRONG_REGEX when `captures`
/// belongs to another regex.
/// One thread at a time per iterator and per captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_next_captures(
    iter: *mut ferrex_iter,
    haystack: *const u8,
    haystack_len: usize,
    captures: *mut ferrex_captures,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        let hay = unsafe { bytes(haystack, haystack_len, "haystack") }?;
        let caps = unsafe { get_mut(captures, "captures") }?;
        let ferrex_iter { regex, cache, state, .. } = it;
        Ok(i32::from(state.next_captures(regex, cache, hay, &mut caps.0)?.is_some()))
    })
}

/// Advances to the next match and copies the span of every one of its
/// capture groups into `spans` in the same call (spans[i] is group i,
/// group 0 the whole match; a group that did not take part gets
/// FERREX_UNSET in all three fields), writing the group count of the
/// pattern that matched into `*count`: the one call per match that
/// ferrex_iter_next_captures() plus ferrex_captures_spans() would take
/// two for (ferrex_iter_next_spans_batch() takes one for many matches).
/// `haystack` must hold the same `haystack_len` bytes the iteration was
/// started for.
///
/// `spans` must hold as many entries as the pattern with the most groups
/// has (ferrex_regex_group_count() of each pattern; one pattern: its
/// count). That is checked before the iteration moves on, so no match is
/// lost: FERREX_ERR_BUFFER_TOO_SMALL, with `*count` set to the size
/// needed.
///
/// Returns 1 (match, spans written), 0 (no more matches; `*count` is 0),
/// FERREX_ERR_NULL_POINTER, FERREX_ERR_BUFFER_TOO_SMALL, or
/// FERREX_ERR_INVALID_ARGUMENT when `haystack_len` differs from the one
/// given at the start. One thread at a time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_next_spans(
    iter: *mut ferrex_iter,
    haystack: *const u8,
    haystack_len: usize,
    spans: *mut ferrex_match,
    spans_len: usize,
    count: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        let hay = unsafe { bytes(haystack, haystack_len, "haystack") }?;
        let spans = unsafe { slice_mut(spans, spans_len, "spans") }?;
        let count = unsafe { get_mut(count, "count") }?;
        *count = 0;
        let ferrex_iter { regex, cache, state, caps } = it;
        let caps = caps.get_or_insert_with(|| regex.create_captures());
        let found = state.next_spans(regex, cache, hay, caps, spans).map_err(|e| room_needed(regex, count, e))?;
        *count = found.unwrap_or(0);
        Ok(i32::from(found.is_some()))
    })
}

/// Advances over up to `cap` next matches and copies the span of every
/// capture group of each into `spans`, `stride` entries a match: match k
/// fills spans[k * stride] to spans[k * stride + stride - 1], its groups
/// first (group 0 the whole match, whose `pattern` says which pattern
/// matched; a group that did not take part gets FERREX_UNSET in all three
/// fields), then FERREX_UNSET entries up to `stride`. `*count` receives
/// the number of matches written: one call for a batch of matches, where
/// ferrex_iter_next_spans() takes one a match. When `*count` equals `cap`
/// there may be more; call again. `spans` must hold `cap * stride`
/// entries. `haystack` must hold the same `haystack_len` bytes the
/// iteration was started for.
///
/// `stride` must be at least 1 and at least the most groups a pattern has
/// (the largest ferrex_regex_group_count() of its patterns). That is
/// checked before the iteration moves on: FERREX_ERR_BUFFER_TOO_SMALL,
/// with `*count` set to the stride needed. A call with `cap` 0 (`spans` may then be NULL)
/// consumes nothing, so it can ask for the stride: it returns 0 when
/// `stride` is enough, else that status.
///
/// Returns 1 (at least one match written), 0 (none: no more matches, or
/// `cap` is 0), FERREX_ERR_NULL_POINTER, FERREX_ERR_BUFFER_TOO_SMALL, or
/// FERREX_ERR_INVALID_ARGUMENT when `haystack_len` differs from the one
/// given at the start or `cap * stride` entries exceed the address space.
/// One thread at a time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_iter_next_spans_batch(
    iter: *mut ferrex_iter,
    haystack: *const u8,
    haystack_len: usize,
    spans: *mut ferrex_match,
    stride: usize,
    cap: usize,
    count: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        let hay = unsafe { bytes(haystack, haystack_len, "haystack") }?;
        let count = unsafe { get_mut(count, "count") }?;
        *count = 0;
        let Some(len) = stride.checked_mul(cap) else {
            return Err(Fail::new(
                FERREX_ERR_INVALID_ARGUMENT,
                format!("spans of {cap} matches of {stride} entries exceed the address space"),
            ));
        };
        let spans = unsafe { slice_mut(spans, len, "spans") }?;
        let ferrex_iter { regex, cache, state, caps } = it;
        let caps = caps.get_or_insert_with(|| regex.create_captures());
        let written =
            state.next_spans_batch(regex, cache, hay, caps, spans, stride).map_err(|e| room_needed(regex, count, e))?;
        *count = written;
        Ok(i32::from(written > 0))
    })
}

/// The error of a spans call (ferrex_iter_next_spans, _next_spans_batch);
/// when the room for a match was too small, `*count` receives the room it
/// needs: the most groups a pattern has, and at least 1 (a stride of 0 is
/// never enough).
fn room_needed(regex: &Regex, count: &mut usize, e: engine::Error) -> Fail {
    if e.kind() == engine::ErrorKind::BufferTooSmall {
        *count = regex.max_group_count().max(1);
    }
    e.into()
}
