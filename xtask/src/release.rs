//! `cargo xtask release VERSION`: what a release does to the two files that track it.
//! Every `unreleased` mark of the published record becomes `VERSION`, and the changelog's
//! `## Unreleased` part moves under a `## VERSION` heading as plain text (its generated
//! markers dropped, so `gen` never rewrites a release's list), leaving an empty
//! `## Unreleased` part with the markers for the next one. Both files are replaced together
//! or not at all.

use std::path::{Path, PathBuf};

use codegen::check::published::{parse_record, Published, Release};
use codegen::emit::{changelog, published};
use codegen::readme::{begin_marker, end_marker};

use crate::{line_endings, read, stale, write_all, GenError, Planned};

/// The heading of the changelog's part for the next release.
const UNRELEASED: &str = "## Unreleased\n";

/// Stamps the record and the changelog under `root` with `version`.
pub fn release(root: &Path, version: &str) -> Result<(), GenError> {
    let planned = plan(root, version)?;
    write_all(root, &stale(root, &planned)?)
}

/// The two files as the release of `version` leaves them.
pub fn plan(root: &Path, version: &str) -> Result<Vec<Planned>, GenError> {
    if !matches!(Release::parse(version), Some(Release::Version(_))) {
        return Err(GenError::Usage(format!(
            "`{version}` is not a version such as 0.2.0 or 1.0.0-rc.1"
        )));
    }
    let record_path = root.join(codegen::PUBLISHED);
    let record_text = line_endings::to_lf(&read(&record_path)?).into_owned();
    let entries: Vec<Published> = parse_record(&record_text)
        .map_err(|diagnostics| {
            GenError::Catalog(vec![crate::CatalogProblems {
                path: codegen::PUBLISHED.to_owned(),
                source: record_text.clone(),
                diagnostics,
            }])
        })?
        .into_iter()
        .map(|(entry, _)| entry)
        .collect();
    if entries.iter().any(|entry| {
        entry.added == Release::Version(version.to_owned())
            || entry.deprecated == Some(Release::Version(version.to_owned()))
    }) {
        return Err(GenError::Usage(format!(
            "{} already has rows of release {version}",
            codegen::PUBLISHED
        )));
    }
    let stamped = published::release(&entries, version);
    let changelog_path = root.join(codegen::CHANGELOG_MD);
    let changelog = line_endings::to_lf(&read(&changelog_path)?).into_owned();
    Ok(vec![
        Planned {
            path: PathBuf::from(codegen::PUBLISHED),
            contents: published::record(&stamped),
        },
        Planned {
            path: PathBuf::from(codegen::CHANGELOG_MD),
            contents: freeze(&changelog, version, &changelog::section(&stamped))
                .map_err(GenError::Readme)?,
        },
    ])
}

/// `changelog` with its `## Unreleased` part under `## {version}` and a new, empty
/// `## Unreleased` part above it whose catalog section is `next_section`.
fn freeze(changelog: &str, version: &str, next_section: &str) -> Result<String, String> {
    let start = changelog
        .find(UNRELEASED)
        .ok_or("CHANGELOG.md has no `## Unreleased` heading to release")?;
    let body_start = start + UNRELEASED.len();
    let end = changelog[body_start..]
        .find("\n## ")
        .map_or(changelog.len(), |at| body_start + at + 1);
    let name = changelog::SECTION;
    let (begin, finish) = (begin_marker(name), end_marker(name));
    let released: String = changelog[body_start..end]
        .lines()
        .filter(|line| *line != begin && *line != finish)
        .map(|line| format!("{line}\n"))
        .collect();
    Ok(format!(
        "{before}{UNRELEASED}\n### Catalog rows\n\n{begin}\n\n{next}\n{finish}\n\n## {version}\n{released}{after}",
        before = &changelog[..start],
        next = next_section.trim_end(),
        after = &changelog[end..],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_freezes_the_unreleased_part_and_opens_a_new_one() {
        let name = changelog::SECTION;
        let changelog = format!(
            "# Changelog\n\n{UNRELEASED}\nNotes.\n\n### Catalog rows\n\n{}\n\n- added `A`\n{}\n\n## 0.1.0\n\nOld.\n",
            begin_marker(name),
            end_marker(name)
        );
        let frozen = freeze(&changelog, "0.2.0", "Nothing yet.\n").unwrap();
        assert_eq!(
            frozen,
            format!(
                "# Changelog\n\n{UNRELEASED}\n### Catalog rows\n\n{}\n\nNothing yet.\n{}\n\n## 0.2.0\n\nNotes.\n\n### Catalog rows\n\n\n- added `A`\n\n## 0.1.0\n\nOld.\n",
                begin_marker(name),
                end_marker(name)
            )
        );
        // The frozen part has no markers left: `gen` fills only the new one.
        assert_eq!(frozen.matches(&begin_marker(name)).count(), 1);
        assert!(freeze("# Changelog\n", "0.2.0", "").is_err());
    }

    #[test]
    fn stamps_the_record_and_refuses_a_bad_or_repeated_version() {
        let root = std::env::temp_dir().join(format!("xtask-release-{}", std::process::id()));
        std::fs::create_dir_all(root.join("catalog")).unwrap();
        std::fs::write(
            root.join(codegen::PUBLISHED),
            "m code A A added=0.1.0\nm code B B added=unreleased\n",
        )
        .unwrap();
        let name = changelog::SECTION;
        std::fs::write(
            root.join(codegen::CHANGELOG_MD),
            format!(
                "{UNRELEASED}\n{}\n{}\n",
                begin_marker(name),
                end_marker(name)
            ),
        )
        .unwrap();
        assert!(matches!(plan(&root, "next"), Err(GenError::Usage(_))));
        let planned = plan(&root, "0.2.0").unwrap();
        assert!(planned[0].contents.contains("\nm code B B added=0.2.0\n"));
        assert!(planned[0].contents.contains("\nm code A A added=0.1.0\n"));
        assert!(planned[1]
            .contents
            .contains("No catalog row was added or deprecated since the last release."));
        release(&root, "0.2.0").unwrap();
        assert!(matches!(plan(&root, "0.2.0"), Err(GenError::Usage(_))));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
