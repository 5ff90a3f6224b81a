//! A route guard (feature `axum`): [`CaptchaLayer`], a tower layer that verifies the
//! request's `captchaVerifyParam` before the handler runs, and [`VerifiedCaptcha`], the
//! extractor the handler takes.
//!
//! ```
//! use axum::{routing::post, Router};
//! use captcha_verify::guard::{CaptchaLayer, VerifiedCaptcha};
//! use captcha_verify::{Client, Credentials, Policy, SceneId};
//!
//! async fn login(captcha: VerifiedCaptcha, body: String) -> String {
//!     format!("passed as {} ({} bytes of body)", captcha.certify_id, body.len())
//! }
//!
//! let client = Client::builder(Credentials::new("id", "secret")).build().unwrap();
//! let scene = SceneId::new("didk33e0").unwrap();
//! let app: Router = Router::new().route(
//!     "/login",
//!     post(login).layer(CaptchaLayer::new(client, Policy::default()).scene(scene)),
//! );
//! ```
//!
//! **Where the parameter is read**, in this order: the header `X-Captcha-Verify-Param`; the
//! member `captchaVerifyParam` of a JSON body (`application/json` or `+json`); the field
//! `captchaVerifyParam` of a form body (`application/x-www-form-urlencoded`). A body is
//! buffered up to [`CaptchaLayer::body_limit`] (64 KiB by default) and handed on unchanged,
//! so the handler reads it as usual. A request without a parameter is refused with 400
//! before any call.
//!
//! **What a refused caller sees** depends on the [`Disclosure`] setting, opaque by default:
//! see [`Refusal`]. Every body is `application/problem+json` with `type`, `title`, `status`,
//! `detail` and `correlationId`; a 429 carries `Retry-After`.
//!
//! [`UserMessage`]: captcha_errors::verify::UserMessage
//! [`UserMessage::CaptchaMissing`]: captcha_errors::verify::UserMessage::CaptchaMissing
//! [`UserMessage::BodyTooLarge`]: captcha_errors::verify::UserMessage::BodyTooLarge
//! [`UserMessage::SolveAgain`]: captcha_errors::verify::UserMessage::SolveAgain
//! [`UserMessage::StartOver`]: captcha_errors::verify::UserMessage::StartOver
//! [`UserMessage::TooManyAttempts`]: captcha_errors::verify::UserMessage::TooManyAttempts
//! [`UserMessage::Forbidden`]: captcha_errors::verify::UserMessage::Forbidden
//! [`UserMessage::Internal`]: captcha_errors::verify::UserMessage::Internal
//! [`UserMessage::Unavailable`]: captcha_errors::verify::UserMessage::Unavailable
//!
//! | refusal | status | `type` ends with | `title` and `detail` |
//! |---|---|---|---|
//! | [`Refusal::Missing`] | 400 | `captcha-missing` | [`UserMessage::CaptchaMissing`] |
//! | [`Refusal::TooLarge`] | 413 | `body-too-large` | [`UserMessage::BodyTooLarge`] |
//! | [`Refusal::SolveAgain`] | 400 | `solve-again` | [`UserMessage::SolveAgain`] |
//! | [`Refusal::StartOver`] | 400 | `start-over` | [`UserMessage::StartOver`] |
//! | [`Refusal::SlowDown`] | 429 | `too-many-attempts` | [`UserMessage::TooManyAttempts`] |
//! | [`Refusal::Forbidden`] | 403 | `forbidden` | [`UserMessage::Forbidden`] |
//! | [`Refusal::Internal`] | 500 | `internal` | [`UserMessage::Internal`] |
//! | [`Refusal::Unavailable`] | 503 | `unavailable` | [`UserMessage::Unavailable`] |
//!
//! **In the reader's language**: `title` and `detail` are the verify catalog's
//! [`UserMessage`] of the refusal's name ([`Refusal::user_message`]), in the [`Locale`] that
//! [`Locale::negotiate`] picks from the request's `Accept-Language` (English when there is
//! none, or it asks for no language the catalog has: `zh-CN,zh;q=0.9` gets `zh-CN`, `zh-HK`
//! gets `zh-TW`). Every refusal says `Content-Language` (`en`, `zh-CN` or `zh-TW`) and
//! `Vary: Accept-Language`. For one status and one locale the opaque bodies stay
//! byte-identical but for the correlation id.
//!
//! **What the logs see**: one `tracing` event per guarded request (target
//! `captcha_verify::guard`; `debug` for a pass, `info` for a refusal of the caller, `warn`
//! for a fault of this service or of the verify service), with these fields:
//!
//! | field | value |
//! |---|---|
//! | `correlation_id` | the id in the refusal body, to match a complaint with its log line |
//! | `captcha.outcome` | `passed`, `refused`, `api-error`, `unavailable` or `missing` |
//! | `captcha.decision` | the [`Decision`]: `pass`, `fail-open`, `refuse`, `refuse-test-mode`, `fail-closed` |
//! | `captcha.code` | the VerifyCode or API error code as received (unknown codes as sent) |
//! | `captcha.action` | the verify catalog's action, or the api catalog's retry word |
//! | `captcha.request_id` | Alibaba's request id |
//! | `captcha.detail` | this crate's sentence for an unavailable verify service |
//! | `captcha.refusal` | the [`Refusal`] sent, such as `solve-again` |
//! | `error.type` | absent on a pass; a code's `metric_label()` (bounded: the catalog's keys and `_OTHER`), an [`UnavailableKind`](crate::UnavailableKind) word, or `captcha-missing` / `body-too-large` |

mod param;
mod refusal;

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use captcha_errors::verify::VerifyCode;
use captcha_errors::{Locale, Wire};

pub use param::{DEFAULT_BODY_LIMIT, PARAM_FIELD, PARAM_HEADER};
pub use refusal::{Disclosure, Refusal};

use crate::client::Client;
use crate::outcome::Outcome;
use crate::policy::{Decision, Policy};
use crate::scene::SceneId;

/// The `Retry-After` a slow-down refusal sends by default, in seconds.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 60;

/// What the handler of a guarded route receives: the verification that let it run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedCaptcha {
    /// `Result.CertifyId`: the page's `UserCertifyId` when it set one; empty when the
    /// answer had none or the policy failed open.
    pub certify_id: String,
    /// The VerifyCode, such as `T001`; `None` when the policy failed open.
    pub code: Option<Wire<VerifyCode>>,
    /// Alibaba's request id; `None` when the policy failed open without an answer.
    pub request_id: Option<String>,
    /// [`Decision::Pass`], or [`Decision::FailOpen`] when the verify service could not be
    /// asked and the policy lets the request through.
    pub decision: Decision,
}

impl<S: Send + Sync> FromRequestParts<S> for VerifiedCaptcha {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<VerifiedCaptcha>() {
            Some(verified) => Ok(verified.clone()),
            None => {
                let correlation_id = correlation_id();
                tracing::error!(
                    correlation_id = %correlation_id,
                    "a handler takes VerifiedCaptcha but its route has no CaptchaLayer"
                );
                Err(problem(
                    Refusal::Internal,
                    locale_of(&parts.headers),
                    Disclosure::Opaque,
                    &correlation_id,
                    &refusal::Details::default(),
                    0,
                ))
            }
        }
    }
}

/// What the guard saw and did, for metrics: passed to [`CaptchaLayer::on_verification`].
#[derive(Clone, Copy, Debug)]
pub struct Verification<'a> {
    /// The outcome of the call; `None` when no parameter was sent (no call was made).
    pub outcome: Option<&'a Outcome>,
    /// The policy's decision; `None` when no call was made.
    pub decision: Option<Decision>,
    /// The refusal sent, if the request was refused.
    pub refusal: Option<Refusal>,
    /// The `error.type` logged: `None` on a pass.
    pub error_type: Option<&'static str>,
}

type Observer = Arc<dyn Fn(&Verification<'_>) + Send + Sync>;

/// The settings of a guard, shared by its services.
#[derive(Clone)]
struct Guard {
    client: Client,
    policy: Policy,
    scene: Option<SceneId>,
    disclosure: Disclosure,
    body_limit: usize,
    retry_after_secs: u32,
    observer: Option<Observer>,
}

/// A tower layer that lets a request through only when its captcha verifies under a
/// [`Policy`]; see the [module docs](self).
#[derive(Clone)]
pub struct CaptchaLayer {
    guard: Arc<Guard>,
}

impl std::fmt::Debug for CaptchaLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptchaLayer")
            .field("client", &self.guard.client)
            .field("policy", &self.guard.policy)
            .field("scene", &self.guard.scene)
            .field("disclosure", &self.guard.disclosure)
            .field("body_limit", &self.guard.body_limit)
            .finish_non_exhaustive()
    }
}

impl CaptchaLayer {
    /// A guard calling `client` and deciding with `policy`; give it the route's scene with
    /// [`scene`](Self::scene) (without one, every request is refused as a configuration
    /// fault, and the log says so).
    pub fn new(client: Client, policy: Policy) -> Self {
        CaptchaLayer {
            guard: Arc::new(Guard {
                client,
                policy,
                scene: None,
                disclosure: Disclosure::default(),
                body_limit: DEFAULT_BODY_LIMIT,
                retry_after_secs: DEFAULT_RETRY_AFTER_SECS,
                observer: None,
            }),
        }
    }

    fn with(self, change: impl FnOnce(&mut Guard)) -> Self {
        let mut guard = Arc::unwrap_or_clone(self.guard);
        change(&mut guard);
        CaptchaLayer {
            guard: Arc::new(guard),
        }
    }

    /// The scene of this route's captcha (one layer per route, one scene per layer).
    pub fn scene(self, scene: SceneId) -> Self {
        self.with(|guard| guard.scene = Some(scene))
    }

    /// What refusals tell the caller; [`Disclosure::Opaque`] by default.
    pub fn disclosure(self, disclosure: Disclosure) -> Self {
        self.with(|guard| guard.disclosure = disclosure)
    }

    /// The largest body buffered to find the parameter ([`DEFAULT_BODY_LIMIT`] by default);
    /// a larger one is refused with 413.
    pub fn body_limit(self, bytes: usize) -> Self {
        self.with(|guard| guard.body_limit = bytes)
    }

    /// The `Retry-After` of a slow-down refusal, in seconds (60 by default).
    pub fn retry_after_secs(self, seconds: u32) -> Self {
        self.with(|guard| guard.retry_after_secs = seconds)
    }

    /// Calls `observer` once per guarded request, after the decision: for metrics.
    pub fn on_verification(
        self,
        observer: impl Fn(&Verification<'_>) + Send + Sync + 'static,
    ) -> Self {
        let observer: Observer = Arc::new(observer);
        self.with(|guard| guard.observer = Some(observer))
    }
}

impl<S> tower::Layer<S> for CaptchaLayer {
    type Service = CaptchaService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CaptchaService {
            inner,
            guard: Arc::clone(&self.guard),
        }
    }
}

/// The service [`CaptchaLayer`] wraps a route in.
#[derive(Clone)]
pub struct CaptchaService<S> {
    inner: S,
    guard: Arc<Guard>,
}

impl<S> std::fmt::Debug for CaptchaService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptchaService").finish_non_exhaustive()
    }
}

impl<S> tower::Service<Request<Body>> for CaptchaService<S>
where
    S: tower::Service<Request<Body>, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // The clone that was driven to readiness handles this request.
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        let guard = Arc::clone(&self.guard);
        Box::pin(async move { Ok(guard.handle(request, inner).await) })
    }
}

impl Guard {
    async fn handle<S>(&self, request: Request<Body>, mut inner: S) -> Response
    where
        S: tower::Service<Request<Body>, Response = Response, Error = Infallible>,
    {
        let locale = locale_of(request.headers());
        let (request, param) = match param::take(request, self.body_limit).await {
            Ok(found) => found,
            Err(refusal) => return self.refuse_without_call(refusal, locale),
        };
        let Some(scene) = &self.scene else {
            let correlation_id = correlation_id();
            tracing::warn!(
                correlation_id = %correlation_id,
                "error.type" = "no-scene",
                "CaptchaLayer has no scene: call .scene(SceneId) when building it"
            );
            return problem(
                Refusal::Internal,
                locale,
                self.disclosure,
                &correlation_id,
                &refusal::Details::default(),
                0,
            );
        };
        let outcome = self.client.verify(scene, &param).await;
        let decision = self.policy.decide(&outcome);
        if decision.allows() {
            self.log_allowed(&outcome, decision);
            self.observe(Some(&outcome), Some(decision), None, None);
            let mut request = request;
            request.extensions_mut().insert(verified(outcome, decision));
            return match inner.call(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
        }
        let refusal = Refusal::for_outcome(&outcome, decision);
        let correlation_id = correlation_id();
        let error_type = error_type(&outcome);
        self.log_refused(&outcome, decision, refusal, &correlation_id, error_type);
        self.observe(
            Some(&outcome),
            Some(decision),
            Some(refusal),
            Some(error_type),
        );
        problem(
            refusal,
            locale,
            self.disclosure,
            &correlation_id,
            &refusal::Details::of(&outcome),
            self.retry_after_secs,
        )
    }

    fn refuse_without_call(&self, refusal: Refusal, locale: Locale) -> Response {
        let correlation_id = correlation_id();
        let error_type = refusal.as_str();
        tracing::info!(
            correlation_id = %correlation_id,
            captcha.outcome = "missing",
            captcha.refusal = refusal.as_str(),
            "error.type" = error_type,
            "captcha refused before verification"
        );
        self.observe(None, None, Some(refusal), Some(error_type));
        problem(
            refusal,
            locale,
            self.disclosure,
            &correlation_id,
            &refusal::Details::default(),
            self.retry_after_secs,
        )
    }

    fn observe(
        &self,
        outcome: Option<&Outcome>,
        decision: Option<Decision>,
        refusal: Option<Refusal>,
        error_type: Option<&'static str>,
    ) {
        if let Some(observer) = &self.observer {
            observer(&Verification {
                outcome,
                decision,
                refusal,
                error_type,
            });
        }
    }

    fn log_allowed(&self, outcome: &Outcome, decision: Decision) {
        let details = refusal::Details::of(outcome);
        if decision == Decision::FailOpen {
            tracing::warn!(
                captcha.outcome = outcome.name(),
                captcha.decision = decision.as_str(),
                captcha.code = details.code,
                captcha.request_id = details.request_id,
                captcha.detail = unavailable_detail(outcome),
                "error.type" = error_type(outcome),
                "captcha not verified; the policy fails open"
            );
        } else {
            tracing::debug!(
                captcha.outcome = outcome.name(),
                captcha.decision = decision.as_str(),
                captcha.code = details.code,
                captcha.request_id = details.request_id,
                "captcha passed"
            );
        }
    }

    fn log_refused(
        &self,
        outcome: &Outcome,
        decision: Decision,
        refusal: Refusal,
        correlation_id: &str,
        error_type: &'static str,
    ) {
        let details = refusal::Details::of(outcome);
        macro_rules! event {
            ($level:ident, $message:literal) => {
                tracing::$level!(
                    correlation_id = %correlation_id,
                    captcha.outcome = outcome.name(),
                    captcha.decision = decision.as_str(),
                    captcha.code = details.code,
                    captcha.action = details.action,
                    captcha.request_id = details.request_id,
                    captcha.detail = unavailable_detail(outcome),
                    captcha.refusal = refusal.as_str(),
                    "error.type" = error_type,
                    $message
                )
            };
        }
        match refusal {
            Refusal::Internal | Refusal::Unavailable => event!(warn, "captcha request refused"),
            _ => event!(info, "captcha request refused"),
        }
    }
}

fn unavailable_detail(outcome: &Outcome) -> Option<&str> {
    match outcome {
        Outcome::Unavailable(unavailable) => Some(unavailable.detail.as_str()),
        _ => None,
    }
}

/// The bounded `error.type` of an outcome that is not a pass.
fn error_type(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Passed(passed) => passed.code.metric_label(),
        Outcome::Refused(refused) => refused.code.metric_label(),
        Outcome::ApiError(failure) => failure.code.metric_label(),
        Outcome::Unavailable(unavailable) => unavailable.kind.as_str(),
    }
}

fn verified(outcome: Outcome, decision: Decision) -> VerifiedCaptcha {
    match outcome {
        Outcome::Passed(passed) => VerifiedCaptcha {
            certify_id: passed.certify_id,
            code: Some(passed.code),
            request_id: Some(passed.request_id),
            decision,
        },
        other => VerifiedCaptcha {
            certify_id: String::new(),
            code: None,
            request_id: other.request_id().map(str::to_owned),
            decision,
        },
    }
}

/// A fresh correlation id: 16 random bytes as hex (a counter if the OS source fails).
fn correlation_id() -> String {
    crate::request::new_nonce().unwrap_or_else(|_| {
        static FALLBACK: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        format!(
            "{:032x}",
            FALLBACK.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        )
    })
}

/// The locale a request's `Accept-Language` asks for, as the guard negotiates a refusal's;
/// English without one (or with one that is not visible ASCII).
pub fn locale_of(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Locale::En, Locale::negotiate)
}

/// Adds `Accept-Language` to the response's `Vary`, keeping what is there: nothing is added
/// when a `Vary` already names it or is `*`.
fn vary_on_accept_language(headers: &mut HeaderMap) {
    let named = headers
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .any(|name| name == "*" || name.eq_ignore_ascii_case("accept-language"));
    if !named {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    }
}

/// Says on a response that it speaks `locale`, chosen from the request's
/// `Accept-Language`: `Content-Language: <tag>`, and `Accept-Language` added to `Vary`
/// (keeping what `Vary` already names).
pub fn set_language(headers: &mut HeaderMap, locale: Locale) {
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.tag()),
    );
    vary_on_accept_language(headers);
}

fn problem(
    refusal: Refusal,
    locale: Locale,
    disclosure: Disclosure,
    correlation_id: &str,
    details: &refusal::Details<'_>,
    retry_after_secs: u32,
) -> Response {
    let body = refusal::body(refusal, locale, disclosure, correlation_id, details).to_string();
    let status =
        StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    set_language(headers, locale);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if refusal == Refusal::SlowDown {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vary(existing: &[&'static str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for value in existing {
            headers.append(header::VARY, HeaderValue::from_static(value));
        }
        vary_on_accept_language(&mut headers);
        headers
            .get_all(header::VARY)
            .iter()
            .map(|value| value.to_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn accept_language_is_added_to_vary_once_and_nothing_is_dropped() {
        assert_eq!(vary(&[]), ["Accept-Language"]);
        assert_eq!(vary(&["origin"]), ["origin", "Accept-Language"]);
        assert_eq!(
            vary(&["Origin, Accept-Encoding"]),
            ["Origin, Accept-Encoding", "Accept-Language"]
        );
        assert_eq!(
            vary(&["Origin,Accept-Language"]),
            ["Origin,Accept-Language"]
        );
        assert_eq!(
            vary(&["origin", "ACCEPT-LANGUAGE"]),
            ["origin", "ACCEPT-LANGUAGE"]
        );
        assert_eq!(vary(&["*"]), ["*"]);
    }

    #[test]
    fn the_locale_is_negotiated_from_accept_language() {
        let locale = |value: Option<&'static str>| {
            let mut headers = HeaderMap::new();
            if let Some(value) = value {
                headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static(value));
            }
            locale_of(&headers)
        };
        assert_eq!(locale(None), Locale::En);
        assert_eq!(locale(Some("zh-CN,zh;q=0.9")), Locale::ZhCn);
        assert_eq!(locale(Some("zh-HK")), Locale::ZhTw);
        assert_eq!(locale(Some("en-US")), Locale::En);
        assert_eq!(locale(Some(";;==,q=zh")), Locale::En);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_bytes(b"zh-TW\xff").unwrap(),
        );
        assert_eq!(locale_of(&headers), Locale::En, "not visible ASCII");
    }
}
