//! Validating a valid config allocates nothing: every validator works on borrowed text
//! and the problem list stays empty. Counted with `allocation-counter`, which installs a
//! counting global allocator in this test binary only.

use captcha_errors::{validate_language, validate_user_certify_id, InitConfig};

#[test]
fn a_valid_config_validates_without_allocating() {
    let config = InitConfig::new()
        .region("cn")
        .prefix("no8xfe")
        .scene_id("didk33e0")
        .mode("embed")
        .element("#captcha-element")
        .button("#button")
        .language("ja")
        .user_certify_id("no8xfe_7G47iByes3")
        .slide_style_width(360.0)
        .captcha_logo_img("https://example.com/logo.png")
        .rem(1.0);
    let mut valid = false;
    let counted = allocation_counter::measure(|| {
        let report = config.validate();
        valid = report.is_valid() && report.problems().is_empty();
    });
    assert!(valid);
    assert_eq!(counted.count_total, 0, "{counted:?}");
}

#[test]
fn single_validators_allocate_only_for_problems() {
    let ok = allocation_counter::measure(|| {
        assert!(validate_user_certify_id("no8xfe_7G47iByes3", Some("no8xfe")).is_ok());
        assert!(validate_language("vi").is_ok());
    });
    assert_eq!(ok.count_total, 0);
    // The counter does see allocations: a problem owns a copy of the offending value.
    let bad = allocation_counter::measure(|| {
        assert!(validate_language("xx").is_err());
    });
    assert!(bad.count_total > 0);
}
