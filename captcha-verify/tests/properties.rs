//! Property tests: signing and checking agree on any input; readers of untrusted text never
//! panic and keep what they cannot classify. Each property counts the inputs that reached
//! its conditional checks and fails if there were too few.

use captcha_verify::request::VerifyCall;
use captcha_verify::sign::{self, Authorization, RequestParts, ALGORITHM};
use captcha_verify::{Credentials, Outcome, UnavailableKind};
use proptest::prelude::*;

// The runner that counts what each property checked, shared with captcha-errors' tests.
#[path = "../../captcha-errors/tests/property_support/mod.rs"]
mod property_support;

/// What a server recomputes from a signed call: the canonical request of the headers the
/// `Authorization` header names, with the body it received.
fn server_accepts(signed_headers: &[(&str, &str)], body: &[u8], secret: &str) -> bool {
    let Some(authorization) = signed_headers
        .iter()
        .find(|(name, _)| *name == "authorization")
        .and_then(|(_, value)| Authorization::parse(value))
    else {
        return false;
    };
    let signed: Vec<(&str, &str)> = authorization
        .signed_headers
        .split(';')
        .filter_map(|name| signed_headers.iter().find(|(n, _)| *n == name).copied())
        .collect();
    let payload_hash = sign::hash_payload(body);
    let parts = RequestParts {
        method: "POST",
        path: "/",
        query: &[],
        headers: &signed,
        payload_hash: payload_hash.as_str(),
    };
    sign::verify_signature(
        secret.as_bytes(),
        &parts.hashed_canonical_request(),
        authorization.signature,
    )
}

/// The cases of each property.
const CASES: u32 = 256;

#[test]
fn a_signed_call_verifies_with_its_secret_only() {
    let strategy = (
        any::<String>(),
        "[a-z0-9]{1,16}",
        "[!-~]{1,40}",
        "[!-~]{1,40}",
        proptest::option::of("[!-~]{1,40}"),
    );
    let counts = property_support::run(
        "a signed call",
        CASES,
        strategy,
        |(param, scene, secret, other, token), counts| {
            let mut credentials = Credentials::new("key-id", secret.clone());
            if let Some(token) = &token {
                credentials = credentials.with_security_token(token.clone());
            }
            let signed = VerifyCall {
                host: "127.0.0.1:8080",
                scene_id: &scene,
                captcha_verify_param: &param,
                date: "2026-12-07T06:00:00Z",
                nonce: "0123456789abcdef0123456789abcdef",
            }
            .sign(&credentials);
            let headers = signed.headers();
            prop_assert!(server_accepts(&headers, signed.body().as_bytes(), &secret));
            if other != secret {
                prop_assert!(!server_accepts(&headers, signed.body().as_bytes(), &other));
                counts.add("another secret refused");
            }
            // The body decodes back to exactly the parameter and the scene.
            let decoded: Vec<(String, String)> = form_urlencoded::parse(signed.body().as_bytes())
                .into_owned()
                .collect();
            prop_assert_eq!(
                decoded,
                vec![
                    ("CaptchaVerifyParam".to_owned(), param.clone()),
                    ("SceneId".to_owned(), scene.clone()),
                ]
            );
            // Only RFC 3986 unreserved characters stay unencoded.
            prop_assert!(signed
                .body()
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || b"-_.~%=&".contains(&byte)));
            Ok(())
        },
    );
    counts.at_least("another secret refused", 90.0);
}

/// Arbitrary text, or a header of the right shape whose parts may be empty: the parse
/// never panics, and what it reads from a header of the right shape is what it holds.
#[test]
fn authorization_parsing_never_panics() {
    let part = "[A-Za-z0-9;/_-]{0,12}";
    let shaped = (part, part, part).prop_map(|(id, names, signature)| {
        format!("{ALGORITHM} Credential={id},SignedHeaders={names},Signature={signature}")
    });
    let strategy = prop_oneof![any::<String>(), shaped];
    let counts = property_support::run("authorization", CASES, strategy, |value, counts| {
        let Some(authorization) = Authorization::parse(&value) else {
            return Ok(());
        };
        let written = format!(
            "{ALGORITHM} Credential={},SignedHeaders={},Signature={}",
            authorization.access_key_id, authorization.signed_headers, authorization.signature
        );
        prop_assert_eq!(written, value);
        counts.add("parsed");
        Ok(())
    });
    // Measured: about 40% (half the values have the shape; an empty id or name list is refused).
    counts.at_least("parsed", 25.0);
}

/// A verify body with any code and result, an error body, or arbitrary bytes.
fn answer_body() -> impl Strategy<Value = Vec<u8>> {
    let verify = ("[A-Z][0-9A-Za-z]{0,8}", any::<bool>()).prop_map(|(code, passed)| {
        format!(
            r#"{{"RequestId":"r","Code":"Success","Result":{{"VerifyResult":{passed},"VerifyCode":"{code}","CertifyId":"c"}}}}"#
        )
        .into_bytes()
    });
    let error = "[A-Z][A-Za-z.]{0,20}".prop_map(|code| {
        format!(r#"{{"RequestId":"r","Code":"{code}","Message":"m"}}"#).into_bytes()
    });
    prop_oneof![any::<Vec<u8>>(), verify, error]
}

#[test]
fn any_answer_is_exactly_one_outcome() {
    let strategy = (prop_oneof![100u16..600, 200u16..300], answer_body());
    let counts = property_support::run("any answer", CASES, strategy, |(status, body), counts| {
        let outcome = Outcome::from_response(status, &body);
        match &outcome {
            Outcome::Passed(_) | Outcome::Refused(_) => {
                prop_assert!((200..300).contains(&status));
                counts.add("passed or refused");
            }
            Outcome::ApiError(failure) => {
                prop_assert_eq!(failure.status, status);
                counts.add("API error");
            }
            Outcome::Unavailable(unavailable) => {
                prop_assert_eq!(unavailable.status, Some(status));
                prop_assert!(matches!(
                    unavailable.kind,
                    UnavailableKind::UnreadableBody | UnavailableKind::UnexpectedStatus
                ));
                counts.add("unavailable");
            }
        }
        Ok(())
    });
    // Each kind of outcome in at least a tenth of the answers (measured: about a fifth,
    // a half and a third).
    counts
        .at_least("passed or refused", 10.0)
        .at_least("API error", 10.0)
        .at_least("unavailable", 10.0);
}

#[test]
fn any_verify_code_text_is_kept() {
    let strategy = ("[A-Z][0-9A-Za-z]{0,8}", any::<bool>());
    let counts = property_support::run(
        "verify code text",
        CASES,
        strategy,
        |(code, passed), counts| {
            let body = format!(
                r#"{{"RequestId":"r","Code":"Success","Result":{{"VerifyResult":{passed},"VerifyCode":"{code}","CertifyId":"c"}}}}"#
            );
            let outcome = Outcome::from_response(200, body.as_bytes());
            prop_assert_eq!(outcome.code(), Some(code.as_str()));
            if !passed {
                prop_assert!(matches!(outcome, Outcome::Refused(_)), "{:?}", outcome);
                counts.add("failed result refused");
            }
            Ok(())
        },
    );
    counts.at_least("failed result refused", 30.0);
}
