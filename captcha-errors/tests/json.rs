//! JSON configs (feature `serde`), as a service that serves a page's captcha config
//! would use them.
#![cfg(feature = "serde")]

use captcha_errors::json::{validate_json, JsonProblem};
use captcha_errors::{ErrorCode, FieldError, Param, ProblemKind, Raised, Severity};
use serde_json::{json, Value};

fn page() -> Value {
    json!({
        "region": "sgp",
        "prefix": "no8xfe",
        "SceneId": "didk33e0",
        "mode": "embed",
        "element": "#captcha-element",
        "button": "#captcha-button",
        "language": "en",
        "slideStyle": { "width": 360, "height": 40 },
        "upLang": { "en": { "POPUP_TITLE": "Check" } },
        "UserCertifyId": "no8xfe_7G47iByes3",
        "rem": 0.75,
        "immediate": false,
        "zIndex": 1000,
    })
}

#[test]
fn a_valid_page_config_round_trips_into_its_two_objects() {
    let input = page();
    let report = validate_json(&input);
    assert!(
        report.is_valid(),
        "{:?}",
        report.problems().collect::<Vec<_>>()
    );
    assert_eq!(report.problems().count(), 0);

    let mut expected_init = input.as_object().unwrap().clone();
    expected_init.remove("region");
    expected_init.remove("prefix");
    assert_eq!(report.init_options().unwrap(), expected_init);
    assert_eq!(
        Value::Object(report.globals().unwrap()),
        json!({ "region": "sgp", "prefix": "no8xfe" })
    );
}

#[test]
fn wrong_json_types_raise_the_general_type_row() {
    let mut input = page();
    input["immediate"] = json!("false");
    input["zIndex"] = json!(1.5);
    input["slideStyle"] = json!({ "width": "360px" });
    input["success"] = json!("onSuccess");
    let report = validate_json(&input);
    assert!(!report.is_valid());
    let problems: Vec<_> = report.param_problems().collect();
    let found: Vec<(Param, ProblemKind)> = problems.iter().map(|p| (p.param(), p.kind())).collect();
    // JSON problems come in the object's key order (sorted, as serde_json keeps it).
    assert_eq!(
        found,
        [
            (Param::Immediate, ProblemKind::WrongType { found: "string" }),
            (
                Param::SlideStyleWidth,
                ProblemKind::WrongType { found: "string" }
            ),
            (Param::Success, ProblemKind::WrongType { found: "string" }),
            (Param::ZIndex, ProblemKind::WrongType { found: "number" }),
        ]
    );
    for problem in &problems {
        assert_eq!(problem.raised(), Raised::Field(FieldError::GeneralType));
    }
    assert_eq!(report.init_options(), None);
}

#[test]
fn rule_problems_and_unknown_keys_are_all_reported() {
    let input = json!({
        "region": "zh",
        "prefix": "no8xfe",
        "SceneId": "didk33e0",
        "mode": "popout",
        "element": "abc",
        "button": "#b",
        "language": "abc",
        "UserCertifyId": "other_7G47iByes3",
        "captchaLogo": "https://example.com/logo.png",
        "slideStyle": { "colour": "red" },
    });
    let report = validate_json(&input);
    let unknown: Vec<String> = report
        .problems()
        .filter_map(|p| match p {
            JsonProblem::UnknownKey { key } => Some(key),
            _ => None,
        })
        .collect();
    assert_eq!(unknown, ["captchaLogo", "slideStyle.colour"]);
    let raised: Vec<Raised> = report.param_problems().map(|p| p.raised()).collect();
    assert_eq!(
        raised,
        [
            Raised::Field(FieldError::Region),
            Raised::Field(FieldError::Mode),
            Raised::Field(FieldError::ElementOrButton),
            Raised::Field(FieldError::Language),
            Raised::Code(ErrorCode::IllegalCertifyId),
        ]
    );
    let severities: Vec<Severity> = report.problems().map(|p| p.severity()).collect();
    assert_eq!(&severities[..2], [Severity::Warning, Severity::Warning]);
}

#[test]
fn unknown_keys_alone_keep_the_config_valid() {
    let mut input = page();
    input["newSdkOption"] = json!(true);
    let report = validate_json(&input);
    assert!(report.is_valid());
    assert_eq!(report.problems().count(), 1);
    // An unknown key is not written back: only what the catalog knows is served.
    assert!(!report.init_options().unwrap().contains_key("newSdkOption"));
}

#[test]
fn a_config_that_is_not_an_object_is_an_error() {
    let input = json!(["region", "cn"]);
    let report = validate_json(&input);
    assert!(!report.is_valid());
    let first = report.problems().next().unwrap();
    assert_eq!(first, JsonProblem::NotAnObject { found: "array" });
    assert_eq!(
        first.to_string(),
        "the config must be a JSON object, not array"
    );
}

/// `init_options` and `globals` are generated from the catalog's scope words (their
/// `json_object`): each writes the params of its own scope, and together they split a
/// valid config's keys between them, as the hand-written methods did.
#[test]
fn each_scope_object_holds_exactly_the_params_of_its_scope() {
    let input = page();
    let report = validate_json(&input);
    let init = report.init_options().unwrap();
    let globals = report.globals().unwrap();
    for (object, scope) in [
        (&init, captcha_errors::Scope::Init),
        (&globals, captcha_errors::Scope::Global),
    ] {
        assert!(!object.is_empty(), "{scope:?}");
        for key in object.keys() {
            let param = Param::from_name(key).unwrap_or_else(|| panic!("`{key}` is a param"));
            assert_eq!(param.scope(), scope, "{key}");
        }
    }
    let mut keys: Vec<&String> = init.keys().chain(globals.keys()).collect();
    keys.sort();
    let mut given: Vec<&String> = input.as_object().unwrap().keys().collect();
    given.sort();
    assert_eq!(keys, given);
    // An invalid config has neither object.
    let invalid = json!({ "region": 7 });
    let report = validate_json(&invalid);
    assert_eq!((report.init_options(), report.globals()), (None, None));
}
