//! The result as markdown: what was measured on what, then one table row
//! per implementation and case with its median, spread, and its time
//! divided by the regex crate's and by PCRE2 JIT's in the same case.

use crate::case::{Engine, Row};
use std::fmt::Write;

fn ns(v: f64) -> String {
    if v < 1000.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// This row's median over the case's first row of `engine`.
fn ratio(row: &Row, rows: &[Row], engine: Engine) -> String {
    match rows.iter().find(|r| r.case == row.case && r.engine == engine) {
        Some(reference) if reference.stats.median_ns > 0.0 => {
            format!("{:.2}", row.stats.median_ns / reference.stats.median_ns)
        }
        _ => "-".to_string(),
    }
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    out.push_str("| case | implementation | median ns/op | spread % | samples | ÷ regex | ÷ PCRE2 JIT |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---:|\n");
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.1} | {} | {} | {} |",
            row.case,
            row.imp,
            ns(row.stats.median_ns),
            row.stats.spread_pct,
            row.stats.samples,
            ratio(row, rows, Engine::Regex),
            ratio(row, rows, Engine::Pcre2Jit),
        );
    }
    out
}
