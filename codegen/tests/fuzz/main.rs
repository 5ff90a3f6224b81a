//! Property-based fuzzing of [`codegen::generate`] with proptest.
//!
//! Three kinds of input, each a module of this folder:
//! (a) `structural`: catalogs built structurally: a `[catalog]` table, `[vocabulary.*]` and `[table.*]`
//!     declarations, and rows of the declared tables whose keys are right, misspelt,
//!     missing or extra, whose values are of any TOML type and whose strings are hostile
//!     Unicode or words of the declared vocabularies (taken, like known keys and names,
//!     from the real catalogs as `codegen::parse` reads them), serialised with the `toml`
//!     crate so the TOML is well formed; at higher noise levels any value of the
//!     declarations is replaced, removed or renamed as well;
//! (b) `mutations`: the real catalogs (`catalog/*.toml`) and the golden catalogs with random
//!     character, line and byte mutations;
//! (c) `edits`: a real catalog, parsed, with a few strings or values anywhere in it replaced
//!     (this reaches the `[[param]]` emitters with hostile text), generated alone or
//!     together with the other real catalogs and the record of published keys.
//!
//! `values` holds the text and values they draw from. The properties (`checks`), for
//! every input: `generate` never panics and gives the same answer
//! twice. A rejection names only files it was given, and has diagnostics whose spans
//! (and labels' spans) lie within their file's text and whose messages say something.
//! An acceptance has generated `.rs` files that parse with `syn`, say they are
//! generated, define each name once (items, enum variants, methods of a type, trait
//! impls), give every deprecated row's variant `#[deprecated]` and name such a variant
//! only inside items that allow it, and hold no doc comment that rustdoc would read as a
//! code block (a doctest) or HTML other than `<br>`; every text cell of every row, every word and every
//! param's name, doc, values and labels in the Rust source as an escaped string literal;
//! docs pages (translated ones too) and README sections whose Markdown tables have one
//! row per entry and, in every row, as many cells as the header, and (on the page) a line per table listing its
//! metric labels that a Markdown parser reads back as the keys and `_OTHER`, the noun
//! shown as written; the module list naming every module, and the published record
//! listing every row.
//!
//! By default the properties run 384, 192 and 192 cases, which keeps a debug `cargo test`
//! quick. For a long run set `FUZZ_CASES` (cases per property):
//! `FUZZ_CASES=20000 cargo test --release -p codegen --test fuzz -- --nocapture`; each
//! property prints how many executions it made and how many catalogs it accepted, and
//! fails unless a share of them were accepted (their output checked) and a share
//! rejected (their diagnostics checked).
//!
//! The tests named `regression_*` (`regressions`) hold catalogs the properties failed
//! on, reduced to what shows the problem; each fails until the generator is fixed.

mod checks;
mod edits;
mod mutations;
mod regressions;
mod structural;
mod values;

use std::sync::atomic::Ordering;

use codegen::CatalogSource;
use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use checks::{
    cells, check_deprecations, check_diagnostics, check_names_defined_once, check_rustdoc,
    check_source, check_sources, check_tables, Stats,
};
use edits::edited_catalog;
use mutations::mutated_catalog;
use structural::structural_catalog;

/// The path a lone catalog is generated under, as headers and diagnostics show it.
const PATH: &str = "catalog/fuzz.toml";

/// A catalog of the repository: the path `cargo xtask gen` generates it under, and its text.
macro_rules! real {
    ($name:literal) => {
        (
            concat!("catalog/", $name),
            include_str!(concat!("../../../catalog/", $name)),
        )
    };
}

/// A golden catalog: its path in this crate, and its text.
macro_rules! golden {
    ($name:literal) => {
        (
            concat!("tests/golden/", $name),
            include_str!(concat!("../golden/", $name)),
        )
    };
}

/// The real catalogs, with the paths `cargo xtask gen` generates them under.
const REAL: &[(&str, &str)] = &[
    real!("init.toml"),
    real!("verify.toml"),
    real!("api.toml"),
    real!("endpoints.toml"),
];

/// The record of published keys of the real catalogs.
const PUBLISHED: &str = include_str!("../../../catalog/published-keys.txt");

/// The golden catalogs, each generated alone.
const GOLDEN: &[(&str, &str)] = &[
    golden!("deprecated.toml"),
    golden!("grpc.toml"),
    golden!("hostile.toml"),
    golden!("locales.toml"),
    golden!("minimal.toml"),
    golden!("params.toml"),
    golden!("small.toml"),
    golden!("variants.toml"),
    golden!("vocabulary.toml"),
];

/// How many cases a property runs: the whole number in the environment variable
/// `variable`, or `default` (chosen so that a debug `cargo test` stays quick; the
/// strategies built on the real catalogs cost more per case).
fn cases(variable: &str, default: u32) -> u32 {
    match std::env::var(variable) {
        Ok(text) => text
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{variable} must be a whole number, not {text:?}")),
        Err(_) => default,
    }
}

/// Runs `property` on `FUZZ_CASES` (or `default_cases`) inputs of `strategy`, counting
/// into one [`Stats`]; panics with the failure, else prints the counts and asserts that
/// at least `percent` percent of the executions were accepted (their output checked)
/// and as many rejected (their diagnostics checked).
fn run_property<S: Strategy>(
    name: &str,
    default_cases: u32,
    percent: usize,
    strategy: S,
    property: impl Fn(S::Value, &Stats) -> Result<(), TestCaseError>,
) -> Stats {
    let stats = Stats::default();
    let mut runner = TestRunner::new(Config {
        cases: cases("FUZZ_CASES", default_cases),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&strategy, |value| property(value, &stats));
    let (accepted, rejected) = stats.report(name);
    if let Err(error) = result {
        panic!("{error}");
    }
    let total = accepted + rejected;
    assert!(
        accepted * 100 >= total * percent && rejected * 100 >= total * percent,
        "{name}: the strategy should make at least {percent}% good and {percent}% bad \
         catalogs, made {accepted} good and {rejected} bad"
    );
    stats
}

/// Serialises a built or edited catalog.
fn to_toml(value: &toml::Value) -> Result<String, TestCaseError> {
    toml::to_string(value)
        .map_err(|error| TestCaseError::fail(format!("toml cannot write it: {error}")))
}

#[test]
fn structural_catalogs_keep_every_property() {
    let stats = run_property(
        "structural catalogs",
        384,
        10,
        structural_catalog(),
        |table, stats| check_source(&to_toml(&toml::Value::Table(table))?, stats),
    );
    assert!(
        stats.rows.load(Ordering::Relaxed) > 0,
        "no accepted catalog had a row, so the emitters were barely reached"
    );
}

#[test]
fn mutated_catalogs_keep_every_property() {
    // Mutations should leave some catalogs valid and break others (measured at 192
    // cases: 15% to 20% valid).
    run_property(
        "mutated catalogs",
        192,
        8,
        mutated_catalog(),
        |source, stats| check_source(&source, stats),
    );
}

#[test]
fn edited_real_catalogs_keep_every_property() {
    // Edits should leave some catalogs valid and break others (measured at 192 cases:
    // 20% to 31% valid).
    run_property(
        "edited real catalogs",
        192,
        10,
        edited_catalog(),
        |edited, stats| {
            let source = to_toml(&edited.catalog)?;
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
            check_sources(&sources, edited.published.then_some(PUBLISHED), stats)
        },
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

/// The loader and checker alone (`codegen::parse`, no emitting), on mutated catalogs:
/// never a panic, and every rejection located inside the text; at least a tenth of the
/// catalogs are rejected, so that the diagnostics are checked. Cheap enough for a long
/// run: `LOADER_FUZZ_CASES=1000000 cargo test --release -p codegen --test fuzz the_loader -- --nocapture`.
#[test]
fn the_loader_never_panics_on_mutated_catalogs() {
    let stats = Stats::default();
    let mut runner = TestRunner::new(Config {
        cases: cases("LOADER_FUZZ_CASES", 256),
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&mutated_catalog(), |source| {
            stats.executions.fetch_add(1, Ordering::Relaxed);
            match codegen::parse(&source) {
                Ok(_) => stats.accepted.fetch_add(1, Ordering::Relaxed),
                Err(diagnostics) => {
                    check_diagnostics(PATH, &source, &diagnostics)?;
                    stats.rejected.fetch_add(1, Ordering::Relaxed)
                }
            };
            Ok(())
        })
        .unwrap_or_else(|error| panic!("{error}"));
    let (accepted, rejected) = stats.report("the loader");
    assert!(
        rejected * 10 >= accepted + rejected,
        "the loader rejected {rejected} of {} mutated catalogs, fewer than a tenth: too few \
         diagnostics were checked",
        accepted + rejected
    );
}
