//! A signed VerifyIntelligentCaptcha client for Alibaba Cloud Captcha 2.0, a failure policy
//! that reads the `captcha-errors` catalogs, and a stand-in server for tests.
//!
//! - [`sign`]: ACS3-HMAC-SHA256, pure (no clock, randomness or I/O).
//! - [`request`]: the signed VerifyIntelligentCaptcha request, date and nonce as inputs.
//! - [`Client`]: one signed `POST` per verification over pooled HTTPS, never repeated once
//!   it may have reached Alibaba; every result is an [`Outcome`].
//! - [`Policy`]: fail closed by default; fail open only as an opt-in and only on transient
//!   failures; test-mode passes refused unless accepted.
//! - [`standin`]: a server that speaks the protocol, checks signatures and answers test
//!   values (`standin:F008`, `standin:api:Throttling`, ...) from the catalogs.
//!
//! ```
//! use captcha_verify::{Decision, Outcome, Policy};
//!
//! let body = br#"{"RequestId":"r1","Code":"Success","Success":true,
//!   "Result":{"VerifyResult":true,"VerifyCode":"T001","CertifyId":"c1"}}"#;
//! let outcome = Outcome::from_response(200, body);
//! assert_eq!(Policy::default().decide(&outcome), Decision::Pass);
//! ```
// docs.rs builds with `--cfg docsrs`: every feature-gated item says which feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
mod connector;
pub mod credentials;
pub mod endpoint;
#[cfg(feature = "axum")]
pub mod guard;
pub mod outcome;
pub mod policy;
pub mod request;
pub mod scene;
pub mod sign;
pub mod standin;

pub use captcha_errors::endpoints::EndpointKind;
pub use client::{BuildError, Client, ClientBuilder};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use endpoint::{EndpointError, EndpointUrl};
pub use outcome::{ApiFailure, Outcome, Passed, Refused, Unavailable, UnavailableKind};
pub use policy::{Decision, Policy};
pub use scene::{SceneId, SceneIdError};

/// The crate's README (shipped in the package), whose example runs as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
