// Shared by the build scripts of `overhead` and `parity` (include!): links
// a package's binaries against libferrex.so exactly as a C program would
// (-L build/lib -lferrex, with an rpath so they run in place).
// libferrex comes from `make lib`; FERREX_LIB_DIR overrides where it is
// looked for.

fn link_ferrex() {
    use std::env;
    use std::path::PathBuf;

    let lib_dir = match env::var_os("FERREX_LIB_DIR") {
        Some(dir) => PathBuf::from(dir),
        // bench/rust/<package> -> the repository root.
        None => PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("../../../build/lib"),
    };
    let so = lib_dir.join("libferrex.so");
    if !so.exists() {
        panic!(
            "{} is missing: run `make lib` in the repository root first (bench/rust/build.sh does)",
            so.display()
        );
    }
    let lib_dir = lib_dir.canonicalize().expect("the libferrex directory");
    println!("cargo:rerun-if-env-changed=FERREX_LIB_DIR");
    println!("cargo:rerun-if-changed={}", so.display());
    println!("cargo:rustc-link-search=native={}", lib_dir.display());
    println!("cargo:rustc-link-lib=dylib=ferrex");
    // Absolute: the binaries are copied to bench/work/bin, so an $ORIGIN
    // path would depend on where they were built.
    println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{}", lib_dir.display());
}
