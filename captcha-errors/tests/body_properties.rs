//! Property tests: arbitrary JSON, and arbitrary text, thrown at every body parser never
//! panics, and whatever a parser accepts it writes back as JSON that parses to the same
//! value. The default case count keeps `cargo test` quick; for a long run set
//! `BODY_FUZZ_CASES`, such as
//! `BODY_FUZZ_CASES=350000 cargo test --release -p captcha-errors --all-features --test body_properties -- --nocapture`
//! (each case runs three parsers; the properties print their execution counts).
#![cfg(feature = "serde")]

use std::sync::atomic::{AtomicUsize, Ordering};

use captcha_errors::api::ErrorBody;
use captcha_errors::init::ClientError;
use captcha_errors::verify::VerifyResponse;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};

fn cases() -> u32 {
    std::env::var("BODY_FUZZ_CASES")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(512)
}

/// Strings that matter here: the SDK's field names, real and near-miss codes, hostile text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Code".to_owned()),
        Just("RequestId".to_owned()),
        Just("Result".to_owned()),
        Just("VerifyCode".to_owned()),
        Just("VerifyResult".to_owned()),
        Just("CertifyId".to_owned()),
        Just("code".to_owned()),
        Just("msg".to_owned()),
        Just("T001".to_owned()),
        Just("F008".to_owned()),
        Just("Throttling.User".to_owned()),
        any::<String>(),
    ]
}

/// Arbitrary JSON, biased towards the shapes of the real bodies.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::vec((text(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A real-shaped body with some members replaced by arbitrary values.
fn near_body() -> impl Strategy<Value = Value> {
    (json_value(), json_value(), json_value(), any::<u8>()).prop_map(|(a, b, c, pick)| {
        let mut body = json!({"Code":"Success","Message":"success","RequestId":"r",
            "Result":{"CertifyId":"x","VerifyCode":"F008","VerifyResult":false},"Success":true,
            "code":"IllegalUserTag","msg":"m"});
        let keys = ["Code", "RequestId", "Result", "code", "msg", "Success"];
        if let Some(result) = body["Result"].as_object_mut() {
            result.insert("VerifyCode".to_owned(), b);
            if pick % 3 == 0 {
                result.insert("VerifyResult".to_owned(), c);
            }
        }
        body[keys[pick as usize % keys.len()]] = a;
        body
    })
}

fn run(name: &str, strategy: impl Strategy<Value = String>, executions: &AtomicUsize) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |body| {
            if let Ok(value) = VerifyResponse::from_json(&body) {
                prop_assert_eq!(
                    VerifyResponse::from_json(&value.to_json()).ok(),
                    Some(value)
                );
            }
            if let Ok(value) = ErrorBody::from_json(&body) {
                prop_assert_eq!(ErrorBody::from_json(&value.to_json()).ok(), Some(value));
            }
            if let Ok(value) = ClientError::from_json(&body) {
                prop_assert_eq!(ClientError::from_json(&value.to_json()).ok(), Some(value));
            }
            executions.fetch_add(3, Ordering::Relaxed);
            Ok(())
        })
        .unwrap_or_else(|error| panic!("{name}: {error}"));
    println!(
        "{name}: {} parser executions",
        executions.load(Ordering::Relaxed)
    );
}

#[test]
fn arbitrary_json_never_panics_and_round_trips() {
    let executions = AtomicUsize::new(0);
    run(
        "arbitrary JSON",
        json_value().prop_map(|v| v.to_string()),
        &executions,
    );
}

#[test]
fn near_miss_bodies_never_panic_and_round_trip() {
    let executions = AtomicUsize::new(0);
    run(
        "near-miss bodies",
        near_body().prop_map(|v| v.to_string()),
        &executions,
    );
}

#[test]
fn arbitrary_text_never_panics() {
    let executions = AtomicUsize::new(0);
    run("arbitrary text", any::<String>(), &executions);
}
