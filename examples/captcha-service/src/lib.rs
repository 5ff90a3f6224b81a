//! An example axum service built on `captcha-errors`, small enough to copy.
//!
//! - On start it reads its captcha config (one JSON object holding the page's
//!   `AliyunCaptchaConfig` globals and `initAliyunCaptcha` options, as
//!   [`captcha_errors::json::validate_json`] takes it), validates it, and refuses to start
//!   with every problem listed if any is an error ([`ServiceError::InvalidConfig`]).
//! - `GET /captcha/config` answers `{ "globals": {...}, "options": {...} }`, ready for
//!   `window.AliyunCaptchaConfig = globals` and `initAliyunCaptcha({ ...options, success,
//!   onError, ... })`.
//! - `POST /captcha/client-error` takes what the page's `onError` forwards (`{code, msg}`),
//!   logs the typed code with `tracing`, keeps the last [`RECENT_CLIENT_ERRORS`]
//!   ([`CaptchaService::client_errors`]) and answers `204 No Content`.
//! - `POST /login` takes `{ "username": ..., "captchaVerifyParam": ... }`, has a
//!   [`Verifier`] call VerifyIntelligentCaptcha (your SDK does the signed call), and
//!   answers `200 { "ok": true, "certifyId": ... }` when the user passed.
//!
//! Every failure is an RFC 9457 `application/problem+json` body with `type`, `title`,
//! `status`, `detail` and, for a Captcha code, `code` and the catalog's words (`verdict`,
//! `action` or `retry`). The statuses of `/login`:
//!
//! | What came back | Status |
//! | --- | --- |
//! | `VerifyResult` true, a pass code (or one the catalog does not know yet) | 200 |
//! | a fail code whose action is `retry-captcha` (F007, F008, F015, ...) | 400: show a fresh captcha |
//! | `reinitialize` (F014, F019) | 400: initialize the captcha again |
//! | `fix-integration` (F002, F003, F013, ...) | 400: the param was unusable (a broken page, or a forged request) |
//! | `slow-down` (F010, F011) | 429 |
//! | `treat-as-attack` (F001, F009, F017, F024, F025) | 403 |
//! | `fix-configuration` (F004, F005, F006, F016) | 500: the console needs a fix, not the user |
//! | an unknown `VerifyCode` with `VerifyResult` false, or a pass code with it false | 403 |
//! | an OpenAPI error body (`MissingParameter`, `Throttling`, ...) | 503 if the catalog's retry is `backoff`, else 502 |
//! | a body that is neither, or no answer at all | 502 |
//! | no answer within the verify timeout ([`CaptchaService::with_verify_timeout`]) | 504 |
//! | a request body that is not the JSON above, or an empty `captchaVerifyParam` | 400 |
//!
//! The front end reads the problem's `action` member to decide what to show; see
//! [`refusal_status`] to change a status. The body names the `VerifyCode`: in production
//! you may prefer to tell a suspected bot less (drop `code`, `verdict`, `detail`).
//!
//! ```no_run
//! use std::sync::Arc;
//! use captcha_service::{CaptchaService, Verifier, VerifyCallError, VerifyFuture};
//!
//! struct MySdk; // wraps your Alibaba Cloud SDK client
//!
//! impl Verifier for MySdk {
//!     fn verify<'a>(&'a self, _captcha_verify_param: &'a str) -> VerifyFuture<'a> {
//!         Box::pin(async { Err(VerifyCallError::new("call VerifyIntelligentCaptcha here")) })
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let service = CaptchaService::load("captcha.json", Arc::new(MySdk))?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! service.serve(listener, async { tokio::signal::ctrl_c().await.ok(); }).await?;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod verifier;

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use captcha_errors::api::{ApiError, ErrorBody, Retry};
use captcha_errors::init::ClientError;
use captcha_errors::json::validate_json;
use captcha_errors::problem_details::{self, ProblemDetails};
use captcha_errors::verify::{Action, Verdict, VerifyResponse};
use captcha_errors::{Severity, Wire};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::net::TcpListener;

pub use verifier::{Verifier, VerifyCallError, VerifyFuture, VerifyReply};

/// How many `onError` payloads [`CaptchaService::client_errors`] keeps, newest last.
pub const RECENT_CLIENT_ERRORS: usize = 100;

/// How long `/login` waits for the [`Verifier`] unless told otherwise.
pub const DEFAULT_VERIFY_TIMEOUT: Duration = Duration::from_secs(10);

/// The service: a validated captcha config, a verifier, and the recent `onError`
/// payloads. Cheap to clone; clones share the recent payloads.
#[derive(Clone)]
pub struct CaptchaService {
    page_config: Arc<Value>,
    warnings: Arc<[ConfigProblem]>,
    verifier: Arc<dyn Verifier>,
    verify_timeout: Duration,
    type_base: Option<Arc<str>>,
    client_errors: Arc<Mutex<VecDeque<ClientError>>>,
}

impl CaptchaService {
    /// Reads and validates the config file at `path`; fails with every problem listed
    /// if any is an error. Warnings are logged and kept ([`Self::warnings`]).
    pub fn load(path: impl AsRef<Path>, verifier: Arc<dyn Verifier>) -> Result<Self, ServiceError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| ServiceError::ReadConfig {
            path: path.to_owned(),
            source,
        })?;
        let config: Value =
            serde_json::from_str(&text).map_err(|source| ServiceError::ParseConfig {
                path: path.to_owned(),
                source,
            })?;
        Self::build(&config, Some(path), verifier)
    }

    /// Validates a config already in memory, as [`Self::load`] does with a file.
    pub fn from_config(config: &Value, verifier: Arc<dyn Verifier>) -> Result<Self, ServiceError> {
        Self::build(config, None, verifier)
    }

    fn build(
        config: &Value,
        path: Option<&Path>,
        verifier: Arc<dyn Verifier>,
    ) -> Result<Self, ServiceError> {
        let report = validate_json(config);
        let problems: Vec<ConfigProblem> = report
            .problems()
            .map(|problem| ConfigProblem {
                severity: problem.severity(),
                message: problem.to_string(),
            })
            .collect();
        let (Some(globals), Some(options)) = (report.globals(), report.init_options()) else {
            return Err(ServiceError::InvalidConfig {
                path: path.map(Path::to_owned),
                problems,
            });
        };
        for warning in &problems {
            tracing::warn!(%warning, "captcha config");
        }
        Ok(CaptchaService {
            page_config: Arc::new(json!({ "globals": globals, "options": options })),
            warnings: problems.into(),
            verifier,
            verify_timeout: DEFAULT_VERIFY_TIMEOUT,
            type_base: None,
            client_errors: Arc::default(),
        })
    }

    /// Gives up on a verification after `timeout` and answers 504.
    pub fn with_verify_timeout(mut self, timeout: Duration) -> Self {
        self.verify_timeout = timeout;
        self
    }

    /// Puts `base` (such as `"https://example.com/captcha-errors/"`) before the `type` of
    /// every problem built from a catalog row, whose `type` is otherwise relative to the
    /// repository (`docs/verify.md#code-f008`). RFC 9457 resolves a relative `type`
    /// against the request's URL, so set this when you publish the docs.
    pub fn with_problem_type_base(mut self, base: impl Into<String>) -> Self {
        self.type_base = Some(base.into().into());
        self
    }

    /// What `GET /captcha/config` answers: `{ "globals": {...}, "options": {...} }`.
    pub fn page_config(&self) -> &Value {
        &self.page_config
    }

    /// The config's warnings (an unknown key, an unusual `prefix`, ...).
    pub fn warnings(&self) -> &[ConfigProblem] {
        &self.warnings
    }

    /// The last [`RECENT_CLIENT_ERRORS`] payloads `POST /captcha/client-error` received,
    /// oldest first.
    pub fn client_errors(&self) -> Vec<ClientError> {
        self.recent().iter().cloned().collect()
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, VecDeque<ClientError>> {
        // A panic while holding the lock cannot leave the queue half-written.
        self.client_errors
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The routes, to serve or to nest in a larger router.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/captcha/config", get(page_config))
            .route("/captcha/client-error", post(client_error))
            .route("/login", post(login))
            // Real bodies are well under a kilobyte; the parsers refuse more than this.
            .layer(DefaultBodyLimit::max(captcha_errors::MAX_BODY_LEN))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then finishes the requests in
    /// flight.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> io::Result<()> {
        axum::serve(listener, self.router())
            .with_graceful_shutdown(shutdown)
            .await
    }
}

/// Loads the config at `config_path` (refusing to start if it has errors) and serves on
/// `listener` until Ctrl-C.
pub async fn serve(
    config_path: impl AsRef<Path>,
    listener: TcpListener,
    verifier: Arc<dyn Verifier>,
) -> Result<(), ServiceError> {
    let service = CaptchaService::load(config_path, verifier)?;
    service
        .serve(listener, ctrl_c())
        .await
        .map_err(ServiceError::Serve)
}

/// Completes on Ctrl-C; never, if no signal handler can be installed.
pub async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// One problem of the captcha config, as the validator reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigProblem {
    /// An error keeps the service from starting; a warning does not.
    pub severity: Severity,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for ConfigProblem {
    /// Writes `error: ...` or `warning: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.message)
    }
}

/// Why the service did not start or stopped.
#[derive(Debug)]
#[non_exhaustive]
pub enum ServiceError {
    /// The config file could not be read.
    ReadConfig {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The config file is not JSON.
    ParseConfig {
        /// The file.
        path: PathBuf,
        /// Where and why.
        source: serde_json::Error,
    },
    /// The config has at least one error; every problem is listed.
    InvalidConfig {
        /// The file, if the config came from one.
        path: Option<PathBuf>,
        /// Every problem, errors and warnings, in the validator's order.
        problems: Vec<ConfigProblem>,
    },
    /// Serving failed.
    Serve(io::Error),
}

impl fmt::Display for ServiceError {
    /// Writes what went wrong; for an invalid config, one line per problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::ReadConfig { path, source } => {
                write!(
                    f,
                    "cannot read the captcha config {}: {source}",
                    path.display()
                )
            }
            ServiceError::ParseConfig { path, source } => {
                write!(
                    f,
                    "the captcha config {} is not JSON: {source}",
                    path.display()
                )
            }
            ServiceError::InvalidConfig { path, problems } => {
                let errors = problems
                    .iter()
                    .filter(|problem| problem.severity == Severity::Error)
                    .count();
                match path {
                    Some(path) => write!(f, "the captcha config {}", path.display())?,
                    None => f.write_str("the captcha config")?,
                }
                write!(f, " has {errors} error(s); not starting:")?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
            ServiceError::Serve(source) => write!(f, "serving failed: {source}"),
        }
    }
}

impl std::error::Error for ServiceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServiceError::ReadConfig { source, .. } | ServiceError::Serve(source) => Some(source),
            ServiceError::ParseConfig { source, .. } => Some(source),
            ServiceError::InvalidConfig { .. } => None,
        }
    }
}

/// The status `/login` answers with when a verification failed, by the [`Action`] the
/// catalog recommends for its `VerifyCode` (see the table in the crate docs). `Proceed`
/// is reached only when Alibaba says `VerifyResult` false for a pass code: refused too,
/// as is an action a later catalog adds.
pub fn refusal_status(action: Action) -> StatusCode {
    match action {
        Action::RetryCaptcha | Action::Reinitialize | Action::FixIntegration => {
            StatusCode::BAD_REQUEST
        }
        Action::SlowDown => StatusCode::TOO_MANY_REQUESTS,
        Action::FixConfiguration => StatusCode::INTERNAL_SERVER_ERROR,
        Action::TreatAsAttack | Action::Proceed => StatusCode::FORBIDDEN,
        // `Action` is non-exhaustive: an action added to the catalog later is refused too.
        _ => StatusCode::FORBIDDEN,
    }
}

/// `GET /captcha/config`.
async fn page_config(State(service): State<CaptchaService>) -> Json<Value> {
    Json(Value::clone(&service.page_config))
}

/// `POST /captcha/client-error`.
async fn client_error(
    State(service): State<CaptchaService>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let payload = match body_text(&body).map(ClientError::from_json) {
        Ok(Ok(payload)) => payload,
        Ok(Err(error)) => {
            return plain_problem(
                StatusCode::BAD_REQUEST,
                format!("the body is not an onError payload: {error}"),
            )
        }
        Err((status, detail)) => return plain_problem(status, detail),
    };
    let msg = payload.msg();
    match payload.code() {
        Some(Wire::Known(code)) => {
            tracing::warn!(code = code.as_str(), description = %code, msg, "captcha onError")
        }
        Some(Wire::Unknown(code)) => {
            tracing::warn!(
                code = code.as_str(),
                msg,
                "captcha onError, code not in the catalog"
            )
        }
        None => tracing::warn!(msg, "captcha onError without a code"),
    }
    let mut recent = service.recent();
    if recent.len() == RECENT_CLIENT_ERRORS {
        recent.pop_front();
    }
    recent.push_back(payload);
    StatusCode::NO_CONTENT.into_response()
}

/// The body of `POST /login`. Add the password, or whatever your login needs.
#[derive(Deserialize)]
struct LoginRequest {
    username: String,
    #[serde(rename = "captchaVerifyParam")]
    captcha_verify_param: String,
}

/// `POST /login`.
async fn login(
    State(service): State<CaptchaService>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let request: LoginRequest = match body_text(&body).map(serde_json::from_str) {
        Ok(Ok(request)) => request,
        Ok(Err(error)) => {
            return plain_problem(
                StatusCode::BAD_REQUEST,
                format!("expected {{\"username\": ..., \"captchaVerifyParam\": ...}}: {error}"),
            )
        }
        Err((status, detail)) => return plain_problem(status, detail),
    };
    if request.captcha_verify_param.is_empty() {
        return plain_problem(StatusCode::BAD_REQUEST, "`captchaVerifyParam` is empty");
    }
    // Check the password here; the captcha only says whether a human is asking.
    let call = service.verifier.verify(&request.captcha_verify_param);
    let reply = match tokio::time::timeout(service.verify_timeout, call).await {
        Ok(Ok(reply)) => reply,
        Ok(Err(error)) => {
            tracing::error!(%error, "VerifyIntelligentCaptcha call failed");
            return plain_problem(
                StatusCode::BAD_GATEWAY,
                format!("the captcha could not be verified: {error}"),
            );
        }
        Err(_) => {
            tracing::error!(timeout = ?service.verify_timeout, "VerifyIntelligentCaptcha timed out");
            return plain_problem(
                StatusCode::GATEWAY_TIMEOUT,
                "the captcha verification did not answer in time",
            );
        }
    };
    service.answer(&request.username, &reply)
}

impl CaptchaService {
    /// The answer to a login whose verification came back as `reply`.
    fn answer(&self, username: &str, reply: &VerifyReply) -> Response {
        let success = (200..300).contains(&reply.status);
        let unreadable = match VerifyResponse::from_json(&reply.body) {
            Ok(response) if success => return self.verified(username, &response),
            Ok(_) => "a verification result".to_owned(),
            Err(error) => match ErrorBody::from_json(&reply.body) {
                Ok(api_error) if !success => return self.api_error(reply.status, &api_error),
                _ => format!("an unreadable body ({error})"),
            },
        };
        tracing::error!(status = reply.status, %unreadable, "unexpected VerifyIntelligentCaptcha answer");
        plain_problem(
            StatusCode::BAD_GATEWAY,
            format!(
                "the captcha verification answered HTTP {} with {unreadable}",
                reply.status
            ),
        )
    }

    /// A verification result: the user passed, or why not.
    fn verified(&self, username: &str, response: &VerifyResponse) -> Response {
        let code = response.verify_code();
        if response.passed() && response.verdict() != Some(Verdict::Fail) {
            tracing::info!(
                username,
                code = code.as_str(),
                certify_id = response.certify_id(),
                "login: captcha passed"
            );
            let body = json!({ "ok": true, "certifyId": response.certify_id() });
            return (StatusCode::OK, Json(body)).into_response();
        }
        let status = code.known().map_or(StatusCode::FORBIDDEN, |known| {
            refusal_status(known.action())
        });
        tracing::warn!(
            username,
            code = code.as_str(),
            request_id = response.request_id(),
            %status,
            "login: captcha failed"
        );
        let problem = ProblemDetails::from_wire(code, status.as_u16());
        self.problem(status, problem, response.request_id())
    }

    /// An OpenAPI error body: the call itself failed, which is not the user's doing.
    fn api_error(&self, upstream_status: u16, error: &ErrorBody) -> Response {
        let code = error.code();
        let status = match code.known().map(ApiError::retry) {
            Some(Retry::Backoff) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::BAD_GATEWAY,
        };
        tracing::error!(
            code = code.as_str(),
            upstream_status,
            catalog_status = ?code.known().map(ApiError::status_code),
            message = error.message(),
            request_id = error.request_id(),
            "VerifyIntelligentCaptcha answered with an error"
        );
        let problem = ProblemDetails::from_wire(code, status.as_u16());
        self.problem(status, problem, error.request_id().unwrap_or_default())
    }

    /// A problem from the catalog, with `status` (the row's own status is the one
    /// Alibaba or the catalog recommends, not necessarily this service's) and Alibaba's
    /// `RequestId` for support.
    fn problem(&self, status: StatusCode, problem: ProblemDetails, request_id: &str) -> Response {
        let problem = match &self.type_base {
            Some(base) => problem.with_type_base(base),
            None => problem,
        };
        let mut body = problem.to_value();
        body["status"] = status.as_u16().into();
        if !request_id.is_empty() {
            body["requestId"] = request_id.into();
        }
        problem_response(status, &body)
    }
}

/// The request body as text, or the status and detail of the problem saying why not.
fn body_text(body: &Result<Bytes, BytesRejection>) -> Result<&str, (StatusCode, String)> {
    match body {
        Ok(bytes) => std::str::from_utf8(bytes).map_err(|error| {
            let detail = format!("the body is not UTF-8: {error}");
            (StatusCode::BAD_REQUEST, detail)
        }),
        Err(rejection) => Err((rejection.status(), rejection.body_text())),
    }
}

/// A problem with no catalog row: `type` `about:blank`, `title` the status's reason.
fn plain_problem(status: StatusCode, detail: impl Into<String>) -> Response {
    let body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail.into(),
    });
    problem_response(status, &body)
}

fn problem_response(status: StatusCode, body: &Value) -> Response {
    let content_type = HeaderValue::from_static(problem_details::CONTENT_TYPE);
    (
        status,
        [(header::CONTENT_TYPE, content_type)],
        body.to_string(),
    )
        .into_response()
}
