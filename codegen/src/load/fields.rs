//! Reading a section of the format by its entry in [`crate::format`]: the table's unknown
//! keys are reported against the section's keys, then each key is read with the type its
//! [`Value`] asks for, missing ones reported where the section requires them. What is
//! read is kept by key, for the section's loader to build its raw struct from.

use toml::Spanned;

use super::declarations::row_ref;
use super::raw::{RawRowRef, Text};
use super::reader::{Reader, Table};
use crate::format::{Key, Section, Value};

/// A value read for one key, with the type its [`Value`] asks for.
pub(crate) enum Field<'a, 'i> {
    /// A string, or a word not yet parsed.
    Text(Text),
    /// A whole number.
    Integer(Spanned<i64>),
    /// A finite number.
    Number(Spanned<f64>),
    /// A boolean.
    Bool(Spanned<bool>),
    /// An array of strings.
    Texts(Spanned<Vec<Text>>),
    /// An inline table of strings, in file order.
    Map(Spanned<Vec<(Text, Text)>>),
    /// A reference to a row.
    RowRef(RawRowRef),
    /// An array of inline tables, each to be read as its own section.
    Entries(Spanned<Vec<Table<'a, 'i>>>),
}

/// What was read of one table, by key.
pub(crate) struct Fields<'a, 'i> {
    section: &'static Section,
    values: Vec<Option<Field<'a, 'i>>>,
}

impl<'a, 'i> Fields<'a, 'i> {
    /// Takes the value read for `key`; `None` if it is absent or did not load.
    pub(crate) fn take(&mut self, key: &Key) -> Option<Field<'a, 'i>> {
        let index = self.section.keys.iter().position(|k| k.name == key.name);
        debug_assert!(
            index.is_some(),
            "`{}` is not a key of {}",
            key.name,
            self.section.name
        );
        index.and_then(|index| self.values[index].take())
    }
}

/// The typed accessors of [`Fields`]: each takes the value read for a key, if it has the
/// type the key's [`Value`] gives it.
macro_rules! accessors {
    ($( $(#[doc = $doc:literal])* $name:ident -> $type:ty = $variant:ident; )+) => {
        impl<'a, 'i> Fields<'a, 'i> {
            $(
                $(#[doc = $doc])*
                pub(crate) fn $name(&mut self, key: &Key) -> Option<$type> {
                    match self.take(key)? {
                        Field::$variant(value) => Some(value),
                        _ => None,
                    }
                }
            )+
        }
    };
}

accessors! {
    /// The string read for `key`.
    text -> Text = Text;
    /// The whole number read for `key`.
    integer -> Spanned<i64> = Integer;
    /// The number read for `key`.
    number -> Spanned<f64> = Number;
    /// The boolean read for `key`.
    boolean -> Spanned<bool> = Bool;
    /// The strings read for `key`.
    texts -> Spanned<Vec<Text>> = Texts;
    /// The table of strings read for `key`.
    map -> Spanned<Vec<(Text, Text)>> = Map;
    /// The row reference read for `key`.
    row_ref -> RawRowRef = RowRef;
    /// The inline tables read for `key`.
    entries -> Spanned<Vec<Table<'a, 'i>>> = Entries;
}

impl Reader<'_> {
    /// Each of `tables` read by `read`, keeping those that load.
    pub(crate) fn each<T>(
        &mut self,
        tables: Spanned<Vec<Table<'_, '_>>>,
        read: impl Fn(&mut Self, &Table<'_, '_>) -> Option<T>,
    ) -> Spanned<Vec<T>> {
        let span = tables.span();
        let items = tables
            .get_ref()
            .iter()
            .filter_map(|entry| read(self, entry))
            .collect();
        Spanned::new(span, items)
    }

    /// Reads `table` as a `section`: its unknown keys, then every key of the section.
    pub(crate) fn section<'a, 'i>(
        &mut self,
        table: &Table<'a, 'i>,
        section: &'static Section,
    ) -> Fields<'a, 'i> {
        self.unknown_keys(table, &section.key_names(), &section.what());
        let values = section
            .keys
            .iter()
            .map(|key| self.field(table, key))
            .collect();
        Fields { section, values }
    }

    /// One key of `table`, read as its [`Value`] asks.
    fn field<'a, 'i>(&mut self, table: &Table<'a, 'i>, key: &Key) -> Option<Field<'a, 'i>> {
        let (name, required) = (key.name, key.is_required());
        match key.value {
            Value::Text { .. } | Value::Word(_) if required => {
                self.string(table, name).map(Field::Text)
            }
            Value::Text { .. } | Value::Word(_) => {
                self.optional_string(table, name).map(Field::Text)
            }
            Value::Count if required => self.integer(table, name).map(Field::Integer),
            Value::Count => self.optional_integer(table, name).map(Field::Integer),
            Value::Number => self.number(table, name).map(Field::Number),
            Value::Bool if required => self.boolean(table, name).map(Field::Bool),
            Value::Bool => self.optional_boolean(table, name).map(Field::Bool),
            Value::Texts | Value::WordList(_) if required => {
                self.string_list(table, name).map(Field::Texts)
            }
            Value::Texts | Value::WordList(_) => {
                self.optional_string_list(table, name).map(Field::Texts)
            }
            Value::Map => self.string_map(table, name).map(Field::Map),
            Value::RowRef => row_ref(self, table, name).map(Field::RowRef),
            Value::Entries(entries) => self
                .inline_tables(table, name, required, entries.entry)
                .map(Field::Entries),
            // Top-level sections are read by their own loaders.
            Value::Named(_) | Value::Table(_) | Value::Tables(_) => None,
        }
    }
}
