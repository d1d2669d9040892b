//! `ferrex_stream`: searching text that arrives in chunks (engine:
//! stream.rs holds the semantics; these are shims).

use engine::{Stream, StreamOptions, StreamReport};

use crate::error::ferrex_error;
use crate::guard::{bytes, call, call_reporting, call_status, emit, get, get_mut, release, slice_mut, Fail, Res};
use crate::phrases::ferrex_phrases;
use crate::regex::ferrex_regex;
use crate::search::{ferrex_match, report};
use crate::status::ferrex_status::{self, *};

/// ferrex_stream_new() / ferrex_stream_new_phrases() flag: report
/// overlapping phrase matches (a phrase set of the standard match kind
/// only; FERREX_ERR_UNSUPPORTED otherwise).
pub const FERREX_STREAM_OVERLAPPING: u32 = 1 << 0;

/// ferrex_stream_new() flag: report every offset where a match of a
/// pattern ends, for every pattern (Hyperscan's model), in order of end,
/// then pattern, instead of the leftmost-first matches. The stream keeps
/// no byte; each match has `start` FERREX_UNSET (unknown) and `end` the
/// offset. Patterns that can match the empty string or never match
/// (`[^\s\S]`), and Unicode word boundaries (`\b` without `(?-u)`), are
/// FERREX_ERR_UNSUPPORTED.
pub const FERREX_STREAM_ENDS: u32 = 1 << 1;

/// ferrex_stream_new() flag: report which patterns match: each pattern
/// once, at the end of its first match, as FERREX_STREAM_ENDS would report
/// it first (same restrictions). Keeps no byte, and stops reading once
/// every pattern has matched.
pub const FERREX_STREAM_PATTERNS: u32 = 1 << 2;

/// The retain limit a stream gets when 0 is passed (not exported: a
/// `#define` of 1 << 20 would equal a flag the ABI self-test moves there).
const DEFAULT_RETAIN_LIMIT: usize = 1 << 20;

const STREAM_FLAGS: u32 = FERREX_STREAM_OVERLAPPING | FERREX_STREAM_ENDS | FERREX_STREAM_PATTERNS;

/// A search over text that arrives in chunks (a log being tailed, a
/// network stream, a file larger than memory), made from a regex or a
/// phrase set. It reports exactly the matches a search over all the
/// chunks joined would report (the iteration of ferrex_iter_new(), or of
/// ferrex_phrase_iter_new()), with absolute offsets: bytes since the
/// stream was made or last reset. Look-around (`\b`, `$`, `(?m)^`) sees
/// across chunk boundaries, and the empty-match rule is the iteration's.
///
/// The calls: ferrex_stream_feed() hands over a chunk; the library copies
/// what it needs and keeps no pointer to it. ferrex_stream_next_batch()
/// (or ferrex_stream_next()) then takes the matches the bytes so far have
/// settled, in order; a match is settled once no later byte can change it,
/// which can be some chunks after its end (`a+` ends where the `a`s do).
/// ferrex_stream_finish() ends the text and settles the rest;
/// ferrex_stream_reset() starts a new text at offset 0 with the same
/// regex, keeping the allocations.
///
/// ```c
/// ferrex_stream *s = NULL;
/// ferrex_stream_new(&s, re, 0, 0, NULL);
/// ferrex_match batch[64];
/// size_t n;
/// ssize_t len;
/// while ((len = read(fd, buf, sizeof buf)) > 0) {
///     ferrex_stream_feed(s, buf, len);
///     while (ferrex_stream_next_batch(s, batch, 64, &n) == 1)
///         handle(batch, n);
/// }
/// ferrex_stream_finish(s);
/// while (ferrex_stream_next_batch(s, batch, 64, &n) == 1)
///     handle(batch, n);
/// ferrex_stream_free(s);
/// ```
///
/// What is kept between calls (ferrex_stream_describe() reports it): a
/// regex whose matches are at most L bytes long (`[0-9]{4}-[0-9]{2}`: 7)
/// and every phrase set (L: the longest text a phrase matches, up to 3
/// times the phrase under Unicode case folding: `k` matches the 3-byte
/// Kelvin sign) keep at most L + A + 3 bytes, where A is what the
/// look-ahead reads past a match: 0 without look-ahead and for phrase sets
/// (`\A`, `^`, `(?m)^` look back only), 4 with a Unicode `\b`, else 1
/// (`$`, `\z`, ASCII `\b`). That is the last L + A - 1 bytes, where a match
/// the next bytes can change may have started, and 4 bytes of look-behind
/// context; more only while a match found there is not settled. Such a
/// match is settled once L + A bytes follow its start (`[0-9]{2}` in
/// "id 12" at once). A regex with unbounded matches (`a+`, `".*"`) keeps
/// the bytes from where the earliest match still in progress began, or a
/// match found but not settled, plus 4 bytes of context and the last A
/// bytes: 4 to 8 bytes when no match is in progress (up to twice a match
/// in progress longer than 64 bytes). Such a match is settled one byte
/// after its end at the earliest (`a+` in "aab" once the `b` is fed, with
/// no look-ahead; `\ba+\b` later). Overlapping phrase matches keep the last L
/// bytes. A Unicode `\b` makes the lazy DFA give up on non-ASCII bytes: an
/// unbounded match whose check meets one settles only at
/// ferrex_stream_finish() and keeps its bytes till then. Where a match may
/// be in progress is judged without look-around (`\A`, `^`, `$`, `\b`
/// taken as true): `\Aa+b` fed "x" and then a run of `a` keeps the run as
/// though a match could start there.
///
/// Past the retain limit, ferrex_stream_feed() returns
/// FERREX_ERR_RETAIN_LIMIT: the matches settled before are still handed
/// over, the match in progress is abandoned (its text forgotten), and the
/// stream goes on from the end of that chunk, usable as before.
///
/// FERREX_STREAM_ENDS and FERREX_STREAM_PATTERNS report, for a regex,
/// only where matches end or which patterns match, and keep no byte at
/// all.
///
/// Not streamable: a regex built with FERREX_MATCH_KIND_ALL
/// (FERREX_ERR_UNSUPPORTED). One exception to the one-shot equality: in
/// UTF-8 mode, a pattern that can match the empty string over text that is
/// not valid UTF-8, where the one-shot search decides by bytes a stream
/// has not seen (see the README).
///
/// The stream holds a reference to its regex or phrase set (which may be
/// freed first) and its own cache. One thread at a time per stream.
pub struct ferrex_stream(Stream);

/// What ferrex_stream_describe() reports about a stream.
#[repr(C)]
pub struct ferrex_stream_info {
    /// Bytes fed since the stream was made or last reset: the absolute
    /// offset of the next byte.
    pub offset: usize,
    /// Bytes the stream holds between calls.
    pub retained: usize,
    /// Settled matches waiting to be taken.
    pub ready: usize,
    /// 1 after ferrex_stream_finish() (until a reset), else 0.
    pub finished: u32,
}

fn stream_options(retain_limit: usize, flags: u32) -> Res<StreamOptions> {
    if flags & !STREAM_FLAGS != 0 {
        return Err(Fail::new(
            FERREX_ERR_UNKNOWN_FLAG,
            format!("unknown stream flag bits {:#x}", flags & !STREAM_FLAGS),
        ));
    }
    let report = match (flags & FERREX_STREAM_ENDS != 0, flags & FERREX_STREAM_PATTERNS != 0) {
        (false, false) => StreamReport::Matches,
        (true, false) => StreamReport::Ends,
        (false, true) => StreamReport::Patterns,
        (true, true) => {
            return Err(Fail::new(
                FERREX_ERR_INVALID_ARGUMENT,
                "FERREX_STREAM_ENDS and FERREX_STREAM_PATTERNS exclude each other",
            ))
        }
    };
    let limit = if retain_limit == 0 { DEFAULT_RETAIN_LIMIT } else { retain_limit };
    Ok(StreamOptions::new().retain_limit(limit).overlapping(flags & FERREX_STREAM_OVERLAPPING != 0).report(report))
}

/// Makes a stream of `regex`'s non-overlapping leftmost-first matches, or
/// with FERREX_STREAM_ENDS / FERREX_STREAM_PATTERNS of its match ends or
/// the patterns that match. `retain_limit`: the most bytes the stream may
/// keep between calls (0: 1 MiB), at least what it keeps with no match in
/// progress (L + A + 3, A + 4, or L for overlapping phrases: see above). On success
/// `*out` owns the stream (free with ferrex_stream_free). Returns
/// FERREX_OK, FERREX_ERR_NULL_POINTER, FERREX_ERR_UNKNOWN_FLAG,
/// FERREX_ERR_INVALID_ARGUMENT (both FERREX_STREAM_ENDS and
/// FERREX_STREAM_PATTERNS; a retain limit below that floor, which would
/// fail every feed), FERREX_ERR_UNSUPPORTED (a regex of
/// FERREX_MATCH_KIND_ALL; FERREX_STREAM_OVERLAPPING, which is for phrase
/// sets; ends or patterns of a pattern that can match empty or has a
/// Unicode word boundary), or FERREX_ERR_SIZE_LIMIT (the lazy DFAs exceed
/// the regex's limits). Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_new(
    out: *mut *mut ferrex_stream,
    regex: *const ferrex_regex,
    retain_limit: usize,
    flags: u32,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let stream = Stream::for_regex(&get(regex, "regex")?.0, &stream_options(retain_limit, flags)?)?;
            emit(out, ferrex_stream(stream));
            Ok(())
        })
    }
}

/// Makes a stream of `phrases`'s matches under its match kind,
/// overlapping with FERREX_STREAM_OVERLAPPING. `retain_limit` as for
/// ferrex_stream_new(). Returns FERREX_OK, FERREX_ERR_NULL_POINTER,
/// FERREX_ERR_UNKNOWN_FLAG, FERREX_ERR_INVALID_ARGUMENT (as for
/// ferrex_stream_new()) or FERREX_ERR_UNSUPPORTED (overlapping matches of
/// a leftmost kind or of a Unicode case-insensitive set;
/// FERREX_STREAM_ENDS or FERREX_STREAM_PATTERNS; a set built with
/// FERREX_PHRASE_STARTS_ANCHORED, as a stream searches unanchored).
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_new_phrases(
    out: *mut *mut ferrex_stream,
    phrases: *const ferrex_phrases,
    retain_limit: usize,
    flags: u32,
    error: *mut *mut ferrex_error,
) -> ferrex_status {
    // SAFETY: the caller passes NULL or valid pointers.
    unsafe {
        call_reporting(error, || {
            let out = get_mut(out, "out")?;
            *out = std::ptr::null_mut();
            let stream = Stream::for_phrases(&get(phrases, "phrases")?.0, &stream_options(retain_limit, flags)?)?;
            emit(out, ferrex_stream(stream));
            Ok(())
        })
    }
}

/// Frees a stream. NULL is a no-op. Not while another thread uses it.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_free(stream: *mut ferrex_stream) {
    // SAFETY: the caller passes NULL or a stream it owns.
    unsafe { release(stream) }
}

/// Appends `len` bytes at `chunk` (NULL when `len` is 0; an empty chunk is
/// fine) and settles the matches it can. Returns FERREX_OK,
/// FERREX_ERR_NULL_POINTER, FERREX_ERR_INVALID_ARGUMENT (the stream is
/// finished: reset it first), or FERREX_ERR_RETAIN_LIMIT (a match in
/// progress was abandoned; the stream stays usable). One thread at a time
/// per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_feed(stream: *mut ferrex_stream, chunk: *const u8, len: usize) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (stream, chunk) = unsafe { (get_mut(stream, "stream")?, bytes(chunk, len, "chunk")?) };
        Ok(stream.0.feed(chunk)?)
    })
}

/// Ends the text: every remaining match is settled. Feeding again needs a
/// ferrex_stream_reset(); finishing again is a no-op. Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER. One thread at a time per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_finish(stream: *mut ferrex_stream) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or a valid stream.
        Ok(unsafe { get_mut(stream, "stream") }?.0.finish()?)
    })
}

/// Takes the next settled match into `*match`. Returns 1 (written), 0
/// (none waits: feed more, or the text is over), or
/// FERREX_ERR_NULL_POINTER. One thread at a time per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_next(stream: *mut ferrex_stream, r#match: *mut ferrex_match) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (stream, out) = unsafe { (get_mut(stream, "stream")?, get_mut(r#match, "match")?) };
        Ok(report(out, stream.0.next()))
    })
}

/// Takes up to `cap` settled matches, in order, into `out`; `*count`
/// receives how many. Returns 1 (at least one written), 0 (none waits),
/// FERREX_ERR_NULL_POINTER, or FERREX_ERR_INVALID_ARGUMENT (`cap` is 0).
/// One thread at a time per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_next_batch(
    stream: *mut ferrex_stream,
    out: *mut ferrex_match,
    cap: usize,
    count: *mut usize,
) -> i32 {
    call(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (stream, out, count) =
            unsafe { (get_mut(stream, "stream")?, slice_mut(out, cap, "out")?, get_mut(count, "count")?) };
        *count = 0;
        if cap == 0 {
            return Err(Fail::new(FERREX_ERR_INVALID_ARGUMENT, "the output capacity is 0"));
        }
        *count = stream.0.next_batch(out);
        Ok(i32::from(*count > 0))
    })
}

/// Starts a new text at offset 0: the bytes kept, the matches not yet
/// taken and the finished state are dropped; the regex or phrase set, the
/// cache and the allocations stay. Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER. One thread at a time per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_reset(stream: *mut ferrex_stream) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or a valid stream.
        unsafe { get_mut(stream, "stream") }?.0.reset();
        Ok(())
    })
}

/// Describes a stream into `*info`. Returns FERREX_OK or
/// FERREX_ERR_NULL_POINTER. One thread at a time per stream.
#[no_mangle]
pub unsafe extern "C" fn ferrex_stream_describe(
    stream: *const ferrex_stream,
    info: *mut ferrex_stream_info,
) -> ferrex_status {
    call_status(|| {
        // SAFETY: the caller passes NULL or valid pointers.
        let (stream, info) = unsafe { (&get(stream, "stream")?.0, get_mut(info, "info")?) };
        *info = ferrex_stream_info {
            offset: stream.offset(),
            retained: stream.retained(),
            ready: stream.ready(),
            finished: u32::from(stream.is_finished()),
        };
        Ok(())
    })
}
