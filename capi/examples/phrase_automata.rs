//! Phrase-set scan cost per automaton, through the C API, against the regex
//! engine (regex-automata's meta regex, what Rust's regex crate runs) on an
//! alternation of the escaped phrases, longest first (= leftmost-longest).
//! Deterministic inputs; medians of repeated runs; read the ratios.
//! Run: cargo run --release -p ferrex-capi --example phrase_automata [PHRASES]

use std::hint::black_box;
use std::ptr;
use std::time::Instant;

use ferrex::*; // the capi crate's extern "C" functions
use regex_automata::{meta, util::syntax};

const ROUNDS: usize = 21;

/// xorshift words over a small vocabulary, so phrases really occur.
struct Words(u64);

impl Words {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }

    fn word(&mut self) -> String {
        let syllables = ["ka", "to", "ri", "mu", "sen", "lo", "da", "vi", "ne", "po", "gra", "ul"];
        (0..2 + self.next() % 3).map(|_| syllables[self.next() % syllables.len()]).collect()
    }
}

fn median_us(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut count = 0;
    let mut samples: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            count = black_box(f());
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[ROUNDS / 2], count)
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let mut words = Words(0x2545_F491_4F6C_DD1D);
    let phrases: Vec<String> =
        (0..n).map(|i| if i % 4 == 0 { format!("{} {}", words.word(), words.word()) } else { words.word() }).collect();
    let mut text = String::new();
    while text.len() < 100_000 {
        text.push_str(&words.word());
        text.push(if words.next() % 9 == 0 { '\n' } else { ' ' });
    }
    let hay = text.as_bytes();

    let mut sorted = phrases.clone();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alternation = sorted.iter().map(|p| regex_syntax::escape(p)).collect::<Vec<_>>().join("|");
    let reference = meta::Builder::new()
        .syntax(syntax::Config::new().unicode(false))
        .build(&alternation)
        .expect("the alternation compiles");
    let (base, want) = median_us(|| reference.find_iter(hay).count());
    println!("{n} phrases over {} bytes, leftmost-longest, {want} matches", hay.len());
    println!("{:<28} {:>10} {:>8}", "engine", "median us", "ratio");
    println!("{:<28} {base:>10.1} {:>7.2}x", "regex (meta, alternation)", 1.0);

    // The aho-corasick crate used directly, as its docs recommend (its
    // default automaton choice): what ferrex wraps.
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&phrases)
        .expect("the phrases build");
    let (us, got) = median_us(|| ac.find_iter(hay).count());
    assert_eq!(got, want, "aho-corasick disagrees with the regex engine");
    println!("{:<28} {us:>10.1} {:>7.2}x  ({:?})", "aho-corasick crate", us / base, ac.kind());

    let ptrs: Vec<*const u8> = phrases.iter().map(|p| p.as_ptr()).collect();
    let lens: Vec<usize> = phrases.iter().map(String::len).collect();
    for (name, automaton) in [("ferrex auto", 0u32), ("ferrex NFA", 1), ("ferrex contiguous NFA", 2), ("ferrex DFA", 3)]
    {
        // SAFETY: every pointer is valid for the duration of the calls.
        unsafe {
            let mut opts = ptr::null_mut();
            ferrex_phrase_options_new(&mut opts, ptr::null_mut());
            ferrex_phrase_options_set_automaton(opts, automaton);
            let mut set = ptr::null_mut();
            assert_eq!(
                ferrex_phrases_new(&mut set, ptrs.as_ptr(), lens.as_ptr(), n, opts, ptr::null_mut()),
                ferrex_status::FERREX_OK
            );
            ferrex_phrase_options_free(opts);
            let mut info = std::mem::zeroed::<ferrex_phrases_info>();
            ferrex_phrases_describe(set, &mut info);
            let mut it = ptr::null_mut();
            ferrex_phrase_iter_new(&mut it, set, hay.len(), ptr::null(), 0, ptr::null_mut());
            let mut batch = vec![ferrex_match::default(); 4096];
            let (us, got) = median_us(|| {
                ferrex_phrase_iter_reset(it, hay.len(), ptr::null());
                let (mut total, mut count) = (0, 0);
                while ferrex_phrase_iter_next_batch(
                    it,
                    hay.as_ptr(),
                    hay.len(),
                    batch.as_mut_ptr(),
                    batch.len(),
                    &mut count,
                ) == 1
                {
                    total += count;
                }
                total
            });
            assert_eq!(got, want, "{name} disagrees with the regex engine");
            let built = ["auto", "NFA", "contiguous NFA", "DFA"][info.automaton as usize];
            println!("{:<28} {us:>10.1} {:>7.2}x  ({built}, {} KB)", name, us / base, info.memory_usage / 1024);
            ferrex_phrase_iter_free(it);
            ferrex_phrases_free(set);
        }
    }
}
