//! Property tests: no text from the wire, arbitrary or shaped close to a real key, ever
//! gives a metric label outside its table's `METRIC_LABELS`; a known key is labelled
//! with itself, anything else with `OTHER_LABEL`, never with its own text.

use captcha_errors::api::ApiError;
use captcha_errors::endpoints::Endpoint;
use captcha_errors::verify::VerifyCode;
use captcha_errors::{ErrorCode, FieldError, Wire, WireCode, OTHER_LABEL};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(4_096)
}

/// The label of `text` as `T`: one of `T::METRIC_LABELS`, the text itself exactly when
/// `T` knows it, else `OTHER_LABEL`.
fn bounded<T: WireCode>(text: &str) -> Result<(), TestCaseError> {
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
    Ok(())
}

fn every_table(text: &str) -> Result<(), TestCaseError> {
    bounded::<ErrorCode>(text)?;
    bounded::<FieldError>(text)?;
    bounded::<VerifyCode>(text)?;
    bounded::<ApiError>(text)?;
    bounded::<Endpoint>(text)
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

    #[test]
    fn a_key_or_a_near_miss_gives_a_listed_label(
        index in any::<prop::sample::Index>(),
        position in any::<prop::sample::Index>(),
        byte in 0u8..128,
        keep in any::<bool>(),
    ) {
        let keys = keys();
        let key = keys[index.index(keys.len())];
        let mut bytes = key.as_bytes().to_vec();
        if !keep {
            let at = position.index(bytes.len());
            bytes[at] = byte;
        }
        let text = String::from_utf8(bytes).expect("ASCII");
        every_table(&text)?;
    }
}
