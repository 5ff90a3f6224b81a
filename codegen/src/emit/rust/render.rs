//! Printing a generated module: each part (an item or a few) is built as tokens, parsed
//! and printed by prettyplease on its own, on every core, and the texts are joined in
//! order. prettyplease prints a file's items one after another, so the result is the
//! text it would print for the whole module at once.

use proc_macro2::TokenStream;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

/// A part of a generated module, built when it is printed: token streams cannot cross
/// threads, so each part is built on the thread that prints it.
pub(crate) type Part<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// A part made of `build`.
pub(crate) fn part<'a>(build: impl Fn() -> TokenStream + Send + Sync + 'a) -> Part<'a> {
    Box::new(build)
}

/// The module made of `parts`, in order: the first may hold the module's inner
/// attributes.
pub(crate) fn render_parts(parts: &[Part<'_>]) -> Result<String, String> {
    let texts: Vec<String> = parts
        .par_iter()
        .map(|build| render(build()))
        .collect::<Result<_, _>>()?;
    Ok(texts.concat())
}

/// Parses the tokens as a file and prints them with prettyplease.
pub(crate) fn render(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|error| format!("internal error: generated Rust does not parse: {error}"))?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn parts_print_as_the_whole_module_would() {
        let header = || quote!(#![doc = " A module."]);
        let first = || quote!(pub struct A; impl A { pub fn a(self) -> u8 { 1 } });
        let second = || {
            quote!(
                pub enum B {
                    X,
                    Y,
                }
                const C: [u8; 2] = [1, 2];
            )
        };
        let (h, f, s) = (header(), first(), second());
        let whole = render(quote!(#h #f #s)).expect("renders");
        let joined = render_parts(&[part(header), part(first), part(second)]).expect("renders");
        assert_eq!(joined, whole);
    }

    #[test]
    fn a_part_that_does_not_parse_is_an_error() {
        let broken = render_parts(&[part(|| quote!(fn))]);
        assert!(broken.unwrap_err().contains("does not parse"));
    }
}
