//! Checking the rows of a table: keys (well formed, unique), variants, and each cell
//! against its column's kind: text that says something, statuses in range, words of
//! the column's vocabulary.

use std::collections::HashMap;

use toml::Spanned;

use super::{Checker, NameKind};
use crate::diagnostic::Diagnostic;
use crate::keywords::{ColumnKind, Locale};
use crate::load::{RawCell, RawTable, Text};
use crate::model::{Cell, Column, Row, Table, Vocabulary};
use crate::names;
use crate::suggest;

impl Checker<'_> {
    /// The rows that passed, and the row index of each key.
    pub(super) fn rows(
        &mut self,
        raw: &RawTable,
        table: &Table,
        vocabularies: &[Vocabulary],
        others: &[Locale],
    ) -> (Vec<Row>, HashMap<String, usize>) {
        let mut rows = Vec::new();
        let mut keys = HashMap::new();
        // How diagnostics name each column's cells, made once per table, not per cell.
        let whats: Vec<String> = table
            .columns
            .iter()
            .map(|column| format!("`{}`", column.name))
            .collect();
        for raw_row in &raw.rows {
            let key = match &raw_row.cells[table.key] {
                Some(RawCell::Text(key)) => key,
                _ => continue,
            };
            let key_ok = self.wire_key(key)
                && self.not_other_label(key, "key")
                && self.unique(NameKind::Key(table.name.clone()), key, "key");
            // A duplicate or malformed key would only repeat itself as a variant problem.
            let variant = key_ok
                .then(|| {
                    self.variant(
                        raw_row.variant.as_ref(),
                        key,
                        NameKind::RowVariant(table.name.clone()),
                        "row",
                    )
                })
                .flatten()
                .filter(|_| {
                    self.unique_name(
                        NameKind::Anchor(table.name.clone()),
                        &names::anchor(&table.name, key.get_ref()),
                        key.span(),
                        "docs anchor",
                    )
                });
            let deprecated = self.optional_text(raw_row.deprecated.as_ref(), "`deprecated`");
            let mut cells = Vec::with_capacity(table.columns.len());
            for ((column, cell), what) in table.columns.iter().zip(&raw_row.cells).zip(&whats) {
                cells.push(self.cell(column, cell.as_ref(), vocabularies, what));
            }
            let cells: Option<Vec<Cell>> = cells.into_iter().collect();
            let translations = cells.as_ref().and_then(|cells| {
                self.row_translations(raw_row, table, cells, others, key.get_ref(), key.span())
            });
            if let (Some(variant), Ok(deprecated), Some(cells), Some(translations)) =
                (variant, deprecated, cells, translations)
            {
                keys.insert(key.get_ref().clone(), rows.len());
                rows.push(Row {
                    variant,
                    deprecated,
                    cells,
                    translations,
                    key_span: key.span(),
                });
            }
        }
        (rows, keys)
    }

    /// A key: ASCII letters, digits, `.`, `_` and `-`.
    fn wire_key(&mut self, key: &Text) -> bool {
        let text = key.get_ref();
        if text.is_empty() {
            self.report(
                Diagnostic::new(key.span(), "the key is empty")
                    .with_help("write the key exactly as the wire carries it"),
            );
            return false;
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            self.report(
                Diagnostic::new(key.span(), format!("the key `{text}` holds {bad:?}"))
                    .with_help("a key holds only ASCII letters, digits, '.', '_' and '-'"),
            );
            return false;
        }
        true
    }

    /// A cell of `column`, which diagnostics call `what`.
    fn cell(
        &mut self,
        column: &Column,
        raw: Option<&RawCell>,
        vocabularies: &[Vocabulary],
        what: &str,
    ) -> Option<Cell> {
        let vocabulary = column.vocabulary.map(|index| &vocabularies[index]);
        match (column.kind, raw, vocabulary) {
            (_, None, _) => Some(Cell::Absent),
            // The key's own check (`wire_key`) reports an empty key.
            (ColumnKind::Key, Some(RawCell::Text(text)), _) => {
                Some(Cell::Text(text.get_ref().clone()))
            }
            (ColumnKind::Text, Some(RawCell::Text(text)), _) => {
                self.text(text, what).map(Cell::Text)
            }
            (ColumnKind::Integer, Some(RawCell::Integer(number)), _) => {
                Some(Cell::Integer(*number.get_ref()))
            }
            (ColumnKind::HttpStatus, Some(RawCell::Integer(number)), _) => {
                self.http_status(number, &column.name).map(Cell::HttpStatus)
            }
            (ColumnKind::Word, Some(RawCell::Text(word)), Some(vocabulary)) => {
                self.word(vocabulary, word).map(Cell::Word)
            }
            (ColumnKind::Words, Some(RawCell::Words(words)), Some(vocabulary)) => {
                self.words(vocabulary, words).map(Cell::Words)
            }
            // The loader reads each cell with its column's type; nothing else reaches here.
            _ => None,
        }
    }

    fn http_status(&mut self, status: &Spanned<i64>, column: &str) -> Option<u16> {
        let value = *status.get_ref();
        match u16::try_from(value) {
            Ok(code @ 100..=599) => Some(code),
            _ => {
                self.report(
                    Diagnostic::new(
                        status.span(),
                        format!("`{column}` {value} is not an HTTP status"),
                    )
                    .with_help("use a status from 100 to 599, such as 400"),
                );
                None
            }
        }
    }

    /// The index of `word` in `vocabulary`, or a report.
    pub(super) fn word(&mut self, vocabulary: &Vocabulary, word: &Text) -> Option<usize> {
        let found = vocabulary
            .words
            .iter()
            .position(|w| &w.word == word.get_ref());
        if found.is_none() {
            let words: Vec<&str> = vocabulary.words.iter().map(|w| w.word.as_str()).collect();
            self.report(
                Diagnostic::new(
                    word.span(),
                    format!(
                        "`{}` is not a word of the vocabulary `{}`",
                        word.get_ref(),
                        vocabulary.name
                    ),
                )
                .with_help(suggest::help(word.get_ref(), &words, "a word")),
            );
        }
        found
    }

    /// The indexes of `words` in `vocabulary`, each word known and listed once.
    pub(super) fn words(
        &mut self,
        vocabulary: &Vocabulary,
        words: &Spanned<Vec<Text>>,
    ) -> Option<Vec<usize>> {
        let mut found: Vec<usize> = Vec::new();
        let mut ok = true;
        for word in words.get_ref() {
            match self.word(vocabulary, word) {
                Some(index) if found.contains(&index) => {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            word.span(),
                            format!("`{}` is listed twice", word.get_ref()),
                        )
                        .with_help("list each word once"),
                    );
                }
                Some(index) => found.push(index),
                None => ok = false,
            }
        }
        ok.then_some(found)
    }
}
