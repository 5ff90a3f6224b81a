//! The repository's `README.md`: each of its Rust examples is compiled and run as a doctest
//! (`cargo test -p readme-doctests --doc`), against both library crates with every feature.
//! The crates' own READMEs, which their packages ship, are doctests of those crates.

#![forbid(unsafe_code)]

/// The repository README, whose code blocks are this crate's doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
