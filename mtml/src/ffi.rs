//! The one way this crate calls into libmtml.
//!
//! # How to use (for every domain module)
//!
//! ```ignore
//! use crate::ffi::call;
//! let mut index = 0;
//! call!(mtmlDeviceGetIndex(self.raw(), &mut index))?;      // -> Result<()>
//! let text = call!(@raw mtmlErrorString(code))?;           // unchecked value
//! let index: u32 = call_out!(mtmlDeviceGetIndex(self.raw()))?; // one output
//! ```
//!
//! `call!(<mtml function>(args..))` performs the FFI call and turns its
//! `MtmlReturn` into [`Result<()>`](crate::Result) through [`check`]; no
//! wrapper matches return codes itself. `call!(@raw ...)` is for the few
//! functions that do not return an `MtmlReturn`: it gives `Result<T>` of
//! the function's own return type, whose error can only come from loading.
//!
//! # Why the macro holds the `unsafe` block
//!
//! Every MTML function is `unsafe` only for two reasons: the handles must be
//! live, and the pointers must be valid for what the function writes. This
//! crate makes the first true by construction: a handle is only reachable
//! through a wrapper ([`Library`](crate::Library), [`Device`](crate::Device),
//! [`Gpu`](crate::Gpu), ...) whose lifetime is tied to the library, and the
//! calls that invalidate handles need `&mut Library`. The second is true for
//! the common argument shapes, which are references to locals (`&mut x`
//! coerces to `*mut x`), `CString::as_ptr`, and fixed buffers handed out by
//! the shared helpers in [`crate::string`] and [`crate::list`] together with
//! their own length. So the obligation is discharged once, here; call sites
//! that pass a pointer and a length of their own making add a `// SAFETY:`
//! comment saying why the length is right.
//!
//! # The two backends
//!
//! This macro is the only code that differs between the two ways of
//! reaching libmtml:
//!
//! - linked (default): `::mtml_sys::$func`, resolved by the linker;
//! - `runtime-loading`: the pointer in the process-wide table of the loaded
//!   library ([`crate::runtime::api`]): one atomic load (the table is set
//!   once and never unloaded) and one check of the field, with no symbol
//!   lookup and no allocation per call. A function the library lacks gives
//!   [`Error::FunctionNotFound`] from that call only. If no library is
//!   loaded yet (only `Error::library_message` can call before
//!   `Library::init`), the default library is loaded first.

use crate::error::{Error, Result};
use mtml_sys::MtmlReturn;

/// Calls an MTML function; see the [module documentation](self).
#[cfg(not(feature = "runtime-loading"))]
macro_rules! call {
    (@raw $func:ident ( $($arg:expr),* $(,)? )) => {{
        #[allow(unused_unsafe, clippy::macro_metavars_in_unsafe)]
        // SAFETY: handles come from live wrappers tied to their library and
        // pointers from references or helper-owned buffers of the stated
        // size; see the module documentation of `crate::ffi`.
        let value = unsafe { ::mtml_sys::$func($($arg),*) };
        $crate::error::Result::Ok(value)
    }};
    ($func:ident ( $($arg:expr),* $(,)? )) => {
        $crate::ffi::call!(@raw $func($($arg),*)).and_then($crate::ffi::check)
    };
}

/// Calls an MTML function; see the [module documentation](self).
#[cfg(feature = "runtime-loading")]
macro_rules! call {
    (@raw $func:ident ( $($arg:expr),* $(,)? )) => {
        match $crate::runtime::api() {
            Ok(api) => match api.$func {
                Ok(function) => {
                    #[allow(unused_unsafe, clippy::macro_metavars_in_unsafe)]
                    // SAFETY: as for the linked call: handles come from live
                    // wrappers and pointers from references or helper-owned
                    // buffers (module documentation). `function` has the
                    // header's signature (the table is generated from it)
                    // and the library is never unloaded.
                    let value = unsafe { function($($arg),*) };
                    $crate::error::Result::Ok(value)
                }
                Err(_) => $crate::error::Result::Err(
                    $crate::error::Error::FunctionNotFound(
                        ::std::borrow::Cow::Borrowed(stringify!($func)),
                    ),
                ),
            },
            Err(error) => $crate::error::Result::Err(error),
        }
    };
    ($func:ident ( $($arg:expr),* $(,)? )) => {
        $crate::ffi::call!(@raw $func($($arg),*)).and_then($crate::ffi::check)
    };
}
pub(crate) use call;

/// Calls an MTML function whose last parameter is its one output and
/// returns that output: `call_out!(mtmlMemoryGetSpeed(self.raw()))` is
/// `call!(mtmlMemoryGetSpeed(self.raw(), &mut out))` with `out` starting
/// at its type's default, giving `Result<T>`. The output is a local, so
/// the pointer is valid (see the module documentation).
macro_rules! call_out {
    ($func:ident ( $($arg:expr),* $(,)? )) => {{
        let mut out = ::std::default::Default::default();
        $crate::ffi::call!($func($($arg,)* &mut out)).map(|()| out)
    }};
}
pub(crate) use call_out;

/// Turns an `MtmlReturn` into `Ok(())` or the matching [`Error`].
pub(crate) fn check(code: MtmlReturn) -> Result<()> {
    match Error::from_raw(code.0) {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_maps_codes() {
        assert_eq!(check(MtmlReturn::MTML_SUCCESS), Ok(()));
        assert_eq!(
            check(MtmlReturn::MTML_ERROR_NOT_FOUND),
            Err(Error::NotFound)
        );
        assert_eq!(check(MtmlReturn(77)), Err(Error::Unknown(77)));
    }
}
