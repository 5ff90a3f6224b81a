//! Checking `[[param]]` entries: names (and the Rust names made from them), scope, JSON
//! type, severity, confidence, default, the row a bad value raises, and whether the rule
//! fits the type. The rule's own settings are checked by [`super::rules`].

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::tables::CheckedTable;
use super::{Checker, NameKind};
use crate::diagnostic::Diagnostic;
use crate::format::param;
use crate::keywords::{JsonType, Keyword};
use crate::load::{RawCatalog, RawKeyword, RawParam, RawRowRef};
use crate::model::{Param, RowRef, Vocabulary, SCOPE_VOCABULARY};
use crate::names;
use crate::suggest;

/// Method names `InitConfig` already has; a param's setter may not take them.
const RESERVED_METHODS: &[&str] = &["new", "validate", "set", "default", "get"];

/// What the param checks look up: every param's name and JSON type (none when its word
/// is unknown), and the params that did not load (references to them are not reported
/// again).
pub(super) struct ParamLookups {
    pub(super) types: HashMap<String, Option<JsonType>>,
    pub(super) unloaded: HashSet<String>,
}

impl Checker<'_> {
    pub(super) fn params(
        &mut self,
        raw: &RawCatalog,
        tables: &[CheckedTable],
        vocabularies: &[Vocabulary],
    ) -> Vec<Param> {
        let lookups = ParamLookups {
            types: raw
                .params
                .iter()
                .map(|p| (p.name.get_ref().clone(), p.json_type.parsed))
                .collect(),
            unloaded: raw
                .unloaded
                .iter()
                .filter(|(kind, _)| kind == "param")
                .map(|(_, name)| name.clone())
                .collect(),
        };
        let scope = vocabularies.iter().find(|v| v.name == SCOPE_VOCABULARY);
        let scope_declared = raw
            .vocabularies
            .iter()
            .any(|v| v.name.get_ref() == SCOPE_VOCABULARY)
            || raw.unloaded_declarations.contains(SCOPE_VOCABULARY);
        if let (None, false, Some(first)) = (scope, scope_declared, raw.params.first()) {
            self.report(
                Diagnostic::new(
                    first.scope.span(),
                    "`scope` needs the vocabulary `scope`, which is not declared",
                )
                .with_help("declare `[vocabulary.scope]` with the places a page passes parameters"),
            );
        }
        raw.params
            .iter()
            .filter_map(|param| self.param(param, raw, tables, scope, &lookups))
            .collect()
    }

    /// A keyword of the format (parsed by the loader), or a report naming the key it
    /// was written under.
    pub(super) fn keyword<K: Keyword>(&mut self, word: &RawKeyword<K>, key: &str) -> Option<K> {
        let found = word.parsed;
        if found.is_none() {
            self.report(
                Diagnostic::new(word.span(), format!("unknown {key} `{}`", word.get_ref()))
                    .with_help(suggest::help(
                        word.get_ref(),
                        &K::words(),
                        &format!("`{key}`"),
                    )),
            );
        }
        found
    }

    fn param(
        &mut self,
        raw: &RawParam,
        catalog: &RawCatalog,
        tables: &[CheckedTable],
        scope_vocabulary: Option<&Vocabulary>,
        lookups: &ParamLookups,
    ) -> Option<Param> {
        let names = self.param_names(raw, lookups);
        let scope = scope_vocabulary.and_then(|vocabulary| self.word(vocabulary, &raw.scope));
        let json_type = self.keyword(&raw.json_type, param::TYPE.name);
        let severity = self.keyword(&raw.severity, param::SEVERITY.name);
        let confidence = self.keyword(&raw.confidence, param::CONFIDENCE.name);
        let doc = self.text(&raw.doc, "`doc`");
        let raises = match &raw.raises {
            Some(reference) => self.row_reference(reference, catalog, tables, "raises"),
            None => {
                self.report(
                    Diagnostic::new(raw.span.clone(), format!("the param `{}` names no row to raise", raw.name.get_ref()))
                        .with_help("add `raises = { <table> = \"<key>\" }`, such as `raises = { field = \"region\" }`"),
                );
                None
            }
        };
        let required = *raw.required.get_ref();
        let default = self.default(raw, required);
        let rule = self.rule(raw, lookups);
        if let (Some(json_type), Some(rule), Some(severity)) = (json_type, &rule, severity) {
            self.rule_fits_type(raw, json_type, rule, severity);
        }
        let (name, variant, method, parent) = names?;
        Some(Param {
            name,
            variant,
            method,
            parent,
            scope: scope?,
            json_type: json_type?,
            required,
            default: default.ok()?,
            rule: rule?,
            raises: raises?,
            severity: severity?,
            confidence: confidence?,
            doc: doc?,
        })
    }

    fn default(&mut self, raw: &RawParam, required: bool) -> Result<Option<String>, ()> {
        match &raw.default {
            Some(default) if required => {
                self.report(
                    Diagnostic::new(default.span(), "a required param cannot have a `default`")
                        .with_help("remove `default`, or set `required = false`"),
                );
                Err(())
            }
            other => self.optional_text(other.as_ref(), "`default`"),
        }
    }

    /// The name, variant, method and parent of a param, each checked and unique.
    #[allow(clippy::type_complexity)]
    fn param_names(
        &mut self,
        raw: &RawParam,
        lookups: &ParamLookups,
    ) -> Option<(String, String, String, Option<String>)> {
        let name = raw.name.get_ref();
        let span = raw.name.span();
        let segments: Vec<&str> = name.split('.').collect();
        let well_formed = segments.len() <= 2
            && segments.iter().all(|segment| {
                let mut chars = segment.chars();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric())
            });
        if !well_formed {
            self.report(
                Diagnostic::new(span, format!("the param name `{name}` is not a JavaScript option name"))
                    .with_help("a name is ASCII letters and digits starting with a letter; a member of an object param is `object.member`"),
            );
            return None;
        }
        if !self.unique(NameKind::ParamName, &raw.name, "param") {
            return None;
        }
        let parent = match segments.as_slice() {
            [parent, _] => Some(self.parent(raw, parent, lookups)?),
            _ => None,
        };
        let variant = name.to_upper_camel_case();
        let method = name.replace('.', "_").to_snake_case();
        if let Some(problem) = names::variant_problem(&variant) {
            self.report(Diagnostic::new(span.clone(), problem).with_help("rename the param"));
            return None;
        }
        if RESERVED_METHODS.contains(&method.as_str())
            || syn::parse_str::<syn::Ident>(&method).is_err()
        {
            self.report(
                Diagnostic::new(span, format!("the param `{name}` would make the Rust method `{method}`, which is reserved"))
                    .with_help("rename the param"),
            );
            return None;
        }
        let unique_variant = self.unique_name(
            NameKind::ParamVariant,
            &variant,
            span.clone(),
            "param variant",
        );
        let unique_method = self.unique_name(NameKind::ParamMethod, &method, span, "param method");
        (unique_variant && unique_method).then(|| (name.clone(), variant, method, parent))
    }

    /// The object param `parent` that `raw` is a member of, which must be an object.
    fn parent(&mut self, raw: &RawParam, parent: &str, lookups: &ParamLookups) -> Option<String> {
        let name = raw.name.get_ref();
        let span = raw.name.span();
        match lookups.types.get(parent) {
            Some(Some(JsonType::Object)) => Some(parent.to_owned()),
            None if lookups.unloaded.contains(parent) => None,
            Some(_) => {
                self.report(
                    Diagnostic::new(span, format!("`{name}` is a member of `{parent}`, but `{parent}` is not of type \"object\""))
                        .with_help(format!("set `type = \"object\"` on the param `{parent}`")),
                );
                None
            }
            None => {
                self.report(
                    Diagnostic::new(
                        span,
                        format!("`{name}` is a member of `{parent}`, which is not a param"),
                    )
                    .with_help(format!(
                        "add a `[[param]]` named `{parent}` with `type = \"object\"`"
                    )),
                );
                None
            }
        }
    }

    /// A row reference such as `raises = { field = "region" }`: the table must be
    /// declared and hold the key.
    pub(super) fn row_reference(
        &mut self,
        reference: &RawRowRef,
        catalog: &RawCatalog,
        tables: &[CheckedTable],
        what: &str,
    ) -> Option<RowRef> {
        let table_name = reference.table.get_ref();
        let Some(table) = tables.iter().position(|t| &t.table.name == table_name) else {
            let declared = catalog
                .tables
                .iter()
                .any(|t| t.name.get_ref() == table_name)
                || catalog.unloaded_declarations.contains(table_name);
            if !declared {
                let names: Vec<&str> = catalog
                    .tables
                    .iter()
                    .map(|t| t.name.get_ref().as_str())
                    .collect();
                self.report(
                    Diagnostic::new(
                        reference.table.span(),
                        format!("`{what}` names the table `{table_name}`, which is not declared"),
                    )
                    .with_help(suggest::help(table_name, &names, "a table")),
                );
            }
            return None;
        };
        let key = reference.key.get_ref();
        if let Some(&row) = tables[table].keys.get(key) {
            return Some(RowRef { table, row });
        }
        let unloaded = catalog.unloaded.contains(&(table_name.clone(), key.clone()))
            || catalog.tables.iter().any(|t| {
                t.name.get_ref() == table_name
                    && t.rows.iter().any(|row| {
                        row.cells.iter().flatten().any(|cell| {
                            matches!(cell, crate::load::RawCell::Text(text) if text.get_ref() == key)
                        })
                    })
            });
        if !unloaded {
            let keys: Vec<&str> = tables[table].keys.keys().map(String::as_str).collect();
            let mut keys = keys;
            keys.sort_unstable();
            self.report(
                Diagnostic::new(
                    reference.key.span(),
                    format!(
                        "`{what}` names the row `{key}` of `{table_name}`, which does not exist"
                    ),
                )
                .with_help(suggest::help(key, &keys, "a key")),
            );
        }
        None
    }
}
