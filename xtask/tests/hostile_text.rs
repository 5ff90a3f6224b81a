//! Hostile catalog text survives generation exactly. The real catalogs are the starting
//! point: `catalog/init.toml` keeps its declarations, keys and params, but its name,
//! source, provenance, the docs of its vocabularies, words, tables, columns and params and
//! every text cell are replaced with texts holding quotes, backslashes, comment markers,
//! raw-string ends, format braces, line breaks, tabs, pipes, backticks, Markdown block
//! syntax, HTML, emoji, CJK, right-to-left scripts, combining marks and a 100 kB string,
//! and hostile rows are added (each translated row gets the same hostile texts, after its
//! locale's tag, in its `[NAME.LOCALE]` tables); one row of `catalog/verify.toml` gets hostile text too;
//! `catalog/api.toml` is taken as it is. All three are written as TOML by the `toml`
//! serializer and generated together with `codegen::generate`, with no published record.
//! The generated modules are built into a scratch copy of `captcha-errors` (no
//! dependencies, so it builds offline, every warning an error) whose own test compares
//! every text of every table, and every parameter's doc, with the expected one, read from
//! one file per text; `cargo doc` must build the scratch crate without a warning and show
//! no catalog HTML as HTML; no catalog text becomes a doctest; and the Markdown keeps the
//! shape of its tables.
//!
//! The docs of vocabularies, tables and columns get hostile text too in the rustdoc
//! tests named `hostile_declaration_docs_*`; the others keep the real catalog's there.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use toml::{Table, Value};

/// The catalogs generated together, as their paths are shown in generated headers.
const INIT: &str = "catalog/init.toml";
const VERIFY: &str = "catalog/verify.toml";
const API: &str = "catalog/api.toml";

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
        "Indented lines\n    let indented = 1;\n\tlet tabbed = 2;\n        assert!(false);",
        "A fence\n```rust\nfn main() { panic!(\"from a catalog\") }\n```\nafter it",
        "# Not a heading\n- not a list\n> not a quote\n1. not a numbered list\n---\n| not | a row |",
        "A block comment end */\nand an opener /* on the next line",
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

/// The real catalog at `path` (relative to the workspace root), parsed.
fn real_catalog(path: &str) -> Table {
    let file = xtask::workspace_root().join(path);
    let text = fs::read_to_string(&file)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
    toml::from_str(&text).unwrap_or_else(|error| panic!("{path} is no TOML table: {error}"))
}

fn string(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn table_mut<'a>(table: &'a mut Table, key: &str) -> &'a mut Table {
    table
        .get_mut(key)
        .and_then(Value::as_table_mut)
        .unwrap_or_else(|| panic!("no table `{key}`"))
}

fn array_mut<'a>(table: &'a mut Table, key: &str) -> &'a mut Vec<Value> {
    table
        .get_mut(key)
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("no array `{key}`"))
}

fn text<'a>(table: &'a Table, key: &str) -> &'a str {
    table
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text `{key}`"))
}

fn tables(array: &[Value]) -> impl Iterator<Item = &Table> {
    array
        .iter()
        .map(|value| value.as_table().expect("an array of tables"))
}

/// One column of a table that holds text: the key column or a `text` column.
struct TextColumn {
    name: String,
    optional: bool,
    translatable: bool,
}

/// The text columns of the table `name` declared in `catalog` (key column first).
fn text_columns(catalog: &Table, name: &str) -> Vec<TextColumn> {
    let declaration = catalog["table"][name]
        .as_table()
        .expect("a table declaration");
    let key = text(declaration, "key");
    let mut columns: Vec<TextColumn> = tables(declaration["columns"].as_array().expect("columns"))
        .filter(|column| matches!(text(column, "kind"), "key" | "text"))
        .map(|column| TextColumn {
            name: text(column, "name").to_owned(),
            optional: column
                .get("optional")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            translatable: column
                .get("translatable")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
        .collect();
    columns.sort_by_key(|column| column.name != key);
    assert_eq!(columns[0].name, key, "{name}: the key column is a key");
    columns
}

/// Whether the docs a catalog's declarations give (of each vocabulary, table and
/// column) are hostile too, or kept as the real catalog writes them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclarationDocs {
    Kept,
    Hostile,
}

/// The init catalog with hostile texts everywhere a text goes (the docs of its
/// declarations as `docs` says), and hostile rows added: row `i` of every table gets
/// snippet `i + c` in its `c`-th text column (optional ones only in even rows), and a last
/// row gets every snippet, or the long text, in each.
fn hostile_init(docs: DeclarationDocs) -> Table {
    let snippets = snippets();
    let all = snippets.join(" ");
    let n = snippets.len();
    let mut turn = 0;
    let mut next = || {
        turn += 1;
        snippets[(turn - 1) % n].clone()
    };
    let mut catalog = real_catalog(INIT);
    hostile_meta(table_mut(&mut catalog, "catalog"), &all);
    hostile_docs(&mut catalog, docs, &mut next);
    let names: Vec<String> = catalog["table"]
        .as_table()
        .expect("tables")
        .keys()
        .cloned()
        .collect();
    for name in names {
        hostile_rows(&mut catalog, &name, &snippets, &all);
    }
    catalog
}

/// Puts hostile text in the `[catalog]` table's name, source and provenance.
fn hostile_meta(meta: &mut Table, all: &str) {
    meta.insert("name".into(), string(&format!("Hostile catalog {all}")));
    meta.insert(
        "source".into(),
        string("https://example.invalid/errors?a=\"b\"&c=|d|`e`<f>"),
    );
    // Indented, as text in an indented TOML multi-line string would be.
    meta.insert("provenance".into(), string(&format!("    {all}")));
}

/// Gives each word and param a doc from `next`, and each vocabulary, table and column
/// one as well if `docs` says the declarations' docs are hostile.
fn hostile_docs(catalog: &mut Table, docs: DeclarationDocs, next: &mut impl FnMut() -> String) {
    let hostile_docs = docs == DeclarationDocs::Hostile;
    for (_, vocabulary) in table_mut(catalog, "vocabulary").iter_mut() {
        let vocabulary = vocabulary.as_table_mut().expect("a vocabulary");
        if hostile_docs {
            vocabulary.insert("doc".into(), string(&next()));
        }
        for word in array_mut(vocabulary, "words") {
            let word = word.as_table_mut().expect("a word");
            word.insert("doc".into(), string(&next()));
        }
    }
    if hostile_docs {
        for (_, declaration) in table_mut(catalog, "table").iter_mut() {
            let declaration = declaration.as_table_mut().expect("a table declaration");
            declaration.insert("doc".into(), string(&next()));
            for column in array_mut(declaration, "columns") {
                let column = column.as_table_mut().expect("a column");
                column.insert("doc".into(), string(&next()));
            }
        }
    }
    for param in array_mut(catalog, "param") {
        let param = param.as_table_mut().expect("a param");
        param.insert("doc".into(), string(&next()));
    }
}

/// The key of the added row `i` of the init table `name`, and the key of its last row.
fn hostile_keys(name: &str) -> (fn(usize) -> String, &'static str) {
    match name {
        "code" => (|i| format!("Hostile.Code{i}"), "Hostile.Everything"),
        "field" => (|i| format!("hostile_{i}"), "hostile_everything"),
        other => panic!("the init catalog has a new table `{other}`: give it hostile keys"),
    }
}

/// Makes the rows of the table `name` one per snippet (its real rows first, then copies
/// of its first row under new keys), each with snippets in its text columns, and adds a
/// last row with every snippet, or the long text, in each.
fn hostile_rows(catalog: &mut Table, name: &str, snippets: &[String], all: &str) {
    let n = snippets.len();
    let (new_key, everything_key) = hostile_keys(name);
    let columns = text_columns(catalog, name);
    let key = &columns[0].name;
    let locales: Vec<String> = catalog["catalog"]
        .get("locales")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|locale| *locale != "en")
        .map(str::to_owned)
        .collect();
    let real = array_mut(catalog, name);
    assert!(real.len() < n, "{name}: more real rows than snippets");
    let template = real[0].as_table().expect("a row").clone();
    let mut rows: Vec<Table> = (0..n)
        .map(|i| match real.get(i) {
            Some(row) => row.as_table().expect("a row").clone(),
            None => {
                let mut row = template.clone();
                row.insert(key.clone(), string(&new_key(i)));
                row.remove("deprecated");
                row
            }
        })
        .collect();
    for (i, row) in rows.iter_mut().enumerate() {
        for (c, column) in columns.iter().enumerate().skip(1) {
            if column.optional && i % 2 == 1 {
                row.remove(&column.name);
            } else {
                row.insert(column.name.clone(), string(&snippets[(i + c) % n]));
            }
        }
    }
    let mut everything = template;
    everything.insert(key.clone(), string(everything_key));
    everything.remove("deprecated");
    for (c, column) in columns.iter().enumerate().skip(1) {
        let text = if c == 2 { long_text() } else { all.to_owned() };
        everything.insert(column.name.clone(), string(&text));
    }
    rows.push(everything);
    for row in &mut rows {
        translate(row, &columns, &locales);
    }
    *real = rows.into_iter().map(Value::Table).collect();
}

/// Gives `row` its `[NAME.LOCALE]` table in each of `locales`: each translatable cell the
/// row has, its hostile text after the locale's tag.
fn translate(row: &mut Table, columns: &[TextColumn], locales: &[String]) {
    for locale in locales {
        let cells: Table = columns
            .iter()
            .filter(|column| column.translatable)
            .filter_map(|column| {
                let text = row.get(&column.name)?.as_str()?;
                Some((column.name.clone(), string(&format!("{locale}: {text}"))))
            })
            .collect();
        row.remove(locale);
        if !cells.is_empty() {
            row.insert(locale.clone(), Value::Table(cells));
        }
    }
}

/// The verify catalog with hostile text in its first row's `meaning` and `advice`.
fn hostile_verify() -> Table {
    let snippets = snippets();
    let mut catalog = real_catalog(VERIFY);
    let first = array_mut(&mut catalog, "code")[0]
        .as_table_mut()
        .expect("a row");
    for (column, hostile) in [
        ("meaning", snippets.join(" ")),
        ("advice", snippets.join("\n")),
    ] {
        assert!(first.contains_key(column), "verify rows have no `{column}`");
        first.insert(column.into(), string(&hostile));
    }
    catalog
}

/// `catalog` as TOML, written by the `toml` serializer.
fn to_toml(catalog: &Table) -> String {
    let text = toml::to_string(catalog).expect("the catalog serializes");
    // The test's own input must be right: the TOML holds exactly the texts.
    let parsed: Table = toml::from_str(&text).expect("the serialized catalog parses");
    assert!(parsed == *catalog, "the TOML serializer changed a text");
    text
}

/// The three catalogs, hostile where they are, by path.
fn catalogs(docs: DeclarationDocs) -> Vec<(&'static str, Table)> {
    vec![
        (INIT, hostile_init(docs)),
        (VERIFY, hostile_verify()),
        (API, real_catalog(API)),
    ]
}

fn generate(catalogs: &[(&str, Table)]) -> codegen::Generated {
    let texts: Vec<(&str, String)> = catalogs
        .iter()
        .map(|(path, catalog)| (*path, to_toml(catalog)))
        .collect();
    let sources: Vec<codegen::CatalogSource<'_>> = texts
        .iter()
        .map(|(path, text)| codegen::CatalogSource { path, text })
        .collect();
    codegen::generate(&sources, None).unwrap_or_else(|files| {
        let messages: Vec<String> = files
            .iter()
            .flat_map(|file| {
                file.diagnostics
                    .iter()
                    .map(move |d| format!("{}: {}", file.path, d.message))
            })
            .collect();
        panic!("the hostile catalogs were refused: {messages:#?}")
    })
}

/// The text cells of one table of one catalog, as the scratch crate must return them.
struct TableTexts {
    /// The catalog's module, such as `init`.
    module: String,
    /// The enum, such as `ErrorCode`.
    type_name: String,
    /// The column `Display` writes.
    display: String,
    /// The key column first, then every `text` column.
    columns: Vec<TextColumn>,
    /// Per row, per column, its text or `None` where an optional cell is absent.
    rows: Vec<Vec<Option<String>>>,
}

impl TableTexts {
    /// The name of the file that holds one expected text or count.
    fn file(&self, what: &str) -> String {
        format!("{}-{}-{what}", self.module, self.type_name)
    }
}

/// The init parameters of one catalog: their names and docs, in catalog order.
struct ParamTexts {
    /// The catalog's module, such as `init`.
    module: String,
    /// Each parameter's name and doc.
    params: Vec<(String, String)>,
}

/// The parameters of every catalog that has some.
fn param_texts(catalogs: &[(&str, Table)]) -> Vec<ParamTexts> {
    let mut found = Vec::new();
    for (_, catalog) in catalogs {
        let Some(params) = catalog.get("param").and_then(Value::as_array) else {
            continue;
        };
        found.push(ParamTexts {
            module: text(catalog["catalog"].as_table().expect("[catalog]"), "module").to_owned(),
            params: tables(params)
                .map(|param| {
                    (
                        text(param, "name").to_owned(),
                        text(param, "doc").to_owned(),
                    )
                })
                .collect(),
        });
    }
    assert!(
        found.iter().any(|params| params.module == "init"),
        "the init catalog has no params"
    );
    found
}

/// Every table of every catalog with its texts.
fn table_texts(catalogs: &[(&str, Table)]) -> Vec<TableTexts> {
    let mut found = Vec::new();
    for (_, catalog) in catalogs {
        let module = text(catalog["catalog"].as_table().expect("[catalog]"), "module");
        for (name, declaration) in catalog["table"].as_table().expect("tables") {
            let declaration = declaration.as_table().expect("a table declaration");
            let columns = text_columns(catalog, name);
            let rows = tables(catalog[name].as_array().expect("rows"))
                .map(|row| {
                    columns
                        .iter()
                        .map(|column| {
                            row.get(&column.name)
                                .map(|v| v.as_str().unwrap().to_owned())
                        })
                        .collect()
                })
                .collect();
            found.push(TableTexts {
                module: module.to_owned(),
                type_name: text(declaration, "type").to_owned(),
                display: text(declaration, "display").to_owned(),
                columns,
                rows,
            });
        }
    }
    let names: Vec<String> = found
        .iter()
        .map(|table| format!("{}::{}", table.module, table.type_name))
        .collect();
    for wanted in ["init::ErrorCode", "init::FieldError", "verify::VerifyCode"] {
        assert!(
            names.iter().any(|name| name == wanted),
            "no {wanted} in {names:?}"
        );
    }
    found
}

/// The scratch crate's manifest: no dependencies, and the real crate's features declared
/// and left off, since the copied sources name them in `cfg`s: every feature of its
/// `[features]` table, and every optional dependency no feature names as `dep:…` (Cargo
/// then makes it a feature of its own).
fn scratch_manifest(real: &str) -> String {
    let real: Table = toml::from_str(real).expect("captcha-errors/Cargo.toml parses");
    let declared = real.get("features").and_then(Value::as_table);
    let mut names: Vec<String> = declared.map_or_else(Vec::new, |t| t.keys().cloned().collect());
    let named_as_dep = |dependency: &str| {
        let wanted = format!("dep:{dependency}");
        declared.is_some_and(|features| {
            features
                .values()
                .filter_map(Value::as_array)
                .flatten()
                .any(|item| item.as_str() == Some(wanted.as_str()))
        })
    };
    if let Some(dependencies) = real.get("dependencies").and_then(Value::as_table) {
        for (name, spec) in dependencies {
            let optional = spec.get("optional").and_then(Value::as_bool) == Some(true);
            if optional && !named_as_dep(name) && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    let mut features = String::new();
    for name in names {
        writeln!(features, "{} = []", Value::String(name)).unwrap();
    }
    format!(
        "[package]\nname = \"scratch\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n\n[features]\n{features}\n[workspace]\n"
    )
}

/// The first lines of the scratch crate's `lib.rs`; the rest is the real one's items.
const SCRATCH_LIB_DOC: &str =
    "//! A scratch copy of `captcha-errors`, built from a hostile catalog.\n\n";

/// The real `lib.rs` without its crate docs (their examples name the real texts) and
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
        lib.contains("mod generated;") && lib.contains("generated::init::*"),
        "no generated module, or no re-export of the init module, in:\n{lib}"
    );
    lib
}

/// The first part of the scratch crate's test; [`scratch_test`] adds a block per table.
const SCRATCH_TEST_HEAD: &str = r#"//! Every text of the generated tables is exactly the catalog's.

use std::path::Path;

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
"#;

/// The scratch crate's test: for every row of every table, `as_str`, every text
/// accessor, `Display`, `from_<key>` and `FromStr` give exactly the expected texts, and
/// so do `name`, `doc` and `from_name` of every init parameter; it reads the expected
/// texts from files (`assert!`, not `assert_eq!`, so a failure does not print 100 kB).
fn scratch_test(tables: &[TableTexts], params: &[ParamTexts]) -> String {
    let mut test = SCRATCH_TEST_HEAD.to_owned();
    for params in params {
        let module = &params.module;
        let prefix = format!("{module}-Param");
        writeln!(
            test,
            "    {{\n        type P = scratch::{module}::Param;\n        \
             assert_eq!(P::ALL.len(), count(\"{prefix}-count\"));\n        \
             for (i, param) in P::ALL.iter().enumerate() {{\n            \
             let at = |what: &str| format!(\"{prefix}-{{i}}-{{what}}\");\n            \
             assert!(param.name() == required(&at(\"name\")), \"{{}}\", at(\"name\"));\n            \
             assert!(param.doc() == required(&at(\"doc\")), \"{{}}\", at(\"doc\"));\n            \
             assert_eq!(P::from_name(param.name()), Some(*param), \"{{}}: from_name\", at(\"name\"));\n        \
             }}\n    }}"
        )
        .unwrap();
    }
    for table in tables {
        let module = &table.module;
        let type_name = &table.type_name;
        let key = &table.columns[0].name;
        let prefix = format!("{module}-{type_name}");
        writeln!(
            test,
            "    {{\n        type T = scratch::{module}::{type_name};"
        )
        .unwrap();
        if module == "init" {
            // The crate root re-exports the init module's types.
            writeln!(test, "        let _: &[scratch::{type_name}] = T::ALL;").unwrap();
        }
        writeln!(
            test,
            "        assert_eq!(T::ALL.len(), count(\"{prefix}-count\"));\n        \
             for (i, row) in T::ALL.iter().enumerate() {{\n            \
             let at = |what: &str| format!(\"{prefix}-{{i}}-{{what}}\");\n            \
             assert!(row.as_str() == required(&at(\"{key}\")), \"{{}}: as_str\", at(\"{key}\"));"
        )
        .unwrap();
        for column in &table.columns {
            let name = &column.name;
            let wanted = if column.optional {
                format!("expected(&at(\"{name}\")).as_deref()")
            } else {
                format!("required(&at(\"{name}\"))")
            };
            writeln!(
                test,
                "            assert!(row.{name}() == {wanted}, \"{{}}\", at(\"{name}\"));"
            )
            .unwrap();
        }
        let display = &table.display;
        writeln!(
            test,
            "            assert!(row.to_string() == required(&at(\"{display}\")), \"{{}}: Display\", at(\"{display}\"));\n            \
             assert_eq!(T::from_{key}(row.as_str()), Some(*row), \"{{}}: from_{key}\", at(\"{key}\"));\n            \
             assert_eq!(row.as_str().parse::<T>().ok(), Some(*row), \"{{}}: FromStr\", at(\"{key}\"));\n        \
             }}\n    }}"
        )
        .unwrap();
    }
    test.push_str("}\n");
    test
}

fn write(path: &Path, contents: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create a folder");
    fs::write(path, contents).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

/// Every file under `dir` whose name ends with `.{extension}`.
fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).expect("read a folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            files.extend(files_with(&path, extension));
        } else if path.extension().is_some_and(|ext| ext == extension) {
            files.push(path);
        }
    }
    files
}

/// Lays out the scratch crate under `dir` and returns its folder.
fn scratch_crate(
    dir: &Path,
    catalogs: &[(&str, Table)],
    generated: &codegen::Generated,
) -> PathBuf {
    let krate = dir.join("scratch");
    let real_crate = xtask::workspace_root().join("captcha-errors");
    let real_src = real_crate.join("src");
    let real_manifest =
        fs::read_to_string(real_crate.join("Cargo.toml")).expect("read captcha-errors/Cargo.toml");
    write(&krate.join("Cargo.toml"), &scratch_manifest(&real_manifest));
    let real_lib = fs::read_to_string(real_src.join("lib.rs")).expect("read lib.rs");
    write(&krate.join("src/lib.rs"), &scratch_lib(&real_lib));
    // The hand-written sources are copied; the generated ones come from the hostile
    // catalogs alone.
    let generated_dir = Path::new(codegen::GENERATED_DIR)
        .strip_prefix("captcha-errors/src")
        .expect("the generated folder is in captcha-errors/src");
    for path in files_with(&real_src, "rs") {
        let inside = path.strip_prefix(&real_src).expect("under src");
        if inside != Path::new("lib.rs") && !inside.starts_with(generated_dir) {
            let text = fs::read_to_string(&path).expect("read captcha-errors");
            write(&krate.join("src").join(inside), &text);
        }
    }
    let mut modules = Vec::new();
    for file in &generated.files {
        if let Some(inside) = file.path.strip_prefix("captcha-errors/") {
            write(&krate.join(inside), &file.contents);
            modules.push(inside);
        }
    }
    for (_, catalog) in catalogs {
        let module = text(catalog["catalog"].as_table().expect("[catalog]"), "module");
        let wanted = format!("src/generated/{module}.rs");
        assert!(
            modules.contains(&wanted.as_str()),
            "{wanted} was not generated; generated: {modules:?}"
        );
    }
    assert!(
        modules.contains(&"src/generated/mod.rs"),
        "the module list was not generated; generated: {modules:?}"
    );

    let tables = table_texts(catalogs);
    let params = param_texts(catalogs);
    write(
        &krate.join("tests/texts.rs"),
        &scratch_test(&tables, &params),
    );
    let expected = krate.join("expected");
    for params in &params {
        let file = |what: &str| expected.join(format!("{}-Param-{what}", params.module));
        write(&file("count"), &params.params.len().to_string());
        for (i, (name, doc)) in params.params.iter().enumerate() {
            write(&file(&format!("{i}-name")), name);
            write(&file(&format!("{i}-doc")), doc);
        }
    }
    for table in &tables {
        write(
            &expected.join(table.file("count")),
            &table.rows.len().to_string(),
        );
        for (i, row) in table.rows.iter().enumerate() {
            for (column, cell) in table.columns.iter().zip(row) {
                if let Some(cell) = cell {
                    write(
                        &expected.join(table.file(&format!("{i}-{}", column.name))),
                        cell,
                    );
                }
            }
        }
    }
    krate
}

/// Runs cargo in `krate` with its own target folder, offline, every compiler and rustdoc
/// warning an error. Returns its combined output; panics with it if cargo fails.
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

/// The hostile catalogs, generated, and the scratch crate built from them in `dir`.
fn scratch(dir: &Path, docs: DeclarationDocs) -> PathBuf {
    let catalogs = catalogs(docs);
    let generated = generate(&catalogs);
    scratch_crate(dir, &catalogs, &generated)
}

#[test]
fn hostile_texts_reach_the_generated_crate_exactly() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch(dir.path(), DeclarationDocs::Hostile);
    let output = cargo(&krate, &["test", "--test", "texts"]);
    assert!(
        output.contains("test texts_are_exactly_the_catalogs ... ok"),
        "the scratch test did not run:\n{output}"
    );
}

/// Checks that no catalog text of the scratch crate built with `docs` is a doctest.
fn assert_no_doctests(docs: DeclarationDocs) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch(dir.path(), docs);
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
fn hostile_texts_add_no_doctests() {
    assert_no_doctests(DeclarationDocs::Kept);
}

#[test]

fn hostile_declaration_docs_add_no_doctests() {
    assert_no_doctests(DeclarationDocs::Hostile);
}

/// Checks that `cargo doc` documents the scratch crate built with `docs` without a
/// warning, that its pages show the hostile codes, and that no catalog HTML reaches them.
fn assert_documents_without_warnings(docs: DeclarationDocs) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let krate = scratch(dir.path(), docs);
    cargo(&krate, &["doc", "--no-deps"]);
    let doc = krate.join("target/doc/scratch");
    let page = |module: &str, type_name: &str| {
        let candidates = [
            format!("{module}/enum.{type_name}.html"),
            format!("enum.{type_name}.html"),
        ];
        let page = candidates
            .iter()
            .map(|page| doc.join(page))
            .find(|page| page.exists())
            .unwrap_or_else(|| panic!("rustdoc wrote no page for {module}::{type_name}"));
        fs::read_to_string(&page).expect("read a page")
    };
    assert!(
        page("init", "ErrorCode").contains("Hostile.Everything"),
        "the ErrorCode page lacks the hostile codes"
    );
    // Row texts live in the column arrays, once, and are not documented on the variants.
    assert!(
        page("verify", "VerifyCode").contains("T001"),
        "the VerifyCode page lacks its codes"
    );
    for page in files_with(&doc, "html") {
        let html = fs::read_to_string(&page).expect("read a page");
        for raw in ["<script>alert(1)", "<img src=x"] {
            assert!(
                !html.contains(raw),
                "catalog HTML `{raw}` reached {} unescaped",
                page.display()
            );
        }
    }
}

#[test]
fn hostile_texts_document_without_warnings() {
    assert_documents_without_warnings(DeclarationDocs::Kept);
}

#[test]

fn hostile_declaration_docs_document_without_warnings() {
    assert_documents_without_warnings(DeclarationDocs::Hostile);
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
fn markdown_tables(markdown: &str) -> Vec<(&str, Vec<&str>)> {
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
    let tables = markdown_tables(markdown);
    // Tables without rows (of things a catalog does not have) are left out.
    let counts: Vec<usize> = tables
        .iter()
        .map(|(_, rows)| rows.len())
        .filter(|&rows| rows > 0)
        .collect();
    let wanted: Vec<usize> = row_counts
        .iter()
        .copied()
        .filter(|&rows| rows > 0)
        .collect();
    assert_eq!(counts, wanted, "{what}: rows per table");
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
    let lower = markdown.to_ascii_lowercase();
    for raw in ["<script", "<img"] {
        assert!(!lower.contains(raw), "{what}: raw `{raw}` in the Markdown");
    }
}

#[test]
fn hostile_texts_keep_the_markdown_tables_whole() {
    let catalogs = catalogs(DeclarationDocs::Hostile);
    let generated = generate(&catalogs);
    for (path, catalog) in &catalogs {
        let meta = catalog["catalog"].as_table().expect("[catalog]");
        let declarations = catalog["table"].as_table().expect("tables");
        let rows = |name: &str| catalog[name].as_array().expect("rows").len();
        let table_rows: Vec<usize> = declarations.keys().map(|name| rows(name)).collect();

        // The docs page: each table, the params, then each vocabulary's words.
        let docs = text(meta, "docs");
        let page = generated
            .files
            .iter()
            .find(|file| file.path == docs)
            .unwrap_or_else(|| panic!("{docs} is not generated"));
        let mut page_rows = table_rows.clone();
        if catalog.contains_key("param") {
            page_rows.push(rows("param"));
        }
        if let Some(vocabularies) = catalog.get("vocabulary").and_then(Value::as_table) {
            for vocabulary in vocabularies.values() {
                page_rows.push(vocabulary["words"].as_array().expect("words").len());
            }
        }
        assert_tables_keep_their_shape(docs, &page.contents, &page_rows);

        // The README section: each table's summary.
        let section = generated
            .readme_sections
            .iter()
            .find(|section| section.owner == *path)
            .unwrap_or_else(|| panic!("{path} fills no README section"));
        assert_tables_keep_their_shape(
            &format!("the README section {}", section.name),
            &section.text,
            &table_rows,
        );
    }
}
