//! A simulated `libmtml` (Moore Threads Management Library 2.2) for tests.
//!
//! This crate compiles a complete, simulated implementation of the MTML C
//! interface and links it into its users. Code written against MTML (for
//! example through `mtml-sys` with its `sim` feature) then runs without a
//! Moore Threads GPU, against virtual devices described by a configuration.
//! The same code is also built as a shared library, `libmtml.so.2`
//! ([`shared_library_path`]), which any MTML client can load in place of the
//! driver's library.
//!
//! This Rust API covers the simulator's own controls (`mtml_sim.h`):
//!
//! - choosing the machine: [`default_config`], [`validate_config`],
//!   [`set_next_config`] and the [`SimConfig`] builder;
//! - per-instance knobs through [`Control`]: the virtual clock, fault
//!   injection ([`FaultRule`]), devices that fall off the bus or disappear,
//!   hostile data ([`HostileMode`]) and bookkeeping (call, handle and
//!   misuse counts).
//!
//! Every `MtmlLibrary` returned by `mtmlLibraryInit` is an independent
//! machine, so tests running in parallel threads do not see each other's
//! configuration, faults or counters.
//!
//! # Features
//!
//! - `runtime-loading`: the controls also reach copies of the simulator
//!   loaded at run time from its shared library (see the `runtime` module), as the
//!   runtime-loading mode of `mtml-sys` and `mtml` does. The linked copy
//!   keeps working; each control call goes to the copy that owns the handle.
//! - `bundle`: `bundled_shared_library` embeds the shared library's bytes.
//!
//! ```
//! use std::ffi::c_void;
//! use std::time::Duration;
//! use mtml_sim::{code, Control, FaultRule, SimConfig};
//!
//! // Normally mtml-sys declares these; any MTML binding works the same way.
//! extern "C" {
//!     fn mtmlLibraryInit(lib: *mut *mut c_void) -> u32;
//!     fn mtmlLibraryCountDevice(lib: *const c_void, count: *mut u32) -> u32;
//!     fn mtmlLibraryShutDown(lib: *mut c_void) -> u32;
//! }
//!
//! // Two S80 cards for the next mtmlLibraryInit on this thread.
//! SimConfig::empty()
//!     .system(|s| s.set("clock", "frozen"))
//!     .device(|d| d.set("model", "s80"))
//!     .device(|d| d.set("model", "s80"))
//!     .set_for_next_init()?;
//!
//! let mut lib = std::ptr::null_mut();
//! let mut count = 0;
//! // SAFETY: plain out-pointers; the library is shut down below.
//! unsafe {
//!     assert_eq!(mtmlLibraryInit(&mut lib), code::SUCCESS);
//!     assert_eq!(mtmlLibraryCountDevice(lib, &mut count), code::SUCCESS);
//! }
//! assert_eq!(count, 2);
//!
//! // SAFETY: lib is live until the shutdown at the end.
//! let control = unsafe { Control::from_raw(lib) }.expect("non-null");
//! control.advance_clock(Duration::from_secs(60))?;
//! control.inject_fault(&FaultRule::new("mtmlLibraryCountDevice", code::TIMEOUT).times(1))?;
//! // SAFETY: as above.
//! assert_eq!(unsafe { mtmlLibraryCountDevice(lib, &mut count) }, code::TIMEOUT);
//! assert_eq!(control.call_count("mtmlLibraryCountDevice")?, 2);
//! // SAFETY: lib is live and shut down once; control is not used afterwards.
//! unsafe { mtmlLibraryShutDown(lib) };
//! # Ok::<(), mtml_sim::Error>(())
//! ```

#![warn(missing_docs)]

mod builder;
mod config;
mod control;
mod error;
mod ffi;
#[cfg(feature = "runtime-loading")]
pub mod runtime;
mod text;

use std::path::Path;
use std::sync::OnceLock;

pub use builder::{Section, SimConfig};
pub use config::{
    clear_next_config, default_config, last_config_error, set_next_config, validate_config,
};
pub use control::{
    clear_global_faults, inject_global_fault, misuse_count_global, Control, FaultRule, HandleKind,
    HostileMode, MisuseKind, RuleId,
};
pub use error::{code, ConfigError, Error, Result};

/// Path of the simulator built as a shared library, `.../libmtml.so.2`
/// (soname `libmtml.so.2`; a `libmtml.so` link sits beside it).
pub fn shared_library_path() -> &'static Path {
    Path::new(env!("MTML_SIM_SHARED_LIB"))
}

/// The function the reduced variant of the shared library does not export
/// (see [`reduced_shared_library_path`]).
pub const REDUCED_LIBRARY_OMITS: &str = "mtmlDeviceGetName";

/// Path of a reduced variant of the shared library,
/// `.../variants/libmtml-reduced.so.2`: the same simulator, except that it
/// does not export [`REDUCED_LIBRARY_OMITS`]. It stands in for an older
/// driver that lacks a function, to test how runtime-loading bindings report
/// a missing function.
pub fn reduced_shared_library_path() -> &'static Path {
    Path::new(env!("MTML_SIM_REDUCED_SHARED_LIB"))
}

/// The bytes of the shared library at [`shared_library_path`], embedded in
/// the binary (feature `bundle`), so a program can carry the simulator
/// without shipping a second file.
#[cfg(feature = "bundle")]
pub fn bundled_shared_library() -> &'static [u8] {
    include_bytes!(env!("MTML_SIM_SHARED_LIB"))
}

/// Directory holding `libmtml.so.2` and `libmtml.so`, for `-L`, rpaths or
/// `LD_LIBRARY_PATH`.
pub fn shared_library_dir() -> &'static Path {
    Path::new(env!("MTML_SIM_LIB_DIR"))
}

/// Directory holding `mtml_sim.h` and `mtml.h`.
pub fn include_dir() -> &'static Path {
    Path::new(env!("MTML_SIM_INCLUDE_DIR"))
}

/// Names of every MTML function the simulator implements (116: the 115
/// returning `MtmlReturn`, plus `mtmlErrorString`), in the simulator's order.
#[doc(alias = "mtmlSimFunctionName")]
pub fn function_names() -> Vec<&'static str> {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            // Far above the real count; guards against an absurd answer.
            const MAX_FUNCTIONS: u32 = 4096;
            // SAFETY: no preconditions.
            let count = unsafe { (ffi::LINKED.mtmlSimFunctionCount)() }.min(MAX_FUNCTIONS);
            (0..count)
                .filter_map(|index| {
                    // SAFETY: any index is allowed; NULL past the end.
                    let ptr = unsafe { (ffi::LINKED.mtmlSimFunctionName)(index) };
                    // SAFETY: ptr is NULL or static, NUL-terminated text.
                    unsafe { text::from_static(ptr) }
                })
                .collect()
        })
        .iter()
        .map(String::as_str)
        .collect()
}
