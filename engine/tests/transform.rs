//! Replacement (templates, callbacks, limits, bounds) checked against
//! regex-automata's meta regex with `Captures::interpolate_bytes_into` (the
//! regex crate's `replace` semantics), and lowercasing.

use ferrex::{
    lowercase_ascii, lowercase_unicode, Anchor, ErrorKind, FindState, Flags, Flow, Options, Regex, Search, Template,
};
use regex_automata::{meta, Input};

fn many(patterns: &[&str]) -> Regex {
    Regex::with_options(patterns, Flags::empty(), &Options::default()).unwrap()
}

/// The regex crate's replacement: meta regex captures iteration, each match
/// replaced by `interpolate_bytes_into`, at most `limit` of them (0: all),
/// only inside `start..end`.
fn reference(patterns: &[&str], hay: &[u8], (start, end): (usize, usize), template: &[u8], limit: usize) -> Vec<u8> {
    let re = meta::Regex::new_many(patterns).unwrap();
    let mut out = Vec::new();
    let mut copied = 0;
    for (i, caps) in re.captures_iter(Input::new(hay).range(start..end)).enumerate() {
        if limit != 0 && i == limit {
            break;
        }
        let m = caps.get_match().unwrap();
        out.extend_from_slice(&hay[copied..m.start()]);
        caps.interpolate_bytes_into(hay, template, &mut out);
        copied = m.end();
    }
    out.extend_from_slice(&hay[copied..]);
    out
}

fn replace(re: &Regex, hay: &[u8], search: &Search, template: &[u8], limit: usize) -> Vec<u8> {
    let t = Template::new(re, template).unwrap_or_else(|e| panic!("template {template:?}: {e}"));
    let mut cache = re.create_cache();
    let with_cache = re.replace(Some(&mut cache), hay, search, &t, limit).unwrap();
    let pooled = re.replace(None, hay, search, &t, limit).unwrap();
    assert_eq!(with_cache, pooled, "cache and no cache disagree");
    with_cache
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const CASES: &[(&[&str], &str, &[&str])] = &[
    (&[r"(\w+)\s+(\w+)"], "hello big world and you", &["$2 $1", "${2}_$1", "[$0]", "$$1", "x", ""]),
    (&[r"(?<first>\w+) (?<last>\w+)"], "Ada Lovelace, Alan Turing", &["$last, ${first}", "${last}$first", "$1/$2"]),
    (&[r"(a)|(b)"], "abcab", &["[$1|$2]", "<${2}>", "$0$0"]),
    (&[r"(?<n>[0-9]+)", r"(?<w>[a-z]+)-(?<n>[a-z]+)"], "12 ab-cd 3 x-y", &["[$n|$1|$2|$w]", "{$0}", "$2"]),
    (&[r"a*"], "baaac", &["-", "<$0>", ""]),
    (&[r""], "abc", &["-", "$0|"]),
    (&[r"x*"], "☃é x", &["-", "[$0]"]),
    (&[r"\b"], "ab cd", &["|"]),
    (&[r"(?m)^"], "one\ntwo\n", &["> "]),
    (&[r"(\d)(\d)?"], "1 23 4", &["$2$1", "${1}$2$1"]),
    // `$` that is no reference stands for itself, `$$` is one `$`.
    (&[r"(x)"], "axbxc", &["$", "a$", "$ ", "$-$1", "$$$1", "$$$$", "$.", "${1}$", "$1$", "${1}a"]),
];

#[test]
fn templates_agree_with_the_regex_crate() {
    let mut checked = 0;
    for &(patterns, hay, templates) in CASES {
        let re = many(patterns);
        let hay = hay.as_bytes();
        for template in templates {
            for limit in [0, 1, 2, 100] {
                let bounds = [(0, hay.len()), (1, hay.len()), (0, hay.len() - 1), (2, hay.len() - 2)];
                for (s, e) in bounds.into_iter().filter(|(s, e)| s <= e) {
                    let want = reference(patterns, hay, (s, e), template.as_bytes(), limit);
                    let got = replace(&re, hay, &Search::bounds(s, e), template.as_bytes(), limit);
                    assert_eq!(
                        text(&got),
                        text(&want),
                        "{patterns:?} on {:?} [{s}, {e}) with {template:?}, limit {limit}",
                        text(hay)
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300);
}

#[test]
fn a_few_results_spelled_out() {
    let re = Regex::new(r"a*").unwrap();
    assert_eq!(replace(&re, b"baaac", &Search::default(), b"-", 0), b"-b-c-");
    let re = Regex::new(r"(?<y>\d{4})-(?<m>\d{2})").unwrap();
    assert_eq!(replace(&re, b"2024-05, 2025-11", &Search::default(), b"$m/$y", 0), b"05/2024, 11/2025");
    assert_eq!(replace(&re, b"2024-05, 2025-11", &Search::default(), b"$m/$y", 1), b"05/2024, 2025-11");
    // A group the matched pattern lacks expands to nothing.
    let re = many(&[r"(?<d>\d+)", r"(?<w>[a-z]+)"]);
    assert_eq!(replace(&re, b"ab 12", &Search::default(), b"<$d$w>", 0), b"<ab> <12>");
}

#[test]
fn limits_count_replacements() {
    let re = Regex::new(r"\d").unwrap();
    let hay = b"1 2 3 4 5";
    let got: Vec<_> = [0, 1, 2, 5, 6].iter().map(|&n| text(&replace(&re, hay, &Search::default(), b"#", n))).collect();
    assert_eq!(got, ["# # # # #", "# 2 3 4 5", "# # 3 4 5", "# # # # #", "# # # # #"]);
}

#[test]
fn text_outside_the_bounds_is_copied_and_look_around_sees_it() {
    let re = Regex::new(r"\bcat\b").unwrap();
    let hay = b"cat concat cat";
    assert_eq!(replace(&re, hay, &Search::bounds(1, 14), b"dog", 0), b"cat concat dog");
    assert_eq!(replace(&re, hay, &Search::bounds(0, 3), b"dog", 0), b"dog concat cat");
    assert_eq!(replace(&re, hay, &Search::bounds(7, 10), b"dog", 0), hay);
    let err = re.replace(None, hay, &Search::bounds(3, 99), &Template::new(&re, b"").unwrap(), 0).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::OutOfBounds);
}

#[test]
fn anchored_replacement_follows_anchored_iteration() {
    let re = Regex::new(r"ab").unwrap();
    let search = Search::default().anchored(Anchor::Start);
    assert_eq!(replace(&re, b"ababxab", &search, b"-", 0), b"--xab");
    let re = many(&[r"a", r"b"]);
    let search = Search::default().anchored(Anchor::Pattern(1));
    assert_eq!(replace(&re, b"bbab", &search, b"$0$0", 0), b"bbbbab");
}

#[test]
fn replacing_a_match_with_itself_is_the_identity_and_counts_the_iteration() {
    for (patterns, hay) in [(&[r"a*"][..], "baaacaa"), (&[r"\w+", r"\s"], "hi  there é"), (&[r""], "☃x")] {
        let re = many(patterns);
        let hay = hay.as_bytes();
        for template in [&b"$0"[..], b"${0}"] {
            assert_eq!(replace(&re, hay, &Search::default(), template, 0), hay);
        }
        let mut seen = vec![];
        let out = re
            .replace_with(None, hay, &Search::default(), 0, |caps, out| {
                let m = caps.get(0)?.unwrap();
                seen.push((m.start, m.end));
                out.push(b'#');
                Ok(Flow::Continue)
            })
            .unwrap();
        let mut cache = re.create_cache();
        let mut it = FindState::new(&re, hay.len(), &Search::default()).unwrap();
        let mut want = vec![];
        while let Some(m) = it.next(&re, &mut cache, hay).unwrap() {
            want.push((m.start, m.end));
        }
        assert_eq!(seen, want);
        let replaced = hay.len() - want.iter().map(|(s, e)| e - s).sum::<usize>() + want.len();
        assert_eq!(out.len(), replaced);
    }
}

#[test]
fn invalid_templates_are_errors_of_the_right_kind() {
    let re = many(&[r"(?<year>\d{4})", r"(a)(b)"]);
    for (template, kind, names) in [
        ("${", ErrorKind::InvalidArgument, "`${` without a closing `}`"),
        ("x ${1 y", ErrorKind::InvalidArgument, "`${` without a closing `}`"),
        ("${}", ErrorKind::InvalidArgument, "empty `${}`"),
        ("$3", ErrorKind::Index, "\"$3\""),
        ("${3}", ErrorKind::Index, "\"${3}\""),
        ("$month", ErrorKind::Index, "\"$month\""),
        ("${month}", ErrorKind::Index, "\"${month}\""),
        ("$1a", ErrorKind::Index, "\"$1a\""),
        ("${\u{e9}}", ErrorKind::Index, "\"${\u{e9}}\""),
        ("$99999999999999999999999", ErrorKind::Index, "\"$99999999999999999999999\""),
    ] {
        let err = Template::new(&re, template.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), kind, "{template}: {err}");
        assert!(err.message().contains(names), "{template}: {err}");
    }
    // Invalid UTF-8 inside braces names no group.
    assert_eq!(Template::new(&re, b"${\xFF}").unwrap_err().kind(), ErrorKind::Index);
    // The braced span of a malformed template is reported.
    assert_eq!(Template::new(&re, b"ab${").unwrap_err().span(), Some((2, 4)));
    // Groups of any pattern are fine: $2 exists in pattern 1 only.
    for ok in ["$2", "$year", "${year}", "$0", "${1}a", "$", "$$", "a$-", "$ $"] {
        assert!(Template::new(&re, ok.as_bytes()).is_ok(), "{ok}");
    }
}

#[test]
fn templates_caches_and_captures_belong_to_their_regex() {
    let (a, b) = (Regex::new(r"(a)").unwrap(), Regex::new(r"(a)").unwrap());
    let t = Template::new(&a, b"$1").unwrap();
    assert_eq!(b.replace(None, b"a", &Search::default(), &t, 0).unwrap_err().kind(), ErrorKind::WrongRegex);
    let mut cache = a.create_cache();
    let err = b.replace(Some(&mut cache), b"a", &Search::default(), &Template::new(&b, b"").unwrap(), 0);
    assert_eq!(err.unwrap_err().kind(), ErrorKind::WrongRegex);
    let mut caps = a.create_captures();
    let err = b.replace_with_captures(None, b"a", &Search::default(), 0, &mut caps, |_, _| {
        Ok::<_, ferrex::Error>(Flow::Continue)
    });
    assert_eq!(err.unwrap_err().kind(), ErrorKind::WrongRegex);
}

#[test]
fn replace_with_stops_and_fails_on_request() {
    let re = Regex::new(r"(\w)(\w*)").unwrap();
    let hay = b"one two three four";
    let mut calls = 0;
    let out = re
        .replace_with(None, hay, &Search::default(), 0, |caps, out| {
            calls += 1;
            let (first, rest) = (caps.get(1)?.unwrap(), caps.get(2)?.unwrap());
            out.extend(hay[first.start..first.end].iter().map(u8::to_ascii_uppercase));
            out.extend_from_slice(&hay[rest.start..rest.end]);
            Ok(if calls == 2 { Flow::Stop } else { Flow::Continue })
        })
        .unwrap();
    assert_eq!((text(&out).as_str(), calls), ("One Two three four", 2));
    // The limit stops before the callback would.
    let mut calls = 0;
    let out = re.replace_with(None, hay, &Search::default(), 3, |_, out| {
        calls += 1;
        out.push(b'_');
        Ok(Flow::Continue)
    });
    assert_eq!((out.unwrap(), calls), (b"_ _ _ four".to_vec(), 3));
    // An error from the callback abandons the replacement.
    let mut calls = 0;
    let err = re.replace_with(None, hay, &Search::default(), 0, |caps, _| {
        calls += 1;
        caps.get(7).map(|_| Flow::Continue)
    });
    assert_eq!((err.unwrap_err().kind(), calls), (ErrorKind::Index, 1));
}

#[test]
fn replace_with_captures_reuses_the_storage_and_reports_the_last_match() {
    let re = many(&[r"(?<d>\d+)", r"(?<w>[a-z]+)"]);
    let mut caps = re.create_captures();
    let hay = b"12 ab 3";
    let out = re.replace_with_captures(None, hay, &Search::default(), 2, &mut caps, |caps, out| {
        let name = if caps.pattern() == Some(0) { "d" } else { "w" };
        let m = caps.get_by_name(name)?.unwrap();
        out.extend_from_slice(format!("{name}{}", m.end - m.start).as_bytes());
        Ok::<_, ferrex::Error>(Flow::Continue)
    });
    assert_eq!(out.unwrap(), b"d2 w2 3");
    assert_eq!((caps.pattern(), caps.get(0).unwrap().map(|m| (m.start, m.end))), (Some(1), Some((3, 5))));
}

#[test]
fn lowercase_ascii_touches_only_ascii_letters() {
    assert_eq!(lowercase_ascii(b""), b"");
    assert_eq!(lowercase_ascii(b"Hello, WORLD! 09 @[`{"), b"hello, world! 09 @[`{");
    assert_eq!(lowercase_ascii("ÀÉ İ Σ".as_bytes()), "ÀÉ İ Σ".as_bytes());
    assert_eq!(lowercase_ascii(b"A\xFFB\xC3"), b"a\xFFb\xC3");
}

#[test]
fn lowercase_unicode_maps_every_char_like_char_to_lowercase() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let want: String = c.to_lowercase().collect();
        let got = lowercase_unicode(c.to_string().as_bytes());
        assert_eq!(got, want.as_bytes(), "{c:?} (U+{:04X})", c as u32);
    }
}

#[test]
fn lowercase_unicode_specials_and_invalid_bytes() {
    assert_eq!(lowercase_unicode(b""), b"");
    assert_eq!(lowercase_unicode(b"ASCII Only"), b"ascii only");
    assert_eq!(lowercase_unicode("İstanbul".as_bytes()), "i\u{307}stanbul".as_bytes());
    assert_eq!(lowercase_unicode("İ".as_bytes()).len(), 3);
    // Context-free: a final sigma is still σ.
    assert_eq!(lowercase_unicode("ΟΔΟΣ Σ".as_bytes()), "οδοσ σ".as_bytes());
    assert_eq!(lowercase_unicode("ÉCOLE ẞ Ǆ".as_bytes()), "école ß ǆ".as_bytes());
    // Invalid bytes pass through, and what follows them is still lowercased.
    assert_eq!(lowercase_unicode(b"\xFFA\xC3"), b"\xFFa\xC3");
    assert_eq!(lowercase_unicode(b"\xC3(\xC3\x89"), b"\xC3(\xC3\xA9");
    assert_eq!(lowercase_unicode(b"\xE2\x82A\xCE\xA3\xED\xA0\x80B"), b"\xE2\x82a\xCF\x83\xED\xA0\x80b");
    assert_eq!(lowercase_unicode(b"\xF0\x9F\x98"), b"\xF0\x9F\x98");
    let mixed = b"\x80\xBF\xC0\xC1\xF5\xFE\xFF";
    assert_eq!(lowercase_unicode(mixed), mixed);
}

#[test]
fn replacing_never_panics_and_keeps_unmatched_text_in_every_mode() {
    use ferrex::MatchKind;
    const PATTERNS: &[&[&str]] =
        &[&[""], &["a*", "b*"], &[r"\b", r"\B"], &[r"(?-u:\xFF)+"], &[r"(a)|(b)|(?<c>c)"], &[r"é|\w+\b", r"(?m)$"]];
    const HAYSTACKS: &[&[u8]] = &[b"", b"a", "☃é a\r\nb ".as_bytes(), b"\xFF\xFEab\xFF", b"aaa bbb ccc"];
    for bits in 0..=Flags::ALL.bits() {
        let flags = Flags::from_bits(bits).unwrap();
        for kind in [MatchKind::LeftmostFirst, MatchKind::All] {
            let opts = Options::new().match_kind(kind);
            for patterns in PATTERNS {
                let Ok(re) = Regex::with_options(patterns, flags, &opts) else { continue };
                let identity = [Template::new(&re, b"$0").unwrap(), Template::new(&re, b"${0}").unwrap()];
                let groups = Template::new(&re, b"[$1$c]").ok();
                let mut cache = re.create_cache();
                for hay in HAYSTACKS {
                    for (s, e) in [(0, hay.len()), (1.min(hay.len()), hay.len()), (0, hay.len() / 2)] {
                        for anchor in [Anchor::None, Anchor::Start, Anchor::Pattern(patterns.len() - 1)] {
                            for earliest in [false, true] {
                                let search = Search::bounds(s, e).anchored(anchor).earliest(earliest);
                                for t in &identity {
                                    let out = re.replace(Some(&mut cache), hay, &search, t, 0).unwrap();
                                    assert_eq!(out, *hay, "{patterns:?} {flags:?} {kind:?} {search:?}");
                                }
                                if let Some(t) = &groups {
                                    re.replace(Some(&mut cache), hay, &search, t, 0).unwrap();
                                }
                                let mut n = 0;
                                re.replace_with(Some(&mut cache), hay, &search, 0, |caps, _| {
                                    let m = caps.get(0)?.unwrap();
                                    assert!(s <= m.start && m.start <= m.end && m.end <= e);
                                    n += 1;
                                    Ok(Flow::Continue)
                                })
                                .unwrap();
                                let mut it = FindState::new(&re, hay.len(), &search).unwrap();
                                let mut want = 0;
                                while it.next(&re, &mut cache, hay).unwrap().is_some() {
                                    want += 1;
                                }
                                assert_eq!(n, want, "{patterns:?} {flags:?} {kind:?} {search:?}");
                            }
                        }
                    }
                }
            }
        }
    }
}

/// An escaped text is a pattern matching exactly that text, also under
/// IGNORE_WHITESPACE, which drops unescaped whitespace and starts comments
/// at `#` (`escape("a b")` once meant `ab` there).
#[test]
fn escaped_text_matches_itself_with_and_without_ignore_whitespace() {
    for text in
        ["a b", "tab\there", "x # not a comment", "nbsp\u{a0}and\u{2003}em", "line\r\nend\x0c\x0b", "1+1=2?", ""]
    {
        let pattern = ferrex::escape(text.as_bytes()).unwrap();
        for flags in [Flags::empty(), Flags::IGNORE_WHITESPACE] {
            let re = Regex::with_options(&[&pattern], flags, &Options::default()).unwrap();
            let whole = Search::bounds(0, text.len()).anchored(Anchor::Start);
            let m = re.find(None, text.as_bytes(), &whole).unwrap();
            assert_eq!(m.map(|m| (m.start, m.end)), Some((0, text.len())), "{text:?} as {pattern:?} with {flags:?}");
        }
    }
}
