//! The four workload kinds with Rust's own crates, each used the way its
//! docs recommend: the regex crate (`Regex::new` once, `find_iter().count()`,
//! `is_match`), aho-corasick (leftmost-longest, `find_iter().count()`) and
//! `str::to_lowercase`. Each returns its check and its timing.

use crate::fnv::fnv1a32;
use crate::manifest::{read_bytes, read_text, Row};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::hint::black_box;
use std::time::Duration;
use timing::{measure, repeat, Stats};

/// Runs the row's operation once (its result is the check), then measures it.
pub fn run(row: &Row, budget: Duration) -> Result<(String, Stats), String> {
    match row.kind.as_str() {
        "regex-count" => regex_count(row, budget),
        "phrase-count" => phrase_count(row, budget),
        "lowercase" => lowercase(row, budget),
        "is-match-empty" => is_match_empty(row, budget),
        other => Err(format!("{}: unknown workload kind {other:?}", row.name())),
    }
}

fn compile(row: &Row) -> Result<Regex, String> {
    let pattern = read_text(row.arg1()?)?;
    Regex::new(&pattern).map_err(|e| format!("{}: the pattern does not compile:\n{e}", row.name()))
}

fn regex_count(row: &Row, budget: Duration) -> Result<(String, Stats), String> {
    let re = compile(row)?;
    let haystack = read_text(row.arg2()?)?;
    let check = re.find_iter(&haystack).count();
    let stats = measure(&mut repeat(|| re.find_iter(black_box(&haystack)).count() as u64), budget);
    Ok((check.to_string(), stats))
}

/// Phrases are the file's lines (each ends with '\n'), case-sensitive.
fn phrase_count(row: &Row, budget: Duration) -> Result<(String, Stats), String> {
    let file = read_bytes(row.arg1()?)?;
    let phrases: Vec<&[u8]> = file.strip_suffix(b"\n").unwrap_or(&file).split(|&b| b == b'\n').collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .map_err(|e| format!("{}: the phrase set does not build: {e}", row.name()))?;
    let haystack = read_bytes(row.arg2()?)?;
    let check = ac.find_iter(&haystack).count();
    let stats = measure(&mut repeat(|| ac.find_iter(black_box(&haystack)).count() as u64), budget);
    Ok((check.to_string(), stats))
}

/// A new String per call: `str::to_lowercase` has no into-buffer form.
fn lowercase(row: &Row, budget: Duration) -> Result<(String, Stats), String> {
    let text = read_text(row.arg1()?)?;
    let check = format!("{:08x}", fnv1a32(text.to_lowercase().as_bytes()));
    let stats = measure(&mut repeat(|| black_box(&text).to_lowercase().len() as u64), budget);
    Ok((check, stats))
}

fn is_match_empty(row: &Row, budget: Duration) -> Result<(String, Stats), String> {
    let re = compile(row)?;
    let check = u8::from(re.is_match(""));
    let stats = measure(&mut repeat(|| u64::from(re.is_match(black_box("")))), budget);
    Ok((check.to_string(), stats))
}
