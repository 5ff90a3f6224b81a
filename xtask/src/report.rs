//! Renders catalog diagnostics for people: each one starts with the line
//! `path:line:col: message`, then shows the catalog lines it is about, with the problem
//! and every related place underlined (drawn by `annotate-snippets`, as cargo does), then
//! what to do about it. The output is plain text without colours, so it is the same on
//! every machine and can be compared in tests.
//!
//! Spans come from the catalog and are never trusted: any span, empty, reversed, past the
//! end or inside a character, renders without panicking. Characters that could change
//! how the output displays (bidirectional and other control characters) are never
//! written to the terminal as they are.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use codegen::diagnostic::{line_col, Diagnostic};
use codegen::text_safety::is_bidi_control;

/// Renders `diagnostics`, found in the catalog `source` read from `path`, followed by a
/// summary line saying how many problems there are and that no file was changed. The
/// result has no trailing newline.
pub fn render(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let renderer = Renderer::plain();
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(&renderer, path, source, diagnostic));
        out.push_str("\n\n");
    }
    let count = diagnostics.len();
    let plural = if count == 1 { "problem" } else { "problems" };
    out.push_str(&format!(
        "{}: {count} {plural}; no file was changed",
        escape_hidden(path)
    ));
    out
}

/// One diagnostic: the location line, the annotated excerpt, the help line.
fn render_one(renderer: &Renderer, path: &str, source: &str, diagnostic: &Diagnostic) -> String {
    let primary = clamp(source, &diagnostic.span);
    let (line, col) = line_col(source, primary.start);
    let mut out = format!(
        "{}:{line}:{col}: {}",
        escape_hidden(path),
        escape_hidden(&diagnostic.message)
    );

    let labels: Vec<(Range<usize>, String)> = diagnostic
        .labels
        .iter()
        .map(|label| (clamp(source, &label.span), escape_hidden(&label.message)))
        .collect();
    let excerpt = Excerpt::new(
        source,
        std::iter::once(&primary).chain(labels.iter().map(|(span, _)| span)),
    );
    let mut snippet = Snippet::source(excerpt.text.as_str())
        .line_start(excerpt.first_line)
        .annotation(AnnotationKind::Primary.span(excerpt.map(&primary)));
    for (span, message) in &labels {
        snippet = snippet.annotation(
            AnnotationKind::Context
                .span(excerpt.map(span))
                .label(message.as_str()),
        );
    }
    let mut group = Group::with_level(Level::ERROR).element(snippet);
    let help = diagnostic.help.as_deref().map(escape_hidden);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let rendered = renderer.render(&[group]);
    out.push('\n');
    out.push_str(rendered.trim_end());
    out
}

/// `span` made safe to slice `source` with: inside the text, on character boundaries,
/// and not reversed.
fn clamp(source: &str, span: &Range<usize>) -> Range<usize> {
    let boundary = |offset: usize| {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    };
    let start = boundary(span.start);
    let end = boundary(span.end).max(start);
    start..end
}

/// The whole lines of the catalog that a diagnostic's spans touch, with every character
/// that could change how the terminal displays text replaced by U+FFFD.
struct Excerpt {
    /// The excerpt as it is shown.
    text: String,
    /// The catalog offset the excerpt starts at.
    start: usize,
    /// The 1-based line number of its first line.
    first_line: usize,
    /// For each replaced character: the offset just after it in the excerpt as written,
    /// and the same place in `text`.
    shifts: Vec<(usize, usize)>,
}

impl Excerpt {
    /// The lines `spans` touch. Every span must already be clamped.
    fn new<'a>(source: &str, spans: impl Iterator<Item = &'a Range<usize>>) -> Self {
        let (mut low, mut high) = (source.len(), 0);
        for span in spans {
            low = low.min(span.start);
            high = high.max(span.end);
        }
        let low = low.min(high);
        let start = source[..low].rfind('\n').map_or(0, |i| i + 1);
        // Keep the line break, so that a `\r\n` ending is seen whole and not shown as `␍`.
        let end = source[high..]
            .find('\n')
            .map_or(source.len(), |i| high + i + 1);
        let (first_line, _) = line_col(source, start);

        let mut text = String::with_capacity(end - start);
        let mut shifts = Vec::new();
        for (at, c) in source[start..end].char_indices() {
            if is_hidden(c) && !is_shown_by_renderer(c) {
                text.push('\u{FFFD}');
                shifts.push((at + c.len_utf8(), text.len()));
            } else {
                text.push(c);
            }
        }
        Excerpt {
            text,
            start,
            first_line,
            shifts,
        }
    }

    /// Where the catalog range `span` is in [`Excerpt::text`]. `span` must be clamped
    /// and inside the excerpt.
    fn map(&self, span: &Range<usize>) -> Range<usize> {
        let offset = |at: usize| {
            let relative = at.saturating_sub(self.start);
            let before = self.shifts.partition_point(|(old, _)| *old <= relative);
            match before.checked_sub(1).map(|i| self.shifts[i]) {
                Some((old, new)) => new + (relative - old),
                None => relative,
            }
            .min(self.text.len())
        };
        offset(span.start)..offset(span.end)
    }
}

/// Whether `c` could hide or reorder text on a terminal: control characters (other than
/// line breaks and tabs) and bidirectional controls.
fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || is_bidi_control(c)
}

/// Whether `annotate-snippets` already shows `c` visibly (C0 controls and DEL become
/// control pictures such as `␍`), so the excerpt keeps it.
fn is_shown_by_renderer(c: char) -> bool {
    c <= '\u{1F}' || c == '\u{7F}'
}

/// `text` with every character that could hide or reorder text written as an escape,
/// such as `\u{202e}`.
fn escape_hidden(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "# comment\n[catalog]\nname = \"n\"\nnme = \"x\"\n";

    #[test]
    fn starts_with_the_location_line_and_ends_with_the_summary() {
        let at = SOURCE.find("nme").unwrap();
        let diagnostic = Diagnostic::new(at..at + 3, "unknown key `nme` in `[catalog]`")
            .with_help("did you mean `name`?")
            .with_label(
                SOURCE.find("name").unwrap()..SOURCE.find(" = \"n").unwrap(),
                "here",
            );
        let text = render("c.toml", SOURCE, &[diagnostic]);
        let expected = "\
c.toml:4:1: unknown key `nme` in `[catalog]`
  |
3 | name = \"n\"
  | ---- here
4 | nme = \"x\"
  | ^^^
  |
  = help: did you mean `name`?

c.toml: 1 problem; no file was changed";
        assert_eq!(text, expected);
    }

    #[test]
    fn any_span_renders_without_panicking() {
        let sources = [
            "",
            "a",
            "é\n",
            "a = \"\u{202E}x\"\r\nb\r= 1\n\t\u{200F}\u{061C}c\u{0085}",
            "x\n\n\ny",
        ];
        for source in sources {
            for start in 0..source.len() + 3 {
                for end in 0..source.len() + 3 {
                    let diagnostic = Diagnostic::new(start..end, "m")
                        .with_label(end..start, "l")
                        .with_help("h");
                    let text = render("p", source, &[diagnostic]);
                    assert!(text.starts_with("p:"), "{text}");
                    assert!(text.ends_with("p: 1 problem; no file was changed"));
                }
            }
        }
    }

    #[test]
    fn hidden_characters_never_reach_the_output() {
        let source = "a = \"\u{202E}\u{200F}\u{061C}\u{009B}x\"\n";
        let diagnostic =
            Diagnostic::new(4..source.len() - 1, "holds \u{202E}").with_help("delete \u{1B}[31m");
        let text = render("p", source, &[diagnostic]);
        assert!(!text.chars().any(is_hidden), "{text:?}");
        assert!(text.starts_with("p:1:5: holds \\u{202e}\n"), "{text}");
        assert!(
            text.contains("\"\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}x\""),
            "{text}"
        );
    }

    #[test]
    fn maps_spans_past_replaced_characters() {
        let source = "\u{061C}ab";
        let whole = 0..source.len();
        let excerpt = Excerpt::new(source, std::iter::once(&whole));
        assert_eq!(excerpt.text, "\u{FFFD}ab");
        assert_eq!(excerpt.map(&(2..3)), 3..4);
        assert_eq!(excerpt.map(&(0..2)), 0..3);
    }

    #[test]
    fn clamps_spans() {
        assert_eq!(clamp("é", &(1..9)), 0..2);
        let reversed = Range { start: 2, end: 1 };
        assert_eq!(clamp("ab", &reversed), 2..2);
    }
}
