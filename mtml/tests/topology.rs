//! PCIe topology and P2P against the simulator's default machine.

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::{COUNT, DESKTOP};
use mtml::topology::{P2pCapability, P2pStatus, TopologyLevel};
use mtml::Error;
use mtml_sim::{FaultRule, SimConfig};

#[test]
fn levels_follow_placement() {
    let lib = domains::open_default();
    let device = |index| lib.device_by_index(index).unwrap();
    let zero = device(0);
    // Same switch, switches under one host bridge, directly below the
    // bridge, other NUMA node.
    assert_eq!(
        zero.topology_level(&device(1)).unwrap(),
        TopologyLevel::Single
    );
    assert_eq!(
        zero.topology_level(&device(2)).unwrap(),
        TopologyLevel::Multiple
    );
    assert_eq!(
        zero.topology_level(&device(DESKTOP)).unwrap(),
        TopologyLevel::HostBridge
    );
    assert_eq!(
        zero.topology_level(&device(4)).unwrap(),
        TopologyLevel::System
    );
}

#[test]
fn levels_are_symmetric_and_match_listings() {
    let lib = domains::open_default();
    let devices: Vec<_> = (0..COUNT)
        .map(|i| lib.device_by_index(i).unwrap())
        .collect();
    for (a, first) in devices.iter().enumerate() {
        for (b, second) in devices.iter().enumerate().skip(a + 1) {
            assert_eq!(
                first.topology_level(second).unwrap(),
                second.topology_level(first).unwrap(),
                "devices {a} and {b}"
            );
        }
        // Every other device is listed at exactly the level of the pair.
        let mut seen = 0;
        for level in TopologyLevel::ALL {
            for peer in first.devices_at_topology_level(level).unwrap() {
                let peer_index = peer.index().unwrap() as usize;
                assert_ne!(peer_index, a);
                assert_eq!(first.topology_level(&devices[peer_index]).unwrap(), level);
                seen += 1;
            }
        }
        assert_eq!(seen, devices.len() - 1, "device {a}");
    }
}

#[test]
fn p2p_status_follows_placement_and_support() {
    let lib = domains::open_default();
    let device = |index| lib.device_by_index(index).unwrap();
    let zero = device(0);
    for cap in [P2pCapability::Read, P2pCapability::Write] {
        assert_eq!(zero.p2p_status(&device(1), cap).unwrap(), P2pStatus::Ok);
        assert_eq!(
            zero.p2p_status(&device(4), cap).unwrap(),
            P2pStatus::ChipsetNotSupported
        );
        assert_eq!(
            zero.p2p_status(&device(DESKTOP), cap).unwrap(),
            P2pStatus::GpuNotSupported
        );
        assert_eq!(
            device(DESKTOP).p2p_status(&zero, cap).unwrap(),
            P2pStatus::GpuNotSupported
        );
    }
}

#[test]
fn overrides_from_config_are_reported() {
    let config = SimConfig::empty()
        .device(|d| d.set("model", "s4000").set("numa_node", 0))
        .device(|d| d.set("model", "s4000").set("numa_node", 0))
        .topology(0, 1, "internal")
        .p2p(0, 1, "unknown");
    let lib = domains::open(config);
    let a = lib.device_by_index(0).unwrap();
    let b = lib.device_by_index(1).unwrap();
    assert_eq!(a.topology_level(&b).unwrap(), TopologyLevel::Internal);
    assert_eq!(b.topology_level(&a).unwrap(), TopologyLevel::Internal);
    assert_eq!(
        a.p2p_status(&b, P2pCapability::Write).unwrap(),
        P2pStatus::Undetermined
    );
    let internal = a
        .devices_at_topology_level(TopologyLevel::Internal)
        .unwrap();
    assert_eq!(internal.len(), 1);
    assert_eq!(internal[0].index().unwrap(), 1);
    assert!(a
        .devices_at_topology_level(TopologyLevel::System)
        .unwrap()
        .is_empty());
}

#[test]
fn failures_are_reported() {
    let lib = domains::open_default();
    let control = domains::control(&lib);
    control
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetTopologyLevel",
            mtml_sim::code::NOT_SUPPORTED,
        ))
        .unwrap();
    control
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetDeviceByTopologyLevel",
            mtml_sim::code::DRIVER_FAILURE,
        ))
        .unwrap();
    let a = lib.device_by_index(0).unwrap();
    let b = lib.device_by_index(1).unwrap();
    assert_eq!(a.topology_level(&b).unwrap_err(), Error::NotSupported);
    let err = a.devices_at_topology_level(TopologyLevel::Single).err();
    assert_eq!(err, Some(Error::DriverFailure));
}
