//! Makes the regex-automata version this crate was locked to available as
//! REGEX_AUTOMATA_VERSION, so engine_version() reports what is measured
//! rather than a number copied by hand that could go stale.

use std::{env, fs, path::Path};

fn main() {
    let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let lock_path = Path::new(&dir).join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock_path.display());
    let lock = fs::read_to_string(&lock_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", lock_path.display()));
    let version = locked_version(&lock, "regex-automata")
        .unwrap_or_else(|| panic!("regex-automata is not in {}", lock_path.display()));
    println!("cargo:rustc-env=REGEX_AUTOMATA_VERSION={version}");
}

/// The version of package `name` in a Cargo.lock: the `version = "..."` line
/// that follows its `name = "..."` line.
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}
