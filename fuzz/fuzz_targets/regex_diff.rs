//! regex_diff: where a pattern compiles in both, ferrex (through the C
//! API) agrees with Rust's `regex` crate on is-match, find, every match,
//! captures and, for several patterns, the set query.
//!
//! Which configurations are compared, and why their semantics are equal:
//!
//! - FERREX_FLAG_NO_UTF8 (byte mode) is `regex::bytes::Regex`: both
//!   translate with regex-syntax's UTF-8 mode off (a pattern may match
//!   invalid UTF-8) and let empty matches split a codepoint
//!   (`utf8_empty(false)`). The haystack is any bytes.
//! - The default UTF-8 mode is `regex::Regex` (on `&str`) when the
//!   haystack is valid UTF-8: both translate with UTF-8 mode on and never
//!   report an empty match that splits a codepoint (`utf8_empty(true)`).
//!   On a haystack that is not, the header's rule makes ferrex find what
//!   `regex::bytes::Regex` finds with the same (UTF-8) patterns, searched
//!   from its start (a later start could leave the invalid bytes behind).
//!   Iteration is then not compared: each of its steps decides by its own
//!   span, so past the last invalid byte it follows the UTF-8 rule again
//!   (regex_agree checks that it equals repeated finds).
//! - The other flags map one to one onto RegexBuilder: case_insensitive,
//!   multi_line, dot_matches_new_line, swap_greed, ignore_whitespace,
//!   unicode (off with FERREX_FLAG_NO_UNICODE) and crlf.
//! - Leftmost-first match kind (ferrex's default; the regex crate has no
//!   other), default nesting limit (250 in both). Bounds: only a start
//!   bound with the end at the haystack's end (`*_at(haystack, start)`,
//!   where look-around sees the whole haystack, as ferrex's bounds do);
//!   unanchored. Sets use MatchKind::All in both.
//! - ferrex's DFA size limit and lazy DFA cache capacity vary (they pick
//!   the engine, never the answer); a pattern either side refuses (size
//!   limits differ in what they count) is skipped.
#![no_main]

use arbitrary::Arbitrary;
use ferrex_fuzz::*;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    patterns: Vec<PatternSpec>,
    flags: u8,
    dfa_limit: u8,
    cache_capacity: u8,
    haystack: HaySpec,
    start: u16,
}

type Spans = Vec<Option<(usize, usize)>>;

/// What the reference answers, for either flavour of regex.
struct Reference {
    is_match: bool,
    find: Option<(usize, usize)>,
    all: Vec<(usize, usize)>,
    captures: Option<Spans>,
    all_captures: Vec<Spans>,
    names: Vec<Option<String>>,
}

/// Maps ferrex's flags onto a regex crate builder (they share method names).
macro_rules! configure {
    ($b:expr, $flags:expr) => {
        $b.case_insensitive($flags & FLAG_CASE_INSENSITIVE != 0)
            .multi_line($flags & FLAG_MULTI_LINE != 0)
            .dot_matches_new_line($flags & FLAG_DOT_MATCHES_NEW_LINE != 0)
            .swap_greed($flags & FLAG_SWAP_GREED != 0)
            .ignore_whitespace($flags & FLAG_IGNORE_WHITESPACE != 0)
            .unicode($flags & FLAG_NO_UNICODE == 0)
            .crlf($flags & FLAG_CRLF != 0)
    };
}

fn spans_bytes(c: &regex::bytes::Captures) -> Spans {
    c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()
}

fn spans_str(c: &regex::Captures) -> Spans {
    c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect()
}

/// Whether the bytes flavour of the regex crate is the reference.
fn bytes_reference(flags: u32, hay: &[u8]) -> bool {
    flags & FLAG_NO_UTF8 != 0 || std::str::from_utf8(hay).is_err()
}

fn reference(pattern: &str, flags: u32, hay: &[u8], start: usize) -> Option<Reference> {
    if bytes_reference(flags, hay) {
        let re = configure!(&mut regex::bytes::RegexBuilder::new(pattern), flags).build().ok()?;
        Some(Reference {
            is_match: re.is_match_at(hay, start),
            find: re.find_at(hay, start).map(|m| (m.start(), m.end())),
            all: re.find_iter(hay).map(|m| (m.start(), m.end())).collect(),
            captures: re.captures_at(hay, start).map(|c| spans_bytes(&c)),
            all_captures: re.captures_iter(hay).map(|c| spans_bytes(&c)).collect(),
            names: re.capture_names().map(|n| n.map(str::to_owned)).collect(),
        })
    } else {
        let hay = std::str::from_utf8(hay).expect("the caller made it UTF-8");
        let re = configure!(&mut regex::RegexBuilder::new(pattern), flags).build().ok()?;
        Some(Reference {
            is_match: re.is_match_at(hay, start),
            find: re.find_at(hay, start).map(|m| (m.start(), m.end())),
            all: re.find_iter(hay).map(|m| (m.start(), m.end())).collect(),
            captures: re.captures_at(hay, start).map(|c| spans_str(&c)),
            all_captures: re.captures_iter(hay).map(|c| spans_str(&c)).collect(),
            names: re.capture_names().map(|n| n.map(str::to_owned)).collect(),
        })
    }
}

fn set_reference(patterns: &[String], flags: u32, hay: &[u8], start: usize) -> Option<Vec<bool>> {
    let n = patterns.len();
    if bytes_reference(flags, hay) {
        let set = configure!(&mut regex::bytes::RegexSetBuilder::new(patterns), flags).build().ok()?;
        let m = set.matches_at(hay, start);
        Some((0..n).map(|i| m.matched(i)).collect())
    } else {
        let hay = std::str::from_utf8(hay).unwrap();
        let set = configure!(&mut regex::RegexSetBuilder::new(patterns), flags).build().ok()?;
        let m = set.matches_at(hay, start);
        Some((0..n).map(|i| m.matched(i)).collect())
    }
}

fn options(input: &Input) -> Options {
    let o = Options::new();
    let dfa = [256 << 10, 0, 8 << 10][input.dfa_limit as usize % 3];
    let cap = [2 << 20, 1 << 10, 64 << 10, 1][input.cache_capacity as usize % 4];
    // SAFETY: live options.
    unsafe {
        assert_eq!(status_only(ferrex_options_set_dfa_size_limit(o.0, dfa), "dfa limit"), OK);
        assert_eq!(status_only(ferrex_options_set_dfa_cache_capacity(o.0, cap), "cache capacity"), OK);
    }
    o
}

fn drain_captures(re: &Regex, hay: &[u8]) -> Vec<Spans> {
    let mut it = re.iter(hay.len(), None).unwrap();
    let caps = re.captures();
    let mut out = vec![];
    while it.next_captures(hay, &caps) == 1 {
        out.push(caps.read().unwrap().1);
        assert!(out.len() <= hay.len() + 1);
    }
    out
}

fn run(input: &Input) {
    let flags = input.flags as u32;
    let hay = input.haystack.build();
    // Invalid UTF-8 in UTF-8 mode is searched from the start (see above).
    let start = if bytes_reference(flags, &hay) && flags & FLAG_NO_UTF8 == 0 {
        0
    } else {
        input.start as usize % (hay.len() + 1)
    };
    // regex takes &str patterns; ferrex would refuse the others with
    // FERREX_ERR_INVALID_UTF8, which regex_api checks.
    let patterns: Vec<String> =
        input.patterns.iter().take(6).filter_map(|p| String::from_utf8(p.build()).ok()).collect();
    if patterns.is_empty() {
        return;
    }
    let opts = options(input);
    let bytes: Vec<Vec<u8>> = patterns.iter().map(|p| p.clone().into_bytes()).collect();
    let search = ferrex_search { start, end: hay.len(), flags: 0, pattern: 0 };

    // One pattern: everything.
    if let (Ok(re), Some(want)) =
        (Regex::new(&bytes[..1], false, flags, Some(&opts)), reference(&patterns[0], flags, &hay, start))
    {
        let ctx = format!(
            "pattern {:?} flags {flags:#x} haystack {:?} start {start}",
            patterns[0],
            String::from_utf8_lossy(&hay)
        );
        let cache = re.cache();
        assert_eq!(re.is_match(Some(&cache), &hay, Some(&search)) == 1, want.is_match, "is_match: {ctx}");
        let got = re.find(Some(&cache), &hay, Some(&search)).unwrap().map(|m| (m.start, m.end));
        assert_eq!(got, want.find, "find: {ctx}");
        let mut it = re.iter(hay.len(), None).unwrap();
        let mut all = vec![];
        while let Some(m) = it.next(&hay).unwrap() {
            all.push((m.start, m.end));
            assert!(all.len() <= hay.len() + 1);
        }
        // In UTF-8 mode on invalid UTF-8 the steps decide one by one (see above).
        let whole = flags & FLAG_NO_UTF8 != 0 || !bytes_reference(flags, &hay);
        if whole {
            assert_eq!(all, want.all, "all matches: {ctx}");
        }
        let caps = re.captures();
        let r = re.captures_search(Some(&cache), &hay, Some(&search), &caps);
        assert!(r >= 0);
        assert_eq!(caps.read().map(|c| c.1), want.captures, "captures: {ctx}");
        if whole {
            assert_eq!(drain_captures(&re, &hay), want.all_captures, "all captures: {ctx}");
        }
        let names: Vec<Option<String>> = (0..re.group_count(0).unwrap())
            .map(|g| re.group_name(0, g).unwrap().map(|n| String::from_utf8(n).unwrap()))
            .collect();
        assert_eq!(names, want.names, "group names: {ctx}");
    }

    // Several patterns: the set query.
    if patterns.len() > 1 {
        if let (Ok(re), Some(want)) =
            (Regex::new(&bytes, true, flags, Some(&opts)), set_reference(&patterns, flags, &hay, start))
        {
            let got = re.which(None, &hay, Some(&search), 0).unwrap();
            assert_eq!(
                got,
                want,
                "which_matches: patterns {patterns:?} flags {flags:#x} haystack {:?} start {start}",
                String::from_utf8_lossy(&hay)
            );
        }
    }
}

fuzz_target!(|input: Input| run(&input));
