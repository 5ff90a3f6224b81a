//! A small JSON document that keeps its keys in the order they were added, and its
//! printer. serde_json escapes every string and writes every number, so any catalog text
//! is safe here; this module only lays the document out. [`string`] is also the string
//! literal of the TypeScript emitter.

use std::fmt::Write as _;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A finite number; a non-finite one, which JSON cannot hold, is written as `null`.
    Float(f64),
    /// A string.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its members in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A string value.
    pub(crate) fn str(text: impl Into<String>) -> Json {
        Json::Str(text.into())
    }

    /// An object from `(key, value)` pairs.
    pub(crate) fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// An array of strings.
    pub(crate) fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Json {
        Json::Array(items.into_iter().map(|s| Json::str(s.as_ref())).collect())
    }

    fn is_scalar(&self) -> bool {
        !matches!(self, Json::Array(_) | Json::Object(_))
    }
}

/// `text` as a JSON string literal, which is also a valid JavaScript and TypeScript
/// string literal: serde_json escapes quotes, backslashes and control characters, and
/// this escapes the characters JSON allows raw but that could end a TypeScript string or
/// hide what the text says: U+2028 and U+2029 (line terminators to TypeScript), the
/// other control characters, whitespace other than ASCII's (which reads as a plain
/// space), the byte-order mark and bidirectional controls.
pub(crate) fn string(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""));
    // Printable ASCII (most catalog text) has nothing more to escape.
    if quoted.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return quoted;
    }
    let mut out = String::with_capacity(quoted.len());
    for c in quoted.chars() {
        let hidden = c.is_control()
            || (c.is_whitespace() && !c.is_ascii())
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
            || crate::text_safety::is_bidi_control(c);
        if hidden {
            // Every such character is in the Basic Multilingual Plane: one `\uXXXX`.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// A number as JSON and JavaScript write it (`320.0`, `1e-7`); `null` if not finite.
pub(crate) fn number(value: f64) -> String {
    serde_json::Number::from_f64(value).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

/// A whole document: an object whose first member, on the first line, is `$comment`
/// holding `comment` (the generated-by line), then `members`, two spaces per level.
pub(crate) fn document(comment: &str, members: Vec<(String, Json)>) -> String {
    let mut out = format!("{{ \"$comment\": {}", string(comment));
    for (key, value) in &members {
        out.push_str(",\n  ");
        out.push_str(&string(key));
        out.push_str(": ");
        write_value(&mut out, value, 1);
    }
    out.push_str("\n}\n");
    out
}

fn write_value(out: &mut String, value: &Json, depth: usize) {
    match value {
        Json::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Json::Int(number) => out.push_str(&number.to_string()),
        Json::Float(value) => out.push_str(&number(*value)),
        Json::Str(text) => out.push_str(&string(text)),
        Json::Array(items) if items.is_empty() => out.push_str("[]"),
        Json::Array(items) if items.iter().all(Json::is_scalar) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, depth + 1);
            }
            out.push(']');
        }
        Json::Array(items) => {
            out.push('[');
            write_items(out, items.iter().map(|item| (None, item)), depth);
            out.push(']');
        }
        Json::Object(members) if members.is_empty() => out.push_str("{}"),
        Json::Object(members) => {
            out.push('{');
            write_items(out, members.iter().map(|(k, v)| (Some(k), v)), depth);
            out.push('}');
        }
    }
}

/// The members of an array or object, one per line, indented one level deeper.
fn write_items<'a>(
    out: &mut String,
    items: impl Iterator<Item = (Option<&'a String>, &'a Json)>,
    depth: usize,
) {
    let inner = "  ".repeat(depth + 1);
    let mut first = true;
    for (key, value) in items {
        out.push_str(if first { "\n" } else { ",\n" });
        first = false;
        out.push_str(&inner);
        if let Some(key) = key {
            out.push_str(&string(key));
            out.push_str(": ");
        }
        write_value(out, value, depth + 1);
    }
    out.push('\n');
    out.push_str(&"  ".repeat(depth));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_text_round_trips_through_a_string_literal() {
        let hostile = "quote \" back \\ nl \n cr \r tab \t nul \0 del \u{7f} nel \u{85} \
                       ls \u{2028} ps \u{2029} nbsp \u{a0} ideographic \u{3000} bom \u{feff} rlo \u{202e} astral 😀 */ </script>";
        let literal = string(hostile);
        let parsed: String = serde_json::from_str(&literal).expect("valid JSON");
        assert_eq!(parsed, hostile);
        for raw in [
            '\n', '\r', '\u{2028}', '\u{2029}', '\u{202e}', '\0', '\u{85}', '\u{a0}', '\u{3000}',
        ] {
            assert!(!literal.contains(raw), "{raw:?} is written raw");
        }
        assert!(literal.contains('😀'), "printable text stays readable");
    }

    #[test]
    fn documents_start_with_the_comment_and_parse_in_order() {
        let text = document(
            "@generated by a test",
            vec![
                ("b".to_owned(), Json::Int(1)),
                ("a".to_owned(), Json::strings(["x", "y"])),
                (
                    "nested".to_owned(),
                    Json::object([
                        ("z", Json::Float(0.5)),
                        (
                            "y",
                            Json::Array(vec![Json::object([("k", Json::Bool(true))])]),
                        ),
                        ("e", Json::Object(Vec::new())),
                    ]),
                ),
            ],
        );
        assert!(text.starts_with("{ \"$comment\": \"@generated by a test\",\n"));
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(value["nested"]["y"][0]["k"], serde_json::json!(true));
        let b = text.find("\"b\"").expect("b");
        let a = text.find("\"a\"").expect("a");
        assert!(b < a, "members keep their order:\n{text}");
    }

    #[test]
    fn numbers_are_javascript_literals() {
        assert_eq!(number(320.0), "320.0");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(f64::NAN), "null");
    }
}
