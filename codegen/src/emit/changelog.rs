//! The catalog part of `CHANGELOG.md`: the rows added and deprecated since the last
//! release, read from the record of published keys (their `unreleased` marks), per
//! catalog module and table.

use crate::check::published::{Published, Release};
use crate::check::CheckedSet;
use crate::emit::output::Output;

/// The changelog whose catalog part `gen` writes, relative to the workspace root.
pub const CHANGELOG_MD: &str = "CHANGELOG.md";

/// The name of the changelog's generated section (between its markers).
pub const SECTION: &str = "catalog changes since the last release";

/// The changelog output: the text of the section [`SECTION`] of [`CHANGELOG_MD`], from the
/// record's entries after this generation.
pub fn emit(set: &CheckedSet<'_>) -> Vec<Output> {
    vec![Output::ChangelogSection(section(
        &crate::emit::published::entries(set),
    ))]
}

/// The section's Markdown: for each module and table with a change, the keys added and
/// the keys deprecated in the next release; one sentence when there is none.
pub fn section(entries: &[Published]) -> String {
    let unreleased = |release: Option<&Release>| release == Some(&Release::Unreleased);
    let mut groups: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| unreleased(Some(&e.added)) || unreleased(e.deprecated.as_ref()))
        .map(|e| (e.module.as_str(), e.table.as_str()))
        .collect();
    groups.dedup();
    if groups.is_empty() {
        return "No catalog row was added or deprecated since the last release.\n".to_owned();
    }
    let keys = |module: &str, table: &str, pick: &dyn Fn(&Published) -> bool| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e.module == module && e.table == table && pick(e))
            .map(|e| format!("`{}`", e.key))
            .collect()
    };
    let mut out = String::new();
    for (module, table) in groups {
        let added = keys(module, table, &|e| unreleased(Some(&e.added)));
        let deprecated = keys(module, table, &|e| unreleased(e.deprecated.as_ref()));
        out.push_str(&format!("- `{module}`, table `{table}`:\n"));
        for (verb, keys) in [("added", added), ("deprecated", deprecated)] {
            if !keys.is_empty() {
                out.push_str(&format!(
                    "  - {verb} ({}): {}\n",
                    keys.len(),
                    keys.join(", ")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(module: &str, key: &str, added: Release, deprecated: Option<Release>) -> Published {
        Published {
            module: module.to_owned(),
            table: "code".to_owned(),
            key: key.to_owned(),
            variant: key.to_owned(),
            added,
            deprecated,
        }
    }

    #[test]
    fn lists_what_the_next_release_adds_and_deprecates() {
        let old = Release::Version("0.1.0".to_owned());
        let entries = [
            row("api", "Kept", old.clone(), None),
            row("api", "Retired", old.clone(), Some(Release::Unreleased)),
            row("init", "Fresh", Release::Unreleased, None),
            row("init", "Fresh.Too", Release::Unreleased, None),
            row("init", "Quiet", old.clone(), Some(old)),
        ];
        assert_eq!(
            section(&entries),
            "- `api`, table `code`:\n  - deprecated (1): `Retired`\n\
             - `init`, table `code`:\n  - added (2): `Fresh`, `Fresh.Too`\n"
        );
    }

    #[test]
    fn says_so_when_nothing_changed() {
        let old = Release::Version("0.1.0".to_owned());
        let entries = [row("api", "Kept", old, None)];
        assert_eq!(
            section(&entries),
            "No catalog row was added or deprecated since the last release.\n"
        );
    }
}
