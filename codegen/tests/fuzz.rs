//! Property-based fuzzing of [`codegen::generate`] with proptest.
//!
//! Three kinds of input:
//! (a) catalogs built structurally: a `[catalog]` table, `[vocabulary.*]` and `[table.*]`
//!     declarations, and rows of the declared tables whose keys are right, misspelt,
//!     missing or extra, whose values are of any TOML type and whose strings are hostile
//!     Unicode or words of the declared vocabularies (taken, like known keys and names,
//!     from the real catalogs as `codegen::parse` reads them), serialised with the `toml`
//!     crate so the TOML is well formed; at higher noise levels any value of the
//!     declarations is replaced, removed or renamed as well;
//! (b) the real catalogs (`catalog/*.toml`) and the golden catalogs with random
//!     character, line and byte mutations;
//! (c) a real catalog, parsed, with a few strings or values anywhere in it replaced
//!     (this reaches the `[[param]]` emitters with hostile text), generated alone or
//!     together with the other real catalogs and the record of published keys.
//!
//! The properties, for every input: `generate` never panics and gives the same answer
//! twice. A rejection names only files it was given, and has diagnostics whose spans
//! (and labels' spans) lie within their file's text and whose messages say something.
//! An acceptance has generated `.rs` files that parse with `syn`, say they are
//! generated, define each name once (items, enum variants, methods of a type, trait
//! impls), give every deprecated row's variant `#[deprecated]` and name such a variant
//! only inside items that allow it, and hold no doc comment that rustdoc would read as a
//! code block (a doctest) or HTML other than `<br>`; every text cell of every row, every word and every
//! param's name, doc, values and labels in the Rust source as an escaped string literal;
//! docs pages and README sections whose Markdown tables have one row per entry and, in
//! every row, as many cells as the header, and (on the page) a line per table listing its
//! metric labels that a Markdown parser reads back as the keys and `_OTHER`, the noun
//! shown as written; the module list naming every module, and the published record
//! listing every row.
//!
//! By default the properties run 384, 192 and 192 cases, which keeps a debug `cargo test`
//! quick. For a long run set `FUZZ_CASES` (cases per property):
//! `FUZZ_CASES=20000 cargo test --release -p codegen --test fuzz -- --nocapture`; each
//! property prints how many executions it made and how many catalogs it accepted.
//!
//! The tests named `regression_*` hold catalogs the properties failed on, reduced to
//! what shows the problem; each fails until the generator is fixed.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use codegen::diagnostic::Diagnostic;
use codegen::model::{Catalog, Cell, Rule};
use codegen::{CatalogSource, FileDiagnostics, Generated};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use quote::ToTokens;
use toml::{Table, Value};

/// The path a lone catalog is generated under, as headers and diagnostics show it.
const PATH: &str = "catalog/fuzz.toml";

/// The real catalogs, with the paths `cargo xtask gen` generates them under.
const REAL: &[(&str, &str)] = &[
    ("catalog/init.toml", include_str!("../../catalog/init.toml")),
    (
        "catalog/verify.toml",
        include_str!("../../catalog/verify.toml"),
    ),
    ("catalog/api.toml", include_str!("../../catalog/api.toml")),
    (
        "catalog/endpoints.toml",
        include_str!("../../catalog/endpoints.toml"),
    ),
];

/// The record of published keys of the real catalogs.
const PUBLISHED: &str = include_str!("../../catalog/published-keys.txt");

/// The golden catalogs, each generated alone.
const GOLDEN: &[(&str, &str)] = &[
    (
        "tests/golden/deprecated.toml",
        include_str!("golden/deprecated.toml"),
    ),
    ("tests/golden/grpc.toml", include_str!("golden/grpc.toml")),
    (
        "tests/golden/hostile.toml",
        include_str!("golden/hostile.toml"),
    ),
    (
        "tests/golden/minimal.toml",
        include_str!("golden/minimal.toml"),
    ),
    (
        "tests/golden/params.toml",
        include_str!("golden/params.toml"),
    ),
    ("tests/golden/small.toml", include_str!("golden/small.toml")),
    (
        "tests/golden/variants.toml",
        include_str!("golden/variants.toml"),
    ),
    (
        "tests/golden/vocabulary.toml",
        include_str!("golden/vocabulary.toml"),
    ),
];

/// How many cases each property runs: `FUZZ_CASES`, or `default` (chosen so that a
/// debug `cargo test` stays quick; the strategies built on the real catalogs cost more
/// per case).
fn cases(default: u32) -> u32 {
    match std::env::var("FUZZ_CASES") {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("FUZZ_CASES must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// The real catalogs as `codegen::parse` reads them.
fn real_catalogs() -> &'static [Catalog] {
    static PARSED: OnceLock<Vec<Catalog>> = OnceLock::new();
    PARSED.get_or_init(|| {
        REAL.iter()
            .map(|(path, text)| {
                codegen::parse(text)
                    .unwrap_or_else(|problems| panic!("{path} does not parse: {problems:?}"))
            })
            .collect()
    })
}

/// Every word of every vocabulary of the real catalogs.
fn real_words() -> Vec<String> {
    let mut words: Vec<String> = real_catalogs()
        .iter()
        .flat_map(|catalog| &catalog.vocabularies)
        .flat_map(|vocabulary| vocabulary.words.iter().map(|word| word.word.clone()))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The key of every row of every table of the real catalogs.
fn real_keys() -> Vec<String> {
    let mut keys: Vec<String> = real_catalogs()
        .iter()
        .flat_map(|catalog| &catalog.tables)
        .flat_map(|table| table.rows.iter().map(|row| table.key_of(row).to_owned()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The snake_case names of the real catalogs: vocabularies, tables and columns.
fn real_names() -> Vec<String> {
    let mut names: Vec<String> = real_catalogs()
        .iter()
        .flat_map(|catalog| {
            let vocabularies = catalog.vocabularies.iter().map(|v| v.name.clone());
            let tables = catalog.tables.iter().map(|t| t.name.clone());
            let columns = catalog
                .tables
                .iter()
                .flat_map(|t| t.columns.iter().map(|c| c.name.clone()));
            vocabularies
                .chain(tables)
                .chain(columns)
                .collect::<Vec<_>>()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The type names of the real catalogs.
fn real_type_names() -> Vec<String> {
    let mut names: Vec<String> = real_catalogs()
        .iter()
        .flat_map(|catalog| {
            let vocabularies = catalog.vocabularies.iter().map(|v| v.type_name.clone());
            let tables = catalog.tables.iter().map(|t| t.type_name.clone());
            vocabularies.chain(tables).collect::<Vec<_>>()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

// ---------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------

/// What one execution saw, for the counts a run prints.
#[derive(Default)]
struct Stats {
    executions: AtomicUsize,
    accepted: AtomicUsize,
    rejected: AtomicUsize,
    rows: AtomicUsize,
    params: AtomicUsize,
}

impl Stats {
    fn report(&self, name: &str) -> (usize, usize) {
        let accepted = self.accepted.load(Ordering::Relaxed);
        let rejected = self.rejected.load(Ordering::Relaxed);
        println!(
            "{name}: {} executions, {accepted} accepted ({} rows and {} params emitted), {rejected} rejected",
            self.executions.load(Ordering::Relaxed),
            self.rows.load(Ordering::Relaxed),
            self.params.load(Ordering::Relaxed),
        );
        (accepted, rejected)
    }
}

/// Runs `generate` on `sources` (path and text) with the record `published` twice, and
/// checks every property of the outcome.
fn check_sources(
    sources: &[(&str, &str)],
    published: Option<&str>,
    stats: &Stats,
) -> Result<(), TestCaseError> {
    stats.executions.fetch_add(1, Ordering::Relaxed);
    let given: Vec<CatalogSource<'_>> = sources
        .iter()
        .map(|&(path, text)| CatalogSource { path, text })
        .collect();
    let first = codegen::generate(&given, published);
    let second = codegen::generate(&given, published);
    prop_assert!(first == second, "generation is not deterministic");
    match first {
        Err(files) => {
            stats.rejected.fetch_add(1, Ordering::Relaxed);
            check_rejection(sources, published, &files)
        }
        Ok(generated) => {
            stats.accepted.fetch_add(1, Ordering::Relaxed);
            let mut catalogs = Vec::new();
            for &(path, text) in sources {
                let catalog = codegen::parse(text).map_err(|d| {
                    TestCaseError::fail(format!("generate accepted {path}, parse did not: {d:?}"))
                })?;
                let rows: usize = catalog.tables.iter().map(|t| t.rows.len()).sum();
                stats.rows.fetch_add(rows, Ordering::Relaxed);
                stats
                    .params
                    .fetch_add(catalog.params.len(), Ordering::Relaxed);
                catalogs.push((path, catalog));
            }
            check_generated(&catalogs, &generated)
        }
    }
}

/// Runs [`check_sources`] on one catalog alone, without a record.
fn check_source(source: &str, stats: &Stats) -> Result<(), TestCaseError> {
    check_sources(&[(PATH, source)], None, stats)
}

fn check_rejection(
    sources: &[(&str, &str)],
    published: Option<&str>,
    files: &[FileDiagnostics],
) -> Result<(), TestCaseError> {
    prop_assert!(!files.is_empty(), "rejected without naming a file");
    for file in files {
        let text = match sources.iter().find(|(path, _)| *path == file.path) {
            Some((_, text)) => *text,
            None if file.path == codegen::PUBLISHED && published.is_some() => {
                published.unwrap_or_default()
            }
            None => {
                return Err(TestCaseError::fail(format!(
                    "a diagnostic names {}, which was not given",
                    file.path
                )))
            }
        };
        check_diagnostics(&file.path, text, &file.diagnostics)?;
    }
    Ok(())
}

fn check_diagnostics(
    path: &str,
    source: &str,
    diagnostics: &[Diagnostic],
) -> Result<(), TestCaseError> {
    prop_assert!(
        !diagnostics.is_empty(),
        "{} is rejected without a diagnostic",
        path
    );
    let len = source.len();
    for d in diagnostics {
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= len,
            "{}: span {:?} is outside the text of {} bytes: {:?}",
            path,
            d.span,
            len,
            d
        );
        prop_assert!(
            !d.message.trim().is_empty(),
            "{}: empty message: {:?}",
            path,
            d
        );
        if let Some(help) = &d.help {
            prop_assert!(!help.trim().is_empty(), "{}: empty help: {:?}", path, d);
        }
        for label in &d.labels {
            prop_assert!(
                label.span.start <= label.span.end && label.span.end <= len,
                "{}: label span {:?} is outside the text of {} bytes: {:?}",
                path,
                label.span,
                len,
                d
            );
            prop_assert!(
                !label.message.trim().is_empty(),
                "{}: empty label: {:?}",
                path,
                d
            );
        }
        // Rendering must not panic whatever the span.
        let _ = d.render_plain(path, source);
    }
    Ok(())
}

/// Checks every property of an accepted generation of `catalogs` (path and catalog).
fn check_generated(
    catalogs: &[(&str, Catalog)],
    generated: &Generated,
) -> Result<(), TestCaseError> {
    let parsed_files = check_rust_files(generated)?;
    let modules_rs = generated_file(generated, codegen::MODULES_RS)?;
    let record = generated_file(generated, codegen::PUBLISHED)?;
    for (path, catalog) in catalogs {
        check_module(generated, &parsed_files, modules_rs, catalog)?;
        check_record(record, catalog)?;
        check_docs_page(generated, catalog)?;
        check_readme_section(generated, path, catalog)?;
    }
    Ok(())
}

/// The contents of the generated file at `path`, or a failure if it was not generated.
fn generated_file<'g>(generated: &'g Generated, path: &str) -> Result<&'g str, TestCaseError> {
    generated
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .ok_or_else(|| TestCaseError::fail(format!("{path} was not generated")))
}

/// Checks that every generated `.rs` file parses, says it is generated, defines each name
/// once and holds no doctest or HTML; returns the parsed files by path.
fn check_rust_files(generated: &Generated) -> Result<HashMap<&str, syn::File>, TestCaseError> {
    let mut parsed_files: HashMap<&str, syn::File> = HashMap::new();
    for f in generated.files.iter().filter(|f| f.path.ends_with(".rs")) {
        let parsed = match syn::parse_file(&f.contents) {
            Ok(parsed) => parsed,
            Err(error) => {
                return Err(TestCaseError::fail(format!(
                    "{} does not parse: {error}\n{}",
                    f.path, f.contents
                )))
            }
        };
        prop_assert!(
            f.contents.starts_with("//! @generated"),
            "{} does not say it is generated",
            f.path
        );
        check_names_defined_once(&f.path, &parsed)?;
        check_rustdoc(&f.path, &parsed)?;
        parsed_files.insert(&f.path, parsed);
    }
    Ok(parsed_files)
}

/// Checks a catalog's module: the module list declares it, it holds the catalog's texts
/// as literals, and it marks and allows the deprecated variants.
fn check_module(
    generated: &Generated,
    parsed_files: &HashMap<&str, syn::File>,
    modules_rs: &str,
    catalog: &Catalog,
) -> Result<(), TestCaseError> {
    let rust_path = format!("{}/{}.rs", codegen::GENERATED_DIR, catalog.module);
    let rust = generated_file(generated, &rust_path)?;
    prop_assert!(
        modules_rs.contains(&format!("pub mod {};", catalog.module)),
        "mod.rs does not declare {}",
        catalog.module
    );
    check_literals(&rust_path, rust, catalog)?;
    if let Some(parsed) = parsed_files.get(rust_path.as_str()) {
        check_deprecations(&rust_path, parsed, catalog)?;
    }
    Ok(())
}

/// Checks that the published record lists every row of the catalog, with the release that
/// added it and, for a deprecated row, the release that deprecated it.
fn check_record(record: &str, catalog: &Catalog) -> Result<(), TestCaseError> {
    for table in &catalog.tables {
        for row in &table.rows {
            let start = format!(
                "{} {} {} {} added=",
                catalog.module,
                table.name,
                table.key_of(row),
                row.variant
            );
            let line = record.lines().find(|l| l.starts_with(&start));
            prop_assert!(line.is_some(), "the published record lacks `{}`", start);
            let deprecated = line.is_some_and(|l| l.contains(" deprecated="));
            prop_assert_eq!(
                deprecated,
                row.deprecated.is_some(),
                "the record's line `{:?}` disagrees with the row on deprecation",
                line
            );
        }
    }
    Ok(())
}

/// Checks that the catalog's docs page says it is generated and that its Markdown tables
/// (the tables', the params' and the vocabularies') keep their shape.
fn check_docs_page(generated: &Generated, catalog: &Catalog) -> Result<(), TestCaseError> {
    let page = generated_file(generated, &catalog.docs)?;
    prop_assert!(
        page.starts_with("<!-- @generated"),
        "{} does not say it is generated",
        catalog.docs
    );
    let mut expected: Vec<usize> = catalog.tables.iter().map(|t| t.rows.len() + 2).collect();
    if !catalog.params.is_empty() {
        expected.push(catalog.params.len() + 2);
    }
    expected.extend(catalog.vocabularies.iter().map(|v| v.words.len() + 2));
    check_tables(&catalog.docs, page, &expected)?;
    for table in &catalog.tables {
        check_metric_labels(&catalog.docs, page, table)?;
    }
    Ok(())
}

/// Checks the line of `table`'s metric labels on its docs page with a real Markdown
/// parser: one paragraph, with no link and no HTML but `<br>` (emphasis allowed),
/// whose code spans begin
/// with the labels in order (every key, or none for a long table, then `_OTHER`) and
/// whose text shows the table's noun as written.
fn check_metric_labels(
    what: &str,
    page: &str,
    table: &codegen::model::Table,
) -> Result<(), TestCaseError> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let start = format!(
        "Metric labels (`error.type`, `{}::METRIC_LABELS`): ",
        table.type_name
    );
    let line = page.lines().find(|line| line.starts_with(&start));
    let Some(line) = line else {
        return Err(TestCaseError::fail(format!(
            "{what} lists no metric labels for {}",
            table.type_name
        )));
    };
    let (mut codes, mut seen) = (Vec::new(), String::new());
    for event in Parser::new(line) {
        match event {
            Event::Code(code) => {
                codes.push(code.to_string());
                seen.push_str(&code);
            }
            Event::Text(text) => seen.push_str(&text),
            Event::InlineHtml(html) if &*html == "<br>" => seen.push('\n'),
            Event::SoftBreak | Event::HardBreak => seen.push('\n'),
            // Emphasis in a noun keeps its meaning, as in every catalog text.
            Event::Start(Tag::Paragraph | Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong) => {}
            other => {
                return Err(TestCaseError::fail(format!(
                    "{what}: unexpected {other:?} in {line:?}"
                )))
            }
        }
    }
    let mut labels = vec![
        "error.type".to_owned(),
        format!("{}::METRIC_LABELS", table.type_name),
    ];
    if table.rows.len() <= codegen::emit::docs::LISTED_LABELS_MAX_ROWS {
        labels.extend(table.rows.iter().map(|row| table.key_of(row).to_owned()));
    }
    labels.push(codegen::OTHER_LABEL.to_owned());
    prop_assert!(
        codes.starts_with(&labels),
        "{}: the labels of {} are {:?}, not {:?}",
        what,
        table.type_name,
        codes,
        labels
    );
    // What a reader sees, less code span and emphasis marks and spacing.
    let visible = |text: &str| -> String {
        text.chars()
            .filter(|c| !matches!(c, '`' | '*' | '_') && !c.is_whitespace())
            .collect()
    };
    prop_assert!(
        visible(&seen).contains(&visible(&table.noun)),
        "{}: the noun {:?} shows as {:?}",
        what,
        table.noun,
        seen
    );
    Ok(())
}

/// Checks that the catalog at `path` fills exactly the README section it names (or none)
/// and that the section's Markdown tables keep their shape.
fn check_readme_section(
    generated: &Generated,
    path: &str,
    catalog: &Catalog,
) -> Result<(), TestCaseError> {
    let sections: Vec<_> = generated
        .readme_sections
        .iter()
        .filter(|s| s.owner == path)
        .collect();
    match &catalog.readme_section {
        None => prop_assert!(sections.is_empty(), "{} has no README section", path),
        Some(name) => {
            prop_assert!(
                sections.len() == 1 && &sections[0].name == name,
                "{} should fill the README section {}, filled {:?}",
                path,
                name,
                sections
            );
            let expected: Vec<usize> = catalog.tables.iter().map(|t| t.rows.len() + 2).collect();
            check_tables(
                &format!("README section {name}"),
                &sections[0].text,
                &expected,
            )?;
        }
    }
    Ok(())
}

/// Every text the catalog copies into its module reaches it verbatim, as an escaped
/// string literal: text and key cells, deprecation reasons, words, and params' names,
/// docs, allowed values and labels.
fn check_literals(path: &str, rust: &str, catalog: &Catalog) -> Result<(), TestCaseError> {
    let mut texts: Vec<&str> = Vec::new();
    for table in &catalog.tables {
        for row in &table.rows {
            for cell in &row.cells {
                if let Cell::Text(text) = cell {
                    texts.push(text);
                }
            }
            texts.extend(row.deprecated.as_deref());
        }
    }
    for vocabulary in &catalog.vocabularies {
        texts.extend(vocabulary.words.iter().map(|w| w.word.as_str()));
    }
    for param in &catalog.params {
        texts.push(&param.name);
        texts.push(&param.doc);
        if let Rule::OneOf { values, .. } = &param.rule {
            for value in values {
                texts.push(&value.value);
                texts.push(&value.label);
            }
        }
    }
    for text in texts {
        prop_assert!(
            rust.contains(&literal(text)),
            "{} lacks the literal {}",
            path,
            literal(text)
        );
    }
    Ok(())
}

/// The Rust string literal for `text`, as the emitter writes it.
fn literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// Checks that a generated file defines each name once: items of the type and value
/// namespaces, an enum's variants, the methods and constants of a type's inherent impls,
/// and the impls of each trait for each type. A duplicate parses, but does not compile.
fn check_names_defined_once(path: &str, file: &syn::File) -> Result<(), TestCaseError> {
    let mut defined: HashSet<(&str, String)> = HashSet::new();
    let mut inherent: HashSet<(String, String)> = HashSet::new();
    let mut impls: HashSet<(String, String)> = HashSet::new();
    for item in &file.items {
        let (namespace, name) = match item {
            syn::Item::Enum(item) => {
                let mut variants = HashSet::new();
                for variant in &item.variants {
                    prop_assert!(
                        variants.insert(variant.ident.to_string()),
                        "{}: the enum {} has the variant {} twice",
                        path,
                        item.ident,
                        variant.ident
                    );
                }
                ("type", item.ident.to_string())
            }
            syn::Item::Struct(item) => ("type", item.ident.to_string()),
            syn::Item::Type(item) => ("type", item.ident.to_string()),
            syn::Item::Trait(item) => ("type", item.ident.to_string()),
            syn::Item::Mod(item) => ("type", item.ident.to_string()),
            syn::Item::Static(item) => ("value", item.ident.to_string()),
            syn::Item::Const(item) => ("value", item.ident.to_string()),
            syn::Item::Fn(item) => ("value", item.sig.ident.to_string()),
            syn::Item::Macro(item) => match &item.ident {
                Some(ident) => ("macro", ident.to_string()),
                None => continue,
            },
            syn::Item::Impl(item) => {
                let self_type = item.self_ty.to_token_stream().to_string();
                match &item.trait_ {
                    Some((trait_path, _)) => {
                        let trait_name = trait_path.to_token_stream().to_string();
                        prop_assert!(
                            impls.insert((trait_name.clone(), self_type.clone())),
                            "{}: {} is implemented twice for {}",
                            path,
                            trait_name,
                            self_type
                        );
                    }
                    None => {
                        for member in &item.items {
                            let name = match member {
                                syn::ImplItem::Fn(f) => f.sig.ident.to_string(),
                                syn::ImplItem::Const(c) => c.ident.to_string(),
                                _ => continue,
                            };
                            prop_assert!(
                                inherent.insert((self_type.clone(), name.clone())),
                                "{}: {} has two items named {}",
                                path,
                                self_type,
                                name
                            );
                        }
                    }
                }
                continue;
            }
            _ => continue,
        };
        prop_assert!(
            defined.insert((namespace, name.clone())),
            "{}: {} is defined twice",
            path,
            name
        );
    }
    Ok(())
}

/// The text of every doc comment of `tokens`, each as rustdoc joins its attributes:
/// consecutive `#[doc]` attributes (other attributes between them allowed) make one doc.
fn docs_of(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    // The doc being gathered, and whether it is an inner (`#![doc]`) one.
    let mut current: Option<(bool, Vec<String>)> = None;
    let mut i = 0;
    while i < trees.len() {
        if matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#') {
            let mut j = i + 1;
            let inner = matches!(trees.get(j), Some(TokenTree::Punct(p)) if p.as_char() == '!');
            if inner {
                j += 1;
            }
            if let Some(TokenTree::Group(group)) = trees.get(j) {
                if group.delimiter() == Delimiter::Bracket {
                    if let Some(line) = doc_text(group.stream()) {
                        if current
                            .as_ref()
                            .is_some_and(|(was_inner, _)| *was_inner != inner)
                        {
                            if let Some((_, lines)) = current.take() {
                                out.push(unindent(&lines));
                            }
                        }
                        current
                            .get_or_insert_with(|| (inner, Vec::new()))
                            .1
                            .push(line);
                    }
                    i = j + 1;
                    continue;
                }
            }
        }
        if let Some((_, lines)) = current.take() {
            out.push(unindent(&lines));
        }
        if let TokenTree::Group(group) = &trees[i] {
            docs_of(group.stream(), out);
        }
        i += 1;
    }
    if let Some((_, lines)) = current.take() {
        out.push(unindent(&lines));
    }
}

/// The text of a `doc = "…"` attribute's contents, or `None` for another attribute.
fn doc_text(attribute: TokenStream) -> Option<String> {
    let trees: Vec<TokenTree> = attribute.into_iter().collect();
    match trees.as_slice() {
        [TokenTree::Ident(name), TokenTree::Punct(eq), TokenTree::Literal(literal)]
            if name == "doc" && eq.as_char() == '=' =>
        {
            syn::parse_str::<syn::LitStr>(&literal.to_string())
                .ok()
                .map(|text| text.value())
        }
        _ => None,
    }
}

/// The lines of a doc joined as rustdoc joins them, less the indentation they all share.
fn unindent(lines: &[String]) -> String {
    let joined = lines.join("\n");
    let indent = joined
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    joined
        .lines()
        .map(|line| line.get(indent..).unwrap_or(line.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks that no catalog text turns the generated rustdoc into something else: no doc
/// holds a code block (which rustdoc would compile and run as a doctest) or HTML other
/// than the `<br>` the escaping writes for a line break.
fn check_rustdoc(path: &str, file: &syn::File) -> Result<(), TestCaseError> {
    let mut docs = Vec::new();
    docs_of(file.to_token_stream(), &mut docs);
    for doc in &docs {
        for event in pulldown_cmark::Parser::new(doc) {
            match event {
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => {
                    return Err(TestCaseError::fail(format!(
                        "{path}: a doc comment holds a code block, which rustdoc would run as a doctest:\n{doc}"
                    )))
                }
                pulldown_cmark::Event::Html(html) | pulldown_cmark::Event::InlineHtml(html)
                    if &*html != "<br>" =>
                {
                    return Err(TestCaseError::fail(format!(
                        "{path}: a doc comment holds the HTML {html:?}:\n{doc}"
                    )))
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// Whether `attrs` hold `#[allow(deprecated)]`.
fn allows_deprecated(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("allow")
            && attr
                .meta
                .to_token_stream()
                .into_iter()
                .any(|tree| tokens_name(&tree, "deprecated"))
    })
}

fn tokens_name(tree: &TokenTree, name: &str) -> bool {
    match tree {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => group.stream().into_iter().any(|t| tokens_name(&t, name)),
        _ => false,
    }
}

/// The identifiers and punctuation of `tokens`, flattened.
fn flatten(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => flatten(group.stream(), out),
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Punct(punct) => out.push(punct.as_char().to_string()),
            TokenTree::Literal(_) => out.push(String::new()),
        }
    }
}

/// Whether `tokens` name any of `paths` (`Type::Variant`), or `Self::Variant` inside an
/// impl of `self_type`.
fn names_any(
    tokens: TokenStream,
    paths: &[(String, String)],
    self_type: Option<&str>,
) -> Option<String> {
    let mut flat = Vec::new();
    flatten(tokens, &mut flat);
    flat.windows(4).find_map(|w| {
        paths
            .iter()
            .find(|(ty, variant)| {
                let names_type = w[0] == *ty || (w[0] == "Self" && self_type == Some(ty.as_str()));
                names_type && w[1] == ":" && w[2] == ":" && w[3] == *variant
            })
            .map(|(ty, variant)| format!("{ty}::{variant}"))
    })
}

/// Checks that every deprecated row's variant carries `#[deprecated]`, and that every
/// item naming such a variant allows it (the enum's own derives excepted: the compiler
/// does not warn there).
fn check_deprecations(
    path: &str,
    file: &syn::File,
    catalog: &Catalog,
) -> Result<(), TestCaseError> {
    let deprecated = deprecated_variants(catalog);
    if deprecated.is_empty() {
        return Ok(());
    }
    for item in &file.items {
        match item {
            syn::Item::Enum(item) => check_deprecated_marked(path, item, &deprecated)?,
            _ => check_deprecated_allowed(path, item, &deprecated)?,
        }
    }
    Ok(())
}

/// The deprecated rows' variants of `catalog`, as (type, variant).
fn deprecated_variants(catalog: &Catalog) -> Vec<(String, String)> {
    catalog
        .tables
        .iter()
        .flat_map(|table| {
            table
                .rows
                .iter()
                .filter(|row| row.deprecated.is_some())
                .map(|row| (table.type_name.clone(), row.variant.clone()))
        })
        .collect()
}

/// Checks that the enum `item`, if it is the type of deprecated variants, marks each of
/// them `#[deprecated]`.
fn check_deprecated_marked(
    path: &str,
    item: &syn::ItemEnum,
    deprecated: &[(String, String)],
) -> Result<(), TestCaseError> {
    for (ty, variant) in deprecated {
        if item.ident != ty {
            continue;
        }
        let marked = item
            .variants
            .iter()
            .any(|v| v.ident == variant && v.attrs.iter().any(|a| a.path().is_ident("deprecated")));
        prop_assert!(
            marked,
            "{}: the deprecated variant {}::{} has no #[deprecated]",
            path,
            ty,
            variant
        );
    }
    Ok(())
}

/// Checks that the item (not an enum) names a deprecated variant only where it, or the
/// member of an impl that names it, allows it.
fn check_deprecated_allowed(
    path: &str,
    item: &syn::Item,
    deprecated: &[(String, String)],
) -> Result<(), TestCaseError> {
    let (attrs, inner) = attrs_and_members(item);
    if allows_deprecated(attrs) {
        return Ok(());
    }
    let self_type = match item {
        syn::Item::Impl(item) => match &*item.self_ty {
            syn::Type::Path(path) => path.path.get_ident().map(|ident| ident.to_string()),
            _ => None,
        },
        _ => None,
    };
    for (member_attrs, tokens) in inner {
        if allows_deprecated(&member_attrs) {
            continue;
        }
        if let Some(named) = names_any(tokens, deprecated, self_type.as_deref()) {
            return Err(TestCaseError::fail(format!(
                "{path}: an item names the deprecated {named} without #[allow(deprecated)]:\n{}",
                item.to_token_stream()
            )));
        }
    }
    Ok(())
}

/// An item's own attributes, and its members with theirs: each member of an impl, or the
/// whole item as its one member (with no attributes of its own).
fn attrs_and_members(
    item: &syn::Item,
) -> (&[syn::Attribute], Vec<(Vec<syn::Attribute>, TokenStream)>) {
    match item {
        syn::Item::Impl(item) => (
            &item.attrs,
            item.items
                .iter()
                .map(|member| {
                    let attrs = match member {
                        syn::ImplItem::Fn(f) => f.attrs.clone(),
                        syn::ImplItem::Const(c) => c.attrs.clone(),
                        _ => Vec::new(),
                    };
                    (attrs, member.to_token_stream())
                })
                .collect(),
        ),
        syn::Item::Static(item) => (&item.attrs, vec![(Vec::new(), item.to_token_stream())]),
        syn::Item::Const(item) => (&item.attrs, vec![(Vec::new(), item.to_token_stream())]),
        syn::Item::Fn(item) => (&item.attrs, vec![(Vec::new(), item.to_token_stream())]),
        other => (&[], vec![(Vec::new(), other.to_token_stream())]),
    }
}

/// The number of cells in a Markdown table row: its `|` separators, less one. A pipe
/// after an odd number of backslashes is escaped and separates nothing.
fn cells(row: &str) -> usize {
    let mut separators: usize = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' if backslashes % 2 == 0 => {
                separators += 1;
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    separators.saturating_sub(1)
}

/// The tables of a Markdown text: runs of lines that start with `|`.
fn tables(text: &str) -> Vec<Vec<&str>> {
    let mut tables: Vec<Vec<&str>> = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with('|') {
            if !in_table {
                tables.push(Vec::new());
            }
            in_table = true;
            if let Some(table) = tables.last_mut() {
                table.push(line);
            }
        } else {
            in_table = false;
        }
    }
    tables
}

/// Checks that `text` has exactly the tables of `rows` lines each (header and separator
/// included), and that every table has a separator row under the header and as many
/// cells in each row as in the header.
fn check_tables(what: &str, text: &str, rows: &[usize]) -> Result<(), TestCaseError> {
    let found = tables(text);
    let lengths: Vec<usize> = found.iter().map(Vec::len).collect();
    prop_assert_eq!(
        lengths.as_slice(),
        rows,
        "{} has tables of the wrong length:\n{}",
        what,
        text
    );
    for table in &found {
        let width = cells(table[0]);
        prop_assert!(width > 0, "{}: header without cells: {}", what, table[0]);
        prop_assert!(
            table[1]
                .trim_matches(|c| c == '|' || c == ' ')
                .split(" | ")
                .all(|c| c == "---"),
            "{}: no separator row under {}",
            what,
            table[0]
        );
        for row in table {
            prop_assert_eq!(
                cells(row),
                width,
                "{}: row {:?} does not have the {} cells of its header",
                what,
                row,
                width
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Text and values
// ---------------------------------------------------------------------------------------

/// Pieces of text that are hard to carry into Rust and Markdown, yet allowed in a catalog.
const HOSTILE: &[&str] = &[
    "|",
    "\\",
    "\\|",
    "|\\",
    "\"",
    "'",
    "\n",
    "\r\n",
    "\t",
    "<b>",
    "</b>",
    "<script>",
    "&",
    "&amp;",
    "*/",
    "/*",
    "//",
    "#",
    "\"#",
    "r#\"",
    "`",
    "```",
    "```rust",
    "{}",
    "{{",
    "}}",
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "漢字",
    "中文错误",
    "é",
    "e\u{301}",
    "\u{2028}",
    "\u{FEFF}",
    "\u{200B}",
    "    ",
    "- ",
    "> ",
    "[x](y)",
    "<!--",
    "-->",
    "\\n",
    "\\u{41}",
    "%s",
    "{0}",
    "<br>",
    "*",
    "_",
    "~",
    "]]",
    "[[",
    "=",
    "$",
    "//!",
    "///",
    " ",
    "  ",
];

/// Characters a catalog may not hold in its strings.
const FORBIDDEN: &[&str] = &[
    "\u{0}", "\u{7}", "\u{1b}", "\r", "\u{7f}", "\u{85}", "\u{202E}", "\u{2066}", "\u{200F}",
    "\u{061C}",
];

/// Words that hold no whitespace or backtick, as a vocabulary's words must, yet are
/// hard to carry into Rust and Markdown.
const HOSTILE_WORDS: &[&str] = &[
    "a|b", "<b>", "&amp;", "\\", "\"q\"", "漢字", "😀", "*x*", "[x]", "x]]", "#", "é", "r#\"",
    "*/", "--", "_",
];

fn pick(words: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(words).prop_map(str::to_owned).boxed()
}

/// One of `words`.
fn pick_owned(words: Vec<String>) -> BoxedStrategy<String> {
    prop::sample::select(words).boxed()
}

/// `good` most of the time and `bad` `noise` percent of the time.
fn noisy<T: std::fmt::Debug + 'static>(
    noise: u32,
    good: BoxedStrategy<T>,
    bad: BoxedStrategy<T>,
) -> BoxedStrategy<T> {
    if noise == 0 {
        good
    } else {
        prop_oneof![100 - noise => good, noise => bad].boxed()
    }
}

/// Text that a catalog accepts in most cases (it may still be blank).
fn good_text() -> BoxedStrategy<String> {
    let word = prop_oneof![
        3 => "[A-Za-z][a-z]{0,9}",
        3 => pick(HOSTILE),
        1 => "\\PC{1,8}",
    ];
    prop_oneof![
        4 => "[A-Z][a-z]{1,10}( [a-z()`/.,-]{1,10}){0,8}\\.",
        4 => (
            "[A-Za-z0-9]{1,6}",
            prop::collection::vec(word, 1..12)
        )
            .prop_map(|(first, rest)| format!("{first}{}", rest.concat())),
        2 => "\\PC{1,60}",
        1 => ("[a-z|\\\\ <>&\n]{1,12}", 50usize..300).prop_map(|(piece, n)| format!("A{}", piece.repeat(n))),
    ]
    .boxed()
}

/// Text that a catalog should refuse, or that tests its limits.
fn bad_text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[ \t\n]{1,5}",
        (good_text(), pick(FORBIDDEN), good_text()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
        any::<String>(),
        ".{0,40}",
    ]
    .boxed()
}

/// A TOML value of any type, nested a little.
fn any_value() -> BoxedStrategy<Value> {
    let datetimes: Vec<toml::value::Datetime> = [
        "1979-05-27T07:32:00Z",
        "1979-05-27T00:32:00.999999-07:00",
        "1979-05-27T07:32:00",
        "1979-05-27",
        "07:32:00",
    ]
    .iter()
    .map(|text| text.parse().expect("a valid TOML datetime"))
    .collect();
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::String),
        good_text().prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
        prop::sample::select(datetimes).prop_map(Value::Datetime),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,6}", inner), 0..4)
                .prop_map(|pairs| Value::Table(pairs.into_iter().collect())),
        ]
    })
    .boxed()
}

/// How to misspell a key; applied once the key is known.
#[derive(Clone, Debug)]
enum Misspelling {
    DropChar(Index),
    SwapChars(Index),
    Upper,
    Plural,
    Hyphens,
    LeadingSpace,
    Other(String),
}

impl Misspelling {
    fn apply(&self, key: &str) -> String {
        let mut chars: Vec<char> = key.chars().collect();
        match self {
            Misspelling::DropChar(at) if !chars.is_empty() => {
                chars.remove(at.index(chars.len()));
                chars.into_iter().collect()
            }
            Misspelling::SwapChars(at) if chars.len() > 1 => {
                let (len, i) = (chars.len(), at.index(chars.len()));
                chars.swap(i, (i + 1) % len);
                chars.into_iter().collect()
            }
            Misspelling::Upper => key.to_uppercase(),
            Misspelling::Plural => format!("{key}s"),
            Misspelling::Hyphens => key.replace('_', "-"),
            Misspelling::LeadingSpace => format!(" {key}"),
            Misspelling::Other(other) => other.clone(),
            _ => format!("{key}_"),
        }
    }
}

fn misspelling() -> BoxedStrategy<Misspelling> {
    prop_oneof![
        2 => any::<Index>().prop_map(Misspelling::DropChar),
        2 => any::<Index>().prop_map(Misspelling::SwapChars),
        1 => Just(Misspelling::Upper),
        1 => Just(Misspelling::Plural),
        1 => Just(Misspelling::Hyphens),
        1 => Just(Misspelling::LeadingSpace),
        1 => ".{1,12}".prop_map(Misspelling::Other),
    ]
    .boxed()
}

/// A key the format does not have.
fn extra_key() -> BoxedStrategy<String> {
    prop_oneof![
        pick(&[
            "extra",
            "comment",
            "Variant",
            "note",
            "status",
            "param",
            "code",
            "catalog",
            "table",
            "vocabulary",
            "deprecated",
            "variant",
        ]),
        "\\PC{0,12}",
        any::<String>(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Strategy (a): catalogs built structurally
// ---------------------------------------------------------------------------------------

/// What a column holds, as this test builds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Key,
    Text,
    Integer,
    HttpStatus,
    Word,
    Words,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Key => "key",
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::HttpStatus => "http_status",
            Kind::Word => "word",
            Kind::Words => "words",
        }
    }
}

#[derive(Clone, Debug)]
struct WordSeed {
    word: String,
    doc: String,
    variant: Option<String>,
}

#[derive(Clone, Debug)]
struct VocabularySeed {
    name: String,
    type_name: Option<String>,
    doc: String,
    words: Vec<WordSeed>,
}

#[derive(Clone, Debug)]
struct ColumnSeed {
    name: String,
    kind: Kind,
    vocabulary: Index,
    optional: bool,
    title: Option<String>,
    doc: Option<String>,
}

/// The makings of one cell; the column's kind decides which are used.
#[derive(Clone, Debug)]
struct CellSeed {
    text: String,
    integer: i64,
    status: Value,
    words: Vec<Index>,
    present: bool,
}

/// What becomes of one key of a row.
#[derive(Clone, Debug)]
enum Fate {
    Right,
    Misspelt(Misspelling),
    Missing,
    Wrong(Value),
}

#[derive(Clone, Debug)]
struct RowSeed {
    key: String,
    cells: Vec<CellSeed>,
    fates: Vec<Fate>,
    extras: Vec<(String, Value)>,
    variant: Option<String>,
    deprecated: Option<String>,
}

#[derive(Clone, Debug)]
struct TableSeed {
    name: String,
    type_name: String,
    /// Name the type after an earlier type with `Row` appended.
    type_after: Option<Index>,
    doc: String,
    noun: Option<String>,
    key: Index,
    columns: Vec<ColumnSeed>,
    display: Index,
    summary: Option<Vec<Index>>,
    rows: Vec<RowSeed>,
}

#[derive(Clone, Debug)]
struct CatalogSeed {
    meta: Vec<(&'static str, Option<String>)>,
    vocabularies: Vec<VocabularySeed>,
    tables: Vec<TableSeed>,
    extras: Vec<(String, Value)>,
    edits: Vec<Edit>,
}

const MAX_COLUMNS: usize = 7;

fn snake_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick_owned(real_names()),
        2 => "[a-z][a-z0-9_]{0,8}",
        1 => pick(&["code", "field", "status", "retry", "kind", "row_id", "a", "type", "all"]),
    ]
    .boxed()
}

fn type_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => pick_owned(real_type_names()),
        3 => "[A-Z][a-z]{1,8}(Code|Error|Status|Kind)?",
        1 => pick(&["HttpStatus", "HTTPStatus", "ErrorCode", "Errorcode", "Raised", "Param", "Scope", "Severity"]),
    ]
    .boxed()
}

fn vocabulary_word() -> BoxedStrategy<String> {
    prop_oneof![
        4 => pick_owned(real_words()),
        3 => "[a-z][a-z0-9-]{0,10}",
        1 => pick(HOSTILE_WORDS),
    ]
    .boxed()
}

fn word_seed() -> BoxedStrategy<WordSeed> {
    (
        vocabulary_word(),
        good_text(),
        prop::option::weighted(0.2, "[A-Z][A-Za-z0-9]{0,8}"),
    )
        .prop_map(|(word, doc, variant)| WordSeed { word, doc, variant })
        .boxed()
}

fn vocabulary_seed() -> BoxedStrategy<VocabularySeed> {
    (
        snake_name(),
        prop::option::weighted(0.4, type_name()),
        good_text(),
        prop::collection::vec(word_seed(), 1..6),
    )
        .prop_map(|(name, type_name, doc, words)| VocabularySeed {
            name,
            type_name,
            doc,
            words,
        })
        .boxed()
}

fn column_seed() -> BoxedStrategy<ColumnSeed> {
    let kind = prop_oneof![
        4 => Just(Kind::Text),
        1 => Just(Kind::Key),
        1 => Just(Kind::Integer),
        2 => Just(Kind::HttpStatus),
        2 => Just(Kind::Word),
        2 => Just(Kind::Words),
    ];
    (
        snake_name(),
        kind,
        any::<Index>(),
        prop::bool::weighted(0.3),
        prop::option::weighted(0.6, good_text()),
        prop::option::weighted(0.6, good_text()),
    )
        .prop_map(
            |(name, kind, vocabulary, optional, title, doc)| ColumnSeed {
                name,
                kind,
                vocabulary,
                optional,
                title,
                doc,
            },
        )
        .boxed()
}

fn cell_seed(noise: u32) -> BoxedStrategy<CellSeed> {
    let status = noisy(
        noise,
        (100i64..=599).prop_map(Value::Integer).boxed(),
        prop_oneof![
            prop::sample::select(&[0i64, 99, 600, -1, 65_536, i64::MAX, i64::MIN][..])
                .prop_map(Value::Integer),
            Just(Value::String("400".into())),
            Just(Value::Float(400.0)),
        ]
        .boxed(),
    );
    (
        good_text(),
        prop_oneof![any::<i64>(), -20i64..20],
        status,
        prop::collection::vec(any::<Index>(), 0..4),
        prop::bool::weighted(0.6),
    )
        .prop_map(|(text, integer, status, words, present)| CellSeed {
            text,
            integer,
            status,
            words,
            present,
        })
        .boxed()
}

fn fate(noise: u32) -> BoxedStrategy<Fate> {
    if noise == 0 {
        return Just(Fate::Right).boxed();
    }
    let wrong = prop_oneof![
        3 => any_value(),
        1 => bad_text().prop_map(Value::String),
    ];
    prop_oneof![
        100 - noise => Just(Fate::Right),
        noise / 3 + 1 => misspelling().prop_map(Fate::Misspelt),
        noise / 3 + 1 => Just(Fate::Missing),
        noise / 3 + 1 => wrong.prop_map(Fate::Wrong),
    ]
    .boxed()
}

fn extras(noise: u32) -> BoxedStrategy<Vec<(String, Value)>> {
    if noise == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop_oneof![
            100 - noise => Just(Vec::new()),
            noise => prop::collection::vec((extra_key(), any_value()), 1..3),
        ]
        .boxed()
    }
}

fn row_seed(noise: u32) -> BoxedStrategy<RowSeed> {
    let key = prop_oneof![
        1 => pick_owned(real_keys()),
        3 => "[A-Z][A-Za-z0-9]{0,12}([._-][A-Za-z0-9]{1,10}){0,3}",
        1 => "[a-z][a-z0-9]{0,8}([._-][a-z0-9]{1,8}){0,2}",
        1 => "[A-Z0-9_]{1,12}",
    ];
    let key = noisy(
        noise,
        key.boxed(),
        prop_oneof![
            Just(String::new()),
            "[A-Za-z]{1,5}[ |`<\\\\\"é][A-Za-z]{1,5}",
            bad_text()
        ]
        .boxed(),
    );
    (
        key,
        prop::collection::vec(cell_seed(noise), MAX_COLUMNS),
        prop::collection::vec(fate(noise), MAX_COLUMNS),
        extras(noise),
        prop::option::weighted(0.15, "[A-Z][A-Za-z0-9]{0,10}"),
        prop::option::weighted(0.15, good_text()),
    )
        .prop_map(|(key, cells, fates, extras, variant, deprecated)| RowSeed {
            key,
            cells,
            fates,
            extras,
            variant,
            deprecated,
        })
        .boxed()
}

fn table_seed(noise: u32) -> BoxedStrategy<TableSeed> {
    (
        (
            snake_name(),
            type_name(),
            prop::option::weighted(0.1, any::<Index>()),
            good_text(),
            prop::option::weighted(0.5, good_text()),
            any::<Index>(),
        ),
        prop::collection::vec(column_seed(), 1..MAX_COLUMNS),
        any::<Index>(),
        prop::option::weighted(0.5, prop::collection::vec(any::<Index>(), 0..4)),
        prop::collection::vec(row_seed(noise), 0..5),
    )
        .prop_map(
            |((name, type_name, type_after, doc, noun, key), columns, display, summary, rows)| {
                TableSeed {
                    name,
                    type_name,
                    type_after,
                    doc,
                    noun,
                    key,
                    columns,
                    display,
                    summary,
                    rows,
                }
            },
        )
        .boxed()
}

fn meta_seed(noise: u32) -> BoxedStrategy<Vec<(&'static str, Option<String>)>> {
    let text = |noise| noisy(noise, good_text(), bad_text());
    let module = noisy(
        noise,
        prop_oneof![
            3 => "[a-z][a-z0-9_]{0,10}",
            1 => pick(&["init", "verify", "api", "core", "std", "generated", "fn", "grpc"]),
        ]
        .boxed(),
        prop_oneof![bad_text(), pick(&["Init", "9lives", "a-b", ""])].boxed(),
    );
    let docs = noisy(
        noise,
        "docs/[a-z][a-z0-9_-]{0,10}\\.md".boxed(),
        prop_oneof![
            bad_text(),
            pick(&[
                "/etc/passwd.md",
                "docs/../x.md",
                "docs/x.txt",
                ".md",
                "docs//x.md"
            ])
        ]
        .boxed(),
    );
    let readme = prop::option::weighted(
        0.7,
        noisy(
            noise,
            "[a-z0-9_-]{1,10}".boxed(),
            prop_oneof![bad_text(), pick(&["Init", "a b", ""])].boxed(),
        ),
    );
    (text(noise), text(noise), text(noise), module, docs, readme)
        .prop_map(|(name, source, provenance, module, docs, readme)| {
            vec![
                ("name", Some(name)),
                ("source", Some(source)),
                ("provenance", Some(provenance)),
                ("module", Some(module)),
                ("docs", Some(docs)),
                ("readme_section", readme),
            ]
        })
        .boxed()
}

/// A whole catalog, with a noise level drawn first so that a good share of catalogs is
/// entirely valid and reaches the emitters.
fn structural_catalog() -> impl Strategy<Value = Table> {
    prop_oneof![Just(0u32), Just(0), Just(1), Just(5), Just(25)].prop_flat_map(|noise| {
        let edits = if noise == 0 {
            Just(Vec::new()).boxed()
        } else {
            prop::collection::vec(value_edit(), 0..(noise as usize / 5 + 2)).boxed()
        };
        (
            meta_seed(noise),
            prop::collection::vec(vocabulary_seed(), 0..4),
            prop::collection::vec(table_seed(noise), 1..4),
            extras(noise),
            edits,
        )
            .prop_map(|(meta, vocabularies, tables, extras, edits)| {
                build(&CatalogSeed {
                    meta,
                    vocabularies,
                    tables,
                    extras,
                    edits,
                })
            })
    })
}

/// `name`, or `name` with a number appended if `used` has it; then records it.
fn unique(name: &str, used: &mut HashSet<String>, join: &str) -> String {
    let mut candidate = name.to_owned();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{name}{join}{n}");
        n += 1;
    }
    used.insert(candidate.clone());
    candidate
}

/// The variant the generator derives from `text`, or a given one when that would not be
/// a usable, unique variant.
fn usable_variant(
    given: Option<&String>,
    text: &str,
    fallback: &str,
    used: &mut HashSet<String>,
) -> Option<String> {
    let derived = codegen::names::derive_variant(text);
    let chosen = match given {
        Some(given) => given.clone(),
        None if codegen::names::variant_problem(&derived).is_none() && !used.contains(&derived) => {
            used.insert(derived);
            return None;
        }
        None => fallback.to_owned(),
    };
    Some(unique(&chosen, used, ""))
}

/// Builds the catalog a seed describes: names made unique and references made to point
/// at what is declared, so that a catalog without noise is mostly valid; then the row
/// fates and the declaration edits of the noise.
fn build(seed: &CatalogSeed) -> Table {
    let mut root = Table::new();
    root.insert("catalog".to_owned(), Value::Table(catalog_meta(&seed.meta)));
    let mut types = TypeNames::reserved();
    let (declared, vocabularies) = declare_vocabularies(&seed.vocabularies, &mut types);
    if !declared.is_empty() {
        root.insert("vocabulary".to_owned(), Value::Table(declared));
    }
    let (declared, rows) = declare_tables(&seed.tables, &vocabularies, &mut types);
    for (name, rows) in rows {
        root.insert(name, Value::Array(rows));
    }
    root.insert("table".to_owned(), Value::Table(declared));
    for (extra, value) in &seed.extras {
        root.insert(extra.clone(), value.clone());
    }
    apply_edits(root, &seed.edits)
}

/// The type names a built catalog has taken, and the types it declares.
struct TypeNames {
    /// Every name taken: the generator's own types and each declared one.
    taken: HashSet<String>,
    /// The declared types in order, for a table type named after one of them.
    declared: Vec<String>,
}

impl TypeNames {
    /// Nothing declared yet, and the names of the generator's own types taken.
    fn reserved() -> Self {
        TypeNames {
            taken: ["Param", "Raised", "InitConfig", "ValidConfig"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            declared: Vec::new(),
        }
    }
}

/// A vocabulary of a built catalog: its unique name and its words, each once.
struct DeclaredVocabulary {
    name: String,
    words: Vec<String>,
}

/// A column of a built table, as its cells are made.
struct DeclaredColumn {
    name: String,
    kind: Kind,
    /// The index of its vocabulary, for a `word` or `words` column.
    vocabulary: Option<usize>,
    optional: bool,
}

/// The `[catalog]` table: each meta key the seed gives a value.
fn catalog_meta(seed: &[(&'static str, Option<String>)]) -> Table {
    let mut meta = Table::new();
    for (key, value) in seed {
        if let Some(value) = value {
            meta.insert((*key).to_owned(), Value::String(value.clone()));
        }
    }
    meta
}

/// The `[vocabulary.*]` declarations: unique names and words, each word with a usable
/// variant; and the vocabularies as the tables' columns refer to them.
fn declare_vocabularies(
    seeds: &[VocabularySeed],
    types: &mut TypeNames,
) -> (Table, Vec<DeclaredVocabulary>) {
    let mut names = HashSet::new();
    let mut vocabularies = Vec::new();
    let mut declared = Table::new();
    for v in seeds {
        let name = unique(&v.name, &mut names, "_");
        let type_name = vocabulary_type(v, &name, types);
        let (entries, words) = vocabulary_words(&v.words);
        let mut table = Table::new();
        if type_name != codegen::names::derive_variant(&name) || v.type_name.is_some() {
            table.insert("type".to_owned(), Value::String(type_name));
        }
        table.insert("doc".to_owned(), Value::String(v.doc.clone()));
        table.insert("words".to_owned(), Value::Array(entries));
        declared.insert(name.clone(), Value::Table(table));
        vocabularies.push(DeclaredVocabulary { name, words });
    }
    (declared, vocabularies)
}

/// The type of the vocabulary `name`: the seed's, or else the one derived from its name,
/// made unique and recorded in `types`.
fn vocabulary_type(v: &VocabularySeed, name: &str, types: &mut TypeNames) -> String {
    let derived_type = codegen::names::derive_variant(name);
    let type_name = match &v.type_name {
        Some(given) => unique(given, &mut types.taken, ""),
        None if !types.taken.contains(&derived_type) => {
            types.taken.insert(derived_type.clone());
            derived_type
        }
        None => unique(&derived_type, &mut types.taken, ""),
    };
    types.declared.push(type_name.clone());
    type_name
}

/// A vocabulary's `words` entries, each word once with a usable variant; and the words.
fn vocabulary_words(seeds: &[WordSeed]) -> (Vec<Value>, Vec<String>) {
    let mut words_seen = HashSet::new();
    let mut variants = HashSet::new();
    let mut words = Vec::new();
    let mut entries = Vec::new();
    for (i, w) in seeds.iter().enumerate() {
        if !words_seen.insert(w.word.clone()) {
            continue;
        }
        let mut entry = Table::new();
        entry.insert("word".to_owned(), Value::String(w.word.clone()));
        entry.insert("doc".to_owned(), Value::String(w.doc.clone()));
        let fallback = format!("Word{i}");
        if let Some(variant) = usable_variant(w.variant.as_ref(), &w.word, &fallback, &mut variants)
        {
            entry.insert("variant".to_owned(), Value::String(variant));
        }
        entries.push(Value::Table(entry));
        words.push(w.word.clone());
    }
    (entries, words)
}

/// The `[table.*]` declarations: unique names and types, one key column, references to
/// what is declared; and the rows of each table that has any, under the table's name.
fn declare_tables(
    seeds: &[TableSeed],
    vocabularies: &[DeclaredVocabulary],
    types: &mut TypeNames,
) -> (Table, Vec<(String, Vec<Value>)>) {
    let mut table_names: HashSet<String> = ["catalog", "vocabulary", "table", "param"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let mut declared = Table::new();
    let mut rows = Vec::new();
    for t in seeds {
        let name = unique(&t.name, &mut table_names, "_");
        let type_name = table_type(t, types);
        let columns = declare_columns(t, vocabularies);
        let entries = t
            .columns
            .iter()
            .zip(&columns)
            .map(|(seed, column)| column_entry(seed, column, vocabularies))
            .collect();
        let table = table_declaration(t, type_name, &columns, entries);
        declared.insert(name.clone(), Value::Table(table));
        let table_rows = build_rows(&t.rows, &columns, vocabularies);
        if !table_rows.is_empty() {
            rows.push((name, table_rows));
        }
    }
    (declared, rows)
}

/// The type of a table: the seed's, or an earlier type's name with `Row` appended, made
/// unique and recorded in `types`.
fn table_type(t: &TableSeed, types: &mut TypeNames) -> String {
    let wanted = match t.type_after {
        Some(at) if !types.declared.is_empty() => {
            format!("{}Row", types.declared[at.index(types.declared.len())])
        }
        _ => t.type_name.clone(),
    };
    let type_name = unique(&wanted, &mut types.taken, "");
    types.declared.push(type_name.clone());
    type_name
}

/// A table's columns: unique names, the seed's key column the one `key` column, and
/// `word` and `words` columns only when a vocabulary is declared.
fn declare_columns(t: &TableSeed, vocabularies: &[DeclaredVocabulary]) -> Vec<DeclaredColumn> {
    let key_at = t.key.index(t.columns.len());
    let mut column_names = HashSet::new();
    let mut columns = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        let name = unique(&c.name, &mut column_names, "_");
        let mut kind = match c.kind {
            Kind::Key if i != key_at => Kind::Text,
            _ if i == key_at => Kind::Key,
            other => other,
        };
        if matches!(kind, Kind::Word | Kind::Words) && vocabularies.is_empty() {
            kind = Kind::Text;
        }
        let vocabulary = matches!(kind, Kind::Word | Kind::Words)
            .then(|| c.vocabulary.index(vocabularies.len()));
        let optional = c.optional && kind != Kind::Key;
        columns.push(DeclaredColumn {
            name,
            kind,
            vocabulary,
            optional,
        });
    }
    columns
}

/// One entry of a table's `columns`: the column's name, kind, vocabulary and optionality,
/// and the seed's title and doc.
fn column_entry(
    seed: &ColumnSeed,
    column: &DeclaredColumn,
    vocabularies: &[DeclaredVocabulary],
) -> Value {
    let mut entry = Table::new();
    entry.insert("name".to_owned(), Value::String(column.name.clone()));
    entry.insert(
        "kind".to_owned(),
        Value::String(column.kind.word().to_owned()),
    );
    if let Some(v) = column.vocabulary {
        entry.insert(
            "vocabulary".to_owned(),
            Value::String(vocabularies[v].name.clone()),
        );
    }
    if column.optional {
        entry.insert("optional".to_owned(), Value::Boolean(true));
    }
    if let Some(title) = &seed.title {
        entry.insert("title".to_owned(), Value::String(title.clone()));
    }
    if let Some(doc) = &seed.doc {
        entry.insert("doc".to_owned(), Value::String(doc.clone()));
    }
    Value::Table(entry)
}

/// One table's declaration: its type, doc, key and display columns, noun, summary and
/// the `entries` of its columns.
fn table_declaration(
    t: &TableSeed,
    type_name: String,
    columns: &[DeclaredColumn],
    entries: Vec<Value>,
) -> Table {
    let key_at = t.key.index(t.columns.len());
    let displayable: Vec<usize> = (0..columns.len())
        .filter(|&i| matches!(columns[i].kind, Kind::Key | Kind::Text) && !columns[i].optional)
        .collect();
    let display = displayable[t.display.index(displayable.len())];

    let mut table = Table::new();
    table.insert("type".to_owned(), Value::String(type_name));
    table.insert("doc".to_owned(), Value::String(t.doc.clone()));
    table.insert(
        "key".to_owned(),
        Value::String(columns[key_at].name.clone()),
    );
    table.insert(
        "display".to_owned(),
        Value::String(columns[display].name.clone()),
    );
    if let Some(noun) = &t.noun {
        table.insert("noun".to_owned(), Value::String(noun.clone()));
    }
    if let Some(summary) = &t.summary {
        table.insert(
            "summary".to_owned(),
            Value::Array(summary_names(summary, columns)),
        );
    }
    table.insert("columns".to_owned(), Value::Array(entries));
    table
}

/// The names of the summary's columns: the seed's picks, each once, in the order first
/// picked.
fn summary_names(picks: &[Index], columns: &[DeclaredColumn]) -> Vec<Value> {
    let mut chosen: Vec<usize> = picks.iter().map(|i| i.index(columns.len())).collect();
    chosen.dedup();
    let mut seen = HashSet::new();
    chosen.retain(|i| seen.insert(*i));
    chosen
        .into_iter()
        .map(|i| Value::String(columns[i].name.clone()))
        .collect()
}

/// A table's rows: unique keys and variants; each cell of its column's kind; then the
/// fates.
fn build_rows(
    seeds: &[RowSeed],
    columns: &[DeclaredColumn],
    vocabularies: &[DeclaredVocabulary],
) -> Vec<Value> {
    let mut keys = HashSet::new();
    let mut variants = HashSet::new();
    let mut rows = Vec::new();
    for (r, seed_row) in seeds.iter().enumerate() {
        let key = unique(&seed_row.key, &mut keys, "-");
        let mut row = Table::new();
        for (i, column) in columns.iter().enumerate() {
            let cell = &seed_row.cells[i];
            if column.optional && !cell.present {
                continue;
            }
            let value = cell_value(column, cell, &key, vocabularies);
            place_cell(&mut row, &column.name, value, &seed_row.fates[i]);
        }
        let fallback = format!("Row{r}");
        if let Some(variant) =
            usable_variant(seed_row.variant.as_ref(), &key, &fallback, &mut variants)
        {
            row.insert("variant".to_owned(), Value::String(variant));
        }
        if let Some(why) = &seed_row.deprecated {
            row.insert("deprecated".to_owned(), Value::String(why.clone()));
        }
        for (extra, value) in &seed_row.extras {
            row.insert(extra.clone(), value.clone());
        }
        rows.push(Value::Table(row));
    }
    rows
}

/// One cell's value, of its column's kind: the row's key, the seed's text, integer or
/// status, or words of the column's vocabulary.
fn cell_value(
    column: &DeclaredColumn,
    cell: &CellSeed,
    key: &str,
    vocabularies: &[DeclaredVocabulary],
) -> Value {
    match column.kind {
        Kind::Key => Value::String(key.to_owned()),
        Kind::Text => Value::String(cell.text.clone()),
        Kind::Integer => Value::Integer(cell.integer),
        Kind::HttpStatus => cell.status.clone(),
        Kind::Word => {
            let words = &vocabularies[column.vocabulary.unwrap_or(0)].words;
            let at = cell.words.first().map_or(0, |i| i.index(words.len()));
            Value::String(words[at].clone())
        }
        Kind::Words => {
            let words = &vocabularies[column.vocabulary.unwrap_or(0)].words;
            Value::Array(
                picked_words(cell, words)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            )
        }
    }
}

/// The words a cell picks from `words`, each once, in the order first picked.
fn picked_words(cell: &CellSeed, words: &[String]) -> Vec<String> {
    let mut picked: Vec<String> = cell
        .words
        .iter()
        .map(|i| words[i.index(words.len())].clone())
        .collect();
    let mut seen = HashSet::new();
    picked.retain(|w| seen.insert(w.clone()));
    picked
}

/// Puts a cell's value into its row as the cell's fate says: under the column's name or
/// a misspelling of it, not at all, or a wrong value in its place.
fn place_cell(row: &mut Table, column: &str, value: Value, fate: &Fate) {
    match fate {
        Fate::Right => {
            row.insert(column.to_owned(), value);
        }
        Fate::Misspelt(how) => {
            row.insert(how.apply(column), value);
        }
        Fate::Missing => {}
        Fate::Wrong(other) => {
            row.insert(column.to_owned(), other.clone());
        }
    }
}

/// The catalog with the seed's edits applied, one after another.
fn apply_edits(root: Table, edits: &[Edit]) -> Table {
    let mut root = Value::Table(root);
    for edit in edits {
        apply_edit(&mut root, edit);
    }
    match root {
        Value::Table(table) => table,
        _ => Table::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Strategy (b): mutations of real catalog text
// ---------------------------------------------------------------------------------------

/// One random edit of a catalog text.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(Index, char),
    Replace(Index, char),
    Delete(Index, usize),
    DuplicateLine(Index),
    DeleteLine(Index),
    SwapLines(Index, Index),
    /// Overwrites a byte; the text is then repaired with `from_utf8_lossy`.
    Byte(Index, u8),
}

fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(
            &[
                '"', '\'', '[', ']', '=', '\n', '\\', '#', '{', '}', ',', '.', ' ', '\t', '\r',
                '|', '<', '`', '-', '_', '0', '9', 'a', 'Z', 'é', '😀', '\u{0}', '\u{7}',
                '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{2028}',
            ][..]
        ),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Insert(at, c)),
        3 => (any::<Index>(), interesting_char()).prop_map(|(at, c)| Mutation::Replace(at, c)),
        2 => (any::<Index>(), 1usize..20).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for mutation in mutations {
        let mut chars: Vec<char> = text.chars().collect();
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
        text = match mutation {
            Mutation::Insert(at, c) => {
                chars.insert(at.index(chars.len() + 1), *c);
                chars.into_iter().collect()
            }
            Mutation::Replace(at, c) if !chars.is_empty() => {
                let i = at.index(chars.len());
                chars[i] = *c;
                chars.into_iter().collect()
            }
            Mutation::Delete(at, n) if !chars.is_empty() => {
                let start = at.index(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
                chars.into_iter().collect()
            }
            Mutation::DuplicateLine(at) if !lines.is_empty() => {
                let i = at.index(lines.len());
                let line = lines[i].clone();
                lines.insert(i, line);
                lines.concat()
            }
            Mutation::DeleteLine(at) if !lines.is_empty() => {
                lines.remove(at.index(lines.len()));
                lines.concat()
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => {
                let (a, b) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(a, b);
                lines.concat()
            }
            Mutation::Byte(at, byte) if !text.is_empty() => {
                let mut bytes = text.clone().into_bytes();
                let i = at.index(bytes.len());
                bytes[i] = *byte;
                String::from_utf8_lossy(&bytes).into_owned()
            }
            _ => text,
        };
    }
    text
}

/// Every catalog the mutations start from: the real ones and the golden ones.
fn seeds() -> Vec<&'static str> {
    REAL.iter().chain(GOLDEN).map(|(_, text)| *text).collect()
}

fn mutated_catalog() -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds()),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|(seed, mutations)| mutate(seed, &mutations))
}

// ---------------------------------------------------------------------------------------
// Strategy (c): a real catalog with some of its values replaced
// ---------------------------------------------------------------------------------------

/// One step from a value to a value inside it.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item(usize),
}

/// One edit of a parsed catalog. Every string, value, key and array item is a possible
/// target, chosen by an index into the list of them.
#[derive(Clone, Debug)]
enum Edit {
    /// Replaces a string value, wherever it is, with other text.
    Text(Index, String),
    /// Replaces a string that the catalog copies verbatim (a description, a label, a
    /// doc), so that the catalog often stays valid and carries the text to the emitters.
    FreeText(Index, String),
    /// Replaces any value but the root with a value of any type.
    Value(Index, Value),
    /// Removes a key from its table.
    Remove(Index),
    /// Renames a key of its table.
    Rename(Index, Misspelling),
    /// Adds a key to a table.
    Add(Index, String, Value),
    /// Copies the first item of an array (such as the first `[[code]]`) to its end.
    Duplicate(Index),
}

/// The path to every value under `value`, depth first, each with whether it is a string.
fn paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<(Vec<Step>, bool)>) {
    out.push((at.clone(), value.is_str()));
    match value {
        Value::Table(table) => {
            for (key, inner) in table {
                at.push(Step::Key(key.clone()));
                paths(inner, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(Step::Item(i));
                paths(inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get<'v>(value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Table(table), Step::Key(key)) => table.get(key),
            (Value::Array(items), Step::Item(i)) => items.get(*i),
            _ => None,
        })
}

fn get_mut<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(value, |value, step| match (value, step) {
            (Value::Table(table), Step::Key(key)) => table.get_mut(key),
            (Value::Array(items), Step::Item(i)) => items.get_mut(*i),
            _ => None,
        })
}

fn apply_edit(root: &mut Value, edit: &Edit) {
    let mut all = Vec::new();
    paths(root, &mut Vec::new(), &mut all);
    let ending = |want_key: bool| -> Vec<Vec<Step>> {
        all.iter()
            .map(|(path, _)| path)
            .filter(|path| match path.last() {
                Some(Step::Key(_)) => want_key,
                Some(Step::Item(_)) => !want_key,
                None => false,
            })
            .cloned()
            .collect()
    };
    let free = |path: &Vec<Step>| matches!(path.last(), Some(Step::Key(key)) if FREE_TEXT_KEYS.contains(&key.as_str()));
    match edit {
        Edit::Text(at, text) | Edit::FreeText(at, text) => {
            let strings: Vec<&Vec<Step>> = all
                .iter()
                .filter(|(path, string)| *string && (matches!(edit, Edit::Text(..)) || free(path)))
                .map(|(p, _)| p)
                .collect();
            if !strings.is_empty() {
                let path = strings[at.index(strings.len())].clone();
                if let Some(target) = get_mut(root, &path) {
                    *target = Value::String(text.clone());
                }
            }
        }
        // Not the root: a catalog is a table, or it is not TOML at all.
        Edit::Value(at, value) if all.len() > 1 => {
            let path = all[1 + at.index(all.len() - 1)].0.clone();
            if let Some(target) = get_mut(root, &path) {
                *target = value.clone();
            }
        }
        Edit::Value(..) => {}
        Edit::Remove(at) | Edit::Rename(at, _) => {
            let keys = ending(true);
            if !keys.is_empty() {
                let mut path = keys[at.index(keys.len())].clone();
                if let Some(Step::Key(key)) = path.pop() {
                    if let Some(Value::Table(table)) = get_mut(root, &path) {
                        if let Some(value) = table.remove(&key) {
                            if let Edit::Rename(_, how) = edit {
                                table.insert(how.apply(&key), value);
                            }
                        }
                    }
                }
            }
        }
        Edit::Add(at, key, value) => {
            let tables: Vec<&Vec<Step>> = all
                .iter()
                .filter(|(path, _)| matches!(get(root, path), Some(Value::Table(_))))
                .map(|(p, _)| p)
                .collect();
            if !tables.is_empty() {
                let path = tables[at.index(tables.len())].clone();
                if let Some(Value::Table(table)) = get_mut(root, &path) {
                    table.insert(key.clone(), value.clone());
                }
            }
        }
        Edit::Duplicate(at) => {
            let items = ending(false);
            if !items.is_empty() {
                let mut path = items[at.index(items.len())].clone();
                path.pop();
                if let Some(Value::Array(array)) = get_mut(root, &path) {
                    if let Some(first) = array.first().cloned() {
                        array.push(first);
                    }
                }
            }
        }
    }
}

/// The keys whose strings the catalog copies verbatim into docs and literals.
const FREE_TEXT_KEYS: &[&str] = &[
    "name",
    "description",
    "troubleshooting",
    "notes",
    "field",
    "source",
    "provenance",
    "label",
    "doc",
    "title",
    "noun",
    "deprecated",
    "meaning",
    "advice",
];

/// Text for a string anywhere in a catalog: hostile text most of the time, and words
/// that other entries refer to or that the format knows, so that references and rules
/// sometimes still hold.
fn replacement_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => good_text(),
        2 => "[a-z][a-z0-9_]{0,8}",
        2 => pick_owned(real_words()),
        2 => pick_owned(real_keys()),
        2 => pick(&[
            "string", "integer", "boolean", "number", "object", "function", "one_of", "text",
            "custom", "id_selector", "certify_id", "any", "lower", "upper", "digit", "error",
            "warning", "official", "observed", "inferred", "key", "word", "words",
            "http_status", "Self", "ALL", "self", "r#type", "type", "fn", "_", "", "0",
            "init", "verify", "api", "docs/init.md", "docs/api.md", "ErrorCode", "ApiError",
            "VerifyCode", "FieldError", "Param", "Raised", "code", "field",
        ]),
        1 => pick(HOSTILE_WORDS),
        1 => bad_text(),
    ]
    .boxed()
}

fn value_edit() -> BoxedStrategy<Edit> {
    prop_oneof![
        6 => (any::<Index>(), good_text()).prop_map(|(at, text)| Edit::FreeText(at, text)),
        3 => (any::<Index>(), replacement_text()).prop_map(|(at, text)| Edit::Text(at, text)),
        1 => (any::<Index>(), any_value()).prop_map(|(at, value)| Edit::Value(at, value)),
        1 => any::<Index>().prop_map(Edit::Remove),
        1 => (any::<Index>(), misspelling()).prop_map(|(at, how)| Edit::Rename(at, how)),
        1 => (any::<Index>(), extra_key(), any_value()).prop_map(|(at, key, value)| Edit::Add(at, key, value)),
        1 => any::<Index>().prop_map(Edit::Duplicate),
    ]
    .boxed()
}

/// An edited real catalog: which one, the catalog, whether the other real catalogs are
/// generated with it, and whether the record of published keys is given.
#[derive(Clone, Debug)]
struct EditedCatalog {
    which: usize,
    catalog: Value,
    together: bool,
    published: bool,
}

fn edited_catalog() -> impl Strategy<Value = EditedCatalog> {
    let parsed: Vec<Value> = REAL
        .iter()
        .map(|(path, text)| {
            Value::Table(toml::from_str(text).unwrap_or_else(|e| panic!("{path} is not TOML: {e}")))
        })
        .collect();
    (
        0..REAL.len(),
        prop::collection::vec(value_edit(), 1..4),
        prop::bool::weighted(0.3),
        any::<bool>(),
    )
        .prop_map(move |(which, edits, together, published)| {
            let mut catalog = parsed[which].clone();
            for edit in &edits {
                apply_edit(&mut catalog, edit);
            }
            EditedCatalog {
                which,
                catalog,
                together,
                published,
            }
        })
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

fn runner(default_cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default_cases),
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn structural_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(384).run(&structural_catalog(), |table| {
        let source = toml::to_string(&table)
            .map_err(|error| TestCaseError::fail(format!("toml cannot write it: {error}")))?;
        check_source(&source, &stats)
    });
    let (accepted, rejected) = stats.report("structural catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    let total = accepted + rejected;
    assert!(
        accepted * 10 >= total && rejected * 10 >= total,
        "the strategy should make at least 10% good and 10% bad catalogs, made {accepted} good and {rejected} bad"
    );
    assert!(
        stats.rows.load(Ordering::Relaxed) > 0,
        "no accepted catalog had a row, so the emitters were barely reached"
    );
}

#[test]
fn mutated_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(192).run(&mutated_catalog(), |source| check_source(&source, &stats));
    let (accepted, rejected) = stats.report("mutated catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(
        accepted > 0 && rejected > 0,
        "mutations should leave some catalogs valid and break others, got {accepted} and {rejected}"
    );
}

#[test]
fn edited_real_catalogs_keep_every_property() {
    let stats = Stats::default();
    let result = runner(192).run(&edited_catalog(), |edited| {
        let source = toml::to_string(&edited.catalog)
            .map_err(|error| TestCaseError::fail(format!("toml cannot write it: {error}")))?;
        let (path, _) = REAL[edited.which];
        let mut sources = vec![(path, source.as_str())];
        if edited.together {
            sources.extend(
                REAL.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != edited.which)
                    .map(|(_, source)| *source),
            );
        }
        check_sources(&sources, edited.published.then_some(PUBLISHED), &stats)
    });
    let (accepted, rejected) = stats.report("edited real catalogs");
    if let Err(error) = result {
        panic!("{error}");
    }
    assert!(
        accepted > 0 && rejected > 0,
        "edits should leave some catalogs valid and break others, got {accepted} and {rejected}"
    );
}

#[test]
fn the_seed_catalogs_keep_every_property() {
    let stats = Stats::default();
    check_sources(REAL, Some(PUBLISHED), &stats).unwrap();
    for source in REAL.iter().chain(GOLDEN) {
        check_sources(&[*source], None, &stats).unwrap();
    }
    assert_eq!(stats.rejected.load(Ordering::Relaxed), 0);
}

#[test]
fn the_table_check_finds_a_broken_row() {
    assert_eq!(cells("| a | b \\| c | d \\\\|"), 3);
    let good = "| A | B |\n| --- | --- |\n| x \\| y | z |\n";
    assert!(check_tables("good", good, &[3]).is_ok());
    let unescaped = "| A | B |\n| --- | --- |\n| x | y | z |\n";
    assert!(check_tables("unescaped", unescaped, &[3]).is_err());
    let split = "| A | B |\n| --- | --- |\n| x<br>y | z |\n| x\ny | z |\n";
    assert!(check_tables("split", split, &[4]).is_err());
}

#[test]
fn the_name_check_finds_a_clash() {
    let clash = syn::parse_file("enum A {} struct A {}").unwrap();
    assert!(check_names_defined_once("clash", &clash).is_err());
    let methods = syn::parse_file("impl A { fn f() {} } impl A { fn f() {} }").unwrap();
    assert!(check_names_defined_once("methods", &methods).is_err());
    let fine = syn::parse_file("enum A {} fn a() {} impl A { fn a() {} } impl B for A {}").unwrap();
    assert!(check_names_defined_once("fine", &fine).is_ok());
}

#[test]
fn the_rustdoc_check_finds_a_doctest_and_html() {
    let doctest = syn::parse_file("/// Text.\n///\n///     let x = 1;\nfn f() {}").unwrap();
    assert!(check_rustdoc("doctest", &doctest).is_err());
    let fenced = syn::parse_file("#[doc = \"Text.\\n```\\nlet x = 1;\\n```\"]\nfn f() {}").unwrap();
    assert!(check_rustdoc("fenced", &fenced).is_err());
    let html = syn::parse_file("/// A <script> here.\nfn f() {}").unwrap();
    assert!(check_rustdoc("html", &html).is_err());
    let fine = syn::parse_file(
        "//! Header.\n/// A `code` span, a<br>break, <https://a.example>.\nfn f() {}",
    )
    .unwrap();
    assert!(check_rustdoc("fine", &fine).is_ok());
}

#[test]
fn the_deprecation_check_finds_an_item_that_does_not_allow_it() {
    let (path, text) = GOLDEN[0];
    let catalog = codegen::parse(text).unwrap();
    let generated = codegen::generate(&[CatalogSource { path, text }], None).unwrap();
    let rust = &generated
        .files
        .iter()
        .find(|f| f.path.ends_with(&format!("/{}.rs", catalog.module)))
        .unwrap()
        .contents;
    let parsed = syn::parse_file(rust).unwrap();
    assert!(check_deprecations("as generated", &parsed, &catalog).is_ok());
    let unallowed = syn::parse_file(&rust.replace("#[allow(deprecated)]", "")).unwrap();
    assert!(check_deprecations("without allow", &unallowed, &catalog).is_err());
    let unmarked = syn::parse_file(&rust.replace("#[deprecated", "#[doc")).unwrap();
    assert!(check_deprecations("without deprecated", &unmarked, &catalog).is_err());
}

// ---------------------------------------------------------------------------------------
// Regressions: catalogs the properties failed on, reduced
// ---------------------------------------------------------------------------------------

/// Checks every property of one catalog generated alone, panicking with what failed.
fn assert_properties(source: &str) {
    if let Err(error) = check_source(source, &Stats::default()) {
        panic!("{error}\n--- the catalog ---\n{source}");
    }
}

/// The declarations every regression catalog starts with.
const REGRESSION_HEADER: &str = r#"
[catalog]
name = "N"
source = "S"
provenance = "P"
module = "m"
docs = "docs/m.md"
"#;

#[test]
fn regression_a_word_with_a_pipe_keeps_the_vocabulary_table() {
    // The docs page's vocabulary table writes each word in a code span without
    // escaping it; the `|` then splits the row into three cells under a two-cell header.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[vocabulary.v]
doc = "D."
words = [{{ word = "a|b", doc = "W." }}]

[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]
"#
    ));
}

#[test]
fn regression_a_scope_word_with_a_pipe_keeps_the_parameter_table() {
    // The parameters table writes the scope word of each param without escaping it.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}type_error = {{ t = "x" }}

[vocabulary.scope]
doc = "D."
words = [{{ word = "in|it", variant = "Init", doc = "W." }}]

[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]

[[t]]
k = "x"

[[param]]
name = "p"
scope = "in|it"
type = "boolean"
required = false
rule = "any"
raises = {{ t = "x" }}
severity = "error"
confidence = "official"
doc = "D."
"#
    ));
}

#[test]
fn regression_a_type_named_after_a_table_type_and_row() {
    // The table type `T` makes the private struct `TRow`; the vocabulary type `TRow` is
    // accepted, so the module defines `TRow` twice and does not compile.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[vocabulary.v]
type = "TRow"
doc = "D."
words = [{{ word = "w", doc = "W." }}]

[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]
"#
    ));
}

#[test]
fn regression_two_types_with_the_same_shouty_snake_case_name() {
    // `HttpStatus` and `HTTPStatus` are different types, but both make the static
    // `HTTP_STATUS_ROWS`, so the module defines it twice and does not compile.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[table.a]
type = "HttpStatus"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]

[table.b]
type = "HTTPStatus"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]
"#
    ));
}

#[test]
fn regression_a_module_name_that_typescript_reserves() {
    // `new` is a Rust name but a TypeScript reserved word: the TypeScript emitter fails,
    // and the catalog is refused with a diagnostic in `ts/src/generated/index.ts`, a file
    // that was not given, at 0..0, instead of at the catalog's `module`.
    let source = REGRESSION_HEADER.replace(r#"module = "m""#, r#"module = "new""#)
        + r#"
[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
columns = [{ name = "k", kind = "key" }]
"#;
    assert_properties(&source);
}

#[test]
fn regression_an_empty_summary_makes_no_table_without_columns() {
    // `summary = []` is accepted, and the README section then holds a "table" whose
    // header, separator and rows are all `|  |`: no column, no separator row.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}readme_section = "m"

[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
summary = []
columns = [{{ name = "k", kind = "key" }}]

[[t]]
k = "x"
"#
    ));
}

/// The loader and checker alone (`codegen::parse`, no emitting), on mutated catalogs:
/// never a panic, and every rejection located inside the text. Cheap enough for a long
/// run: `LOADER_FUZZ_CASES=1000000 cargo test --release -p codegen --test fuzz the_loader -- --nocapture`.
#[test]
fn the_loader_never_panics_on_mutated_catalogs() {
    let cases = std::env::var("LOADER_FUZZ_CASES")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(256);
    let executions = AtomicUsize::new(0);
    let rejected = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&mutated_catalog(), |source| {
            executions.fetch_add(1, Ordering::Relaxed);
            if let Err(diagnostics) = codegen::parse(&source) {
                rejected.fetch_add(1, Ordering::Relaxed);
                check_diagnostics(PATH, &source, &diagnostics)?;
            }
            Ok(())
        })
        .unwrap_or_else(|error| panic!("{error}"));
    println!(
        "the loader: {} executions, {} rejected",
        executions.load(Ordering::Relaxed),
        rejected.load(Ordering::Relaxed)
    );
}
