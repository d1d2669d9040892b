//! Stack for the recursive steps of compiling a pattern.
//!
//! regex-syntax parses, translates and drops patterns with heap stacks,
//! but the steps after it recurse once per level of the parsed pattern
//! (its `Hir`): literal extraction (the meta regex's prefilters and
//! [`crate::build::meta_prefix`]), the Thompson compiler (every NFA), and
//! the meta regex's reverse-inner flattening. A pattern nested deeply
//! enough overflows the stack of the thread that compiles it, and a
//! stack overflow kills the process.
//!
//! Bytes of stack per level of the `Hir`, worst shape, measured with
//! `cargo run -p ferrex [--release] --example stack_probe` (rustc 1.95,
//! regex-automata 0.4.19, x86-64):
//!
//! | step | release | debug |
//! |---|---|---|
//! | literal extraction | 274 (`(?:...)*`) | 1,073 (`(?:...)*`) |
//! | Thompson compiler | 1,585 (`(?:...){2}`) | 12,399 (`(?:...)*`) |
//! | a whole compile, one level deep | 49 KiB | 168 KiB |
//!
//! (The one-level compile is mostly one 27 KiB frame: regex-automata's
//! meta strategy with every engine's builder inlined into it.)
//!
//! So a pattern whose recursion costs at most [`INLINE_COST`] compiles on
//! the caller's thread, which then needs about 64 KiB of stack in a
//! release build (the first searches build their DFAs within the same
//! bound). A deeper one compiles on a thread of ours with a stack sized
//! from its height, and so do the engines built from it on the first
//! search that wants them. In a debug build even a one-level compile
//! takes more than a small thread has, so every compile goes to a sized
//! thread there.
//!
//! What that thread costs: in a process that had no other thread, the
//! same compile, the same instructions, took 1.3-1.45x as long on it as
//! on the caller's thread (rebar's 03-date/compile-ascii through the C
//! rebar runner, median of 6 alternating processes: 2.56 against 1.76 ms;
//! wild/url's case-insensitive regex 4.7 against 3.6 ms). Most of that is
//! not the thread but the process having had a second one: glibc's malloc
//! then takes a lock on every call, for the rest of the process. The date
//! regex compiled 300 times in a loop by regex-automata alone, best of
//! each: 1.89-2.09 ms in a single-threaded process, 2.29-2.44 ms once an
//! idle thread exists, 2.41-2.57 ms on a new thread each time; through
//! this crate 2.65-2.87 ms, and 2.60-2.75 ms with the idle thread, so
//! 1.36x the regex crate's time in a single-threaded process and
//! 1.07-1.12x in one that already has threads (a loop of compiles timed
//! with `Instant`, not kept).
//!
//! Two ways around the thread were tried and undone:
//! - Staying on the caller's stack when the system reports room on it
//!   (`stacker`'s `remaining_stack`, as rustc does; a3847ab): the report
//!   is the thread's stack, and a caller running on a stack of its own (a
//!   fiber's, mapped above its thread's) gets a room it does not have, so
//!   a deep pattern would overflow it.
//! - A stack mapped for the call on the caller's thread (`stacker::grow`):
//!   as fast as the caller's own stack (1.93-1.95 ms, the same loop), but
//!   valgrind takes a switch to a mapping within 2 MB of the old stack for
//!   a stack frame and reported over 1,000 false errors in
//!   capi/tests/c/test_stack.c (a 64 KiB thread). Telling valgrind (its
//!   STACK_REGISTER request) needs the mapping before the switch: an
//!   `mmap` and `psm::on_stack` of our own, unsafe code this crate forbids.

use std::cell::Cell;

use regex_syntax::hir::{Hir, HirKind};

use crate::error::{Error, ErrorKind};

/// The most recursion, in estimated bytes of stack ([`level_cost`]), that
/// compiles on the caller's thread in a release build. A one-level
/// compile takes 48 KiB; with this much recursion on top the worst shape
/// measured takes 58 KiB (`stack_probe caller`), under 64 KiB with room
/// for the caller's frames (capi/tests/c/test_stack.c compiles and
/// searches such patterns on a C thread with a 64 KiB stack). It keeps
/// every pattern of rebar's compile benchmarks on the caller's thread
/// but the date regex (estimate 14,344) and wild/url's, whose compiles
/// take 1.3-1.45x as long on the thread (above); the ruff-noqa regex
/// (10,464) compiles in 70 µs, which a thread start alone would double.
const INLINE_COST: usize = 12 << 10;

/// A sized thread's stack: a base for the frames that do not recurse plus
/// a share per level of height, each about three times the worst measured
/// (other shapes, other compiler versions). The stack is reserved, not
/// touched: only the frames a compile uses cost memory.
const BASE: usize = if cfg!(debug_assertions) { 1 << 20 } else { 256 << 10 };
const PER_LEVEL: usize = if cfg!(debug_assertions) { 32 << 10 } else { 4 << 10 };

/// Room on a sized thread's stack for the process's static TLS, on top of
/// what the compile needs. glibc carves a new thread's static TLS (the
/// thread-local variables of the program and of every library it loaded)
/// out of the stack it is given, and std asks for the larger of our size
/// and glibc's minimum (which counts the TLS), not their sum: a program
/// with 256 KiB of static TLS (Zig 0.17's standard library has a signal
/// stack there) left a 260 KiB thread about 40 KiB, and a compile that
/// needed more overflowed it (capi/tests/c/test_static_tls.c has 1 MiB of
/// TLS). 8 MiB is glibc's default thread stack, which a program's own
/// threads must fit its static TLS in; like the rest, it is reserved, not
/// touched.
const TLS_ROOM: usize = 8 << 20;

/// The name of the threads that compile deep patterns (for debuggers).
const THREAD_NAME: &str = "ferrex-compile";

thread_local! {
    /// Set on the threads that compile deep patterns.
    static COMPILE_THREAD: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is one that ferrex started to compile a deep
/// pattern: a panic there resumes on the thread that asked for the
/// compile, so a panic hook that stays quiet for panics its caller catches
/// (the C API's) must stay quiet here too.
#[doc(hidden)]
pub fn is_compile_thread() -> bool {
    COMPILE_THREAD.try_with(Cell::get).unwrap_or(false)
}

/// How deep parsed patterns nest, as the recursive steps see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Depth {
    /// The height of the deepest `Hir` (a leaf is 1).
    pub height: usize,
    /// The most [`level_cost`] along any path from a root to a leaf.
    pub cost: usize,
}

/// Measures `hirs` without recursion.
pub(crate) fn depth(hirs: &[Hir]) -> Depth {
    let mut todo: Vec<(&Hir, usize, usize)> = hirs.iter().map(|hir| (hir, 1, level_cost(hir))).collect();
    let mut most = Depth { height: 0, cost: 0 };
    while let Some((hir, height, cost)) = todo.pop() {
        most = Depth { height: most.height.max(height), cost: most.cost.max(cost) };
        todo.extend(hir.kind().subs().iter().map(|sub| (sub, height + 1, cost + level_cost(sub))));
    }
    most
}

/// The stack one level of `hir` takes in the step that recurses deepest
/// on it, in a release build: what `stack_probe` measured per shape (in
/// the comments), rounded up by 10 to 20%.
fn level_cost(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => 0,
        // 319
        HirKind::Capture(_) => 368,
        // `*`, `+`: 274
        HirKind::Repetition(rep) if rep.min <= 1 && rep.max.is_none() => 320,
        // `?`: 1,106; `{2}`: 1,585; `{1,3}`: 737; `{2,}`: 705
        HirKind::Repetition(_) => 1800,
        // 1,107
        HirKind::Concat(_) => 1280,
        // 1,680
        HirKind::Alternation(_) => 1900,
    }
}

/// Runs `f`, a step that recurses over patterns `depth` deep, with the
/// stack it needs: on this thread when the pattern is shallow, else on a
/// thread of ours whose panic, if any, resumes here. Fails only when that
/// thread cannot be started (a process out of threads or memory).
pub(crate) fn run<T: Send>(depth: Depth, f: impl FnOnce() -> T + Send) -> Result<T, Error> {
    if depth.cost <= INLINE_COST && !cfg!(debug_assertions) {
        return Ok(f());
    }
    let height = depth.height;
    let size = BASE.saturating_add(height.saturating_mul(PER_LEVEL)).saturating_add(TLS_ROOM);
    // The result is written in place, and the thread runs a `dyn` job: the
    // spawning code is not generic over `T`, whose moves through it would
    // take kilobytes of the caller's stack in a debug build (a full DFA).
    let (mut f, mut out) = (Some(f), None);
    let mut job = || out = f.take().map(|f| f());
    match spawn_sized(size, &mut job) {
        Ok(()) => Ok(out.expect("the job ran")),
        Err(e) => Err(Error::new(
            ErrorKind::SizeLimit,
            format!("a pattern nested {height} levels deep needs a thread with {size} bytes of stack: {e}"),
        )),
    }
}

/// Runs `job` on a new thread with `size` bytes of stack and waits for it;
/// resumes its panic, if any, here. The scope takes std's handle of this
/// thread (`thread::current`, 48 bytes kept until the thread exits), which
/// valgrind calls "possibly lost" for a C program's main thread:
/// packaging/ferrex.supp. A thread without a scope would need a `'static`
/// job, and the job borrows the caller's parsed patterns.
fn spawn_sized(size: usize, job: &mut (dyn FnMut() + Send)) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let marked = move || {
            COMPILE_THREAD.with(|c| c.set(true));
            job()
        };
        let worker =
            std::thread::Builder::new().name(THREAD_NAME.into()).stack_size(size).spawn_scoped(scope, marked)?;
        match worker.join() {
            Ok(()) => Ok(()),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pattern: &str) -> Hir {
        regex_syntax::ParserBuilder::new().nest_limit(u32::MAX).build().parse(pattern).unwrap()
    }

    fn depth_of(patterns: &[&str]) -> Depth {
        depth(&patterns.iter().map(|p| parse(p)).collect::<Vec<_>>())
    }

    #[test]
    fn depth_counts_levels_of_the_parsed_pattern() {
        assert_eq!(depth_of(&[]), Depth { height: 0, cost: 0 });
        assert_eq!(depth_of(&["abc"]), Depth { height: 1, cost: 0 });
        // Non-capturing groups leave no level; repetitions and captures do.
        assert_eq!(depth_of(&["((?:(?:a)))"]), Depth { height: 2, cost: 368 });
        assert_eq!(depth_of(&["(a)*"]), Depth { height: 3, cost: 320 + 368 });
        assert_eq!(depth_of(&["(?:a){2}b?"]), Depth { height: 3, cost: 1280 + 1800 });
        // Concat, alternation, concat, then `d|e` as one class.
        assert_eq!(depth_of(&["a", "x(?:b|c(?:d|e))"]), Depth { height: 4, cost: 2 * 1280 + 1900 });
        // Without recursion: it would overflow a test thread's 2 MiB here.
        let deep = format!("{}a{}", "(?:".repeat(100_000), ")*".repeat(100_000));
        assert_eq!(depth_of(&[&deep]), Depth { height: 100_001, cost: 100_000 * 320 });
    }

    fn deep() -> Depth {
        Depth { height: 2, cost: INLINE_COST + 1 }
    }

    #[test]
    fn a_panic_on_the_sized_thread_resumes_on_the_caller() {
        let caught = std::panic::catch_unwind(|| run(deep(), || panic!("deep")));
        let payload = caught.unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"deep"));
        let name = run(deep(), || std::thread::current().name().map(str::to_owned)).unwrap();
        assert_eq!(name.as_deref(), Some(THREAD_NAME));
        assert!(run(deep(), is_compile_thread).unwrap());
        assert!(!is_compile_thread());
    }
}
