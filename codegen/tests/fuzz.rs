//! Property-based fuzzing of [`codegen::generate`] with proptest.
//!
//! Three kinds of input:
//! (a) catalogs built structurally: a `[catalog]` table and `[[code]]` / `[[field]]`
//!     entries whose keys are right, misspelt, missing or extra, whose values are of any
//!     TOML type and whose strings are hostile Unicode or drawn from the valid
//!     vocabularies, serialised with the `toml` crate so the TOML is well formed;
//! (b) the real catalog and the golden catalog with random character, line and byte
//!     mutations;
//! (c) the real catalog, parsed, with a few strings or values anywhere in it replaced
//!     (this reaches the `[[param]]` emitter with hostile text).
//!
//! The properties, for every input: `generate` never panics and gives the same answer
//! twice; a rejection has diagnostics whose spans (and labels' spans) lie within the text
//! and whose messages say something; an acceptance has generated `.rs` files that parse
//! with `syn` and say they are generated, every catalog text of a code or field row in
//! the Rust source as an escaped string literal, and Markdown tables (in `docs/errors.md`
//! and the README section) with one row per entry and, in every row, as many cells as
//! in the header.
//!
//! By default the properties run 256, 128 and 128 cases, which keeps a debug
//! `cargo test` quick. For a long run set `FUZZ_CASES` (cases per property):
//! `FUZZ_CASES=20000 cargo test --release -p codegen --test fuzz -- --nocapture`; each
//! property prints how many executions it made and how many catalogs it accepted.

use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::diagnostic::Diagnostic;
use codegen::vocabulary::{Vocabulary, CATEGORY, PLATFORM, RETRY};
use codegen::Generated;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use toml::{Table, Value};

/// The path written into generated headers.
const PATH: &str = "catalog/errors.toml";

/// The catalogs the mutation strategy starts from.
const SEEDS: &[&str] = &[
    include_str!("../../catalog/errors.toml"),
    include_str!("golden/small.toml"),
];

/// How many cases each property runs: `FUZZ_CASES`, or `default` (chosen so that a
/// debug `cargo test` stays quick; the strategies built on the real catalog cost more
/// per case).
fn cases(default: u32) -> u32 {
    match std::env::var("FUZZ_CASES") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("FUZZ_CASES must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

// ---------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------

/// What one execution saw, for the counts a run prints.
#[derive(Default)]
struct Stats {
    executions: AtomicUsize,
    accepted: AtomicUsize,
    rejected: AtomicUsize,
    codes: AtomicUsize,
    fields: AtomicUsize,
}

impl Stats {
    fn report(&self, name: &str) -> (usize, usize) {
        let accepted = self.accepted.load(Ordering::Relaxed);
        let rejected = self.rejected.load(Ordering::Relaxed);
        println!(
            "{name}: {} executions, {accepted} accepted ({} codes and {} fields emitted), {rejected} rejected",
            self.executions.load(Ordering::Relaxed),
            self.codes.load(Ordering::Relaxed),
            self.fields.load(Ordering::Relaxed),
        );
        (accepted, rejected)
    }
}

/// Runs `generate` on `source` twice and checks every property of the outcome.
fn check_source(source: &str, stats: &Stats) -> Result<(), TestCaseError> {
    stats.executions.fetch_add(1, Ordering::Relaxed);
    let first = codegen::generate(PATH, source);
    let second = codegen::generate(PATH, source);
    prop_assert!(first == second, "generation is not deterministic");
    match first {
        Err(diagnostics) => {
            stats.rejected.fetch_add(1, Ordering::Relaxed);
            check_diagnostics(source, &diagnostics)
        }
        Ok(generated) => {
            stats.accepted.fetch_add(1, Ordering::Relaxed);
            let catalog = codegen::parse(source).map_err(|d| {
                TestCaseError::fail(format!("generate accepted, parse did not: {d:?}"))
            })?;
            stats
                .codes
                .fetch_add(catalog.codes.len(), Ordering::Relaxed);
            stats
                .fields
                .fetch_add(catalog.fields.len(), Ordering::Relaxed);
            check_generated(&catalog, &generated)
        }
    }
}

fn check_diagnostics(source: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    prop_assert!(!diagnostics.is_empty(), "rejected without a diagnostic");
    let len = source.len();
    for d in diagnostics {
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= len,
            "span {:?} is outside the text of {len} bytes: {d:?}",
            d.span
        );
        prop_assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
        if let Some(help) = &d.help {
            prop_assert!(!help.trim().is_empty(), "empty help: {d:?}");
        }
        for label in &d.labels {
            prop_assert!(
                label.span.start <= label.span.end && label.span.end <= len,
                "label span {:?} is outside the text of {len} bytes: {d:?}",
                label.span
            );
            prop_assert!(!label.message.trim().is_empty(), "empty label: {d:?}");
        }
    }
    Ok(())
}

fn check_generated(
    catalog: &codegen::model::Catalog,
    generated: &Generated,
) -> Result<(), TestCaseError> {
    let file = |path: &str| {
        generated
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
            .ok_or_else(|| TestCaseError::fail(format!("{path} was not generated")))
    };
    for f in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
        if let Err(error) = syn::parse_file(&f.contents) {
            return Err(TestCaseError::fail(format!(
                "{} does not parse: {error}\n{}",
                f.path, f.contents
            )));
        }
        prop_assert!(
            f.contents.starts_with("//! @generated"),
            "{} does not say it is generated",
            f.path
        );
    }

    // Every catalog text reaches the Rust source verbatim, as an escaped literal.
    let codes_rs = file(codegen::CODES_RS)?;
    for code in &catalog.codes {
        let texts = [&code.code, &code.description, &code.troubleshooting];
        for text in texts.into_iter().chain(code.notes.as_ref()) {
            prop_assert!(
                codes_rs.contains(&literal(text)),
                "codes.rs lacks the literal {}",
                literal(text)
            );
        }
    }
    let fields_rs = file(codegen::FIELDS_RS)?;
    for field in &catalog.fields {
        for text in [
            &field.key,
            &field.field,
            &field.description,
            &field.troubleshooting,
        ] {
            prop_assert!(
                fields_rs.contains(&literal(text)),
                "fields.rs lacks the literal {}",
                literal(text)
            );
        }
    }

    let expected = [catalog.codes.len() + 2, catalog.fields.len() + 2];
    let errors_md = file(codegen::ERRORS_MD)?;
    prop_assert!(errors_md.starts_with("<!-- @generated"));
    check_tables("docs/errors.md", errors_md, &expected)?;
    check_tables("readme_section", &generated.readme_section, &expected)
}

/// The Rust string literal for `text`, as the emitter writes it.
fn literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// The number of cells in a Markdown table row: its `|` separators, less one. A pipe
/// after an odd number of backslashes is escaped and separates nothing.
fn cells(row: &str) -> usize {
    let mut separators: usize = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' if backslashes % 2 == 0 => {
                separators += 1;
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    separators.saturating_sub(1)
}

/// The tables of a Markdown text: runs of lines that start with `|`.
fn tables(text: &str) -> Vec<Vec<&str>> {
    let mut tables: Vec<Vec<&str>> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with('|') {
            if !in_table {
                tables.push(Vec::new());
            }
            in_table = true;
            if let Some(table) = tables.last_mut() {
                table.push(line);
            }
        } else {
            in_table = false;
        }
    }
    tables
}

/// Checks that the first tables of `text` have `rows` rows each (a later table is not
/// counted), and that every table has a separator row under the header and as many
/// cells in each row as in the header.
fn check_tables(what: &str, text: &str, rows: &[usize]) -> Result<(), TestCaseError> {
    let found = tables(text);
    let lengths: Vec<usize> = found.iter().map(Vec::len).take(rows.len()).collect();
    prop_assert_eq!(
        lengths.as_slice(),
        rows,
        "{} has tables of the wrong length:\n{}",
        what,
        text
    );
    for table in &found {
        let width = cells(table[0]);
        prop_assert!(width > 0, "{what}: header without cells: {}", table[0]);
        prop_assert!(
            table[1]
                .trim_matches(|c| c == '|' || c == ' ')
                .split(" | ")
                .all(|c| c == "---"),
            "{what}: no separator row under {}",
            table[0]
        );
        for row in table {
            prop_assert_eq!(
                cells(row),
                width,
                "{}: row {:?} does not have the {} cells of its header",
                what,
                row,
                width
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Strategy (a): catalogs built structurally
// ---------------------------------------------------------------------------------------

/// What a key's value should look like when it is right.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Text,
    Code,
    Variant,
    Key,
    Status,
    Retry,
    Category,
    Platforms,
}

/// A key of a table in the catalog format.
struct KeySpec {
    name: &'static str,
    required: bool,
    kind: Kind,
}

const fn required(name: &'static str, kind: Kind) -> KeySpec {
    KeySpec {
        name,
        required: true,
        kind,
    }
}

const fn optional(name: &'static str, kind: Kind) -> KeySpec {
    KeySpec {
        name,
        required: false,
        kind,
    }
}

const META_KEYS: &[KeySpec] = &[
    required("name", Kind::Text),
    required("source", Kind::Text),
    required("provenance", Kind::Text),
];

const CODE_KEYS: &[KeySpec] = &[
    required("code", Kind::Code),
    optional("variant", Kind::Variant),
    required("description", Kind::Text),
    required("troubleshooting", Kind::Text),
    optional("notes", Kind::Text),
    required("http_status", Kind::Status),
    required("retry", Kind::Retry),
    required("category", Kind::Category),
    required("platforms", Kind::Platforms),
];

const FIELD_KEYS: &[KeySpec] = &[
    required("key", Kind::Key),
    required("field", Kind::Text),
    optional("variant", Kind::Variant),
    required("description", Kind::Text),
    required("troubleshooting", Kind::Text),
    required("http_status", Kind::Status),
    required("platforms", Kind::Platforms),
];

const KNOWN_CODES: &[&str] = &[
    "IllegalUserTag",
    "IllegalCertifyId",
    "IllegalScene",
    "Forbidden.AccountAccessDenied",
    "Throttling",
    "ThrottlingByStrategy",
];
const KNOWN_KEYS: &[&str] = &[
    "general_type",
    "language",
    "region",
    "mode",
    "element_or_button",
];

/// Pieces of text that are hard to carry into Rust and Markdown, yet allowed in a catalog.
const HOSTILE: &[&str] = &[
    "|",
    "\\",
    "\\|",
    "|\\",
    "\"",
    "'",
    "\n",
    "\r\n",
    "\t",
    "<b>",
    "</b>",
    "<script>",
    "&",
    "&amp;",
    "*/",
    "/*",
    "//",
    "#",
    "\"#",
    "r#\"",
    "`",
    "```",
    "```rust",
    "{}",
    "{{",
    "}}",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "漢字",
    "中文错误",
    "é",
    "e\u{301}",
    "\u{2028}",
    "\u{FEFF}",
    "\u{200B}",
    "    ",
    "- ",
    "> ",
    "[x](y)",
    "<!--",
    "-->",
    "\\n",
    "\\u{41}",
    "%s",
    "{0}",
    "<br>",
    "*",
    "_",
    "~",
    "]]",
    "[[",
    "=",
    "$",
    "//!",
    "///",
    " ",
    "  ",
];

/// Characters a catalog may not hold in its strings.
const FORBIDDEN: &[&str] = &[
    "\u{0}", "\u{7}", "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{202E}", "\u{2066}", "\u{200F}",
    "\u{061C}",
];

fn pick(words: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(words).prop_map(str::to_owned).boxed()
}

/// One of the words `vocabulary` accepts, as the generator itself lists them.
fn pick_word(vocabulary: &'static Vocabulary) -> BoxedStrategy<String> {
    prop::sample::select(vocabulary.keys())
        .prop_map(str::to_owned)
        .boxed()
}

/// `good` most of the time and `bad` `noise` percent of the time.
fn noisy<T: std::fmt::Debug + 'static>(
    noise: u32,
    good: BoxedStrategy<T>,
    bad: BoxedStrategy<T>,
) -> BoxedStrategy<T> {
    if noise == 0 {
        good
    } else {
        prop_oneof![100 - noise => good, noise => bad].boxed()
    }
}

/// Text that a catalog accepts in most cases (it may still be blank).
fn good_text() -> BoxedStrategy<String> {
    let word = prop_oneof![
        3 => "[A-Za-z][a-z]{0,9}",
        3 => pick(HOSTILE),
        1 => "\\PC{1,8}",
    ];
    prop_oneof![
        4 => "[A-Z][a-z]{1,10}( [a-z()`/.,-]{1,10}){0,8}\\.",
        4 => (
            "[A-Za-z0-9]{1,6}",
            prop::collection::vec(word, 1..12)
        )
            .prop_map(|(first, rest)| format!("{first}{}", rest.concat())),
        2 => "\\PC{1,60}",
        1 => ("[a-z|\\\\ <>&\n]{1,12}", 50usize..300).prop_map(|(piece, n)| format!("A{}", piece.repeat(n))),
    ]
    .boxed()
}

/// Text that a catalog should refuse, or that tests its limits.
fn bad_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[ \t\n]{1,5}",
        (good_text(), pick(FORBIDDEN), good_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        any::<String>(),
        ".{0,40}",
    ]
    .boxed()
}

fn good_value(kind: Kind) -> BoxedStrategy<Value> {
    let string = |s: BoxedStrategy<String>| s.prop_map(Value::String).boxed();
    match kind {
        Kind::Text => string(good_text()),
        Kind::Code => string(
            prop_oneof![
                1 => pick(KNOWN_CODES),
                3 => "[A-Z][A-Za-z0-9]{0,12}([._-][A-Za-z0-9]{1,10}){0,3}",
                1 => "[a-z][a-z0-9]{0,8}([._-][a-z0-9]{1,8}){0,2}",
            ]
            .boxed(),
        ),
        Kind::Variant => string("[A-Z][A-Za-z0-9]{0,15}".boxed()),
        Kind::Key => {
            string(prop_oneof![1 => pick(KNOWN_KEYS), 3 => "[a-z][a-z0-9_]{0,15}"].boxed())
        }
        Kind::Status => (100i64..=599).prop_map(Value::Integer).boxed(),
        Kind::Retry => string(pick_word(&RETRY)),
        Kind::Category => string(pick_word(&CATEGORY)),
        Kind::Platforms => prop::sample::subsequence(PLATFORM.keys(), 1..=PLATFORM.terms.len())
            .prop_shuffle()
            .prop_map(|words| {
                Value::Array(words.into_iter().map(|w| Value::String(w.into())).collect())
            })
            .boxed(),
    }
}

fn bad_value(kind: Kind) -> BoxedStrategy<Value> {
    let string = |s: BoxedStrategy<String>| s.prop_map(Value::String).boxed();
    let specific = match kind {
        Kind::Text => string(bad_text()),
        Kind::Code => string(
            prop_oneof![
                Just(String::new()),
                "[0-9][A-Za-z0-9]{0,5}",
                "[A-Za-z]{1,5}[ |`<\\\\\"é][A-Za-z]{1,5}",
                Just("_".to_owned()),
                Just("-.-".to_owned()),
                bad_text(),
            ]
            .boxed(),
        ),
        Kind::Variant => string(
            prop_oneof![
                pick(&[
                    "Self",
                    "ALL",
                    "lower",
                    "Has Space",
                    "r#try",
                    "Émile",
                    "",
                    "_X",
                    "X-Y",
                    "Crate",
                    "All"
                ]),
                "[a-z_][A-Za-z0-9]{0,8}",
                bad_text(),
            ]
            .boxed(),
        ),
        Kind::Key => string(
            prop_oneof![
                pick(&["Bad-Key", "Mode", "", "1x", "_x", "a b", "mode!", "ünï"]),
                "[A-Z0-9_][a-z0-9_]{0,8}",
                bad_text(),
            ]
            .boxed(),
        ),
        Kind::Status => prop_oneof![
            any::<i64>().prop_map(Value::Integer),
            prop::sample::select(&[0i64, 99, 600, -1, 65_536, 65_936, i64::MAX, i64::MIN][..])
                .prop_map(Value::Integer),
            Just(Value::String("400".into())),
            Just(Value::Float(400.0)),
        ]
        .boxed(),
        Kind::Retry | Kind::Category => string(
            prop_oneof![
                pick(&[
                    "Never",
                    "nevr",
                    "backof",
                    "acount",
                    "rate_limiting",
                    "",
                    " never",
                    "never "
                ]),
                bad_text(),
            ]
            .boxed(),
        ),
        Kind::Platforms => prop_oneof![
            Just(Value::Array(Vec::new())),
            prop::collection::vec(
                prop_oneof![
                    3 => pick_word(&PLATFORM).prop_map(Value::String),
                    1 => pick(&["Web", "ios", "android", "weixin", ""]).prop_map(Value::String),
                    1 => any_value(),
                ],
                1..6
            )
            .prop_map(Value::Array),
            pick_word(&PLATFORM).prop_map(Value::String),
        ]
        .boxed(),
    };
    prop_oneof![3 => specific, 1 => any_value()].boxed()
}

/// A TOML value of any type, nested a little.
fn any_value() -> BoxedStrategy<Value> {
    let datetimes: Vec<toml::value::Datetime> = [
        "1979-05-27T07:32:00Z",
        "1979-05-27T00:32:00.999999-07:00",
        "1979-05-27T07:32:00",
        "1979-05-27",
        "07:32:00",
    ]
    .iter()
    .map(|text| text.parse().expect("a valid TOML datetime"))
    .collect();
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::String),
        good_text().prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
        prop::sample::select(datetimes).prop_map(Value::Datetime),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,6}", inner), 0..4)
                .prop_map(|pairs| Value::Table(pairs.into_iter().collect())),
        ]
    })
    .boxed()
}

/// A wrong spelling of `key`.
fn misspelt(key: &'static str) -> BoxedStrategy<String> {
    prop_oneof![
        any::<Index>().prop_map(move |at| {
            let mut chars: Vec<char> = key.chars().collect();
            chars.remove(at.index(chars.len()));
            chars.into_iter().collect()
        }),
        any::<Index>().prop_map(move |at| {
            let mut chars: Vec<char> = key.chars().collect();
            let i = at.index(chars.len());
            let j = (i + 1) % chars.len();
            chars.swap(i, j);
            chars.into_iter().collect()
        }),
        Just(key.to_uppercase()),
        Just(format!("{key}s")),
        Just(key.replace('_', "-")),
        Just(format!(" {key}")),
        ".{1,12}",
    ]
    .boxed()
}

/// A key the format does not have.
fn extra_key() -> BoxedStrategy<String> {
    prop_oneof![
        pick(&["extra", "comment", "Variant", "note", "status", "param", "code", "catalog"]),
        "\\PC{0,12}",
        any::<String>(),
    ]
    .boxed()
}

/// A key of a table with its value, or nothing for a missing key.
type Entry = Option<(String, Value)>;

/// One key of a table: its name (if present at all) and its value.
fn key_value(noise: u32, spec: &'static KeySpec) -> BoxedStrategy<Entry> {
    let value = noisy(noise, good_value(spec.kind), bad_value(spec.kind));
    let right = value
        .clone()
        .prop_map(move |v| Some((spec.name.to_owned(), v)))
        .boxed();
    let wrong_name = (misspelt(spec.name), value)
        .prop_map(|(name, v)| Some((name, v)))
        .boxed();
    let (present, missing) = if spec.required {
        (100 - noise, noise / 2)
    } else {
        (50, 50)
    };
    let misspelt_weight = noise - noise / 2;
    let mut choices: Vec<(u32, BoxedStrategy<Entry>)> = vec![(present, right)];
    if missing > 0 {
        choices.push((missing, Just(None).boxed()));
    }
    if misspelt_weight > 0 {
        choices.push((misspelt_weight, wrong_name));
    }
    proptest::strategy::Union::new_weighted(choices).boxed()
}

/// A table with the keys of `specs`, a few of them wrong at `noise` percent.
fn table(noise: u32, specs: &'static [KeySpec]) -> BoxedStrategy<Value> {
    let keys: Vec<_> = specs.iter().map(|spec| key_value(noise, spec)).collect();
    let extras = if noise == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop_oneof![
            100 - noise => Just(Vec::new()),
            noise => prop::collection::vec((extra_key(), any_value()), 1..3),
        ]
        .boxed()
    };
    (keys, extras)
        .prop_map(|(keys, extras)| {
            let mut table = Table::new();
            for (name, value) in keys.into_iter().flatten().chain(extras) {
                table.insert(name, value);
            }
            Value::Table(table)
        })
        .prop_shuffle_table()
        .boxed()
}

/// Shuffling the keys of a table changes the text and the spans, never the meaning.
trait ShuffleTable {
    fn prop_shuffle_table(self) -> BoxedStrategy<Value>;
}

impl<S: Strategy<Value = Value> + 'static> ShuffleTable for S {
    fn prop_shuffle_table(self) -> BoxedStrategy<Value> {
        (self, any::<u64>())
            .prop_map(|(value, seed)| match value {
                Value::Table(table) => {
                    let mut pairs: Vec<(String, Value)> = table.into_iter().collect();
                    // A small deterministic shuffle driven by the seed, so shrinking works.
                    let mut state = seed | 1;
                    for i in (1..pairs.len()).rev() {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
                        pairs.swap(i, j);
                    }
                    Value::Table(pairs.into_iter().collect())
                }
                other => other,
            })
            .boxed()
    }
}

/// `[[name]]` entries: an array of 0..6 tables, sometimes with a non-table in it, or
/// something that is not an array at all.
fn entries(noise: u32, specs: &'static [KeySpec]) -> BoxedStrategy<Option<Value>> {
    let good = prop::collection::vec(table(noise, specs), 0..6)
        .prop_map(|tables| Some(Value::Array(tables)))
        .boxed();
    let bad = prop_oneof![
        Just(None),
        any_value().prop_map(Some),
        (
            prop::collection::vec(table(noise, specs), 0..3),
            any_value()
        )
            .prop_map(|(mut tables, odd)| {
                tables.push(odd);
                Some(Value::Array(tables))
            }),
    ]
    .boxed();
    noisy(noise, good, bad)
}

/// A whole catalog as a TOML table, with a noise level drawn first so that a good share
/// of catalogs is entirely valid and reaches the emitters.
fn structural_catalog() -> impl Strategy<Value = Table> {
    prop_oneof![Just(0u32), Just(0), Just(1), Just(5), Just(25)].prop_flat_map(|noise| {
        let meta = noisy(
            noise,
            table(noise, META_KEYS).prop_map(Some).boxed(),
            prop_oneof![Just(None), any_value().prop_map(Some)].boxed(),
        );
        let extras = if noise == 0 {
            Just(Vec::new()).boxed()
        } else {
            prop_oneof![
                100 - noise => Just(Vec::new()),
                noise => prop::collection::vec((extra_key(), any_value()), 1..3),
            ]
            .boxed()
        };
        (
            meta,
            entries(noise, CODE_KEYS),
            entries(noise, FIELD_KEYS),
            extras,
        )
            .prop_map(|(meta, codes, fields, extras)| {
                let mut root = Table::new();
                for (name, value) in extras {
                    root.insert(name, value);
                }
                for (name, value) in [("catalog", meta), ("code", codes), ("field", fields)] {
                    if let Some(value) = value {
                        root.insert(name.to_owned(), value);
                    }
                }
                root
            })
    })
}

// ---------------------------------------------------------------------------------------
// Strategy (b): mutations of real catalog text
// ---------------------------------------------------------------------------------------

/// One random edit of a catalog text.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(Index, char),
    Replace(Index, char),
    Delete(Index, usize),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    /// Overwrites a byte; the text is then repaired with `from_utf8_lossy`.
    Byte(Index, u8),
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(
            &[
                '"', '\'', '[', ']', '=', '\n', '\\', '#', '{', '}', ',', '.', ' ', '\t', '\r',
                '|', '<', '`', '-', '_', '0', '9', 'a', 'Z', 'é', '😀', '\u{0}', '\u{7}',
                '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{2028}',
            ][..]
        ),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Insert(at, c)),
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Replace(at, c)),
        2 => (any::<Index>(), 1usize..20).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        let mut chars: Vec<char> = text.chars().collect();
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        text = match mutation {
            Mutation::Insert(at, c) => {
                chars.insert(at.index(chars.len() + 1), *c);
                chars.into_iter().collect()
            }
            Mutation::Replace(at, c) if !chars.is_empty() => {
                let i = at.index(chars.len());
                chars[i] = *c;
                chars.into_iter().collect()
            }
            Mutation::Delete(at, n) if !chars.is_empty() => {
                let start = at.index(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
                chars.into_iter().collect()
            }
            Mutation::DuplicateLine(at) if !lines.is_empty() => {
                let i = at.index(lines.len());
                let line = lines[i].clone();
                lines.insert(i, line);
                lines.concat()
            }
            Mutation::DeleteLine(at) if !lines.is_empty() => {
                lines.remove(at.index(lines.len()));
                lines.concat()
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
                lines.concat()
            }
            Mutation::Byte(at, byte) if !text.is_empty() => {
                let mut bytes = text.clone().into_bytes();
                let i = at.index(bytes.len());
                bytes[i] = *byte;
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => text,
        };
    }
    text
}

fn mutated_catalog() -> impl Strategy<Value = String> {
    (
        prop::sample::select(SEEDS),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|(seed, mutations)| mutate(seed, &mutations))
}

// ---------------------------------------------------------------------------------------
// Strategy (c): the real catalog with some of its values replaced
// ---------------------------------------------------------------------------------------

/// One step from a value to a value inside it.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

/// One edit of the parsed real catalog. Every string, value, key and array item is a
/// possible target, chosen by an index into the list of them.
#[derive(Clone, Debug)]
enum Edit {
    /// Replaces a string value, wherever it is, with other text.
    Text(Index, String),
    /// Replaces a string that the catalog copies verbatim (a description, a label, a
    /// doc), so that the catalog often stays valid and carries the text to the emitters.
    FreeText(Index, String),
    /// Replaces any value but the root with a value of any type.
    Value(Index, Value),
    /// Removes a key from its table.
    Remove(Index),
    /// Copies the first item of an array (such as the first `[[code]]`) to its end.
    Duplicate(Index),
}

/// The path to every value under `value`, depth first, each with whether it is a string.
fn paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, bool)>) {
    out.push((at.clone(), value.is_str()));
    match value {
        Value::Table(table) => {
            for (key, inner) in table {
                at.push(Step::Key(key.clone()));
                paths(inner, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(Step::Item(i));
                paths(inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Table(table), Step::Key(key)) => table.get_mut(key),
            (Value::Array(items), Step::Item(i)) => items.get_mut(*i),
            _ => None,
        })
}

fn apply_edit(root: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    paths(root, &mut Vec::new(), &mut all);
    let ending = |want_key: bool| -> Vec<Vec<Step>> {
        all.iter()
            .map(|(path, _)| path)
            .filter(|path| match path.last() {
                Some(Step::Key(_)) => want_key,
                Some(Step::Item(_)) => !want_key,
                None => false,
            })
            .cloned()
            .collect()
    };
    let free = |path: &Vec<Step>| matches!(path.last(), Some(Step::Key(key)) if FREE_TEXT_KEYS.contains(&key.as_str()));
    match edit {
        Edit::Text(at, text) | Edit::FreeText(at, text) => {
            let strings: Vec<&Vec<Step>> = all
                .iter()
                .filter(|(path, string)| *string && (matches!(edit, Edit::Text(..)) || free(path)))
                .map(|(p, _)| p)
                .collect();
            if !strings.is_empty() {
                let path = strings[at.index(strings.len())].clone();
                if let Some(target) = get_mut(root, &path) {
                    *target = Value::String(text.clone());
                }
            }
        }
        // Not the root: a catalog is a table, or it is not TOML at all.
        Edit::Value(at, value) if all.len() > 1 => {
            let path = all[1 + at.index(all.len() - 1)].0.clone();
            if let Some(target) = get_mut(root, &path) {
                *target = value.clone();
            }
        }
        Edit::Value(..) => {}
        Edit::Remove(at) => {
            let keys = ending(true);
            if !keys.is_empty() {
                let mut path = keys[at.index(keys.len())].clone();
                if let Some(Step::Key(key)) = path.pop() {
                    if let Some(Value::Table(table)) = get_mut(root, &path) {
                        table.remove(&key);
                    }
                }
            }
        }
        Edit::Duplicate(at) => {
            let items = ending(false);
            if !items.is_empty() {
                let mut path = items[at.index(items.len())].clone();
                path.pop();
                if let Some(Value::Array(array)) = get_mut(root, &path) {
                    if let Some(first) = array.first().cloned() {
                        array.push(first);
                    }
                }
            }
        }
    }
}

/// The keys whose strings the catalog copies verbatim into docs and literals.
const FREE_TEXT_KEYS: &[&str] = &[
    "description",
    "troubleshooting",
    "notes",
    "field",
    "source",
    "provenance",
    "label",
    "doc",
];

/// Text for a string anywhere in the catalog: hostile text most of the time, and words
/// that other entries refer to or that the format knows, so that references and rules
/// sometimes still hold.
fn replacement_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => good_text(),
        2 => "[a-z][a-z0-9_]{0,8}",
        2 => pick(&[
            "never", "backoff", "account", "web", "wechat", "string", "integer", "boolean",
            "init", "global", "one_of", "text", "custom", "id_selector", "certify_id",
            "lower", "upper", "digit", "error", "warning", "official", "inferred", "mode",
            "prefix", "general_type", "element_or_button", "IllegalCertifyId", "Throttling",
            "cn", "en", "Self", "ALL", "self", "r#type", "type", "fn", "_", "", "0",
        ]),
        1 => bad_text(),
    ]
    .boxed()
}

fn value_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (any::<Index>(), good_text()).prop_map(|(at, text)| Edit::FreeText(at, text)),
        3 => (any::<Index>(), replacement_text()).prop_map(|(at, text)| Edit::Text(at, text)),
        1 => (any::<Index>(), any_value()).prop_map(|(at, value)| Edit::Value(at, value)),
        1 => any::<Index>().prop_map(Edit::Remove),
        1 => any::<Index>().prop_map(Edit::Duplicate),
    ]
}

fn edited_catalog() -> impl Strategy<Value = Value> {
    let real: Table = toml::from_str(SEEDS[0]).expect("the real catalog is valid TOML");
    let real = Value::Table(real);
    prop::collection::vec(value_edit(), 1..4).prop_map(move |edits| {
        let mut catalog = real.clone();
        for edit in &edits {
            apply_edit(&mut catalog, edit);
        }
        catalog
    })
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default_cases),
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn structural_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(256).run(&structural_catalog(), |table| {
        let source = toml::to_string(&table)
            .map_err(|error| TestCaseError::fail(format!("toml cannot write it: {error}")))?;
        check_source(&source, &stats)
    });
    let (accepted, rejected) = stats.report("structural catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    let total = accepted + rejected;
    assert!(
        accepted * 10 >= total && rejected * 10 >= total,
        "the strategy should make at least 10% good and 10% bad catalogs, made {accepted} good and {rejected} bad"
    );
    assert!(
        stats.codes.load(Ordering::Relaxed) > 0 && stats.fields.load(Ordering::Relaxed) > 0,
        "no accepted catalog had a code and a field, so the emitters were barely reached"
    );
}

#[test]
fn mutated_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(128).run(&mutated_catalog(), |source| check_source(&source, &stats));
    let (accepted, rejected) = stats.report("mutated catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(
        accepted > 0 && rejected > 0,
        "mutations should leave some catalogs valid and break others, got {accepted} and {rejected}"
    );
}

#[test]
fn edited_real_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(128).run(&edited_catalog(), |catalog| {
        let source = toml::to_string(&catalog)
            .map_err(|error| TestCaseError::fail(format!("toml cannot write it: {error}")))?;
        check_source(&source, &stats)
    });
    let (accepted, rejected) = stats.report("edited real catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(
        accepted > 0 && rejected > 0,
        "edits should leave some catalogs valid and break others, got {accepted} and {rejected}"
    );
}

#[test]
fn the_seed_catalogs_keep_every_property() {
    for seed in SEEDS {
        let stats = Stats::default();
        check_source(seed, &stats).unwrap();
        assert_eq!(stats.accepted.load(Ordering::Relaxed), 1);
    }
}

#[test]
fn the_table_check_finds_a_broken_row() {
    assert_eq!(cells("| a | b \\| c | d \\\\|"), 3);
    let good = "| A | B |\n| --- | --- |\n| x \\| y | z |\n";
    assert!(check_tables("good", good, &[3]).is_ok());
    let unescaped = "| A | B |\n| --- | --- |\n| x | y | z |\n";
    assert!(check_tables("unescaped", unescaped, &[3]).is_err());
    let split = "| A | B |\n| --- | --- |\n| x<br>y | z |\n| x\ny | z |\n";
    assert!(check_tables("split", split, &[4]).is_err());
}
