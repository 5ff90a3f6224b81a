//! Property tests: signing and checking agree on any input; readers of untrusted text never
//! panic and keep what they cannot classify.

use captcha_verify::request::VerifyCall;
use captcha_verify::sign::{self, Authorization, RequestParts};
use captcha_verify::{Credentials, Outcome, UnavailableKind};
use proptest::prelude::*;

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_signed_call_verifies_with_its_secret_only(
        param in any::<String>(),
        scene in "[a-z0-9]{1,16}",
        secret in "[!-~]{1,40}",
        other in "[!-~]{1,40}",
        token in proptest::option::of("[!-~]{1,40}"),
    ) {
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
        prop_assert!(signed.body().bytes().all(|byte| byte.is_ascii_alphanumeric()
            || b"-_.~%=&".contains(&byte)));
    }

    #[test]
    fn authorization_parsing_never_panics(value in any::<String>()) {
        let _ = Authorization::parse(&value);
    }

    #[test]
    fn any_answer_is_exactly_one_outcome(status in 100u16..600, body in any::<Vec<u8>>()) {
        let outcome = Outcome::from_response(status, &body);
        match &outcome {
            Outcome::Passed(_) | Outcome::Refused(_) => prop_assert!((200..300).contains(&status)),
            Outcome::ApiError(failure) => prop_assert_eq!(failure.status, status),
            Outcome::Unavailable(unavailable) => {
                prop_assert_eq!(unavailable.status, Some(status));
                prop_assert!(matches!(
                    unavailable.kind,
                    UnavailableKind::UnreadableBody | UnavailableKind::UnexpectedStatus
                ));
            }
        }
    }

    #[test]
    fn any_verify_code_text_is_kept(code in "[A-Z][0-9A-Za-z]{0,8}", passed in any::<bool>()) {
        let body = format!(
            r#"{{"RequestId":"r","Code":"Success","Result":{{"VerifyResult":{passed},"VerifyCode":"{code}","CertifyId":"c"}}}}"#
        );
        let outcome = Outcome::from_response(200, body.as_bytes());
        prop_assert_eq!(outcome.code(), Some(code.as_str()));
        if !passed {
            prop_assert!(matches!(outcome, Outcome::Refused(_)), "{:?}", outcome);
        }
    }
}
