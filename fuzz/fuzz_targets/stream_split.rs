//! stream_split: a stream fed the haystack in chunks cut at fuzzer-chosen
//! points reports exactly the matches of the one-shot iteration over the
//! whole haystack (ferrex_iter_next, ferrex_phrase_iter_next), through the
//! C API: regexes of one or several patterns under any flags (bounded and
//! unbounded, look-around at the cuts, empty matches), and phrase sets
//! under every match kind, overlapping included. Between chunks it takes
//! the settled matches in batches of fuzzer-chosen size, checks what
//! ferrex_stream_describe reports, and now and then hands a NULL chunk
//! with a length (FERREX_ERR_NULL_POINTER, the stream unaffected). Streams
//! of match ends and of patterns (FERREX_STREAM_ENDS, _PATTERNS) must
//! report the same whatever the cuts, in order, keeping nothing.
//!
//! One case is run but not compared: UTF-8 mode over a haystack that is
//! not valid UTF-8, where the one-shot answer for a pattern that can match
//! empty depends on bytes after the search start (see the header's
//! ferrex_stream).
#![no_main]

use std::ptr::{null, null_mut};

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<Vec<u8>>,
    flags: u8,
    phrases: bool,
    phrase_kind: u8,
    overlapping: bool,
    /// Map haystack (and phrase) bytes into a tiny alphabet, or keep them.
    alphabet: bool,
    haystack: Vec<u8>,
    cuts: Vec<u16>,
    batch: u8,
    null_chunk: bool,
}

const ALPHABET: &[u8] = b"ab \n_1\xc3\xa9";

struct Stream(*mut ferrex_stream);

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_stream_new*, freed once.
        unsafe { ferrex_stream_free(self.0) }
    }
}

struct Phrases(*mut ferrex_phrases);

impl Drop for Phrases {
    fn drop(&mut self) {
        // SAFETY: made by ferrex_phrases_new, freed once.
        unsafe { ferrex_phrases_free(self.0) }
    }
}

fn describe(s: &Stream) -> ferrex_stream_info {
    let mut info = ferrex_stream_info { offset: usize::MAX, retained: usize::MAX, ready: usize::MAX, finished: 9 };
    // SAFETY: live stream, valid out-pointer.
    assert_eq!(status_only(unsafe { ferrex_stream_describe(s.0, &mut info) }, "describe"), OK);
    info
}

/// Takes every settled match, `batch` at a time.
fn drain(s: &Stream, batch: usize, out: &mut Vec<(usize, usize, usize)>) {
    let ready = describe(s).ready;
    let before = out.len();
    let mut buf = vec![ferrex_match { start: 1, end: 0, pattern: 7 }; batch];
    loop {
        let mut n = usize::MAX;
        // SAFETY: live stream, buf holds `batch` matches.
        let r = status(unsafe { ferrex_stream_next_batch(s.0, buf.as_mut_ptr(), batch, &mut n) }, "next_batch");
        assert!(r == 0 || r == 1, "next_batch returned {r}");
        assert_eq!(r == 1, n > 0);
        assert!(n <= batch);
        out.extend(buf[..n].iter().map(tuple));
        if r == 0 {
            break;
        }
    }
    assert_eq!(out.len() - before, ready, "describe's ready count");
    assert_eq!(describe(s).ready, 0);
}

/// Feeds the chunks, then finishes; every match, in order.
fn streamed(s: &Stream, hay: &[u8], cuts: &[usize], batch: usize, null_chunk: bool) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    for (i, &cut) in cuts.iter().chain(std::iter::once(&hay.len())).enumerate() {
        let chunk = &hay[at..cut];
        if null_chunk && i == 1 {
            // SAFETY: a NULL chunk with a length is refused before any read.
            let r = status_only(unsafe { ferrex_stream_feed(s.0, null(), 1) }, "feed NULL");
            assert_eq!(r, ERR_NULL_POINTER);
        }
        // SAFETY: live stream, valid chunk.
        let r = status_only(unsafe { ferrex_stream_feed(s.0, ptr(chunk, true), chunk.len()) }, "feed");
        assert_eq!(r, OK, "feed: {}", status_name(r));
        let info = describe(s);
        assert_eq!(info.offset, cut);
        assert!(info.retained <= cut && info.finished == 0);
        drain(s, batch, &mut out);
        at = cut;
    }
    // SAFETY: live stream.
    assert_eq!(status_only(unsafe { ferrex_stream_finish(s.0) }, "finish"), OK);
    let info = describe(s);
    assert!(info.retained == 0 && info.finished == 1 && info.offset == hay.len());
    drain(s, batch, &mut out);
    // SAFETY: live stream, valid chunk.
    let again = status_only(unsafe { ferrex_stream_feed(s.0, ptr(b"x", true), 1) }, "feed after finish");
    assert_eq!(again, ERR_INVALID_ARGUMENT);
    out
}

fn regex_case(input: &Input, hay: &[u8], cuts: &[usize], batch: usize) {
    let patterns: Vec<Vec<u8>> = input.patterns.iter().take(3).cloned().collect();
    if patterns.is_empty() {
        return;
    }
    let flags = input.flags as u32 & KNOWN_FLAGS;
    let Ok(re) = Regex::new(&patterns, patterns.len() > 1, flags, None) else { return };
    let mut raw = null_mut();
    let mut err = null_mut();
    // SAFETY: live regex, valid out-pointers.
    let r = status_only(unsafe { ferrex_stream_new(&mut raw, re.raw, 0, 0, &mut err) }, "stream_new");
    unsafe { take_error(err, r, "stream_new") };
    if r != OK {
        // Only the lazy DFAs of an unbounded regex can exceed a limit.
        assert_eq!(r, ERR_SIZE_LIMIT, "stream_new: {}", status_name(r));
        return;
    }
    let stream = Stream(raw);
    let mut it = re.iter(hay.len(), None).expect("iter_new");
    let mut want = Vec::new();
    while let Some(m) = it.next(hay).expect("iter_next") {
        want.push(tuple(&m));
    }
    let got = streamed(&stream, hay, cuts, batch, input.null_chunk);
    let utf8 = flags & FLAG_NO_UTF8 == 0;
    if !(utf8 && std::str::from_utf8(hay).is_err()) {
        assert_eq!(got, want, "{patterns:?} flags {flags:#x} over {hay:?} cut at {cuts:?}");
    }
    // Reset: the same text again gives the same matches.
    // SAFETY: live stream.
    assert_eq!(status_only(unsafe { ferrex_stream_reset(stream.0) }, "reset"), OK);
    assert_eq!(streamed(&stream, hay, cuts, batch, false), got, "after a reset");
    // Match ends and patterns keep nothing, and do not depend on the cuts.
    for flag in [FERREX_STREAM_ENDS, FERREX_STREAM_PATTERNS] {
        let mut raw = null_mut();
        // SAFETY: live regex, valid out-pointer.
        let r = status_only(unsafe { ferrex_stream_new(&mut raw, re.raw, 0, flag, null_mut()) }, "stream_new ends");
        if r != OK {
            assert!(r == ERR_UNSUPPORTED || r == ERR_SIZE_LIMIT, "stream_new ends: {}", status_name(r));
            continue;
        }
        let ends = Stream(raw);
        let cut = streamed(&ends, hay, cuts, batch, false);
        assert!(cut.iter().all(|&(start, _, _)| start == usize::MAX), "ends have no start");
        assert!(cut.windows(2).all(|w| (w[0].1, w[0].2) < (w[1].1, w[1].2)), "ends in order: {cut:?}");
        // SAFETY: live stream.
        assert_eq!(status_only(unsafe { ferrex_stream_reset(ends.0) }, "reset"), OK);
        assert_eq!(streamed(&ends, hay, &[], 8, false), cut, "ends cut at {cuts:?} vs whole, flag {flag}");
        assert_eq!(describe(&ends).retained, 0);
    }
}

fn phrase_case(input: &Input, hay: &[u8], cuts: &[usize], batch: usize) {
    let phrases: Vec<Vec<u8>> = input
        .patterns
        .iter()
        .take(8)
        .map(|p| if input.alphabet { p.iter().map(|b| ALPHABET[*b as usize % 4]).take(6).collect() } else { p.clone() })
        .collect();
    let kind = input.phrase_kind as u32 % 3;
    let mut opts = null_mut();
    // SAFETY: valid out-pointer, live options.
    unsafe {
        assert_eq!(status_only(ferrex_phrase_options_new(&mut opts, null_mut()), "phrase options"), OK);
        assert_eq!(status_only(ferrex_phrase_options_set_match_kind(opts, kind), "kind"), OK);
    }
    let ptrs: Vec<*const u8> = phrases.iter().map(|p| ptr(p, true)).collect();
    let lens: Vec<usize> = phrases.iter().map(Vec::len).collect();
    let mut raw = null_mut();
    // SAFETY: arrays of phrases.len() entries.
    let r = unsafe { ferrex_phrases_new(&mut raw, ptrs.as_ptr(), lens.as_ptr(), phrases.len(), opts, null_mut()) };
    unsafe { ferrex_phrase_options_free(opts) };
    if status_only(r, "phrases_new") != OK {
        return;
    }
    let set = Phrases(raw);
    let overlapping = input.overlapping;
    let flags = if overlapping { FERREX_STREAM_OVERLAPPING } else { 0 };
    let mut raw = null_mut();
    // SAFETY: live set, valid out-pointer.
    let r = status_only(unsafe { ferrex_stream_new_phrases(&mut raw, set.0, 0, flags, null_mut()) }, "stream_new");
    if overlapping && kind != 0 {
        assert_eq!(r, ERR_UNSUPPORTED);
        return;
    }
    assert_eq!(r, OK);
    let stream = Stream(raw);
    let mut it = null_mut();
    // SAFETY: live set.
    let r = unsafe { ferrex_phrase_iter_new(&mut it, set.0, hay.len(), null(), overlapping as u32, null_mut()) };
    assert_eq!(status_only(r, "phrase_iter_new"), OK);
    let mut want = Vec::new();
    let mut m = ferrex_match { start: 0, end: 0, pattern: 0 };
    // SAFETY: live iterator over `hay`.
    while status(unsafe { ferrex_phrase_iter_next(it, ptr(hay, true), hay.len(), &mut m) }, "phrase_iter_next") == 1 {
        want.push(tuple(&m));
    }
    unsafe { ferrex_phrase_iter_free(it) };
    let got = streamed(&stream, hay, cuts, batch, input.null_chunk);
    assert_eq!(got, want, "{phrases:?} kind {kind} overlapping {overlapping} over {hay:?} cut at {cuts:?}");
}

fuzz_target!(|input: Input| {
    let hay: Vec<u8> = if input.alphabet {
        input.haystack.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()]).collect()
    } else {
        input.haystack.clone()
    };
    let mut cuts: Vec<usize> = input.cuts.iter().take(64).map(|&c| c as usize % (hay.len() + 1)).collect();
    cuts.sort_unstable();
    let batch = 1 + input.batch as usize % 8;
    if input.phrases {
        phrase_case(&input, &hay, &cuts, batch);
    } else {
        regex_case(&input, &hay, &cuts, batch);
    }
});
