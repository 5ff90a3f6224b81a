//! The README's generated sections: finding a section's markers by its name and
//! replacing what is between them, leaving every hand-written line as it was.

/// The line that opens the section `name`.
pub fn begin_marker(name: &str) -> String {
    format!("<!-- @generated section \"{name}\" begins: written by `cargo xtask gen` from the catalog; do not edit by hand. -->")
}

/// The line that closes the section `name`.
pub fn end_marker(name: &str) -> String {
    format!("<!-- @generated section \"{name}\" ends -->")
}

/// Why a section could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpliceError {
    /// The README has neither marker of the section: nothing to fill.
    Absent,
    /// The markers are there but broken: one is missing, repeated or out of order.
    Broken(String),
}

/// `readme` (the file `file`, as messages name it) with the text between the markers of
/// section `name` replaced by `section`.
pub fn splice(readme: &str, file: &str, name: &str, section: &str) -> Result<String, SpliceError> {
    let (begin_line, end_line) = (begin_marker(name), end_marker(name));
    let begin = single(readme, file, &begin_line)?;
    let end = single(readme, file, &end_line)?;
    let (begin, end) = match (begin, end) {
        (None, None) => return Err(SpliceError::Absent),
        (Some(begin), Some(end)) if begin < end => (begin, end),
        (Some(_), Some(_)) => {
            return Err(SpliceError::Broken(format!(
                "{file} has the end marker of the section \"{name}\" before its begin marker"
            )))
        }
        (None, Some(_)) | (Some(_), None) => {
            let missing = if begin.is_none() {
                &begin_line
            } else {
                &end_line
            };
            return Err(SpliceError::Broken(format!(
                "{file} lacks the marker line `{missing}`; add it back around the generated section"
            )));
        }
    };
    let keep_before = &readme[..begin + begin_line.len()];
    let keep_after = &readme[end..];
    Ok(format!(
        "{keep_before}\n\n{}\n{keep_after}",
        section.trim_end()
    ))
}

fn single(readme: &str, file: &str, marker: &str) -> Result<Option<usize>, SpliceError> {
    let mut found = readme.match_indices(marker).map(|(at, _)| at);
    match (found.next(), found.next()) {
        (at, None) => Ok(at),
        (Some(_), Some(_)) => Err(SpliceError::Broken(format!(
            "{file} has the marker line `{marker}` more than once; keep one"
        ))),
        (None, Some(_)) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_named_section() {
        let (b, e) = (begin_marker("init"), end_marker("init"));
        let (ob, oe) = (begin_marker("other"), end_marker("other"));
        let readme = format!("intro\n{b}\nold\n{e}\nmid\n{ob}\nkeep\n{oe}\n");
        let spliced = splice(&readme, "README.md", "init", "new\n").unwrap();
        assert_eq!(
            spliced,
            format!("intro\n{b}\n\nnew\n{e}\nmid\n{ob}\nkeep\n{oe}\n")
        );
        // Splicing is idempotent.
        assert_eq!(
            splice(&spliced, "README.md", "init", "new\n").unwrap(),
            spliced
        );
    }

    #[test]
    fn tells_absent_from_broken_markers() {
        assert_eq!(
            splice("no markers", "README.md", "init", "x"),
            Err(SpliceError::Absent)
        );
        let (b, e) = (begin_marker("init"), end_marker("init"));
        let only_begin = format!("{b}\n");
        assert!(
            matches!(splice(&only_begin, "README.md", "init", "x"), Err(SpliceError::Broken(m)) if m.contains("lacks"))
        );
        let twice = format!("{b}\n{b}\n{e}");
        assert!(
            matches!(splice(&twice, "README.md", "init", "x"), Err(SpliceError::Broken(m)) if m.contains("more than once"))
        );
        let swapped = format!("{e}\n{b}");
        assert!(
            matches!(splice(&swapped, "README.md", "init", "x"), Err(SpliceError::Broken(m)) if m.contains("before"))
        );
    }
}
