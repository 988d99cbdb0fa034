//! The board around the chip: power, fans, display outputs, core count.

use crate::device::Device;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::{call, call_out};
use crate::list;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for fan and display output counts.
const MAX_BOARD_ITEMS: u32 = 64;

c_enum! {
    /// Connector type of a display output.
    pub enum DisplayInterfaceType: mtml_sys::MtmlDispIntfType {
        /// DisplayPort.
        DisplayPort = MTML_DISP_INTF_TYPE_DP,
        /// Embedded DisplayPort.
        EmbeddedDisplayPort = MTML_DISP_INTF_TYPE_EDP,
        /// VGA.
        Vga = MTML_DISP_INTF_TYPE_VGA,
        /// HDMI.
        Hdmi = MTML_DISP_INTF_TYPE_HDMI,
        /// LVDS.
        Lvds = MTML_DISP_INTF_TYPE_LVDS,
    }
}

/// Limits of one display output.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DisplayInterface {
    /// Connector type.
    pub kind: DisplayInterfaceType,
    /// Largest width, pixels.
    pub max_width_px: u32,
    /// Largest height, pixels.
    pub max_height_px: u32,
    /// Highest refresh rate, Hz.
    pub max_refresh_rate_hz: f32,
}

/// Speed of one fan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FanSpeed {
    /// Speed, percent of the fan's maximum.
    pub percent: u32,
    /// Speed, revolutions per minute.
    pub rpm: u32,
}

impl<'lib> Device<'lib> {
    /// Power drawn by the board, milliwatts.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceGetPowerUsage", alias = "nvmlDeviceGetPowerUsage")]
    pub fn power_usage_mw(&self) -> Result<u32> {
        call_out!(mtmlDeviceGetPowerUsage(self.raw()))
    }

    /// Number of fans on the board.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) on passively
    /// cooled boards; otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountFan")]
    pub fn fan_count(&self) -> Result<u32> {
        call_out!(mtmlDeviceCountFan(self.raw()))
    }

    /// Speed of fan `fan`, percent of its maximum.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a fan
    /// the board lacks; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetFanSpeed", alias = "nvmlDeviceGetFanSpeed_v2")]
    pub fn fan_speed_percent(&self, fan: u32) -> Result<u32> {
        call_out!(mtmlDeviceGetFanSpeed(self.raw(), fan))
    }

    /// Speed of fan `fan`, revolutions per minute.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a fan
    /// the board lacks; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetFanRpm")]
    pub fn fan_rpm(&self, fan: u32) -> Result<u32> {
        call_out!(mtmlDeviceGetFanRpm(self.raw(), fan))
    }

    /// Speed of every fan, in fan order.
    ///
    /// # Errors
    /// As [`Device::fan_count`] and the per-fan queries;
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// count.
    pub fn fan_speeds(&self) -> Result<Vec<FanSpeed>> {
        let count = list::check_count(self.fan_count()?, MAX_BOARD_ITEMS)? as u32;
        (0..count)
            .map(|fan| {
                Ok(FanSpeed {
                    percent: self.fan_speed_percent(fan)?,
                    rpm: self.fan_rpm(fan)?,
                })
            })
            .collect()
    }

    /// Number of display outputs.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceCountDisplayInterface")]
    pub fn display_interface_count(&self) -> Result<u32> {
        call_out!(mtmlDeviceCountDisplayInterface(self.raw()))
    }

    /// Limits of display output `index`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for an
    /// output the board lacks; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetDisplayInterfaceSpec")]
    pub fn display_interface(&self, index: u32) -> Result<DisplayInterface> {
        let mut raw = mtml_sys::MtmlDispIntfSpec::default();
        call!(mtmlDeviceGetDisplayInterfaceSpec(
            self.raw(),
            index,
            &mut raw
        ))?;
        Ok(DisplayInterface {
            kind: DisplayInterfaceType::from(raw.type_),
            max_width_px: raw.maxHoriRes,
            max_height_px: raw.maxVertRes,
            max_refresh_rate_hz: raw.maxRefreshRate,
        })
    }

    /// Limits of every display output, in output order.
    ///
    /// # Errors
    /// As [`Device::display_interface_count`] and
    /// [`Device::display_interface`];
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// count.
    pub fn display_interfaces(&self) -> Result<Vec<DisplayInterface>> {
        let count = list::check_count(self.display_interface_count()?, MAX_BOARD_ITEMS)? as u32;
        (0..count)
            .map(|index| self.display_interface(index))
            .collect()
    }

    /// Number of GPU cores.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceCountGpuCores", alias = "nvmlDeviceGetNumGpuCores")]
    pub fn gpu_core_count(&self) -> Result<u32> {
        call_out!(mtmlDeviceCountGpuCores(self.raw()))
    }
}
