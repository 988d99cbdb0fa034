//! MtLink fabric against the simulator's default machine (an eight-card
//! ring with doubled links inside switch pairs and cross links between the
//! NUMA halves).

#[path = "common/domains.rs"]
mod domains;

use domains::default_machine::DESKTOP;
use mtml::mtlink::{
    MtLinkCapability, MtLinkCapabilityStatus, MtLinkLayout, MtLinkSpec, MtLinkState,
};
use mtml::Error;
use mtml_sim::FaultRule;

const FABRIC: u32 = 8;

#[test]
fn spec_matches_preset() {
    let lib = domains::open_default();
    let spec = lib.device_by_index(0).unwrap().mtlink_spec().unwrap();
    assert_eq!(
        spec,
        MtLinkSpec {
            version: 1 << 16,
            bandwidth_gb_per_s: 240,
            link_count: 6
        }
    );
    assert_eq!(spec.version_parts(), (1, 0, 0));
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(desktop.mtlink_spec().unwrap_err(), Error::NotSupported);
    assert_eq!(desktop.mtlink_state(0).unwrap_err(), Error::NotSupported);
}

#[test]
fn port_states_and_capabilities_match_config() {
    let lib = domains::open_default();
    let device = |index| lib.device_by_index(index).unwrap();
    assert_eq!(device(0).mtlink_state(0).unwrap(), MtLinkState::Up);
    assert_eq!(device(0).mtlink_state(5).unwrap(), MtLinkState::Down);
    assert_eq!(device(2).mtlink_state(4).unwrap(), MtLinkState::Downgraded);
    assert_eq!(device(6).mtlink_state(3).unwrap(), MtLinkState::Down);
    assert_eq!(
        device(0).mtlink_state(6).unwrap_err(),
        Error::InvalidArgument
    );

    use MtLinkCapability::{P2pAccess, P2pAtomics};
    use MtLinkCapabilityStatus::{NotSupported, Supported};
    assert_eq!(
        device(0).mtlink_capability(0, P2pAtomics).unwrap(),
        Supported
    );
    assert_eq!(
        device(0).mtlink_capability(4, P2pAccess).unwrap(),
        Supported
    );
    assert_eq!(
        device(0).mtlink_capability(4, P2pAtomics).unwrap(),
        NotSupported
    );
    assert_eq!(
        device(0).mtlink_capability(5, P2pAccess).unwrap(),
        NotSupported
    );
}

#[test]
fn remote_ends_agree_with_layouts() {
    let lib = domains::open_default();
    let mut cables = 0;
    for index in 0..FABRIC {
        let local = lib.device_by_index(index).unwrap();
        let ports = local.mtlink_spec().unwrap().link_count;
        for port in 0..ports {
            let remote = match local.mtlink_remote_device(port) {
                Ok(remote) => remote,
                Err(err) => {
                    assert_eq!(err, Error::NotFound, "device {index} port {port}");
                    continue;
                }
            };
            cables += 1;
            let layouts = local.mtlink_layouts(&remote).unwrap();
            let cable = layouts
                .iter()
                .find(|layout| layout.local_link == port)
                .unwrap_or_else(|| panic!("device {index} port {port} missing from {layouts:?}"));
            // The far end sees the same cable mirrored, and leads back here.
            let mirrored = remote.mtlink_layouts(&local).unwrap();
            assert!(mirrored.contains(&MtLinkLayout {
                local_link: cable.remote_link,
                remote_link: port
            }));
            let back = remote.mtlink_remote_device(cable.remote_link).unwrap();
            assert_eq!(back.index().unwrap(), index);
        }
    }
    // 20 cables, each seen from both ends.
    assert_eq!(cables, 40);
}

#[test]
fn layouts_between_neighbours_match_config() {
    let lib = domains::open_default();
    let zero = lib.device_by_index(0).unwrap();
    let one = lib.device_by_index(1).unwrap();
    let layouts = zero.mtlink_layouts(&one).unwrap();
    assert_eq!(
        layouts,
        vec![
            MtLinkLayout {
                local_link: 0,
                remote_link: 1
            },
            MtLinkLayout {
                local_link: 2,
                remote_link: 2
            },
            MtLinkLayout {
                local_link: 3,
                remote_link: 3
            },
        ]
    );
    let far = lib.device_by_index(2).unwrap();
    assert!(zero.mtlink_layouts(&far).unwrap().is_empty());
}

#[test]
fn shortest_paths_run_from_local_to_remote() {
    let lib = domains::open_default();
    for (from, to) in [(0, 5), (0, 1), (1, 6), (3, 6)] {
        let local = lib.device_by_index(from).unwrap();
        let remote = lib.device_by_index(to).unwrap();
        let paths = local.mtlink_shortest_paths(&remote).unwrap();
        assert!(!paths.is_empty(), "{from} -> {to}");
        let length = paths[0].len();
        for path in &paths {
            assert_eq!(path.len(), length);
            assert_eq!(path.first().unwrap().index().unwrap(), from);
            assert_eq!(path.last().unwrap().index().unwrap(), to);
            for hop in path.windows(2) {
                assert!(!hop[0].mtlink_layouts(&hop[1]).unwrap().is_empty());
            }
        }
    }
    let zero = lib.device_by_index(0).unwrap();
    let five = lib.device_by_index(5).unwrap();
    let routes: Vec<Vec<u32>> = zero
        .mtlink_shortest_paths(&five)
        .unwrap()
        .iter()
        .map(|path| path.iter().map(|d| d.index().unwrap()).collect())
        .collect();
    assert_eq!(routes, vec![vec![0, 1, 5], vec![0, 4, 5]]);
}

#[test]
fn failures_are_reported() {
    let lib = domains::open_default();
    let control = domains::control(&lib);
    control
        .inject_fault(&FaultRule::new(
            "mtmlDeviceGetMtLinkShortestPaths",
            mtml_sim::code::DRIVER_FAILURE,
        ))
        .unwrap();
    let zero = lib.device_by_index(0).unwrap();
    let five = lib.device_by_index(5).unwrap();
    assert_eq!(
        zero.mtlink_shortest_paths(&five).err(),
        Some(Error::DriverFailure)
    );
    let desktop = lib.device_by_index(DESKTOP).unwrap();
    assert_eq!(
        zero.mtlink_layouts(&desktop).unwrap_err(),
        Error::NotSupported
    );
}
