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

    /// [`Self::title`] in `locale`: the catalog's translation, or the English title where
    /// the catalog has none in that locale.
    #[inline]
    fn title_in(self, locale: crate::Locale) -> &'static str {
        let _ = locale;
        self.title()
    }

    /// What the table calls one of its rows ([`WireCode::NOUN`]) in `locale`, or in
    /// English where the catalog has no translation.
    #[inline]
    fn noun_in(locale: crate::Locale) -> &'static str {
        let _ = locale;
        Self::NOUN
    }

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

/// Adds the entry of [`CatalogRow::word_facts`] for a `word` column: its name and its
/// one word.
#[inline]
pub fn one_word<T: WireCode>(facts: &mut Vec<WordFact>, column: &'static str, word: T) {
    facts.push((column, vec![word.as_wire()]));
}

/// Adds the entry of [`CatalogRow::word_facts`] for a `words` column: its name and its
/// words.
#[inline]
pub fn many_words<T: WireCode>(facts: &mut Vec<WordFact>, column: &'static str, words: &[T]) {
    facts.push((column, words.iter().map(|word| word.as_wire()).collect()));
}

/// Adds the entry of an optional `word` column, if the row has a word there.
#[inline]
pub fn optional_word<T: WireCode>(
    facts: &mut Vec<WordFact>,
    column: &'static str,
    word: Option<T>,
) {
    if let Some(word) = word {
        one_word(facts, column, word);
    }
}

/// Adds the entry of an optional `words` column, if the row has words there.
#[inline]
pub fn optional_words<T: WireCode>(
    facts: &mut Vec<WordFact>,
    column: &'static str,
    words: Option<&[T]>,
) {
    if let Some(words) = words {
        many_words(facts, column, words);
    }
}

/// One entry of [`CatalogRow::word_facts`]: a column's name and its words.
pub type WordFact = (&'static str, Vec<&'static str>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::init::{ErrorCode, Platform, Retry};

    #[test]
    fn each_push_adds_its_column_and_words_and_absent_values_add_nothing() {
        let mut facts = Vec::new();
        one_word(&mut facts, "retry", Retry::Backoff);
        many_words(&mut facts, "platforms", &[Platform::Web, Platform::App]);
        many_words::<Platform>(&mut facts, "none_yet", &[]);
        optional_word::<Retry>(&mut facts, "fallback", None);
        optional_word(&mut facts, "second", Some(Retry::Never));
        optional_words::<Platform>(&mut facts, "absent", None);
        optional_words(&mut facts, "present", Some(&[Platform::H5][..]));
        assert_eq!(
            facts,
            [
                ("retry", vec!["backoff"]),
                ("platforms", vec!["web", "app"]),
                ("none_yet", vec![]),
                ("second", vec!["never"]),
                ("present", vec!["h5"]),
            ]
        );
    }

    #[test]
    fn a_generated_row_lists_its_word_columns_in_order() {
        let facts = ErrorCode::Throttling.word_facts();
        let columns: Vec<&str> = facts.iter().map(|(column, _)| *column).collect();
        assert_eq!(columns, ["retry", "category", "platforms"]);
        assert_eq!(facts[0].1, [ErrorCode::Throttling.retry().as_str()]);
        assert_eq!(ErrorCode::WORDS_COLUMNS, ["platforms"]);
        assert_eq!(
            ErrorCode::Throttling.status(),
            Some(ErrorCode::Throttling.http_status())
        );
        assert_eq!(
            ErrorCode::Throttling.title(),
            ErrorCode::Throttling.description()
        );
        assert_eq!(ErrorCode::Throttling.as_str(), "Throttling");
    }
}
