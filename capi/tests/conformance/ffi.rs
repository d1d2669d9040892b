//! Owning wrappers for the C API's handles. Every call goes through the
//! exported `extern "C"` functions with raw pointers and explicit lengths,
//! exactly as a C caller makes them; Drop calls the matching `_free`.

use std::ffi::CStr;
use std::ptr;

use ferrex::*;

use crate::spec;

/// `FERREX_ERR_SYNTAX` style name of a status or search result.
pub fn status_name(status: i32) -> String {
    // SAFETY: ferrex_status_name accepts any value and returns a static C string.
    unsafe { CStr::from_ptr(ferrex_status_name(status)) }.to_string_lossy().into_owned()
}

/// What went wrong in a call that returned a negative status.
pub fn call_failed(function: &str, status: i32) -> String {
    format!("{function} returned {}", status_name(status))
}

/// C's convention for empty buffers: NULL with length 0 (the header
/// allows it everywhere), so the runner exercises that path too.
pub fn ptr_or_null(bytes: &[u8]) -> *const u8 {
    if bytes.is_empty() {
        ptr::null()
    } else {
        bytes.as_ptr()
    }
}

/// A failed constructor: its returned status and what its ferrex_error said.
pub struct BuildError {
    pub status: i32,
    /// ferrex_error_status() of the error object (must equal `status`).
    pub error_status: i32,
    pub message: String,
}

/// Reads and frees a ferrex_error filled in by a constructor.
///
/// # Safety
/// `err` is NULL or an error a ferrex constructor just created.
unsafe fn take_error(status: i32, err: *mut ferrex_error) -> BuildError {
    // SAFETY: the caller's promise; both functions accept NULL.
    unsafe {
        let error_status = ferrex_error_status(err) as i32;
        let message = CStr::from_ptr(ferrex_error_message(err)).to_string_lossy().into_owned();
        ferrex_error_free(err);
        BuildError { status, error_status, message }
    }
}

/// Build options (`ferrex_options`).
pub struct Options(*mut ferrex_options);

impl Options {
    pub fn with_match_kind(kind: u32) -> Result<Options, String> {
        let mut out = ptr::null_mut();
        // SAFETY: `out` is a valid out-pointer; NULL error is allowed.
        let status = unsafe { ferrex_options_new(&mut out, ptr::null_mut()) } as i32;
        if status != 0 {
            return Err(call_failed("ferrex_options_new", status));
        }
        let options = Options(out);
        // SAFETY: `options.0` is live.
        let status = unsafe { ferrex_options_set_match_kind(options.0, kind) } as i32;
        if status != 0 {
            return Err(call_failed("ferrex_options_set_match_kind", status));
        }
        Ok(options)
    }
}

impl Drop for Options {
    fn drop(&mut self) {
        // SAFETY: we own the options.
        unsafe { ferrex_options_free(self.0) }
    }
}

/// A compiled regex (`ferrex_regex`).
pub struct Regex(*mut ferrex_regex);

impl Regex {
    /// ferrex_regex_new: one pattern.
    pub fn new(pattern: &str, flags: u32, options: Option<&Options>) -> Result<Regex, BuildError> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let options = options.map_or(ptr::null(), |o| o.0.cast_const());
        let p = pattern.as_bytes();
        // SAFETY: valid out-pointers; the pattern outlives the call.
        let status = unsafe { ferrex_regex_new(&mut out, ptr_or_null(p), p.len(), flags, options, &mut err) };
        // SAFETY: `out` and `err` were set by the call.
        unsafe { Regex::built(status as i32, out, err) }
    }

    /// ferrex_regex_new_many: a (possibly empty) list of patterns.
    pub fn new_many(patterns: &[String], flags: u32, options: Option<&Options>) -> Result<Regex, BuildError> {
        let ptrs: Vec<*const u8> = patterns.iter().map(|p| ptr_or_null(p.as_bytes())).collect();
        let lens: Vec<usize> = patterns.iter().map(String::len).collect();
        // The header allows both arrays to be NULL when the count is 0.
        let (ptrs_arg, lens_arg) =
            if patterns.is_empty() { (ptr::null(), ptr::null()) } else { (ptrs.as_ptr(), lens.as_ptr()) };
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        let options = options.map_or(ptr::null(), |o| o.0.cast_const());
        // SAFETY: the arrays hold `patterns.len()` entries and outlive the call.
        let status =
            unsafe { ferrex_regex_new_many(&mut out, ptrs_arg, lens_arg, patterns.len(), flags, options, &mut err) };
        // SAFETY: `out` and `err` were set by the call.
        unsafe { Regex::built(status as i32, out, err) }
    }

    /// # Safety
    /// `out` and `err` are what a constructor returning `status` wrote.
    unsafe fn built(status: i32, out: *mut ferrex_regex, err: *mut ferrex_error) -> Result<Regex, BuildError> {
        if status == 0 && !out.is_null() && err.is_null() {
            return Ok(Regex(out));
        }
        // A constructor must not hand out a regex with an error status.
        if !out.is_null() {
            // SAFETY: we own whatever was returned.
            unsafe { ferrex_regex_free(out) };
            let mut e = unsafe { take_error(status, err) };
            e.message = format!("a regex was returned with status {}: {}", status_name(status), e.message);
            return Err(e);
        }
        // SAFETY: the caller's promise.
        Err(unsafe { take_error(status, err) })
    }

    pub fn as_ptr(&self) -> *const ferrex_regex {
        self.0
    }

    pub fn pattern_count(&self) -> Result<usize, String> {
        let mut count = usize::MAX;
        // SAFETY: live regex, valid out-pointer.
        let status = unsafe { ferrex_regex_pattern_count(self.0, &mut count) } as i32;
        if status != 0 {
            return Err(call_failed("ferrex_regex_pattern_count", status));
        }
        Ok(count)
    }

    /// ferrex_regex_group_count: the groups of `pattern`, group 0 included.
    pub fn group_count(&self, pattern: usize) -> Result<usize, String> {
        let mut count = usize::MAX;
        // SAFETY: live regex, valid out-pointer.
        let status = unsafe { ferrex_regex_group_count(self.0, pattern, &mut count) } as i32;
        if status != 0 {
            return Err(call_failed("ferrex_regex_group_count", status));
        }
        Ok(count)
    }
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: we own the regex.
        unsafe { ferrex_regex_free(self.0) }
    }
}

/// Capture storage (`ferrex_captures`) for one regex.
pub struct Captures(*mut ferrex_captures);

impl Captures {
    pub fn new(re: &Regex) -> Result<Captures, String> {
        let mut out = ptr::null_mut();
        // SAFETY: live regex, valid out-pointer; NULL error is allowed.
        let status = unsafe { ferrex_captures_new(&mut out, re.as_ptr(), ptr::null_mut()) } as i32;
        if status != 0 {
            return Err(call_failed("ferrex_captures_new", status));
        }
        Ok(Captures(out))
    }

    pub fn as_mut_ptr(&mut self) -> *mut ferrex_captures {
        self.0
    }

    /// The last match these captures hold, read group by group through
    /// ferrex_captures_pattern/_group_count/_group; None when there was none.
    pub fn read(&self) -> Result<Option<spec::Captures>, String> {
        let mut pattern = usize::MAX;
        // SAFETY: live captures, valid out-pointer (here and below).
        match unsafe { ferrex_captures_pattern(self.0, &mut pattern) } {
            0 => return Ok(None),
            1 => {}
            status => return Err(call_failed("ferrex_captures_pattern", status)),
        }
        let mut count = 0;
        match unsafe { ferrex_captures_group_count(self.0, &mut count) } {
            1 => {}
            0 => return Err("ferrex_captures_group_count says no match, ferrex_captures_pattern says one".into()),
            status => return Err(call_failed("ferrex_captures_group_count", status)),
        }
        let mut groups = Vec::with_capacity(count);
        for group in 0..count {
            let mut span = ferrex_match { start: usize::MAX, end: usize::MAX, pattern: usize::MAX };
            match unsafe { ferrex_captures_group(self.0, group, &mut span) } {
                0 => groups.push(None),
                1 if span.pattern != pattern => {
                    return Err(format!("group {group} reports pattern {}, the match pattern {pattern}", span.pattern))
                }
                1 => groups.push(Some(spec::Span { start: span.start, end: span.end })),
                status => return Err(call_failed(&format!("ferrex_captures_group({group})"), status)),
            }
        }
        if groups.first().map_or(true, Option::is_none) {
            return Err("a match without a group 0 span".into());
        }
        Ok(Some(spec::Captures { id: pattern, groups }))
    }
}

/// Group spans from an array filled by ferrex_captures_spans or
/// ferrex_iter_next_spans (`count` entries, FERREX_UNSET for a group that
/// did not take part), checked to agree with each other.
pub fn spans_to_captures(spans: &[ferrex_match]) -> Result<spec::Captures, String> {
    let Some(first) = spans.first().filter(|s| s.start != FERREX_UNSET) else {
        return Err("a match without a group 0 span".into());
    };
    let pattern = first.pattern;
    let mut groups = Vec::with_capacity(spans.len());
    for (group, span) in spans.iter().enumerate() {
        let unset = (span.start == FERREX_UNSET, span.end == FERREX_UNSET, span.pattern == FERREX_UNSET);
        groups.push(match unset {
            (true, true, true) => None,
            (false, false, false) if span.pattern == pattern => Some(spec::Span { start: span.start, end: span.end }),
            _ => {
                return Err(format!(
                    "group {group} span {:?} is neither a span of pattern {pattern} nor unset",
                    (span.start, span.end, span.pattern)
                ))
            }
        });
    }
    Ok(spec::Captures { id: pattern, groups })
}

impl Captures {
    /// The last match these captures hold, read in one call through
    /// ferrex_captures_spans (a too-small array first, to check that it
    /// reports the size it needs and writes nothing).
    pub fn read_spans(&self) -> Result<Option<spec::Captures>, String> {
        let mut needed = usize::MAX;
        let mut none: [ferrex_match; 0] = [];
        // SAFETY: live captures; a zero-length array may be any pointer.
        let rc = unsafe { ferrex_captures_spans(self.0, none.as_mut_ptr(), 0, &mut needed) };
        let status_too_small = ferrex_status::FERREX_ERR_BUFFER_TOO_SMALL as i32;
        match rc {
            0 if needed == 0 => return Ok(None),
            0 => return Err(format!("ferrex_captures_spans: no match, but *count = {needed}")),
            s if s == status_too_small && needed > 0 => {}
            s => return Err(format!("ferrex_captures_spans with 0 entries: {} (*count {needed})", status_name(s))),
        }
        let mut spans = vec![ferrex_match::default(); needed + 1];
        let mut count = 0;
        // SAFETY: live captures; `spans` holds `spans.len()` entries.
        let rc = unsafe { ferrex_captures_spans(self.0, spans.as_mut_ptr(), spans.len(), &mut count) };
        if rc != 1 || count != needed {
            return Err(format!("ferrex_captures_spans returned {rc} with *count {count}, {needed} needed"));
        }
        spans_to_captures(&spans[..count]).map(Some)
    }
}

impl Drop for Captures {
    fn drop(&mut self) {
        // SAFETY: we own the captures.
        unsafe { ferrex_captures_free(self.0) }
    }
}

/// An iteration (`ferrex_iter`) over one haystack.
pub struct Iter(*mut ferrex_iter);

impl Iter {
    pub fn new(re: &Regex, haystack_len: usize, search: *const ferrex_search) -> Result<Iter, String> {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live regex, valid out-pointers; `search` is NULL or live.
        let status = unsafe { ferrex_iter_new(&mut out, re.as_ptr(), haystack_len, search, &mut err) } as i32;
        if status != 0 {
            // SAFETY: `err` was set by the call.
            let e = unsafe { take_error(status, err) };
            return Err(format!("{}: {}", call_failed("ferrex_iter_new", status), e.message));
        }
        Ok(Iter(out))
    }

    /// ferrex_iter_next: the next match, None at the end.
    pub fn next(&mut self, haystack: &[u8]) -> Result<Option<spec::Match>, String> {
        let mut m = ferrex_match::default();
        // SAFETY: live iterator; the haystack outlives the call.
        match unsafe { ferrex_iter_next(self.0, ptr_or_null(haystack), haystack.len(), &mut m) } {
            0 => Ok(None),
            1 => Ok(Some(spec::Match::from(&m))),
            status => Err(call_failed("ferrex_iter_next", status)),
        }
    }

    /// ferrex_iter_next_captures: the next match with its groups, None at the end.
    pub fn next_captures(&mut self, haystack: &[u8], caps: &mut Captures) -> Result<Option<spec::Captures>, String> {
        // SAFETY: live iterator and captures; the haystack outlives the call.
        match unsafe { ferrex_iter_next_captures(self.0, ptr_or_null(haystack), haystack.len(), caps.as_mut_ptr()) } {
            0 => match caps.read()? {
                None => Ok(None),
                Some(c) => Err(format!("the end of the iteration left captures holding {c:?}")),
            },
            1 => match caps.read()? {
                Some(c) => Ok(Some(c)),
                None => Err("ferrex_iter_next_captures returned 1 but the captures hold no match".into()),
            },
            status => Err(call_failed("ferrex_iter_next_captures", status)),
        }
    }
}

impl Iter {
    /// ferrex_iter_next_spans: the next match with its groups in one
    /// call, None at the end. `room` is the spans array's length.
    pub fn next_spans(&mut self, haystack: &[u8], room: usize) -> Result<Option<spec::Captures>, String> {
        let mut spans = vec![ferrex_match::default(); room];
        let mut count = usize::MAX;
        // SAFETY: live iterator; `spans` holds `room` entries; the haystack outlives the call.
        let rc = unsafe {
            ferrex_iter_next_spans(self.0, ptr_or_null(haystack), haystack.len(), spans.as_mut_ptr(), room, &mut count)
        };
        match rc {
            0 if count == 0 => Ok(None),
            1 if count <= room => spans_to_captures(&spans[..count]).map(Some),
            s if s < 0 => Err(format!("{} (*count {count})", call_failed("ferrex_iter_next_spans", s))),
            s => Err(format!("ferrex_iter_next_spans returned {s} with *count {count}")),
        }
    }

    /// ferrex_iter_next_spans_batch: up to `cap` next matches with their
    /// groups, `stride` entries each; the entries past the matched
    /// pattern's groups are checked to be unset.
    pub fn next_spans_batch(
        &mut self,
        re: &Regex,
        haystack: &[u8],
        stride: usize,
        cap: usize,
    ) -> Result<Vec<spec::Captures>, String> {
        let mut spans = vec![ferrex_match::default(); stride * cap];
        let mut n = usize::MAX;
        // SAFETY: live iterator; `spans` holds `stride * cap` entries; the haystack outlives the call.
        let rc = unsafe {
            ferrex_iter_next_spans_batch(
                self.0,
                ptr_or_null(haystack),
                haystack.len(),
                spans.as_mut_ptr(),
                stride,
                cap,
                &mut n,
            )
        };
        if rc < 0 {
            return Err(format!("{} (*count {n})", call_failed("ferrex_iter_next_spans_batch", rc)));
        }
        if n > cap || rc != i32::from(n > 0) {
            return Err(format!("ferrex_iter_next_spans_batch returned {rc} with *count {n} of {cap}"));
        }
        let mut got = Vec::with_capacity(n);
        for one in spans.chunks_exact(stride).take(n) {
            let mut caps = spans_to_captures(one)?;
            let groups = re.group_count(caps.id)?;
            if caps.groups[groups..].iter().any(Option::is_some) {
                return Err(format!("a span past pattern {}'s {groups} groups: {:?}", caps.id, caps.groups));
            }
            caps.groups.truncate(groups);
            got.push(caps);
        }
        Ok(got)
    }

    /// ferrex_iter_next_batch: up to `cap` next matches.
    pub fn next_batch(&mut self, haystack: &[u8], cap: usize) -> Result<Vec<spec::Match>, String> {
        let mut out = vec![ferrex_match::default(); cap];
        let mut n = usize::MAX;
        // SAFETY: live iterator; `out` holds `cap` entries; the haystack outlives the call.
        let rc = unsafe {
            ferrex_iter_next_batch(self.0, ptr_or_null(haystack), haystack.len(), out.as_mut_ptr(), cap, &mut n)
        };
        if rc < 0 || n > cap || rc != i32::from(n > 0) {
            return Err(format!("ferrex_iter_next_batch returned {rc} with *count {n} of {cap}"));
        }
        Ok(out[..n].iter().map(spec::Match::from).collect())
    }
}

impl Drop for Iter {
    fn drop(&mut self) {
        // SAFETY: we own the iterator.
        unsafe { ferrex_iter_free(self.0) }
    }
}
