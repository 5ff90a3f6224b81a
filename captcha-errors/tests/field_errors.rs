//! Behaviour of the generated `FieldError`, as a dependent crate sees it.

use captcha_errors::{FieldError, Platform};

#[test]
fn the_five_seed_rows_in_order_with_stable_keys() {
    let rows: Vec<(&str, &str)> = FieldError::ALL
        .iter()
        .map(|f| (f.key(), f.field()))
        .collect();
    assert_eq!(
        rows,
        [
            ("general_type", "General type verification"),
            ("language", "language"),
            ("region", "region"),
            ("mode", "mode"),
            ("element_or_button", "element/button"),
        ]
    );
}

#[test]
fn keys_round_trip_and_near_misses_are_rejected() {
    for &field in FieldError::ALL {
        assert_eq!(FieldError::from_key(field.key()), Some(field));
        assert_eq!(field.key().parse::<FieldError>(), Ok(field));
    }
    for input in [
        "",
        "Mode",
        "mode ",
        "element/button",
        "general type verification",
    ] {
        assert_eq!(FieldError::from_key(input), None, "{input:?}");
        assert_eq!(input.parse::<FieldError>().unwrap_err().input(), input);
    }
}

#[test]
fn field_rows_relay_as_400_on_web_h5_and_app_only() {
    for &field in FieldError::ALL {
        assert_eq!(field.http_status(), 400);
        assert_eq!(
            field.platforms(),
            &[Platform::Web, Platform::H5, Platform::App]
        );
        assert_eq!(field.to_string(), field.description());
        assert!(!field.troubleshooting().is_empty());
    }
    assert_eq!(
        FieldError::Mode.troubleshooting(),
        "The supported values are popup and embed. See mode parameter description to check if this parameter meets the requirements."
    );
    let error: Box<dyn std::error::Error> = Box::new(FieldError::ElementOrButton);
    assert_eq!(
        error.to_string(),
        "The value passed for the element/button parameter is invalid."
    );
}
