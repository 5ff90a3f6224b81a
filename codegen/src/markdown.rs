//! Escaping catalog text for Markdown: table cells in the docs and rustdoc alike. The
//! text must render as itself and can never break the shape of a table.

/// Escapes `text` so that it renders as itself inside one Markdown table cell or one
/// rustdoc paragraph: backslashes, pipes and HTML are escaped, and line breaks become
/// `<br>`. Backticks, emphasis and links keep their Markdown meaning.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
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
