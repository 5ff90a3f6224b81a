//! Published keys are append-only: the record of every key and variant ever generated
//! (`catalog/published-keys.txt`) is read back, and a catalog that drops or renames one
//! is refused at the place the row was, with help to deprecate it instead. Each line
//! also says in which release the row first appeared and in which it was deprecated,
//! which is what the changelog's catalog part is written from.

use std::fmt;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Catalog, Row};

/// One published row: its catalog's module, its table, its key and its variant, and the
/// releases that added and deprecated it.
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
    /// The release that first had the row.
    pub added: Release,
    /// The release that first had the row deprecated, if it is.
    pub deprecated: Option<Release>,
}

/// A release of the crates, as the record names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Release {
    /// A released version, such as `0.2.0`.
    Version(String),
    /// Not released yet: the next release.
    Unreleased,
}

impl Release {
    /// The word the record writes for a change not released yet.
    pub const UNRELEASED: &'static str = "unreleased";

    /// Reads a record's release: `unreleased` or a version of digits and dots (with an
    /// optional pre-release after `-`).
    pub fn parse(text: &str) -> Option<Release> {
        if text == Self::UNRELEASED {
            return Some(Release::Unreleased);
        }
        let (core, pre) = text.split_once('-').unwrap_or((text, ""));
        let parts: Vec<&str> = core.split('.').collect();
        let numeric = parts.len() == 3
            && parts
                .iter()
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        let pre_ok = pre.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
        (numeric && pre_ok && !(text.contains('-') && pre.is_empty()))
            .then(|| Release::Version(text.to_owned()))
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Release::Version(version) => f.write_str(version),
            Release::Unreleased => f.write_str(Self::UNRELEASED),
        }
    }
}

/// The shape of a record line, for diagnostics.
const LINE_SHAPE: &str =
    "a line of the published record must be `module table key variant added=RELEASE [deprecated=RELEASE]`";

/// Reads the record: one `module table key variant added=RELEASE [deprecated=RELEASE]` per
/// line (a line of a record written before releases were tracked has only the first four
/// words, and counts as unreleased); `#` starts a comment. Each entry comes with the span of
/// its line. Every malformed line is a diagnostic in the record.
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
        let span = start..start + line.trim_end().len();
        let fields: Vec<&str> = content.split_whitespace().collect();
        let parsed = match fields.as_slice() {
            [module, table, key, variant, releases @ ..] => {
                releases_of(releases).map(|(added, deprecated)| Published {
                    module: (*module).to_owned(),
                    table: (*table).to_owned(),
                    key: (*key).to_owned(),
                    variant: (*variant).to_owned(),
                    added,
                    deprecated,
                })
            }
            _ => None,
        };
        match parsed {
            Some(entry) => entries.push((entry, span)),
            None => problems.push(Diagnostic::new(span, LINE_SHAPE).with_help(
                "restore the line from version control: the record is written by `cargo xtask gen`",
            )),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// The `added=` and optional `deprecated=` words after a record line's row; none at all is
/// a row of an old record, not released yet.
fn releases_of(words: &[&str]) -> Option<(Release, Option<Release>)> {
    let value = |word: &str, name: &str| {
        word.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
            .and_then(Release::parse)
    };
    match words {
        [] => Some((Release::Unreleased, None)),
        [added] => Some((value(added, "added")?, None)),
        [added, deprecated] => Some((
            value(added, "added")?,
            Some(value(deprecated, "deprecated")?),
        )),
        _ => None,
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

/// The rows of `catalogs` as record entries, each added (and, if deprecated, deprecated)
/// in the next release; the record keeps the releases it already knows.
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
                    added: Release::Unreleased,
                    deprecated: row.deprecated.as_ref().map(|_| Release::Unreleased),
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
            added: Release::Unreleased,
            deprecated: None,
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
    fn reads_the_releases_of_a_line() {
        let record = parse_record(
            "m code A A added=0.1.0\nm code B B added=0.1.0 deprecated=unreleased\nm code C C added=unreleased\n",
        )
        .unwrap();
        let releases: Vec<(Release, Option<Release>)> = record
            .into_iter()
            .map(|(entry, _)| (entry.added, entry.deprecated))
            .collect();
        let version = Release::Version("0.1.0".to_owned());
        assert_eq!(
            releases,
            vec![
                (version.clone(), None),
                (version, Some(Release::Unreleased)),
                (Release::Unreleased, None),
            ]
        );
        for bad in [
            "m code A A since=0.1.0\n",
            "m code A A added=1.0\n",
            "m code A A added=0.1.0 deprecated=soon\n",
            "m code A A added=0.1.0 deprecated=0.2.0 extra\n",
            "m code A A added=0.1.0-\n",
        ] {
            let problems = parse_record(bad).unwrap_err();
            assert_eq!(problems[0].message, LINE_SHAPE, "{bad}");
        }
        assert_eq!(
            Release::parse("1.2.3-rc.1"),
            Some(Release::Version("1.2.3-rc.1".to_owned()))
        );
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
        let merged = crate::emit::published::merge(&old, &entries_of(&[&catalog]));
        let text = crate::emit::published::record(&merged);
        assert!(text.contains("\ntest_api code Older Older added=unreleased\n"));
        assert!(text.contains("\ntest_api code Bad.Thing BadThing added=unreleased\n"));
        assert_eq!(parse_record(&text).unwrap().len(), 3);
    }
}
