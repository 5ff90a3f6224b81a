//! Labels with bounded cardinality, for metrics and OpenTelemetry's `error.type`, from a
//! dependent's point of view: for every table of every catalog, each row's
//! `metric_label` is its key, `METRIC_LABELS` holds every row once in catalog order and
//! then `OTHER_LABEL`, a `Wire` of an unknown code is labelled `OTHER_LABEL` and never
//! with its text, and each table's docs page lists the same labels.

use std::collections::HashSet;
use std::fmt::Debug;

use captcha_errors::api::ApiError;
use captcha_errors::endpoints::Endpoint;
use captcha_errors::verify::{UserMessage, VerifyCode};
use captcha_errors::{
    api, endpoints, verify, CatalogRow, Category, ErrorCode, FieldError, Language, Mode, Param,
    Platform, Region, Retry, Scope, Wire, WireCode, OTHER_LABEL,
};

/// Codes that no table knows: near misses of real ones, the label itself in other
/// cases, hostile text.
const UNKNOWN: &[&str] = &[
    "anything unknown",
    "Throttling.User",
    "throttling",
    "F099",
    "T001 ",
    "",
    "_other",
    "OTHER",
    "验证码",
    "\"quoted\\\"",
    "Forbidden.AccountAccessDenied\u{0}",
];

/// What one table's labels must be; `all` is the table's `ALL`, `labels` its inherent
/// `METRIC_LABELS` and `label` its inherent `metric_label`.
fn labels_of_a_table<T: CatalogRow + Debug>(
    all: &[T],
    labels: &[&str],
    label: fn(T) -> &'static str,
) {
    let name = std::any::type_name::<T>();
    assert_eq!(labels, T::METRIC_LABELS, "{name}: inherent and trait lists");
    assert_eq!(labels.len(), all.len() + 1, "{name}: every row, then one");
    assert_eq!(labels.last(), Some(&OTHER_LABEL), "{name}: `_OTHER` last");
    let unique: HashSet<&str> = labels.iter().copied().collect();
    assert_eq!(unique.len(), labels.len(), "{name}: a label twice");
    for (index, &row) in all.iter().enumerate() {
        assert_eq!(label(row), row.as_wire(), "{name}: {row:?}");
        assert_eq!(row.metric_label(), row.as_wire(), "{name}: {row:?}");
        assert_eq!(labels[index], row.as_wire(), "{name}: catalog order");
        assert_eq!(Wire::Known(row).metric_label(), row.as_wire());
        assert_eq!(Wire::<T>::parse(row.as_wire()).metric_label(), label(row));
    }
    for text in UNKNOWN {
        assert_eq!(
            Wire::<T>::parse(text).metric_label(),
            OTHER_LABEL,
            "{name}: {text:?}"
        );
    }
    listed_on_the_docs_page::<T>(labels);
}

/// The docs page of `T`'s table lists exactly `labels` (or, for a long table, says how
/// many keys it has) and ends the list with the runtime's `OTHER_LABEL`: the generator
/// writes the word, and this checks that it is the one the crate returns.
fn listed_on_the_docs_page<T: CatalogRow>(labels: &[&str]) {
    let type_name = std::any::type_name::<T>().rsplit("::").next().unwrap();
    let path = format!("{}/../{}", env!("CARGO_MANIFEST_DIR"), T::DOCS_PAGE);
    let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let start = format!("Metric labels (`error.type`, `{type_name}::METRIC_LABELS`): ");
    let line = page
        .lines()
        .find(|line| line.starts_with(&start))
        .unwrap_or_else(|| panic!("{path} has no metric labels line for {type_name}"));
    // The code spans of the line after its start, in order.
    let spans: Vec<&str> = line[start.len()..].split('`').skip(1).step_by(2).collect();
    if spans.len() == labels.len() {
        assert_eq!(spans, labels, "{path}: {type_name}");
    } else {
        let keys = labels.len() - 1;
        assert!(line.contains(&format!("the {keys} keys above")), "{line}");
        assert_eq!(spans, [OTHER_LABEL], "{path}: {type_name}");
    }
}

#[test]
fn every_table_labels_its_rows_by_key_and_the_rest_other() {
    labels_of_a_table(
        ErrorCode::ALL,
        ErrorCode::METRIC_LABELS,
        ErrorCode::metric_label,
    );
    labels_of_a_table(
        FieldError::ALL,
        FieldError::METRIC_LABELS,
        FieldError::metric_label,
    );
    labels_of_a_table(
        VerifyCode::ALL,
        VerifyCode::METRIC_LABELS,
        VerifyCode::metric_label,
    );
    labels_of_a_table(
        ApiError::ALL,
        ApiError::METRIC_LABELS,
        ApiError::metric_label,
    );
    labels_of_a_table(
        Endpoint::ALL,
        Endpoint::METRIC_LABELS,
        Endpoint::metric_label,
    );
    labels_of_a_table(
        UserMessage::ALL,
        UserMessage::METRIC_LABELS,
        UserMessage::metric_label,
    );
}

/// The test above names every table the generated modules define (each has one
/// `impl crate::CatalogRow`), so a table added later cannot go untested.
#[test]
fn the_test_above_covers_every_generated_table() {
    let tested = [
        "ErrorCode",
        "FieldError",
        "VerifyCode",
        "ApiError",
        "Endpoint",
        "UserMessage",
    ];
    let dir = format!("{}/src/generated", env!("CARGO_MANIFEST_DIR"));
    let mut generated = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for written in text.split("impl crate::CatalogRow for ").skip(1) {
            let name = written.split_whitespace().next().unwrap();
            generated.push(name.to_owned());
        }
    }
    generated.sort();
    let mut tested: Vec<String> = tested.iter().map(|name| (*name).to_owned()).collect();
    tested.sort();
    assert_eq!(generated, tested, "add the new table to the test above");
}

#[test]
fn the_issue_examples_hold() {
    assert_eq!(ApiError::Throttling.metric_label(), "Throttling");
    assert_eq!(VerifyCode::F008.metric_label(), "F008");
    assert_eq!(OTHER_LABEL, "_OTHER");
    assert_eq!(
        Wire::<ApiError>::parse("anything unknown").metric_label(),
        "_OTHER"
    );
    assert_eq!(
        Wire::<ErrorCode>::parse("Throttling.User").metric_label(),
        OTHER_LABEL
    );
    assert_eq!(ErrorCode::METRIC_LABELS.first(), Some(&"IllegalUserTag"));
    // A const, so a dashboard can size its series at compile time.
    const SERIES: usize = VerifyCode::METRIC_LABELS.len();
    assert_eq!(SERIES, VerifyCode::ALL.len() + 1);
}

/// What the labels of a generated enum of words must be (vocabularies, parameter values):
/// its words in order, then `OTHER_LABEL`.
fn labels_of_words<T: WireCode>(all: &[T]) {
    let name = std::any::type_name::<T>();
    let mut expected: Vec<&str> = all.iter().map(|word| word.as_wire()).collect();
    expected.push(OTHER_LABEL);
    assert_eq!(T::METRIC_LABELS, expected, "{name}");
    for &word in all {
        assert_eq!(word.metric_label(), word.as_wire(), "{name}");
        assert_eq!(Wire::Known(word).metric_label(), word.as_wire(), "{name}");
    }
    for text in UNKNOWN {
        assert_eq!(Wire::<T>::parse(text).metric_label(), OTHER_LABEL, "{name}");
    }
}

#[test]
fn enums_of_words_have_labels_too() {
    labels_of_words(Retry::ALL);
    labels_of_words(Category::ALL);
    labels_of_words(Platform::ALL);
    labels_of_words(Scope::ALL);
    labels_of_words(Param::ALL);
    labels_of_words(Region::ALL);
    labels_of_words(Mode::ALL);
    labels_of_words(Language::ALL);
    labels_of_words(verify::Verdict::ALL);
    labels_of_words(verify::Action::ALL);
    labels_of_words(verify::TestMode::ALL);
    labels_of_words(api::Retry::ALL);
    labels_of_words(api::Confidence::ALL);
    labels_of_words(endpoints::EndpointRegion::ALL);
    labels_of_words(endpoints::EndpointKind::ALL);
}
