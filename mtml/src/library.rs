//! The library root: start-up, shutdown, device lookup and the operations
//! that invalidate handles.
//!
//! # Handle rules
//!
//! * Every handle ([`System`], [`Device`], [`Gpu`](crate::Gpu),
//!   [`Memory`](crate::Memory), [`Vpu`](crate::Vpu)) borrows the
//!   [`Library`] it came from, so none can outlive it: MTML invalidates all
//!   handles at shutdown.
//!
//!   ```compile_fail
//!   let lib = mtml::Library::init()?;
//!   let device = lib.device_by_index(0)?;
//!   lib.shutdown()?;          // `lib` is still borrowed by `device`
//!   device.name()?;
//!   # Ok::<(), mtml::Error>(())
//!   ```
//!
//!   ```compile_fail
//!   let lib = mtml::Library::init()?;
//!   let device = lib.device_by_index(0)?;
//!   let gpu = device.gpu()?;
//!   drop(device);
//!   drop(lib);                // `gpu` still borrows the library
//!   gpu.clock_mhz()?;
//!   # Ok::<(), mtml::Error>(())
//!   ```
//!
//! * Operations that invalidate handles take `&mut Library` and name their
//!   target by device index, so no handle can be alive across them:
//!   [`Library::reset_device`] here, and the MPC changes
//!   (`set_mpc_mode`, `set_mpc_configuration`, `set_mpc_configurations`) in
//!   the `mpc` module. Fetch devices again afterwards. Any new operation of
//!   that kind must follow the same pattern.
//!
//!   ```compile_fail
//!   let mut lib = mtml::Library::init()?;
//!   let device = lib.device_by_index(0)?;
//!   lib.reset_device(0)?;     // `device` borrows `lib`
//!   device.name()?;
//!   # Ok::<(), mtml::Error>(())
//!   ```
//!
//! * This crate never frees handles implicitly. MTML 2.2 marks the free
//!   functions as no longer required (shutdown releases everything), and
//!   `mtmlLibraryFreeDevice` is reported to crash on some drivers. Handles
//!   therefore live until the library shuts down, and wrappers are cheap
//!   `Copy` values. The free functions remain reachable as deprecated
//!   `Library::free_*` methods on `&mut Library` (no handle can be alive
//!   while they run, so none can dangle).
//!
//! # Threads
//!
//! Neither the MTML 2.2 header nor its manual says anything about thread
//! safety, so this crate promises nothing: [`Library`] and every handle are
//! neither `Send` nor `Sync`. Use one library per thread (MTML allows
//! several initialisations) or serialise access yourself.
//!
//! ```compile_fail
//! fn needs_send<T: Send>(_: T) {}
//! needs_send(mtml::Library::init().unwrap());
//! ```
//!
//! ```compile_fail
//! fn needs_sync<T: Sync>(_: &T) {}
//! needs_sync(&mtml::Library::init().unwrap());
//! ```
//!
//! # Finding libmtml
//!
//! By default libmtml is linked when the program is built (see `mtml-sys`),
//! and a program does not start where it is missing. With the
//! `runtime-loading` feature nothing is linked: the library is loaded by
//! the first [`Library::init`] (or `Builder::init`), from the first of
//! these that applies:
//!
//! 1. `Builder::bundled_simulator` (feature `bundled-sim`): the simulator
//!    embedded in the binary;
//! 2. the environment variable `MTML_LIBRARY_PATH` (a file path): it wins
//!    over the program's own choice below, so a user can point any binary
//!    at a particular library;
//! 3. `Builder::library_path`;
//! 4. with the `sim` feature, the simulator's shared library as `mtml-sim`
//!    built it (`mtml_sim::shared_library_path()`, a build-machine path,
//!    meant for tests);
//! 5. `libmtml.so.2`, then `libmtml.so`, through the dynamic loader's
//!    search path (`LD_LIBRARY_PATH`, the `ld.so` cache, system directories),
//!    which is where the driver installs it.
//!
//! A library that cannot be loaded gives [`Error::LibraryNotFound`] naming
//! every file tried and why. A function the loaded library lacks (an older
//! driver) gives [`Error::FunctionNotFound`] from the calls that need it;
//! everything else keeps working.
//!
//! One library serves the whole process and stays loaded until it exits:
//! every [`Library`] shares it, and asking for a different one afterwards
//! gives [`Error::LibraryConflict`]. This is what lets each call find its
//! function with one atomic load and no allocation, and it means no handle
//! can outlive the code behind it. [`loaded_library`] tells which library
//! is in use.
//!
//! ## A command-line tool with a demonstration mode
//!
//! A monitoring tool that ships as one binary enables `runtime-loading` and
//! `bundled-sim`, uses the driver when present, explains itself when not,
//! and runs on the embedded simulator on request:
//!
//! ```no_run
//! # #[cfg(feature = "bundled-sim")]
//! # fn main() -> std::process::ExitCode {
//! use std::process::ExitCode;
//! use mtml::{Error, Library};
//!
//! let demo = std::env::args().any(|arg| arg == "--sim")
//!     || std::env::var_os("MY_TOOL_SIM").is_some_and(|v| v == "1");
//! let builder = if demo {
//!     Library::builder().bundled_simulator()
//! } else {
//!     Library::builder()
//! };
//! let lib = match builder.init() {
//!     Ok(lib) => lib,
//!     Err(Error::LibraryNotFound { tried }) => {
//!         eprintln!("no Moore Threads driver found (libmtml); tried:");
//!         for attempt in tried {
//!             eprintln!("  {attempt}");
//!         }
//!         eprintln!("install the driver, set MTML_LIBRARY_PATH, or run with --sim");
//!         return ExitCode::FAILURE;
//!     }
//!     Err(error) => {
//!         eprintln!("MTML failed to start: {error}");
//!         return ExitCode::FAILURE;
//!     }
//! };
//! println!("{} devices ({})", lib.device_count().unwrap_or(0),
//!          mtml::library::loaded_library().unwrap_or("linked"));
//! ExitCode::SUCCESS
//! # }
//! # #[cfg(not(feature = "bundled-sim"))]
//! # fn main() {}
//! ```
//!
//! ## Features together
//!
//! | Features | libmtml comes from |
//! | --- | --- |
//! | none | the driver's library, linked at build time |
//! | `sim` | the simulator, linked at build time |
//! | `runtime-loading` | loaded at run time: the list above without step 4 |
//! | `runtime-loading` + `sim` | loaded at run time; the simulator's shared library unless steps 1–3 apply |
//! | `bundled-sim` (implies `runtime-loading`) | as `runtime-loading`, plus the embedded simulator on request |
//!
//! `runtime-loading` wins over linking: with it, `sim` (and `static` of
//! `mtml-sys`) link nothing. With `sim` in either mode,
//! `Library::sim_control` drives the simulator instance behind the
//! library, linked or loaded (including the bundled one).

use std::ffi::CString;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use crate::device::Device;
use crate::error::{Error, Result};
use crate::ffi::call;
use crate::string;
use crate::system::System;

/// Upper bound accepted for the device count; larger answers are an error.
pub(crate) const MAX_DEVICES: u32 = 4096;

/// An initialised MTML library: the root of every other handle.
///
/// Created by [`Library::init`]; shut down on drop or by
/// [`Library::shutdown`].
#[derive(Debug)]
pub struct Library {
    raw: NonNull<mtml_sys::MtmlLibrary>,
    /// Keeps the type `!Send` and `!Sync` (see the module documentation).
    _not_thread_safe: PhantomData<*mut ()>,
}

impl Library {
    /// Starts MTML.
    ///
    /// With the `runtime-loading` feature this first loads libmtml as the
    /// [module documentation](self#finding-libmtml) describes; use
    /// `Library::builder` to name the library.
    ///
    /// # Errors
    /// [`Error::DriverNotLoaded`], [`Error::DriverTooOld`],
    /// [`Error::DriverTooNew`] and others from the library;
    /// [`Error::UnexpectedValue`] if it succeeds without a handle. With
    /// `runtime-loading` also [`Error::LibraryNotFound`] and
    /// [`Error::LibraryConflict`].
    #[doc(alias = "mtmlLibraryInit", alias = "nvmlInit")]
    pub fn init() -> Result<Library> {
        #[cfg(feature = "runtime-loading")]
        crate::runtime::activate(&crate::runtime::Request::Default)?;
        Library::init_loaded()
    }

    /// `mtmlLibraryInit` on the library already chosen.
    fn init_loaded() -> Result<Library> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlLibraryInit(&mut raw))?;
        let raw = NonNull::new(raw).ok_or(Error::unexpected("NULL library handle", 0))?;
        Ok(Library {
            raw,
            _not_thread_safe: PhantomData,
        })
    }

    /// Shuts MTML down, reporting the library's answer (dropping a
    /// [`Library`] does the same and ignores it).
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlLibraryShutDown", alias = "nvmlShutdown")]
    pub fn shutdown(self) -> Result<()> {
        let this = ManuallyDrop::new(self);
        call!(mtmlLibraryShutDown(this.raw()))
    }

    /// The raw `MtmlLibrary *`, for use with other FFI code (for example the
    /// simulator's controls). It is valid while `self` lives.
    pub fn as_raw(&self) -> *mut mtml_sys::MtmlLibrary {
        self.raw.as_ptr()
    }

    pub(crate) fn raw(&self) -> *mut mtml_sys::MtmlLibrary {
        self.raw.as_ptr()
    }

    /// Version of the MTML library, for example `2.2.0`.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlLibraryGetVersion")]
    pub fn version(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_LIBRARY_VERSION_BUFFER_SIZE, |buf, len| {
            call!(mtmlLibraryGetVersion(self.raw(), buf, len))
        })
    }

    /// The host system handle.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlLibraryInitSystem")]
    pub fn system(&self) -> Result<System<'_>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlLibraryInitSystem(self.raw(), &mut raw))?;
        System::new(self, raw)
    }

    /// Number of devices the library sees.
    ///
    /// # Errors
    /// The library's error; [`Error::CountTooLarge`] for an absurd count.
    #[doc(alias = "mtmlLibraryCountDevice", alias = "nvmlDeviceGetCount")]
    pub fn device_count(&self) -> Result<u32> {
        let mut count = 0;
        call!(mtmlLibraryCountDevice(self.raw(), &mut count))?;
        crate::list::check_count(count, MAX_DEVICES)?;
        Ok(count)
    }

    /// The device at `index` (0 to [`device_count`](Self::device_count) − 1).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an index out of range; otherwise the
    /// library's error.
    #[doc(
        alias = "mtmlLibraryInitDeviceByIndex",
        alias = "nvmlDeviceGetHandleByIndex"
    )]
    pub fn device_by_index(&self, index: u32) -> Result<Device<'_>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlLibraryInitDeviceByIndex(self.raw(), index, &mut raw))?;
        Device::new(self, raw)
    }

    /// The device whose UUID is `uuid`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no device matches, [`Error::InteriorNul`]
    /// for a NUL in `uuid`; otherwise the library's error.
    #[doc(
        alias = "mtmlLibraryInitDeviceByUuid",
        alias = "nvmlDeviceGetHandleByUuid"
    )]
    pub fn device_by_uuid(&self, uuid: &str) -> Result<Device<'_>> {
        let uuid = CString::new(uuid).map_err(|_| Error::InteriorNul)?;
        let mut raw = std::ptr::null_mut();
        call!(mtmlLibraryInitDeviceByUuid(
            self.raw(),
            uuid.as_ptr(),
            &mut raw
        ))?;
        Device::new(self, raw)
    }

    /// The device at PCI address `sbdf` (`segment:bus:device.function` in
    /// hex, as [`PciInfo::sbdf`](crate::PciInfo::sbdf) reports it).
    ///
    /// # Errors
    /// [`Error::NotFound`] when no device matches, [`Error::InteriorNul`]
    /// for a NUL in `sbdf`; otherwise the library's error.
    #[doc(
        alias = "mtmlLibraryInitDeviceByPciSbdf",
        alias = "nvmlDeviceGetHandleByPciBusId"
    )]
    pub fn device_by_pci_sbdf(&self, sbdf: &str) -> Result<Device<'_>> {
        let sbdf = CString::new(sbdf).map_err(|_| Error::InteriorNul)?;
        let mut raw = std::ptr::null_mut();
        call!(mtmlLibraryInitDeviceByPciSbdf(
            self.raw(),
            sbdf.as_ptr(),
            &mut raw
        ))?;
        Device::new(self, raw)
    }

    /// Iterates over all devices in index order.
    ///
    /// The count is read on the first call to `next`; if that fails the
    /// iterator yields that one error and ends.
    pub fn devices(&self) -> Devices<'_> {
        Devices {
            lib: self,
            next: 0,
            count: None,
        }
    }

    /// Resets the device at `index`.
    ///
    /// This invalidates the handles of that device and its units, which is
    /// why it needs `&mut self`: no handle can be alive during the call.
    ///
    /// # Errors
    /// [`Error::NoPermission`] without privileges, [`Error::ResourceBusy`]
    /// when processes use the device; otherwise the library's error.
    #[doc(alias = "mtmlDeviceReset")]
    pub fn reset_device(&mut self, index: u32) -> Result<()> {
        let device = self.device_by_index(index)?;
        call!(mtmlDeviceReset(device.raw()))
    }

    /// Releases the system handle early.
    ///
    /// # Errors
    /// The library's error.
    #[deprecated(note = "MTML 2.2: not required anymore; shutdown releases every handle")]
    #[doc(alias = "mtmlLibraryFreeSystem")]
    pub fn free_system(&mut self) -> Result<()> {
        let system = self.system()?;
        call!(mtmlLibraryFreeSystem(system.raw()))
    }

    /// Releases the handle of the device at `index` early.
    ///
    /// Some drivers are reported to crash in this call; prefer letting
    /// shutdown release the handle.
    ///
    /// # Errors
    /// The library's error.
    #[deprecated(note = "MTML 2.2: not required anymore and crashes some drivers")]
    #[doc(alias = "mtmlLibraryFreeDevice")]
    pub fn free_device(&mut self, index: u32) -> Result<()> {
        let device = self.device_by_index(index)?;
        call!(mtmlLibraryFreeDevice(device.raw()))
    }

    /// Releases the graphics unit handle of the device at `index` early.
    ///
    /// # Errors
    /// The library's error.
    #[deprecated(note = "MTML 2.2: not required anymore; shutdown releases every handle")]
    #[doc(alias = "mtmlDeviceFreeGpu")]
    pub fn free_gpu(&mut self, index: u32) -> Result<()> {
        let device = self.device_by_index(index)?;
        let gpu = device.gpu()?;
        call!(mtmlDeviceFreeGpu(gpu.raw()))
    }

    /// Releases the memory handle of the device at `index` early.
    ///
    /// # Errors
    /// The library's error.
    #[deprecated(note = "MTML 2.2: not required anymore; shutdown releases every handle")]
    #[doc(alias = "mtmlDeviceFreeMemory")]
    pub fn free_memory(&mut self, index: u32) -> Result<()> {
        let device = self.device_by_index(index)?;
        let memory = device.memory()?;
        call!(mtmlDeviceFreeMemory(memory.raw()))
    }

    /// Releases the codec unit handle of the device at `index` early.
    ///
    /// # Errors
    /// The library's error.
    #[deprecated(note = "MTML 2.2: not required anymore; shutdown releases every handle")]
    #[doc(alias = "mtmlDeviceFreeVpu")]
    pub fn free_vpu(&mut self, index: u32) -> Result<()> {
        let device = self.device_by_index(index)?;
        let vpu = device.vpu()?;
        call!(mtmlDeviceFreeVpu(vpu.raw()))
    }

    /// Releases the handle of virtual device `uuid` of the device at
    /// `index` early.
    ///
    /// # Errors
    /// As [`Device::virt_device`], then the library's error.
    #[deprecated(note = "MTML 2.2: not required anymore; shutdown releases every handle")]
    #[doc(alias = "mtmlDeviceFreeVirtDevice")]
    pub fn free_virt_device(&mut self, index: u32, uuid: &str) -> Result<()> {
        let device = self.device_by_index(index)?;
        let virt = device.virt_device(uuid)?;
        call!(mtmlDeviceFreeVirtDevice(virt.raw()))
    }
}

impl Drop for Library {
    fn drop(&mut self) {
        // Errors cannot be reported from drop; `shutdown` reports them.
        let _ = call!(mtmlLibraryShutDown(self.raw()));
    }
}

/// Chooses which libmtml to load, then starts it (feature
/// `runtime-loading`); made by [`Library::builder`].
///
/// See the [module documentation](self#finding-libmtml) for the order in
/// which the choices apply.
#[cfg(feature = "runtime-loading")]
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until `init` is called"]
pub struct Builder {
    request: crate::runtime::Request,
}

#[cfg(feature = "runtime-loading")]
impl Library {
    /// A [`Builder`] for choosing the library file to load.
    pub fn builder() -> Builder {
        Builder::default()
    }
}

#[cfg(feature = "runtime-loading")]
impl Builder {
    /// Loads libmtml from `path` (a file) instead of searching for it.
    /// `MTML_LIBRARY_PATH`, when set, still wins.
    pub fn library_path(mut self, path: impl Into<std::path::PathBuf>) -> Builder {
        self.request = crate::runtime::Request::Path(path.into());
        self
    }

    /// Runs on the simulator embedded in this binary (feature
    /// `bundled-sim`), whatever else is installed or set. It starts on the
    /// simulator's default machine (or `MTML_SIM_CONFIG`, see `mtml-sim`).
    #[cfg(feature = "bundled-sim")]
    pub fn bundled_simulator(mut self) -> Builder {
        self.request = crate::runtime::Request::BundledSimulator;
        self
    }

    /// Loads the chosen library (unless it is already in use) and starts
    /// MTML, as [`Library::init`].
    ///
    /// # Errors
    /// [`Error::LibraryNotFound`] naming every file tried;
    /// [`Error::LibraryConflict`] when this process already uses another
    /// library; then as [`Library::init`].
    pub fn init(self) -> Result<Library> {
        crate::runtime::activate(&self.request)?;
        Library::init_loaded()
    }
}

/// The library file in use, as it was named when loaded (a path, or a file
/// name the dynamic loader searched for); `None` before the first
/// [`Library::init`]. Always `None` without the `runtime-loading` feature,
/// where libmtml is linked.
pub fn loaded_library() -> Option<&'static str> {
    #[cfg(feature = "runtime-loading")]
    return crate::runtime::loaded_library();
    #[cfg(not(feature = "runtime-loading"))]
    return None;
}

/// Iterator over a library's devices; see [`Library::devices`].
#[derive(Debug)]
pub struct Devices<'lib> {
    lib: &'lib Library,
    next: u32,
    count: Option<u32>,
}

impl<'lib> Iterator for Devices<'lib> {
    type Item = Result<Device<'lib>>;

    fn next(&mut self) -> Option<Self::Item> {
        let count = match self.count {
            Some(count) => count,
            None => match self.lib.device_count() {
                Ok(count) => *self.count.insert(count),
                Err(error) => {
                    self.count = Some(0);
                    return Some(Err(error));
                }
            },
        };
        if self.next >= count {
            return None;
        }
        let index = self.next;
        self.next += 1;
        Some(self.lib.device_by_index(index))
    }
}

#[cfg(feature = "sim")]
impl Library {
    /// Starts a simulated library running the machine described by
    /// `config` (the format of `mtml-sim`'s `CONFIG.md`).
    ///
    /// The description is handed to the simulator and consumed by the init
    /// on the same thread, in this one call, so it cannot leak to another
    /// init. With `runtime-loading` the library is loaded first, so the
    /// description reaches the simulator instance that starts.
    ///
    /// # Errors
    /// [`Error::SimConfig`] for a description the simulator rejects;
    /// otherwise as [`Library::init`].
    pub fn init_with_sim_config(config: &str) -> Result<Library> {
        #[cfg(feature = "runtime-loading")]
        crate::runtime::activate(&crate::runtime::Request::Default)?;
        mtml_sim::set_next_config(config).map_err(|e| Error::SimConfig(e.to_string()))?;
        let lib = Library::init_loaded();
        // Never leave an unused description behind for a later init.
        let _ = mtml_sim::clear_next_config();
        lib
    }

    /// The simulator's controls for this library (clock, faults, counters),
    /// acting on the simulator instance behind it, linked or loaded at run
    /// time.
    ///
    /// Only meaningful when libmtml is the simulator, which the `sim`
    /// feature arranges unless `MTML_LIBRARY_PATH` or
    /// `Builder::library_path` names another library; on anything else
    /// the controls answer `INVALID_ARGUMENT` (the handle is foreign).
    pub fn sim_control(&self) -> mtml_sim::Control<'_> {
        // SAFETY: `self` is live for the borrow the control holds; a handle
        // that no simulator copy owns is only compared by address and
        // rejected (see `mtml_sim::Control::from_raw`).
        let control = unsafe { mtml_sim::Control::from_raw(self.as_raw().cast()) };
        control.expect("library handle is never NULL")
    }
}

/// Compile-time checks of the thread-safety decision (see the module docs).
mod thread_safety {
    use super::Library;
    use crate::{Device, Gpu, Memory, System, Vpu};

    trait AmbiguousIfSend<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSend<()> for T {}
    impl<T: ?Sized + Send> AmbiguousIfSend<u8> for T {}

    trait AmbiguousIfSync<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfSync<()> for T {}
    impl<T: ?Sized + Sync> AmbiguousIfSync<u8> for T {}

    /// Fails to compile if any listed type is `Send` or `Sync`.
    macro_rules! assert_not_send_sync {
        ($($ty:ty),*) => {
            $(
                const _: fn() = || {
                    let _ = <$ty as AmbiguousIfSend<_>>::some_item;
                    let _ = <$ty as AmbiguousIfSync<_>>::some_item;
                };
            )*
        };
    }
    assert_not_send_sync!(
        Library,
        System<'static>,
        Device<'static>,
        Gpu<'static>,
        Memory<'static>,
        Vpu<'static>
    );
}
