//! "Did you mean …?" for misspelt keys and values.

/// The candidate closest to `found`, if one is close enough to be a likely misspelling.
pub fn closest<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let found_lower = found.to_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&found_lower, &candidate.to_lowercase());
            (distance, *candidate)
        })
        .filter(|(distance, candidate)| {
            let longest = found.chars().count().max(candidate.chars().count());
            *distance <= (longest / 3).max(1)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A help sentence: the closest candidate if there is one, otherwise the whole list.
pub fn help(found: &str, candidates: &[&str], what: &str) -> String {
    match closest(found, candidates) {
        Some(candidate) => format!("did you mean `{candidate}`?"),
        None => format!("{what} is one of: {}", quoted_list(candidates)),
    }
}

/// `a`, `b`, `c`
pub fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_misspellings() {
        let keys = ["code", "description", "troubleshooting", "notes"];
        assert_eq!(closest("descripton", &keys), Some("description"));
        assert_eq!(closest("Notes", &keys), Some("notes"));
        assert_eq!(closest("troubleshootign", &keys), Some("troubleshooting"));
    }

    #[test]
    fn ignores_unrelated_words() {
        assert_eq!(closest("colour", &["code", "notes"]), None);
        assert_eq!(
            help("colour", &["code", "notes"], "the key"),
            "the key is one of: `code`, `notes`"
        );
    }
}
