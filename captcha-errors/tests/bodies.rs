//! The vendor's bodies (feature `serde`): shaped exactly as the official SDK models
//! produce them they parse, with unknown codes kept; hostile inputs (not JSON, wrong
//! types, missing fields, 10 MB strings, nesting 100,000 deep) are errors that say what
//! is wrong and where.
#![cfg(feature = "serde")]

use captcha_errors::api::{ApiError, ErrorBody};
use captcha_errors::init::ClientError;
use captcha_errors::verify::{Verdict, VerifyCode, VerifyResponse};
use captcha_errors::{BodyErrorKind, ErrorCode, Wire, MAX_BODY_LEN};

/// A response as the SDK model's `toMap()` writes it.
fn verify_body(code: &str, passed: bool) -> String {
    format!(
        r#"{{"Code":"Success","Message":"success","RequestId":"A1B2-C3","Result":{{"CertifyId":"no8xfe_7G47iByes3","VerifyCode":"{code}","VerifyResult":{passed}}},"Success":true}}"#
    )
}

#[test]
fn every_verify_code_parses_from_an_official_shaped_body() {
    for code in VerifyCode::ALL {
        let passed = code.verdict() == Verdict::Pass;
        let response = VerifyResponse::from_json(&verify_body(code.as_str(), passed)).unwrap();
        assert_eq!(response.verify_code(), &Wire::Known(*code));
        assert_eq!(response.passed(), passed);
        assert_eq!(response.verdict(), Some(code.verdict()));
        assert_eq!(response.certify_id(), "no8xfe_7G47iByes3");
        assert_eq!(response.request_id(), "A1B2-C3");
        assert_eq!(response.code().as_str(), "Success");
        assert_eq!(response.success(), Some(true));
        // Written back with the SDK's names, it parses to the same value.
        assert_eq!(
            VerifyResponse::from_json(&response.to_json()).unwrap(),
            response
        );
    }
    let unknown = VerifyResponse::from_json(&verify_body("F099", false)).unwrap();
    assert_eq!(unknown.verify_code().as_str(), "F099");
    assert_eq!(unknown.verdict(), None);
}

#[test]
fn openapi_error_bodies_parse() {
    let body = r#"{"RequestId":"7A3B","HostId":"captcha.cn-shanghai.aliyuncs.com","Code":"Forbidden.AccountAccessDenied","Message":"m","Recommend":"https://example.invalid/r"}"#;
    let error = ErrorBody::from_json(body).unwrap();
    assert_eq!(
        error.code(),
        &Wire::Known(ApiError::ForbiddenAccountAccessDenied)
    );
    assert_eq!(error.host_id(), Some("captcha.cn-shanghai.aliyuncs.com"));
    assert_eq!(error.recommend(), Some("https://example.invalid/r"));
    let unknown = ErrorBody::from_json(r#"{"Code":"Throttling.User"}"#).unwrap();
    assert_eq!(unknown.code().as_str(), "Throttling.User");
    assert_eq!(ErrorBody::from_json(&unknown.to_json()).unwrap(), unknown);
}

#[test]
fn client_errors_are_read_leniently() {
    let payload =
        ClientError::from_json(r#"{"code":"ThrottlingByStrategy","msg":"slow down"}"#).unwrap();
    assert_eq!(
        payload.code(),
        Some(&Wire::Known(ErrorCode::ThrottlingByStrategy))
    );
    assert_eq!(payload.msg(), Some("slow down"));
    assert_eq!(
        ClientError::from_json(r#"{"code":403}"#)
            .unwrap()
            .code()
            .map(|c| c.as_str()),
        Some("403")
    );
    assert_eq!(
        ClientError::from_json(r#"{"msg":"only a message"}"#)
            .unwrap()
            .code(),
        None
    );
    assert_eq!(
        ClientError::from_json(r#"{"code":-1.5}"#)
            .unwrap()
            .code()
            .map(|c| c.as_str()),
        Some("-1.5")
    );
}

/// Every parser's verdict on `body`, as errors (or `None` if it accepted).
fn errors(body: &str) -> [Option<captcha_errors::BodyError>; 3] {
    [
        VerifyResponse::from_json(body).err(),
        ErrorBody::from_json(body).err(),
        ClientError::from_json(body).err(),
    ]
}

#[test]
fn hostile_inputs_are_errors_that_say_what_and_where() {
    for body in [
        "",
        "not json",
        "{",
        "[]",
        "5",
        "\"text\"",
        "{\"code\":}",
        "null",
    ] {
        for error in errors(body) {
            let error = error.unwrap_or_else(|| panic!("{body:?} was accepted"));
            assert!(!error.to_string().is_empty());
        }
    }
    let wrong = VerifyResponse::from_json(&verify_body("T001", true).replace("true}", "\"yes\"}"))
        .unwrap_err();
    assert_eq!(wrong.kind(), BodyErrorKind::Shape);
    assert!(
        wrong.to_string().contains("expected a boolean") && wrong.line() == 1 && wrong.column() > 0,
        "{wrong}"
    );
    let missing = VerifyResponse::from_json(
        r#"{"RequestId":"x","Code":"Success","Result":{"VerifyResult":true}}"#,
    )
    .unwrap_err();
    assert!(
        missing.to_string().contains("missing field `VerifyCode`"),
        "{missing}"
    );
    let missing_code = ErrorBody::from_json(r#"{"RequestId":"x"}"#).unwrap_err();
    assert!(
        missing_code.to_string().contains("missing field `Code`"),
        "{missing_code}"
    );
}

#[test]
fn huge_strings_and_deep_nesting_are_refused() {
    let huge = format!(r#"{{"Code":"{}"}}"#, "A".repeat(10 * 1024 * 1024));
    for error in errors(&huge) {
        assert_eq!(error.expect("refused").kind(), BodyErrorKind::TooLarge);
    }
    let just_under = format!(r#"{{"Code":"{}"}}"#, "A".repeat(MAX_BODY_LEN - 20));
    assert!(ErrorBody::from_json(&just_under).is_ok());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for error in errors(&deep) {
        assert!(error.is_some(), "deep nesting accepted");
    }
    let deep_object = format!("{}{}", "{\"a\":".repeat(20_000), "}".repeat(20_000));
    for error in errors(&deep_object) {
        let error = error.expect("refused");
        assert!(
            error.to_string().contains("recursion limit")
                || error.kind() == BodyErrorKind::TooLarge,
            "{error}"
        );
    }
}
