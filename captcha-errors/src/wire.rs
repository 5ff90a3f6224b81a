//! Codes as they arrive on the wire: [`WireCode`], what every generated enum can do
//! with its wire string, and [`Wire`], a code that is either one this crate knows or one
//! it does not know yet, kept exactly as received (as smithy-rs keeps unknown errors and
//! rust-postgres keeps an unknown `SqlState`).
//!
//! ```
//! use captcha_errors::{ErrorCode, Wire};
//!
//! let known = Wire::<ErrorCode>::parse("Throttling");
//! assert_eq!(known.known(), Some(ErrorCode::Throttling));
//!
//! let unknown = Wire::<ErrorCode>::parse("Throttling.User");
//! assert_eq!(unknown.known(), None);
//! assert_eq!(unknown.as_str(), "Throttling.User");
//! assert_eq!(unknown.to_string(), "Throttling.User");
//!
//! match known {
//!     Wire::Known(ErrorCode::Throttling) => {}
//!     Wire::Known(_) | Wire::Unknown(_) => unreachable!(),
//! }
//! ```

use core::fmt;

use alloc::borrow::ToOwned;
use alloc::string::String;

use crate::UnknownValue;

/// A generated enum whose values have a wire string: a table's rows (their key), a
/// vocabulary's words, a parameter's allowed values.
pub trait WireCode: Copy + Eq + fmt::Debug + 'static {
    /// What one value is called in messages, such as "error code".
    const NOUN: &'static str;

    /// The value whose wire string is exactly `text`, if there is one.
    fn from_wire(text: &str) -> Option<Self>;

    /// The wire string.
    fn as_wire(self) -> &'static str;

    /// Every label [`metric_label`](Self::metric_label) and [`Wire::metric_label`] can
    /// return for this type: each value's wire string in catalog order, then
    /// [`OTHER_LABEL`] last, each once.
    const METRIC_LABELS: &'static [&'static str];

    /// The value's label for a metric or OpenTelemetry's `error.type`: its wire string,
    /// one of [`METRIC_LABELS`](Self::METRIC_LABELS).
    #[inline]
    fn metric_label(self) -> &'static str {
        self.as_wire()
    }
}

/// The metric label (and OpenTelemetry `error.type`) of every code a catalog does not
/// know: [`Wire::metric_label`] of a [`Wire::Unknown`], the last of every
/// [`WireCode::METRIC_LABELS`]. A label never carries an unknown code's own text, so a
/// metric has at most one series per catalog row, and this one. No key, word or value
/// of any catalog can be this word: `cargo xtask gen` refuses it.
pub const OTHER_LABEL: &str = "_OTHER";

/// The value of `T` whose wire string is exactly `text`, or an [`UnknownValue`] that
/// names `T::NOUN`: the body of a generated enum's `FromStr`, written once here.
#[inline]
pub fn parse_known<T: WireCode>(text: &str) -> Result<T, UnknownValue> {
    match T::from_wire(text) {
        Some(value) => Ok(value),
        None => Err(UnknownValue::new(T::NOUN, text)),
    }
}

/// `keys`, then [`OTHER_LABEL`]: the `METRIC_LABELS` of a generated enum whose values'
/// wire strings are `keys` (`M` is one more than `N`, or the evaluation fails). One copy,
/// which the compile-time evaluation does in one step, not one per key.
pub const fn with_other<const N: usize, const M: usize>(
    keys: &[&'static str; N],
) -> [&'static str; M] {
    assert!(M == N + 1, "the metric labels are the keys and one more");
    let mut labels = [OTHER_LABEL; M];
    labels.split_at_mut(N).0.copy_from_slice(keys);
    labels
}

/// A code received from the wire: one of `T`, or a code this crate does not know,
/// kept exactly as received. Parsing never fails; a known code is always
/// [`Wire::Known`], so two `Wire`s are equal exactly when their texts are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Wire<T> {
    /// A code of the catalog.
    Known(T),
    /// A code the catalog does not know (yet).
    Unknown(UnknownCode),
}

/// The text of a code the catalog does not know, exactly as received.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownCode(String);

impl UnknownCode {
    /// The code exactly as received.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownCode {
    /// Writes the code exactly as received.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<T: WireCode> Wire<T> {
    /// The code for `text`: [`Wire::Known`] when the catalog has it (exact,
    /// case-sensitive), else [`Wire::Unknown`] keeping `text` as it is.
    pub fn parse(text: &str) -> Self {
        match T::from_wire(text) {
            Some(known) => Wire::Known(known),
            None => Wire::Unknown(UnknownCode(text.to_owned())),
        }
    }

    /// The known code, or `None` for an unknown one.
    pub fn known(&self) -> Option<T> {
        match self {
            Wire::Known(known) => Some(*known),
            Wire::Unknown(_) => None,
        }
    }

    /// Whether the catalog knows the code.
    pub fn is_known(&self) -> bool {
        matches!(self, Wire::Known(_))
    }

    /// The code's label for a metric or OpenTelemetry's `error.type`, with bounded
    /// cardinality: the known code's [`WireCode::metric_label`], or [`OTHER_LABEL`] for
    /// an unknown code (never its text). Always one of `T::METRIC_LABELS`.
    ///
    /// ```
    /// use captcha_errors::{api::ApiError, Wire, OTHER_LABEL};
    ///
    /// assert_eq!(Wire::<ApiError>::parse("Throttling").metric_label(), "Throttling");
    /// assert_eq!(Wire::<ApiError>::parse("Throttling.User").metric_label(), OTHER_LABEL);
    /// assert_eq!(ApiError::METRIC_LABELS.last(), Some(&"_OTHER"));
    /// ```
    pub fn metric_label(&self) -> &'static str {
        match self {
            Wire::Known(known) => known.metric_label(),
            Wire::Unknown(_) => OTHER_LABEL,
        }
    }

    /// The code's text: the known code's wire string, or the unknown text as received.
    pub fn as_str(&self) -> &str {
        match self {
            Wire::Known(known) => known.as_wire(),
            Wire::Unknown(unknown) => unknown.as_str(),
        }
    }
}

impl<T: WireCode> From<T> for Wire<T> {
    fn from(known: T) -> Self {
        Wire::Known(known)
    }
}

impl<T: WireCode> core::str::FromStr for Wire<T> {
    type Err = core::convert::Infallible;

    /// [`Wire::parse`]: never fails.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Wire::parse(text))
    }
}

impl<T: WireCode> fmt::Display for Wire<T> {
    /// Writes the code's text, as [`Wire::as_str`] returns it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `Wire` equals the known code it holds.
impl<T: WireCode> PartialEq<T> for Wire<T> {
    fn eq(&self, other: &T) -> bool {
        self.known() == Some(*other)
    }
}

/// A borrowed `Wire`, as the body parsers return it, compares with an owned one.
impl<T: PartialEq> PartialEq<Wire<T>> for &Wire<T> {
    fn eq(&self, other: &Wire<T>) -> bool {
        **self == *other
    }
}

/// An owned `Wire` compares with a borrowed one.
impl<T: PartialEq> PartialEq<&Wire<T>> for Wire<T> {
    fn eq(&self, other: &&Wire<T>) -> bool {
        *self == **other
    }
}

impl<T: WireCode> PartialEq<str> for Wire<T> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<T: WireCode> PartialEq<&str> for Wire<T> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::{Wire, WireCode};

    impl<T: WireCode> serde::Serialize for Wire<T> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de, T: WireCode> serde::Deserialize<'de> for Wire<T> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text =
                <alloc::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
            Ok(Wire::parse(&text))
        }
    }
}

/// The value of `T` whose wire string `deserializer` holds, strictly: an unknown string
/// is an error naming it (use [`Wire`] to keep unknown codes). The body of every generated
/// enum's `Deserialize`, written once here.
#[cfg(feature = "serde")]
#[inline]
pub fn deserialize_known<'de, T: WireCode, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = <alloc::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    T::from_wire(&text)
        .ok_or_else(|| <D::Error as serde::de::Error>::custom(UnknownValue::new(T::NOUN, &text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn unknown_codes_keep_their_text() {
        let unknown: Wire<ErrorCode> = "  Throttling ".parse().unwrap();
        assert_eq!(unknown.as_str(), "  Throttling ");
        assert!(!unknown.is_known());
        assert_eq!(
            Wire::parse("Throttling"),
            Wire::Known(ErrorCode::Throttling)
        );
        assert_ne!(
            Wire::<ErrorCode>::parse("throttling"),
            Wire::Known(ErrorCode::Throttling)
        );
        assert!(Wire::<ErrorCode>::parse("Throttling") == "Throttling");
        let parsed = Wire::<ErrorCode>::parse("Throttling");
        assert_eq!(parsed, ErrorCode::Throttling);
        assert_eq!(&parsed, Wire::Known(ErrorCode::Throttling));
        assert_eq!(Wire::Known(ErrorCode::Throttling), &parsed);
        assert_ne!(
            Wire::<ErrorCode>::parse("throttling"),
            ErrorCode::Throttling
        );
    }

    #[test]
    fn parse_known_names_the_noun_of_the_type() {
        assert_eq!(
            parse_known::<ErrorCode>("Throttling"),
            Ok(ErrorCode::Throttling)
        );
        let error = parse_known::<ErrorCode>("Throttling.User").unwrap_err();
        assert_eq!(error.expected(), <ErrorCode as WireCode>::NOUN);
        assert_eq!(error.input(), "Throttling.User");
    }
}
