//! Re-exports the rure crate so that its `#[no_mangle] extern "C"` functions
//! (rure_compile, rure_iter_next, ...) land in this crate's static library.
//! A staticlib keeps every exported C symbol of its dependencies, but only
//! if the dependency is linked in at all: the `pub use` makes sure it is.

pub use rure::*;
