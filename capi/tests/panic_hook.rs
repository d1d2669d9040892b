//! ferrex's panic hook (capi/src/quiet.rs) seen from a Rust host that links
//! ferrex-capi as a crate and shares its hook: the host's panics reach the
//! host's hooks; ferrex's stay silent. The panics here are the host's by
//! location (this file is not ferrex's source), and ferrex's by running on
//! a thread ferrex starts to compile deep patterns.
//!
//! What a hook prints can only be seen from outside the process: each test
//! runs one `child_*` test of this binary in a child process (the `child_*`
//! tests do nothing unless FERREX_HOOK_CHILD is set) and reads its stderr.

use std::panic::{catch_unwind, set_hook, take_hook};
use std::process::{Command, ExitStatus};

const CHILD: &str = "FERREX_HOOK_CHILD";

fn child_stderr(test: &str) -> (ExitStatus, String) {
    let exe = std::env::current_exe().unwrap();
    let args = [test, "--exact", "--nocapture", "--test-threads=1"];
    let out = Command::new(exe).args(args).env(CHILD, "1").env("RUST_BACKTRACE", "1").output().unwrap();
    (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

fn report(hook: &str, payload: &(dyn std::any::Any + Send)) {
    let text = payload.downcast_ref::<String>().map(String::as_str).or(payload.downcast_ref::<&str>().copied());
    eprintln!("{hook} saw: {}", text.unwrap_or("?"));
}

/// Any guarded call installs ferrex's hook.
fn call_ferrex() {
    let mut opts = std::ptr::null_mut();
    // SAFETY: valid out-pointers.
    unsafe {
        assert_eq!(ferrex::ferrex_options_new(&mut opts, std::ptr::null_mut()), ferrex::ferrex_status::FERREX_OK);
        ferrex::ferrex_options_free(opts);
    }
}

fn host_panic(text: &'static str) {
    assert!(catch_unwind(|| panic!("{}", text)).is_err());
}

fn ferrex_panic(text: &'static str) {
    assert!(catch_unwind(|| engine::testing::on_compile_thread(|| panic!("{}", text))).is_err());
}

#[test]
fn child_host_hooks() {
    if !in_child() {
        return;
    }
    set_hook(Box::new(|info| report("earlier hook", info.payload())));
    host_panic("host panic before");
    call_ferrex();
    host_panic("host panic after");
    ferrex_panic("ferrex panic");
    // A hook the host sets later replaces ferrex's, which it may keep.
    let ferrex_hook = take_hook();
    set_hook(Box::new(move |info| {
        report("later hook", info.payload());
        ferrex_hook(info);
    }));
    host_panic("host panic later");
    ferrex_panic("ferrex panic later");
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
        _: *const ferrex::ferrex_captures,
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
        ferrex::ferrex_regex_new(&mut re, b"a".as_ptr(), 1, 0, std::ptr::null(), std::ptr::null_mut());
        let hay = b"xa";
        ferrex::ferrex_regex_replace_with(
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
