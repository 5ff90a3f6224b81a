//! Printing a module with a large table in parts: each part (an item or a few, or a
//! piece of a braced item) is parsed and printed by prettyplease on its own, on every
//! core, and the texts are joined in order. prettyplease prints a file's items, and an
//! enum's variants, one after another on lines of their own, so the result is the text
//! it would print for the whole module at once, and the text
//! [`super::super::render::render_in_one_pass`] prints: the tests check both.
//!
//! A part may leave an array empty in its tokens and fill it in the parsed tree (see
//! [`super::trees`]): syn would otherwise re-read every literal of a 10,000-row column
//! that quote just wrote.

use rayon::prelude::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};

use crate::emit::rust::render::{render_filled, Keep, Part};

/// The module made of `parts`, in order: the first may hold the module's inner
/// attributes.
pub(crate) fn render_in_parallel(parts: &[Part<'_>]) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;
    use crate::emit::rust::large::trees;
    use crate::emit::rust::render::{
        braced_parts, filled_item, filled_part, item, module_parts, part, render,
        render_in_one_pass,
    };

    /// The module of `parts` printed in parallel, after checking that printing it in one
    /// pass gives the same text (or error).
    fn both(parts: &[Part<'_>]) -> Result<String, String> {
        let parallel = render_in_parallel(parts);
        assert_eq!(render_in_one_pass(parts), parallel);
        parallel
    }

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
        let joined = both(&[part(header), part(first), part(second)]).expect("renders");
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
        assert_eq!(both(&parts).expect("renders"), whole);
        let empty = module_parts("columns", outer, opening, Vec::new());
        let alone = render(quote!(
            #[doc = " The columns."]
            #[allow(dead_code)]
            mod columns {
                use super::*;
            }
        ));
        assert_eq!(both(&empty).expect("renders"), alone.expect("renders"));
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
        assert_eq!(both(&parts).expect("renders"), whole);
    }

    #[test]
    fn an_enum_in_pieces_prints_as_it_would_whole() {
        let whole = render(quote!(
            #[derive(Clone, Copy)]
            pub enum E {
                /// One.
                A,
                B,
                C,
            }
        ))
        .expect("renders");
        let pieces = vec![
            item(|| {
                quote!(
                    #[doc = " One."]
                    A,
                )
            }),
            item(|| quote!(B,)),
            item(|| quote!(C,)),
        ];
        let parts = braced_parts(
            |variants| quote!(#[derive(Clone, Copy)] pub enum E { #variants }),
            |variants| quote!(pub enum E { #variants }),
            pieces,
        );
        assert_eq!(both(&parts).expect("renders"), whole);
        // A piece with nothing before it to join is an error, not a panic.
        let alone = braced_parts(
            |v| quote!(pub enum E { #v }),
            |v| quote!(pub enum E { #v }),
            vec![item(|| quote!(A,)), item(|| quote!(B,))],
        );
        assert!(render_in_one_pass(&alone[1..])
            .unwrap_err()
            .contains("no item to join"));
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
        assert!(both(&parts).unwrap_err().contains("no static `A`"));
    }

    #[test]
    fn a_part_that_does_not_parse_is_an_error() {
        let broken = both(&[part(|| quote!(fn))]);
        assert!(broken.unwrap_err().contains("does not parse"));
    }
}
