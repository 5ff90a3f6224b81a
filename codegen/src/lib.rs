//! The code generator of `captcha-errors`: catalog texts in, generated texts out.
//!
//! The stages, grouped by folder: [`load`] reads each catalog's TOML keeping every span,
//! [`check`] validates meaning (reserving every name any output declares) and produces a
//! [`check::CheckedSet`], [`emit`] turns it into every output: each output is one
//! module with one function `emit(&CheckedSet) -> Vec<Output>`, registered in
//! [`emit::OUTPUTS`]. [`generate`] runs them all. The library is pure: it reads no file
//! and writes none; `xtask` does the I/O. It knows column kinds and rule kinds, never a
//! word of any catalog.

pub mod check;
pub mod diagnostic;
pub mod emit;
pub mod keywords;
pub mod load;
pub mod markdown;
pub mod model;
pub mod names;
pub mod readme;
pub mod suggest;
pub mod text_safety;

#[cfg(test)]
mod test_catalog;

pub use check::{CatalogSource, FileDiagnostics, PUBLISHED};
pub use emit::docs::README_MD;
pub use emit::output::{Generated, GeneratedFile, Output, ReadmeSection};
pub use emit::rust::{GENERATED_DIR, MODULES_RS};
pub use names::OTHER_LABEL;

/// Loads, checks and emits `catalogs` together. `published` is the text of the record
/// of published keys, if there is one. Returns every problem of every file, or nothing
/// generated at all.
pub fn generate(
    catalogs: &[CatalogSource<'_>],
    published: Option<&str>,
) -> Result<Generated, Vec<FileDiagnostics>> {
    generate_set(catalogs, published, false)
}

/// [`generate`] for the whole set of a workspace's catalogs: a module of the published
/// record that no catalog generates any more is refused too.
pub fn generate_set(
    catalogs: &[CatalogSource<'_>],
    published: Option<&str>,
    complete: bool,
) -> Result<Generated, Vec<FileDiagnostics>> {
    let set = check::check_set(catalogs, published, complete)?;
    Ok(emit::emit_all(&set))
}

/// Loads and checks one catalog without emitting anything.
pub fn parse(source: &str) -> Result<model::Catalog, Vec<diagnostic::Diagnostic>> {
    check::parse(source)
}
