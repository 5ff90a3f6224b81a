//! Helpers for the integration tests that run the built `xtask` binary on copies and
//! clones of this checkout, to see which checkout it acts on and how it takes line
//! endings. Every helper panics with a message saying what failed: these are tests.

// Each test crate that includes this module uses only some of the helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The catalogs `cargo xtask gen` may read by default, newest name first: the first
/// that exists in a checkout is the one a test edits.
pub const CATALOGS: [&str; 2] = ["catalog/init.toml", "catalog/errors.toml"];

/// A word put into a catalog description: one word, letters only, so that no wrapping
/// or escaping in the generated files can split or change it.
pub const MARKER: &str = "Zqxwvmarker";

/// The checkout these tests were built from: the folder above this crate.
pub fn real_root() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .expect("the xtask crate lies inside the workspace")
        .to_path_buf()
}

/// Runs the `xtask` binary of this build with `args`, in `dir`.
pub fn xtask(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run xtask in {}: {error}", dir.display()))
}

/// How a run ended and what it printed, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// What a run printed on stdout and stderr, with `\` read as `/` so that paths compare
/// the same on every system.
pub fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
    .replace('\\', "/")
}

/// Panics, saying what is missing, unless `git` runs and `dir` is inside a work tree it
/// is willing to read. The tests that call it are `#[ignore]`d for that reason, and
/// `.ci/run` runs them in its fresh clone.
pub fn require_git_checkout(dir: &Path) {
    let works = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(dir)
        .output()
        .is_ok_and(|output| output.status.success() && output.stdout.starts_with(b"true"));
    assert!(
        works,
        "this test needs git and a git checkout: git is missing, or {} is no git checkout it can read",
        dir.display()
    );
}

/// Runs `git` with `args` in `dir` and returns its stdout; panics if it fails.
pub fn git(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run git {args:?}: {error}"));
    assert!(
        output.status.success(),
        "git {args:?} in {} failed: {}",
        dir.display(),
        describe(&output)
    );
    output.stdout
}

/// The files of the checkout at `root`, relative to it: what git tracks or would track
/// (`git ls-files --cached --others --exclude-standard`) and still exists, or, without
/// git, every file outside `.git` and `target`.
pub fn checkout_files(root: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .ok()
        .filter(|output| output.status.success());
    let files: Vec<PathBuf> = match listed {
        Some(output) => output
            .stdout
            .split(|&byte| byte == 0)
            .filter(|name| !name.is_empty())
            .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
            .collect(),
        None => files_under(root)
            .into_iter()
            .filter(|path| !path.starts_with(".git"))
            .collect(),
    };
    files
        .into_iter()
        .filter(|path| !path.starts_with("target") && root.join(path).is_file())
        .collect()
}

/// Copies the files of the checkout at `root` ([`checkout_files`]) into `dest`.
pub fn copy_checkout(root: &Path, dest: &Path) {
    for path in checkout_files(root) {
        let target = dest.join(&path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)
                .unwrap_or_else(|error| panic!("cannot create {}: {error}", dir.display()));
        }
        fs::copy(root.join(&path), &target)
            .unwrap_or_else(|error| panic!("cannot copy {}: {error}", path.display()));
    }
}

/// Every file under `dir`, relative to it, in order; `.git` and `target` (folders,
/// files or links) are left out.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = fs::read_dir(dir.join(&relative))
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", relative.display()));
        for entry in entries {
            let entry = entry.expect("a readable folder entry");
            let path = relative.join(entry.file_name());
            // A worktree may hold `.git` as a file and `target` as a link to a shared one.
            if entry.file_name() == ".git" || entry.file_name() == "target" {
                continue;
            }
            if entry.file_type().expect("a readable file type").is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The bytes of every file under `dir` ([`files_under`]), by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(dir.join(&path))
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            (path, bytes)
        })
        .collect()
}

/// The paths whose bytes differ between two snapshots, or that only one holds.
pub fn changed(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .chain(
            before
                .keys()
                .filter(|path| !after.contains_key(*path))
                .cloned(),
        )
        .collect();
    paths.sort();
    paths
}

/// The default catalog of the checkout at `dir`, relative to it: the first of
/// [`CATALOGS`] that exists.
pub fn catalog_in(dir: &Path) -> PathBuf {
    CATALOGS
        .iter()
        .map(PathBuf::from)
        .find(|path| dir.join(path).is_file())
        .unwrap_or_else(|| panic!("none of {CATALOGS:?} exists in {}", dir.display()))
}

/// Puts [`MARKER`] at the start of the first `description = "…"` in the default catalog
/// of the checkout at `dir`, a change that shows in the generated files. Returns the
/// catalog's path and its bytes before.
pub fn mark_catalog(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join(catalog_in(dir));
    let before =
        fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let text = String::from_utf8_lossy(&before);
    let key = "\ndescription = \"";
    let at = text
        .find(key)
        .unwrap_or_else(|| panic!("{} has no line starting `{}`", path.display(), key.trim()));
    let insert_at = at + key.len();
    let marked = format!("{}{MARKER} {}", &text[..insert_at], &text[insert_at..]);
    fs::write(&path, marked)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
    (path, before)
}

/// Checks that `xtask gen --check`, run in `dir` after [`mark_catalog`], reads the catalog
/// of `dir`: it must fail and its diff must show [`MARKER`]. `--check` writes nothing, so
/// this is safe to run before a writing `xtask gen`. Returns what the run printed.
pub fn assert_checks_the_checkout_it_runs_in(dir: &Path) -> String {
    let output = xtask(dir, &["gen", "--check"]);
    assert!(
        !output.status.success() && printed(&output).contains(MARKER),
        "`xtask gen --check` run in {} did not report the edit to its catalog. Either it \
         read another checkout (the one it was built in?): the binary must find its \
         workspace root from the current directory (xtask::root::workspace_root_from_env); \
         or it failed for another reason, printed below.\n{}",
        dir.display(),
        describe(&output)
    );
    printed(&output)
}
