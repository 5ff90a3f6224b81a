//! Golden test: the complete output for a small catalog, compared with reviewed snapshots
//! in `tests/snapshots/`. After an intended change, run
//! `INSTA_UPDATE=always cargo test -p codegen --test golden` and review the diff.

#[test]
fn small_catalog_generates_the_reviewed_output() {
    let source = include_str!("golden/small.toml");
    let generated = codegen::generate("tests/golden/small.toml", source)
        .unwrap_or_else(|diagnostics| panic!("the golden catalog is invalid: {diagnostics:?}"));
    for file in &generated.files {
        let name = file.path.rsplit('/').next().unwrap_or(file.path);
        insta::assert_snapshot!(format!("small__{name}"), &file.contents);
    }
    insta::assert_snapshot!("small__readme_section", &generated.readme_section);
}

#[test]
fn generation_is_deterministic() {
    let source = include_str!("golden/small.toml");
    let first = codegen::generate("c.toml", source).unwrap();
    let second = codegen::generate("c.toml", source).unwrap();
    assert_eq!(first, second);
}
