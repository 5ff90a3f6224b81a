//! Stage 1, load: catalog text in, raw model out. Reads the TOML, keeps the span of every
//! value, and reports syntax errors, unknown keys, missing keys and wrong types, all of
//! them, each at its place. Meaning (allowed values, duplicates, names) is the next
//! stage's job; see [`crate::check`].

use std::collections::HashSet;

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
    /// The `[[param]]` entries that loaded completely.
    pub params: Vec<RawParam>,
    /// The names (`code`, field `key`, param `name`) of entries that did not load, so
    /// references to them are not reported again as references to nothing.
    pub unloaded_names: Vec<String>,
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
    /// The key of the `[[field]]` row a value of the wrong JSON type raises.
    pub type_error_field: Option<Text>,
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
    /// The key of the `[[field]]` row a bad value raises.
    pub raises_field: Option<Text>,
    /// The `[[code]]` a bad value raises.
    pub raises_code: Option<Text>,
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

const TOP_KEYS: &[&str] = &["catalog", "code", "field", "param"];
const META_KEYS: &[&str] = &["name", "source", "provenance", "type_error_field"];
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
    "raises_field",
    "raises_code",
    "severity",
    "confidence",
    "doc",
];
const VALUE_KEYS: &[&str] = &["value", "label", "variant"];
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
        let message = missing_value(source, span.start)
            .unwrap_or_else(|| error.message().trim_end().replace('\n', "; "));
        diagnostics.push(
            Diagnostic::new(span, format!("TOML syntax error: {message}"))
                .with_help("fix the TOML syntax here; the rest is checked once the file parses"),
        );
        return (RawCatalog::default(), diagnostics);
    }

    diagnostics.extend(text_safety::check_table(document.get_ref(), source));

    let root = Table {
        table: document.get_ref(),
        span: 0..0,
        context: "the catalog".to_owned(),
    };
    let mut reader = Reader {
        diagnostics: &mut diagnostics,
        failed: false,
        misspelt: HashSet::new(),
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
                let type_error_field = reader.optional_string(&table, "type_error_field");
                if let (Some(name), Some(source), Some(provenance)) = (name, source_url, provenance)
                {
                    catalog.meta = Some(RawMeta {
                        name,
                        source,
                        provenance,
                        type_error_field,
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
            catalog.unloaded_names.extend(code.map(Spanned::into_inner));
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
            catalog.unloaded_names.extend(key.map(Spanned::into_inner));
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

    for table in reader.array_of_tables(root.table, "param") {
        reader.failed = false;
        match load_param(&mut reader, &table) {
            Some(param) if !reader.failed => catalog.params.push(param),
            _ => {
                if let Some(DeValue::String(name)) = table.table.get("name").map(|v| v.get_ref()) {
                    catalog.unloaded_names.push(name.to_string());
                }
            }
        }
    }

    (catalog, diagnostics)
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

fn load_param(reader: &mut Reader<'_>, table: &Table<'_, '_>) -> Option<RawParam> {
    reader.unknown_keys(table, PARAM_KEYS, "a key of `[[param]]`");
    let name = reader.string(table, "name");
    let scope = reader.string(table, "scope");
    let json_type = reader.string(table, "type");
    let required = reader.boolean(table, "required");
    let default = reader.optional_string(table, "default");
    let rule = reader.string(table, "rule");
    let settings = RawRuleSettings {
        values: reader.values(table),
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
    let raises_field = reader.optional_string(table, "raises_field");
    let raises_code = reader.optional_string(table, "raises_code");
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
        raises_field,
        raises_code,
        severity: severity?,
        confidence: confidence?,
        doc: doc?,
    })
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
    /// The keys that an unknown key of a table (by its start) probably meant: a missing
    /// key that was only misspelt is reported once, as the misspelling.
    misspelt: HashSet<(usize, String)>,
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
                if let Some(meant) = suggest::closest(name, allowed) {
                    self.misspelt.insert((table.span.start, meant.to_owned()));
                }
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
        if value.is_none()
            && required
            && self.misspelt.contains(&(table.span.start, key.to_owned()))
        {
            self.failed = true;
        } else if value.is_none() && required {
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

    fn optional_integer(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<i64>> {
        table.table.get(key)?;
        self.integer(table, key)
    }

    fn boolean(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<bool>> {
        let value = self.value(table, key, true)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(Spanned::new(value.span(), *flag)),
            _ => {
                self.wrong_type(table, key, value, "a boolean (`true` or `false`)");
                None
            }
        }
    }

    /// An optional number, integer or float.
    fn number(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<f64>> {
        let value = self.value(table, key, false)?;
        let number = match value.get_ref() {
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(table, key, value, "a number");
                return None;
            }
        };
        match number {
            Some(number) if number.is_finite() => Some(Spanned::new(value.span(), number)),
            _ => {
                self.fail(
                    Diagnostic::new(value.span(), format!("`{key}` must be a finite number"))
                        .with_help(format!("write `{key}` as a plain number such as 320")),
                );
                None
            }
        }
    }

    fn optional_string_list(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<Vec<Text>>> {
        table.table.get(key)?;
        self.string_list(table, key)
    }

    /// An optional inline table of strings, such as `hints = { zh = "cn" }`, in file order.
    fn string_map(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<Vec<(Text, Text)>>> {
        let value = self.value(table, key, false)?;
        let DeValue::Table(map) = value.get_ref() else {
            self.wrong_type(
                table,
                key,
                value,
                "a table of strings such as `{ zh = \"cn\" }`",
            );
            return None;
        };
        let mut pairs = Vec::with_capacity(map.len());
        for (from, to) in map.iter() {
            match to.get_ref() {
                DeValue::String(text) => pairs.push((
                    Spanned::new(from.span(), from.get_ref().to_string()),
                    Spanned::new(to.span(), text.to_string()),
                )),
                other => {
                    self.fail(
                        Diagnostic::new(
                            to.span(),
                            format!("`{key}` must map to strings, found {}", type_name(other)),
                        )
                        .with_help("quote the value"),
                    );
                    return None;
                }
            }
        }
        Some(Spanned::new(value.span(), pairs))
    }

    /// The optional `values` of a `one_of` rule: an array of `{ value, label }` tables.
    fn values(&mut self, table: &Table<'_, '_>) -> Option<Spanned<Vec<RawValue>>> {
        let value = self.value(table, "values", false)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                table,
                "values",
                value,
                "an array of `{ value = …, label = … }` tables",
            );
            return None;
        };
        let mut values = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let context = format!("value {} of {}", index + 1, table.context);
            let entry = self.table(item, &context)?;
            self.unknown_keys(&entry, VALUE_KEYS, "a key of a value");
            let text = self.string(&entry, "value");
            let label = self.string(&entry, "label");
            let variant = self.optional_string(&entry, "variant");
            values.push(RawValue {
                span: item.span(),
                value: text?,
                label: label?,
                variant,
            });
        }
        Some(Spanned::new(value.span(), values))
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
        // The missing `description` is the misspelt one: reported once, as the misspelling.
        assert!(!messages.contains(&"missing key `description` in `[[code]]` entry 1"));
        assert_eq!(messages.len(), 9, "{messages:?}");
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
    fn a_key_without_a_value_says_so() {
        let all = messages("[catalog]\nname =\n");
        assert_eq!(
            all,
            vec!["TOML syntax error: `name =` has no value, expected a value after `=`"]
        );
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
