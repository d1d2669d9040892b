//! A broad sweep of ferrex's engine crate against the meta regex
//! configured as the regex crate builds it (no full DFA): 47 patterns
//! (DFA blow-ups, Unicode classes and word boundaries, empty matches,
//! case folding, literals, anchors) over English, Russian, Chinese and
//! random binary text, prefixes of 64 B, 4 KiB and about 1 MB, five
//! questions each: compile and count once, is-match, find, count and
//! count-spans. Every answer is checked equal; each cell is ferrex's time
//! over the meta regex's (best of rounds, interleaved), the worst listed
//! last. Not a benchmark of record: a search for shapes where ferrex's
//! own paths lose, which found the empty-match reads (examples/
//! empty_match_time.rs).
//!
//!   cargo run --release -p ferrex --example sweep_vs_meta
//!
//! The haystacks are rebar's opensubtitles samples beside this checkout
//! (../shared/bench/rebar/haystacks/opensubtitles/).

use regex_automata::{meta, util::iter::Searcher, Input};
use std::hint::black_box;
use std::time::Instant;

fn time<F: FnMut() -> usize>(mut f: F, budget_ns: u128) -> (f64, usize) {
    let t0 = Instant::now();
    let mut n = 0u64;
    let mut r = 0;
    while n < 3 || t0.elapsed().as_nanos() < budget_ns {
        r = f();
        n += 1;
        if n > 1_000_000 {
            break;
        }
    }
    (t0.elapsed().as_nanos() as f64 / n as f64, r)
}

/// The questions, in the order of each row's cells.
const QUESTIONS: [&str; 5] = ["compile+count", "is-match", "find", "count", "count-spans"];

fn main() {
    let sh = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/bench/rebar/haystacks/opensubtitles/");
    let en = std::fs::read(format!("{sh}en-sampled.txt")).unwrap();
    let ru = std::fs::read(format!("{sh}ru-sampled.txt")).unwrap();
    let zh = std::fs::read(format!("{sh}zh-sampled.txt")).unwrap();
    let mut x: u64 = 88172645463325252;
    let mut rnd = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let bin: Vec<u8> = (0..1 << 20).map(|_| b'0' + rnd(2) as u8).collect();
    let ab: Vec<u8> = (0..1 << 20).map(|_| b'a' + rnd(2) as u8).collect();
    let aaa = vec![b'a'; 1 << 20];
    let hays: Vec<(&str, &[u8])> =
        vec![("en", &en), ("ru", &ru), ("zh", &zh), ("bin", &bin), ("ab", &ab), ("aaa", &aaa)];
    let pats: &[(&str, &str)] = &[
        (r"[01]*1[01]{12}", "bin"),
        (r"1[01]{14}$", "bin"),
        (r"(?:a|b)*a(?:a|b){15}", "ab"),
        (r"a[ab]{20}b", "ab"),
        (r"\w{20}", "ru"),
        (r"\b\w+\b", "ru"),
        (r"\b\w+\b", "en"),
        (r"\w+", "zh"),
        (r".", "zh"),
        (r"\p{Greek}+", "en"),
        (r"(?i)sherlock holmes", "en"),
        (r"[a-zA-Z]+ing", "en"),
        (r"(?m)^\w+:", "en"),
        (r"a{100}", "aaa"),
        (r"a{100}b", "aaa"),
        (r"x*", "en"),
        (r"[^\n]*Holmes[^\n]*", "en"),
        (r"(?s).{50}", "en"),
        (r"(?:foo|bar|baz)+quux", "en"),
        (r"\d{3}-\d{4}", "en"),
        (r"[\x{400}-\x{4ff}]+", "ru"),
        (r"\B\w\B", "en"),
        (r"(?-u:\w)+", "ru"),
        (r"\w+@\w+\.com", "en"),
        (r"(?i)\bthe\b", "en"),
        (r"\s+$", "en"),
        (r"(?m)\s+$", "en"),
        (r"(?m)^$", "en"),
        (r"[a-z]{3,}\s[a-z]{3,}\s[a-z]{3,}", "en"),
        (r"(?i)[a-z]{25,}", "en"),
        (r"\w+\s+Holmes\s+\w+", "en"),
        (r"(?:[a-z]+\s){5}", "en"),
        (r"\b[A-Z][a-z]+\b", "ru"),
        (r"(?m)^.{80,}$", "zh"),
        (r"[^a-z]{10}", "en"),
        (r"(?u)\W+", "zh"),
        (r"\b", "en"),
        (r"(?:\p{L}\p{M}*){3}", "ru"),
        (r"Шерлок|Холмс", "ru"),
        (r"[йцук]+\s", "ru"),
        (r"(a|aa)*b", "aaa"),
        (r"(?:a*)*b", "aaa"),
        (r"a*a*a*a*a*b", "aaa"),
        (r"[a-q][^u-z]{13}x", "en"),
        (r"(?i)(?:ab|cd|ef|gh|ij|kl|mn|op|qr|st)+z", "en"),
        (r"\$\d+(?:\.\d\d)?", "en"),
        (r"(?x) \d+ \s* (?:am|pm)", "en"),
    ];
    let sizes = [64usize, 4096, 1 << 20];
    println!(
        "{:<42} {:>4} {:>8} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "pattern", "hay", "len", "comp+cnt", "is-match", "find", "count", "spans"
    );
    let mut worst = vec![];
    for &(p, h) in pats {
        let text = hays.iter().find(|x| x.0 == h).unwrap().1;
        for &len in &sizes {
            let mut len = len.min(text.len());
            while len < text.len() && (text[len] & 0xC0) == 0x80 {
                len += 1;
            }
            let hay = &text[..len];
            let cfg = meta::Config::new()
                .dfa(false)
                .utf8_empty(true)
                .hybrid_cache_capacity(2 * (1 << 20))
                .nfa_size_limit(Some(10 << 20));
            let mut row = vec![];
            // compile + first count
            let budget = if len > 100_000 { 150_000_000 } else { 30_000_000 };
            for round in 0..3 {
                let (tm, cm) = time(
                    || {
                        let re = meta::Builder::new().configure(cfg.clone()).build(p).unwrap();
                        let mut c = re.create_cache();
                        let mut it = Searcher::new(Input::new(black_box(hay)));
                        let mut n = 0;
                        while it.advance(|i| Ok(re.search_with(&mut c, i))).is_some() {
                            n += 1;
                        }
                        n
                    },
                    budget / 3,
                );
                let (tf, cf) = time(
                    || {
                        let re = ferrex::Regex::new(p).unwrap();
                        let mut c = re.create_cache();
                        re.count(Some(&mut c), black_box(hay), &ferrex::Search::default()).unwrap()
                    },
                    budget / 3,
                );
                assert_eq!(cm, cf, "{p} {h} {len}");
                if round == 0 {
                    row.push((tf, tm));
                } else {
                    let r = row.last_mut().unwrap();
                    r.0 = r.0.min(tf);
                    r.1 = r.1.min(tm);
                }
            }
            let re = meta::Builder::new().configure(cfg.clone()).build(p).unwrap();
            let mut mc = re.create_cache();
            let fx = ferrex::Regex::new(p).unwrap();
            let mut fc = fx.create_cache();
            let all = ferrex::Search::default();
            for q in 0..4 {
                let mut best = (f64::MAX, f64::MAX);
                for _ in 0..5 {
                    let (tm, rm) = match q {
                        0 => time(
                            || {
                                re.search_half_with(&mut mc, &Input::new(black_box(hay)).earliest(true)).is_some()
                                    as usize
                            },
                            budget / 20,
                        ),
                        1 => time(
                            || re.search_with(&mut mc, &Input::new(black_box(hay))).map_or(0, |m| m.end()),
                            budget / 20,
                        ),
                        2 => time(
                            || {
                                let mut it = Searcher::new(Input::new(black_box(hay)));
                                let mut n = 0;
                                while it.advance(|i| Ok(re.search_with(&mut mc, i))).is_some() {
                                    n += 1;
                                }
                                n
                            },
                            budget / 20,
                        ),
                        _ => time(
                            || {
                                let mut it = Searcher::new(Input::new(black_box(hay)));
                                let mut n = 0;
                                while let Some(m) = it.advance(|i| Ok(re.search_with(&mut mc, i))) {
                                    n += m.len();
                                }
                                n
                            },
                            budget / 20,
                        ),
                    };
                    let (tf, rf) = match q {
                        0 => time(|| fx.is_match(Some(&mut fc), black_box(hay), &all).unwrap() as usize, budget / 20),
                        1 => time(
                            || fx.find(Some(&mut fc), black_box(hay), &all).unwrap().map_or(0, |m| m.end),
                            budget / 20,
                        ),
                        2 => time(|| fx.count(Some(&mut fc), black_box(hay), &all).unwrap(), budget / 20),
                        _ => time(
                            || {
                                fx.find_iter(Some(&mut fc), black_box(hay), &all)
                                    .unwrap()
                                    .map(|m| m.end - m.start)
                                    .sum()
                            },
                            budget / 20,
                        ),
                    };
                    assert_eq!(rm, rf, "{p} {h} {len} q{q}");
                    best = (best.0.min(tf), best.1.min(tm));
                }
                row.push(best);
            }
            print!("{:<42} {:>4} {:>8}", p, h, len);
            for (f, m) in &row {
                print!(" {:>7.2}", f / m);
            }
            println!("   (meta comp1 {:.0} ns, find {:.0} ns)", row[0].1, row[2].1);
            for (i, (f, m)) in row.iter().enumerate() {
                worst.push((f / m, format!("{p} {h} {len} {}", QUESTIONS[i])));
            }
        }
    }
    worst.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    println!("\nworst:");
    for w in worst.iter().take(25) {
        println!("{:.2} {}", w.0, w.1);
    }
    let g = (worst.iter().map(|w| w.0.ln()).sum::<f64>() / worst.len() as f64).exp();
    println!("geomean {g:.3} over {}", worst.len());
}
