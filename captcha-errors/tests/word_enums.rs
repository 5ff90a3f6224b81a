//! The enums whose values are words (every catalog's vocabularies, the values of `one_of`
//! parameters, and `Param`), as a dependent sees them: each word round-trips through
//! `Display`, `FromStr` and `WireCode`, and nothing but an exact word is accepted.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use captcha_errors::{api, endpoints, verify};
use captcha_errors::{Category, Language, Mode, Param, Platform, Region, Retry, Scope, WireCode};
use proptest::prelude::*;

/// Every value of `all` round-trips, and each word names exactly its own value.
fn round_trips<T>(all: &[T])
where
    T: WireCode + Display + FromStr,
    <T as FromStr>::Err: Debug,
{
    assert!(!all.is_empty());
    for (index, &value) in all.iter().enumerate() {
        let word = value.as_wire();
        assert_eq!(value.to_string(), word);
        assert_eq!(T::from_wire(word), Some(value), "{word}");
        assert_eq!(word.parse::<T>().unwrap(), value, "{word}");
        let firsts = all.iter().position(|other| other.as_wire() == word);
        assert_eq!(firsts, Some(index), "{word} names two values");
    }
}

#[test]
fn every_word_enum_round_trips() {
    round_trips(Retry::ALL);
    round_trips(Category::ALL);
    round_trips(Platform::ALL);
    round_trips(Scope::ALL);
    round_trips(Region::ALL);
    round_trips(Mode::ALL);
    round_trips(Language::ALL);
    round_trips(Param::ALL);
    round_trips(verify::Verdict::ALL);
    round_trips(verify::Action::ALL);
    round_trips(verify::Confidence::ALL);
    round_trips(verify::TestMode::ALL);
    round_trips(api::Retry::ALL);
    round_trips(api::Confidence::ALL);
    round_trips(endpoints::EndpointRegion::ALL);
    round_trips(endpoints::EndpointKind::ALL);
    round_trips(endpoints::Confidence::ALL);
}

#[test]
fn a_parameter_parses_from_its_name_as_the_page_passes_it() {
    assert_eq!("SceneId".parse::<Param>(), Ok(Param::SceneId));
    assert_eq!(
        "slideStyle.width".parse::<Param>(),
        Ok(Param::SlideStyleWidth)
    );
    assert_eq!(
        Param::from_name("slideStyle.width"),
        Some(Param::SlideStyleWidth)
    );
    let error = "sceneId".parse::<Param>().unwrap_err();
    assert_eq!(error.input(), "sceneId");
    assert_eq!(error.expected(), "init parameter");
    assert_eq!(error.to_string(), "unknown init parameter \"sceneId\"");
}

#[test]
fn a_word_that_is_not_exact_is_unknown_and_named() {
    let error = "Never".parse::<Retry>().unwrap_err();
    assert_eq!(error.input(), "Never");
    assert_eq!(error.expected(), <Retry as WireCode>::NOUN);
    assert_eq!(Retry::from_wire("never "), None);
    assert_eq!(verify::Verdict::from_wire(""), None);
    // A parameter's values parse with their validator, which hints at the value meant.
    assert_eq!("zh-CN".parse::<Language>().unwrap_err().hint(), Some("cn"));
    assert_eq!(" SGP".parse::<Region>().unwrap_err().hint(), Some("sgp"));
    assert_eq!("cn".parse::<Language>(), Ok(Language::Cn));
}

/// `from_wire` on any text: exactly the words of `all` are found, each as its own value.
fn finds_exactly_the_words<T: WireCode>(all: &[T], text: &str) -> Result<(), TestCaseError> {
    let expected = all.iter().copied().find(|value| value.as_wire() == text);
    prop_assert_eq!(T::from_wire(text), expected, "{:?}", text);
    Ok(())
}

proptest! {
    #[test]
    fn lookups_of_words_agree_with_a_scan(text in "[a-zA-Z.-]{0,14}|\\PC{0,6}") {
        finds_exactly_the_words(Retry::ALL, &text)?;
        finds_exactly_the_words(Category::ALL, &text)?;
        finds_exactly_the_words(Language::ALL, &text)?;
        finds_exactly_the_words(Param::ALL, &text)?;
        finds_exactly_the_words(verify::Action::ALL, &text)?;
    }

    #[test]
    fn a_changed_word_is_found_only_if_it_is_another_word(
        index in 0usize..27,
        position in 0usize..20,
        byte in 0u8..128,
    ) {
        let word = Param::ALL[index % Param::ALL.len()].name();
        let mut bytes = word.as_bytes().to_vec();
        let at = position % bytes.len();
        bytes[at] = byte;
        let changed = String::from_utf8(bytes).expect("ASCII");
        finds_exactly_the_words(Param::ALL, &changed)?;
        finds_exactly_the_words(Language::ALL, &changed[..changed.len().min(2)])?;
    }
}

/// The rule word that shared its name with the catalogs' `Confidence` vocabularies is
/// `RuleConfidence` now; the old path still names it.
#[test]
#[allow(deprecated)]
fn the_old_name_of_rule_confidence_still_works() {
    use captcha_errors::{Confidence, RuleConfidence};
    let old: Confidence = Confidence::Official;
    assert_eq!(old, RuleConfidence::Official);
    assert_eq!(Confidence::ALL, RuleConfidence::ALL);
    // `Param::confidence` returns the type the old name names.
    let of_a_param: Confidence = Param::ALL[0].confidence();
    assert!(Confidence::ALL.contains(&of_a_param));
    assert_eq!(old.to_string(), "official");
}
