//! Regexes of many patterns (at least 64, which take ferrex's own lazy DFA
//! pair and per-pattern engines: build.rs, `MANY_PATTERNS`) against the
//! meta regex configured as the regex crate builds it: compile and count
//! once, count-spans and captures iteration, over prefixes of 4 KiB,
//! 64 KiB and 1 MiB of English. Every answer is checked equal; each cell is
//! ferrex's time over the meta regex's (best of rounds), with the meta
//! regex's time. Two sets where the meta regex is slow (a word boundary or
//! a Unicode class in every pattern) run over 4 KiB only, and one of
//! Russian words with a word boundary (where no DFA can search: each
//! pattern's own engine finds, ferrex's `Inner::find_per_pattern`) over
//! 4 KiB and 64 KiB of Russian.
//!
//!   cargo run --release -p ferrex --example many_vs_meta

use regex_automata::{meta, util::iter::Searcher, Input};
use std::hint::black_box;
use std::time::Instant;

const MIB: usize = 1 << 20;

fn best<F: FnMut() -> usize>(mut f: F, rounds: usize) -> (f64, usize) {
    let (mut least, mut answer) = (f64::MAX, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        answer = f();
        least = least.min(t.elapsed().as_secs_f64() * 1e6);
    }
    (least, answer)
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/bench/rebar/haystacks/opensubtitles/en-sampled.txt");
    let en = std::fs::read(path).unwrap();
    let ru = std::fs::read(path.replace("en-sampled", "ru-sampled")).unwrap();
    let ru_words = [
        "и", "в", "не", "что", "он", "на", "я", "с", "как", "а", "то", "все", "она", "так", "его", "но", "да", "ты",
        "к", "у",
    ];
    let words = [
        "the", "and", "you", "that", "was", "for", "are", "with", "his", "they", "this", "have", "from", "one", "had",
        "word", "but", "not", "what", "all",
    ];
    let suffixes = ["", "s", "ing", "ed", "er"];
    // (name, patterns, the longest prefix searched, Russian rather than English)
    let sets: Vec<(&str, Vec<String>, usize, bool)> = vec![
        (
            "80 `[A-Z][a-z]+ word\\d*`",
            (0..80).map(|i| format!(r"[A-Z][a-z]+ {}\d*", words[i % 20])).collect(),
            MIB,
            false,
        ),
        (
            "80 `([A-Z][a-z]+) (word)(\\d*)`",
            (0..80).map(|i| format!(r"([A-Z][a-z]+) ({})(\d*)", words[i % 20])).collect(),
            MIB,
            false,
        ),
        (
            "200 `word.word`",
            (0..200).map(|i| format!(r"{}.{}", words[i % 20], words[(i * 7 + 3) % 20])).collect(),
            MIB,
            false,
        ),
        (
            "100 `\\bword\\w*suffix`",
            (0..100).map(|i| format!(r"\b{}\w*{}", words[i % 20], suffixes[i / 20])).collect(),
            4096,
            false,
        ),
        ("70 `\\p{Lu}\\w+ word`", (0..70).map(|i| format!(r"\p{{Lu}}\w+ {}", words[i % 20])).collect(), 4096, false),
        (
            "80 `\\bслово\\w*` (Russian)",
            (0..80).map(|i| format!(r"\b{}\w*{}", ru_words[i % 20], ["", "", "е", "о"][i / 20])).collect(),
            65536,
            true,
        ),
    ];
    let cfg =
        meta::Config::new().dfa(false).utf8_empty(true).hybrid_cache_capacity(2 << 20).nfa_size_limit(Some(10 << 20));
    println!(
        "{:<24} {:>8} {:>7}  {:>22} {:>22} {:>22}",
        "patterns", "bytes", "matches", "compile+count", "count-spans", "captures-iter"
    );
    for len in [4096usize, 65536, MIB] {
        for (name, pats, longest, russian) in &sets {
            if len > *longest {
                continue;
            }
            let text = if *russian { &ru } else { &en };
            // A prefix ending on a character boundary.
            let cut = (len.min(text.len())..text.len()).find(|&i| text[i] & 0xC0 != 0x80).unwrap_or(text.len());
            let hay = &text[..cut];
            let (tmc, cm) = best(
                || meta::Builder::new().configure(cfg.clone()).build_many(pats).unwrap().find_iter(hay).count(),
                3,
            );
            let (tfc, cf) = best(
                || {
                    let re =
                        ferrex::Regex::with_options(pats, ferrex::Flags::empty(), &ferrex::Options::new()).unwrap();
                    re.count(None, hay, &ferrex::Search::default()).unwrap()
                },
                3,
            );
            assert_eq!(cm, cf, "{name}");
            let re = meta::Builder::new().configure(cfg.clone()).build_many(pats).unwrap();
            let fx = ferrex::Regex::with_options(pats, ferrex::Flags::empty(), &ferrex::Options::new()).unwrap();
            let (mut mc, mut fc) = (re.create_cache(), fx.create_cache());
            let all = ferrex::Search::default();
            let (tm, sm) = best(
                || {
                    let mut it = Searcher::new(Input::new(black_box(hay)));
                    let mut n = 0;
                    while let Some(m) = it.advance(|i| Ok(re.search_with(&mut mc, i))) {
                        n += m.len();
                    }
                    n
                },
                5,
            );
            let (tf, sf) =
                best(|| fx.find_iter(Some(&mut fc), black_box(hay), &all).unwrap().map(|m| m.end - m.start).sum(), 5);
            assert_eq!(sm, sf, "{name}");
            let mut mcaps = re.create_captures();
            let (tmk, km) = best(
                || {
                    let mut it = Searcher::new(Input::new(black_box(hay)));
                    let mut n = 0;
                    while it
                        .advance(|i| {
                            re.search_captures_with(&mut mc, i, &mut mcaps);
                            Ok(mcaps.get_match())
                        })
                        .is_some()
                    {
                        n += mcaps.iter().flatten().map(|s| s.end - s.start).sum::<usize>();
                    }
                    n
                },
                3,
            );
            let mut fcaps = fx.create_captures();
            let (tfk, kf) = best(
                || {
                    let mut state = ferrex::FindState::new(&fx, hay.len(), &all).unwrap();
                    let mut n = 0;
                    while state.next_captures(&fx, &mut fc, hay, &mut fcaps).unwrap().is_some() {
                        let groups = fcaps.group_count().unwrap_or(0);
                        n += (0..groups).filter_map(|g| fcaps.get(g).unwrap()).map(|m| m.end - m.start).sum::<usize>();
                    }
                    n
                },
                3,
            );
            assert_eq!(km, kf, "{name}");
            let cell = |f: f64, m: f64| format!("{:.2} ({:.0} us)", f / m, m);
            println!("{name:<32} {len:>8} {cm:>7}  {:>22} {:>22} {:>22}", cell(tfc, tmc), cell(tf, tm), cell(tfk, tmk));
        }
    }
}
