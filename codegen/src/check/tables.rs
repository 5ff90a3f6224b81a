//! Checking `[table.NAME]` declarations: the enum's type name, the columns (kinds,
//! vocabularies, the one key column), `display`, `summary` and `noun`. The rows are
//! checked by [`super::rows`].

use std::collections::HashMap;

use super::{Checker, NameKind};
use crate::diagnostic::Diagnostic;
use crate::keywords::{ColumnKind, Locale};
use crate::load::{RawCatalog, RawColumn, RawTable, Text, FORMAT_KEYS};
use crate::model::{Column, Table, TablePredicate, Vocabulary};
use crate::names;
use crate::suggest;

/// Method names a generated table enum has besides its columns' accessors; a column
/// may not take them. Names starting with `from_` are taken too.
const RESERVED_COLUMNS: &[&str] = &["as_str", "row", "variant", "deprecated"];

/// A table that passed its checks, with what later checks look up.
pub(crate) struct CheckedTable {
    /// The table, rows included.
    pub(crate) table: Table,
    /// The row index of each key.
    pub(crate) keys: HashMap<String, usize>,
}

impl Checker<'_> {
    pub(super) fn tables(
        &mut self,
        raw: &RawCatalog,
        vocabularies: &[Vocabulary],
        others: &[Locale],
    ) -> Vec<CheckedTable> {
        let mut tables = Vec::new();
        for raw_table in &raw.tables {
            let Some(mut table) = self.table(raw_table, raw, vocabularies, others) else {
                continue;
            };
            let (rows, keys) = self.rows(raw_table, &table, vocabularies, others);
            table.rows = rows;
            tables.push(CheckedTable { table, keys });
        }
        tables
    }

    fn table(
        &mut self,
        raw: &RawTable,
        catalog: &RawCatalog,
        vocabularies: &[Vocabulary],
        others: &[Locale],
    ) -> Option<Table> {
        let name = raw.name.get_ref();
        let mut ok = self.snake_case(
            &raw.name,
            "name the table in snake_case, such as `[table.code]`",
        );
        if FORMAT_KEYS.contains(&name.as_str()) {
            ok = false;
            self.report(
                Diagnostic::new(
                    raw.name.span(),
                    format!("a table cannot be named `{name}`: `[[{name}]]` means something else"),
                )
                .with_help("choose another name for the table"),
            );
        }
        ok &= self.type_name(&raw.type_name, "type");
        let doc = self.text(&raw.doc, "`doc` of the table");
        let noun = self.optional_text(raw.noun.as_ref(), "`noun` of the table");
        let noun_in = self.translations(raw.noun_in.as_ref(), others, "noun_in");
        let columns = self.columns(raw, catalog, vocabularies, others);
        let (Some(columns), Some(doc), Ok(noun), Some(noun_in)) = (columns, doc, noun, noun_in)
        else {
            return None;
        };
        let key = self.key_column(raw, &columns);
        let display = self.display_column(raw, &columns);
        let summary = self.summary(raw, &columns, key);
        let predicates = self.table_predicates(raw, &columns, vocabularies);
        if !ok {
            return None;
        }
        let type_name = raw.type_name.get_ref().clone();
        let table = Table {
            name: name.clone(),
            noun: noun.unwrap_or_else(|| names::words_of(&type_name)),
            noun_in,
            type_name,
            doc,
            key: key?,
            display: display?,
            summary: summary?,
            columns,
            rows: Vec::new(),
            predicates: predicates?,
            name_span: raw.name.span(),
            type_span: raw.type_name.span(),
        };
        self.table_translations(&table, raw, others)
            .then_some(table)
    }

    fn columns(
        &mut self,
        raw: &RawTable,
        catalog: &RawCatalog,
        vocabularies: &[Vocabulary],
        others: &[Locale],
    ) -> Option<Vec<Column>> {
        if raw.columns.get_ref().is_empty() {
            self.report(
                Diagnostic::new(raw.columns.span(), "the table has no columns").with_help(format!(
                    "declare at least the key column: `{{ name = \"{}\", kind = \"key\" }}`",
                    raw.key.get_ref()
                )),
            );
            return None;
        }
        let mut columns = Vec::new();
        let mut ok = true;
        for column in raw.columns.get_ref() {
            match self.column(raw, column, catalog, vocabularies, others) {
                Some(column) => columns.push(column),
                None => ok = false,
            }
        }
        ok.then_some(columns)
    }

    fn column(
        &mut self,
        table: &RawTable,
        raw: &RawColumn,
        catalog: &RawCatalog,
        vocabularies: &[Vocabulary],
        others: &[Locale],
    ) -> Option<Column> {
        let name = raw.name.get_ref();
        let mut ok = self.snake_case(
            &raw.name,
            "name the column in snake_case: it becomes a method",
        );
        if ok && (RESERVED_COLUMNS.contains(&name.as_str()) || name.starts_with("from_")) {
            ok = false;
            self.report(
                Diagnostic::new(raw.name.span(), format!("the column name `{name}` is taken by the generated code"))
                    .with_help("rename the column; `as_str`, `row`, `variant`, `deprecated` and names starting with `from_` are taken"),
            );
        }
        ok &= self.unique(
            NameKind::Column(table.name.get_ref().clone()),
            &raw.name,
            "column",
        );
        let kind = *raw.kind.get_ref();
        let vocabulary = self.column_vocabulary(raw, kind, catalog, vocabularies);
        let optional = raw.optional.as_ref().is_some_and(|flag| *flag.get_ref());
        if optional && kind == ColumnKind::Key {
            ok = false;
            if let Some(flag) = &raw.optional {
                self.report(
                    Diagnostic::new(flag.span(), "the key column cannot be optional")
                        .with_help("remove `optional`: every row needs its key"),
                );
            }
        }
        let doc = self.optional_text(raw.doc.as_ref(), "`doc` of the column");
        let title = self.optional_text(raw.title.as_ref(), "`title` of the column");
        let title_in = self.translations(raw.title_in.as_ref(), others, "title_in");
        let translatable = raw
            .translatable
            .as_ref()
            .is_some_and(|flag| *flag.get_ref());
        if translatable && kind != ColumnKind::Text {
            ok = false;
            if let Some(flag) = &raw.translatable {
                self.report(
                    Diagnostic::new(flag.span(), format!("only a `text` column can be translatable; `{name}` is of kind `{}`", kind.word()))
                        .with_help("remove `translatable`: keys, numbers and words stay the same in every language"),
                );
            }
        }
        let (Ok(doc), Ok(title), Ok(vocabulary), Some(title_in)) =
            (doc, title, vocabulary, title_in)
        else {
            return None;
        };
        ok.then(|| Column {
            title: title.unwrap_or_else(|| names::title_of(name)),
            doc: doc.unwrap_or_else(|| format!("The `{name}` column of this row.")),
            name: name.clone(),
            kind,
            vocabulary,
            optional,
            translatable,
            title_in,
        })
    }

    /// The predicates `table` has: those of each vocabulary it has one `word` column of.
    /// Each is a method of the table's enum, so its name is reserved beside the columns'.
    /// A table with two `word` columns of a vocabulary with predicates is refused: the
    /// methods could not tell which column to read.
    fn table_predicates(
        &mut self,
        raw: &RawTable,
        columns: &[Column],
        vocabularies: &[Vocabulary],
    ) -> Option<Vec<TablePredicate>> {
        let mut found = Vec::new();
        let mut ok = true;
        for (index, vocabulary) in vocabularies.iter().enumerate() {
            if vocabulary.predicates.is_empty() {
                continue;
            }
            let mut readers = columns.iter().enumerate().filter(|(_, column)| {
                column.kind == ColumnKind::Word && column.vocabulary == Some(index)
            });
            let Some((column, first)) = readers.next() else {
                continue;
            };
            if let Some((second, _)) = readers.next() {
                ok = false;
                let raw_columns = raw.columns.get_ref();
                self.report(
                    Diagnostic::new(
                        raw_columns[second].name.span(),
                        format!(
                            "the table `{}` has a second `word` column of the vocabulary `{}`, which declares predicates",
                            raw.name.get_ref(),
                            vocabulary.name
                        ),
                    )
                    .with_label(raw_columns[column].name.span(), "the first is here")
                    .with_help(format!(
                        "a predicate such as `{}` reads the one `word` column of its vocabulary (here `{}`); declare a second vocabulary for this column",
                        vocabulary.predicates[0].name, first.name
                    )),
                );
                continue;
            }
            for (predicate_index, predicate) in vocabulary.predicates.iter().enumerate() {
                let name = Text::new(predicate.name_span.clone(), predicate.name.clone());
                if RESERVED_COLUMNS.contains(&predicate.name.as_str())
                    || predicate.name.starts_with("from_")
                {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            name.span(),
                            format!(
                                "the predicate `{}` would be a method of `{}`, whose name the generated code takes",
                                predicate.name,
                                raw.type_name.get_ref()
                            ),
                        )
                        .with_help("rename the predicate; `as_str`, `row`, `variant`, `deprecated` and names starting with `from_` are taken"),
                    );
                    continue;
                }
                if self.unique(
                    NameKind::Column(raw.name.get_ref().clone()),
                    &name,
                    "method",
                ) {
                    found.push(TablePredicate {
                        vocabulary: index,
                        predicate: predicate_index,
                        column,
                    });
                } else {
                    ok = false;
                }
            }
        }
        ok.then_some(found)
    }

    /// The vocabulary of a `word` or `words` column; none for other kinds.
    fn column_vocabulary(
        &mut self,
        raw: &RawColumn,
        kind: ColumnKind,
        catalog: &RawCatalog,
        vocabularies: &[Vocabulary],
    ) -> Result<Option<usize>, ()> {
        let needs = matches!(kind, ColumnKind::Word | ColumnKind::Words);
        match (&raw.vocabulary, needs) {
            (None, false) => Ok(None),
            (Some(given), false) => {
                self.report(
                    Diagnostic::new(
                        given.span(),
                        format!("a `{}` column takes no vocabulary", kind.word()),
                    )
                    .with_help("remove `vocabulary`, or make the column `word` or `words`"),
                );
                Err(())
            }
            (None, true) => {
                self.report(
                    Diagnostic::new(
                        raw.kind.span(),
                        format!("a `{}` column needs a vocabulary", kind.word()),
                    )
                    .with_help(
                        "add `vocabulary = \"<name of a [vocabulary.NAME]>\"` to the column",
                    ),
                );
                Err(())
            }
            (Some(given), true) => self
                .vocabulary_reference(given, catalog, vocabularies)
                .map(Some),
        }
    }

    fn vocabulary_reference(
        &mut self,
        given: &Text,
        catalog: &RawCatalog,
        vocabularies: &[Vocabulary],
    ) -> Result<usize, ()> {
        if let Some(index) = vocabularies.iter().position(|v| &v.name == given.get_ref()) {
            return Ok(index);
        }
        let declared = catalog
            .vocabularies
            .iter()
            .any(|v| v.name.get_ref() == given.get_ref());
        if !declared && !catalog.unloaded_declarations.contains(given.get_ref()) {
            let names: Vec<&str> = catalog
                .vocabularies
                .iter()
                .map(|v| v.name.get_ref().as_str())
                .collect();
            self.report(
                Diagnostic::new(
                    given.span(),
                    format!("the vocabulary `{}` is not declared", given.get_ref()),
                )
                .with_help(match suggest::closest(given.get_ref(), &names) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None => format!(
                        "declare it: `[vocabulary.{}]` with its `words`",
                        given.get_ref()
                    ),
                }),
            );
        }
        Err(())
    }

    /// The index of the key column: `key` must name the table's one `key` column.
    fn key_column(&mut self, raw: &RawTable, columns: &[Column]) -> Option<usize> {
        let keys: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].kind == ColumnKind::Key)
            .collect();
        let named = columns.iter().position(|c| &c.name == raw.key.get_ref());
        match (keys.as_slice(), named) {
            ([only], Some(named)) if *only == named => Some(named),
            ([], _) => {
                self.report(
                    Diagnostic::new(raw.columns.span(), "the table has no key column").with_help(
                        format!(
                            "declare the column `{}` with `kind = \"key\"`",
                            raw.key.get_ref()
                        ),
                    ),
                );
                None
            }
            ([_, second, ..], _) => {
                let span = raw.columns.get_ref()[*second].kind.span();
                self.report(
                    Diagnostic::new(span, "the table has a second key column")
                        .with_help("a table has one key column; make this one `text`"),
                );
                None
            }
            ([only], _) => {
                let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
                self.report(
                    Diagnostic::new(
                        raw.key.span(),
                        format!(
                            "`key` names `{}`, which is not the key column",
                            raw.key.get_ref()
                        ),
                    )
                    .with_help(
                        match suggest::closest(raw.key.get_ref(), &names) {
                            Some(meant) if meant == columns[*only].name => {
                                format!("did you mean `{meant}`?")
                            }
                            _ => format!("set `key = \"{}\"`", columns[*only].name),
                        },
                    ),
                );
                None
            }
        }
    }

    fn display_column(&mut self, raw: &RawTable, columns: &[Column]) -> Option<usize> {
        let found = columns
            .iter()
            .position(|c| &c.name == raw.display.get_ref());
        match found {
            Some(index)
                if matches!(columns[index].kind, ColumnKind::Text | ColumnKind::Key)
                    && !columns[index].optional =>
            {
                Some(index)
            }
            Some(_) => {
                self.report(
                    Diagnostic::new(
                        raw.display.span(),
                        format!(
                            "`display` names `{}`, which is not a required text column",
                            raw.display.get_ref()
                        ),
                    )
                    .with_help("name a `text` column that is not optional"),
                );
                None
            }
            None => {
                self.unknown_column(&raw.display, columns, "display");
                None
            }
        }
    }

    fn summary(
        &mut self,
        raw: &RawTable,
        columns: &[Column],
        key: Option<usize>,
    ) -> Option<Vec<usize>> {
        let Some(given) = &raw.summary else {
            let display = columns
                .iter()
                .position(|c| &c.name == raw.display.get_ref());
            return Some(key.into_iter().chain(display).collect());
        };
        if given.get_ref().is_empty() {
            self.report(
                Diagnostic::new(given.span(), "`summary` is empty: the README table would have no columns")
                    .with_help("list the columns to show, or remove `summary` to show the key and display columns"),
            );
            return None;
        }
        let mut summary = Vec::new();
        let mut ok = true;
        for name in given.get_ref() {
            match columns.iter().position(|c| &c.name == name.get_ref()) {
                Some(index) if summary.contains(&index) => {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            name.span(),
                            format!("`summary` lists `{}` twice", name.get_ref()),
                        )
                        .with_help("list each column once"),
                    );
                }
                Some(index) => summary.push(index),
                None => {
                    ok = false;
                    self.unknown_column(name, columns, "summary");
                }
            }
        }
        ok.then_some(summary)
    }

    fn unknown_column(&mut self, name: &Text, columns: &[Column], key: &str) {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        self.report(
            Diagnostic::new(
                name.span(),
                format!(
                    "`{key}` names the column `{}`, which is not declared",
                    name.get_ref()
                ),
            )
            .with_help(suggest::help(name.get_ref(), &names, "a column")),
        );
    }
}
