//! Test-only switches (cargo feature `testing`, never in a release build):
//! force every query of this thread through one engine path, so that a
//! suite (the conformance tests, regex-automata style) runs once per path
//! whatever path the engine choice would pick for its short haystacks;
//! run code where a deep pattern compiles (for the C API's panic hook);
//! and count the bytes a stream searches (its cost, without a clock).

use std::cell::Cell;
use std::thread::LocalKey;

pub use crate::strategy::{Forced, WALK_AFTER};

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

thread_local! {
    // This thread's counters of work done, for tests that bound it.
    static STREAM_SEARCHED: Cell<u64> = const { Cell::new(0) };
    static PATTERN_SEARCHES: Cell<u64> = const { Cell::new(0) };
    static UTF8_READ: Cell<u64> = const { Cell::new(0) };
    static DENSE_ATTEMPTS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
    static WALK_BUILDS: Cell<u64> = const { Cell::new(0) };
    static FIRST_BYTE_REJECTIONS: Cell<u64> = const { Cell::new(0) };
}

fn add(counter: &'static LocalKey<Cell<u64>>, n: usize) {
    counter.with(|c| c.set(c.get().saturating_add(n as u64)));
}

fn take(counter: &'static LocalKey<Cell<u64>>) -> u64 {
    counter.with(|c| c.replace(0))
}

/// Adds `bytes` to this thread's count of bytes that streams searched.
#[inline]
pub(crate) fn count_stream_search(bytes: usize) {
    add(&STREAM_SEARCHED, bytes);
}

/// How many bytes streams searched on this thread (the one-shot searches
/// over their kept bytes) since the last call; resets the count.
pub fn take_stream_searched() -> u64 {
    take(&STREAM_SEARCHED)
}

/// Counts a search by one pattern's own engine where no DFA can search
/// for many patterns (regex.rs: `Inner::find_per_pattern`).
#[inline]
pub(crate) fn count_pattern_search() {
    add(&PATTERN_SEARCHES, 1);
}

/// How many searches by one pattern's own engine (many patterns, where no
/// DFA can search) ran on this thread since the last call; resets it.
pub fn take_pattern_searches() -> u64 {
    take(&PATTERN_SEARCHES)
}

/// Counts `bytes` read for invalid UTF-8 under the utf8-empty rule
/// (utf8.rs: `last_invalid`).
#[inline]
pub(crate) fn count_utf8_read(bytes: usize) {
    add(&UTF8_READ, bytes);
}

/// How many bytes this thread's searches read for invalid UTF-8 under the
/// utf8-empty rule since the last call; resets the count.
pub fn take_utf8_read() -> u64 {
    take(&UTF8_READ)
}

/// Counts an attempt at a full DFA on this thread, within `limit` bytes.
#[inline]
pub(crate) fn count_dense_attempt(limit: usize) {
    DENSE_ATTEMPTS.with(|c| {
        let (attempts, limits) = c.get();
        c.set((attempts + 1, limits.saturating_add(limit as u64)))
    });
}

/// How many attempts at a full DFA searches made on this thread since the
/// last call, and the sum of their size limits (what they could cost);
/// resets both.
pub fn take_dense_attempts() -> (u64, u64) {
    DENSE_ATTEMPTS.with(|c| c.replace((0, 0)))
}

/// Counts a build of the short-span walk's lazy DFA (regex.rs:
/// `Inner::dfas`).
#[inline]
pub(crate) fn count_walk_build() {
    add(&WALK_BUILDS, 1);
}

/// How many walk DFAs (with the full DFA's NFA) queries built on this
/// thread since the last call; resets the count.
pub fn take_walk_builds() -> u64 {
    take(&WALK_BUILDS)
}

/// Counts a span turned away by its first byte (strategy.rs:
/// `Strategy::first_byte_rules_out`).
#[inline]
pub(crate) fn count_first_byte_rejection() {
    add(&FIRST_BYTE_REJECTIONS, 1);
}

/// How many spans this thread's searches turned away by their first byte
/// (a regex anchored at its start) since the last call; resets the count.
pub fn take_first_byte_rejections() -> u64 {
    take(&FIRST_BYTE_REJECTIONS)
}
