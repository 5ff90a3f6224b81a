//! Stage 1, load: catalog text in, raw model out. Reads the TOML, keeps the span of every
//! value, and reports syntax errors, unknown keys, missing keys and wrong types, all of
//! them, each at its place. Meaning (allowed values, duplicates, names, references) is
//! the next stage's job; see [`crate::check`].
//!
//! The order follows the format: `[catalog]`, then the `[vocabulary.*]` and `[table.*]`
//! declarations, then each declared table's `[[rows]]` (their keys are the table's
//! columns), then `[[param]]`.

mod declarations;
mod fields;
mod params;
mod raw;
pub(crate) mod reader;
mod rows;

use std::collections::HashSet;

use toml::de::DeTable;

use crate::diagnostic::Diagnostic;
use crate::text_safety;
pub use raw::{
    RawCatalog, RawCell, RawColumn, RawKeyword, RawMeta, RawParam, RawPredicate, RawRow, RawRowRef,
    RawRowTranslation, RawRuleSettings, RawTable, RawTranslations, RawValue, RawVocabulary,
    RawWord, Text,
};
use reader::{Reader, Table};

/// The top-level keys of the format; every other top-level key must name a declared table.
pub const FORMAT_KEYS: &[&str] = &crate::format::TOP_KEYS;

/// Loads catalog text. Returns what loaded and every problem found; entries with a
/// problem are left out of the raw model so that later stages do not report twice.
///
/// The text-safety scans (of the text, then of the parsed values) run beside the parse
/// and the reading, on another core: at 10,000 rows they are a sixth of the load.
pub fn load(source: &str) -> (RawCatalog, Vec<Diagnostic>) {
    let (mut diagnostics, (document, syntax_errors)) = rayon::join(
        || text_safety::check_source(source),
        || DeTable::parse_recoverable(source),
    );
    // Only the first syntax error is reported: the parser's recovery after it is a guess,
    // and what it finds next is mostly an echo of the first mistake.
    if let Some(error) = syntax_errors.into_iter().next() {
        let span = error.span().unwrap_or(0..0);
        let message = missing_value(source, span.start)
            .unwrap_or_else(|| error.message().trim_end().replace('\n', "; "));
        diagnostics.push(
            Diagnostic::new(span, format!("TOML syntax error: {message}"))
                .with_help("fix the TOML syntax here; the rest is checked once the file parses"),
        );
        return (RawCatalog::default(), diagnostics);
    }
    let (unsafe_values, (catalog, read_problems)) = rayon::join(
        || text_safety::check_table(document.get_ref(), source),
        || read(document.get_ref()),
    );
    diagnostics.extend(unsafe_values);
    diagnostics.extend(read_problems);
    (catalog, diagnostics)
}

/// Reads the parsed document into the raw model, with the problems found on the way.
fn read(document: &DeTable<'_>) -> (RawCatalog, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let root = Table {
        table: document,
        span: 0..0,
        context: "the catalog".to_owned(),
    };
    let mut reader = Reader {
        diagnostics: &mut diagnostics,
        failed: false,
        misspelt: HashSet::new(),
    };
    let mut catalog = RawCatalog {
        meta: declarations::meta(&mut reader, &root),
        ..RawCatalog::default()
    };
    declarations::vocabularies(&mut reader, &root, &mut catalog);
    declarations::tables(&mut reader, &root, &mut catalog);
    top_level_keys(&mut reader, &root, &catalog);
    for table in &mut catalog.tables {
        // A table named like a format key, or without columns, is reported by the
        // check stage; reading its rows would only echo that one mistake.
        let name = table.name.get_ref().as_str();
        if FORMAT_KEYS.contains(&name) || table.columns.get_ref().is_empty() {
            continue;
        }
        let (rows, unloaded) = rows::load(&mut reader, &root, table);
        table.rows = rows;
        let name = table.name.get_ref();
        catalog
            .unloaded
            .extend(unloaded.into_iter().map(|key| (name.clone(), key)));
    }
    let param_is_a_table = catalog
        .tables
        .iter()
        .any(|t| t.name.get_ref() == crate::format::top::PARAM_KEY.name);
    let (params, unloaded) = if param_is_a_table {
        (Vec::new(), Vec::new())
    } else {
        params::load(&mut reader, &root)
    };
    catalog.params = params;
    catalog.unloaded.extend(
        unloaded
            .into_iter()
            .map(|name| (crate::format::top::PARAM_KEY.name.to_owned(), name)),
    );
    (catalog, diagnostics)
}

/// Reports top-level keys that are neither part of the format nor a declared table.
fn top_level_keys(reader: &mut Reader<'_>, root: &Table<'_, '_>, catalog: &RawCatalog) {
    let declared: Vec<&str> = catalog
        .tables
        .iter()
        .map(|table| table.name.get_ref().as_str())
        .chain(catalog.unloaded_declarations.iter().map(String::as_str))
        .collect();
    let mut allowed: Vec<&str> = FORMAT_KEYS.to_vec();
    allowed.extend(&declared);
    for key in root.table.keys() {
        let name: &str = key.get_ref();
        if allowed.contains(&name) {
            continue;
        }
        let is_rows = matches!(
            root.table.get(name).map(|value| value.get_ref()),
            Some(toml::de::DeValue::Array(_))
        );
        let help = match crate::suggest::closest(name, &allowed) {
            Some(meant) => format!("did you mean `{meant}`?"),
            None if is_rows => format!(
                "rows of a table need its declaration: add `[table.{name}]` with its columns"
            ),
            None => format!(
                "the top level holds {} and the rows of declared tables",
                crate::format::TOP
                    .keys
                    .iter()
                    .map(|key| format!("`{}`", key.header()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        reader.diagnostics.push(
            Diagnostic::new(key.span(), format!("unknown top-level key `{name}`")).with_help(help),
        );
    }
}

/// The toml parser calls `key =` with nothing after it "string values must be quoted";
/// say what is really wrong when the error sits after an `=` that ends its line.
fn missing_value(source: &str, at: usize) -> Option<String> {
    let line_start = source.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = source
        .get(at..)?
        .find('\n')
        .map_or(source.len(), |i| at + i);
    let before = source.get(line_start..at)?.trim_end();
    let after = source.get(at..line_end)?.trim();
    (before.ends_with('=') && (after.is_empty() || after.starts_with('#')))
        .then(|| format!("`{before}` has no value, expected a value after `=`"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_catalog::{small_with, SMALL};

    fn load_messages(source: &str) -> Vec<String> {
        load(source).1.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn loads_declarations_and_rows_with_spans() {
        let (catalog, diagnostics) = load(SMALL);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(catalog.meta.unwrap().module.get_ref(), "test_api");
        assert_eq!(catalog.vocabularies[0].words.get_ref().len(), 2);
        let table = &catalog.tables[0];
        assert_eq!(table.columns.get_ref().len(), 7);
        assert_eq!(table.rows.len(), 2);
        let Some(RawCell::Text(key)) = &table.rows[0].cells[0] else {
            panic!("the key cell is not text");
        };
        assert_eq!(&SMALL[key.span()], "\"Bad.Thing\"");
        assert!(
            table.rows[0].cells[2].is_none(),
            "the optional notes are absent"
        );
        assert!(table.rows[1].deprecated.is_some());
    }

    #[test]
    fn an_unknown_column_kind_is_reported_with_a_suggestion() {
        let (_, diagnostics) = load(&small_with("kind = \"text\" }", "kind = \"txt\" }"));
        let problem = diagnostics
            .iter()
            .find(|d| d.message == "unknown column kind `txt`")
            .expect("the kind is reported");
        assert_eq!(problem.help.as_deref(), Some("did you mean `text`?"));
    }

    #[test]
    fn row_keys_are_the_declared_columns() {
        let messages = load_messages(&small_with("weight = -3", "wieght = -3"));
        assert!(
            messages.contains(&"unknown key `wieght` in `[[code]]` entry 1".to_owned()),
            "{messages:?}"
        );
        // The misspelt column is reported once, as the misspelling.
        assert_eq!(messages.len(), 1, "{messages:?}");
    }

    #[test]
    fn cells_have_their_column_types() {
        let messages = load_messages(&small_with("weight = -3", "weight = \"heavy\""));
        assert_eq!(
            messages,
            vec!["`weight` in `[[code]]` entry 1 must be an integer, found a string"]
        );
    }

    #[test]
    fn rows_of_an_undeclared_table_are_reported() {
        let messages = load_messages(&format!("{SMALL}\n[[cde]]\ncode = \"X\"\n"));
        assert_eq!(messages, vec!["unknown top-level key `cde`"]);
        let (_, diagnostics) = load(&format!("{SMALL}\n[[cde]]\ncode = \"X\"\n"));
        assert_eq!(diagnostics[0].help.as_deref(), Some("did you mean `code`?"));
    }

    #[test]
    fn a_row_reference_names_one_row() {
        let source = small_with(
            "readme_section = \"test\"",
            "type_error = { code = \"A\", field = \"b\" }",
        );
        assert_eq!(
            load_messages(&source),
            vec!["`type_error` must name exactly one row"]
        );
    }

    #[test]
    fn syntax_errors_stop_loading() {
        let all = load_messages("[catalog\nname = 1");
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(all[0].starts_with("TOML syntax error"), "{all:?}");
        assert_eq!(
            load_messages("[catalog]\nname =\n"),
            vec!["TOML syntax error: `name =` has no value, expected a value after `=`"]
        );
    }
}
