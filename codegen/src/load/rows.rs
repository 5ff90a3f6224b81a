//! Loading the rows of a declared table: the `[[NAME]]` entries, whose keys are the
//! table's columns (plus `variant` and `deprecated`). Each value is read with the type
//! its column's kind asks for.

use toml::de::DeValue;

use toml::Spanned;

use super::raw::{RawCell, RawKeyword, RawRow, RawRowTranslation, RawTable, Text};
use super::reader::{type_name, Reader, Table};
use crate::diagnostic::Diagnostic;
use crate::format::{self, row};
use crate::keywords::{ColumnKind, Locale};

/// The rows of `table` that loaded completely, and the keys of those that did not.
pub(super) fn load(
    reader: &mut Reader<'_>,
    root: &Table<'_, '_>,
    table: &RawTable,
) -> (Vec<RawRow>, Vec<String>) {
    let mut allowed: Vec<&str> = table
        .columns
        .get_ref()
        .iter()
        .map(|column| column.name.get_ref().as_str())
        .collect();
    allowed.extend(format::ROW.key_names());
    // A row's `[NAME.LOCALE]` tables; which locales the catalog has is checked later.
    let translated: Vec<&str> = Locale::ALL
        .iter()
        .filter(|locale| **locale != Locale::SOURCE)
        .map(|locale| locale.word())
        .collect();
    allowed.extend(&translated);
    let what = format!("a key of `[[{}]]`", table.name.get_ref());
    let key_column = table.key.get_ref();
    let mut rows = Vec::new();
    let mut unloaded = Vec::new();
    for entry in reader.array_of_tables(root.table, table.name.get_ref()) {
        reader.failed = false;
        reader.unknown_keys(&entry, &allowed, &what);
        let variant = reader.optional_string(&entry, row::VARIANT.name);
        let deprecated = reader.optional_string(&entry, row::DEPRECATED.name);
        let cells: Vec<Option<RawCell>> = table
            .columns
            .get_ref()
            .iter()
            .map(|column| {
                let name = column.name.get_ref();
                let required = name == key_column
                    || !column.optional.as_ref().is_some_and(|flag| *flag.get_ref());
                cell(reader, &entry, name, *column.kind.get_ref(), required)
            })
            .collect();
        let translations = translated
            .iter()
            .filter_map(|locale| translation(reader, &entry, table.name.get_ref(), locale))
            .collect();
        if reader.failed {
            if let Some(DeValue::String(key)) =
                entry.table.get(key_column.as_str()).map(|v| v.get_ref())
            {
                unloaded.push(key.to_string());
            }
            continue;
        }
        rows.push(RawRow {
            span: entry.span.clone(),
            variant,
            deprecated,
            cells,
            translations,
        });
    }
    (rows, unloaded)
}

fn cell(
    reader: &mut Reader<'_>,
    entry: &Table<'_, '_>,
    name: &str,
    kind: ColumnKind,
    required: bool,
) -> Option<RawCell> {
    if !required && !entry.table.contains_key(name) {
        return None;
    }
    match kind {
        ColumnKind::Key | ColumnKind::Text | ColumnKind::Word => {
            reader.string(entry, name).map(RawCell::Text)
        }
        ColumnKind::Integer | ColumnKind::HttpStatus => {
            reader.integer(entry, name).map(RawCell::Integer)
        }
        ColumnKind::Words => reader.string_list(entry, name).map(RawCell::Words),
    }
}

/// The row's `[NAME.LOCALE]` table for `locale`, if it has one: each key with its text.
fn translation(
    reader: &mut Reader<'_>,
    entry: &Table<'_, '_>,
    table: &str,
    locale: &str,
) -> Option<RawRowTranslation> {
    let (key, value) = entry.table.get_key_value(locale)?;
    let header = format!("`[{table}.{locale}]`");
    let found = reader.table(value, &header)?;
    let mut cells = Vec::with_capacity(found.table.len());
    for (name, text) in found.table.iter() {
        let name: Text = Spanned::new(name.span(), name.get_ref().to_string());
        match text.get_ref() {
            DeValue::String(text_value) => {
                cells.push((name, Spanned::new(text.span(), text_value.to_string())))
            }
            other => reader.fail(
                Diagnostic::new(
                    text.span(),
                    format!(
                        "`{}` in {header} must be a string, found {}",
                        name.get_ref(),
                        type_name(other)
                    ),
                )
                .with_help("write the cell's text in this locale as a string"),
            ),
        }
    }
    Some(RawRowTranslation {
        locale: RawKeyword::parse(Spanned::new(key.span(), key.get_ref().to_string())),
        span: found.span,
        cells,
    })
}
