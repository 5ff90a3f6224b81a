//! Stage 2, check: catalog texts in, a [`CheckedSet`] out. [`check_set`] loads each
//! catalog and checks it alone ([`check`]), against the record of published keys and
//! against the others. Finds every problem of meaning (bad or duplicate names and keys,
//! empty text, statuses out of range, words outside a vocabulary, references to
//! nothing, names any output would declare twice) and reports all of them, each at the
//! span the loader kept. One submodule per part of the format.

pub mod across;
mod catalog;
mod locales;
mod params;
pub mod published;
mod rows;
mod rules;
mod tables;
mod typescript;
mod vocabularies;

#[cfg(test)]
mod tests;

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use across::check_across;
use published::Published;

use crate::diagnostic::{self, Diagnostic, Span};
use crate::keywords::Locale;
use crate::load::{RawCatalog, Text};
use crate::model::Catalog;
use crate::names;

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
        let (raw, diagnostics) = crate::load::load(source.text);
        match check(raw, diagnostics) {
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

/// Loads and checks one catalog alone.
pub fn parse(source: &str) -> Result<Catalog, Vec<Diagnostic>> {
    let (raw, diagnostics) = crate::load::load(source);
    check(raw, diagnostics)
}

/// Checks a loaded catalog. `diagnostics` holds what loading found; the result holds
/// those and every problem found here, sorted by position.
pub fn check(
    raw: RawCatalog,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Catalog, Vec<Diagnostic>> {
    let mut checker = Checker {
        diagnostics: &mut diagnostics,
        seen: HashMap::new(),
    };
    checker.reserve_type_names();
    let meta = raw.meta.as_ref().and_then(|meta| checker.meta(meta, &raw));
    let locales = raw.meta.as_ref().map(|meta| checker.locales(meta));
    let others: Vec<Locale> = match &locales {
        Some(Ok(locales) | Err(locales)) => locales
            .iter()
            .copied()
            .filter(|locale| *locale != Locale::SOURCE)
            .collect(),
        None => Vec::new(),
    };
    let name_in = raw.meta.as_ref().and_then(|meta| {
        let name_in = checker.translations(meta.name_in.as_ref(), &others, "name_in")?;
        let why = "the catalog is written in more languages than English, and so is its name";
        let at = meta.span.clone();
        checker
            .require_translations(&name_in, &others, at, ("`[catalog]`", "name_in"), why)
            .then_some(name_in)
    });
    let mut vocabularies = checker.vocabularies(&raw.vocabularies);
    let tables = checker.tables(&raw, &vocabularies, &others);
    checker.word_rows(&raw, &mut vocabularies, &tables);
    let params = checker.params(&raw, &tables, &vocabularies);
    if !raw.params.is_empty() {
        checker.not_the_runtimes_root_types();
    }
    let type_error = raw
        .meta
        .as_ref()
        .and_then(|meta| checker.type_error(meta, &raw, &tables));
    let seen = checker.seen;

    if !diagnostics.is_empty() {
        crate::diagnostic::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    let (Some(meta), Some(Ok(locales)), Some(name_in)) = (meta, locales, name_in) else {
        return Err(vec![Diagnostic::new(
            0..0,
            "the catalog has no `[catalog]` table",
        )]);
    };
    let catalog = Catalog {
        name: meta.name,
        source: meta.source,
        provenance: meta.provenance,
        module: meta.module,
        docs: meta.docs,
        readme_section: meta.readme_section,
        locales,
        name_in,
        vocabularies,
        tables: tables.into_iter().map(|table| table.table).collect(),
        params,
        type_error,
        spans: meta.spans,
    };
    // The TypeScript names derive from names checked above, so they are reserved last.
    let mut checker = Checker {
        diagnostics: &mut diagnostics,
        seen,
    };
    checker.typescript_names(&catalog);
    if diagnostics.is_empty() {
        Ok(catalog)
    } else {
        crate::diagnostic::sort(&mut diagnostics);
        Err(diagnostics)
    }
}

/// What kind of name a uniqueness check is about; names of different kinds never clash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    /// A type of the generated module: enums of vocabularies, tables and `one_of` rules.
    TypeName,
    /// The SHOUTY_SNAKE_CASE stem of a type's generated statics, such as `ERROR_CODE`.
    ConstantStem,
    /// A word of the named vocabulary.
    Word(String),
    /// A variant of the named vocabulary's enum.
    WordVariant(String),
    /// A column of the named table.
    Column(String),
    /// A key of the named table.
    Key(String),
    /// A variant of the named table's enum.
    RowVariant(String),
    /// The docs anchor of a row of the named table.
    Anchor(String),
    /// A param's name.
    ParamName,
    /// A variant of the `Param` enum.
    ParamVariant,
    /// A method of `InitConfig` made from a param.
    ParamMethod,
    /// A value of the `one_of` rule of the named param.
    EnumValue(String),
    /// A variant of the enum generated for the named param.
    EnumVariant(String),
    /// A method of the runtime's JSON report, named by a `scope` word's `json_object`.
    JsonMethod,
}

/// Checks one entry at a time, collecting diagnostics and the names seen so far.
pub(crate) struct Checker<'d> {
    pub(crate) diagnostics: &'d mut Vec<Diagnostic>,
    /// The first place each name was seen.
    pub(crate) seen: HashMap<(NameKind, String), Span>,
}

/// The format's own types, which the crate exports at its root (generated from
/// [`crate::keywords`] into `_format.rs`).
pub(crate) const RUNTIME_ROOT_TYPES: &[&str] = &[
    <crate::keywords::JsonType as crate::keywords::Keyword>::NAME,
    <crate::keywords::Severity as crate::keywords::Keyword>::NAME,
    <crate::keywords::RuleConfidence as crate::keywords::Keyword>::NAME,
    <Locale as crate::keywords::Keyword>::NAME,
];

/// Types every generated module with params defines itself; no catalog type may take them.
pub(crate) const GENERATED_TYPE_NAMES: &[&str] = &["Param", "Raised", "InitConfig", "ValidConfig"];

impl Checker<'_> {
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn reserve_type_names(&mut self) {
        for name in GENERATED_TYPE_NAMES {
            self.seen
                .insert((NameKind::TypeName, (*name).to_owned()), 0..0);
            let row_struct = format!("{name}Row");
            self.seen.insert((NameKind::TypeName, row_struct), 0..0);
            let stem = heck::AsShoutySnakeCase(name).to_string();
            self.seen
                .insert((NameKind::ConstantStem, format!("{stem}_*")), 0..0);
        }
        self.seen
            .insert((NameKind::ConstantStem, "TYPE_ERROR_*".to_owned()), 0..0);
    }

    /// In the catalog with params, whose module the crate re-exports at its root, no type
    /// may take the name of one of the format's own types there (`Locale`, ...): the
    /// crate's explicit export would hide it without a word.
    fn not_the_runtimes_root_types(&mut self) {
        for name in RUNTIME_ROOT_TYPES {
            let key = (NameKind::TypeName, (*name).to_owned());
            let Some(span) = self.seen.get(&key).cloned() else {
                continue;
            };
            self.report(
                Diagnostic::new(span, format!("the type name `{name}` is the crate's own at its root"))
                    .with_help(format!(
                        "the module of the catalog with `[[param]]` is re-exported at the crate root beside the format's types ({}); rename this type",
                        crate::suggest::quoted_list(RUNTIME_ROOT_TYPES)
                    )),
            );
        }
    }

    /// Records `name`; reports it if a name of the same kind was seen before.
    pub(crate) fn unique(&mut self, kind: NameKind, name: &Text, what: &str) -> bool {
        self.unique_name(kind, name.get_ref(), name.span(), what)
    }

    /// Records `name` of `kind`, first seen at `span`; reports it if a name of the same
    /// kind was seen before (or is taken by the generated code, recorded at `0..0`).
    pub(crate) fn unique_name(
        &mut self,
        kind: NameKind,
        name: &str,
        span: Span,
        what: &str,
    ) -> bool {
        let first = match self.seen.entry((kind, name.to_owned())) {
            Entry::Occupied(first) => first.get().clone(),
            Entry::Vacant(slot) => {
                slot.insert(span);
                return true;
            }
        };
        let diagnostic = if first == (0..0) {
            Diagnostic::new(
                span,
                format!("the {what} `{name}` is taken by the generated code"),
            )
            .with_help("choose another name")
        } else {
            Diagnostic::new(span, format!("duplicate {what} `{name}`"))
                .with_label(first, "first defined here")
                .with_help(format!(
                    "each {what} must appear once; remove or rename one of them"
                ))
        };
        self.report(diagnostic);
        false
    }

    /// A key or word that is not [`crate::OTHER_LABEL`], the metric label of every value
    /// the catalog does not know, which no value of its own may share.
    pub(crate) fn not_other_label(&mut self, text: &Text, what: &str) -> bool {
        if text.get_ref() != crate::OTHER_LABEL {
            return true;
        }
        self.report(
            Diagnostic::new(
                text.span(),
                format!(
                    "the {what} `{}` is the metric label of every value the catalog does not know",
                    crate::OTHER_LABEL
                ),
            )
            .with_help("choose another spelling, so that a metric tells this value apart from unknown ones"),
        );
        false
    }

    /// Text that must say something.
    pub(crate) fn text(&mut self, text: &Text, what: &str) -> Option<String> {
        if text.get_ref().trim().is_empty() {
            self.report(
                Diagnostic::new(text.span(), format!("{what} is empty"))
                    .with_help("write the text here, or remove the key if it is optional"),
            );
            return None;
        }
        Some(text.get_ref().clone())
    }

    /// Optional text that, when present, must say something.
    pub(crate) fn optional_text(
        &mut self,
        text: Option<&Text>,
        what: &str,
    ) -> Result<Option<String>, ()> {
        match text {
            None => Ok(None),
            Some(text) => self.text(text, what).map(Some).ok_or(()),
        }
    }

    /// A variant name, given or derived from `from`, checked and unique as `kind`.
    pub(crate) fn variant(
        &mut self,
        given: Option<&Text>,
        from: &Text,
        kind: NameKind,
        from_what: &str,
    ) -> Option<String> {
        let (name, span, help) = match given {
            Some(variant) => (
                variant.get_ref().clone(),
                variant.span(),
                "change `variant` to an UpperCamelCase name of ASCII letters and digits".to_owned(),
            ),
            None => (
                names::derive_variant(from.get_ref()),
                from.span(),
                format!("add `variant = \"…\"` with an UpperCamelCase name for this {from_what}"),
            ),
        };
        if let Some(problem) = names::variant_problem(&name) {
            self.report(Diagnostic::new(span, problem).with_help(help));
            return None;
        }
        self.unique_name(kind, &name, span, "variant name")
            .then_some(name)
    }

    /// A type name of the generated module: an UpperCamelCase name, unique.
    pub(crate) fn type_name(&mut self, name: &Text, key: &str) -> bool {
        if let Some(problem) = names::variant_problem(name.get_ref()) {
            let problem = problem.replace("variant name", "type name");
            self.report(Diagnostic::new(name.span(), problem).with_help(format!(
                "set `{key}` to an UpperCamelCase name of ASCII letters and digits"
            )));
            return false;
        }
        if !self.unique(NameKind::TypeName, name, "type name") {
            return false;
        }
        // The generated code also names statics `<TYPE>_*` (such as `<TYPE>_NAMES` or
        // `<TYPE>_WORDS`) and a module `<type>_columns` after each type (unique when the
        // stems are), and keeps `<Type>Row` free for a private row struct.
        let row_struct = format!("{}Row", name.get_ref());
        let stem = heck::AsShoutySnakeCase(name.get_ref()).to_string();
        for (kind, derived, what) in [
            (NameKind::TypeName, row_struct, "its row struct"),
            (NameKind::ConstantStem, format!("{stem}_*"), "its statics"),
        ] {
            if let Some(first) = self.seen.get(&(kind.clone(), derived.clone())) {
                let mut diagnostic = Diagnostic::new(
                    name.span(),
                    format!(
                        "the type `{}` would name {what} `{derived}`, a name already taken",
                        name.get_ref()
                    ),
                )
                .with_help("rename one of the two types");
                if *first != (0..0) {
                    diagnostic = diagnostic.with_label(first.clone(), "this name takes it first");
                }
                self.report(diagnostic);
                return false;
            }
            self.seen.insert((kind, derived), name.span());
        }
        true
    }

    /// A snake_case name, reported with `help` when it is not one.
    pub(crate) fn snake_case(&mut self, name: &Text, help: &str) -> bool {
        match names::snake_case_problem(name.get_ref()) {
            None => true,
            Some(problem) => {
                self.report(Diagnostic::new(name.span(), problem).with_help(help.to_owned()));
                false
            }
        }
    }
}
