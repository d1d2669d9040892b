//! Regexes that can match the empty string, in UTF-8 mode, over long
//! text: is-match, find, and repeated finds (each after the last match),
//! ferrex's engine crate side by side with the meta regex configured as
//! the regex crate builds it (no full DFA). Those regexes answer by
//! byte mode where the span is not valid UTF-8 (regex.rs: the byte-mode
//! twin); learning that used to cost a read of the whole span per call.
//!
//!   cargo run --release -p ferrex --example empty_match_time [HAYSTACK]
//!
//! HAYSTACK defaults to rebar's opensubtitles/en-sampled.txt beside this
//! checkout (../shared/bench/rebar/haystacks/); prefixes of 100 KB, 400 KB
//! and 900 KB of it are searched. Times are the best of 5 rounds.

use std::hint::black_box;
use std::time::Instant;

use ferrex::{Regex, Search};
use regex_automata::{meta, util::iter::Searcher, Input};

fn best(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let (mut best, mut out) = (f64::MAX, 0);
    for _ in 0..5 {
        let (start, mut runs) = (Instant::now(), 0u32);
        while runs == 0 || start.elapsed().as_millis() < 20 {
            out = f();
            runs += 1;
        }
        best = best.min(start.elapsed().as_secs_f64() / f64::from(runs));
    }
    (best, out)
}

fn show(what: &str, (ferrex, f_out): (f64, usize), (meta, m_out): (f64, usize)) {
    assert_eq!(f_out, m_out, "{what}: ferrex and the meta regex disagree");
    println!("{what:<34} {:>12} {:>12} {:>8.2}x", time(ferrex), time(meta), ferrex / meta);
}

fn time(seconds: f64) -> String {
    match seconds {
        s if s < 1e-6 => format!("{:.1} ns", s * 1e9),
        s if s < 1e-3 => format!("{:.1} us", s * 1e6),
        s => format!("{:.1} ms", s * 1e3),
    }
}

fn main() {
    let default =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/bench/rebar/haystacks/opensubtitles/en-sampled.txt");
    let path = std::env::args().nth(1).unwrap_or_else(|| default.to_owned());
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!("{:<34} {:>12} {:>12} {:>9}", "pattern, query, bytes", "ferrex", "meta regex", "ratio");
    for pattern in [r"\b", r"\s*", "x*"] {
        let re = Regex::new(pattern).unwrap();
        let mut cache = re.create_cache();
        let config = meta::Config::new().dfa(false);
        let meta = meta::Builder::new().configure(config).build(pattern).unwrap();
        let mut mcache = meta.create_cache();
        for len in [100_000, 400_000, 900_000] {
            let hay = &text[..len.min(text.len())];
            let all = Search::default();
            show(
                &format!("{pattern} is-match {len}"),
                best(|| usize::from(re.is_match(Some(&mut cache), black_box(hay), &all).unwrap())),
                best(|| {
                    let input = Input::new(black_box(hay)).earliest(true);
                    usize::from(meta.search_half_with(&mut mcache, &input).is_some())
                }),
            );
            show(
                &format!("{pattern} find {len}"),
                best(|| re.find(Some(&mut cache), black_box(hay), &all).unwrap().map_or(0, |m| m.end + 1)),
                best(|| meta.search_with(&mut mcache, &Input::new(black_box(hay))).map_or(0, |m| m.end() + 1)),
            );
            show(
                &format!("{pattern} repeated finds {len}"),
                best(|| {
                    let (mut n, mut search) = (0, all);
                    while let Some(m) = re.find(Some(&mut cache), black_box(hay), &search).unwrap() {
                        n += 1;
                        search = Search::bounds(m.end, hay.len()).after_match(true);
                    }
                    n
                }),
                best(|| {
                    let mut it = Searcher::new(Input::new(black_box(hay)));
                    let mut n = 0;
                    while it.advance(|input| Ok(meta.search_with(&mut mcache, input))).is_some() {
                        n += 1;
                    }
                    n
                }),
            );
        }
    }
}
