//! Fixtures shared by the core tests: the fixture machine (`fixture.conf`)
//! with a frozen clock, its expected values, and simulator controls.
#![allow(dead_code)]

use mtml::Library;
use mtml_sim::{Control, SimConfig};

/// The fixture machine description.
pub const FIXTURE: &str = include_str!("fixture.conf");

/// Expected values of the fixture machine's devices.
pub mod fixture {
    /// Device 0: an idle S4000 server card.
    pub const SERVER: u32 = 0;
    /// Device 1: an idle S80 desktop card with fans and displays.
    pub const DESKTOP: u32 = 1;
    /// Number of devices.
    pub const COUNT: u32 = 2;
    /// UUIDs by index.
    pub const UUIDS: [&str; 2] = [
        "4d544d4c-f1f1-4000-8000-000000000000",
        "4d544d4c-f1f1-4000-8000-000000000001",
    ];
    /// PCI addresses by index, as the library formats them.
    pub const SBDFS: [&str; 2] = ["00000002:1b:00.0", "00000000:2c:00.0"];
}

/// Opens a library on the fixture machine.
pub fn open() -> Library {
    open_config(SimConfig::parse(FIXTURE))
}

/// Opens a library on `config` with the clock frozen at time 0.
pub fn open_config(config: SimConfig) -> Library {
    config
        .system(|s| s.set("clock", "frozen"))
        .set_for_next_init()
        .expect("fixture config is valid");
    Library::init().expect("simulated library starts")
}

/// The simulator controls of `lib`.
pub fn control(lib: &Library) -> Control<'_> {
    // SAFETY: `lib` is a live library of the simulator, alive for the borrow.
    unsafe { Control::from_raw(lib.as_raw().cast()) }.expect("library handle is not NULL")
}
