//! Version constants and their runtime twins.

use std::ffi::c_char;

/// The major version of the header you compiled against.
pub const FERREX_VERSION_MAJOR: u32 = 0;
/// The minor version of the header you compiled against.
pub const FERREX_VERSION_MINOR: u32 = 1;
/// The patch version of the header you compiled against.
pub const FERREX_VERSION_PATCH: u32 = 0;
/// MAJOR * 10000 + MINOR * 100 + PATCH of the header you compiled against;
/// compare with ferrex_version_number() to detect a mismatched library.
pub const FERREX_VERSION_NUMBER: u32 = FERREX_VERSION_MAJOR * 10000 + FERREX_VERSION_MINOR * 100 + FERREX_VERSION_PATCH;

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
    fn constants_match_the_package_version() {
        let v = format!("{FERREX_VERSION_MAJOR}.{FERREX_VERSION_MINOR}.{FERREX_VERSION_PATCH}");
        assert_eq!(v, env!("CARGO_PKG_VERSION"), "bump the FERREX_VERSION_* constants with Cargo.toml");
    }
}
