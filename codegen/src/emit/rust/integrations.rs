//! The trait impls that connect generated enums to the crate's runtime: `WireCode` for
//! every enum with a wire string, `CatalogRow` for table rows, and one macro call each
//! for serde (feature `serde`) and `http::StatusCode` (feature `http`), whose bodies live
//! in the runtime so that each generated enum costs a line, not a page.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::keywords::ColumnKind;
use crate::model::{Catalog, Table};

/// `WireCode` and serde for an enum whose wire string `as_wire` gives and `lookup` parses.
pub(crate) fn wire_code(
    name: &Ident,
    noun: &str,
    lookup: TokenStream,
    as_wire: TokenStream,
) -> TokenStream {
    quote! {
        impl crate::WireCode for #name {
            const NOUN: &'static str = #noun;

            #[inline]
            fn from_wire(text: &str) -> Option<Self> {
                #lookup
            }

            #[inline]
            fn as_wire(self) -> &'static str {
                #as_wire
            }
        }

        crate::serde_as_wire!(#name);
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
        let words = match column.kind {
            ColumnKind::Word => quote!(vec![value.as_str()]),
            _ => quote!(value.iter().map(|word| word.as_str()).collect()),
        };
        if column.optional {
            quote!(if let Some(value) = #name::#accessor(self) { facts.push((#key, #words)); })
        } else {
            quote!({ let value = #name::#accessor(self); facts.push((#key, #words)); })
        }
    });
    quote! {
        let mut facts = Vec::new();
        #( #facts )*
        facts
    }
}
