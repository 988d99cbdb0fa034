//! Device memory: sizes, load, clocks and the memory chips.

use crate::device::Memory;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::{call, call_out};
use crate::string;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

c_enum! {
    /// Kind of on-board memory.
    pub enum MemoryType: mtml_sys::MtmlMemoryType {
        /// LPDDR4.
        Lpddr4 = MTML_MEM_TYPE_LPDDR4,
        /// GDDR6.
        Gddr6 = MTML_MEM_TYPE_GDDR6,
    }
}

/// Total, used and free device memory, bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MemoryInfo {
    /// Total device memory, bytes.
    pub total_bytes: u64,
    /// Memory in use, bytes (including what the driver holds).
    pub used_bytes: u64,
    /// Memory not in use, bytes (`total - used`, 0 if the library reports
    /// more used than total).
    pub free_bytes: u64,
}

impl<'lib> Memory<'lib> {
    /// Total device memory, bytes.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetTotal")]
    pub fn total_bytes(&self) -> Result<u64> {
        call_out!(mtmlMemoryGetTotal(self.raw()))
    }

    /// Device memory in use, bytes.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetUsed")]
    pub fn used_bytes(&self) -> Result<u64> {
        call_out!(mtmlMemoryGetUsed(self.raw()))
    }

    /// Device memory held by the driver and system, bytes (part of
    /// [`used_bytes`](Self::used_bytes)).
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetUsedSystem")]
    pub fn used_system_bytes(&self) -> Result<u64> {
        call_out!(mtmlMemoryGetUsedSystem(self.raw()))
    }

    /// Total, used and free memory in one go.
    ///
    /// # Errors
    /// As [`total_bytes`](Self::total_bytes) and
    /// [`used_bytes`](Self::used_bytes).
    #[doc(alias = "nvmlDeviceGetMemoryInfo")]
    pub fn info(&self) -> Result<MemoryInfo> {
        let total_bytes = self.total_bytes()?;
        let used_bytes = self.used_bytes()?;
        Ok(MemoryInfo {
            total_bytes,
            used_bytes,
            free_bytes: total_bytes.saturating_sub(used_bytes),
        })
    }

    /// Load of the memory controller, percent.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetUtilization")]
    pub fn utilization_percent(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetUtilization(self.raw()))
    }

    /// Present memory clock, MHz.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetClock")]
    pub fn clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetClock(self.raw()))
    }

    /// Highest memory clock, MHz.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetMaxClock")]
    pub fn max_clock_mhz(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetMaxClock(self.raw()))
    }

    /// Width of the memory bus, bits.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetBusWidth", alias = "nvmlDeviceGetMemoryBusWidth")]
    pub fn bus_width_bits(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetBusWidth(self.raw()))
    }

    /// Peak memory bandwidth, GB/s.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetBandwidth")]
    pub fn bandwidth_gb_per_s(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetBandwidth(self.raw()))
    }

    /// Memory data rate, Mbps per pin.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetSpeed")]
    pub fn speed_mbps(&self) -> Result<u32> {
        call_out!(mtmlMemoryGetSpeed(self.raw()))
    }

    /// Maker of the memory chips.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlMemoryGetVendor")]
    pub fn vendor(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_MEMORY_VENDOR_BUFFER_SIZE, |buf, len| {
            call!(mtmlMemoryGetVendor(self.raw(), len, buf))
        })
    }

    /// Kind of memory.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlMemoryGetType")]
    pub fn memory_type(&self) -> Result<MemoryType> {
        let mut raw = mtml_sys::MtmlMemoryType(0);
        call!(mtmlMemoryGetType(self.raw(), &mut raw))?;
        Ok(MemoryType::from(raw))
    }
}
