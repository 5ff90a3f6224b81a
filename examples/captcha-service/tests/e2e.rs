//! End-to-end tests over real HTTP on loopback: the service on one port, a stand-in for
//! Alibaba Cloud's VerifyIntelligentCaptcha endpoint on another, and hyper's HTTP/1.1
//! client driving the service, every exchange bounded by a timeout. The stand-in answers with bodies shaped exactly as the official SDK
//! models write them; which body it sends is chosen by the `captchaVerifyParam`:
//!
//! - a `VerifyCode` (`T001`, `F008`, or an unknown one such as `F099`): a verification
//!   result with that code, `VerifyResult` true for a pass code;
//! - `garbage`: HTTP 200 with an HTML page;
//! - `slow`: the same after a second;
//! - anything else: an OpenAPI error body with that `Code`, at the status the api
//!   catalog gives it (400 for a code it does not know).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use captcha_errors::api::ApiError;
use captcha_errors::init::ErrorCode;
use captcha_errors::verify::{Verdict, VerifyCode};
use captcha_errors::Wire;
use captcha_service::{
    refusal_status, CaptchaService, ServiceError, Verifier, VerifyCallError, VerifyFuture,
    VerifyReply,
};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The bound on every request and every shutdown.
const TIMEOUT: Duration = Duration::from_secs(10);

const PROBLEM_JSON: &str = "application/problem+json";

fn example_config() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("config.example.json")
}

/// An HTTP/1.1 client over plain TCP.
type Client = hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>;

fn client() -> Client {
    hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http()
}

/// A response, read whole.
struct Reply {
    status: u16,
    content_type: String,
    body: Bytes,
}

/// Sends one request with a JSON body and reads the whole response, within [`TIMEOUT`].
async fn send(client: &Client, method: Method, url: &str, body: String) -> Result<Reply, String> {
    let request = Request::builder()
        .method(method)
        .uri(url)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from(body)))
        .map_err(|error| error.to_string())?;
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|error| format!("{error:?}"))?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|value| value.to_str().unwrap_or_default().to_owned())
            .unwrap_or_default();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?
            .to_bytes();
        Ok(Reply {
            status,
            content_type,
            body,
        })
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .map_err(|_| format!("no answer from {url} within {TIMEOUT:?}"))?
}

/// A server on a loopback port, shut down gracefully by [`Running::stop`].
struct Running {
    address: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn start(router: Router) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    stopped.await.ok();
                })
                .await
        });
        Running {
            address,
            stop,
            task,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    async fn stop(self) {
        self.stop.send(()).ok();
        tokio::time::timeout(TIMEOUT, self.task)
            .await
            .expect("the server stops in time")
            .expect("the server task does not panic")
            .expect("the server ran without error");
    }
}

/// The stand-in for VerifyIntelligentCaptcha.
fn alibaba() -> Router {
    Router::new().route("/", post(alibaba_verify))
}

async fn alibaba_verify(Json(request): Json<Value>) -> Response {
    let param = request["CaptchaVerifyParam"].as_str().unwrap_or_default();
    let request_id = "6C5E2D3A-0B7F-5A5C-9D7E-3E2B1A0F9C8D";
    let verification = |code: &str| {
        let passed =
            VerifyCode::from_code(code).is_some_and(|code| code.verdict() == Verdict::Pass);
        json!({
            "RequestId": request_id,
            "Success": true,
            "Code": "Success",
            "Message": "success",
            "Result": {
                "VerifyResult": passed,
                "VerifyCode": code,
                "CertifyId": "no8xfe_7G47iByes3",
            },
        })
    };
    let is_verify_code = |text: &str| {
        text.len() == 4
            && text.starts_with(['T', 'F'])
            && text[1..].bytes().all(|b| b.is_ascii_digit())
    };
    match param {
        "garbage" => (StatusCode::OK, "<html>502 from a proxy</html>").into_response(),
        "slow" => {
            tokio::time::sleep(Duration::from_secs(1)).await;
            Json(verification("T001")).into_response()
        }
        code if is_verify_code(code) => Json(verification(code)).into_response(),
        code => {
            let status = ApiError::from_code(code).map_or(400, ApiError::http_status);
            let body = json!({
                "RequestId": request_id,
                "HostId": "captcha.cn-shanghai.aliyuncs.com",
                "Code": code,
                "Message": format!("{code} (from the stand-in)"),
                "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}"),
            });
            let status = StatusCode::from_u16(status).expect("a status");
            (status, Json(body)).into_response()
        }
    }
}

/// A verifier that posts the param to a URL, as a real one would through the SDK.
struct HttpVerifier {
    client: Client,
    url: String,
}

impl Verifier for HttpVerifier {
    fn verify<'a>(&'a self, captcha_verify_param: &'a str) -> VerifyFuture<'a> {
        Box::pin(async move {
            let body = json!({ "CaptchaVerifyParam": captcha_verify_param }).to_string();
            let reply = send(&self.client, Method::POST, &self.url, body)
                .await
                .map_err(VerifyCallError::new)?;
            let body = String::from_utf8(reply.body.into()).map_err(VerifyCallError::new)?;
            Ok(VerifyReply {
                status: reply.status,
                body,
            })
        })
    }
}

/// The service and the stand-in, both running.
struct Harness {
    service: CaptchaService,
    app: Running,
    alibaba: Running,
    client: Client,
}

/// An answer of the service: status, content type, body as JSON (`Null` if empty).
struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

impl Harness {
    async fn start() -> Self {
        Self::start_with(|service| service).await
    }

    async fn start_with(configure: impl FnOnce(CaptchaService) -> CaptchaService) -> Self {
        let alibaba = Running::start(alibaba()).await;
        let verifier = HttpVerifier {
            client: client(),
            url: alibaba.url("/"),
        };
        let service = CaptchaService::load(example_config(), Arc::new(verifier))
            .expect("the example config is valid");
        let service = configure(service);
        let app = Running::start(service.router()).await;
        Harness {
            service,
            app,
            alibaba,
            client: client(),
        }
    }

    async fn request(&self, method: Method, path: &str, body: impl Into<String>) -> Answer {
        let reply = send(&self.client, method, &self.app.url(path), body.into())
            .await
            .expect("the service answers");
        read_answer(reply)
    }

    async fn post(&self, path: &str, body: impl Into<String>) -> Answer {
        self.request(Method::POST, path, body).await
    }

    async fn login(&self, captcha_verify_param: &str) -> Answer {
        let body = json!({ "username": "alice", "captchaVerifyParam": captcha_verify_param });
        self.post("/login", body.to_string()).await
    }

    async fn stop(self) {
        self.app.stop().await;
        self.alibaba.stop().await;
    }
}

fn read_answer(reply: Reply) -> Answer {
    let text = String::from_utf8_lossy(&reply.body);
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{error}: {text}"))
    };
    Answer {
        status: reply.status,
        content_type: reply.content_type,
        body,
    }
}

/// Checks that `answer` is a problem with `status` and returns its body.
fn problem(answer: &Answer, status: u16) -> &Value {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, PROBLEM_JSON, "{}", answer.body);
    let body = &answer.body;
    assert_eq!(body["status"], status, "{body}");
    for member in ["type", "title", "detail"] {
        assert!(body[member].is_string(), "no `{member}` in {body}");
    }
    body
}

#[tokio::test]
async fn every_verify_code_gets_its_status_and_problem() {
    let harness = Harness::start().await;
    for &code in VerifyCode::ALL {
        let answer = harness.login(code.as_str()).await;
        if code.verdict() == Verdict::Pass {
            assert_eq!(answer.status, 200, "{code:?}: {}", answer.body);
            assert_eq!(answer.content_type, "application/json");
            assert_eq!(
                answer.body,
                json!({ "ok": true, "certifyId": "no8xfe_7G47iByes3" })
            );
            continue;
        }
        let status = refusal_status(code.action()).as_u16();
        let body = problem(&answer, status);
        let anchor = format!("docs/verify.md#code-{}", code.as_str().to_lowercase());
        assert_eq!(body["type"], anchor.as_str());
        assert_eq!(body["title"], code.meaning());
        assert_eq!(body["code"], code.as_str());
        assert_eq!(body["verdict"], "fail");
        assert_eq!(body["action"], code.action().as_str());
        assert_eq!(body["requestId"], "6C5E2D3A-0B7F-5A5C-9D7E-3E2B1A0F9C8D");
    }
    // The documented mapping, spelled out for a few codes.
    for (code, status) in [
        ("F008", 400), // retry-captcha
        ("F014", 400), // reinitialize
        ("F003", 400), // fix-integration
        ("F010", 429), // slow-down
        ("F001", 403), // treat-as-attack
        ("F005", 500), // fix-configuration
    ] {
        assert_eq!(harness.login(code).await.status, status, "{code}");
    }
    harness.stop().await;
}

#[tokio::test]
async fn an_unknown_verify_code_is_refused_and_kept() {
    let harness = Harness::start().await;
    let answer = harness.login("F099").await;
    let body = problem(&answer, 403);
    assert_eq!(body["code"], "F099");
    assert_eq!(body["type"], "docs/verify.md");
    assert!(
        body["title"].as_str().unwrap().starts_with("Unknown"),
        "{body}"
    );
    harness.stop().await;
}

#[tokio::test]
async fn api_error_bodies_are_gateway_problems() {
    let harness = Harness::start().await;

    let answer = harness.login("MissingParameter").await;
    let body = problem(&answer, 502);
    assert_eq!(body["code"], "MissingParameter");
    assert_eq!(body["retry"], "never");
    assert_eq!(body["type"], "docs/api.md#code-missingparameter");
    assert_eq!(body["title"], ApiError::MissingParameter.to_string());

    // Worth retrying later: 503.
    let answer = harness.login("Throttling").await;
    let body = problem(&answer, 503);
    assert_eq!(body["code"], "Throttling");
    assert_eq!(body["retry"], "backoff");

    // A code the catalog does not know yet keeps its text.
    let answer = harness.login("Throttling.User").await;
    let body = problem(&answer, 502);
    assert_eq!(body["code"], "Throttling.User");
    assert_eq!(body["type"], "docs/api.md");
    harness.stop().await;
}

#[tokio::test]
async fn unreadable_answers_failed_calls_and_timeouts_are_gateway_problems() {
    let harness =
        Harness::start_with(|service| service.with_verify_timeout(Duration::from_millis(100)))
            .await;
    let answer = harness.login("garbage").await;
    let body = problem(&answer, 502);
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["title"], "Bad Gateway");
    assert!(body.get("code").is_none(), "{body}");

    let answer = harness.login("slow").await;
    assert_eq!(problem(&answer, 504)["title"], "Gateway Timeout");
    harness.stop().await;

    // A verifier whose endpoint is gone: connection refused.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", closed.local_addr().unwrap());
    drop(closed);
    let verifier = HttpVerifier {
        client: client(),
        url,
    };
    let service = CaptchaService::load(example_config(), Arc::new(verifier)).unwrap();
    let app = Running::start(service.router()).await;
    let body = r#"{"username":"alice","captchaVerifyParam":"T001"}"#.to_owned();
    let reply = send(&client(), Method::POST, &app.url("/login"), body).await;
    let answer = read_answer(reply.expect("the service answers"));
    assert!(
        problem(&answer, 502)["detail"]
            .as_str()
            .unwrap()
            .contains("could not be verified"),
        "{}",
        answer.body
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_login_requests_are_400_problems() {
    let harness = Harness::start().await;
    for body in [
        "not json",
        r#"{"username":"alice"}"#,
        r#"{"username":"alice","captchaVerifyParam":5}"#,
        r#"{"username":"alice","captchaVerifyParam":""}"#,
    ] {
        let answer = harness.post("/login", body).await;
        assert_eq!(problem(&answer, 400)["type"], "about:blank", "{body}");
    }
    // Over the parsers' limit: refused before it is read.
    let huge = "x".repeat(captcha_errors::MAX_BODY_LEN + 1);
    problem(&harness.post("/login", huge).await, 413);
    harness.stop().await;
}

#[tokio::test]
async fn config_endpoint_serves_the_globals_and_the_options() {
    let harness = Harness::start().await;
    let answer = harness
        .request(Method::GET, "/captcha/config", String::new())
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.content_type, "application/json");
    assert_eq!(
        answer.body,
        json!({
            "globals": { "region": "cn", "prefix": "no8xfe" },
            "options": {
                "SceneId": "didk33e0",
                "mode": "popup",
                "element": "#captcha-element",
                "button": "#login-button",
                "language": "en",
                "slideStyle": { "width": 360, "height": 40 },
            },
        })
    );
    assert_eq!(&answer.body, harness.service.page_config());
    assert!(harness.service.warnings().is_empty());
    harness.stop().await;
}

#[tokio::test]
async fn client_errors_are_logged_typed() {
    let harness = Harness::start().await;
    for body in [
        r#"{"code":"IllegalUserTag","msg":"Bad request."}"#,
        r#"{"code":403}"#,
        r#"{"code":"Brand.New.Code"}"#,
        "{}",
    ] {
        let answer = harness.post("/captcha/client-error", body).await;
        assert_eq!(answer.status, 204, "{body}: {}", answer.body);
        assert_eq!(answer.body, Value::Null);
    }
    let recent = harness.service.client_errors();
    let codes: Vec<Option<&Wire<ErrorCode>>> = recent.iter().map(|error| error.code()).collect();
    assert_eq!(codes.len(), 4);
    assert_eq!(codes[0], Some(&Wire::Known(ErrorCode::IllegalUserTag)));
    assert_eq!(recent[0].msg(), Some("Bad request."));
    assert_eq!(codes[1].map(Wire::as_str), Some("403"));
    assert_eq!(codes[2].map(Wire::as_str), Some("Brand.New.Code"));
    assert!(!codes[2].unwrap().is_known());
    assert_eq!(codes[3], None);

    for body in ["not json", r#"{"code":true}"#, "[]"] {
        let answer = harness.post("/captcha/client-error", body).await;
        assert_eq!(problem(&answer, 400)["title"], "Bad Request", "{body}");
    }
    assert_eq!(harness.service.client_errors().len(), 4);
    harness.stop().await;
}

const BAD_CONFIG: &str = r##"{
  "region": "zh", "prefix": "no8xfe", "SceneId": "didk33e0", "mode": "popout",
  "element": "captcha-element", "button": "#login-button", "immediate": "false",
  "colour": "blue"
}"##;

fn write_config(name: &str, text: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("a temporary config");
    path
}

fn unused_verifier() -> Arc<dyn Verifier> {
    Arc::new(HttpVerifier {
        client: client(),
        url: "http://127.0.0.1:9/".to_owned(),
    })
}

#[test]
fn a_bad_config_refuses_to_start_with_every_problem() {
    let path = write_config("captcha-service-bad.json", BAD_CONFIG);
    let error = CaptchaService::load(&path, unused_verifier())
        .err()
        .expect("refused");
    let ServiceError::InvalidConfig { problems, .. } = &error else {
        panic!("{error}");
    };
    let text = error.to_string();
    assert!(text.contains("has 4 error(s)"), "{text}");
    for needle in ["`region`", "`mode`", "`element`", "`immediate`", "`colour`"] {
        assert!(text.contains(needle), "{needle} missing from {text}");
    }
    assert_eq!(problems.len(), 5);
    assert_eq!(text.lines().count(), 1 + problems.len(), "{text}");

    let path = write_config("captcha-service-not-json.json", "{ region: cn }");
    let error = CaptchaService::load(&path, unused_verifier())
        .err()
        .unwrap();
    assert!(matches!(error, ServiceError::ParseConfig { .. }), "{error}");
    let error = CaptchaService::load("no/such/config.json", unused_verifier())
        .err()
        .unwrap();
    assert!(matches!(error, ServiceError::ReadConfig { .. }), "{error}");
}

#[test]
fn the_binary_prints_the_report_and_exits_non_zero() {
    let path = write_config("captcha-service-bad-bin.json", BAD_CONFIG);
    let mut child = Command::new(env!("CARGO_BIN_EXE_captcha-service"))
        .arg(&path)
        .arg("127.0.0.1:0")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("the binary started with a bad config");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!status.success());
    assert!(stderr.contains("has 4 error(s); not starting"), "{stderr}");
    assert!(
        stderr.contains("`region` must be one of `cn`, `sgp`"),
        "{stderr}"
    );
}
