//! Checks across catalogs: no two catalogs may claim the same module, docs page, README
//! section or table type, and only one may have `[[param]]` entries (the crate's runtime
//! types serve one `Param` enum). Each problem is reported in the later catalog.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::model::Catalog;

/// What one catalog claims, by the index of the catalog.
type Claims = HashMap<String, usize>;

/// Every clash between `catalogs` (path and checked catalog), as `(catalog index, problem)`.
pub fn check_across(catalogs: &[(&str, &Catalog)]) -> Vec<(usize, Diagnostic)> {
    let mut problems = Vec::new();
    let mut modules = Claims::new();
    let mut docs = Claims::new();
    let mut sections = Claims::new();
    let mut types = Claims::new();
    let mut params: Option<usize> = None;
    for (index, (_, catalog)) in catalogs.iter().enumerate() {
        let mut claim = |claims: &mut Claims, what: &str, name: &str, span: Span| {
            if let Some(&first) = claims.get(name) {
                problems.push((
                    index,
                    Diagnostic::new(
                        span,
                        format!(
                            "{what} `{name}` is already claimed by {}",
                            catalogs[first].0
                        ),
                    )
                    .with_help(format!(
                        "each catalog needs its own {}; choose another",
                        what.trim_start_matches("the ")
                    )),
                ));
            } else {
                claims.insert(name.to_owned(), index);
            }
        };
        claim(
            &mut modules,
            "the module",
            &catalog.module,
            catalog.spans.module.clone(),
        );
        claim(
            &mut docs,
            "the docs page",
            &catalog.docs,
            catalog.spans.docs.clone(),
        );
        for (_, page) in catalog.translated_pages() {
            claim(
                &mut docs,
                "the translated docs page",
                &page,
                catalog.spans.docs.clone(),
            );
        }
        if let (Some(section), Some(span)) =
            (&catalog.readme_section, &catalog.spans.readme_section)
        {
            claim(&mut sections, "the README section", section, span.clone());
        }
        for table in &catalog.tables {
            claim(
                &mut types,
                "the table type",
                &table.type_name,
                table.type_span.clone(),
            );
        }
        if let Some(span) = &catalog.spans.first_param {
            match params {
                Some(first) => problems.push((
                    index,
                    Diagnostic::new(span.clone(), format!("`[[param]]` entries are already in {}", catalogs[first].0))
                        .with_help("keep the init parameters in one catalog: the crate's validators serve one `Param` enum"),
                )),
                None => params = Some(index),
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_catalog::{small_with, SMALL};

    #[test]
    fn two_catalogs_may_not_claim_one_output() {
        let first = crate::parse(SMALL).unwrap();
        let second = crate::parse(&small_with(
            "docs = \"docs/test_api.md\"",
            "docs = \"docs/other.md\"",
        ))
        .unwrap();
        let problems = check_across(&[("a.toml", &first), ("b.toml", &second)]);
        let messages: Vec<(usize, &str)> = problems
            .iter()
            .map(|(i, d)| (*i, d.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            vec![
                (1, "the module `test_api` is already claimed by a.toml"),
                (1, "the README section `test` is already claimed by a.toml"),
                (1, "the table type `TestCode` is already claimed by a.toml"),
            ]
        );
    }

    #[test]
    fn a_translated_page_may_not_be_another_catalogs_page() {
        let translated = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/golden/locales.toml"
        ))
        .expect("the golden catalog in three locales");
        let first = crate::parse(&translated).unwrap();
        assert_eq!(first.docs, "docs/locales.md");
        let second = crate::parse(&small_with(
            "docs = \"docs/test_api.md\"",
            "docs = \"docs/zh-TW/locales.md\"",
        ))
        .unwrap();
        let problems = check_across(&[("a.toml", &first), ("b.toml", &second)]);
        let messages: Vec<&str> = problems.iter().map(|(_, d)| d.message.as_str()).collect();
        assert_eq!(
            messages,
            vec!["the docs page `docs/zh-TW/locales.md` is already claimed by a.toml"]
        );
    }
}
