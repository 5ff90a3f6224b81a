//! Property tests: every generated rule agrees with an independent reference (a regex,
//! or a plain hand-written check) on 10,000 random inputs per rule, arbitrary Unicode
//! included, and never panics. Inputs mix arbitrary strings with strings shaped close to
//! valid ones, so both answers are exercised: each property counts the values its rule
//! accepted and rejected, and fails if either is under its share of the cases (a tenth
//! unless a rule says otherwise).

use std::sync::LazyLock;

use captcha_errors::{
    custom, validate_button, validate_element, validate_language, validate_mode, validate_prefix,
    validate_region, validate_rem, validate_scene_id, validate_slide_style_width,
    validate_user_certify_id, InitConfig, Param,
};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use regex::Regex;

mod property_support;

const CASES: u32 = 10_000;

/// Runs `rule` (which checks one input and returns whether the rule accepted it) on
/// [`CASES`] inputs; asserts that the rule accepted, and rejected, at least
/// `percent` percent of them each, so that both answers were compared.
fn both_answers<S: Strategy>(
    name: &'static str,
    percent: f64,
    strategy: S,
    rule: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) -> property_support::Counts {
    let counts = property_support::run(name, CASES, strategy, |value, counts| {
        counts.add(if rule(value)? { "accepted" } else { "rejected" });
        Ok(())
    });
    counts
        .at_least("accepted", percent)
        .at_least("rejected", percent);
    counts
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("reference pattern")
}

static PREFIX: LazyLock<Regex> = LazyLock::new(|| regex(r"^[a-z0-9]{1,63}$"));
static SCENE_ID: LazyLock<Regex> = LazyLock::new(|| regex(r"^[a-z0-9]{8}$"));
/// The prefix (captured; generated prefixes hold no `_`), `_`, 10 letters or digits.
static CERTIFY_ID: LazyLock<Regex> = LazyLock::new(|| regex(r"^([^_]+)_[A-Za-z0-9]{10}$"));
static ANY_PREFIX_CERTIFY_ID: LazyLock<Regex> = LazyLock::new(|| regex(r"^[^_]+_[A-Za-z0-9]{10}$"));
static ID_SELECTOR: LazyLock<Regex> = LazyLock::new(|| regex(r"^#\S+$"));
static IMAGE_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"^(?:(?:(?i-u:https?:))?//[^/?#\s]\S*",
        r"|(?i-u:data:image/)[A-Za-z0-9+.\-]+;base64,[A-Za-z0-9+/=]+)$"
    ))
});

/// The official value lists, from the research notes, not from the catalog.
const REGIONS: &[&str] = &["cn", "sgp"];
const MODES: &[&str] = &["popup", "embed"];
const LANGUAGES: &[&str] = &[
    "cn", "tw", "en", "ar", "de", "es", "fr", "in", "it", "ja", "ko", "ms", "pt", "ru", "th", "tr",
    "vi",
];

/// Arbitrary Unicode, text shaped like `near` (a proptest regex for near misses), or
/// text shaped like `valid` (mostly valid, lengths around the bounds), in thirds.
fn text(near: &'static str, valid: &'static str) -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        near.prop_map(|s: String| s),
        valid.prop_map(|s: String| s)
    ]
    .boxed()
}

fn one_of_input(values: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        proptest::sample::select(values).prop_map(str::to_owned),
        proptest::sample::select(values).prop_map(|v| v.to_uppercase()),
        "[a-z]{1,3}(-[A-Z]{2})?",
    ]
    .boxed()
}

fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        any::<f64>(),
        -1000.0..1000.0f64,
        Just(0.0),
        Just(320.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-f64::INFINITY),
    ]
    .boxed()
}

#[test]
fn region_matches_the_official_list() {
    both_answers("region", 10.0, one_of_input(REGIONS), |value| {
        let result = validate_region(&value);
        prop_assert_eq!(result.is_ok(), REGIONS.contains(&value.as_str()));
        if let Ok(region) = &result {
            prop_assert_eq!(region.as_str(), value.as_str());
        }
        Ok(result.is_ok())
    });
}

#[test]
fn mode_matches_the_official_list() {
    both_answers("mode", 10.0, one_of_input(MODES), |value| {
        let accepted = validate_mode(&value).is_ok();
        prop_assert_eq!(accepted, MODES.contains(&value.as_str()));
        Ok(accepted)
    });
}

#[test]
fn language_matches_the_official_list() {
    let counts = property_support::run(
        "language",
        CASES,
        one_of_input(LANGUAGES),
        |value, counts| {
            let result = validate_language(&value);
            prop_assert_eq!(result.is_ok(), LANGUAGES.contains(&value.as_str()));
            if let Err(problem) = result {
                // A hint, when given, is always an allowed value.
                if let Some(hint) = problem.hint() {
                    prop_assert!(LANGUAGES.contains(&hint));
                    counts.add("hint");
                }
            }
            Ok(())
        },
    );
    counts.at_least("hint", 5.0);
}

#[test]
fn prefix_matches_its_regex() {
    let strategy = text("[a-z0-9A-Z_-]{0,70}", "[a-z0-9]{0,66}");
    both_answers("prefix", 10.0, strategy, |value| {
        let accepted = validate_prefix(&value).is_ok();
        prop_assert_eq!(accepted, PREFIX.is_match(&value));
        Ok(accepted)
    });
}

#[test]
fn scene_id_matches_its_regex() {
    let strategy = text("[a-z0-9A-Z]{6,10}", "[a-z0-9]{6,10}");
    // Valid only at 8 of the lengths 6 to 10: measured at about 7% accepted.
    both_answers("scene id", 3.0, strategy, |value| {
        let accepted = validate_scene_id(&value).is_ok();
        prop_assert_eq!(accepted, SCENE_ID.is_match(&value));
        Ok(accepted)
    });
}

#[test]
fn id_selectors_match_their_regex() {
    let strategy = text("#?[a-z \t\u{3000}-]{0,6}", "#[a-z0-9_-]{0,3}");
    both_answers("id selectors", 10.0, strategy, |value| {
        let accepted = validate_element(&value).is_ok();
        prop_assert_eq!(accepted, ID_SELECTOR.is_match(&value));
        prop_assert_eq!(
            validate_button(&value).is_ok(),
            ID_SELECTOR.is_match(&value)
        );
        Ok(accepted)
    });
}

#[test]
fn certify_id_matches_its_regex() {
    let strategy = (
        "[a-z0-9]{1,8}",
        // Valid suffixes too: the two others made 17 valid ids in 10,000.
        prop_oneof![any::<String>(), "[A-Za-z0-9é_]{8,12}", "[A-Za-z0-9]{10}"],
        any::<bool>(),
    );
    both_answers(
        "certify id",
        10.0,
        strategy,
        |(prefix, suffix, other_prefix)| {
            let head = if other_prefix {
                format!("{prefix}x")
            } else {
                prefix.clone()
            };
            let value = format!("{head}_{suffix}");
            let reference = CERTIFY_ID
                .captures(&value)
                .is_some_and(|parts| parts[1] == *prefix);
            let accepted = validate_user_certify_id(&value, Some(&prefix)).is_ok();
            prop_assert_eq!(accepted, reference);
            Ok(accepted)
        },
    );
}

#[test]
fn certify_id_without_a_prefix_checks_the_shape() {
    let strategy = text(
        "[a-z0-9_]{0,4}_[A-Za-z0-9é]{9,11}",
        "[a-z0-9]{0,2}_[A-Za-z0-9]{10}",
    );
    both_answers("certify id without a prefix", 10.0, strategy, |value| {
        let accepted = validate_user_certify_id(&value, None).is_ok();
        prop_assert_eq!(accepted, ANY_PREFIX_CERTIFY_ID.is_match(&value));
        Ok(accepted)
    });
}

#[test]
fn slide_style_width_is_at_least_320() {
    both_answers("slide style width", 10.0, number(), |value| {
        let accepted = validate_slide_style_width(value).is_ok();
        prop_assert_eq!(accepted, value.is_finite() && value >= 320.0);
        Ok(accepted)
    });
}

#[test]
fn rem_is_positive() {
    both_answers("rem", 10.0, number(), |value| {
        let accepted = validate_rem(value).is_ok();
        prop_assert_eq!(accepted, value.is_finite() && value > 0.0);
        Ok(accepted)
    });
}

#[test]
fn image_source_matches_its_regex() {
    let strategy = text(
        "(https?:|HTTP:|ftp:|)//[a-z/ ?#]{0,6}|data:(image|text)/[a-z+]{0,4};base64,[A-Za-z0-9+/= ]{0,6}",
        "(https?:|)//[a-z][a-z./]{0,6}|data:image/[a-z+]{1,4};base64,[A-Za-z0-9+/=]{1,6}",
    );
    both_answers("image source", 10.0, strategy, |value| {
        let accepted = custom::image_source(&value).is_ok();
        prop_assert_eq!(accepted, IMAGE_SOURCE.is_match(&value));
        Ok(accepted)
    });
}

#[test]
fn whole_config_reports_one_problem_per_bad_value() {
    let strategy = (
        one_of_input(REGIONS),
        one_of_input(MODES),
        one_of_input(LANGUAGES),
        text("#?[a-z ]{0,4}", "#[a-z]{0,3}"),
    );
    // Valid only when all four values are: measured at 0.4% to 0.6%.
    both_answers(
        "whole config",
        0.1,
        strategy,
        |(region, mode, language, element)| {
            let report = InitConfig::new()
                .region(&region)
                .prefix("no8xfe")
                .scene_id("didk33e0")
                .mode(&mode)
                .element(&element)
                .button("#button")
                .language(&language)
                .validate();
            let expected = [
                (Param::Region, REGIONS.contains(&region.as_str())),
                (Param::Mode, MODES.contains(&mode.as_str())),
                (Param::Element, ID_SELECTOR.is_match(&element)),
                (Param::Language, LANGUAGES.contains(&language.as_str())),
            ];
            let bad: Vec<Param> = expected
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(p, _)| *p)
                .collect();
            let found: Vec<Param> = report.problems().iter().map(|p| p.param()).collect();
            prop_assert_eq!(&found, &bad);
            prop_assert_eq!(report.is_valid(), bad.is_empty());
            for problem in report.problems() {
                // Every message is one line.
                prop_assert!(!problem.to_string().contains('\n'));
            }
            Ok(report.is_valid())
        },
    );
}
