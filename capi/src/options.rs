//! `ferrex_options`: limits and match semantics for building a regex.

use engine::{MatchKind, Options};

use crate::error::ferrex_error;
use crate::guard::{call_reporting, call_status, decode, emit, get_mut, release, Res};
use crate::status::ferrex_status;

/// The highest nesting limit ferrex_options_set_nesting_limit() accepts.
pub const FERREX_MAX_NESTING_LIMIT: u32 = 1000;

/// Build options, owned by the caller. Read (copied) by ferrex_regex_new*;
/// may be freed or changed afterwards without affecting built regexes. Not
/// synchronized: do not change one from two threads at once.
pub struct ferrex_options(pub(crate) Options);

/// Match semantics, passed to ferrex_options_set_match_kind() as a uint32_t.
#[repr(u32)]
pub enum ferrex_match_kind {
    /// Perl-like leftmost-first (the default).
    FERREX_MATCH_KIND_LEFTMOST_FIRST = 0,
    /// Every match is a candidate, as in regex-automata's MatchKind::All.
    /// Meant for is-match and the set query (which reports every pattern
    /// that matches anywhere either way). A find, captures or iteration
    /// under ALL scans the whole span and reports the match that ends last,
    /// extended as far left as it reaches: "a|ab" in "ab a" finds [3, 4).
    /// In UTF-8 mode, when that last match is an empty one inside a
    /// character it is dropped, so a regex that can match empty may find
    /// nothing where is-match says 1 (\B with FERREX_FLAG_NO_UNICODE in
    /// "\xC3\x89\xC3\x89k": its last \B lies inside the second
    /// character); regex-automata's meta regex answers the same.
    FERREX_MATCH_KIND_ALL = 1,
}

/// Creates options with the defaults: NFA size limit 10 MiB, full DFA size
/// limit 256 KiB per direction, lazy DFA cache 2 MiB, nesting limit 250,
/// search memory limit 512 MiB, leftmost-first.
///
/// On success `*out` owns the new options (free with ferrex_options_free).
/// Returns FERREX_OK, or FERREX_ERR_NULL_POINTER when `out` is NULL.
/// `error` may be NULL; otherwise it receives NULL or a new ferrex_error.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_new(
    out: *mut *mut ferrex_options,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or writable pointers.
    unsafe {
        call_reporting(error, || {
            emit(get_mut(out, "out")?, ferrex_options(Options::default()));
            Ok(())
        })
    }
}

/// Frees options. NULL is a no-op.
/// Not while another thread uses the same options.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_free(options: *mut ferrex_options) {
    // SAFETY: the caller passes NULL or options it owns.
    unsafe { release(options) }
}

/// Applies a setter to the options: a failing one leaves them unchanged.
/// The options are checked as compiling would check them (one check, in
/// the engine), so a bad value fails here, where it was set.
unsafe fn update(options: *mut ferrex_options, f: impl FnOnce(Options) -> Res<Options>) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live options.
        let options = unsafe { get_mut(options, "options") }?;
        let updated = f(options.0.clone())?;
        updated.check()?;
        options.0 = updated;
        Ok(())
    })
}

/// Sets the most heap, in bytes, a compiled NFA may use; a bigger pattern
/// fails to build with FERREX_ERR_SIZE_LIMIT. Lower it for untrusted
/// patterns (SIZE_MAX means no limit). It also bounds what compiling costs
/// before any NFA exists: patterns longer in total than 1/8 of it are
/// refused unread, and parsing the rest can take up to about 2,000 bytes of
/// memory per pattern byte, as Unicode classes expand (100,000 `\pL`, a
/// 292 KB pattern, peaks at 570 MB for 1.3 s before the default 10 MiB
/// limit refuses it). Returns FERREX_OK or FERREX_ERR_NULL_POINTER.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_nfa_size_limit(
    options: *mut ferrex_options,
    bytes: usize,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.nfa_size_limit(bytes))) }
}

/// Sets the most heap, in bytes, each fully compiled DFA (forward and
/// reverse) may use. Small patterns get one when the meta regex has no
/// literal to skip to, used for find, count and iteration where it has
/// accelerated states (which skip runs of bytes with memchr) and kept
/// only then; 0 never builds one.
///
/// Searches determinize it themselves once they have read 256 KiB, within
/// a budget of what they have read (about 1/128 of it in bytes of DFA, a
/// few percent of their own time), trying again with twice the budget
/// each time the bytes read double, up to this limit. To pay for it up
/// front instead, call ferrex_regex_has_full_dfa() once after compiling:
/// it spends the whole limit then (up to milliseconds: 13 ms for the
/// costliest of rebar's benchmark regexes at the default limit).
///
/// Returns FERREX_OK or FERREX_ERR_NULL_POINTER.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_dfa_size_limit(
    options: *mut ferrex_options,
    bytes: usize,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.dfa_size_limit(bytes))) }
}

/// Sets the capacity, in bytes, of each lazy DFA transition cache (per
/// ferrex_cache). Returns FERREX_OK, FERREX_ERR_NULL_POINTER, or
/// FERREX_ERR_INVALID_ARGUMENT when `bytes` is 0.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_dfa_cache_capacity(
    options: *mut ferrex_options,
    bytes: usize,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.dfa_cache_capacity(bytes))) }
}

/// Sets the most memory, in bytes, that one ferrex_cache may need for the
/// NFA simulation's capture slots of this regex: 16 bytes x NFA states x
/// capture slots (two per group of every pattern, group 0 included). It
/// grows with the square of the number of patterns: 2,500 seven-byte
/// literals would need 1.9 GB, 20,000 of them 64 GB. Compiling refuses
/// patterns past it with FERREX_ERR_SIZE_LIMIT, so that no search has to
/// allocate it (default 512 MiB). For many literals, a phrase set needs
/// none of it. Returns FERREX_OK or FERREX_ERR_NULL_POINTER.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_search_memory_limit(
    options: *mut ferrex_options,
    bytes: usize,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.search_memory_limit(bytes))) }
}

/// Sets how deeply a pattern may nest: each group, repetition,
/// alternation and concatenation inside another counts one level (the
/// default is 250); deeper patterns fail with FERREX_ERR_SYNTAX. Returns
/// FERREX_OK, FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT when
/// `limit` exceeds FERREX_MAX_NESTING_LIMIT (the options are then left
/// unchanged).
///
/// Stack: compiling recurses once per level of nesting. Patterns of
/// ordinary depth (up to about ten levels, depending on their shape)
/// compile on the calling thread, which needs about 64 KiB of stack; deeper
/// ones compile on a thread ferrex starts for the call, with a stack sized
/// for them (reserved at about 4 KiB per level of nesting, at most 1.6 KiB
/// of it used, plus 8 MiB for the process's static TLS, which glibc places
/// on a new thread's stack; reserved, not touched). In a process with no
/// other thread such a compile takes about 1.4x as long as on the calling
/// thread, mostly because with glibc a process that has had a second thread
/// pays a lock on every malloc from then on; where threads exist already,
/// about 1.05x. The engines a search builds on first use are built the same
/// way, so searches too stay within the caller's 64 KiB. Should that thread
/// fail to start (the process is out of threads or memory), compiling fails
/// with FERREX_ERR_SIZE_LIMIT, and a search makes do with the engines
/// already built. Starting that thread makes Rust's standard library keep a
/// 48-byte handle of the calling thread until it exits; for the main thread
/// valgrind reports it as "possibly lost" (share/ferrex/ferrex.supp
/// suppresses it).
///
/// Memory: a search for capture groups keeps a table of groups times
/// NFA states per cache, so 1,000 nested capture groups take about 30 MiB
/// per cache.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_nesting_limit(options: *mut ferrex_options, limit: u32) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.nesting_limit(limit))) }
}

/// Sets the match kind, a ferrex_match_kind value. Returns FERREX_OK,
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT for any other
/// value.
/// One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_options_set_match_kind(options: *mut ferrex_options, match_kind: u32) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe {
        update(options, |o| {
            use ferrex_match_kind::*;
            Ok(o.match_kind(decode(
                match_kind,
                "match kind",
                &[
                    (FERREX_MATCH_KIND_LEFTMOST_FIRST as u32, MatchKind::LeftmostFirst),
                    (FERREX_MATCH_KIND_ALL as u32, MatchKind::All),
                ],
            )?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::ferrex_status::*;
    use engine::MAX_NESTING_LIMIT;

    #[test]
    fn the_maximum_nesting_limit_is_the_engines() {
        assert_eq!(FERREX_MAX_NESTING_LIMIT, MAX_NESTING_LIMIT);
    }

    #[test]
    fn a_nesting_limit_above_the_maximum_is_refused_and_changes_nothing() {
        let mut options = ferrex_options(Options::default());
        // SAFETY: a live options object.
        unsafe {
            assert_eq!(ferrex_options_set_nesting_limit(&mut options, FERREX_MAX_NESTING_LIMIT), FERREX_OK);
            for limit in [FERREX_MAX_NESTING_LIMIT + 1, u32::MAX] {
                assert_eq!(ferrex_options_set_nesting_limit(&mut options, limit), FERREX_ERR_INVALID_ARGUMENT);
            }
        }
        assert_eq!(options.0.get_nesting_limit(), FERREX_MAX_NESTING_LIMIT);
    }
}
