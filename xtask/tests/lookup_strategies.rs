//! Every lookup strategy the generator emits, compiled and run: synthetic catalogs of 0,
//! 1, 6, 1,000 and 10,000 codes, one of 9 codes of one length (the smallest table that
//! gets a perfect hash) and one of 128 codes of spread lengths (the largest that keeps a
//! `match`), are generated with codegen into a scratch crate whose program checks each
//! `from_code` against a reference `HashMap` built from the catalog's keys: every key, and
//! near misses of every key (each byte changed, dropped, doubled; a byte added at either
//! end; other case; one byte shorter and longer). The crate depends only on this
//! checkout's `captcha-errors` (for the traits generated code implements) and builds
//! offline. The codegen unit tests check the perfect hash's core on the same sizes without
//! compiling; this checks the code as emitted.
//!
//! Also: the benchmark's committed generated modules are up to date.

use std::fs;
use std::path::Path;
use std::process::Command;

use xtask::synth;

/// A catalog with one table whose keys are `keys`, shaped like the synthetic ones.
fn catalog_with_keys(module: &str, keys: &[String]) -> String {
    let base = synth::catalog(&synth::Options {
        module: module.to_owned(),
        ..synth::Options::new(0)
    })
    .expect("an empty synthetic catalog");
    let rows: String = keys
        .iter()
        .map(|key| {
            format!("\n[[code]]\ncode = \"{key}\"\ndescription = \"Row {key}.\"\ntroubleshooting = \"None.\"\nhttp_status = 400\nretry = \"never\"\n")
        })
        .collect();
    base + &rows
}

/// The tables to check: module name, catalog text, and whether a perfect hash is expected.
fn tables() -> Vec<(String, String, bool)> {
    let mut tables: Vec<(String, String, bool)> = [0, 1, 6, 1000, 10_000]
        .into_iter()
        .map(|codes| {
            let options = synth::Options::new(codes);
            let text = synth::catalog(&options).expect("a synthetic catalog");
            (options.module, text, codes >= 1000)
        })
        .collect();
    // Its key column is named like a function of the perfect hash, which must not matter.
    let same_length: Vec<String> = (0..9).map(|n| format!("Code.{n:02}")).collect();
    let text = catalog_with_keys("same_length_9", &same_length)
        .replace("key = \"code\"", "key = \"key_hash\"")
        .replace(
            "{ name = \"code\", kind = \"key\"",
            "{ name = \"key_hash\", kind = \"key\"",
        )
        .replace("\ncode = ", "\nkey_hash = ");
    tables.push(("same_length_9".to_owned(), text, true));
    let spread: Vec<String> = (0..128)
        .map(|n| format!("Spread{}.{n}", "x".repeat(n % 32)))
        .collect();
    tables.push((
        "spread_128".to_owned(),
        catalog_with_keys("spread_128", &spread),
        false,
    ));
    tables
}

/// The generated module of `text`, and its keys in row order.
fn generate(module: &str, text: &str) -> (String, Vec<String>) {
    let path = format!("{module}.toml");
    let source = codegen::CatalogSource { path: &path, text };
    let generated = codegen::generate(&[source], None).expect("the catalog generates");
    let file = generated
        .files
        .into_iter()
        .find(|file| file.path.ends_with(&format!("/{module}.rs")))
        .expect("a module");
    let catalog = codegen::parse(text).expect("the catalog parses");
    let table = &catalog.tables[0];
    let keys = table
        .rows
        .iter()
        .map(|row| table.key_of(row).to_owned())
        .collect();
    (file.contents, keys)
}

/// The checking program: a reference map from the keys file, and every probe.
const MAIN: &str = r#"
use std::collections::HashMap;

pub use captcha_errors::{CatalogRow, UnknownValue, WireCode, OTHER_LABEL, __private};

MODULES

fn near_misses(key: &str) -> Vec<String> {
    let bytes = key.as_bytes();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("ASCII");
    let mut misses = vec![format!("{key}x"), format!("x{key}"), key.to_ascii_lowercase(), key.to_ascii_uppercase()];
    misses.push(key.chars().map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect());
    misses.push(key.get(..key.len().saturating_sub(1)).unwrap_or("").to_owned());
    for index in 0..bytes.len() {
        for change in [0x01, 0x20, 0x80 ^ 0x01] {
            let mut changed = bytes.to_vec();
            changed[index] ^= change;
            if let Ok(changed) = String::from_utf8(changed) {
                misses.push(changed);
            }
        }
        let mut dropped = bytes.to_vec();
        dropped.remove(index);
        misses.push(text(dropped));
        let mut doubled = bytes.to_vec();
        doubled.insert(index, bytes[index]);
        misses.push(text(doubled));
    }
    misses
}

fn check<T: Copy + PartialEq + std::fmt::Debug>(
    name: &str,
    keys: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
    lookup: fn(&str) -> Option<T>,
) -> usize {
    let keys: Vec<&str> = keys.lines().collect();
    assert_eq!(keys.len(), all.len(), "{name}: the rows");
    let reference: HashMap<&str, T> = keys.iter().copied().zip(all.iter().copied()).collect();
    let mut probes = 0;
    for (key, row) in keys.iter().zip(all) {
        assert_eq!(as_str(*row), *key, "{name}");
        assert_eq!(lookup(key), Some(*row), "{name}: {key:?}");
        for miss in near_misses(key) {
            assert_eq!(lookup(&miss), reference.get(miss.as_str()).copied(), "{name}: {miss:?}");
            probes += 1;
        }
    }
    for other in ["", "x", "\u{e9}t\u{e9}", "a text longer than any key of any table, and then some more"] {
        assert_eq!(lookup(other), reference.get(other).copied(), "{name}: {other:?}");
    }
    // `Debug` writes each row's variant name (derived for small tables, from a static
    // table of names for big ones): a Rust identifier, different for every row.
    let names: std::collections::HashSet<String> = all.iter().map(|row| format!("{row:?}")).collect();
    assert_eq!(names.len(), all.len(), "{name}: Debug names are not distinct");
    for debug in &names {
        let mut chars = debug.chars();
        let starts_well = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        assert!(starts_well && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'), "{name}: Debug wrote {debug:?}");
    }
    probes
}

fn main() {
    let mut probes = 0;
CHECKS
    println!("{probes} near misses checked");
}
"#;

/// Writes the scratch crate for `tables` into `dir`.
fn write_crate(dir: &Path, tables: &[(String, String, bool)]) {
    fs::create_dir_all(dir.join("src")).expect("a folder");
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .join("captcha-errors");
    let manifest = format!(
        "[package]\nname = \"lookups\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\ncaptcha-errors = {{ path = {:?} }}\n\n[workspace]\n",
        crate_dir.display().to_string()
    );
    fs::write(dir.join("Cargo.toml"), manifest).expect("the manifest");
    let (mut modules, mut checks) = (String::new(), String::new());
    for (module, text, perfect_hash) in tables {
        let (code, keys) = generate(module, text);
        assert_eq!(
            code.contains("fn key_hash("),
            *perfect_hash,
            "{module}: the strategy is not the expected one"
        );
        fs::write(dir.join(format!("src/{module}.rs")), code).expect("a module");
        fs::write(dir.join(format!("src/{module}.keys")), keys.join("\n")).expect("keys");
        modules.push_str(&format!("#[allow(dead_code)]\nmod {module};\n"));
        let lookup = if text.contains("key = \"key_hash\"") {
            "from_key_hash"
        } else {
            "from_code"
        };
        checks.push_str(&format!(
            "    probes += check({module:?}, include_str!(\"{module}.keys\"), {module}::SynthCode::ALL, {module}::SynthCode::as_str, {module}::SynthCode::{lookup});\n"
        ));
    }
    let main = MAIN.replace("MODULES", &modules).replace("CHECKS", &checks);
    fs::write(dir.join("src/main.rs"), main).expect("main.rs");
}

#[test]
fn every_strategy_answers_as_a_hash_map() {
    let scratch = tempfile::tempdir().expect("a temp dir");
    write_crate(scratch.path(), &tables());
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(scratch.path())
        .env("CARGO_TARGET_DIR", scratch.path().join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}\n{printed}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(printed.contains("near misses checked"), "{printed}");
}

#[test]
fn the_benchmark_modules_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace");
    if let Err(message) = synth::bench_modules(root, true) {
        panic!("{message}");
    }
}
