//! Stage 3, emit: a [`CheckedSet`] in, every generated text out. Each output is one
//! module with one function `emit(&CheckedSet) -> Vec<Output>` that owns the paths it
//! writes, registered in [`OUTPUTS`]; the contract is in [`output`]. [`rust`] writes the
//! modules of `captcha-errors`, [`docs`] the docs pages and README sections,
//! [`typescript`] the modules of the `ts/` package, [`schema`] the JSON Schemas of the
//! init config and of the catalog format, and [`published`] the record of published
//! keys. None of them can fail: every name they declare was reserved by
//! [`crate::check`].

pub mod docs;
pub(crate) mod docs_params;
pub mod output;
pub mod published;
pub mod rust;
pub mod schema;
pub mod typescript;

use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::check::CheckedSet;
use output::{Emit, Generated, Output};

/// Every output, in the order its files are listed.
pub const OUTPUTS: &[Emit] = &[
    rust::emit,
    docs::emit,
    typescript::emit,
    schema::emit,
    published::emit,
];

/// Every output of the checked catalogs: each emitter of [`OUTPUTS`] run (on every core,
/// the Rust modules being the slowest), its outputs kept in order.
pub fn emit_all(set: &CheckedSet<'_>) -> Generated {
    let outputs: Vec<Vec<Output>> = OUTPUTS.par_iter().map(|emit| emit(set)).collect();
    let mut generated = Generated {
        files: Vec::new(),
        readme_sections: Vec::new(),
        custom_functions: Vec::new(),
    };
    for output in outputs.into_iter().flatten() {
        match output {
            Output::File(file) => generated.files.push(file),
            Output::ReadmeSection(section) => generated.readme_sections.push(section),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_set, CatalogSource};
    use crate::test_catalog::SMALL;

    #[test]
    fn every_output_writes_its_own_paths_for_a_catalog_it_was_given() {
        let params = include_str!("../../tests/golden/params.toml");
        let sources = [
            CatalogSource {
                path: "catalog/test.toml",
                text: SMALL,
            },
            CatalogSource {
                path: "catalog/params.toml",
                text: params,
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
            generated.files.len() + generated.readme_sections.len(),
            paths.len()
        );
    }
}
