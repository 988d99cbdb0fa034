//! Sizes, offsets, enum values and constants of the bindings, checked
//! against the MTML 2.2 ABI (x86_64 / aarch64 Linux, LP64).

use core::mem::{align_of, offset_of, size_of};

use mtml_sys::*;

#[test]
fn shared_struct_sizes_match_the_abi() {
    // 32-byte sbdf, 12 four-byte fields, 6 reserved ints (the vendor header
    // agrees; 96 would be missing two fields).
    assert_eq!(size_of::<MtmlPciInfo>(), 104);
    assert_eq!(size_of::<MtmlPciSlotInfo>(), 52);
    assert_eq!(size_of::<MtmlCodecUtil>(), 24);
    assert_eq!(size_of::<MtmlCodecSessionMetrics>(), 48);
    assert_eq!(size_of::<MtmlVirtType>(), 136);
    assert_eq!(size_of::<MtmlDeviceProperty>(), 8);
    assert_eq!(size_of::<MtmlLogConfiguration>(), 296);
    assert_eq!(size_of::<MtmlMpcProfile>(), 88);
    assert_eq!(size_of::<MtmlMpcConfiguration>(), 196);
    assert_eq!(size_of::<MtmlMtLinkSpec>(), 28);
    assert_eq!(size_of::<MtmlMtLinkLayout>(), 24);
    assert_eq!(size_of::<MtmlDispIntfSpec>(), 48);
    assert_eq!(size_of::<MtmlPageRetirementCount>(), 8);
    assert_eq!(size_of::<MtmlPageRetirement>(), 56);
    assert_eq!(size_of::<MtmlPageRetirementPending>(), 64);
}

#[test]
fn field_offsets_match_the_abi() {
    assert_eq!(offset_of!(MtmlPciInfo, segment), 32);
    assert_eq!(offset_of!(MtmlPciInfo, pciMaxSpeed), 56);
    assert_eq!(offset_of!(MtmlPciInfo, pciSubsystemId), 48);
    assert_eq!(offset_of!(MtmlPciInfo, pciCurGen), 76);
    assert_eq!(offset_of!(MtmlPciInfo, rsvd), 80);
    assert_eq!(offset_of!(MtmlMpcProfile, memorySizeMB), 8);
    assert_eq!(offset_of!(MtmlMpcProfile, name), 16);
    assert_eq!(offset_of!(MtmlPageRetirementPending, timestamps), 8);
    assert_eq!(offset_of!(MtmlLogConfiguration, systemConfig), 12);
    assert_eq!(offset_of!(MtmlLogConfiguration, fileConfig), 24);
    assert_eq!(offset_of!(MtmlLogConfiguration, callbackConfig), 240);
    assert_eq!(offset_of!(MtmlLogConfiguration, rsvd), 264);
    assert_eq!(align_of::<MtmlLogConfiguration>(), 8);
}

#[test]
fn enums_are_transparent_newtypes_with_the_c_values() {
    assert_eq!(size_of::<MtmlReturn>(), 4);
    assert_eq!(MtmlReturn::MTML_SUCCESS.0, 0);
    assert_eq!(MtmlReturn::MTML_ERROR_DRIVER_NOT_LOADED.0, 1);
    assert_eq!(MtmlReturn::MTML_ERROR_INSUFFICIENT_SIZE.0, 6);
    assert_eq!(MtmlReturn::MTML_ERROR_RESOURCE_IS_BUSY.0, 12);
    assert_eq!(MtmlReturn::MTML_ERROR_UNKNOWN.0, 999);
    // Values the header does not name still fit (a newer driver may send them).
    let unknown = MtmlReturn(1234);
    assert_ne!(unknown, MtmlReturn::MTML_ERROR_UNKNOWN);

    let unknown_state: i32 = MtmlCodecSessionState::MTML_CODEC_SESSION_STATE_UNKNOWN.0;
    assert_eq!(unknown_state, -1);
    assert_eq!(MtmlCodecSessionState::MTML_CODEC_SESSION_STATE_ACTIVE.0, 1);
    assert_eq!(MtmlCodecType::MTML_CODEC_TYPE_AV1.0, 16);
    assert_eq!(MtmlCodecType::MTML_CODEC_TYPE_COUNT.0, 17);
    assert_eq!(MtmlDeviceTopologyLevel::MTML_TOPOLOGY_SYSTEM.0, 5);
    assert_eq!(MtmlLogLevel::MTML_LOG_LEVEL_INFO.0, 4);
    assert_eq!(MtmlMemoryLocation::MTML_MEMORY_LOCATION_DRAM.0, 1);
    assert_eq!(MtmlMtLinkState::MTML_MTLINK_STATE_DOWNGRADE.0, 2);
    assert_eq!(MtmlPageRetirementCause::MTML_PAGE_RETIREMENT_CAUSE_MAX.0, 2);
    assert_eq!(MtmlDispIntfType::MTML_DISP_INTF_TYPE_MAX.0, 5);
    assert_eq!(MtmlBrandType::MTML_BRAND_COUNT.0, 2);
}

#[test]
fn enums_derive_the_promised_traits() {
    use std::collections::HashSet;
    let set: HashSet<MtmlReturn> = [
        MtmlReturn::MTML_SUCCESS,
        MtmlReturn::MTML_SUCCESS,
        MtmlReturn::MTML_ERROR_TIMEOUT,
    ]
    .into_iter()
    .collect();
    assert_eq!(set.len(), 2);
    let copy = MtmlReturn::MTML_ERROR_TIMEOUT;
    let again = copy;
    assert_eq!(copy, again);
    assert_eq!(
        format!("{:?}", MtmlReturn::MTML_ERROR_TIMEOUT),
        "MtmlReturn(11)"
    );
}

#[test]
fn constants_match_the_header() {
    assert_eq!(MTML_LIBRARY_VERSION_BUFFER_SIZE, 32);
    assert_eq!(MTML_DRIVER_VERSION_BUFFER_SIZE, 80);
    assert_eq!(MTML_DEVICE_NAME_BUFFER_SIZE, 32);
    assert_eq!(MTML_DEVICE_UUID_BUFFER_SIZE, 48);
    assert_eq!(
        MTML_DEVICE_VBIOS_VERSION_BUFFER_SIZE,
        MTML_DEVICE_MTBIOS_VERSION_BUFFER_SIZE
    );
    assert_eq!(MTML_LOG_FILE_PATH_BUFFER_SIZE, 200);
    assert_eq!(MTML_MPC_CONF_MAX_PROF_NUM, 16);
    assert_eq!(MTML_DEVICE_PCI_BUS_ID_FMT, b"%08X:%02X:%02X.0\0");
}

#[test]
fn structs_default_to_zero() {
    let pci = MtmlPciInfo::default();
    assert!(pci.sbdf.iter().all(|&c| c == 0));
    assert_eq!(pci.pciCurGen, 0);
    let log = MtmlLogConfiguration::default();
    assert_eq!(log.fileConfig.level, MtmlLogLevel::MTML_LOG_LEVEL_OFF);
    assert!(log.callbackConfig.callback.is_none());
    let conf = MtmlMpcConfiguration::default();
    assert_eq!(conf.profileId, [0; 16]);
}

#[test]
fn device_property_bit_fields_pack_as_in_c() {
    let mut prop = MtmlDeviceProperty::default();
    prop.set_virtCap(MtmlVirtCapability::MTML_DEVICE_SUPPORT_VIRTUALIZATION.0);
    prop.set_virtRole(MtmlVirtRole::MTML_VIRT_ROLE_GUEST_VIRTDEVICE.0);
    prop.set_mpcCap(1);
    prop.set_mpcType(MtmlMpcType::MTML_MPC_TYPE_INSTANCE.0);
    prop.set_mtLinkCap(1);
    assert_eq!(prop.virtCap(), 1);
    assert_eq!(prop.virtRole(), 2);
    assert_eq!(prop.mpcCap(), 1);
    assert_eq!(prop.mpcType(), 2);
    assert_eq!(prop.mtLinkCap(), 1);
    assert_eq!(prop.rsvd(), 0);
    // C packs from the least significant bit: virtCap bit 0, virtRole bits
    // 1..4, mpcCap bit 4, mpcType bits 5..8, mtLinkCap bit 8.
    // SAFETY: MtmlDeviceProperty is 8 bytes of plain integer bit fields.
    let raw: u64 = unsafe { core::mem::transmute(prop) };
    assert_eq!(raw, 1 | (2 << 1) | (1 << 4) | (2 << 5) | (1 << 8));

    // Reading back a value written by C code.
    // SAFETY: every 64-bit pattern is a valid MtmlDeviceProperty.
    let from_c: MtmlDeviceProperty =
        unsafe { core::mem::transmute(1u64 | (1 << 1) | (1 << 4) | (3 << 5) | (1 << 8)) };
    assert_eq!(from_c.virtCap(), 1);
    assert_eq!(from_c.virtRole(), 1);
    assert_eq!(from_c.mpcCap(), 1);
    assert_eq!(from_c.mpcType(), 3);
    assert_eq!(from_c.mtLinkCap(), 1);
}

#[test]
fn function_signatures_have_the_c_shape() {
    // Coercing to explicit fn-pointer types fails to compile if a signature drifts.
    let _init: unsafe extern "C" fn(*mut *mut MtmlLibrary) -> MtmlReturn = mtmlLibraryInit;
    let _name: unsafe extern "C" fn(
        *const MtmlDevice,
        *mut core::ffi::c_char,
        core::ffi::c_uint,
    ) -> MtmlReturn = mtmlDeviceGetName;
    let _pci: unsafe extern "C" fn(*const MtmlDevice, *mut MtmlPciInfo) -> MtmlReturn =
        mtmlDeviceGetPciInfo;
    let _err: unsafe extern "C" fn(MtmlReturn) -> *const core::ffi::c_char = mtmlErrorString;
}
