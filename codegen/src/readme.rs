//! The README's generated section: finding its markers and replacing what is between
//! them, leaving every hand-written line as it was.

/// The line that opens the generated section.
pub const BEGIN: &str =
    "<!-- @generated section begins: written by `cargo xtask gen` from the catalog; do not edit by hand. -->";
/// The line that closes the generated section.
pub const END: &str = "<!-- @generated section ends -->";

/// `readme` with the text between [`BEGIN`] and [`END`] replaced by `section`. Fails when
/// the markers are missing, repeated or out of order, saying which.
pub fn splice(readme: &str, section: &str) -> Result<String, String> {
    let begin = single(readme, BEGIN)?;
    let end = single(readme, END)?;
    if end < begin {
        return Err(
            "README.md has the end marker of the generated section before its begin marker"
                .to_owned(),
        );
    }
    let keep_before = &readme[..begin + BEGIN.len()];
    let keep_after = &readme[end..];
    Ok(format!(
        "{keep_before}\n\n{}\n{keep_after}",
        section.trim_end()
    ))
}

fn single(readme: &str, marker: &str) -> Result<usize, String> {
    let mut found = readme.match_indices(marker).map(|(at, _)| at);
    match (found.next(), found.next()) {
        (Some(at), None) => Ok(at),
        (None, _) => Err(format!(
            "README.md lacks the marker line `{marker}`; add it back around the generated section"
        )),
        (Some(_), Some(_)) => Err(format!(
            "README.md has the marker line `{marker}` more than once; keep one"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_section() {
        let readme = format!("intro\n{BEGIN}\nold\n{END}\noutro\n");
        let spliced = splice(&readme, "new\n").unwrap();
        assert_eq!(spliced, format!("intro\n{BEGIN}\n\nnew\n{END}\noutro\n"));
        // Splicing is idempotent.
        assert_eq!(splice(&spliced, "new\n").unwrap(), spliced);
    }

    #[test]
    fn refuses_missing_repeated_or_swapped_markers() {
        assert!(splice("no markers", "x").unwrap_err().contains("lacks"));
        let twice = format!("{BEGIN}\n{BEGIN}\n{END}");
        assert!(splice(&twice, "x").unwrap_err().contains("more than once"));
        let swapped = format!("{END}\n{BEGIN}");
        assert!(splice(&swapped, "x").unwrap_err().contains("before"));
    }
}
