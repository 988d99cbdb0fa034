//! The one way this crate calls into libmtml.
//!
//! # How to use (for every domain module)
//!
//! ```ignore
//! use crate::ffi::call;
//! let mut index = 0;
//! call!(mtmlDeviceGetIndex(self.raw(), &mut index))?;      // -> Result<()>
//! let text = call!(@raw mtmlErrorString(code));            // unchecked value
//! ```
//!
//! `call!(<mtml function>(args..))` performs the FFI call and turns its
//! `MtmlReturn` into [`Result<()>`](crate::Result) through [`check`]; no
//! wrapper matches return codes itself. `call!(@raw ...)` is for the few
//! functions that do not return an `MtmlReturn`.
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
//! A runtime-loaded backend (for example via `libloading`) only needs to
//! change the path `::mtml_sys::$func` in this macro.

use crate::error::{Error, Result};
use mtml_sys::MtmlReturn;

/// Calls an MTML function; see the [module documentation](self).
macro_rules! call {
    (@raw $func:ident ( $($arg:expr),* $(,)? )) => {{
        #[allow(unused_unsafe, clippy::macro_metavars_in_unsafe)]
        // SAFETY: handles come from live wrappers tied to their library and
        // pointers from references or helper-owned buffers of the stated
        // size; see the module documentation of `crate::ffi`.
        let value = unsafe { ::mtml_sys::$func($($arg),*) };
        value
    }};
    ($func:ident ( $($arg:expr),* $(,)? )) => {
        $crate::ffi::check($crate::ffi::call!(@raw $func($($arg),*)))
    };
}
pub(crate) use call;

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
