//! Conformance: rust-lang/regex's engine-independent test suite run through
//! libferrex's C ABI, so that ferrex answers exactly as Rust's regex engines
//! do and every flag, bound, anchor, match kind and capture is wired right.
//!
//! The suite is the `*.toml` files (regex-test format) in tests/data/regex/;
//! `FERREX_TESTDATA=DIR` runs those of another directory instead. For each
//! test the runner calls the exported `ferrex_*` functions with raw pointers
//! as C would (see conformance/ffi.rs) and checks, as regex-automata's own
//! meta-engine suite does:
//! - compiling (or, for `compiles = false`, failing to compile);
//! - is-match;
//! - for leftmost and earliest searches: find, all matches (ferrex_iter,
//!   ferrex_regex_find_all), captures and all captures, and every search
//!   after a match (FERREX_SEARCH_AFTER_MATCH) (match-limit caps the
//!   iterations);
//! - for overlapping searches: the set query ferrex_regex_which_matches.
//!   The C API has no overlapping iterator, so only which patterns match
//!   is checked, not each overlapping span (regex-automata's meta suite
//!   checks the same).
//!
//! It prints one line per failed check, per-file counts, the skipped tests
//! with their reasons (all from conformance/skips.rs), the skipped count and
//! finally `conformance: N passed, M failed`; it exits non-zero if any test
//! failed.
//!
//! Run it with `cargo test -p ferrex-capi --test conformance`.

#[path = "conformance/checks.rs"]
mod checks;
#[path = "conformance/ffi.rs"]
mod ffi;
#[path = "conformance/long.rs"]
mod long;
#[path = "conformance/skips.rs"]
mod skips;
#[path = "conformance/spec.rs"]
mod spec;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use engine::testing::{with_path, Forced};
use spec::{RegexTest, SearchKind};

enum Outcome {
    Pass,
    /// One `operation: what differed` per failed check.
    Fail(Vec<String>),
    Skip(&'static str),
}

/// Runs every check that applies to `test`.
fn run_test(test: &RegexTest) -> Outcome {
    if let Some(reason) = skips::skip_reason(test) {
        return Outcome::Skip(reason);
    }
    let mut failures = vec![];
    let mut record = |operation: &str, check: checks::Check| {
        if let Err(diff) = check {
            failures.push(format!("{operation}: {diff}"));
        }
    };
    if !test.compiles {
        record("compile", checks::compile_fails(test));
    } else {
        match checks::compile(test) {
            Err(diff) => record("compile", Err(diff)),
            Ok(re) => {
                record("is_match", checks::is_match(&re, test));
                match test.search_kind {
                    SearchKind::Overlapping => record("which_matches", checks::which_matches(&re, test)),
                    SearchKind::Leftmost | SearchKind::Earliest => {
                        record("find", checks::find(&re, test));
                        record("find_iter", checks::find_iter(&re, test));
                        record("find_iter_batch", checks::batch_iter(&re, test));
                        record("count", checks::count(&re, test));
                        record("find_all", checks::find_all(&re, test));
                        record("after_a_match", checks::after_a_match(&re, test));
                        record("captures", checks::captures(&re, test));
                        record("captures_iter", checks::captures_iter(&re, test));
                        record("captures_iter_spans", checks::spans_iter(&re, test));
                        record("captures_iter_spans_batch", checks::spans_batch_iter(&re, test));
                    }
                }
            }
        }
    }
    if failures.is_empty() {
        Outcome::Pass
    } else {
        Outcome::Fail(failures)
    }
}

/// A panic in the runner (ferrex itself turns its panics into statuses)
/// fails that test and lets the others run.
fn run_test_catching_panics(test: &RegexTest) -> Outcome {
    catch_unwind(AssertUnwindSafe(|| run_test(test))).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        Outcome::Fail(vec![format!("runner panicked: {message}")])
    })
}

/// The test's inputs, enough to reproduce a failure: patterns, haystack
/// (escaped, cut if long) and every option that is not the default.
fn describe(test: &RegexTest) -> String {
    let mut hay: String = test.haystack.escape_ascii().to_string();
    if hay.len() > 80 {
        let cut = (0..=77).rev().find(|&i| hay.is_char_boundary(i)).unwrap_or(0);
        hay = format!("{}...", &hay[..cut]);
    }
    let mut out = match &test.regex {
        spec::Regexes::One(p) => format!("regex {p:?}"),
        spec::Regexes::Many(ps) => format!("regexes {ps:?}"),
    };
    out += &format!(" haystack \"{hay}\"");
    if let Some(b) = test.bounds {
        out += &format!(" bounds {b:?}");
    }
    let flags = [
        (test.anchored, "anchored"),
        (test.case_insensitive, "case-insensitive"),
        (!test.unicode, "unicode=false"),
        (!test.utf8, "utf8=false"),
    ];
    for (_, name) in flags.iter().filter(|(on, _)| *on) {
        out += &format!(" {name}");
    }
    if test.match_kind != spec::MatchKind::LeftmostFirst {
        out += &format!(" match-kind {:?}", test.match_kind);
    }
    if test.search_kind != SearchKind::Leftmost {
        out += &format!(" search-kind {:?}", test.search_kind);
    }
    if let Some(limit) = test.match_limit {
        out += &format!(" match-limit {limit}");
    }
    out
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: usize,
    skipped: usize,
}

fn data_dir() -> PathBuf {
    match std::env::var_os("FERREX_TESTDATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regex"),
    }
}

/// The directory's `*.toml` files, sorted so the output is stable.
fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = vec![];
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn main() -> ExitCode {
    let dir = data_dir();
    let files = match toml_files(&dir) {
        Ok(files) if !files.is_empty() => files,
        Ok(_) => {
            println!("FAIL no *.toml files in {}", dir.display());
            println!("conformance: 0 passed, 1 failed");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            println!("FAIL {e}");
            println!("conformance: 0 passed, 1 failed");
            return ExitCode::FAILURE;
        }
    };
    println!("conformance: {} files from {}", files.len(), dir.display());
    // Load once; the suite then runs once per engine path (and once with
    // NULL searches spelled out).
    let loaded: Vec<(String, Result<Vec<RegexTest>, String>)> = files
        .iter()
        .map(|path| {
            let group = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            (group, spec::load_file(path).map_err(|e| format!("cannot load {}: {e}", path.display())))
        })
        .collect();

    let mut total = Tally::default();
    let mut skipped = vec![];
    for (label, path, spelled) in RUNS {
        let per_file = checks::spelling_out(spelled, || with_path(path, || run_suite(&loaded, label, &mut skipped)));
        let mut sum = Tally::default();
        println!();
        println!("paths: {label}");
        println!("{:<24} {:>6} {:>6} {:>7}", "file", "passed", "failed", "skipped");
        for (group, t) in &per_file {
            println!("{group:<24} {:>6} {:>6} {:>7}", t.passed, t.failed, t.skipped);
            sum.passed += t.passed;
            sum.failed += t.failed;
            sum.skipped += t.skipped;
        }
        println!(
            "{label}: {} passed, {} failed, {} skipped (long-haystack variants included)",
            sum.passed, sum.failed, sum.skipped
        );
        total.passed += sum.passed;
        total.failed += sum.failed;
        total.skipped += sum.skipped;
    }
    skipped.sort();
    skipped.dedup();
    if !skipped.is_empty() {
        println!();
        for line in &skipped {
            println!("{line}");
        }
    }
    println!();
    println!("conformance: {} skipped", total.skipped);
    println!("conformance: {} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The engine paths the suite runs through (engine::testing): the engine's
/// own choice, then every query forced through the meta regex, then
/// through ferrex's own DFAs wherever they can answer; and the engine's
/// choice again with whole-haystack searches passed spelled out instead
/// of as NULL (`checks::spelling_out`).
const RUNS: [(&str, Option<Forced>, bool); 4] = [
    ("the engine's choice", None, false),
    ("the meta regex only", Some(Forced::Meta), false),
    ("ferrex's own paths", Some(Forced::Own), false),
    ("the engine's choice, searches spelled out", None, true),
];

/// Every test of every file, and each test's long-haystack variants, on
/// the current path: a tally per file; failures are printed as found.
fn run_suite(
    loaded: &[(String, Result<Vec<RegexTest>, String>)],
    label: &str,
    skipped: &mut Vec<String>,
) -> Vec<(String, Tally)> {
    let mut per_file = vec![];
    for (group, tests) in loaded {
        let mut tally = Tally::default();
        match tests {
            Err(e) => {
                // A file we cannot read is a failure: its tests did not run.
                println!("FAIL {group}: {e}");
                tally.failed += 1;
            }
            Ok(tests) => {
                for test in tests {
                    let variants = if skips::skip_reason(test).is_some() { vec![] } else { long::variants(test) };
                    for test in std::iter::once(test).chain(&variants) {
                        match run_test_catching_panics(test) {
                            Outcome::Pass => tally.passed += 1,
                            Outcome::Fail(diffs) => {
                                tally.failed += 1;
                                let inputs = describe(test);
                                for diff in diffs {
                                    println!("FAIL [{label}] {} {diff} | {inputs}", test.full_name());
                                }
                            }
                            Outcome::Skip(reason) => {
                                tally.skipped += 1;
                                skipped.push(format!("SKIP {}: {reason}", test.full_name()));
                            }
                        }
                    }
                }
            }
        }
        per_file.push((group.clone(), tally));
    }
    per_file
}
