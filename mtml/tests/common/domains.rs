//! Fixtures shared by the domain tests (ECC, VPU, virtualization, topology,
//! MtLink, affinity, MPC): simulated machines with a frozen clock and access
//! to the simulator's controls.
#![allow(dead_code)]

use mtml::Library;
use mtml_sim::{Control, MisuseKind, SimConfig};

/// Index of each device of the default simulated machine, by role.
pub mod default_machine {
    /// S4000 with MPC on (configuration 4, `1h-2q`: profiles 2, 1, 1).
    pub const MPC_PARENT: u32 = 7;
    /// S4000 with virtualization and two running virtual devices.
    pub const VIRT_HOST: u32 = 1;
    /// S4000 with ECC history, retired pages and codec sessions.
    pub const ECC_HISTORY: u32 = 2;
    /// S4000 with ECC off now and on after the next reset.
    pub const ECC_PENDING_ON: u32 = 3;
    /// S4000 on NUMA node 1 with three decoder sessions.
    pub const DECODING: u32 = 5;
    /// S80 desktop card: no ECC, no MtLink, no MPC, no virtualization.
    pub const DESKTOP: u32 = 8;
    /// Number of devices.
    pub const COUNT: u32 = 9;
}

/// Opens a library on `config` (for this thread's next init) with the
/// virtual clock frozen at time 0.
pub fn open(config: SimConfig) -> Library {
    config
        .system(|s| s.set("clock", "frozen"))
        .set_for_next_init()
        .expect("fixture config is valid");
    Library::init().expect("simulated library starts")
}

/// Opens the simulator's default machine with a frozen clock.
pub fn open_default() -> Library {
    open(SimConfig::from_default())
}

/// The simulator controls of `lib`.
pub fn control(lib: &Library) -> Control<'_> {
    // SAFETY: `lib` is a live library of the simulator, alive for the borrow.
    unsafe { Control::from_raw(lib.as_raw().cast()) }.expect("library handle is not NULL")
}

/// Every kind of handle misuse the simulator recorded on `lib`, summed.
pub fn misuse_total(lib: &Library) -> u64 {
    let control = control(lib);
    MisuseKind::ALL
        .iter()
        .map(|&kind| control.misuse_count(kind).expect("misuse count"))
        .sum()
}
