//! The emitter contract: every output of the generator is one module of [`crate::emit`]
//! with one function `emit(&CheckedSet) -> Vec<Output>` (an [`Emit`]), registered in
//! [`crate::OUTPUTS`]. The module owns the paths it writes; what it returns is a
//! value, never an error, because every name it declares was reserved by
//! [`crate::check`].

use crate::check::CheckedSet;

/// One output of an emitter: a file generated whole, a section of the README, or the
/// catalog part of the changelog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A file generated whole.
    File(GeneratedFile),
    /// The text between a section's markers in the README.
    ReadmeSection(ReadmeSection),
    /// The text between the markers of the changelog's catalog part
    /// ([`crate::emit::changelog::SECTION`] in [`crate::emit::changelog::CHANGELOG_MD`]).
    ChangelogSection(String),
}

impl Output {
    /// The file at `path` holding `contents`, owned by the catalog shown as `owner`.
    pub fn owned(path: String, contents: String, owner: &str) -> Self {
        Output::File(GeneratedFile {
            path,
            contents,
            owner: Some(owner.to_owned()),
        })
    }

    /// The file at `path` holding `contents`, which every catalog shares.
    pub fn shared(path: &str, contents: String) -> Self {
        Output::File(GeneratedFile {
            path: path.to_owned(),
            contents,
            owner: None,
        })
    }
}

/// An output's emitter: the checked catalogs in, its files and sections out.
pub type Emit = fn(&CheckedSet<'_>) -> Vec<Output>;

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
    /// The README sections; see [`crate::readme::splice`].
    pub readme_sections: Vec<ReadmeSection>,
    /// The hand-written functions the catalogs' `custom` rules call; they must exist in
    /// `captcha-errors/src/custom.rs`.
    pub custom_functions: Vec<String>,
    /// The catalog part of the changelog; see [`Output::ChangelogSection`].
    pub changelog_section: String,
}
