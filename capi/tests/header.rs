//! include/ferrex.h is generated from this crate by cbindgen and committed.
//! This test fails when the committed header is stale; `make header` (which
//! runs it with FERREX_BLESS=1) rewrites it.

use std::path::Path;

#[test]
fn header_is_fresh() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut fresh = Vec::new();
    bindings.write(&mut fresh);
    let path = crate_dir.join("../include/ferrex.h");
    if std::env::var_os("FERREX_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("write include/ferrex.h");
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(committed == fresh, "include/ferrex.h is stale: run `make header` and commit the result");
}
