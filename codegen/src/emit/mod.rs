//! Stage 3, emit: checked catalogs in, generated texts out. [`rust`] writes the modules
//! of `captcha-errors`, [`docs`] the docs pages and README sections, [`published`]
//! the record of published keys, [`typescript`] the modules of the `ts/` package and
//! [`schema`] the JSON Schemas of the init config and of the catalog format.

pub mod changelog;
pub mod docs;
pub(crate) mod docs_params;
pub mod published;
pub mod rust;
pub mod schema;
pub mod typescript;
