//! End-to-end tests over real HTTP on loopback: the service on one port, the
//! `captcha-verify` stand-in on another (checking every request's real signature), and
//! hyper's HTTP/1.1 client driving the service, every exchange bounded by a timeout. The
//! login's `captchaVerifyParam` is a stand-in test value (`standin:T001`, `standin:F008`,
//! `standin:api:Throttling`, ...).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, Method, Request};
use axum::Router;
use captcha_errors::api::{ApiError, Retry};
use captcha_errors::init::ErrorCode;
use captcha_errors::verify::{Action, UserMessage, Verdict, VerifyCode};
use captcha_errors::{Locale, Wire};
use captcha_service::metrics::{error_series, NOT_VERIFIED};
use captcha_service::{CaptchaConfig, CaptchaService, ServiceError};
use captcha_verify::guard::Refusal;
use captcha_verify::standin::Standin;
use captcha_verify::{Credentials, Decision, Policy};
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
const SECRET: &str = "e2e-standin-secret-93f1";

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
    /// `Content-Language`, if the response has one.
    content_language: Option<String>,
    /// Every `Vary` value, in order.
    vary: Vec<String>,
    body: Bytes,
}

/// Sends one request with a JSON body and reads the whole response, within [`TIMEOUT`].
async fn send(client: &Client, method: Method, url: &str, body: String) -> Result<Reply, String> {
    send_in(client, method, url, body, None).await
}

/// [`send`], asking for a language with `Accept-Language` when given one.
async fn send_in(
    client: &Client,
    method: Method,
    url: &str,
    body: String,
    accept_language: Option<&str>,
) -> Result<Reply, String> {
    let mut request = Request::builder()
        .method(method)
        .uri(url)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(value) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, value);
    }
    let request = request
        .body(Full::new(Bytes::from(body)))
        .map_err(|error| error.to_string())?;
    let exchange = async {
        let response = client
            .request(request)
            .await
            .map_err(|error| format!("{error:?}"))?;
        let status = response.status().as_u16();
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .map(|value: &header::HeaderValue| value.to_str().unwrap_or_default().to_owned())
        };
        let content_type = header_text(header::CONTENT_TYPE).unwrap_or_default();
        let content_language = header_text(header::CONTENT_LANGUAGE);
        let vary = response
            .headers()
            .get_all(header::VARY)
            .iter()
            .map(|value| value.to_str().unwrap_or_default().to_owned())
            .collect();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?
            .to_bytes();
        Ok(Reply {
            status,
            content_type,
            content_language,
            vary,
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

/// The service, in process, verifying against a stand-in with real signatures.
struct Harness {
    service: CaptchaService,
    app: Running,
    standin: Standin,
    client: Client,
}

/// An answer with its body parsed as JSON (`Null` when empty).
struct Answer {
    status: u16,
    content_type: String,
    content_language: Option<String>,
    vary: Vec<String>,
    body: Value,
}

impl Harness {
    async fn start() -> Self {
        Self::start_with(SECRET, Policy::default()).await
    }

    /// The service's client signs with `secret`; the stand-in expects [`SECRET`].
    async fn start_with(secret: &str, policy: Policy) -> Self {
        let standin = Standin::bind("127.0.0.1:0", Credentials::new("e2e-key", SECRET))
            .await
            .unwrap();
        let verify_client = captcha_verify::Client::builder(Credentials::new("e2e-key", secret))
            .endpoint(standin.endpoint())
            .timeout(Duration::from_millis(500))
            .build()
            .unwrap();
        let config = CaptchaConfig::load(example_config()).unwrap();
        let service = CaptchaService::new(config, verify_client).with_policy(policy);
        let app = Running::start(service.router()).await;
        Harness {
            service,
            app,
            standin,
            client: client(),
        }
    }

    async fn request(&self, method: Method, path: &str, body: String) -> Answer {
        self.request_in(method, path, body, None).await
    }

    async fn request_in(
        &self,
        method: Method,
        path: &str,
        body: String,
        accept_language: Option<&str>,
    ) -> Answer {
        let reply = send_in(
            &self.client,
            method,
            &self.app.url(path),
            body,
            accept_language,
        )
        .await
        .unwrap();
        read_answer(reply)
    }

    async fn post(&self, path: &str, body: impl Into<String>) -> Answer {
        self.request(Method::POST, path, body.into()).await
    }

    async fn login(&self, param: &str) -> Answer {
        self.login_in(param, None).await
    }

    /// A login asking for a language with `Accept-Language` when given one.
    async fn login_in(&self, param: &str, accept_language: Option<&str>) -> Answer {
        let body = json!({ "username": "ada", "captchaVerifyParam": param }).to_string();
        self.request_in(Method::POST, "/login", body, accept_language)
            .await
    }

    async fn metrics(&self) -> BTreeMap<String, u64> {
        let reply = send(
            &self.client,
            Method::GET,
            &self.app.url("/metrics"),
            String::new(),
        )
        .await
        .unwrap();
        assert_eq!(reply.status, 200);
        assert!(
            reply.content_type.starts_with("text/plain"),
            "{}",
            reply.content_type
        );
        String::from_utf8_lossy(&reply.body)
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .map(|line| {
                let (series, value) = line.rsplit_once(' ').unwrap();
                (series.to_owned(), value.parse().unwrap())
            })
            .collect()
    }

    async fn stop(self) {
        self.app.stop().await;
        drop(self.standin);
    }
}

/// The refusal a login with a failing `code` gets, by the catalog's action.
fn refusal_for(code: VerifyCode) -> Refusal {
    match code.action() {
        Action::RetryCaptcha => Refusal::SolveAgain,
        Action::Reinitialize => Refusal::StartOver,
        Action::SlowDown => Refusal::SlowDown,
        Action::FixConfiguration => Refusal::Internal,
        _ => Refusal::Forbidden,
    }
}

/// Checks that `answer` is the guard's refusal and returns its body.
fn refused(answer: &Answer, refusal: Refusal) -> &Value {
    assert_eq!(answer.status, refusal.status(), "{}", answer.body);
    assert_eq!(answer.content_type, PROBLEM_JSON, "{}", answer.body);
    assert_eq!(answer.body["type"], refusal.type_uri(), "{}", answer.body);
    assert!(answer.body["correlationId"].is_string(), "{}", answer.body);
    &answer.body
}

#[tokio::test]
async fn every_verify_code_gets_its_answer_through_real_signatures() {
    let harness = Harness::start().await;
    for &code in VerifyCode::ALL {
        let answer = harness
            .login(&format!("standin:{}:cert-{}", code.as_str(), code.as_str()))
            .await;
        match (code.verdict(), code) {
            (Verdict::Pass, VerifyCode::T005) => {
                refused(&answer, Refusal::Internal);
            }
            (Verdict::Pass, _) => {
                assert_eq!(answer.status, 200, "{code:?}: {}", answer.body);
                assert_eq!(answer.body["ok"], true);
                assert_eq!(answer.body["username"], "ada");
                assert_eq!(answer.body["certifyId"], format!("cert-{}", code.as_str()));
            }
            _ => {
                let body = refused(&answer, refusal_for(code));
                // Nothing names the code or the catalog's action.
                assert!(!body.to_string().contains(code.as_str()), "{body}");
                assert!(!body.to_string().contains(code.action().as_str()), "{body}");
            }
        }
    }
    assert_eq!(
        harness.standin.requests_received(),
        VerifyCode::ALL.len() as u64
    );
    harness.stop().await;
}

/// Checks that `answer` is the guard's `refusal` written in `locale`: the catalog's
/// message of the refusal's name, `Content-Language` and `Vary: Accept-Language`.
fn refused_in(answer: &Answer, refusal: Refusal, locale: Locale) -> &Value {
    let body = refused(answer, refusal);
    let message = UserMessage::from_name(refusal.as_str()).expect("a message per refusal");
    assert_eq!(body["title"], message.title_in(locale), "{body}");
    assert_eq!(body["detail"], message.detail_in(locale), "{body}");
    assert_eq!(answer.content_language.as_deref(), Some(locale.tag()));
    assert_varies_on_accept_language(answer);
    body
}

/// Checks that `answer`'s `Vary` names `Accept-Language`.
fn assert_varies_on_accept_language(answer: &Answer) {
    assert!(
        answer
            .vary
            .iter()
            .any(|value| value.eq_ignore_ascii_case("accept-language")),
        "{:?}",
        answer.vary
    );
}

#[tokio::test]
async fn refusals_answer_in_the_language_the_browser_asks_for() {
    let harness = Harness::start().await;
    for (asked, locale) in [
        (Some("zh-CN,zh;q=0.9,en;q=0.8"), Locale::ZhCn),
        (Some("zh-SG"), Locale::ZhCn),
        (Some("zh-TW,zh;q=0.9"), Locale::ZhTw),
        (Some("zh-HK,en;q=0.5"), Locale::ZhTw),
        (Some("en-GB"), Locale::En),
        (None, Locale::En),
    ] {
        for (param, refusal) in [
            ("standin:F008", Refusal::SolveAgain),
            ("standin:F010", Refusal::SlowDown),
            ("standin:F001", Refusal::Forbidden),
            ("standin:T005", Refusal::Internal),
            ("standin:api:Throttling", Refusal::Unavailable),
        ] {
            let answer = harness.login_in(param, asked).await;
            let body = refused_in(&answer, refusal, locale);
            assert!(!body.to_string().contains("F0"), "{body}");
        }
        let answer = harness
            .request_in(
                Method::POST,
                "/login",
                r#"{"username":"ada"}"#.to_owned(),
                asked,
            )
            .await;
        refused_in(&answer, Refusal::Missing, locale);
    }
    let cn = harness.login_in("standin:F008", Some("zh-CN")).await.body;
    assert_eq!(cn["title"], "请完成新的验证码后再试一次。");
    let tw = harness.login_in("standin:F008", Some("zh-TW")).await.body;
    assert_eq!(tw["title"], "請完成新的驗證碼，再試一次。");
    harness.stop().await;
}

#[tokio::test]
async fn api_errors_and_failures_are_opaque_503_or_500() {
    let harness = Harness::start().await;
    for &code in ApiError::ALL {
        let answer = harness
            .login(&format!("standin:api:{}", code.as_str()))
            .await;
        let expected = if code.retry() == Retry::Backoff {
            Refusal::Unavailable
        } else {
            Refusal::Internal
        };
        let body = refused(&answer, expected);
        assert!(!body.to_string().contains(code.as_str()), "{body}");
    }
    for value in ["standin:timeout", "standin:garbage", "standin:drop"] {
        refused(&harness.login(value).await, Refusal::Unavailable);
    }
    refused(
        &harness.post("/login", r#"{"username":"ada"}"#).await,
        Refusal::Missing,
    );
    harness.stop().await;
}

#[tokio::test]
async fn a_broken_signer_fails_every_login() {
    let harness = Harness::start_with("not-the-standin-secret", Policy::default()).await;
    for value in ["standin:T001", "standin:once"] {
        refused(&harness.login(value).await, Refusal::Internal);
    }
    let metrics = harness.metrics().await;
    assert_eq!(
        metrics[r#"captcha_errors_total{error_type="SignatureDoesNotMatch",source="api"}"#],
        2
    );
    assert_eq!(
        metrics[r#"captcha_verifications_total{decision="pass"}"#],
        0
    );
    harness.stop().await;
}

#[tokio::test]
async fn test_mode_passes_only_when_the_policy_allows_it() {
    let strict = Harness::start().await;
    refused(&strict.login("standin:T005").await, Refusal::Internal);
    strict.stop().await;
    let staging = Harness::start_with(SECRET, Policy::default().accept_test_mode()).await;
    let answer = staging.login("standin:T005").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    staging.stop().await;
}

#[tokio::test]
async fn metrics_list_every_series_at_zero_then_count() {
    let harness = Harness::start().await;
    let before = harness.metrics().await;
    let mut expected = Vec::new();
    for decision in Decision::ALL {
        expected.push(format!(
            r#"captcha_verifications_total{{decision="{decision}"}}"#
        ));
    }
    expected.push(format!(
        r#"captcha_verifications_total{{decision="{NOT_VERIFIED}"}}"#
    ));
    for refusal in Refusal::ALL {
        expected.push(format!(
            r#"captcha_refusals_total{{refusal="{}"}}"#,
            refusal.as_str()
        ));
    }
    for (source, error_type) in error_series() {
        expected.push(format!(
            r#"captcha_errors_total{{error_type="{error_type}",source="{source}"}}"#
        ));
    }
    assert_eq!(before.len(), expected.len(), "{before:#?}");
    for series in &expected {
        assert_eq!(before.get(series), Some(&0), "{series}");
    }
    harness.login("standin:T001").await;
    harness.login("standin:F008").await;
    harness.login("standin:api:Brand.New").await;
    let after = harness.metrics().await;
    assert_eq!(after.len(), expected.len(), "no series appears later");
    assert_eq!(after[r#"captcha_verifications_total{decision="pass"}"#], 1);
    assert_eq!(
        after[r#"captcha_verifications_total{decision="refuse"}"#],
        1
    );
    assert_eq!(
        after[r#"captcha_verifications_total{decision="fail-closed"}"#],
        1
    );
    assert_eq!(after[r#"captcha_refusals_total{refusal="solve-again"}"#], 1);
    assert_eq!(
        after[r#"captcha_errors_total{error_type="F008",source="verify"}"#],
        1
    );
    assert_eq!(
        after[r#"captcha_errors_total{error_type="_OTHER",source="api"}"#],
        1
    );
    harness.stop().await;
}

#[tokio::test]
async fn the_login_page_is_served() {
    let harness = Harness::start().await;
    let reply = send(
        &harness.client,
        Method::GET,
        &harness.app.url("/"),
        String::new(),
    )
    .await
    .unwrap();
    assert_eq!(reply.status, 200);
    assert!(
        reply.content_type.starts_with("text/html"),
        "{}",
        reply.content_type
    );
    harness.stop().await;
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
        content_language: reply.content_language,
        vary: reply.vary,
        body,
    }
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
    assert_eq!(&answer.body, harness.service.config().page_config());
    assert!(harness.service.config().warnings().is_empty());
    harness.stop().await;
}

#[tokio::test]
async fn config_endpoint_names_the_language_the_page_speaks() {
    let harness = Harness::start().await;
    let english = harness
        .request(Method::GET, "/captcha/config", String::new())
        .await;
    assert_eq!(english.content_language.as_deref(), Some(Locale::En.tag()));
    for (asked, locale) in [
        (None, Locale::En),
        (Some("en-GB,en;q=0.9"), Locale::En),
        (Some("zh-CN,zh;q=0.9"), Locale::ZhCn),
        (Some("zh-SG"), Locale::ZhCn),
        (Some("zh-TW"), Locale::ZhTw),
        (Some("zh-HK,en;q=0.5"), Locale::ZhTw),
        (Some("fr-FR"), Locale::En),
    ] {
        let answer = harness
            .request_in(Method::GET, "/captcha/config", String::new(), asked)
            .await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.content_language.as_deref(),
            Some(locale.tag()),
            "{asked:?}"
        );
        assert_varies_on_accept_language(&answer);
        // The body is the same for every reader: only the header names the language.
        assert_eq!(answer.body, english.body, "{asked:?}");
    }
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
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.body["title"], "Bad Request", "{body}");
        assert_eq!(answer.content_language.as_deref(), Some("en"), "{body}");
    }
    // The service's own problems are for developers, in English whatever is asked for.
    let answer = harness
        .request_in(
            Method::POST,
            "/captcha/client-error",
            "[]".to_owned(),
            Some("zh-CN"),
        )
        .await;
    assert_eq!(answer.body["title"], "Bad Request");
    assert_eq!(answer.content_language.as_deref(), Some("en"));
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

#[test]
fn a_bad_config_refuses_to_start_with_every_problem() {
    let path = write_config("captcha-service-bad.json", BAD_CONFIG);
    let error = CaptchaConfig::load(&path).expect_err("refused");
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
    let error = CaptchaConfig::load(&path).err().unwrap();
    assert!(matches!(error, ServiceError::ParseConfig { .. }), "{error}");
    let error = CaptchaConfig::load("no/such/config.json").err().unwrap();
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

#[test]
fn the_binary_verifies_against_an_in_process_standin_without_credentials() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_captcha-service"))
        .arg(example_config())
        .arg("127.0.0.1:0")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut line = String::new();
    let read = BufReader::new(child.stdout.take().unwrap()).read_line(&mut line);
    let address = line
        .trim_end()
        .strip_prefix("listening on http://")
        .map(str::to_owned);
    let outcome = address.as_deref().map(|address| {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let body = json!({ "username": "ada", "captchaVerifyParam": "standin:T001" });
            let url = format!("http://{address}/login");
            send(&client(), Method::POST, &url, body.to_string()).await
        })
    });
    child.kill().ok();
    let output = child.wait_with_output().unwrap();
    read.unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let address = address.unwrap_or_else(|| panic!("first line {line:?}; stderr: {stderr}"));
    assert!(
        address.starts_with("127.0.0.1:") && !address.ends_with(":0"),
        "{address}"
    );
    assert!(stderr.contains("in-process stand-in"), "{stderr}");
    let reply = outcome.unwrap().unwrap();
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
}
