//! Opening the MTML library: the only place `mtml-smi` starts it.
//!
//! This build links the simulated libmtml from `mtml-sim`, which reads the
//! machine to simulate from `MTML_SIM_CONFIG` (a file in the format of
//! `mtml-sim/CONFIG.md`) and fault rules from `MTML_SIM_FAULTS`. Runtime
//! loading of the driver's `libmtml.so` will plug in here, behind the same
//! function.

use std::fmt;

use mtml::Library;

/// How the caller wants the library opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// `--sim`: use the simulated libmtml.
    pub sim: bool,
}

/// MTML could not be started.
#[derive(Debug, Clone)]
pub struct OpenError {
    /// The library's answer.
    pub cause: mtml::Error,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot start MTML ({}). To try mtml-smi without a Moore Threads \
             driver run `mtml-smi --sim`, or point MTML_SIM_CONFIG at a \
             simulator configuration file",
            self.cause
        )
    }
}

impl std::error::Error for OpenError {}

/// Starts MTML as `options` ask.
///
/// # Errors
/// [`OpenError`] with the library's answer when initialisation fails.
pub fn open(options: OpenOptions) -> Result<Library, OpenError> {
    // Only the simulator is linked in this build, so `--sim` and the default
    // both start it; `MTML_SIM_CONFIG` and `MTML_SIM_FAULTS` are read by the
    // simulator itself during the init.
    let _ = options.sim;
    Library::init().map_err(|cause| OpenError { cause })
}
