//! Line endings: generation always writes `\n`, but a checkout made with
//! `core.autocrlf=true` (the Git for Windows default) holds `\r\n` in every text file.
//! These helpers let the drift check and the catalog reading ignore that difference,
//! and only that one: a carriage return that does not start a `\r\n` is text and counts.

use std::borrow::Cow;

/// Whether `on_disk` and `generated` hold the same text once every `\r\n` in either is
/// read as `\n`; a lone `\r` is compared like any other character. So a file checked out
/// with CRLF endings, even mixed with LF ones, matches what generation wrote with LF.
pub fn same_text(on_disk: &str, generated: &str) -> bool {
    on_disk == generated || to_lf(on_disk) == to_lf(generated)
}

/// `text` with every `\r\n` replaced by `\n`. A `\r` not followed by `\n` stays, so TOML
/// syntax errors and control-character checks still see it. Borrows when there is
/// nothing to replace.
pub fn to_lf(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_lf_replaces_every_crlf() {
        assert_eq!(to_lf("a\r\nb\r\n"), "a\nb\n");
        assert_eq!(to_lf("\r\n\r\n"), "\n\n");
        assert_eq!(to_lf("mixed\r\nand\nplain\r\n"), "mixed\nand\nplain\n");
    }

    #[test]
    fn to_lf_leaves_a_lone_carriage_return() {
        assert_eq!(to_lf("a\rb"), "a\rb");
        assert_eq!(to_lf("a\r"), "a\r");
        assert_eq!(to_lf("\n\r"), "\n\r");
        // Only the `\r` right before the `\n` goes.
        assert_eq!(to_lf("a\r\r\n"), "a\r\n");
    }

    #[test]
    fn to_lf_borrows_when_nothing_changes() {
        for text in ["", "a\nb\n", "lone\rreturn", "é\n"] {
            assert!(
                matches!(to_lf(text), Cow::Borrowed(same) if same == text),
                "{text:?}"
            );
        }
        assert!(matches!(to_lf("a\r\n"), Cow::Owned(_)));
    }

    #[test]
    fn to_lf_keeps_other_text_intact() {
        assert_eq!(to_lf("é\r\n→\r\n"), "é\n→\n");
    }

    #[test]
    fn same_text_ignores_crlf_against_lf() {
        assert!(same_text("", ""));
        assert!(same_text("a\nb\n", "a\nb\n"));
        assert!(same_text("a\r\nb\r\n", "a\nb\n"));
        assert!(same_text("a\nb\n", "a\r\nb\r\n"));
        assert!(same_text("a\r\nb\n", "a\nb\r\n"));
    }

    #[test]
    fn same_text_sees_real_differences() {
        assert!(!same_text("a\r\nb\r\n", "a\nc\n"));
        assert!(!same_text("a\nb", "a\nb\n"));
        assert!(!same_text("a\r\n", "a"));
        assert!(!same_text("a\n", "a\n\n"));
    }

    #[test]
    fn same_text_counts_a_lone_carriage_return() {
        assert!(!same_text("a\rb", "a\nb"));
        assert!(!same_text("a\rb", "ab"));
        assert!(!same_text("a\r", "a"));
        assert!(!same_text("a\r\r\n", "a\n"));
        assert!(!same_text("a\r\r\n", "a\r\n"));
    }
}
