//! Stage 1, load: catalog text in, raw model out. Reads the TOML, keeps the span of every
//! value, and reports syntax errors, unknown keys, missing keys and wrong types, all of
//! them, each at its place. Meaning (allowed values, duplicates, names) is the next
//! stage's job; see [`crate::check`].

use crate::diagnostic::{Diagnostic, Span};
use crate::suggest;
use crate::text_safety;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A string from the catalog with its place.
pub type Text = Spanned<String>;

/// The catalog as written, before its meaning is checked.
#[derive(Debug, Default)]
pub struct RawCatalog {
    /// The `[catalog]` table, if it loaded.
    pub meta: Option<RawMeta>,
    /// The `[[code]]` entries that loaded completely.
    pub codes: Vec<RawCode>,
    /// The `[[field]]` entries that loaded completely.
    pub fields: Vec<RawField>,
}

/// The `[catalog]` table.
#[derive(Debug)]
pub struct RawMeta {
    /// The title used in the docs.
    pub name: Text,
    /// The address of the vendor page the text comes from.
    pub source: Text,
    /// Which facts are the vendor's and which are the project's.
    pub provenance: Text,
}

/// One `[[code]]` entry.
#[derive(Debug)]
pub struct RawCode {
    /// The whole entry.
    pub span: Span,
    /// The wire code.
    pub code: Text,
    /// The Rust variant name, if given.
    pub variant: Option<Text>,
    /// The vendor's description.
    pub description: Text,
    /// The vendor's troubleshooting text.
    pub troubleshooting: Text,
    /// The vendor's "Important" remark.
    pub notes: Option<Text>,
    /// The recommended HTTP status.
    pub http_status: Spanned<i64>,
    /// The retry advice word.
    pub retry: Text,
    /// The category word.
    pub category: Text,
    /// The platform words.
    pub platforms: Spanned<Vec<Text>>,
}

/// One `[[field]]` entry.
#[derive(Debug)]
pub struct RawField {
    /// The whole entry.
    pub span: Span,
    /// The stable key.
    pub key: Text,
    /// The vendor's "Field" column.
    pub field: Text,
    /// The Rust variant name, if given.
    pub variant: Option<Text>,
    /// The vendor's description.
    pub description: Text,
    /// The vendor's troubleshooting text.
    pub troubleshooting: Text,
    /// The recommended HTTP status.
    pub http_status: Spanned<i64>,
    /// The platform words.
    pub platforms: Spanned<Vec<Text>>,
}

const TOP_KEYS: &[&str] = &["catalog", "code", "field"];
const META_KEYS: &[&str] = &["name", "source", "provenance"];
const CODE_KEYS: &[&str] = &[
    "code",
    "variant",
    "description",
    "troubleshooting",
    "notes",
    "http_status",
    "retry",
    "category",
    "platforms",
];
const FIELD_KEYS: &[&str] = &[
    "key",
    "field",
    "variant",
    "description",
    "troubleshooting",
    "http_status",
    "platforms",
];

/// Loads catalog text. Returns what loaded and every problem found; entries with a
/// problem are left out of the raw model so that later stages do not report twice.
pub fn load(source: &str) -> (RawCatalog, Vec<Diagnostic>) {
    let mut diagnostics = text_safety::check_source(source);
    let (document, syntax_errors) = DeTable::parse_recoverable(source);
    // Only the first syntax error is reported: the parser's recovery after it is a guess,
    // and what it finds next is mostly an echo of the first mistake.
    if let Some(error) = syntax_errors.into_iter().next() {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim_end().replace('\n', "; ");
        diagnostics.push(
            Diagnostic::new(span, format!("TOML syntax error: {message}"))
                .with_help("fix the TOML syntax here; the rest is checked once the file parses"),
        );
        return (RawCatalog::default(), diagnostics);
    }

    diagnostics.extend(text_safety::check_table(document.get_ref()));

    let root = Table {
        table: document.get_ref(),
        span: 0..0,
        context: "the catalog".to_owned(),
    };
    let mut reader = Reader {
        diagnostics: &mut diagnostics,
        failed: false,
    };
    reader.unknown_keys(&root, TOP_KEYS, "a top-level key");

    let mut catalog = RawCatalog::default();
    match root.table.get("catalog") {
        None => reader.diagnostics.push(
            Diagnostic::new(0..0, "the catalog has no `[catalog]` table")
                .with_help("add a `[catalog]` table with `name`, `source` and `provenance`"),
        ),
        Some(value) => {
            if let Some(table) = reader.table(value, "`[catalog]`") {
                reader.failed = false;
                reader.unknown_keys(&table, META_KEYS, "a key of `[catalog]`");
                let name = reader.string(&table, "name");
                let source_url = reader.string(&table, "source");
                let provenance = reader.string(&table, "provenance");
                if let (Some(name), Some(source), Some(provenance)) = (name, source_url, provenance)
                {
                    catalog.meta = Some(RawMeta {
                        name,
                        source,
                        provenance,
                    });
                }
            }
        }
    }

    for table in reader.array_of_tables(root.table, "code") {
        reader.failed = false;
        reader.unknown_keys(&table, CODE_KEYS, "a key of `[[code]]`");
        let code = reader.string(&table, "code");
        let variant = reader.optional_string(&table, "variant");
        let description = reader.string(&table, "description");
        let troubleshooting = reader.string(&table, "troubleshooting");
        let notes = reader.optional_string(&table, "notes");
        let http_status = reader.integer(&table, "http_status");
        let retry = reader.string(&table, "retry");
        let category = reader.string(&table, "category");
        let platforms = reader.string_list(&table, "platforms");
        if reader.failed {
            continue;
        }
        if let (
            Some(code),
            Some(description),
            Some(troubleshooting),
            Some(http_status),
            Some(retry),
            Some(category),
            Some(platforms),
        ) = (
            code,
            description,
            troubleshooting,
            http_status,
            retry,
            category,
            platforms,
        ) {
            catalog.codes.push(RawCode {
                span: table.span,
                code,
                variant,
                description,
                troubleshooting,
                notes,
                http_status,
                retry,
                category,
                platforms,
            });
        }
    }

    for table in reader.array_of_tables(root.table, "field") {
        reader.failed = false;
        reader.unknown_keys(&table, FIELD_KEYS, "a key of `[[field]]`");
        let key = reader.string(&table, "key");
        let field = reader.string(&table, "field");
        let variant = reader.optional_string(&table, "variant");
        let description = reader.string(&table, "description");
        let troubleshooting = reader.string(&table, "troubleshooting");
        let http_status = reader.integer(&table, "http_status");
        let platforms = reader.string_list(&table, "platforms");
        if reader.failed {
            continue;
        }
        if let (
            Some(key),
            Some(field),
            Some(description),
            Some(troubleshooting),
            Some(http_status),
            Some(platforms),
        ) = (
            key,
            field,
            description,
            troubleshooting,
            http_status,
            platforms,
        ) {
            catalog.fields.push(RawField {
                span: table.span,
                key,
                field,
                variant,
                description,
                troubleshooting,
                http_status,
                platforms,
            });
        }
    }

    (catalog, diagnostics)
}

/// A TOML table with its place and a name for messages.
struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Span,
    context: String,
}

/// Reads typed values out of tables, recording every problem. `failed` turns true when a
/// value of the current entry is missing or of the wrong type.
struct Reader<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    failed: bool,
}

impl Reader<'_> {
    fn fail(&mut self, diagnostic: Diagnostic) {
        self.failed = true;
        self.diagnostics.push(diagnostic);
    }

    fn unknown_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str], what: &str) {
        for key in table.table.keys() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                let help = suggest::help(name, allowed, what);
                self.fail(
                    Diagnostic::new(
                        key.span(),
                        format!("unknown key `{name}` in {}", table.context),
                    )
                    .with_help(help),
                );
            }
        }
    }

    fn table<'a, 'i>(
        &mut self,
        value: &'a Spanned<DeValue<'i>>,
        context: &str,
    ) -> Option<Table<'a, 'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(Table {
                table,
                span: value.span(),
                context: context.to_owned(),
            }),
            other => {
                self.fail(
                    Diagnostic::new(
                        value.span(),
                        format!("{context} must be a table, found {}", type_name(other)),
                    )
                    .with_help(format!("write it as a table: {context}")),
                );
                None
            }
        }
    }

    /// The entries of an array of tables such as `[[code]]`; none if the key is absent.
    fn array_of_tables<'a, 'i>(&mut self, root: &'a DeTable<'i>, key: &str) -> Vec<Table<'a, 'i>> {
        let Some(value) = root.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.fail(
                Diagnostic::new(
                    value.span(),
                    format!(
                        "`{key}` must be an array of tables, found {}",
                        type_name(value.get_ref())
                    ),
                )
                .with_help(format!("write each entry under its own `[[{key}]]` header")),
            );
            return Vec::new();
        };
        let mut tables = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let context = format!("`[[{key}]]` entry {}", index + 1);
            if let Some(table) = self.table(item, &context) {
                tables.push(table);
            }
        }
        tables
    }

    fn value<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        required: bool,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let value = table.table.get(key);
        if value.is_none() && required {
            self.fail(
                Diagnostic::new(
                    table.span.clone(),
                    format!("missing key `{key}` in {}", table.context),
                )
                .with_help(format!("add `{key} = …` to this entry")),
            );
        }
        value
    }

    fn wrong_type(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        want: &str,
    ) {
        self.fail(
            Diagnostic::new(
                value.span(),
                format!(
                    "`{key}` in {} must be {want}, found {}",
                    table.context,
                    type_name(value.get_ref())
                ),
            )
            .with_help(format!("write `{key}` as {want}")),
        );
    }

    fn string_value(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Text> {
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(value.span(), text.to_string())),
            _ => {
                self.wrong_type(table, key, value, "a string");
                None
            }
        }
    }

    fn string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Text> {
        let value = self.value(table, key, true)?;
        self.string_value(table, key, value)
    }

    fn optional_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Text> {
        let value = self.value(table, key, false)?;
        self.string_value(table, key, value)
    }

    fn integer(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<i64>> {
        let value = self.value(table, key, true)?;
        match value.get_ref() {
            DeValue::Integer(integer) => {
                match i64::from_str_radix(integer.as_str(), integer.radix()) {
                    Ok(number) => Some(Spanned::new(value.span(), number)),
                    Err(_) => {
                        self.fail(
                            Diagnostic::new(value.span(), format!("`{key}` is too large"))
                                .with_help(format!("write `{key}` as a small whole number")),
                        );
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(table, key, value, "an integer");
                None
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<Vec<Text>>> {
        let value = self.value(table, key, true)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "an array of strings");
            return None;
        };
        let mut strings = Vec::with_capacity(items.len());
        let mut all_strings = true;
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => strings.push(Spanned::new(item.span(), text.to_string())),
                other => {
                    all_strings = false;
                    self.fail(
                        Diagnostic::new(
                            item.span(),
                            format!(
                                "`{key}` in {} must hold only strings, found {}",
                                table.context,
                                type_name(other)
                            ),
                        )
                        .with_help("quote each item"),
                    );
                }
            }
        }
        all_strings.then(|| Spanned::new(value.span(), strings))
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &str = "[catalog]\nname = \"n\"\nsource = \"s\"\nprovenance = \"p\"\n";

    const CODE: &str = "[[code]]\ncode = \"A\"\ndescription = \"d\"\ntroubleshooting = \"t\"\n\
                        http_status = 400\nretry = \"never\"\ncategory = \"account\"\nplatforms = [\"web\"]\n";

    fn messages(source: &str) -> Vec<String> {
        let (_, diagnostics) = load(source);
        diagnostics.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn loads_a_complete_entry_with_spans() {
        let source = format!("{META}{CODE}");
        let (catalog, diagnostics) = load(&source);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(catalog.meta.unwrap().name.get_ref(), "n");
        let code = &catalog.codes[0];
        assert_eq!(code.code.get_ref(), "A");
        assert_eq!(&source[code.code.span()], "\"A\"");
        assert_eq!(*code.http_status.get_ref(), 400);
        assert_eq!(code.platforms.get_ref()[0].get_ref(), "web");
        assert!(code.notes.is_none());
    }

    #[test]
    fn reports_every_unknown_missing_and_mistyped_key() {
        let source = format!(
            "{META}{}\nextra = 1\n[[code]]\ncode = 5\n",
            CODE.replace("description", "descripton")
        );
        let (catalog, diagnostics) = load(&source);
        assert!(catalog.codes.is_empty());
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"unknown key `descripton` in `[[code]]` entry 1"));
        assert!(messages.contains(&"unknown key `extra` in `[[code]]` entry 1"));
        assert!(messages.contains(&"missing key `description` in `[[code]]` entry 1"));
        assert!(
            messages.contains(&"`code` in `[[code]]` entry 2 must be a string, found an integer")
        );
        let misspelt = diagnostics
            .iter()
            .find(|d| d.message.contains("descripton"))
            .unwrap();
        assert_eq!(
            misspelt.help.as_deref(),
            Some("did you mean `description`?")
        );
    }

    #[test]
    fn syntax_errors_stop_loading() {
        let all = messages("[catalog\nname = 1");
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(all[0].starts_with("TOML syntax error"), "{all:?}");
    }

    #[test]
    fn requires_the_catalog_table_and_tables_for_entries() {
        let all = messages("code = \"x\"\n");
        assert!(all.contains(&"the catalog has no `[catalog]` table".to_owned()));
        assert!(all.contains(&"`code` must be an array of tables, found a string".to_owned()));
    }

    #[test]
    fn platforms_must_be_strings() {
        let source = format!("{META}{}", CODE.replace("[\"web\"]", "[\"web\", 3]"));
        let all = messages(&source);
        assert_eq!(
            all,
            vec!["`platforms` in `[[code]]` entry 1 must hold only strings, found an integer"]
        );
    }
}
