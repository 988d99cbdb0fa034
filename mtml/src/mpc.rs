//! Multi Primary Core (MPC): splitting one physical device into instances.
//!
//! An MPC-capable device with MPC on acts as a *parent*; its resources are
//! divided into *instances* (each a [`Device`] of its own) according to one
//! [`MpcConfiguration`], which is a list of [`MpcProfile`]s (cores and memory
//! per instance).
//!
//! Switching MPC on or off and applying a configuration invalidate every
//! device handle of the library. These operations therefore live on
//! `&mut Library` and take device indices: while they run, no [`Device`]
//! (nor any unit borrowed from one) can exist, so no stale handle can be used
//! afterwards. Fetch devices again once they return.
//!
//! ```compile_fail
//! # fn demo(lib: &mut mtml::Library) -> mtml::Result<()> {
//! let parent = lib.device_by_index(0)?;
//! lib.set_mpc_mode(0, mtml::mpc::MpcMode::Disabled)?; // `parent` is borrowed: rejected
//! parent.mpc_mode()?;
//! # Ok(()) }
//! ```

use std::ffi::CString;

use crate::device::Device;
use crate::enums::c_enum;
use crate::error::{Error, Result};
use crate::ffi::{call, call_out};
use crate::library::Library;
use crate::list;
use crate::string;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Upper bound accepted for MPC counts; larger answers are an error.
const MAX_MPC_COUNT: u32 = 4096;

c_enum! {
    /// Whether MPC partitioning is on for a device.
    pub enum MpcMode: mtml_sys::MtmlMpcMode {
        /// Off: the device works as one.
        Disabled = MTML_DEVICE_MPC_DISABLE,
        /// On: the device is split into instances.
        Enabled = MTML_DEVICE_MPC_ENABLE,
    }
}

/// One way to size an MPC instance: a share of cores and memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MpcProfile {
    /// Profile id, unique on its device.
    pub id: u32,
    /// Profile name, for example `4c+16gb`.
    pub name: String,
    /// GPU cores of each instance.
    pub core_count: u32,
    /// Memory of each instance, MiB.
    pub memory_mib: u64,
}

impl MpcProfile {
    /// Memory of each instance, bytes (saturating).
    pub fn memory_bytes(&self) -> u64 {
        self.memory_mib.saturating_mul(1 << 20)
    }

    fn from_raw(raw: &mtml_sys::MtmlMpcProfile) -> Result<MpcProfile> {
        Ok(MpcProfile {
            id: raw.id,
            name: string::from_c_chars(&raw.name)?,
            core_count: raw.coreCount,
            memory_mib: raw.memorySizeMB,
        })
    }
}

/// A whole partitioning of an MPC parent: the profiles of its instances.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MpcConfiguration {
    /// Configuration id, unique on its device.
    pub id: u32,
    /// Configuration name.
    pub name: String,
    /// Profile id of each instance the configuration creates, in order
    /// (unused slots of the C structure are left out).
    pub profile_ids: Vec<u32>,
}

impl MpcConfiguration {
    fn from_raw(raw: &mtml_sys::MtmlMpcConfiguration) -> Result<MpcConfiguration> {
        Ok(MpcConfiguration {
            id: raw.id,
            name: string::from_c_chars(&raw.name)?,
            profile_ids: used_profile_ids(&raw.profileId),
        })
    }
}

/// The profile ids of a configuration's slots; negative entries (MTML
/// marks unused slots with -1) are skipped.
fn used_profile_ids(slots: &[i32]) -> Vec<u32> {
    slots
        .iter()
        .filter_map(|&id| u32::try_from(id).ok())
        .collect()
}

impl<'lib> Device<'lib> {
    /// Whether MPC is on for this device.
    ///
    /// # Errors
    /// The library's error (devices without MPC may answer
    /// [`Error::NotSupported`]).
    #[doc(alias = "mtmlDeviceGetMpcMode")]
    pub fn mpc_mode(&self) -> Result<MpcMode> {
        let mut raw = mtml_sys::MtmlMpcMode(0);
        call!(mtmlDeviceGetMpcMode(self.raw(), &mut raw))?;
        Ok(MpcMode::from(raw))
    }

    /// The MPC profiles this parent device offers.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountSupportedMpcProfiles")]
    #[doc(alias = "mtmlDeviceGetSupportedMpcProfiles")]
    pub fn mpc_profiles(&self) -> Result<Vec<MpcProfile>> {
        let raw = list::count_then_get(
            MAX_MPC_COUNT,
            |count| call!(mtmlDeviceCountSupportedMpcProfiles(self.raw(), count)),
            |count, buf| call!(mtmlDeviceGetSupportedMpcProfiles(self.raw(), count, buf)),
        )?;
        raw.iter().map(MpcProfile::from_raw).collect()
    }

    /// The MPC configurations this parent device offers.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountSupportedMpcConfigurations")]
    #[doc(alias = "mtmlDeviceGetSupportedMpcConfigurations")]
    pub fn mpc_configurations(&self) -> Result<Vec<MpcConfiguration>> {
        let raw = list::count_then_get(
            MAX_MPC_COUNT,
            |count| call!(mtmlDeviceCountSupportedMpcConfigurations(self.raw(), count)),
            |count, buf| {
                call!(mtmlDeviceGetSupportedMpcConfigurations(
                    self.raw(),
                    count,
                    buf
                ))
            },
        )?;
        raw.iter().map(MpcConfiguration::from_raw).collect()
    }

    /// The configuration this parent device uses now.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMpcConfiguration")]
    pub fn mpc_configuration(&self) -> Result<MpcConfiguration> {
        let mut raw = mtml_sys::MtmlMpcConfiguration::default();
        call!(mtmlDeviceGetMpcConfiguration(self.raw(), &mut raw))?;
        MpcConfiguration::from_raw(&raw)
    }

    /// The configuration of this parent device called `name`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when the device has no such configuration,
    /// [`Error::InteriorNul`] when `name` holds a NUL byte,
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMpcConfigurationByName")]
    pub fn mpc_configuration_by_name(&self, name: &str) -> Result<MpcConfiguration> {
        let name = CString::new(name).map_err(|_| Error::InteriorNul)?;
        let mut raw = mtml_sys::MtmlMpcConfiguration::default();
        call!(mtmlDeviceGetMpcConfigurationByName(
            self.raw(),
            name.as_ptr(),
            &mut raw
        ))?;
        MpcConfiguration::from_raw(&raw)
    }

    /// Every MPC instance of this parent device, in index order.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountMpcInstances")]
    #[doc(alias = "mtmlDeviceGetMpcInstances")]
    pub fn mpc_instances(&self) -> Result<Vec<Device<'lib>>> {
        let raw = list::count_then_get(
            MAX_MPC_COUNT,
            |count| call!(mtmlDeviceCountMpcInstances(self.raw(), count)),
            |count, buf| call!(mtmlDeviceGetMpcInstances(self.raw(), count, buf)),
        )?;
        raw.into_iter().map(|dev| self.sibling(dev)).collect()
    }

    /// The MPC instances of this parent device made from profile `profile_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown profile,
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceCountMpcInstancesByProfileId")]
    #[doc(alias = "mtmlDeviceGetMpcInstancesByProfileId")]
    pub fn mpc_instances_by_profile(&self, profile_id: u32) -> Result<Vec<Device<'lib>>> {
        let raw = list::count_then_get(
            MAX_MPC_COUNT,
            |count| {
                call!(mtmlDeviceCountMpcInstancesByProfileId(
                    self.raw(),
                    profile_id,
                    count
                ))
            },
            |count, buf| {
                call!(mtmlDeviceGetMpcInstancesByProfileId(
                    self.raw(),
                    profile_id,
                    count,
                    buf
                ))
            },
        )?;
        raw.into_iter().map(|dev| self.sibling(dev)).collect()
    }

    /// The MPC instance at position `index` of this parent device.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `index` is out of range,
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMpcInstanceByIndex")]
    pub fn mpc_instance(&self, index: u32) -> Result<Device<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceGetMpcInstanceByIndex(self.raw(), index, &mut raw))?;
        self.sibling(raw)
    }

    /// The parent device of this MPC instance.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when this is not an MPC instance; MTML may
    /// also fail (for example [`Error::Unknown`]) inside a container where
    /// the parent is not visible.
    #[doc(alias = "mtmlDeviceGetMpcParentDevice")]
    pub fn mpc_parent(&self) -> Result<Device<'lib>> {
        let mut raw = std::ptr::null_mut();
        call!(mtmlDeviceGetMpcParentDevice(self.raw(), &mut raw))?;
        self.sibling(raw)
    }

    /// The profile this MPC instance was made from.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when this is not an MPC instance; otherwise
    /// the library's error.
    #[doc(alias = "mtmlDeviceGetMpcProfileInfo")]
    pub fn mpc_profile(&self) -> Result<MpcProfile> {
        let mut raw = mtml_sys::MtmlMpcProfile::default();
        call!(mtmlDeviceGetMpcProfileInfo(self.raw(), &mut raw))?;
        MpcProfile::from_raw(&raw)
    }

    /// Position of this MPC instance on its parent.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when this is not an MPC instance; otherwise
    /// the library's error.
    #[doc(alias = "mtmlDeviceGetMpcInstanceIndex")]
    pub fn mpc_instance_index(&self) -> Result<u32> {
        call_out!(mtmlDeviceGetMpcInstanceIndex(self.raw()))
    }
}

impl Library {
    /// Switches MPC on or off for the device at `device_index`.
    ///
    /// Every device handle of the library becomes invalid; that is why this
    /// takes `&mut self`. Switching MPC may also renumber devices.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when the device lacks MPC,
    /// [`Error::NoPermission`] without privileges; otherwise the library's
    /// error (including failures to open the device).
    #[doc(alias = "mtmlDeviceSetMpcMode")]
    pub fn set_mpc_mode(&mut self, device_index: u32, mode: MpcMode) -> Result<()> {
        let device = self.device_by_index(device_index)?;
        call!(mtmlDeviceSetMpcMode(device.raw(), mode.into()))
    }

    /// Applies MPC configuration `configuration_id` to the parent device at
    /// `device_index`.
    ///
    /// Every device handle of the library becomes invalid; that is why this
    /// takes `&mut self`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown configuration,
    /// [`Error::NotSupported`] when the device lacks MPC or has it off;
    /// otherwise the library's error.
    #[doc(alias = "mtmlDeviceSetMpcConfiguration")]
    pub fn set_mpc_configuration(
        &mut self,
        device_index: u32,
        configuration_id: u32,
    ) -> Result<()> {
        let device = self.device_by_index(device_index)?;
        call!(mtmlDeviceSetMpcConfiguration(
            device.raw(),
            configuration_id
        ))
    }

    /// Applies several MPC configurations at once: each pair is a device
    /// index and the configuration id for it.
    ///
    /// MPC is switched on first where it is off. If one device fails, MTML
    /// tries to switch the devices already done back to MPC off. Every
    /// device handle of the library becomes invalid. An empty list does
    /// nothing.
    ///
    /// # Errors
    /// [`Error::NotSupported`] when a device lacks MPC or an id is not one of
    /// its configurations; otherwise the library's error (including failures
    /// to open a device).
    #[doc(alias = "mtmlLibrarySetMpcConfigurationInBatch")]
    pub fn set_mpc_configurations(&mut self, assignments: &[(u32, u32)]) -> Result<()> {
        if assignments.is_empty() {
            return Ok(());
        }
        let count = u32::try_from(assignments.len()).map_err(|_| Error::InvalidArgument)?;
        let mut devices = Vec::with_capacity(assignments.len());
        for &(index, _) in assignments {
            devices.push(self.device_by_index(index)?);
        }
        let mut handles: Vec<_> = devices
            .iter()
            .map(|device| device.raw() as *mut _)
            .collect();
        let mut ids: Vec<u32> = assignments.iter().map(|&(_, id)| id).collect();
        call!(mtmlLibrarySetMpcConfigurationInBatch(
            self.raw(),
            count,
            handles.as_mut_ptr(),
            ids.as_mut_ptr()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_profile_slots_are_dropped() {
        let mut slots = [-1i32; 16];
        slots[0] = 2;
        slots[1] = 1;
        slots[2] = 1;
        assert_eq!(used_profile_ids(&slots), vec![2, 1, 1]);
        assert!(used_profile_ids(&[-1; 16]).is_empty());
    }
}
