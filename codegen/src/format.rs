//! The catalog format, written down once. Every section of a catalog (`[catalog]`,
//! `[vocabulary.NAME]` and its words, `[table.NAME]` and its columns, the rows,
//! `[[param]]` and its values) is a [`Section`]: its keys, in the order the format
//! documents them, each with the [`Value`] it holds, whether it is required, the rule it
//! is a setting of and a doc sentence. The closed sets of words are the enums of
//! [`crate::keywords`].
//!
//! Everything else reads this table: the loader ([`crate::load`]) checks unknown, missing
//! and mistyped keys against it, the check stage asks it which settings a rule takes, the
//! JSON Schema of the format is written from it, and so is the README's list of keys
//! ([`readme_section`]). A key's name is spelt here and nowhere else.

use crate::keywords::{
    CharClass, ColumnKind, JsonType, Locale, RuleConfidence, RuleKind, Severity,
};
use crate::markdown::{escape_inline, header, row};

/// A closed set of words that a key's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    /// [`ColumnKind`].
    ColumnKind,
    /// [`JsonType`].
    JsonType,
    /// [`RuleKind`].
    RuleKind,
    /// [`Severity`].
    Severity,
    /// [`RuleConfidence`].
    Confidence,
    /// [`CharClass`].
    CharClass,
    /// [`Locale`].
    Locale,
}

impl Words {
    /// Every word of the set with its doc, in the order the format documents them.
    pub fn words(self) -> Vec<(&'static str, &'static str)> {
        fn pairs<K: Copy>(
            all: &[K],
            word: fn(K) -> &'static str,
            doc: fn(K) -> &'static str,
        ) -> Vec<(&'static str, &'static str)> {
            all.iter().map(|k| (word(*k), doc(*k))).collect()
        }
        match self {
            Words::ColumnKind => pairs(ColumnKind::ALL, ColumnKind::word, ColumnKind::doc),
            Words::JsonType => pairs(JsonType::ALL, JsonType::word, JsonType::doc),
            Words::RuleKind => pairs(RuleKind::ALL, RuleKind::word, RuleKind::doc),
            Words::Severity => pairs(Severity::ALL, Severity::word, Severity::doc),
            Words::Confidence => pairs(
                RuleConfidence::ALL,
                RuleConfidence::word,
                RuleConfidence::doc,
            ),
            Words::CharClass => pairs(CharClass::ALL, CharClass::word, CharClass::doc),
            Words::Locale => pairs(Locale::ALL, Locale::word, Locale::doc),
        }
    }

    /// What one word of the set is, in a few words.
    pub const fn noun(self) -> &'static str {
        match self {
            Words::ColumnKind => "a column kind",
            Words::JsonType => "a JSON type",
            Words::RuleKind => "a rule",
            Words::Severity => "a severity",
            Words::Confidence => "a confidence",
            Words::CharClass => "a character class",
            Words::Locale => "a locale",
        }
    }
}

/// What a key's value is.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// A string; `pattern` is the regular expression the schema gives it, if any.
    Text {
        /// The pattern an editor checks the string against.
        pattern: Option<&'static str>,
    },
    /// A whole number of zero or more.
    Count,
    /// A finite number, written as an integer or a float.
    Number,
    /// `true` or `false`.
    Bool,
    /// An array of strings.
    Texts,
    /// One word of a closed set.
    Word(Words),
    /// An array of words of a closed set.
    WordList(Words),
    /// An inline table of strings, such as `{ zh = "cn" }`.
    Map,
    /// A reference to one row: `{ table = "row key" }`.
    RowRef,
    /// An array of inline tables, each a `section`.
    Entries(&'static Section),
    /// A table of tables, each a `section` under its own `[key.NAME]` header.
    Named(&'static Section),
    /// The table `[key]`.
    Table(&'static Section),
    /// An array of tables, each a `section` under its own `[[key]]` header.
    Tables(&'static Section),
}

/// Whether an entry must have a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The loader reports it missing.
    Required,
    /// It may be left out.
    Optional,
    /// Required, but the check stage reports it missing, in words that name the entry.
    Checked,
}

/// One key of a section.
#[derive(Clone, Copy, Debug)]
pub struct Key {
    /// The key as a catalog writes it.
    pub name: &'static str,
    /// What its value is.
    pub value: Value,
    /// Whether an entry must have it.
    pub need: Need,
    /// For a rule's setting, the rule that takes it.
    pub setting_of: Option<RuleKind>,
    /// What it means, as a sentence.
    pub doc: &'static str,
}

impl Key {
    /// A key that `need` says whether to write, holding `value`.
    const fn new(name: &'static str, value: Value, need: Need, doc: &'static str) -> Key {
        Key {
            name,
            value,
            need,
            setting_of: None,
            doc,
        }
    }

    /// A required key.
    const fn required(name: &'static str, value: Value, doc: &'static str) -> Key {
        Key::new(name, value, Need::Required, doc)
    }

    /// An optional key.
    const fn optional(name: &'static str, value: Value, doc: &'static str) -> Key {
        Key::new(name, value, Need::Optional, doc)
    }

    /// An optional setting of the rule `rule`.
    const fn setting(name: &'static str, rule: RuleKind, value: Value, doc: &'static str) -> Key {
        Key {
            name,
            value,
            need: Need::Optional,
            setting_of: Some(rule),
            doc,
        }
    }

    /// Whether the loader reports the key when it is missing.
    pub const fn is_required(&self) -> bool {
        matches!(self.need, Need::Required)
    }

    /// The doc as the schema and the README give it: a rule's setting starts with the
    /// rule, such as "`text`: the fewest characters.".
    pub fn full_doc(&self) -> String {
        match self.setting_of {
            Some(rule) => format!("`{}`: {}", rule.word(), self.doc),
            None => self.doc.to_owned(),
        }
    }

    /// How the key is written at the top level, such as `[table.NAME]`.
    pub fn header(&self) -> String {
        match self.value {
            Value::Named(_) => format!("[{}.NAME]", self.name),
            Value::Tables(_) => format!("[[{}]]", self.name),
            _ => format!("[{}]", self.name),
        }
    }
}

/// A part of a catalog whose keys the format fixes.
#[derive(Debug)]
pub struct Section {
    /// The name of its definition in the JSON Schema, such as `column`.
    pub name: &'static str,
    /// How messages and the README name it, such as `` `[[param]]` `` or "a column".
    pub title: &'static str,
    /// What one entry of an array of such tables is called, such as "column".
    pub entry: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// Its keys, in the order the format documents (and the loader reads) them.
    pub keys: &'static [Key],
}

impl Section {
    /// The names of its keys, in order.
    pub fn key_names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|key| key.name).collect()
    }

    /// The names of its required keys, in order.
    pub fn required_names(&self) -> Vec<&'static str> {
        self.keys
            .iter()
            .filter(|key| key.need != Need::Optional)
            .map(|key| key.name)
            .collect()
    }

    /// What a misspelt key's help calls a key of this section, such as "a key of a column".
    pub fn what(&self) -> String {
        format!("a key of {}", self.title)
    }

    /// The key named `name`.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        self.keys.iter().find(|key| key.name == name)
    }
}

const TEXT: Value = Value::Text { pattern: None };

/// The keys of `[catalog]`.
pub mod catalog {
    use super::{Key, Value, Words, TEXT};

    /// `name`.
    pub const NAME: Key = Key::required("name", TEXT, "The title used in the docs.");
    /// `source`.
    pub const SOURCE: Key = Key::required(
        "source",
        TEXT,
        "Where the vendor's facts come from: a web address.",
    );
    /// `provenance`.
    pub const PROVENANCE: Key = Key::required(
        "provenance",
        TEXT,
        "Which facts are the vendor's and which are this project's.",
    );
    /// `module`.
    pub const MODULE: Key = Key::required(
        "module",
        TEXT,
        "The generated module, such as `init` (snake_case).",
    );
    /// `docs`.
    pub const DOCS: Key = Key::required("docs", TEXT, "The rendered page, such as `docs/init.md`.");
    /// `readme_section`.
    pub const README_SECTION: Key = Key::optional(
        "readme_section",
        TEXT,
        "The README section whose markers name it, if any.",
    );
    /// `locales`.
    pub const LOCALES: Key = Key::optional(
        "locales",
        Value::WordList(Words::Locale),
        "The languages the catalog is written in, `en` (the source, the plain cells) first; every translatable cell must be written in each of the others.",
    );
    /// `name_in`.
    pub const NAME_IN: Key = Key::optional(
        "name_in",
        Value::Map,
        "`name` in each locale besides `en`, such as `{ zh-CN = \"…\" }`; required once `locales` lists one.",
    );
    /// `type_error`.
    pub const TYPE_ERROR: Key = Key::optional(
        "type_error",
        Value::RowRef,
        "With `[[param]]`: the row a value of the wrong JSON type raises.",
    );
}

/// `[catalog]`.
pub const CATALOG: Section = Section {
    name: "catalog",
    title: "`[catalog]`",
    entry: "catalog",
    doc: "The catalog's facts and its outputs.",
    keys: &[
        catalog::NAME,
        catalog::SOURCE,
        catalog::PROVENANCE,
        catalog::MODULE,
        catalog::DOCS,
        catalog::README_SECTION,
        catalog::LOCALES,
        catalog::NAME_IN,
        catalog::TYPE_ERROR,
    ],
};

/// The keys of `[vocabulary.NAME]`.
pub mod vocabulary {
    use super::{Key, Value, PREDICATE, TEXT, WORD};

    /// `type`.
    pub const TYPE: Key = Key::optional(
        "type",
        TEXT,
        "The enum's name, if not the vocabulary's name in UpperCamelCase.",
    );
    /// `doc`.
    pub const DOC: Key = Key::required("doc", TEXT, "What the words say.");
    /// `words`.
    pub const WORDS: Key = Key::required("words", Value::Entries(&WORD), "The words, in order.");
    /// `predicates`.
    pub const PREDICATES: Key = Key::optional(
        "predicates",
        Value::Entries(&PREDICATE),
        "Facts derived from the words: each becomes a method `NAME(self) -> bool` of every table with a `word` column of this vocabulary.",
    );
}

/// `[vocabulary.NAME]`.
pub const VOCABULARY: Section = Section {
    name: "vocabulary",
    title: "a vocabulary",
    entry: "vocabulary",
    doc: "A closed set of words; generates an enum.",
    keys: &[
        vocabulary::TYPE,
        vocabulary::DOC,
        vocabulary::WORDS,
        vocabulary::PREDICATES,
    ],
};

/// The keys of one word of a vocabulary.
pub mod word {
    use super::{Key, Value, TEXT};

    /// `word`.
    pub const WORD: Key = Key::required(
        "word",
        TEXT,
        "The word as a row writes it, without whitespace.",
    );
    /// `doc`.
    pub const DOC: Key = Key::required("doc", TEXT, "What the word means.");
    /// `variant`.
    pub const VARIANT: Key = Key::optional(
        "variant",
        TEXT,
        "The enum variant, if not derived from the word.",
    );
    /// `json_object`.
    pub const JSON_OBJECT: Key = Key::optional(
        "json_object",
        TEXT,
        "For a word of `[vocabulary.scope]`: the method of the runtime's JSON report that writes the params of this scope as one JSON object (snake_case).",
    );
    /// `row`.
    pub const ROW: Key = Key::optional(
        "row",
        Value::RowRef,
        "A row of a table of this catalog that the word leads to, such as `{ user_message = \"forbidden\" }`; the enum gets a method named after the table that returns it (`None` for a word without one). All words name rows of one table.",
    );
}

/// One `{ word = … }` of a vocabulary.
pub const WORD: Section = Section {
    name: "word",
    title: "a word",
    entry: "word",
    doc: "One word of a vocabulary.",
    keys: &[
        word::WORD,
        word::DOC,
        word::VARIANT,
        word::JSON_OBJECT,
        word::ROW,
    ],
};

/// The keys of one predicate of a vocabulary.
pub mod predicate {
    use super::{Key, Value, TEXT};

    /// `name`.
    pub const NAME: Key = Key::required(
        "name",
        TEXT,
        "The method's name, such as `is_retryable` (snake_case).",
    );
    /// `doc`.
    pub const DOC: Key = Key::required("doc", TEXT, "What the method tells, as a sentence.");
    /// `words`.
    pub const WORDS: Key = Key::required(
        "words",
        Value::Texts,
        "The words for which the method is true; it is false for every other word.",
    );
}

/// One `{ name = … }` of a vocabulary's `predicates`.
pub const PREDICATE: Section = Section {
    name: "predicate",
    title: "a predicate",
    entry: "predicate",
    doc:
        "A fact derived from a vocabulary's words: true for the listed words, false for the others.",
    keys: &[predicate::NAME, predicate::DOC, predicate::WORDS],
};

/// The keys of `[table.NAME]`.
pub mod table {
    use super::{Key, Value, COLUMN, TEXT};

    /// `type`.
    pub const TYPE: Key = Key::required("type", TEXT, "The generated enum, such as `ErrorCode`.");
    /// `doc`.
    pub const DOC: Key = Key::required("doc", TEXT, "What a row is.");
    /// `key`.
    pub const KEY: Key = Key::required(
        "key",
        TEXT,
        "The column holding the wire string: unique, case-sensitive.",
    );
    /// `display`.
    pub const DISPLAY: Key = Key::required("display", TEXT, "The column that `Display` writes.");
    /// `noun`.
    pub const NOUN: Key = Key::optional(
        "noun",
        TEXT,
        "What a failed parse calls the input, such as `error code`.",
    );
    /// `noun_in`.
    pub const NOUN_IN: Key = Key::optional(
        "noun_in",
        Value::Map,
        "`noun` in each locale besides `en`; required once a column is translatable.",
    );
    /// `summary`.
    pub const SUMMARY: Key = Key::optional(
        "summary",
        Value::Texts,
        "The columns the README summary shows.",
    );
    /// `columns`.
    pub const COLUMNS: Key =
        Key::required("columns", Value::Entries(&COLUMN), "The columns, in order.");
}

/// `[table.NAME]`.
pub const TABLE: Section = Section {
    name: "table",
    title: "a table",
    entry: "table",
    doc: "A table: an enum with one variant per row and one accessor per column.",
    keys: &[
        table::TYPE,
        table::DOC,
        table::KEY,
        table::DISPLAY,
        table::NOUN,
        table::NOUN_IN,
        table::SUMMARY,
        table::COLUMNS,
    ],
};

/// The keys of one column of a table.
pub mod column {
    use super::{Key, Value, Words, TEXT};

    /// `name`.
    pub const NAME: Key = Key::required(
        "name",
        TEXT,
        "The column's name, which rows use as their key (snake_case).",
    );
    /// `kind`.
    pub const KIND: Key = Key::required(
        "kind",
        Value::Word(Words::ColumnKind),
        "What the column holds.",
    );
    /// `vocabulary`.
    pub const VOCABULARY: Key = Key::optional(
        "vocabulary",
        TEXT,
        "For `word` and `words`: the vocabulary of the words.",
    );
    /// `optional`.
    pub const OPTIONAL: Key = Key::optional(
        "optional",
        Value::Bool,
        "Whether a row may leave the column out.",
    );
    /// `doc`.
    pub const DOC: Key = Key::optional(
        "doc",
        TEXT,
        "What the column holds, for the accessor's docs.",
    );
    /// `title`.
    pub const TITLE: Key = Key::optional("title", TEXT, "The column's header in the docs.");
    /// `title_in`.
    pub const TITLE_IN: Key = Key::optional(
        "title_in",
        Value::Map,
        "`title` in each locale besides `en`; required for a translatable column and for the key column of its table.",
    );
    /// `translatable`.
    pub const TRANSLATABLE: Key = Key::optional(
        "translatable",
        Value::Bool,
        "For `text`: whether each row is also written in every locale of the catalog besides `en`, in a `[NAME.LOCALE]` table after the row.",
    );
}

/// One `{ name = …, kind = … }` of a table's `columns`.
pub const COLUMN: Section = Section {
    name: "column",
    title: "a column",
    entry: "column",
    doc: "One column of a table.",
    keys: &[
        column::NAME,
        column::KIND,
        column::VOCABULARY,
        column::OPTIONAL,
        column::DOC,
        column::TITLE,
        column::TITLE_IN,
        column::TRANSLATABLE,
    ],
};

/// The keys every row may have besides its table's columns.
pub mod row {
    use super::{Key, TEXT};

    /// `variant`.
    pub const VARIANT: Key = Key::optional(
        "variant",
        TEXT,
        "The enum variant, if not derived from the key.",
    );
    /// `deprecated`.
    pub const DEPRECATED: Key = Key::optional(
        "deprecated",
        TEXT,
        "Why the row is retired; it keeps its variant.",
    );
}

/// One `[[NAME]]` row of a declared table; its other keys are the table's columns.
pub const ROW: Section = Section {
    name: "row",
    title: "a row",
    entry: "row",
    doc: "One row: a value for each of the table's columns; after it, for each locale of the catalog besides `en`, a `[NAME.LOCALE]` table holding its translatable cells in that locale.",
    keys: &[row::VARIANT, row::DEPRECATED],
};

/// The keys of `[[param]]`.
pub mod param {
    use super::{Key, Value, Words, TEXT, VALUE};
    use crate::keywords::RuleKind;

    /// `name`.
    pub const NAME: Key = Key::required(
        "name",
        Value::Text {
            pattern: Some("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?$"),
        },
        "The name as the page passes it; a member of an object param is `object.member`.",
    );
    /// `scope`.
    pub const SCOPE: Key = Key::required(
        "scope",
        TEXT,
        "Where the page passes it: a word of `[vocabulary.scope]`.",
    );
    /// `type`.
    pub const TYPE: Key = Key::required(
        "type",
        Value::Word(Words::JsonType),
        "The JSON type its value must have.",
    );
    /// `required`.
    pub const REQUIRED: Key =
        Key::required("required", Value::Bool, "Whether the page must pass it.");
    /// `default`.
    pub const DEFAULT: Key = Key::optional("default", TEXT, "The documented default, as text.");
    /// `rule`.
    pub const RULE: Key = Key::required(
        "rule",
        Value::Word(Words::RuleKind),
        "The rule its value must follow.",
    );
    /// `values`.
    pub const VALUES: Key = Key::setting(
        "values",
        RuleKind::OneOf,
        Value::Entries(&VALUE),
        "the allowed values, in order.",
    );
    /// `type_name`.
    pub const TYPE_NAME: Key = Key::setting(
        "type_name",
        RuleKind::OneOf,
        TEXT,
        "the generated enum's name, if not derived from the param's name.",
    );
    /// `hints`.
    pub const HINTS: Key = Key::setting(
        "hints",
        RuleKind::OneOf,
        Value::Map,
        "common wrong inputs and the value each probably meant.",
    );
    /// `min_len`.
    pub const MIN_LEN: Key = Key::setting(
        "min_len",
        RuleKind::Text,
        Value::Count,
        "the fewest characters.",
    );
    /// `max_len`.
    pub const MAX_LEN: Key = Key::setting(
        "max_len",
        RuleKind::Text,
        Value::Count,
        "the most characters.",
    );
    /// `chars`.
    pub const CHARS: Key = Key::setting(
        "chars",
        RuleKind::Text,
        Value::WordList(Words::CharClass),
        "the allowed character classes; none means any character.",
    );
    /// `min`.
    pub const MIN: Key = Key::setting(
        "min",
        RuleKind::Number,
        Value::Number,
        "the smallest value allowed.",
    );
    /// `max`.
    pub const MAX: Key = Key::setting(
        "max",
        RuleKind::Number,
        Value::Number,
        "the largest value allowed.",
    );
    /// `above`.
    pub const ABOVE: Key = Key::setting(
        "above",
        RuleKind::Number,
        Value::Number,
        "a bound the value must be strictly above.",
    );
    /// `prefix_param`.
    pub const PREFIX_PARAM: Key = Key::setting(
        "prefix_param",
        RuleKind::CertifyId,
        TEXT,
        "the param holding the prefix.",
    );
    /// `suffix_len`.
    pub const SUFFIX_LEN: Key = Key::setting(
        "suffix_len",
        RuleKind::CertifyId,
        Value::Count,
        "how many ASCII letters or digits follow `_`.",
    );
    /// `function`.
    pub const FUNCTION: Key = Key::setting(
        "function",
        RuleKind::Custom,
        TEXT,
        "the hand-written function that checks the value.",
    );
    /// `raises`.
    pub const RAISES: Key = Key::new(
        "raises",
        Value::RowRef,
        super::Need::Checked,
        "The row a value that breaks the rule raises.",
    );
    /// `severity`.
    pub const SEVERITY: Key = Key::required(
        "severity",
        Value::Word(Words::Severity),
        "How serious a broken rule is.",
    );
    /// `confidence`.
    pub const CONFIDENCE: Key = Key::required(
        "confidence",
        Value::Word(Words::Confidence),
        "Where the rule comes from.",
    );
    /// `doc`.
    pub const DOC: Key = Key::required("doc", TEXT, "What the parameter is for.");
}

/// `[[param]]`.
pub const PARAM: Section = Section {
    name: "param",
    title: "`[[param]]`",
    entry: "param",
    doc: "An init parameter and the rule its value must follow.",
    keys: &[
        param::NAME,
        param::SCOPE,
        param::TYPE,
        param::REQUIRED,
        param::DEFAULT,
        param::RULE,
        param::VALUES,
        param::TYPE_NAME,
        param::HINTS,
        param::MIN_LEN,
        param::MAX_LEN,
        param::CHARS,
        param::MIN,
        param::MAX,
        param::ABOVE,
        param::PREFIX_PARAM,
        param::SUFFIX_LEN,
        param::FUNCTION,
        param::RAISES,
        param::SEVERITY,
        param::CONFIDENCE,
        param::DOC,
    ],
};

/// The keys of one allowed value of a `one_of` rule.
pub mod value {
    use super::{Key, Value, Words, TEXT};

    /// `value`.
    pub const VALUE: Key = Key::required("value", TEXT, "The value as the page passes it.");
    /// `label`.
    pub const LABEL: Key = Key::required("label", TEXT, "A human name for it.");
    /// `variant`.
    pub const VARIANT: Key = Key::optional(
        "variant",
        TEXT,
        "The enum variant, if not derived from the value.",
    );
    /// `locale`.
    pub const LOCALE: Key = Key::optional(
        "locale",
        Value::Word(Words::Locale),
        "The locale whose text the value selects, for a param that chooses a language; the enum maps between its values and locales.",
    );
}

/// One `{ value = …, label = … }` of a `one_of` rule's `values`.
pub const VALUE: Section = Section {
    name: "value",
    title: "a value",
    entry: "value",
    doc: "One allowed value of a `one_of` rule.",
    keys: &[value::VALUE, value::LABEL, value::VARIANT, value::LOCALE],
};

/// The top-level keys of a catalog; every other top-level key must name a declared table.
pub mod top {
    use super::{Key, Value, CATALOG, PARAM, TABLE, VOCABULARY};

    /// `[catalog]`.
    pub const CATALOG_KEY: Key = Key::required(
        "catalog",
        Value::Table(&CATALOG),
        "The catalog's facts and its outputs.",
    );
    /// `[vocabulary.NAME]`.
    pub const VOCABULARY_KEY: Key = Key::optional(
        "vocabulary",
        Value::Named(&VOCABULARY),
        "The closed sets of words: `[vocabulary.NAME]`, each an enum.",
    );
    /// `[table.NAME]`.
    pub const TABLE_KEY: Key = Key::optional(
        "table",
        Value::Named(&TABLE),
        "The tables: `[table.NAME]`, whose rows are the `[[NAME]]` entries.",
    );
    /// `[[param]]`.
    pub const PARAM_KEY: Key = Key::optional(
        "param",
        Value::Tables(&PARAM),
        "The init parameters, each with the rule its value must follow.",
    );
}

/// The top level of a catalog.
pub const TOP: Section = Section {
    name: "catalog file",
    title: "the catalog",
    entry: "catalog file",
    doc: "One catalog of errors: its `[catalog]` facts and outputs, its vocabularies and tables, the rows of each table, and init params.",
    keys: &[
        top::CATALOG_KEY,
        top::VOCABULARY_KEY,
        top::TABLE_KEY,
        top::PARAM_KEY,
    ],
};

/// The top-level keys of the format, in order.
pub const TOP_KEYS: [&str; 4] = [
    top::CATALOG_KEY.name,
    top::VOCABULARY_KEY.name,
    top::TABLE_KEY.name,
    top::PARAM_KEY.name,
];

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``: keys for a sentence.
pub fn and_list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The settings the rule `rule` takes, in the order `[[param]]` lists them; every other
/// setting is an error for that rule.
pub fn settings_of(rule: RuleKind) -> Vec<&'static str> {
    PARAM
        .keys
        .iter()
        .filter(|key| key.setting_of == Some(rule))
        .map(|key| key.name)
        .collect()
}

/// Every setting of every rule, in the order `[[param]]` lists them.
pub fn all_settings() -> impl Iterator<Item = &'static Key> {
    PARAM.keys.iter().filter(|key| key.setting_of.is_some())
}

/// The sections in the order the README documents them: each table that holds entries
/// comes right after the one that holds it.
pub fn sections() -> Vec<&'static Section> {
    fn visit(section: &'static Section, out: &mut Vec<&'static Section>) {
        if out.iter().any(|s| s.name == section.name) {
            return;
        }
        out.push(section);
        for key in section.keys {
            if let Value::Entries(inner)
            | Value::Named(inner)
            | Value::Table(inner)
            | Value::Tables(inner) = key.value
            {
                visit(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for key in TOP.keys {
        if let Value::Table(inner) | Value::Named(inner) | Value::Tables(inner) = key.value {
            visit(inner, &mut out);
        }
    }
    out.push(&ROW);
    out
}

/// The name of the README section [`readme_section`] fills.
pub const README_SECTION: &str = "catalog format";

/// The README section that lists the format's keys and words, from this table.
pub fn readme_section() -> String {
    let mut out = String::new();
    for section in sections() {
        let heading = if section.name == ROW.name {
            "A row `[[NAME]]` of a declared table, besides one key per column".to_owned()
        } else {
            heading_of(section)
        };
        out.push_str(&format!("**{heading}**: {}\n\n", section.doc));
        out.push_str(&header(&["Key", "Value", "Required", "Meaning"]));
        out.push('\n');
        for key in section.keys {
            let required = match key.need {
                Need::Required | Need::Checked => "yes",
                Need::Optional => "no",
            };
            out.push_str(&row(&[
                format!("`{}`", key.name),
                value_words(&key.value),
                required.to_owned(),
                escape_inline(&key.full_doc()),
            ]));
            out.push('\n');
        }
        out.push('\n');
    }
    let mut shown: Vec<Words> = Vec::new();
    for section in sections() {
        for key in section.keys {
            let (Value::Word(words) | Value::WordList(words)) = key.value else {
                continue;
            };
            if shown.contains(&words) {
                continue;
            }
            shown.push(words);
            out.push_str(&format!(
                "**The words of `{}` in {}**:\n\n",
                key.name, section.title
            ));
            out.push_str(&header(&["Word", "Meaning"]));
            out.push('\n');
            for (word, doc) in words.words() {
                out.push_str(&row(&[format!("`{word}`"), escape_inline(doc)]));
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}

/// How the README names a section: the header that opens it, or where it is written.
fn heading_of(section: &'static Section) -> String {
    let holder = TOP.keys.iter().find_map(|key| match key.value {
        Value::Table(inner) | Value::Named(inner) | Value::Tables(inner)
            if inner.name == section.name =>
        {
            Some(format!("`{}`", key.header()))
        }
        _ => None,
    });
    holder.unwrap_or_else(|| {
        let (outer, key) = sections()
            .into_iter()
            .find_map(|outer| {
                outer.keys.iter().find_map(|key| match key.value {
                    Value::Entries(inner) if inner.name == section.name => Some((outer, key)),
                    _ => None,
                })
            })
            .unwrap_or((&TOP, &top::CATALOG_KEY));
        format!("One entry of `{}` in {}", key.name, outer.title)
    })
}

/// What a value is, in the README's words.
fn value_words(value: &Value) -> String {
    match value {
        Value::Text { .. } => "string".to_owned(),
        Value::Count => "integer, 0 or more".to_owned(),
        Value::Number => "number".to_owned(),
        Value::Bool => "boolean".to_owned(),
        Value::Texts => "array of strings".to_owned(),
        Value::Word(words) => format!("{}, below", words.noun()),
        Value::WordList(words) => format!("array of words, each {}, below", words.noun()),
        Value::Map => "table of strings".to_owned(),
        Value::RowRef => "row, such as `{ field = \"region\" }`".to_owned(),
        Value::Entries(section) => format!("array of {}s", section.entry),
        Value::Named(section) | Value::Table(section) | Value::Tables(section) => {
            section.entry.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_doc_names_exactly_its_settings() {
        for rule in RuleKind::ALL {
            let doc = rule.doc();
            for setting in all_settings() {
                let named = doc.contains(&format!("`{}`", setting.name));
                assert_eq!(
                    named,
                    setting.setting_of == Some(*rule),
                    "the doc of `{}` and the setting `{}`",
                    rule.word(),
                    setting.name
                );
            }
        }
    }

    #[test]
    fn keys_are_unique_in_each_section() {
        for section in sections().into_iter().chain([&TOP]) {
            let mut names = section.key_names();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(names.len(), before, "{}", section.name);
        }
    }

    #[test]
    fn the_sections_come_in_the_order_they_nest() {
        let names: Vec<&str> = sections().iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "catalog",
                "vocabulary",
                "word",
                "predicate",
                "table",
                "column",
                "param",
                "value",
                "row"
            ]
        );
        assert_eq!(settings_of(RuleKind::Text), ["min_len", "max_len", "chars"]);
        assert!(settings_of(RuleKind::Any).is_empty());
    }

    #[test]
    fn the_readme_section_lists_every_key_and_word() {
        let text = readme_section();
        for section in sections() {
            for key in section.keys {
                assert!(
                    text.contains(&format!("| `{}` |", key.name)),
                    "{}",
                    key.name
                );
            }
        }
        for (word, _) in Words::CharClass.words() {
            assert!(text.contains(&format!("| `{word}` |")), "{word}");
        }
        assert!(text.contains("**`[[param]]`**"), "{text}");
        assert!(
            text.contains("**One entry of `columns` in a table**"),
            "{text}"
        );
    }
}
