//! MPC partitioning against the simulator's default machine.

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::{DESKTOP, MPC_PARENT};
use mtml::mpc::{MpcConfiguration, MpcMode, MpcProfile};
use mtml::Error;
use mtml_sim::FaultRule;

fn profile(id: u32, name: &str, core_count: u32, memory_mib: u64) -> MpcProfile {
    MpcProfile {
        id,
        name: name.into(),
        core_count,
        memory_mib,
    }
}

fn configuration(id: u32, name: &str, profile_ids: &[u32]) -> MpcConfiguration {
    MpcConfiguration {
        id,
        name: name.into(),
        profile_ids: profile_ids.to_vec(),
    }
}

#[test]
fn profiles_and_configurations_match_config() {
    let lib = domains::open_default();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(parent.mpc_mode().unwrap(), MpcMode::Enabled);
    assert_eq!(
        parent.mpc_profiles().unwrap(),
        vec![
            profile(1, "mpc-1q", 2048, 12288),
            profile(2, "mpc-1h", 4096, 24576),
            profile(3, "mpc-1f", 8192, 49152),
        ]
    );
    assert_eq!(
        parent.mpc_configurations().unwrap(),
        vec![
            configuration(1, "1x-full", &[3]),
            configuration(2, "2x-half", &[2, 2]),
            configuration(3, "4x-quarter", &[1, 1, 1, 1]),
            configuration(4, "1h-2q", &[2, 1, 1]),
        ]
    );
    assert_eq!(
        parent.mpc_configuration().unwrap(),
        configuration(4, "1h-2q", &[2, 1, 1])
    );
    assert_eq!(
        parent.mpc_configuration_by_name("2x-half").unwrap(),
        configuration(2, "2x-half", &[2, 2])
    );
}

#[test]
fn bad_configuration_names_are_rejected() {
    let lib = domains::open_default();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(
        parent.mpc_configuration_by_name("8x-tiny").unwrap_err(),
        Error::NotFound
    );
    assert_eq!(
        parent.mpc_configuration_by_name("2x\0half").unwrap_err(),
        Error::InteriorNul
    );
}

#[test]
fn instances_follow_the_active_configuration() {
    let lib = domains::open_default();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    let instances = parent.mpc_instances().unwrap();
    let profiles: Vec<u32> = instances
        .iter()
        .map(|i| i.mpc_profile().unwrap().id)
        .collect();
    assert_eq!(profiles, vec![2, 1, 1]);
    for (position, instance) in instances.iter().enumerate() {
        assert_eq!(instance.mpc_instance_index().unwrap(), position as u32);
        assert_eq!(
            instance.mpc_parent().unwrap().uuid().unwrap(),
            parent.uuid().unwrap()
        );
        let same = parent.mpc_instance(position as u32).unwrap();
        assert_eq!(same.uuid().unwrap(), instance.uuid().unwrap());
    }
    let quarters = parent.mpc_instances_by_profile(1).unwrap();
    let indices: Vec<u32> = quarters
        .iter()
        .map(|i| i.mpc_instance_index().unwrap())
        .collect();
    assert_eq!(indices, vec![1, 2]);
    assert!(parent.mpc_instances_by_profile(3).unwrap().is_empty());
    assert_eq!(parent.mpc_instance(3).err(), Some(Error::InvalidArgument));
    // Instance-only questions on the parent.
    assert_eq!(parent.mpc_profile().unwrap_err(), Error::NotSupported);
    assert_eq!(
        parent.mpc_instance_index().unwrap_err(),
        Error::NotSupported
    );
}

#[test]
fn applying_a_configuration_is_reflected() {
    let mut lib = domains::open_default();
    lib.set_mpc_configuration(MPC_PARENT, 3).unwrap();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(parent.mpc_configuration().unwrap().id, 3);
    assert_eq!(parent.mpc_instances().unwrap().len(), 4);
    assert_eq!(parent.mpc_instances_by_profile(1).unwrap().len(), 4);
}

#[test]
fn switching_mpc_off_and_on_is_reflected() {
    let mut lib = domains::open_default();
    lib.set_mpc_mode(MPC_PARENT, MpcMode::Disabled).unwrap();
    {
        let parent = lib.device_by_index(MPC_PARENT).unwrap();
        assert_eq!(parent.mpc_mode().unwrap(), MpcMode::Disabled);
        assert_eq!(parent.mpc_instances().err(), Some(Error::NotSupported));
    }
    lib.set_mpc_configurations(&[(MPC_PARENT, 2)]).unwrap();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(parent.mpc_mode().unwrap(), MpcMode::Enabled);
    assert_eq!(
        parent.mpc_configuration().unwrap(),
        configuration(2, "2x-half", &[2, 2])
    );
    assert_eq!(parent.mpc_instances().unwrap().len(), 2);
}

#[test]
fn devices_without_mpc_say_so() {
    let mut lib = domains::open_default();
    {
        let desktop = lib.device_by_index(DESKTOP).unwrap();
        assert_eq!(desktop.mpc_profiles().unwrap_err(), Error::NotSupported);
        assert_eq!(desktop.mpc_instances().err(), Some(Error::NotSupported));
    }
    assert_eq!(
        lib.set_mpc_mode(DESKTOP, MpcMode::Enabled).unwrap_err(),
        Error::NotSupported
    );
    assert_eq!(
        lib.set_mpc_configuration(MPC_PARENT, 99).unwrap_err(),
        Error::InvalidArgument
    );
    lib.set_mpc_configurations(&[]).unwrap();
}

#[test]
fn failures_are_reported() {
    let lib = domains::open_default();
    domains::control(&lib)
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetSupportedMpcConfigurations",
            mtml_sim::code::DRIVER_FAILURE,
        ))
        .unwrap();
    let parent = lib.device_by_index(MPC_PARENT).unwrap();
    assert_eq!(
        parent.mpc_configurations().unwrap_err(),
        Error::DriverFailure
    );
}

/// One MPC parent whose instance slots 0 and 2 have fixed UUIDs.
const FIXED_UUIDS: &str = "\
[device]
model = s4000
mpc = supported
mpc_profile = 1:mpc-1q:2048:12288
mpc_profile = 2:mpc-1h:4096:24576
mpc_config = 1:1h-2q:2,1,1
mpc_mode = on
mpc_instance_uuid = 0:4d544d4c-4d50-4300-8000-000000000000
mpc_instance_uuid = 2:4d544d4c-4d50-4300-8000-000000000002
";

#[test]
fn configured_instance_uuids_are_reported() {
    let lib = domains::open(mtml_sim::SimConfig::parse(FIXED_UUIDS));
    let parent = lib.device_by_index(0).unwrap();
    let uuids: Vec<String> = parent
        .mpc_instances()
        .unwrap()
        .iter()
        .map(|i| i.uuid().unwrap())
        .collect();
    assert_eq!(uuids.len(), 3);
    assert_eq!(uuids[0], "4d544d4c-4d50-4300-8000-000000000000");
    assert_eq!(uuids[2], "4d544d4c-4d50-4300-8000-000000000002");
    // Slot 1 has none configured: a derived UUID, different from both.
    assert_eq!(uuids[1].len(), 36);
    assert!(uuids[1] != uuids[0] && uuids[1] != uuids[2], "{uuids:?}");
    let by_uuid = lib.device_by_uuid(&uuids[2]).unwrap();
    assert_eq!(by_uuid.mpc_instance_index().unwrap(), 2);
}

#[test]
fn bad_instance_uuid_lines_are_rejected_with_their_line() {
    for (line, message) in [
        ("mpc_instance_uuid = 16:abc", "mpc_instance_uuid slot"),
        ("mpc_instance_uuid = 1:", "must not be empty"),
        ("mpc_instance_uuid = 1", "expected slot:uuid"),
    ] {
        let text = format!("{FIXED_UUIDS}{line}\n");
        let error = mtml_sim::validate_config(&text).unwrap_err().to_string();
        assert!(error.contains(":10:"), "{line}: {error}");
        assert!(error.contains(message), "{line}: {error}");
    }
    let twice = format!("{FIXED_UUIDS}mpc_instance_uuid = 2:other\n");
    let error = mtml_sim::validate_config(&twice).unwrap_err().to_string();
    assert!(error.contains("given twice"), "{error}");
}
