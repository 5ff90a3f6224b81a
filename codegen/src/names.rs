//! Rust names for catalog entries: deriving a variant name from a code or key, and
//! deciding whether a name can be a variant of a generated enum.

use heck::ToUpperCamelCase;

/// The metric label (and OpenTelemetry `error.type`) of a code that no row knows: the
/// last of every table's metric labels. It is the runtime's `captcha_errors::OTHER_LABEL`
/// (and the TypeScript runtime's `OTHER_LABEL`), which the generated code names; the
/// generator needs the word itself only to write the docs and to refuse a key or word
/// spelt so (the behaviour tests of both runtimes check that the docs agree with them).
pub const OTHER_LABEL: &str = "_OTHER";

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

/// The two namespaces of a TypeScript module: a type and a value may share a name (as
/// `ErrorCode`, a union and an object, does), two types or two values may not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TsSpace {
    /// Types and interfaces.
    Type,
    /// Consts and functions.
    Value,
}

impl TsSpace {
    /// The word a message uses for a name of this space.
    pub fn word(self) -> &'static str {
        match self {
            TsSpace::Type => "type",
            TsSpace::Value => "value",
        }
    }
}

/// What in a catalog makes a top-level TypeScript name, so that a clash can be shown
/// where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TsOrigin {
    /// The generated module itself (its imports and the types every module with params
    /// declares).
    Generated,
    /// A type of the catalog (a vocabulary's, a table's or a `one_of` rule's), by name.
    Type(String),
    /// A param, by its variant.
    Param(String),
    /// A word of the `scope` vocabulary, by its variant.
    ScopeWord(String),
}

/// One top-level name a generated TypeScript module declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TsDeclaration {
    /// Its namespace.
    pub space: TsSpace,
    /// The name.
    pub name: String,
    /// What makes it.
    pub origin: TsOrigin,
}

/// The names of a generated TypeScript module. The emitter writes each declaration
/// with these functions and [`typescript_declarations`] lists them with the same
/// functions, for the checker to reserve: a name the checker accepted is never refused
/// while the module is written.
pub mod typescript {
    /// The import of the hand-written runtime, `../runtime.js`.
    pub const RUNTIME: &str = "rt";
    /// The import of the hand-written `custom` rules, `../custom.js`.
    pub const CUSTOM: &str = "custom";
    /// The const holding every param's facts.
    pub const PARAM_ROWS: &str = "PARAM_ROWS";
    /// The types every module with params declares, in the order it declares them.
    pub const PARAM_TYPES: &[&str] = &[
        "Raised",
        "Param",
        "ParamProblem",
        "ConfigProblem",
        "ConfigReport",
    ];
    /// The values every module with params declares before its value unions.
    pub const PARAM_VALUES: &[&str] = &["Param", PARAM_ROWS, "isParam"];
    /// The types of the page's config every module with params declares before its
    /// scope interfaces.
    pub const PAGE_TYPES: &[&str] = &["Callback", "ParamValues"];
    /// The whole-config checks every module with params declares last.
    pub const CONFIG_VALUES: &[&str] = &["validators", "validateValues", "validateConfig"];

    /// A table's open form, for keys the catalog does not know yet: `OpenErrorCode`.
    pub fn open(type_name: &str) -> String {
        format!("Open{type_name}")
    }

    /// A table's rows: `ErrorCode_ROWS`.
    pub fn rows(type_name: &str) -> String {
        format!("{type_name}_ROWS")
    }

    /// A table's keys: `ErrorCode_KEYS`.
    pub fn keys(type_name: &str) -> String {
        format!("{type_name}_KEYS")
    }

    /// A vocabulary's words with their docs: `Scope_WORDS`.
    pub fn words(type_name: &str) -> String {
        format!("{type_name}_WORDS")
    }

    /// A `one_of` rule's values with their labels: `Mode_LABELS`.
    pub fn labels(type_name: &str) -> String {
        format!("{type_name}_LABELS")
    }

    /// The type guard of a union: `isErrorCode`.
    pub fn guard(type_name: &str) -> String {
        format!("is{type_name}")
    }

    /// The predicate of a param's rule: `isValidSceneId`.
    pub fn predicate(variant: &str) -> String {
        format!("isValid{variant}")
    }

    /// The validator of a param: `validateSceneId`.
    pub fn validator(variant: &str) -> String {
        format!("validate{variant}")
    }

    /// The interface of the params passed in a scope, named after the word's variant:
    /// `global` (`Global`) → `GlobalParams`.
    pub fn scope_interface(variant: &str) -> String {
        format!("{variant}Params")
    }
}

/// Every top-level name the TypeScript module of `catalog` declares, in the order it
/// declares them.
pub fn typescript_declarations(catalog: &crate::model::Catalog) -> Vec<TsDeclaration> {
    use crate::model::Rule;
    use typescript as ts;
    use TsSpace::{Type, Value};
    let mut out = Vec::new();
    let mut add = |origin: &TsOrigin, names: &[(TsSpace, String)]| {
        for (space, name) in names {
            out.push(TsDeclaration {
                space: *space,
                name: name.clone(),
                origin: origin.clone(),
            });
        }
    };
    let fixed = |space: TsSpace, names: &[&str]| -> Vec<(TsSpace, String)> {
        names
            .iter()
            .map(|name| (space, (*name).to_owned()))
            .collect()
    };
    // A union of words, keys or values: its type, its const object, its guard.
    let union = |name: &str| {
        vec![
            (Type, name.to_owned()),
            (Value, name.to_owned()),
            (Value, ts::guard(name)),
        ]
    };
    let generated = TsOrigin::Generated;
    add(&generated, &fixed(Value, &[ts::RUNTIME, ts::CUSTOM]));
    for vocabulary in &catalog.vocabularies {
        let name = &vocabulary.type_name;
        add(&TsOrigin::Type(name.clone()), &union(name));
        add(&TsOrigin::Type(name.clone()), &[(Value, ts::words(name))]);
    }
    for table in &catalog.tables {
        let name = &table.type_name;
        add(&TsOrigin::Type(name.clone()), &union(name));
        let more = [
            (Type, ts::open(name)),
            (Value, ts::rows(name)),
            (Value, ts::keys(name)),
        ];
        add(&TsOrigin::Type(name.clone()), &more);
    }
    if catalog.params.is_empty() {
        return out;
    }
    add(&generated, &fixed(Type, ts::PARAM_TYPES));
    add(&generated, &fixed(Value, ts::PARAM_VALUES));
    for param in &catalog.params {
        if let Rule::OneOf { type_name, .. } = &param.rule {
            add(&TsOrigin::Type(type_name.clone()), &union(type_name));
            add(
                &TsOrigin::Type(type_name.clone()),
                &[(Value, ts::labels(type_name))],
            );
        }
    }
    add(&generated, &fixed(Type, ts::PAGE_TYPES));
    for word in catalog.scope_vocabulary().map_or(&[][..], |v| &v.words) {
        let origin = TsOrigin::ScopeWord(word.variant.clone());
        add(&origin, &[(Type, ts::scope_interface(&word.variant))]);
    }
    for param in &catalog.params {
        let (predicate, validator) = (ts::predicate(&param.variant), ts::validator(&param.variant));
        let names = match &param.rule {
            Rule::Any => vec![],
            Rule::OneOf { .. } | Rule::Custom { .. } => vec![(Value, validator)],
            Rule::Text { .. } | Rule::Number { .. } | Rule::IdSelector | Rule::CertifyId { .. } => {
                vec![(Value, predicate), (Value, validator)]
            }
        };
        add(&TsOrigin::Param(param.variant.clone()), &names);
    }
    add(&generated, &fixed(Value, ts::CONFIG_VALUES));
    out
}

/// Whether `name` can be written as a plain TypeScript identifier: ASCII letters,
/// digits, `_` and `$`, not starting with a digit. Reserved words are allowed (as
/// property names).
pub fn is_typescript_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Whether `name` can be declared as a TypeScript binding (a const, function or type).
pub fn is_typescript_binding(name: &str) -> bool {
    is_typescript_identifier(name) && !TYPESCRIPT_RESERVED.contains(&name)
}

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
    fn typescript_names_are_reserved_once_per_namespace() {
        // A type and a value may share a name, as a table's union and object do.
        let catalog = crate::parse(crate::test_catalog::SMALL).expect("valid");
        let declared = typescript_declarations(&catalog);
        let test_code = |space| {
            declared
                .iter()
                .filter(|d| d.space == space && d.name == "TestCode")
                .count()
        };
        assert_eq!(
            (test_code(TsSpace::Type), test_code(TsSpace::Value)),
            (1, 1)
        );
        assert!(is_typescript_binding("ErrorCode"));
        assert!(!is_typescript_binding("default"));
        assert!(!is_typescript_binding("two words"));
        assert!(is_typescript_identifier("default"));
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
