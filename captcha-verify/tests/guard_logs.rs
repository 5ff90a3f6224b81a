//! The guard's log events, in a test binary of their own: `tracing` caches which call sites
//! are enabled process-wide, so a subscriber set for one test is only reliable when no other
//! test runs beside it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use axum::routing::post;
use axum::Router;
use captcha_verify::guard::{CaptchaLayer, VerifiedCaptcha};
use captcha_verify::standin::Standin;
use captcha_verify::{Client, Credentials, Policy, SceneId};
use http_body_util::BodyExt;
use tower::ServiceExt;

const SECRET: &str = "guard-logs-secret-61aa";

async fn handler(_captcha: VerifiedCaptcha) -> &'static str {
    "ok"
}

async fn send(app: &Router, param: &str) -> serde_json::Value {
    let request = Request::post("/login")
        .header("X-Captcha-Verify-Param", param)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null)
}

/// A `tracing` writer that keeps every line, to read the guard's events.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_logs_get_what_the_caller_does_not() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);
    let credentials = Credentials::new("guard-logs-id", SECRET);
    let standin = Standin::bind("127.0.0.1:0", credentials.clone())
        .await
        .unwrap();
    let client = Client::builder(credentials)
        .endpoint(standin.endpoint())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let layer = CaptchaLayer::new(client, Policy::default()).scene(SceneId::new("s1").unwrap());
    let app = Router::new().route("/login", post(handler).layer(layer));
    let answer = send(&app, "standin:F001").await;
    let correlation_id = answer["correlationId"].as_str().unwrap().to_owned();
    send(&app, "standin:timeout").await;
    send(&app, "standin:T001").await;
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let refused = logs
        .lines()
        .find(|line| line.contains(&correlation_id))
        .unwrap_or_else(|| panic!("no line with the correlation id in:\n{logs}"));
    for field in [
        "captcha.code=\"F001\"",
        "captcha.action=\"treat-as-attack\"",
        "captcha.request_id=",
        "captcha.refusal=\"forbidden\"",
        "error.type=\"F001\"",
        "captcha.decision=\"refuse\"",
    ] {
        assert!(refused.contains(field), "{field} missing from {refused}");
    }
    assert!(logs.contains("error.type=\"timeout\""), "{logs}");
    let passed = logs
        .lines()
        .find(|line| line.contains("captcha passed"))
        .unwrap();
    assert!(!passed.contains("error.type"), "{passed}");
    assert!(!logs.contains(SECRET));
}
