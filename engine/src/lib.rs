//! ferrex: DFA-first regex matching for C, Zig and every language with a C
//! FFI. This crate holds all semantics; `ferrex-capi` is a thin C shim.
//!
//! Built on regex-automata: every search runs in time linear in the
//! haystack. The meta regex (the engine Rust's regex crate runs, with its
//! literal, reverse and one-pass strategies) answers first; ferrex's own
//! DFA paths (a short-span walk, a fully compiled DFA, literal rejection)
//! take over only for the shapes of regex and span where they were
//! measured faster (strategy.rs says which, and why).
//!
//! ```
//! use ferrex::{Regex, Search};
//! let re = Regex::new(r"(\w+)@(\w+)\.com").unwrap();
//! let m = re.find(None, b"mail bob@example.com now", &Search::default()).unwrap().unwrap();
//! assert_eq!((m.start, m.end), (5, 20));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod build;
mod cache;
mod captures;
mod cursor;
mod error;
mod escape;
mod exact;
mod first;
mod flags;
mod iter;
mod limits;
mod lowercase;
mod options;
mod phrases;
mod regex;
mod replace;
mod required;
mod search;
mod short;
mod stack;
mod strategy;
pub mod stream;
mod utf8;
// The integration tests' generator, for the unit tests' random cases too.
#[cfg(test)]
#[path = "../tests/support/rng.rs"]
mod test_rng;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

pub use crate::cache::Cache;
pub use crate::captures::Captures;
pub use crate::error::{Error, ErrorKind};
pub use crate::escape::escape;
pub use crate::flags::Flags;
pub use crate::iter::{FindIter, FindState};
pub use crate::lowercase::{lowercase_ascii, lowercase_unicode};
pub use crate::options::{MatchKind, Options, MAX_NESTING_LIMIT};
pub use crate::phrases::{PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, PhraseStarts};
pub use crate::regex::{Match, Regex};
pub use crate::replace::{Flow, Template};
pub use crate::search::{Anchor, Search};
#[doc(hidden)]
pub use crate::stack::is_compile_thread;
pub use crate::stream::{Stream, StreamOptions, StreamReport};

/// This file's path as panic locations spell it: the C API's panic hook
/// tells the engine's panics from its host's by their location.
#[doc(hidden)]
pub const SOURCE_FILE: &str = file!();
