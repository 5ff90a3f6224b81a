//! A table's enum: one variant per row, a private row struct holding a row's facts
//! together, one static array of rows, and an accessor per column that reads the row.
//! The lookup `from_<key>` is chosen by [`super::lookup`]: a `match` for small tables, a
//! generated perfect hash for big ones.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{doc, doc_lines, ident, option};
use crate::keywords::ColumnKind;
use crate::markdown::{escape_inline, link_or_text};
use crate::model::{Catalog, Cell, Column, Row, Table};

/// The enum of `table` with its row data and impls.
pub(crate) fn table_enum(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let row_type = format_ident!("{}Row", table.type_name);
    let rows_static = format_ident!(
        "{}_ROWS",
        heck::AsShoutySnakeCase(&table.type_name).to_string()
    );
    let enum_doc = doc_lines(&[
        escape_inline(&table.doc),
        String::new(),
        format!("Source: {}", link_or_text(&catalog.source)),
        String::new(),
        format!("Provenance: {}", escape_inline(&catalog.provenance)),
    ]);
    let variants: Vec<Ident> = table.rows.iter().map(|row| ident(&row.variant)).collect();
    let variant_docs = table.rows.iter().map(|row| row_doc(table, row));
    let deprecations = table.rows.iter().map(|row| match &row.deprecated {
        Some(why) => quote!(#[deprecated = #why]),
        None => quote!(),
    });
    let data = row_data(catalog, table, &row_type, &rows_static);
    let row_fn = if table.rows.is_empty() {
        quote!(match self {})
    } else {
        quote!(&#rows_static[self as usize])
    };
    let accessors = table.columns.iter().map(|column| accessor(catalog, column));
    let key_field = ident(&table.columns[table.key].name);
    let lookup = lookup(table, &name);
    let impls = trait_impls(table, &name);
    let lookup_fn = format_ident!("from_{}", table.columns[table.key].name);
    let wire = super::integrations::wire_code(
        &name,
        &table.noun,
        quote!(Self::#lookup_fn(text)),
        quote!(self.as_str()),
    );
    let row_impl = super::integrations::catalog_row(catalog, table);
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #deprecations #variants, )*
        }

        #data

        #[allow(deprecated)]
        impl #name {
            /// Every row, in catalog order.
            pub const ALL: &'static [#name] = &[ #( #name::#variants, )* ];

            #[inline]
            const fn row(self) -> &'static #row_type {
                #row_fn
            }

            /// The wire string, exactly as the catalog writes it.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.row().#key_field
            }

            #lookup

            #( #accessors )*
        }

        #impls
        #wire
        #row_impl
    }
}

/// The private row struct and the static array of rows, one per variant.
fn row_data(
    catalog: &Catalog,
    table: &Table,
    row_type: &Ident,
    rows_static: &Ident,
) -> TokenStream {
    let fields = table.columns.iter().map(|column| {
        let field = ident(&column.name);
        let ty = column_type(catalog, column);
        quote!(#field: #ty,)
    });
    let values = table
        .rows
        .iter()
        .map(|row| row_value(catalog, table, row, row_type));
    let count = Literal::usize_unsuffixed(table.rows.len());
    // A table without rows never reads its (empty) array.
    let allow_unused = if table.rows.is_empty() {
        quote!(#[allow(dead_code)])
    } else {
        quote!()
    };
    quote! {
        /// The facts of one row, kept together.
        struct #row_type {
            #( #fields )*
        }

        /// One row per variant, in variant order.
        #allow_unused
        static #rows_static: [#row_type; #count] = [ #( #values, )* ];
    }
}

/// The rustdoc of a row's variant: its key and display text.
fn row_doc(table: &Table, row: &Row) -> TokenStream {
    let display = match &row.cells[table.display] {
        Cell::Text(text) => escape_inline(text),
        _ => String::new(),
    };
    let mut lines = vec![format!("`{}`: {display}", table.key_of(row))];
    if let Some(why) = &row.deprecated {
        lines.push(String::new());
        lines.push(format!("Deprecated: {}", escape_inline(why)));
    }
    doc_lines(&lines)
}

/// The Rust type of a column's accessor.
pub(crate) fn column_type(catalog: &Catalog, column: &Column) -> TokenStream {
    let vocabulary = column
        .vocabulary
        .map(|index| ident(&catalog.vocabularies[index].type_name));
    let plain = match (column.kind, vocabulary) {
        (ColumnKind::Key | ColumnKind::Text, _) => quote!(&'static str),
        (ColumnKind::Integer, _) => quote!(i64),
        (ColumnKind::HttpStatus, _) => quote!(u16),
        (ColumnKind::Word, Some(vocabulary)) => quote!(#vocabulary),
        (ColumnKind::Words, Some(vocabulary)) => quote!(&'static [#vocabulary]),
        (ColumnKind::Word | ColumnKind::Words, None) => quote!(()),
    };
    if column.optional {
        quote!(Option<#plain>)
    } else {
        plain
    }
}

/// A row's value in the static array.
fn row_value(catalog: &Catalog, table: &Table, row: &Row, row_type: &Ident) -> TokenStream {
    let fields = table.columns.iter().zip(&row.cells).map(|(column, cell)| {
        let field = ident(&column.name);
        let value = cell_value(catalog, column, cell);
        let value = if column.optional && *cell != Cell::Absent {
            quote!(Some(#value))
        } else {
            value
        };
        quote!(#field: #value)
    });
    quote!(#row_type { #( #fields, )* })
}

fn cell_value(catalog: &Catalog, column: &Column, cell: &Cell) -> TokenStream {
    let vocabulary = column.vocabulary.map(|index| &catalog.vocabularies[index]);
    let word = |index: usize| match vocabulary {
        Some(vocabulary) => {
            let (name, variant) = (
                ident(&vocabulary.type_name),
                ident(&vocabulary.words[index].variant),
            );
            quote!(#name::#variant)
        }
        None => quote!(()),
    };
    match cell {
        Cell::Absent => option::<TokenStream>(None),
        Cell::Text(text) => quote!(#text),
        Cell::Integer(number) => {
            let number = Literal::i64_unsuffixed(*number);
            quote!(#number)
        }
        Cell::HttpStatus(status) => {
            let status = Literal::u16_unsuffixed(*status);
            quote!(#status)
        }
        Cell::Word(index) => word(*index),
        Cell::Words(indexes) => {
            let words = indexes.iter().map(|index| word(*index));
            quote!(&[ #( #words ),* ])
        }
    }
}

fn accessor(catalog: &Catalog, column: &Column) -> TokenStream {
    let name = ident(&column.name);
    let ty = column_type(catalog, column);
    let column_doc = doc(&escape_inline(&column.doc));
    quote! {
        #column_doc
        #[inline]
        pub const fn #name(self) -> #ty {
            self.row().#name
        }
    }
}

fn lookup(table: &Table, name: &Ident) -> TokenStream {
    super::lookup::from_key(table, name)
}

fn trait_impls(table: &Table, name: &Ident) -> TokenStream {
    let display = ident(&table.columns[table.display].name);
    let display_doc = doc(&format!(
        "Writes the row's `{}`.",
        table.columns[table.display].name
    ));
    let lookup = format_ident!("from_{}", table.columns[table.key].name);
    let noun = &table.noun;
    let from_str_doc = doc(&format!("Parses the exact text; see [`{name}::{lookup}`]."));
    quote! {
        impl core::fmt::Display for #name {
            #display_doc
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(#name::#display(*self))
            }
        }

        impl std::error::Error for #name {}

        impl core::str::FromStr for #name {
            type Err = crate::UnknownValue;

            #from_str_doc
            #[inline]
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                #name::#lookup(text).ok_or_else(|| crate::UnknownValue::new(#noun, text))
            }
        }
    }
}
