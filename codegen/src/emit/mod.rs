//! Stage 3, emit: a [`crate::check::CheckedSet`] in, every generated text out. Each
//! output is one module with one function `emit(&CheckedSet) -> Vec<Output>` that owns
//! the paths it writes, registered in [`crate::OUTPUTS`]; the contract is in
//! [`output`]. [`rust`] writes the modules of `captcha-errors`, [`docs`] the docs pages
//! and README sections, [`docs_locales`] the docs pages in each locale besides English,
//! [`typescript`] the modules of the `ts/` package, [`schema`] the JSON Schemas of the
//! init config and of the catalog format, and [`published`] the record of published keys. None of them can fail: every name they declare was
//! reserved by [`crate::check`].

pub mod changelog;
pub mod docs;
pub mod docs_locales;
pub(crate) mod docs_params;
pub mod output;
pub mod published;
pub mod rust;
pub mod schema;
pub mod typescript;
