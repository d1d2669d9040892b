//! include/ferrex.h is generated from this crate by cbindgen and committed.
//! This test fails when the committed header is stale; `make header` (which
//! runs it with FERREX_BLESS=1) rewrites it.
//!
//! FERREX_VERSION_MAJOR/MINOR/PATCH are written here rather than by cbindgen:
//! in Rust they are computed from the package version at compile time (a
//! const fn, src/version.rs), which cbindgen cannot evaluate. This test
//! writes them from the same package version (the workspace's, Cargo.toml),
//! with the doc comments of src/version.rs, where cbindgen would have put
//! them: first after the includes. So bumping the version in Cargo.toml
//! makes the header stale until `make header`.
//!
//! cbindgen emits all types before all functions; header/layout.rs then
//! regroups its items into the sections of header/sections.rs (opaque
//! typedefs next to their functions, as SQLite's and libgit2's headers
//! do), so the header reads as a manual. A new item that no section
//! places fails this test, saying which.

// Under tests/header/, not tests/: cargo would build each tests/*.rs as a
// test of its own.
#[path = "header/layout.rs"]
mod layout;
#[path = "header/sections.rs"]
mod sections;

use std::path::Path;

const VERSION_PARTS: [(&str, &str); 3] = [
    ("FERREX_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
    ("FERREX_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
    ("FERREX_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
];

#[test]
fn header_is_fresh() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let version_rs = std::fs::read_to_string(crate_dir.join("src/version.rs")).expect("read src/version.rs");
    let mut defines = String::new();
    for (name, value) in VERSION_PARTS {
        config.export.exclude.push(name.to_string());
        defines.push_str(&format!("\n\n{}#define {name} {value}", doc_comment(&version_rs, name)));
    }
    config.after_includes = Some(config.after_includes.take().unwrap_or_default() + &defines);
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let generated = String::from_utf8(generated).expect("cbindgen writes UTF-8");
    let fresh = layout::arrange(&generated, sections::SECTIONS).unwrap_or_else(|problem| panic!("{problem}"));
    let path = crate_dir.join("../include/ferrex.h");
    if std::env::var_os("FERREX_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write include/ferrex.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "include/ferrex.h is stale: run `make header` and commit the result");
}

/// The `///` lines above `pub const NAME` in src/version.rs, as cbindgen
/// writes a doc comment in the doxy style (cbindgen.toml).
fn doc_comment(source: &str, name: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let decl = format!("pub const {name}:");
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&decl))
        .unwrap_or_else(|| panic!("src/version.rs declares no {name}"));
    let docs: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim_start())
        .take_while(|l| l.starts_with("///"))
        .map(|l| {
            let text = l.trim_start_matches("///");
            text.strip_prefix(' ').unwrap_or(text)
        })
        .collect();
    assert!(!docs.is_empty(), "{name} has no doc comment in src/version.rs");
    let mut out = String::from("/**\n");
    for line in docs.iter().rev() {
        match line.is_empty() {
            true => out.push_str(" *\n"),
            false => out.push_str(&format!(" * {line}\n")),
        }
    }
    out.push_str(" */\n");
    out
}
