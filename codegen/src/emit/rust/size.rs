//! How big a table is, which decides the path its generated code takes: a small table
//! (every real catalog's) keeps each row's facts in one struct literal, derives `Debug` and
//! is printed in one pass; a bigger one keeps a static array per column and goes through
//! the machinery of `large`.

use crate::model::Table;

/// Tables of at most this many rows are small: they derive `Debug`, and name their
/// variants `Self::` in `ALL`, which sits in one impl with the lookup. A bigger table's
/// `Debug` writes the variant's name from a static table, as a derived `Debug` (one
/// `match` arm per variant) costs a 10,000-row table's dependents seconds of build, and
/// its `ALL` names the type, which rustc resolves faster (0.3 s of a debug build at
/// 10,000 rows), in an impl printed beside the lookup's.
pub(crate) const SMALL_TABLE_MAX_ROWS: usize = 128;

/// Whether `table` is small (see [`SMALL_TABLE_MAX_ROWS`]).
pub(crate) fn is_small(table: &Table) -> bool {
    table.rows.len() <= SMALL_TABLE_MAX_ROWS
}
