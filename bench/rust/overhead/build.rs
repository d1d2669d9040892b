//! Links `overhead` against libferrex.so (../link_ferrex.rs) and the
//! system's libpcre2-8.

include!("../link_ferrex.rs");

fn main() {
    link_ferrex();
    println!("cargo:rustc-link-lib=dylib=pcre2-8");
}
