//! The modules `cargo xtask gen` writes from `catalog/errors.toml`. This file is
//! hand-written; the modules it lists are generated (formatted by prettyplease, hence
//! skipped by rustfmt) and never edited by hand.

#[rustfmt::skip]
pub mod codes;
#[rustfmt::skip]
pub mod fields;
#[rustfmt::skip]
pub mod params;
#[rustfmt::skip]
pub mod vocabulary;
