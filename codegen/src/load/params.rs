//! Loading `[[param]]` entries: an init parameter, its rule and the rule's settings.

use toml::de::DeValue;
use toml::Spanned;

use super::reader::{Reader, Table};
use super::{RawRowRef, Text};
use crate::diagnostic::Span;

/// One `[[param]]` entry: an init parameter and the rule its value must follow.
#[derive(Debug)]
pub struct RawParam {
    /// The whole entry.
    pub span: Span,
    /// The parameter's name as the page passes it; `a.b` is member `b` of object `a`.
    pub name: Text,
    /// Where the page passes it: `global` or `init`.
    pub scope: Text,
    /// Its JSON type word.
    pub json_type: Text,
    /// Whether the page must pass it.
    pub required: Spanned<bool>,
    /// The documented default, as text.
    pub default: Option<Text>,
    /// The rule word.
    pub rule: Text,
    /// The rule's settings; which apply depends on the rule.
    pub settings: RawRuleSettings,
    /// The row a bad value raises.
    pub raises: Option<RawRowRef>,
    /// `error` or `warning`.
    pub severity: Text,
    /// `official` or `observed`.
    pub confidence: Text,
    /// What the parameter is for.
    pub doc: Text,
}

/// The rule settings a `[[param]]` may carry. Each is `None` when absent.
#[derive(Debug, Default)]
pub struct RawRuleSettings {
    /// `one_of`: the allowed values.
    pub values: Option<Spanned<Vec<RawValue>>>,
    /// `one_of`: the name of the generated enum, if not derived from the param's name.
    pub type_name: Option<Text>,
    /// `one_of`: common wrong inputs and the value they probably meant.
    pub hints: Option<Spanned<Vec<(Text, Text)>>>,
    /// `text`: the fewest characters.
    pub min_len: Option<Spanned<i64>>,
    /// `text`: the most characters.
    pub max_len: Option<Spanned<i64>>,
    /// `text`: the character classes allowed.
    pub chars: Option<Spanned<Vec<Text>>>,
    /// `number`: the smallest value allowed.
    pub min: Option<Spanned<f64>>,
    /// `number`: the largest value allowed.
    pub max: Option<Spanned<f64>>,
    /// `number`: a bound the value must be strictly above.
    pub above: Option<Spanned<f64>>,
    /// `certify_id`: the param holding the prefix.
    pub prefix_param: Option<Text>,
    /// `certify_id`: how many letters and digits follow `_`.
    pub suffix_len: Option<Spanned<i64>>,
    /// `custom`: the hand-written function that checks the value.
    pub function: Option<Text>,
}

impl RawRuleSettings {
    /// The spans of the settings that are present, with their key names.
    pub fn present(&self) -> Vec<(&'static str, Span)> {
        let mut present = Vec::new();
        let mut add = |key: &'static str, span: Option<Span>| {
            if let Some(span) = span {
                present.push((key, span));
            }
        };
        add("values", self.values.as_ref().map(Spanned::span));
        add("type_name", self.type_name.as_ref().map(Spanned::span));
        add("hints", self.hints.as_ref().map(Spanned::span));
        add("min_len", self.min_len.as_ref().map(Spanned::span));
        add("max_len", self.max_len.as_ref().map(Spanned::span));
        add("chars", self.chars.as_ref().map(Spanned::span));
        add("min", self.min.as_ref().map(Spanned::span));
        add("max", self.max.as_ref().map(Spanned::span));
        add("above", self.above.as_ref().map(Spanned::span));
        add(
            "prefix_param",
            self.prefix_param.as_ref().map(Spanned::span),
        );
        add("suffix_len", self.suffix_len.as_ref().map(Spanned::span));
        add("function", self.function.as_ref().map(Spanned::span));
        present
    }
}

/// One allowed value of a `one_of` rule.
#[derive(Debug)]
pub struct RawValue {
    /// The whole `{ value = …, label = … }` table.
    pub span: Span,
    /// The value as the page passes it.
    pub value: Text,
    /// A human name for it.
    pub label: Text,
    /// The Rust variant name, if not derived from the value.
    pub variant: Option<Text>,
}

const PARAM_KEYS: &[&str] = &[
    "name",
    "scope",
    "type",
    "required",
    "default",
    "rule",
    "values",
    "type_name",
    "hints",
    "min_len",
    "max_len",
    "chars",
    "min",
    "max",
    "above",
    "prefix_param",
    "suffix_len",
    "function",
    "raises",
    "severity",
    "confidence",
    "doc",
];
const VALUE_KEYS: &[&str] = &["value", "label", "variant"];
/// The `[[param]]` entries that loaded completely, and the names of those that did not.
pub(super) fn load(reader: &mut Reader<'_>, root: &Table<'_, '_>) -> (Vec<RawParam>, Vec<String>) {
    let mut params = Vec::new();
    let mut unloaded = Vec::new();
    for table in reader.array_of_tables(root.table, "param") {
        reader.failed = false;
        match load_param(reader, &table) {
            Some(param) if !reader.failed => params.push(param),
            _ => {
                if let Some(DeValue::String(name)) = table.table.get("name").map(|v| v.get_ref()) {
                    unloaded.push(name.to_string());
                }
            }
        }
    }
    (params, unloaded)
}

fn load_param(reader: &mut Reader<'_>, table: &Table<'_, '_>) -> Option<RawParam> {
    reader.unknown_keys(table, PARAM_KEYS, "a key of `[[param]]`");
    let name = reader.string(table, "name");
    let scope = reader.string(table, "scope");
    let json_type = reader.string(table, "type");
    let required = reader.boolean(table, "required");
    let default = reader.optional_string(table, "default");
    let rule = reader.string(table, "rule");
    let settings = RawRuleSettings {
        values: values(reader, table),
        type_name: reader.optional_string(table, "type_name"),
        hints: reader.string_map(table, "hints"),
        min_len: reader.optional_integer(table, "min_len"),
        max_len: reader.optional_integer(table, "max_len"),
        chars: reader.optional_string_list(table, "chars"),
        min: reader.number(table, "min"),
        max: reader.number(table, "max"),
        above: reader.number(table, "above"),
        prefix_param: reader.optional_string(table, "prefix_param"),
        suffix_len: reader.optional_integer(table, "suffix_len"),
        function: reader.optional_string(table, "function"),
    };
    let raises = super::declarations::row_ref(reader, table, "raises");
    let severity = reader.string(table, "severity");
    let confidence = reader.string(table, "confidence");
    let doc = reader.string(table, "doc");
    Some(RawParam {
        span: table.span.clone(),
        name: name?,
        scope: scope?,
        json_type: json_type?,
        required: required?,
        default,
        rule: rule?,
        settings,
        raises,
        severity: severity?,
        confidence: confidence?,
        doc: doc?,
    })
}

/// The optional `values` of a `one_of` rule: an array of `{ value, label }` tables.
fn values(reader: &mut Reader<'_>, table: &Table<'_, '_>) -> Option<Spanned<Vec<RawValue>>> {
    let entries = reader.inline_tables(table, "values", false, "value")?;
    let span = entries.span();
    let mut values = Vec::with_capacity(entries.get_ref().len());
    for entry in entries.get_ref() {
        reader.unknown_keys(entry, VALUE_KEYS, "a key of a value");
        let text = reader.string(entry, "value");
        let label = reader.string(entry, "label");
        let variant = reader.optional_string(entry, "variant");
        values.push(RawValue {
            span: entry.span.clone(),
            value: text?,
            label: label?,
            variant,
        });
    }
    Some(Spanned::new(span, values))
}
