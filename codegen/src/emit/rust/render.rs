//! Printing a generated module: each part (an item or a few) is built as tokens, parsed
//! and printed by prettyplease on its own, on every core, and the texts are joined in
//! order. prettyplease prints a file's items one after another, so the result is the
//! text it would print for the whole module at once.
//!
//! A part may leave an array empty in its tokens and fill it in the parsed tree (see
//! [`super::trees`]): syn would otherwise re-read every literal of a 10,000-row column
//! that quote just wrote.

use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

use super::tokens::ident;

/// Builds a part's tokens.
type Build<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// Fills in, in a part's parsed tree, what its tokens left out (called on the thread that
/// prints the part, as syntax trees cannot cross threads either).
pub(crate) type Fill<'a> = Box<dyn Fn(&mut syn::File) -> Result<(), String> + Send + Sync + 'a>;

/// A piece of [`braced_parts`] or an item of [`module_parts`]: its tokens, and what to
/// fill in once they are parsed.
pub(crate) struct Piece<'a> {
    build: Build<'a>,
    fill: Option<Fill<'a>>,
}

/// A part of a generated module, built when it is printed (token streams cannot cross
/// threads, so each part is built on the thread that prints it), and which of its
/// printed lines it keeps.
pub(crate) struct Part<'a> {
    build: Build<'a>,
    fill: Option<Fill<'a>>,
    keep: Keep,
}

/// The lines of a part's printed text that go into the module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    /// Every line.
    All,
    /// All but the last: the opening of a module whose items follow.
    AllButLast,
    /// All but the first and the last: items printed inside a module of their own.
    Inner,
    /// All but the first: the last items of a module, and its closing brace.
    AllButFirst,
}

/// A part made of `build`.
pub(crate) fn part<'a>(build: impl Fn() -> TokenStream + Send + Sync + 'a) -> Part<'a> {
    Part {
        build: Box::new(build),
        fill: None,
        keep: Keep::All,
    }
}

/// A part made of `build`, whose parsed tree `fill` completes.
pub(crate) fn filled_part<'a>(
    build: impl Fn() -> TokenStream + Send + Sync + 'a,
    fill: impl Fn(&mut syn::File) -> Result<(), String> + Send + Sync + 'a,
) -> Part<'a> {
    Part {
        build: Box::new(build),
        fill: Some(Box::new(fill)),
        keep: Keep::All,
    }
}

/// The parts of one braced item (a module, an enum) whose body is `pieces`, which print
/// as it would whole: the first piece inside `whole` (the item with its attributes), each
/// other inside `bare` (the item alone, whose first printed line is its opening and last
/// its closing brace), at the indentation and line width it will have, with the lines of
/// the opening and closing cut where another piece continues the body. prettyplease
/// prints a module's items, and an enum's variants, one after another on lines of their
/// own, so the joined text is the whole item's.
pub(crate) fn braced_parts<'a>(
    whole: impl Fn(TokenStream) -> TokenStream + Send + Sync + 'a,
    bare: impl Fn(TokenStream) -> TokenStream + Send + Sync + 'a,
    pieces: Vec<Piece<'a>>,
) -> Vec<Part<'a>> {
    let count = pieces.len();
    let bare = Arc::new(bare);
    let mut pieces = pieces.into_iter();
    let (first, first_fill) = match pieces.next() {
        Some(Piece { build, fill }) => (Some(build), fill),
        None => (None, None),
    };
    let mut parts = vec![Part {
        build: Box::new(move || whole(first.as_ref().map(|piece| piece()).unwrap_or_default())),
        fill: first_fill,
        keep: if count > 1 {
            Keep::AllButLast
        } else {
            Keep::All
        },
    }];
    for (index, Piece { build, fill }) in pieces.enumerate() {
        let bare = Arc::clone(&bare);
        parts.push(Part {
            build: Box::new(move || bare(build())),
            fill,
            keep: if index + 2 == count {
                Keep::AllButFirst
            } else {
                Keep::Inner
            },
        });
    }
    parts
}

/// The parts of the module `#outer mod #name { #opening #(items)* }`: see
/// [`braced_parts`]. `outer` holds the module's doc and attributes.
pub(crate) fn module_parts<'a>(
    name: &str,
    outer: impl Fn() -> TokenStream + Send + Sync + 'a,
    opening: impl Fn() -> TokenStream + Send + Sync + 'a,
    items: Vec<Piece<'a>>,
) -> Vec<Part<'a>> {
    let (whole_name, bare_name) = (name.to_owned(), name.to_owned());
    let whole = move |inner: TokenStream| {
        let (name, outer) = (ident(&whole_name), outer());
        quote!(#outer mod #name { #inner })
    };
    let bare = move |inner: TokenStream| {
        let name = ident(&bare_name);
        quote!(mod #name { #inner })
    };
    let mut pieces = vec![item(opening)];
    pieces.extend(items);
    braced_parts(whole, bare, pieces)
}

/// A piece of [`braced_parts`] or an item of [`module_parts`], built by `build`.
pub(crate) fn item<'a>(build: impl Fn() -> TokenStream + Send + Sync + 'a) -> Piece<'a> {
    Piece {
        build: Box::new(build),
        fill: None,
    }
}

/// [`item`], whose parsed tree `fill` completes.
pub(crate) fn filled_item<'a>(
    build: impl Fn() -> TokenStream + Send + Sync + 'a,
    fill: impl Fn(&mut syn::File) -> Result<(), String> + Send + Sync + 'a,
) -> Piece<'a> {
    Piece {
        build: Box::new(build),
        fill: Some(Box::new(fill)),
    }
}

/// The module made of `parts`, in order: the first may hold the module's inner
/// attributes.
pub(crate) fn render_parts(parts: &[Part<'_>]) -> Result<String, String> {
    // One task per part: a few of them are much bigger than the rest.
    let texts: Vec<String> = parts
        .par_iter()
        .with_max_len(1)
        .map(|part| {
            let text = render_filled((part.build)(), part.fill.as_ref())?;
            Ok(kept_lines(&text, part.keep))
        })
        .collect::<Result<_, String>>()?;
    Ok(texts.concat())
}

/// The lines of `text` that `keep` keeps.
fn kept_lines(text: &str, keep: Keep) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (skip_first, skip_last) = match keep {
        Keep::All => (0, 0),
        Keep::AllButLast => (0, 1),
        Keep::Inner => (1, 1),
        Keep::AllButFirst => (1, 0),
    };
    let end = lines.len().saturating_sub(skip_last).max(skip_first);
    lines[skip_first.min(end)..end].concat()
}

/// Parses the tokens as a file and prints them with prettyplease.
pub(crate) fn render(tokens: TokenStream) -> Result<String, String> {
    render_filled(tokens, None)
}

/// [`render`], with `fill` applied to the parsed file before it is printed.
fn render_filled(tokens: TokenStream, fill: Option<&Fill<'_>>) -> Result<String, String> {
    let mut file: syn::File = syn::parse2(tokens)
        .map_err(|error| format!("internal error: generated Rust does not parse: {error}"))?;
    if let Some(fill) = fill {
        fill(&mut file)?;
    }
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::rust::trees;

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
    fn a_module_in_parts_prints_as_it_would_whole() {
        let name = quote::format_ident!("columns");
        let outer = || quote!(#[doc = " The columns."] #[allow(dead_code)]);
        let opening = || {
            quote!(
                use super::*;
            )
        };
        let long = "a long text that does not fit on one line with the others at all";
        let items = vec![
            item(move || quote!(pub(super) static A: [&str; 3] = [#long, #long, #long];)),
            item(|| {
                quote!(
                    pub(super) static B: [u16; 2] = [400, 403];
                )
            }),
            item(|| {
                quote!(
                    pub(super) static C: [&[u8]; 1] = [&[1, 2]];
                )
            }),
        ];
        let whole = {
            let (outer, opening) = (outer(), opening());
            let items = items.iter().map(|item| (item.build)());
            render(quote!(#outer mod #name { #opening #( #items )* })).expect("renders")
        };
        let parts = module_parts("columns", outer, opening, items);
        assert_eq!(render_parts(&parts).expect("renders"), whole);
        let empty = module_parts("columns", outer, opening, Vec::new());
        let alone = render(quote!(
            #[doc = " The columns."]
            #[allow(dead_code)]
            mod columns {
                use super::*;
            }
        ));
        assert_eq!(
            render_parts(&empty).expect("renders"),
            alone.expect("renders")
        );
    }

    #[test]
    fn a_filled_item_prints_as_its_tokens_would_in_a_module_in_parts() {
        let texts = [
            "one",
            "two \"quoted\"",
            "a long text that does not fit on one line with the others",
        ];
        let outer = || quote!(#[doc = " The columns."]);
        let opening = || {
            quote!(
                use super::*;
            )
        };
        let whole = render(quote!(
            #[doc = " The columns."]
            mod columns {
                use super::*;
                static TEXT: [&str; 3] = [#(#texts,)*];
                static N: [u16; 1] = [400];
            }
        ))
        .expect("renders");
        let items = vec![
            filled_item(
                || {
                    quote!(
                        static TEXT: [&str; 3] = [];
                    )
                },
                move |file| trees::fill_array(file, "TEXT", texts.map(trees::string)),
            ),
            item(|| {
                quote!(
                    static N: [u16; 1] = [400];
                )
            }),
        ];
        let parts = module_parts("columns", outer, opening, items);
        assert_eq!(render_parts(&parts).expect("renders"), whole);
    }

    #[test]
    fn a_fill_that_finds_nothing_to_fill_is_an_error() {
        let parts = [filled_part(
            || {
                quote!(
                    static A: [u8; 1] = [1];
                )
            },
            |file| trees::fill_array(file, "A", []),
        )];
        assert!(render_parts(&parts).unwrap_err().contains("no static `A`"));
    }

    #[test]
    fn a_part_that_does_not_parse_is_an_error() {
        let broken = render_parts(&[part(|| quote!(fn))]);
        assert!(broken.unwrap_err().contains("does not parse"));
    }
}
