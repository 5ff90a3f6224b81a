//! The client against the stand-in over loopback, from a dependent's point of view: every
//! VerifyCode, every ApiError, a timeout, a refused connection, a dropped answer and a
//! garbage body map to exactly one outcome; every policy maps every outcome to one decision;
//! a lost answer is never asked for twice.

use std::time::Duration;

use captcha_errors::api::{ApiError, Retry};
use captcha_errors::verify::{TestMode, Verdict, VerifyCode};
use captcha_verify::standin::Standin;
use captcha_verify::{
    Client, Credentials, Decision, EndpointUrl, Outcome, Policy, SceneId, UnavailableKind,
};

const SECRET: &str = "standin-secret-4f1c";

fn credentials() -> Credentials {
    Credentials::new("standin-key-id", SECRET)
}

fn scene() -> SceneId {
    SceneId::new("didk33e0").unwrap()
}

async fn standin() -> Standin {
    Standin::bind("127.0.0.1:0", credentials()).await.unwrap()
}

fn client_for(endpoint: EndpointUrl, credentials: Credentials) -> Client {
    Client::builder(credentials)
        .endpoint(endpoint)
        .timeout(Duration::from_millis(800))
        .connect_timeout(Duration::from_millis(800))
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_verify_code_comes_back_as_one_outcome() {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    for code in VerifyCode::ALL {
        let value = format!("standin:{}:cert-{}", code.as_str(), code.as_str());
        let outcome = client.verify(&scene(), &value).await;
        match (&outcome, code.verdict()) {
            (Outcome::Passed(passed), Verdict::Pass) => {
                assert_eq!(passed.code.known(), Some(*code));
                assert_eq!(passed.certify_id, format!("cert-{}", code.as_str()));
                assert!(!passed.request_id.is_empty());
            }
            (Outcome::Refused(refused), Verdict::Fail) => {
                assert_eq!(refused.code.known(), Some(*code));
                assert_eq!(refused.action, Some(code.action()));
            }
            _ => panic!("{code:?} gave {outcome:?}"),
        }
    }
    assert_eq!(standin.requests_received(), VerifyCode::ALL.len() as u64);
}

#[tokio::test]
async fn every_api_error_comes_back_with_its_catalog_status() {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    for code in ApiError::ALL {
        let outcome = client
            .verify(&scene(), &format!("standin:api:{}", code.as_str()))
            .await;
        match outcome {
            Outcome::ApiError(failure) => {
                assert_eq!(failure.code.known(), Some(*code));
                assert_eq!(failure.status, code.http_status());
                assert!(failure.request_id.is_some());
            }
            other => panic!("{code:?} gave {other:?}"),
        }
    }
    // A code no catalog knows is kept, not lost.
    match client.verify(&scene(), "standin:api:Brand.New").await {
        Outcome::ApiError(failure) => {
            assert_eq!(failure.code.as_str(), "Brand.New");
            assert!(!failure.code.is_known());
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn transport_failures_are_unavailable_of_one_kind_each() {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    let kind = |outcome: Outcome| match outcome {
        Outcome::Unavailable(unavailable) => unavailable.kind,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        kind(client.verify(&scene(), "standin:timeout").await),
        UnavailableKind::Timeout
    );
    assert_eq!(
        kind(client.verify(&scene(), "standin:garbage").await),
        UnavailableKind::UnreadableBody
    );
    assert_eq!(
        kind(client.verify(&scene(), "standin:drop").await),
        UnavailableKind::Interrupted
    );

    // A port nobody listens on: the connection is refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = listener.local_addr().unwrap();
    drop(listener);
    let nobody = client_for(
        EndpointUrl::custom(&format!("http://{closed}")).unwrap(),
        credentials(),
    );
    assert_eq!(
        kind(nobody.verify(&scene(), "standin:T001").await),
        UnavailableKind::Connect
    );
}

#[tokio::test]
async fn a_lost_answer_is_never_asked_for_twice() {
    for value in ["standin:drop", "standin:timeout"] {
        let standin = standin().await;
        let client = client_for(standin.endpoint(), credentials());
        let outcome = client.verify(&scene(), value).await;
        assert!(matches!(outcome, Outcome::Unavailable(_)), "{outcome:?}");
        // Give a second attempt, if there were one, time to arrive.
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(standin.requests_received(), 1, "{value}");
    }
}

#[tokio::test]
async fn once_passes_once() {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    let first = client.verify(&scene(), "standin:once").await;
    let second = client.verify(&scene(), "standin:once").await;
    assert_eq!(first.code(), Some("T001"));
    assert_eq!(second.code(), Some("F008"));
}

#[tokio::test]
async fn a_wrong_secret_is_refused_and_never_shown() {
    let standin = standin().await;
    let wrong = Credentials::new("standin-key-id", "wrong-secret-9d2e");
    let client = client_for(standin.endpoint(), wrong);
    let outcome = client.verify(&scene(), "standin:T001").await;
    match &outcome {
        Outcome::ApiError(failure) => {
            assert_eq!(failure.code.known(), Some(ApiError::SignatureDoesNotMatch));
            assert_eq!(failure.status, 400);
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{outcome:?} {client:?}");
    assert!(!shown.contains("wrong-secret-9d2e"), "{shown}");
    let unknown_id = client_for(standin.endpoint(), Credentials::new("who-is-this", SECRET));
    assert_eq!(
        unknown_id.verify(&scene(), "standin:T001").await.code(),
        Some("InvalidAccessKeyId.NotFound")
    );
}

#[tokio::test]
async fn sts_credentials_are_signed_and_accepted() {
    let standin = standin().await;
    let client = client_for(
        standin.endpoint(),
        credentials().with_security_token("sts-token-value-77"),
    );
    let outcome = client.verify(&scene(), "standin:T001").await;
    assert!(matches!(outcome, Outcome::Passed(_)), "{outcome:?}");
    assert!(!format!("{client:?}").contains("sts-token-value-77"));
}

/// The outcomes of every kind that a policy must decide.
async fn every_outcome() -> Vec<(String, Outcome)> {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    let mut outcomes = Vec::new();
    for code in VerifyCode::ALL {
        let value = format!("standin:{}", code.as_str());
        outcomes.push((value.clone(), client.verify(&scene(), &value).await));
    }
    for code in ApiError::ALL {
        let value = format!("standin:api:{}", code.as_str());
        outcomes.push((value.clone(), client.verify(&scene(), &value).await));
    }
    for value in [
        "standin:api:Brand.New",
        "standin:timeout",
        "standin:garbage",
    ] {
        outcomes.push((value.to_owned(), client.verify(&scene(), value).await));
    }
    outcomes
}

#[tokio::test]
async fn every_policy_decides_every_outcome() {
    let policies = [
        ("default", Policy::default()),
        ("fail-open", Policy::default().fail_open()),
        ("test-mode", Policy::default().accept_test_mode()),
        ("both", Policy::fail_closed().fail_open().accept_test_mode()),
    ];
    for (value, outcome) in every_outcome().await {
        for (name, policy) in policies {
            let decision = policy.decide(&outcome);
            let expected = match &outcome {
                Outcome::Passed(passed) => {
                    let test_mode = passed.code.known().map(VerifyCode::test_mode);
                    if test_mode == Some(TestMode::AlwaysPass) && !policy.accepts_test_mode() {
                        Decision::RefuseTestMode
                    } else {
                        Decision::Pass
                    }
                }
                Outcome::Refused(_) => Decision::Refuse,
                Outcome::ApiError(failure) => {
                    match (
                        failure.code.known().map(ApiError::retry),
                        policy.fails_open(),
                    ) {
                        (Some(Retry::Backoff), true) => Decision::FailOpen,
                        _ => Decision::FailClosed,
                    }
                }
                Outcome::Unavailable(_) if policy.fails_open() => Decision::FailOpen,
                Outcome::Unavailable(_) => Decision::FailClosed,
            };
            assert_eq!(decision, expected, "{value} under {name}");
        }
    }
}

#[tokio::test]
async fn named_cases_of_the_policy() {
    let standin = standin().await;
    let client = client_for(standin.endpoint(), credentials());
    let open = Policy::default().fail_open();
    let cases: [(&str, Decision, Decision); 8] = [
        ("standin:T001", Decision::Pass, Decision::Pass),
        (
            "standin:T005",
            Decision::RefuseTestMode,
            Decision::RefuseTestMode,
        ),
        ("standin:F001", Decision::Refuse, Decision::Refuse),
        ("standin:F004", Decision::Refuse, Decision::Refuse),
        (
            "standin:api:Throttling",
            Decision::FailClosed,
            Decision::FailOpen,
        ),
        (
            "standin:api:InternalError",
            Decision::FailClosed,
            Decision::FailOpen,
        ),
        (
            "standin:api:InvalidAccessKeyId.NotFound",
            Decision::FailClosed,
            Decision::FailClosed,
        ),
        ("standin:timeout", Decision::FailClosed, Decision::FailOpen),
    ];
    for (value, closed, opened) in cases {
        let outcome = client.verify(&scene(), value).await;
        assert_eq!(Policy::default().decide(&outcome), closed, "{value}");
        assert_eq!(open.decide(&outcome), opened, "{value}");
        assert_eq!(closed.allows(), matches!(closed, Decision::Pass), "{value}");
    }
    let t005 = client.verify(&scene(), "standin:T005").await;
    assert_eq!(
        Policy::default().accept_test_mode().decide(&t005),
        Decision::Pass
    );
}
