//! Copies of the simulator loaded at run time (feature `runtime-loading`).
//!
//! Bindings that load libmtml at run time (the `runtime-loading` feature of
//! `mtml-sys` and `mtml`) run against a *loaded* copy of the simulator's
//! shared library, whose globals (instances, pending configs, counters) are
//! not those of the copy linked into the binary. This module keeps a
//! process-wide list of loaded copies so that this crate's controls act on
//! the right one:
//!
//! - [`set_next_config`](crate::set_next_config) and
//!   [`clear_next_config`](crate::clear_next_config) reach every copy;
//! - [`Control::from_raw`](crate::Control::from_raw) asks each copy whether
//!   it handed out the library pointer and drives that one;
//! - [`misuse_count_global`](crate::misuse_count_global) adds up all copies.
//!
//! With this feature, the copy at [`shared_library_path`] (what the
//! runtime-loading bindings load by default when the simulator is selected)
//! is loaded on first use. Other files, such as a bundled copy, join the
//! list through [`Simulator::load`]; loading the same file again returns the
//! existing entry (the dynamic loader hands out one instance per file).
//!
//! Loaded copies are never unloaded: every [`Simulator`] lives until the
//! process ends, so function pointers and handles taken from it stay valid.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use crate::error::{code, Error, Result};
use crate::ffi::Functions;
use crate::shared_library_path;

#[cfg(not(unix))]
compile_error!("the `runtime-loading` feature of mtml-sim needs a Unix dynamic loader");

/// One copy of the simulator loaded from a shared library file.
#[derive(Debug)]
pub struct Simulator {
    path: PathBuf,
    functions: Functions,
    /// The loader's handle, for recognising a second load of the same file.
    handle: usize,
    /// Keeps the library mapped; never dropped (see the module docs).
    _library: libloading::Library,
}

/// Every copy loaded so far, oldest first.
static LOADED: Mutex<Vec<&'static Simulator>> = Mutex::new(Vec::new());
/// The outcome of loading [`shared_library_path`] on first use.
static DEFAULT: OnceLock<std::result::Result<&'static Simulator, Error>> = OnceLock::new();

impl Simulator {
    /// Loads the simulator's shared library at `path` (or finds it already
    /// loaded) and adds it to the copies this crate's controls reach.
    ///
    /// # Errors
    /// `NOT_FOUND` when the file cannot be loaded or lacks one of the
    /// simulator's control functions (it is then no simulator, for example
    /// the driver's real libmtml); the message says which.
    pub fn load(path: impl AsRef<Path>) -> Result<&'static Simulator> {
        load_locked(&mut lock(), path.as_ref())
    }

    /// The default copy: the simulator built by this crate, at
    /// [`shared_library_path`]. Loaded on first use.
    ///
    /// # Errors
    /// As [`Simulator::load`].
    pub fn default_copy() -> Result<&'static Simulator> {
        DEFAULT
            .get_or_init(|| Simulator::load(shared_library_path()))
            .clone()
    }

    /// The file this copy was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Every copy loaded so far (the default one included once used), oldest
/// first.
pub fn loaded() -> Vec<&'static Simulator> {
    lock().clone()
}

/// The function tables of the loaded copies, newest first, after loading
/// the default copy if that has not happened yet. A default copy that fails
/// to load is left out; [`Simulator::default_copy`] reports why.
pub(crate) fn loaded_functions() -> Vec<&'static Functions> {
    let _ = Simulator::default_copy();
    lock().iter().rev().map(|copy| &copy.functions).collect()
}

/// The list, even if a thread panicked while holding it (it only ever
/// grows by complete entries).
fn lock() -> MutexGuard<'static, Vec<&'static Simulator>> {
    LOADED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn load_locked(loaded: &mut Vec<&'static Simulator>, path: &Path) -> Result<&'static Simulator> {
    let not_found = |reason: String| {
        Error::new(
            code::NOT_FOUND,
            format!(
                "cannot load the simulator from {}: {reason}",
                path.display()
            ),
        )
    };
    // SAFETY: loading runs the library's initialisers; the simulator's have
    // no preconditions. A file that is not the simulator is rejected below
    // before any of its functions is called.
    let library = unsafe { libloading::os::unix::Library::new(path) }
        .map_err(|err| not_found(err.to_string()))?;
    let handle = library.into_raw();
    // SAFETY: `handle` was just taken from a library loaded above.
    let library = unsafe { libloading::os::unix::Library::from_raw(handle) };
    if let Some(existing) = loaded.iter().find(|copy| copy.handle == handle as usize) {
        // The loader returned the instance already listed; dropping this
        // second reference only lowers its count.
        drop(library);
        return Ok(existing);
    }
    let library = libloading::Library::from(library);
    // SAFETY: a library exporting the simulator's control functions is the
    // simulator, with the signatures of `ffi`; it is never unloaded (the
    // `Simulator` is leaked below), so the pointers stay valid.
    let functions = unsafe { Functions::load(&library) }
        .map_err(|missing| not_found(format!("not the simulator ({missing})")))?;
    let copy: &'static Simulator = Box::leak(Box::new(Simulator {
        path: path.to_path_buf(),
        functions,
        handle: handle as usize,
        _library: library,
    }));
    loaded.push(copy);
    Ok(copy)
}
