//! Printing a generated module. A module is built as a list of [`Part`]s: an item or a
//! few, or a piece of a braced item (a module, an enum) cut into pieces, each built by a
//! closure and, if its tokens left an array empty, completed in its parsed tree (see
//! [`super::large::trees`]).
//!
//! A module whose tables all fit a `match` (every real catalog) is printed in one pass,
//! by [`render_in_one_pass`]: its parts are built in order on this thread, parsed, joined
//! into one syntax tree and printed once by prettyplease. A module with a large table is
//! printed by [`super::large::parts::render_in_parallel`], each part on its own, on
//! every core.

use std::sync::Arc;

use proc_macro2::TokenStream;
use quote::quote;
use syn::Item;

use super::tokens::ident;

/// Builds a part's tokens.
type Build<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// Fills in, in a part's parsed tree, what its tokens left out (called on the thread that
/// prints the part, as syntax trees cannot cross threads either).
pub(crate) type Fill<'a> = Box<dyn Fn(&mut syn::File) -> Result<(), String> + Send + Sync + 'a>;

/// A piece of [`braced_parts`] or an item of [`module_parts`]: its tokens, and what to
/// fill in once they are parsed.
pub(crate) struct Piece<'a> {
    pub(super) build: Build<'a>,
    pub(super) fill: Option<Fill<'a>>,
}

/// A part of a generated module, built when it is printed (token streams cannot cross
/// threads, so each part is built on the thread that prints it), and which of its
/// printed lines it keeps.
pub(crate) struct Part<'a> {
    pub(super) build: Build<'a>,
    pub(super) fill: Option<Fill<'a>>,
    pub(super) keep: Keep,
}

/// Where a part goes in the module: whole, or as a piece of a braced item (a module or
/// an enum) cut into parts by [`braced_parts`]. Printed on its own (see
/// [`super::large::parts`]), a part keeps the lines of its text this says; printed in one
/// pass ([`render_in_one_pass`]), the items and variants of a piece join the item the
/// part before it opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Keep {
    /// A whole item or items: every line.
    All,
    /// The opening of a braced item whose other pieces follow: all lines but the last.
    AllButLast,
    /// A piece inside a braced item printed bare: all lines but the first and the last.
    Inner,
    /// The last piece of a braced item, and its closing brace: all lines but the first.
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

/// The module made of `parts`, in order, printed in one pass: each part is built, parsed
/// and completed in turn, the pieces of a braced item are joined into it, and
/// prettyplease prints the one syntax tree. The first part may hold the module's inner
/// attributes.
pub(crate) fn render_in_one_pass(parts: &[Part<'_>]) -> Result<String, String> {
    let mut module = parsed(TokenStream::new(), None)?;
    for part in parts {
        let file = parsed((part.build)(), part.fill.as_ref())?;
        module.attrs.extend(file.attrs);
        match part.keep {
            Keep::All | Keep::AllButLast => module.items.extend(file.items),
            Keep::Inner | Keep::AllButFirst => join_piece(&mut module.items, file.items)?,
        }
    }
    Ok(prettyplease::unparse(&module))
}

/// Joins the braced item of a piece (`mod name { items }` or `enum Name { variants }`,
/// printed bare) into the item of the same kind the module's items end with.
fn join_piece(items: &mut [Item], piece: Vec<Item>) -> Result<(), String> {
    let broken = || "internal error: a piece of a braced item has no item to join".to_owned();
    let [piece] = <[Item; 1]>::try_from(piece).map_err(|_| broken())?;
    match (items.last_mut(), piece) {
        (Some(Item::Mod(whole)), Item::Mod(piece)) => {
            let (Some((_, whole)), Some((_, piece))) = (&mut whole.content, piece.content) else {
                return Err(broken());
            };
            whole.extend(piece);
        }
        (Some(Item::Enum(whole)), Item::Enum(piece)) => whole.variants.extend(piece.variants),
        _ => return Err(broken()),
    }
    Ok(())
}

/// Parses the tokens as a file and prints them with prettyplease.
pub(crate) fn render(tokens: TokenStream) -> Result<String, String> {
    render_filled(tokens, None)
}

/// [`render`], with `fill` applied to the parsed file before it is printed.
pub(super) fn render_filled(
    tokens: TokenStream,
    fill: Option<&Fill<'_>>,
) -> Result<String, String> {
    Ok(prettyplease::unparse(&parsed(tokens, fill)?))
}

/// The tokens parsed as a file, with `fill` applied.
fn parsed(tokens: TokenStream, fill: Option<&Fill<'_>>) -> Result<syn::File, String> {
    let mut file: syn::File = syn::parse2(tokens)
        .map_err(|error| format!("internal error: generated Rust does not parse: {error}"))?;
    if let Some(fill) = fill {
        fill(&mut file)?;
    }
    Ok(file)
}
