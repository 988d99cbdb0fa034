//! Opening the MTML library: the only place `mtml-smi` starts it.
//!
//! `mtml-smi` links no libmtml. It loads the driver's library at run time
//! (`libmtml.so.2`, then `libmtml.so`, from the loader's search path; the
//! environment variable `MTML_LIBRARY_PATH` names another file), so one
//! binary runs on hosts with and without the driver. With `--sim`, or with
//! `MTML_SMI_SIM=1`, it runs on the simulated libmtml embedded in the
//! binary instead, which reads the machine to simulate from
//! `MTML_SIM_CONFIG` (see `mtml-sim/CONFIG.md`) and fault rules from
//! `MTML_SIM_FAULTS`.

use std::fmt;

use mtml::{Error, Library};

/// Environment variable that selects the embedded simulator like `--sim`.
pub const SIM_ENV: &str = "MTML_SMI_SIM";

/// How the caller wants the library opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// `--sim`: use the simulated libmtml embedded in the binary.
    pub sim: bool,
}

impl OpenOptions {
    /// Whether the embedded simulator is asked for, by flag or environment.
    pub fn wants_simulator(&self) -> bool {
        self.sim || std::env::var_os(SIM_ENV).is_some_and(|value| value == "1")
    }
}

/// MTML could not be started.
#[derive(Debug, Clone)]
pub struct OpenError {
    /// The library's answer.
    pub cause: Error,
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            Error::LibraryNotFound { tried } => {
                write!(
                    f,
                    "no Moore Threads driver library found (tried {}). Install the \
                     driver, set MTML_LIBRARY_PATH to libmtml's path, or run \
                     `mtml-smi --sim` to use the built-in simulator (MTML_SIM_CONFIG \
                     chooses the simulated machine)",
                    tried.join("; ")
                )
            }
            cause => write!(
                f,
                "cannot start MTML ({cause}). To try mtml-smi without a Moore Threads \
                 driver run `mtml-smi --sim`, or point MTML_SIM_CONFIG at a \
                 simulator configuration file"
            ),
        }
    }
}

impl std::error::Error for OpenError {}

/// Starts MTML as `options` ask.
///
/// # Errors
/// [`OpenError`] with the library's answer when no library can be loaded
/// or initialisation fails.
pub fn open(options: OpenOptions) -> Result<Library, OpenError> {
    let builder = if options.wants_simulator() {
        Library::builder().bundled_simulator()
    } else {
        Library::builder()
    };
    builder.init().map_err(|cause| OpenError { cause })
}
