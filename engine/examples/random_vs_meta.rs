//! Random patterns of the kinds people write (words, classes, Unicode
//! classes, anchors, word boundaries, groups, alternations, one to five
//! patterns) over English, Russian and Chinese text, timed against the
//! meta regex configured as the regex crate builds it (no full DFA), in
//! eight models: count, count-spans, captures iteration, is-match, find,
//! grep (is-match a line), grep-captures (captures iteration a line) and
//! compile. Every count is checked equal; each cell is ferrex's time over
//! the meta regex's (best of five rounds, interleaved), the worst listed
//! first. Not a benchmark of record: a search for shapes no one listed
//! where ferrex loses, as examples/sweep_vs_meta.rs is for listed ones.
//! It found the reads for invalid UTF-8 that anchored empty-matching
//! patterns made (`$` counted over 300 KB of Russian: 3,300x).
//!
//!   cargo run --release -p ferrex --example random_vs_meta [SEED] [REGEXES]
//!
//! The meta regex's own `find_iter().count()` and `captures_iter().count()`
//! count match ends only (a forward search a match); count-spans and
//! captures here look at every match so that both sides find whole spans.
//! The haystacks are rebar's opensubtitles samples beside this checkout
//! (../shared/bench/rebar/haystacks/opensubtitles/).

use ferrex::{FindState, Flags, Match, Options, Regex, Search};
use regex_automata::{meta, util::syntax, Input};
use std::time::Instant;

#[path = "../tests/support/rng.rs"]
mod rng;

use rng::Rng;

const WORDS: &[&str] = &[
    "the",
    "Sherlock",
    "Holmes",
    "you",
    "said",
    "there",
    "zzz",
    "qx",
    "ing",
    "tion",
    "I",
    "a",
    "что",
    "это",
    "не",
    "Шерлок",
    "вы",
    "как",
    "ого",
];
const ATOMS: &[&str] = &[
    r"\w+",
    r"\w",
    r"\d+",
    r"[A-Z][a-z]+",
    r"\s+",
    r"\s",
    r"[a-z]+",
    r"\b",
    r".*",
    r"[^\n]*",
    r".",
    r"\p{L}+",
    r"\p{Lu}",
    r"[0-9]{2,4}",
    r"\w{3,8}",
    r"(\w+)",
    r"(\d+)",
    r"(?:\w+\s+){2}",
    r"[^ ]+",
    r"\S+",
    r"$",
    r"^",
    r"(?m:^)",
    r"(?m:$)",
    r"(?-u:\w)+",
    r"(?-u:\b)",
    r"\W+",
    r"[[:punct:]]",
    r"[aeiou]{2}",
    r"\p{Cyrillic}+",
    r"\p{Han}",
    r"[,.!?]",
];
const SUFFIXES: &[&str] = &["", "", "", "?", "+", "*", "{2}"];
const MODELS: [&str; 8] = ["count", "count-spans", "captures", "is-match", "find", "grep", "grep-captures", "compile"];

fn word(rng: &mut Rng) -> String {
    let w = *rng.pick(WORDS);
    match rng.below(4) {
        0 => format!("(?i){w}"),
        1 => format!(r"\b{w}\b"),
        _ => w.to_string(),
    }
}

fn pattern(rng: &mut Rng) -> String {
    let mut p = String::new();
    for i in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 | 1 => p.push_str(&word(rng)),
            2 if i > 0 => {
                p.push('|');
                p.push_str(&word(rng));
            }
            _ => {
                let atom = *rng.pick(ATOMS);
                p.push_str(atom);
                let repeatable = !atom.ends_with(['+', '*']) && !atom.contains(['^', '$']) && !atom.contains(r"\b");
                if repeatable {
                    let suffix = *rng.pick(SUFFIXES);
                    p.push_str(suffix);
                }
            }
        }
    }
    p
}

fn meta_regex(patterns: &[String]) -> Option<meta::Regex> {
    meta::Builder::new()
        .configure(meta::Config::new().dfa(false))
        .syntax(syntax::Config::new())
        .build_many(patterns)
        .ok()
}

/// One model's answer (a count) by ferrex, with a cache kept across
/// rounds as the meta regex keeps its own (a cold lazy DFA every round
/// would be ferrex's alone).
fn ferrex_model(
    model: &str,
    (re, cache, caps): (&Regex, &mut ferrex::Cache, &mut ferrex::Captures),
    patterns: &[String],
    hay: &[u8],
    lines: &[(usize, usize)],
) -> usize {
    let all = Search::default();
    let captures = |cache: &mut ferrex::Cache, caps: &mut ferrex::Captures, search: &Search| {
        let mut state = FindState::new(re, hay.len(), search).unwrap();
        let mut n = 0;
        while state.next_captures(re, cache, hay, caps).unwrap().is_some() {
            n += 1;
        }
        n
    };
    match model {
        "count" => re.count(Some(cache), hay, &all).unwrap(),
        "count-spans" => {
            let mut out = [Match::default(); 64];
            let mut state = FindState::new(re, hay.len(), &all).unwrap();
            let mut n = 0;
            loop {
                let k = state.next_batch(re, cache, hay, &mut out).unwrap();
                n += k;
                if k < out.len() {
                    break n;
                }
            }
        }
        "captures" => captures(cache, caps, &all),
        "is-match" => usize::from(re.is_match(Some(cache), hay, &all).unwrap()),
        "find" => re.find(Some(cache), hay, &all).unwrap().map_or(0, |m| m.end),
        "grep" => {
            lines.iter().filter(|&&(s, e)| re.is_match(Some(&mut *cache), hay, &Search::bounds(s, e)).unwrap()).count()
        }
        "grep-captures" => lines.iter().map(|&(s, e)| captures(&mut *cache, &mut *caps, &Search::bounds(s, e))).sum(),
        _ => Regex::with_options(patterns, Flags::empty(), &Options::new()).unwrap().pattern_count(),
    }
}

/// The same model's answer by the meta regex (its own pool's cache, and
/// `cache` for grep's bounded searches).
fn meta_model(
    model: &str,
    (re, cache): (&meta::Regex, &mut meta::Cache),
    patterns: &[String],
    hay: &[u8],
    lines: &[(usize, usize)],
) -> usize {
    match model {
        "count" => re.find_iter(hay).count(),
        "count-spans" => re.find_iter(hay).filter(|m| m.start() <= m.end()).count(),
        "captures" => re.captures_iter(hay).filter(|c| c.is_match()).count(),
        "is-match" => usize::from(re.is_match(hay)),
        "find" => re.find(hay).map_or(0, |m| m.end()),
        "grep" => lines
            .iter()
            .filter(|&&(s, e)| re.search_with(cache, &Input::new(hay).range(s..e).earliest(true)).is_some())
            .count(),
        "grep-captures" => lines
            .iter()
            .map(|&(s, e)| re.captures_iter(Input::new(hay).range(s..e)).filter(|c| c.is_match()).count())
            .sum(),
        _ => meta_regex(patterns).unwrap().pattern_len(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let regexes: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/bench/rebar/haystacks/opensubtitles/");
    let mut haystacks = Vec::new();
    for (name, file, len) in
        [("en", "en-sampled.txt", 200_000), ("ru", "ru-sampled.txt", 200_000), ("zh", "zh-sampled.txt", 100_000)]
    {
        let mut hay = std::fs::read(format!("{dir}{file}")).unwrap_or_else(|e| panic!("{dir}{file}: {e}"));
        hay.truncate(len);
        while std::str::from_utf8(&hay).is_err() {
            hay.pop();
        }
        // Each line's span, without its newline.
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, &b) in hay.iter().enumerate() {
            if b == b'\n' {
                lines.push((start, i));
                start = i + 1;
            }
        }
        haystacks.push((name, hay, lines));
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut rows: Vec<(f64, String)> = Vec::new();
    let mut mismatches = 0;
    for _ in 0..regexes {
        let count = if rng.below(6) == 0 { 2 + rng.below(4) } else { 1 };
        let patterns: Vec<String> = (0..count).map(|_| pattern(&mut rng)).collect();
        let (name, hay, lines) = &haystacks[rng.below(haystacks.len())];
        let (Ok(re), Some(reference)) =
            (Regex::with_options(&patterns, Flags::empty(), &Options::new()), meta_regex(&patterns))
        else {
            continue;
        };
        let (mut cache, mut caps, mut meta_cache) = (re.create_cache(), re.create_captures(), reference.create_cache());
        for model in MODELS {
            let (mut best, mut best_meta) = (f64::MAX, f64::MAX);
            for round in 0..5 {
                let t = Instant::now();
                let mine = ferrex_model(model, (&re, &mut cache, &mut caps), &patterns, hay, lines);
                let took = t.elapsed().as_secs_f64();
                let t = Instant::now();
                let theirs = meta_model(model, (&reference, &mut meta_cache), &patterns, hay, lines);
                let took_meta = t.elapsed().as_secs_f64();
                if mine != theirs {
                    mismatches += 1;
                    println!("MISMATCH {model} {patterns:?} over {name}: ferrex {mine}, meta regex {theirs}");
                    break;
                }
                (best, best_meta) = (best.min(took), best_meta.min(took_meta));
                if round == 0 && took.max(took_meta) > 0.3 {
                    break; // one round of a slow cell is enough to list it
                }
            }
            let ratio = best / best_meta;
            rows.push((
                ratio,
                format!(
                    "{ratio:8.2}x  {model:13} {name}  {:>10.1} us / {:>10.1} us  {patterns:?}",
                    best * 1e6,
                    best_meta * 1e6
                ),
            ));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!("ferrex / meta regex, worst first (ferrex's time / the meta regex's):");
    for (_, row) in rows.iter().take(25) {
        println!("{row}");
    }
    let geomean = (rows.iter().map(|r| r.0.ln()).sum::<f64>() / rows.len() as f64).exp();
    println!("geometric mean {geomean:.3} over {} cells; {mismatches} counts differed", rows.len());
}
