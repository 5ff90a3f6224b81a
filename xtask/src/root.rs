//! Finding the workspace root at run time, from the folder `cargo xtask` runs in.
//!
//! The root used to be fixed at compile time (`env!("CARGO_MANIFEST_DIR")`). Two git
//! worktrees sharing one `CARGO_TARGET_DIR` can then run a binary built in the first
//! worktree from the second, and it acted on the first. Cargo runs the `cargo xtask`
//! alias in the folder the user ran it in, so walking up from the current directory finds
//! the checkout the user meant.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What to do when no root is found; ends every such error message.
const HINT: &str = "run `cargo xtask` inside the captcha-errors checkout";

/// The nearest folder at or above `start` whose `Cargo.toml` has a `[workspace]` table.
///
/// A `Cargo.toml` without one, such as a member crate's, is passed over. A relative
/// `start` is taken from the current directory. The folders are walked by name, so a
/// `start` holding `..` is first resolved on disk (which needs it to exist).
///
/// # Errors
///
/// When no such folder exists, when a `Cargo.toml` on the way cannot be read or is not
/// valid TOML (cargo would refuse it too), or when `start` cannot be made absolute. The
/// message says which file and what to do.
pub fn find_workspace_root(start: &Path) -> Result<PathBuf, String> {
    let start = absolute(start)?;
    for dir in start.ancestors() {
        let manifest = dir.join("Cargo.toml");
        if declares_workspace(&manifest)? {
            return Ok(dir.to_path_buf());
        }
    }
    Err(format!(
        "found no Cargo.toml with a [workspace] table in {} or any folder above it; {HINT}",
        start.display()
    ))
}

/// The workspace root for this run: [`find_workspace_root`] from the current directory.
///
/// There is deliberately no fall-back to the folder the binary was built in: that is the
/// checkout of whoever built it last, which may not be this one.
///
/// # Errors
///
/// When the current directory cannot be read (it may have been deleted), or
/// [`find_workspace_root`] fails from it.
pub fn workspace_root_from_env() -> Result<PathBuf, String> {
    let cwd = std::env::current_dir()
        .map_err(|error| format!("cannot read the current directory: {error}; {HINT}"))?;
    find_workspace_root(&cwd)
}

/// `path` made absolute, with any `..` resolved on disk.
fn absolute(path: &Path) -> Result<PathBuf, String> {
    let has_parent_dir = path
        .components()
        .any(|part| matches!(part, Component::ParentDir));
    let made = if has_parent_dir {
        fs::canonicalize(path)
    } else {
        std::path::absolute(path)
    };
    made.map_err(|error| {
        format!(
            "cannot resolve the folder {}: {error}; {HINT}",
            path.display()
        )
    })
}

/// Whether `manifest` is a file whose TOML has a `workspace` table. A missing file, or a
/// folder of that name, is no manifest.
fn declares_workspace(manifest: &Path) -> Result<bool, String> {
    let text = match fs::read_to_string(manifest) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(_) if !manifest.is_file() => return Ok(false),
        Err(error) => return Err(format!("cannot read {}: {error}", manifest.display())),
    };
    let table: toml::Table = text.parse().map_err(|error| {
        format!(
            "{} is not valid TOML, so the workspace root cannot be found: {error}",
            manifest.display()
        )
    })?;
    Ok(table.get("workspace").is_some_and(toml::Value::is_table))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE: &str = "[workspace]\nmembers = [\"member\"]\n";
    const MEMBER: &str = "[package]\nname = \"member\"\nversion = \"0.1.0\"\n";

    fn write(path: &Path, text: &str) {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).expect("the folder is created");
        }
        fs::write(path, text).expect("the file is written");
    }

    /// A temporary workspace with a member crate holding `member/src/deep`.
    fn workspace() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(&dir.path().join("Cargo.toml"), WORKSPACE);
        write(&dir.path().join("member/Cargo.toml"), MEMBER);
        fs::create_dir_all(dir.path().join("member/src/deep")).expect("the folder is created");
        dir
    }

    #[test]
    fn the_root_finds_itself() {
        let dir = workspace();
        assert_eq!(
            find_workspace_root(dir.path()),
            Ok(dir.path().to_path_buf())
        );
    }

    #[test]
    fn a_member_crate_manifest_is_passed_over() {
        let dir = workspace();
        for start in ["member", "member/src/deep"] {
            assert_eq!(
                find_workspace_root(&dir.path().join(start)),
                Ok(dir.path().to_path_buf()),
                "from {start}"
            );
        }
    }

    #[test]
    fn the_nearest_workspace_wins() {
        let dir = workspace();
        let inner = dir.path().join("member/src/deep/inner");
        write(&inner.join("Cargo.toml"), "[workspace]\n");
        assert_eq!(find_workspace_root(&inner.join("a/b")), Ok(inner.clone()));
        assert_eq!(find_workspace_root(&inner), Ok(inner));
    }

    #[test]
    fn a_workspace_key_that_is_no_table_does_not_count() {
        let dir = workspace();
        let odd = dir.path().join("member/src/deep");
        write(&odd.join("Cargo.toml"), "workspace = \"no\"\n");
        assert_eq!(find_workspace_root(&odd), Ok(dir.path().to_path_buf()));
    }

    #[test]
    fn a_workspace_table_with_package_counts() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(
            &dir.path().join("Cargo.toml"),
            &format!("{MEMBER}\n[workspace]\n"),
        );
        assert_eq!(
            find_workspace_root(dir.path()),
            Ok(dir.path().to_path_buf())
        );
    }

    #[test]
    fn a_folder_named_cargo_toml_is_no_manifest() {
        let dir = workspace();
        let deep = dir.path().join("member/src/deep");
        fs::create_dir_all(deep.join("Cargo.toml")).expect("the folder is created");
        assert_eq!(find_workspace_root(&deep), Ok(dir.path().to_path_buf()));
    }

    #[test]
    fn a_path_with_dot_dot_is_resolved_first() {
        let dir = workspace();
        let other = tempfile::tempdir().expect("a temporary folder");
        // `<ws>/member/src/deep/../../..` is the workspace root, read by name it is not.
        let start = dir.path().join("member/src/deep/../../..");
        let found = find_workspace_root(&start).expect("the root is found");
        assert_eq!(
            fs::canonicalize(found).ok(),
            fs::canonicalize(dir.path()).ok()
        );
        let missing = other.path().join("gone/..");
        let error = find_workspace_root(&missing).expect_err("a missing folder is refused");
        assert!(
            error.contains("inside the captcha-errors checkout"),
            "{error}"
        );
    }

    #[test]
    fn no_workspace_says_what_to_do() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write(&dir.path().join("a/Cargo.toml"), MEMBER);
        match find_workspace_root(&dir.path().join("a")) {
            Err(error) => {
                assert!(error.contains("[workspace]"), "{error}");
                assert!(
                    error.contains("run `cargo xtask` inside the captcha-errors checkout"),
                    "{error}"
                );
            }
            // Only if some folder above the temporary one is itself a workspace.
            Ok(root) => assert!(!root.starts_with(dir.path()), "{}", root.display()),
        }
    }

    #[test]
    fn a_broken_manifest_is_named() {
        let dir = workspace();
        let manifest = dir.path().join("member/Cargo.toml");
        write(&manifest, "[package\n");
        let error = find_workspace_root(&dir.path().join("member/src")).expect_err("refused");
        assert!(error.contains(&manifest.display().to_string()), "{error}");
        assert!(error.contains("not valid TOML"), "{error}");
    }

    #[test]
    fn the_current_directory_of_a_test_is_inside_this_workspace() {
        // Cargo runs unit tests in the package folder, `xtask/`.
        let root = workspace_root_from_env().expect("the root is found");
        let expected = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask has a parent folder");
        assert_eq!(
            fs::canonicalize(&root).ok(),
            fs::canonicalize(expected).ok()
        );
        // A relative start is taken from the current directory.
        assert_eq!(find_workspace_root(Path::new(".")), Ok(root));
    }
}
