//! Escaping catalog text for Markdown: table cells in the docs and rustdoc alike. The
//! text must render as itself and can never break the shape of a table.

/// Escapes `text` so that it renders as itself inside one Markdown table cell or one
/// rustdoc paragraph: backslashes, pipes, square brackets (which rustdoc would turn into
/// links) and HTML are escaped, and line breaks become `<br>`. Emphasis keeps its
/// Markdown meaning, and so do code spans: their text is kept as written, because
/// Markdown shows a code span's text verbatim (an escape there would show as the escape
/// itself). A code span holding a pipe or a line break, which would end a table cell or
/// row, is shown as plain text with all its backticks escaped, and so is a backtick
/// that opens no span. The result must not start a line: a label goes first, so that leading
/// spaces, `#` or `-` cannot make a code block, heading or list.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(tick) = rest.find('`') {
        let (before, from_tick) = rest.split_at(tick);
        escape_plain(before, &mut out);
        let run = backtick_run(from_tick);
        let ticks = &from_tick[..run];
        match code_span_content(&from_tick[run..], run) {
            Some(content) => {
                if content.contains(['|', '\n', '\r']) {
                    escape_plain(ticks, &mut out);
                    escape_plain(content, &mut out);
                    escape_plain(ticks, &mut out);
                } else {
                    out.push_str(ticks);
                    out.push_str(content);
                    out.push_str(ticks);
                }
                rest = &from_tick[2 * run + content.len()..];
            }
            None => {
                escape_plain(ticks, &mut out);
                rest = &from_tick[run..];
            }
        }
    }
    escape_plain(rest, &mut out);
    out
}

/// The length of the run of backticks `text` starts with.
fn backtick_run(text: &str) -> usize {
    text.len() - text.trim_start_matches('`').len()
}

/// The text of a code span opened by a run of `run` backticks, given what follows the
/// opening run: everything up to the next run of exactly `run` backticks, as CommonMark
/// pairs them; `None` when no such run follows.
fn code_span_content(after_opener: &str, run: usize) -> Option<&str> {
    let mut searched = 0;
    while let Some(tick) = after_opener[searched..].find('`') {
        let at = searched + tick;
        let length = backtick_run(&after_opener[at..]);
        if length == run {
            return Some(&after_opener[..at]);
        }
        searched = at + length;
    }
    None
}

/// Escapes text outside code spans, backticks included, so that it is shown as
/// written; see [`escape_inline`].
fn escape_plain(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '`' => out.push_str("\\`"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            other => out.push(other),
        }
    }
}

/// A link to `url` when it is a plain web address (rendered as `<url>`, which rustdoc
/// and Markdown both accept); any other text is escaped like [`escape_inline`].
pub fn link_or_text(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '`' | '\\'));
    if plain {
        format!("<{url}>")
    } else {
        escape_inline(url)
    }
}

/// One Markdown table row from already escaped cells.
pub fn row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

/// A Markdown table header row and its separator.
pub fn header(columns: &[&str]) -> String {
    let names: Vec<String> = columns.iter().map(|c| escape_inline(c)).collect();
    let rules: Vec<String> = columns.iter().map(|_| "---".to_owned()).collect();
    format!("{}\n{}", row(&names), row(&rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_breaks_tables_and_html() {
        assert_eq!(
            escape_inline("a|b\\c <script>&amp;\nd\r\ne"),
            "a\\|b\\\\c &lt;script&gt;&amp;amp;<br>d<br>e"
        );
    }

    #[test]
    fn escapes_brackets_so_they_make_no_links() {
        assert_eq!(
            escape_inline("[x](y) [ErrorCode]"),
            "\\[x\\](y) \\[ErrorCode\\]"
        );
    }

    #[test]
    fn links_only_plain_addresses() {
        assert_eq!(
            link_or_text("https://a.example/b?c=d"),
            "<https://a.example/b?c=d>"
        );
        assert_eq!(
            link_or_text("https://a.example/<x>"),
            "https://a.example/&lt;x&gt;"
        );
        assert_eq!(link_or_text("see the docs"), "see the docs");
    }

    #[test]
    fn keeps_code_spans() {
        assert_eq!(
            escape_inline("the `certifyId` value"),
            "the `certifyId` value"
        );
    }

    #[test]
    fn keeps_the_text_of_code_spans_as_written() {
        assert_eq!(
            escape_inline("`{ <language>: [a & b] }` and <b>"),
            "`{ <language>: [a & b] }` and &lt;b&gt;"
        );
        assert_eq!(escape_inline("`a\\b`"), "`a\\b`");
    }

    #[test]
    fn pairs_backtick_runs_of_equal_length() {
        assert_eq!(escape_inline("``a ` b`` <"), "``a ` b`` &lt;");
        assert_eq!(escape_inline("`a`` b` <"), "`a`` b` &lt;");
    }

    #[test]
    fn escapes_backticks_that_open_no_span() {
        assert_eq!(escape_inline("a ` b <"), "a \\` b &lt;");
        assert_eq!(escape_inline("``a` <"), "\\`\\`a\\` &lt;");
    }

    #[test]
    fn a_code_span_that_would_break_a_table_is_plain_text() {
        assert_eq!(escape_inline("`a|b` `c`"), "\\`a\\|b\\` `c`");
        assert_eq!(escape_inline("`a\nb`"), "\\`a<br>b\\`");
        assert_eq!(escape_inline("`a|``b` `c`"), "\\`a\\|\\`\\`b\\` `c`");
    }

    #[test]
    fn header_has_a_rule_per_column() {
        assert_eq!(header(&["A", "B"]), "| A | B |\n| --- | --- |");
    }

    /// Round trips through `pulldown-cmark`, the Markdown parser rustdoc uses: the
    /// escaped text, rendered in a table cell and in a paragraph, must show every
    /// character of the original (backticks and spacing aside, which code spans use)
    /// and nothing else, with no HTML but `<br>`, no link and one cell only.
    mod rendering {
        use crate::markdown::escape_inline;
        use proptest::prelude::*;
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

        /// What a reader sees of `markdown`, and how many table cells it has.
        fn rendered(markdown: &str) -> (String, usize) {
            let mut seen = String::new();
            let mut cells = 0;
            for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
                match event {
                    Event::Text(text) | Event::Code(text) => seen.push_str(&text),
                    Event::InlineHtml(html) | Event::Html(html) => {
                        assert_eq!(
                            &*html, "<br>",
                            "HTML other than a line break in {markdown:?}"
                        );
                        seen.push('\n');
                    }
                    Event::SoftBreak | Event::HardBreak => seen.push('\n'),
                    Event::Start(Tag::TableCell) => cells += 1,
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                        panic!("a link in {markdown:?}")
                    }
                    Event::Start(
                        Tag::Paragraph | Tag::Table(_) | Tag::TableHead | Tag::TableRow,
                    )
                    | Event::End(
                        TagEnd::Paragraph
                        | TagEnd::Table
                        | TagEnd::TableHead
                        | TagEnd::TableRow
                        | TagEnd::TableCell,
                    ) => {}
                    other => panic!("unexpected {other:?} in {markdown:?}"),
                }
            }
            (seen, cells)
        }

        /// The characters that must survive: all but backticks and whitespace.
        fn visible(text: &str) -> String {
            text.chars()
                .filter(|c| *c != '`' && !c.is_whitespace())
                .collect()
        }

        fn text() -> impl Strategy<Value = String> {
            // Markdown's punctuation, often; emphasis markers are left out, because
            // emphasis keeps its meaning by design.
            let piece = prop_oneof![
                4 => prop::sample::select(vec![
                    "`", "``", "\\", "|", "[", "]", "(", ")", "<", ">", "&", "&amp;",
                    "&lt;", "&#35;", "<br>", "\n", "\r\n", " ", "  ", "#", "-", "!", ":",
                    "{", "}", "https://a.example/x", "<https://a.example>",
                ])
                .prop_map(str::to_owned),
                3 => "[a-zA-Z0-9]{1,4}",
                1 => "[\\PC&&[^*_~]]",
            ];
            prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4_000))]

            #[test]
            fn a_table_cell_shows_the_text(text in text()) {
                let markdown = format!("| head |\n| --- |\n| label: {} |\n", escape_inline(&text));
                let (seen, cells) = rendered(&markdown);
                prop_assert_eq!(cells, 2, "{:?}", markdown);
                prop_assert_eq!(visible(&seen), visible(&format!("head label: {text}")));
            }

            #[test]
            fn a_paragraph_shows_the_text(text in text()) {
                let markdown = format!("label: {}\n", escape_inline(&text));
                let (seen, _) = rendered(&markdown);
                prop_assert_eq!(visible(&seen), visible(&format!("label: {text}")));
            }
        }
    }
}
