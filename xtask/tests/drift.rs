//! The drift guard: `cargo test` fails when any committed generated file differs from what
//! the catalog generates now, naming the file and the command that fixes it.

use xtask::{plan_all, stale, workspace_root};

#[test]
fn generated_files_match_the_catalog() {
    let root = workspace_root();
    let planned = plan_all(&root, None, &root)
        .unwrap_or_else(|error| panic!("{error}"))
        .files;
    let stale = stale(&root, &planned).unwrap_or_else(|error| panic!("{error}"));
    let names: Vec<String> = stale.iter().map(|s| s.path.display().to_string()).collect();
    assert!(
        stale.is_empty(),
        "generated files are stale: {}\n{}\nrun `cargo xtask gen` and commit the result",
        names.join(", "),
        stale.iter().map(|s| s.diff()).collect::<String>()
    );
}
