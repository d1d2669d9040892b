//! Test-only switches (cargo feature `testing`, never in a release build):
//! force every query of this thread through one engine path, so that a
//! suite (the conformance tests, regex-automata style) runs once per path
//! whatever path the engine choice would pick for its short haystacks;
//! and run code where a deep pattern compiles (for the C API's panic hook).

use std::cell::Cell;

pub use crate::strategy::Forced;

thread_local! {
    static FORCED: Cell<Option<Forced>> = const { Cell::new(None) };
}

/// Runs `f` with every query on this thread routed through `path` (`None`:
/// the engine's own choice), then restores the previous setting.
pub fn with_path<T>(path: Option<Forced>, f: impl FnOnce() -> T) -> T {
    let before = FORCED.with(|c| c.replace(path));
    // Restored on unwind too, so a failing test leaves no switch behind.
    struct Restore(Option<Forced>);
    impl Drop for Restore {
        fn drop(&mut self) {
            FORCED.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(before);
    f()
}

/// The path forced on this thread, if any.
#[inline]
pub fn forced() -> Option<Forced> {
    FORCED.with(Cell::get)
}

/// Runs `f` on a thread of the kind that compiles deep patterns (its panic
/// resumes here), as a deep pattern's compile would: for tests of what a
/// panic there does.
pub fn on_compile_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let deep = crate::stack::Depth { height: 1, cost: usize::MAX };
    crate::stack::run(deep, f).expect("a compile thread starts")
}
