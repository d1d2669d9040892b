//! overhead: what libferrex's C API costs over the Rust crates it wraps.
//! Calls libferrex.so through extern "C" declarations, as a C program
//! would, and puts the same questions to the regex crate, regex-automata's
//! meta::Regex (with an explicit Cache) and PCRE2 JIT. Every case's
//! answers are cross-checked before timing; timing follows
//! bench/rust/timing (calibrated batches), interleaved over the implementations of a case.
//! Prints a markdown report on stdout (and to --out FILE).
//!
//! usage: overhead [--budget-ms N] [--out FILE]

mod captures;
mod case;
#[allow(dead_code)] // shared with the parity benchmark, which uses more of it
mod ferrex_ffi;
mod find;
mod inputs;
mod is_match;
mod iterate;
mod pcre2_ffi;
mod report;

use std::fmt::Write;
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "usage: overhead [--budget-ms N] [--out FILE]";

struct Args {
    /// The measuring budget per case (shared by its implementations).
    budget: Duration,
    out: Option<String>,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { budget: Duration::from_millis(1000), out: None };
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--budget-ms" => {
                let v = argv.next().ok_or("--budget-ms needs a number")?;
                let ms = v.parse().map_err(|_| format!("--budget-ms: not a whole number of milliseconds: {v:?}"))?;
                args.budget = Duration::from_millis(ms);
            }
            "--out" => args.out = Some(argv.next().ok_or("--out needs a file name")?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// At most `n` bytes of `s` from `at`, escaped for a markdown code span.
fn excerpt(s: &str, at: usize, n: usize) -> String {
    format!("{:?}", &s[at..(at + n).min(s.len())])
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("overhead: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1))?;
    let find_hay = inputs::find_haystack();
    let words_hay = inputs::words_haystack();
    let captures_hay = inputs::SHORT[0].1;

    let mut doc = String::new();
    let _ = writeln!(
        doc,
        "# C API overhead: libferrex {} vs the regex crate, meta::Regex and PCRE2 JIT\n",
        ferrex_ffi::version()
    );
    let _ = writeln!(doc, "Command: `make bench-overhead` (`bench/work/bin/overhead --out bench/results/overhead.md`).\n");
    let _ = writeln!(doc, "Median ns per operation over interleaved samples (bench/rust/timing: calibrated batches, {} ms budget per case); ÷ columns: this row's time over the (first) regex crate row's / PCRE2 JIT's in the same case (below 1 is faster).\n", args.budget.as_millis());
    let _ = writeln!(doc, "## Inputs\n");
    let _ = writeln!(
        doc,
        "- is-match: `{}` on 16-byte haystacks and on 64-byte ones (the same, after 48 bytes of digit-free text):",
        inputs::DATE
    );
    for (label, short) in inputs::SHORT {
        let _ = writeln!(doc, "  - {label}: `{short:?}` and `{:?}`", inputs::padded(short));
    }
    let _ = writeln!(doc, "- find: first match of `{}` in {} bytes of seeded lowercase words with no digit but one date at byte {}: starts {}, ..., {}", inputs::DATE, find_hay.len(), inputs::FIND_AT, excerpt(&find_hay, 0, 40), excerpt(&find_hay, inputs::FIND_AT - 10, 30));
    let _ = writeln!(doc, "- iterate: every match of `{}` in {} bytes of {} seeded words of 1-10 lowercase letters (one operation = all of them): starts {}", inputs::WORD, words_hay.len(), inputs::WORDS, excerpt(&words_hay, 0, 40));
    let _ = writeln!(doc, "- captures: group spans of `{}` in `{captures_hay:?}`", inputs::DATE_GROUPS);
    let _ = writeln!(doc, "\nNotes: ferrex, regex and meta use their default (Unicode) `\\d`, PCRE2 its default ASCII one; the inputs are ASCII, where both agree. meta::Regex is built with its defaults and the regex crate's feature set (no full DFAs), so it is the engine the regex crate wraps; the regex crate's is_match runs meta's search_half (earliest), while meta's is_match_with runs its strategy's is_match, which can take another path. In the iterate case, regex's find_iter().count() finds match ends only (Matches::count skips the reverse scan for starts); every other row produces each match's span.\n");

    let mut rows = Vec::new();
    for (label, short) in inputs::SHORT {
        rows.extend(is_match::run(&format!("is-match 16 B, {label}"), short, args.budget)?);
    }
    for (label, short) in inputs::SHORT {
        rows.extend(is_match::run(&format!("is-match 64 B, {label}"), &inputs::padded(short), args.budget)?);
    }
    rows.extend(find::run("find in 1 MiB, match near the end", &find_hay, args.budget)?);
    rows.extend(iterate::run(&format!("iterate {} matches", inputs::WORDS), &words_hay, args.budget)?);
    rows.extend(captures::run("captures, 3 groups, 16 B", captures_hay, args.budget)?);

    let _ = writeln!(doc, "## Results\n");
    doc.push_str(&report::table(&rows));
    print!("{doc}");
    if let Some(path) = args.out {
        std::fs::write(&path, &doc).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("overhead: wrote {path}");
    }
    Ok(())
}
