//! What one call of VerifyIntelligentCaptcha came to: the user [passed](Outcome::Passed),
//! the verification was [refused](Outcome::Refused), the API answered with [an
//! error](Outcome::ApiError), or no usable answer arrived ([unavailable](Outcome::Unavailable)).
//! [`Outcome::from_response`] reads an answer with `captcha-errors`' body parsers; it is pure,
//! so every status and body maps to an outcome in tests without a network.

use std::fmt;

use captcha_errors::api::{ApiError, ErrorBody};
use captcha_errors::verify::{Action, Verdict, VerifyCode, VerifyResponse};
use captcha_errors::Wire;

/// The outcome of one verification call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Alibaba says the user passed (`VerifyResult` true).
    Passed(Passed),
    /// Alibaba says the verification failed (`VerifyResult` false); the code says why.
    Refused(Refused),
    /// The call itself was refused: an OpenAPI error body with a non-2xx status.
    ApiError(ApiFailure),
    /// No usable answer: a timeout, a failed connection, an unreadable body or an
    /// unexpected HTTP status.
    Unavailable(Unavailable),
}

/// A verification the user passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passed {
    /// `Result.VerifyCode`, such as `T001`.
    pub code: Wire<VerifyCode>,
    /// `Result.CertifyId`; empty if the answer has none.
    pub certify_id: String,
    /// Alibaba's `RequestId`, for its support.
    pub request_id: String,
}

/// A verification Alibaba refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// `Result.VerifyCode`, such as `F008`.
    pub code: Wire<VerifyCode>,
    /// What the verify catalog recommends for the code; `None` for a code it does not know.
    pub action: Option<Action>,
    /// `Result.CertifyId`; empty if the answer has none.
    pub certify_id: String,
    /// Alibaba's `RequestId`.
    pub request_id: String,
}

/// An error answer of the API itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiFailure {
    /// The body's `Code`.
    pub code: Wire<ApiError>,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The body's `RequestId`, if it has one.
    pub request_id: Option<String>,
}

/// Why no usable answer arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnavailableKind {
    /// The overall timeout ran out (the request may have reached Alibaba).
    Timeout,
    /// No connection could be made (the request never left).
    Connect,
    /// The connection broke before a whole answer arrived.
    Interrupted,
    /// A 2xx answer whose body is not a verification result.
    UnreadableBody,
    /// A status that is neither 2xx nor carries an OpenAPI error body.
    UnexpectedStatus,
}

impl UnavailableKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [UnavailableKind] = &[
        UnavailableKind::Timeout,
        UnavailableKind::Connect,
        UnavailableKind::Interrupted,
        UnavailableKind::UnreadableBody,
        UnavailableKind::UnexpectedStatus,
    ];

    /// A stable lower-case name, for logs and JSON: `timeout`, `connect`, `interrupted`,
    /// `unreadable-body`, `unexpected-status`.
    pub const fn as_str(self) -> &'static str {
        match self {
            UnavailableKind::Timeout => "timeout",
            UnavailableKind::Connect => "connect",
            UnavailableKind::Interrupted => "interrupted",
            UnavailableKind::UnreadableBody => "unreadable-body",
            UnavailableKind::UnexpectedStatus => "unexpected-status",
        }
    }
}

impl fmt::Display for UnavailableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// No usable answer arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unavailable {
    /// Why.
    pub kind: UnavailableKind,
    /// The HTTP status, when an answer arrived.
    pub status: Option<u16>,
    /// A sentence for logs, written by this crate (it never holds a credential).
    pub detail: String,
}

impl Unavailable {
    /// An outcome of `kind` with a detail sentence.
    pub fn new(kind: UnavailableKind, status: Option<u16>, detail: impl Into<String>) -> Self {
        Unavailable {
            kind,
            status,
            detail: detail.into(),
        }
    }
}

impl Outcome {
    /// Reads an answer: its HTTP status and its body as received.
    ///
    /// - A 2xx answer with a verification result is [`Passed`](Outcome::Passed) when
    ///   `VerifyResult` is true and the code is not a known failure, else
    ///   [`Refused`](Outcome::Refused).
    /// - A 2xx answer with an OpenAPI error body, or any other status with one, is an
    ///   [`ApiError`](Outcome::ApiError).
    /// - Anything else is [`Unavailable`](Outcome::Unavailable): an unreadable body, or an
    ///   unexpected status.
    ///
    /// ```
    /// use captcha_verify::Outcome;
    /// use captcha_errors::verify::VerifyCode;
    ///
    /// let body = br#"{"RequestId":"r1","Code":"Success","Success":true,
    ///   "Result":{"VerifyResult":false,"VerifyCode":"F008","CertifyId":"c1"}}"#;
    /// match Outcome::from_response(200, body) {
    ///     Outcome::Refused(refused) => assert_eq!(refused.code.known(), Some(VerifyCode::F008)),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn from_response(status: u16, body: &[u8]) -> Outcome {
        let text = std::str::from_utf8(body).ok();
        if (200..300).contains(&status) {
            if let Some(response) = text.and_then(|text| VerifyResponse::from_json(text).ok()) {
                return Outcome::from_verify_response(response);
            }
        }
        if let Some(error) = text.and_then(|text| ErrorBody::from_json(text).ok()) {
            return Outcome::ApiError(ApiFailure {
                code: error.code().clone(),
                status,
                request_id: error.request_id().map(str::to_owned),
            });
        }
        if (200..300).contains(&status) {
            Outcome::Unavailable(Unavailable::new(
                UnavailableKind::UnreadableBody,
                Some(status),
                format!(
                    "HTTP {status} with a body of {} bytes that is not a verification result",
                    body.len()
                ),
            ))
        } else {
            Outcome::Unavailable(Unavailable::new(
                UnavailableKind::UnexpectedStatus,
                Some(status),
                format!("HTTP {status} without an Alibaba Cloud error body"),
            ))
        }
    }

    fn from_verify_response(response: VerifyResponse) -> Outcome {
        let code = response.verify_code().clone();
        let certify_id = response.certify_id().to_owned();
        let request_id = response.request_id().to_owned();
        let known_failure = code
            .known()
            .is_some_and(|known| known.verdict() == Verdict::Fail);
        if response.passed() && !known_failure {
            Outcome::Passed(Passed {
                code,
                certify_id,
                request_id,
            })
        } else {
            let action = code.known().map(VerifyCode::action);
            Outcome::Refused(Refused {
                code,
                action,
                certify_id,
                request_id,
            })
        }
    }

    /// The outcome's name as the command line prints it: `passed`, `refused`, `api-error`
    /// or `unavailable`.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Passed(_) => "passed",
            Outcome::Refused(_) => "refused",
            Outcome::ApiError(_) => "api-error",
            Outcome::Unavailable(_) => "unavailable",
        }
    }

    /// Alibaba's request id, when an answer carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Outcome::Passed(passed) => Some(&passed.request_id),
            Outcome::Refused(refused) => Some(&refused.request_id),
            Outcome::ApiError(failure) => failure.request_id.as_deref(),
            Outcome::Unavailable(_) => None,
        }
    }

    /// The code of the answer: the VerifyCode of a verification, the API error code of an
    /// error; `None` when no answer was read.
    pub fn code(&self) -> Option<&str> {
        match self {
            Outcome::Passed(passed) => Some(passed.code.as_str()),
            Outcome::Refused(refused) => Some(refused.code.as_str()),
            Outcome::ApiError(failure) => Some(failure.code.as_str()),
            Outcome::Unavailable(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify_body(code: &str, result: bool) -> String {
        format!(
            r#"{{"RequestId":"req-1","Success":true,"Code":"Success","Message":"success","Result":{{"VerifyResult":{result},"VerifyCode":"{code}","CertifyId":"cert-1"}}}}"#
        )
    }

    #[test]
    fn a_verify_result_with_a_failing_code_never_passes() {
        let outcome = Outcome::from_response(200, verify_body("F001", true).as_bytes());
        assert!(matches!(outcome, Outcome::Refused(_)), "{outcome:?}");
        let outcome = Outcome::from_response(200, verify_body("T999", true).as_bytes());
        match outcome {
            Outcome::Passed(passed) => {
                assert_eq!(passed.code.as_str(), "T999");
                assert_eq!(passed.certify_id, "cert-1");
                assert_eq!(passed.request_id, "req-1");
            }
            other => panic!("{other:?}"),
        }
        let outcome = Outcome::from_response(200, verify_body("F999", false).as_bytes());
        match outcome {
            Outcome::Refused(refused) => assert_eq!(refused.action, None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn error_bodies_and_other_answers() {
        let body = br#"{"RequestId":"r9","HostId":"h","Code":"Throttling","Message":"m"}"#;
        match Outcome::from_response(400, body) {
            Outcome::ApiError(failure) => {
                assert_eq!(failure.code.known(), Some(ApiError::Throttling));
                assert_eq!(failure.status, 400);
                assert_eq!(failure.request_id.as_deref(), Some("r9"));
            }
            other => panic!("{other:?}"),
        }
        for (status, body, kind) in [
            (200, &b"<html>"[..], UnavailableKind::UnreadableBody),
            (200, &b"\xff\xfe"[..], UnavailableKind::UnreadableBody),
            (502, &b"Bad Gateway"[..], UnavailableKind::UnexpectedStatus),
            (503, &b""[..], UnavailableKind::UnexpectedStatus),
        ] {
            match Outcome::from_response(status, body) {
                Outcome::Unavailable(unavailable) => {
                    assert_eq!(unavailable.kind, kind);
                    assert_eq!(unavailable.status, Some(status));
                }
                other => panic!("{other:?}"),
            }
        }
    }
}
