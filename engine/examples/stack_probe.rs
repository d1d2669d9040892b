//! Measures how much stack each recursive phase of compiling a pattern
//! takes per level of nesting (the figures behind src/stack.rs).
//!
//! regex-syntax parses and translates with heap stacks, but literal
//! extraction, the Thompson compiler and the meta regex's reverse-inner
//! flattening recurse once per level of the parsed pattern (its `Hir`).
//! For each phase and shape of nesting this finds, by bisection over child
//! processes (a stack overflow aborts the process), the smallest thread
//! stack that survives two depths, and prints the difference per level;
//! then the stack a ferrex compile and its first searches take on the
//! caller's thread, which stays small for deep patterns (src/stack.rs).
//!
//! ```text
//! cargo run -p ferrex --example stack_probe             # debug build
//! cargo run -p ferrex --release --example stack_probe   # release build
//! cargo run -p ferrex --release --example stack_probe caller   # the second table only
//! ```

use std::process::{Command, Stdio};

use regex_automata::{
    meta,
    nfa::thompson::{self, WhichCaptures},
    util::syntax,
};
use regex_syntax::hir::{
    literal::{ExtractKind, Extractor},
    Hir,
};

/// The shapes of nesting, each `levels` deep around `a`.
const SHAPES: &[&str] = &[
    "star", "lazy", "opt", "plus", "exact2", "range13", "atleast2", "upto3", "capture", "capcat", "alt", "altcap",
    "altstar",
];
const PHASES: &[&str] = &["parse", "prefixes", "suffixes", "thompson", "reverse", "meta"];

fn pattern(shape: &str, levels: usize) -> String {
    let (open, close) = match shape {
        "star" => ("(?:", ")*"),
        "capture" => ("(", ")"),
        "lazy" => ("(?:", ")*?"),
        "opt" => ("(?:", ")?"),
        "plus" => ("(?:", ")+"),
        // Each level doubles the NFA: these stop at the NFA size limit,
        // once the recursion has gone all the way down.
        "exact2" => ("(?:", "){2}"),
        "range13" => ("(?:", "){1,3}"),
        "atleast2" => ("(?:", "){2,}"),
        "upto3" => ("(?:", "){0,3}"),
        "capcat" => ("x(", ")"),
        "altcap" => ("(b|", ")"),
        "altstar" => ("(?:b|(?:", ")*)"),
        // Alternation inside concatenation inside alternation: no flattening.
        "alt" => ("(?:b|c", ")"),
        _ => panic!("unknown shape {shape}"),
    };
    format!("{}a{}", open.repeat(levels), close.repeat(levels))
}

fn parse(pattern: &str) -> Hir {
    syntax::parse_with(pattern, &syntax::Config::new().nest_limit(u32::MAX)).unwrap()
}

/// The height of `hir`, counted without recursion.
fn height(hir: &Hir) -> usize {
    let mut todo = vec![(hir, 1)];
    let mut most = 0;
    while let Some((h, d)) = todo.pop() {
        most = most.max(d);
        todo.extend(h.kind().subs().iter().map(|s| (s, d + 1)));
    }
    most
}

fn run_phase(phase: &str, pattern: &str) {
    let hir = parse(pattern);
    match phase {
        "parse" => {}
        "prefixes" => drop(Extractor::new().kind(ExtractKind::Prefix).extract(&hir)),
        "suffixes" => drop(Extractor::new().kind(ExtractKind::Suffix).extract(&hir)),
        "thompson" => {
            let config = thompson::Config::new().which_captures(WhichCaptures::All).nfa_size_limit(Some(10 << 20));
            drop(thompson::Compiler::new().configure(config).build_from_hir(&hir).ok());
        }
        "reverse" => {
            let config = thompson::Config::new()
                .reverse(true)
                .which_captures(WhichCaptures::None)
                .nfa_size_limit(Some(10 << 20));
            drop(thompson::Compiler::new().configure(config).build_from_hir(&hir).ok());
        }
        "meta" => {
            let config = meta::Config::new().dfa(false);
            drop(meta::Builder::new().configure(config).build_from_hir(&hir).ok());
        }
        "ferrex" => {
            let opts = ferrex::Options::new().nesting_limit(ferrex::MAX_NESTING_LIMIT);
            // The doubling shapes fail at the NFA size limit: fine here.
            let Ok(re) = ferrex::Regex::with_options(&[pattern], ferrex::Flags::empty(), &opts) else { return };
            // The parts built on first use, too.
            let earliest = ferrex::Search::default().earliest(true);
            re.is_match(None, b"xa", &ferrex::Search::default()).unwrap();
            re.find(None, b"xa", &earliest).unwrap();
            let mut caps = re.create_captures();
            re.captures(None, b"xa", &earliest, &mut caps).unwrap();
            let mut which = vec![false; 1];
            re.which_matches(None, b"xa", &ferrex::Search::default(), &mut which).unwrap();
            for _ in 0..3 {
                re.find(None, &[b'a'; 100 << 10], &ferrex::Search::default()).unwrap();
            }
        }
        _ => panic!("unknown phase {phase}"),
    }
}

/// Whether `phase` survives on a thread with `stack` bytes (in a child).
fn survives(phase: &str, shape: &str, levels: usize, stack: usize) -> bool {
    let exe = std::env::current_exe().unwrap();
    let args = ["child", phase, shape, &levels.to_string(), &stack.to_string()];
    let status = Command::new(exe).args(args).stderr(Stdio::null()).status().unwrap();
    status.success()
}

/// The smallest stack, to a page, on which `phase` survives.
fn least_stack(phase: &str, shape: &str, levels: usize) -> usize {
    let (mut lo, mut hi) = (4096, 4096);
    while !survives(phase, shape, levels, hi) {
        assert!(hi < 1 << 30, "{phase} {shape} {levels} fails on any stack");
        lo = hi;
        hi *= 2;
    }
    while hi - lo > 4096 {
        let mid = (lo + hi) / 2 / 4096 * 4096;
        if survives(phase, shape, levels, mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        let (phase, shape) = (args[2].clone(), args[3].clone());
        let levels: usize = args[4].parse().unwrap();
        let stack: usize = args[5].parse().unwrap();
        let pattern = pattern(&shape, levels);
        let worker = std::thread::Builder::new().stack_size(stack).spawn(move || run_phase(&phase, &pattern));
        std::process::exit(if worker.unwrap().join().is_ok() { 0 } else { 1 });
    }
    let caller_only = args.get(1).map(String::as_str) == Some("caller");
    let (low, high) = (500, 1500);
    let phases = if caller_only { &[][..] } else { PHASES };
    println!("{:<10} {:<8} {:>10} {:>12} {:>14}", "phase", "shape", "hir/level", "base bytes", "bytes/hir level");
    for phase in phases {
        for shape in SHAPES {
            let (h_low, h_high) = (height(&parse(&pattern(shape, low))), height(&parse(&pattern(shape, high))));
            let per_level = (h_high - h_low) as f64 / (high - low) as f64;
            let (s_base, s_low, s_high) =
                (least_stack(phase, shape, 1), least_stack(phase, shape, low), least_stack(phase, shape, high));
            let per_hir = (s_high - s_low) as f64 / (h_high - h_low) as f64;
            println!("{phase:<10} {shape:<8} {per_level:>10.1} {s_base:>12} {per_hir:>14.0}");
        }
    }
    // What ferrex asks of the caller's thread: a compile and the first
    // searches (which build the lazy parts), by levels of each shape.
    let levels = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 300];
    print!("\ncaller's stack for ferrex::Regex and its first searches, by levels of nesting\n{:<8}", "shape");
    levels.iter().for_each(|n| print!(" {n:>6}"));
    println!();
    for shape in SHAPES {
        print!("{shape:<8}");
        for &n in &levels {
            let pattern = pattern(shape, n);
            let config = syntax::Config::new().nest_limit(ferrex::MAX_NESTING_LIMIT);
            match syntax::parse_with(&pattern, &config) {
                Ok(_) => print!(" {:>6}", least_stack("ferrex", shape, n) >> 10),
                Err(_) => print!(" {:>6}", "-"),
            }
        }
        println!();
    }
}
