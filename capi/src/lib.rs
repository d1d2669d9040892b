//! libferrex: the stable C API of the ferrex engine.
//!
//! Every extern function is a short shim: validate the C arguments (see
//! `guard`), call the engine, write plain results to out-parameters. All
//! bodies run inside `guard::call*`, so no panic crosses the boundary.
//! `include/ferrex.h` is generated from this crate by cbindgen.
#![allow(non_camel_case_types, clippy::missing_safety_doc)]
#![deny(unsafe_op_in_unsafe_fn)]

// Declared in the order the header presents them (cbindgen keeps it).
mod guard;
mod quiet;
mod version;
mod status;
mod error;
mod options;
mod regex;
mod cache;
mod search;
mod captures;
mod iter;
mod phrases;
mod stream;
mod output;
mod transform;
mod escape;

pub use crate::cache::*;
pub use crate::captures::*;
pub use crate::error::*;
pub use crate::escape::*;
pub use crate::iter::*;
pub use crate::options::*;
pub use crate::output::*;
pub use crate::phrases::*;
pub use crate::regex::*;
pub use crate::search::*;
pub use crate::status::*;
pub use crate::stream::*;
pub use crate::transform::*;
pub use crate::version::*;
