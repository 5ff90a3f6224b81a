//! A signed VerifyIntelligentCaptcha client for Alibaba Cloud Captcha 2.0.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod credentials;
pub mod request;
pub mod sign;

pub use credentials::{Credentials, CredentialsError, Secret};
