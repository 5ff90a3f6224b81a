//! Text and values for the strategies: hostile text, TOML values of any type, misspellings,
//! and the words, keys and names of the real catalogs.

use std::sync::OnceLock;

use codegen::model::Catalog;
use proptest::prelude::*;
use proptest::sample::Index;
use toml::Value;

use crate::REAL;

/// The real catalogs as `codegen::parse` reads them.
fn real_catalogs() -> &'static [Catalog] {
    static PARSED: OnceLock<Vec<Catalog>> = OnceLock::new();
    PARSED.get_or_init(|| {
        REAL.iter()
            .map(|(path, text)| {
                codegen::parse(text)
                    .unwrap_or_else(|problems| panic!("{path} does not parse: {problems:?}"))
            })
            .collect()
    })
}

/// What `of` finds in each real catalog, sorted, each once.
fn from_real<I: IntoIterator<Item = String>>(of: impl Fn(&'static Catalog) -> I) -> Vec<String> {
    let mut found: Vec<String> = real_catalogs().iter().flat_map(of).collect();
    found.sort();
    found.dedup();
    found
}

/// Every word of every vocabulary of the real catalogs.
pub(crate) fn real_words() -> Vec<String> {
    from_real(|catalog| {
        let words = catalog.vocabularies.iter().flat_map(|v| &v.words);
        words.map(|word| word.word.clone())
    })
}

/// The key of every row of every table of the real catalogs.
pub(crate) fn real_keys() -> Vec<String> {
    from_real(|catalog| {
        let rows = catalog
            .tables
            .iter()
            .flat_map(|t| t.rows.iter().map(move |r| (t, r)));
        rows.map(|(table, row)| table.key_of(row).to_owned())
    })
}

/// The snake_case names of the real catalogs: vocabularies, tables and columns.
pub(crate) fn real_names() -> Vec<String> {
    from_real(|catalog| {
        let vocabularies = catalog.vocabularies.iter().map(|v| v.name.clone());
        let tables = catalog.tables.iter().map(|t| t.name.clone());
        let columns = catalog.tables.iter().flat_map(|t| &t.columns);
        vocabularies
            .chain(tables)
            .chain(columns.map(|c| c.name.clone()))
    })
}

/// The type names of the real catalogs.
pub(crate) fn real_type_names() -> Vec<String> {
    from_real(|catalog| {
        let vocabularies = catalog.vocabularies.iter().map(|v| v.type_name.clone());
        vocabularies.chain(catalog.tables.iter().map(|t| t.type_name.clone()))
    })
}

/// Pieces of text that are hard to carry into Rust and Markdown, yet allowed in a catalog.
#[rustfmt::skip]
const HOSTILE: &[&str] = &[
    "|", "\\", "\\|", "|\\", "\"", "'", "\n", "\r\n", "\t", "<b>", "</b>", "<script>", "&",
    "&amp;", "*/", "/*", "//", "#", "\"#", "r#\"", "`", "```", "```rust", "{}", "{{", "}}", "😀",
    "👩\u{200D}👩\u{200D}👧", "漢字", "中文错误", "é", "e\u{301}", "\u{2028}", "\u{FEFF}", "\u{200B}",
    "    ", "- ", "> ", "[x](y)", "<!--", "-->", "\\n", "\\u{41}", "%s", "{0}", "<br>", "*",
    "_", "~", "]]", "[[", "=", "$", "//!", "///", " ", "  ",
];

/// Characters a catalog may not hold in its strings.
const FORBIDDEN: &[&str] = &[
    "\u{0}", "\u{7}", "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{202E}", "\u{2066}", "\u{200F}",
    "\u{061C}",
];

/// Words that hold no whitespace or backtick, as a vocabulary's words must, yet are
/// hard to carry into Rust and Markdown.
pub(crate) const HOSTILE_WORDS: &[&str] = &[
    "a|b", "<b>", "&amp;", "\\", "\"q\"", "漢字", "😀", "*x*", "[x]", "x]]", "#", "é", "r#\"",
    "*/", "--", "_",
];

pub(crate) fn pick(words: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(words).prop_map(str::to_owned).boxed()
}

/// One of `words`.
pub(crate) fn pick_owned(words: Vec<String>) -> BoxedStrategy<String> {
    prop::sample::select(words).boxed()
}

/// `good` most of the time and `bad` `noise` percent of the time.
pub(crate) fn noisy<T: std::fmt::Debug + 'static>(
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
pub(crate) fn good_text() -> BoxedStrategy<String> {
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
pub(crate) fn bad_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[ \t\n]{1,5}",
        (good_text(), pick(FORBIDDEN), good_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        any::<String>(),
        ".{0,40}",
    ]
    .boxed()
}

/// A TOML value of any type, nested a little.
pub(crate) fn any_value() -> BoxedStrategy<Value> {
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

/// How to misspell a key; applied once the key is known.
#[derive(Clone, Debug)]
pub(crate) enum Misspelling {
    DropChar(Index),
    SwapChars(Index),
    Upper,
    Plural,
    Hyphens,
    LeadingSpace,
    Other(String),
}

impl Misspelling {
    pub(crate) fn apply(&self, key: &str) -> String {
        let mut chars: Vec<char> = key.chars().collect();
        match self {
            Misspelling::DropChar(at) if !chars.is_empty() => {
                chars.remove(at.index(chars.len()));
                chars.into_iter().collect()
            }
            Misspelling::SwapChars(at) if chars.len() > 1 => {
                let (len, i) = (chars.len(), at.index(chars.len()));
                chars.swap(i, (i + 1) % len);
                chars.into_iter().collect()
            }
            Misspelling::Upper => key.to_uppercase(),
            Misspelling::Plural => format!("{key}s"),
            Misspelling::Hyphens => key.replace('_', "-"),
            Misspelling::LeadingSpace => format!(" {key}"),
            Misspelling::Other(other) => other.clone(),
            _ => format!("{key}_"),
        }
    }
}

pub(crate) fn misspelling() -> BoxedStrategy<Misspelling> {
    prop_oneof![
        2 => any::<Index>().prop_map(Misspelling::DropChar),
        2 => any::<Index>().prop_map(Misspelling::SwapChars),
        1 => Just(Misspelling::Upper),
        1 => Just(Misspelling::Plural),
        1 => Just(Misspelling::Hyphens),
        1 => Just(Misspelling::LeadingSpace),
        1 => ".{1,12}".prop_map(Misspelling::Other),
    ]
    .boxed()
}

/// A key the format does not have.
pub(crate) fn extra_key() -> BoxedStrategy<String> {
    prop_oneof![pick(EXTRA_KEYS), "\\PC{0,12}", any::<String>()].boxed()
}

/// Keys the format has somewhere, or nearly has, but not where they are put.
#[rustfmt::skip]
const EXTRA_KEYS: &[&str] = &[
    "extra", "comment", "Variant", "note", "status", "param", "code", "catalog", "table",
    "vocabulary", "deprecated", "variant",
];
