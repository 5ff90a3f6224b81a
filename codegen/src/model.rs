//! The checked catalog: what the emitters read. Every value here has passed
//! [`crate::check`], so emitters never need to handle a bad value.

use crate::vocabulary::Term;

/// A catalog whose every entry is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The title used in the docs.
    pub name: String,
    /// The address of the vendor page the text comes from.
    pub source: String,
    /// Which facts are the vendor's and which are the project's.
    pub provenance: String,
    /// The API error codes, in catalog order.
    pub codes: Vec<Code>,
    /// The field-error rows, in catalog order.
    pub fields: Vec<Field>,
    /// The init parameters, in catalog order.
    pub params: Vec<Param>,
    /// The variant of the field row that a value of the wrong JSON type raises; set
    /// whenever there are params.
    pub type_error_field: Option<String>,
}

/// One API error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The wire code, such as `Forbidden.AccountAccessDenied`.
    pub code: String,
    /// The Rust variant name.
    pub variant: String,
    /// The vendor's description.
    pub description: String,
    /// The vendor's troubleshooting text.
    pub troubleshooting: String,
    /// The vendor's "Important" remark.
    pub notes: Option<String>,
    /// The recommended HTTP status for relaying the error.
    pub http_status: u16,
    /// The retry advice.
    pub retry: &'static Term,
    /// The kind of problem.
    pub category: &'static Term,
    /// Where the code can occur, in catalog order.
    pub platforms: Vec<&'static Term>,
}

/// One field-error row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The stable snake_case key.
    pub key: String,
    /// The vendor's "Field" column.
    pub field: String,
    /// The Rust variant name.
    pub variant: String,
    /// The vendor's description.
    pub description: String,
    /// The vendor's troubleshooting text.
    pub troubleshooting: String,
    /// The recommended HTTP status for relaying the error.
    pub http_status: u16,
    /// Where the error can occur, in catalog order.
    pub platforms: Vec<&'static Term>,
}

/// One init parameter and the rule its value must follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name as the page passes it, such as `SceneId` or `slideStyle.width`.
    pub name: String,
    /// The variant of the generated `Param` enum, such as `SlideStyleWidth`.
    pub variant: String,
    /// The snake_case name used for the validator and the setter, such as `slide_style_width`.
    pub method: String,
    /// The object param this one is a member of (`slideStyle` for `slideStyle.width`).
    pub parent: Option<String>,
    /// Where the page passes it.
    pub scope: &'static Term,
    /// Its JSON type.
    pub json_type: &'static Term,
    /// Whether the page must pass it.
    pub required: bool,
    /// The documented default, as text.
    pub default: Option<String>,
    /// The rule its value must follow.
    pub rule: Rule,
    /// The row a bad value raises.
    pub raises: Raises,
    /// How serious a broken rule is.
    pub severity: &'static Term,
    /// Where the rule comes from.
    pub confidence: &'static Term,
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
        chars: Vec<&'static Term>,
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
}

/// The vendor row that a bad parameter value raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raises {
    /// A `[[field]]` row, by variant name.
    Field(String),
    /// A `[[code]]`, by variant name.
    Code(String),
}

impl Rule {
    /// What a value must be, as the end of the sentence "`<param>` must be …", such as
    /// "one of `popup`, `embed`". Used in generated messages and in the docs.
    pub fn describe(&self, json_type: &Term) -> String {
        match self {
            Rule::Any => format!("any {}", json_type.key),
            Rule::OneOf { values, .. } => {
                let list: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
                format!("one of {}", list.join(", "))
            }
            Rule::Text {
                min_len,
                max_len,
                chars,
            } => {
                let count = match (min_len, max_len) {
                    (Some(min), Some(max)) if min == max => format!("exactly {min}"),
                    (Some(min), Some(max)) => format!("{min} to {max}"),
                    (Some(min), None) => format!("at least {min}"),
                    (None, Some(max)) => format!("at most {max}"),
                    (None, None) => "any number of".to_owned(),
                };
                let unit = if *min_len == Some(1) && *max_len == Some(1) || (*min_len == Some(1) && max_len.is_none()) {
                    "character"
                } else {
                    "characters"
                };
                if chars.is_empty() {
                    format!("a string of {count} {unit}")
                } else {
                    let classes: Vec<&str> = chars.iter().map(|c| c.doc).collect();
                    format!("a string of {count} {unit}, only {}", join_words(&classes))
                }
            }
            Rule::Number { min, max, above } => {
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

/// `a`, `a and b`, `a, b and c`.
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Catalog {
    /// The hand-written functions the catalog's `custom` rules call, in catalog order.
    pub fn custom_functions(&self) -> Vec<&str> {
        self.params
            .iter()
            .filter_map(|param| match &param.rule {
                Rule::Custom { function } => Some(function.as_str()),
                _ => None,
            })
            .collect()
    }
}
