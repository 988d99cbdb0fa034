//! How the devices connect: the PCIe topology level and P2P status between
//! each pair, then the MtLink ports, their far ends and the shortest paths.

use mtml::{MtLinkCapability, NotSupportedExt, P2pCapability};

fn main() -> mtml::Result<()> {
    let lib = mtml::Library::init()?;
    let devices = lib.devices().collect::<mtml::Result<Vec<_>>>()?;

    println!("Topology level and P2P read status between device pairs:");
    for (i, a) in devices.iter().enumerate() {
        for b in &devices[i + 1..] {
            println!(
                "  {} <-> {}: {}, P2P read {}",
                a.index()?,
                b.index()?,
                a.topology_level(b)?,
                a.p2p_status(b, P2pCapability::Read)?
            );
        }
    }

    for device in &devices {
        let Some(spec) = device.mtlink_spec().optional()? else {
            println!("Device {}: no MtLink", device.index()?);
            continue;
        };
        let (major, minor, patch) = spec.version_parts();
        println!(
            "Device {}: MtLink {major}.{minor}.{patch}, {} ports of {} GB/s",
            device.index()?,
            spec.link_count,
            spec.bandwidth_gb_per_s
        );
        for link in 0..spec.link_count {
            let state = device.mtlink_state(link)?;
            let remote = match device.mtlink_remote_device(link) {
                Ok(remote) => format!("device {}", remote.index()?),
                Err(error) => format!("({error})"),
            };
            let p2p = device.mtlink_capability(link, MtLinkCapability::P2pAccess)?;
            println!("  port {link}: {state}, to {remote}, P2P access {p2p}");
        }
        // Routes to device 0 over MtLink (one entry per equally short path).
        let first = &devices[0];
        if device.index()? != first.index()? {
            if let Some(paths) = device.mtlink_shortest_paths(first).optional()? {
                for path in paths {
                    let hops = path
                        .iter()
                        .map(|hop| hop.index().map(|i| i.to_string()))
                        .collect::<mtml::Result<Vec<_>>>()?;
                    println!("  shortest path to device 0: {}", hops.join(" -> "));
                }
            }
        }
    }
    Ok(())
}
