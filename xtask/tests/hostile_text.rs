//! Hostile catalog text survives generation exactly. A catalog whose texts hold quotes,
//! backslashes, comment markers, raw-string ends, format braces, line breaks, tabs, pipes,
//! backticks, HTML, emoji, CJK, right-to-left scripts, combining marks and a 100 kB string
//! is written as TOML with the `toml` serializer and generated with `codegen::generate`.
//! The generated modules are built into a scratch copy of `captcha-errors` (no
//! dependencies, so it builds offline) whose own test compares every text with the
//! expected one, read from one file per text; `cargo doc` must build the scratch crate
//! without a warning; and the Markdown keeps the shape of its tables.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use toml::{Table, Value};

/// The catalog path written into generated headers.
const CATALOG_PATH: &str = "catalog/errors.toml";

/// One `[[code]]` of the hostile catalog.
struct CodeSpec {
    code: String,
    description: String,
    troubleshooting: String,
    notes: Option<String>,
}

/// One `[[field]]` of the hostile catalog.
struct FieldSpec {
    key: String,
    field: String,
    description: String,
    troubleshooting: String,
}

/// The hostile catalog, as data.
struct Spec {
    name: String,
    source: String,
    provenance: String,
    codes: Vec<CodeSpec>,
    fields: Vec<FieldSpec>,
}

/// Short hostile texts; each is non-empty and differs from the others.
fn snippets() -> Vec<String> {
    [
        r#"Double "quotes", a backslash \ and two \\, and a "\n" that is no line break"#,
        "Comment markers */ and /* and // and /** */ and //! and ///",
        r###"Raw string ends "# and "## and r#"inside"# and r##"x"##"###,
        "Format braces {} and {{ and }} and {0} and {:?} and {name} and %s",
        "Line one\nline two\n\nafter a blank line\n",
        "A Windows line\r\nending",
        "\tTabs\tbetween\twords\t",
        "Pipes | in || a |cell| and \\| an escaped one |",
        "Balanced `code` and ``double `tick` span``",
        "Unbalanced ` backtick and `` a pair of them",
        "<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; &lt; &#x41; & <br>",
        "Emoji 🦀🔥 👍🏽 👨\u{200D}👩\u{200D}👧 🏳\u{FE0F}\u{200D}🌈 🇨🇳",
        "验证码初始化失败。请检查参数。日本語の文。한국어 문장.",
        "Arabic العربية: رمز التحقق غير صالح. Hebrew עברית: קוד האימות אינו תקין.",
        "Combining marks: e\u{301} a\u{308}\u{332} Z\u{324}\u{354}\u{367}\u{311}\u{313}",
        "Markdown *emphasis* _under_ **strong** ~~strike~~ # hash > quote",
        "  Leading and trailing spaces  ",
        "Brackets [x] and [the prefix] and [ErrorCode] and [a](b) and [c]: d",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// About 100 kB of text that repeats a little of everything.
fn long_text() -> String {
    let unit = "Long \"text\" \\ */ /* \"# {} | `x` <b>&amp; 验证码 עברית 🦀 e\u{301}\t\n";
    let mut text = String::with_capacity(100_100);
    while text.len() < 100_000 {
        text.push_str(unit);
    }
    text
}

fn spec() -> Spec {
    let snippets = snippets();
    let all = snippets.join(" ");
    let n = snippets.len();
    let mut codes: Vec<CodeSpec> = (0..n)
        .map(|i| CodeSpec {
            code: format!("Hostile.Code{i}"),
            description: snippets[i].clone(),
            troubleshooting: snippets[(i + 1) % n].clone(),
            notes: (i % 2 == 0).then(|| snippets[(i + 2) % n].clone()),
        })
        .collect();
    codes.push(CodeSpec {
        code: "Hostile.Everything".to_owned(),
        description: all.clone(),
        troubleshooting: long_text(),
        notes: Some(all.clone()),
    });
    let mut fields: Vec<FieldSpec> = (0..n)
        .map(|i| FieldSpec {
            key: format!("hostile_{i}"),
            field: snippets[i].clone(),
            description: snippets[(i + 3) % n].clone(),
            troubleshooting: snippets[(i + 4) % n].clone(),
        })
        .collect();
    fields.push(FieldSpec {
        key: "hostile_everything".to_owned(),
        field: all.clone(),
        description: long_text(),
        troubleshooting: all.clone(),
    });
    Spec {
        name: format!("Hostile catalog {all}"),
        source: "https://example.invalid/errors?a=\"b\"&c=|d|`e`<f>".to_owned(),
        // Indented, as text in an indented TOML multi-line string would be.
        provenance: format!("    {all}"),
        codes,
        fields,
    }
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn platforms() -> Value {
    Value::Array(vec![string("web"), string("wechat")])
}

/// The catalog as TOML, written by the `toml` serializer.
fn catalog_toml(spec: &Spec) -> String {
    let mut meta = Table::new();
    meta.insert("name".into(), string(&spec.name));
    meta.insert("source".into(), string(&spec.source));
    meta.insert("provenance".into(), string(&spec.provenance));
    let codes = spec.codes.iter().map(|code| {
        let mut table = Table::new();
        table.insert("code".into(), string(&code.code));
        table.insert("description".into(), string(&code.description));
        table.insert("troubleshooting".into(), string(&code.troubleshooting));
        if let Some(notes) = &code.notes {
            table.insert("notes".into(), string(notes));
        }
        table.insert("http_status".into(), Value::Integer(400));
        table.insert("retry".into(), string("never"));
        table.insert("category".into(), string("configuration"));
        table.insert("platforms".into(), platforms());
        Value::Table(table)
    });
    let fields = spec.fields.iter().map(|field| {
        let mut table = Table::new();
        table.insert("key".into(), string(&field.key));
        table.insert("field".into(), string(&field.field));
        table.insert("description".into(), string(&field.description));
        table.insert("troubleshooting".into(), string(&field.troubleshooting));
        table.insert("http_status".into(), Value::Integer(400));
        table.insert("platforms".into(), platforms());
        Value::Table(table)
    });
    let mut root = Table::new();
    root.insert("catalog".into(), Value::Table(meta));
    root.insert("code".into(), Value::Array(codes.collect()));
    root.insert("field".into(), Value::Array(fields.collect()));
    let text = toml::to_string(&root).expect("the catalog serializes");

    // The test's own input must be right: the TOML holds exactly the texts.
    let parsed: Table = toml::from_str(&text).expect("the serialized catalog parses");
    assert_eq!(parsed, root, "the TOML serializer changed a text");
    text
}

fn generate(spec: &Spec) -> codegen::Generated {
    codegen::generate(CATALOG_PATH, &catalog_toml(spec)).unwrap_or_else(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.clone()).collect();
        panic!("the hostile catalog was refused: {messages:#?}")
    })
}

const SCRATCH_MANIFEST: &str = r#"[package]
name = "scratch"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]

# The real crate's optional features, declared and left off: the scratch crate has no
# dependencies, and the copied sources name the feature in `cfg`s.
[features]
serde = []

[workspace]
"#;

/// The first lines of the scratch crate's `lib.rs`; the rest is the real one's items.
const SCRATCH_LIB_DOC: &str =
    "//! A scratch copy of `captcha-errors`, built from a hostile catalog.\n\n";

/// The real `lib.rs` without its crate docs (their examples name the real codes) and
/// without the item that includes the README: its module declarations and re-exports.
fn scratch_lib(real: &str) -> String {
    let lines: Vec<&str> = real
        .lines()
        .filter(|line| !line.starts_with("//!"))
        .collect();
    let mut kept: Vec<&str> = lines.clone();
    if let Some(include) = lines.iter().position(|line| line.contains("README.md")) {
        let mut first = include;
        while first > 0
            && (lines[first - 1].starts_with("///") || lines[first - 1].starts_with("#["))
        {
            first -= 1;
        }
        let mut last = include;
        while last + 1 < lines.len() && !lines[last].trim_end().ends_with(';') {
            last += 1;
        }
        kept = [&lines[..first], &lines[last + 1..]].concat();
    }
    let lib = format!("{SCRATCH_LIB_DOC}{}\n", kept.join("\n").trim());
    assert!(
        !lib.contains("README"),
        "the README item is left in:\n{lib}"
    );
    assert!(
        lib.contains("mod generated;"),
        "no generated module in:\n{lib}"
    );
    lib
}

/// The scratch crate's test: every text equals the file that holds the expected one.
const SCRATCH_TEST: &str = r#"//! Every text of the generated enums is exactly the catalog's.

use std::path::Path;

use scratch::{ErrorCode, FieldError};

fn expected(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("expected").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

fn required(name: &str) -> String {
    expected(name).unwrap_or_else(|| panic!("expected/{name} is missing"))
}

fn count(name: &str) -> usize {
    required(name).trim().parse().expect("a count")
}

#[test]
fn texts_are_exactly_the_catalogs() {
    assert_eq!(ErrorCode::ALL.len(), count("code-count"));
    assert_eq!(FieldError::ALL.len(), count("field-count"));
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        let at = |what: &str| format!("code-{i}-{what}");
        assert!(code.as_str() == required(&at("code")), "{}", at("code"));
        assert!(code.description() == required(&at("description")), "{}", at("description"));
        assert!(code.to_string() == code.description(), "{}: Display", at("description"));
        assert!(
            code.troubleshooting() == required(&at("troubleshooting")),
            "{}",
            at("troubleshooting")
        );
        assert!(code.notes() == expected(&at("notes")).as_deref(), "{}", at("notes"));
        assert_eq!(ErrorCode::from_code(code.as_str()), Some(*code));
    }
    for (i, field) in FieldError::ALL.iter().enumerate() {
        let at = |what: &str| format!("field-{i}-{what}");
        assert!(field.key() == required(&at("key")), "{}", at("key"));
        assert!(field.field() == required(&at("field")), "{}", at("field"));
        assert!(field.description() == required(&at("description")), "{}", at("description"));
        assert!(
            field.troubleshooting() == required(&at("troubleshooting")),
            "{}",
            at("troubleshooting")
        );
        assert_eq!(FieldError::from_key(field.key()), Some(*field));
    }
}
"#;

fn write(path: &Path, contents: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    fs::write(path, contents).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// Lays out the scratch crate under `dir` and returns its folder.
fn scratch_crate(dir: &Path, spec: &Spec, generated: &codegen::Generated) -> PathBuf {
    let krate = dir.join("scratch");
    let real_src = xtask::workspace_root().join("captcha-errors/src");
    write(&krate.join("Cargo.toml"), SCRATCH_MANIFEST);
    let real_lib = fs::read_to_string(real_src.join("lib.rs")).expect("read lib.rs");
    write(&krate.join("src/lib.rs"), &scratch_lib(&real_lib));
    // Every other source file is copied: the hand-written ones stay, the generated ones
    // are overwritten below.
    for path in rust_files(&real_src) {
        let inside = path.strip_prefix(&real_src).expect("under src");
        if inside != Path::new("lib.rs") {
            let text = fs::read_to_string(&path).expect("read captcha-errors");
            write(&krate.join("src").join(inside), &text);
        }
    }
    let mut modules = 0;
    for file in &generated.files {
        if let Some(inside) = file.path.strip_prefix("captcha-errors/") {
            write(&krate.join(inside), &file.contents);
            modules += 1;
        }
    }
    assert!(
        modules >= 3,
        "expected the generated modules, found {modules}"
    );
    write(&krate.join("tests/texts.rs"), SCRATCH_TEST);

    let expected = krate.join("expected");
    write(&expected.join("code-count"), &spec.codes.len().to_string());
    write(
        &expected.join("field-count"),
        &spec.fields.len().to_string(),
    );
    for (i, code) in spec.codes.iter().enumerate() {
        write(&expected.join(format!("code-{i}-code")), &code.code);
        write(
            &expected.join(format!("code-{i}-description")),
            &code.description,
        );
        let troubleshooting = expected.join(format!("code-{i}-troubleshooting"));
        write(&troubleshooting, &code.troubleshooting);
        if let Some(notes) = &code.notes {
            write(&expected.join(format!("code-{i}-notes")), notes);
        }
    }
    for (i, field) in spec.fields.iter().enumerate() {
        write(&expected.join(format!("field-{i}-key")), &field.key);
        write(&expected.join(format!("field-{i}-field")), &field.field);
        write(
            &expected.join(format!("field-{i}-description")),
            &field.description,
        );
        let troubleshooting = expected.join(format!("field-{i}-troubleshooting"));
        write(&troubleshooting, &field.troubleshooting);
    }
    krate
}

/// Runs cargo in `krate` with its own target folder, offline, every rustdoc warning an
/// error.
/// Returns its combined output; panics with it if cargo fails.
fn cargo(krate: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .env("CARGO_NET_OFFLINE", "true")
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .env("RUSTDOCFLAGS", "-Dwarnings")
        // Generated code must compile without a warning, whatever the catalog holds.
        .env("RUSTFLAGS", "-Dwarnings")
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "`cargo {}` failed in the scratch crate:\n{text}",
        args.join(" ")
    );
    text
}

#[test]
fn hostile_texts_reach_the_generated_crate_exactly() {
    let spec = spec();
    let generated = generate(&spec);
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch_crate(dir.path(), &spec, &generated);
    let output = cargo(&krate, &["test", "--test", "texts"]);
    assert!(
        output.contains("test texts_are_exactly_the_catalogs ... ok"),
        "the scratch test did not run:\n{output}"
    );
}

#[test]
fn hostile_texts_add_no_doctests() {
    let spec = spec();
    let generated = generate(&spec);
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch_crate(dir.path(), &spec, &generated);
    let output = cargo(&krate, &["test", "--doc", "--", "--list"]);
    assert!(
        output.contains("0 tests, 0 benchmarks") || output.contains(": test"),
        "cargo listed no doctests:\n{output}"
    );
    let from_catalog: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("src/generated/"))
        .collect();
    assert!(
        from_catalog.is_empty(),
        "catalog text became code blocks, run as doctests: {from_catalog:#?}"
    );
}

#[test]
fn hostile_texts_document_without_warnings() {
    let spec = spec();
    let generated = generate(&spec);
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch_crate(dir.path(), &spec, &generated);
    cargo(&krate, &["doc", "--no-deps"]);
    let doc = krate.join("target/doc/scratch");
    let page = ["enum.ErrorCode.html", "generated/codes/enum.ErrorCode.html"]
        .iter()
        .map(|page| doc.join(page))
        .find(|page| page.exists())
        .expect("rustdoc wrote the ErrorCode page");
    let html = fs::read_to_string(&page).expect("read the ErrorCode page");
    assert!(
        html.contains("Hostile.Everything"),
        "the page lacks the codes"
    );
    assert!(
        !html.contains("<script>alert(1)"),
        "catalog HTML reached the rustdoc page unescaped"
    );
}

/// The `|` that separate cells: those not escaped by a backslash.
fn cell_separators(line: &str) -> usize {
    let mut count = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '|' => count += 1,
            _ => {}
        }
    }
    count
}

/// Every table in `markdown`: its header line and its rows (the separator line left out).
fn tables(markdown: &str) -> Vec<(&str, Vec<&str>)> {
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut tables = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let is_header = lines[at].starts_with('|')
            && lines
                .get(at + 1)
                .is_some_and(|next| next.starts_with("| ---"));
        if !is_header {
            at += 1;
            continue;
        }
        let header = lines[at];
        at += 2;
        let mut rows = Vec::new();
        while at < lines.len() && lines[at].starts_with('|') {
            rows.push(lines[at]);
            at += 1;
        }
        tables.push((header, rows));
    }
    tables
}

/// Checks that `markdown` holds tables with `row_counts` rows, every row with as many
/// cells as its header, and no raw HTML from the catalog.
fn assert_tables_keep_their_shape(what: &str, markdown: &str, row_counts: &[usize]) {
    let tables = tables(markdown);
    // Tables without rows (of things the hostile catalog does not have) are left out.
    let counts: Vec<usize> = tables
        .iter()
        .map(|(_, rows)| rows.len())
        .filter(|&rows| rows > 0)
        .collect();
    assert_eq!(counts, row_counts, "{what}: rows per table");
    for (header, rows) in &tables {
        let cells = cell_separators(header);
        assert!(cells >= 2, "{what}: header `{header}` has no cells");
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(
                cell_separators(row),
                cells,
                "{what}: row {i} of the table `{header}` has a different number of cells"
            );
        }
    }
    assert!(
        !markdown.to_ascii_lowercase().contains("<script"),
        "{what}: raw `<script` in the Markdown"
    );
}

#[test]
fn hostile_texts_keep_the_markdown_tables_whole() {
    let spec = spec();
    let generated = generate(&spec);
    let page = generated
        .files
        .iter()
        .find(|file| file.path == codegen::ERRORS_MD)
        .expect("docs/errors.md is generated");
    let rows = [spec.codes.len(), spec.fields.len()];
    assert_tables_keep_their_shape(codegen::ERRORS_MD, &page.contents, &rows);
    assert_tables_keep_their_shape("the README section", &generated.readme_section, &rows);
}
