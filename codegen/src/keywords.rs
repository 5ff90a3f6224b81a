//! The closed sets of words that the catalog format itself defines: column kinds, JSON
//! types, severities, rule kinds and character classes. Each is a Rust enum, so every
//! `match` on one is exhaustive; a catalog's own vocabularies live in the catalog.

/// Defines a keyword enum with `ALL`, `word`, `from_word` and `words`.
macro_rules! keywords {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl $name {
            /// Every keyword, in the order the format documents them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word as a catalog writes it.
            pub const fn word(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }

            /// The keyword spelled exactly `word`.
            pub fn from_word(word: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|keyword| keyword.word() == word)
            }

            /// Every word, for messages.
            pub fn words() -> Vec<&'static str> {
                Self::ALL.iter().map(|keyword| keyword.word()).collect()
            }
        }
    };
}

keywords! {
    /// What a table column holds, and so the type of its accessor.
    ColumnKind {
        /// The wire string that identifies a row: unique, case-sensitive.
        Key = "key",
        /// Free text.
        Text = "text",
        /// A whole number.
        Integer = "integer",
        /// An HTTP status, 100 to 599.
        HttpStatus = "http_status",
        /// One word of a vocabulary.
        Word = "word",
        /// A set of words of a vocabulary.
        Words = "words",
    }
}

keywords! {
    /// The JSON (JavaScript) type an init parameter's value must have.
    JsonType {
        /// A string.
        String = "string",
        /// A number.
        Number = "number",
        /// A number without a fractional part.
        Integer = "integer",
        /// `true` or `false`.
        Boolean = "boolean",
        /// An object.
        Object = "object",
        /// A function, which only the page's script can pass.
        Function = "function",
    }
}

keywords! {
    /// How serious a broken parameter rule is.
    Severity {
        /// The documented rule is broken.
        Error = "error",
        /// The value differs from every value seen so far; no documented rule forbids it.
        Warning = "warning",
    }
}

keywords! {
    /// Where a parameter's rule comes from.
    Confidence {
        /// The vendor's documentation or official SDKs.
        Official = "official",
        /// Public code and integrations only.
        Observed = "observed",
    }
}

keywords! {
    /// The rules a parameter value can be checked against; each compiles to its own code.
    RuleKind {
        /// Any value of the right type.
        Any = "any",
        /// One of an enumerated set of strings.
        OneOf = "one_of",
        /// A string with length bounds and allowed character classes.
        Text = "text",
        /// A finite number within bounds.
        Number = "number",
        /// A CSS ID selector.
        IdSelector = "id_selector",
        /// A configured prefix, `_`, then ASCII letters and digits.
        CertifyId = "certify_id",
        /// A hand-written function.
        Custom = "custom",
    }
}

keywords! {
    /// The character classes a `text` rule can allow.
    CharClass {
        /// Lowercase ASCII letters.
        Lower = "lower",
        /// Uppercase ASCII letters.
        Upper = "upper",
        /// ASCII digits.
        Digit = "digit",
        /// `_`.
        Underscore = "underscore",
        /// `-`.
        Hyphen = "hyphen",
        /// `.`.
        Dot = "dot",
    }
}

impl CharClass {
    /// The class in words, for messages and docs.
    pub const fn describe(self) -> &'static str {
        match self {
            CharClass::Lower => "lowercase ASCII letters",
            CharClass::Upper => "uppercase ASCII letters",
            CharClass::Digit => "ASCII digits",
            CharClass::Underscore => "`_`",
            CharClass::Hyphen => "`-`",
            CharClass::Dot => "`.`",
        }
    }
}

impl JsonType {
    /// Whether `InitConfig` can hold a value of this type: scalars only; objects are
    /// spread over their members and functions belong to the page.
    pub const fn is_settable(self) -> bool {
        matches!(
            self,
            JsonType::String | JsonType::Number | JsonType::Integer | JsonType::Boolean
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_are_exact() {
        for kind in ColumnKind::ALL {
            assert_eq!(ColumnKind::from_word(kind.word()), Some(*kind));
        }
        assert_eq!(RuleKind::from_word("one_of"), Some(RuleKind::OneOf));
        assert_eq!(RuleKind::from_word("One_of"), None);
        assert_eq!(JsonType::words().len(), 6);
    }

    #[test]
    fn words_are_unique_in_each_set() {
        let mut words = RuleKind::words();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), RuleKind::ALL.len());
    }
}
