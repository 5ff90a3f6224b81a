//! Strategy (c): a real catalog, parsed, with some of its values replaced.

use proptest::prelude::*;
use proptest::sample::Index;
use toml::Value;

use crate::values::{
    any_value, bad_text, extra_key, good_text, misspelling, pick, pick_owned, real_keys,
    real_words, Misspelling, HOSTILE_WORDS,
};
use crate::REAL;

/// One step from a value to a value inside it.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

/// One edit of a parsed catalog. Every string, value, key and array item is a possible
/// target, chosen by an index into the list of them.
#[derive(Clone, Debug)]
pub(crate) enum Edit {
    /// Replaces a string value, wherever it is, with other text.
    Text(Index, String),
    /// Replaces a string that the catalog copies verbatim (a description, a label, a
    /// doc), so that the catalog often stays valid and carries the text to the emitters.
    FreeText(Index, String),
    /// Replaces any value but the root with a value of any type.
    Value(Index, Value),
    /// Removes a key from its table.
    Remove(Index),
    /// Renames a key of its table.
    Rename(Index, Misspelling),
    /// Adds a key to a table.
    Add(Index, String, Value),
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

fn get<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Table(table), Step::Key(key)) => table.get(key),
            (Value::Array(items), Step::Item(i)) => items.get(*i),
            _ => None,
        })
}

fn get_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Table(table), Step::Key(key)) => table.get_mut(key),
            (Value::Array(items), Step::Item(i)) => items.get_mut(*i),
            _ => None,
        })
}

pub(crate) fn apply_edit(root: &mut Value, edit: &Edit) {
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
        Edit::Remove(at) | Edit::Rename(at, _) => {
            let keys = ending(true);
            if !keys.is_empty() {
                let mut path = keys[at.index(keys.len())].clone();
                if let Some(Step::Key(key)) = path.pop() {
                    if let Some(Value::Table(table)) = get_mut(root, &path) {
                        if let Some(value) = table.remove(&key) {
                            if let Edit::Rename(_, how) = edit {
                                table.insert(how.apply(&key), value);
                            }
                        }
                    }
                }
            }
        }
        Edit::Add(at, key, value) => {
            let tables: Vec<&Vec<Step>> = all
                .iter()
                .filter(|(path, _)| matches!(get(root, path), Some(Value::Table(_))))
                .map(|(p, _)| p)
                .collect();
            if !tables.is_empty() {
                let path = tables[at.index(tables.len())].clone();
                if let Some(Value::Table(table)) = get_mut(root, &path) {
                    table.insert(key.clone(), value.clone());
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
#[rustfmt::skip]
const FREE_TEXT_KEYS: &[&str] = &[
    "name", "description", "troubleshooting", "notes", "field", "source", "provenance",
    "label", "doc", "title", "noun", "deprecated", "meaning", "advice",
];

/// Text for a string anywhere in a catalog: hostile text most of the time, and words
/// that other entries refer to or that the format knows, so that references and rules
/// sometimes still hold.
fn replacement_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => good_text(),
        2 => "[a-z][a-z0-9_]{0,8}",
        2 => pick_owned(real_words()),
        2 => pick_owned(real_keys()),
        2 => pick(&[
            "string", "integer", "boolean", "number", "object", "function", "one_of", "text",
            "custom", "id_selector", "certify_id", "any", "lower", "upper", "digit", "error",
            "warning", "official", "observed", "inferred", "key", "word", "words",
            "http_status", "Self", "ALL", "self", "r#type", "type", "fn", "_", "", "0",
            "init", "verify", "api", "docs/init.md", "docs/api.md", "ErrorCode", "ApiError",
            "VerifyCode", "FieldError", "Param", "Raised", "code", "field",
        ]),
        1 => pick(HOSTILE_WORDS),
        1 => bad_text(),
    ]
    .boxed()
}

pub(crate) fn value_edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        6 => (any::<Index>(), good_text()).prop_map(|(at, text)| Edit::FreeText(at, text)),
        3 => (any::<Index>(), replacement_text()).prop_map(|(at, text)| Edit::Text(at, text)),
        1 => (any::<Index>(), any_value()).prop_map(|(at, value)| Edit::Value(at, value)),
        1 => any::<Index>().prop_map(Edit::Remove),
        1 => (any::<Index>(), misspelling()).prop_map(|(at, how)| Edit::Rename(at, how)),
        1 => (any::<Index>(), extra_key(), any_value()).prop_map(|(at, key, value)| Edit::Add(at, key, value)),
        1 => any::<Index>().prop_map(Edit::Duplicate),
    ]
    .boxed()
}

/// An edited real catalog: which one, the catalog, whether the other real catalogs are
/// generated with it, and whether the record of published keys is given.
#[derive(Clone, Debug)]
pub(crate) struct EditedCatalog {
    pub(crate) which: usize,
    pub(crate) catalog: Value,
    pub(crate) together: bool,
    pub(crate) published: bool,
}

pub(crate) fn edited_catalog() -> impl Strategy<Value = EditedCatalog> {
    let parsed: Vec<Value> = REAL
        .iter()
        .map(|(path, text)| {
            Value::Table(toml::from_str(text).unwrap_or_else(|e| panic!("{path} is not TOML: {e}")))
        })
        .collect();
    (
        0..REAL.len(),
        prop::collection::vec(value_edit(), 1..4),
        prop::bool::weighted(0.3),
        any::<bool>(),
    )
        .prop_map(move |(which, edits, together, published)| {
            let mut catalog = parsed[which].clone();
            for edit in &edits {
                apply_edit(&mut catalog, edit);
            }
            EditedCatalog {
                which,
                catalog,
                together,
                published,
            }
        })
}
