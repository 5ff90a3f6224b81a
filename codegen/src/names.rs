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
    // Rust's one keyword that starts with an uppercase letter is `Self`, which is
    // reserved here too (a test checks this against syn on random names).
    if RESERVED.contains(&name) {
        return Some(format!(
            "`{name}` is reserved in Rust or in the generated code and cannot be a variant name"
        ));
    }
    None
}

/// Why `name` cannot be a snake_case Rust name (a module, method or function), or `None`.
pub fn snake_case_problem(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let good_start = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let good_rest = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !(good_start && good_rest) {
        return Some(format!(
            "`{name}` is not snake_case: it must start with a lowercase ASCII letter and hold only lowercase letters, digits and '_'"
        ));
    }
    if syn::parse_str::<syn::Ident>(name).is_err() {
        return Some(format!("`{name}` is a Rust keyword"));
    }
    None
}

/// The words JavaScript and TypeScript reserve; a TypeScript binding
/// (and so a module, which is also a namespace) may not take them.
pub const TYPESCRIPT_RESERVED: &[&str] = &[
    "arguments",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "any",
    "boolean",
    "never",
    "number",
    "object",
    "string",
    "symbol",
    "unknown",
    "bigint",
];

/// The anchor of a row on its docs page: `<table>-<key>`, lowercased, every character
/// other than an ASCII letter or digit made `-`.
pub fn anchor(table: &str, key: &str) -> String {
    format!("{table}-{key}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Lowercase words of an UpperCamelCase name: `ErrorCode` → `error code`.
pub fn words_of(type_name: &str) -> String {
    use heck::ToTitleCase;
    type_name.to_title_case().to_lowercase()
}

/// A title for a column name: `http_status` → `Http status`.
pub fn title_of(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // `variant_problem` does not ask syn whether a name is a keyword: after its
        // character checks, only `Self` could be, and `RESERVED` holds it.
        #[test]
        fn an_upper_camel_case_name_is_a_rust_identifier_unless_self(
            name in "(Self|[A-Z][A-Za-z0-9]{0,10})",
        ) {
            let keyword = syn::parse_str::<syn::Ident>(&name).is_err();
            prop_assert_eq!(keyword, name == "Self");
            prop_assert_eq!(variant_problem(&name).is_some(), name == "Self" || name == "ALL");
        }
    }

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
    fn snake_case_names() {
        assert_eq!(snake_case_problem("http_status"), None);
        assert!(snake_case_problem("HttpStatus").is_some());
        assert!(snake_case_problem("fn").is_some());
        assert_eq!(words_of("ErrorCode"), "error code");
        assert_eq!(title_of("http_status"), "Http status");
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
