//! Device handles and their units (graphics, memory, video codec).
//!
//! One handle discipline for all of them: a non-NULL raw pointer checked
//! once at creation, a crate-internal `raw()` accessor, and the lifetime
//! `'lib` of the [`Library`] that produced it. Handles are never freed
//! implicitly (see [`crate::library`]), so they are cheap `Copy` values.
//! The methods of each domain live in their own modules (`identity`,
//! `board`, `gpu`, `memory`, `ecc`, `vpu`, ...).

use std::ptr::NonNull;

use crate::error::{Error, Result};
use crate::ffi::call;
use crate::library::Library;

/// Wraps a raw handle pointer, rejecting NULL.
fn non_null<T>(raw: *mut T, what: &'static str) -> Result<NonNull<T>> {
    NonNull::new(raw).ok_or(Error::unexpected(what, 0))
}

/// A device: a physical card, an MPC instance or a virtual device.
#[derive(Debug, Clone, Copy)]
pub struct Device<'lib> {
    raw: NonNull<mtml_sys::MtmlDevice>,
    lib: &'lib Library,
}

impl<'lib> Device<'lib> {
    pub(crate) fn new(lib: &'lib Library, raw: *mut mtml_sys::MtmlDevice) -> Result<Self> {
        Ok(Device {
            raw: non_null(raw, "NULL device handle")?,
            lib,
        })
    }

    /// Wraps another device handle of the same library (instances,
    /// parents, peers, ...).
    ///
    /// # Errors
    /// [`Error::UnexpectedValue`] for a NULL handle.
    pub(crate) fn sibling(&self, raw: *mut mtml_sys::MtmlDevice) -> Result<Device<'lib>> {
        Device::new(self.lib, raw)
    }

    pub(crate) fn raw(&self) -> *mut mtml_sys::MtmlDevice {
        self.raw.as_ptr()
    }

    /// The library this device belongs to.
    pub fn library(&self) -> &'lib Library {
        self.lib
    }

    /// The device's graphics unit.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceInitGpu")]
    pub fn gpu(&self) -> Result<Gpu<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceInitGpu(self.raw(), &mut raw))?;
        Ok(Gpu {
            raw: non_null(raw, "NULL GPU handle")?,
            device: *self,
        })
    }

    /// The device's memory unit.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceInitMemory")]
    pub fn memory(&self) -> Result<Memory<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceInitMemory(self.raw(), &mut raw))?;
        Ok(Memory {
            raw: non_null(raw, "NULL memory handle")?,
            device: *self,
        })
    }

    /// The device's video codec unit.
    ///
    /// # Errors
    /// [`Error::NotSupported`] on devices without one; otherwise the
    /// library's error.
    #[doc(alias = "mtmlDeviceInitVpu")]
    pub fn vpu(&self) -> Result<Vpu<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceInitVpu(self.raw(), &mut raw))?;
        Ok(Vpu {
            raw: non_null(raw, "NULL VPU handle")?,
            device: *self,
        })
    }
}

/// Declares a unit handle type that belongs to a [`Device`].
macro_rules! unit_handle {
    ($(#[$meta:meta])* $name:ident, $raw:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name<'lib> {
            raw: NonNull<mtml_sys::$raw>,
            device: Device<'lib>,
        }

        impl<'lib> $name<'lib> {
            pub(crate) fn raw(&self) -> *mut mtml_sys::$raw {
                self.raw.as_ptr()
            }

            /// The device this unit belongs to.
            pub fn device(&self) -> Device<'lib> {
                self.device
            }
        }
    };
}

unit_handle!(
    /// The graphics unit of a device (3D and compute work); from
    /// [`Device::gpu`].
    Gpu,
    MtmlGpu
);
unit_handle!(
    /// The memory of a device; from [`Device::memory`].
    Memory,
    MtmlMemory
);
unit_handle!(
    /// The video codec unit of a device; from [`Device::vpu`].
    Vpu,
    MtmlVpu
);
