//! The machinery of large tables, apart from the short path every table that fits a
//! `match` takes (every real catalog's):
//!
//! - [`perfect_hash`]: the lookup of a table too big for a `match`, searched at
//!   generation time;
//! - [`parts`]: printing a module with a table of at least [`LARGE_TABLE_MIN_ROWS`]
//!   rows in parts, on every core;
//! - [`trees`]: the big arrays of such a module, built as syntax trees rather than
//!   written as tokens for syn to read back.
//!
//! [`super::module`] calls [`module_is_large`] to choose the path.

pub(crate) mod parts;
pub(crate) mod perfect_hash;
pub(crate) mod trees;

use crate::model::Catalog;

/// A module with a table of at least this many rows is printed in parts, on every core:
/// the tables of a `match`'s size (see [`super::lookup::MATCH_MAX_ROWS`]) print in one
/// pass in well under a millisecond.
pub(crate) const LARGE_TABLE_MIN_ROWS: usize = super::lookup::MATCH_MAX_ROWS + 1;

/// Whether `catalog` has a table of at least [`LARGE_TABLE_MIN_ROWS`] rows.
pub(crate) fn module_is_large(catalog: &Catalog) -> bool {
    catalog
        .tables
        .iter()
        .any(|table| table.rows.len() >= LARGE_TABLE_MIN_ROWS)
}
