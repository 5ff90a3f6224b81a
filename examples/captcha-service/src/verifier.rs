//! The one thing the service does not do itself: calling Alibaba Cloud's
//! VerifyIntelligentCaptcha API. That call needs your AccessKey, request signing and an
//! endpoint, which is your Alibaba Cloud SDK's job; the service takes it as a
//! [`Verifier`] trait object and only reads what comes back.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// The future a [`Verifier`] returns: boxed, so that `dyn Verifier` works without the
/// `async_trait` crate.
pub type VerifyFuture<'a> =
    Pin<Box<dyn Future<Output = Result<VerifyReply, VerifyCallError>> + Send + 'a>>;

/// Calls VerifyIntelligentCaptcha for one `captchaVerifyParam` and returns the raw
/// answer. Implement it with your SDK's client (which knows your SceneId, AccessKey and
/// endpoint):
///
/// ```
/// use captcha_service::{Verifier, VerifyCallError, VerifyFuture, VerifyReply};
///
/// /// Answers every call with the same body; a real one calls Alibaba Cloud.
/// struct Canned(&'static str);
///
/// impl Verifier for Canned {
///     fn verify<'a>(&'a self, _captcha_verify_param: &'a str) -> VerifyFuture<'a> {
///         Box::pin(async move {
///             Ok::<_, VerifyCallError>(VerifyReply { status: 200, body: self.0.to_owned() })
///         })
///     }
/// }
/// ```
pub trait Verifier: Send + Sync + 'static {
    /// Sends `captcha_verify_param` (exactly as the page's `success` callback produced
    /// it) to VerifyIntelligentCaptcha. Return the HTTP status and the body as received,
    /// whatever they are; return an error only when no answer arrived (the connection
    /// failed, the SDK gave up).
    fn verify<'a>(&'a self, captcha_verify_param: &'a str) -> VerifyFuture<'a>;
}

/// What VerifyIntelligentCaptcha answered: its HTTP status and its body, unparsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReply {
    /// The HTTP status of the answer, such as 200 or 400.
    pub status: u16,
    /// The body as received: a verification result, an OpenAPI error body, or anything
    /// else a broken proxy might send.
    pub body: String,
}

/// No answer came back from VerifyIntelligentCaptcha: the call itself failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyCallError {
    message: String,
}

impl VerifyCallError {
    /// An error saying what went wrong, such as "connection refused".
    pub fn new(message: impl fmt::Display) -> Self {
        VerifyCallError {
            message: message.to_string(),
        }
    }
}

impl fmt::Display for VerifyCallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for VerifyCallError {}
