//! `Raised`: the row a parameter problem corresponds to, one variant per table of the
//! catalog. It has `as_str` and an accessor for each column that every table has with
//! the same name, kind and type, so a caller can read a problem's row without matching.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tokens::{doc, ident};
use crate::model::{Catalog, Column, RowRef};

/// The variant of `Raised` for a table: its name in UpperCamelCase.
pub(crate) fn variant(catalog: &Catalog, table: usize) -> Ident {
    ident(&heck::AsUpperCamelCase(&catalog.tables[table].name).to_string())
}

/// `Raised::<Table>(<Type>::<Row>)` for a row.
pub(crate) fn path(catalog: &Catalog, at: RowRef) -> TokenStream {
    let (table, row) = catalog.row(at);
    let raised = variant(catalog, at.table);
    let type_name = ident(&table.type_name);
    let row = ident(&row.variant);
    quote!(Raised::#raised(#type_name::#row))
}

/// The `Raised` enum.
pub(crate) fn raised_enum(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = (0..catalog.tables.len())
        .map(|i| variant(catalog, i))
        .collect();
    let types: Vec<Ident> = catalog.tables.iter().map(|t| ident(&t.type_name)).collect();
    let docs = catalog
        .tables
        .iter()
        .map(|t| doc(&format!("A row of [`{}`].", t.type_name)));
    let shared = shared_columns(catalog).into_iter().map(|column| {
        let name = ident(&column.name);
        let ty = super::columns::column_type(catalog, column);
        let column_doc = doc(&crate::markdown::escape_inline(&column.doc));
        quote! {
            #column_doc
            #[inline]
            pub const fn #name(self) -> #ty {
                match self { #( Raised::#variants(row) => #types::#name(row), )* }
            }
        }
    });
    quote! {
        /// The catalog row a parameter problem corresponds to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Raised {
            #( #docs #variants(#types), )*
        }

        impl Raised {
            /// The row's wire string.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self { #( Raised::#variants(row) => row.as_str(), )* }
            }

            #( #shared )*
        }

        impl core::fmt::Display for Raised {
            /// Writes the row as its own `Display` does.
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self { #( Raised::#variants(row) => core::fmt::Display::fmt(row, f), )* }
            }
        }
    }
}

/// The columns (of the first table) that every table has with the same name, kind,
/// vocabulary and optionality.
fn shared_columns(catalog: &Catalog) -> Vec<&Column> {
    let Some((first, rest)) = catalog.tables.split_first() else {
        return Vec::new();
    };
    first
        .columns
        .iter()
        .filter(|column| {
            rest.iter().all(|table| {
                table.columns.iter().any(|other| {
                    other.name == column.name
                        && other.kind == column.kind
                        && other.vocabulary == column.vocabulary
                        && other.optional == column.optional
                })
            })
        })
        .collect()
}
