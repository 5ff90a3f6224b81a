//! Refuses text that could hide what a catalog says: bidirectional controls anywhere in
//! the file (Trojan Source, CVE-2021-42574), and control characters in any string or key
//! once TOML escapes are decoded. Newlines and tabs stay allowed, as does a carriage
//! return that starts a Windows line ending.

use crate::diagnostic::{Diagnostic, Span};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Characters that reorder how text is displayed.
const BIDI_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Whether `c` is a bidirectional control character.
pub fn is_bidi_control(c: char) -> bool {
    BIDI_CONTROLS.contains(&c)
}

/// Every bidirectional control in the raw file, comments included, each at its place.
pub fn check_source(source: &str) -> Vec<Diagnostic> {
    source
        .char_indices()
        .filter(|(_, c)| is_bidi_control(*c))
        .map(|(at, c)| {
            Diagnostic::new(
                at..at + c.len_utf8(),
                format!(
                    "the catalog holds the bidirectional control character {}, which can make text display differently from what it is",
                    code_point(c)
                ),
            )
            .with_help("delete it; catalog text may not hold bidirectional controls (CVE-2021-42574)")
        })
        .collect()
}

/// Every control character in the decoded strings and keys of `table`, and every
/// bidirectional control written as an escape (`\u202E`); `source` is the file text,
/// so that a bidirectional control written raw, which [`check_source`] reports, is not
/// reported twice.
pub fn check_table(table: &DeTable<'_>, source: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    walk_table(table, source, &mut diagnostics);
    diagnostics
}

fn walk_table(table: &DeTable<'_>, source: &str, diagnostics: &mut Vec<Diagnostic>) {
    for (key, value) in table.iter() {
        check_text(key.get_ref(), key.span(), "a key", source, diagnostics);
        walk_value(value, &format!("`{}`", key.get_ref()), source, diagnostics);
    }
}

fn walk_value(
    value: &Spanned<DeValue<'_>>,
    what: &str,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match value.get_ref() {
        DeValue::String(text) => check_text(text, value.span(), what, source, diagnostics),
        DeValue::Array(items) => {
            let item = format!("an item of {what}");
            for element in items.iter() {
                walk_value(element, &item, source, diagnostics);
            }
        }
        DeValue::Table(table) => walk_table(table, source, diagnostics),
        _ => {}
    }
}

fn check_text(text: &str, span: Span, what: &str, source: &str, diagnostics: &mut Vec<Diagnostic>) {
    // Printable ASCII, line breaks and tabs hold no control character: most text is that.
    if text
        .bytes()
        .all(|byte| matches!(byte, b' '..=b'~' | b'\n' | b'\t'))
    {
        return;
    }
    let raw = source.get(span.clone()).unwrap_or("");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let problem = match c {
            '\n' | '\t' => None,
            '\r' if chars.peek() == Some(&'\n') => None,
            c if is_bidi_control(c) && raw.contains(c) => None,
            c if is_bidi_control(c) => Some(
                Diagnostic::new(
                    span.clone(),
                    format!(
                        "{what} holds the bidirectional control character {}, written as an escape",
                        code_point(c)
                    ),
                )
                .with_help("remove the escape; catalog text may not hold bidirectional controls (CVE-2021-42574)"),
            ),
            c if c.is_control() => Some(
                Diagnostic::new(
                    span.clone(),
                    format!("{what} holds the control character {}", code_point(c)),
                )
                .with_help("remove it; catalog text may hold line breaks and tabs, but no other control characters"),
            ),
            _ => None,
        };
        if let Some(problem) = problem {
            diagnostics.push(problem);
            return;
        }
    }
}

fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_problems(source: &str) -> Vec<String> {
        let table = DeTable::parse(source).unwrap();
        check_table(table.get_ref(), source)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn finds_raw_bidi_controls_anywhere() {
        let source = "# comment \u{202E} here\na = \"x\u{2066}y\"\n";
        let found = check_source(source);
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].span.clone()], "\u{202E}");
        assert!(found[1].message.contains("U+2066"));
    }

    #[test]
    fn finds_escaped_controls_in_strings_and_keys() {
        assert_eq!(
            table_problems("a = \"bell \\u0007\"\n\"k\\u001b\" = 1\nb = [\"\\u202e\"]\n"),
            vec![
                "`a` holds the control character U+0007",
                "a key holds the control character U+001B",
                "an item of `b` holds the bidirectional control character U+202E, written as an escape",
            ]
        );
    }

    #[test]
    fn allows_newlines_tabs_and_windows_line_endings() {
        assert!(table_problems("a = \"one\\ntwo\\tthree\\r\\nfour\"\n").is_empty());
        assert_eq!(
            table_problems("a = \"lone \\r return\"\n"),
            vec!["`a` holds the control character U+000D"]
        );
    }
}

#[cfg(test)]
mod raw_bidi_tests {
    use super::*;

    #[test]
    fn a_raw_bidi_control_in_a_string_is_reported_once() {
        let source = "a = \"x\u{202E}y\"\n";
        let table = DeTable::parse(source).unwrap();
        assert!(check_table(table.get_ref(), source).is_empty());
        assert_eq!(check_source(source).len(), 1);
    }
}
