//! The views: each renders already-read values as text (and JSON).

pub mod capture;
pub mod csv;
pub mod list;
pub mod mtlink;
pub mod report;
pub mod summary;
pub mod topo;

use crate::model::{DeviceReport, Reading};
use mtml::{MpcType, VirtRole};

/// Bytes as whole MiB, like `14126MiB`.
pub fn mib(bytes: u64) -> String {
    format!("{}MiB", bytes >> 20)
}

/// Milliwatts as whole watts, like `231W`.
pub fn watts(mw: u32) -> String {
    format!("{}W", mw / 1000)
}

/// Sorted ids as ranges, like `0-31,40`.
pub fn ranges(ids: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = ids.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(",")
    }
}

/// Short description of the part a GPU plays in MPC and virtualization:
/// `MPC parent`, `vGPU host (2)`, `vGPU`, `vGPU (guest)` or `Physical`.
pub fn role(device: &DeviceReport) -> Reading<String> {
    let s = &device.snapshot;
    device.get("property", s.property.as_ref()).map(|p| {
        let mut role = match (p.virt_role, p.mpc_type) {
            (VirtRole::HostVirtualDevice, _) => "vGPU".to_owned(),
            (VirtRole::GuestVirtualDevice, _) => "vGPU (guest)".to_owned(),
            (_, MpcType::Parent) => "MPC parent".to_owned(),
            (_, MpcType::Instance) => "MPC instance".to_owned(),
            _ => "Physical".to_owned(),
        };
        if let Some(n) = s.active_virt_devices.filter(|&n| n > 0) {
            role = format!("vGPU host ({n})");
        }
        role
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_ranges() {
        assert_eq!(mib(51_539_607_552), "49152MiB");
        assert_eq!(watts(231_130), "231W");
        assert_eq!(ranges(&[0, 1, 2, 3, 7, 9, 10]), "0-3,7,9-10");
        assert_eq!(ranges(&[]), "none");
    }
}
