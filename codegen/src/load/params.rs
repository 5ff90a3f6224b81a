//! Loading `[[param]]` entries: an init parameter, its rule and the rule's settings.

use toml::de::DeValue;
use toml::Spanned;

use super::reader::{Reader, Table};
use super::{RawRowRef, Text};
use crate::diagnostic::Span;
use crate::format::{self, param, value};
use crate::keywords::{CharClass, JsonType, Keyword, RuleConfidence, RuleKind, Severity};

/// One `[[param]]` entry: an init parameter and the rule its value must follow.
#[derive(Debug)]
pub struct RawParam {
    /// The whole entry.
    pub span: Span,
    /// The parameter's name as the page passes it; `a.b` is member `b` of object `a`.
    pub name: Text,
    /// Where the page passes it: `global` or `init`.
    pub scope: Text,
    /// Its JSON type.
    pub json_type: RawKeyword<JsonType>,
    /// Whether the page must pass it.
    pub required: Spanned<bool>,
    /// The documented default, as text.
    pub default: Option<Text>,
    /// The rule.
    pub rule: RawKeyword<RuleKind>,
    /// The rule's settings; which apply depends on the rule.
    pub settings: RawRuleSettings,
    /// The row a bad value raises.
    pub raises: Option<RawRowRef>,
    /// How serious a broken rule is.
    pub severity: RawKeyword<Severity>,
    /// Where the rule comes from.
    pub confidence: RawKeyword<RuleConfidence>,
    /// What the parameter is for.
    pub doc: Text,
}

/// A word of one of the format's closed sets: the text as written (which it derefs to)
/// and the keyword it spells, parsed here once; `None` when it spells none, which the
/// check stage reports where the word matters.
#[derive(Debug, Clone)]
pub struct RawKeyword<K> {
    /// The word as written.
    pub text: Text,
    /// The keyword it spells, if any.
    pub parsed: Option<K>,
}

impl<K: Keyword> RawKeyword<K> {
    /// `text` parsed as a keyword of `K`.
    pub fn parse(text: Text) -> Self {
        let parsed = K::from_word(text.get_ref());
        RawKeyword { text, parsed }
    }
}

impl<K> std::ops::Deref for RawKeyword<K> {
    type Target = Text;

    fn deref(&self) -> &Text {
        &self.text
    }
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
    pub chars: Option<Spanned<Vec<RawKeyword<CharClass>>>>,
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
    /// The settings written in the entry, with their places, in format order.
    written: Vec<(&'static str, Span)>,
}

impl RawRuleSettings {
    /// The spans of the settings that are present, with their key names.
    pub fn present(&self) -> Vec<(&'static str, Span)> {
        self.written.clone()
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

/// The `[[param]]` entries that loaded completely, and the names of those that did not.
pub(super) fn load(reader: &mut Reader<'_>, root: &Table<'_, '_>) -> (Vec<RawParam>, Vec<String>) {
    let mut params = Vec::new();
    let mut unloaded = Vec::new();
    for table in reader.array_of_tables(root.table, format::top::PARAM_KEY.name) {
        reader.failed = false;
        match load_param(reader, &table) {
            Some(param) if !reader.failed => params.push(param),
            _ => {
                let name = table.table.get(param::NAME.name).map(|v| v.get_ref());
                if let Some(DeValue::String(name)) = name {
                    unloaded.push(name.to_string());
                }
            }
        }
    }
    (params, unloaded)
}

fn load_param(reader: &mut Reader<'_>, table: &Table<'_, '_>) -> Option<RawParam> {
    let mut fields = reader.section(table, &format::PARAM);
    let written = format::all_settings()
        .filter_map(|key| Some((key.name, table.table.get(key.name)?.span())))
        .collect();
    let settings = RawRuleSettings {
        values: fields
            .entries(&param::VALUES)
            .map(|entries| values(reader, entries)),
        type_name: fields.text(&param::TYPE_NAME),
        hints: fields.map(&param::HINTS),
        min_len: fields.integer(&param::MIN_LEN),
        max_len: fields.integer(&param::MAX_LEN),
        chars: fields.texts(&param::CHARS).map(|classes| {
            let span = classes.span();
            Spanned::new(
                span,
                classes
                    .into_inner()
                    .into_iter()
                    .map(RawKeyword::parse)
                    .collect(),
            )
        }),
        min: fields.number(&param::MIN),
        max: fields.number(&param::MAX),
        above: fields.number(&param::ABOVE),
        prefix_param: fields.text(&param::PREFIX_PARAM),
        suffix_len: fields.integer(&param::SUFFIX_LEN),
        function: fields.text(&param::FUNCTION),
        written,
    };
    Some(RawParam {
        span: table.span.clone(),
        name: fields.text(&param::NAME)?,
        scope: fields.text(&param::SCOPE)?,
        json_type: RawKeyword::parse(fields.text(&param::TYPE)?),
        required: fields.boolean(&param::REQUIRED)?,
        default: fields.text(&param::DEFAULT),
        rule: RawKeyword::parse(fields.text(&param::RULE)?),
        settings,
        raises: fields.row_ref(&param::RAISES),
        severity: RawKeyword::parse(fields.text(&param::SEVERITY)?),
        confidence: RawKeyword::parse(fields.text(&param::CONFIDENCE)?),
        doc: fields.text(&param::DOC)?,
    })
}

/// The `values` of a `one_of` rule: each `{ value, label }` table read as a value. The
/// first value that does not load ends the reading (its param does not load either).
fn values(reader: &mut Reader<'_>, entries: Spanned<Vec<Table<'_, '_>>>) -> Spanned<Vec<RawValue>> {
    let span = entries.span();
    let mut values = Vec::with_capacity(entries.get_ref().len());
    for entry in entries.get_ref() {
        let mut fields = reader.section(entry, &format::VALUE);
        let loaded = (|| {
            Some(RawValue {
                span: entry.span.clone(),
                value: fields.text(&value::VALUE)?,
                label: fields.text(&value::LABEL)?,
                variant: fields.text(&value::VARIANT),
            })
        })();
        match loaded {
            Some(loaded) => values.push(loaded),
            None => break,
        }
    }
    Spanned::new(span, values)
}
