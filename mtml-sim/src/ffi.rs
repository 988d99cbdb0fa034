//! The C functions of `mtml_sim.h` this crate calls, declared by hand so the
//! crate does not depend on `mtml-sys`. Signatures mirror the header exactly.
//!
//! One list, [`sim_functions!`], declares them twice over:
//! - as `extern "C"` items, resolved at link time against the simulator's
//!   static archive that this crate always links;
//! - as the fields of [`Functions`], a table of function pointers. The table
//!   [`LINKED`] points at the linked copy; with the `runtime-loading` feature,
//!   `Functions::load` fills one from a simulator loaded at run time (see
//!   [`crate::runtime`]).
//!
//! The rest of the crate calls through a `&Functions`, so the same code
//! drives whichever copy of the simulator owns a library handle.

use std::os::raw::{c_char, c_int, c_uint, c_ulonglong, c_void};

/// Opaque `MtmlLibrary` of the simulator; only ever used behind a pointer.
#[repr(C)]
pub(crate) struct MtmlLibrary {
    _private: [u8; 0],
}

/// `MtmlReturn` as the C ABI passes it (a C enum, an `int`-sized value).
pub(crate) type RawReturn = c_uint;

/// Declares the control functions as `extern "C"` items and as the
/// [`Functions`] table (see the module documentation).
macro_rules! sim_functions {
    ($(fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;)*) => {
        mod linked {
            #[allow(unused_imports)]
            use super::*;
            extern "C" {
                $(pub(crate) fn $name($($arg: $ty),*) -> $ret;)*
            }
        }

        /// Pointers to every control function of one copy of the simulator.
        #[allow(non_snake_case)]
        #[derive(Debug, Clone, Copy)]
        pub(crate) struct Functions {
            $(pub(crate) $name: unsafe extern "C" fn($($ty),*) -> $ret,)*
        }

        /// The copy of the simulator linked into this binary.
        pub(crate) static LINKED: Functions = Functions {
            $($name: linked::$name,)*
        };

        #[cfg(feature = "runtime-loading")]
        impl Functions {
            /// Resolves every function in `library`; the error names the
            /// first one missing (the library is then no simulator).
            ///
            /// # Safety
            /// `library` is a copy of this simulator (so each symbol has the
            /// signature declared here), and it stays loaded for as long as
            /// the returned table is used.
            pub(crate) unsafe fn load(library: &libloading::Library) -> Result<Functions, String> {
                Ok(Functions {
                    $($name: {
                        let symbol = concat!(stringify!($name), "\0");
                        // SAFETY: the caller guarantees the symbol has this
                        // signature and outlives the copied pointer.
                        let function = unsafe {
                            library.get::<unsafe extern "C" fn($($ty),*) -> $ret>(symbol.as_bytes())
                        };
                        *function.map_err(|err| format!("{}: {err}", stringify!($name)))?
                    },)*
                })
            }
        }
    };
}

sim_functions! {
    fn mtmlSimDefaultConfig() -> *const c_char;
    fn mtmlSimSetNextConfig(config: *const c_char, err: *mut c_char, err_length: c_uint) -> RawReturn;
    fn mtmlSimValidateConfig(config: *const c_char, err: *mut c_char, err_length: c_uint) -> RawReturn;
    fn mtmlSimLastConfigError() -> *const c_char;

    fn mtmlSimSetClockFrozen(lib: *mut MtmlLibrary, frozen: c_int) -> RawReturn;
    fn mtmlSimAdvanceClock(lib: *mut MtmlLibrary, milliseconds: c_ulonglong) -> RawReturn;
    fn mtmlSimGetClock(lib: *mut MtmlLibrary, milliseconds: *mut c_ulonglong) -> RawReturn;

    fn mtmlSimInjectFault(
        lib: *mut MtmlLibrary,
        function: *const c_char,
        device_index: c_int,
        code: RawReturn,
        after_calls: c_uint,
        times: c_uint,
        stall_ms: c_uint,
        rule_id: *mut c_uint,
    ) -> RawReturn;
    fn mtmlSimInjectGlobalFault(
        function: *const c_char,
        code: RawReturn,
        after_calls: c_uint,
        times: c_uint,
        rule_id: *mut c_uint,
    ) -> RawReturn;
    fn mtmlSimClearGlobalFaults() -> RawReturn;
    fn mtmlSimRemoveFault(lib: *mut MtmlLibrary, rule_id: c_uint) -> RawReturn;
    // The one MTML function the controls need: shutting down a library
    // whose own shutdown was made to fail (see `Control::shut_down`).
    fn mtmlLibraryShutDown(lib: *mut MtmlLibrary) -> RawReturn;
    fn mtmlSimClearFaults(lib: *mut MtmlLibrary) -> RawReturn;

    fn mtmlSimDeviceFallOffBus(lib: *mut MtmlLibrary, device_index: c_uint) -> RawReturn;
    fn mtmlSimDeviceRemove(lib: *mut MtmlLibrary, device_index: c_uint) -> RawReturn;
    fn mtmlSimDeviceRestoreAll(lib: *mut MtmlLibrary) -> RawReturn;

    fn mtmlSimSetHostile(lib: *mut MtmlLibrary, function: *const c_char, mode: c_uint) -> RawReturn;

    fn mtmlSimCallCount(
        lib: *mut MtmlLibrary,
        function: *const c_char,
        count: *mut c_ulonglong,
    ) -> RawReturn;
    fn mtmlSimHandleCounts(
        lib: *mut MtmlLibrary,
        kind: c_uint,
        created: *mut c_ulonglong,
        freed: *mut c_ulonglong,
    ) -> RawReturn;
    fn mtmlSimMisuseCount(lib: *mut MtmlLibrary, kind: c_uint, count: *mut c_ulonglong) -> RawReturn;
    fn mtmlSimOwnsHandle(handle: *const c_void) -> c_int;

    fn mtmlSimFunctionCount() -> c_uint;
    fn mtmlSimFunctionName(index: c_uint) -> *const c_char;
}

/// The copies of the simulator a call may go to: with the
/// `runtime-loading` feature the loaded ones (newest first), then always
/// the linked one.
pub(crate) fn copies() -> Vec<&'static Functions> {
    #[cfg(feature = "runtime-loading")]
    let loaded = crate::runtime::loaded_functions();
    #[cfg(not(feature = "runtime-loading"))]
    let loaded = Vec::new();
    loaded.into_iter().chain([&LINKED]).collect()
}

/// The copy of the simulator that handed out `handle`; the linked copy when
/// none claims it (which then reports the handle as foreign).
pub(crate) fn owner_of(handle: *const c_void) -> &'static Functions {
    if handle.is_null() {
        return &LINKED;
    }
    copies()
        .into_iter()
        // SAFETY: mtmlSimOwnsHandle compares addresses only; any pointer is
        // allowed.
        .find(|copy| unsafe { (copy.mtmlSimOwnsHandle)(handle) } != 0)
        .unwrap_or(&LINKED)
}
