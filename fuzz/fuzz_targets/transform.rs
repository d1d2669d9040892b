//! transform: the byte-producing calls through the C API, each compared
//! with a reference and run the way a C caller runs them: a size query
//! (capacity 0), a too-small buffer (nothing written, size reported), an
//! exact-size retry that must give exactly the bytes of the `_alloc`
//! variant, and a roomier buffer.
//!
//! - regex replace with a template (valid and invalid: `${` unclosed,
//!   `${}`, unknown groups), against an expansion of the header's rules
//!   over the iteration's captures;
//! - regex replace with a callback whose answers (continue, stop, abort,
//!   an invalid value, NULL with a length) come from the input, against
//!   the same iteration;
//! - phrase replacements, against the phrase iteration;
//! - escape: the escaped text compiles and matches itself literally;
//! - lowercase, ASCII and Unicode, against std's per-char lowercase.
#![no_main]

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<PatternSpec>,
    many: bool,
    flags: u8,
    haystack: HaySpec,
    search: SearchSpec,
    template: TemplateSpec,
    limit: u8,
    actions: Vec<Action>,
    replacements: Vec<Vec<u8>>,
    phrases: Vec<Vec<u8>>,
    phrase_kind: u8,
    phrase_count_delta: u8,
    text: HaySpec,
    lower_mode: u8,
    small: u16,
}

#[derive(Arbitrary, Debug, Clone)]
enum TemplateSpec {
    Raw(Vec<u8>),
    Pieces(Vec<u8>),
}

const TEMPLATE_PIECES: &[&[u8]] = &[
    b"$0",
    b"$1",
    b"${1}",
    b"$2",
    b"${2}",
    b"$n",
    b"${n}",
    b"$x",
    b"${x}",
    b"$$",
    b"$",
    b"${",
    b"}",
    b"${}",
    b"a",
    b"-",
    b"$1a",
    b"${1}a",
    b"$name",
    b"$_",
    b"${0}",
    b"$99999999999999999999",
    b"${01}",
    b" ",
    b"\xFF",
    b"${a b}",
];

impl TemplateSpec {
    fn build(&self) -> Vec<u8> {
        match self {
            TemplateSpec::Raw(b) => b.iter().copied().take(40).collect(),
            TemplateSpec::Pieces(p) => p
                .iter()
                .take(12)
                .flat_map(|&i| TEMPLATE_PIECES[i as usize % TEMPLATE_PIECES.len()].iter().copied())
                .collect(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Action {
    ret: u8,
    rep: u8,
}

/// One piece of a parsed template.
enum Piece {
    Lit(Vec<u8>),
    Num(usize),
    Name(Vec<u8>),
}

fn is_name_byte(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

/// A name that parses as a number (Rust's usize parse, as the regex crate
/// does) is a group index.
fn group_ref(name: &[u8]) -> Piece {
    match std::str::from_utf8(name).ok().and_then(|s| s.parse::<usize>().ok()) {
        Some(n) => Piece::Num(n),
        None => Piece::Name(name.to_vec()),
    }
}

/// The header's template rules, read left to right: the first defect
/// (INVALID_ARGUMENT for a malformed `${`, INDEX for a group no pattern
/// has, via `known`) is the one reported.
fn parse_template(t: &[u8], known: impl Fn(&Piece) -> bool) -> Result<Vec<Piece>, i32> {
    let mut out = vec![];
    let mut lit = vec![];
    let mut i = 0;
    let push = |out: &mut Vec<Piece>, lit: &mut Vec<u8>, p: Piece| -> Result<(), i32> {
        if !known(&p) {
            return Err(ERR_INDEX);
        }
        out.push(Piece::Lit(std::mem::take(lit)));
        out.push(p);
        Ok(())
    };
    while i < t.len() {
        if t[i] != b'$' {
            lit.push(t[i]);
            i += 1;
            continue;
        }
        match t.get(i + 1) {
            Some(b'$') => {
                lit.push(b'$');
                i += 2;
            }
            Some(b'{') => {
                let close = t[i + 2..].iter().position(|&b| b == b'}').ok_or(ERR_INVALID_ARGUMENT)?;
                let name = &t[i + 2..i + 2 + close];
                if name.is_empty() {
                    return Err(ERR_INVALID_ARGUMENT);
                }
                push(&mut out, &mut lit, group_ref(name))?;
                i += 2 + close + 1;
            }
            _ => {
                let n = t[i + 1..].iter().take_while(|&&b| is_name_byte(b)).count();
                if n == 0 {
                    lit.push(b'$');
                    i += 1;
                } else {
                    push(&mut out, &mut lit, group_ref(&t[i + 1..i + 1 + n]))?;
                    i += 1 + n;
                }
            }
        }
    }
    out.push(Piece::Lit(lit));
    Ok(out)
}

/// A match as the reference sees it: its pattern and group spans.
struct Caps {
    pattern: usize,
    groups: Vec<Option<(usize, usize)>>,
}

fn iteration_captures(re: &Regex, hay: &[u8], s: &BuiltSearch) -> Vec<Caps> {
    let mut it = re.iter(hay.len(), s.as_ref()).expect("a valid search");
    let caps = re.captures();
    let mut out = vec![];
    while it.next_captures(hay, &caps) == 1 {
        let (pattern, groups) = caps.read().unwrap();
        out.push(Caps { pattern, groups });
        assert!(out.len() <= hay.len() + 1);
    }
    out
}

fn splice(hay: &[u8], spans: &[(usize, usize)], reps: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![];
    let mut at = 0;
    for (&(a, b), r) in spans.iter().zip(reps) {
        out.extend_from_slice(&hay[at..a]);
        out.extend_from_slice(r);
        at = b;
    }
    out.extend_from_slice(&hay[at..]);
    out
}

fn template_reference(re: &Regex, hay: &[u8], s: &BuiltSearch, template: &[u8], limit: usize) -> Result<Vec<u8>, i32> {
    // Every group referred to must exist in some pattern.
    let counts: Vec<usize> = (0..re.count).map(|p| re.group_count(p).unwrap()).collect();
    let pieces = parse_template(template, |piece| match piece {
        Piece::Lit(_) => true,
        Piece::Num(n) => counts.iter().any(|&c| *n < c),
        Piece::Name(name) => (0..re.count).any(|p| re.group_index(p, name).unwrap().is_some()),
    })?;
    if !s.valid() {
        return Err(i32::MIN); // the search's own failure, checked by the caller
    }
    let mut matches = iteration_captures(re, hay, s);
    if limit > 0 {
        matches.truncate(limit);
    }
    let spans: Vec<(usize, usize)> = matches.iter().map(|c| c.groups[0].unwrap()).collect();
    let reps: Vec<Vec<u8>> = matches
        .iter()
        .map(|c| {
            let mut r = vec![];
            for piece in &pieces {
                let span = match piece {
                    Piece::Lit(l) => {
                        r.extend_from_slice(l);
                        continue;
                    }
                    Piece::Num(n) => c.groups.get(*n).copied().flatten(),
                    Piece::Name(name) => {
                        re.group_index(c.pattern, name).unwrap().and_then(|g| c.groups.get(g).copied().flatten())
                    }
                };
                if let Some((a, b)) = span {
                    r.extend_from_slice(&hay[a..b]);
                }
            }
            r
        })
        .collect();
    Ok(splice(hay, &spans, &reps))
}

/// What the callback does, and what it saw.
struct CbState<'a> {
    actions: &'a [Action],
    reps: &'a [Vec<u8>],
    expect: &'a [(usize, usize, usize)],
    calls: usize,
}

unsafe extern "C" fn callback(
    user_data: *mut c_void,
    captures: *const ferrex_captures,
    haystack: *const u8,
    haystack_len: usize,
    replacement: *mut *const u8,
    replacement_len: *mut usize,
) -> i32 {
    // SAFETY: user_data is the CbState the caller passed.
    let st = unsafe { &mut *(user_data as *mut CbState) };
    let k = st.calls;
    st.calls += 1;
    // SAFETY: ferrex passes valid pointers for the callback's duration.
    unsafe {
        assert!((*replacement).is_null() && *replacement_len == 0, "replacement not NULL/0 on entry");
        let mut span = ferrex_match::default();
        assert_eq!(ferrex_captures_group(captures, 0, &mut span), 1, "callback captures without group 0");
        let mut pattern = usize::MAX;
        assert_eq!(ferrex_captures_pattern(captures, &mut pattern), 1);
        assert_eq!(Some(&(span.start, span.end, pattern)), st.expect.get(k), "callback {k} got another match");
        assert!(span.end <= haystack_len);
        assert!(!haystack.is_null() || haystack_len == 0);
        let a = action(st.actions, k);
        match a.rep % 8 {
            7 => {
                *replacement = null();
                *replacement_len = 3;
            }
            6 => {}
            5 => {
                // The match itself, pointing into the haystack.
                *replacement = haystack.add(span.start);
                *replacement_len = span.end - span.start;
            }
            n => {
                if !st.reps.is_empty() {
                    let r = &st.reps[n as usize % st.reps.len()];
                    *replacement = r.as_ptr();
                    *replacement_len = r.len();
                }
            }
        }
        ret_of(a)
    }
}

fn action(actions: &[Action], k: usize) -> Action {
    if actions.is_empty() {
        Action { ret: 255, rep: 0 }
    } else {
        actions[k % actions.len()]
    }
}

fn ret_of(a: Action) -> i32 {
    match a.ret % 16 {
        0 => 1,
        1 => -1,
        2 => -100,
        3 => 2,
        _ => 0,
    }
}

/// The callback replacement's expected result over the iteration's matches.
fn callback_reference(
    hay: &[u8],
    matches: &[(usize, usize, usize)],
    st: &CbState,
    limit: usize,
) -> Result<Vec<u8>, Vec<i32>> {
    let mut spans = vec![];
    let mut reps = vec![];
    for (k, m) in matches.iter().enumerate() {
        if limit > 0 && k == limit {
            break;
        }
        let a = action(st.actions, k);
        let ret = ret_of(a);
        if ret < 0 {
            return Err(vec![ERR_ABORTED]);
        }
        let null_with_len = a.rep % 8 == 7;
        if ret > 1 {
            // Both are wrong; either may be reported.
            return Err(if null_with_len {
                vec![ERR_INVALID_ARGUMENT, ERR_NULL_POINTER]
            } else {
                vec![ERR_INVALID_ARGUMENT]
            });
        }
        if null_with_len {
            return Err(vec![ERR_NULL_POINTER]);
        }
        let rep = match a.rep % 8 {
            6 => vec![],
            5 => hay[m.0..m.1].to_vec(),
            n => {
                if st.reps.is_empty() {
                    vec![]
                } else {
                    st.reps[n as usize % st.reps.len()].clone()
                }
            }
        };
        spans.push((m.0, m.1));
        reps.push(rep);
        if ret == 1 {
            break;
        }
    }
    Ok(splice(hay, &spans, &reps))
}

fn alloc_result(s: ferrex_status, b: &Bytes, what: &str) -> Result<Vec<u8>, i32> {
    let s = status_only(s, what);
    assert_ne!(s, ERR_BUFFER_TOO_SMALL, "{what}: an _alloc call returned BUFFER_TOO_SMALL");
    if s == OK {
        Ok(b.to_vec())
    } else {
        b.assert_cleared(what);
        Err(s)
    }
}

fn regex_part(inp: &Input) {
    let patterns: Vec<Vec<u8>> = inp.patterns.iter().take(3).map(|p| p.build()).collect();
    let Ok(re) = Regex::new(&patterns, inp.many, inp.flags as u32, None) else { return };
    let hay = inp.haystack.build();
    let s = inp.search.build(hay.len(), re.count);
    let limit = inp.limit as usize % 4;
    let template = inp.template.build();
    let small = inp.small as usize;
    let hp = ptr(&hay, true);
    let sp = search_ptr(s.as_ref());
    let cache = re.cache();

    // Template.
    let mut b = Bytes::empty();
    // SAFETY: live handles, valid slices.
    let st = unsafe {
        ferrex_regex_replace_alloc(
            re.raw,
            cache.0,
            hp,
            hay.len(),
            sp,
            ptr(&template, true),
            template.len(),
            limit,
            &mut b.0,
        )
    };
    let got = alloc_result(st, &b, "replace_alloc");
    let want = template_reference(&re, &hay, &s, &template, limit);
    let ctx = || {
        format!(
            "patterns {:?} template {:?} haystack {:?} search {}..{} flags {:#x} limit {limit}",
            patterns.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>(),
            String::from_utf8_lossy(&template),
            String::from_utf8_lossy(&hay),
            s.start,
            s.end,
            s.flags
        )
    };
    match (&got, &want) {
        (Err(g), Err(w)) if *w == i32::MIN => s.check_failure(*g, "replace"),
        // Template errors and search errors: either may be found first.
        (Err(g), Err(_)) if !s.valid() && ![ERR_INVALID_ARGUMENT, ERR_INDEX].contains(g) => {
            s.check_failure(*g, "replace")
        }
        _ => assert_eq!(got, want, "replace with a template: {}", ctx()),
    }
    check_retry("replace", small, &got, |out, cap, len| {
        // SAFETY: out holds cap bytes (or is NULL with cap 0).
        unsafe {
            ferrex_regex_replace(
                re.raw,
                null_mut(),
                hp,
                hay.len(),
                sp,
                ptr(&template, false),
                template.len(),
                limit,
                out,
                cap,
                len,
            )
        }
    });

    // Callback.
    let expect: Vec<(usize, usize, usize)> = if s.valid() {
        iteration_captures(&re, &hay, &s)
            .iter()
            .map(|c| (c.groups[0].unwrap().0, c.groups[0].unwrap().1, c.pattern))
            .collect()
    } else {
        vec![]
    };
    let reps: Vec<Vec<u8>> = inp.replacements.iter().take(4).map(|r| r.iter().copied().take(8).collect()).collect();
    let actions: Vec<Action> = inp.actions.iter().copied().take(8).collect();
    let new_state = || CbState { actions: &actions, reps: &reps, expect: &expect, calls: 0 };
    let mut state = new_state();
    let mut b = Bytes::empty();
    // SAFETY: the callback receives &mut state, alive for the call.
    let st = unsafe {
        ferrex_regex_replace_with_alloc(
            re.raw,
            cache.0,
            hp,
            hay.len(),
            sp,
            limit,
            Some(callback),
            &mut state as *mut CbState as *mut c_void,
            &mut b.0,
        )
    };
    let got = alloc_result(st, &b, "replace_with_alloc");
    if !s.valid() {
        s.check_failure(got.clone().unwrap_err(), "replace_with");
        assert_eq!(state.calls, 0, "callback called for an invalid search");
    } else {
        match callback_reference(&hay, &expect, &new_state(), limit) {
            Ok(want) => assert_eq!(got, Ok(want), "replace with a callback: {}", ctx()),
            Err(allowed) => {
                let g = got.clone().unwrap_err();
                assert!(
                    allowed.contains(&g),
                    "replace with a callback: {} not in {allowed:?}: {}",
                    status_name(g),
                    ctx()
                );
            }
        }
    }
    check_retry("replace_with", small, &got, |out, cap, len| {
        let mut state = new_state();
        // SAFETY: as above; a fresh state per call (retries call again).
        unsafe {
            ferrex_regex_replace_with(
                re.raw,
                null_mut(),
                hp,
                hay.len(),
                sp,
                limit,
                Some(callback),
                &mut state as *mut CbState as *mut c_void,
                out,
                cap,
                len,
            )
        }
    });
    // A NULL callback is refused before anything else.
    let mut len = 0;
    // SAFETY: NULL callback is documented.
    let r = unsafe {
        ferrex_regex_replace_with(re.raw, null_mut(), hp, hay.len(), sp, 0, None, null_mut(), null_mut(), 0, &mut len)
    };
    assert!(status_only(r, "replace_with NULL") < 0);
}

struct Phrases(*mut ferrex_phrases);

impl Drop for Phrases {
    fn drop(&mut self) {
        // SAFETY: freed once.
        unsafe { ferrex_phrases_free(self.0) }
    }
}

fn phrases_part(inp: &Input) {
    let phrases: Vec<Vec<u8>> =
        inp.phrases.iter().take(6).map(|p| p.iter().map(|b| b"abc"[*b as usize % 3]).take(4).collect()).collect();
    let hay: Vec<u8> = inp.text.build().iter().map(|b| if b % 2 == 0 { b"abc"[*b as usize % 3] } else { *b }).collect();
    let mut opts = null_mut();
    let mut raw = null_mut();
    let ptrs: Vec<*const u8> = phrases.iter().map(|p| ptr(p, true)).collect();
    let lens: Vec<usize> = phrases.iter().map(Vec::len).collect();
    // SAFETY: valid pointers; options freed once.
    unsafe {
        assert_eq!(status_only(ferrex_phrase_options_new(&mut opts, null_mut()), "options"), OK);
        assert_eq!(status_only(ferrex_phrase_options_set_match_kind(opts, inp.phrase_kind as u32 % 3), "kind"), OK);
        let r = ferrex_phrases_new(&mut raw, ptrs.as_ptr(), lens.as_ptr(), phrases.len(), opts, null_mut());
        ferrex_phrase_options_free(opts);
        assert_eq!(status_only(r, "phrases_new"), OK);
    }
    let set = Phrases(raw);
    let s = inp.search.build(hay.len(), phrases.len());
    let count = match inp.phrase_count_delta % 8 {
        0 => phrases.len() + 1,
        1 => phrases.len().saturating_sub(1),
        _ => phrases.len(),
    };
    let reps: Vec<Vec<u8>> =
        (0..count).map(|i| inp.replacements.get(i).map_or(vec![], |r| r.iter().copied().take(8).collect())).collect();
    let rptrs: Vec<*const u8> = reps.iter().map(|r| ptr(r, true)).collect();
    let rlens: Vec<usize> = reps.iter().map(Vec::len).collect();
    let (rp, rl) = if count == 0 { (null(), null()) } else { (rptrs.as_ptr(), rlens.as_ptr()) };
    let hp = ptr(&hay, true);
    let sp = search_ptr(s.as_ref());
    let mut b = Bytes::empty();
    // SAFETY: arrays of `count` entries.
    let st = unsafe { ferrex_phrases_replace_alloc(set.0, hp, hay.len(), sp, rp, rl, count, &mut b.0) };
    let got = alloc_result(st, &b, "phrases_replace_alloc");
    // The reference: the non-overlapping iteration, spliced.
    let mut it = null_mut();
    // SAFETY: live set.
    let r = status_only(unsafe { ferrex_phrase_iter_new(&mut it, set.0, hay.len(), sp, 0, null_mut()) }, "iter_new");
    if r != OK {
        let g = got.clone().unwrap_err();
        assert!(
            g == r || (count != phrases.len() && g == ERR_INVALID_ARGUMENT),
            "phrases_replace {} vs iter {}",
            status_name(g),
            status_name(r)
        );
    } else {
        let mut spans = vec![];
        let mut with = vec![];
        let mut m = ferrex_match::default();
        // SAFETY: live iterator, freed once.
        unsafe {
            while ferrex_phrase_iter_next(it, hp, hay.len(), &mut m) == 1 {
                spans.push((m.start, m.end));
                with.push(reps.get(m.pattern).cloned().unwrap_or_default());
            }
            ferrex_phrase_iter_free(it);
        }
        if count != phrases.len() {
            assert_eq!(got, Err(ERR_INVALID_ARGUMENT), "{count} replacements for {} phrases", phrases.len());
        } else {
            assert_eq!(
                got,
                Ok(splice(&hay, &spans, &with)),
                "phrase replacement of {phrases:?} in {:?}",
                String::from_utf8_lossy(&hay)
            );
        }
    }
    check_retry("phrases_replace", inp.small as usize, &got, |out, cap, len| {
        // SAFETY: as above.
        unsafe { ferrex_phrases_replace(set.0, hp, hay.len(), sp, rp, rl, count, out, cap, len) }
    });
}

fn escape_part(inp: &Input) {
    let text = inp.text.build();
    let mut b = Bytes::empty();
    // SAFETY: valid slice.
    let got = alloc_result(unsafe { ferrex_escape_alloc(ptr(&text, true), text.len(), &mut b.0) }, &b, "escape_alloc");
    check_retry("escape", inp.small as usize, &got, |out, cap, len| {
        // SAFETY: as above.
        unsafe { ferrex_escape(ptr(&text, false), text.len(), out, cap, len) }
    });
    if std::str::from_utf8(&text).is_err() {
        assert_eq!(got, Err(ERR_INVALID_UTF8), "escaping invalid UTF-8");
        return;
    }
    let escaped = got.expect("escaping UTF-8 text");
    let re = Regex::new(std::slice::from_ref(&escaped), false, 0, None).unwrap_or_else(|e| {
        panic!(
            "escaped {:?} as {:?}: {}",
            String::from_utf8_lossy(&text),
            String::from_utf8_lossy(&escaped),
            status_name(e)
        )
    });
    assert_eq!(re.group_count(0), Some(1), "escaped text has groups");
    // It matches the text itself, whole.
    let whole = ferrex_search { start: 0, end: text.len(), flags: ANCHORED, pattern: 0 };
    let m = re.find(None, &text, Some(&whole)).unwrap().map(|m| (m.start, m.end));
    assert_eq!(
        m,
        Some((0, text.len())),
        "escaped {:?} as {:?}",
        String::from_utf8_lossy(&text),
        String::from_utf8_lossy(&escaped)
    );
    // And, in another haystack, exactly where the text first occurs.
    // (Valid UTF-8: in UTF-8 mode an empty match never sits before a
    // continuation byte, so the naive answer for "" holds on UTF-8 only.)
    let hay = String::from_utf8_lossy(&inp.haystack.build()).into_owned().into_bytes();
    let hay = [&hay[..hay.len() / 2], &text[..], &hay[hay.len() / 2..]].concat();
    let first = (0..=hay.len() - text.len()).find(|&i| hay[i..i + text.len()] == text[..]).unwrap();
    let m = re.find(None, &hay, None).unwrap().map(|m| (m.start, m.end));
    assert_eq!(m, Some((first, first + text.len())), "escaped {:?} found elsewhere", String::from_utf8_lossy(&text));
}

fn lowercase_part(inp: &Input) {
    let text = inp.text.build();
    let mode = inp.lower_mode as u32 % 3;
    let mut b = Bytes::empty();
    // SAFETY: valid slice.
    let got = alloc_result(
        unsafe { ferrex_lowercase_alloc(ptr(&text, true), text.len(), mode, &mut b.0) },
        &b,
        "lowercase_alloc",
    );
    check_retry("lowercase", inp.small as usize, &got, |out, cap, len| {
        // SAFETY: as above.
        unsafe { ferrex_lowercase(ptr(&text, false), text.len(), mode, out, cap, len) }
    });
    let want = match mode {
        0 => Ok(text.to_ascii_lowercase()),
        1 => {
            let mut out = vec![];
            for chunk in text.utf8_chunks() {
                for c in chunk.valid().chars() {
                    let mut buf = [0; 4];
                    for l in c.to_lowercase() {
                        out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                    }
                }
                out.extend_from_slice(chunk.invalid());
            }
            Ok(out)
        }
        _ => Err(ERR_INVALID_ARGUMENT),
    };
    assert_eq!(got, want, "lowercase mode {mode} of {:?}", String::from_utf8_lossy(&text));
    if mode == 0 {
        assert_eq!(got.unwrap().len(), text.len());
    }
}

fuzz_target!(|inp: Input| {
    regex_part(&inp);
    phrases_part(&inp);
    escape_part(&inp);
    lowercase_part(&inp);
});
