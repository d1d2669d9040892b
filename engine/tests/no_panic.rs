//! Sweeps every flag combination, both match kinds and every search mode
//! over awkward patterns and haystacks, running every operation: none may
//! panic, and every result must respect the search bounds. (The C boundary
//! would turn a panic into FERREX_ERR_INTERNAL, but that is still a bug.)

use ferrex::{Anchor, FindState, Flags, MatchKind, Options, Regex, Search};

const PATTERNS: &[&[&str]] = &[
    &[""],
    &["a*", "b*"],
    &[r"\b", r"\B"],
    &[r"(?-u:\xFF)+"],
    &[r"(a)|(b)|(?<c>c)"],
    &[r"^$", r"(?m)^$"],
    &[r"é|\w+\b"],
    &[r"[\r\n]+", r"(?m)$"],
];

const HAYSTACKS: &[&[u8]] = &[b"", b"a", "☃é a\r\nb ".as_bytes(), b"\xFF\xFEab\xFF", b"aaa bbb ccc"];

fn check_span(m: ferrex::Match, s: usize, e: usize) {
    assert!(s <= m.start && m.start <= m.end && m.end <= e, "{m:?} outside {s}..{e}");
}

#[test]
fn every_operation_in_every_mode_stays_in_bounds() {
    for bits in 0..=Flags::ALL.bits() {
        let flags = Flags::from_bits(bits).unwrap();
        for kind in [MatchKind::LeftmostFirst, MatchKind::All] {
            let opts = Options::new().match_kind(kind);
            for patterns in PATTERNS {
                // Some combinations are rejected (e.g. \xFF needs NO_UTF8): fine.
                let Ok(re) = Regex::with_options(patterns, flags, &opts) else { continue };
                let mut cache = re.create_cache();
                let mut caps = re.create_captures();
                for hay in HAYSTACKS {
                    for (s, e) in [(0, hay.len()), (1.min(hay.len()), hay.len()), (0, hay.len() / 2)] {
                        for anchor in [Anchor::None, Anchor::Start, Anchor::Pattern(patterns.len() - 1)] {
                            for earliest in [false, true] {
                                let search = Search::bounds(s, e).anchored(anchor).earliest(earliest);
                                re.is_match(Some(&mut cache), hay, &search).unwrap();
                                if let Some(m) = re.find(None, hay, &search).unwrap() {
                                    check_span(m, s, e);
                                }
                                if re.captures(Some(&mut cache), hay, &search, &mut caps).unwrap() {
                                    for g in 0..caps.group_count().unwrap() {
                                        if let Some(m) = caps.get(g).unwrap() {
                                            check_span(m, s, e);
                                        }
                                    }
                                }
                                let mut hits = vec![false; re.pattern_count()];
                                re.which_matches(None, hay, &search, &mut hits).unwrap();
                                let mut it = FindState::new(&re, hay.len(), &search).unwrap();
                                let mut steps = 0;
                                while let Some(m) = it.next(&re, &mut cache, hay).unwrap() {
                                    check_span(m, s, e);
                                    steps += 1;
                                    assert!(steps <= hay.len() + 1, "iteration does not advance");
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
