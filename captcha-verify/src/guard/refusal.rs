//! What a refused caller sees. Pure: an outcome and a decision in, a [`Refusal`] out, and a
//! refusal plus a [`Disclosure`] setting in, a status, headers and a problem body out.
//!
//! Refusals a person can act on say what to do ([`Refusal::SolveAgain`],
//! [`Refusal::StartOver`], [`Refusal::SlowDown`]). Every other refusal is opaque by default:
//! one body per status and language, byte-identical but for the correlation id, so a bot
//! cannot learn which of its signals fired, and nothing Alibaba wrote reaches it.
//!
//! The words a refused person reads come from one place, the verify catalog's
//! [`UserMessage`] table: each refusal is the row of the same name
//! ([`Refusal::user_message`]), whose `title` and `detail` the body carries in the
//! [`Locale`] negotiated from the request's `Accept-Language`.

use captcha_errors::verify::{Action, UserMessage};
use captcha_errors::Locale;
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

    /// The refusal for an outcome the policy did not allow. A refused verification gets
    /// the refusal named as the [`UserMessage`] the catalog pairs with the code's action
    /// ([`Action::user_message`]); a code without an action (unknown to the catalog), or
    /// an action paired with no message, gets [`Refusal::Forbidden`].
    pub fn for_outcome(outcome: &Outcome, decision: Decision) -> Refusal {
        match (outcome, decision) {
            (_, Decision::RefuseTestMode) => Refusal::Internal,
            (Outcome::Refused(refused), _) => refused
                .action
                .and_then(Action::user_message)
                .and_then(Refusal::from_user_message)
                // An attack, a mangled parameter, an unknown code (and a future action word)
                // look the same from outside.
                .unwrap_or(Refusal::Forbidden),
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

    /// The refusal whose name ([`Self::as_str`]) is the message's name, if there is one.
    pub fn from_user_message(message: UserMessage) -> Option<Refusal> {
        Refusal::ALL
            .iter()
            .copied()
            .find(|refusal| refusal.as_str() == message.name())
    }

    /// The catalog's message for this refusal: the [`UserMessage`] of the same name, whose
    /// `title` and `detail` the body carries.
    pub const fn user_message(self) -> UserMessage {
        match self {
            Refusal::Missing => UserMessage::CaptchaMissing,
            Refusal::TooLarge => UserMessage::BodyTooLarge,
            Refusal::SolveAgain => UserMessage::SolveAgain,
            Refusal::StartOver => UserMessage::StartOver,
            Refusal::SlowDown => UserMessage::TooManyAttempts,
            Refusal::Forbidden => UserMessage::Forbidden,
            Refusal::Internal => UserMessage::Internal,
            Refusal::Unavailable => UserMessage::Unavailable,
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

    /// The problem's `title` in English, for the person in front of the page: the title of
    /// its [`UserMessage`]; [`Self::title_in`] gives it in another locale.
    pub const fn title(self) -> &'static str {
        self.user_message().title()
    }

    /// The problem's `title` in `locale` (the catalog's translation).
    pub const fn title_in(self, locale: Locale) -> &'static str {
        self.user_message().title_in(locale)
    }

    /// The problem's `detail` in `locale`: one more sentence saying what to do next.
    pub const fn detail_in(self, locale: Locale) -> &'static str {
        self.user_message().detail_in(locale)
    }

    /// The opaque body the guard sends for this refusal in `locale`, as a JSON object:
    /// `type`, `title`, `status`, `detail` (both texts in `locale`) and `correlationId`.
    /// It depends on nothing but the refusal and the locale, so for one status and locale
    /// every opaque body is byte-identical but for `correlationId`. The response carries
    /// `Content-Language: <locale's tag>` and `Vary: Accept-Language` with it.
    pub fn problem_in(self, locale: Locale, correlation_id: &str) -> Value {
        json!({
            "type": self.type_uri(),
            "title": self.title_in(locale),
            "status": self.status(),
            "detail": self.detail_in(locale),
            "correlationId": correlation_id,
        })
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

/// The problem body of a refusal in `locale`.
pub(crate) fn body(
    refusal: Refusal,
    locale: Locale,
    disclosure: Disclosure,
    correlation_id: &str,
    details: &Details<'_>,
) -> Value {
    let mut body = refusal.problem_in(locale, correlation_id);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_is_the_user_message_of_its_name() {
        assert_eq!(Refusal::ALL.len(), UserMessage::ALL.len());
        for &refusal in Refusal::ALL {
            let message = refusal.user_message();
            assert_eq!(message.name(), refusal.as_str());
            assert_eq!(Refusal::from_user_message(message), Some(refusal));
            assert_eq!(refusal.title(), message.title());
            for &locale in Locale::ALL {
                assert_eq!(refusal.title_in(locale), message.title_in(locale));
                assert_eq!(refusal.detail_in(locale), message.detail_in(locale));
            }
        }
    }

    #[test]
    fn the_english_titles_are_unchanged() {
        let titles: Vec<&str> = Refusal::ALL.iter().map(|refusal| refusal.title()).collect();
        assert_eq!(
            titles,
            [
                "Please complete the captcha.",
                "The request is too large.",
                "Please solve a new captcha and try again.",
                "Please reload the page and start again.",
                "Too many attempts. Please wait and try again.",
                "The request was refused.",
                "The request could not be completed.",
                "The service is unavailable. Please try again later.",
            ]
        );
    }

    #[test]
    fn the_body_is_the_refusal_in_the_locale_and_detailed_adds_the_facts() {
        let details = Details {
            code: Some("F008"),
            action: Some("retry-captcha"),
            request_id: Some("req-1"),
        };
        for &locale in Locale::ALL {
            let opaque = body(
                Refusal::SolveAgain,
                locale,
                Disclosure::Opaque,
                "id",
                &details,
            );
            assert_eq!(opaque, Refusal::SolveAgain.problem_in(locale, "id"));
            assert_eq!(opaque["title"], UserMessage::SolveAgain.title_in(locale));
            assert_eq!(opaque["detail"], UserMessage::SolveAgain.detail_in(locale));
            assert_eq!(opaque["status"], 400);
            assert!(opaque.get("code").is_none());
            let detailed = body(
                Refusal::SolveAgain,
                locale,
                Disclosure::Detailed,
                "id",
                &details,
            );
            assert_eq!(detailed["title"], opaque["title"]);
            assert_eq!(detailed["code"], "F008");
            assert_eq!(detailed["action"], "retry-captcha");
            assert_eq!(detailed["requestId"], "req-1");
        }
    }
}
