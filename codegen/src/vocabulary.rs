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

/// Every vocabulary, in the order their enums are generated.
pub static ALL: [&Vocabulary; 3] = [&RETRY, &CATEGORY, &PLATFORM];

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
        for vocabulary in ALL {
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
