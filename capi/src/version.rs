//! Version constants and their runtime twins.
//!
//! The version has one home, `[workspace.package] version` in the root
//! Cargo.toml: the constants below are computed from it at compile time, and
//! tests/header.rs writes the header's FERREX_VERSION_MAJOR/MINOR/PATCH
//! #defines from the same package version (cbindgen cannot evaluate a const
//! fn, so it leaves these three to that test). The soname (build.rs), the
//! pkg-config file and the CMake version file follow it too.

use std::ffi::c_char;

/// The major version of the header you compiled against.
pub const FERREX_VERSION_MAJOR: u32 = parse_version_part(env!("CARGO_PKG_VERSION_MAJOR"));
/// The minor version of the header you compiled against.
pub const FERREX_VERSION_MINOR: u32 = parse_version_part(env!("CARGO_PKG_VERSION_MINOR"));
/// The patch version of the header you compiled against.
pub const FERREX_VERSION_PATCH: u32 = parse_version_part(env!("CARGO_PKG_VERSION_PATCH"));
/// MAJOR * 10000 + MINOR * 100 + PATCH of the header you compiled against;
/// compare with ferrex_version_number() to detect a mismatched library.
pub const FERREX_VERSION_NUMBER: u32 = FERREX_VERSION_MAJOR * 10000 + FERREX_VERSION_MINOR * 100 + FERREX_VERSION_PATCH;

// FERREX_VERSION_NUMBER gives MINOR and PATCH two digits each.
const _: () = assert!(FERREX_VERSION_MINOR < 100 && FERREX_VERSION_PATCH < 100, "MINOR and PATCH must stay below 100");

/// A decimal version component, at compile time (a malformed one fails the
/// build).
const fn parse_version_part(digits: &str) -> u32 {
    let bytes = digits.as_bytes();
    assert!(!bytes.is_empty(), "empty version component");
    let mut value: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i].is_ascii_digit(), "version component is not a decimal number");
        value = value * 10 + (bytes[i] - b'0') as u32;
        i += 1;
    }
    value
}

/// The library's version as "MAJOR.MINOR.PATCH": static, NUL-terminated,
/// never freed. Thread-safe.
#[no_mangle]
pub extern "C" fn ferrex_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The library's version as MAJOR * 10000 + MINOR * 100 + PATCH, to compare
/// with FERREX_VERSION_NUMBER. Thread-safe.
#[no_mangle]
pub extern "C" fn ferrex_version_number() -> u32 {
    FERREX_VERSION_NUMBER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_package_version() {
        let v = format!("{FERREX_VERSION_MAJOR}.{FERREX_VERSION_MINOR}.{FERREX_VERSION_PATCH}");
        assert_eq!(v, env!("CARGO_PKG_VERSION"));
    }

    /// Zig reads a package's version from build.zig.zon, which must hold a
    /// literal: this keeps it Cargo.toml's.
    #[test]
    fn zig_package_has_the_package_version() {
        let zon = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../build.zig.zon")).unwrap();
        let want = format!(".version = \"{}\",", env!("CARGO_PKG_VERSION"));
        assert!(zon.lines().any(|l| l.trim() == want), "build.zig.zon: set `{want}` (Cargo.toml's version)");
    }

    /// The Python package's version is a literal in python/pyproject.toml
    /// (its [project] table): this keeps it Cargo.toml's.
    #[test]
    fn python_package_has_the_package_version() {
        let toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../python/pyproject.toml")).unwrap();
        let want = format!("version = \"{}\"", env!("CARGO_PKG_VERSION"));
        let mut table = "";
        let project: Vec<&str> = toml
            .lines()
            .map(str::trim)
            .filter(|l| {
                if l.starts_with('[') {
                    table = l;
                }
                table == "[project]" && l.starts_with("version")
            })
            .collect();
        assert_eq!(project, [want.as_str()], "python/pyproject.toml: set `{want}` in [project] (Cargo.toml's version)");
    }

    #[test]
    fn parses_components() {
        assert_eq!(parse_version_part("0"), 0);
        assert_eq!(parse_version_part("17"), 17);
        assert_eq!(parse_version_part("4294967295"), u32::MAX);
    }
}
