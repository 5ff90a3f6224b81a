//! Checking a set of catalogs together: each alone, each against the record of
//! published keys, and all against each other. What passes is a [`CheckedSet`], the one
//! input of every emitter.

use super::across::check_across;
use super::published::{self, Published};
use crate::diagnostic::{self, Diagnostic};
use crate::model::Catalog;

/// The record of every published key and variant.
pub const PUBLISHED: &str = "catalog/published-keys.txt";

/// One catalog to generate from: its path as shown in headers and messages (relative,
/// so output does not depend on the machine) and its text.
#[derive(Debug, Clone, Copy)]
pub struct CatalogSource<'a> {
    /// The path shown in generated headers and diagnostics, such as `catalog/init.toml`.
    pub path: &'a str,
    /// The catalog's TOML text.
    pub text: &'a str,
}

/// The problems found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiagnostics {
    /// The file, as given in [`CatalogSource::path`] or [`PUBLISHED`].
    pub path: String,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// One catalog that passed every check, with the path it is shown by.
#[derive(Debug, Clone)]
pub struct CheckedCatalog<'a> {
    /// The path shown in generated headers, as given in [`CatalogSource::path`].
    pub path: &'a str,
    /// The checked catalog.
    pub catalog: Catalog,
}

/// Catalogs that passed every check, alone and together: what every output is made of.
#[derive(Debug, Clone)]
pub struct CheckedSet<'a> {
    /// The catalogs, in the order given.
    pub catalogs: Vec<CheckedCatalog<'a>>,
    /// The entries of the record of published keys as it was read.
    pub record: Vec<Published>,
}

impl CheckedSet<'_> {
    /// The module of every catalog, in order.
    pub fn modules(&self) -> Vec<&str> {
        self.catalogs
            .iter()
            .map(|c| c.catalog.module.as_str())
            .collect()
    }

    /// The paths of every catalog, as a header shows them: `a.toml, b.toml`.
    pub fn paths_shown(&self) -> String {
        let paths: Vec<&str> = self.catalogs.iter().map(|c| c.path).collect();
        paths.join(", ")
    }
}

/// Loads and checks `catalogs` together: each alone, against the record of published
/// keys, and against each other. `published` is the text of the record, if there is
/// one; with `complete` (the whole set of a workspace's catalogs), a module of the
/// record that no catalog has any more is refused too. Returns every problem of every
/// file.
pub fn check_set<'a>(
    catalogs: &[CatalogSource<'a>],
    published: Option<&str>,
    complete: bool,
) -> Result<CheckedSet<'a>, Vec<FileDiagnostics>> {
    let record = match published.map(published::parse_record) {
        Some(Err(diagnostics)) => {
            return Err(vec![FileDiagnostics {
                path: PUBLISHED.to_owned(),
                diagnostics,
            }])
        }
        Some(Ok(record)) => record,
        None => Vec::new(),
    };
    let mut problems: Vec<FileDiagnostics> = Vec::new();
    let mut checked = Vec::new();
    for source in catalogs {
        match super::parse(source.text) {
            Ok(catalog) => {
                for diagnostic in published::check_published(&catalog, &record) {
                    add_problem(&mut problems, source.path, diagnostic);
                }
                checked.push(CheckedCatalog {
                    path: source.path,
                    catalog,
                });
            }
            Err(diagnostics) => problems.push(FileDiagnostics {
                path: source.path.to_owned(),
                diagnostics,
            }),
        }
    }
    let pairs: Vec<(&str, &Catalog)> = checked.iter().map(|c| (c.path, &c.catalog)).collect();
    for (index, diagnostic) in check_across(&pairs) {
        add_problem(&mut problems, pairs[index].0, diagnostic);
    }
    if complete && problems.is_empty() {
        let modules: Vec<&str> = checked.iter().map(|c| c.catalog.module.as_str()).collect();
        for diagnostic in published::check_modules(&record, &modules) {
            add_problem(&mut problems, PUBLISHED, diagnostic);
        }
    }
    if !problems.is_empty() {
        for file in &mut problems {
            diagnostic::sort(&mut file.diagnostics);
        }
        return Err(problems);
    }
    Ok(CheckedSet {
        catalogs: checked,
        record: record.into_iter().map(|(entry, _)| entry).collect(),
    })
}

/// Adds `diagnostic` to the problems of the file at `path`.
fn add_problem(problems: &mut Vec<FileDiagnostics>, path: &str, diagnostic: Diagnostic) {
    match problems.iter_mut().find(|p| p.path == path) {
        Some(file) => file.diagnostics.push(diagnostic),
        None => problems.push(FileDiagnostics {
            path: path.to_owned(),
            diagnostics: vec![diagnostic],
        }),
    }
}
