//! The count-then-get list protocol shared by many MTML queries.
//!
//! MTML returns lists in two calls: `mtmlXxxCount(.., &count)` then
//! `mtmlXxxGet(.., count, buffer)`. [`count_then_get`] does both with a
//! sanity cap on the count, a zeroed buffer of exactly `count` elements,
//! and a retry when the list grew in between (`MTML_ERROR_INSUFFICIENT_SIZE`).
//!
//! The C interface gives no way to learn how many entries the get call
//! really filled; entries it leaves out stay zeroed (NULL for handles, which
//! [`Device::sibling`](crate::Device) rejects).

use std::os::raw::c_char;

use crate::error::{Error, Result};

/// How often the count is read again when the get call reports that the
/// list grew.
const MAX_ATTEMPTS: u32 = 3;

/// Element types MTML fills in list buffers: plain C data for which the
/// all-zero bit pattern is a valid value.
///
/// # Safety
/// Implement only for types whose all-zero bytes form a valid value.
pub(crate) unsafe trait Plain: Copy {
    /// The all-zero value.
    fn zeroed() -> Self {
        // SAFETY: the trait's contract says all-zero bytes are valid.
        unsafe { std::mem::MaybeUninit::zeroed().assume_init() }
    }
}

// SAFETY: a NULL raw pointer is a valid value.
unsafe impl<T> Plain for *mut T {}
// SAFETY: a NULL raw pointer is a valid value.
unsafe impl<T> Plain for *const T {}
// SAFETY: zero is a valid c_char; arrays of valid values are valid.
unsafe impl<const N: usize> Plain for [c_char; N] {}
// SAFETY: zero is a valid integer.
unsafe impl Plain for u32 {}

macro_rules! plain_structs {
    ($($ty:ident),* $(,)?) => {
        // SAFETY: bindgen structs of integers, floats, char arrays, enum
        // newtypes over integers and optional function pointers; bindgen
        // itself implements `Default` for them by zeroing.
        $( unsafe impl Plain for mtml_sys::$ty {} )*
    };
}
plain_structs!(
    MtmlMpcProfile,
    MtmlMpcConfiguration,
    MtmlVirtType,
    MtmlMtLinkLayout,
    MtmlPageRetirement,
    MtmlDispIntfSpec,
    MtmlCodecSessionMetrics,
    MtmlCodecSessionState,
);

/// Checks a count from the library against `max`.
///
/// # Errors
/// [`Error::CountTooLarge`] when `count > max`.
pub(crate) fn check_count(count: u32, max: u32) -> Result<usize> {
    if count > max {
        return Err(Error::CountTooLarge);
    }
    usize::try_from(count).map_err(|_| Error::CountTooLarge)
}

/// Runs the count-then-get protocol.
///
/// `count` writes the number of entries; `get(n, buffer)` fills `buffer`,
/// which holds exactly `n` zeroed entries. A zero count skips the get call.
///
/// # Errors
/// The library's error from either call, [`Error::CountTooLarge`] when the
/// count exceeds `max`, or [`Error::InsufficientSize`] when the list keeps
/// growing between the two calls.
pub(crate) fn count_then_get<T: Plain>(
    max: u32,
    mut count: impl FnMut(&mut u32) -> Result<()>,
    mut get: impl FnMut(u32, *mut T) -> Result<()>,
) -> Result<Vec<T>> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut n = 0u32;
        count(&mut n)?;
        let len = check_count(n, max)?;
        if len == 0 {
            return Ok(Vec::new());
        }
        let mut buffer = vec![T::zeroed(); len];
        match get(n, buffer.as_mut_ptr()) {
            Ok(()) => return Ok(buffer),
            Err(Error::InsufficientSize) if attempt < MAX_ATTEMPTS => continue,
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_exactly_count_entries() {
        let list = count_then_get::<u32>(
            10,
            |n| {
                *n = 3;
                Ok(())
            },
            |n, buf| {
                assert_eq!(n, 3);
                for i in 0..n as usize {
                    // SAFETY: the helper hands out `n` entries.
                    unsafe { *buf.add(i) = 10 + i as u32 };
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(list, vec![10, 11, 12]);
    }

    #[test]
    fn zero_count_skips_get_and_cap_is_enforced() {
        let empty = count_then_get::<u32>(10, |_| Ok(()), |_, _| panic!("no get for 0")).unwrap();
        assert!(empty.is_empty());
        let err = count_then_get::<u32>(
            10,
            |n| {
                *n = 11;
                Ok(())
            },
            |_, _| Ok(()),
        );
        assert_eq!(err, Err(Error::CountTooLarge));
        assert_eq!(check_count(10, 10), Ok(10));
    }

    #[test]
    fn retries_when_the_list_grows() {
        let size = std::cell::Cell::new(1);
        let list = count_then_get::<u32>(
            10,
            |n| {
                *n = size.get();
                Ok(())
            },
            |n, _| {
                if n < 3 {
                    size.set(size.get() + 1);
                    return Err(Error::InsufficientSize);
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(list.len(), 3);
        let always = count_then_get::<u32>(
            10,
            |n| {
                *n = 1;
                Ok(())
            },
            |_, _| Err(Error::InsufficientSize),
        );
        assert_eq!(always, Err(Error::InsufficientSize));
    }
}
