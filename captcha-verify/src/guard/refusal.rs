//! What a refused caller sees. Pure: an outcome and a decision in, a [`Refusal`] out, and a
//! refusal plus a [`Disclosure`] setting in, a status, headers and a problem body out.
//!
//! Refusals a person can act on say what to do ([`Refusal::SolveAgain`],
//! [`Refusal::StartOver`], [`Refusal::SlowDown`]). Every other refusal is opaque by default:
//! one body per status, byte-identical but for the correlation id, so a bot cannot learn
//! which of its signals fired, and nothing Alibaba wrote reaches it.

use captcha_errors::verify::Action;
use serde_json::{json, Value};

use crate::outcome::Outcome;
use crate::policy::Decision;

/// How much a refusal tells the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Disclosure {
    /// The default: refusals a person can act on say what to do; every other refusal is one
    /// fixed body per status. No VerifyCode, action word or upstream text is sent.
    #[default]
    Opaque,
    /// For development and internal callers: the opaque bodies plus the VerifyCode or API
    /// error code, the catalog's action or retry word and Alibaba's request id.
    Detailed,
}

/// Why a request is refused, as the caller is told it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// No `captchaVerifyParam` in the header, the JSON body or the form: 400.
    Missing,
    /// The body is larger than the guard buffers: 413.
    TooLarge,
    /// Solve a fresh captcha (the catalog's `retry-captcha`): 400.
    SolveAgain,
    /// Start again from a new captcha (the catalog's `reinitialize`): 400.
    StartOver,
    /// Too many attempts; wait (the catalog's `slow-down`): 429 with `Retry-After`.
    SlowDown,
    /// Opaque: a suspected attack, a parameter the integration mangled, or a code the
    /// catalog does not know: 403.
    Forbidden,
    /// Opaque: a fault of this service's configuration (a console setting, a test-mode
    /// pass, a key or parameter Alibaba refuses): 500.
    Internal,
    /// Opaque: the verify service could not be asked (timeout, transient API error): 503.
    Unavailable,
}

impl Refusal {
    /// Every refusal, in declaration order.
    pub const ALL: &'static [Refusal] = &[
        Refusal::Missing,
        Refusal::TooLarge,
        Refusal::SolveAgain,
        Refusal::StartOver,
        Refusal::SlowDown,
        Refusal::Forbidden,
        Refusal::Internal,
        Refusal::Unavailable,
    ];

    /// The refusal for an outcome the policy did not allow.
    pub fn for_outcome(outcome: &Outcome, decision: Decision) -> Refusal {
        match (outcome, decision) {
            (_, Decision::RefuseTestMode) => Refusal::Internal,
            (Outcome::Refused(refused), _) => match refused.action {
                Some(Action::RetryCaptcha) => Refusal::SolveAgain,
                Some(Action::Reinitialize) => Refusal::StartOver,
                Some(Action::SlowDown) => Refusal::SlowDown,
                Some(Action::FixConfiguration) => Refusal::Internal,
                // An attack, a mangled parameter, an unknown code (and a future action word)
                // look the same from outside.
                _ => Refusal::Forbidden,
            },
            (Outcome::ApiError(failure), _) => {
                if failure
                    .code
                    .known()
                    .is_some_and(|code| code.retry() == captcha_errors::api::Retry::Backoff)
                {
                    Refusal::Unavailable
                } else {
                    Refusal::Internal
                }
            }
            (Outcome::Unavailable(_), _) => Refusal::Unavailable,
            // A pass is only refused for test mode, handled above.
            (Outcome::Passed(_), _) => Refusal::Internal,
        }
    }

    /// The HTTP status.
    pub const fn status(self) -> u16 {
        match self {
            Refusal::Missing | Refusal::SolveAgain | Refusal::StartOver => 400,
            Refusal::TooLarge => 413,
            Refusal::SlowDown => 429,
            Refusal::Forbidden => 403,
            Refusal::Internal => 500,
            Refusal::Unavailable => 503,
        }
    }

    /// Whether the body tells a person what to do (else it is one of the opaque bodies).
    pub const fn is_actionable(self) -> bool {
        matches!(
            self,
            Refusal::Missing
                | Refusal::TooLarge
                | Refusal::SolveAgain
                | Refusal::StartOver
                | Refusal::SlowDown
        )
    }

    /// The problem's `type`: a stable URI reference.
    pub const fn type_uri(self) -> &'static str {
        match self {
            Refusal::Missing => "urn:captcha-verify:problem:captcha-missing",
            Refusal::TooLarge => "urn:captcha-verify:problem:body-too-large",
            Refusal::SolveAgain => "urn:captcha-verify:problem:solve-again",
            Refusal::StartOver => "urn:captcha-verify:problem:start-over",
            Refusal::SlowDown => "urn:captcha-verify:problem:too-many-attempts",
            Refusal::Forbidden => "urn:captcha-verify:problem:forbidden",
            Refusal::Internal => "urn:captcha-verify:problem:internal",
            Refusal::Unavailable => "urn:captcha-verify:problem:unavailable",
        }
    }

    /// The problem's `title`, for the person in front of the page.
    pub const fn title(self) -> &'static str {
        match self {
            Refusal::Missing => "Please complete the captcha.",
            Refusal::TooLarge => "The request is too large.",
            Refusal::SolveAgain => "Please solve a new captcha and try again.",
            Refusal::StartOver => "Please reload the page and start again.",
            Refusal::SlowDown => "Too many attempts. Please wait and try again.",
            Refusal::Forbidden => "The request was refused.",
            Refusal::Internal => "The request could not be completed.",
            Refusal::Unavailable => "The service is unavailable. Please try again later.",
        }
    }

    /// A stable lower-case name, for logs: `captcha-missing`, `solve-again`, ...
    pub fn as_str(self) -> &'static str {
        self.type_uri().rsplit(':').next().unwrap_or_default()
    }
}

/// The catalog facts a detailed body adds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Details<'a> {
    pub(crate) code: Option<&'a str>,
    pub(crate) action: Option<&'a str>,
    pub(crate) request_id: Option<&'a str>,
}

impl<'a> Details<'a> {
    pub(crate) fn of(outcome: &'a Outcome) -> Self {
        let action = match outcome {
            Outcome::Refused(refused) => refused.action.map(Action::as_str),
            Outcome::ApiError(failure) => failure.code.known().map(|code| code.retry().as_str()),
            _ => None,
        };
        Details {
            code: outcome.code(),
            action,
            request_id: outcome.request_id(),
        }
    }
}

/// The problem body of a refusal.
pub(crate) fn body(
    refusal: Refusal,
    disclosure: Disclosure,
    correlation_id: &str,
    details: &Details<'_>,
) -> Value {
    let mut body = json!({
        "type": refusal.type_uri(),
        "title": refusal.title(),
        "status": refusal.status(),
        "correlationId": correlation_id,
    });
    if disclosure == Disclosure::Detailed {
        if let Some(object) = body.as_object_mut() {
            for (name, value) in [
                ("code", details.code),
                ("action", details.action),
                ("requestId", details.request_id),
            ] {
                if let Some(value) = value {
                    object.insert(name.to_owned(), Value::from(value));
                }
            }
        }
    }
    body
}
