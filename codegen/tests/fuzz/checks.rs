//! The properties every input must keep: what `generate` answers, checked whole.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::diagnostic::Diagnostic;
use codegen::model::{Catalog, Cell, Rule};
use codegen::{CatalogSource, FileDiagnostics, Generated};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use quote::ToTokens;

use crate::PATH;

/// What one execution saw, for the counts a run prints.
#[derive(Default)]
pub(crate) struct Stats {
    pub(crate) executions: AtomicUsize,
    pub(crate) accepted: AtomicUsize,
    pub(crate) rejected: AtomicUsize,
    pub(crate) rows: AtomicUsize,
    pub(crate) params: AtomicUsize,
}

impl Stats {
    pub(crate) fn report(&self, name: &str) -> (usize, usize) {
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
pub(crate) fn check_sources(
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
pub(crate) fn check_source(source: &str, stats: &Stats) -> Result<(), TestCaseError> {
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

pub(crate) fn check_diagnostics(
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
    check_translated_pages(generated, catalog)
}

/// Checks each translated page of the catalog: it says it is generated, has one
/// Markdown table per translated table with a row per entry (each of the header's width),
/// and, read by a real Markdown parser, holds no HTML but the rows' anchors and `<br>`
/// and links only to the English page.
fn check_translated_pages(generated: &Generated, catalog: &Catalog) -> Result<(), TestCaseError> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let english = catalog.docs.rsplit('/').next().unwrap_or(&catalog.docs);
    let english = format!("../{english}");
    for (_, path) in codegen::emit::docs_locales::pages(catalog) {
        let page = generated_file(generated, &path)?;
        prop_assert!(
            page.starts_with("<!-- @generated"),
            "{} does not say it is generated",
            path
        );
        let expected: Vec<usize> = catalog
            .tables
            .iter()
            .filter(|table| table.is_translated())
            .map(|table| table.rows.len() + 2)
            .collect();
        check_tables(&path, page, &expected)?;
        for event in Parser::new_ext(page, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => prop_assert!(
                    dest_url.as_ref() == english || dest_url.starts_with(&format!("{english}#")),
                    "{}: a link to {} in {}",
                    path,
                    dest_url,
                    page
                ),
                Event::InlineHtml(html) => prop_assert!(
                    html.starts_with("<a id=\"") || matches!(&*html, "</a>" | "<br>"),
                    "{}: the HTML {:?} in {}",
                    path,
                    html,
                    page
                ),
                Event::Html(html) => prop_assert!(
                    html.starts_with("<!-- @generated"),
                    "{}: the HTML block {:?}",
                    path,
                    html
                ),
                _ => {}
            }
        }
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
pub(crate) fn check_names_defined_once(path: &str, file: &syn::File) -> Result<(), TestCaseError> {
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
pub(crate) fn check_rustdoc(path: &str, file: &syn::File) -> Result<(), TestCaseError> {
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
pub(crate) fn check_deprecations(
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
pub(crate) fn cells(row: &str) -> usize {
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
pub(crate) fn check_tables(what: &str, text: &str, rows: &[usize]) -> Result<(), TestCaseError> {
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
