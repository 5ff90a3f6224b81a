//! Published keys are append-only: the record of every key and variant ever generated
//! (`catalog/published-keys.txt`) is read back, and a catalog that drops or renames one
//! is refused at the place the row was, with help to deprecate it instead.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Catalog, Row};

/// One published row: its catalog's module, its table, its key and its variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Published {
    /// The catalog's module.
    pub module: String,
    /// The table's name.
    pub table: String,
    /// The row's key.
    pub key: String,
    /// The row's variant.
    pub variant: String,
}

/// Reads the record: one `module table key variant` per line; `#` starts a comment.
/// Each entry comes with the span of its line. Every malformed line is a diagnostic in
/// the record.
pub fn parse_record(text: &str) -> Result<Vec<(Published, Span)>, Vec<Diagnostic>> {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = content.split_whitespace().collect();
        match fields.as_slice() {
            [module, table, key, variant] => entries.push((
                Published {
                    module: (*module).to_owned(),
                    table: (*table).to_owned(),
                    key: (*key).to_owned(),
                    variant: (*variant).to_owned(),
                },
                start..start + line.trim_end().len(),
            )),
            _ => problems.push(
                Diagnostic::new(start..start + line.trim_end().len(), "a line of the published record must be `module table key variant`")
                    .with_help("restore the line from version control: the record is written by `cargo xtask gen`"),
            ),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// Every published row of `catalog` that it no longer has under the same variant.
pub fn check_published(catalog: &Catalog, record: &[(Published, Span)]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Each table's rows by key, made once: a search per entry costs a 10,000-row
    // catalog's `gen` a fifth of its time.
    let rows_by_key: Vec<HashMap<&str, &Row>> = catalog
        .tables
        .iter()
        .map(|table| {
            // Reversed, so that the first row of a key wins, as a search would find it.
            let rows = table.rows.iter().rev();
            rows.map(|row| (table.key_of(row), row)).collect()
        })
        .collect();
    for (entry, _) in record
        .iter()
        .filter(|(entry, _)| entry.module == catalog.module)
    {
        let Some((table, rows)) = catalog
            .tables
            .iter()
            .zip(&rows_by_key)
            .find(|(t, _)| t.name == entry.table)
        else {
            problems.push(
                Diagnostic::new(
                    catalog.spans.module.clone(),
                    format!("the published table `{}` (key `{}`) is missing from this catalog", entry.table, entry.key),
                )
                .with_help(format!("put `[table.{}]` back: published tables and rows are never removed; mark a retired row `deprecated = \"...\"`", entry.table)),
            );
            continue;
        };
        match rows.get(entry.key.as_str()).copied() {
            None => problems.push(
                Diagnostic::new(
                    table.name_span.clone(),
                    format!("the published key `{}` (variant `{}`) of `[table.{}]` is missing", entry.key, entry.variant, entry.table),
                )
                .with_help(format!("put the `[[{}]]` row back and mark it `deprecated = \"...\"` instead of removing or renaming it", entry.table)),
            ),
            Some(row) if row.variant != entry.variant => problems.push(
                Diagnostic::new(
                    row.key_span.clone(),
                    format!("the key `{}` was published as the variant `{}`, not `{}`", entry.key, entry.variant, row.variant),
                )
                .with_help(format!("set `variant = \"{}\"`; to retire the row, mark it `deprecated = \"...\"`", entry.variant)),
            ),
            Some(_) => {}
        }
    }
    problems
}

/// One diagnostic (in the record) per module of the record that none of `modules` is:
/// a published catalog may not disappear. Only meaningful when `modules` is every
/// catalog of the workspace.
pub fn check_modules(record: &[(Published, Span)], modules: &[&str]) -> Vec<Diagnostic> {
    let mut reported: Vec<&str> = Vec::new();
    let mut problems = Vec::new();
    for (entry, span) in record {
        if modules.contains(&entry.module.as_str()) || reported.contains(&entry.module.as_str()) {
            continue;
        }
        reported.push(&entry.module);
        problems.push(
            Diagnostic::new(span.clone(), format!("the published module `{}` has no catalog", entry.module))
                .with_help("put its catalog back in `catalog/`: published codes are never removed; mark retired rows `deprecated = \"...\"`"),
        );
    }
    problems
}

/// The rows of `catalogs` as record entries.
pub fn entries_of(catalogs: &[&Catalog]) -> Vec<Published> {
    let mut entries = Vec::new();
    for catalog in catalogs {
        for table in &catalog.tables {
            for row in &table.rows {
                entries.push(Published {
                    module: catalog.module.clone(),
                    table: table.name.clone(),
                    key: table.key_of(row).to_owned(),
                    variant: row.variant.clone(),
                });
            }
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_catalog::SMALL;

    fn entry(key: &str, variant: &str) -> Published {
        Published {
            module: "test_api".to_owned(),
            table: "code".to_owned(),
            key: key.to_owned(),
            variant: variant.to_owned(),
        }
    }

    #[test]
    fn parses_the_record_and_refuses_bad_lines() {
        let record = parse_record("# comment\n\ntest_api code Bad.Thing BadThing\n").unwrap();
        assert_eq!(record, vec![(entry("Bad.Thing", "BadThing"), 11..43)]);
        let problems = parse_record("ok code A A\nbroken line\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].span, 12..23);
    }

    #[test]
    fn a_dropped_or_renamed_row_is_refused_where_it_was() {
        let catalog = crate::parse(SMALL).unwrap();
        let record: Vec<(Published, Span)> = entries_of(&[&catalog])
            .into_iter()
            .map(|e| (e, 0..0))
            .collect();
        assert!(check_published(&catalog, &record).is_empty());
        let gone = check_published(&catalog, &[(entry("Gone", "Gone"), 0..0)]);
        assert_eq!(
            gone[0].message,
            "the published key `Gone` (variant `Gone`) of `[table.code]` is missing"
        );
        assert!(gone[0].help.as_deref().unwrap().contains("deprecated"));
        assert_eq!(&SMALL[gone[0].span.clone()], "code");
        let renamed = check_published(&catalog, &[(entry("Bad.Thing", "Old"), 0..0)]);
        assert_eq!(
            renamed[0].message,
            "the key `Bad.Thing` was published as the variant `Old`, not `BadThing`"
        );
        // Rows of other modules are not this catalog's business.
        let other = Published {
            module: "other".to_owned(),
            ..entry("Gone", "Gone")
        };
        assert!(check_published(&catalog, &[(other.clone(), 0..0)]).is_empty());
        let gone_module = check_modules(&[(other, 3..9)], &["test_api"]);
        assert_eq!(
            gone_module[0].message,
            "the published module `other` has no catalog"
        );
        assert_eq!(gone_module[0].span, 3..9);
    }

    #[test]
    fn the_record_only_grows() {
        let catalog = crate::parse(SMALL).unwrap();
        let old = vec![entry("Older", "Older")];
        let text = crate::emit::published::record(&old, &entries_of(&[&catalog]));
        assert!(text.contains("\ntest_api code Older Older\n"));
        assert!(text.contains("\ntest_api code Bad.Thing BadThing\n"));
        assert_eq!(parse_record(&text).unwrap().len(), 3);
    }
}
