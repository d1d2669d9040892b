//! The runner's command line (bench/seed/PROTOCOL.md, "Invocation"):
//! `seed-rust WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N]`.

use std::path::PathBuf;
use std::time::Duration;

pub const USAGE: &str = "usage: seed-rust WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N]";

pub struct Args {
    pub work_dir: PathBuf,
    /// Rows to run, as "workload/size"; empty means every row.
    pub only: Vec<String>,
    /// The measuring budget per workload.
    pub budget: Duration,
}

pub fn parse(mut argv: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut work_dir = None;
    let mut only = Vec::new();
    let mut budget_ms: u64 = 1000;
    while let Some(arg) = argv.next() {
        match arg.as_str() {
            "--only" => only.push(argv.next().ok_or("--only needs WORKLOAD/SIZE")?),
            "--budget-ms" => {
                let v = argv.next().ok_or("--budget-ms needs a number")?;
                budget_ms = v.parse().map_err(|_| format!("--budget-ms: not a whole number of milliseconds: {v:?}"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}\n{USAGE}")),
            _ if work_dir.is_none() => work_dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    let work_dir = work_dir.ok_or_else(|| format!("missing WORK_DIR\n{USAGE}"))?;
    Ok(Args { work_dir, only, budget: Duration::from_millis(budget_ms) })
}
