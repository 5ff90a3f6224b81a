//! The trait impls that connect generated enums to the crate's runtime: the shared impls
//! of enums of words and of tables, serde (feature `serde`) and `http::StatusCode`
//! (feature `http`), each one macro call whose body lives in the runtime, so that each
//! generated enum costs a line, not a page; and `CatalogRow` for table rows.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::keywords::ColumnKind;
use crate::model::{Catalog, Table};

/// `Display`, `FromStr` and `WireCode` (the runtime's `__word_impls!`) and serde for an
/// enum of words, whose static table of words is `words`.
pub(crate) fn word_impls(name: &Ident, words: &Ident, noun: &str) -> TokenStream {
    quote! {
        crate::__word_impls!(#name, #words, #noun);
        crate::serde_as_wire!(#name);
    }
}

/// Serde for the enum `name` (feature `serde`; the runtime's `serde_as_wire!`).
pub(crate) fn serde(name: &Ident) -> TokenStream {
    quote!(crate::serde_as_wire!(#name);)
}

/// `Debug`, `Display`, `Error`, `FromStr` and `WireCode` (the runtime's
/// `__table_impls!`) and serde for a table's enum.
pub(crate) fn table_impls(
    table: &Table,
    names: &Ident,
    display: &Ident,
    lookup: &Ident,
) -> TokenStream {
    let name = ident(&table.type_name);
    let noun = &table.noun;
    let serde = serde(&name);
    quote! {
        crate::__table_impls!(#name, #names, #display, #lookup, #noun);
        #serde
    }
}

/// `CatalogRow` for a table, and `http::StatusCode` when it has an `http_status` column.
pub(crate) fn catalog_row(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let (module, table_name, docs) = (&catalog.module, &table.name, &catalog.docs);
    let title = ident(&table.columns[table.display].name);
    let status_column = table
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::HttpStatus);
    let status = match status_column {
        Some(column) if column.optional => {
            let column = ident(&column.name);
            quote!(#name::#column(self))
        }
        Some(column) => {
            let column = ident(&column.name);
            quote!(Some(#name::#column(self)))
        }
        None => quote!(None),
    };
    let http = match status_column {
        Some(column) if !column.optional => {
            let column = ident(&column.name);
            quote!(crate::http_status_code!(#name, #column);)
        }
        _ => quote!(),
    };
    let word_facts = word_facts(table, &name);
    let words_columns = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Words)
        .map(|c| c.name.as_str());
    quote! {
        impl crate::CatalogRow for #name {
            const WORDS_COLUMNS: &'static [&'static str] = &[ #( #words_columns ),* ];
            const MODULE: &'static str = #module;
            const TABLE: &'static str = #table_name;
            const DOCS_PAGE: &'static str = #docs;

            #[inline]
            fn title(self) -> &'static str {
                #name::#title(self)
            }

            #[inline]
            fn status(self) -> Option<u16> {
                #status
            }

            #[inline]
            fn word_facts(self) -> Vec<(&'static str, Vec<&'static str>)> {
                #word_facts
            }
        }

        #http
    }
}

/// The body of `CatalogRow::word_facts`: each word column's words, in column order.
fn word_facts(table: &Table, name: &Ident) -> TokenStream {
    let facts = table
        .columns
        .iter()
        .filter(|c| matches!(c.kind, ColumnKind::Word | ColumnKind::Words))
        .collect::<Vec<_>>();
    if facts.is_empty() {
        return quote!(Vec::new());
    }
    let facts = facts.into_iter().map(|column| {
        let (key, accessor) = (&column.name, ident(&column.name));
        let entry = match column.kind {
            ColumnKind::Word => quote!(crate::__private::one_word(#key, value.as_str())),
            _ => quote!(crate::__private::many_words(#key, value)),
        };
        if column.optional {
            quote!(if let Some(value) = #name::#accessor(self) { facts.push(#entry); })
        } else {
            quote!({ let value = #name::#accessor(self); facts.push(#entry); })
        }
    });
    quote! {
        let mut facts = Vec::new();
        #( #facts )*
        facts
    }
}
