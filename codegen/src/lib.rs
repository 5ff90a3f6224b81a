//! The code generator of `captcha-errors`: catalog text in, generated texts out.
//!
//! The stages, one module each: [`load`] reads the TOML keeping every span, [`check`]
//! validates meaning and produces a [`model::Catalog`], [`emit_rust`] and
//! [`emit_markdown`] turn it into the generated files; [`text_safety`] refuses hidden
//! characters. [`generate`] runs them all. The
//! library is pure: it reads no file and writes none; `xtask` does the I/O.

pub mod check;
pub mod check_params;
pub mod diagnostic;
pub mod emit_markdown;
pub mod emit_params;
pub mod emit_rust;
pub mod load;
pub mod markdown;
pub mod model;
pub mod names;
pub mod readme;
pub mod suggest;
pub mod text_safety;
pub mod vocabulary;

use diagnostic::Diagnostic;

/// Where the generated Rust for the vocabularies goes, relative to the workspace root.
pub const VOCABULARY_RS: &str = "captcha-errors/src/generated/vocabulary.rs";
/// Where the generated `ErrorCode` module goes.
pub const CODES_RS: &str = "captcha-errors/src/generated/codes.rs";
/// Where the generated `FieldError` module goes.
pub const FIELDS_RS: &str = "captcha-errors/src/generated/fields.rs";
/// Where the generated `Param` module with the validators goes.
pub const PARAMS_RS: &str = "captcha-errors/src/generated/params.rs";
/// Where the rendered error tables go.
pub const ERRORS_MD: &str = "docs/errors.md";
/// The README whose generated section [`Generated::readme_section`] fills.
pub const README_MD: &str = "README.md";

/// One generated file: its path relative to the workspace root and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the workspace root, with `/` separators.
    pub path: &'static str,
    /// The complete contents.
    pub contents: String,
}

/// Everything generated from one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files generated whole.
    pub files: Vec<GeneratedFile>,
    /// The text for the README's generated section; see [`readme::splice`].
    pub readme_section: String,
    /// The hand-written functions the catalog's `custom` rules call; they must exist in
    /// `captcha-errors/src/custom.rs`.
    pub custom_functions: Vec<String>,
}

/// Loads, checks and emits a catalog. `catalog_path` is only written into the generated
/// headers and should be relative, so output does not depend on the machine. Returns
/// every problem in the catalog, sorted by position, if there is any.
pub fn generate(catalog_path: &str, source: &str) -> Result<Generated, Vec<Diagnostic>> {
    let catalog = parse(source)?;
    let internal = |message: String| vec![Diagnostic::new(0..0, message)];
    let files = vec![
        GeneratedFile {
            path: VOCABULARY_RS,
            contents: emit_rust::vocabulary_module(catalog_path).map_err(internal)?,
        },
        GeneratedFile {
            path: CODES_RS,
            contents: emit_rust::codes_module(&catalog, catalog_path).map_err(internal)?,
        },
        GeneratedFile {
            path: FIELDS_RS,
            contents: emit_rust::fields_module(&catalog, catalog_path).map_err(internal)?,
        },
        GeneratedFile {
            path: PARAMS_RS,
            contents: emit_params::params_module(&catalog, catalog_path).map_err(internal)?,
        },
        GeneratedFile {
            path: ERRORS_MD,
            contents: emit_markdown::errors_page(&catalog, catalog_path),
        },
    ];
    Ok(Generated {
        files,
        readme_section: emit_markdown::readme_section(&catalog),
        custom_functions: catalog
            .custom_functions()
            .into_iter()
            .map(str::to_owned)
            .collect(),
    })
}

/// Loads and checks a catalog without emitting anything.
pub fn parse(source: &str) -> Result<model::Catalog, Vec<Diagnostic>> {
    let (raw, diagnostics) = load::load(source);
    check::check(raw, diagnostics)
}
