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

/// Every control character in the decoded strings and keys of `table`. Bidirectional
/// controls written as escapes (`\u202E`) are found here too.
pub fn check_table(table: &DeTable<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    walk_table(table, &mut diagnostics);
    diagnostics
}

fn walk_table(table: &DeTable<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (key, value) in table.iter() {
        check_text(key.get_ref(), key.span(), "a key", diagnostics);
        walk_value(value, diagnostics);
    }
}

fn walk_value(value: &Spanned<DeValue<'_>>, diagnostics: &mut Vec<Diagnostic>) {
    match value.get_ref() {
        DeValue::String(text) => check_text(text, value.span(), "a string", diagnostics),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(item, diagnostics);
            }
        }
        DeValue::Table(table) => walk_table(table, diagnostics),
        _ => {}
    }
}

fn check_text(text: &str, span: Span, what: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            _ => !(c.is_control() || is_bidi_control(c)),
        };
        if !allowed {
            diagnostics.push(
                Diagnostic::new(
                    span,
                    format!("{what} holds the control character {}", code_point(c)),
                )
                .with_help("remove it; catalog text may hold line breaks and tabs, but no other control characters"),
            );
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
        check_table(table.get_ref())
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
                "a string holds the control character U+0007",
                "a key holds the control character U+001B",
                "a string holds the control character U+202E",
            ]
        );
    }

    #[test]
    fn allows_newlines_tabs_and_windows_line_endings() {
        assert!(table_problems("a = \"one\\ntwo\\tthree\\r\\nfour\"\n").is_empty());
        assert_eq!(
            table_problems("a = \"lone \\r return\"\n"),
            vec!["a string holds the control character U+000D"]
        );
    }
}
