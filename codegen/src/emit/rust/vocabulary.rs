//! A vocabulary's enum: one variant per word, `ALL`, `as_str` (the word), `FromStr` and
//! `Display`. The words sit in one static array that `as_str` indexes.

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
    let wire = super::integrations::wire_code(
        &name,
        &noun,
        quote!(#name::ALL.iter().copied().find(|value| value.as_str() == text)),
        quote!(self.as_str()),
    );
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        /// The words of each variant, in variant order.
        static #table: [&str; #count] = [ #( #words, )* ];

        impl #name {
            /// Every value, in catalog order.
            pub const ALL: &'static [#name] = &[ #( #name::#variants, )* ];

            /// The word the catalog and the docs use for this value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                #table[self as usize]
            }
        }

        impl core::fmt::Display for #name {
            /// Writes the word, as [`Self::as_str`] returns it.
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::str::FromStr for #name {
            type Err = crate::UnknownValue;

            /// Parses the exact word (case-sensitive).
            #[inline]
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <#name as crate::WireCode>::from_wire(text)
                    .ok_or_else(|| crate::UnknownValue::new(#noun, text))
            }
        }

        #wire
    }
}
