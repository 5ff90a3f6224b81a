//! RFC 9457 problem details (feature `serde`) for rows of every table, unknown codes and
//! a validation report.
#![cfg(feature = "serde")]

use captcha_errors::api::ApiError;
use captcha_errors::problem_details::{ProblemDetails, CONTENT_TYPE};
use captcha_errors::verify::VerifyCode;
use captcha_errors::{CatalogRow, ErrorCode, FieldError, InitConfig, Wire};

#[test]
fn every_row_becomes_a_problem_with_its_anchor_and_words() {
    assert_eq!(CONTENT_TYPE, "application/problem+json");
    for code in ErrorCode::ALL {
        let json = ProblemDetails::from_row(*code).to_value();
        assert_eq!(json["type"], format!("docs/init.md#{}", code.anchor()));
        assert_eq!(json["title"], code.description());
        assert_eq!(json["status"], code.http_status());
        assert_eq!(json["code"], code.as_str());
        assert_eq!(json["retry"], code.retry().as_str());
        assert!(
            json["platforms"].is_array(),
            "a `words` column stays an array"
        );
    }
    let verify = ProblemDetails::from_row(VerifyCode::F008).to_value();
    assert_eq!(verify["code"], "F008");
    assert_eq!(verify["verdict"], "fail");
    assert_eq!(verify["action"], "retry-captcha");
    assert!(
        verify.get("status").is_none(),
        "the verify table has no HTTP status"
    );
    let api = ProblemDetails::from_row(ApiError::InvalidParameter);
    assert_eq!(api.status(), Some(401));
    let field = ProblemDetails::from_row(FieldError::Mode).with_type_base("https://example.com/");
    assert_eq!(
        field.type_uri(),
        "https://example.com/docs/init.md#field-mode"
    );
}

#[test]
fn unknown_codes_get_the_fallback_status() {
    let problem = ProblemDetails::from_wire(&Wire::<ApiError>::parse("Throttling.User"), 502);
    assert_eq!(problem.status(), Some(502));
    assert_eq!(
        problem.extension("code").and_then(|v| v.as_str()),
        Some("Throttling.User")
    );
    let known = ProblemDetails::from_wire(&Wire::<ApiError>::parse("Throttling"), 502);
    assert_eq!(known, ProblemDetails::from_row(ApiError::Throttling));
}

#[test]
fn a_report_lists_every_problem_with_param_row_and_hint() {
    let report = InitConfig::new()
        .region("zh")
        .prefix("no8xfe")
        .scene_id("didk33e0")
        .mode("popout")
        .validate();
    let problem = ProblemDetails::from_report(&report);
    let json: serde_json::Value = serde_json::from_str(&problem.to_json()).unwrap();
    assert_eq!(json["type"], "docs/init.md#init-parameters");
    assert_eq!(json["status"], 400);
    assert_eq!(json["code"], "region");
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), report.problems().len());
    assert_eq!(problems[0]["param"], "region");
    assert_eq!(problems[0]["row"], "region");
    assert_eq!(problems[0]["hint"], "cn");
    assert_eq!(problems[0]["severity"], "error");
    assert!(problems
        .iter()
        .any(|p| p["param"] == "mode" && p["hint"] == "popup"));
}

/// The runtime computes each row's anchor itself; the docs pages, written by codegen,
/// must hold every one of them, or a problem's `type` would point nowhere.
#[test]
fn every_problem_type_anchor_exists_on_its_docs_page() {
    fn check<R: CatalogRow>(rows: &[R]) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let page = std::fs::read_to_string(root.join(R::DOCS_PAGE)).expect("the docs page");
        for row in rows {
            let anchor = format!("<a id=\"{}\"></a>", row.anchor());
            assert!(page.contains(&anchor), "{} lacks {anchor}", R::DOCS_PAGE);
        }
    }
    check(ErrorCode::ALL);
    check(FieldError::ALL);
    check(VerifyCode::ALL);
    check(ApiError::ALL);
}
