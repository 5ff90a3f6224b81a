//! A catalog that has nothing to do with Captcha (gRPC's status codes, kept in the golden
//! corpus as `codegen/tests/golden/grpc.toml`), dropped into `catalog/` of a copy of this
//! checkout, generates a module and a docs page with no change to the generator: `xtask
//! gen` writes them, the crate builds with them, a dependent uses the new module exactly
//! as the catalog says, and rustdoc renders it without a warning.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{copy_checkout, describe, real_root, xtask};

/// What the test dependent needs to know of the catalog.
struct Facts {
    module: String,
    docs: String,
    type_name: String,
    lookup: String,
    rows: Vec<String>,
}

fn facts(text: &str) -> Facts {
    let catalog: toml::Table = toml::from_str(text).expect("the golden catalog parses");
    let meta = catalog["catalog"].as_table().expect("[catalog]");
    let tables = catalog["table"].as_table().expect("[table.*]");
    let (table_name, table) = tables.iter().next().expect("one table");
    let key = table["key"].as_str().expect("a key column").to_owned();
    let rows = catalog[table_name.as_str()]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row[key.as_str()].as_str().expect("a key").to_owned())
        .collect();
    Facts {
        module: meta["module"].as_str().expect("module").to_owned(),
        docs: meta["docs"].as_str().expect("docs").to_owned(),
        type_name: table["type"].as_str().expect("type").to_owned(),
        lookup: format!("from_{key}"),
        rows,
    }
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_NET_OFFLINE", "true")
        .env("RUSTFLAGS", "-Dwarnings")
        .env("RUSTDOCFLAGS", "-Dwarnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?}: {}",
        describe(&output)
    );
}

#[test]
fn a_foreign_catalog_becomes_a_module_and_a_page() {
    let root = real_root();
    let text = fs::read_to_string(root.join("codegen/tests/golden/grpc.toml"))
        .expect("the golden gRPC catalog");
    let facts = facts(&text);
    let scratch = tempfile::tempdir().expect("a temp dir");
    let copy = scratch.path();
    copy_checkout(&root, copy);
    fs::write(copy.join("catalog/grpc.toml"), &text).expect("drop the catalog in");

    let generated = xtask(copy, &["gen"]);
    assert!(generated.status.success(), "{}", describe(&generated));
    let module_file = copy.join(format!("captcha-errors/src/generated/{}.rs", facts.module));
    assert!(module_file.is_file(), "no module: {}", describe(&generated));
    let page = fs::read_to_string(copy.join(&facts.docs)).expect("the docs page");
    for row in &facts.rows {
        assert!(
            page.contains(&format!("`{row}`")),
            "{row} is not on the page"
        );
    }
    let checked = xtask(copy, &["gen", "--check"]);
    assert!(checked.status.success(), "{}", describe(&checked));

    // A dependent inside the copied workspace uses the module as the catalog says.
    let (module, type_name, lookup) = (&facts.module, &facts.type_name, &facts.lookup);
    let checks: String = facts
        .rows
        .iter()
        .map(|row| {
            format!(
                "    let row = {type_name}::{lookup}({row:?}).expect(\"a row\");\n    assert_eq!(row.as_str(), {row:?});\n    assert!(!row.to_string().is_empty());\n    assert_eq!({row:?}.parse::<{type_name}>(), Ok(row));\n"
            )
        })
        .collect();
    let count = facts.rows.len();
    let main = format!(
        "use captcha_errors::{module}::{type_name};\n\nfn main() {{\n{checks}    assert_eq!({type_name}::ALL.len(), {count});\n    assert!({type_name}::{lookup}(\"not a row\").is_none());\n}}\n"
    );
    let dependent = copy.join("dependent");
    fs::create_dir_all(dependent.join("src")).expect("a folder");
    fs::write(
        dependent.join("Cargo.toml"),
        "[package]\nname = \"dependent\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ncaptcha-errors = { path = \"../captcha-errors\" }\n",
    )
    .expect("write the manifest");
    fs::write(dependent.join("src/main.rs"), main).expect("write main.rs");
    let manifest = fs::read_to_string(copy.join("Cargo.toml")).expect("the workspace manifest");
    let manifest = manifest.replacen("members = [", "members = [\"dependent\", ", 1);
    fs::write(copy.join("Cargo.toml"), manifest).expect("add the dependent");
    cargo(copy, &["run", "--quiet", "-p", "dependent"]);
    cargo(
        copy,
        &["doc", "--quiet", "--no-deps", "-p", "captcha-errors"],
    );
}
