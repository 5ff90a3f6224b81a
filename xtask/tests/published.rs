//! Published keys are append-only: in a copy of this checkout, removing a published row
//! from a catalog makes `cargo xtask gen` fail with a located diagnostic that says to
//! deprecate the row instead, and nothing is written; deprecating the row instead is
//! accepted, and the generated code marks it.

mod common;

use std::fs;

use common::{copy_checkout, describe, printed, real_root, snapshot, xtask};

/// The `[[code]]` row of `MissingParameter` in the api catalog, up to the next row.
fn without_row(catalog: &str, key: &str) -> String {
    let start = catalog
        .find(&format!("[[code]]\ncode = \"{key}\""))
        .unwrap_or_else(|| panic!("the catalog has no row {key}"));
    let end = catalog[start + 1..]
        .find("[[code]]")
        .map_or(catalog.len(), |at| start + 1 + at);
    format!("{}{}", &catalog[..start], &catalog[end..])
}

#[test]
fn removing_a_published_row_fails_located_and_writes_nothing() {
    let root = real_root();
    let scratch = tempfile::tempdir().expect("a temp dir");
    let copy = scratch.path();
    copy_checkout(&root, copy);
    let path = copy.join("catalog/api.toml");
    let original = fs::read_to_string(&path).expect("the api catalog");
    fs::write(&path, without_row(&original, "MissingParameter")).expect("remove the row");
    let before = snapshot(copy);

    let output = xtask(copy, &["gen"]);
    assert!(
        !output.status.success(),
        "gen accepted a removed row: {}",
        describe(&output)
    );
    let said = printed(&output);
    assert!(
        said.contains("catalog/api.toml:")
            && said.contains("the published key `MissingParameter` (variant `MissingParameter`)"),
        "{said}"
    );
    assert!(
        said.contains("deprecated"),
        "the help does not say to deprecate: {said}"
    );
    assert_eq!(snapshot(copy), before, "gen wrote something");

    // Deprecating the row instead is fine, and the generated code says so.
    let deprecated = original.replacen(
        "code = \"MissingParameter\"",
        "code = \"MissingParameter\"\ndeprecated = \"Kept for old callers.\"",
        1,
    );
    fs::write(&path, deprecated).expect("deprecate the row");
    let output = xtask(copy, &["gen"]);
    assert!(output.status.success(), "{}", describe(&output));
    let module =
        fs::read_to_string(copy.join("captcha-errors/src/generated/api.rs")).expect("the module");
    assert!(
        module.contains("#[deprecated = \"Kept for old callers.\"]\n    MissingParameter,"),
        "{module}"
    );
    let page = fs::read_to_string(copy.join("docs/api.md")).expect("the page");
    assert!(page.contains("(deprecated: Kept for old callers.)"));
}

#[test]
fn a_catalog_given_alone_writes_only_its_own_files() {
    let root = real_root();
    let scratch = tempfile::tempdir().expect("a temp dir");
    let copy = scratch.path();
    copy_checkout(&root, copy);
    // Change every catalog's text, then regenerate only one of them.
    for name in ["api", "verify"] {
        let path = copy.join(format!("catalog/{name}.toml"));
        let text = fs::read_to_string(&path).expect("a catalog");
        fs::write(&path, text.replacen("doc = \"", "doc = \"Changed. ", 1)).expect("edit");
    }
    let before = snapshot(copy);
    let output = xtask(copy, &["gen", "--catalog", "catalog/api.toml"]);
    assert!(output.status.success(), "{}", describe(&output));
    let after = snapshot(copy);
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, _)| path.display().to_string().replace('\\', "/"))
        .collect();
    assert!(
        changed
            .iter()
            .any(|p| p == "captcha-errors/src/generated/api.rs"),
        "{changed:?}"
    );
    for path in &changed {
        assert!(
            !path.contains("verify") && !path.contains("init"),
            "--catalog catalog/api.toml wrote another catalog's file {path}: {changed:?}"
        );
    }
}
