//! The C functions of `mtml_sim.h` this crate calls, declared by hand so the
//! crate does not depend on `mtml-sys`. Signatures mirror the header exactly.

use std::os::raw::{c_char, c_int, c_uint, c_ulonglong};

/// Opaque `MtmlLibrary` of the simulator; only ever used behind a pointer.
#[repr(C)]
pub(crate) struct MtmlLibrary {
    _private: [u8; 0],
}

/// `MtmlReturn` as the C ABI passes it (a C enum, an `int`-sized value).
pub(crate) type RawReturn = c_uint;

extern "C" {
    pub(crate) fn mtmlSimDefaultConfig() -> *const c_char;
    pub(crate) fn mtmlSimSetNextConfig(
        config: *const c_char,
        err: *mut c_char,
        err_length: c_uint,
    ) -> RawReturn;
    pub(crate) fn mtmlSimValidateConfig(
        config: *const c_char,
        err: *mut c_char,
        err_length: c_uint,
    ) -> RawReturn;
    pub(crate) fn mtmlSimLastConfigError() -> *const c_char;

    pub(crate) fn mtmlSimSetClockFrozen(lib: *mut MtmlLibrary, frozen: c_int) -> RawReturn;
    pub(crate) fn mtmlSimAdvanceClock(
        lib: *mut MtmlLibrary,
        milliseconds: c_ulonglong,
    ) -> RawReturn;
    pub(crate) fn mtmlSimGetClock(
        lib: *mut MtmlLibrary,
        milliseconds: *mut c_ulonglong,
    ) -> RawReturn;

    pub(crate) fn mtmlSimInjectFault(
        lib: *mut MtmlLibrary,
        function: *const c_char,
        device_index: c_int,
        code: RawReturn,
        after_calls: c_uint,
        times: c_uint,
        stall_ms: c_uint,
        rule_id: *mut c_uint,
    ) -> RawReturn;
    pub(crate) fn mtmlSimInjectGlobalFault(
        function: *const c_char,
        code: RawReturn,
        after_calls: c_uint,
        times: c_uint,
        rule_id: *mut c_uint,
    ) -> RawReturn;
    pub(crate) fn mtmlSimClearGlobalFaults() -> RawReturn;
    pub(crate) fn mtmlSimRemoveFault(lib: *mut MtmlLibrary, rule_id: c_uint) -> RawReturn;
    pub(crate) fn mtmlSimClearFaults(lib: *mut MtmlLibrary) -> RawReturn;

    pub(crate) fn mtmlSimDeviceFallOffBus(lib: *mut MtmlLibrary, device_index: c_uint)
        -> RawReturn;
    pub(crate) fn mtmlSimDeviceRemove(lib: *mut MtmlLibrary, device_index: c_uint) -> RawReturn;
    pub(crate) fn mtmlSimDeviceRestoreAll(lib: *mut MtmlLibrary) -> RawReturn;

    pub(crate) fn mtmlSimSetHostile(
        lib: *mut MtmlLibrary,
        function: *const c_char,
        mode: c_uint,
    ) -> RawReturn;

    pub(crate) fn mtmlSimCallCount(
        lib: *mut MtmlLibrary,
        function: *const c_char,
        count: *mut c_ulonglong,
    ) -> RawReturn;
    pub(crate) fn mtmlSimHandleCounts(
        lib: *mut MtmlLibrary,
        kind: c_uint,
        created: *mut c_ulonglong,
        freed: *mut c_ulonglong,
    ) -> RawReturn;
    pub(crate) fn mtmlSimMisuseCount(
        lib: *mut MtmlLibrary,
        kind: c_uint,
        count: *mut c_ulonglong,
    ) -> RawReturn;

    pub(crate) fn mtmlSimFunctionCount() -> c_uint;
    pub(crate) fn mtmlSimFunctionName(index: c_uint) -> *const c_char;
}
