//! The hint a `one_of` validator gives for a value that is none of its values, written
//! once here so that each generated validator is a lookup and a call.

/// The value that `value` was most likely meant to be: the one an alias of the catalog
/// stands for (compared exactly), or else the value that equals `value` trimmed,
/// ignoring ASCII case. `aliases` pairs each alias with the value it stands for.
#[inline]
pub fn hint(
    value: &str,
    aliases: &[(&str, &'static str)],
    values: &[&'static str],
) -> Option<&'static str> {
    if let Some((_, meant)) = aliases.iter().find(|(alias, _)| *alias == value) {
        return Some(meant);
    }
    let trimmed = value.trim();
    values
        .iter()
        .copied()
        .find(|text| text.eq_ignore_ascii_case(trimmed))
}

#[cfg(test)]
mod tests {
    use super::hint;

    const VALUES: [&str; 2] = ["popup", "embed"];
    const ALIASES: [(&str, &str); 2] = [("pop-up", "popup"), ("EMBED", "popup")];

    #[test]
    fn an_alias_wins_over_case() {
        assert_eq!(hint("pop-up", &ALIASES, &VALUES), Some("popup"));
        assert_eq!(hint("EMBED", &ALIASES, &VALUES), Some("popup"));
    }

    #[test]
    fn otherwise_case_and_whitespace_are_ignored() {
        assert_eq!(hint(" Embed\t", &ALIASES, &VALUES), Some("embed"));
        assert_eq!(hint("Pop-Up", &ALIASES, &VALUES), None);
        assert_eq!(hint("inline", &[], &VALUES), None);
    }
}
