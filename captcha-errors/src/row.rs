//! [`CatalogRow`]: what every generated table's rows say about themselves in general
//! terms (where they are documented, their title, their HTTP status, their words), so
//! that code such as problem details can serve any row of any table.

use crate::WireCode;
use alloc::string::String;
use alloc::vec::Vec;
use alloc::{format, vec};

/// A row of a generated table.
pub trait CatalogRow: WireCode {
    /// The catalog's module, such as `"init"`.
    const MODULE: &'static str;
    /// The table's name in its catalog, such as `"code"`.
    const TABLE: &'static str;
    /// The catalog's docs page, relative to the repository root, such as `"docs/init.md"`.
    const DOCS_PAGE: &'static str;

    /// The names of the table's `words` columns, whose facts are sets of words.
    const WORDS_COLUMNS: &'static [&'static str];

    /// The text `Display` writes: a short human title of the row.
    fn title(self) -> &'static str;

    /// The row's HTTP status, if its table has an `http_status` column (the first one).
    fn status(self) -> Option<u16>;

    /// The row's words, one entry per `word` or `words` column that has a value: the
    /// column's name and its words.
    fn word_facts(self) -> Vec<(&'static str, Vec<&'static str>)>;

    /// The anchor of the row on its docs page: `<table>-<key>`, lowercased, every
    /// character other than an ASCII letter or digit made `-`.
    fn anchor(self) -> String {
        format!("{}-{}", Self::TABLE, self.as_wire())
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect()
    }
}

/// The entry of [`CatalogRow::word_facts`] for a `word` column: its name and its one word.
#[inline]
pub fn one_word(column: &'static str, word: &'static str) -> (&'static str, Vec<&'static str>) {
    (column, vec![word])
}

/// The entry of [`CatalogRow::word_facts`] for a `words` column: its name and its words.
#[inline]
pub fn many_words<T: WireCode>(
    column: &'static str,
    words: &[T],
) -> (&'static str, Vec<&'static str>) {
    (column, words.iter().map(|word| word.as_wire()).collect())
}
