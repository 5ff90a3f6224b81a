//! UI tests for catalog diagnostics, in the style of rustc's `tests/ui`: every bad catalog
//! `tests/ui/NAME.toml` must fail generation, and what `cargo xtask gen` would print for it
//! must equal `tests/ui/NAME.stderr` byte for byte.
//!
//! After a deliberate change to the messages, rewrite the expected files with
//! `UPDATE_UI=1 cargo test -p xtask --test ui`, then read the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use xtask::GenError;

/// The command that rewrites the expected files.
const UPDATE: &str = "UPDATE_UI=1 cargo test -p xtask --test ui";

/// The corpus folder, relative to this crate: also the path the diagnostics show.
const UI_DIR: &str = "tests/ui";

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
    match result {
        Ok(planned) => Err(format!(
            "generation succeeded ({} files planned), but this catalog must be rejected",
            planned.len()
        )),
        // Exactly what `cargo xtask gen` writes: `eprintln!("{error}")`.
        Err(error @ GenError::Catalog { .. }) => Ok(format!("{error}\n")),
        Err(other) => Err(format!("generation failed for another reason: {other}")),
    }
}

fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}

#[test]
fn bad_catalogs_give_the_expected_diagnostics() {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = crate_dir.join(UI_DIR);
    let update = std::env::var_os("UPDATE_UI").is_some_and(|value| value == "1");

    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable directory entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_owned))
        .collect();
    names.sort();
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
        let expected_path = dir.join(format!("{name}.stderr"));
        let source = fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap_or_default();
        if !source.starts_with("# ") {
            failures.push(format!(
                "{catalog}: the first line must be a `# ` comment saying what the mistake is"
            ));
        }
        let actual = match run(&crate_dir, &catalog) {
            Ok(actual) => actual,
            Err(problem) => {
                failures.push(format!("{catalog}: {problem}"));
                continue;
            }
        };
        if update {
            if let Err(error) = fs::write(&expected_path, &actual) {
                failures.push(format!("cannot write {}: {error}", expected_path.display()));
            }
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{catalog}: the diagnostics differ from {UI_DIR}/{name}.stderr\n{}",
                diff(&expected, &actual)
            )),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => failures.push(format!(
                "{catalog}: {UI_DIR}/{name}.stderr is missing; create it with `{UPDATE}`, \
                 then check that it is right; it would hold:\n{actual}"
            )),
            Err(error) => {
                failures.push(format!("cannot read {}: {error}", expected_path.display()))
            }
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {} UI cases failed:\n\n{}\n\nIf the new output is right, run `{UPDATE}` and review the diff.",
        failures.len(),
        catalogs.len(),
        failures.join("\n\n")
    );
}

/// Not every odd-looking code is a mistake: `type` is a Rust keyword, but the variant it
/// derives, `Type`, is an ordinary name, so this catalog must generate. Kept here so the
/// corpus above holds only real failures.
#[test]
fn a_code_named_like_a_keyword_derives_a_usable_variant() {
    let source = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/golden/small.toml"),
    )
    .expect("the golden catalog is readable")
    .replace("code = \"slow_down\"", "code = \"type\"");
    let generated = codegen::generate("small.toml", &source)
        .unwrap_or_else(|diagnostics| panic!("rejected: {diagnostics:?}"));
    let codes = generated
        .files
        .iter()
        .find(|file| file.path == codegen::CODES_RS)
        .expect("the codes module is generated");
    assert!(
        codes.contents.contains("ErrorCode::Type => \"type\""),
        "{}",
        codes.contents
    );
}
