//! The crate's error type: one variant per MTML return code, plus the
//! problems this crate detects itself in what the library hands back.

use std::borrow::Cow;

use mtml_sys::MtmlReturn;

/// Result of every fallible call in this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong when talking to MTML.
///
/// The first group mirrors `MtmlReturn`; [`Error::from_raw`] and
/// [`Error::code`] convert between the two. The second group covers
/// answers from the library that this crate refuses to trust.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Error {
    /// No Moore Threads kernel driver is loaded (`MTML_ERROR_DRIVER_NOT_LOADED`).
    #[error("the Moore Threads kernel driver is not loaded")]
    DriverNotLoaded,
    /// The kernel driver reported a failure (`MTML_ERROR_DRIVER_FAILURE`).
    #[error("the kernel driver reported a failure")]
    DriverFailure,
    /// A pointer was NULL or a value out of range (`MTML_ERROR_INVALID_ARGUMENT`).
    #[error("invalid argument")]
    InvalidArgument,
    /// The device or library build lacks the feature (`MTML_ERROR_NOT_SUPPORTED`).
    #[error("not supported by this device or library")]
    NotSupported,
    /// The caller lacks the privileges needed (`MTML_ERROR_NO_PERMISSION`).
    #[error("insufficient permissions")]
    NoPermission,
    /// A buffer or count was too small (`MTML_ERROR_INSUFFICIENT_SIZE`).
    #[error("buffer or count too small")]
    InsufficientSize,
    /// No object matched the lookup (`MTML_ERROR_NOT_FOUND`).
    #[error("not found")]
    NotFound,
    /// Host memory ran out (`MTML_ERROR_INSUFFICIENT_MEMORY`).
    #[error("out of host memory")]
    InsufficientMemory,
    /// The kernel driver is older than the library (`MTML_ERROR_DRIVER_TOO_OLD`).
    #[error("the kernel driver is too old for this library")]
    DriverTooOld,
    /// The kernel driver is newer than the library (`MTML_ERROR_DRIVER_TOO_NEW`).
    #[error("the kernel driver is too new for this library")]
    DriverTooNew,
    /// The operation timed out (`MTML_ERROR_TIMEOUT`).
    #[error("timed out")]
    Timeout,
    /// The resource is busy; nothing was done (`MTML_ERROR_RESOURCE_IS_BUSY`).
    #[error("resource busy")]
    ResourceBusy,
    /// The library failed without saying why (`MTML_ERROR_UNKNOWN`, 999).
    #[error("unspecified MTML failure")]
    Unspecified,
    /// A return code this crate does not know.
    #[error("unknown MTML return code {0}")]
    Unknown(u32),

    /// A string from the library was not valid UTF-8; `lossy` holds it with
    /// the bad bytes replaced by U+FFFD.
    #[error("the library returned text that is not UTF-8: {lossy:?}")]
    InvalidUtf8 {
        /// The text, lossily decoded.
        lossy: String,
    },
    /// A string buffer filled by the library had no NUL terminator; `lossy`
    /// holds the whole buffer, lossily decoded.
    #[error("the library returned an unterminated string: {lossy:?}")]
    UnterminatedString {
        /// The buffer's content, lossily decoded.
        lossy: String,
    },
    /// A string passed to the library contains a NUL byte.
    #[error("input string contains a NUL byte")]
    InteriorNul,
    /// The library answered a value outside its documented range.
    #[error("unexpected {what} from the library: {value}")]
    UnexpectedValue {
        /// What the value was.
        what: Cow<'static, str>,
        /// The value received.
        value: i64,
    },
    /// The library reported an implausibly large count (more than this
    /// crate's sanity limit for that list).
    #[error("the library reported an implausibly large count")]
    CountTooLarge,
    /// The simulator rejected a machine description (only with the `sim`
    /// feature).
    #[error("simulator configuration rejected: {0}")]
    SimConfig(String),

    /// No MTML library could be loaded (only with the `runtime-loading`
    /// feature); `tried` names each library tried, with the loader's reason.
    #[error("cannot load the MTML library (libmtml); tried: {}", tried.join("; "))]
    LibraryNotFound {
        /// Each library tried, in order, with why it did not load.
        tried: Vec<String>,
    },
    /// The loaded MTML library lacks this function, for example a driver
    /// older than MTML 2.2 (only with the `runtime-loading` feature). Only
    /// the call that needs it fails.
    #[error("the loaded MTML library has no function {0}")]
    FunctionNotFound(Cow<'static, str>),
    /// A different MTML library is already loaded in this process (only
    /// with the `runtime-loading` feature: one library per process, kept
    /// until the process ends).
    #[error("cannot use {requested}: the process already uses the MTML library {loaded}")]
    LibraryConflict {
        /// The library in use.
        loaded: String,
        /// The library asked for.
        requested: String,
    },
}

/// Return codes and their variants, in one table used both ways.
const CODE_TABLE: [(u32, Error); 13] = [
    (
        MtmlReturn::MTML_ERROR_DRIVER_NOT_LOADED.0,
        Error::DriverNotLoaded,
    ),
    (
        MtmlReturn::MTML_ERROR_DRIVER_FAILURE.0,
        Error::DriverFailure,
    ),
    (
        MtmlReturn::MTML_ERROR_INVALID_ARGUMENT.0,
        Error::InvalidArgument,
    ),
    (MtmlReturn::MTML_ERROR_NOT_SUPPORTED.0, Error::NotSupported),
    (MtmlReturn::MTML_ERROR_NO_PERMISSION.0, Error::NoPermission),
    (
        MtmlReturn::MTML_ERROR_INSUFFICIENT_SIZE.0,
        Error::InsufficientSize,
    ),
    (MtmlReturn::MTML_ERROR_NOT_FOUND.0, Error::NotFound),
    (
        MtmlReturn::MTML_ERROR_INSUFFICIENT_MEMORY.0,
        Error::InsufficientMemory,
    ),
    (MtmlReturn::MTML_ERROR_DRIVER_TOO_OLD.0, Error::DriverTooOld),
    (MtmlReturn::MTML_ERROR_DRIVER_TOO_NEW.0, Error::DriverTooNew),
    (MtmlReturn::MTML_ERROR_TIMEOUT.0, Error::Timeout),
    (
        MtmlReturn::MTML_ERROR_RESOURCE_IS_BUSY.0,
        Error::ResourceBusy,
    ),
    (MtmlReturn::MTML_ERROR_UNKNOWN.0, Error::Unspecified),
];

impl Error {
    /// The error for an MTML return code; `None` for `MTML_SUCCESS`.
    // Inlined so that the success test costs every wrapper one comparison;
    // the table lookup stays out of line (see BENCHMARKS.md).
    #[inline]
    pub fn from_raw(code: u32) -> Option<Error> {
        if code == MtmlReturn::MTML_SUCCESS.0 {
            return None;
        }
        Some(Error::from_failure_code(code))
    }

    /// The error for a return code other than `MTML_SUCCESS`.
    #[cold]
    #[inline(never)]
    fn from_failure_code(code: u32) -> Error {
        let known = CODE_TABLE.iter().find(|(raw, _)| *raw == code);
        known.map_or(Error::Unknown(code), |(_, error)| error.clone())
    }

    /// The MTML return code of this error; `None` for errors detected by
    /// this crate rather than reported by the library.
    pub fn code(&self) -> Option<u32> {
        if let Error::Unknown(code) = self {
            return Some(*code);
        }
        CODE_TABLE
            .iter()
            .find(|(_, error)| error == self)
            .map(|(raw, _)| *raw)
    }

    /// An [`Error::UnexpectedValue`] for `value` of what `what` describes.
    pub(crate) fn unexpected(what: &'static str, value: i64) -> Error {
        Error::UnexpectedValue {
            what: Cow::Borrowed(what),
            value,
        }
    }

    /// The library's own description of this error's return code
    /// (`mtmlErrorString`); `None` for errors detected by this crate.
    ///
    /// The text is decoded lossily; a NULL answer gives `None`.
    #[doc(alias = "mtmlErrorString")]
    pub fn library_message(&self) -> Option<String> {
        let code = self.code()?;
        crate::string::error_string(code)
    }
}

impl From<Error> for Option<u32> {
    fn from(error: Error) -> Option<u32> {
        error.code()
    }
}

/// Reading "the device cannot do this" as an absent value.
///
/// Many MTML queries answer [`Error::NotSupported`] on devices that lack a
/// feature (fans on a passive card, ECC, MtLink, MPC, virtualization). This
/// turns that one error into `Ok(None)` and keeps every other error.
///
/// ```
/// use mtml::{Error, NotSupportedExt};
///
/// let fans: mtml::Result<u32> = Err(Error::NotSupported);
/// assert_eq!(fans.optional(), Ok(None));
/// let failed: mtml::Result<u32> = Err(Error::Timeout);
/// assert_eq!(failed.optional(), Err(Error::Timeout));
/// ```
pub trait NotSupportedExt<T> {
    /// `Ok(Some(value))`, `Ok(None)` for [`Error::NotSupported`], or the
    /// other error.
    ///
    /// # Errors
    /// Every error but [`Error::NotSupported`].
    fn optional(self) -> Result<Option<T>>;
}

impl<T> NotSupportedExt<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(Error::NotSupported) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips() {
        for (code, error) in CODE_TABLE.iter() {
            assert_eq!(Error::from_raw(*code).as_ref(), Some(error));
            assert_eq!(error.code(), Some(*code));
        }
        assert_eq!(Error::from_raw(0), None);
        assert_eq!(Error::from_raw(999), Some(Error::Unspecified));
        assert_eq!(Error::from_raw(4242), Some(Error::Unknown(4242)));
        assert_eq!(Error::Unknown(4242).code(), Some(4242));
        assert_eq!(Error::InteriorNul.code(), None);
        assert_eq!(Error::CountTooLarge.code(), None);
    }

    #[test]
    fn codes_match_header_order() {
        assert_eq!(Error::DriverNotLoaded.code(), Some(1));
        assert_eq!(Error::ResourceBusy.code(), Some(12));
        assert_eq!(Option::<u32>::from(Error::Timeout), Some(11));
    }
}
