//! How a GPU is divided: its MPC configuration and instances, and its
//! virtualization types and running virtual devices. Read for the detailed
//! report only (`-q`), where every readable value is shown.

use mtml::{Device, Library, NotSupportedExt};
use serde::Serialize;

use crate::model::Reading;

/// One MPC instance of a parent GPU.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MpcInstance {
    /// Position among the parent's instances.
    pub index: u32,
    /// UUID of the instance.
    pub uuid: String,
    /// Name of the instance's profile, for example `mpc-1h`.
    pub profile: String,
    /// GPU cores of the instance.
    pub core_count: u32,
    /// Memory of the instance, MiB.
    pub memory_mib: u64,
}

/// One virtualization type a GPU offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VirtTypeInfo {
    /// Type id, for example `mtgpu-4k-12g`.
    pub id: String,
    /// Type name.
    pub name: String,
    /// Video memory of each virtual device, MiB.
    pub frame_buffer_mib: u32,
    /// Virtual devices of this type the GPU can hold.
    pub max_instances: u32,
    /// How many more can be created now.
    pub available: u32,
}

/// One running virtual device.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VirtDevice {
    /// UUID of the virtual device.
    pub uuid: String,
    /// Name of its type.
    pub type_name: String,
}

/// The partitioning of one GPU; each part is `N/A` where unsupported and
/// `ERR!` where reading failed (the errors are listed in `errors`).
#[derive(Debug, Clone, PartialEq)]
pub struct Partitions {
    /// Name of the MPC configuration in force.
    pub mpc_configuration: Reading<String>,
    /// MPC instances, in index order.
    pub mpc_instances: Reading<Vec<MpcInstance>>,
    /// Virtualization types the GPU supports.
    pub virt_types: Reading<Vec<VirtTypeInfo>>,
    /// Running virtual devices.
    pub virt_devices: Reading<Vec<VirtDevice>>,
    /// Parts that failed, as `(part, error)`.
    pub errors: Vec<(String, String)>,
}

impl Partitions {
    /// Reads the partitioning of the GPU at `index`.
    pub fn read(lib: &Library, index: u32) -> Partitions {
        let mut errors = Vec::new();
        let device = match lib.device_by_index(index) {
            Ok(device) => Some(device),
            Err(error) => {
                errors.push(("device".to_owned(), error.to_string()));
                None
            }
        };
        let device = device.as_ref();
        Partitions {
            mpc_configuration: part(device, &mut errors, "mpc.configuration", |d| {
                d.mpc_configuration().map(|c| c.name)
            }),
            mpc_instances: part(device, &mut errors, "mpc.instances", mpc_instances),
            virt_types: part(device, &mut errors, "virtualization.types", virt_types),
            virt_devices: part(device, &mut errors, "virtualization.devices", virt_devices),
            errors,
        }
    }
}

/// Reads one part: `N/A` when unsupported, `ERR!` (and an entry in
/// `errors`) when it fails or the device could not be opened.
fn part<T>(
    device: Option<&Device<'_>>,
    errors: &mut Vec<(String, String)>,
    name: &str,
    read: impl FnOnce(&Device<'_>) -> mtml::Result<T>,
) -> Reading<T> {
    let Some(device) = device else {
        return Reading::Failed;
    };
    match read(device).optional() {
        Ok(Some(value)) => Reading::Value(value),
        Ok(None) => Reading::NotAvailable,
        Err(error) => {
            errors.push((name.to_owned(), error.to_string()));
            Reading::Failed
        }
    }
}

fn mpc_instances(parent: &Device<'_>) -> mtml::Result<Vec<MpcInstance>> {
    let mut instances = Vec::new();
    for instance in parent.mpc_instances()? {
        let profile = instance.mpc_profile()?;
        instances.push(MpcInstance {
            index: instance.mpc_instance_index()?,
            uuid: instance.uuid()?,
            profile: profile.name,
            core_count: profile.core_count,
            memory_mib: profile.memory_mib,
        });
    }
    Ok(instances)
}

fn virt_types(device: &Device<'_>) -> mtml::Result<Vec<VirtTypeInfo>> {
    let mut types = Vec::new();
    for virt_type in device.supported_virt_types()? {
        types.push(VirtTypeInfo {
            available: device.available_virt_device_count(&virt_type)?,
            id: virt_type.id,
            name: virt_type.name,
            frame_buffer_mib: virt_type.frame_buffer_mib,
            max_instances: virt_type.max_instances,
        });
    }
    Ok(types)
}

fn virt_devices(host: &Device<'_>) -> mtml::Result<Vec<VirtDevice>> {
    let mut devices = Vec::new();
    for uuid in host.active_virt_device_uuids()? {
        let type_name = host.virt_device(&uuid)?.virt_type()?.name;
        devices.push(VirtDevice { uuid, type_name });
    }
    Ok(devices)
}
