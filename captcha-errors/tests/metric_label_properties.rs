//! Property tests: no text from the wire, arbitrary or shaped close to a real key, ever
//! gives a metric label outside its table's `METRIC_LABELS`; a known key is labelled
//! with itself, anything else with `OTHER_LABEL`, never with its own text.

use captcha_errors::api::ApiError;
use captcha_errors::endpoints::Endpoint;
use captcha_errors::verify::VerifyCode;
use captcha_errors::{ErrorCode, FieldError, Wire, WireCode, OTHER_LABEL};
use proptest::prelude::*;

mod property_support;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(4_096)
}

/// The label of `text` as `T`: one of `T::METRIC_LABELS`, the text itself exactly when
/// `T` knows it, else `OTHER_LABEL`. Returns whether `T` knows it.
fn bounded<T: WireCode>(text: &str) -> Result<bool, TestCaseError> {
    let label = Wire::<T>::parse(text).metric_label();
    prop_assert!(
        T::METRIC_LABELS.contains(&label),
        "{:?} -> {:?}",
        text,
        label
    );
    match T::from_wire(text) {
        Some(known) => prop_assert_eq!(label, known.as_wire()),
        None => prop_assert_eq!(label, OTHER_LABEL, "{:?}", text),
    }
    Ok(T::from_wire(text).is_some())
}

/// Checks [`bounded`] for every table; returns whether some table knows `text`.
fn every_table(text: &str) -> Result<bool, TestCaseError> {
    let known = [
        bounded::<ErrorCode>(text)?,
        bounded::<FieldError>(text)?,
        bounded::<VerifyCode>(text)?,
        bounded::<ApiError>(text)?,
        bounded::<Endpoint>(text)?,
    ];
    Ok(known.contains(&true))
}

/// Every key of every table, so that changed keys are near misses of real ones.
fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    keys.extend(ErrorCode::ALL.iter().map(|row| row.as_str()));
    keys.extend(FieldError::ALL.iter().map(|row| row.as_str()));
    keys.extend(VerifyCode::ALL.iter().map(|row| row.as_str()));
    keys.extend(ApiError::ALL.iter().map(|row| row.as_str()));
    keys.extend(Endpoint::ALL.iter().map(|row| row.as_str()));
    keys
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_text_gives_a_label_outside_the_list(text in any::<String>()) {
        every_table(&text)?;
    }

    #[test]
    fn keys_shaped_text_gives_a_listed_label(text in "[A-Za-z0-9._-]{0,40}|_?OTHER|_other") {
        every_table(&text)?;
    }
}

/// Half the texts are real keys and half are near misses (one byte changed), so both
/// kinds of label are checked: the count of known keys must show it.
#[test]
fn a_key_or_a_near_miss_gives_a_listed_label() {
    let strategy = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0u8..128,
        any::<bool>(),
    );
    let keys = keys();
    let counts = property_support::run(
        "a key or a near miss",
        config().cases,
        strategy,
        |(index, position, byte, keep), counts| {
            let key = keys[index.index(keys.len())];
            let mut bytes = key.as_bytes().to_vec();
            if !keep {
                let at = position.index(bytes.len());
                bytes[at] = byte;
            }
            let text = String::from_utf8(bytes).expect("ASCII");
            counts.add(if every_table(&text)? {
                "known"
            } else {
                "unknown"
            });
            Ok(())
        },
    );
    // Measured: about half known (the kept keys; a changed byte seldom makes another key).
    counts.at_least("known", 40.0).at_least("unknown", 40.0);
}
