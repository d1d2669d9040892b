//! Caught panics stay silent. Rust prints every panic's message (and, with
//! RUST_BACKTRACE, a backtrace) on stderr from its panic hook, before any
//! `catch_unwind` sees it; a C library must not write to its host's
//! stderr. The guards (guard.rs) catch every panic, turn it into
//! FERREX_ERR_INTERNAL and keep its message for the caller's error object.
//!
//! On the first guarded call, ferrex installs a hook that stays silent for
//! panics inside a ferrex call (this thread's depth counter, which every
//! guard raises for its call) or on a thread ferrex started to compile a
//! deep pattern, and hands every other panic to the hook installed before
//! it. libferrex.a and libferrex.so carry their own Rust runtime, whose
//! hook no host sees; a Rust program that links ferrex-capi as a crate
//! shares its hook with ferrex: its earlier hook keeps every panic of its
//! own, and a hook it sets later replaces ferrex's (it then sees ferrex's
//! caught panics too).
//!
//! Cost per call: one relaxed load (the hook is installed) and a
//! thread-local increment and decrement.

use std::cell::Cell;
use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

thread_local! {
    /// How many ferrex calls this thread is inside (a replace callback may
    /// call ferrex again); 0 while a callback runs the caller's code.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Whether the hook is installed (then `install` is never called again).
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// This thread is inside a ferrex call until the value is dropped.
pub(crate) struct Inside {
    /// This thread's DEPTH, found once: in libferrex.so each lookup of a
    /// thread-local is a call to `__tls_get_addr`. (A raw pointer, so
    /// that `Inside` cannot leave the thread.)
    depth: *const Cell<u32>,
}

impl Inside {
    #[inline(always)]
    pub fn enter() -> Inside {
        if !INSTALLED.load(Ordering::Relaxed) {
            install();
        }
        let depth = DEPTH.with(|d| {
            d.set(d.get().wrapping_add(1));
            d as *const Cell<u32>
        });
        Inside { depth }
    }
}

impl Drop for Inside {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: this thread's DEPTH lives as long as the thread, and
        // `Inside` (not Send) is dropped on the thread that made it.
        let depth = unsafe { &*self.depth };
        depth.set(depth.get().wrapping_sub(1));
    }
}

/// Runs `f`, the caller's code (a callback), as outside ferrex: its
/// panics are the host's to report.
pub(crate) fn outside<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEPTH.with(|d| d.set(self.0));
        }
    }
    let _restore = Restore(DEPTH.with(|d| d.replace(0)));
    f()
}

/// Whether a panic now, on this thread, will be caught by a guard.
fn quiet() -> bool {
    // `try_with`: a panic in a thread-local destructor, after DEPTH is gone,
    // is not ferrex's.
    DEPTH.try_with(|d| d.get() > 0).unwrap_or(false) || engine::is_compile_thread()
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
            if !quiet() {
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

    fn report(hook: &str, payload: &(dyn std::any::Any + Send)) {
        let text = payload.downcast_ref::<String>().map(String::as_str).or(payload.downcast_ref::<&str>().copied());
        eprintln!("{hook} saw: {}", text.unwrap_or("?"));
    }

    /// A host's hooks, set before and after ferrex's first call.
    #[test]
    fn child_host_hooks() {
        if !in_child() {
            return;
        }
        std::panic::set_hook(Box::new(|info| report("earlier hook", info.payload())));
        let host_panic = |text: &'static str| assert!(std::panic::catch_unwind(|| panic!("{}", text)).is_err());
        host_panic("host panic before");
        assert_eq!(call(|| panic!("ferrex panic")), FERREX_ERR_INTERNAL as i32);
        host_panic("host panic after");
        // A hook the host sets later replaces ferrex's, which it may keep.
        let ferrex_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            report("later hook", info.payload());
            ferrex_hook(info);
        }));
        host_panic("host panic later");
        assert_eq!(call(|| panic!("ferrex panic later")), FERREX_ERR_INTERNAL as i32);
    }

    #[test]
    fn a_hosts_hooks_keep_their_panics() {
        let (status, stderr) = child_stderr("child_host_hooks");
        assert!(status.success(), "{stderr}");
        let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(" saw: ")).collect();
        let want = [
            "earlier hook saw: host panic before",
            "earlier hook saw: host panic after",
            "later hook saw: host panic later",
            "earlier hook saw: host panic later",
            // The later hook sees ferrex's panic; the one it keeps does not.
            "later hook saw: ferrex panic later",
        ];
        assert_eq!(lines, want, "{stderr}");
    }

    /// A replace callback is the caller's code: its panic is the host's to
    /// print (here a Rust callback, which aborts: it cannot unwind into C).
    #[test]
    fn child_callback_panics() {
        if !in_child() {
            return;
        }
        unsafe extern "C" fn callback(
            _: *mut std::ffi::c_void,
            _: *const crate::captures::ferrex_captures,
            _: *const u8,
            _: usize,
            _: *mut *const u8,
            _: *mut usize,
        ) -> i32 {
            panic!("boom in the callback")
        }
        let mut re = std::ptr::null_mut();
        let mut out_len = 0;
        // SAFETY: valid pointers throughout; the callback never returns.
        unsafe {
            crate::regex::ferrex_regex_new(&mut re, b"a".as_ptr(), 1, 0, std::ptr::null(), std::ptr::null_mut());
            let hay = b"xa";
            crate::transform::ferrex_regex_replace_with(
                re,
                std::ptr::null_mut(),
                hay.as_ptr(),
                hay.len(),
                std::ptr::null(),
                0,
                Some(callback),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
                &mut out_len,
            );
        }
    }

    #[test]
    fn a_callbacks_panic_is_the_hosts() {
        let (status, stderr) = child_stderr("child_callback_panics");
        assert!(!status.success(), "a panic in an extern \"C\" function aborts: {stderr}");
        assert!(stderr.contains("boom in the callback"), "{stderr}");
    }
}
