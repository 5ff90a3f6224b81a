//! Every link between generated Markdown resolves: each docs page (English and
//! translated) and README section, read by a real Markdown parser, links only to web
//! addresses, to files the same generation wrote, and to anchors those files hold. Run
//! on the real catalogs together and on each golden catalog alone. The English page of
//! a translated catalog links to each translation and each translation back to it.

use std::fs;
use std::path::Path;

use codegen::emit::docs_locales::pages;
use codegen::{CatalogSource, Generated};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// A catalog of the repository: the path `cargo xtask gen` generates it under, and its text.
macro_rules! real {
    ($name:literal) => {
        CatalogSource {
            path: concat!("catalog/", $name),
            text: include_str!(concat!("../../catalog/", $name)),
        }
    };
}

/// The real catalogs, generated together.
const REAL: &[CatalogSource<'static>] = &[
    real!("init.toml"),
    real!("verify.toml"),
    real!("api.toml"),
    real!("endpoints.toml"),
];

/// The record of published keys of the real catalogs.
const PUBLISHED: &str = include_str!("../../catalog/published-keys.txt");

/// A Markdown text to check: the path it is read from (for README sections, the README)
/// and its text.
struct Page<'g> {
    path: &'g str,
    text: &'g str,
}

/// Every Markdown text of `generated`: the `.md` files and the README sections.
fn markdown(generated: &Generated) -> Vec<Page<'_>> {
    let files = generated
        .files
        .iter()
        .filter(|file| file.path.ends_with(".md"))
        .map(|file| Page {
            path: &file.path,
            text: &file.contents,
        });
    let sections = generated.readme_sections.iter().map(|section| Page {
        path: codegen::README_MD,
        text: &section.text,
    });
    files.chain(sections).collect()
}

/// The destination of every link of `text`, as a Markdown parser reads it.
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// `target` (a path relative to the folder of `from`) as a path from the workspace
/// root, or `None` if it climbs out of it.
fn resolve(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Every link of `generated` that does not resolve, as `page -> destination: why`.
fn broken_links(generated: &Generated) -> Vec<String> {
    let mut broken = Vec::new();
    for page in markdown(generated) {
        for link in links(page.text) {
            if link.contains("://") {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                Some(page.path.to_owned())
            } else {
                resolve(page.path, path)
            };
            let file = target
                .as_deref()
                .and_then(|target| generated.files.iter().find(|f| f.path == target));
            let why = match file {
                None => "no such generated file",
                Some(file) if !fragment.is_empty() => {
                    if file.contents.contains(&format!("id=\"{fragment}\"")) {
                        continue;
                    }
                    "no such anchor"
                }
                Some(_) => continue,
            };
            broken.push(format!("{} -> {link}: {why}", page.path));
        }
    }
    broken
}

/// The contents of the generated file at `path`.
fn contents<'g>(generated: &'g Generated, path: &str) -> &'g str {
    generated
        .files
        .iter()
        .find(|file| file.path == path)
        .map(|file| file.contents.as_str())
        .unwrap_or_else(|| panic!("{path} was not generated"))
}

/// Checks the links of one generation, and that each translated page and its English
/// page link to each other; returns how many translated pages there were.
fn check(what: &str, sources: &[CatalogSource<'_>], published: Option<&str>) -> usize {
    let generated = codegen::generate(sources, published)
        .unwrap_or_else(|problems| panic!("{what} is invalid: {problems:?}"));
    let broken = broken_links(&generated);
    assert!(
        broken.is_empty(),
        "{what}: broken links:\n{}",
        broken.join("\n")
    );
    let mut translated = 0;
    for source in sources {
        let catalog = codegen::parse(source.text).expect("generated, so valid");
        let english = contents(&generated, &catalog.docs);
        let english_links = links(english);
        for (_, path) in pages(&catalog) {
            translated += 1;
            let back = links(contents(&generated, &path));
            assert!(
                back.iter()
                    .any(|link| resolve(&path, link).as_deref() == Some(&catalog.docs)),
                "{path} does not link to {}: {back:?}",
                catalog.docs
            );
            assert!(
                english_links
                    .iter()
                    .any(|link| resolve(&catalog.docs, link).as_deref() == Some(&path)),
                "{} does not link to {path}: {english_links:?}",
                catalog.docs
            );
        }
    }
    translated
}

#[test]
fn every_link_of_the_real_catalogs_resolves() {
    let translated = check("the real catalogs", REAL, Some(PUBLISHED));
    assert!(
        translated >= 2,
        "the real catalogs have {translated} translated pages"
    );
}

#[test]
fn every_link_of_each_golden_catalog_resolves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut translated = 0;
    for entry in fs::read_dir(&dir).expect("the golden catalogs") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_none_or(|ext| ext != "toml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a golden catalog");
        let name = path.file_name().and_then(|name| name.to_str());
        let shown = format!("tests/golden/{}", name.expect("a UTF-8 file name"));
        translated += check(
            &shown,
            &[CatalogSource {
                path: &shown,
                text: &text,
            }],
            None,
        );
    }
    assert!(translated >= 2, "no golden catalog has translated pages");
}

#[test]
fn a_link_to_a_missing_file_or_anchor_is_reported() {
    let generated = codegen::generate(&REAL[..1], None).expect("valid");
    let mut broken = generated.clone();
    let page = broken
        .files
        .iter_mut()
        .find(|file| file.path == "docs/zh-CN/init.md")
        .expect("a translated page");
    page.contents
        .push_str("\n[a](../init.md#no-such-row) [b](../nowhere.md) [c](#code-throttling)\n");
    assert_eq!(
        broken_links(&broken),
        vec![
            "docs/zh-CN/init.md -> ../init.md#no-such-row: no such anchor",
            "docs/zh-CN/init.md -> ../nowhere.md: no such generated file",
        ]
    );
    assert!(broken_links(&generated).is_empty());
    assert_eq!(resolve("docs/zh-CN/a.md", "../../../x.md"), None);
    assert_eq!(
        resolve("README.md", "docs/init.md").as_deref(),
        Some("docs/init.md")
    );
}
