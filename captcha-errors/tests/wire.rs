//! Unknown codes survive the wire: for every table of every catalog, a code the catalog
//! does not know parses, serializes and parses again byte for byte, and every known code
//! round-trips through `Wire`, `Display`, `FromStr` and (feature `serde`) serde.

use captcha_errors::api::ApiError;
use captcha_errors::verify::VerifyCode;
use captcha_errors::{ErrorCode, FieldError, Wire, WireCode};

/// Codes that no table knows, some of them near misses of real ones.
const UNKNOWN: &[&str] = &[
    "Throttling.User",
    "throttling",
    "F099",
    "T001 ",
    "",
    "验证码",
    "\"quoted\\\"",
    "Forbidden.AccountAccessDenied\u{0}",
];

/// A generated enum, with serde when the feature is on.
#[cfg(feature = "serde")]
trait Code: WireCode + std::hash::Hash + serde::Serialize + serde::de::DeserializeOwned {}
#[cfg(feature = "serde")]
impl<T: WireCode + std::hash::Hash + serde::Serialize + serde::de::DeserializeOwned> Code for T {}
/// A generated enum, with serde when the feature is on.
#[cfg(not(feature = "serde"))]
trait Code: WireCode + std::hash::Hash {}
#[cfg(not(feature = "serde"))]
impl<T: WireCode + std::hash::Hash> Code for T {}

fn round_trips<T: Code>(all: &[T]) {
    for text in UNKNOWN {
        let wire = Wire::<T>::parse(text);
        assert!(!wire.is_known(), "{text:?} is known");
        assert_eq!(wire.as_str(), *text);
        assert_eq!(wire.to_string(), *text);
        assert_eq!(text.parse::<Wire<T>>(), Ok(wire.clone()));
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&wire).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            let back: Wire<T> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, wire);
            assert_eq!(
                serde_json::to_string(&back).unwrap(),
                json,
                "not byte for byte"
            );
        }
    }
    for &known in all {
        let wire = Wire::parse(known.as_wire());
        assert_eq!(wire, Wire::Known(known));
        assert_eq!(wire.known(), Some(known));
        assert_eq!(Wire::from(known), wire);
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&known).unwrap();
            assert_eq!(json, serde_json::to_string(known.as_wire()).unwrap());
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), known);
            assert_eq!(serde_json::from_str::<Wire<T>>(&json).unwrap(), wire);
        }
    }
}

#[test]
fn every_table_keeps_unknown_codes() {
    round_trips(ErrorCode::ALL);
    round_trips(FieldError::ALL);
    round_trips(VerifyCode::ALL);
    round_trips(ApiError::ALL);
}

#[test]
fn a_dependent_can_match_known_codes() {
    let describe = |wire: &Wire<VerifyCode>| match wire {
        Wire::Known(VerifyCode::T001) => "passed".to_owned(),
        Wire::Known(other) => format!("known {other:?}"),
        Wire::Unknown(code) => format!("unknown {code}"),
    };
    assert_eq!(describe(&Wire::parse("T001")), "passed");
    assert_eq!(describe(&Wire::parse("F008")), "known F008");
    assert_eq!(describe(&Wire::parse("F099")), "unknown F099");
}

#[cfg(feature = "serde")]
#[test]
fn strict_enums_refuse_unknown_codes_by_name() {
    let error = serde_json::from_str::<ErrorCode>("\"Throttling.User\"").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("unknown error code \"Throttling.User\""),
        "{error}"
    );
    let word = serde_json::from_str::<captcha_errors::Retry>("\"never\"").unwrap();
    assert_eq!(word, captcha_errors::Retry::Never);
    assert_eq!(
        serde_json::to_string(&captcha_errors::Platform::WeChat).unwrap(),
        "\"wechat\""
    );
}

#[cfg(feature = "http")]
#[test]
fn tables_with_a_status_give_http_status_codes() {
    assert_eq!(
        ErrorCode::Throttling.status_code(),
        http::StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        http::StatusCode::from(ApiError::InvalidParameter),
        http::StatusCode::UNAUTHORIZED
    );
    for code in FieldError::ALL {
        assert_eq!(code.status_code().as_u16(), code.http_status());
    }
}
