//! A table's enum: one variant per row, its rows and accessors (see [`super::columns`]),
//! the names its `Debug` writes (a big table's; a small one derives `Debug`), and its
//! trait impls, written out (see [`super::integrations`]).
//! The lookup `from_<key>` is chosen by [`super::lookup`]: a `match` for small tables, a
//! generated perfect hash for big ones.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::columns::column_parts;
use super::large::trees;
use super::render::{braced_parts, filled_part, item, part, Part};
use super::size::is_small;
use super::tokens::{doc_lines, ident, type_static};
use crate::markdown::{escape_inline, link_or_text};
use crate::model::{Catalog, Row, Table};

/// The parts of `table`'s code, each printed on its own: the enum, its `Debug` names (a
/// big table's), its column arrays and accessors, its list of variants and its lookup
/// (a big table's apart), and its trait impls.
pub(crate) fn table_parts<'a>(catalog: &'a Catalog, table: &'a Table) -> Vec<Part<'a>> {
    let mut parts = enum_parts(catalog, table);
    if !is_small(table) {
        parts.push(names_static(table));
    }
    parts.extend(column_parts(catalog, table));
    if is_small(table) {
        parts.push(part(move || {
            let (all, lookup) = (every_row(table, quote!(Self)), lookup(table));
            impl_block(table, quote!(#all #lookup))
        }));
    } else {
        parts.extend([
            part(move || {
                let name = ident(&table.type_name);
                impl_block(table, every_row(table, quote!(#name)))
            }),
            part(move || impl_block(table, lookup(table))),
        ]);
    }
    if !table.predicates.is_empty() {
        parts.push(part(move || predicates(catalog, table)));
    }
    parts.push(part(move || trait_impls(catalog, table)));
    parts
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The methods of `table`'s vocabulary predicates, each a `matches!` on the one `word`
/// column of its vocabulary.
fn predicates(catalog: &Catalog, table: &Table) -> TokenStream {
    let methods = table.predicates.iter().map(|found| {
        let vocabulary = &catalog.vocabularies[found.vocabulary];
        let predicate = &vocabulary.predicates[found.predicate];
        let column = &table.columns[found.column];
        let (name, accessor) = (ident(&predicate.name), ident(&column.name));
        let vocabulary_type = ident(&vocabulary.type_name);
        let variants: Vec<_> = predicate
            .words
            .iter()
            .map(|word| ident(&vocabulary.words[*word].variant))
            .collect();
        let links: Vec<String> = variants
            .iter()
            .map(|variant| format!("[`{}::{variant}`]", vocabulary.type_name))
            .collect();
        let method_doc = doc_lines(&[
            escape_inline(&predicate.doc),
            String::new(),
            format!(
                "True when [`{}`](Self::{}) is {}; false for every other word.",
                column.name,
                column.name,
                or_list(&links)
            ),
        ]);
        let pattern = quote!(#( #vocabulary_type::#variants )|*);
        let pattern = if column.optional {
            quote!(Some(#pattern))
        } else {
            pattern
        };
        quote! {
            #method_doc
            #[inline]
            pub const fn #name(self) -> bool {
                matches!(self.#accessor(), #pattern)
            }
        }
    });
    let name = ident(&table.type_name);
    quote! {
        impl #name {
            #( #methods )*
        }
    }
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
        let debug = is_small(table).then(|| quote!(Debug,));
        quote! {
            #enum_doc
            #[derive(Clone, Copy, #debug PartialEq, Eq, Hash)]
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

/// The name of each variant, which `Debug` writes (a syntax tree, see [`super::large::trees`]).
fn names_static(table: &Table) -> Part<'_> {
    let skeleton = move || {
        let names_static = type_static(&table.type_name, "NAMES");
        let count = Literal::usize_unsuffixed(table.rows.len());
        quote! {
            /// Each variant's name, which `Debug` writes.
            static #names_static: [&str; #count] = [];
        }
    };
    let fill = move |file: &mut syn::File| {
        let names = table.rows.iter().map(|row| trees::string(&row.variant));
        let names_static = type_static(&table.type_name, "NAMES").to_string();
        trees::fill_array(file, &names_static, names)
    };
    filled_part(skeleton, fill)
}

/// `ALL`, every variant in catalog order, each named `#path::Variant`.
fn every_row(table: &Table, path: TokenStream) -> TokenStream {
    let variants = table.rows.iter().map(|row| ident(&row.variant));
    quote! {
        /// Every row, in catalog order.
        pub const ALL: &'static [#path] = &[ #( #path::#variants, )* ];
    }
}

/// The lookup `from_<key>`.
fn lookup(table: &Table) -> TokenStream {
    super::lookup::from_key(table, &ident(&table.type_name))
}

/// An inherent impl of the table's enum that holds `items`.
fn impl_block(table: &Table, items: TokenStream) -> TokenStream {
    let name = ident(&table.type_name);
    let allow = allow_deprecated(table);
    quote! {
        #allow
        impl #name {
            #items
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

/// The rustdoc of a row's variant: its key (its texts are in its row, once).
fn row_doc(table: &Table, row: &Row) -> TokenStream {
    let mut lines = vec![format!("`{}`", table.key_of(row))];
    if let Some(why) = &row.deprecated {
        lines.push(String::new());
        lines.push(format!("Deprecated: {}", escape_inline(why)));
    }
    doc_lines(&lines)
}

/// The trait impls (see [`super::integrations::table_impls`]).
fn trait_impls(catalog: &Catalog, table: &Table) -> TokenStream {
    let names = (!is_small(table)).then(|| type_static(&table.type_name, "NAMES"));
    let labels = super::columns::metric_labels(table);
    super::integrations::table_impls(catalog, table, names.as_ref(), labels)
}
