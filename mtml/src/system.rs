//! The host system: driver-wide information.

use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::error::{Error, Result};
use crate::ffi::call;
use crate::library::Library;
use crate::string;

/// The host system, as seen by one [`Library`].
#[derive(Debug, Clone, Copy)]
pub struct System<'lib> {
    raw: NonNull<mtml_sys::MtmlSystem>,
    _lib: PhantomData<&'lib Library>,
}

impl<'lib> System<'lib> {
    pub(crate) fn new(_lib: &'lib Library, raw: *mut mtml_sys::MtmlSystem) -> Result<Self> {
        let raw = NonNull::new(raw).ok_or(Error::unexpected("NULL system handle", 0))?;
        Ok(System {
            raw,
            _lib: PhantomData,
        })
    }

    pub(crate) fn raw(&self) -> *mut mtml_sys::MtmlSystem {
        self.raw.as_ptr()
    }

    /// Version of the Moore Threads kernel driver.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(
        alias = "mtmlSystemGetDriverVersion",
        alias = "nvmlSystemGetDriverVersion"
    )]
    pub fn driver_version(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DRIVER_VERSION_BUFFER_SIZE, |buf, len| {
            call!(mtmlSystemGetDriverVersion(self.raw(), buf, len))
        })
    }
}
