//! A reference from one part of a catalog to a row of one of its tables.

/// A row of a table of the same catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowRef {
    /// The index of the table.
    pub table: usize,
    /// The index of the row in the table.
    pub row: usize,
}
