//! Gives libferrex.so its SONAME, on every cdylib build (`make lib`,
//! `cargo build`, the Zig package's cargo run), so that a program linked
//! against it records the ABI it was built for, not "libferrex.so".
//!
//! The ABI policy (README, "ABI policy"; the same rule as cargo-c's):
//!   MAJOR.x.y (1.0 on)   libferrex.so.MAJOR       a major release may break the ABI
//!   0.MINOR.x            libferrex.so.0.MINOR     while 0.x, each minor may break it
//!   0.0.PATCH            libferrex.so.0.0.PATCH   each 0.0 release may break it
//! Everything else (scripts/build-lib.sh, scripts/install.sh, the ABI check)
//! reads the soname back from the built library, so this is its one source.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = |part: &str| -> u64 {
        let key = format!("CARGO_PKG_VERSION_{part}");
        env::var(&key).ok().and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{key} is not a number"))
    };
    let (major, minor, patch) = (version("MAJOR"), version("MINOR"), version("PATCH"));
    let sover = match (major, minor) {
        (0, 0) => format!("0.0.{patch}"),
        (0, _) => format!("0.{minor}"),
        _ => format!("{major}"),
    };
    let soname = format!("libferrex.so.{sover}");

    // ELF platforms whose linker takes -soname; elsewhere (macOS would want
    // -install_name, Windows has no soname) the library keeps the linker's default.
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = matches!(os.as_str(), "linux" | "freebsd" | "dragonfly" | "netbsd" | "openbsd" | "illumos" | "hurd");
    if !elf {
        return;
    }
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
}
