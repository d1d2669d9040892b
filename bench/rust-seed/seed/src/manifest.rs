//! Reads OUT_DIR/manifest.tsv as bench/seed/gen.py writes it: one workload
//! per line, tab-separated: workload, size, kind, arg1, arg2.

use std::fs;
use std::path::{Path, PathBuf};

pub struct Row {
    pub workload: String,
    pub size: String,
    pub kind: String,
    /// arg1 and arg2 as paths inside the work directory ('-' is None).
    pub arg1: Option<PathBuf>,
    pub arg2: Option<PathBuf>,
}

impl Row {
    /// The name `--only` selects the row by: "workload/size".
    pub fn name(&self) -> String {
        format!("{}/{}", self.workload, self.size)
    }

    /// arg1, which every kind needs.
    pub fn arg1(&self) -> Result<&Path, String> {
        self.arg1.as_deref().ok_or_else(|| format!("{}: kind {} needs arg1", self.name(), self.kind))
    }

    /// arg2, which the counting kinds need (the haystack).
    pub fn arg2(&self) -> Result<&Path, String> {
        self.arg2.as_deref().ok_or_else(|| format!("{}: kind {} needs arg2", self.name(), self.kind))
    }
}

pub fn read(work_dir: &Path) -> Result<Vec<Row>, String> {
    let path = work_dir.join("manifest.tsv");
    let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let arg = |s: &str| (s != "-").then(|| work_dir.join(s));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 5 {
            return Err(format!(
                "{}:{}: expected 5 tab-separated fields (workload, size, kind, arg1, arg2), found {}",
                path.display(),
                i + 1,
                f.len()
            ));
        }
        rows.push(Row {
            workload: f[0].to_string(),
            size: f[1].to_string(),
            kind: f[2].to_string(),
            arg1: arg(f[3]),
            arg2: arg(f[4]),
        });
    }
    Ok(rows)
}

/// A file's bytes, with its path in the error.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A file's text; the Rust natives take `&str`, so it must be UTF-8.
pub fn read_text(path: &Path) -> Result<String, String> {
    String::from_utf8(read_bytes(path)?).map_err(|e| format!("{} is not valid UTF-8: {e}", path.display()))
}
