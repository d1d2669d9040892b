//! Regression tests for what the cargo-fuzz targets (fuzz/) found, each
//! through the C API exactly as the fuzz target drove it.

use std::ptr::null_mut;

use ferrex::*;

/// Builds a phrase set with the given automaton and folding and returns
/// what ferrex_phrases_describe() reports as its automaton.
fn described_automaton(phrases: &[&[u8]], automaton: Option<u32>, unicode: bool) -> u32 {
    let ptrs: Vec<*const u8> = phrases.iter().map(|p| p.as_ptr()).collect();
    let lens: Vec<usize> = phrases.iter().map(|p| p.len()).collect();
    let mut opts = null_mut();
    let mut set = null_mut();
    let mut info = ferrex_phrases_info { count: 0, min_len: 0, max_len: 0, memory_usage: 0, automaton: 99 };
    // SAFETY: valid pointers; every object is freed once.
    unsafe {
        assert_eq!(ferrex_phrase_options_new(&mut opts, null_mut()), ferrex_status::FERREX_OK);
        if let Some(a) = automaton {
            assert_eq!(ferrex_phrase_options_set_automaton(opts, a), ferrex_status::FERREX_OK);
        }
        assert_eq!(ferrex_phrase_options_set_unicode_case_insensitive(opts, unicode as u32), ferrex_status::FERREX_OK);
        let s = ferrex_phrases_new(&mut set, ptrs.as_ptr(), lens.as_ptr(), phrases.len(), opts, null_mut());
        assert_eq!(s, ferrex_status::FERREX_OK);
        assert_eq!(ferrex_phrases_describe(set, &mut info), ferrex_status::FERREX_OK);
        ferrex_phrases_free(set);
        ferrex_phrase_options_free(opts);
    }
    info.automaton
}

/// phrases_diff: ferrex_phrases_info.automaton was documented as "AUTO
/// resolved", but a Unicode case-insensitive set (searched by the regex
/// engine) reports the value it was built with, AUTO included. The header
/// now says so; Aho-Corasick sets still always resolve AUTO.
#[test]
fn describe_reports_the_automaton_a_unicode_set_was_built_with() {
    let phrases: &[&[u8]] = &[b"foo", "été".as_bytes()];
    assert_eq!(described_automaton(phrases, None, true), ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_AUTO as u32);
    assert_eq!(
        described_automaton(phrases, Some(1), true),
        ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_NFA as u32
    );
    for asked in [None, Some(0), Some(1), Some(2), Some(3)] {
        let got = described_automaton(phrases, asked, false);
        assert_ne!(got, ferrex_phrase_automaton::FERREX_PHRASE_AUTOMATON_AUTO as u32, "AUTO unresolved for {asked:?}");
        if let Some(a @ 1..=3) = asked {
            assert_eq!(got, a);
        }
    }
}

/// regex_api: under the ALL match kind, when several patterns match the
/// same span, ferrex_regex_captures() reported another pattern than
/// ferrex_regex_find(): with FERREX_SEARCH_EARLIEST (the earliest-captures
/// PikeVM picked the last pattern, the DFA the first; found as patterns
/// ["", ""], byte mode, CRLF, ignore-whitespace, an anchored earliest
/// search of an empty haystack), and without it (found as patterns
/// [r"\t" x 19 + "|" + r"\t" x 6, "", ""] on an empty haystack, with a
/// 64 KiB full DFA limit). Captures now records the
/// groups of find's match.
#[test]
fn captures_report_the_pattern_find_reports_under_match_kind_all() {
    const ANCHORED: u32 = 1 << 0;
    const EARLIEST: u32 = 1 << 1;
    let cases: &[(&[&str], &str)] = &[
        (&["", ""], ""),
        (&["", ""], "xa"),
        (&["a", "a"], "a"),
        (&["a", "a"], "xa"),
        (&["a|b", "a"], "xa"),
        (&[r"\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t|\t\t\t\t\t\t", "", ""], ""),
        (&[r"\t\t|\t", "", ""], ""),
        (&[r"\t\t|\t", "", ""], "\t"),
        (&["x", "(a)|b", "a"], "ab"),
    ];
    for &(patterns, hay) in cases {
        for flags in [0, ANCHORED, EARLIEST, EARLIEST | ANCHORED] {
            for compile_flags in [0, (1 << 4) | (1 << 6) | (1 << 7)] {
                let ptrs: Vec<*const u8> = patterns.iter().map(|p| p.as_ptr()).collect();
                let lens: Vec<usize> = patterns.iter().map(|p| p.len()).collect();
                let search = ferrex_search { start: 0, end: hay.len(), flags, pattern: 0 };
                // SAFETY: valid pointers; every object is freed once.
                unsafe {
                    let mut opts = null_mut();
                    assert_eq!(ferrex_options_new(&mut opts, null_mut()), ferrex_status::FERREX_OK);
                    let all = ferrex_match_kind::FERREX_MATCH_KIND_ALL as u32;
                    assert_eq!(ferrex_options_set_match_kind(opts, all), ferrex_status::FERREX_OK);
                    // As found: a 64 KiB full DFA limit and a 1 KiB lazy DFA cache.
                    assert_eq!(ferrex_options_set_dfa_size_limit(opts, 64 << 10), ferrex_status::FERREX_OK);
                    assert_eq!(ferrex_options_set_dfa_cache_capacity(opts, 1 << 10), ferrex_status::FERREX_OK);
                    let mut re = null_mut();
                    let s = ferrex_regex_new_many(
                        &mut re,
                        ptrs.as_ptr(),
                        lens.as_ptr(),
                        patterns.len(),
                        compile_flags,
                        opts,
                        null_mut(),
                    );
                    assert_eq!(s, ferrex_status::FERREX_OK);
                    let mut caps = null_mut();
                    assert_eq!(ferrex_captures_new(&mut caps, re, null_mut()), ferrex_status::FERREX_OK);
                    let mut m = ferrex_match::default();
                    let found = ferrex_regex_find(re, null_mut(), hay.as_ptr(), hay.len(), &search, &mut m);
                    let captured = ferrex_regex_captures(re, null_mut(), hay.as_ptr(), hay.len(), &search, caps);
                    assert_eq!(found, captured, "{patterns:?} in {hay:?} flags {flags}");
                    if found == 1 {
                        let mut g = ferrex_match::default();
                        assert_eq!(ferrex_captures_group(caps, 0, &mut g), 1);
                        let mut pattern = usize::MAX;
                        assert_eq!(ferrex_captures_pattern(caps, &mut pattern), 1);
                        assert_eq!(
                            (g.start, g.end, g.pattern, pattern),
                            (m.start, m.end, m.pattern, m.pattern),
                            "{patterns:?} in {hay:?} flags {flags}"
                        );
                    }
                    ferrex_captures_free(caps);
                    ferrex_regex_free(re);
                    ferrex_options_free(opts);
                }
            }
        }
    }
}

/// regex_api: in UTF-8 mode (the default), a regex that can match the
/// empty string may report a match other than the leftmost-first one in a
/// haystack that is not valid UTF-8 (regex-automata leaves that case
/// unspecified): [".", ""] found [3, 3) in "\t\x87\x87\xDB..." although "."
/// matches at 0. The header now says so at FERREX_FLAG_NO_UTF8, with this
/// example; byte mode gives the leftmost-first match.
#[test]
fn utf8_mode_on_invalid_utf8_finds_what_byte_mode_finds() {
    let find = |patterns: &[&str], flags: u32, hay: &[u8]| {
        let ptrs: Vec<*const u8> = patterns.iter().map(|p| p.as_ptr()).collect();
        let lens: Vec<usize> = patterns.iter().map(|p| p.len()).collect();
        // SAFETY: valid pointers; the regex is freed once.
        unsafe {
            let mut re = null_mut();
            let s = ferrex_regex_new_many(
                &mut re,
                ptrs.as_ptr(),
                lens.as_ptr(),
                patterns.len(),
                flags,
                null_mut(),
                null_mut(),
            );
            assert_eq!(s, ferrex_status::FERREX_OK);
            let mut m = ferrex_match::default();
            let r = ferrex_regex_find(re, null_mut(), hay.as_ptr(), hay.len(), std::ptr::null(), &mut m);
            ferrex_regex_free(re);
            assert_eq!(r, 1);
            (m.start, m.end, m.pattern)
        }
    };
    const NO_UTF8: u32 = 1 << 6;
    // The header's rule: on a span that is not valid UTF-8, a regex that
    // can match empty finds what byte mode finds (regex-automata alone
    // finds [2, 2) here, dropping the leftmost-first [0, 1)).
    assert_eq!(find(&["a|"], 0, b"a\x87"), (0, 1, 0));
    assert_eq!(find(&["a|"], NO_UTF8, b"a\x87"), (0, 1, 0));
    assert_eq!(find(&["ab", "a", ""], 0, b"ab\x80"), (0, 2, 0));
    // What the fuzzer found (flags: case-insensitive, multi-line, dot-all, CRLF).
    let hay = b"\x09\x87\x87\xDB\xDB\xDB\xDB\xDB\x87\x62";
    assert_eq!(find(&[".", ""], 0x87, hay), (0, 1, 0));
    assert_eq!(find(&[".", ""], 0x87 | NO_UTF8, hay), (0, 1, 0));
    // On valid UTF-8 both modes agree.
    assert_eq!(find(&[".", ""], 0x87, b"\tb"), (0, 1, 0));
}

/// regex_agree: 900 patterns (three, 300 times each: the many-pattern
/// paths, which build no reverse NFA at compile time) compiled, searched
/// and counted, but ferrex_regex_which_matches returned
/// FERREX_ERR_SIZE_LIMIT: the set query's twin builds a lazy DFA, whose
/// reverse NFA exceeded the NFA size limit the forward one fits. A regex
/// that compiles now answers set queries (the twin without its lazy DFA).
#[test]
fn a_regex_of_many_patterns_answers_set_queries() {
    let three = [r"\t\t\t\t}+?+?\t\t\t\t\t[a-z&&[^b]]", "KKKKKK", r"\PL"];
    let patterns: Vec<&str> = three.iter().cycle().take(900).copied().collect();
    let ptrs: Vec<*const u8> = patterns.iter().map(|p| p.as_ptr()).collect();
    let lens: Vec<usize> = patterns.iter().map(|p| p.len()).collect();
    let hay = b"KKKKKKKKKKK";
    // SAFETY: valid pointers; every object is freed once.
    unsafe {
        let mut opts = null_mut();
        assert_eq!(ferrex_options_new(&mut opts, null_mut()), ferrex_status::FERREX_OK);
        assert_eq!(ferrex_options_set_match_kind(opts, 1), ferrex_status::FERREX_OK);
        assert_eq!(ferrex_options_set_search_memory_limit(opts, usize::MAX), ferrex_status::FERREX_OK);
        let mut re = null_mut();
        let s = ferrex_regex_new_many(&mut re, ptrs.as_ptr(), lens.as_ptr(), 900, 0x5e, opts, null_mut());
        assert_eq!(s, ferrex_status::FERREX_OK);
        let search = ferrex_search { start: 3, end: 9, flags: FERREX_SEARCH_EARLIEST, pattern: 0 };
        let mut matched = vec![0u8; 900];
        let r = ferrex_regex_which_matches(re, null_mut(), hay.as_ptr(), hay.len(), &search, matched.as_mut_ptr(), 900);
        // "KKKKKK" (every third pattern from the second) fits in 3..9; the
        // others need a tab or a non-letter.
        let want: Vec<u8> = (0..900).map(|i| u8::from(i % 3 == 1)).collect();
        assert_eq!((r, matched), (1, want));
        assert_eq!(ferrex_regex_is_match(re, null_mut(), hay.as_ptr(), hay.len(), &search), 1);
        ferrex_regex_free(re);
        ferrex_options_free(opts);
    }
}
