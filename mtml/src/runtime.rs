//! Loading libmtml at run time (feature `runtime-loading`).
//!
//! # One library per process, never unloaded
//!
//! The first successful load sets a process-wide table
//! ([`mtml_sys::dynamic::MtmlApi`]) that every [`call!`](crate::ffi) reads
//! and every later [`Library`](crate::Library) shares. The table and the
//! loader's handle are never dropped, so a function pointer read from it,
//! and every handle the library gave out, stays valid for as long as the
//! process runs: no `Library`, handle or thread can outlive the code it
//! calls. This is what makes a lock-free, allocation-free lookup per call
//! sound. (Unloading would buy little: drivers keep kernel state and
//! threads, and NVML-style libraries are not written to be unloaded.)
//!
//! Asking for the same library again (the loader returns the same handle)
//! is fine; asking for a different one once a library is in use is
//! [`Error::LibraryConflict`].
//!
//! # Which library
//!
//! See [`crate::library`] ("Finding libmtml") for the order and
//! [`Error::LibraryNotFound`] for failures.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use libloading::os::unix::Library as UnixLibrary;
use mtml_sys::dynamic::MtmlApi;

use crate::error::{Error, Result};

#[cfg(not(unix))]
compile_error!("the `runtime-loading` feature of mtml needs a Unix dynamic loader");

/// Environment variable naming the library file to load; it overrides the
/// path given to the builder and the default search.
pub const LIBRARY_PATH_VARIABLE: &str = "MTML_LIBRARY_PATH";

/// The library in use.
struct Active {
    api: MtmlApi,
    /// The loader's handle, to recognise a second load of the same library.
    handle: usize,
    /// How the library was named when it was loaded (a path or file name).
    origin: String,
}

static ACTIVE: OnceLock<Active> = OnceLock::new();
/// Serialises loading, so two threads cannot load two libraries.
static LOADING: Mutex<()> = Mutex::new(());

/// What a caller asked to load.
#[derive(Debug, Clone, Default)]
pub(crate) enum Request {
    /// `MTML_LIBRARY_PATH`, else [`mtml_sys::dynamic::default_libraries`].
    #[default]
    Default,
    /// `MTML_LIBRARY_PATH`, else this file.
    Path(PathBuf),
    /// The simulator embedded in the binary (feature `bundled-sim`).
    #[cfg(feature = "bundled-sim")]
    BundledSimulator,
}

/// The table of the library in use, loading the default library if none is
/// loaded yet. The fast path is one atomic load.
#[inline]
pub(crate) fn api() -> Result<&'static MtmlApi> {
    match ACTIVE.get() {
        Some(active) => Ok(&active.api),
        None => activate_default(),
    }
}

/// The slow path of [`api`], kept out of line so that every wrapper's fast
/// path stays a load and a branch (see BENCHMARKS.md).
#[cold]
#[inline(never)]
fn activate_default() -> Result<&'static MtmlApi> {
    activate(&Request::Default)
}

/// How the library in use was named when loaded (a path, or a file name
/// the dynamic loader searched for); `None` before the first load.
pub(crate) fn loaded_library() -> Option<&'static str> {
    ACTIVE.get().map(|active| active.origin.as_str())
}

/// Makes the library `request` names the one in use (loading it if no
/// library is loaded yet) and returns its table.
///
/// # Errors
/// [`Error::LibraryNotFound`] when no candidate loads;
/// [`Error::LibraryConflict`] when a different library is in use.
pub(crate) fn activate(request: &Request) -> Result<&'static MtmlApi> {
    let _guard = LOADING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut tried = Vec::new();
    for candidate in candidates(request, &mut tried) {
        // SAFETY: loading runs the library's initialisers; libmtml's (and
        // the simulator's) have no preconditions. The file is whatever the
        // user or the system named as libmtml, which is the contract of
        // this mode.
        let library = match unsafe { UnixLibrary::new(&candidate.path) } {
            Ok(library) => library,
            Err(err) => {
                tried.push(format!("{}: {err}", candidate.label));
                continue;
            }
        };
        let handle = library.into_raw();
        // SAFETY: `handle` was just taken from the library loaded above.
        let library = unsafe { UnixLibrary::from_raw(handle) };
        let origin = candidate.path.display().to_string();
        if let Some(active) = ACTIVE.get() {
            // Dropping `library` only lowers the loader's count: either it is
            // the active library (kept loaded by `active`) or it was loaded
            // just now and is unused.
            drop(library);
            return if active.handle == handle as usize {
                Ok(&active.api)
            } else {
                Err(Error::LibraryConflict {
                    loaded: active.origin.clone(),
                    requested: origin,
                })
            };
        }
        // SAFETY: the table's signatures are generated from the MTML header
        // this library implements; missing functions become `Err` fields.
        let api =
            unsafe { MtmlApi::from_library(library) }.map_err(|err| Error::LibraryNotFound {
                tried: vec![format!("{}: {err}", candidate.label)],
            })?;
        register_with_simulator(&candidate.path);
        let active = ACTIVE.get_or_init(|| Active {
            api,
            handle: handle as usize,
            origin,
        });
        return Ok(&active.api);
    }
    Err(Error::LibraryNotFound { tried })
}

/// One file to try, and how to name it in an error.
struct Candidate {
    path: PathBuf,
    label: String,
}

/// The files `request` names, in order. Failures to even produce a
/// candidate (the bundled simulator) are added to `tried`.
fn candidates(request: &Request, tried: &mut Vec<String>) -> Vec<Candidate> {
    #[cfg(feature = "bundled-sim")]
    if let Request::BundledSimulator = request {
        return match bundled::library_path() {
            Ok(path) => vec![Candidate {
                label: format!("the bundled simulator ({})", path.display()),
                path,
            }],
            Err(reason) => {
                tried.push(format!("the bundled simulator: {reason}"));
                Vec::new()
            }
        };
    }
    let _ = &tried;
    if let Some(path) = std::env::var_os(LIBRARY_PATH_VARIABLE).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(path);
        return vec![Candidate {
            label: format!("{} (from {LIBRARY_PATH_VARIABLE})", path.display()),
            path,
        }];
    }
    match request {
        Request::Path(path) => vec![Candidate {
            label: path.display().to_string(),
            path: path.clone(),
        }],
        _ => mtml_sys::dynamic::default_libraries()
            .iter()
            .map(|path: &&Path| Candidate {
                label: path.display().to_string(),
                path: path.to_path_buf(),
            })
            .collect(),
    }
}

/// Lets the simulator's controls (`mtml_sim::Control`, `set_next_config`)
/// reach the library just loaded when it is a simulator; anything else (a
/// real driver) is not one, and the error is expected and ignored.
#[cfg(any(feature = "sim", feature = "bundled-sim"))]
fn register_with_simulator(path: &Path) {
    let _ = mtml_sim::runtime::Simulator::load(path);
}

#[cfg(not(any(feature = "sim", feature = "bundled-sim")))]
fn register_with_simulator(_path: &Path) {}

/// The simulator embedded in the binary (feature `bundled-sim`).
#[cfg(feature = "bundled-sim")]
mod bundled {
    use std::fs::File;
    use std::io::Write;
    use std::os::fd::{FromRawFd, IntoRawFd};
    use std::path::PathBuf;
    use std::sync::OnceLock;

    /// A path the dynamic loader can open that holds the embedded
    /// simulator: an anonymous in-memory file (`memfd_create`) seen through
    /// `/proc/self/fd`. Created once; the file descriptor stays open for the
    /// life of the process (the library is never unloaded either), and is
    /// closed on `exec`. Nothing is written to disk.
    pub(super) fn library_path() -> Result<PathBuf, String> {
        static PATH: OnceLock<Result<PathBuf, String>> = OnceLock::new();
        PATH.get_or_init(create).clone()
    }

    fn create() -> Result<PathBuf, String> {
        let bytes = mtml_sim::bundled_shared_library();
        // SAFETY: the name is a NUL-terminated string; the flags are valid.
        let fd = unsafe { libc::memfd_create(c"mtml-sim".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(format!(
                "memfd_create failed: {}",
                std::io::Error::last_os_error()
            ));
        }
        // SAFETY: `fd` is a new descriptor owned by nobody else.
        let mut file = unsafe { File::from_raw_fd(fd) };
        file.write_all(bytes)
            .map_err(|err| format!("cannot write the in-memory library: {err}"))?;
        // Keep the descriptor open for good: the path below names it.
        let fd = file.into_raw_fd();
        Ok(PathBuf::from(format!("/proc/self/fd/{fd}")))
    }
}
