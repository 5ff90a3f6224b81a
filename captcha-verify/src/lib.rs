//! A signed VerifyIntelligentCaptcha client for Alibaba Cloud Captcha 2.0.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
pub mod credentials;
pub mod endpoint;
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
