//! Links `parity` against libferrex.so (../link_ferrex.rs).

include!("../link_ferrex.rs");

fn main() {
    link_ferrex();
}
