//! Typed errors of Alibaba Cloud Captcha 2.0, generated from hand-edited catalogs.
//!
//! One module per catalog (`catalog/*.toml`):
//!
//! - [`init`]: the initialization API. [`ErrorCode`] (codes such as `IllegalUserTag` or
//!   `Forbidden.AccountAccessDenied`, with the vendor's text verbatim, the HTTP status a
//!   relaying service should use, retry advice, category and platforms), [`FieldError`]
//!   (the client SDK's errors for an invalid init parameter), and validators for every
//!   init parameter ([`InitConfig`]). These are also at the crate root.
//! - [`verify`]: the `VerifyCode` of every VerifyIntelligentCaptcha result.
//! - [`api`]: the VerifyIntelligentCaptcha API's own error codes.
//! - [`endpoints`]: the hosts that take VerifyIntelligentCaptcha calls, by region (the init
//!   parameter `region`'s words) and kind (public, dual-stack, VPC).
//!
//! Codes from the wire are [`Wire`]: a known code or an unknown one kept exactly.
//! For metrics and OpenTelemetry's `error.type`, `metric_label` gives a label of bounded
//! cardinality (a row's key, or [`OTHER_LABEL`] for an unknown code, never its text),
//! and each table's `METRIC_LABELS` lists every label it can take.
//! Features: `serde` (serde for every enum, the vendor's bodies, problem details, JSON
//! configs) and `http` (`http::StatusCode`).
//!
//! With default features the crate has no dependencies; every lookup is plain Rust. It
//! is `no_std`: it needs only `core` and `alloc`, and its errors implement
//! `core::error::Error`. Its functions are `#[inline]`, so each is compiled only in the
//! crates that call it: a dependent that uses one lookup does not pay to build the
//! validators.
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

#![no_std]
// docs.rs builds with `--cfg docsrs`: every feature-gated item says which feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The crate needs only `core` and `alloc` (its errors implement `core::error::Error`), so
// it builds without `std`; rustc then also loads less to check it.
extern crate alloc;
#[cfg(test)]
extern crate std;

mod ascii;
#[cfg(feature = "serde")]
mod bodies;
mod catalog_row;
mod config_report;
pub mod custom;
mod generated;
#[cfg(feature = "serde")]
pub mod json;
// Called by the generated `Locale::negotiate` once the locale tables are generated.
#[allow(dead_code)]
mod negotiate;
mod one_of_hint;
mod param_error;
mod param_value;
#[cfg(feature = "serde")]
pub mod problem_details;
mod rule_words;
mod unknown_value;
mod wire;

/// The init catalog's types, at the crate root as they have always been.
pub use generated::init::*;
/// One public module per catalog, generated; the three below add hand-written items and
/// shadow their glob entries, so the glob serves only catalogs added later.
#[allow(unused_imports)]
pub use generated::*;

/// The Captcha 2.0 initialization API: its error codes, the client SDK's field errors,
/// the init parameters and their validators (generated from `catalog/init.toml`), and
/// the payload a page's `onError` forwards (feature `serde`).
pub mod init {
    pub use crate::generated::init::*;

    #[cfg(feature = "serde")]
    pub use crate::bodies::client::ClientError;
}

/// The verification side: the `VerifyCode` of every VerifyIntelligentCaptcha result
/// (generated from `catalog/verify.toml`) and the response body (feature `serde`).
pub mod verify {
    pub use crate::generated::verify::*;

    #[cfg(feature = "serde")]
    pub use crate::bodies::verify::VerifyResponse;
}

/// The VerifyIntelligentCaptcha API's own error codes (generated from
/// `catalog/api.toml`) and Alibaba Cloud's OpenAPI error body (feature `serde`).
pub mod api {
    pub use crate::generated::api::*;

    #[cfg(feature = "serde")]
    pub use crate::bodies::api::ErrorBody;
}

#[cfg(feature = "serde")]
pub use bodies::{BodyError, BodyErrorKind, MAX_BODY_LEN};
pub use catalog_row::CatalogRow;
pub use config_report::Report;
pub use param_error::{ParamError, ProblemKind};
pub use param_value::ParamValue;
#[allow(deprecated)]
pub use rule_words::Confidence;
pub use rule_words::{JsonType, RuleConfidence, Severity};
pub use unknown_value::UnknownValue;
pub use wire::{UnknownCode, Wire, WireCode, OTHER_LABEL};

/// What generated code calls, inside this crate and out (such as the benchmarks'
/// synthetic tables): not part of the API, and free to change in any release.
#[doc(hidden)]
pub mod __private {
    /// The `alloc` names the generated modules use, which a `no_std` crate must import.
    pub mod prelude {
        pub use alloc::string::ToString;
        pub use alloc::vec::Vec;
    }

    pub use crate::catalog_row::{many_words, one_word, optional_word, optional_words, WordFact};
    pub use crate::one_of_hint::hint as one_of_hint;
    #[cfg(feature = "serde")]
    pub use crate::wire::deserialize_known;
    pub use crate::wire::{parse_known, with_other};
}

/// The crate's README (shipped in the package), whose examples run as doctests. The
/// repository's README is tested by the workspace crate `readme-doctests`.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
