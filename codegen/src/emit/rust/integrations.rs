//! The trait impls that connect generated enums to the crate's runtime: the shared impls
//! of enums of words and of tables (serde, with feature `serde`, and `http::StatusCode`,
//! with feature `http`, included), each one macro call whose body lives in the runtime,
//! so that each generated enum costs a line, not a page.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::tokens::ident;
use crate::keywords::ColumnKind;
use crate::model::{Catalog, Table};

/// `ALL`, `as_str`, `Display`, `FromStr`, `WireCode` and serde (the runtime's
/// `__word_impls!`) for an enum of words, whose static table of words is `words`.
pub(crate) fn word_impls(
    name: &Ident,
    words: &Ident,
    noun: &str,
    variants: &[Ident],
) -> TokenStream {
    quote! {
        crate::__word_impls!(#name, #words, #noun, [#( #variants ),*]);
    }
}

/// Serde for the enum `name` (feature `serde`; the runtime's `serde_as_wire!`).
pub(crate) fn serde(name: &Ident) -> TokenStream {
    quote!(crate::serde_as_wire!(#name);)
}

/// Everything but the columns of a table's enum, one call of the runtime's
/// `__table_impls!`: `as_str`, `metric_label` and `METRIC_LABELS` (copied from the key
/// column's array), `Debug` (unless derived; `names` is the static of the variants'
/// names), `Display`, `Error`, `FromStr`, `WireCode`, `CatalogRow`, serde, and
/// `http::StatusCode` when the table has a required `http_status` column.
pub(crate) fn table_impls(catalog: &Catalog, table: &Table, names: Option<&Ident>) -> TokenStream {
    let name = ident(&table.type_name);
    let noun = &table.noun;
    let key = ident(&table.columns[table.key].name);
    let keys_module = super::columns::columns_module(table);
    let keys = super::columns::column_static(&table.columns[table.key]);
    let lookup = format_ident!("from_{}", table.columns[table.key].name);
    let display = ident(&table.columns[table.display].name);
    let debug_names = names.map(|names| quote!(debug_names(#names),));
    let (module, table_name, docs) = (&catalog.module, &table.name, &catalog.docs);
    let words_columns = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Words)
        .map(|c| c.name.as_str());
    let status_column = table
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::HttpStatus);
    let status = match status_column {
        Some(column) if column.optional => {
            let column = ident(&column.name);
            quote!(#column)
        }
        Some(column) => {
            let column = ident(&column.name);
            quote!(Some(#column))
        }
        None => quote!(None),
    };
    let word_facts = word_facts(table);
    quote! {
        crate::__table_impls!(
            #name,
            noun(#noun),
            key(#key, #keys_module::#keys),
            lookup(#lookup),
            display(#display),
            #debug_names
            module(#module),
            table(#table_name),
            docs_page(#docs),
            words_columns(#( #words_columns ),*),
            status(#status),
            word_facts(#( #word_facts ),*)
        );
    }
}

/// The entries of `CatalogRow::word_facts`, in column order: for each word column, the
/// runtime's function that adds its entry, applied to the column.
fn word_facts(table: &Table) -> Vec<TokenStream> {
    table
        .columns
        .iter()
        .filter_map(|column| {
            let push = match (column.kind, column.optional) {
                (ColumnKind::Word, false) => "one_word",
                (ColumnKind::Word, true) => "optional_word",
                (ColumnKind::Words, false) => "many_words",
                (ColumnKind::Words, true) => "optional_words",
                _ => return None,
            };
            let (push, column) = (ident(push), ident(&column.name));
            Some(quote!(#push(#column)))
        })
        .collect()
}
