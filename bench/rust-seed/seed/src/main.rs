//! seed-rust: the rust-native seed runner (bench/seed/PROTOCOL.md). Reads
//! the workloads gen.py wrote and prints one CSV line per workload:
//! workload,size,implementation,median_ns,iterations,check,spread_pct

mod args;
mod fnv;
mod manifest;
mod workloads;

use std::process::ExitCode;

const IMPLEMENTATION: &str = "rust-native";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seed-rust: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args = args::parse(std::env::args().skip(1))?;
    let rows = manifest::read(&args.work_dir)?;
    // A misspelt --only would otherwise quietly run nothing.
    for name in &args.only {
        if !rows.iter().any(|r| &r.name() == name) {
            return Err(format!("--only {name}: no such row in the manifest"));
        }
    }
    for row in rows.iter().filter(|r| args.only.is_empty() || args.only.contains(&r.name())) {
        eprintln!("seed-rust: {} ({})", row.name(), row.kind);
        let (check, s) = workloads::run(row, args.budget)?;
        println!(
            "{},{},{IMPLEMENTATION},{:.1},{},{check},{:.1}",
            row.workload, row.size, s.median_ns, s.iterations, s.spread_pct
        );
    }
    Ok(())
}
