//! Golden tests: the complete output for every small catalog in `tests/golden/*.toml`,
//! compared with reviewed snapshots in `tests/snapshots/`. Snapshots are named after the
//! catalog's file stem: `golden__<stem>__<generated file>.snap`. After an intended change,
//! or for a new catalog, run `INSTA_UPDATE=always cargo test -p codegen --test golden`
//! and review every changed snapshot before keeping it.

use std::fs;
use std::path::{Path, PathBuf};

/// Every golden catalog, sorted by path.
fn golden_catalogs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths
}

/// The file stem, which names the catalog's snapshots, and the catalog text.
fn read(path: &Path) -> (String, String) {
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .expect("a UTF-8 file name")
        .to_owned();
    let source = fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    (stem, source)
}

#[test]
fn every_golden_catalog_generates_the_reviewed_output() {
    let catalogs = golden_catalogs();
    assert!(
        catalogs.iter().any(|path| path.ends_with("small.toml")),
        "tests/golden/small.toml was not found among {catalogs:?}"
    );
    for path in &catalogs {
        let (stem, source) = read(path);
        let generated = codegen::generate(&format!("tests/golden/{stem}.toml"), &source)
            .unwrap_or_else(|diagnostics| {
                panic!("the golden catalog {stem}.toml is invalid: {diagnostics:?}")
            });
        for file in &generated.files {
            let name = file.path.rsplit('/').next().unwrap_or(file.path);
            insta::assert_snapshot!(format!("{stem}__{name}"), &file.contents);
        }
        insta::assert_snapshot!(format!("{stem}__readme_section"), &generated.readme_section);
    }
}

#[test]
fn generation_is_deterministic() {
    for path in golden_catalogs() {
        let (stem, source) = read(&path);
        let first = codegen::generate("c.toml", &source);
        let second = codegen::generate("c.toml", &source);
        assert!(first.is_ok(), "{stem}.toml is invalid");
        assert_eq!(
            first, second,
            "{stem}.toml generated different output twice"
        );
    }
}
