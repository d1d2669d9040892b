//! `ferrex_phrases`: many literal phrases matched at once (Aho-Corasick;
//! Unicode case folding through the regex engine).

use engine::{PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, PhraseStarts};

use crate::error::ferrex_error;
use crate::guard::{bytes, call, call_reporting, call_status, decode, emit, get, get_mut, release, slice, Res};
use crate::output::{ferrex_bytes, produce_into, produce_owned};
use crate::search::{ferrex_match, ferrex_search, next_batch, read_search, report};
use crate::status::ferrex_status;

/// Phrase match semantics, for ferrex_phrase_options_set_match_kind().
///
/// An empty phrase occurs at every byte offset inside the search's bounds,
/// both bounds included (inside UTF-8 characters too, with every kind of
/// case folding), so the definitions below give, for a set with an empty
/// phrase: STANDARD reports the empty match at the search's start (for the
/// first empty phrase given) and never a non-empty phrase; LEFTMOST_FIRST
/// reports, at the search's start, a non-empty phrase given before the
/// first empty phrase if one starts there, else the empty match (phrases
/// given after the first empty one never match); LEFTMOST_LONGEST reports,
/// at the search's start, the longest non-empty phrase starting there, else
/// the empty match. Anchored searches answer the same, and
/// FERREX_SEARCH_EARLIEST gives the empty match at the start. Example:
/// phrases {"ab", ""} in "aab": every kind finds [0, 0) phrase 1; the
/// leftmost kinds iterate [0, 0) 1, then [1, 3) 0.
#[repr(u32)]
pub enum ferrex_phrase_match_kind {
    /// The match that ends first (at the same end, the longest, then the
    /// one given first); the only kind that allows overlapping iteration.
    FERREX_PHRASE_MATCH_STANDARD = 0,
    /// The leftmost match; among phrases matching there, the one given first.
    FERREX_PHRASE_MATCH_LEFTMOST_FIRST = 1,
    /// The leftmost match; among phrases matching there, the longest, then
    /// the one given first (the default).
    FERREX_PHRASE_MATCH_LEFTMOST_LONGEST = 2,
}

/// The automaton, for ferrex_phrase_options_set_automaton(). The NFAs
/// build in time and memory linear in the phrases' bytes (but see
/// ferrex_phrases_new() on the standard match kind).
#[repr(u32)]
pub enum ferrex_phrase_automaton {
    /// The fastest that fits: a DFA when it fits the DFA size limit and its
    /// build work bound (see FERREX_PHRASE_AUTOMATON_DFA), else a contiguous
    /// NFA (the default).
    FERREX_PHRASE_AUTOMATON_AUTO = 0,
    /// A noncontiguous NFA: least memory, slowest search.
    FERREX_PHRASE_AUTOMATON_NFA = 1,
    /// A contiguous NFA: compact and reasonably fast.
    FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA = 2,
    /// A DFA: fastest search, most memory. Its build fills in every state's
    /// transitions along failure links, which can take time up to the square
    /// of the length of a long phrase that repeats itself (64 KiB of `a`
    /// took 10 s). ferrex bounds that work before building, from the
    /// phrases alone, and refuses a DFA whose bound exceeds 2^26 steps
    /// (builds at the bound take under 0.2 s) with FERREX_ERR_SIZE_LIMIT: a
    /// run of more than about 6,600 bytes of one byte value, a cycle of a
    /// few byte values over more than about 11,000 bytes, or a DFA of more
    /// than 256 MiB. The DFA size limit does not apply to an explicit DFA.
    FERREX_PHRASE_AUTOMATON_DFA = 3,
}

/// Which searches a phrase set supports, for
/// ferrex_phrase_options_set_starts().
#[repr(u32)]
pub enum ferrex_phrase_starts {
    /// Unanchored searches only.
    FERREX_PHRASE_STARTS_UNANCHORED = 0,
    /// Anchored searches only (FERREX_SEARCH_ANCHORED required).
    FERREX_PHRASE_STARTS_ANCHORED = 1,
    /// Both (the default).
    FERREX_PHRASE_STARTS_BOTH = 2,
}

/// Build options for a phrase set, owned by the caller; read (copied) by
/// ferrex_phrases_new(). One thread at a time per options object.
pub struct ferrex_phrase_options(PhraseOptions);

/// A compiled set of literal phrases. Immutable: share it across threads.
pub struct ferrex_phrases(pub(crate) PhraseSet);

/// What ferrex_phrases_describe() reports about a phrase set.
#[repr(C)]
pub struct ferrex_phrases_info {
    /// The number of phrases.
    pub count: usize,
    /// The length in bytes of the shortest phrase (0 for an empty set).
    pub min_len: usize,
    /// The length in bytes of the longest phrase (0 for an empty set).
    pub max_len: usize,
    /// The heap used by the compiled set, in bytes.
    pub memory_usage: usize,
    /// The automaton built (a ferrex_phrase_automaton; AUTO resolved). A
    /// Unicode case-insensitive set is searched by the regex engine, not
    /// by an automaton: it reports the value it was built with (AUTO
    /// unless set).
    pub automaton: u32,
}

/// An iteration over the phrase matches in one haystack, non-overlapping
/// or overlapping. Keeps offsets and automaton state only: the haystack is
/// passed to every step (it may move between calls, but its length and
/// contents must not change). Holds a reference to its phrase set, so it
/// stays valid after ferrex_phrases_free(). One thread at a time.
pub struct ferrex_phrase_iter {
    set: PhraseSet,
    state: PhraseIter,
}

/// Creates phrase options with the defaults: leftmost-longest, case
/// sensitive, both start kinds, automatic automaton with an 8 MiB DFA size
/// limit. On success `*out` owns them (free with
/// ferrex_phrase_options_free). Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_new(
    out: *mut *mut ferrex_phrase_options,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or writable pointers.
    unsafe {
        call_reporting(error, || {
            emit(get_mut(out, "out")?, ferrex_phrase_options(PhraseOptions::default()));
            Ok(())
        })
    }
}

/// Frees phrase options. NULL is a no-op. Not while another thread uses
/// them.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_free(options: *mut ferrex_phrase_options) {
    // SAFETY: the caller passes NULL or options it owns.
    unsafe { release(options) }
}

/// Applies a setter to the options: a failing one leaves them unchanged.
unsafe fn update(
    options: *mut ferrex_phrase_options,
    f: impl FnOnce(PhraseOptions) -> Res<PhraseOptions>,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live options.
        let options = unsafe { get_mut(options, "options") }?;
        options.0 = f(options.0.clone())?;
        Ok(())
    })
}

/// Sets the match kind, a ferrex_phrase_match_kind value. Returns
/// FERREX_OK, FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT for
/// any other value. One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_match_kind(
    options: *mut ferrex_phrase_options,
    match_kind: u32,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe {
        update(options, |o| {
            use ferrex_phrase_match_kind::*;
            Ok(o.match_kind(decode(
                match_kind,
                "phrase match kind",
                &[
                    (FERREX_PHRASE_MATCH_STANDARD as u32, PhraseMatchKind::Standard),
                    (FERREX_PHRASE_MATCH_LEFTMOST_FIRST as u32, PhraseMatchKind::LeftmostFirst),
                    (FERREX_PHRASE_MATCH_LEFTMOST_LONGEST as u32, PhraseMatchKind::LeftmostLongest),
                ],
            )?))
        })
    }
}

/// Sets the automaton, a ferrex_phrase_automaton value (ignored by Unicode
/// case-insensitive sets, which the regex engine searches). Returns
/// FERREX_OK, FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT for
/// any other value. One thread at a time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_automaton(
    options: *mut ferrex_phrase_options,
    automaton: u32,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.automaton(automaton_from(automaton)?))) }
}

/// Sets which searches the set supports, a ferrex_phrase_starts value.
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER, or
/// FERREX_ERR_INVALID_ARGUMENT for any other value. One thread at a time
/// per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_starts(
    options: *mut ferrex_phrase_options,
    starts: u32,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe {
        update(options, |o| {
            use ferrex_phrase_starts::*;
            Ok(o.starts(decode(
                starts,
                "phrase start kind",
                &[
                    (FERREX_PHRASE_STARTS_UNANCHORED as u32, PhraseStarts::Unanchored),
                    (FERREX_PHRASE_STARTS_ANCHORED as u32, PhraseStarts::Anchored),
                    (FERREX_PHRASE_STARTS_BOTH as u32, PhraseStarts::Both),
                ],
            )?))
        })
    }
}

/// ASCII case-insensitive matching (`a` matches `A`) when `yes` is
/// non-zero. Returns FERREX_OK or FERREX_ERR_NULL_POINTER. One thread at a
/// time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_ascii_case_insensitive(
    options: *mut ferrex_phrase_options,
    yes: u32,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.ascii_case_insensitive(yes != 0))) }
}

/// Unicode case-insensitive matching (simple case folding: U+00E9 e-acute
/// matches U+00C9 E-acute) when `yes` is non-zero. Such a set is searched by the regex engine
/// as an alternation of the escaped phrases: phrases must be UTF-8, the
/// match kind must be leftmost-first or leftmost-longest (longest means
/// the phrase with the most bytes), and overlapping iteration is not
/// available. Returns FERREX_OK or FERREX_ERR_NULL_POINTER. One thread at a
/// time per options object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_unicode_case_insensitive(
    options: *mut ferrex_phrase_options,
    yes: u32,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.unicode_case_insensitive(yes != 0))) }
}

/// Sets the most heap, in bytes, the automatic automaton choice lets a DFA
/// use before settling for a contiguous NFA (an explicit DFA is bounded by
/// its build work only; see FERREX_PHRASE_AUTOMATON_DFA). Returns
/// FERREX_OK or FERREX_ERR_NULL_POINTER. One thread at a time per options
/// object.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_options_set_dfa_size_limit(
    options: *mut ferrex_phrase_options,
    bytes: usize,
) -> ferrex_status {
    // SAFETY: forwarded caller promise.
    unsafe { update(options, |o| Ok(o.dfa_size_limit(bytes))) }
}

fn automaton_to(automaton: PhraseAutomaton) -> ferrex_phrase_automaton {
    match automaton {
        PhraseAutomaton::Auto => ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_AUTO,
        PhraseAutomaton::Nfa => ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_NFA,
        PhraseAutomaton::ContiguousNfa => ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA,
        PhraseAutomaton::Dfa => ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_DFA,
    }
}

fn automaton_from(value: u32) -> Res<PhraseAutomaton> {
    use ferrex_phrase_automaton::*;
    decode(
        value,
        "phrase automaton",
        &[
            (FERREX_PHRASE_AUTOMATON_AUTO as u32, PhraseAutomaton::Auto),
            (FERREX_PHRASE_AUTOMATON_NFA as u32, PhraseAutomaton::Nfa),
            (FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA as u32, PhraseAutomaton::ContiguousNfa),
            (FERREX_PHRASE_AUTOMATON_DFA as u32, PhraseAutomaton::Dfa),
        ],
    )
}

/// Reads `count` byte strings given as pointer and length arrays. A bad
/// entry's failure names its index (ferrex_error_pattern), as
/// ferrex_regex_new_many's does.
///
/// # Safety
/// Both arrays hold `count` entries (or are NULL with `count` 0); each
/// pointer is valid for its length.
unsafe fn byte_strings<'a>(
    ptrs: *const *const u8,
    lens: *const usize,
    count: usize,
    what: &'static str,
) -> Res<Vec<&'a [u8]>> {
    // SAFETY: the caller's promise.
    let (ptrs, lens) = unsafe { (slice(ptrs, count, what)?, slice(lens, count, what)?) };
    ptrs.iter()
        .zip(lens)
        .enumerate()
        // SAFETY: as above, per entry.
        .map(|(i, (&p, &n))| unsafe { bytes(p, n, what) }.map_err(|f| f.with_pattern(i)))
        .collect()
}

/// Builds a phrase set from `count` phrases: `phrases[i]` points at
/// `phrase_lens[i]` bytes (any bytes; UTF-8 only with Unicode case
/// folding). Empty phrases match at every byte offset (see
/// ferrex_phrase_match_kind for what each kind then reports) and
/// duplicates are kept. Both arrays may be NULL when `count` is 0 (a set
/// that never matches). `options` NULL means the defaults. On success
/// `*out` owns the set (free with ferrex_phrases_free).
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER (an array, or a phrase with
/// a length: ferrex_error_pattern names that phrase),
/// FERREX_ERR_INVALID_UTF8 (a phrase with Unicode folding;
/// ferrex_error_pattern names it),
/// FERREX_ERR_UNSUPPORTED (Unicode folding with the standard match kind),
/// or FERREX_ERR_SIZE_LIMIT: an explicit DFA over its build work bound
/// (see FERREX_PHRASE_AUTOMATON_DFA); with the standard match kind, an
/// automaton whose match lists would exceed 2^24 entries, whatever the
/// automaton (each state lists every phrase ending there, so phrases that
/// end inside many prefixes of longer ones, such as "a", "aa", ..., 1,000
/// a's next to a long run of a, would take seconds and gigabytes; the
/// leftmost kinds keep no such lists); or, with Unicode folding, the
/// regex engine's size limits. These bounds are computed from the phrases
/// before anything is built. `error` may be NULL; otherwise it receives
/// NULL or a new ferrex_error. Thread-safe. Keeps no pointer to the phrases.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_new(
    out: *mut *mut ferrex_phrases,
    phrases: *const *const u8,
    phrase_lens: *const usize,
    count: usize,
    options: *const ferrex_phrase_options,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let list = byte_strings(phrases, phrase_lens, count, "phrases")?;
            let options = options.as_ref().map(|o| o.0.clone()).unwrap_or_default();
            emit(out, ferrex_phrases(PhraseSet::new(&list, &options)?));
            Ok(())
        })
    }
}

/// Frees a phrase set. NULL is a no-op. Only once no other thread uses it;
/// iterators made from it keep working.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_free(phrases: *mut ferrex_phrases) {
    // SAFETY: the caller passes NULL or a set it owns.
    unsafe { release(phrases) }
}

/// Describes a phrase set into `*info`. Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_describe(
    phrases: *const ferrex_phrases,
    info: *mut ferrex_phrases_info,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or live pointers.
        let set = &unsafe { get(phrases, "phrases") }?.0;
        let info = unsafe { get_mut(info, "info") }?;
        *info = ferrex_phrases_info {
            count: set.len(),
            min_len: set.min_len(),
            max_len: set.max_len(),
            memory_usage: set.memory_usage(),
            automaton: automaton_to(set.automaton()) as u32,
        };
        Ok(())
    })
}

/// Reports whether any phrase occurs in `haystack` within the bounds of
/// `search` (NULL: the whole haystack, unanchored): always, with an empty
/// phrase. FERREX_SEARCH_ANCHORED and FERREX_SEARCH_EARLIEST apply;
/// FERREX_SEARCH_ANCHOR_PATTERN does not.
///
/// Returns 1 (match), 0 (none), FERREX_ERR_NULL_POINTER,
/// FERREX_ERR_OUT_OF_BOUNDS, FERREX_ERR_UNKNOWN_FLAG, or
/// FERREX_ERR_UNSUPPORTED (anchoring the set was not built for, or
/// FERREX_SEARCH_ANCHOR_PATTERN). Thread-safe. Keeps no pointer to the
/// haystack.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_is_match(
    phrases: *const ferrex_phrases,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (set, hay, search) =
            unsafe { (get(phrases, "phrases")?, bytes(haystack, haystack_len, "haystack")?, read_search(search)?) };
        Ok(i32::from(set.0.is_match(hay, &search)?))
    })
}

/// Finds the first match by the set's match kind and writes it (phrase
/// index in `pattern`) to `*match`, unchanged when there is none.
/// Arguments and statuses as for ferrex_phrases_is_match(); returns 1
/// (match written) or 0 (none). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_find(
    phrases: *const ferrex_phrases,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    r#match: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (set, hay, search) =
            unsafe { (get(phrases, "phrases")?, bytes(haystack, haystack_len, "haystack")?, read_search(search)?) };
        let out = unsafe { get_mut(r#match, "match") }?;
        Ok(report(out, set.0.find(hay, &search)?))
    })
}

/// Starts iterating the matches of `phrases` in a haystack of
/// `haystack_len` bytes within the bounds of `search` (NULL: all of it).
/// `overlapping` 0: non-overlapping matches by the set's match kind (empty
/// matches as for ferrex_iter); non-zero: every occurrence of every phrase
/// (standard match kind only), each once, ordered by end, then start, then
/// phrase index, so an empty phrase comes at every offset after the
/// matches ending there; anchored, only those starting at `start`. On
/// success `*out` owns the iterator (free with ferrex_phrase_iter_free).
///
/// Returns FERREX_OK, FERREX_ERR_NULL_POINTER, FERREX_ERR_OUT_OF_BOUNDS,
/// FERREX_ERR_UNKNOWN_FLAG, FERREX_ERR_INVALID_ARGUMENT (overlapping with
/// FERREX_SEARCH_AFTER_MATCH), or FERREX_ERR_UNSUPPORTED (overlapping with
/// another match kind or Unicode folding; anchoring the set was not built
/// for; FERREX_SEARCH_ANCHOR_PATTERN).
/// `error` may be NULL; otherwise it receives NULL or a new ferrex_error.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_iter_new(
    out: *mut *mut ferrex_phrase_iter,
    phrases: *const ferrex_phrases,
    haystack_len: usize,
    search: *const ferrex_search,
    overlapping: u32,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let set = &get(phrases, "phrases")?.0;
            let state = PhraseIter::new(set, haystack_len, &read_search(search)?, overlapping != 0)?;
            emit(out, ferrex_phrase_iter { set: set.clone(), state });
            Ok(())
        })
    }
}

/// Frees a phrase iterator. NULL is a no-op. Not while another thread uses
/// it.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_iter_free(iter: *mut ferrex_phrase_iter) {
    // SAFETY: the caller passes NULL or an iterator it owns.
    unsafe { release(iter) }
}

/// Advances to the next match and writes it to `*match`. Returns 1 (match
/// written), 0 (no more; further calls keep returning 0),
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT when
/// `haystack_len` differs from the one given at the start. One thread at a
/// time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_iter_next(
    iter: *mut ferrex_phrase_iter,
    haystack: *const u8,
    haystack_len: usize,
    r#match: *mut ferrex_match,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        let hay = unsafe { bytes(haystack, haystack_len, "haystack") }?;
        let out = unsafe { get_mut(r#match, "match") }?;
        Ok(report(out, it.state.next(&it.set, hay)?))
    })
}

/// Writes up to `cap` next matches into `out[0..cap)` and their number into
/// `*count`: thousands of matches per call instead of one call per match.
/// When `*count` equals `cap` there may be more; call again. `out` may be
/// NULL only when `cap` is 0 (which consumes nothing and returns 0).
/// Returns 1 (at least one written), 0 (none: no more matches, or `cap`
/// is 0), or a status as for ferrex_phrase_iter_next(). One thread at a
/// time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_iter_next_batch(
    iter: *mut ferrex_phrase_iter,
    haystack: *const u8,
    haystack_len: usize,
    out: *mut ferrex_match,
    cap: usize,
    count: *mut usize,
) -> i32 {
    // SAFETY: the caller passes NULL or valid pointers, as documented.
    unsafe {
        next_batch(iter, haystack, haystack_len, out, cap, count, |it, hay, out| it.state.next_batch(&it.set, hay, out))
    }
}

/// Restarts `iter` on a haystack of `haystack_len` bytes with new bounds
/// (NULL: all of it), keeping its mode. Returns FERREX_OK or a status as
/// for ferrex_phrase_iter_new(); on failure the iterator is unchanged. One
/// thread at a time per iterator.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrase_iter_reset(
    iter: *mut ferrex_phrase_iter,
    haystack_len: usize,
    search: *const ferrex_search,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let it = unsafe { get_mut(iter, "iter") }?;
        it.state = PhraseIter::new(&it.set, haystack_len, &unsafe { read_search(search) }?, it.state.is_overlapping())?;
        Ok(())
    })
}

unsafe fn phrase_replace(
    phrases: *const ferrex_phrases,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    replacements: *const *const u8,
    replacement_lens: *const usize,
    count: usize,
) -> Res<Vec<u8>> {
    // SAFETY: forwarded caller promises.
    unsafe {
        let set = &get(phrases, "phrases")?.0;
        let hay = bytes(haystack, haystack_len, "haystack")?;
        let search = read_search(search)?;
        let reps = byte_strings(replacements, replacement_lens, count, "replacements")?;
        Ok(set.replace(hay, &search, &reps)?)
    }
}

/// Replaces every non-overlapping match of phrase i (within the bounds of
/// `search`, NULL: all) by replacement i and writes the result to `out`
/// (capacity `out_cap`; `*out_len` receives the full length on success
/// and on FERREX_ERR_BUFFER_TOO_SMALL; other errors leave it alone).
/// `replacements`/`replacement_lens` hold exactly one entry per phrase.
///
/// Returns FERREX_OK, FERREX_ERR_BUFFER_TOO_SMALL (nothing written;
/// `*out_len` is the size needed), FERREX_ERR_INVALID_ARGUMENT (`count` is
/// not the phrase count), FERREX_ERR_NULL_POINTER,
/// FERREX_ERR_OUT_OF_BOUNDS, FERREX_ERR_UNKNOWN_FLAG, or
/// FERREX_ERR_UNSUPPORTED. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_replace(
    phrases: *const ferrex_phrases,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    replacements: *const *const u8,
    replacement_lens: *const usize,
    count: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_into(out, out_cap, out_len, || {
            phrase_replace(phrases, haystack, haystack_len, search, replacements, replacement_lens, count)
        })
    }
}

/// Like ferrex_phrases_replace() but returns the result in a
/// library-owned buffer: on success `*out` holds it (free with
/// ferrex_bytes_free); on failure `*out` is {NULL, 0}. Statuses as for
/// ferrex_phrases_replace(), without FERREX_ERR_BUFFER_TOO_SMALL.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_phrases_replace_alloc(
    phrases: *const ferrex_phrases,
    haystack: *const u8,
    haystack_len: usize,
    search: *const ferrex_search,
    replacements: *const *const u8,
    replacement_lens: *const usize,
    count: usize,
    out: *mut ferrex_bytes,
) -> ferrex_status {
    // SAFETY: documented caller promises.
    unsafe {
        produce_owned(out, || {
            phrase_replace(phrases, haystack, haystack_len, search, replacements, replacement_lens, count)
        })
    }
}
