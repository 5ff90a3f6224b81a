//! Golden tests: the complete output for every small catalog in `tests/golden/*.toml`,
//! each generated alone, compared with reviewed snapshots in `tests/snapshots/`.
//! Snapshots are named after the catalog's file stem and the file name of each generated
//! file (several catalogs generate a `mod.rs`, so the stem comes first):
//! `golden__<stem>__<file name>.snap` (`golden__<stem>__<locale>__<file name>.snap` for a
//! translated docs page), and `golden__<stem>__readme_<section>.snap` for each README
//! section; the catalog schema, which describes the format and not a catalog,
//! is the same for every catalog and has one snapshot, `golden__catalog.schema.json.snap`.
//! After an intended change, or for a new catalog, run
//! `INSTA_UPDATE=always cargo test -p codegen --test golden`, delete the snapshots no
//! test writes any more, and review every changed snapshot before keeping it.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{CatalogSource, Generated};

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

/// Generates one golden catalog alone, without a record of published keys.
fn generate(shown_path: &str, source: &str) -> Result<Generated, Vec<codegen::FileDiagnostics>> {
    codegen::generate(
        &[CatalogSource {
            path: shown_path,
            text: source,
        }],
        None,
    )
}

#[test]
fn every_golden_catalog_generates_the_reviewed_output() {
    let catalogs = golden_catalogs();
    for expected in ["small.toml", "grpc.toml", "deprecated.toml"] {
        assert!(
            catalogs.iter().any(|path| path.ends_with(expected)),
            "tests/golden/{expected} was not found among {catalogs:?}"
        );
    }
    let mut shared: Vec<Vec<(String, String)>> = vec![Vec::new(); SAME_FOR_EVERY_CATALOG.len()];
    for path in &catalogs {
        let (stem, source) = read(path);
        let shown = format!("tests/golden/{stem}.toml");
        let generated = generate(&shown, &source).unwrap_or_else(|problems| {
            let rendered: Vec<String> = problems
                .iter()
                .flat_map(|file| &file.diagnostics)
                .map(|d| d.render_plain(&shown, &source))
                .collect();
            panic!(
                "the golden catalog {stem}.toml is invalid:\n{}",
                rendered.join("\n")
            )
        });
        let mut names: Vec<String> = Vec::new();
        for file in &generated.files {
            let name = snapshot_name(&file.path);
            assert!(
                !names.contains(&name),
                "{stem}.toml generates two files named {name}; their snapshots would clash"
            );
            if let Some(at) = SAME_FOR_EVERY_CATALOG.iter().position(|s| *s == name) {
                shared[at].push((stem.clone(), file.contents.clone()));
            } else {
                insta::assert_snapshot!(format!("{stem}__{name}"), &file.contents);
            }
            names.push(name);
        }
        for section in &generated.readme_sections {
            insta::assert_snapshot!(format!("{stem}__readme_{}", section.name), &section.text);
        }
    }
    for (name, texts) in SAME_FOR_EVERY_CATALOG.iter().zip(&shared) {
        assert_one_text(name, catalogs.len(), texts);
    }
}

/// The name of a generated file's snapshot: its file name, after the locale's tag and
/// `__` for a translated docs page (`docs/zh-CN/small.md` → `zh-CN__small.md`), which has
/// the file name of the English page.
fn snapshot_name(path: &str) -> String {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    match parts.next() {
        Some(folder) if codegen::keywords::Locale::from_word(folder).is_some() => {
            format!("{folder}__{name}")
        }
        _ => name.to_owned(),
    }
}

/// The file names of the outputs that describe the format, not a catalog: the catalog
/// format's JSON Schema, the runtime's types of the format's words, and the TypeScript
/// package's served locales.
const SAME_FOR_EVERY_CATALOG: [&str; 3] = ["catalog.schema.json", "_format.rs", "served.ts"];

/// Every golden catalog (one text each, by stem) generates the same text of the file
/// `name`, compared once with its one snapshot.
fn assert_one_text(name: &str, catalogs: usize, texts: &[(String, String)]) {
    assert_eq!(
        texts.len(),
        catalogs,
        "not every golden catalog generated {name}: only {:?} did",
        texts.iter().map(|(stem, _)| stem).collect::<Vec<_>>()
    );
    let (first_stem, first) = &texts[0];
    for (stem, text) in &texts[1..] {
        let differs = first.lines().zip(text.lines()).position(|(a, b)| a != b);
        assert!(
            text == first,
            "{stem}.toml generates a {name} different from {first_stem}.toml's \
             (first at line {:?}; the lines agree up to the shorter text otherwise)",
            differs.map(|at| at + 1)
        );
    }
    insta::assert_snapshot!(name, first);
}

#[test]
fn generation_is_deterministic() {
    for path in golden_catalogs() {
        let (stem, source) = read(&path);
        let first = generate("c.toml", &source);
        let second = generate("c.toml", &source);
        assert!(first.is_ok(), "{stem}.toml is invalid");
        assert_eq!(
            first, second,
            "{stem}.toml generated different output twice"
        );
    }
}
