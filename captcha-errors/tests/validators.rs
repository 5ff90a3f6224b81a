//! Behaviour of the generated validators and `InitConfig`, as a dependent crate sees
//! them: the official examples of the seed's field rows, certifyId shapes, typed values
//! with hints, and whole-config validation that reports every problem.

use captcha_errors::{
    validate_button, validate_element, validate_language, validate_mode, validate_prefix,
    validate_region, validate_rem, validate_scene_id, validate_slide_style_width,
    validate_user_certify_id, ErrorCode, FieldError, InitConfig, Language, Mode, Param, ParamValue,
    ProblemKind, Raised, Region, Severity,
};

fn good_config() -> InitConfig<'static> {
    InitConfig::new()
        .region("cn")
        .prefix("no8xfe")
        .scene_id("didk33e0")
        .mode("popup")
        .element("#captcha-element")
        .button("#button")
}

#[test]
fn official_field_examples_map_to_their_rows() {
    let language = validate_language("abc").unwrap_err();
    assert_eq!(language.raised(), Raised::Field(FieldError::Language));
    assert_eq!(language.param(), Param::Language);
    assert_eq!(language.value(), Some("abc"));

    let region = validate_region("zh").unwrap_err();
    assert_eq!(region.raised(), Raised::Field(FieldError::Region));
    assert_eq!(region.hint(), Some("cn"));
    assert_eq!(
        region.to_string(),
        "`region` must be one of `cn`, `sgp`, not \"zh\"; did you mean `cn`?"
    );

    let mode = validate_mode("popout").unwrap_err();
    assert_eq!(mode.raised(), Raised::Field(FieldError::Mode));
    assert_eq!(mode.hint(), Some("popup"));

    for selector in [validate_element("abc"), validate_button("abc")] {
        let problem = selector.unwrap_err();
        assert_eq!(problem.raised(), Raised::Field(FieldError::ElementOrButton));
        assert_eq!(problem.severity(), Severity::Error);
    }

    // `immediate: 'false'`: a string where a boolean belongs raises the general row.
    let mut config = good_config();
    let problem = config
        .set(Param::Immediate, ParamValue::Str("false"))
        .unwrap_err();
    assert_eq!(problem.raised(), Raised::Field(FieldError::GeneralType));
    assert_eq!(problem.kind(), ProblemKind::WrongType { found: "string" });
    assert_eq!(
        problem.to_string(),
        "`immediate` must be a boolean (true or false, not a string), not string \"false\""
    );
}

#[test]
fn typed_values_parse_exactly_and_hint_near_misses() {
    assert_eq!(validate_mode("embed"), Ok(Mode::Embed));
    assert_eq!("sgp".parse::<Region>(), Ok(Region::Sgp));
    assert_eq!(Language::ALL.len(), 17);
    for language in Language::ALL {
        assert_eq!(validate_language(language.as_str()), Ok(*language));
        assert_eq!(language.to_string(), language.as_str());
    }
    assert_eq!(Language::In.label(), "Indonesian");
    for (input, hint) in [
        ("zh", "cn"),
        ("zh-TW", "tw"),
        ("id", "in"),
        ("EN", "en"),
        (" en ", "en"),
    ] {
        assert_eq!(
            validate_language(input).unwrap_err().hint(),
            Some(hint),
            "{input}"
        );
    }
    assert_eq!(validate_language("xx").unwrap_err().hint(), None);
    assert_eq!("Popup".parse::<Mode>().unwrap_err().hint(), Some("popup"));
}

#[test]
fn certify_id_needs_the_prefix_and_ten_ascii_letters_or_digits() {
    assert_eq!(
        validate_user_certify_id("no8xfe_7G47iByes3", Some("no8xfe")),
        Ok("no8xfe_7G47iByes3")
    );
    for bad in [
        "other1_7G47iByes3",  // another prefix
        "no8xfe_7G47iByes",   // 9 characters
        "no8xfe_7G47iByes3x", // 11 characters
        "no8xfe_7G47iByesé",  // a non-ASCII letter, 11 bytes
        "no8xfe_7G47iByeé",   // a non-ASCII letter, 10 bytes
        "no8xfe-7G47iByes3",  // no underscore
        "no8xfe_7G47iBy_s3",  // punctuation in the suffix
        "no8xfe_",
        "",
    ] {
        let problem = validate_user_certify_id(bad, Some("no8xfe")).unwrap_err();
        assert_eq!(
            problem.raised(),
            Raised::Code(ErrorCode::IllegalCertifyId),
            "{bad}"
        );
    }
    // Without a configured prefix, the shape alone is checked.
    assert!(validate_user_certify_id("anyprefix_7G47iByes3", None).is_ok());
    assert!(validate_user_certify_id("_7G47iByes3", None).is_err());
}

#[test]
fn observed_formats_are_warnings_and_keep_the_config_valid() {
    let prefix = validate_prefix("Has-Caps").unwrap_err();
    assert_eq!(prefix.severity(), Severity::Warning);
    assert_eq!(prefix.raised(), Raised::Code(ErrorCode::IllegalUserTag));
    let scene = validate_scene_id("toolong123").unwrap_err();
    assert_eq!(scene.raised(), Raised::Code(ErrorCode::IllegalScene));

    let report = good_config().prefix("Has-Caps").validate();
    assert!(report.is_valid());
    assert_eq!(report.warnings().count(), 1);
    assert_eq!(report.errors().count(), 0);
    assert_eq!(report.config().unwrap().prefix, "Has-Caps");
}

#[test]
fn numbers_respect_their_bounds() {
    assert_eq!(validate_slide_style_width(320.0), Ok(320.0));
    assert!(validate_slide_style_width(319.9).is_err());
    assert!(validate_slide_style_width(f64::NAN).is_err());
    assert!(validate_slide_style_width(f64::INFINITY).is_err());
    assert!(validate_rem(0.5).is_ok());
    assert!(validate_rem(0.0).is_err());
    assert!(validate_rem(-1.0).is_err());
    assert_eq!(
        validate_rem(0.0).unwrap_err().to_string(),
        "`rem` must be a number above 0, not \"0\""
    );
}

#[test]
fn a_good_config_validates_into_typed_values() {
    let report = good_config()
        .language("en")
        .user_certify_id("no8xfe_7G47iByes3")
        .rem(1.5)
        .immediate(false)
        .validate();
    assert!(report.problems().is_empty(), "{:?}", report.problems());
    let config = report.config().unwrap();
    assert_eq!(config.region, Region::Cn);
    assert_eq!(config.mode, Mode::Popup);
    assert_eq!(config.language, Some(Language::En));
    assert_eq!(config.user_certify_id, Some("no8xfe_7G47iByes3"));
    assert_eq!(config.immediate, Some(false));
    let set: Vec<Param> = config.entries().iter().flatten().map(|(p, _)| *p).collect();
    assert_eq!(
        set,
        [
            Param::Region,
            Param::Prefix,
            Param::SceneId,
            Param::Mode,
            Param::Element,
            Param::Button,
            Param::Language,
            Param::UserCertifyId,
            Param::Immediate,
            Param::Rem,
        ]
    );
}

#[test]
fn five_mistakes_give_five_problems_in_one_call() {
    let report = InitConfig::new()
        .region("zh")
        .prefix("no8xfe")
        .scene_id("didk33e0")
        .mode("popout")
        .element("abc")
        .button("#button")
        .language("abc")
        .user_certify_id("no8xfe_short")
        .validate();
    assert!(!report.is_valid());
    let found: Vec<(Param, Raised)> = report
        .problems()
        .iter()
        .map(|p| (p.param(), p.raised()))
        .collect();
    assert_eq!(
        found,
        [
            (Param::Region, Raised::Field(FieldError::Region)),
            (Param::Mode, Raised::Field(FieldError::Mode)),
            (Param::Element, Raised::Field(FieldError::ElementOrButton)),
            (Param::Language, Raised::Field(FieldError::Language)),
            (
                Param::UserCertifyId,
                Raised::Code(ErrorCode::IllegalCertifyId)
            ),
        ]
    );
    assert_eq!(report.errors().count(), 5);
}

#[test]
fn missing_required_params_are_each_reported() {
    let report = InitConfig::new().validate();
    let missing: Vec<Param> = report
        .problems()
        .iter()
        .filter(|p| p.kind() == ProblemKind::Missing)
        .map(|p| p.param())
        .collect();
    let required: Vec<Param> = Param::ALL
        .iter()
        .copied()
        .filter(|p| p.is_required())
        .collect();
    assert_eq!(missing, required);
    assert_eq!(
        report.problems()[0].to_string(),
        "`region` is required: set it to one of `cn`, `sgp`"
    );
}

#[test]
fn set_checks_the_json_type() {
    let mut config = InitConfig::new();
    assert!(config.set(Param::Mode, ParamValue::Str("embed")).is_ok());
    assert!(config.set(Param::ZIndex, ParamValue::Integer(10)).is_ok());
    assert!(config.set(Param::Rem, ParamValue::Integer(2)).is_ok());
    assert!(config.set(Param::Timeout, ParamValue::Str("5000")).is_err());
    assert!(config.set(Param::Success, ParamValue::Str("fn")).is_err());
    assert_eq!(config, InitConfig::new().mode("embed").z_index(10).rem(2.0));
}

#[test]
fn params_carry_their_catalog_metadata() {
    assert_eq!(Param::from_name("SceneId"), Some(Param::SceneId));
    assert_eq!(Param::from_name("sceneid"), None);
    assert_eq!(Param::SlideStyleWidth.name(), "slideStyle.width");
    assert_eq!(Param::SlideStyleWidth.parent(), Some(Param::SlideStyle));
    assert_eq!(Param::Timeout.default_value(), Some("5000"));
    assert!(Param::Region.is_required());
    assert!(!Param::Success.is_required());
}
