//! The fixed words of the catalog format that every catalog shares: the JSON type a
//! value must have, how serious a broken rule is, where a rule comes from, and the
//! locales a catalog's text is written in. They are
//! part of the catalog format itself, not of any one catalog: `cargo xtask gen` writes
//! them into `generated/_format.rs` from the table codegen reads the catalogs with.

#[path = "generated/_format.rs"]
#[rustfmt::skip]
mod words;

pub(crate) use words::SERVED;
pub use words::{JsonType, Locale, RuleConfidence, Severity};

/// The old name of [`RuleConfidence`], which a catalog's `Confidence` vocabulary (such as
/// [`verify::Confidence`](crate::verify::Confidence)) shared.
#[deprecated(note = "renamed `RuleConfidence`, apart from the catalogs' `Confidence` vocabularies")]
pub type Confidence = RuleConfidence;
