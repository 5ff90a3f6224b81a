//! An example axum service built on `captcha-errors` and `captcha-verify`, small enough to
//! copy.
//!
//! - On start it reads its captcha config (one JSON object holding the page's
//!   `AliyunCaptchaConfig` globals and `initAliyunCaptcha` options, as
//!   [`captcha_errors::json::validate_json`] takes it), validates it, and refuses to start
//!   with every problem listed if any is an error ([`ServiceError::InvalidConfig`]).
//! - `GET /` is a small login page (`page/`), which validates the config with the
//!   TypeScript package (served from `ts/dist/src` at `/ts/`) and stands in for Alibaba's
//!   widget with buttons yielding `standin:` values.
//! - `GET /captcha/config` answers `{ "globals": {...}, "options": {...} }`, ready for
//!   `window.AliyunCaptchaConfig = globals` and `initAliyunCaptcha({ ...options, success,
//!   onError, ... })`, with `Content-Language` naming the locale the browser's
//!   `Accept-Language` gets (as a refusal would), which the page shows its own few words in
//!   and passes to the widget as its `language`.
//! - `POST /captcha/client-error` takes what the page's `onError` forwards (`{code, msg}`),
//!   logs the typed code with `tracing`, keeps the last [`RECENT_CLIENT_ERRORS`]
//!   ([`CaptchaService::client_errors`]) and answers `204 No Content`.
//! - `POST /login` takes `{ "username": ..., "captchaVerifyParam": ... }` behind one
//!   `captcha_verify::guard::CaptchaLayer` (the config's `SceneId`, fail-closed
//!   [`Policy`] by default) and answers `200 { "ok": true, "username": ..., "certifyId": ... }`
//!   when the user passed. A refusal is the guard's: opaque by default (see
//!   `captcha_verify::guard::Refusal`), its `title` and `detail` in the language the
//!   browser's `Accept-Language` asks for (English, Simplified or Traditional Chinese, from
//!   the verify catalog's user messages), with `Content-Language` and
//!   `Vary: Accept-Language`.
//! - `GET /metrics` serves the guard's counters in Prometheus' text format ([`metrics`]).
//!
//! ```no_run
//! use captcha_service::{Backend, CaptchaConfig, CaptchaService};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = CaptchaConfig::load("captcha.json")?;
//! // Alibaba Cloud with ALIBABA_CLOUD_* credentials, else an in-process stand-in.
//! let backend = Backend::from_env(config.region()).await?;
//! let service = CaptchaService::new(config, backend.client);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! service.serve(listener, async { tokio::signal::ctrl_c().await.ok(); }).await?;
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod backend;
pub mod metrics;

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use captcha_errors::init::ClientError;
use captcha_errors::json::validate_json;
use captcha_errors::problem_details;
use captcha_errors::{Locale, Region, Severity, Wire};
use captcha_verify::guard::{self, CaptchaLayer, Disclosure, VerifiedCaptcha};
use captcha_verify::{Client, Policy, SceneId};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tower_http::services::{ServeDir, ServeFile};

pub use backend::{Backend, BackendError};
pub use metrics::Metrics;

/// How many `onError` payloads [`CaptchaService::client_errors`] keeps, newest last.
pub const RECENT_CLIENT_ERRORS: usize = 100;

/// The login page's files.
const PAGE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/page");
/// The built TypeScript package (`cd ts && npm ci && npm run build`), which the page imports.
const TS_DIST_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ts/dist/src");

/// A validated captcha config: what the page gets, the region and the scene.
#[derive(Clone, Debug)]
pub struct CaptchaConfig {
    page_config: Arc<Value>,
    warnings: Arc<[ConfigProblem]>,
    region: Region,
    scene_id: SceneId,
}

impl CaptchaConfig {
    /// Reads and validates the config file at `path`; fails with every problem listed
    /// if any is an error. Warnings are logged and kept ([`Self::warnings`]).
    pub fn load(path: impl AsRef<Path>) -> Result<Self, ServiceError> {
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
        Self::build(&config, Some(path))
    }

    /// Validates a config already in memory, as [`Self::load`] does with a file.
    pub fn from_value(config: &Value) -> Result<Self, ServiceError> {
        Self::build(config, None)
    }

    fn build(config: &Value, path: Option<&Path>) -> Result<Self, ServiceError> {
        let report = validate_json(config);
        let mut problems: Vec<ConfigProblem> = report
            .problems()
            .map(|problem| ConfigProblem {
                severity: problem.severity(),
                message: problem.to_string(),
            })
            .collect();
        let invalid = |problems| ServiceError::InvalidConfig {
            path: path.map(Path::to_owned),
            problems,
        };
        let (Some(globals), Some(options)) = (report.globals(), report.init_options()) else {
            return Err(invalid(problems));
        };
        let region = config
            .get("region")
            .and_then(Value::as_str)
            .and_then(|region| region.parse::<Region>().ok());
        let scene_id = config
            .get("SceneId")
            .and_then(Value::as_str)
            .map(SceneId::new);
        let (Some(region), Some(Ok(scene_id))) = (region, scene_id) else {
            problems.push(ConfigProblem {
                severity: Severity::Error,
                message: "the service verifies logins in the config's `region` and `SceneId`, \
                          so both must be set"
                    .to_owned(),
            });
            return Err(invalid(problems));
        };
        for warning in &problems {
            tracing::warn!(%warning, "captcha config");
        }
        Ok(CaptchaConfig {
            page_config: Arc::new(json!({ "globals": globals, "options": options })),
            warnings: problems.into(),
            region,
            scene_id,
        })
    }

    /// What `GET /captcha/config` answers: `{ "globals": {...}, "options": {...} }`.
    pub fn page_config(&self) -> &Value {
        &self.page_config
    }

    /// The config's warnings (an unknown key, an unusual `prefix`, ...).
    pub fn warnings(&self) -> &[ConfigProblem] {
        &self.warnings
    }

    /// The page's region, which picks the verify endpoint.
    pub fn region(&self) -> Region {
        self.region
    }

    /// The page's scene, which every verification is bound to.
    pub fn scene_id(&self) -> &SceneId {
        &self.scene_id
    }
}

/// The service: a validated captcha config, a verify client and policy, the metrics and the
/// recent `onError` payloads. Cheap to clone; clones share the payloads and the counters.
#[derive(Clone, Debug)]
pub struct CaptchaService {
    config: CaptchaConfig,
    client: Client,
    policy: Policy,
    disclosure: Disclosure,
    metrics: Metrics,
    client_errors: Arc<Mutex<VecDeque<ClientError>>>,
}

impl CaptchaService {
    /// A service for `config`, verifying logins with `client` under `Policy::default()`
    /// (fail closed, test mode refused) with opaque refusals.
    pub fn new(config: CaptchaConfig, client: Client) -> Self {
        CaptchaService {
            config,
            client,
            policy: Policy::default(),
            disclosure: Disclosure::default(),
            metrics: Metrics::new(),
            client_errors: Arc::default(),
        }
    }

    /// Decides logins with `policy` instead (say, `Policy::default().accept_test_mode()` on
    /// a staging scene).
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Tells refused callers more (`Disclosure::Detailed`, for development) or less.
    pub fn with_disclosure(mut self, disclosure: Disclosure) -> Self {
        self.disclosure = disclosure;
        self
    }

    /// The validated config.
    pub fn config(&self) -> &CaptchaConfig {
        &self.config
    }

    /// The counters `GET /metrics` serves.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
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

    /// The login guard: the config's scene, this service's policy and disclosure, counted in
    /// the metrics.
    fn guard(&self) -> CaptchaLayer {
        let metrics = self.metrics.clone();
        CaptchaLayer::new(self.client.clone(), self.policy)
            .scene(self.config.scene_id.clone())
            .disclosure(self.disclosure)
            .on_verification(move |verification| metrics.record(verification))
    }

    /// The routes, to serve or to nest in a larger router.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/login", post(login).layer(self.guard()))
            .route("/captcha/config", get(page_config))
            .route("/captcha/client-error", post(client_error))
            .route("/metrics", get(metrics))
            .route_service("/", ServeFile::new(format!("{PAGE_DIR}/index.html")))
            .nest_service("/page", ServeDir::new(PAGE_DIR))
            .nest_service("/ts", ServeDir::new(TS_DIST_DIR))
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

/// `GET /captcha/config`. The body is the same for every reader; `Content-Language` tells
/// the page which language the request's `Accept-Language` gets here (negotiated as the
/// guard negotiates a refusal's), so the page can speak it from the start and pass it to
/// the widget. Hence `Vary: Accept-Language`.
async fn page_config(State(service): State<CaptchaService>, headers: HeaderMap) -> Response {
    let mut response = Json(Value::clone(&service.config.page_config)).into_response();
    guard::set_language(response.headers_mut(), guard::locale_of(&headers));
    response
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

/// The body of `POST /login`. Add the password, or whatever your login needs; the guard
/// has already read and verified `captchaVerifyParam`.
#[derive(Deserialize)]
struct LoginRequest {
    username: String,
}

/// `POST /login`, behind the guard: only a verified captcha gets here.
async fn login(
    captcha: VerifiedCaptcha,
    body: Result<Json<LoginRequest>, JsonRejection>,
) -> Response {
    let Json(request) = match body {
        Ok(request) => request,
        Err(rejection) => {
            return plain_problem(
                rejection.status(),
                format!("expected {{\"username\": ..., \"captchaVerifyParam\": ...}}: {rejection}"),
            )
        }
    };
    tracing::info!(
        username = request.username,
        certify_id = captcha.certify_id,
        decision = captcha.decision.as_str(),
        "login passed the captcha"
    );
    Json(json!({
        "ok": true,
        "username": request.username,
        "certifyId": captcha.certify_id,
    }))
    .into_response()
}

/// `GET /metrics`.
async fn metrics(State(service): State<CaptchaService>) -> Response {
    (
        [(header::CONTENT_TYPE, Metrics::content_type())],
        service.metrics.render(),
    )
        .into_response()
}

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

/// A problem of this service's own (not the guard's): a request a developer got wrong,
/// written in English whatever the request asks for, and saying so with `Content-Language`.
fn problem_response(status: StatusCode, body: &Value) -> Response {
    let content_type = HeaderValue::from_static(problem_details::CONTENT_TYPE);
    let content_language = HeaderValue::from_static(Locale::En.tag());
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_LANGUAGE, content_language),
        ],
        body.to_string(),
    )
        .into_response()
}
