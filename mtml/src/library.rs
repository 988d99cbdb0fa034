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
    /// # Errors
    /// [`Error::DriverNotLoaded`], [`Error::DriverTooOld`],
    /// [`Error::DriverTooNew`] and others from the library;
    /// [`Error::UnexpectedValue`] if it succeeds without a handle.
    #[doc(alias = "mtmlLibraryInit", alias = "nvmlInit")]
    pub fn init() -> Result<Library> {
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
    /// init.
    ///
    /// # Errors
    /// [`Error::SimConfig`] for a description the simulator rejects;
    /// otherwise as [`Library::init`].
    pub fn init_with_sim_config(config: &str) -> Result<Library> {
        mtml_sim::set_next_config(config).map_err(|e| Error::SimConfig(e.to_string()))?;
        let lib = Library::init();
        // Never leave an unused description behind for a later init.
        let _ = mtml_sim::clear_next_config();
        lib
    }

    /// The simulator's controls for this library (clock, faults, counters).
    ///
    /// Only meaningful when the linked libmtml is the simulator, which the
    /// `sim` feature guarantees.
    pub fn sim_control(&self) -> mtml_sim::Control<'_> {
        // SAFETY: `self` is a live library of the simulator (the `sim`
        // feature links it) and the control borrows `self`.
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
