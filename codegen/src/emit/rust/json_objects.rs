//! The methods of the runtime's JSON report (`captcha_errors::json::JsonReport`, feature
//! `serde`) that write the params of one scope as one JSON object: one per word of the
//! `scope` vocabulary that names its `json_object`. Each calls the runtime's generic
//! `object(scope)`, so that the hand-written runtime names no scope word.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc_lines, ident};
use crate::markdown::escape_inline;
use crate::model::{Catalog, Vocabulary, Word};

/// The `impl` of the JSON report, or nothing if no scope word names a JSON object.
pub(crate) fn json_objects(catalog: &Catalog) -> TokenStream {
    let Some(scope) = catalog.scope_vocabulary() else {
        return TokenStream::new();
    };
    let methods: Vec<TokenStream> = scope
        .words
        .iter()
        .enumerate()
        .filter_map(|(index, word)| {
            let method = word.json_object.as_ref()?;
            Some(json_object(catalog, scope, index, word, method))
        })
        .collect();
    if methods.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[cfg(feature = "serde")]
        impl crate::json::JsonReport<'_> {
            #( #methods )*
        }
    }
}

/// The method `method` that writes the params of the scope word at `index`.
fn json_object(
    catalog: &Catalog,
    scope: &Vocabulary,
    index: usize,
    word: &Word,
    method: &str,
) -> TokenStream {
    let (name, scope_type, variant) =
        (ident(method), ident(&scope.type_name), ident(&word.variant));
    let params: Vec<String> = catalog
        .params
        .iter()
        .filter(|param| param.scope == index && param.parent.is_none())
        .map(|param| format!("`{}`", escape_inline(&param.name)))
        .collect();
    let mut lines = vec![
        format!(
            "The JSON object of the params of scope [`{}::{}`], if the config is valid: every \
             such param that has a value, members nested in their objects.",
            scope.type_name, word.variant
        ),
        String::new(),
        format!(
            "Where a page passes them (scope `{}`): {}",
            escape_inline(&word.word),
            escape_inline(&word.doc)
        ),
    ];
    if !params.is_empty() {
        lines.extend([String::new(), format!("Its params: {}.", params.join(", "))]);
    }
    let method_doc = doc_lines(&lines);
    quote! {
        #method_doc
        #[inline]
        pub fn #name(&self) -> Option<serde_json::Map<alloc::string::String, serde_json::Value>> {
            self.object(#scope_type::#variant)
        }
    }
}
