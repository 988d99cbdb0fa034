//! C enums as Rust enums, generated from one table per enum.
//!
//! # How to use (for every domain module)
//!
//! ```ignore
//! use crate::enums::c_enum;
//! c_enum! {
//!     /// Doc of the enum.
//!     pub enum Brand: mtml_sys::MtmlBrandType {
//!         /// Doc of the variant.
//!         Mtt = MTML_BRAND_MTT,
//!     }
//! }
//! ```
//!
//! Each `Variant = CONST` row names an associated constant of the bindgen
//! newtype. The macro adds an `Unknown(i64)` variant holding any raw value
//! not in the table (never a transmute), and generates `from_raw`/`to_raw`,
//! `From` conversions both ways, `Display`, ordering by declaration order
//! (`Unknown` last), and serde derives under the `serde` feature.

/// Generates a Rust enum mirroring a bindgen C enum newtype; see the
/// [module documentation](self).
macro_rules! c_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $raw:path {
            $( $(#[$vmeta:meta])* $variant:ident = $constant:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A raw value this crate does not know.
            Unknown(i64),
        }

        impl $name {
            /// Converts the C value; values not in the table become `Unknown`.
            pub fn from_raw(raw: $raw) -> Self {
                $( if raw == <$raw>::$constant { return $name::$variant; } )*
                $name::Unknown(i64::from(raw.0))
            }

            /// The C value (an `Unknown` value is passed back as it came,
            /// truncated to the C type).
            pub fn to_raw(self) -> $raw {
                match self {
                    $( $name::$variant => <$raw>::$constant, )*
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    $name::Unknown(value) => $raw(value as _),
                }
            }

            /// Whether this is a value the crate knows.
            pub fn is_known(self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::convert::From<$raw> for $name {
            fn from(raw: $raw) -> Self {
                $name::from_raw(raw)
            }
        }

        impl ::std::convert::From<$name> for $raw {
            fn from(value: $name) -> Self {
                value.to_raw()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $( $name::$variant => f.pad(stringify!($variant)), )*
                    $name::Unknown(value) => write!(f, "Unknown({value})"),
                }
            }
        }
    };
}
pub(crate) use c_enum;

#[cfg(test)]
mod tests {
    c_enum! {
        /// Test enum.
        pub enum Sample: mtml_sys::MtmlCodecSessionState {
            /// -1.
            Undetermined = MTML_CODEC_SESSION_STATE_UNKNOWN,
            /// 0.
            Idle = MTML_CODEC_SESSION_STATE_IDLE,
        }
    }

    #[test]
    fn round_trips_known_and_unknown() {
        use mtml_sys::MtmlCodecSessionState as Raw;
        assert_eq!(Sample::from_raw(Raw(-1)), Sample::Undetermined);
        assert_eq!(Sample::from_raw(Raw(0)), Sample::Idle);
        assert_eq!(Sample::from_raw(Raw(0x7fff)), Sample::Unknown(0x7fff));
        assert_eq!(Raw::from(Sample::Unknown(0x7fff)), Raw(0x7fff));
        assert_eq!(Raw::from(Sample::Undetermined), Raw(-1));
        assert_eq!(Sample::Idle.to_string(), "Idle");
        assert_eq!(Sample::Unknown(9).to_string(), "Unknown(9)");
        assert!(Sample::Undetermined < Sample::Idle);
        assert!(!Sample::Unknown(3).is_known());
    }
}
