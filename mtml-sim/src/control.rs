//! [`Control`]: the knobs of one simulated library instance (virtual clock,
//! fault injection, device loss, hostile data, bookkeeping).

use std::ffi::c_void;
use std::marker::PhantomData;
use std::os::raw::{c_int, c_uint, c_ulonglong};
use std::ptr::NonNull;
use std::time::Duration;

use crate::builder::duration_ms;
use crate::error::{check, code, Error, Result};
use crate::ffi;
use crate::text::to_c_string;

/// A fault rule: which calls fail, when, how often, and with what code.
///
/// Matching calls of `function` (an `mtml*` name, or `"*"` for all) on
/// `device` (`None` = any device) skip their first `after` calls; then the
/// next `times` calls (0 = every later call) sleep `stall` and return
/// `code` (`code::SUCCESS` = only stall, then behave normally).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// `mtml*` function name, or `"*"`.
    pub function: String,
    /// Device index the rule applies to; `None` for every device.
    pub device: Option<u32>,
    /// Raw `MtmlReturn` to return (see [`code`]).
    pub code: u32,
    /// Matching calls that pass untouched before the rule fires.
    pub after: u32,
    /// Calls the rule fires for; 0 = every later call.
    pub times: u32,
    /// Delay before the call returns (whole milliseconds are used).
    pub stall: Duration,
}

impl FaultRule {
    /// A rule making every call of `function` on any device return `code`.
    pub fn new(function: impl Into<String>, code: u32) -> Self {
        FaultRule {
            function: function.into(),
            device: None,
            code,
            after: 0,
            times: 0,
            stall: Duration::ZERO,
        }
    }

    /// Restricts the rule to device `index`.
    pub fn on_device(mut self, index: u32) -> Self {
        self.device = Some(index);
        self
    }

    /// Lets the first `calls` matching calls pass.
    pub fn after(mut self, calls: u32) -> Self {
        self.after = calls;
        self
    }

    /// Fires for `calls` calls only (0 = always).
    pub fn times(mut self, calls: u32) -> Self {
        self.times = calls;
        self
    }

    /// Sleeps `stall` before returning.
    pub fn stall(mut self, stall: Duration) -> Self {
        self.stall = stall;
        self
    }
}

/// Id of an injected fault rule, for [`Control::remove_fault`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleId(pub u32);

macro_rules! c_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal, $config:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant = $value,)*
        }

        impl $name {
            /// Every value, in C order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The raw C value.
            pub fn raw(self) -> u32 {
                self as u32
            }

            /// The lowercase name used in configuration files.
            pub fn config_name(self) -> &'static str {
                match self {
                    $($name::$variant => $config,)*
                }
            }
        }
    };
}

c_enum! {
    /// Kinds of hostile data the simulator can return (`MtmlSimHostileMode`).
    HostileMode {
        /// Behave normally.
        None = 0, "none";
        /// Fill the caller's whole string buffer without a terminator.
        UnterminatedString = 1, "unterminated_string";
        /// Put the bytes 0xFF 0xFE into strings.
        InvalidUtf8 = 2, "invalid_utf8";
        /// Write 0x7FFF into enum outputs.
        EnumOutOfRange = 3, "enum_out_of_range";
        /// `Count*` reports 2 more than the matching `Get*` fills.
        CountInflated = 4, "count_inflated";
    }
}

c_enum! {
    /// Kinds of handle the simulator counts (`MtmlSimHandleKind`).
    HandleKind {
        /// `MtmlSystem`.
        System = 0, "system";
        /// `MtmlDevice`: physical devices, MPC instances, virtual devices.
        Device = 1, "device";
        /// `MtmlGpu`.
        Gpu = 2, "gpu";
        /// `MtmlMemory`.
        Memory = 3, "memory";
        /// `MtmlVpu`.
        Vpu = 4, "vpu";
    }
}

c_enum! {
    /// Kinds of API misuse the simulator detects (`MtmlSimMisuseKind`).
    MisuseKind {
        /// A handle of a library already shut down (counted process-wide only).
        UseAfterShutdown = 0, "use_after_shutdown";
        /// A freed handle, or one invalidated by a reset or MPC change.
        StaleHandle = 1, "stale_handle";
        /// A handle freed twice.
        DoubleFree = 2, "double_free";
        /// A pointer that never was a handle.
        ForeignHandle = 3, "foreign_handle";
    }
}

/// Controls of one simulated library instance.
///
/// Built from the `MtmlLibrary *` that `mtmlLibraryInit` returned; valid
/// while that library is alive (`'lib`). Every method is thread-safe.
#[derive(Debug, Clone, Copy)]
pub struct Control<'lib> {
    lib: NonNull<ffi::MtmlLibrary>,
    /// The copy of the simulator that owns `lib` (the linked one, or one
    /// loaded at run time; see [`crate::runtime`]).
    functions: &'static ffi::Functions,
    _library: PhantomData<&'lib ()>,
}

// SAFETY: Control only holds the library pointer and every mtmlSim*
// function is documented as thread-safe, so it may move and be shared
// across threads.
unsafe impl Send for Control<'_> {}
// SAFETY: see Send above; no method mutates Rust-side state.
unsafe impl Sync for Control<'_> {}

impl<'lib> Control<'lib> {
    /// Wraps a library handle.
    ///
    /// Returns `None` when `ptr` is NULL. The controls act on the copy of
    /// the simulator that created `ptr`: the one linked into this binary or
    /// one loaded at run time (see the `runtime` module, feature `runtime-loading`).
    ///
    /// # Safety
    /// `ptr` is an `MtmlLibrary *` returned by this simulator's
    /// `mtmlLibraryInit` and not shut down for all of `'lib`.
    pub unsafe fn from_raw(ptr: *mut c_void) -> Option<Control<'lib>> {
        NonNull::new(ptr.cast::<ffi::MtmlLibrary>()).map(|lib| Control {
            lib,
            functions: ffi::owner_of(ptr),
            _library: PhantomData,
        })
    }

    /// The wrapped library pointer.
    pub fn as_raw(&self) -> *mut c_void {
        self.lib.as_ptr().cast()
    }

    fn raw(&self) -> *mut ffi::MtmlLibrary {
        self.lib.as_ptr()
    }

    /// Stops the virtual clock: metrics then change only through
    /// [`Control::advance_clock`].
    ///
    /// # Errors
    /// The simulator's code if the library handle is rejected.
    #[doc(alias = "mtmlSimSetClockFrozen")]
    pub fn freeze_clock(&self) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimSetClockFrozen)(self.raw(), 1) },
            "freezing the clock",
        )
    }

    /// Lets the virtual clock follow the host's monotonic clock again.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimSetClockFrozen")]
    pub fn release_clock(&self) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimSetClockFrozen)(self.raw(), 0) },
            "releasing the clock",
        )
    }

    /// Moves the virtual clock forward by `by` (whole milliseconds).
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimAdvanceClock")]
    pub fn advance_clock(&self, by: Duration) -> Result<()> {
        let ms = c_ulonglong::try_from(by.as_millis()).unwrap_or(c_ulonglong::MAX);
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimAdvanceClock)(self.raw(), ms) },
            "advancing the clock",
        )
    }

    /// The virtual time since the library was initialised.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimGetClock")]
    pub fn clock(&self) -> Result<Duration> {
        let mut ms: c_ulonglong = 0;
        // SAFETY: live library; &mut ms is a valid output location.
        check(
            unsafe { (self.functions.mtmlSimGetClock)(self.raw(), &mut ms) },
            "reading the clock",
        )?;
        Ok(Duration::from_millis(ms))
    }

    /// Adds a fault rule to this instance and returns its id.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a function name with a NUL byte, a device
    /// index beyond `i32::MAX`, or whatever the simulator rejects (e.g. an
    /// unknown function name).
    #[doc(alias = "mtmlSimInjectFault")]
    pub fn inject_fault(&self, rule: &FaultRule) -> Result<RuleId> {
        let function = to_c_string(&rule.function, "function name")?;
        let device: c_int = match rule.device {
            None => -1,
            Some(index) => c_int::try_from(index).map_err(|_| {
                Error::new(
                    code::INVALID_ARGUMENT,
                    format!("device index {index} is out of range"),
                )
            })?,
        };
        let mut id: c_uint = 0;
        // SAFETY: live library; function is a valid C string; &mut id is a
        // valid output location.
        let raw = unsafe {
            (self.functions.mtmlSimInjectFault)(
                self.raw(),
                function.as_ptr(),
                device,
                rule.code,
                rule.after,
                rule.times,
                duration_ms(rule.stall),
                &mut id,
            )
        };
        check(raw, &format!("injecting a fault into {}", rule.function))?;
        Ok(RuleId(id))
    }

    /// Removes one fault rule.
    ///
    /// # Errors
    /// The simulator's code for an unknown id.
    #[doc(alias = "mtmlSimRemoveFault")]
    pub fn remove_fault(&self, id: RuleId) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimRemoveFault)(self.raw(), id.0) },
            "removing a fault rule",
        )
    }

    /// Removes every fault rule, including those from `MTML_SIM_FAULTS`.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimClearFaults")]
    pub fn clear_faults(&self) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimClearFaults)(self.raw()) },
            "clearing fault rules",
        )
    }

    /// Shuts the library down through the copy of the simulator that owns
    /// it, for tests whose injected fault made the owner's own shutdown
    /// fail and left the instance alive.
    ///
    /// # Safety
    /// No handle of the library, and no other `Control` of it, may be used
    /// afterwards; the owner (for example an `mtml::Library`) must already
    /// be gone, or it would shut the library down a second time.
    ///
    /// # Errors
    /// The code `mtmlLibraryShutDown` returned (injected faults apply).
    #[doc(alias = "mtmlLibraryShutDown")]
    pub unsafe fn shut_down(self) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract) that
        // nothing uses afterwards (this function's contract).
        check(
            unsafe { (self.functions.mtmlLibraryShutDown)(self.raw()) },
            "shutting the library down",
        )
    }

    /// Device `index` falls off the bus: its calls return `DRIVER_FAILURE`.
    ///
    /// # Errors
    /// The simulator's code for an index out of range.
    #[doc(alias = "mtmlSimDeviceFallOffBus")]
    pub fn fall_off_bus(&self, index: u32) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimDeviceFallOffBus)(self.raw(), index) },
            "dropping a device off the bus",
        )
    }

    /// Device `index` disappears from the count; its handles return `NOT_FOUND`.
    ///
    /// # Errors
    /// The simulator's code for an index out of range.
    #[doc(alias = "mtmlSimDeviceRemove")]
    pub fn remove_device(&self, index: u32) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimDeviceRemove)(self.raw(), index) },
            "removing a device",
        )
    }

    /// Brings back every removed or fallen device in its original place.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimDeviceRestoreAll")]
    pub fn restore_devices(&self) -> Result<()> {
        // SAFETY: self.raw() is a live library (from_raw contract).
        check(
            unsafe { (self.functions.mtmlSimDeviceRestoreAll)(self.raw()) },
            "restoring devices",
        )
    }

    /// Turns a hostile-data mode on for `function` (or `"*"`);
    /// [`HostileMode::None`] turns it off.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a name with a NUL byte or one the simulator rejects.
    #[doc(alias = "mtmlSimSetHostile")]
    pub fn set_hostile(&self, function: &str, mode: HostileMode) -> Result<()> {
        let name = to_c_string(function, "function name")?;
        // SAFETY: live library; name is a valid C string.
        let raw =
            unsafe { (self.functions.mtmlSimSetHostile)(self.raw(), name.as_ptr(), mode.raw()) };
        check(raw, &format!("setting hostile mode on {function}"))
    }

    /// How many times `function` (or `"*"` for all) was called on this instance.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` for a name with a NUL byte or one the simulator
    /// does not know.
    #[doc(alias = "mtmlSimCallCount")]
    pub fn call_count(&self, function: &str) -> Result<u64> {
        let name = to_c_string(function, "function name")?;
        let mut count: c_ulonglong = 0;
        // SAFETY: live library; valid C string; valid output location.
        let raw =
            unsafe { (self.functions.mtmlSimCallCount)(self.raw(), name.as_ptr(), &mut count) };
        check(raw, &format!("reading the call count of {function}"))?;
        Ok(count)
    }

    /// Handles of `kind` created and explicitly freed on this instance.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimHandleCounts")]
    pub fn handle_counts(&self, kind: HandleKind) -> Result<(u64, u64)> {
        let (mut created, mut freed): (c_ulonglong, c_ulonglong) = (0, 0);
        // SAFETY: live library; both outputs are valid locations.
        let raw = unsafe {
            (self.functions.mtmlSimHandleCounts)(self.raw(), kind.raw(), &mut created, &mut freed)
        };
        check(raw, "reading handle counts")?;
        Ok((created, freed))
    }

    /// Misuses of `kind` detected on this instance.
    ///
    /// # Errors
    /// As [`Control::freeze_clock`].
    #[doc(alias = "mtmlSimMisuseCount")]
    pub fn misuse_count(&self, kind: MisuseKind) -> Result<u64> {
        misuse_count_of(self.functions, self.raw(), kind)
    }
}

/// Adds a process-wide fault rule for a function that takes no handle
/// (`mtmlLogSetConfiguration`, `mtmlLogGetConfiguration`), which no
/// [`Control`] can scope. It affects every thread until
/// [`clear_global_faults`]; keep tests that use it in a test binary of
/// their own or away from other logging tests.
///
/// # Errors
/// `INVALID_ARGUMENT` for another function name, `"*"`, a device or a
/// stall in `rule`; `INSUFFICIENT_MEMORY` when the rule table is full.
#[doc(alias = "mtmlSimInjectGlobalFault")]
pub fn inject_global_fault(rule: &FaultRule) -> Result<RuleId> {
    if rule.device.is_some() || !rule.stall.is_zero() {
        return Err(Error::new(
            code::INVALID_ARGUMENT,
            "process-wide fault rules take neither a device nor a stall",
        ));
    }
    let function = to_c_string(&rule.function, "function name")?;
    let mut id: c_uint = 0;
    // Every copy of the simulator in the process gets the rule, as with
    // `set_next_config`; the id is the one the last copy gave.
    for copy in ffi::copies() {
        // SAFETY: function is a valid C string; &mut id is a valid output
        // location.
        let raw = unsafe {
            (copy.mtmlSimInjectGlobalFault)(
                function.as_ptr(),
                rule.code,
                rule.after,
                rule.times,
                &mut id,
            )
        };
        check(
            raw,
            &format!("injecting a process-wide fault into {}", rule.function),
        )?;
    }
    Ok(RuleId(id))
}

/// Removes every process-wide fault rule (see [`inject_global_fault`]).
///
/// # Errors
/// None expected; the simulator's code otherwise.
#[doc(alias = "mtmlSimClearGlobalFaults")]
pub fn clear_global_faults() -> Result<()> {
    for copy in ffi::copies() {
        // SAFETY: no preconditions.
        let raw = unsafe { (copy.mtmlSimClearGlobalFaults)() };
        check(raw, "clearing process-wide fault rules")?;
    }
    Ok(())
}

/// Misuses of `kind` detected in the whole process (all instances, plus
/// use-after-shutdown, which only this total can count), summed over every
/// copy of the simulator in the process.
///
/// # Errors
/// The simulator's code (none expected).
#[doc(alias = "mtmlSimMisuseCount")]
pub fn misuse_count_global(kind: MisuseKind) -> Result<u64> {
    let mut total = 0;
    for copy in ffi::copies() {
        total += misuse_count_of(copy, std::ptr::null_mut(), kind)?;
    }
    Ok(total)
}

fn misuse_count_of(
    functions: &ffi::Functions,
    lib: *mut ffi::MtmlLibrary,
    kind: MisuseKind,
) -> Result<u64> {
    let mut count: c_ulonglong = 0;
    // SAFETY: lib is NULL (process-wide total) or a live library of the
    // copy `functions` belongs to; the output location is valid.
    let raw = unsafe { (functions.mtmlSimMisuseCount)(lib, kind.raw(), &mut count) };
    check(raw, "reading a misuse count")?;
    Ok(count)
}
