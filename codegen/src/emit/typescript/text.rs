//! Small pieces every TypeScript emitter uses: string literals, doc comments, property
//! keys and accesses. Catalog text reaches a module only through [`literal`] and
//! [`doc`], so no text can end a string or a comment early. The module's top-level
//! names are reserved by the checker (see [`crate::names::typescript`]).

use crate::emit::schema::json;
use crate::names::is_typescript_identifier as is_identifier_name;

/// `text` as a TypeScript string literal (a JSON string with every line terminator and
/// invisible control escaped).
pub(crate) fn literal(text: &str) -> String {
    json::string(text)
}

/// A number as a TypeScript literal. Every number of a checked catalog is finite (the
/// loader refuses others).
pub(crate) fn number(value: f64) -> String {
    json::number(value)
}

/// A `/** … */` comment, indented by `indent`, one line per line of `lines` (each may
/// hold line breaks). `*/` in the text is written `*\/`, so the text cannot close the
/// comment.
pub(crate) fn doc(indent: &str, lines: &[String]) -> String {
    let mut body: Vec<String> = Vec::new();
    for line in lines {
        let safe = line.replace("*/", "*\\/");
        for part in safe.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            wrap(part.trim_end(), &mut body);
        }
    }
    if body.len() == 1 {
        return format!("{indent}/** {} */\n", body[0]);
    }
    let mut out = format!("{indent}/**\n");
    for line in body {
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The longest line of doc text before it wraps.
const DOC_WIDTH: usize = 96;

/// `text` split at spaces into lines of at most [`DOC_WIDTH`] characters (a longer word
/// stays whole); an empty text stays one empty line.
fn wrap(text: &str, lines: &mut Vec<String>) {
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > DOC_WIDTH {
            lines.push(std::mem::take(&mut line));
        } else if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
}

/// A one-line doc comment.
pub(crate) fn doc1(indent: &str, line: &str) -> String {
    doc(indent, &[line.to_owned()])
}

/// A key in an object literal or type: bare when it is an identifier name, quoted
/// otherwise; `__proto__` is computed, because as a plain key it would set the
/// prototype instead of creating a property.
pub(crate) fn key(name: &str) -> String {
    if name == "__proto__" {
        format!("[{}]", literal(name))
    } else if is_identifier_name(name) {
        name.to_owned()
    } else {
        literal(name)
    }
}

/// `object.name`, or `object["name"]` when `name` is not an identifier name.
pub(crate) fn member(object: &str, name: &str) -> String {
    if is_identifier_name(name) && name != "__proto__" {
        format!("{object}.{name}")
    } else {
        format!("{object}[{}]", literal(name))
    }
}

/// The string-literal union of `values`, `never` when there is none.
/// On one line after a space when it is short, one member per line otherwise, so that
/// `type X =` can be followed by it directly.
pub(crate) fn union<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> String {
    let parts: Vec<String> = values.into_iter().map(|v| literal(v.as_ref())).collect();
    let one_line = parts.join(" | ");
    if parts.is_empty() {
        " never".to_owned()
    } else if one_line.len() <= DOC_WIDTH - 20 {
        format!(" {one_line}")
    } else {
        format!("\n  | {}", parts.join("\n  | "))
    }
}

/// An `as const` array literal of strings, on one line.
pub(crate) fn string_array<S: AsRef<str>>(values: impl IntoIterator<Item = S>) -> String {
    let parts: Vec<String> = values.into_iter().map(|v| literal(v.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_cannot_be_closed_by_text() {
        let text = doc("", &["ends */ here\nnext\u{2028}line".to_owned()]);
        assert_eq!(text, "/**\n * ends *\\/ here\n * next\n * line\n */\n");
        assert_eq!(doc1("  ", "one"), "  /** one */\n");
    }

    #[test]
    fn keys_and_members_are_safe_for_any_name() {
        assert_eq!(key("code"), "code");
        assert_eq!(
            key("Forbidden.AccountAccessDenied"),
            "\"Forbidden.AccountAccessDenied\""
        );
        assert_eq!(key("__proto__"), "[\"__proto__\"]");
        assert_eq!(key("1x"), "\"1x\"");
        assert_eq!(
            member("rows", "slideStyle.width"),
            "rows[\"slideStyle.width\"]"
        );
        assert_eq!(member("rows", "default"), "rows.default");
    }
}
