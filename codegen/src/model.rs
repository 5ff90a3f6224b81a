//! The checked catalog: what the emitters read. Every value here has passed
//! [`crate::check`], so emitters never need to handle a bad value.

use crate::vocabulary::Term;

/// A catalog whose every entry is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// The title used in the docs.
    pub name: String,
    /// The address of the vendor page the text comes from.
    pub source: String,
    /// Which facts are the vendor's and which are the project's.
    pub provenance: String,
    /// The API error codes, in catalog order.
    pub codes: Vec<Code>,
    /// The field-error rows, in catalog order.
    pub fields: Vec<Field>,
}

/// One API error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The wire code, such as `Forbidden.AccountAccessDenied`.
    pub code: String,
    /// The Rust variant name.
    pub variant: String,
    /// The vendor's description.
    pub description: String,
    /// The vendor's troubleshooting text.
    pub troubleshooting: String,
    /// The vendor's "Important" remark.
    pub notes: Option<String>,
    /// The recommended HTTP status for relaying the error.
    pub http_status: u16,
    /// The retry advice.
    pub retry: &'static Term,
    /// The kind of problem.
    pub category: &'static Term,
    /// Where the code can occur, in catalog order.
    pub platforms: Vec<&'static Term>,
}

/// One field-error row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The stable snake_case key.
    pub key: String,
    /// The vendor's "Field" column.
    pub field: String,
    /// The Rust variant name.
    pub variant: String,
    /// The vendor's description.
    pub description: String,
    /// The vendor's troubleshooting text.
    pub troubleshooting: String,
    /// The recommended HTTP status for relaying the error.
    pub http_status: u16,
    /// Where the error can occur, in catalog order.
    pub platforms: Vec<&'static Term>,
}
