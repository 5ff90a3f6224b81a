//! Syntax trees built directly, for the big arrays of a generated module. Printed from
//! tokens, a column of 10,000 texts makes syn read back every literal that quote has just
//! written, which was a fifth of `gen`'s work at 10,000 rows. Built as a tree, each text
//! is escaped once, by the same `proc_macro2` function that quote uses, so the printed
//! module is the same. A part leaves such an array empty in its tokens and fills it in
//! the parsed tree (see [`crate::emit::rust::render::filled_part`]).

use proc_macro2::Span;
use syn::{Expr, ExprArray, ExprLit, ExprPath, Item, Lit, LitInt, LitStr, PathSegment};

use crate::emit::rust::tokens::ident;

/// A string literal, as `quote!` writes a `&str`.
pub(crate) fn string(text: &str) -> Expr {
    literal(Lit::Str(LitStr::new(text, Span::call_site())))
}

/// An unsuffixed integer literal (a negative one is one literal token, as quote writes it).
pub(crate) fn integer(value: i64) -> Expr {
    literal(Lit::Int(LitInt::new(&value.to_string(), Span::call_site())))
}

/// The path made of `names`, such as `Retry::Never` for a vocabulary's word, or `None`.
pub(crate) fn path(names: &[&str]) -> Expr {
    let segments = names
        .iter()
        .map(|name| PathSegment::from(ident(name)))
        .collect();
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon: None,
            segments,
        },
    })
}

/// `Some(value)`.
pub(crate) fn some(value: Expr) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path(&["Some"])),
        paren_token: Default::default(),
        args: [value].into_iter().collect(),
    })
}

/// `()`.
pub(crate) fn unit() -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: Default::default(),
    })
}

/// `&[elements]`, a slice of a static.
pub(crate) fn slice(elements: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(array(elements)),
    })
}

/// An array expression `[a, b, …]`.
pub(crate) fn array(elements: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elements.into_iter().collect(),
    })
}

/// A literal expression.
fn literal(lit: Lit) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// Puts `elements` into the array of the static `name` in `file` (at its top or in an
/// inline module), which its tokens left empty.
pub(crate) fn fill_array(
    file: &mut syn::File,
    name: &str,
    elements: impl IntoIterator<Item = Expr>,
) -> Result<(), String> {
    let array = find_array(&mut file.items, name).ok_or_else(|| {
        format!("internal error: the part has no static `{name}` with an empty array to fill")
    })?;
    array.elems = elements.into_iter().collect();
    Ok(())
}

/// The empty array of the static `name` among `items`, or in their inline modules.
fn find_array<'f>(items: &'f mut [Item], name: &str) -> Option<&'f mut ExprArray> {
    for item in items {
        match item {
            Item::Static(item) if item.ident == name => match &mut *item.expr {
                Expr::Array(array) if array.elems.is_empty() => return Some(array),
                _ => return None,
            },
            Item::Mod(module) => {
                if let Some((_, content)) = &mut module.content {
                    if let Some(array) = find_array(content, name) {
                        return Some(array);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// `tokens` parsed and printed, after `fill`.
    fn printed(tokens: proc_macro2::TokenStream, fill: impl Fn(&mut syn::File)) -> String {
        let mut file: syn::File = syn::parse2(tokens).expect("parses");
        fill(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn a_filled_array_prints_as_the_same_array_written_in_tokens() {
        let texts = [
            "plain",
            "quote \" and \\ backslash",
            "line\nbreak\ttab",
            "é \u{202e}",
            "",
        ];
        let from_tokens = printed(
            quote!(mod columns { static TEXT: [&str; 5] = [#(#texts,)*]; static N: [u16; 2] = [400, 65535]; static W: [Retry; 2] = [Retry::Never, Retry::Later]; }),
            |_| {},
        );
        let filled = printed(
            quote!(
                mod columns {
                    static TEXT: [&str; 5] = [];
                    static N: [u16; 2] = [];
                    static W: [Retry; 2] = [];
                }
            ),
            |file| {
                fill_array(file, "TEXT", texts.iter().map(|text| string(text))).unwrap();
                fill_array(file, "N", [integer(400), integer(65535)]).unwrap();
                fill_array(
                    file,
                    "W",
                    [path(&["Retry", "Never"]), path(&["Retry", "Later"])],
                )
                .unwrap();
            },
        );
        assert_eq!(filled, from_tokens);
    }

    #[test]
    fn every_kind_of_cell_prints_as_its_tokens_would() {
        let (minus, none) = (proc_macro2::Literal::i64_unsuffixed(-3), quote!(None));
        let from_tokens = printed(
            quote!(
                static I: [i64; 2] = [#minus, 7];
                static O: [Option<u16>; 2] = [Some(429), #none];
                static S: [&[Retry]; 2] = [&[Retry::Never, Retry::Later], &[]];
                static U: [(); 1] = [()];
            ),
            |_| {},
        );
        let filled = printed(
            quote!(
                static I: [i64; 2] = [];
                static O: [Option<u16>; 2] = [];
                static S: [&[Retry]; 2] = [];
                static U: [(); 1] = [];
            ),
            |file| {
                fill_array(file, "I", [integer(-3), integer(7)]).unwrap();
                fill_array(file, "O", [some(integer(429)), path(&["None"])]).unwrap();
                let words = [path(&["Retry", "Never"]), path(&["Retry", "Later"])];
                fill_array(file, "S", [slice(words), slice([])]).unwrap();
                fill_array(file, "U", [unit()]).unwrap();
            },
        );
        assert_eq!(filled, from_tokens);
    }

    #[test]
    fn filling_a_static_that_is_not_there_or_not_empty_is_an_error() {
        let mut file: syn::File = syn::parse2(quote!(
            static A: [u8; 1] = [1];
        ))
        .unwrap();
        assert!(fill_array(&mut file, "A", [integer(2)]).is_err());
        assert!(fill_array(&mut file, "B", [integer(2)]).is_err());
    }
}
