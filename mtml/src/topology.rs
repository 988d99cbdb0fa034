//! PCIe topology between devices and peer-to-peer (P2P) support.
//!
//! The topology level says how far apart two devices sit on the PCIe tree,
//! from [`TopologyLevel::Internal`] (same board) to [`TopologyLevel::System`]
//! (different NUMA nodes). P2P status says whether one device can reach the
//! other's memory directly.

use crate::device::Device;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::call;
use crate::list;

/// Upper bound accepted for the number of devices at one topology level.
const MAX_TOPOLOGY_DEVICES: u32 = 4096;

c_enum! {
    /// How far apart two devices sit on the PCIe tree, nearest first.
    ///
    /// The variants are ordered: `a < b` means `a` is the closer relation.
    pub enum TopologyLevel: mtml_sys::MtmlDeviceTopologyLevel {
        /// On the same board, joined inside it.
        Internal = MTML_TOPOLOGY_INTERNAL,
        /// Behind one shared PCIe switch.
        Single = MTML_TOPOLOGY_SINGLE,
        /// Across several switches, below one host bridge.
        Multiple = MTML_TOPOLOGY_MULTIPLE,
        /// Through one host bridge.
        HostBridge = MTML_TOPOLOGY_HOSTBRIDGE,
        /// Through several host bridges of one NUMA node.
        Node = MTML_TOPOLOGY_NODE,
        /// Across NUMA nodes.
        System = MTML_TOPOLOGY_SYSTEM,
    }
}

impl TopologyLevel {
    /// Every known level, nearest first.
    pub const ALL: [TopologyLevel; 6] = [
        TopologyLevel::Internal,
        TopologyLevel::Single,
        TopologyLevel::Multiple,
        TopologyLevel::HostBridge,
        TopologyLevel::Node,
        TopologyLevel::System,
    ];
}

c_enum! {
    /// Kind of peer-to-peer access asked about.
    pub enum P2pCapability: mtml_sys::MtmlDeviceP2PCaps {
        /// Reading the peer's memory.
        Read = MTML_P2P_CAPS_READ,
        /// Writing the peer's memory.
        Write = MTML_P2P_CAPS_WRITE,
    }
}

c_enum! {
    /// Whether peer-to-peer access between two devices works.
    pub enum P2pStatus: mtml_sys::MtmlDeviceP2PStatus {
        /// It works.
        Ok = MTML_P2P_STATUS_OK,
        /// The host chipset prevents it.
        ChipsetNotSupported = MTML_P2P_STATUS_CHIPSET_NOT_SUPPORTED,
        /// One of the devices prevents it.
        GpuNotSupported = MTML_P2P_STATUS_GPU_NOT_SUPPORTED,
        /// The library could not tell.
        Undetermined = MTML_P2P_STATUS_UNKNOWN,
    }
}

impl<'lib> Device<'lib> {
    /// How far apart this device and `other` sit on the PCIe tree.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) when the device or
    /// operating system cannot tell; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetTopologyLevel")]
    pub fn topology_level(&self, other: &Device<'_>) -> Result<TopologyLevel> {
        let mut raw = mtml_sys::MtmlDeviceTopologyLevel(0);
        call!(mtmlDeviceGetTopologyLevel(
            self.raw(),
            other.raw(),
            &mut raw
        ))?;
        Ok(TopologyLevel::from(raw))
    }

    /// The other devices at exactly `level` from this one.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) when the device or
    /// operating system cannot tell,
    /// [`Error::CountTooLarge`](crate::Error::CountTooLarge) for an absurd
    /// count; otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountDeviceByTopologyLevel")]
    #[doc(alias = "mtmlDeviceGetDeviceByTopologyLevel")]
    pub fn devices_at_topology_level(&self, level: TopologyLevel) -> Result<Vec<Device<'lib>>> {
        let raw_level = mtml_sys::MtmlDeviceTopologyLevel::from(level);
        let handles = list::count_then_get(
            MAX_TOPOLOGY_DEVICES,
            |count| {
                call!(mtmlDeviceCountDeviceByTopologyLevel(
                    self.raw(),
                    raw_level,
                    count
                ))
            },
            |count, buf| {
                call!(mtmlDeviceGetDeviceByTopologyLevel(
                    self.raw(),
                    raw_level,
                    count,
                    buf
                ))
            },
        )?;
        handles.into_iter().map(|dev| self.sibling(dev)).collect()
    }

    /// Whether `capability` access from this device to `other` works.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) when either device
    /// is a virtual device; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetP2PStatus")]
    pub fn p2p_status(&self, other: &Device<'_>, capability: P2pCapability) -> Result<P2pStatus> {
        let mut raw = mtml_sys::MtmlDeviceP2PStatus(0);
        call!(mtmlDeviceGetP2PStatus(
            self.raw(),
            other.raw(),
            capability.into(),
            &mut raw
        ))?;
        Ok(P2pStatus::from(raw))
    }
}
