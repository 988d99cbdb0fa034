//! Who a device is: index, UUID, name, brand, PCI identity, device node
//! paths, firmware version and capability bits.

use crate::device::Device;
use crate::enums::c_enum;
use crate::error::Result;
use crate::ffi::{call, call_out};
use crate::string;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

c_enum! {
    /// Product line of a device.
    pub enum Brand: mtml_sys::MtmlBrandType {
        /// MTT products.
        Mtt = MTML_BRAND_MTT,
        /// A brand the library itself reports as unknown.
        Unrecognized = MTML_BRAND_UNKNOWN,
    }
}

c_enum! {
    /// Part a device plays in virtualization.
    pub enum VirtRole: mtml_sys::MtmlVirtRole {
        /// A physical device (or the role is not known).
        Physical = MTML_VIRT_ROLE_NONE,
        /// A virtual device, seen from the host.
        HostVirtualDevice = MTML_VIRT_ROLE_HOST_VIRTDEVICE,
        /// A virtual device, seen from inside its guest.
        GuestVirtualDevice = MTML_VIRT_ROLE_GUEST_VIRTDEVICE,
    }
}

c_enum! {
    /// Place of a device in an MPC partitioning.
    pub enum MpcType: mtml_sys::MtmlMpcType {
        /// Not partitioned, or MPC is off.
        NotPartitioned = MTML_MPC_TYPE_NONE,
        /// A physical device holding MPC instances.
        Parent = MTML_MPC_TYPE_PARENT,
        /// One partition of a parent device.
        Instance = MTML_MPC_TYPE_INSTANCE,
    }
}

/// PCI identity and link state of a device.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PciInfo {
    /// Bus address as text, `segment:bus:device.function` in hex.
    pub sbdf: String,
    /// PCI segment (domain).
    pub segment: u32,
    /// Bus number.
    pub bus: u32,
    /// Device number on the bus.
    pub device: u32,
    /// PCI vendor id (0x1ed5 for Moore Threads).
    pub vendor_id: u16,
    /// PCI device id.
    pub device_id: u16,
    /// PCI subsystem id.
    pub subsystem_id: u32,
    /// Highest per-lane link rate, GT/s.
    pub max_speed_gt_per_s: f32,
    /// Present per-lane link rate, GT/s.
    pub current_speed_gt_per_s: f32,
    /// Highest lane count.
    pub max_width_lanes: u32,
    /// Present lane count.
    pub current_width_lanes: u32,
    /// Highest PCIe generation.
    pub max_generation: u32,
    /// Present PCIe generation.
    pub current_generation: u32,
}

impl PciInfo {
    fn from_raw(raw: &mtml_sys::MtmlPciInfo) -> Result<PciInfo> {
        Ok(PciInfo {
            sbdf: string::from_c_chars(&raw.sbdf)?,
            segment: raw.segment,
            bus: raw.bus,
            device: raw.device,
            vendor_id: (raw.pciDeviceId & 0xffff) as u16,
            device_id: (raw.pciDeviceId >> 16) as u16,
            subsystem_id: raw.pciSubsystemId,
            max_speed_gt_per_s: raw.pciMaxSpeed,
            current_speed_gt_per_s: raw.pciCurSpeed,
            max_width_lanes: raw.pciMaxWidth,
            current_width_lanes: raw.pciCurWidth,
            max_generation: raw.pciMaxGen,
            current_generation: raw.pciCurGen,
        })
    }
}

/// Physical PCIe slot a board sits in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PcieSlot {
    /// Slot number.
    pub id: u32,
    /// Slot label.
    pub name: String,
}

/// Capability and role bits of a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DeviceProperty {
    /// Whether the device can be split into virtual devices.
    pub virt_capable: bool,
    /// Part the device plays in virtualization.
    pub virt_role: VirtRole,
    /// Whether the device can be partitioned with MPC.
    pub mpc_capable: bool,
    /// Place of the device in an MPC partitioning.
    pub mpc_type: MpcType,
    /// Whether the device has MtLink ports.
    pub mtlink_capable: bool,
}

impl DeviceProperty {
    fn from_raw(raw: &mtml_sys::MtmlDeviceProperty) -> DeviceProperty {
        DeviceProperty {
            virt_capable: raw.virtCap() != 0,
            virt_role: VirtRole::from(mtml_sys::MtmlVirtRole(raw.virtRole())),
            mpc_capable: raw.mpcCap() != 0,
            mpc_type: MpcType::from(mtml_sys::MtmlMpcType(raw.mpcType())),
            mtlink_capable: raw.mtLinkCap() != 0,
        }
    }
}

impl<'lib> Device<'lib> {
    /// Position of the device in the library's device list.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceGetIndex", alias = "nvmlDeviceGetIndex")]
    pub fn index(&self) -> Result<u32> {
        call_out!(mtmlDeviceGetIndex(self.raw()))
    }

    /// UUID of the device.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetUUID", alias = "nvmlDeviceGetUUID")]
    pub fn uuid(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_UUID_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetUUID(self.raw(), buf, len))
        })
    }

    /// Product name, for example `MTT S4000`.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetName", alias = "nvmlDeviceGetName")]
    pub fn name(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_NAME_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetName(self.raw(), buf, len))
        })
    }

    /// Product line.
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceGetBrand", alias = "nvmlDeviceGetBrand")]
    pub fn brand(&self) -> Result<Brand> {
        let mut raw = mtml_sys::MtmlBrandType(0);
        call!(mtmlDeviceGetBrand(self.raw(), &mut raw))?;
        Ok(Brand::from(raw))
    }

    /// PCI identity and link state.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetPciInfo", alias = "nvmlDeviceGetPciInfo")]
    pub fn pci_info(&self) -> Result<PciInfo> {
        let mut raw = mtml_sys::MtmlPciInfo::default();
        call!(mtmlDeviceGetPciInfo(self.raw(), &mut raw))?;
        PciInfo::from_raw(&raw)
    }

    /// The PCIe slot the board sits in.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) where the platform does not say; otherwise
    /// the library's or a string error.
    #[doc(alias = "mtmlDeviceGetPcieSlotInfo")]
    pub fn pcie_slot(&self) -> Result<PcieSlot> {
        let mut raw = mtml_sys::MtmlPciSlotInfo::default();
        call!(mtmlDeviceGetPcieSlotInfo(self.raw(), &mut raw))?;
        Ok(PcieSlot {
            id: raw.slotId,
            name: string::from_c_chars(&raw.slotName)?,
        })
    }

    /// Path of the device's GPU node, for example `/dev/mtgpu.0`.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetGpuPath")]
    pub fn gpu_path(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_PATH_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetGpuPath(self.raw(), buf, len))
        })
    }

    /// Path of the primary (display) DRM node, for example `/dev/dri/card0`.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetPrimaryPath")]
    pub fn primary_path(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_PATH_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetPrimaryPath(self.raw(), buf, len))
        })
    }

    /// Path of the render DRM node, for example `/dev/dri/renderD128`.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetRenderPath")]
    pub fn render_path(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_PATH_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetRenderPath(self.raw(), buf, len))
        })
    }

    /// Version of the board firmware (MTBIOS).
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(
        alias = "mtmlDeviceGetMtBiosVersion",
        alias = "nvmlDeviceGetVbiosVersion"
    )]
    pub fn mtbios_version(&self) -> Result<String> {
        string::read_string(
            mtml_sys::MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE,
            |buf, len| call!(mtmlDeviceGetMtBiosVersion(self.raw(), buf, len)),
        )
    }

    /// Version of the board firmware under its older name.
    ///
    /// # Errors
    /// As [`Device::mtbios_version`].
    #[deprecated(note = "use `mtbios_version` (mtmlDeviceGetMtBiosVersion)")]
    #[doc(alias = "mtmlDeviceGetVbiosVersion")]
    pub fn vbios_version(&self) -> Result<String> {
        string::read_string(
            mtml_sys::MTML_DEVICE_VBIOS_VERSION_BUFFER_SIZE,
            |buf, len| call!(mtmlDeviceGetVbiosVersion(self.raw(), buf, len)),
        )
    }

    /// Board serial number.
    ///
    /// # Errors
    /// The library's error or a string error.
    #[doc(alias = "mtmlDeviceGetSerialNumber", alias = "nvmlDeviceGetSerial")]
    pub fn serial_number(&self) -> Result<String> {
        string::read_string(
            mtml_sys::MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE,
            |buf, len| call!(mtmlDeviceGetSerialNumber(self.raw(), len, buf)),
        )
    }

    /// Capability and role bits (virtualization, MPC, MtLink).
    ///
    /// # Errors
    /// The library's error.
    #[doc(alias = "mtmlDeviceGetProperty")]
    pub fn property(&self) -> Result<DeviceProperty> {
        let mut raw = mtml_sys::MtmlDeviceProperty::default();
        call!(mtmlDeviceGetProperty(self.raw(), &mut raw))?;
        Ok(DeviceProperty::from_raw(&raw))
    }
}
