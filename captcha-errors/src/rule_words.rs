//! The fixed words of the parameter rules that every catalog shares: the JSON type a
//! value must have, how serious a broken rule is, and where a rule comes from. They are
//! part of the catalog format itself, not of any one catalog, so they are written here.

use core::fmt;

/// The JSON (JavaScript) type an init parameter's value must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonType {
    /// A string.
    String,
    /// A number.
    Number,
    /// A number without a fractional part.
    Integer,
    /// `true` or `false`, not a string.
    Boolean,
    /// An object.
    Object,
    /// A function, which only the page's script can pass.
    Function,
}

/// How serious a problem with an init parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// The documented rule is broken: the SDK or the server will reject the value.
    Error,
    /// The value differs from every value seen so far, but no documented rule forbids it.
    Warning,
}

/// Where the rule for an init parameter comes from. (Named apart from the catalogs'
/// `confidence` vocabularies, such as [`verify::Confidence`](crate::verify::Confidence),
/// which rate a code's sources.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleConfidence {
    /// Stated in Alibaba Cloud's documentation or official SDKs.
    Official,
    /// Seen in public code and integrations, not stated by Alibaba Cloud.
    Observed,
}

impl JsonType {
    /// Every value, in the order of the catalog format.
    pub const ALL: &'static [JsonType] = &[
        JsonType::String,
        JsonType::Number,
        JsonType::Integer,
        JsonType::Boolean,
        JsonType::Object,
        JsonType::Function,
    ];

    /// The word the catalog and the docs use for this value.
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Function => "function",
        }
    }
}

impl Severity {
    /// Every value, in the order of the catalog format.
    pub const ALL: &'static [Severity] = &[Severity::Error, Severity::Warning];

    /// The word the catalog and the docs use for this value.
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl RuleConfidence {
    /// Every value, in the order of the catalog format.
    pub const ALL: &'static [RuleConfidence] =
        &[RuleConfidence::Official, RuleConfidence::Observed];

    /// The word the catalog and the docs use for this value.
    #[inline]
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleConfidence::Official => "official",
            RuleConfidence::Observed => "observed",
        }
    }
}

macro_rules! display_as_str {
    ($($name:ident),*) => {$(
        impl fmt::Display for $name {
            /// Writes the word the catalog uses, as `as_str` returns it.
            #[inline]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(JsonType, Severity, RuleConfidence);

/// The old name of [`RuleConfidence`], which a catalog's `Confidence` vocabulary (such as
/// [`verify::Confidence`](crate::verify::Confidence)) shared.
#[deprecated(note = "renamed `RuleConfidence`, apart from the catalogs' `Confidence` vocabularies")]
pub type Confidence = RuleConfidence;
