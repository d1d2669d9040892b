//! Caught panics stay silent. Rust prints every panic's message (and, with
//! RUST_BACKTRACE, a backtrace) on stderr from its panic hook, before any
//! `catch_unwind` sees it; a C library must not write to its host's
//! stderr. The guards (guard.rs) catch every panic, turn it into
//! FERREX_ERR_INTERNAL and keep its message for the caller's error object.
//!
//! On the first guarded call, ferrex installs a hook that stays silent for
//! ferrex's panics and hands every other panic to the hook installed
//! before it. A panic is ferrex's when it is raised on a thread ferrex
//! started to compile a deep pattern, or when its location (the source
//! line `panic!`, `unwrap`, an index and the like name) lies in ferrex's
//! two crates, in the crates they build on (regex-automata, regex-syntax,
//! aho-corasick, memchr) or in Rust's own library. The location decides,
//! not a per-call marker: a thread-local counter raised and lowered by
//! every call cost 1.5-2.5 ns per call through libferrex.so (a
//! `__tls_get_addr` call each time), a tenth of a 16-byte is-match.
//!
//! libferrex.a and libferrex.so carry their own Rust runtime, whose hook
//! no host sees: there every panic is ferrex's. A Rust program that links
//! ferrex-capi as a crate shares its hook with ferrex: its earlier hook
//! keeps the panics of its own code (a replace callback's too), except
//! those located in the crates above or in Rust's library, which go
//! unprinted; a hook it sets later replaces ferrex's (it then sees ferrex's
//! caught panics too).
//!
//! Cost per call: one relaxed load (the hook is installed).

use std::panic::{self, Location};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

/// Whether the hook is installed (then `install` is never called again).
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Installs the hook on the first call (every guard calls this).
#[inline(always)]
pub(crate) fn ensure_installed() {
    if !INSTALLED.load(Ordering::Relaxed) {
        install();
    }
}

/// The crates whose code runs only on ferrex's behalf here: a panic
/// located in one of them is ferrex's.
const DEPENDENCIES: [&str; 4] = ["regex-automata", "regex-syntax", "aho-corasick", "memchr"];

/// The crates of Rust's own library, under its `library/` directory.
const RUST_LIBRARY: [&str; 8] =
    ["core", "alloc", "std", "proc_macro", "panic_unwind", "panic_abort", "stdarch", "portable-simd"];

/// Whether a panic located in `file` is ferrex's (see the module docs).
/// `own_dirs` are the source directories of ferrex's crates, spelled as
/// panic locations spell them (relative in a workspace build, absolute
/// when ferrex is a dependency).
fn ferrex_location(file: &str, own_dirs: &[&str]) -> bool {
    if own_dirs.iter().any(|dir| !dir.is_empty() && file.starts_with(dir)) {
        return true;
    }
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    // Rust's library: /rustc/<hash>/library/std/src/.. (or library/.. in a
    // toolchain built from source).
    let rust_library = parts.windows(2).any(|w| w[0] == "library" && RUST_LIBRARY.contains(&w[1]));
    rust_library
        || parts.iter().any(|part| {
            DEPENDENCIES.iter().any(|dep| match part.strip_prefix(dep) {
                // A registry or vendor directory: `regex-automata-0.4.19`
                // or `regex-automata`.
                Some(rest) => {
                    rest.is_empty()
                        || rest.strip_prefix('-').is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
                }
                None => false,
            })
        })
}

/// The directory of a source file path (with its trailing separator).
fn dir_of(file: &str) -> &str {
    file.rfind(['/', '\\']).map_or("", |i| &file[..=i])
}

/// Whether a panic at `location` on this thread is ferrex's, to be caught
/// by a guard unprinted.
fn quiet(location: Option<&Location<'_>>) -> bool {
    let own = [dir_of(file!()), dir_of(engine::SOURCE_FILE)];
    engine::is_compile_thread() || location.is_some_and(|at| ferrex_location(at.file(), &own))
}

#[cold]
#[inline(never)]
fn install() {
    // Setting a hook from a panicking thread panics (a Rust host calling
    // ferrex from a destructor during unwinding): try again next call.
    if std::thread::panicking() {
        return;
    }
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !quiet(info.location()) {
                previous(info);
            }
        }));
    });
    INSTALLED.store(true, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    //! What a hook prints can only be seen from outside the process: each
    //! test runs one `child_*` test of this binary in a child process (the
    //! `child_*` tests do nothing unless FERREX_QUIET_CHILD is set) and
    //! reads its stderr.

    use std::process::Command;

    use crate::guard::{call, call_reporting, call_status};
    use crate::status::ferrex_status::*;

    const CHILD: &str = "FERREX_QUIET_CHILD";

    fn child_stderr(test: &str) -> (std::process::ExitStatus, String) {
        let exe = std::env::current_exe().unwrap();
        let args = [&format!("quiet::tests::{test}"), "--exact", "--nocapture", "--test-threads=1"];
        let out = Command::new(exe).args(args).env(CHILD, "1").env("RUST_BACKTRACE", "1").output().unwrap();
        (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn in_child() -> bool {
        std::env::var_os(CHILD).is_some()
    }

    /// A panic inside each kind of guard: caught, reported, silent.
    #[test]
    fn child_panics_inside_calls() {
        if !in_child() {
            return;
        }
        assert_eq!(call(|| panic!("boom in call")), FERREX_ERR_INTERNAL as i32);
        assert_eq!(call_status(|| panic!("boom in call_status")), FERREX_ERR_INTERNAL);
        let mut err = std::ptr::null_mut();
        // SAFETY: `err` is a valid out-pointer.
        let status = unsafe { call_reporting(&mut err, || panic!("boom in {}", "call_reporting")) };
        assert_eq!(status, FERREX_ERR_INTERNAL);
        // SAFETY: `err` was just created by call_reporting.
        let message = unsafe { std::ffi::CStr::from_ptr(crate::error::ferrex_error_message(err)) };
        let message = message.to_str().unwrap().to_owned();
        // SAFETY: as above.
        unsafe { crate::error::ferrex_error_free(err) };
        assert!(message.starts_with("internal error"), "{message}");
        assert!(message.contains("boom in call_reporting"), "{message}");
        // Nested guards (a callback calling ferrex) leave the outer one quiet.
        assert_eq!(call(|| Ok(call(|| panic!("boom nested")))), FERREX_ERR_INTERNAL as i32);
        assert_eq!(call(|| panic!("boom after nesting")), FERREX_ERR_INTERNAL as i32);
        // A panic on the thread that compiles a deep pattern resumes here.
        let deep = call(|| engine::testing::on_compile_thread(|| panic!("boom on the compile thread")));
        assert_eq!(deep, FERREX_ERR_INTERNAL as i32);
        eprintln!("child done");
    }

    #[test]
    fn caught_panics_print_nothing() {
        let (status, stderr) = child_stderr("child_panics_inside_calls");
        assert!(status.success(), "{stderr}");
        assert!(stderr.contains("child done"), "the child ran: {stderr}");
        assert!(!stderr.contains("boom") && !stderr.contains("panicked"), "{stderr}");
    }

    #[test]
    fn panics_are_told_apart_by_location() {
        use super::ferrex_location;
        let own = ["engine/src/", "capi/src/"];
        let ferrex = [
            "engine/src/regex.rs",
            "capi/src/guard.rs",
            "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/regex-automata-0.4.19/src/meta/regex.rs",
            "/home/u/.cargo/registry/src/x/regex-syntax-0.8.12/src/hir/mod.rs",
            "vendor/aho-corasick/src/ahocorasick.rs",
            "C:\\Users\\u\\.cargo\\registry\\src\\x\\memchr-2.8.3\\src\\memchr.rs",
            "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/slice/index.rs",
        ];
        for file in ferrex {
            assert!(ferrex_location(file, &own), "{file}");
        }
        let host = [
            "src/main.rs",
            "capi/tests/panic_hook.rs",
            "engine/tests/agree.rs",
            "/home/u/app/src/regex-automata-wrapper.rs",
            "/home/u/.cargo/registry/src/x/regex-1.11.1/src/regex/string.rs",
            "/home/u/.cargo/registry/src/x/memchr-extra-0.1.0/src/lib.rs",
            "/home/u/library/src/main.rs",
        ];
        for file in host {
            assert!(!ferrex_location(file, &own), "{file}");
        }
    }
}
