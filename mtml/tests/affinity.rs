//! NUMA affinity against simulated machines.

#[path = "common/domains.rs"]
mod domains;

use mtml::Error;
use mtml_sim::{FaultRule, SimConfig};

#[test]
fn default_machine_splits_cpus_by_node() {
    let lib = domains::open_default();
    // 64 CPUs on 2 nodes; devices 0-3 sit on node 0, 4-7 on node 1.
    let near = lib.device_by_index(0).unwrap();
    assert_eq!(near.cpu_affinity().unwrap(), (0..32).collect::<Vec<u32>>());
    assert_eq!(near.memory_affinity_numa_nodes().unwrap(), vec![0]);
    let far = lib.device_by_index(4).unwrap();
    assert_eq!(far.cpu_affinity().unwrap(), (32..64).collect::<Vec<u32>>());
    assert_eq!(far.memory_affinity_numa_nodes().unwrap(), vec![1]);
}

#[test]
fn largest_machine_is_fully_described() {
    // 4096 CPUs over 64 nodes: the last node owns CPUs 4032..4096.
    let config = SimConfig::empty()
        .system(|s| s.set("cpus", 4096).set("numa_nodes", 64))
        .device(|d| d.set("model", "s80").set("numa_node", 63));
    let lib = domains::open(config);
    let device = lib.device_by_index(0).unwrap();
    assert_eq!(
        device.cpu_affinity().unwrap(),
        (4032..4096).collect::<Vec<u32>>()
    );
    assert_eq!(device.memory_affinity_numa_nodes().unwrap(), vec![63]);
}

#[test]
fn failures_are_reported() {
    let lib = domains::open_default();
    domains::control(&lib)
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetCpuAffinityWithinNode",
            mtml_sim::code::NOT_SUPPORTED,
        ))
        .unwrap();
    let device = lib.device_by_index(0).unwrap();
    assert_eq!(device.cpu_affinity().unwrap_err(), Error::NotSupported);
    assert_eq!(device.memory_affinity_numa_nodes().unwrap(), vec![0]);
}
