//! Checking `[catalog]`: its texts and the outputs it claims (module, docs page, README
//! section), and its `type_error` row reference.

use super::tables::CheckedTable;
use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::load::{RawCatalog, RawMeta};
use crate::model::{CatalogSpans, RowRef};

/// Module names the crate `captcha-errors` already uses for itself; a catalog's module
/// is re-exported beside them, so it may not take one.
pub const RESERVED_MODULES: &[&str] = &[
    "ascii",
    "core",
    "custom",
    "generated",
    "json",
    "kinds",
    "problem",
    "report",
    "std",
    "unknown",
    "value",
    "wire",
];

/// `[catalog]` once checked.
pub(super) struct CheckedMeta {
    pub(super) name: String,
    pub(super) source: String,
    pub(super) provenance: String,
    pub(super) module: String,
    pub(super) docs: String,
    pub(super) readme_section: Option<String>,
    pub(super) spans: CatalogSpans,
}

impl Checker<'_> {
    pub(super) fn meta(&mut self, meta: &RawMeta, raw: &RawCatalog) -> Option<CheckedMeta> {
        let name = self.text(&meta.name, "`name` of `[catalog]`");
        let source = self.text(&meta.source, "`source` of `[catalog]`");
        let provenance = self.text(&meta.provenance, "`provenance` of `[catalog]`");
        let module = self.module(meta);
        let docs = self.docs_path(meta);
        let readme_section = match &meta.readme_section {
            None => Ok(None),
            Some(section) => {
                let text = section.get_ref();
                let good = !text.is_empty()
                    && text.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-')
                    });
                if good {
                    Ok(Some(text.clone()))
                } else {
                    self.report(
                        Diagnostic::new(
                            section.span(),
                            format!("`{text}` is not a README section name"),
                        )
                        .with_help(
                            "use lowercase ASCII letters, digits, '_' and '-', such as \"init\"",
                        ),
                    );
                    Err(())
                }
            }
        };
        Some(CheckedMeta {
            name: name?,
            source: source?,
            provenance: provenance?,
            module: module?,
            docs: docs?,
            readme_section: readme_section.ok()?,
            spans: CatalogSpans {
                module: meta.module.span(),
                docs: meta.docs.span(),
                readme_section: meta.readme_section.as_ref().map(|s| s.span()),
                first_param: raw.params.first().map(|p| p.span.clone()),
            },
        })
    }

    fn module(&mut self, meta: &RawMeta) -> Option<String> {
        let module = &meta.module;
        if !self.snake_case(module, "name the module in snake_case, such as \"init\"") {
            return None;
        }
        if crate::names::TYPESCRIPT_RESERVED.contains(&module.get_ref().as_str()) {
            self.report(
                Diagnostic::new(
                    module.span(),
                    format!(
                        "the module name `{}` is a reserved word in TypeScript",
                        module.get_ref()
                    ),
                )
                .with_help("choose another name: the module is also a TypeScript namespace"),
            );
            return None;
        }
        if RESERVED_MODULES.contains(&module.get_ref().as_str()) {
            self.report(
                Diagnostic::new(
                    module.span(),
                    format!(
                        "the module name `{}` is taken by the crate itself",
                        module.get_ref()
                    ),
                )
                .with_help(format!(
                    "choose another name; these are taken: {}",
                    crate::suggest::quoted_list(RESERVED_MODULES)
                )),
            );
            return None;
        }
        Some(module.get_ref().clone())
    }

    fn docs_path(&mut self, meta: &RawMeta) -> Option<String> {
        let docs = meta.docs.get_ref();
        let safe_chars = docs
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'));
        let relative = !docs.starts_with('/')
            && docs
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if safe_chars && relative && docs.ends_with(".md") && docs.len() > 3 {
            return Some(docs.clone());
        }
        self.report(
            Diagnostic::new(meta.docs.span(), format!("`{docs}` is not a usable docs path"))
                .with_help("give a relative path to a Markdown file inside the workspace, such as \"docs/init.md\""),
        );
        None
    }

    /// The `type_error` row: required once there are params.
    pub(super) fn type_error(
        &mut self,
        meta: &RawMeta,
        raw: &RawCatalog,
        tables: &[CheckedTable],
    ) -> Option<RowRef> {
        match &meta.type_error {
            Some(reference) => self.row_reference(reference, raw, tables, "type_error"),
            None if meta.has_type_error => None,
            None => {
                if let Some(first) = raw.params.first() {
                    self.report(
                        Diagnostic::new(first.span.clone(), "the catalog has `[[param]]` entries but `[catalog]` has no `type_error`")
                            .with_help("add `type_error = { <table> = \"<key of the row a value of the wrong type raises>\" }` to `[catalog]`"),
                    );
                }
                None
            }
        }
    }
}
