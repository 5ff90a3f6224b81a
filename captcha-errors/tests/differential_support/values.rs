//! Values for the init params: valid ones, near misses, values of any JSON type, and
//! single values checked by each param's own validator. The params are the init
//! catalog's; a param this file does not know gets values of its JSON type, and the test
//! fails if a param has a validator that [`check_text`] or [`check_number`] does not call.

use captcha_errors::{JsonType, Param, ParamError};
use serde_json::{json, Map, Value};

use super::{any_number, any_text, from_alphabet, Rng, SingleValue};

const LOWER_DIGITS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// The largest whole number both languages hold exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A number as JSON, written so that Rust and JavaScript read the same value and type:
/// whole numbers up to 2^53 as integers, others as floats; larger whole numbers are
/// clamped to 2^53 unless they are beyond every integer type (such as 1e300). JavaScript
/// cannot tell `1.0` from `1`, which Rust reads as a float and not as an integer.
pub fn number(value: f64) -> Value {
    if !value.is_finite() {
        return Value::from(0);
    }
    if value.fract() != 0.0 || value.abs() >= 9.3e18 {
        return Value::from(value);
    }
    Value::from(value.clamp(-EXACT, EXACT) as i64)
}

/// A value of any JSON type.
pub fn wrong_type_value(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => json!("false"),
        3 => json!("1"),
        4 => Value::String(any_text(rng, 10)),
        5 => number(any_number(rng)),
        6 => json!(1.5),
        7 => json!([]),
        8 => json!([1, "a", null, { "k": 0.25 }]),
        9 => json!({}),
        10 => json!({ "width": 400, "b": [true] }),
        _ => json!(-7),
    }
}

/// Image sources the `captchaLogoImg` check accepts.
const GOOD_IMAGES: &[&str] = &[
    "https://example.com/logo.png",
    "HTTP://cdn.example.com/a?b=c",
    "//cdn.example.com/x.svg",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:IMAGE/svg+xml;base64,PHN2Zz4=",
    "https://例え.jp/ロゴ.png",
];

/// Image sources the `captchaLogoImg` check rejects.
const BAD_IMAGES: &[&str] = &[
    "",
    "logo.png",
    "javascript:alert(1)",
    "https://",
    "https:// example.com",
    "data:text/html;base64,PGI+",
    "data:image/png,raw",
    "data:image/png;base64,",
    "data:image/;base64,AAAA",
    "ftp://example.com/logo.png",
    "http://\u{a0}x",
    "https://x\u{feff}",
    "data:imagé/png;base64,AA",
    "//",
    "///path",
    "https://?q",
];

fn image_source(rng: &mut Rng, valid: bool) -> String {
    (*rng.pick(if valid { GOOD_IMAGES } else { BAD_IMAGES })).to_owned()
}

/// A valid value of `param`, or `None` when it has none alone (a function, an object
/// whose members are set one by one, a certifyId that depends on the prefix).
pub fn valid_value(rng: &mut Rng, param: Param) -> Option<Value> {
    let text = |s: String| Some(Value::String(s));
    match param.name() {
        "region" => text((*rng.pick(&["cn", "sgp"])).to_owned()),
        "prefix" => {
            let len = 1 + rng.below(12);
            text(from_alphabet(rng, LOWER_DIGITS, len))
        }
        "SceneId" => text(from_alphabet(rng, LOWER_DIGITS, 8)),
        "mode" => text((*rng.pick(&["popup", "embed"])).to_owned()),
        "element" | "button" => {
            let len = 1 + rng.below(12);
            text(format!("#{}", from_alphabet(rng, "ab-_9Z", len)))
        }
        "language" => text((*rng.pick(&["cn", "tw", "en", "in", "ja", "vi"])).to_owned()),
        "slideStyle.width" => Some(number(320.0 + rng.below(1000) as f64)),
        "slideStyle.height" | "timeout" | "rem" => Some(number(0.25 + rng.below(6000) as f64)),
        "captchaLogoImg" => text(image_source(rng, true)),
        "upLang" => Some(json!({ "en": { "POPUP_TITLE": any_text(rng, 12) } })),
        "EncryptedSceneId" => text(format!("x{}", any_text(rng, 20))),
        "UserCertifyId" | "slideStyle" => None,
        _ => match param.json_type() {
            JsonType::String => {
                let len = rng.below(10);
                text(from_alphabet(rng, ALNUM, len))
            }
            JsonType::Number => Some(number(rng.below(5000) as f64 + 0.5)),
            JsonType::Integer => Some(number(rng.below(100_000) as f64 - 50_000.0)),
            JsonType::Boolean => Some(Value::Bool(rng.one_in(2))),
            JsonType::Object => Some(Value::Object(Map::new())),
            _ => None,
        },
    }
}

/// A certifyId for `prefix`: valid, or one character off in length, separator or class.
pub fn certify_id(rng: &mut Rng, prefix: &str) -> String {
    let suffix = from_alphabet(rng, ALNUM, 10);
    match rng.below(8) {
        0..=2 => format!("{prefix}_{suffix}"),
        3 => format!("{prefix}_{}", &suffix[..9]),
        4 => format!("{prefix}_{suffix}Z"),
        5 => format!("{prefix}-{suffix}"),
        6 => format!("{prefix}_{}é", &suffix[..9]),
        _ => format!("x{prefix}_{suffix}"),
    }
}

/// Strings a person might write instead of a valid value of `param`.
fn near_miss_texts(param: Param) -> &'static [&'static str] {
    match param.name() {
        "region" => &[
            "zh",
            "china",
            "CN",
            " cn",
            "cn ",
            "\u{a0}sgp",
            "\u{feff}cn",
            "SGP",
            "sg",
            "",
            "cn\u{85}",
            "\u{3000}cn\u{2029}",
            "ap-southeast-1",
            "cn-shanghai",
            "Sgp\t",
            "ſgp",
        ],
        "mode" => &[
            "popout",
            "pop-up",
            "Popup",
            " embed",
            "EMBED",
            "embedded",
            "inline",
            "pop",
            "",
            "popup\u{feff}",
        ],
        "language" => &[
            "zh-CN", "EN", "en-US", " ja", "jp", "kr", "id", "zh-Hant", "In", "tr\u{a0}", "İn", "K",
        ],
        "prefix" => &[
            "No8xfe",
            "",
            "a_b",
            "a-b",
            "é",
            "abc\u{0}",
            "0123456789012345678901234567890123456789012345678901234567890123",
        ],
        "SceneId" => &[
            "didk33e",
            "didk33e0x",
            "DIDK33E0",
            "didk33é0",
            "didk 33e",
            "dıdk33e0",
        ],
        "element" | "button" => &[
            "captcha-element",
            "#",
            "# a",
            "#a b",
            "#a\u{3000}",
            "#a\u{feff}",
            "#a\u{180e}",
            "#\u{85}",
            "##",
            "#é",
            ".class",
            "",
            "#a\u{200b}",
            "#\u{2028}",
        ],
        "UserCertifyId" => &[
            "no8xfe_tooShort",
            "no8xfe_1234567890",
            "_1234567890",
            "a_b_1234567890",
            "no8xfe_12345é7890",
        ],
        "EncryptedSceneId" => &["", " ", "\u{0}"],
        _ => &[""],
    }
}

/// Every value of `param`'s type that breaks its rule, or nearly does, in this file:
/// near misses, rejected image sources, certifyIds for `prefix` one step off (and one
/// of the right shape for another prefix), numbers at and around every bound.
pub fn rule_breakers(param: Param, prefix: &str) -> Vec<Value> {
    match param.json_type() {
        JsonType::String => {
            let mut texts: Vec<String> = near_miss_texts(param)
                .iter()
                .map(|text| (*text).to_owned())
                .collect();
            if param.name() == "captchaLogoImg" {
                texts.extend(
                    BAD_IMAGES
                        .iter()
                        .chain(GOOD_IMAGES)
                        .map(|t| (*t).to_owned()),
                );
            }
            if param.name() == "UserCertifyId" {
                let suffix = "aZ09aZ09aZ";
                texts.extend([
                    format!("{prefix}_{suffix}"),
                    format!("{prefix}_{}", &suffix[..9]),
                    format!("{prefix}_{suffix}Z"),
                    format!("{prefix}-{suffix}"),
                    format!("{prefix}_{}é", &suffix[..9]),
                    format!("x{prefix}_{suffix}"),
                    format!("other_{suffix}"),
                ]);
            }
            texts.into_iter().map(Value::String).collect()
        }
        JsonType::Number | JsonType::Integer => [
            0.0, -0.0, -1.0, 0.5, 1e-7, 5e-324, 319.0, 319.999, 320.0, 320.5, -1e300, 1e300,
        ]
        .into_iter()
        .map(number)
        .collect(),
        _ => Vec::new(),
    }
}

/// A near miss of `param`'s rule, as JSON.
pub fn near_miss(rng: &mut Rng, param: Param) -> Value {
    match param.json_type() {
        JsonType::String => Value::String(near_miss_text(rng, param)),
        JsonType::Number | JsonType::Integer => number(any_number(rng)),
        JsonType::Boolean => Value::Bool(rng.one_in(2)),
        JsonType::Object => {
            let mut members = Map::new();
            for _ in 0..rng.below(4) {
                let key =
                    (*rng.pick(&["width", "height", "colour", "en", "", "__proto__"])).to_owned();
                members.insert(key, wrong_type_value(rng));
            }
            Value::Object(members)
        }
        _ => wrong_type_value(rng),
    }
}

fn near_miss_text(rng: &mut Rng, param: Param) -> String {
    match rng.below(6) {
        0 => any_text(rng, 70),
        1 if param.name() == "captchaLogoImg" => {
            let valid = rng.one_in(2);
            image_source(rng, valid)
        }
        1 if param.name() == "UserCertifyId" => certify_id(rng, "no8xfe"),
        _ => (*rng.pick(near_miss_texts(param))).to_owned(),
    }
}

/// What the validator of a string param says about `value`; `None` if it has none.
fn check_text(param: Param, value: &str, prefix: Option<&str>) -> Option<Option<ParamError>> {
    use captcha_errors::*;
    let problem = match param {
        Param::Region => validate_region(value).err(),
        Param::Prefix => validate_prefix(value).err(),
        Param::SceneId => validate_scene_id(value).err(),
        Param::Mode => validate_mode(value).err(),
        Param::Element => validate_element(value).err(),
        Param::Button => validate_button(value).err(),
        Param::Language => validate_language(value).err(),
        Param::UserCertifyId => validate_user_certify_id(value, prefix).err(),
        Param::CaptchaLogoImg => validate_captcha_logo_img(value).err(),
        Param::EncryptedSceneId => validate_encrypted_scene_id(value).err(),
        _ => return None,
    };
    Some(problem)
}

/// What the validator of a number param says about `value`; `None` if it has none.
fn check_number(param: Param, value: f64) -> Option<Option<ParamError>> {
    use captcha_errors::*;
    let problem = match param {
        Param::SlideStyleWidth => validate_slide_style_width(value).err(),
        Param::SlideStyleHeight => validate_slide_style_height(value).err(),
        Param::Timeout => validate_timeout(value).err(),
        Param::Rem => validate_rem(value).err(),
        _ => return None,
    };
    Some(problem)
}

/// Whether the test calls `param`'s validator (every param whose rule is not `any`).
pub fn is_covered(param: Param) -> bool {
    check_text(param, "", None).is_some() || check_number(param, 0.0).is_some()
}

/// A single value for `param`'s validator with Rust's verdict; `None` if it has none.
pub fn single_value(rng: &mut Rng, param: Param) -> Option<SingleValue> {
    if param.json_type() == JsonType::String {
        let value = match rng.below(3) {
            0 => any_text(rng, 70),
            1 => near_miss_text(rng, param),
            _ => valid_value(rng, param)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_else(|| certify_id(rng, "no8xfe")),
        };
        let prefix = match rng.below(4) {
            0 => None,
            1 => Some(any_text(rng, 6)),
            _ => Some("no8xfe".to_owned()),
        };
        let problem = check_text(param, &value, prefix.as_deref())?;
        let prefix = prefix.filter(|_| param == Param::UserCertifyId);
        return Some(SingleValue {
            param,
            value: Value::String(value),
            special: None,
            prefix,
            problem,
        });
    }
    let value = any_number(rng);
    let problem = check_number(param, value)?;
    let special = (!value.is_finite()).then(|| format!("{value}"));
    let json = serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number);
    Some(SingleValue {
        param,
        value: json,
        special,
        prefix: None,
        problem,
    })
}
