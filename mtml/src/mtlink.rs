//! MtLink: the direct device-to-device fabric of Moore Threads server cards.
//!
//! A device has a fixed number of link ports ([`MtLinkSpec::link_count`]);
//! a cable joins one port of one device to one port of another. Queries here
//! read a port's state and capabilities, follow a cable to its far end, and
//! list the cables and shortest routes between two devices.

use crate::device::Device;
use crate::enums::c_enum;
use crate::error::{Error, Result};
use crate::ffi::call;
use crate::list;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for any MtLink count reported by the library
/// (ports, cables, paths or path length); larger answers are an error.
const MAX_MTLINK_COUNT: u32 = 4096;

/// MtLink description of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MtLinkSpec {
    /// Fabric version as packed by the driver (see [`MtLinkSpec::version_parts`]).
    pub version: u32,
    /// Bandwidth of one link, GB/s.
    pub bandwidth_gb_per_s: u32,
    /// Number of link ports on the device; ports are numbered from 0.
    pub link_count: u32,
}

impl MtLinkSpec {
    /// The version split as `(major, minor, patch)`, assuming the packing
    /// `major << 16 | minor << 8 | patch`.
    pub fn version_parts(&self) -> (u32, u32, u32) {
        (
            self.version >> 16,
            (self.version >> 8) & 0xff,
            self.version & 0xff,
        )
    }
}

c_enum! {
    /// State of one MtLink port.
    pub enum MtLinkState: mtml_sys::MtmlMtLinkState {
        /// Not carrying traffic.
        Down = MTML_MTLINK_STATE_DOWN,
        /// Up at full rate.
        Up = MTML_MTLINK_STATE_UP,
        /// Up, but below full rate.
        Downgraded = MTML_MTLINK_STATE_DOWNGRADE,
    }
}

c_enum! {
    /// Feature of an MtLink port that can be queried.
    pub enum MtLinkCapability: mtml_sys::MtmlMtLinkCap {
        /// Reading and writing the peer's memory over the link.
        P2pAccess = MTML_MTLINK_CAP_P2P_ACCESS,
        /// Atomic operations on the peer's memory over the link.
        P2pAtomics = MTML_MTLINK_CAP_P2P_ATOMICS,
    }
}

c_enum! {
    /// Answer to an MtLink capability query.
    pub enum MtLinkCapabilityStatus: mtml_sys::MtmlMtLinkCapStatus {
        /// The port lacks the capability.
        NotSupported = MTML_MTLINK_CAP_STATUS_NOT_SUPPORTED,
        /// The port has the capability.
        Supported = MTML_MTLINK_CAP_STATUS_OK,
    }
}

/// One cable between two devices: the port used at each end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MtLinkLayout {
    /// Port on the device the query was made on.
    pub local_link: u32,
    /// Port on the peer device.
    pub remote_link: u32,
}

impl From<&mtml_sys::MtmlMtLinkSpec> for MtLinkSpec {
    fn from(raw: &mtml_sys::MtmlMtLinkSpec) -> Self {
        MtLinkSpec {
            version: raw.version,
            bandwidth_gb_per_s: raw.bandWidth,
            link_count: raw.linkNum,
        }
    }
}

impl From<&mtml_sys::MtmlMtLinkLayout> for MtLinkLayout {
    fn from(raw: &mtml_sys::MtmlMtLinkLayout) -> Self {
        MtLinkLayout {
            local_link: raw.localLinkId,
            remote_link: raw.remoteLinkId,
        }
    }
}

impl<'lib> Device<'lib> {
    /// MtLink version, per-link bandwidth and port count of the device.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device has no MtLink ports;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMtLinkSpec")]
    pub fn mtlink_spec(&self) -> Result<MtLinkSpec> {
        let mut raw = mtml_sys::MtmlMtLinkSpec::default();
        call!(mtmlDeviceGetMtLinkSpec(self.raw(), &mut raw))?;
        Ok(MtLinkSpec::from(&raw))
    }

    /// State of port `link`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a port number the device lacks,
    /// [`Error::NotSupported`] without MtLink; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMtLinkState")]
    pub fn mtlink_state(&self, link: u32) -> Result<MtLinkState> {
        let mut raw = mtml_sys::MtmlMtLinkState(0);
        call!(mtmlDeviceGetMtLinkState(self.raw(), link, &mut raw))?;
        Ok(MtLinkState::from(raw))
    }

    /// Whether port `link` offers `capability`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a port number the device lacks,
    /// [`Error::NotSupported`] without MtLink; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMtLinkCapStatus")]
    pub fn mtlink_capability(
        &self,
        link: u32,
        capability: MtLinkCapability,
    ) -> Result<MtLinkCapabilityStatus> {
        let mut raw = mtml_sys::MtmlMtLinkCapStatus(0);
        call!(mtmlDeviceGetMtLinkCapStatus(
            self.raw(),
            link,
            capability.into(),
            &mut raw
        ))?;
        Ok(MtLinkCapabilityStatus::from(raw))
    }

    /// The device at the far end of the cable plugged into port `link`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when no cable (or no present device) is on the
    /// port, [`Error::InvalidArgument`] for a port number the device lacks,
    /// [`Error::NotSupported`] without MtLink; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMtLinkRemoteDevice")]
    pub fn mtlink_remote_device(&self, link: u32) -> Result<Device<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceGetMtLinkRemoteDevice(self.raw(), link, &mut raw))?;
        self.sibling(raw)
    }

    /// Every shortest MtLink route from this device to `remote`.
    ///
    /// Each route lists the devices it passes, starting with this device and
    /// ending with `remote`; all routes have the same length. No route gives
    /// an empty list.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when either device lacks MtLink,
    /// [`Error::CountTooLarge`] for an absurd count; otherwise the library's
    /// error.
    #[doc(alias = "mtmlDeviceCountMtLinkShortestPaths")]
    #[doc(alias = "mtmlDeviceGetMtLinkShortestPaths")]
    pub fn mtlink_shortest_paths(&self, remote: &Device<'_>) -> Result<Vec<Vec<Device<'lib>>>> {
        let (mut count, mut length) = (0u32, 0u32);
        call!(mtmlDeviceCountMtLinkShortestPaths(
            self.raw(),
            remote.raw(),
            &mut count,
            &mut length
        ))?;
        let count = list::check_count(count, MAX_MTLINK_COUNT)?;
        let length = list::check_count(length, MAX_MTLINK_COUNT)?;
        if count == 0 || length == 0 {
            return Ok(Vec::new());
        }
        let cells = count.checked_mul(length).ok_or(Error::CountTooLarge)?;
        let mut raw = vec![std::ptr::null_mut(); cells];
        call!(mtmlDeviceGetMtLinkShortestPaths(
            self.raw(),
            remote.raw(),
            count as u32,
            length as u32,
            raw.as_mut_ptr()
        ))?;
        let mut paths: Vec<&[*mut mtml_sys::MtmlDevice]> = raw.chunks(length).collect();
        // A library whose count exceeds what its get call fills leaves the
        // trailing routes NULL: drop them rather than fail the whole answer.
        while paths
            .last()
            .is_some_and(|path| path.iter().all(|dev| dev.is_null()))
        {
            paths.pop();
        }
        paths
            .into_iter()
            .map(|path| path.iter().map(|&dev| self.sibling(dev)).collect())
            .collect()
    }

    /// The cables joining this device directly to `remote`.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when either device lacks MtLink,
    /// [`Error::CountTooLarge`] for an absurd count; otherwise the library's
    /// error.
    #[doc(alias = "mtmlDeviceCountMtLinkLayouts")]
    #[doc(alias = "mtmlDeviceGetMtLinkLayouts")]
    pub fn mtlink_layouts(&self, remote: &Device<'_>) -> Result<Vec<MtLinkLayout>> {
        let raw = list::count_then_get(
            MAX_MTLINK_COUNT,
            |count| {
                call!(mtmlDeviceCountMtLinkLayouts(
                    self.raw(),
                    remote.raw(),
                    count
                ))
            },
            |count, buf| {
                call!(mtmlDeviceGetMtLinkLayouts(
                    self.raw(),
                    remote.raw(),
                    count,
                    buf
                ))
            },
        )?;
        // `into_iter` lets the conversion reuse the buffer (same layout).
        Ok(raw
            .into_iter()
            .map(|raw| MtLinkLayout::from(&raw))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_parts_unpack() {
        let spec = MtLinkSpec {
            version: (2 << 16) | (1 << 8) | 3,
            bandwidth_gb_per_s: 100,
            link_count: 6,
        };
        assert_eq!(spec.version_parts(), (2, 1, 3));
    }
}
