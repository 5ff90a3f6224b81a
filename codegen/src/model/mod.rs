//! The checked catalog: what the emitters read. Every value here has passed
//! [`crate::check`], so emitters never need to handle a bad value. Vocabularies, tables
//! and rows are referred to by their index in the catalog.

mod params;
mod row_ref;

pub use params::{EnumValue, Param, Rule};
pub use row_ref::RowRef;

use crate::diagnostic::Span;
use crate::keywords::{ColumnKind, Locale};

/// A catalog whose every entry is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// The title used in the docs.
    pub name: String,
    /// The address of the page the vendor's facts come from.
    pub source: String,
    /// Which facts are the vendor's and which are the project's.
    pub provenance: String,
    /// The Rust module the catalog generates, such as `init`.
    pub module: String,
    /// The docs page, relative to the workspace root, such as `docs/init.md`.
    pub docs: String,
    /// The README section the catalog fills, if any.
    pub readme_section: Option<String>,
    /// The languages the catalog is written in: English (the source) first.
    pub locales: Vec<Locale>,
    /// `name` in each of the other locales.
    pub name_in: Translations,
    /// The closed sets of words, in catalog order.
    pub vocabularies: Vec<Vocabulary>,
    /// The tables, in catalog order.
    pub tables: Vec<Table>,
    /// The init parameters, in catalog order.
    pub params: Vec<Param>,
    /// The row a value of the wrong JSON type raises; set whenever there are params.
    pub type_error: Option<RowRef>,
    /// Where the catalog declares its outputs, for diagnostics that span catalogs.
    pub spans: CatalogSpans,
}

/// Places in the catalog text that checks across catalogs point at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogSpans {
    /// The `module` value.
    pub module: Span,
    /// The `docs` value.
    pub docs: Span,
    /// The `readme_section` value, if any.
    pub readme_section: Option<Span>,
    /// The first `[[param]]`, if any.
    pub first_param: Option<Span>,
}

/// A closed set of words; it becomes an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    /// The name the catalog declares it under, such as `retry`.
    pub name: String,
    /// The generated enum.
    pub type_name: String,
    /// The enum's rustdoc.
    pub doc: String,
    /// The words, in catalog order.
    pub words: Vec<Word>,
    /// The facts derived from the words, in catalog order.
    pub predicates: Vec<Predicate>,
    /// The table whose rows the words lead to (`row`), if any word names one.
    pub row_table: Option<usize>,
}

/// A fact derived from a vocabulary's words: a method `name(self) -> bool` of every
/// table with a `word` column of the vocabulary, true for the listed words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Predicate {
    /// The method's name, such as `is_retryable`.
    pub name: String,
    /// Its rustdoc, as the catalog writes it.
    pub doc: String,
    /// The indexes of the words for which it is true, in vocabulary order.
    pub words: Vec<usize>,
    /// The `name` value, for diagnostics.
    pub name_span: Span,
}

/// A predicate as a table has it: the method reads one `word` column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePredicate {
    /// The index of the vocabulary.
    pub vocabulary: usize,
    /// The index of the predicate in the vocabulary.
    pub predicate: usize,
    /// The index of the column it reads.
    pub column: usize,
}

/// One word of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as the catalog writes it.
    pub word: String,
    /// The Rust variant.
    pub variant: String,
    /// The variant's rustdoc.
    pub doc: String,
    /// For a word of the `scope` vocabulary: the method of the runtime's JSON report that
    /// writes the params of this scope as one JSON object, if the catalog names one.
    pub json_object: Option<String>,
    /// The row of the vocabulary's `row_table` the word leads to, if any.
    pub row: Option<usize>,
}

/// A table: an enum with one variant per row and one accessor per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The name the catalog declares it under; its rows are the `[[name]]` entries.
    pub name: String,
    /// The generated enum.
    pub type_name: String,
    /// The enum's rustdoc.
    pub doc: String,
    /// What a rejected parse calls the input, such as "error code".
    pub noun: String,
    /// `noun` in each of the catalog's other locales.
    pub noun_in: Translations,
    /// The index of the key column.
    pub key: usize,
    /// The index of the column `Display` writes.
    pub display: usize,
    /// The columns the README summary shows, by index.
    pub summary: Vec<usize>,
    /// The columns, in catalog order.
    pub columns: Vec<Column>,
    /// The rows, in catalog order.
    pub rows: Vec<Row>,
    /// The vocabularies' predicates this table has, one method each.
    pub predicates: Vec<TablePredicate>,
    /// The table's name in its `[table.NAME]` header.
    pub name_span: Span,
    /// The `type` value.
    pub type_span: Span,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The name, which is also the accessor's name.
    pub name: String,
    /// The docs table's header for it.
    pub title: String,
    /// The accessor's rustdoc.
    pub doc: String,
    /// What it holds.
    pub kind: ColumnKind,
    /// For `word` and `words`: the index of the vocabulary.
    pub vocabulary: Option<usize>,
    /// Whether a row may leave it out.
    pub optional: bool,
    /// Whether each row also has the cell in every other locale of the catalog.
    pub translatable: bool,
    /// `title` in each of the catalog's other locales.
    pub title_in: Translations,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The Rust variant.
    pub variant: String,
    /// Why the row is retired, if it is.
    pub deprecated: Option<String>,
    /// One cell per column, in column order.
    pub cells: Vec<Cell>,
    /// One entry per column, in column order: a translatable column's present cell in
    /// each other locale of the catalog; empty for every other cell.
    pub translations: Vec<Translations>,
    /// Where the row's key is written.
    pub key_span: Span,
}

/// The value of one column in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// An optional column the row leaves out.
    Absent,
    /// A `key` or `text` value.
    Text(String),
    /// An `integer` value.
    Integer(i64),
    /// An `http_status` value.
    HttpStatus(u16),
    /// A `word` value: the index of the word in the column's vocabulary.
    Word(usize),
    /// A `words` value: indexes of words in the column's vocabulary, in catalog order.
    Words(Vec<usize>),
}

/// Text in the locales of a catalog besides English, in the catalog's order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Translations(pub Vec<(Locale, String)>);

impl Translations {
    /// The text in `locale`, if written.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.0
            .iter()
            .find(|(written, _)| *written == locale)
            .map(|(_, text)| text.as_str())
    }

    /// The text in `locale`, or `english` where it has none (English itself included).
    pub fn or<'a>(&'a self, locale: Locale, english: &'a str) -> &'a str {
        self.get(locale).unwrap_or(english)
    }
}

impl Row {
    /// The text of the `text` column at `column` in `locale`: its translation, or the
    /// English cell where the catalog has none; `None` where the row leaves it out.
    pub fn text_in(&self, column: usize, locale: Locale) -> Option<&str> {
        match &self.cells[column] {
            Cell::Text(english) => Some(self.translations[column].or(locale, english)),
            _ => None,
        }
    }
}

impl Table {
    /// Whether any column is translatable.
    pub fn is_translated(&self) -> bool {
        self.columns.iter().any(|column| column.translatable)
    }

    /// The wire string of row `row`.
    pub fn key_of<'r>(&self, row: &'r Row) -> &'r str {
        match &row.cells[self.key] {
            Cell::Text(text) => text,
            _ => "",
        }
    }
}

impl Catalog {
    /// The table and row a reference names.
    pub fn row(&self, at: RowRef) -> (&Table, &Row) {
        let table = &self.tables[at.table];
        (table, &table.rows[at.row])
    }

    /// The hand-written functions the catalog's `custom` rules call, in catalog order.
    pub fn custom_functions(&self) -> Vec<&str> {
        self.params
            .iter()
            .filter_map(|param| match &param.rule {
                Rule::Custom { function } => Some(function.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The word of the `scope` vocabulary a parameter is passed in; empty without one.
    pub fn scope_word(&self, param: &Param) -> &str {
        self.scope_vocabulary()
            .map_or("", |vocabulary| vocabulary.words[param.scope].word.as_str())
    }

    /// The docs page of each locale besides English, if any table is translated: beside
    /// the English page, in a folder named by the locale's tag, such as
    /// `docs/zh-CN/init.md` for `docs/init.md`.
    pub fn translated_pages(&self) -> Vec<(Locale, String)> {
        if !self.tables.iter().any(Table::is_translated) {
            return Vec::new();
        }
        let (folder, file) = self.docs_folder_and_file();
        self.locales
            .iter()
            .filter(|locale| **locale != Locale::SOURCE)
            .map(|locale| (*locale, format!("{folder}{}/{file}", locale.word())))
            .collect()
    }

    /// The folder of the docs page (with its trailing `/`, or empty) and its file name,
    /// such as `("docs/", "init.md")`.
    pub fn docs_folder_and_file(&self) -> (&str, &str) {
        match self.docs.rfind('/') {
            Some(slash) => self.docs.split_at(slash + 1),
            None => ("", self.docs.as_str()),
        }
    }

    /// The vocabulary that names where a parameter is passed (`scope`), if declared.
    pub fn scope_vocabulary(&self) -> Option<&Vocabulary> {
        self.vocabularies
            .iter()
            .find(|v| v.name == SCOPE_VOCABULARY)
    }

    /// The sentence every output documents a param's rule with: whether it is required,
    /// its type, where it is passed, what it must be and (unless any value goes) the row
    /// a broken rule raises, such as "Required string, passed in `init`; must be one of
    /// `popup`, `embed`. A value that breaks the rule raises `mode` (FieldError, error)."
    /// `escape` is applied to the rule's description, which holds catalog text, for
    /// outputs that read Markdown.
    pub fn param_sentence(&self, param: &Param, escape: fn(&str) -> String) -> String {
        let required = if param.required {
            "Required"
        } else {
            "Optional"
        };
        let mut sentence = format!(
            "{required} {}, passed in `{}`; must be {}.",
            param.json_type.word(),
            self.scope_word(param),
            escape(&param.rule.describe(param.json_type)),
        );
        if !matches!(param.rule, Rule::Any) {
            let (table, row) = self.row(param.raises);
            sentence.push_str(&format!(
                " A value that breaks the rule raises `{}` ({}, {}).",
                table.key_of(row),
                table.type_name,
                param.severity.word()
            ));
        }
        sentence
    }
}

/// The vocabulary whose words a `[[param]]`'s `scope` takes.
pub const SCOPE_VOCABULARY: &str = "scope";
