//! parity: ferrex against the meta regex it wraps, side by side in one
//! run, for every strategy the meta regex can pick (cases.rs), every query
//! a caller makes (ops.rs) and short and long spans (texts.rs). The meta
//! regex is configured and called as Rust's regex crate configures and
//! calls it, so a ratio above 1 is time ferrex adds to what the regex crate
//! would take. ferrex is measured twice: through its engine crate, where
//! the engine choice (engine/src/strategy.rs) decides, and through its C
//! API, which adds the cost of a call into libferrex.so and its argument
//! checks. Answers are checked equal before anything is timed; timing is
//! bench/rust/timing's (calibrated batches, warm-up, 21 samples), the four
//! interleaved per cell: the fourth is a second copy of the meta regex,
//! timed as the first is, whose ratio to it is the run's noise floor (the
//! same code on the same spans: every difference it shows is the
//! machine's).
//!
//! usage: parity [--budget-ms N] [--filter TEXT] [--out FILE]

#[allow(dead_code)] // the overhead benchmark's bindings; parity uses most of them
#[path = "../../overhead/src/ferrex_ffi.rs"]
mod ferrex_ffi;

mod cases;
mod ops;
mod texts;

use std::fmt::Write;
use std::process::ExitCode;
use std::time::Duration;

use regex_automata::{meta, util::syntax, MatchKind};

use cases::{Case, CASES};
use ops::{Engine, Ferrex, Meta, Model, MODELS};
use texts::{Text, Texts, LENGTHS};

const USAGE: &str = "usage: parity [--budget-ms N] [--filter TEXT] [--out FILE]";

struct Args {
    budget: Duration,
    filter: Option<String>,
    out: Option<String>,
}

fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { budget: Duration::from_millis(150), filter: None, out: None };
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--budget-ms" => {
                let v = argv.next().ok_or("--budget-ms needs a number")?;
                let ms = v.parse().map_err(|_| format!("--budget-ms: not a whole number: {v:?}"))?;
                args.budget = Duration::from_millis(ms);
            }
            "--filter" => args.filter = Some(argv.next().ok_or("--filter needs a text")?),
            "--out" => args.out = Some(argv.next().ok_or("--out needs a file name")?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// The meta regex for a case, as the regex crate builds it (leftmost-first,
/// or All for a set query as RegexSet does), with the case's flags.
fn reference(case: &Case, kind: MatchKind) -> Result<meta::Regex, String> {
    let unicode = case.flags & (1 << 5) == 0;
    let utf8 = case.flags & (1 << 6) == 0;
    let syntax = syntax::Config::new().unicode(unicode).utf8(utf8).case_insensitive(case.flags & cases::CASELESS != 0);
    // No full DFA: the regex crate does not enable one (see Cargo.toml).
    meta::Builder::new()
        .syntax(syntax)
        .configure(meta::Config::new().match_kind(kind).utf8_empty(utf8).dfa(false))
        .build_many(case.patterns)
        .map_err(|e| format!("{}: {e}", case.name))
}

/// The strategy the meta regex picked, read from its Debug output (the
/// only place regex-automata names it).
fn strategy_of(re: &meta::Regex) -> String {
    let debug = format!("{re:?}");
    debug
        .split_once("strat: ")
        .map(|(_, rest)| rest.chars().take_while(|c| c.is_alphanumeric()).collect())
        .unwrap_or_else(|| "?".to_string())
}

/// Which models a case runs: set queries for several patterns, the
/// others always.
fn models_for(case: &Case) -> Vec<Model> {
    MODELS.into_iter().filter(|&m| m != Model::Set || case.patterns.len() > 1).collect()
}

struct Cell {
    model: Model,
    /// ferrex's engine crate over the meta regex.
    engine: f64,
    /// ferrex's C API over the meta regex.
    c_api: f64,
    /// The meta regex's second copy over the first: the noise floor.
    control: f64,
    meta_ns: f64,
    spread: f64,
}

struct Row {
    case: &'static Case,
    len: usize,
    cells: Vec<Cell>,
}

fn length_label(len: usize) -> String {
    match len {
        n if n >= 1 << 20 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}

fn time_label(ns: f64) -> String {
    match ns {
        t if t >= 1e6 => format!("{:.2} ms", t / 1e6),
        t if t >= 1e3 => format!("{:.1} us", t / 1e3),
        t => format!("{t:.0} ns"),
    }
}

/// Fails unless the meta regex picks the strategy the case is for.
fn check_strategy(case: &Case) -> Result<(), String> {
    let found = strategy_of(&reference(case, MatchKind::LeftmostFirst)?);
    if found != case.strategy {
        return Err(format!("{}: the meta regex picked {found}, not {}", case.name, case.strategy));
    }
    Ok(())
}

fn measure_case(case: &'static Case, texts: &Texts, budget: Duration) -> Result<Vec<Row>, String> {
    let re = reference(case, MatchKind::LeftmostFirst)?;
    let mut meta = Meta::new(re, reference(case, MatchKind::All)?);
    let mut control = Meta::new(reference(case, MatchKind::LeftmostFirst)?, reference(case, MatchKind::All)?);
    let mut ferrex = Ferrex::new(case.patterns, case.flags)?;
    let mut engine = Engine::new(case.patterns, case.flags)?;
    let mut rows = Vec::new();
    for len in LENGTHS {
        let spans = texts.spans(case.text, len);
        let mut cells = Vec::new();
        for model in models_for(case) {
            let want = meta.run(model, &spans);
            for (who, got) in [("engine crate", engine.run(model, &spans)), ("C API", ferrex.run(model, &spans))] {
                if want != got {
                    return Err(format!(
                        "{} {} at {}: ferrex's answers through its {who} differ from the meta regex's (checksum {got} vs {want})",
                        case.name,
                        model.name(),
                        length_label(len)
                    ));
                }
            }
            let mut e = timing::repeat(|| engine.run(model, &spans));
            let mut f = timing::repeat(|| ferrex.run(model, &spans));
            let mut m = timing::repeat(|| meta.run(model, &spans));
            let mut c = timing::repeat(|| control.run(model, &spans));
            let stats = timing::measure_interleaved(&mut [&mut e, &mut f, &mut m, &mut c], budget);
            let per_span = spans.len() as f64;
            let cell = Cell {
                model,
                engine: stats[0].median_ns / stats[2].median_ns,
                c_api: stats[1].median_ns / stats[2].median_ns,
                control: stats[3].median_ns / stats[2].median_ns,
                meta_ns: stats[2].median_ns / per_span,
                spread: stats.iter().map(|s| s.spread_pct).fold(0.0, f64::max),
            };
            eprintln!(
                "parity: {:<16} {:<30} {:>7} {:<13} engine {:>6.3}  C {:>6.3}  (meta {}/span)",
                case.strategy,
                case.name,
                length_label(len),
                model.name(),
                cell.engine,
                cell.c_api,
                time_label(cell.meta_ns)
            );
            cells.push(cell);
        }
        rows.push(Row { case, len, cells });
    }
    let _ = meta.regex();
    Ok(rows)
}

fn text_name(t: Text) -> &'static str {
    match t {
        Text::English => "English",
        Text::Russian => "Russian",
        Text::Log => "log",
    }
}

fn report(rows: &[Row], args: &Args) -> String {
    let mut doc = String::new();
    let _ = writeln!(
        doc,
        "# Parity: libferrex {} against the meta regex, per strategy, query and span\n",
        ferrex_ffi::version()
    );
    let _ = writeln!(
        doc,
        "Command: `make bench-parity` (`bench/work/bin/parity --budget-ms {}`). Each cell is ferrex's time over the meta regex's for the same question on the same spans, measured interleaved in one process (median of up to 21 samples each; below 1 is ferrex faster): first through ferrex's engine crate (the Rust API where the engine choice lives, engine/src/strategy.rs), then through its C API (libferrex.so, called as C calls it), with the meta regex's time per span in parentheses. The meta regex is regex-automata's, built with the regex crate's configuration (no full DFA) and called as the regex crate calls it: `is_match` (an earliest `search_half`, as `regex::Regex::is_match` asks it), `find`, `find_iter().count()` (match ends only), `find_iter` (count-spans: the sum of match lengths), `captures` (every group span of the first match), `captures_iter`, and for several patterns `RegexSet::matches` (an All-kind meta regex). ferrex's calls: is_match, find, count, find_all, captures + Captures::copy_spans, FindState::next_spans (a call a match), which_matches (C: ferrex_regex_is_match, _find, _count, _find_all, ferrex_regex_captures + ferrex_captures_spans, ferrex_iter_next_spans_batch (64 matches a call), ferrex_regex_which_matches), each with a cache. Every answer was checked equal before timing. Short spans (16 B, 256 B) are 64 different spans cut from the text per operation; long ones (64 KiB, 1 MiB) its prefix.\n",
        args.budget.as_millis()
    );
    let cells: Vec<&Cell> = rows.iter().flat_map(|r| &r.cells).collect();
    let _ = writeln!(doc, "Summary over {} cells:\n", cells.len());
    let _ = writeln!(doc, "| over the meta regex | geometric mean | worst | cells above 1.05 |\n|---|---|---|---|");
    type Ratio = fn(&Cell) -> f64;
    let columns: [(&str, Ratio); 3] = [
        ("ferrex through its engine crate", |c| c.engine),
        ("ferrex through its C API", |c| c.c_api),
        ("the meta regex itself (a second copy: the noise floor)", |c| c.control),
    ];
    for (who, pick) in columns {
        let s = summarize(cells.iter().map(|c| pick(c)));
        let _ = writeln!(doc, "| {who} | {:.3} | {:.3} | {} |", s.geo, s.worst, s.over);
    }
    let _ = writeln!(
        doc,
        "\nThe last row times a second copy of the meta regex (built and called as the first) in the same interleaving: the same work on the same spans, so every ratio it shows other than 1 is the machine's noise, and its count of cells above 1.05 is what that bar would count of a library exactly as fast as the meta regex."
    );
    let _ = writeln!(
        doc,
        "\nBy query and span (engine crate / C API: geometric mean, worst):\n\n| query | {} |\n|---|{}",
        LENGTHS.map(length_label).join(" | "),
        "---|".repeat(LENGTHS.len())
    );
    for m in MODELS {
        let mut line = format!("| {} |", m.name());
        for len in LENGTHS {
            let here: Vec<&Cell> =
                rows.iter().filter(|r| r.len == len).flat_map(|r| &r.cells).filter(|c| c.model == m).collect();
            if here.is_empty() {
                line.push_str(" - |");
                continue;
            }
            let (e, c) = (summarize(here.iter().map(|c| c.engine)), summarize(here.iter().map(|c| c.c_api)));
            let _ = write!(line, " {:.2} / {:.2} ({:.2} / {:.2}) |", e.geo, c.geo, e.worst, c.worst);
        }
        let _ = writeln!(doc, "{line}");
    }
    let _ = writeln!(doc, "\nEvery cell: engine crate / C API (meta regex per span).\n");
    let mut header = String::from("| strategy | case | patterns | text | span |");
    let mut rule = String::from("|---|---|---|---|---|");
    for m in MODELS {
        let _ = write!(header, " {} |", m.name());
        rule.push_str("---|");
    }
    let _ = writeln!(doc, "{header}\n{rule}");
    for row in rows {
        let pats: Vec<String> = row.case.patterns.iter().map(|p| shorten(p)).collect();
        let _ = write!(
            doc,
            "| {} | {} | `{}`{} | {} | {} |",
            row.case.strategy,
            row.case.name,
            pats.join("`, `"),
            flags_note(row.case.flags),
            text_name(row.case.text),
            length_label(row.len)
        );
        for m in MODELS {
            match row.cells.iter().find(|c| c.model == m) {
                Some(c) => {
                    let noisy = if c.spread > 10.0 || (c.control - 1.0).abs() > 0.05 { "~" } else { "" };
                    let _ = write!(doc, " {:.2} / {:.2}{noisy} ({}) |", c.engine, c.c_api, time_label(c.meta_ns));
                }
                None => doc.push_str(" - |"),
            }
        }
        doc.push('\n');
    }
    let _ = writeln!(doc, "\n`~`: a noisy cell: a spread (interquartile range over median) above 10% in any of the four's samples, or the meta regex's second copy more than 5% from the first.");
    doc
}

struct Summary {
    geo: f64,
    worst: f64,
    over: usize,
}

fn summarize(ratios: impl Iterator<Item = f64>) -> Summary {
    let (mut n, mut logs, mut worst, mut over) = (0usize, 0.0, 0.0f64, 0);
    for r in ratios {
        n += 1;
        logs += r.ln();
        worst = worst.max(r);
        over += usize::from(r > 1.05);
    }
    Summary { geo: (logs / n.max(1) as f64).exp(), worst, over }
}

fn shorten(p: &str) -> String {
    let p = p.replace('|', "\\|");
    if p.chars().count() > 40 {
        format!("{}...", p.chars().take(37).collect::<String>())
    } else {
        p
    }
}

fn flags_note(flags: u32) -> &'static str {
    match flags {
        0 => "",
        cases::BYTES => " (bytes, no Unicode)",
        cases::CASELESS => " (case-insensitive)",
        _ => " (flags)",
    }
}

fn run() -> Result<(), String> {
    let args = parse_args(std::env::args().skip(1))?;
    let texts = Texts::load()?;
    let selected: Vec<&'static Case> = CASES
        .iter()
        .filter(|c| args.filter.as_ref().is_none_or(|f| c.name.contains(f.as_str()) || c.strategy == f))
        .collect();
    // Every case's strategy first, so that a wrong one fails before the run.
    selected.iter().try_for_each(|c| check_strategy(c))?;
    let mut rows = Vec::new();
    for case in selected {
        rows.extend(measure_case(case, &texts, args.budget)?);
    }
    let doc = report(&rows, &args);
    print!("{doc}");
    if let Some(path) = &args.out {
        std::fs::write(path, &doc).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("parity: wrote {path}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("parity: error: {e}");
            ExitCode::FAILURE
        }
    }
}
