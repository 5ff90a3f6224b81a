//! [`ClientError`]: what a page's `onError` callback receives and forwards to its back
//! end, `{ code, msg }`, read leniently: `code` may be a string or a number (a throttled
//! init answers `"403"`), and either field may be missing.

use alloc::string::String;
use alloc::string::ToString;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::BodyError;
use crate::generated::init::ErrorCode;
use crate::Wire;

/// An `onError` payload.
///
/// ```
/// use captcha_errors::init::{ClientError, ErrorCode};
///
/// let payload = ClientError::from_json(r#"{"code":"IllegalUserTag","msg":"Bad request."}"#).unwrap();
/// assert_eq!(payload.code().and_then(|code| code.known()), Some(ErrorCode::IllegalUserTag));
/// let throttled = ClientError::from_json(r#"{"code":403}"#).unwrap();
/// assert_eq!(throttled.code().map(|code| code.as_str()), Some("403"));
/// assert_eq!(ClientError::from_json("{}").unwrap().code(), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientError {
    #[serde(
        default,
        deserialize_with = "code_text",
        skip_serializing_if = "Option::is_none"
    )]
    code: Option<Wire<ErrorCode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    msg: Option<String>,
}

impl ClientError {
    /// Parses a payload: a JSON object whose `code` is a string, a number or null, and
    /// whose `msg` is a string or null. Other members are ignored.
    #[inline]
    pub fn from_json(body: &str) -> Result<Self, BodyError> {
        super::parse(body)
    }

    /// The payload as JSON; a numeric code is written as a string.
    #[inline]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The code, if the payload has one.
    #[inline]
    pub fn code(&self) -> Option<&Wire<ErrorCode>> {
        self.code.as_ref()
    }

    /// The message, if the payload has one; it need not equal the catalog's description.
    #[inline]
    pub fn msg(&self) -> Option<&str> {
        self.msg.as_deref()
    }
}

/// A code given as a string, an integer or null.
fn code_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Wire<ErrorCode>>, D::Error> {
    struct CodeVisitor;

    impl<'de> Visitor<'de> for CodeVisitor {
        type Value = Option<Wire<ErrorCode>>;

        #[inline]
        fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            f.write_str("a code as a string or a number")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(Wire::parse(text)))
        }

        fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
            Ok(Some(Wire::parse(&number.to_string())))
        }

        fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
            Ok(Some(Wire::parse(&number.to_string())))
        }

        fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
            Ok(Some(Wire::parse(&number.to_string())))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }

    deserializer.deserialize_any(CodeVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_are_errors_and_extra_members_are_ignored() {
        assert!(ClientError::from_json(r#"{"code":true}"#).is_err());
        assert!(ClientError::from_json(r#"{"msg":5}"#).is_err());
        assert!(ClientError::from_json("[]").is_err());
        let payload = ClientError::from_json(r#"{"code":null,"extra":{"a":[1,2]}}"#).unwrap();
        assert_eq!(payload, ClientError::default());
    }
}
