//! Behaviour of the generated `ErrorCode`, as a dependent crate sees it.

use std::collections::HashSet;
use std::error::Error;

use captcha_errors::{Category, ErrorCode, Platform, Retry, UnknownValue};

#[test]
fn every_code_round_trips_through_its_wire_form() {
    assert_eq!(ErrorCode::ALL.len(), 6);
    for &code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(code));
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
    }
    let distinct: HashSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(distinct.len(), ErrorCode::ALL.len());
}

#[test]
fn codes_are_in_the_seed_order() {
    let wire: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        wire,
        [
            "IllegalUserTag",
            "IllegalCertifyId",
            "IllegalScene",
            "Forbidden.AccountAccessDenied",
            "Throttling",
            "ThrottlingByStrategy",
        ]
    );
}

#[test]
fn account_access_denied_maps_to_403() {
    let code = ErrorCode::from_code("Forbidden.AccountAccessDenied");
    assert_eq!(code, Some(ErrorCode::ForbiddenAccountAccessDenied));
    let code = code.unwrap();
    assert_eq!(code.http_status(), 403);
    assert_eq!(code.category(), Category::Account);
    assert_eq!(code.retry(), Retry::Never);
}

#[test]
fn near_misses_are_rejected() {
    for input in [
        "",
        " ",
        "illegalusertag",
        "ILLEGALUSERTAG",
        " IllegalUserTag",
        "IllegalUserTag ",
        "IllegalUserTag\n",
        "Forbidden.accountAccessDenied",
        "ForbiddenAccountAccessDenied",
        "Forbidden",
        "Throttling.",
    ] {
        assert_eq!(ErrorCode::from_code(input), None, "{input:?} was accepted");
        let error: UnknownValue = input.parse::<ErrorCode>().unwrap_err();
        assert_eq!(error.input(), input);
        assert!(error.to_string().contains(&format!("{input:?}")), "{error}");
    }
}

#[test]
fn statuses_and_retry_advice_follow_the_catalog() {
    let expected = [
        (
            ErrorCode::IllegalUserTag,
            400,
            Retry::Never,
            Category::Configuration,
        ),
        (
            ErrorCode::IllegalCertifyId,
            400,
            Retry::Never,
            Category::Configuration,
        ),
        (
            ErrorCode::IllegalScene,
            400,
            Retry::Never,
            Category::Configuration,
        ),
        (
            ErrorCode::ForbiddenAccountAccessDenied,
            403,
            Retry::Never,
            Category::Account,
        ),
        (
            ErrorCode::Throttling,
            429,
            Retry::Backoff,
            Category::RateLimiting,
        ),
        (
            ErrorCode::ThrottlingByStrategy,
            429,
            Retry::Never,
            Category::RateLimiting,
        ),
    ];
    for (code, status, retry, category) in expected {
        assert_eq!(code.http_status(), status, "{code:?}");
        assert_eq!(code.retry(), retry, "{code:?}");
        assert_eq!(code.is_retryable(), retry != Retry::Never, "{code:?}");
        assert_eq!(code.category(), category, "{code:?}");
    }
}

#[test]
fn illegal_user_tag_does_not_occur_in_wechat() {
    assert_eq!(
        ErrorCode::IllegalUserTag.platforms(),
        &[Platform::Web, Platform::H5, Platform::App]
    );
    assert!(ErrorCode::IllegalUserTag
        .notes()
        .unwrap()
        .contains("WeChat mini program"));
    for &code in &ErrorCode::ALL[1..] {
        assert!(code.platforms().contains(&Platform::WeChat), "{code:?}");
        assert_eq!(code.notes(), None);
    }
}

#[test]
fn display_is_the_vendor_description_and_it_is_an_error() {
    let code = ErrorCode::IllegalCertifyId;
    assert_eq!(
        code.to_string(),
        "The format of the custom `certifyId` (UserCertifyId) parameter is invalid."
    );
    assert_eq!(code.to_string(), code.description());
    assert!(code
        .troubleshooting()
        .starts_with("Confirm that the parameter format is"));
    let boxed: Box<dyn Error + Send + Sync> = Box::new(code);
    assert!(boxed.source().is_none());
}

#[test]
fn texts_are_never_empty() {
    for &code in ErrorCode::ALL {
        assert!(!code.description().trim().is_empty());
        assert!(!code.troubleshooting().trim().is_empty());
        assert!(!code.platforms().is_empty());
        assert!((100..=599).contains(&code.http_status()));
    }
}

#[test]
fn vocabularies_print_their_catalog_words() {
    assert_eq!(Retry::Backoff.to_string(), "backoff");
    assert_eq!(Category::RateLimiting.as_str(), "rate-limiting");
    let platforms: Vec<&str> = Platform::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(platforms, ["web", "h5", "app", "wechat"]);
}

/// `is_retryable` is generated from the catalog's `is_retryable` predicate of the `retry`
/// vocabulary; it must keep the hand-written method's meaning (anything but
/// `Retry::Never`) for every code, and stay usable in a `const`.
#[test]
fn is_retryable_is_the_retry_advice_being_anything_but_never() {
    const { assert!(ErrorCode::Throttling.is_retryable()) };
    const { assert!(!ErrorCode::IllegalScene.is_retryable()) };
    for code in ErrorCode::ALL {
        assert_eq!(
            code.is_retryable(),
            !matches!(code.retry(), Retry::Never),
            "{code:?}"
        );
    }
    assert!(ErrorCode::ALL.iter().any(|code| code.is_retryable()));
    assert!(ErrorCode::ALL.iter().any(|code| !code.is_retryable()));
}
