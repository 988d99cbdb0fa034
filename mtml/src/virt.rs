//! Device virtualization: virtual device types and the virtual devices
//! carved out of a physical device.
//!
//! A virtualizable physical device (see the `virt_capability` of its
//! properties) offers several [`VirtType`]s, each a template of resources
//! for one virtual device. On a virtualization host the running virtual
//! devices can be listed by UUID and opened as [`Device`]s of their own.

use std::ffi::CString;
use std::os::raw::c_char;

use crate::device::Device;
use crate::error::{Error, Result};
use crate::ffi::{call, call_out};
use crate::list;
use crate::string;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for virtualization counts; larger answers are an error.
const MAX_VIRT_COUNT: u32 = 4096;

/// Bytes reserved for each UUID when listing active virtual devices.
const UUID_ENTRY_BYTES: usize = mtml_sys::MTML_DEVICE_UUID_BUFFER_SIZE as usize;

/// A kind of virtual device a physical device can be carved into.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct VirtType {
    /// Type identifier, for example `mtgpu-2008`.
    pub id: String,
    /// Human-readable name, for example `mtgpu-8g`.
    pub name: String,
    /// Pass-through API, for example `vfio-pci`.
    pub api: String,
    /// Largest display width, pixels.
    pub max_width_px: u32,
    /// Largest display height, pixels.
    pub max_height_px: u32,
    /// Video memory of each virtual device, MiB.
    pub frame_buffer_mib: u32,
    /// Encoder sessions of each virtual device.
    pub max_encoder_sessions: u32,
    /// Decoder sessions of each virtual device.
    pub max_decoder_sessions: u32,
    /// Virtual devices of this type one physical device can hold.
    pub max_instances: u32,
    /// Display heads of each virtual device.
    pub max_displays: u32,
}

impl VirtType {
    /// Video memory of each virtual device, bytes.
    pub fn frame_buffer_bytes(&self) -> u64 {
        u64::from(self.frame_buffer_mib) << 20
    }

    fn from_raw(raw: &mtml_sys::MtmlVirtType) -> Result<VirtType> {
        Ok(VirtType {
            id: string::from_c_chars(&raw.id)?,
            name: string::from_c_chars(&raw.name)?,
            api: string::from_c_chars(&raw.api)?,
            max_width_px: raw.horizontalResolution,
            max_height_px: raw.verticalResolution,
            frame_buffer_mib: raw.frameBuffer,
            max_encoder_sessions: raw.maxEncodeNum,
            max_decoder_sessions: raw.maxDecodeNum,
            max_instances: raw.maxInstances,
            max_displays: raw.maxVirtualDisplay,
        })
    }

    /// Rebuilds the C structure the library expects as a type argument.
    fn to_raw(&self) -> Result<mtml_sys::MtmlVirtType> {
        let mut raw = mtml_sys::MtmlVirtType::default();
        fill_c_chars(&mut raw.id, &self.id)?;
        fill_c_chars(&mut raw.name, &self.name)?;
        fill_c_chars(&mut raw.api, &self.api)?;
        raw.horizontalResolution = self.max_width_px;
        raw.verticalResolution = self.max_height_px;
        raw.frameBuffer = self.frame_buffer_mib;
        raw.maxEncodeNum = self.max_encoder_sessions;
        raw.maxDecodeNum = self.max_decoder_sessions;
        raw.maxInstances = self.max_instances;
        raw.maxVirtualDisplay = self.max_displays;
        Ok(raw)
    }
}

/// Copies `text` into a fixed C buffer, NUL-terminated.
///
/// Fails when the text holds a NUL byte or does not fit with its terminator.
fn fill_c_chars(buf: &mut [c_char], text: &str) -> Result<()> {
    let bytes = CString::new(text).map_err(|_| Error::InteriorNul)?;
    let bytes = bytes.as_bytes_with_nul();
    if bytes.len() > buf.len() {
        return Err(Error::InvalidArgument);
    }
    for (dst, &src) in buf.iter_mut().zip(bytes) {
        *dst = src as c_char;
    }
    Ok(())
}

/// Splits the flat UUID table of `mtmlDeviceGetActiveVirtDeviceUuids` into
/// strings, skipping empty entries.
pub(crate) fn split_uuid_table(table: &[c_char], entry_len: usize) -> Result<Vec<String>> {
    let mut uuids = Vec::new();
    for entry in table.chunks(entry_len) {
        let uuid = string::from_c_chars(entry)?;
        if !uuid.is_empty() {
            uuids.push(uuid);
        }
    }
    Ok(uuids)
}

impl<'lib> Device<'lib> {
    /// Every virtual device type this physical device supports.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device cannot be virtualized;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountSupportedVirtTypes")]
    #[doc(alias = "mtmlDeviceGetSupportedVirtTypes")]
    pub fn supported_virt_types(&self) -> Result<Vec<VirtType>> {
        let raw = list::count_then_get(
            MAX_VIRT_COUNT,
            |count| call!(mtmlDeviceCountSupportedVirtTypes(self.raw(), count)),
            |count, buf| call!(mtmlDeviceGetSupportedVirtTypes(self.raw(), buf, count)),
        )?;
        raw.iter().map(VirtType::from_raw).collect()
    }

    /// The virtual device types of which another instance can still be
    /// created now.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device cannot be virtualized;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountAvailVirtTypes")]
    #[doc(alias = "mtmlDeviceGetAvailVirtTypes")]
    pub fn available_virt_types(&self) -> Result<Vec<VirtType>> {
        let raw = list::count_then_get(
            MAX_VIRT_COUNT,
            |count| call!(mtmlDeviceCountAvailVirtTypes(self.raw(), count)),
            |count, buf| call!(mtmlDeviceGetAvailVirtTypes(self.raw(), buf, count)),
        )?;
        raw.iter().map(VirtType::from_raw).collect()
    }

    /// How many more virtual devices of `virt_type` can be created now.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the device does not support
    /// `virt_type` (or its strings do not fit MTML's buffers),
    /// [`Error::NotSupported`] when the device cannot be virtualized;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountAvailVirtDevices")]
    pub fn available_virt_device_count(&self, virt_type: &VirtType) -> Result<u32> {
        let raw_type = virt_type.to_raw()?;
        call_out!(mtmlDeviceCountAvailVirtDevices(self.raw(), &raw_type))
    }

    /// The most virtual devices of `virt_type` this device can hold.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the device does not support
    /// `virt_type`, [`Error::NotSupported`] when the device cannot be
    /// virtualized; otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountMaxVirtDevices")]
    pub fn max_virt_device_count(&self, virt_type: &VirtType) -> Result<u32> {
        let raw_type = virt_type.to_raw()?;
        call_out!(mtmlDeviceCountMaxVirtDevices(self.raw(), &raw_type))
    }

    /// Number of virtual devices now running on this device.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device cannot be virtualized;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountActiveVirtDevices")]
    pub fn active_virt_device_count(&self) -> Result<u32> {
        call_out!(mtmlDeviceCountActiveVirtDevices(self.raw()))
    }

    /// UUIDs of the virtual devices now running on this device.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device cannot be virtualized,
    /// [`Error::CountTooLarge`] for an absurd count, a string error for a
    /// malformed UUID; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetActiveVirtDeviceUuids")]
    pub fn active_virt_device_uuids(&self) -> Result<Vec<String>> {
        let table = list::count_then_get(
            MAX_VIRT_COUNT,
            |count| call!(mtmlDeviceCountActiveVirtDevices(self.raw(), count)),
            |count, buf: *mut [c_char; UUID_ENTRY_BYTES]| {
                call!(mtmlDeviceGetActiveVirtDeviceUuids(
                    self.raw(),
                    buf.cast::<c_char>(),
                    UUID_ENTRY_BYTES as u32,
                    count
                ))
            },
        )?;
        let flat: Vec<c_char> = table.iter().flatten().copied().collect();
        split_uuid_table(&flat, UUID_ENTRY_BYTES)
    }

    /// Opens the running virtual device of this device whose UUID is `uuid`.
    ///
    /// Only possible on a virtualization host. The returned device answers
    /// [`Device::virt_type`] and [`Device::physical_device_uuid`].
    ///
    /// # Errors
    /// [`Error::NotFound`] when no such virtual device runs,
    /// [`Error::InteriorNul`] when `uuid` holds a NUL byte,
    /// [`Error::NotSupported`] when the device cannot be virtualized;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceInitVirtDevice")]
    pub fn virt_device(&self, uuid: &str) -> Result<Device<'lib>> {
        let uuid = CString::new(uuid).map_err(|_| Error::InteriorNul)?;
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceInitVirtDevice(
            self.raw(),
            uuid.as_ptr(),
            &mut raw
        ))?;
        self.sibling(raw)
    }

    /// Type this virtual device was created from.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when this is not a virtual device; otherwise
    /// the library's error.
    #[doc(alias = "mtmlDeviceGetVirtType")]
    pub fn virt_type(&self) -> Result<VirtType> {
        let mut raw = mtml_sys::MtmlVirtType::default();
        call!(mtmlDeviceGetVirtType(self.raw(), &mut raw))?;
        VirtType::from_raw(&raw)
    }

    /// UUID of the physical device behind this virtual device.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when this is not a virtual device; otherwise
    /// the library's or a string error.
    #[doc(alias = "mtmlDeviceGetPhyDeviceUuid")]
    pub fn physical_device_uuid(&self) -> Result<String> {
        string::read_string(mtml_sys::MTML_DEVICE_UUID_BUFFER_SIZE, |buf, len| {
            call!(mtmlDeviceGetPhyDeviceUuid(self.raw(), buf, len))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &[u8]) -> Vec<c_char> {
        text.iter().map(|&b| b as c_char).collect()
    }

    #[test]
    fn uuid_table_skips_empty_entries() {
        let mut table = chars(b"ab\0\0");
        table.extend(chars(b"\0\0\0\0"));
        table.extend(chars(b"cde\0"));
        assert_eq!(split_uuid_table(&table, 4).unwrap(), vec!["ab", "cde"]);
    }

    #[test]
    fn fill_rejects_overflow_and_nul() {
        let mut buf = [0 as c_char; 4];
        fill_c_chars(&mut buf, "abc").unwrap();
        assert_eq!(buf, [b'a' as c_char, b'b' as c_char, b'c' as c_char, 0]);
        assert!(fill_c_chars(&mut buf, "abcd").is_err());
        assert!(fill_c_chars(&mut buf, "a\0b").is_err());
    }

    #[test]
    fn virt_type_round_trips_through_c() {
        let virt_type = VirtType {
            id: "mtgpu-4k-6g".into(),
            name: "s4000-6g".into(),
            api: "vfio-pci".into(),
            max_width_px: 1920,
            max_height_px: 1080,
            frame_buffer_mib: 6144,
            max_encoder_sessions: 2,
            max_decoder_sessions: 4,
            max_instances: 8,
            max_displays: 1,
        };
        let raw = virt_type.to_raw().unwrap();
        assert_eq!(VirtType::from_raw(&raw).unwrap(), virt_type);
        assert_eq!(virt_type.frame_buffer_bytes(), 6144 << 20);
    }
}
