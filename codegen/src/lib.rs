//! The code generator of `captcha-errors`: catalog texts in, generated texts out.
//!
//! The stages, grouped by folder: [`load`] reads each catalog's TOML keeping every span,
//! [`check`] validates meaning (reserving every name any output declares) and produces a
//! [`check::CheckedSet`], [`emit`] turns it into every output: each output is one
//! module with one function `emit(&CheckedSet) -> Vec<Output>`, registered in
//! [`OUTPUTS`], and [`emit_all`] runs them. [`generate`] runs the stages. The library is
//! pure: it reads no file and writes none; `xtask` does the I/O. It knows column kinds
//! and rule kinds, never a word of any catalog.

pub mod check;
pub mod diagnostic;
pub mod emit;
pub mod format;
pub mod format_rust;
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

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use check::CheckedSet;
use emit::output::Emit;

pub use check::{CatalogSource, FileDiagnostics, PUBLISHED};
pub use emit::changelog::CHANGELOG_MD;
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
    Ok(emit_all(&set))
}

/// Every output, in the order its files are listed: the Rust modules, the docs pages and
/// README sections, the translated docs pages, the TypeScript modules, the JSON Schemas,
/// the published record, the changelog's catalog part, the runtime's types of the
/// format's words.
pub const OUTPUTS: &[Emit] = &[
    emit::rust::emit,
    emit::docs::emit,
    emit::docs_locales::emit,
    emit::typescript::emit,
    emit::schema::emit,
    emit::published::emit,
    emit::changelog::emit,
    format_rust::emit,
];

/// Every output of the checked catalogs: each emitter of [`OUTPUTS`] run (on every core,
/// the Rust modules being the slowest), its outputs kept in order.
pub fn emit_all(set: &CheckedSet<'_>) -> Generated {
    let outputs: Vec<Vec<Output>> = OUTPUTS.par_iter().map(|emit| emit(set)).collect();
    let mut generated = Generated {
        files: Vec::new(),
        readme_sections: Vec::new(),
        custom_functions: Vec::new(),
        changelog_section: String::new(),
    };
    for output in outputs.into_iter().flatten() {
        match output {
            Output::File(file) => generated.files.push(file),
            Output::ReadmeSection(section) => generated.readme_sections.push(section),
            Output::ChangelogSection(text) => generated.changelog_section = text,
        }
    }
    for checked in &set.catalogs {
        let functions = checked.catalog.custom_functions();
        generated
            .custom_functions
            .extend(functions.into_iter().map(str::to_owned));
    }
    generated
}

/// Loads and checks one catalog without emitting anything.
pub fn parse(source: &str) -> Result<model::Catalog, Vec<diagnostic::Diagnostic>> {
    check::parse(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_set;
    use crate::test_catalog::SMALL;

    #[test]
    fn every_output_writes_its_own_paths_for_a_catalog_it_was_given() {
        let params = include_str!("../tests/golden/params.toml");
        let locales = include_str!("../tests/golden/locales.toml");
        let sources = [
            CatalogSource {
                path: "catalog/test.toml",
                text: SMALL,
            },
            CatalogSource {
                path: "catalog/params.toml",
                text: params,
            },
            CatalogSource {
                path: "catalog/locales.toml",
                text: locales,
            },
        ];
        let set = check_set(&sources, None, false).expect("valid");
        let mut paths = Vec::new();
        for emit in OUTPUTS {
            let outputs = emit(&set);
            assert!(!outputs.is_empty());
            for output in outputs {
                let (path, owner) = match output {
                    Output::File(file) => (file.path, file.owner),
                    Output::ReadmeSection(section) => {
                        (format!("README#{}", section.name), Some(section.owner))
                    }
                    Output::ChangelogSection(_) => (format!("{CHANGELOG_MD}#catalog"), None),
                };
                if let Some(owner) = owner {
                    assert!(sources.iter().any(|s| s.path == owner), "{path}: {owner}");
                }
                assert!(!paths.contains(&path), "{path} is written twice");
                paths.push(path);
            }
        }
        let generated = emit_all(&set);
        assert_eq!(
            generated.files.len() + generated.readme_sections.len() + 1,
            paths.len()
        );
        assert!(generated.changelog_section.contains("added"));
    }
}
