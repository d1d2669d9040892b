//! ferrex: DFA-first regex matching for C, Zig and every language with a C
//! FFI. This crate holds all semantics; `ferrex-capi` is a thin C shim.
//!
//! Built on regex-automata: every search runs in time linear in the
//! haystack. is-match and find are answered by DFAs (a fully compiled one
//! for small patterns, a lazy one otherwise); captures by the meta regex,
//! which picks the fastest engine that can report groups.
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
mod flags;
mod iter;
mod lowercase;
mod options;
mod phrases;
mod regex;
mod replace;
mod required;
mod search;
mod short;

pub use crate::cache::Cache;
pub use crate::captures::Captures;
pub use crate::error::{Error, ErrorKind};
pub use crate::escape::escape;
pub use crate::flags::Flags;
pub use crate::iter::FindIter;
pub use crate::lowercase::{lowercase_ascii, lowercase_unicode};
pub use crate::options::{MatchKind, Options};
pub use crate::phrases::{PhraseAutomaton, PhraseIter, PhraseMatchKind, PhraseOptions, PhraseSet, PhraseStarts};
pub use crate::regex::{Match, Regex};
pub use crate::replace::{Flow, Template};
pub use crate::search::{Anchor, Search};
