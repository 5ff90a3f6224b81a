//! Loading the declarations: `[catalog]`, `[vocabulary.NAME]` and `[table.NAME]`.

use toml::de::DeValue;
use toml::Spanned;

use super::raw::{
    RawCatalog, RawColumn, RawKeyword, RawMeta, RawPredicate, RawRowRef, RawTable, RawVocabulary,
    RawWord, Text,
};
use super::reader::{type_name, Reader, Table};
use crate::diagnostic::Diagnostic;
use crate::format::{
    self, catalog, column, predicate as predicate_keys, table as table_keys, vocabulary,
    word as word_keys,
};
use crate::keywords::ColumnKind;
use crate::suggest;

/// The `[catalog]` table; reported when absent.
pub(super) fn meta(reader: &mut Reader<'_>, root: &Table<'_, '_>) -> Option<RawMeta> {
    let Some(value) = root.table.get(format::top::CATALOG_KEY.name) else {
        reader.diagnostics.push(
            Diagnostic::new(0..0, "the catalog has no `[catalog]` table").with_help(format!(
                "add a `[catalog]` table with {}",
                format::and_list(&format::CATALOG.required_names())
            )),
        );
        return None;
    };
    let table = reader.table(value, format::CATALOG.title)?;
    reader.failed = false;
    let mut fields = reader.section(&table, &format::CATALOG);
    Some(RawMeta {
        span: table.span.clone(),
        name: fields.text(&catalog::NAME)?,
        source: fields.text(&catalog::SOURCE)?,
        provenance: fields.text(&catalog::PROVENANCE)?,
        module: fields.text(&catalog::MODULE)?,
        docs: fields.text(&catalog::DOCS)?,
        readme_section: fields.text(&catalog::README_SECTION),
        locales: fields.texts(&catalog::LOCALES).map(|locales| {
            let span = locales.span();
            Spanned::new(
                span,
                locales
                    .into_inner()
                    .into_iter()
                    .map(RawKeyword::parse)
                    .collect(),
            )
        }),
        name_in: fields.map(&catalog::NAME_IN),
        type_error: fields.row_ref(&catalog::TYPE_ERROR),
        has_type_error: table.table.contains_key(catalog::TYPE_ERROR.name),
    })
}

/// An optional row reference `key = { table = "row key" }`.
pub(super) fn row_ref(
    reader: &mut Reader<'_>,
    table: &Table<'_, '_>,
    key: &str,
) -> Option<RawRowRef> {
    let value = table.table.get(key)?;
    let example = "a row reference such as `{ field = \"region\" }`";
    let DeValue::Table(inline) = value.get_ref() else {
        reader.wrong_type(table, key, value, example);
        return None;
    };
    let mut entries = inline.iter();
    match (entries.next(), entries.next()) {
        (Some((table_name, row_key)), None) => match row_key.get_ref() {
            DeValue::String(text) => Some(RawRowRef {
                span: value.span(),
                table: Spanned::new(table_name.span(), table_name.get_ref().to_string()),
                key: Spanned::new(row_key.span(), text.to_string()),
            }),
            other => {
                reader.fail(
                    Diagnostic::new(
                        row_key.span(),
                        format!(
                            "the row key in `{key}` must be a string, found {}",
                            type_name(other)
                        ),
                    )
                    .with_help("quote the row's key"),
                );
                None
            }
        },
        _ => {
            reader.fail(
                Diagnostic::new(value.span(), format!("`{key}` must name exactly one row"))
                    .with_help(format!("write `{key}` as {example}")),
            );
            None
        }
    }
}

/// The tables under a section such as `[vocabulary]`, each with its name.
fn sections<'a, 'i>(
    reader: &mut Reader<'_>,
    root: &Table<'a, 'i>,
    section: &str,
    unloaded: &mut std::collections::HashSet<String>,
) -> Vec<(Text, Table<'a, 'i>)> {
    let Some(value) = root.table.get(section) else {
        return Vec::new();
    };
    let DeValue::Table(entries) = value.get_ref() else {
        reader.fail(
            Diagnostic::new(
                value.span(),
                format!(
                    "`{section}` must be a table of tables, found {}",
                    type_name(value.get_ref())
                ),
            )
            .with_help(format!(
                "declare each under its own `[{section}.NAME]` header"
            )),
        );
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, entry) in entries.iter() {
        let context = format!("`[{section}.{}]`", name.get_ref());
        match reader.table(entry, &context) {
            Some(table) => {
                found.push((Spanned::new(name.span(), name.get_ref().to_string()), table))
            }
            None => {
                unloaded.insert(name.get_ref().to_string());
            }
        }
    }
    found
}

/// Every `[vocabulary.NAME]`.
pub(super) fn vocabularies(
    reader: &mut Reader<'_>,
    root: &Table<'_, '_>,
    catalog: &mut RawCatalog,
) {
    let section = format::top::VOCABULARY_KEY.name;
    for (name, table) in sections(reader, root, section, &mut catalog.unloaded_declarations) {
        reader.failed = false;
        let mut fields = reader.section(&table, &format::VOCABULARY);
        let type_name = fields.text(&vocabulary::TYPE);
        let doc = fields.text(&vocabulary::DOC);
        let words = fields
            .entries(&vocabulary::WORDS)
            .map(|tables| reader.each(tables, word));
        let predicates = fields
            .entries(&vocabulary::PREDICATES)
            .map(|tables| reader.each(tables, predicate));
        match (doc, words) {
            (Some(doc), Some(words)) if !reader.failed => {
                catalog.vocabularies.push(RawVocabulary {
                    span: table.span.clone(),
                    name,
                    type_name,
                    doc,
                    words,
                    predicates,
                })
            }
            _ => {
                catalog.unloaded_declarations.insert(name.into_inner());
            }
        }
    }
}

fn word(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> Option<RawWord> {
    let mut fields = reader.section(entry, &format::WORD);
    Some(RawWord {
        span: entry.span.clone(),
        word: fields.text(&word_keys::WORD)?,
        doc: fields.text(&word_keys::DOC)?,
        variant: fields.text(&word_keys::VARIANT),
        json_object: fields.text(&word_keys::JSON_OBJECT),
        row: fields.row_ref(&word_keys::ROW),
    })
}

fn predicate(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> Option<RawPredicate> {
    let mut fields = reader.section(entry, &format::PREDICATE);
    Some(RawPredicate {
        span: entry.span.clone(),
        name: fields.text(&predicate_keys::NAME)?,
        doc: fields.text(&predicate_keys::DOC)?,
        words: fields.texts(&predicate_keys::WORDS)?,
    })
}

/// Every `[table.NAME]`, without rows yet.
pub(super) fn tables(reader: &mut Reader<'_>, root: &Table<'_, '_>, catalog: &mut RawCatalog) {
    let section = format::top::TABLE_KEY.name;
    for (name, table) in sections(reader, root, section, &mut catalog.unloaded_declarations) {
        reader.failed = false;
        match declared_table(reader, name.clone(), &table) {
            Some(loaded) if !reader.failed => catalog.tables.push(loaded),
            _ => {
                catalog.unloaded_declarations.insert(name.into_inner());
            }
        }
    }
}

fn declared_table(reader: &mut Reader<'_>, name: Text, table: &Table<'_, '_>) -> Option<RawTable> {
    let mut fields = reader.section(table, &format::TABLE);
    let columns = fields
        .entries(&table_keys::COLUMNS)
        .map(|tables| reader.each(tables, column));
    Some(RawTable {
        span: table.span.clone(),
        name,
        type_name: fields.text(&table_keys::TYPE)?,
        doc: fields.text(&table_keys::DOC)?,
        key: fields.text(&table_keys::KEY)?,
        display: fields.text(&table_keys::DISPLAY)?,
        noun: fields.text(&table_keys::NOUN),
        noun_in: fields.map(&table_keys::NOUN_IN),
        summary: fields.texts(&table_keys::SUMMARY),
        columns: columns?,
        rows: Vec::new(),
    })
}

fn column(reader: &mut Reader<'_>, entry: &Table<'_, '_>) -> Option<RawColumn> {
    let mut fields = reader.section(entry, &format::COLUMN);
    let kind = fields.text(&column::KIND).and_then(|kind| {
        let found = ColumnKind::from_word(kind.get_ref());
        if found.is_none() {
            reader.fail(
                Diagnostic::new(
                    kind.span(),
                    format!("unknown column kind `{}`", kind.get_ref()),
                )
                .with_help(suggest::help(
                    kind.get_ref(),
                    &ColumnKind::words(),
                    format::Words::ColumnKind.noun(),
                )),
            );
        }
        found.map(|found| Spanned::new(kind.span(), found))
    });
    Some(RawColumn {
        span: entry.span.clone(),
        name: fields.text(&column::NAME)?,
        kind: kind?,
        vocabulary: fields.text(&column::VOCABULARY),
        optional: fields.boolean(&column::OPTIONAL),
        doc: fields.text(&column::DOC),
        title: fields.text(&column::TITLE),
        title_in: fields.map(&column::TITLE_IN),
        translatable: fields.boolean(&column::TRANSLATABLE),
    })
}
