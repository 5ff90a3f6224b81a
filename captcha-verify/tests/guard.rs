//! The route guard (feature `axum`) from a dependent's point of view: an axum router with
//! a `CaptchaLayer` in front of a handler taking `VerifiedCaptcha`, verifying against the
//! stand-in over loopback.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::routing::post;
use axum::Router;
use captcha_errors::api::{ApiError, Retry};
use captcha_errors::verify::{Action, UserMessage, Verdict, VerifyCode};
use captcha_errors::Locale;
use captcha_verify::guard::{CaptchaLayer, Disclosure, Refusal, VerifiedCaptcha};
use captcha_verify::standin::Standin;
use captcha_verify::{Client, Credentials, Decision, Policy, SceneId};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const SECRET: &str = "guard-secret-0b7d";

fn credentials() -> Credentials {
    Credentials::new("guard-key-id", SECRET)
}

/// The handler echoes what it received, so a test sees that the body stayed readable.
async fn echo(captcha: VerifiedCaptcha, body: String) -> String {
    serde_json::json!({
        "certifyId": captcha.certify_id,
        "code": captcha.code.as_ref().map(|code| code.as_str()),
        "requestId": captcha.request_id,
        "decision": captcha.decision.as_str(),
        "body": body,
    })
    .to_string()
}

struct Setup {
    standin: Standin,
    app: Router,
}

async fn setup(policy: Policy, disclosure: Disclosure) -> Setup {
    let standin = Standin::bind("127.0.0.1:0", credentials()).await.unwrap();
    let client = Client::builder(credentials())
        .endpoint(standin.endpoint())
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let layer = CaptchaLayer::new(client, policy)
        .scene(SceneId::new("didk33e0").unwrap())
        .disclosure(disclosure)
        .body_limit(4096);
    let app = Router::new().route("/login", post(echo).layer(layer));
    Setup { standin, app }
}

struct Answer {
    status: StatusCode,
    retry_after: Option<String>,
    content_type: Option<String>,
    content_language: Option<String>,
    vary: Vec<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &header::HeaderValue| value.to_str().unwrap().to_owned())
    };
    let retry_after = header(header::RETRY_AFTER);
    let content_type = header(header::CONTENT_TYPE);
    let content_language = header(header::CONTENT_LANGUAGE);
    let vary = response
        .headers()
        .get_all(header::VARY)
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        retry_after,
        content_type,
        content_language,
        vary,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn with_header(param: &str) -> Request<Body> {
    Request::post("/login")
        .header("X-Captcha-Verify-Param", param)
        .body(Body::from("handler body"))
        .unwrap()
}

#[tokio::test]
async fn the_parameter_is_read_from_the_header_a_json_body_or_a_form() {
    let setup = setup(Policy::default(), Disclosure::Opaque).await;

    let answer = send(&setup.app, with_header("standin:T001:cert-h")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let seen = answer.json();
    assert_eq!(seen["certifyId"], "cert-h");
    assert_eq!(seen["code"], "T001");
    assert_eq!(seen["decision"], "pass");
    assert!(seen["requestId"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(seen["body"], "handler body");

    let json = r#"{"username":"ada","captchaVerifyParam":"standin:T001:cert-j"}"#;
    let answer = send(
        &setup.app,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .body(Body::from(json))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["certifyId"], "cert-j");
    assert_eq!(
        answer.json()["body"],
        json,
        "the handler reads the body unchanged"
    );

    let form = "username=ada&captchaVerifyParam=standin%3AT001%3Acert-f";
    let answer = send(
        &setup.app,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["certifyId"], "cert-f");
    assert_eq!(answer.json()["body"], form);
    assert_eq!(setup.standin.requests_received(), 3);
}

#[tokio::test]
async fn a_missing_or_oversized_parameter_is_refused_without_a_call() {
    let setup = setup(Policy::default(), Disclosure::Opaque).await;
    let requests = [
        Request::post("/login").body(Body::from("")).unwrap(),
        Request::post("/login")
            .header("X-Captcha-Verify-Param", "")
            .body(Body::empty())
            .unwrap(),
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"captchaVerifyParam":42}"#))
            .unwrap(),
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{not json"))
            .unwrap(),
        Request::post("/login")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("captchaVerifyParam=standin:T001"))
            .unwrap(),
    ];
    for request in requests {
        let answer = send(&setup.app, request).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert_eq!(
            answer.content_type.as_deref(),
            Some("application/problem+json")
        );
        assert_eq!(answer.json()["type"], Refusal::Missing.type_uri());
    }
    let big = format!(
        r#"{{"captchaVerifyParam":"standin:T001","pad":"{}"}}"#,
        "x".repeat(5000)
    );
    let answer = send(
        &setup.app,
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(big))
            .unwrap(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(setup.standin.requests_received(), 0);
}

/// The refusal a person can act on, or `None` for an opaque one, by the catalog's action.
fn actionable(action: Action) -> Option<Refusal> {
    match action {
        Action::RetryCaptcha => Some(Refusal::SolveAgain),
        Action::Reinitialize => Some(Refusal::StartOver),
        Action::SlowDown => Some(Refusal::SlowDown),
        _ => None,
    }
}

/// Every test value that is refused, with the refusal it must get.
fn refused_values() -> Vec<(String, Refusal)> {
    let mut values = Vec::new();
    for code in VerifyCode::ALL {
        if code.verdict() == Verdict::Fail {
            let refusal = actionable(code.action()).unwrap_or(match code.action() {
                Action::FixConfiguration => Refusal::Internal,
                _ => Refusal::Forbidden,
            });
            values.push((format!("standin:{}", code.as_str()), refusal));
        }
    }
    values.push(("standin:T005".to_owned(), Refusal::Internal));
    values.push(("standin:T999".to_owned(), Refusal::Forbidden));
    for code in ApiError::ALL {
        let refusal = if code.retry() == Retry::Backoff {
            Refusal::Unavailable
        } else {
            Refusal::Internal
        };
        values.push((format!("standin:api:{}", code.as_str()), refusal));
    }
    values.push(("standin:api:Brand.New".to_owned(), Refusal::Internal));
    for value in ["standin:timeout", "standin:garbage", "standin:drop"] {
        values.push((value.to_owned(), Refusal::Unavailable));
    }
    values
}

fn without_correlation_id(mut body: Value) -> String {
    let id = body
        .as_object_mut()
        .and_then(|object| object.remove("correlationId"));
    assert!(id
        .as_ref()
        .and_then(Value::as_str)
        .is_some_and(|id| id.len() == 32));
    body.to_string()
}

#[tokio::test]
async fn opaque_refusals_are_one_body_per_status_and_name_nothing() {
    let setup = setup(Policy::default(), Disclosure::Opaque).await;
    let mut opaque_bodies: BTreeMap<u16, String> = BTreeMap::new();
    let mut correlation_ids = std::collections::HashSet::new();
    let words: Vec<&str> = Action::ALL.iter().map(|action| action.as_str()).collect();
    for (value, expected) in refused_values() {
        let answer = send(&setup.app, with_header(&value)).await;
        assert_eq!(
            answer.status.as_u16(),
            expected.status(),
            "{value}: {}",
            answer.body
        );
        let body = answer.json();
        assert_eq!(body["type"], expected.type_uri(), "{value}");
        assert!(correlation_ids.insert(body["correlationId"].as_str().unwrap().to_owned()));
        // No VerifyCode, API code, action word or upstream text reaches the caller.
        for code in VerifyCode::ALL {
            assert!(
                !answer.body.contains(code.as_str()),
                "{value}: {}",
                answer.body
            );
        }
        for code in ApiError::ALL {
            assert!(
                !answer.body.contains(code.as_str()),
                "{value}: {}",
                answer.body
            );
            assert!(!answer.body.contains(code.description()), "{value}");
        }
        for word in &words {
            assert!(!answer.body.contains(word), "{value}: {}", answer.body);
        }
        assert!(!answer.body.contains("Brand.New") && !answer.body.contains("stand-in"));
        if expected == Refusal::SlowDown {
            assert_eq!(answer.retry_after.as_deref(), Some("60"), "{value}");
        }
        if !expected.is_actionable() {
            let stripped = without_correlation_id(body);
            let first = opaque_bodies
                .entry(expected.status())
                .or_insert(stripped.clone());
            assert_eq!(*first, stripped, "{value}: one body per status");
        }
    }
    assert_eq!(
        opaque_bodies.keys().copied().collect::<Vec<_>>(),
        vec![403, 500, 503]
    );
}

#[tokio::test]
async fn the_detailed_setting_adds_the_code_and_the_request_id() {
    let setup = setup(Policy::default(), Disclosure::Detailed).await;
    let answer = send(&setup.app, with_header("standin:F001")).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let body = answer.json();
    assert_eq!(body["code"], "F001");
    assert_eq!(body["action"], "treat-as-attack");
    assert!(body["requestId"].as_str().is_some());
    let answer = send(&setup.app, with_header("standin:api:Throttling")).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.json()["code"], "Throttling");
    assert_eq!(answer.json()["action"], "backoff");
}

#[tokio::test]
async fn test_mode_passes_only_when_the_policy_accepts_it() {
    let strict = setup(Policy::default(), Disclosure::Opaque).await;
    assert_eq!(
        send(&strict.app, with_header("standin:T005")).await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let staging = setup(Policy::default().accept_test_mode(), Disclosure::Opaque).await;
    let answer = send(&staging.app, with_header("standin:T005")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["code"], "T005");
}

#[tokio::test]
async fn failing_open_reaches_the_handler_without_a_code() {
    let setup = setup(Policy::default().fail_open(), Disclosure::Opaque).await;
    let answer = send(&setup.app, with_header("standin:timeout")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["decision"], Decision::FailOpen.as_str());
    assert_eq!(answer.json()["code"], Value::Null);
    // Never for a refusal or a bad key.
    for value in ["standin:F001", "standin:api:InvalidAccessKeyId.NotFound"] {
        assert_ne!(
            send(&setup.app, with_header(value)).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn a_handler_without_the_layer_is_refused_not_run() {
    let app = Router::new().route("/login", post(echo));
    let answer = send(&app, with_header("standin:T001")).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer.json()["type"], Refusal::Internal.type_uri());
}

#[tokio::test]
async fn an_observer_sees_every_decision() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let standin = Standin::bind("127.0.0.1:0", credentials()).await.unwrap();
    let client = Client::builder(credentials())
        .endpoint(standin.endpoint())
        .build()
        .unwrap();
    let layer = CaptchaLayer::new(client, Policy::default())
        .scene(SceneId::new("didk33e0").unwrap())
        .on_verification(move |verification| {
            sink.lock().unwrap().push((
                verification.decision.map(Decision::as_str),
                verification.refusal.map(Refusal::as_str),
                verification.error_type,
            ));
        });
    let app = Router::new().route("/login", post(echo).layer(layer));
    send(&app, with_header("standin:T001")).await;
    send(&app, with_header("standin:F008")).await;
    send(&app, Request::post("/login").body(Body::empty()).unwrap()).await;
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            (Some("pass"), None, None),
            (Some("refuse"), Some("solve-again"), Some("F008")),
            (None, Some("captcha-missing"), Some("captcha-missing")),
        ]
    );
}

/// `with_header`, asking for a language with `Accept-Language` when given one.
fn in_language(param: &str, accept_language: Option<&str>) -> Request<Body> {
    let mut request = with_header(param);
    if let Some(value) = accept_language {
        request
            .headers_mut()
            .insert(header::ACCEPT_LANGUAGE, value.parse().unwrap());
    }
    request
}

/// `Accept-Language` headers (`None`: no header) and the locale each must get.
const ASKED: &[(Option<&str>, Locale)] = &[
    (Some("zh-CN,zh;q=0.9"), Locale::ZhCn),
    (Some("zh-HK"), Locale::ZhTw),
    (Some("zh-TW,zh;q=0.8,en;q=0.5"), Locale::ZhTw),
    (Some("en-US"), Locale::En),
    (None, Locale::En),
    (Some("fr-FR, de;q=0.5"), Locale::En),
    (Some(";;q=zh,,=*=-"), Locale::En),
];

/// Checks that `answer` is `refusal` in `locale`, with its language headers, and that its
/// body is the public `Refusal::problem_in` with the same correlation id.
fn assert_in_locale(answer: &Answer, refusal: Refusal, locale: Locale, asked: Option<&str>) {
    let body = answer.json();
    let message = refusal.user_message();
    assert_eq!(answer.status.as_u16(), refusal.status(), "{asked:?}");
    assert_eq!(body["type"], refusal.type_uri(), "{asked:?}");
    assert_eq!(body["title"], message.title_in(locale), "{asked:?}");
    assert_eq!(body["detail"], message.detail_in(locale), "{asked:?}");
    assert_eq!(
        answer.content_language.as_deref(),
        Some(locale.tag()),
        "{asked:?}"
    );
    assert_eq!(answer.vary, ["Accept-Language"], "{asked:?}");
    let id = body["correlationId"].as_str().unwrap();
    assert_eq!(body, refusal.problem_in(locale, id), "{asked:?}");
}

#[tokio::test]
async fn refusals_are_written_in_the_language_the_request_asks_for() {
    let setup = setup(Policy::default(), Disclosure::Opaque).await;
    for &(asked, locale) in ASKED {
        let mut missing = Request::post("/login").body(Body::empty()).unwrap();
        if let Some(value) = asked {
            missing
                .headers_mut()
                .insert(header::ACCEPT_LANGUAGE, value.parse().unwrap());
        }
        let answer = send(&setup.app, missing).await;
        assert_in_locale(&answer, Refusal::Missing, locale, asked);
        for (value, refusal) in [
            ("standin:F008", Refusal::SolveAgain),
            ("standin:F014", Refusal::StartOver),
            ("standin:F001", Refusal::Forbidden),
        ] {
            let answer = send(&setup.app, in_language(value, asked)).await;
            assert_in_locale(&answer, refusal, locale, asked);
        }
    }
    // The texts are the catalog's, so they differ between the locales.
    let titles: std::collections::HashSet<&str> = Locale::ALL
        .iter()
        .map(|&locale| UserMessage::SolveAgain.title_in(locale))
        .collect();
    assert_eq!(titles.len(), Locale::ALL.len());
    let answer = send(&setup.app, in_language("standin:F008", Some("zh-CN"))).await;
    assert_eq!(answer.json()["title"], "请完成新的验证码后再试一次。");
    let answer = send(&setup.app, in_language("standin:F008", Some("zh-TW"))).await;
    assert_eq!(answer.json()["title"], "請完成新的驗證碼，再試一次。");
}

#[tokio::test]
async fn the_layerless_refusal_and_the_detailed_setting_are_localized_too() {
    let app = Router::new().route("/login", post(echo));
    let answer = send(&app, in_language("standin:T001", Some("zh-HK"))).await;
    assert_in_locale(&answer, Refusal::Internal, Locale::ZhTw, Some("zh-HK"));

    let setup = setup(Policy::default(), Disclosure::Detailed).await;
    let answer = send(&setup.app, in_language("standin:F001", Some("zh-CN"))).await;
    let body = answer.json();
    assert_eq!(body["title"], UserMessage::Forbidden.title_in(Locale::ZhCn));
    assert_eq!(
        body["detail"],
        UserMessage::Forbidden.detail_in(Locale::ZhCn)
    );
    assert_eq!(body["code"], "F001");
    assert_eq!(body["action"], "treat-as-attack");
    assert_eq!(answer.content_language.as_deref(), Some("zh-CN"));
}

#[tokio::test]
async fn opaque_refusals_are_one_body_per_status_in_each_locale() {
    let setup = setup(Policy::default(), Disclosure::Opaque).await;
    let mut bodies: BTreeMap<(u16, &str), String> = BTreeMap::new();
    for &(asked, locale) in &ASKED[..4] {
        for (value, expected) in refused_values() {
            if expected.is_actionable() {
                continue;
            }
            let answer = send(&setup.app, in_language(&value, asked)).await;
            assert_eq!(answer.content_language.as_deref(), Some(locale.tag()));
            assert_eq!(answer.json()["title"], expected.title_in(locale), "{value}");
            let stripped = without_correlation_id(answer.json());
            let first = bodies
                .entry((expected.status(), locale.tag()))
                .or_insert(stripped.clone());
            assert_eq!(
                *first, stripped,
                "{value} in {asked:?}: one body per status"
            );
        }
    }
    assert_eq!(bodies.len(), 3 * Locale::ALL.len());
    for status in [403, 500, 503] {
        let en = &bodies[&(status, "en")];
        assert_ne!(en, &bodies[&(status, "zh-CN")]);
        assert_ne!(en, &bodies[&(status, "zh-TW")]);
        assert_ne!(&bodies[&(status, "zh-CN")], &bodies[&(status, "zh-TW")]);
    }
}
