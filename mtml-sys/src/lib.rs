//! Raw FFI bindings to the Moore Threads Management Library (MTML 2.2).
//!
//! libmtml is the C library shipped with the Moore Threads GPU driver for
//! reading and managing devices (it plays the part NVML plays for NVIDIA).
//! This crate only declares its interface: every item is `unsafe` to use and
//! mirrors the C header one to one. The safe API lives in the `mtml` crate.
//!
//! # Shape of the bindings
//!
//! - Functions keep their C names: [`mtmlLibraryInit`], [`mtmlDeviceGetName`], ...
//! - C enums are transparent newtypes with associated constants, so values
//!   the header does not list (newer drivers) are still representable:
//!   `MtmlReturn::MTML_SUCCESS`, and `.0` is the raw number.
//! - Structs implement `Default` (all zero), bit fields such as those of
//!   [`MtmlDeviceProperty`] have getter and setter methods.
//! - Handles (`MtmlLibrary`, `MtmlDevice`, ...) are opaque; use them only
//!   behind pointers.
//!
//! ```
//! use mtml_sys::MtmlReturn;
//! assert_eq!(MtmlReturn::MTML_ERROR_UNKNOWN.0, 999);
//! assert_eq!(core::mem::size_of::<mtml_sys::MtmlPciInfo>(), 104);
//! ```
//!
//! # Choosing the library
//!
//! Which libmtml gets linked, highest priority first:
//!
//! 1. feature `sim`: the simulated libmtml of the `mtml-sim` crate; nothing
//!    else is searched (for tests and machines without a Moore Threads GPU);
//! 2. `MTML_LIB_DIR`: the directory holding `libmtml.so`, `libmtml.so.2` or,
//!    for static linking, `libmtml.a`;
//! 3. pkg-config package `mtml` (skipped when `MTML_NO_PKG_CONFIG` is set);
//! 4. the driver's install directories: `/usr/lib`,
//!    `/usr/lib/x86_64-linux-gnu`, `/usr/lib/aarch64-linux-gnu`,
//!    `/usr/local/musa/lib`, then `$MUSA_INSTALL_PATH/lib` (or `$MUSA_HOME/lib`).
//!
//! The link is static when `MTML_STATIC=1`, or when the `static` feature is
//! on and `MTML_STATIC` is not set to `0`; otherwise dynamic. An install
//! with only `libmtml.so.2` (no `libmtml.so` link) is linked by that file
//! name. When nothing is found the build stops with a message listing what
//! was searched. No rpath is embedded: if the library is outside the
//! loader's default path, set `LD_LIBRARY_PATH` when running.
//!
//! # Bindings generation
//!
//! The build script runs bindgen (libclang loaded at run time) on the header
//! bundled with this crate, or on `$MTML_INCLUDE_DIR/mtml.h` when that
//! variable names the driver's header directory. Without libclang the
//! bundled header's bindings come from the checked-in
//! `src/bindings/pregenerated.rs`, with a build warning; with
//! `MTML_INCLUDE_DIR` a missing libclang is an error (install
//! `libclang-dev`, or set `LIBCLANG_PATH`). After changing the header,
//! refresh the checked-in copy with `MTML_SYS_UPDATE_PREGENERATED=1 cargo
//! build -p mtml-sys`; a test fails while it is stale.
//!
//! Dependents' build scripts receive `DEP_MTML_INCLUDE` (the header
//! directory used) and `DEP_MTML_LIB_DIR` (where libmtml was found, when
//! known). On docs.rs (`DOCS_RS`) nothing is linked.
//!
//! | Variable | Effect |
//! | --- | --- |
//! | `MTML_INCLUDE_DIR` | generate bindings from this directory's `mtml.h` |
//! | `MTML_LIB_DIR` | link libmtml from this directory |
//! | `MTML_STATIC` | `1`: link `libmtml.a`; `0`: dynamic even with feature `static` |
//! | `MTML_NO_PKG_CONFIG` | do not ask pkg-config |
//! | `MUSA_INSTALL_PATH`, `MUSA_HOME` | MUSA toolkit root; its `lib/` is searched |
//! | `MTML_SYS_UPDATE_PREGENERATED` | `1`: rewrite `src/bindings/pregenerated.rs` |
//! | `LIBCLANG_PATH` | where clang-sys looks for libclang |

#![no_std]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
// bindgen's layout checks compare raw offsets; the generated docs come from C.
#![allow(clippy::all)]

// Links the simulator's static archive in place of the driver's library.
#[cfg(feature = "sim")]
extern crate mtml_sim as _;

// The log configuration's derived `PartialEq` compares its callback pointer
// (`unknown_lints`: the lint is younger than the minimum supported Rust).
#[allow(unknown_lints, unpredictable_function_pointer_comparisons)]
mod bindings {
    include!(concat!(env!("OUT_DIR"), "/bindings.rs"));
}

pub use bindings::*;
