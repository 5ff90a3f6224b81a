//! Escaping catalog text for Markdown: table cells in the docs and rustdoc alike. The
//! text must render as itself and can never break the shape of a table.

/// Escapes `text` so that it renders as itself inside one Markdown table cell or one
/// rustdoc paragraph: backslashes, pipes, square brackets (which rustdoc would turn into
/// links) and HTML are escaped, and line breaks become `<br>`. Backticks and emphasis
/// keep their Markdown meaning. The result must not start a line: a label goes first, so
/// that leading spaces, `#` or `-` cannot make a code block, heading or list.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
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
    out
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
    fn header_has_a_rule_per_column() {
        assert_eq!(header(&["A", "B"]), "| A | B |\n| --- | --- |");
    }
}
