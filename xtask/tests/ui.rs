//! UI tests for catalog diagnostics, in the style of rustc's `tests/ui`:
//!
//! - every bad catalog `tests/ui/NAME.toml` must fail generation on its own, and what
//!   `cargo xtask gen` would print for it must equal `tests/ui/NAME.stderr` byte for byte;
//! - every folder `tests/ui_sets/NAME/` is a checkout in miniature (`catalog/*.toml` and,
//!   optionally, `catalog/published-keys.txt`) whose catalogs are fine alone but clash
//!   together or with the published record; generating all of them must fail with
//!   `tests/ui_sets/NAME.stderr`, and must leave the folder untouched.
//!
//! After a deliberate change to the messages, rewrite the expected files with
//! `UPDATE_UI=1 cargo test -p xtask --test ui`, then read the diff before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use xtask::GenError;

/// The command that rewrites the expected files.
const UPDATE: &str = "UPDATE_UI=1 cargo test -p xtask --test ui";

/// The corpus folder, relative to this crate: also the path the diagnostics show.
const UI_DIR: &str = "tests/ui";

/// The folder of the multi-catalog cases, relative to this crate.
const SETS_DIR: &str = "tests/ui_sets";

fn updating() -> bool {
    std::env::var_os("UPDATE_UI").is_some_and(|value| value == "1")
}

/// What `cargo xtask gen` prints for a failed run (`eprintln!("{error}")`), or why the
/// result is not the failure a bad catalog must give.
fn expect_catalog_error<T>(result: Result<T, GenError>) -> Result<String, String> {
    match result {
        Ok(_) => Err("generation succeeded, but these catalogs must be rejected".to_owned()),
        Err(error @ GenError::Catalog(_)) => Ok(format!("{error}\n")),
        Err(other) => Err(format!("generation failed for another reason: {other}")),
    }
}

/// What generating `catalog` (relative to this crate) prints on stderr, or why it did not
/// fail the way a bad catalog must.
fn run(crate_dir: &Path, catalog: &str) -> Result<String, String> {
    let out = tempfile::tempdir().map_err(|error| format!("cannot make a temp dir: {error}"))?;
    let result = xtask::plan(crate_dir, catalog, out.path());
    let written = fs::read_dir(out.path())
        .map(|entries| entries.count())
        .unwrap_or(0);
    if written != 0 {
        return Err(format!("generation wrote {written} file(s) into `--out`"));
    }
    expect_catalog_error(result)
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let entries = fs::read_dir(dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()));
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let bytes = fs::read(&path)
                    .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
                let relative = path.strip_prefix(root).expect("under the root");
                files.insert(relative.to_path_buf(), bytes);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// What generating every catalog of the set folder `dir` prints, or why it did not fail
/// the way it must. The folder is the root and the output: nothing may be written there.
fn run_set(dir: &Path) -> Result<String, String> {
    let before = snapshot(dir);
    let result = xtask::plan_all(dir, None, dir);
    let after = snapshot(dir);
    if before != after {
        let changed: Vec<String> = before
            .keys()
            .chain(after.keys())
            .filter(|path| before.get(*path) != after.get(*path))
            .map(|path| path.display().to_string())
            .collect();
        return Err(format!(
            "planning changed files in the folder: {}",
            changed.join(", ")
        ));
    }
    expect_catalog_error(result)
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

/// Compares `actual` with the expected file (or rewrites it when updating), adding any
/// problem to `failures`.
fn compare(
    case: &str,
    expected_path: &Path,
    shown: &str,
    actual: &str,
    failures: &mut Vec<String>,
) {
    if updating() {
        if let Err(error) = fs::write(expected_path, actual) {
            failures.push(format!("cannot write {}: {error}", expected_path.display()));
        }
        return;
    }
    match fs::read_to_string(expected_path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{case}: the diagnostics differ from {shown}\n{}",
            diff(&expected, actual)
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => failures.push(format!(
            "{case}: {shown} is missing; create it with `{UPDATE}`, \
             then check that it is right; it would hold:\n{actual}"
        )),
        Err(error) => failures.push(format!("cannot read {}: {error}", expected_path.display())),
    }
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_owned))
        .collect();
    names.sort();
    names
}

fn assert_no_failures(failures: &[String], cases: usize) {
    assert!(
        failures.is_empty(),
        "{} of {cases} UI cases failed:\n\n{}\n\nIf the new output is right, run `{UPDATE}` and review the diff.",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn bad_catalogs_give_the_expected_diagnostics() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = crate_dir.join(UI_DIR);
    let names = names_in(&dir);
    let catalogs: Vec<&str> = names
        .iter()
        .filter_map(|name| name.strip_suffix(".toml"))
        .collect();
    assert!(
        catalogs.len() >= 40,
        "the corpus in {} should hold at least 40 bad catalogs, found {}",
        dir.display(),
        catalogs.len()
    );

    let mut failures = Vec::new();
    for name in names.iter().filter_map(|name| name.strip_suffix(".stderr")) {
        if !catalogs.contains(&name) {
            failures.push(format!(
                "{UI_DIR}/{name}.stderr has no {name}.toml beside it; delete it or add the catalog"
            ));
        }
    }
    for name in &catalogs {
        let catalog = format!("{UI_DIR}/{name}.toml");
        let source = fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap_or_default();
        if !source.starts_with("# ") {
            failures.push(format!(
                "{catalog}: the first line must be a `# ` comment saying what the mistake is"
            ));
        }
        match run(&crate_dir, &catalog) {
            Ok(actual) => compare(
                &catalog,
                &dir.join(format!("{name}.stderr")),
                &format!("{UI_DIR}/{name}.stderr"),
                &actual,
                &mut failures,
            ),
            Err(problem) => failures.push(format!("{catalog}: {problem}")),
        }
    }
    assert_no_failures(&failures, catalogs.len());
}

#[test]
fn catalogs_that_clash_give_the_expected_diagnostics() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = crate_dir.join(SETS_DIR);
    let names = names_in(&dir);
    let sets: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|name| dir.join(name).is_dir())
        .collect();
    assert!(
        sets.len() >= 7,
        "{} should hold at least 7 sets of catalogs, found {}",
        dir.display(),
        sets.len()
    );

    let mut failures = Vec::new();
    for name in names.iter().filter_map(|name| name.strip_suffix(".stderr")) {
        if !sets.contains(&name) {
            failures.push(format!(
                "{SETS_DIR}/{name}.stderr has no folder {name}/ beside it; delete it or add the set"
            ));
        }
    }
    for name in &sets {
        let case = format!("{SETS_DIR}/{name}/");
        let folder = dir.join(name);
        let catalogs = names_in(&folder.join(xtask::CATALOG_DIR));
        let tomls: Vec<&String> = catalogs
            .iter()
            .filter(|file| file.ends_with(".toml"))
            .collect();
        if tomls.len() < 2 && !catalogs.iter().any(|file| file == "published-keys.txt") {
            failures.push(format!(
                "{case}: a set holds two catalogs or more, or a catalog and its published record"
            ));
        }
        for toml in tomls {
            let path = folder.join(xtask::CATALOG_DIR).join(toml);
            let source = fs::read_to_string(&path).unwrap_or_default();
            if !source.starts_with("# ") {
                failures.push(format!(
                    "{case}catalog/{toml}: the first line must be a `# ` comment saying what the case is"
                ));
            }
        }
        match run_set(&folder) {
            Ok(actual) => compare(
                &case,
                &dir.join(format!("{name}.stderr")),
                &format!("{SETS_DIR}/{name}.stderr"),
                &actual,
                &mut failures,
            ),
            Err(problem) => failures.push(format!("{case}: {problem}")),
        }
    }
    assert_no_failures(&failures, sets.len());
}

/// Not every odd-looking key is a mistake: `type` is a Rust keyword, but the variant it
/// derives, `Type`, is an ordinary name, so this catalog must generate. Kept here so the
/// corpus above holds only real failures.
#[test]
fn a_key_named_like_a_keyword_derives_a_usable_variant() {
    const CATALOG: &str = r#"[catalog]
name = "Example API"
source = "https://example.invalid/errors"
provenance = "Codes and text are the vendor's; statuses are ours."
module = "example"
docs = "docs/example.md"

[table.code]
type = "ErrorCode"
doc = "An error code of the example API."
key = "code"
display = "description"
columns = [
  { name = "code", kind = "key" },
  { name = "description", kind = "text" },
]

[[code]]
code = "type"
description = "The type is wrong."
"#;
    let sources = [codegen::CatalogSource {
        path: "catalog/example.toml",
        text: CATALOG,
    }];
    let generated = codegen::generate(&sources, None)
        .unwrap_or_else(|diagnostics| panic!("rejected: {diagnostics:?}"));
    let module = generated
        .files
        .iter()
        .find(|file| file.path == format!("{}/example.rs", codegen::GENERATED_DIR))
        .expect("the catalog's module is generated");
    assert!(
        module.contents.contains("\"type\" => Some(Self::Type)"),
        "{}",
        module.contents
    );
}
