//! Strategy (a): catalogs built structurally, from seeds, with noise.

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::sample::Index;
use toml::{Table, Value};

use crate::edits::{apply_edit, value_edit, Edit};
use crate::values::{
    any_value, bad_text, extra_key, good_text, misspelling, noisy, pick, pick_owned, real_keys,
    real_names, real_type_names, real_words, Misspelling, HOSTILE_WORDS,
};

/// What a column holds, as this test builds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Key,
    Text,
    Integer,
    HttpStatus,
    Word,
    Words,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Key => "key",
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::HttpStatus => "http_status",
            Kind::Word => "word",
            Kind::Words => "words",
        }
    }
}

#[derive(Clone, Debug)]
struct WordSeed {
    word: String,
    doc: String,
    variant: Option<String>,
}

#[derive(Clone, Debug)]
struct VocabularySeed {
    name: String,
    type_name: Option<String>,
    doc: String,
    words: Vec<WordSeed>,
}

#[derive(Clone, Debug)]
struct ColumnSeed {
    name: String,
    kind: Kind,
    vocabulary: Index,
    optional: bool,
    title: Option<String>,
    doc: Option<String>,
}

/// The makings of one cell; the column's kind decides which are used.
#[derive(Clone, Debug)]
struct CellSeed {
    text: String,
    integer: i64,
    status: Value,
    words: Vec<Index>,
    present: bool,
}

/// What becomes of one key of a row.
#[derive(Clone, Debug)]
enum Fate {
    Right,
    Misspelt(Misspelling),
    Missing,
    Wrong(Value),
}

#[derive(Clone, Debug)]
struct RowSeed {
    key: String,
    cells: Vec<CellSeed>,
    fates: Vec<Fate>,
    extras: Vec<(String, Value)>,
    variant: Option<String>,
    deprecated: Option<String>,
}

#[derive(Clone, Debug)]
struct TableSeed {
    name: String,
    type_name: String,
    /// Name the type after an earlier type with `Row` appended.
    type_after: Option<Index>,
    doc: String,
    noun: Option<String>,
    key: Index,
    columns: Vec<ColumnSeed>,
    display: Index,
    summary: Option<Vec<Index>>,
    rows: Vec<RowSeed>,
}

#[derive(Clone, Debug)]
struct CatalogSeed {
    meta: Vec<(&'static str, Option<String>)>,
    vocabularies: Vec<VocabularySeed>,
    tables: Vec<TableSeed>,
    extras: Vec<(String, Value)>,
    edits: Vec<Edit>,
}

const MAX_COLUMNS: usize = 7;

fn snake_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick_owned(real_names()),
        2 => "[a-z][a-z0-9_]{0,8}",
        1 => pick(&["code", "field", "status", "retry", "kind", "row_id", "a", "type", "all"]),
    ]
    .boxed()
}

fn type_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick_owned(real_type_names()),
        3 => "[A-Z][a-z]{1,8}(Code|Error|Status|Kind)?",
        1 => pick(&["HttpStatus", "HTTPStatus", "ErrorCode", "Errorcode", "Raised", "Param", "Scope", "Severity"]),
    ]
    .boxed()
}

fn vocabulary_word() -> BoxedStrategy<String> {
    prop_oneof![
        4 => pick_owned(real_words()),
        3 => "[a-z][a-z0-9-]{0,10}",
        1 => pick(HOSTILE_WORDS),
    ]
    .boxed()
}

prop_compose! {
    fn word_seed()(
        word in vocabulary_word(),
        doc in good_text(),
        variant in prop::option::weighted(0.2, "[A-Z][A-Za-z0-9]{0,8}"),
    ) -> WordSeed {
        WordSeed { word, doc, variant }
    }
}

prop_compose! {
    fn vocabulary_seed()(
        name in snake_name(),
        type_name in prop::option::weighted(0.4, type_name()),
        doc in good_text(),
        words in prop::collection::vec(word_seed(), 1..6),
    ) -> VocabularySeed {
        VocabularySeed { name, type_name, doc, words }
    }
}

fn column_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        4 => Just(Kind::Text),
        1 => Just(Kind::Key),
        1 => Just(Kind::Integer),
        2 => Just(Kind::HttpStatus),
        2 => Just(Kind::Word),
        2 => Just(Kind::Words),
    ]
}

prop_compose! {
    fn column_seed()(
        name in snake_name(),
        kind in column_kind(),
        vocabulary in any::<Index>(),
        optional in prop::bool::weighted(0.3),
        title in prop::option::weighted(0.6, good_text()),
        doc in prop::option::weighted(0.6, good_text()),
    ) -> ColumnSeed {
        ColumnSeed { name, kind, vocabulary, optional, title, doc }
    }
}

/// An HTTP status cell: a status, or at some noise a number out of range or of the
/// wrong type.
fn status(noise: u32) -> BoxedStrategy<Value> {
    noisy(
        noise,
        (100i64..=599).prop_map(Value::Integer).boxed(),
        prop_oneof![
            prop::sample::select(&[0i64, 99, 600, -1, 65_536, i64::MAX, i64::MIN][..])
                .prop_map(Value::Integer),
            Just(Value::String("400".into())),
            Just(Value::Float(400.0)),
        ]
        .boxed(),
    )
}

prop_compose! {
    fn cell_seed(noise: u32)(
        text in good_text(),
        integer in prop_oneof![any::<i64>(), -20i64..20],
        status in status(noise),
        words in prop::collection::vec(any::<Index>(), 0..4),
        present in prop::bool::weighted(0.6),
    ) -> CellSeed {
        CellSeed { text, integer, status, words, present }
    }
}

fn fate(noise: u32) -> BoxedStrategy<Fate> {
    if noise == 0 {
        return Just(Fate::Right).boxed();
    }
    let wrong = prop_oneof![
        3 => any_value(),
        1 => bad_text().prop_map(Value::String),
    ];
    prop_oneof![
        100 - noise => Just(Fate::Right),
        noise / 3 + 1 => misspelling().prop_map(Fate::Misspelt),
        noise / 3 + 1 => Just(Fate::Missing),
        noise / 3 + 1 => wrong.prop_map(Fate::Wrong),
    ]
    .boxed()
}

fn extras(noise: u32) -> BoxedStrategy<Vec<(String, Value)>> {
    if noise == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop_oneof![
            100 - noise => Just(Vec::new()),
            noise => prop::collection::vec((extra_key(), any_value()), 1..3),
        ]
        .boxed()
    }
}

/// A row's key: a real one or one of a key's shapes, or at some noise a bad one.
fn row_key(noise: u32) -> BoxedStrategy<String> {
    let key = prop_oneof![
        1 => pick_owned(real_keys()),
        3 => "[A-Z][A-Za-z0-9]{0,12}([._-][A-Za-z0-9]{1,10}){0,3}",
        1 => "[a-z][a-z0-9]{0,8}([._-][a-z0-9]{1,8}){0,2}",
        1 => "[A-Z0-9_]{1,12}",
    ];
    noisy(
        noise,
        key.boxed(),
        prop_oneof![
            Just(String::new()),
            "[A-Za-z]{1,5}[ |`<\\\\\"é][A-Za-z]{1,5}",
            bad_text()
        ]
        .boxed(),
    )
}

prop_compose! {
    fn row_seed(noise: u32)(
        key in row_key(noise),
        cells in prop::collection::vec(cell_seed(noise), MAX_COLUMNS),
        fates in prop::collection::vec(fate(noise), MAX_COLUMNS),
        extras in extras(noise),
        variant in prop::option::weighted(0.15, "[A-Z][A-Za-z0-9]{0,10}"),
        deprecated in prop::option::weighted(0.15, good_text()),
    ) -> RowSeed {
        RowSeed { key, cells, fates, extras, variant, deprecated }
    }
}

prop_compose! {
    fn table_seed(noise: u32)(
        name in snake_name(),
        type_name in type_name(),
        type_after in prop::option::weighted(0.1, any::<Index>()),
        doc in good_text(),
        noun in prop::option::weighted(0.5, good_text()),
        key in any::<Index>(),
        columns in prop::collection::vec(column_seed(), 1..MAX_COLUMNS),
        display in any::<Index>(),
        summary in prop::option::weighted(0.5, prop::collection::vec(any::<Index>(), 0..4)),
        rows in prop::collection::vec(row_seed(noise), 0..5),
    ) -> TableSeed {
        TableSeed { name, type_name, type_after, doc, noun, key, columns, display, summary, rows }
    }
}

fn meta_seed(noise: u32) -> BoxedStrategy<Vec<(&'static str, Option<String>)>> {
    let text = |noise| noisy(noise, good_text(), bad_text());
    let module = noisy(
        noise,
        prop_oneof![
            3 => "[a-z][a-z0-9_]{0,10}",
            1 => pick(&["init", "verify", "api", "core", "std", "generated", "fn", "grpc"]),
        ]
        .boxed(),
        prop_oneof![bad_text(), pick(&["Init", "9lives", "a-b", ""])].boxed(),
    );
    let docs = noisy(
        noise,
        "docs/[a-z][a-z0-9_-]{0,10}\\.md".boxed(),
        prop_oneof![
            bad_text(),
            pick(&[
                "/etc/passwd.md",
                "docs/../x.md",
                "docs/x.txt",
                ".md",
                "docs//x.md"
            ])
        ]
        .boxed(),
    );
    let readme = prop::option::weighted(
        0.7,
        noisy(
            noise,
            "[a-z0-9_-]{1,10}".boxed(),
            prop_oneof![bad_text(), pick(&["Init", "a b", ""])].boxed(),
        ),
    );
    (text(noise), text(noise), text(noise), module, docs, readme)
        .prop_map(|(name, source, provenance, module, docs, readme)| {
            vec![
                ("name", Some(name)),
                ("source", Some(source)),
                ("provenance", Some(provenance)),
                ("module", Some(module)),
                ("docs", Some(docs)),
                ("readme_section", readme),
            ]
        })
        .boxed()
}

/// A whole catalog, with a noise level drawn first so that a good share of catalogs is
/// entirely valid and reaches the emitters.
pub(crate) fn structural_catalog() -> impl Strategy<Value = Table> {
    prop_oneof![Just(0u32), Just(0), Just(1), Just(5), Just(25)].prop_flat_map(|noise| {
        let edits = if noise == 0 {
            Just(Vec::new()).boxed()
        } else {
            prop::collection::vec(value_edit(), 0..(noise as usize / 5 + 2)).boxed()
        };
        (
            meta_seed(noise),
            prop::collection::vec(vocabulary_seed(), 0..4),
            prop::collection::vec(table_seed(noise), 1..4),
            extras(noise),
            edits,
        )
            .prop_map(|(meta, vocabularies, tables, extras, edits)| {
                build(&CatalogSeed {
                    meta,
                    vocabularies,
                    tables,
                    extras,
                    edits,
                })
            })
    })
}

/// Sets `key` of `table` to `value`.
fn set(table: &mut Table, key: &str, value: impl Into<Value>) {
    table.insert(key.to_owned(), value.into());
}

/// `name`, or `name` with a number appended if `used` has it; then records it.
fn unique(name: &str, used: &mut HashSet<String>, join: &str) -> String {
    let mut candidate = name.to_owned();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}{join}{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// The variant the generator derives from `text`, or a given one when that would not be
/// a usable, unique variant.
fn usable_variant(
    given: Option<&String>,
    text: &str,
    fallback: &str,
    used: &mut HashSet<String>,
) -> Option<String> {
    let derived = codegen::names::derive_variant(text);
    let chosen = match given {
        Some(given) => given.clone(),
        None if codegen::names::variant_problem(&derived).is_none() && !used.contains(&derived) => {
            used.insert(derived);
            return None;
        }
        None => fallback.to_owned(),
    };
    Some(unique(&chosen, used, ""))
}

/// Builds the catalog a seed describes: names made unique and references made to point
/// at what is declared, so that a catalog without noise is mostly valid; then the row
/// fates and the declaration edits of the noise.
fn build(seed: &CatalogSeed) -> Table {
    let mut root = Table::new();
    set(&mut root, "catalog", catalog_meta(&seed.meta));
    let mut types = TypeNames::reserved();
    let (declared, vocabularies) = declare_vocabularies(&seed.vocabularies, &mut types);
    if !declared.is_empty() {
        set(&mut root, "vocabulary", declared);
    }
    let (declared, rows) = declare_tables(&seed.tables, &vocabularies, &mut types);
    for (name, rows) in rows {
        root.insert(name, Value::Array(rows));
    }
    set(&mut root, "table", declared);
    for (extra, value) in &seed.extras {
        root.insert(extra.clone(), value.clone());
    }
    apply_edits(root, &seed.edits)
}

/// The type names a built catalog has taken, and the types it declares.
struct TypeNames {
    /// Every name taken: the generator's own types and each declared one.
    taken: HashSet<String>,
    /// The declared types in order, for a table type named after one of them.
    declared: Vec<String>,
}

impl TypeNames {
    /// Nothing declared yet, and the names of the generator's own types taken.
    fn reserved() -> Self {
        TypeNames {
            taken: ["Param", "Raised", "InitConfig", "ValidConfig"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            declared: Vec::new(),
        }
    }
}

/// A vocabulary of a built catalog: its unique name and its words, each once.
struct DeclaredVocabulary {
    name: String,
    words: Vec<String>,
}

/// A column of a built table, as its cells are made.
struct DeclaredColumn {
    name: String,
    kind: Kind,
    /// The index of its vocabulary, for a `word` or `words` column.
    vocabulary: Option<usize>,
    optional: bool,
}

/// The `[catalog]` table: each meta key the seed gives a value.
fn catalog_meta(seed: &[(&'static str, Option<String>)]) -> Table {
    let mut meta = Table::new();
    for (key, value) in seed {
        if let Some(value) = value {
            meta.insert((*key).to_owned(), Value::String(value.clone()));
        }
    }
    meta
}

/// The `[vocabulary.*]` declarations: unique names and words, each word with a usable
/// variant; and the vocabularies as the tables' columns refer to them.
fn declare_vocabularies(
    seeds: &[VocabularySeed],
    types: &mut TypeNames,
) -> (Table, Vec<DeclaredVocabulary>) {
    let mut names = HashSet::new();
    let mut vocabularies = Vec::new();
    let mut declared = Table::new();
    for v in seeds {
        let name = unique(&v.name, &mut names, "_");
        let type_name = vocabulary_type(v, &name, types);
        let (entries, words) = vocabulary_words(&v.words);
        let mut table = Table::new();
        if type_name != codegen::names::derive_variant(&name) || v.type_name.is_some() {
            set(&mut table, "type", type_name);
        }
        set(&mut table, "doc", v.doc.clone());
        set(&mut table, "words", entries);
        declared.insert(name.clone(), Value::Table(table));
        vocabularies.push(DeclaredVocabulary { name, words });
    }
    (declared, vocabularies)
}

/// The type of the vocabulary `name`: the seed's, or else the one derived from its name,
/// made unique and recorded in `types`.
fn vocabulary_type(v: &VocabularySeed, name: &str, types: &mut TypeNames) -> String {
    let derived_type = codegen::names::derive_variant(name);
    let type_name = match &v.type_name {
        Some(given) => unique(given, &mut types.taken, ""),
        None if !types.taken.contains(&derived_type) => {
            types.taken.insert(derived_type.clone());
            derived_type
        }
        None => unique(&derived_type, &mut types.taken, ""),
    };
    types.declared.push(type_name.clone());
    type_name
}

/// A vocabulary's `words` entries, each word once with a usable variant; and the words.
fn vocabulary_words(seeds: &[WordSeed]) -> (Vec<Value>, Vec<String>) {
    let mut words_seen = HashSet::new();
    let mut variants = HashSet::new();
    let mut words = Vec::new();
    let mut entries = Vec::new();
    for (i, w) in seeds.iter().enumerate() {
        if !words_seen.insert(w.word.clone()) {
            continue;
        }
        let mut entry = Table::new();
        set(&mut entry, "word", w.word.clone());
        set(&mut entry, "doc", w.doc.clone());
        let fallback = format!("Word{i}");
        if let Some(variant) = usable_variant(w.variant.as_ref(), &w.word, &fallback, &mut variants)
        {
            set(&mut entry, "variant", variant);
        }
        entries.push(Value::Table(entry));
        words.push(w.word.clone());
    }
    (entries, words)
}

/// The `[table.*]` declarations: unique names and types, one key column, references to
/// what is declared; and the rows of each table that has any, under the table's name.
fn declare_tables(
    seeds: &[TableSeed],
    vocabularies: &[DeclaredVocabulary],
    types: &mut TypeNames,
) -> (Table, Vec<(String, Vec<Value>)>) {
    let mut table_names: HashSet<String> = ["catalog", "vocabulary", "table", "param"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut declared = Table::new();
    let mut rows = Vec::new();
    for t in seeds {
        let name = unique(&t.name, &mut table_names, "_");
        let type_name = table_type(t, types);
        let columns = declare_columns(t, vocabularies);
        let entries = t
            .columns
            .iter()
            .zip(&columns)
            .map(|(seed, column)| column_entry(seed, column, vocabularies))
            .collect();
        let table = table_declaration(t, type_name, &columns, entries);
        declared.insert(name.clone(), Value::Table(table));
        let table_rows = build_rows(&t.rows, &columns, vocabularies);
        if !table_rows.is_empty() {
            rows.push((name, table_rows));
        }
    }
    (declared, rows)
}

/// The type of a table: the seed's, or an earlier type's name with `Row` appended, made
/// unique and recorded in `types`.
fn table_type(t: &TableSeed, types: &mut TypeNames) -> String {
    let wanted = match t.type_after {
        Some(at) if !types.declared.is_empty() => {
            format!("{}Row", types.declared[at.index(types.declared.len())])
        }
        _ => t.type_name.clone(),
    };
    let type_name = unique(&wanted, &mut types.taken, "");
    types.declared.push(type_name.clone());
    type_name
}

/// A table's columns: unique names, the seed's key column the one `key` column, and
/// `word` and `words` columns only when a vocabulary is declared.
fn declare_columns(t: &TableSeed, vocabularies: &[DeclaredVocabulary]) -> Vec<DeclaredColumn> {
    let key_at = t.key.index(t.columns.len());
    let mut column_names = HashSet::new();
    let mut columns = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        let name = unique(&c.name, &mut column_names, "_");
        let mut kind = match c.kind {
            Kind::Key if i != key_at => Kind::Text,
            _ if i == key_at => Kind::Key,
            other => other,
        };
        if matches!(kind, Kind::Word | Kind::Words) && vocabularies.is_empty() {
            kind = Kind::Text;
        }
        let vocabulary = matches!(kind, Kind::Word | Kind::Words)
            .then(|| c.vocabulary.index(vocabularies.len()));
        let optional = c.optional && kind != Kind::Key;
        columns.push(DeclaredColumn {
            name,
            kind,
            vocabulary,
            optional,
        });
    }
    columns
}

/// One entry of a table's `columns`: the column's name, kind, vocabulary and optionality,
/// and the seed's title and doc.
fn column_entry(
    seed: &ColumnSeed,
    column: &DeclaredColumn,
    vocabularies: &[DeclaredVocabulary],
) -> Value {
    let mut entry = Table::new();
    set(&mut entry, "name", column.name.clone());
    set(&mut entry, "kind", column.kind.word());
    if let Some(v) = column.vocabulary {
        set(&mut entry, "vocabulary", vocabularies[v].name.clone());
    }
    if column.optional {
        set(&mut entry, "optional", true);
    }
    if let Some(title) = &seed.title {
        set(&mut entry, "title", title.clone());
    }
    if let Some(doc) = &seed.doc {
        set(&mut entry, "doc", doc.clone());
    }
    Value::Table(entry)
}

/// One table's declaration: its type, doc, key and display columns, noun, summary and
/// the `entries` of its columns.
fn table_declaration(
    t: &TableSeed,
    type_name: String,
    columns: &[DeclaredColumn],
    entries: Vec<Value>,
) -> Table {
    let key_at = t.key.index(t.columns.len());
    let displayable: Vec<usize> = (0..columns.len())
        .filter(|&i| matches!(columns[i].kind, Kind::Key | Kind::Text) && !columns[i].optional)
        .collect();
    let display = displayable[t.display.index(displayable.len())];

    let mut table = Table::new();
    set(&mut table, "type", type_name);
    set(&mut table, "doc", t.doc.clone());
    set(&mut table, "key", columns[key_at].name.clone());
    set(&mut table, "display", columns[display].name.clone());
    if let Some(noun) = &t.noun {
        set(&mut table, "noun", noun.clone());
    }
    if let Some(summary) = &t.summary {
        set(&mut table, "summary", summary_names(summary, columns));
    }
    set(&mut table, "columns", entries);
    table
}

/// The names of the summary's columns: the seed's picks, each once, in the order first
/// picked.
fn summary_names(picks: &[Index], columns: &[DeclaredColumn]) -> Vec<Value> {
    let mut chosen: Vec<usize> = picks.iter().map(|i| i.index(columns.len())).collect();
    chosen.dedup();
    let mut seen = HashSet::new();
    chosen.retain(|i| seen.insert(*i));
    chosen
        .into_iter()
        .map(|i| Value::String(columns[i].name.clone()))
        .collect()
}

/// A table's rows: unique keys and variants; each cell of its column's kind; then the
/// fates.
fn build_rows(
    seeds: &[RowSeed],
    columns: &[DeclaredColumn],
    vocabularies: &[DeclaredVocabulary],
) -> Vec<Value> {
    let mut keys = HashSet::new();
    let mut variants = HashSet::new();
    let mut rows = Vec::new();
    for (r, seed_row) in seeds.iter().enumerate() {
        let key = unique(&seed_row.key, &mut keys, "-");
        let mut row = Table::new();
        for (i, column) in columns.iter().enumerate() {
            let cell = &seed_row.cells[i];
            if column.optional && !cell.present {
                continue;
            }
            let value = cell_value(column, cell, &key, vocabularies);
            place_cell(&mut row, &column.name, value, &seed_row.fates[i]);
        }
        let fallback = format!("Row{r}");
        if let Some(variant) =
            usable_variant(seed_row.variant.as_ref(), &key, &fallback, &mut variants)
        {
            set(&mut row, "variant", variant);
        }
        if let Some(why) = &seed_row.deprecated {
            set(&mut row, "deprecated", why.clone());
        }
        for (extra, value) in &seed_row.extras {
            row.insert(extra.clone(), value.clone());
        }
        rows.push(Value::Table(row));
    }
    rows
}

/// One cell's value, of its column's kind: the row's key, the seed's text, integer or
/// status, or words of the column's vocabulary.
fn cell_value(
    column: &DeclaredColumn,
    cell: &CellSeed,
    key: &str,
    vocabularies: &[DeclaredVocabulary],
) -> Value {
    match column.kind {
        Kind::Key => Value::String(key.to_owned()),
        Kind::Text => Value::String(cell.text.clone()),
        Kind::Integer => Value::Integer(cell.integer),
        Kind::HttpStatus => cell.status.clone(),
        Kind::Word => {
            let words = &vocabularies[column.vocabulary.unwrap_or(0)].words;
            let at = cell.words.first().map_or(0, |i| i.index(words.len()));
            Value::String(words[at].clone())
        }
        Kind::Words => {
            let words = &vocabularies[column.vocabulary.unwrap_or(0)].words;
            Value::Array(
                picked_words(cell, words)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            )
        }
    }
}

/// The words a cell picks from `words`, each once, in the order first picked.
fn picked_words(cell: &CellSeed, words: &[String]) -> Vec<String> {
    let mut picked: Vec<String> = cell
        .words
        .iter()
        .map(|i| words[i.index(words.len())].clone())
        .collect();
    let mut seen = HashSet::new();
    picked.retain(|w| seen.insert(w.clone()));
    picked
}

/// Puts a cell's value into its row as the cell's fate says: under the column's name or
/// a misspelling of it, not at all, or a wrong value in its place.
fn place_cell(row: &mut Table, column: &str, value: Value, fate: &Fate) {
    match fate {
        Fate::Right => {
            row.insert(column.to_owned(), value);
        }
        Fate::Misspelt(how) => {
            row.insert(how.apply(column), value);
        }
        Fate::Missing => {}
        Fate::Wrong(other) => {
            row.insert(column.to_owned(), other.clone());
        }
    }
}

/// The catalog with the seed's edits applied, one after another.
fn apply_edits(root: Table, edits: &[Edit]) -> Table {
    let mut root = Value::Table(root);
    for edit in edits {
        apply_edit(&mut root, edit);
    }
    match root {
        Value::Table(table) => table,
        _ => Table::new(),
    }
}
