//! Phrase-set build time on hostile inputs: long phrases that repeat
//! themselves (quadratic DFA builds in aho-corasick), nested suffixes
//! (quadratic match lists under the standard kind), every byte value,
//! 100,000 phrases, ASCII case folding. One case per run, so that a slow
//! build can be cut short by `timeout`:
//!
//!   cargo run --release -p ferrex --example phrase_build_time -- CASE AUTOMATON KIND [fold|unicode]
//!
//! CASE: a128k a1m ab128k every128k every1m rand128k rand1m nested n100k
//! words100k bytes256, or a:N cycle:P:N rand:N nested:K:N; AUTOMATON:
//! auto nfa cnfa dfa; KIND: std lf ll.

use std::time::Instant;

use ferrex::{PhraseAutomaton, PhraseMatchKind, PhraseOptions, PhraseSet};

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn phrases(case: &str) -> Vec<Vec<u8>> {
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    match case {
        "a128k" => vec![vec![b'a'; 128 << 10]],
        "a1m" => vec![vec![b'a'; 1 << 20]],
        "ab128k" => vec![b"ab".repeat(64 << 10)],
        "every128k" => vec![(0..=255u8).cycle().take(128 << 10).collect()],
        "every1m" => vec![(0..=255u8).cycle().take(1 << 20).collect()],
        "rand128k" => vec![(0..128 << 10).map(|_| xorshift(&mut rng) as u8).collect()],
        "rand1m" => vec![(0..1 << 20).map(|_| xorshift(&mut rng) as u8).collect()],
        // "a", "aa", ..., 1,000 a's, and a 1 MiB run of a's.
        "nested" => (1..=1000).map(|n| vec![b'a'; n]).chain([vec![b'a'; 1 << 20]]).collect(),
        "n100k" => (0..100_000).map(|i| format!("p{i:06}").into_bytes()).collect(),
        "words100k" => (0..100_000)
            .map(|_| {
                let n = 3 + (xorshift(&mut rng) % 10) as usize;
                (0..n).map(|_| b'a' + (xorshift(&mut rng) % 26) as u8).collect()
            })
            .collect(),
        "bytes256" => (0..=255u8).map(|b| vec![b; 3]).collect(),
        // Parameterised shapes, to find where the bounds cut in: a run of N
        // a's, a cycle of P bytes over N bytes, N random bytes, and K nested
        // runs of a with one of N.
        _ => {
            let num = |s: &str| s.parse::<usize>().expect("a number");
            match case.split(':').collect::<Vec<_>>().as_slice() {
                ["a", n] => vec![vec![b'a'; num(n)]],
                ["cycle", p, n] => vec![(0..num(n)).map(|i| (i % num(p)) as u8).collect()],
                ["rand", n] => vec![(0..num(n)).map(|_| xorshift(&mut rng) as u8).collect()],
                ["nested", k, n] => (1..=num(k)).map(|i| vec![b'a'; i]).chain([vec![b'a'; num(n)]]).collect(),
                _ => panic!("unknown case {case}"),
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [case, automaton, kind, rest @ ..] = args.as_slice() else {
        panic!("usage: phrase_build_time CASE AUTOMATON KIND [fold|unicode]");
    };
    let opts = PhraseOptions::new()
        .automaton(match automaton.as_str() {
            "auto" => PhraseAutomaton::Auto,
            "nfa" => PhraseAutomaton::Nfa,
            "cnfa" => PhraseAutomaton::ContiguousNfa,
            "dfa" => PhraseAutomaton::Dfa,
            other => panic!("unknown automaton {other}"),
        })
        .match_kind(match kind.as_str() {
            "std" => PhraseMatchKind::Standard,
            "lf" => PhraseMatchKind::LeftmostFirst,
            "ll" => PhraseMatchKind::LeftmostLongest,
            other => panic!("unknown kind {other}"),
        })
        .ascii_case_insensitive(rest.first().is_some_and(|f| f == "fold"))
        .unicode_case_insensitive(rest.first().is_some_and(|f| f == "unicode"));
    let list = phrases(case);
    let started = Instant::now();
    let built = PhraseSet::new(&list, &opts);
    let secs = started.elapsed().as_secs_f64();
    let fold = rest.first().map_or(String::new(), |f| format!(" {f}"));
    match built {
        Ok(set) => println!(
            "{case} {automaton} {kind}{fold}: {secs:.3} s, {:?}, {} MiB",
            set.automaton(),
            set.memory_usage() >> 20
        ),
        Err(e) => println!("{case} {automaton} {kind}{fold}: {secs:.3} s, refused: {e}"),
    }
}
