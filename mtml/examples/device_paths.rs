//! Device node paths of every device, and looking a device up again by
//! UUID and by PCI address.

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    for device in lib.devices() {
        let device = device?;
        let index = device.index()?;
        println!("Device {index}:");
        println!("  GPU node:     {}", device.gpu_path()?);
        println!("  Primary node: {}", device.primary_path()?);
        println!("  Render node:  {}", device.render_path()?);
        let by_uuid = lib.device_by_uuid(&device.uuid()?)?;
        let by_sbdf = lib.device_by_pci_sbdf(&device.pci_info()?.sbdf)?;
        assert_eq!(by_uuid.index()?, index);
        assert_eq!(by_sbdf.index()?, index);
    }
    Ok(())
}
