//! Rust names for catalog entries: deriving a variant name from a code or key, and
//! deciding whether a name can be a variant of a generated enum.

use heck::ToUpperCamelCase;

/// Names a generated enum already uses for its own items; a variant may not take them.
const RESERVED: &[&str] = &["ALL", "Self"];

/// The variant name for a wire code or key: its words in UpperCamelCase, every character
/// that is not a letter or digit dropped (`Forbidden.AccountAccessDenied` →
/// `ForbiddenAccountAccessDenied`, `element_or_button` → `ElementOrButton`).
pub fn derive_variant(text: &str) -> String {
    text.to_upper_camel_case()
}

/// Why `name` cannot be a variant name, or `None` if it can.
pub fn variant_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("a variant name cannot be empty".to_owned());
    };
    if !first.is_ascii_uppercase() {
        return Some(format!(
            "`{name}` is not a Rust variant name: it must start with an ASCII uppercase letter"
        ));
    }
    if let Some(bad) = chars.find(|c| !c.is_ascii_alphanumeric()) {
        return Some(format!(
            "`{name}` is not a Rust variant name: it may hold only ASCII letters and digits, not {bad:?}"
        ));
    }
    if RESERVED.contains(&name) || syn::parse_str::<syn::Ident>(name).is_err() {
        return Some(format!(
            "`{name}` is reserved in Rust or in the generated code and cannot be a variant name"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_upper_camel_case() {
        assert_eq!(derive_variant("IllegalUserTag"), "IllegalUserTag");
        assert_eq!(
            derive_variant("Forbidden.AccountAccessDenied"),
            "ForbiddenAccountAccessDenied"
        );
        assert_eq!(derive_variant("element_or_button"), "ElementOrButton");
        assert_eq!(derive_variant("rate-limit"), "RateLimit");
    }

    #[test]
    fn accepts_plain_names() {
        assert_eq!(variant_problem("Throttling"), None);
        assert_eq!(variant_problem("H5"), None);
    }

    #[test]
    fn rejects_what_is_not_a_variant_name() {
        for bad in [
            "",
            "123",
            "lower",
            "Has Space",
            "r#try",
            "Émile",
            "Self",
            "ALL",
        ] {
            assert!(variant_problem(bad).is_some(), "{bad:?} was accepted");
        }
    }
}
