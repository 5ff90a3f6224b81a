//! Init parameters and the rules their values must follow.

use super::row_ref::RowRef;
use crate::keywords::{CharClass, JsonType, RuleConfidence, Severity};

/// One init parameter and the rule its value must follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name as the page passes it, such as `SceneId` or `slideStyle.width`.
    pub name: String,
    /// The variant of the generated `Param` enum, such as `SlideStyleWidth`.
    pub variant: String,
    /// The snake_case name of the validator and the setter, such as `slide_style_width`.
    pub method: String,
    /// The name of the object param this one is a member of.
    pub parent: Option<String>,
    /// Where the page passes it: the index of a word of the `scope` vocabulary.
    pub scope: usize,
    /// Its JSON type.
    pub json_type: JsonType,
    /// Whether the page must pass it.
    pub required: bool,
    /// The documented default, as text.
    pub default: Option<String>,
    /// The rule its value must follow.
    pub rule: Rule,
    /// The row a bad value raises.
    pub raises: RowRef,
    /// How serious a broken rule is.
    pub severity: Severity,
    /// Where the rule comes from.
    pub confidence: RuleConfidence,
    /// What the parameter is for.
    pub doc: String,
}

/// A rule from the closed rule vocabulary, with its checked settings.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Any value of the right JSON type.
    Any,
    /// One of an enumerated set of strings (case-sensitive), generating an enum.
    OneOf {
        /// The generated enum's name.
        type_name: String,
        /// The allowed values, in catalog order.
        values: Vec<EnumValue>,
        /// Common wrong inputs and the allowed value they probably meant.
        hints: Vec<(String, String)>,
    },
    /// A string with length bounds (in characters) and allowed character classes.
    Text {
        /// The fewest characters, if bounded.
        min_len: Option<u32>,
        /// The most characters, if bounded.
        max_len: Option<u32>,
        /// The allowed classes; empty means any character.
        chars: Vec<CharClass>,
    },
    /// A finite number within bounds.
    Number {
        /// The smallest value allowed.
        min: Option<f64>,
        /// The largest value allowed.
        max: Option<f64>,
        /// A bound the value must be strictly above.
        above: Option<f64>,
    },
    /// A CSS ID selector: `#` and an id without whitespace.
    IdSelector,
    /// The prefix held by another param, `_`, then `suffix_len` ASCII letters or digits.
    CertifyId {
        /// The param holding the prefix (its method name).
        prefix_method: String,
        /// The param holding the prefix (its page name).
        prefix_param: String,
        /// How many letters and digits follow `_`.
        suffix_len: u32,
    },
    /// A hand-written function `fn(&str) -> Result<(), &'static str>` in `custom.rs`.
    Custom {
        /// The function's name.
        function: String,
    },
}

/// One allowed value of a `one_of` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The value as the page passes it.
    pub value: String,
    /// A human name for it.
    pub label: String,
    /// The Rust variant name.
    pub variant: String,
    /// The locale the value selects, if the catalog says.
    pub locale: Option<crate::keywords::Locale>,
}

impl Rule {
    /// What a value must be, as the end of the sentence "`<param>` must be …", such as
    /// "one of `popup`, `embed`". Used in generated messages and in the docs.
    pub fn describe(&self, json_type: JsonType) -> String {
        match self {
            Rule::Any => format!("any {}", json_type.word()),
            Rule::OneOf { values, .. } => {
                let list: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
                format!("one of {}", list.join(", "))
            }
            Rule::Text {
                min_len,
                max_len,
                chars,
            } => describe_text(*min_len, *max_len, chars),
            Rule::Number { min, max, above } => describe_number(*min, *max, *above),
            Rule::IdSelector => {
                "a CSS ID selector: `#` then an id without whitespace, such as `#captcha-element`"
                    .to_owned()
            }
            Rule::CertifyId {
                prefix_param,
                suffix_len,
                ..
            } => format!(
                "the value of `{prefix_param}`, `_`, then exactly {suffix_len} ASCII letters or digits"
            ),
            Rule::Custom { function } => format!("accepted by the check `custom::{function}`"),
        }
    }
}

fn describe_text(min_len: Option<u32>, max_len: Option<u32>, chars: &[CharClass]) -> String {
    let count = match (min_len, max_len) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}"),
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any number of".to_owned(),
    };
    let one = min_len == Some(1) && (max_len == Some(1) || max_len.is_none());
    let unit = if one { "character" } else { "characters" };
    if chars.is_empty() {
        format!("a string of {count} {unit}")
    } else {
        let classes: Vec<&str> = chars.iter().map(|c| c.describe()).collect();
        format!("a string of {count} {unit}, only {}", join_words(&classes))
    }
}

fn describe_number(min: Option<f64>, max: Option<f64>, above: Option<f64>) -> String {
    let lower = match (min, above) {
        (Some(min), _) => Some(format!("of at least {min}")),
        (None, Some(above)) => Some(format!("above {above}")),
        (None, None) => None,
    };
    let upper = max.map(|max| {
        if lower.is_some() {
            format!("at most {max}")
        } else {
            format!("of at most {max}")
        }
    });
    let bounds: Vec<String> = lower.into_iter().chain(upper).collect();
    format!("a number {}", bounds.join(" and "))
}

/// `a`, `a and b`, `a, b and c`.
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Rust module, the TypeScript module and the config schema document each param
    /// with the one sentence; an output that words it its own way fails here.
    #[test]
    fn every_output_documents_a_param_with_the_one_sentence() {
        let source = include_str!("../../../catalog/init.toml");
        let catalog = crate::parse(source).expect("the init catalog is valid");
        let path = "catalog/init.toml";
        let rust = crate::emit::rust::module(&catalog, path).expect("Rust");
        let typescript = crate::emit::typescript::module(&catalog, path);
        let schema = crate::emit::schema::config_schema(&catalog, path).expect("a schema");
        // TypeScript doc comments wrap: compare words, without the comments' `*`.
        let words = |text: &str| -> String {
            let words: Vec<&str> = text.split_whitespace().filter(|w| *w != "*").collect();
            words.join(" ")
        };
        let typescript = words(&typescript);
        assert!(catalog.params.len() > 5);
        for param in &catalog.params {
            let rust_sentence = catalog.param_sentence(param, crate::markdown::escape_inline);
            assert!(rust.contains(&rust_sentence), "Rust: {rust_sentence}");
            let sentence = catalog.param_sentence(param, str::to_owned);
            assert!(
                typescript.contains(&words(&sentence)),
                "TypeScript: {sentence}"
            );
            let json = serde_json::to_string(&sentence).expect("a JSON string");
            assert!(
                schema.contains(json.trim_matches('"')),
                "the config schema: {sentence}"
            );
        }
    }

    #[test]
    fn describes_rules_as_sentence_ends() {
        let text = Rule::Text {
            min_len: Some(8),
            max_len: Some(8),
            chars: vec![CharClass::Lower, CharClass::Digit],
        };
        assert_eq!(
            text.describe(JsonType::String),
            "a string of exactly 8 characters, only lowercase ASCII letters and ASCII digits"
        );
        let number = Rule::Number {
            min: None,
            max: Some(9.0),
            above: Some(0.0),
        };
        assert_eq!(
            number.describe(JsonType::Number),
            "a number above 0 and at most 9"
        );
        assert_eq!(Rule::Any.describe(JsonType::Boolean), "any boolean");
    }
}
