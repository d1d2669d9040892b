//! One function per C API operation the suite exercises. Each drives the
//! exported functions for one test and returns Ok(()) or Err(what differed).

use std::cell::Cell;
use std::ptr;

use ferrex::ferrex_match_kind::FERREX_MATCH_KIND_ALL;
use ferrex::ferrex_status::{FERREX_ERR_SIZE_LIMIT, FERREX_ERR_SYNTAX};
use ferrex::*;

use crate::ffi::{call_failed, ptr_or_null, status_name, BuildError, Captures, Iter, Options, Regex};
use crate::spec::{self, MatchKind, RegexTest, Regexes, SearchKind};

pub type Check = Result<(), String>;

/// The test's options as FERREX_FLAG_* bits. (Multi-line, CRLF and the like
/// are written inside the patterns, as `(?m)`, `(?R)`, ...)
fn compile_flags(test: &RegexTest) -> u32 {
    let mut flags = 0;
    if test.case_insensitive {
        flags |= FERREX_FLAG_CASE_INSENSITIVE;
    }
    if !test.unicode {
        flags |= FERREX_FLAG_NO_UNICODE;
    }
    if !test.utf8 {
        flags |= FERREX_FLAG_NO_UTF8;
    }
    flags
}

/// Builds the test's regex: ferrex_regex_new for a single pattern,
/// ferrex_regex_new_many for a list (even of one, or none). Leftmost-first
/// passes NULL options (the default, as most C callers do); `all` sets it.
fn build(test: &RegexTest) -> Result<Result<Regex, BuildError>, String> {
    let options = match test.match_kind {
        MatchKind::LeftmostFirst => None,
        MatchKind::All => Some(Options::with_match_kind(FERREX_MATCH_KIND_ALL as u32)?),
        MatchKind::LeftmostLongest => return Err("leftmost-longest has no ferrex_match_kind (skip list)".into()),
    };
    let flags = compile_flags(test);
    Ok(match &test.regex {
        Regexes::One(pattern) => Regex::new(pattern, flags, options.as_ref()),
        Regexes::Many(patterns) => Regex::new_many(patterns, flags, options.as_ref()),
    })
}

thread_local! {
    /// Whether a test that asks for no bounds or flags passes its whole
    /// haystack spelled out instead of NULL ([`spelling_out`]).
    static SPELLED_OUT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every search the suite would pass as NULL spelled out as
/// `{0, haystack length, 0}`. The header defines both as the same search,
/// and the hot searches compile each into code of its own (capi/src/
/// search.rs: `Args::query`), so the suite checks both on every test.
pub fn spelling_out<T>(spelled: bool, f: impl FnOnce() -> T) -> T {
    let before = SPELLED_OUT.replace(spelled);
    let out = f();
    SPELLED_OUT.set(before);
    out
}

/// The test's ferrex_search: its bounds, FERREX_SEARCH_ANCHORED for
/// `anchored`, FERREX_SEARCH_EARLIEST for search-kind earliest. None (a
/// NULL search, the whole haystack) when the test asks for none of these,
/// unless [`spelling_out`].
fn search_of(test: &RegexTest) -> Option<ferrex_search> {
    let mut flags = 0;
    if test.anchored {
        flags |= FERREX_SEARCH_ANCHORED;
    }
    if test.search_kind == SearchKind::Earliest {
        flags |= FERREX_SEARCH_EARLIEST;
    }
    if test.bounds.is_none() && flags == 0 && !SPELLED_OUT.get() {
        return None;
    }
    let bounds = test.bounds();
    Some(ferrex_search { start: bounds.start, end: bounds.end, flags, pattern: 0 })
}

fn search_ptr(search: &Option<ferrex_search>) -> *const ferrex_search {
    search.as_ref().map_or(ptr::null(), |s| s as *const ferrex_search)
}

/// How many matches an iteration may report before we call it stuck: a
/// non-overlapping iteration cannot find more than one per haystack
/// position (plus one at the end), so more means it does not advance.
fn iteration_cap(test: &RegexTest) -> usize {
    test.match_limit.unwrap_or(usize::MAX).min(test.haystack.len() + 2)
}

/// The matches of an iteration (cut at the iteration cap) against the
/// test's.
fn expect_matches(test: &RegexTest, mut got: Vec<spec::Match>) -> Check {
    got.truncate(iteration_cap(test));
    let expected = test.expected_matches();
    if got != expected {
        return Err(format!("expected {expected:?}, got {got:?}"));
    }
    Ok(())
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or("")
}

/// Compiles a test that must compile, and checks the pattern count.
pub fn compile(test: &RegexTest) -> Result<Regex, String> {
    let re = build(test)?
        .map_err(|e| format!("expected it to compile, got {}: {}", status_name(e.status), first_line(&e.message)))?;
    let count = re.pattern_count()?;
    if count != test.patterns().len() {
        return Err(format!("ferrex_regex_pattern_count: expected {}, got {count}", test.patterns().len()));
    }
    Ok(re)
}

/// A test with `compiles = false`: the build must fail with a pattern
/// error, and the ferrex_error must carry the status the call returned.
pub fn compile_fails(test: &RegexTest) -> Check {
    let err = match build(test)? {
        Ok(_) => return Err("expected a compile error, but it compiled".into()),
        Err(err) => err,
    };
    let syntax = FERREX_ERR_SYNTAX as i32;
    let size = FERREX_ERR_SIZE_LIMIT as i32;
    if err.status != syntax && err.status != size {
        return Err(format!(
            "expected FERREX_ERR_SYNTAX or FERREX_ERR_SIZE_LIMIT, got {}: {}",
            status_name(err.status),
            first_line(&err.message)
        ));
    }
    if err.error_status != err.status {
        return Err(format!(
            "returned {} but ferrex_error_status says {}",
            status_name(err.status),
            status_name(err.error_status)
        ));
    }
    Ok(())
}

/// ferrex_regex_is_match: a match exists iff the test expects any.
pub fn is_match(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let hay = &test.haystack;
    // SAFETY: live regex; the haystack and search outlive the call.
    let got = match unsafe {
        ferrex_regex_is_match(re.as_ptr(), ptr::null_mut(), ptr_or_null(hay), hay.len(), search_ptr(&search))
    } {
        0 => false,
        1 => true,
        status => return Err(call_failed("ferrex_regex_is_match", status)),
    };
    let expected = !test.matches.is_empty();
    if got != expected {
        return Err(format!("expected {expected}, got {got}"));
    }
    Ok(())
}

/// ferrex_regex_find: the first expected match (pattern and span), or none.
pub fn find(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let hay = &test.haystack;
    let mut m = ferrex_match::default();
    // SAFETY: live regex; the haystack, search and match outlive the call.
    let got = match unsafe {
        ferrex_regex_find(re.as_ptr(), ptr::null_mut(), ptr_or_null(hay), hay.len(), search_ptr(&search), &mut m)
    } {
        0 => None,
        1 => Some(spec::Match::from(&m)),
        status => return Err(call_failed("ferrex_regex_find", status)),
    };
    let expected = test.expected_matches().first().copied();
    if got != expected {
        return Err(format!("expected {expected:?}, got {got:?}"));
    }
    Ok(())
}

/// ferrex_iter_new + ferrex_iter_next: every match (up to match-limit).
pub fn find_iter(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let mut it = Iter::new(re, test.haystack.len(), search_ptr(&search))?;
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        match it.next(&test.haystack)? {
            Some(m) => got.push(m),
            None => break,
        }
    }
    expect_matches(test, got)
}

/// ferrex_regex_captures: the match's groups, or None; its result must
/// agree with what the captures hold.
fn captures_of(
    re: &Regex,
    hay: &[u8],
    search: &Option<ferrex_search>,
    caps: &mut Captures,
) -> Result<Option<spec::Captures>, String> {
    // SAFETY: live regex and captures; the haystack and search outlive the call.
    let rc = unsafe {
        ferrex_regex_captures(
            re.as_ptr(),
            ptr::null_mut(),
            ptr_or_null(hay),
            hay.len(),
            search_ptr(search),
            caps.as_mut_ptr(),
        )
    };
    match (rc, caps.read()?) {
        (0, None) => Ok(None),
        (1, Some(c)) => Ok(Some(c)),
        (0 | 1, held) => Err(format!("ferrex_regex_captures returned {rc} but the captures hold {held:?}")),
        (status, _) => Err(call_failed("ferrex_regex_captures", status)),
    }
}

/// ferrex_regex_captures: the first expected match with every group.
pub fn captures(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let hay = &test.haystack;
    let mut caps = Captures::new(re)?;
    let got = captures_of(re, hay, &search, &mut caps)?;
    let in_one_call = caps.read_spans()?;
    if in_one_call != got {
        return Err(format!("ferrex_captures_spans read {in_one_call:?}, ferrex_captures_group {got:?}"));
    }
    let expected = test.matches.first().cloned();
    if got != expected {
        return Err(format!("expected {expected:?}, got {got:?}"));
    }
    Ok(())
}

/// ferrex_iter_new + ferrex_iter_next_captures: every match with every
/// group (up to match-limit).
pub fn captures_iter(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let mut it = Iter::new(re, test.haystack.len(), search_ptr(&search))?;
    let mut caps = Captures::new(re)?;
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        match it.next_captures(&test.haystack, &mut caps)? {
            Some(c) => got.push(c),
            None => break,
        }
    }
    if got != test.matches {
        return Err(format!("expected {:?}, got {got:?}", test.matches));
    }
    Ok(())
}

/// ferrex_regex_which_matches, the set query: exactly the patterns that
/// have an (overlapping) match. The buffer is one byte longer than the
/// pattern count to check that the byte past it is left alone.
pub fn which_matches(re: &Regex, test: &RegexTest) -> Check {
    const UNTOUCHED: u8 = 0xA5;
    let search = search_of(test);
    let hay = &test.haystack;
    let count = test.patterns().len();
    let mut matched = vec![UNTOUCHED; count + 1];
    // SAFETY: live regex; the buffer holds `count + 1` bytes; the haystack
    // and search outlive the call.
    let rc = unsafe {
        ferrex_regex_which_matches(
            re.as_ptr(),
            ptr::null_mut(),
            ptr_or_null(hay),
            hay.len(),
            search_ptr(&search),
            matched.as_mut_ptr(),
            matched.len(),
        )
    };
    if rc < 0 {
        return Err(call_failed("ferrex_regex_which_matches", rc));
    }
    if matched[count] != UNTOUCHED {
        return Err(format!("wrote the byte past the {count} pattern entries"));
    }
    if let Some(bad) = matched[..count].iter().find(|&&b| b > 1) {
        return Err(format!("wrote {bad} as a matched[] entry (not 0 or 1)"));
    }
    let got: Vec<usize> = (0..count).filter(|&i| matched[i] == 1).collect();
    let expected = test.expected_pattern_ids();
    if got != expected || rc != i32::from(!got.is_empty()) {
        return Err(format!("expected patterns {expected:?}, got {got:?} (returned {rc})"));
    }
    Ok(())
}

/// ferrex_regex_count: as many matches as iteration reports (the suite's
/// full list; a test with a match-limit lists only a prefix).
pub fn count(re: &Regex, test: &RegexTest) -> Check {
    if test.match_limit.is_some() {
        return Ok(());
    }
    let search = search_of(test);
    let hay = &test.haystack;
    let mut got = usize::MAX;
    // SAFETY: live regex; the haystack, search and count outlive the call.
    let status = unsafe {
        ferrex_regex_count(re.as_ptr(), ptr::null_mut(), ptr_or_null(hay), hay.len(), search_ptr(&search), &mut got)
    } as i32;
    if status != 0 {
        return Err(call_failed("ferrex_regex_count", status));
    }
    let expected = test.matches.len();
    if got != expected {
        return Err(format!("expected {expected}, got {got}"));
    }
    Ok(())
}

/// ferrex_iter_next_batch with a small batch, so that the iteration
/// crosses batch boundaries (each batch restarts the engine's own loop).
pub fn batch_iter(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let mut it = Iter::new(re, test.haystack.len(), search_ptr(&search))?;
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        let batch = it.next_batch(&test.haystack, 3)?;
        let done = batch.len() < 3;
        got.extend(batch);
        if done {
            break;
        }
    }
    expect_matches(test, got)
}

/// ferrex_iter_next_spans: every match with every group, one call each;
/// first with no room at all, which must report the room needed and not
/// move the iteration.
pub fn spans_iter(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let mut it = Iter::new(re, test.haystack.len(), search_ptr(&search))?;
    let room = match it.next_spans(&test.haystack, 0) {
        Err(e) if e.contains("FERREX_ERR_BUFFER_TOO_SMALL") => {
            let needed = e.rsplit("*count ").next().and_then(|n| n.trim_end_matches(')').parse::<usize>().ok());
            needed.filter(|&n| n > 0).ok_or_else(|| format!("no room needed in: {e}"))?
        }
        other => return Err(format!("with no room: expected FERREX_ERR_BUFFER_TOO_SMALL, got {other:?}")),
    };
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        match it.next_spans(&test.haystack, room)? {
            Some(c) => got.push(c),
            None => break,
        }
    }
    if got != test.matches {
        return Err(format!("expected {:?}, got {got:?}", test.matches));
    }
    Ok(())
}

/// ferrex_iter_next_spans_batch two matches a call, with one entry more
/// a match than the most groups a pattern has (padding to check), so that
/// the iteration crosses batch boundaries.
pub fn spans_batch_iter(re: &Regex, test: &RegexTest) -> Check {
    let search = search_of(test);
    let patterns = re.pattern_count()?;
    let most = (0..patterns).map(|p| re.group_count(p)).collect::<Result<Vec<_>, _>>()?.into_iter().max();
    let stride = most.unwrap_or(0) + 1;
    let mut it = Iter::new(re, test.haystack.len(), search_ptr(&search))?;
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        let batch = it.next_spans_batch(re, &test.haystack, stride, 2)?;
        let done = batch.len() < 2;
        got.extend(batch);
        if done {
            break;
        }
    }
    got.truncate(iteration_cap(test));
    if got != test.matches {
        return Err(format!("expected {:?}, got {got:?}", test.matches));
    }
    Ok(())
}

/// The test's search resumed after a match that ended at `at`: the same
/// bounds' end and flags, plus FERREX_SEARCH_AFTER_MATCH.
fn after_match(test: &RegexTest, at: usize) -> ferrex_search {
    let base = search_of(test);
    let end = base.map_or(test.haystack.len(), |s| s.end);
    let flags = base.map_or(0, |s| s.flags) | FERREX_SEARCH_AFTER_MATCH;
    ferrex_search { start: at, end, flags, pattern: 0 }
}

/// ferrex_regex_find_all two at a time, a full buffer going on after its
/// last match with FERREX_SEARCH_AFTER_MATCH: every match of the iteration.
pub fn find_all(re: &Regex, test: &RegexTest) -> Check {
    let hay = &test.haystack;
    let mut search = search_of(test);
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        let mut out = [ferrex_match::default(); 2];
        let mut n = usize::MAX;
        // SAFETY: live regex; the haystack, search, buffer and count outlive the call.
        let rc = unsafe {
            ferrex_regex_find_all(
                re.as_ptr(),
                ptr::null_mut(),
                ptr_or_null(hay),
                hay.len(),
                search_ptr(&search),
                out.as_mut_ptr(),
                out.len(),
                &mut n,
            )
        };
        if rc < 0 {
            return Err(call_failed("ferrex_regex_find_all", rc));
        }
        if rc != i32::from(n > 0) || n > out.len() {
            return Err(format!("ferrex_regex_find_all returned {rc} with *count {n} of {}", out.len()));
        }
        got.extend(out[..n].iter().map(spec::Match::from));
        if n < out.len() {
            break;
        }
        search = Some(after_match(test, out[n - 1].end));
    }
    expect_matches(test, got)
}

/// ferrex_regex_captures one match at a time, each search after the last
/// match (FERREX_SEARCH_AFTER_MATCH), and ferrex_regex_find, _is_match and
/// _count after the first: every search goes on as the iteration does.
pub fn after_a_match(re: &Regex, test: &RegexTest) -> Check {
    let hay = &test.haystack;
    let mut caps = Captures::new(re)?;
    let mut search = search_of(test);
    let mut got = vec![];
    while got.len() < iteration_cap(test) {
        let Some(c) = captures_of(re, hay, &search, &mut caps)? else { break };
        search = Some(after_match(test, c.to_match().span.end));
        got.push(c);
    }
    got.truncate(iteration_cap(test));
    if got != test.matches {
        return Err(format!("captures: expected {:?}, got {got:?}", test.matches));
    }
    let Some(first) = test.matches.first() else { return Ok(()) };
    if test.match_limit.is_some_and(|limit| limit < test.matches.len() + 1) {
        return Ok(()); // the rest may be cut short by match-limit
    }
    let after = after_match(test, first.to_match().span.end);
    let rest = &test.matches[1..];
    let (ptr, len) = (ptr_or_null(hay), hay.len());
    let mut m = ferrex_match::default();
    let mut count = usize::MAX;
    // SAFETY: live regex; the haystack, search, match and count outlive each call.
    let (found, any, counted) = unsafe {
        (
            ferrex_regex_find(re.as_ptr(), ptr::null_mut(), ptr, len, &after, &mut m),
            ferrex_regex_is_match(re.as_ptr(), ptr::null_mut(), ptr, len, &after),
            ferrex_regex_count(re.as_ptr(), ptr::null_mut(), ptr, len, &after, &mut count),
        )
    };
    let want = rest.first().map(|c| c.to_match());
    let found = match found {
        0 => None,
        1 => Some(spec::Match::from(&m)),
        status => return Err(call_failed("ferrex_regex_find", status)),
    };
    if found != want || any != i32::from(want.is_some()) {
        return Err(format!("after the first match: expected {want:?}, find gave {found:?}, is_match {any}"));
    }
    if counted as i32 != 0 {
        return Err(call_failed("ferrex_regex_count", counted as i32));
    }
    if count != rest.len() {
        return Err(format!("count after the first match: expected {}, got {count}", rest.len()));
    }
    Ok(())
}
