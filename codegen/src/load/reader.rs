//! Typed reading of TOML values with spans: every missing key, wrong type or unknown key
//! becomes a located diagnostic, and the entry it belongs to is marked as failed.

use std::collections::HashSet;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::raw::Text;
use crate::diagnostic::{Diagnostic, Span};
use crate::suggest;

/// A TOML table with its place and a name for messages.
pub(crate) struct Table<'a, 'i> {
    pub(crate) table: &'a DeTable<'i>,
    pub(crate) span: Span,
    pub(crate) context: String,
}

/// Reads typed values out of tables, recording every problem. `failed` turns true when a
/// value of the current entry is missing or of the wrong type.
pub(crate) struct Reader<'d> {
    pub(crate) diagnostics: &'d mut Vec<Diagnostic>,
    pub(crate) failed: bool,
    /// The keys that an unknown key of a table (by its start) probably meant: a missing
    /// key that was only misspelt is reported once, as the misspelling.
    pub(crate) misspelt: HashSet<(usize, String)>,
}

impl Reader<'_> {
    pub(crate) fn fail(&mut self, diagnostic: Diagnostic) {
        self.failed = true;
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn unknown_keys(&mut self, table: &Table<'_, '_>, allowed: &[&str], what: &str) {
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

    pub(crate) fn table<'a, 'i>(
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
    pub(crate) fn array_of_tables<'a, 'i>(
        &mut self,
        root: &'a DeTable<'i>,
        key: &str,
    ) -> Vec<Table<'a, 'i>> {
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

    pub(crate) fn value<'a, 'i>(
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

    pub(crate) fn wrong_type(
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

    pub(crate) fn string_value(
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

    pub(crate) fn string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Text> {
        let value = self.value(table, key, true)?;
        self.string_value(table, key, value)
    }

    pub(crate) fn optional_string(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Text> {
        let value = self.value(table, key, false)?;
        self.string_value(table, key, value)
    }

    pub(crate) fn integer(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<i64>> {
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

    pub(crate) fn optional_integer(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<i64>> {
        table.table.get(key)?;
        self.integer(table, key)
    }

    pub(crate) fn boolean(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<bool>> {
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
    pub(crate) fn number(&mut self, table: &Table<'_, '_>, key: &str) -> Option<Spanned<f64>> {
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

    pub(crate) fn optional_string_list(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<Vec<Text>>> {
        table.table.get(key)?;
        self.string_list(table, key)
    }

    /// An optional inline table of strings, such as `hints = { zh = "cn" }`, in file order.
    pub(crate) fn string_map(
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

    /// An array of inline tables, such as `columns = [{ name = … }, …]`; each entry is
    /// named `<what> N of <table>` in messages. `None` when absent (reported if required).
    pub(crate) fn inline_tables<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        key: &str,
        required: bool,
        what: &str,
    ) -> Option<Spanned<Vec<Table<'a, 'i>>>> {
        let value = self.value(table, key, required)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(table, key, value, "an array of inline tables");
            return None;
        };
        let mut tables = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let context = format!("{what} {} of {}", index + 1, table.context);
            if let Some(entry) = self.table(item, &context) {
                tables.push(entry);
            }
        }
        Some(Spanned::new(value.span(), tables))
    }

    /// An optional boolean.
    pub(crate) fn optional_boolean(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<bool>> {
        table.table.get(key)?;
        self.boolean(table, key)
    }

    pub(crate) fn string_list(
        &mut self,
        table: &Table<'_, '_>,
        key: &str,
    ) -> Option<Spanned<Vec<Text>>> {
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

pub(crate) fn type_name(value: &DeValue<'_>) -> &'static str {
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
