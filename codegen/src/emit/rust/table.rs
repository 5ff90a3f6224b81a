//! A table's enum: one variant per row, its column arrays and accessors (see
//! [`super::columns`]), the names its `Debug` writes, and its trait impls (the shared ones
//! are one call of the runtime's `__table_impls!`).
//! The lookup `from_<key>` is chosen by [`super::lookup`]: a `match` for small tables, a
//! generated perfect hash for big ones.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::columns::{accessor, column_parts};
use super::render::{braced_parts, item, part, Part};
use super::tokens::{doc_lines, ident, type_static};
use crate::markdown::{escape_inline, link_or_text};
use crate::model::{Catalog, Row, Table};

/// The parts of `table`'s code, each printed on its own: the enum, its `Debug`, its
/// column arrays, its list of variants, its inherent impl, and its trait impls.
pub(crate) fn table_parts<'a>(catalog: &'a Catalog, table: &'a Table) -> Vec<Part<'a>> {
    let mut parts = enum_parts(catalog, table);
    parts.push(part(move || names_static(table)));
    parts.extend(column_parts(catalog, table));
    parts.extend([
        part(move || every_row(table)),
        part(move || inherent_impl(catalog, table)),
        part(move || trait_impls(catalog, table)),
    ]);
    parts
}

/// Variants per part of an enum: a 10,000-row enum prints in five parts, side by side.
const VARIANTS_PER_PART: usize = 2_000;

/// The enum of `table`, one variant per row, in parts of [`VARIANTS_PER_PART`] variants.
fn enum_parts<'a>(catalog: &'a Catalog, table: &'a Table) -> Vec<Part<'a>> {
    let whole = move |variants: TokenStream| {
        let name = ident(&table.type_name);
        let enum_doc = doc_lines(&[
            escape_inline(&table.doc),
            String::new(),
            format!("Source: {}", link_or_text(&catalog.source)),
            String::new(),
            format!("Provenance: {}", escape_inline(&catalog.provenance)),
        ]);
        quote! {
            #enum_doc
            #[derive(Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name { #variants }
        }
    };
    let bare = move |variants: TokenStream| {
        let name = ident(&table.type_name);
        quote!(pub enum #name { #variants })
    };
    let pieces = table
        .rows
        .chunks(VARIANTS_PER_PART)
        .map(|rows| item(move || variants(table, rows)))
        .collect();
    braced_parts(whole, bare, pieces)
}

/// The variants of `rows`, with their docs and deprecations.
fn variants(table: &Table, rows: &[Row]) -> TokenStream {
    let variants = rows.iter().map(|row| {
        let variant = ident(&row.variant);
        let row_doc = row_doc(table, row);
        let deprecation = match &row.deprecated {
            Some(why) => quote!(#[deprecated = #why]),
            None => quote!(),
        };
        quote!(#row_doc #deprecation #variant,)
    });
    quote!( #( #variants )* )
}

/// The name of each variant, which `Debug` writes.
fn names_static(table: &Table) -> TokenStream {
    let names_static = type_static(&table.type_name, "NAMES");
    let count = Literal::usize_unsuffixed(table.rows.len());
    let names = table.rows.iter().map(|row| &row.variant);
    quote! {
        /// Each variant's name, which `Debug` writes (derived, it costs seconds at
        /// thousands of variants).
        static #names_static: [&str; #count] = [ #( #names, )* ];
    }
}

/// `ALL`, every variant in catalog order (an impl of its own, printed beside the other).
fn every_row(table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let variants = table.rows.iter().map(|row| ident(&row.variant));
    let allow = allow_deprecated(table);
    quote! {
        #allow
        impl #name {
            /// Every row, in catalog order.
            pub const ALL: &'static [#name] = &[ #( #name::#variants, )* ];
        }
    }
}

/// The enum's inherent impl: the key, the lookup and one accessor per column.
fn inherent_impl(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let accessors = table
        .columns
        .iter()
        .map(|column| accessor(catalog, table, column));
    let key_field = ident(&table.columns[table.key].name);
    let lookup = super::lookup::from_key(table, &name);
    let allow = allow_deprecated(table);
    quote! {
        #allow
        impl #name {
            /// The wire string, exactly as the catalog writes it.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.#key_field()
            }

            #lookup

            #( #accessors )*
        }
    }
}

/// `#[allow(deprecated)]` for an item that names every variant, when some are deprecated.
fn allow_deprecated(table: &Table) -> TokenStream {
    if table.rows.iter().any(|row| row.deprecated.is_some()) {
        quote!(#[allow(deprecated)])
    } else {
        quote!()
    }
}

/// The rustdoc of a row's variant: its key (its texts are in the column arrays, once).
fn row_doc(table: &Table, row: &Row) -> TokenStream {
    let mut lines = vec![format!("`{}`", table.key_of(row))];
    if let Some(why) = &row.deprecated {
        lines.push(String::new());
        lines.push(format!("Deprecated: {}", escape_inline(why)));
    }
    doc_lines(&lines)
}

/// The enum's trait impls: the shared ones (see [`super::integrations::table_impls`])
/// and `CatalogRow`.
fn trait_impls(catalog: &Catalog, table: &Table) -> TokenStream {
    let names = type_static(&table.type_name, "NAMES");
    let display = ident(&table.columns[table.display].name);
    let lookup = format_ident!("from_{}", table.columns[table.key].name);
    let impls = super::integrations::table_impls(table, &names, &display, &lookup);
    let row_impl = super::integrations::catalog_row(catalog, table);
    quote! {
        #impls
        #row_impl
    }
}
