//! The code generator of `captcha-errors`: catalog texts in, generated texts out.
//!
//! The stages, grouped by folder: [`load`] reads each catalog's TOML keeping every span,
//! [`check`] validates meaning and produces a [`model::Catalog`], [`emit`] turns checked
//! catalogs into Rust modules, docs pages, README sections and the record of published
//! keys. [`generate`] runs them all. The library is pure: it reads no file and writes
//! none; `xtask` does the I/O. It knows column kinds and rule kinds, never a word of any
//! catalog.

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

use check::published::{self, Published};
use diagnostic::Diagnostic;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

/// The folder of the generated Rust modules, relative to the workspace root.
pub const GENERATED_DIR: &str = "captcha-errors/src/generated";
/// The generated file that declares one module per catalog.
pub const MODULES_RS: &str = "captcha-errors/src/generated/mod.rs";
/// The record of every published key and variant.
pub const PUBLISHED: &str = "catalog/published-keys.txt";
/// The README whose generated sections the catalogs fill.
pub const README_MD: &str = "README.md";
/// The metric label (and OpenTelemetry `error.type`) of a code that no row knows: the
/// last of every table's metric labels. It is the runtime's `captcha_errors::OTHER_LABEL`
/// (and the TypeScript runtime's `OTHER_LABEL`), which the generated code names; the
/// generator needs the word itself only to write the docs and to refuse a key or word
/// spelt so (the behaviour tests of both runtimes check that the docs agree with them).
pub const OTHER_LABEL: &str = "_OTHER";

/// One catalog to generate from: its path as shown in headers and messages (relative,
/// so output does not depend on the machine) and its text.
#[derive(Debug, Clone, Copy)]
pub struct CatalogSource<'a> {
    /// The path shown in generated headers and diagnostics, such as `catalog/init.toml`.
    pub path: &'a str,
    /// The catalog's TOML text.
    pub text: &'a str,
}

/// One generated file: its path relative to the workspace root and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: String,
    /// The complete contents.
    pub contents: String,
    /// The path of the catalog that alone owns this file; `None` for files every catalog
    /// shares (the module list, the published record).
    pub owner: Option<String>,
}

/// A README section one catalog fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadmeSection {
    /// The section's name, as its markers write it.
    pub name: String,
    /// The text between the markers.
    pub text: String,
    /// The path of the catalog it comes from.
    pub owner: String,
}

/// Everything generated from a set of catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files generated whole.
    pub files: Vec<GeneratedFile>,
    /// The README sections; see [`readme::splice`].
    pub readme_sections: Vec<ReadmeSection>,
    /// The hand-written functions the catalogs' `custom` rules call; they must exist in
    /// `captcha-errors/src/custom.rs`.
    pub custom_functions: Vec<String>,
}

/// The problems found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDiagnostics {
    /// The file, as given in [`CatalogSource::path`] or [`PUBLISHED`].
    pub path: String,
    /// Every problem, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

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
    let checked = check_all(catalogs, &record, complete)?;
    let old: Vec<Published> = record.into_iter().map(|(entry, _)| entry).collect();
    emit_all(&checked, &old)
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

/// Every catalog checked alone, against the record, and against each other.
fn check_all<'a>(
    catalogs: &[CatalogSource<'a>],
    record: &[(Published, diagnostic::Span)],
    complete: bool,
) -> Result<Vec<(&'a str, model::Catalog)>, Vec<FileDiagnostics>> {
    let mut problems: Vec<FileDiagnostics> = Vec::new();
    let mut checked = Vec::new();
    for source in catalogs {
        match parse(source.text) {
            Ok(catalog) => {
                for diagnostic in published::check_published(&catalog, record) {
                    add_problem(&mut problems, source.path, diagnostic);
                }
                checked.push((source.path, catalog));
            }
            Err(diagnostics) => problems.push(FileDiagnostics {
                path: source.path.to_owned(),
                diagnostics,
            }),
        }
    }
    let pairs: Vec<(&str, &model::Catalog)> = checked.iter().map(|(path, c)| (*path, c)).collect();
    for (index, diagnostic) in check::across::check_across(&pairs) {
        add_problem(&mut problems, pairs[index].0, diagnostic);
    }
    if complete && problems.is_empty() {
        let modules: Vec<&str> = checked.iter().map(|(_, c)| c.module.as_str()).collect();
        for diagnostic in published::check_modules(record, &modules) {
            add_problem(&mut problems, PUBLISHED, diagnostic);
        }
    }
    for file in &mut problems {
        diagnostic::sort(&mut file.diagnostics);
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// Every output of the checked catalogs.
fn emit_all(
    checked: &[(&str, model::Catalog)],
    record: &[Published],
) -> Result<Generated, Vec<FileDiagnostics>> {
    let internal = |path: &str, message: String| {
        vec![FileDiagnostics {
            path: path.to_owned(),
            diagnostics: vec![Diagnostic::new(0..0, message)],
        }]
    };
    // The Rust modules take most of the time: they are made beside everything else.
    let (modules, (pages, typescript, schemas, published_record)) = rayon::join(
        || {
            checked
                .par_iter()
                .map(|(path, catalog)| {
                    emit::rust::module(catalog, path).map_err(|message| internal(path, message))
                })
                .collect::<Result<Vec<String>, _>>()
        },
        || {
            let pages: Vec<String> = checked
                .iter()
                .map(|(path, catalog)| emit::docs::page(catalog, path))
                .collect();
            let catalogs: Vec<&model::Catalog> = checked.iter().map(|(_, c)| c).collect();
            (
                pages,
                emit::typescript::files(checked),
                emit::schema::files(checked),
                emit::published::record(record, &published::entries_of(&catalogs)),
            )
        },
    );
    let mut files = Vec::new();
    let mut readme_sections = Vec::new();
    let mut custom_functions = Vec::new();
    for (((path, catalog), rust), page) in checked.iter().zip(modules?).zip(pages) {
        files.push(GeneratedFile {
            path: format!("{GENERATED_DIR}/{}.rs", catalog.module),
            contents: rust,
            owner: Some((*path).to_owned()),
        });
        files.push(GeneratedFile {
            path: catalog.docs.clone(),
            contents: page,
            owner: Some((*path).to_owned()),
        });
        if let Some(name) = &catalog.readme_section {
            readme_sections.push(ReadmeSection {
                name: name.clone(),
                text: emit::docs::readme_section(catalog),
                owner: (*path).to_owned(),
            });
        }
        custom_functions.extend(catalog.custom_functions().into_iter().map(str::to_owned));
    }
    let modules: Vec<&str> = checked.iter().map(|(_, c)| c.module.as_str()).collect();
    let shown: Vec<&str> = checked.iter().map(|(path, _)| *path).collect();
    files.push(GeneratedFile {
        path: MODULES_RS.to_owned(),
        contents: emit::rust::modules_file(&modules, &shown.join(", "))
            .map_err(|m| internal(MODULES_RS, m))?,
        owner: None,
    });
    files.push(GeneratedFile {
        path: PUBLISHED.to_owned(),
        contents: published_record,
        owner: None,
    });
    files.extend(typescript.map_err(|(path, m)| internal(&path, m))?);
    files.extend(schemas);
    Ok(Generated {
        files,
        readme_sections,
        custom_functions,
    })
}

/// Loads and checks one catalog without emitting anything.
pub fn parse(source: &str) -> Result<model::Catalog, Vec<Diagnostic>> {
    let (raw, diagnostics) = load::load(source);
    check::check(raw, diagnostics)
}
