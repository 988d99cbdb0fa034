//! Safe Rust bindings to the Moore Threads Management Library (MTML 2.2),
//! the C library `libmtml` shipped with the Moore Threads GPU driver.
//!
//! # Quick start
//!
//! ```
//! use mtml::Library;
//!
//! let lib = Library::init()?;
//! println!("MTML {}", lib.version()?);
//! println!("driver {}", lib.system()?.driver_version()?);
//! for device in lib.devices() {
//!     let device = device?;
//!     let memory = device.memory()?.info()?;
//!     println!(
//!         "{}: {} ({} of {} MiB used)",
//!         device.index()?,
//!         device.name()?,
//!         memory.used_bytes >> 20,
//!         memory.total_bytes >> 20,
//!     );
//!     let gpu = device.gpu()?;
//!     println!("  {} MHz, {} °C", gpu.clock_mhz()?, gpu.temperature_celsius()?);
//! }
//! # Ok::<(), mtml::Error>(())
//! ```
//!
//! (Examples and tests in this repository run against the simulator from
//! the `mtml-sim` crate; enable this crate's `sim` feature to do the same.)
//!
//! # Structure
//!
//! * [`Library`] is the root; dropping it shuts MTML down. Every handle
//!   ([`System`], [`Device`], [`Gpu`], [`Memory`], [`Vpu`]) borrows it, so
//!   none can be used after shutdown. Operations that invalidate handles
//!   (device reset, MPC changes) take `&mut Library`. See [`library`] for
//!   the rules, the handle-freeing policy and thread safety.
//! * One module per MTML domain adds methods to those handles:
//!   [`identity`] (UUID, name, PCI, paths, capability bits), [`board`]
//!   (power, fans, displays), [`gpu`], [`memory`], [`ecc`], [`vpu`],
//!   [`virt`], [`topology`], [`mtlink`], [`affinity`], [`mpc`], [`log`].
//! * [`Device::snapshot`] gathers every readable metric of a device.
//! * Every fallible call returns [`Result`]; [`Error`] has one variant per
//!   MTML return code plus the problems this crate detects itself.
//!   [`NotSupportedExt::optional`] reads "this device lacks the feature"
//!   ([`Error::NotSupported`]) as `Ok(None)`.
//!
//! # Untrusted answers
//!
//! The library's answers are checked, never trusted: a string without a NUL
//! terminator gives [`Error::UnterminatedString`] and one that is not UTF-8
//! [`Error::InvalidUtf8`] (both keep the text, lossily decoded); an enum
//! value the crate does not know becomes that enum's `Unknown(raw)`; a list
//! holds only the entries the library filled even if its count was larger;
//! absurd counts give [`Error::CountTooLarge`] and NULL handles
//! [`Error::UnexpectedValue`]. Every MTML return code maps to one [`Error`]
//! variant (unknown codes to [`Error::Unknown`]). The repository's
//! `RELIABILITY.md` records the fault, hostile-data, memory, concurrency and
//! fuzzing checks behind these promises.
//!
//! # Features
//!
//! * `serde`: `Serialize`/`Deserialize` for every public data type.
//! * `sim`: use the simulated libmtml (linked, or loaded from the
//!   simulator's shared library with `runtime-loading`); adds
//!   `Library::init_with_sim_config` and `Library::sim_control`.
//! * `runtime-loading`: link nothing; load libmtml when the program calls
//!   [`Library::init`], so one binary runs with or without the driver.
//!   Adds `Library::builder` (an explicit library path) and honours the
//!   `MTML_LIBRARY_PATH` environment variable. A missing library is an
//!   [`Error::LibraryNotFound`], a missing function an
//!   [`Error::FunctionNotFound`] from that call only.
//! * `bundled-sim`: `runtime-loading` plus the simulator embedded in the
//!   binary, chosen with `Builder::bundled_simulator` (for demonstration
//!   modes such as `mtml-smi --sim`).
//!
//! [`library`] ("Finding libmtml") gives the order in which the choices
//! apply when several features are on, and how a command-line tool uses
//! them.
#![doc = include_str!("../PYMTML.md")]
#![deny(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

// Internal machinery: the call macro, enum tables, list and string helpers.
mod enums;
mod ffi;
mod list;
#[cfg(feature = "runtime-loading")]
mod runtime;
mod string;

// Core: handles, errors and the first domains.
pub mod board;
mod device;
pub mod error;
pub mod gpu;
pub mod identity;
pub mod library;
pub mod log;
pub mod memory;
pub mod snapshot;
mod system;

// Further domains.
pub mod affinity;
pub mod ecc;
pub mod mpc;
pub mod mtlink;
pub mod topology;
pub mod virt;
pub mod vpu;

#[doc(hidden)]
pub mod fuzzing;

pub use crate::device::{Device, Gpu, Memory, Vpu};
pub use crate::error::{Error, NotSupportedExt, Result};
#[cfg(feature = "runtime-loading")]
pub use crate::library::Builder;
pub use crate::library::{Devices, Library};
pub use crate::system::System;

pub use crate::board::*;
pub use crate::gpu::*;
pub use crate::identity::*;
pub use crate::log::{LogConfiguration, LogLevel};
pub use crate::memory::*;
pub use crate::snapshot::*;

pub use crate::affinity::*;
pub use crate::ecc::*;
pub use crate::mpc::*;
pub use crate::mtlink::*;
pub use crate::topology::*;
pub use crate::virt::*;
pub use crate::vpu::*;
