//! Partitioning: MPC mode, profiles, configurations and instances, then
//! virtualization types and active virtual devices.

use mtml::NotSupportedExt;

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let property = device.property()?;
        println!(
            "Device {} ({}): MPC {} ({}), virtualization {} ({})",
            device.index()?,
            device.name()?,
            if property.mpc_capable {
                "capable"
            } else {
                "no"
            },
            property.mpc_type,
            if property.virt_capable {
                "capable"
            } else {
                "no"
            },
            property.virt_role,
        );

        if let Some(mode) = device.mpc_mode().optional()? {
            println!("  MPC mode: {mode}");
            for profile in device.mpc_profiles()? {
                println!(
                    "  profile {} {:<10} {} cores, {} MiB",
                    profile.id, profile.name, profile.core_count, profile.memory_mib
                );
            }
            for config in device.mpc_configurations()? {
                println!(
                    "  configuration {} {:<12} profiles {:?}",
                    config.id, config.name, config.profile_ids
                );
            }
            if let Some(current) = device.mpc_configuration().optional()? {
                println!("  current configuration: {}", current.name);
            }
            for instance in device.mpc_instances()? {
                let profile = instance.mpc_profile()?;
                println!(
                    "  instance {}: {} ({})",
                    instance.mpc_instance_index()?,
                    instance.uuid()?,
                    profile.name
                );
            }
        }

        if let Some(types) = device.supported_virt_types().optional()? {
            for virt_type in &types {
                println!(
                    "  virt type {} {:<10} {} MiB, up to {} per GPU, {} available",
                    virt_type.id,
                    virt_type.name,
                    virt_type.frame_buffer_mib,
                    virt_type.max_instances,
                    device.available_virt_device_count(virt_type)?
                );
            }
            for uuid in device.active_virt_device_uuids()? {
                let virt = device.virt_device(&uuid)?;
                println!("  virtual device {uuid}: {}", virt.virt_type()?.name);
            }
        }
    }
    Ok(())
}
