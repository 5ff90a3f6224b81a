//! The catalog as written, before its meaning is checked: the types every reader of
//! `load` fills. They live apart from the readers so that no reader and the module that
//! runs them import each other.

use std::collections::HashSet;

use toml::Spanned;

use crate::diagnostic::Span;
use crate::keywords::{
    CharClass, ColumnKind, JsonType, Keyword, Locale, RuleConfidence, RuleKind, Severity,
};

/// Text in locales besides English, as written: each locale tag with its text, in file
/// order, such as `{ zh-CN = "…" }`.
pub type RawTranslations = Spanned<Vec<(Text, Text)>>;

/// A string from the catalog with its place.
pub type Text = Spanned<String>;

/// The `[catalog]` table.
#[derive(Debug)]
pub struct RawMeta {
    /// The whole table.
    pub span: Span,
    /// The title used in the docs.
    pub name: Text,
    /// The address of the page the vendor's facts come from.
    pub source: Text,
    /// Which facts are the vendor's and which are the project's.
    pub provenance: Text,
    /// The Rust module.
    pub module: Text,
    /// The docs page.
    pub docs: Text,
    /// The README section, if any.
    pub readme_section: Option<Text>,
    /// The languages the catalog is written in, if it lists them.
    pub locales: Option<Spanned<Vec<RawKeyword<Locale>>>>,
    /// `name` in other locales, if given.
    pub name_in: Option<RawTranslations>,
    /// The row a value of the wrong JSON type raises.
    pub type_error: Option<RawRowRef>,
    /// Whether `type_error` is written at all (it may be written wrong).
    pub has_type_error: bool,
}

/// A reference to a row, written `{ table = "key" }`, such as `{ field = "region" }`.
#[derive(Debug, Clone)]
pub struct RawRowRef {
    /// The whole inline table.
    pub span: Span,
    /// The table's name.
    pub table: Text,
    /// The row's key.
    pub key: Text,
}

/// A `[vocabulary.NAME]` declaration.
#[derive(Debug)]
pub struct RawVocabulary {
    /// The whole declaration.
    pub span: Span,
    /// The name, as the header writes it.
    pub name: Text,
    /// The enum's name, if given.
    pub type_name: Option<Text>,
    /// The enum's rustdoc.
    pub doc: Text,
    /// The words.
    pub words: Spanned<Vec<RawWord>>,
    /// The predicates over the words, if given.
    pub predicates: Option<Spanned<Vec<RawPredicate>>>,
}

/// One predicate of a vocabulary: a method true for some of its words.
#[derive(Debug)]
pub struct RawPredicate {
    /// The whole `{ name = … }` table.
    pub span: Span,
    /// The method's name.
    pub name: Text,
    /// Its rustdoc.
    pub doc: Text,
    /// The words for which it is true.
    pub words: Spanned<Vec<Text>>,
}

/// One word of a vocabulary.
#[derive(Debug)]
pub struct RawWord {
    /// The whole `{ word = … }` table.
    pub span: Span,
    /// The word.
    pub word: Text,
    /// Its rustdoc.
    pub doc: Text,
    /// The Rust variant, if given.
    pub variant: Option<Text>,
    /// The JSON report's method for the params of this scope word, if given.
    pub json_object: Option<Text>,
    /// The row the word leads to, if given.
    pub row: Option<RawRowRef>,
}

/// A `[table.NAME]` declaration and, once loaded, its rows.
#[derive(Debug)]
pub struct RawTable {
    /// The whole declaration.
    pub span: Span,
    /// The name, as the header writes it.
    pub name: Text,
    /// The enum's name.
    pub type_name: Text,
    /// The enum's rustdoc.
    pub doc: Text,
    /// The key column's name.
    pub key: Text,
    /// The name of the column `Display` writes.
    pub display: Text,
    /// What a rejected parse calls the input, if given.
    pub noun: Option<Text>,
    /// `noun` in other locales, if given.
    pub noun_in: Option<RawTranslations>,
    /// The columns the README summary shows, if given.
    pub summary: Option<Spanned<Vec<Text>>>,
    /// The columns.
    pub columns: Spanned<Vec<RawColumn>>,
    /// The `[[NAME]]` rows that loaded completely.
    pub rows: Vec<RawRow>,
}

/// One column of a table.
#[derive(Debug)]
pub struct RawColumn {
    /// The whole `{ name = … }` table.
    pub span: Span,
    /// The name.
    pub name: Text,
    /// The kind, as written and as understood.
    pub kind: Spanned<ColumnKind>,
    /// The vocabulary, for `word` and `words`.
    pub vocabulary: Option<Text>,
    /// Whether a row may leave it out.
    pub optional: Option<Spanned<bool>>,
    /// The accessor's rustdoc, if given.
    pub doc: Option<Text>,
    /// The docs table's header, if given.
    pub title: Option<Text>,
    /// `title` in other locales, if given.
    pub title_in: Option<RawTranslations>,
    /// Whether rows carry the column in every locale, if said.
    pub translatable: Option<Spanned<bool>>,
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
    /// Its JSON type.
    pub json_type: RawKeyword<JsonType>,
    /// Whether the page must pass it.
    pub required: Spanned<bool>,
    /// The documented default, as text.
    pub default: Option<Text>,
    /// The rule.
    pub rule: RawKeyword<RuleKind>,
    /// The rule's settings; which apply depends on the rule.
    pub settings: RawRuleSettings,
    /// The row a bad value raises.
    pub raises: Option<RawRowRef>,
    /// How serious a broken rule is.
    pub severity: RawKeyword<Severity>,
    /// Where the rule comes from.
    pub confidence: RawKeyword<RuleConfidence>,
    /// What the parameter is for.
    pub doc: Text,
}

/// A word of one of the format's closed sets: the text as written (which it derefs to)
/// and the keyword it spells, parsed here once; `None` when it spells none, which the
/// check stage reports where the word matters.
#[derive(Debug, Clone)]
pub struct RawKeyword<K> {
    /// The word as written.
    pub text: Text,
    /// The keyword it spells, if any.
    pub parsed: Option<K>,
}

impl<K: Keyword> RawKeyword<K> {
    /// `text` parsed as a keyword of `K`.
    pub fn parse(text: Text) -> Self {
        let parsed = K::from_word(text.get_ref());
        RawKeyword { text, parsed }
    }
}

impl<K> std::ops::Deref for RawKeyword<K> {
    type Target = Text;

    fn deref(&self) -> &Text {
        &self.text
    }
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
    pub chars: Option<Spanned<Vec<RawKeyword<CharClass>>>>,
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
    /// The settings written in the entry, with their places, in format order.
    pub(super) written: Vec<(&'static str, Span)>,
}

impl RawRuleSettings {
    /// The spans of the settings that are present, with their key names.
    pub fn present(&self) -> Vec<(&'static str, Span)> {
        self.written.clone()
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
    /// The locale the value selects, if given.
    pub locale: Option<RawKeyword<Locale>>,
}

/// One `[[NAME]]` row.
#[derive(Debug)]
pub struct RawRow {
    /// The whole entry.
    pub span: Span,
    /// The Rust variant, if given.
    pub variant: Option<Text>,
    /// Why the row is retired, if it is.
    pub deprecated: Option<Text>,
    /// One cell per column, in column order; `None` where the row leaves it out.
    pub cells: Vec<Option<RawCell>>,
    /// The `[NAME.LOCALE]` tables after the row, in file order.
    pub translations: Vec<RawRowTranslation>,
}

/// One `[NAME.LOCALE]` table: a row's translatable cells in one locale.
#[derive(Debug)]
pub struct RawRowTranslation {
    /// The locale as the header writes it.
    pub locale: RawKeyword<Locale>,
    /// The whole table.
    pub span: Span,
    /// Each cell: the column's name and the text, in file order.
    pub cells: Vec<(Text, Text)>,
}

/// A value of one column, with the type its kind asks for.
#[derive(Debug, Clone)]
pub enum RawCell {
    /// A `key`, `text` or `word` value.
    Text(Text),
    /// An `integer` or `http_status` value.
    Integer(Spanned<i64>),
    /// A `words` value.
    Words(Spanned<Vec<Text>>),
}

/// The catalog as written, before its meaning is checked.
#[derive(Debug, Default)]
pub struct RawCatalog {
    /// The `[catalog]` table, if it loaded.
    pub meta: Option<RawMeta>,
    /// The `[vocabulary.*]` declarations that loaded.
    pub vocabularies: Vec<RawVocabulary>,
    /// The `[table.*]` declarations that loaded, each with its rows.
    pub tables: Vec<RawTable>,
    /// The `[[param]]` entries that loaded completely.
    pub params: Vec<RawParam>,
    /// What did not load (`table` or `param`, then its name or key), so that references
    /// to it are not reported again as references to nothing.
    pub unloaded: HashSet<(String, String)>,
    /// Vocabularies and tables whose declaration did not load.
    pub unloaded_declarations: HashSet<String>,
}
