//! A vocabulary's enum: one variant per word, and the static array of their words; `ALL`,
//! `as_str` (the word, read from the array) and the trait impls are one macro call.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::{doc, ident, type_static};
use crate::model::Vocabulary;
use crate::names;

/// The enum of `vocabulary`.
pub(crate) fn vocabulary_enum(vocabulary: &Vocabulary) -> TokenStream {
    let name = ident(&vocabulary.type_name);
    let enum_doc = doc(&crate::markdown::escape_inline(&vocabulary.doc));
    let variants: Vec<Ident> = vocabulary.words.iter().map(|w| ident(&w.variant)).collect();
    let docs = vocabulary.words.iter().map(|w| {
        doc(&format!(
            "`{}`: {}",
            w.word,
            crate::markdown::escape_inline(&w.doc)
        ))
    });
    let words = vocabulary.words.iter().map(|w| w.word.as_str());
    let count = proc_macro2::Literal::usize_unsuffixed(variants.len());
    let table = type_static(&vocabulary.type_name, "WORDS");
    let noun = names::words_of(&vocabulary.type_name);
    let impls = super::integrations::word_impls(&name, &table, &noun, &variants);
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        /// The words of each variant, in variant order.
        static #table: [&str; #count] = [ #( #words, )* ];

        #impls
    }
}
