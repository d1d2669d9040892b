//! One operation per model and engine, over a list of spans: ferrex
//! through its engine crate (the Rust API libferrex is a thin shim over,
//! where the engine choice lives), ferrex through its C API (libferrex.so,
//! as C calls it), and regex-automata's meta regex doing what Rust's regex
//! crate does for the same question (is_match, find, find_iter().count()
//! (match ends only), find_iter, captures_at, captures_iter,
//! RegexSet::matches). Each returns a checksum of what it found, so that
//! all three can be checked to agree before any is timed.

use std::ptr;

use ferrex::{FindState, Flags, Options, Search};
use regex_automata::{
    meta,
    util::{captures::Captures, iter::Searcher},
    Input, PatternSet,
};

use crate::ferrex_ffi::{self as ffi, check, FerrexMatch, FerrexSearch, FERREX_UNSET};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    IsMatch,
    Find,
    Count,
    CountSpans,
    Captures,
    CapturesIter,
    Set,
}

pub const MODELS: [Model; 7] =
    [Model::IsMatch, Model::Find, Model::Count, Model::CountSpans, Model::Captures, Model::CapturesIter, Model::Set];

impl Model {
    pub fn name(self) -> &'static str {
        match self {
            Model::IsMatch => "is-match",
            Model::Find => "find",
            Model::Count => "count",
            Model::CountSpans => "count-spans",
            Model::Captures => "captures",
            Model::CapturesIter => "captures-iter",
            Model::Set => "set",
        }
    }
}

/// The most groups any pattern has; spans arrays are this big.
const MAX_GROUPS: usize = 16;
const BATCH: usize = 256;
/// Matches a batch of iterated captures holds (each `stride` group spans,
/// the most groups a pattern has).
const SPANS_BATCH: usize = 64;

/// ferrex through its C API: the handles and buffers every operation
/// reuses.
pub struct Ferrex {
    re: ffi::Regex,
    cache: ffi::Cache,
    caps: ffi::Captures,
    iter: ffi::Iter,
    patterns: usize,
    batch: Vec<FerrexMatch>,
    spans: [FerrexMatch; MAX_GROUPS],
    /// SPANS_BATCH matches' group spans, `stride` a match.
    span_batch: Vec<FerrexMatch>,
    stride: usize,
}

impl Ferrex {
    pub fn new(patterns: &[&str], flags: u32) -> Result<Ferrex, String> {
        let re = ffi::Regex::many(patterns, flags)?;
        let stride = re.max_groups(patterns.len());
        Ok(Ferrex {
            span_batch: vec![FerrexMatch::default(); SPANS_BATCH * stride],
            stride,
            cache: ffi::Cache::new(&re)?,
            caps: ffi::Captures::new(&re)?,
            iter: ffi::Iter::new(&re, 0)?,
            re,
            patterns: patterns.len(),
            batch: vec![FerrexMatch::default(); BATCH],
            spans: [FerrexMatch::default(); MAX_GROUPS],
        })
    }

    pub fn run(&mut self, model: Model, spans: &[&[u8]]) -> u64 {
        spans.iter().map(|h| self.one(model, h)).fold(0, u64::wrapping_add)
    }

    #[inline]
    fn one(&mut self, model: Model, h: &[u8]) -> u64 {
        let (re, cache, hp, hl) = (self.re.0, self.cache.0, h.as_ptr(), h.len());
        // SAFETY: live handles made for this regex; `h` outlives each call.
        unsafe {
            match model {
                Model::IsMatch => check(ffi::ferrex_regex_is_match(re, cache, hp, hl, ptr::null()), "is_match") as u64,
                Model::Find => {
                    let mut m = FerrexMatch::default();
                    match check(ffi::ferrex_regex_find(re, cache, hp, hl, ptr::null(), &mut m), "find") {
                        1 => (m.start + m.end + 1) as u64,
                        _ => 0,
                    }
                }
                Model::Count => {
                    let mut n = 0;
                    check(ffi::ferrex_regex_count(re, cache, hp, hl, ptr::null(), &mut n), "count");
                    n as u64
                }
                Model::CountSpans => {
                    let batch = &mut self.batch;
                    let mut sum = 0;
                    // A batch that is not full is the last; a full one goes
                    // on after its last match (ferrex.h).
                    let mut after =
                        FerrexSearch { start: 0, end: hl, flags: ffi::FERREX_SEARCH_AFTER_MATCH, pattern: 0 };
                    let mut search = ptr::null();
                    let mut n = BATCH;
                    while n == BATCH {
                        let rc =
                            ffi::ferrex_regex_find_all(re, cache, hp, hl, search, batch.as_mut_ptr(), BATCH, &mut n);
                        check(rc, "find_all");
                        sum += batch[..n].iter().map(|m| (m.end - m.start) as u64).sum::<u64>();
                        after.start = batch[n.max(1) - 1].end;
                        search = &after;
                    }
                    sum
                }
                Model::Captures => {
                    if check(ffi::ferrex_regex_captures(re, cache, hp, hl, ptr::null(), self.caps.0), "captures") == 0 {
                        return 0;
                    }
                    let (spans, mut n) = (&mut self.spans, 0);
                    check(ffi::ferrex_captures_spans(self.caps.0, spans.as_mut_ptr(), MAX_GROUPS, &mut n), "spans");
                    span_sum(&spans[..n])
                }
                Model::CapturesIter => {
                    check(ffi::ferrex_iter_reset(self.iter.0, hl, ptr::null()), "iter_reset");
                    let (spans, stride) = (&mut self.span_batch, self.stride);
                    let (mut sum, mut n) = (0u64, SPANS_BATCH);
                    while n == SPANS_BATCH {
                        let rc = ffi::ferrex_iter_next_spans_batch(
                            self.iter.0,
                            hp,
                            hl,
                            spans.as_mut_ptr(),
                            stride,
                            SPANS_BATCH,
                            &mut n,
                        );
                        check(rc, "iter_next_spans_batch");
                        // Unset padding past a match's groups adds nothing.
                        sum = sum.wrapping_add(span_sum(&spans[..n * stride]));
                    }
                    sum
                }
                Model::Set => {
                    let mut matched = [0u8; 64];
                    check(
                        ffi::ferrex_regex_which_matches(
                            re,
                            cache,
                            hp,
                            hl,
                            ptr::null(),
                            matched.as_mut_ptr(),
                            self.patterns,
                        ),
                        "which_matches",
                    );
                    matched[..self.patterns].iter().enumerate().map(|(i, &m)| u64::from(m) << i).sum()
                }
            }
        }
    }
}

/// The checksum of a match's groups: one per participating group plus
/// its offsets.
fn span_sum(spans: &[FerrexMatch]) -> u64 {
    spans.iter().filter(|s| s.start != FERREX_UNSET).map(|s| 1 + (s.start + s.end) as u64).sum()
}

/// ferrex through its engine crate: the same calls as the C API makes,
/// with the same reused cache, captures and buffers.
pub struct Engine {
    re: ferrex::Regex,
    cache: ferrex::Cache,
    caps: ferrex::Captures,
    batch: Vec<ferrex::Match>,
    spans: [Option<ferrex::Match>; MAX_GROUPS],
    matched: Vec<bool>,
}

impl Engine {
    pub fn new(patterns: &[&str], flags: u32) -> Result<Engine, String> {
        let flags = Flags::from_bits(flags).map_err(|e| e.to_string())?;
        let re = ferrex::Regex::with_options(patterns, flags, &Options::default()).map_err(|e| e.to_string())?;
        Ok(Engine {
            cache: re.create_cache(),
            caps: re.create_captures(),
            batch: vec![ferrex::Match::default(); BATCH],
            spans: [None; MAX_GROUPS],
            matched: vec![false; patterns.len()],
            re,
        })
    }

    pub fn run(&mut self, model: Model, spans: &[&[u8]]) -> u64 {
        spans.iter().map(|h| self.one(model, h)).fold(0, u64::wrapping_add)
    }

    #[inline]
    fn one(&mut self, model: Model, h: &[u8]) -> u64 {
        let (re, cache, all) = (&self.re, &mut self.cache, &Search::default());
        let fail = |e: ferrex::Error| -> ! { panic!("ferrex {}: {e}", model.name()) };
        match model {
            Model::IsMatch => u64::from(re.is_match(Some(cache), h, all).unwrap_or_else(|e| fail(e))),
            Model::Find => {
                re.find(Some(cache), h, all).unwrap_or_else(|e| fail(e)).map_or(0, |m| (m.start + m.end + 1) as u64)
            }
            Model::Count => re.count(Some(cache), h, all).unwrap_or_else(|e| fail(e)) as u64,
            Model::CountSpans => {
                let mut sum = 0;
                let mut search = *all;
                loop {
                    let n = re.find_all(Some(&mut *cache), h, &search, &mut self.batch).unwrap_or_else(|e| fail(e));
                    sum += self.batch[..n].iter().map(|m| (m.end - m.start) as u64).sum::<u64>();
                    if n < BATCH {
                        return sum;
                    }
                    search = Search::bounds(self.batch[n - 1].end, h.len()).after_match(true);
                }
            }
            Model::Captures => {
                if !re.captures(Some(cache), h, all, &mut self.caps).unwrap_or_else(|e| fail(e)) {
                    return 0;
                }
                let n = self.caps.copy_spans(&mut self.spans).unwrap_or_else(|e| fail(e)).unwrap_or(0);
                group_spans_sum(&self.spans[..n])
            }
            Model::CapturesIter => {
                // One call a match: in the engine crate a call costs nothing
                // to cross, and next_spans_batch measured 20 instructions
                // more a short span without a match (callgrind).
                let mut it = FindState::new(re, h.len(), all).unwrap_or_else(|e| fail(e));
                let mut sum = 0u64;
                while let Some(n) =
                    it.next_spans(re, cache, h, &mut self.caps, &mut self.spans).unwrap_or_else(|e| fail(e))
                {
                    sum = sum.wrapping_add(group_spans_sum(&self.spans[..n]));
                }
                sum
            }
            Model::Set => {
                re.which_matches(Some(cache), h, all, &mut self.matched).unwrap_or_else(|e| fail(e));
                self.matched.iter().enumerate().map(|(i, &m)| u64::from(m) << i).sum()
            }
        }
    }
}

fn group_spans_sum(spans: &[Option<ferrex::Match>]) -> u64 {
    spans.iter().flatten().map(|s| 1 + (s.start + s.end) as u64).sum()
}

/// The regex crate's side: its meta regex (and for set queries the
/// All-kind meta regex that RegexSet builds), with explicit caches.
pub struct Meta {
    re: meta::Regex,
    cache: meta::Cache,
    caps: Captures,
    set: meta::Regex,
    set_cache: meta::Cache,
    patterns: PatternSet,
}

impl Meta {
    pub fn new(re: meta::Regex, set: meta::Regex) -> Meta {
        Meta {
            cache: re.create_cache(),
            caps: re.create_captures(),
            set_cache: set.create_cache(),
            patterns: PatternSet::new(set.pattern_len()),
            re,
            set,
        }
    }

    pub fn regex(&self) -> &meta::Regex {
        &self.re
    }

    pub fn run(&mut self, model: Model, spans: &[&[u8]]) -> u64 {
        spans.iter().map(|h| self.one(model, h)).fold(0, u64::wrapping_add)
    }

    #[inline]
    fn one(&mut self, model: Model, h: &[u8]) -> u64 {
        let (re, cache) = (&self.re, &mut self.cache);
        match model {
            // As regex::Regex::is_match asks (an earliest half search; the
            // meta regex's own is_match can take a slower engine).
            Model::IsMatch => u64::from(re.search_half_with(cache, &Input::new(h).earliest(true)).is_some()),
            Model::Find => re.search_with(cache, &Input::new(h)).map_or(0, |m| (m.start() + m.end() + 1) as u64),
            Model::Count => {
                let mut it = Searcher::new(Input::new(h));
                let mut n = 0;
                while it.advance_half(|input| Ok(re.search_half_with(cache, input))).is_some() {
                    n += 1;
                }
                n
            }
            Model::CountSpans => {
                let mut it = Searcher::new(Input::new(h));
                let mut sum = 0;
                while let Some(m) = it.advance(|input| Ok(re.search_with(cache, input))) {
                    sum += m.len() as u64;
                }
                sum
            }
            Model::Captures => {
                re.search_captures_with(cache, &Input::new(h), &mut self.caps);
                group_sum(&self.caps)
            }
            Model::CapturesIter => {
                let caps = &mut self.caps;
                let mut it = Searcher::new(Input::new(h));
                let mut sum = 0u64;
                while it
                    .advance(|input| {
                        re.search_captures_with(cache, input, caps);
                        Ok(caps.get_match())
                    })
                    .is_some()
                {
                    sum = sum.wrapping_add(group_sum(caps));
                }
                sum
            }
            Model::Set => {
                self.patterns.clear();
                self.set.which_overlapping_matches_with(&mut self.set_cache, &Input::new(h), &mut self.patterns);
                self.patterns.iter().map(|p| 1u64 << p.as_usize()).sum()
            }
        }
    }
}

fn group_sum(caps: &Captures) -> u64 {
    if !caps.is_match() {
        return 0;
    }
    (0..caps.group_len()).filter_map(|i| caps.get_group(i)).map(|s| 1 + (s.start + s.end) as u64).sum()
}
