//! The closed sets of words a catalog may use for `retry`, `category` and `platforms`.
//! Each set becomes a small enum in the generated crate, so the words and the Rust names
//! are defined once, here.

/// One allowed word, with the Rust variant it becomes and its documentation.
#[derive(Debug, PartialEq, Eq)]
pub struct Term {
    /// The word as written in the catalog.
    pub key: &'static str,
    /// The Rust variant name.
    pub variant: &'static str,
    /// The variant's rustdoc.
    pub doc: &'static str,
}

/// A closed set of words and the Rust enum it becomes.
#[derive(Debug, PartialEq, Eq)]
pub struct Vocabulary {
    /// The catalog key whose values come from this set (for messages).
    pub catalog_key: &'static str,
    /// What one value is called in messages, such as "platform".
    pub noun: &'static str,
    /// The name of the generated enum.
    pub type_name: &'static str,
    /// The generated enum's rustdoc.
    pub doc: &'static str,
    /// The allowed words, in the order of the generated enum.
    pub terms: &'static [Term],
}

impl Vocabulary {
    /// The term spelled `key`, if the set has one.
    pub fn find(&'static self, key: &str) -> Option<&'static Term> {
        self.terms.iter().find(|term| term.key == key)
    }

    /// The allowed words, for messages.
    pub fn keys(&self) -> Vec<&'static str> {
        self.terms.iter().map(|term| term.key).collect()
    }
}

/// Whether and how a client should retry a request that failed with a code.
pub static RETRY: Vocabulary = Vocabulary {
    catalog_key: "retry",
    noun: "retry value",
    type_name: "Retry",
    doc: "Whether and how a client should retry a request that failed with an error code.",
    terms: &[
        Term {
            key: "never",
            variant: "Never",
            doc: "Do not retry: the request fails the same way until its cause is fixed.",
        },
        Term {
            key: "backoff",
            variant: "Backoff",
            doc: "Retry later, with exponential backoff and a limit on attempts.",
        },
    ],
};

/// The kind of problem a code reports.
pub static CATEGORY: Vocabulary = Vocabulary {
    catalog_key: "category",
    noun: "category",
    type_name: "Category",
    doc: "The kind of problem an error code reports.",
    terms: &[
        Term {
            key: "configuration",
            variant: "Configuration",
            doc: "A parameter of the integration is wrong; fix the configuration.",
        },
        Term {
            key: "account",
            variant: "Account",
            doc: "The cloud account is not in good standing.",
        },
        Term {
            key: "rate-limiting",
            variant: "RateLimiting",
            doc: "Too many requests were sent.",
        },
    ],
};

/// The client integrations an error can occur in.
pub static PLATFORM: Vocabulary = Vocabulary {
    catalog_key: "platforms",
    noun: "platform",
    type_name: "Platform",
    doc: "A client integration in which an error can occur.",
    terms: &[
        Term {
            key: "web",
            variant: "Web",
            doc: "A web page integration.",
        },
        Term {
            key: "h5",
            variant: "H5",
            doc: "A mobile (H5) page integration.",
        },
        Term {
            key: "app",
            variant: "App",
            doc: "An app that shows an H5 page in a WebView.",
        },
        Term {
            key: "wechat",
            variant: "WeChat",
            doc: "A WeChat mini program that uses the native plug-in.",
        },
    ],
};

/// Where the page passes an init parameter.
pub static SCOPE: Vocabulary = Vocabulary {
    catalog_key: "scope",
    noun: "scope",
    type_name: "Scope",
    doc: "Where the page passes an init parameter.",
    terms: &[
        Term {
            key: "global",
            variant: "Global",
            doc: "In the global `window.AliyunCaptchaConfig` object, before the SDK loads.",
        },
        Term {
            key: "init",
            variant: "Init",
            doc: "In the options object of `initAliyunCaptcha({...})`.",
        },
    ],
};

/// The JSON type an init parameter's value must have.
pub static JSON_TYPE: Vocabulary = Vocabulary {
    catalog_key: "type",
    noun: "type",
    type_name: "JsonType",
    doc: "The JSON (JavaScript) type an init parameter's value must have.",
    terms: &[
        Term {
            key: "string",
            variant: "String",
            doc: "A string.",
        },
        Term {
            key: "number",
            variant: "Number",
            doc: "A number.",
        },
        Term {
            key: "integer",
            variant: "Integer",
            doc: "A number without a fractional part.",
        },
        Term {
            key: "boolean",
            variant: "Boolean",
            doc: "`true` or `false`, not a string.",
        },
        Term {
            key: "object",
            variant: "Object",
            doc: "An object.",
        },
        Term {
            key: "function",
            variant: "Function",
            doc: "A function, which only the page's script can pass.",
        },
    ],
};

/// How serious a broken parameter rule is.
pub static SEVERITY: Vocabulary = Vocabulary {
    catalog_key: "severity",
    noun: "severity",
    type_name: "Severity",
    doc: "How serious a problem with an init parameter is.",
    terms: &[
        Term {
            key: "error",
            variant: "Error",
            doc: "The documented rule is broken: the SDK or the server will reject the value.",
        },
        Term {
            key: "warning",
            variant: "Warning",
            doc:
                "The value differs from every value seen so far, but no documented rule forbids it.",
        },
    ],
};

/// How sure the catalog is of a parameter's rule.
pub static CONFIDENCE: Vocabulary = Vocabulary {
    catalog_key: "confidence",
    noun: "confidence",
    type_name: "Confidence",
    doc: "Where the rule for an init parameter comes from.",
    terms: &[
        Term {
            key: "official",
            variant: "Official",
            doc: "Stated in Alibaba Cloud's documentation or official SDKs.",
        },
        Term {
            key: "observed",
            variant: "Observed",
            doc: "Seen in public code and integrations, not stated by Alibaba Cloud.",
        },
    ],
};

/// The rules a parameter value can be checked against. Not emitted as an enum: each rule
/// compiles to its own code.
pub static RULE: Vocabulary = Vocabulary {
    catalog_key: "rule",
    noun: "rule",
    type_name: "Rule",
    doc: "A rule for an init parameter's value.",
    terms: &[
        Term {
            key: "any",
            variant: "Any",
            doc: "Any value of the right type.",
        },
        Term {
            key: "one_of",
            variant: "OneOf",
            doc: "One of an enumerated set of strings, compared exactly.",
        },
        Term {
            key: "text",
            variant: "Text",
            doc: "A string with length bounds and allowed character classes.",
        },
        Term {
            key: "number",
            variant: "Number",
            doc: "A finite number within bounds.",
        },
        Term {
            key: "id_selector",
            variant: "IdSelector",
            doc: "A CSS ID selector: `#` and an id without whitespace.",
        },
        Term {
            key: "certify_id",
            variant: "CertifyId",
            doc: "The configured prefix, `_`, then a fixed number of ASCII letters and digits.",
        },
        Term {
            key: "custom",
            variant: "Custom",
            doc: "A hand-written function in `captcha-errors/src/custom.rs`.",
        },
    ],
};

/// The character classes a `text` rule can allow. Not emitted as an enum.
pub static CHAR_CLASS: Vocabulary = Vocabulary {
    catalog_key: "chars",
    noun: "character class",
    type_name: "CharClass",
    doc: "A class of characters a text rule allows.",
    terms: &[
        Term {
            key: "lower",
            variant: "Lower",
            doc: "lowercase ASCII letters",
        },
        Term {
            key: "upper",
            variant: "Upper",
            doc: "uppercase ASCII letters",
        },
        Term {
            key: "digit",
            variant: "Digit",
            doc: "ASCII digits",
        },
        Term {
            key: "underscore",
            variant: "Underscore",
            doc: "`_`",
        },
        Term {
            key: "hyphen",
            variant: "Hyphen",
            doc: "`-`",
        },
        Term {
            key: "dot",
            variant: "Dot",
            doc: "`.`",
        },
    ],
};

/// Every vocabulary that becomes an enum of the generated crate, in generation order.
pub static ALL: [&Vocabulary; 7] = [
    &RETRY,
    &CATEGORY,
    &PLATFORM,
    &SCOPE,
    &JSON_TYPE,
    &SEVERITY,
    &CONFIDENCE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_is_exact() {
        assert_eq!(RETRY.find("never").map(|t| t.variant), Some("Never"));
        assert_eq!(RETRY.find("Never"), None);
        assert_eq!(
            CATEGORY.find("rate-limiting").map(|t| t.variant),
            Some("RateLimiting")
        );
    }

    #[test]
    fn keys_and_variants_are_unique_in_each_set() {
        for vocabulary in ALL.iter().chain([&&RULE, &&CHAR_CLASS]) {
            let mut keys = vocabulary.keys();
            keys.sort();
            keys.dedup();
            assert_eq!(
                keys.len(),
                vocabulary.terms.len(),
                "{}",
                vocabulary.type_name
            );
            let mut variants: Vec<_> = vocabulary.terms.iter().map(|t| t.variant).collect();
            variants.sort();
            variants.dedup();
            assert_eq!(
                variants.len(),
                vocabulary.terms.len(),
                "{}",
                vocabulary.type_name
            );
        }
    }
}
