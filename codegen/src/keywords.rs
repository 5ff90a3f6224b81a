//! The closed sets of words that the catalog format itself defines: column kinds, JSON
//! types, severities, rule kinds, locales and character classes. Each is a Rust enum, so every
//! `match` on one is exhaustive; a catalog's own vocabularies live in the catalog.

/// A closed set of words of the format, read from a catalog.
pub trait Keyword: Sized + Copy + 'static {
    /// The enum's name, such as `JsonType`.
    const NAME: &'static str;
    /// The enum's doc, as one line.
    const TYPE_DOC: &'static str;
    /// Every keyword, in the order the format documents them.
    fn all() -> &'static [Self];
    /// The word as a catalog writes it.
    fn word_of(self) -> &'static str;
    /// What the word means, as the format documents it.
    fn doc_of(self) -> &'static str;
    /// The keyword spelled exactly `word`.
    fn from_word(word: &str) -> Option<Self>;
    /// Every word, for messages.
    fn words() -> Vec<&'static str>;
}

/// Defines a keyword enum with `ALL`, `word`, `doc`, `from_word` and `words`. Each
/// variant's doc is written once: it is the variant's rustdoc and what [`doc`] returns,
/// which the format's schema and README show beside the word.
///
/// [`doc`]: ColumnKind::doc
macro_rules! keywords {
    (
        #[doc = $type_doc:literal]
        $(#[$meta:meta])*
        $name:ident {
            $( $variant:ident = $word:literal => $doc:literal, )+
        }
    ) => {
        #[doc = $type_doc]
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( #[doc = $doc] $variant, )+
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

            /// What the word means, as the format documents it.
            pub const fn doc(self) -> &'static str {
                match self {
                    $( $name::$variant => $doc, )+
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

        impl Keyword for $name {
            const NAME: &'static str = stringify!($name);
            const TYPE_DOC: &'static str = $type_doc;
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn word_of(self) -> &'static str {
                self.word()
            }
            fn doc_of(self) -> &'static str {
                self.doc()
            }
            fn from_word(word: &str) -> Option<Self> {
                $name::from_word(word)
            }
            fn words() -> Vec<&'static str> {
                $name::words()
            }
        }
    };
}

keywords! {
    /// What a table column holds, and so the type of its accessor.
    ColumnKind {
        Key = "key" => "The wire string of the row: ASCII letters, digits, `.`, `_`, `-`; unique.",
        Text = "text" => "Text that says something.",
        Integer = "integer" => "A whole number.",
        HttpStatus = "http_status" => "An HTTP status, 100 to 599.",
        Word = "word" => "One word of the column's vocabulary.",
        Words = "words" => "A set of words of the column's vocabulary.",
    }
}

keywords! {
    /// The JSON (JavaScript) type an init parameter's value must have.
    JsonType {
        String = "string" => "A string.",
        Number = "number" => "A finite number.",
        Integer = "integer" => "A number without a fractional part.",
        Boolean = "boolean" => "`true` or `false`.",
        Object = "object" => "An object; its members are params named `object.member`.",
        Function = "function" => "A function, which only the page's script can pass.",
    }
}

keywords! {
    /// How serious a broken parameter rule is.
    Severity {
        Error = "error" => "The documented rule is broken.",
        Warning = "warning" => "The value differs from every value seen so far; no documented rule forbids it.",
    }
}

keywords! {
    /// Where a parameter's rule comes from.
    RuleConfidence {
        Official = "official" => "The vendor's documentation or official SDKs.",
        Observed = "observed" => "Public code and integrations only.",
    }
}

keywords! {
    /// The rules a parameter value can be checked against; each compiles to its own code.
    /// Which settings each takes is in [`crate::format::settings_of`].
    RuleKind {
        Any = "any" => "Any value of the right type.",
        OneOf = "one_of" => "One of `values` (case-sensitive); generates an enum. Takes `values`, `hints`, `type_name`.",
        Text = "text" => "A string with length bounds and allowed characters. Takes `min_len`, `max_len`, `chars`.",
        Number = "number" => "A finite number within bounds. Takes `min`, `max`, `above`.",
        IdSelector = "id_selector" => "A CSS ID selector: `#` then an id without whitespace.",
        CertifyId = "certify_id" => "The prefix held by another param, `_`, then ASCII letters or digits. Takes `prefix_param`, `suffix_len`.",
        Custom = "custom" => "A hand-written check named by `function`, in `custom.rs` and `ts/src/custom.ts`.",
    }
}

keywords! {
    /// A language a catalog's text can be written in: a BCP 47 tag. English is the source
    /// every catalog is written in; a catalog lists the others it carries in `locales`.
    Locale {
        En = "en" => "English, the source language of every catalog.",
        ZhCn = "zh-CN" => "Simplified Chinese as written in mainland China; it also serves Singapore and Malaysia.",
        ZhTw = "zh-TW" => "Traditional Chinese as written in Taiwan; it also serves Hong Kong and Macao.",
    }
}

impl Locale {
    /// The source language: plain cells are written in it.
    pub const SOURCE: Locale = Locale::En;

    /// The primary language subtag, lower case, such as `zh`.
    pub const fn language(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn | Locale::ZhTw => "zh",
        }
    }

    /// The script subtags of requests this locale answers, such as `Hant`.
    pub const fn scripts(self) -> &'static [&'static str] {
        match self {
            Locale::En => &[],
            Locale::ZhCn => &["Hans"],
            Locale::ZhTw => &["Hant"],
        }
    }

    /// The region subtags of requests this locale answers, such as `HK`.
    pub const fn regions(self) -> &'static [&'static str] {
        match self {
            Locale::En => &[],
            Locale::ZhCn => &["CN", "SG", "MY"],
            Locale::ZhTw => &["TW", "HK", "MO"],
        }
    }

    /// The language's name in itself, for links between pages.
    pub const fn own_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::ZhCn => "简体中文",
            Locale::ZhTw => "繁體中文",
        }
    }
}

keywords! {
    /// The character classes a `text` rule can allow.
    CharClass {
        Lower = "lower" => "lowercase ASCII letters",
        Upper = "upper" => "uppercase ASCII letters",
        Digit = "digit" => "ASCII digits",
        Underscore = "underscore" => "`_`",
        Hyphen = "hyphen" => "`-`",
        Dot = "dot" => "`.`",
    }
}

impl CharClass {
    /// The class in words, for messages and docs.
    pub const fn describe(self) -> &'static str {
        self.doc()
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
