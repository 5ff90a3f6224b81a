//! The fixed words of the parameter rules that every catalog shares: the JSON type a
//! value must have, how serious a broken rule is, and where a rule comes from. They are
//! part of the catalog format itself, not of any one catalog: `cargo xtask gen` writes
//! them into `generated/_format.rs` from the table codegen reads the catalogs with.

#[path = "generated/_format.rs"]
#[rustfmt::skip]
mod words;

pub use words::{JsonType, RuleConfidence, Severity};

/// The old name of [`RuleConfidence`], which a catalog's `Confidence` vocabulary (such as
/// [`verify::Confidence`](crate::verify::Confidence)) shared.
#[deprecated(note = "renamed `RuleConfidence`, apart from the catalogs' `Confidence` vocabularies")]
pub type Confidence = RuleConfidence;
