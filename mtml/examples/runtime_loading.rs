//! One binary, three ways to find libmtml (features `runtime-loading` and
//! `bundled-sim`): the driver's library when present (else a clear error
//! and exit status 1), `--sim` for the simulator embedded in the binary, and
//! `MTML_LIBRARY_PATH` for any library file.
//!
//! ```sh
//! cargo build -p mtml --features bundled-sim --example runtime_loading
//! MTML_LIBRARY_PATH=/nonexistent/libmtml.so.2 target/debug/examples/runtime_loading  # error, exit 1
//! target/debug/examples/runtime_loading --sim
//! ```
//!
//! (Built inside this workspace, the example sees `mtml-sys`'s `sim` feature
//! through the dev-dependencies, so its default is the simulator's shared
//! library rather than the driver's; see `mtml::library`.)

use std::process::ExitCode;

use mtml::{library, Error, Library};

fn main() -> ExitCode {
    let builder = if std::env::args().skip(1).any(|arg| arg == "--sim") {
        Library::builder().bundled_simulator()
    } else {
        Library::builder()
    };
    let lib = match builder.init() {
        Ok(lib) => lib,
        Err(Error::LibraryNotFound { tried }) => {
            eprintln!("error: no Moore Threads driver library (libmtml) found; tried:");
            for attempt in &tried {
                eprintln!("  - {attempt}");
            }
            eprintln!("hint: install the driver, set MTML_LIBRARY_PATH, or pass --sim");
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: MTML did not start: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("library: {}", library::loaded_library().unwrap_or("linked"));
    match report(&lib) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn report(lib: &Library) -> mtml::Result<()> {
    println!("MTML {}, {} devices", lib.version()?, lib.device_count()?);
    for device in lib.devices() {
        let device = device?;
        println!("  {}: {}", device.index()?, device.name()?);
    }
    Ok(())
}
