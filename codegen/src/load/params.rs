//! Loading `[[param]]` entries: an init parameter, its rule and the rule's settings.

use toml::de::DeValue;
use toml::Spanned;

use super::raw::{RawKeyword, RawParam, RawRuleSettings, RawValue};
use super::reader::{Reader, Table};
use crate::format::{self, param, value};

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
                locale: fields.text(&value::LOCALE).map(RawKeyword::parse),
            })
        })();
        match loaded {
            Some(loaded) => values.push(loaded),
            None => break,
        }
    }
    Spanned::new(span, values)
}
