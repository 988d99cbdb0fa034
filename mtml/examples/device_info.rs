//! Identity of every device: name, UUID, serial, PCI and capability bits.

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let pci = device.pci_info()?;
        let property = device.property()?;
        println!(
            "Device {}: {} ({})",
            device.index()?,
            device.name()?,
            device.brand()?
        );
        println!("  UUID:      {}", device.uuid()?);
        println!("  Serial:    {}", device.serial_number()?);
        println!("  MTBIOS:    {}", device.mtbios_version()?);
        println!("  GPU cores: {}", device.gpu_core_count()?);
        println!(
            "  PCI:       {} (vendor {:04x}, device {:04x}), Gen{} x{} of Gen{} x{}",
            pci.sbdf,
            pci.vendor_id,
            pci.device_id,
            pci.current_generation,
            pci.current_width_lanes,
            pci.max_generation,
            pci.max_width_lanes
        );
        match device.pcie_slot() {
            Ok(slot) => println!("  Slot:      {} ({})", slot.id, slot.name),
            Err(error) => println!("  Slot:      {error}"),
        }
        println!(
            "  Roles:     virtualization {} ({}), MPC {} ({}), MtLink {}",
            property.virt_capable,
            property.virt_role,
            property.mpc_capable,
            property.mpc_type,
            property.mtlink_capable
        );
    }
    Ok(())
}
