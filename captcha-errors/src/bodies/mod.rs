//! Parsers for the bodies Captcha 2.0 codes arrive in (feature `serde`): a
//! VerifyIntelligentCaptcha response, Alibaba Cloud's OpenAPI error body, and the payload
//! a page's `onError` callback receives. Each parser takes the body as text and returns
//! typed values whose codes are [`crate::Wire`], so a code this crate does not know yet
//! is kept, not lost. Bad input is a [`BodyError`] that says what is wrong and where;
//! bodies larger than [`MAX_BODY_LEN`] are refused before parsing, and nesting deeper than
//! `serde_json`'s limit is an error, never a stack overflow.

pub(crate) mod api;
pub(crate) mod client;
pub(crate) mod verify;

use alloc::format;
use alloc::string::String;
use alloc::string::ToString;
use core::fmt;

/// The largest body a parser reads, in bytes: a real body is well under a kilobyte.
pub const MAX_BODY_LEN: usize = 64 * 1024;

/// Why a body could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyError {
    kind: BodyErrorKind,
    message: String,
    line: usize,
    column: usize,
}

/// The kind of a [`BodyError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BodyErrorKind {
    /// The body is longer than [`MAX_BODY_LEN`].
    TooLarge,
    /// The body is not JSON, or ends too early.
    Syntax,
    /// The body is JSON of the wrong shape: a wrong type, a missing field.
    Shape,
}

impl BodyError {
    #[inline]
    pub(crate) fn too_large(len: usize) -> Self {
        BodyError {
            kind: BodyErrorKind::TooLarge,
            message: format!(
                "the body is {len} bytes long, more than the {MAX_BODY_LEN} a parser reads"
            ),
            line: 0,
            column: 0,
        }
    }

    /// What kind of problem it is.
    #[inline]
    pub fn kind(&self) -> BodyErrorKind {
        self.kind
    }

    /// The 1-based line of the body where the problem was found; 0 when it concerns the
    /// whole body.
    #[inline]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column of the body where the problem was found; 0 when it concerns the
    /// whole body.
    #[inline]
    pub fn column(&self) -> usize {
        self.column
    }
}

impl From<serde_json::Error> for BodyError {
    #[inline]
    fn from(error: serde_json::Error) -> Self {
        let kind = match error.classify() {
            serde_json::error::Category::Data => BodyErrorKind::Shape,
            _ => BodyErrorKind::Syntax,
        };
        BodyError {
            kind,
            message: error.to_string(),
            line: error.line(),
            column: error.column(),
        }
    }
}

impl fmt::Display for BodyError {
    /// Writes what is wrong and where, such as "missing field `Code` at line 1 column 2".
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for BodyError {}

/// Parses `body` as `T`, refusing bodies over [`MAX_BODY_LEN`].
pub(crate) fn parse<'a, T: serde::Deserialize<'a>>(body: &'a str) -> Result<T, BodyError> {
    if body.len() > MAX_BODY_LEN {
        return Err(BodyError::too_large(body.len()));
    }
    // serde reads a struct from an array too (its fields in order); a body is an object.
    let start = body.len() - body.trim_start().len();
    if body[start..].starts_with('[') {
        let before = &body[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
        return Err(BodyError {
            kind: BodyErrorKind::Shape,
            message: format!(
                "invalid type: array, expected a JSON object at line {line} column {column}"
            ),
            line,
            column,
        });
    }
    Ok(serde_json::from_str(body)?)
}
