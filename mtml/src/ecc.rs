//! Memory error correction (ECC): mode, error counters and retired pages.
//!
//! These calls work on a device's [`Memory`] unit and need a device with
//! ECC support (server cards); others answer
//! [`Error::NotSupported`](crate::Error::NotSupported). A change of ECC mode
//! only takes effect after the next device reset, so the mode is reported as
//! a current and a pending value.

use crate::device::Memory;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::{call, call_out};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for a retired page count; larger answers are an error.
const MAX_RETIRED_PAGES: u32 = 1 << 20;

c_enum! {
    /// Whether memory error correction is on.
    pub enum EccMode: mtml_sys::MtmlEccMode {
        /// Off.
        Disabled = MTML_MEMORY_ECC_DISABLE,
        /// On.
        Enabled = MTML_MEMORY_ECC_ENABLE,
    }
}

c_enum! {
    /// Why a memory page was retired.
    pub enum PageRetirementCause: mtml_sys::MtmlPageRetirementCause {
        /// Repeated single-bit (corrected) errors.
        MultipleSingleBitEccErrors = MTML_PAGE_RETIREMENT_CAUSE_MULTIPLE_SINGLE_BIT_ECC_ERRORS,
        /// A double-bit (uncorrectable) error.
        DoubleBitEccError = MTML_PAGE_RETIREMENT_CAUSE_DOUBLE_BIT_ECC_ERROR,
    }
}

c_enum! {
    /// Lifetime over which an ECC error counter counts.
    pub enum EccCounterType: mtml_sys::MtmlEccCounterType {
        /// Since the driver was last loaded.
        Volatile = MTML_VOLATILE_ECC,
        /// Over the life of the device.
        Aggregate = MTML_AGGREGATE_ECC,
    }
}

c_enum! {
    /// Whether a memory error was repaired.
    pub enum MemoryErrorType: mtml_sys::MtmlMemoryErrorType {
        /// Corrected by ECC (single-bit errors).
        Corrected = MTML_MEMORY_ERROR_TYPE_CORRECTED,
        /// Beyond ECC's reach (double-bit errors).
        Uncorrected = MTML_MEMORY_ERROR_TYPE_UNCORRECTED,
    }
}

c_enum! {
    /// Part of the memory system an error counter covers.
    pub enum MemoryLocation: mtml_sys::MtmlMemoryLocation {
        /// Device DRAM.
        Dram = MTML_MEMORY_LOCATION_DRAM,
    }
}

/// ECC mode now in force and the one that applies after the next reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct EccModes {
    /// Mode in force.
    pub current: EccMode,
    /// Mode after the next device reset.
    pub pending: EccMode,
}

/// Number of retired pages for each cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RetiredPageCounts {
    /// Pages retired for repeated single-bit errors.
    pub single_bit_ecc: u32,
    /// Pages retired for double-bit errors.
    pub double_bit_ecc: u32,
}

impl RetiredPageCounts {
    /// Count for one cause (0 for a cause this crate does not know).
    pub fn for_cause(&self, cause: PageRetirementCause) -> u32 {
        match cause {
            PageRetirementCause::MultipleSingleBitEccErrors => self.single_bit_ecc,
            PageRetirementCause::DoubleBitEccError => self.double_bit_ecc,
            _ => 0,
        }
    }

    /// Pages retired for any cause.
    pub fn total(&self) -> u64 {
        u64::from(self.single_bit_ecc) + u64::from(self.double_bit_ecc)
    }
}

/// One retired memory page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RetiredPage {
    /// When the page was retired, as the driver reports it (MTML does not
    /// document the unit; current drivers use seconds since the Unix epoch).
    pub timestamp: u64,
    /// Hardware (physical) address of the page.
    pub address: u64,
}

impl From<&mtml_sys::MtmlPageRetirement> for RetiredPage {
    fn from(raw: &mtml_sys::MtmlPageRetirement) -> Self {
        RetiredPage {
            timestamp: raw.timestamps,
            address: raw.address,
        }
    }
}

impl<'dev> Memory<'dev> {
    /// Requests ECC on or off; the change applies at the next device reset
    /// (see [`EccModes::pending`]).
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC,
    /// [`Error::NoPermission`](crate::Error::NoPermission) without
    /// privileges; otherwise the library's error.
    #[doc(alias = "mtmlMemorySetEccMode")]
    pub fn set_ecc_mode(&self, mode: EccMode) -> Result<()> {
        call!(mtmlMemorySetEccMode(self.raw(), mode.into()))
    }

    /// ECC mode in force and the one pending for the next reset.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC;
    /// otherwise the library's error.
    #[doc(alias = "mtmlMemoryGetEccMode")]
    pub fn ecc_mode(&self) -> Result<EccModes> {
        let mut current = mtml_sys::MtmlEccMode(0);
        let mut pending = mtml_sys::MtmlEccMode(0);
        call!(mtmlMemoryGetEccMode(self.raw(), &mut current, &mut pending))?;
        Ok(EccModes {
            current: EccMode::from(current),
            pending: EccMode::from(pending),
        })
    }

    /// Number of retired pages for each cause.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC;
    /// otherwise the library's error.
    #[doc(alias = "mtmlMemoryGetRetiredPagesCount")]
    pub fn retired_page_counts(&self) -> Result<RetiredPageCounts> {
        let mut raw = mtml_sys::MtmlPageRetirementCount::default();
        call!(mtmlMemoryGetRetiredPagesCount(self.raw(), &mut raw))?;
        Ok(RetiredPageCounts {
            single_bit_ecc: raw.sbeCount,
            double_bit_ecc: raw.dbeCount,
        })
    }

    /// The pages retired for `cause`, including those waiting for a reset.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC,
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// count; otherwise the library's error.
    #[doc(alias = "mtmlMemoryGetRetiredPages")]
    pub fn retired_pages(&self, cause: PageRetirementCause) -> Result<Vec<RetiredPage>> {
        let raw_cause = mtml_sys::MtmlPageRetirementCause::from(cause);
        let pages = crate::list::count_then_get(
            MAX_RETIRED_PAGES,
            |count: &mut u32| {
                *count = self.retired_page_counts()?.for_cause(cause);
                Ok(())
            },
            |count, buf| call!(mtmlMemoryGetRetiredPages(self.raw(), raw_cause, count, buf)),
        )?;
        Ok(pages.iter().map(RetiredPage::from).collect())
    }

    /// Whether some page retirements wait for the next reset to complete.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC;
    /// otherwise the library's error.
    #[doc(alias = "mtmlMemoryGetRetiredPagesPendingStatus")]
    pub fn retired_pages_pending(&self) -> Result<bool> {
        let mut raw = mtml_sys::MtmlRetiredPagesPendingState(0);
        call!(mtmlMemoryGetRetiredPagesPendingStatus(self.raw(), &mut raw))?;
        Ok(raw != mtml_sys::MtmlRetiredPagesPendingState::MTML_RETIRED_PAGES_PENDING_STATE_FALSE)
    }

    /// One ECC error counter: errors of `error_type` counted over
    /// `counter_type`'s lifetime at `location`.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC (or
    /// with ECC off); otherwise the library's error.
    #[doc(alias = "mtmlMemoryGetEccErrorCounter")]
    pub fn ecc_error_count(
        &self,
        error_type: MemoryErrorType,
        counter_type: EccCounterType,
        location: MemoryLocation,
    ) -> Result<u64> {
        call_out!(mtmlMemoryGetEccErrorCounter(
            self.raw(),
            error_type.into(),
            counter_type.into(),
            location.into()
        ))
    }

    /// Sets every ECC error counter of `counter_type` back to zero.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) without ECC,
    /// [`Error::NoPermission`](crate::Error::NoPermission) without
    /// privileges; otherwise the library's error.
    #[doc(alias = "mtmlMemoryClearEccErrorCounts")]
    pub fn clear_ecc_error_counts(&self, counter_type: EccCounterType) -> Result<()> {
        call!(mtmlMemoryClearEccErrorCounts(
            self.raw(),
            counter_type.into()
        ))
    }
}
