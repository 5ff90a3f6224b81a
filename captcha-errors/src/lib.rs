//! Typed errors of the Alibaba Cloud Captcha 2.0 initialization API.
//!
//! Everything here is generated from one table, `catalog/errors.toml`, which holds the
//! vendor's text verbatim:
//!
//! - [`ErrorCode`]: the codes the init API answers with, such as `IllegalUserTag` or
//!   `Forbidden.AccountAccessDenied`, with their description, troubleshooting text, the
//!   HTTP status a relaying service should use, retry advice, category and platforms.
//! - [`FieldError`]: the errors the client SDK raises for an invalid init parameter.
//! - [`Retry`], [`Category`], [`Platform`]: the metadata's vocabularies.
//!
//! The crate has no dependencies; every lookup is a plain `match`.
//!
//! ```
//! use captcha_errors::{ErrorCode, Retry};
//!
//! // A code as it arrives in a response body.
//! let code = ErrorCode::from_code("Forbidden.AccountAccessDenied").expect("a known code");
//! assert_eq!(code, ErrorCode::ForbiddenAccountAccessDenied);
//! assert_eq!(code.http_status(), 403);
//! assert_eq!(code.retry(), Retry::Never);
//! assert!(!code.is_retryable());
//! assert_eq!(code.to_string(), "The user account has an overdue payment.");
//!
//! // Unknown codes are `None`, never guessed.
//! assert_eq!(ErrorCode::from_code("forbidden.accountaccessdenied"), None);
//! let error = "NoSuchCode".parse::<ErrorCode>().unwrap_err();
//! assert_eq!(error.input(), "NoSuchCode");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ascii;
pub mod custom;
mod generated;
#[cfg(feature = "serde")]
pub mod json;
mod kinds;
mod problem;
mod report;
mod retry;
mod unknown;
mod value;

/// The init catalog's types, at the crate root as they have always been.
pub use generated::init::*;
/// One public module per catalog (`init`, `verify`, `api`, ...), generated.
pub use generated::*;
pub use kinds::{Confidence, JsonType, Severity};
pub use problem::{ParamError, ProblemKind};
pub use report::Report;
pub use unknown::UnknownValue;
pub use value::ParamValue;

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
