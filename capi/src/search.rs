//! Searching: the request and result PODs and the six search calls.

use engine::{Anchor, Search};

use crate::cache::ferrex_cache;
use crate::captures::ferrex_captures;
use crate::guard::{bytes, call, call_status, get, get_mut, max_len, slice_mut, Fail, Res};
use crate::regex::ferrex_regex;
use crate::status::ferrex_status::{self, *};

/// ferrex_search.flags: a match must start exactly at `start`.
pub const FERREX_SEARCH_ANCHORED: u32 = 1 << 0;
/// ferrex_search.flags: report a match as soon as one is certain, without
/// looking for its leftmost-first end. Faster; the match may be shorter.
/// Exact: the match ends at the first offset where a match of the regex
/// can be seen to end, whatever the options. Engine-defined: which start
/// (and, with several patterns, which pattern) among the matches ending
/// there. ferrex answers from a DFA pair (the leftmost such start), so the
/// cache capacity and DFA size limit change nothing; only where no DFA can
/// search (a Unicode `\b` meeting non-ASCII text) does the NFA simulation
/// answer, with the same end and the start its thread priority picks.
pub const FERREX_SEARCH_EARLIEST: u32 = 1 << 1;
/// ferrex_search.flags: anchored at `start` and only pattern
/// `ferrex_search.pattern` may match.
pub const FERREX_SEARCH_ANCHOR_PATTERN: u32 = 1 << 2;
/// ferrex_search.flags: `start` is where a previous match ended, and the
/// search is the next step of that iteration: an empty match at `start`
/// is not reported (the search looks on from `start + 1`, anchored ones
/// too), as an iterator skips it. With it a caller goes on from a match
/// without an iterator: ferrex_regex_find_all() when its buffer filled,
/// ferrex_regex_find() or _captures() match by match, ferrex_iter_reset()
/// after a first match. The steps of one iteration made so, with one
/// cache, over the same haystack (address and length) to the same end
/// read it for invalid UTF-8 once, as an iterator does (a regex that can
/// match empty, in UTF-8 mode): its bytes must not change between them.
/// Honoured by every call that takes a ferrex_search
/// except ferrex_regex_which_matches() and overlapping phrase iteration,
/// whose matches may overlap (FERREX_ERR_INVALID_ARGUMENT).
pub const FERREX_SEARCH_AFTER_MATCH: u32 = 1 << 3;

const SEARCH_FLAGS: u32 =
    FERREX_SEARCH_ANCHORED | FERREX_SEARCH_EARLIEST | FERREX_SEARCH_ANCHOR_PATTERN | FERREX_SEARCH_AFTER_MATCH;

/// How to search a haystack. Pass NULL wherever a `const ferrex_search *`
/// is taken to search the whole haystack, unanchored, leftmost-first.
///
/// The bounds must satisfy start <= end <= haystack length. Look-around
/// assertions (`^`, `$`, `\b`) still see the bytes outside the bounds, so
/// a bounded search is not the same as searching a sub-slice.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ferrex_search {
    /// First byte offset a match may occupy.
    pub start: usize,
    /// One past the last byte offset a match may occupy.
    pub end: usize,
    /// FERREX_SEARCH_* bits; 0 for none.
    pub flags: u32,
    /// With FERREX_SEARCH_ANCHOR_PATTERN, the pattern that must match.
    pub pattern: usize,
}

/// A match (or a capture group's span): bytes [start, end) of the haystack,
/// produced by pattern `pattern`.
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct ferrex_match {
    /// Start offset, inclusive.
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Index of the pattern that matched (0 for a single pattern).
    pub pattern: usize,
}

/// Writes a found match to `*out` and returns 1, or returns 0 (leaving
/// `*out` alone): the end of every call that reports one match.
///
/// Field by field, as three 8-byte stores. A struct assignment compiles to
/// 16-byte loads of the match the engine has just returned, stored field by
/// field in memory, and a load spanning two stores cannot be forwarded
/// from them: it waits until they reach the cache (ferrex_regex_find of
/// `@` over 48 bytes: 18.5 ns so, 12.5 ns field by field, one process,
/// static library). Volatile keeps the compiler from merging them again.
#[inline(always)]
pub(crate) fn report(out: &mut ferrex_match, found: Option<engine::Match>) -> i32 {
    let Some(m) = found else { return 0 };
    // SAFETY: `out` is a reference, so valid, aligned and writable.
    unsafe {
        std::ptr::write_volatile(&mut out.start, m.start);
        std::ptr::write_volatile(&mut out.end, m.end);
        std::ptr::write_volatile(&mut out.pattern, m.pattern);
    }
    1
}

impl From<engine::Match> for ferrex_match {
    fn from(m: engine::Match) -> ferrex_match {
        ferrex_match { start: m.start, end: m.end, pattern: m.pattern }
    }
}

/// The offsets of a capture group that did not take part in the match
/// (ferrex_captures_spans(), ferrex_iter_next_spans()): `start`, `end` and
/// `pattern` all hold this value, which no offset can have. The header
/// spells it SIZE_MAX (capi/cbindgen.toml: cbindgen cannot).
pub const FERREX_UNSET: usize = usize::MAX;

impl From<Option<engine::Match>> for ferrex_match {
    fn from(m: Option<engine::Match>) -> ferrex_match {
        m.map_or(ferrex_match { start: FERREX_UNSET, end: FERREX_UNSET, pattern: FERREX_UNSET }, Into::into)
    }
}

/// The body of every `*_next_batch` shim: validates the iterator and the
/// buffers, zeroes `*count`, then lets `fill` write up to `cap` matches.
/// Returns 1 when it wrote any, 0 when none (or a negative status).
///
/// # Safety
/// Each pointer is NULL or valid as documented on the batch functions.
pub(crate) unsafe fn next_batch<I>(
    iter: *mut I,
    haystack: *const u8,
    haystack_len: usize,
    out: *mut ferrex_match,
    cap: usize,
    count: *mut usize,
    fill: impl FnOnce(&mut I, &[u8], &mut [ferrex_match]) -> Result<usize, engine::Error>,
) -> i32 {
    call(|| {
        // SAFETY: the caller's promises.
        let (it, hay, out, count) = unsafe {
            (
                get_mut(iter, "iter")?,
                bytes(haystack, haystack_len, "haystack")?,
                slice_mut(out, cap, "out")?,
                get_mut(count, "count")?,
            )
        };
        *count = 0;
        *count = fill(it, hay, out)?;
        Ok(i32::from(*count > 0))
    })
}

/// Converts an optional C search request into the engine's.
///
/// # Safety
/// `search` is NULL or points to a live ferrex_search.
#[inline]
pub(crate) unsafe fn read_search(search: *const ferrex_search) -> Res<Search> {
    // SAFETY: the caller's promise.
    match unsafe { search.as_ref() } {
        None => Ok(Search::default()),
        Some(s) => search_of(s),
    }
}

/// The engine's search for a C request.
#[inline]
fn search_of(s: &ferrex_search) -> Res<Search> {
    if s.flags & !SEARCH_FLAGS != 0 {
        return Err(unknown_flags(s.flags & !SEARCH_FLAGS));
    }
    let anchor = if s.flags & FERREX_SEARCH_ANCHOR_PATTERN != 0 {
        Anchor::Pattern(s.pattern)
    } else if s.flags & FERREX_SEARCH_ANCHORED != 0 {
        Anchor::Start
    } else {
        Anchor::None
    };
    Ok(Search::bounds(s.start, s.end)
        .anchored(anchor)
        .earliest(s.flags & FERREX_SEARCH_EARLIEST != 0)
        .after_match(s.flags & FERREX_SEARCH_AFTER_MATCH != 0))
}

#[cold]
#[inline(never)]
fn unknown_flags(bits: u32) -> Fail {
    Fail::new(FERREX_ERR_UNKNOWN_FLAG, format!("unknown search flag bits 0x{bits:x}"))
}

/// The validated arguments every search (and replace) call shares.
pub(crate) struct Args<'a> {
    pub re: &'a ferrex_regex,
    pub cache: Option<&'a mut engine::Cache>,
    pub haystack: &'a [u8],
    /// The caller's search, or None for NULL (the whole haystack):
    /// [`Args::search`], [`Args::query`].
    search: Option<Search>,
}

impl<'a> Args<'a> {
    /// The search asked for.
    pub fn search(&self) -> Search {
        self.search.unwrap_or_default()
    }

    /// Runs `query` with the regex, the cache, the haystack and the search.
    /// Two inlined copies of it: one with the caller's search, one with the
    /// constant whole-haystack search a NULL request means, where the
    /// engine's bound, anchor and flag checks fold away (a C count of `.`
    /// over one byte: 347 -> 324 instructions, callgrind). NULL is the
    /// common call: the C rebar runner passes it, and the Python and Zig
    /// wrappers pass it for a whole-haystack search without flags. The hot
    /// searches only: the copy doubles a shim's code.
    #[inline(always)]
    pub fn query<R>(
        self,
        mut query: impl FnMut(
            &'a ferrex_regex,
            Option<&'a mut engine::Cache>,
            &'a [u8],
            &Search,
        ) -> Result<R, engine::Error>,
    ) -> Res<R> {
        Ok(match &self.search {
            None => query(self.re, self.cache, self.haystack, &Search::default()),
            Some(search) => query(self.re, self.cache, self.haystack, search),
        }?)
    }
}

/// # Safety
/// Each pointer is NULL or valid as documented on the extern functions.
#[inline]
pub(crate) unsafe fn args<'a>(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
) -> Res<Args<'a>> {
    // SAFETY: forwarded caller promises (documented per function).
    unsafe {
        Ok(Args {
            re: get(regex, "regex")?,
            cache: cache.as_mut().map(|c| &mut c.0),
            haystack: bytes(haystack, haystack_len, "haystack")?,
            search: search.as_ref().map(search_of).transpose()?,
        })
    }
}

/// Whether a search of the whole haystack (`search` NULL) has certainly no
/// match because no match fits its length (`Regex::rules_out`: shorter
/// than every match, or for a regex anchored at both ends longer than any),
/// with arguments that `args` accepts (the cache, if any, this regex's):
/// the meta regex's first test, answered before the guard by is-match,
/// find, count and captures (the calls made line by line, or on tiny
/// haystacks). The guard's frame (six saved registers, 1.5 KiB of stack)
/// and checks cost more than the test: rebar's grep model over lines
/// mostly shorter than a date (imported/lh3lh3-reb/date) ran 62
/// instructions a rejected line in ferrex_regex_is_match, 19 so (the
/// regex crate's runner: 32 for its whole call); a count of `^\w{30}$`
/// over 52 bytes (opt/fixed-length/too-big-ascii) ran 154 in the C
/// runner's engine_count, where the regex crate's runner runs 69. Not
/// find-all: of its eight arguments two come on the stack, and the test
/// set up a frame of its own, 19 instructions on every call (imported/rsc's
/// tiny count-spans 1.3% more); its guarded path rejects such a haystack
/// without a walk (`Strategy::rules_out`). Only reads, none of which can
/// panic.
///
/// # Safety
/// Each pointer is NULL or valid as documented on the extern functions.
#[inline(always)]
unsafe fn rejected_early(
    regex: *const ferrex_regex,
    cache: *const ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
) -> bool {
    // SAFETY: the caller's promises.
    let Some(re) = (unsafe { regex.as_ref() }) else { return false };
    // The length first: a call that goes on to search pays one test.
    re.0.rules_out(haystack_len)
        && search.is_null()
        && (haystack_len == 0 || (!haystack.is_null() && haystack_len <= max_len::<u8>()))
        // SAFETY: as above.
        && unsafe { cache.as_ref() }.map_or(true, |c| re.0.owns(&c.0))
}

/// Reports whether `regex` matches in `haystack` (within the bounds of
/// `search`, NULL for the whole haystack). Stops at the first match it is
/// sure of: this is the fastest search.
///
/// `cache`: this thread's ferrex_cache for `regex`, or NULL to borrow one
/// from the regex's internal pool. `haystack` may be NULL when
/// `haystack_len` is 0. Keeps no pointer to the haystack.
///
/// Returns 1 (match), 0 (no match), or FERREX_ERR_NULL_POINTER,
/// FERREX_ERR_OUT_OF_BOUNDS, FERREX_ERR_UNKNOWN_FLAG, FERREX_ERR_INDEX (no
/// such anchor pattern), FERREX_ERR_WRONG_REGEX (the cache belongs to
/// another regex). Thread-safe given distinct caches.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_is_match(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
) -> i32 {
    // SAFETY: documented caller promises.
    if unsafe { rejected_early(regex, cache, haystack, haystack_len, search) } {
        return 0;
    }
    // SAFETY: as above.
    unsafe { is_match_guarded(regex, cache, haystack, haystack_len, search) }
}

/// ferrex_regex_is_match past `rejected_early`: out of line, so that its
/// frame is not set up for a rejection, and `extern "C"` (cannot unwind),
/// so that the shim jumps to it rather than calls it.
///
/// # Safety
/// As ferrex_regex_is_match.
#[inline(never)]
unsafe extern "C" fn is_match_guarded(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
) -> i32 {
    call(|| {
        // SAFETY: documented caller promises.
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        Ok(i32::from(a.query(
            #[inline(always)]
            |re, cache, hay, search| re.0.is_match(cache, hay, search),
        )?))
    })
}

/// Finds the leftmost-first match (or, with FERREX_SEARCH_EARLIEST, the
/// earliest) and writes it to `*match`. Arguments as for
/// ferrex_regex_is_match(); `match` may not be NULL and is left unchanged
/// when there is no match.
///
/// Returns 1 (match written), 0 (no match) or a negative status as for
/// ferrex_regex_is_match(). Thread-safe given distinct caches.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_find(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    r#match: *mut ferrex_match,
) -> i32 {
    // SAFETY: documented caller promises.
    if !r#match.is_null() && unsafe { rejected_early(regex, cache, haystack, haystack_len, search) } {
        return 0;
    }
    // SAFETY: as above.
    unsafe { find_guarded(regex, cache, haystack, haystack_len, search, r#match) }
}

/// ferrex_regex_find past `rejected_early`, as [`is_match_guarded`].
///
/// # Safety
/// As ferrex_regex_find.
#[inline(never)]
unsafe extern "C" fn find_guarded(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    r#match: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: documented caller promises.
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        let out = unsafe { get_mut(r#match, "match") }?;
        Ok(report(
            out,
            a.query(
                #[inline(always)]
                |re, cache, hay, search| re.0.find(cache, hay, search),
            )?,
        ))
    })
}

/// Counts the matches that iterating over the bounds would report
/// (ferrex_iter_new with the same `search`: non-overlapping, the same
/// empty-match rule) and writes the number to `*count`. Faster than
/// iterating: only match ends are found, by forward scans, where
/// iteration also scans backwards from each end to find the start.
/// Arguments as for ferrex_regex_is_match(); `count` may not be NULL.
///
/// Returns FERREX_OK or a status as for ferrex_regex_is_match() (`*count`
/// is then 0). Thread-safe given distinct caches.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_count(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    count: *mut usize,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    if unsafe { rejected_early(regex, cache, haystack, haystack_len, search) } && !count.is_null() {
        // SAFETY: non-NULL, and writable by the caller's promise.
        unsafe { count.write(0) };
        return FERREX_OK;
    }
    // SAFETY: as above.
    unsafe { count_guarded(regex, cache, haystack, haystack_len, search, count) }
}

/// ferrex_regex_count past `rejected_early`, as [`is_match_guarded`].
///
/// # Safety
/// As ferrex_regex_count.
#[inline(never)]
unsafe extern "C" fn count_guarded(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    count: *mut usize,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: documented caller promises.
        let out = unsafe { get_mut(count, "count") }?;
        *out = 0;
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        *out = a.query(
            #[inline(always)]
            |re, cache, hay, search| re.0.count(cache, hay, search),
        )?;
        Ok(())
    })
}

/// Writes the matches an iteration over the bounds reports (ferrex_iter_new
/// with the same `search`: non-overlapping, the same empty-match rule)
/// into `out[0..cap)`, up to `cap` of them, and their number into
/// `*count`: every match of a small haystack in one call, with no
/// iterator to keep. When `*count` equals `cap` there may be more: call
/// again with `start` = the last match's end and FERREX_SEARCH_AFTER_MATCH
/// added to the flags (the other fields as before). Arguments as for
/// ferrex_regex_is_match(); `out` may be NULL only when `cap` is 0 (which
/// finds nothing and returns 0); `count` may not be NULL.
///
/// Returns 1 (at least one match written), 0 (none), or a negative status
/// as for ferrex_regex_is_match() (`*count` is then 0). Thread-safe given
/// distinct caches.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_find_all(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    out: *mut ferrex_match,
    cap: usize,
    count: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: documented caller promises.
        let n = unsafe { get_mut(count, "count") }?;
        *n = 0;
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        let out = unsafe { slice_mut(out, cap, "out") }?;
        *n = a.query(
            #[inline(always)]
            |re, cache, hay, search| re.0.find_all(cache, hay, search, out),
        )?;
        Ok(i32::from(*n > 0))
    })
}

/// Finds the leftmost-first match like ferrex_regex_find() and records the
/// span of every capture group in `captures` (made for this regex by
/// ferrex_captures_new). Read them with ferrex_captures_group().
///
/// Returns 1 (match), 0 (no match; `captures` then reports no match), or a
/// negative status as for ferrex_regex_is_match(), plus
/// FERREX_ERR_WRONG_REGEX when `captures` belongs to another regex.
/// Thread-safe given distinct caches and captures.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_captures(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    captures: *mut ferrex_captures,
) -> i32 {
    // SAFETY: documented caller promises.
    if unsafe { rejected_early(regex, cache, haystack, haystack_len, search) } {
        // SAFETY: as above.
        if let (Some(re), Some(caps)) = unsafe { (regex.as_ref(), captures.as_mut()) } {
            if re.0.clear_captures(&mut caps.0) {
                return 0;
            }
        }
    }
    // SAFETY: as above.
    unsafe { captures_guarded(regex, cache, haystack, haystack_len, search, captures) }
}

/// ferrex_regex_captures past `rejected_early`, as [`is_match_guarded`].
///
/// # Safety
/// As ferrex_regex_captures.
#[inline(never)]
unsafe extern "C" fn captures_guarded(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    captures: *mut ferrex_captures,
) -> i32 {
    call(|| {
        // SAFETY: documented caller promises.
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        let caps = unsafe { get_mut(captures, "captures") }?;
        Ok(i32::from(a.query(
            #[inline(always)]
            |re, cache, hay, search| re.0.captures(cache, hay, search, &mut caps.0),
        )?))
    })
}

/// The set query: for every pattern i, writes `matched[i]` = 1 if pattern i
/// matches anywhere within the bounds (matches may overlap), else 0.
/// `matched` holds `matched_len` bytes and must hold at least the pattern
/// count (see ferrex_regex_pattern_count); bytes past that are untouched.
/// FERREX_SEARCH_EARLIEST has no effect here. Anchored (ANCHORED or
/// ANCHOR_PATTERN), a pattern counts only if it matches at `start`.
/// FERREX_SEARCH_AFTER_MATCH is refused (FERREX_ERR_INVALID_ARGUMENT):
/// these matches may overlap, so no iteration goes on from one.
///
/// Returns 1 (some pattern matched), 0 (none), or a negative status as for
/// ferrex_regex_is_match(), plus FERREX_ERR_BUFFER_TOO_SMALL when
/// `matched_len` is less than the pattern count, and FERREX_ERR_SIZE_LIMIT
/// when the set form of a leftmost-first regex (built on the first set
/// query) exceeds the size limits. Thread-safe given distinct caches.
#[no_mangle]
pub unsafe extern "C" fn ferrex_regex_which_matches(
    regex: *const ferrex_regex,
    cache: *mut ferrex_cache,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    matched: *mut u8,
    matched_len: usize,
) -> i32 {
    call(|| {
        // SAFETY: documented caller promises.
        let a = unsafe { args(regex, cache, haystack, haystack_len, search) }?;
        let out = unsafe { slice_mut(matched, matched_len, "matched") }?;
        let search = a.search();
        Ok(i32::from(a.re.0.which_matches(a.cache, a.haystack, &search, out)?))
    })
}
