//! Enums of words, in one shape: a vocabulary, the values of a `one_of` parameter and
//! `Param` are each one variant per word, a static array of the words, `ALL`, `as_str`,
//! and their trait impls (`Display`, `FromStr`, `WireCode`, serde), all written out in
//! the generated module by [`word_enum`].

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::tokens::{doc, ident, type_static};
use crate::markdown::escape_inline;
use crate::model::{Catalog, Vocabulary};
use crate::names;

/// One word of a [`WordEnum`].
pub(crate) struct EnumWord<'a> {
    /// The variant.
    pub variant: &'a str,
    /// The word as the wire writes it.
    pub word: &'a str,
    /// The variant's rustdoc.
    pub doc: TokenStream,
}

/// How a word enum's `FromStr` parses text.
pub(crate) enum Parse {
    /// The exact word, else an `UnknownValue` naming the enum's noun.
    Exact,
    /// A parameter's validator (`validate_<param>`), which hints at the value meant.
    Validator(Ident),
}

/// What [`word_enum`] needs to know of an enum of words.
pub(crate) struct WordEnum<'a> {
    /// The enum's name.
    pub name: &'a str,
    /// The enum's rustdoc.
    pub doc: TokenStream,
    /// What one value is called in messages, such as "retry".
    pub noun: String,
    /// The words, in variant order.
    pub words: Vec<EnumWord<'a>>,
    /// How `FromStr` parses.
    pub parse: Parse,
    /// Items to add after the enum (statics the extra methods read).
    pub data: TokenStream,
    /// Inherent methods beyond `ALL` and `as_str`.
    pub methods: TokenStream,
}

/// The enum of `vocabulary`.
pub(crate) fn vocabulary_enum(catalog: &Catalog, vocabulary: &Vocabulary) -> TokenStream {
    word_enum(WordEnum {
        name: &vocabulary.type_name,
        doc: doc(&escape_inline(&vocabulary.doc)),
        noun: names::words_of(&vocabulary.type_name),
        words: vocabulary
            .words
            .iter()
            .map(|word| EnumWord {
                variant: &word.variant,
                word: &word.word,
                doc: doc(&format!("`{}`: {}", word.word, escape_inline(&word.doc))),
            })
            .collect(),
        parse: Parse::Exact,
        data: quote!(),
        methods: row_method(catalog, vocabulary),
    })
}

/// The method that gives the row each word leads to (`row`), named after the table, if
/// any word names one: `None` for the words that name none.
fn row_method(catalog: &Catalog, vocabulary: &Vocabulary) -> TokenStream {
    let Some(index) = vocabulary.row_table else {
        return quote!();
    };
    let table = &catalog.tables[index];
    let (method, row_type) = (ident(&table.name), ident(&table.type_name));
    let arms = vocabulary.words.iter().map(|word| {
        let variant = ident(&word.variant);
        match word.row {
            Some(row) => {
                let row = ident(&table.rows[row].variant);
                quote!(Self::#variant => Some(#row_type::#row),)
            }
            None => quote!(Self::#variant => None,),
        }
    });
    let method_doc = doc(&format!(
        "The [`{}`] this word leads to, as the catalog pairs them; `None` for a word it pairs with none.",
        table.type_name
    ));
    quote! {
        #method_doc
        #[inline]
        pub const fn #method(self) -> Option<#row_type> {
            match self {
                #( #arms )*
            }
        }
    }
}

/// The static array of the words of the word enum `name`, in variant order.
pub(crate) fn words_static(name: &str) -> Ident {
    type_static(name, "WORDS")
}

/// An enum of words: the enum, its words, `ALL` and `as_str`, and its trait impls.
pub(crate) fn word_enum(spec: WordEnum<'_>) -> TokenStream {
    let name = ident(spec.name);
    let enum_doc = &spec.doc;
    let variants: Vec<Ident> = spec.words.iter().map(|w| ident(w.variant)).collect();
    let docs = spec.words.iter().map(|w| &w.doc);
    let words: Vec<&str> = spec.words.iter().map(|w| w.word).collect();
    let count = Literal::usize_unsuffixed(words.len());
    let words_static = words_static(spec.name);
    let (data, methods) = (&spec.data, &spec.methods);
    let from_str = match &spec.parse {
        Parse::Exact => quote! {
            impl core::str::FromStr for #name {
                type Err = crate::UnknownValue;

                /// Parses the exact word (case-sensitive).
                #[inline]
                fn from_str(text: &str) -> Result<Self, Self::Err> {
                    crate::__private::parse_known(text)
                }
            }
        },
        Parse::Validator(validator) => quote! {
            impl core::str::FromStr for #name {
                type Err = crate::ParamError;

                /// Parses the exact value (case-sensitive), with a hint for near misses.
                #[inline]
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    #validator(value)
                }
            }
        },
    };
    let wire_code = wire_code(
        &name,
        &spec.noun,
        quote!(crate::__private::with_other(&#words_static)),
        words.len(),
        // A `match`, not a scan of the words: validators run on every config, and LLVM
        // compares short words as integers.
        quote! {
            match text {
                #( #words => Some(Self::#variants), )*
                _ => None,
            }
        },
    );
    let serde = serde(&name);
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        /// Each value's word, in variant order.
        static #words_static: [&str; #count] = [ #( #words, )* ];

        #data

        impl #name {
            /// Every value, in catalog order.
            pub const ALL: &'static [Self] = &[ #( Self::#variants, )* ];

            /// The word the catalog and the docs use for this value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                #words_static[self as usize]
            }

            #methods
        }

        impl core::fmt::Display for #name {
            /// Writes the word, as `as_str` returns it.
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #from_str
        #wire_code
        #serde
    }
}

/// `WireCode` for the enum `name`, whose values are wire strings `as_str` returns:
/// `noun` names one value in messages, `labels` makes the metric labels (each of the
/// `count` values' wire strings, then the runtime's `OTHER_LABEL`) and `from_wire` is the
/// body of `from_wire(text)`.
pub(crate) fn wire_code(
    name: &Ident,
    noun: &str,
    labels: TokenStream,
    count: usize,
    from_wire: TokenStream,
) -> TokenStream {
    let labels_count = Literal::usize_unsuffixed(count + 1);
    quote! {
        impl crate::WireCode for #name {
            const NOUN: &'static str = #noun;
            const METRIC_LABELS: &'static [&'static str] = {
                static LABELS: [&str; #labels_count] = #labels;
                &LABELS
            };

            #[inline]
            fn from_wire(text: &str) -> Option<Self> {
                #from_wire
            }

            #[inline]
            fn as_wire(self) -> &'static str {
                self.as_str()
            }
        }
    }
}

/// Serde for the enum `name` (with the feature `serde`): serialized as its wire string,
/// deserialized strictly by the runtime's `deserialize_known` (an unknown string is an
/// error naming it).
pub(crate) fn serde(name: &Ident) -> TokenStream {
    quote! {
        #[cfg(feature = "serde")]
        impl serde::Serialize for #name {
            /// Writes the wire string.
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #name {
            /// Reads an exact wire string; any other is an error that names it.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::__private::deserialize_known(deserializer)
            }
        }
    }
}
