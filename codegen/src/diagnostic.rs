//! Problems found in a catalog: what is wrong, where (a byte span into the catalog text),
//! and what to do about it. Rendering with source snippets is left to the caller; this
//! module only knows how to turn a byte offset into a line and column.

use std::ops::Range;

/// A byte range into the catalog text.
pub type Span = Range<usize>;

/// One problem in a catalog. Catalog problems are always errors: a catalog with any
/// diagnostic generates nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Other places that explain the problem, such as the first of two duplicates.
    pub labels: Vec<Label>,
    /// What to do about it, in one sentence.
    pub help: Option<String>,
}

/// A secondary place attached to a [`Diagnostic`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The place.
    pub span: Span,
    /// What it has to do with the problem.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `span` saying `message`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds what to do about the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary place.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Renders the diagnostic as plain text: `path:line:col: message`, then the help line,
    /// then one `path:line:col: note: …` line per label.
    pub fn render_plain(&self, path: &str, source: &str) -> String {
        let (line, col) = line_col(source, self.span.start);
        let mut out = format!("{path}:{line}:{col}: {}", self.message);
        if let Some(help) = &self.help {
            out.push_str("\n  help: ");
            out.push_str(help);
        }
        for label in &self.labels {
            let (line, col) = line_col(source, label.span.start);
            out.push_str(&format!("\n  {path}:{line}:{col}: note: {}", label.message));
        }
        out
    }
}

/// The 1-based line and column of byte `offset` in `source`. Columns count characters,
/// not bytes. An offset past the end, or inside a character, is clamped to a valid place.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Sorts diagnostics by position, so they read top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.message).cmp(&(b.span.start, b.span.end, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 5), (2, 3));
        // After the two-byte é.
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 8), (3, 1));
    }

    #[test]
    fn line_col_clamps_bad_offsets() {
        let text = "é";
        assert_eq!(line_col(text, 1), (1, 1));
        assert_eq!(line_col(text, 99), (1, 2));
    }

    #[test]
    fn render_plain_has_location_help_and_labels() {
        let source = "a = 1\nb = 2\n";
        let d = Diagnostic::new(6..7, "duplicate thing")
            .with_help("remove one")
            .with_label(0..1, "first defined here");
        assert_eq!(
            d.render_plain("x.toml", source),
            "x.toml:2:1: duplicate thing\n  help: remove one\n  x.toml:1:1: note: first defined here"
        );
    }
}
