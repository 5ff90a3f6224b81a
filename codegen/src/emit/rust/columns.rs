//! A table's data: one static array per column, in variant order, in a private module
//! of the table's own (`<table>_columns`, so that no column's name can meet another
//! item's), beside the accessors (one per column, public methods of the table's enum)
//! that read them at the variant's index. Each cell's text appears once.
//!
//! Arrays of literals are what rustc checks fastest: at 10,000 rows, an array of row
//! structs cost a dependent's debug build about 0.8 s more than these (issue 11's
//! measurements). An absent optional text is stored as `""`, which no present text can
//! be (the check refuses empty text); other optional columns hold `Option`s.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::render::{filled_item, item, module_parts, Part, Piece};
use super::tokens::{doc, ident};
use super::trees;
use crate::keywords::ColumnKind;
use crate::markdown::escape_inline;
use crate::model::{Catalog, Cell, Column, Table};

/// The private module that holds `table`'s column arrays.
pub(crate) fn columns_module(table: &Table) -> Ident {
    format_ident!(
        "{}_columns",
        heck::AsSnakeCase(&table.type_name).to_string()
    )
}

/// The static array of `column`, as its module names it.
pub(crate) fn column_static(column: &Column) -> Ident {
    format_ident!("{}", heck::AsShoutySnakeCase(&column.name).to_string())
}

/// Whether `column`'s absent cells are stored as `""`.
fn empty_means_absent(column: &Column) -> bool {
    column.optional && column.kind == ColumnKind::Text
}

/// The module of `table`'s column arrays and accessors, in parts: one per column, printed
/// on its own, and the accessors.
pub(crate) fn column_parts<'a>(catalog: &'a Catalog, table: &'a Table) -> Vec<Part<'a>> {
    let outer = move || {
        let module_doc = doc(&format!(
            "The columns of [`{}`], one array each, and their accessors.",
            table.type_name
        ));
        // A table without rows never reads its (empty) arrays.
        let allow = table.rows.is_empty().then(|| quote!(#[allow(dead_code)]));
        quote! {
            #module_doc
            #allow
        }
    };
    let mut items: Vec<_> = (0..table.columns.len())
        .map(|index| column_static_piece(catalog, table, index))
        .collect();
    items.push(item(move || accessors(catalog, table)));
    module_parts(
        &columns_module(table).to_string(),
        outer,
        || {
            quote!(
                use super::*;
            )
        },
        items,
    )
}

/// The static array of the column at `index` of `table`, its cells built as syntax trees
/// (see [`super::trees`]). The key column's is visible to the table's module, whose
/// `__table_impls!` copies it into the table's metric labels.
fn column_static_piece<'a>(catalog: &'a Catalog, table: &'a Table, index: usize) -> Piece<'a> {
    let skeleton = move || {
        let column = &table.columns[index];
        let count = Literal::usize_unsuffixed(table.rows.len());
        let (name, ty) = (column_static(column), stored_type(catalog, column));
        let visibility = (index == table.key).then(|| quote!(pub(super)));
        quote!(#visibility static #name: [#ty; #count] = [];)
    };
    let fill = move |file: &mut syn::File| {
        let column = &table.columns[index];
        let cells = table
            .rows
            .iter()
            .map(|row| stored_value(catalog, column, &row.cells[index]));
        trees::fill_array(file, &column_static(column).to_string(), cells)
    };
    filled_item(skeleton, fill)
}

/// The Rust type of a column's accessor.
pub(crate) fn column_type(catalog: &Catalog, column: &Column) -> TokenStream {
    let plain = plain_type(catalog, column, quote!('static));
    if column.optional {
        quote!(Option<#plain>)
    } else {
        plain
    }
}

/// The type of a column's array elements: its accessor's, with `""` for an absent
/// text, and without the `'static` a static's type implies.
fn stored_type(catalog: &Catalog, column: &Column) -> TokenStream {
    let plain = plain_type(catalog, column, quote!());
    if column.optional && !empty_means_absent(column) {
        quote!(Option<#plain>)
    } else {
        plain
    }
}

/// The type of a present cell of `column`, its references with `lifetime`.
fn plain_type(catalog: &Catalog, column: &Column, lifetime: TokenStream) -> TokenStream {
    let vocabulary = column
        .vocabulary
        .map(|index| ident(&catalog.vocabularies[index].type_name));
    match (column.kind, vocabulary) {
        (ColumnKind::Key | ColumnKind::Text, _) => quote!(&#lifetime str),
        (ColumnKind::Integer, _) => quote!(i64),
        (ColumnKind::HttpStatus, _) => quote!(u16),
        (ColumnKind::Word, Some(vocabulary)) => quote!(#vocabulary),
        (ColumnKind::Words, Some(vocabulary)) => quote!(&#lifetime [#vocabulary]),
        (ColumnKind::Word | ColumnKind::Words, None) => quote!(()),
    }
}

/// A cell as its column's array stores it.
fn stored_value(catalog: &Catalog, column: &Column, cell: &Cell) -> syn::Expr {
    match cell {
        Cell::Absent if empty_means_absent(column) => trees::string(""),
        Cell::Absent => trees::path(&["None"]),
        present if column.optional && !empty_means_absent(column) => {
            trees::some(cell_value(catalog, column, present))
        }
        present => cell_value(catalog, column, present),
    }
}

/// A present cell's value.
fn cell_value(catalog: &Catalog, column: &Column, cell: &Cell) -> syn::Expr {
    let vocabulary = column.vocabulary.map(|index| &catalog.vocabularies[index]);
    let word = |index: usize| match vocabulary {
        Some(vocabulary) => trees::path(&[&vocabulary.type_name, &vocabulary.words[index].variant]),
        None => trees::unit(),
    };
    match cell {
        Cell::Absent => trees::path(&["None"]),
        Cell::Text(text) => trees::string(text),
        Cell::Integer(number) => trees::integer(*number),
        Cell::HttpStatus(status) => trees::integer(i64::from(*status)),
        Cell::Word(index) => word(*index),
        Cell::Words(indexes) => trees::slice(indexes.iter().map(|index| word(*index))),
    }
}

/// The accessors of `table`'s columns, an impl of its enum.
fn accessors(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let accessors = table
        .columns
        .iter()
        .map(|column| accessor(catalog, table, column));
    quote! {
        impl #name {
            #( #accessors )*
        }
    }
}

/// The accessor of `column`: its array at the variant's index.
fn accessor(catalog: &Catalog, table: &Table, column: &Column) -> TokenStream {
    let name = ident(&column.name);
    let ty = column_type(catalog, column);
    let column_doc = doc(&escape_inline(&column.doc));
    let array = column_static(column);
    let body = if table.rows.is_empty() {
        quote!(match self {})
    } else if empty_means_absent(column) {
        quote! {
            let text = #array[self as usize];
            if text.is_empty() { None } else { Some(text) }
        }
    } else {
        quote!(#array[self as usize])
    };
    quote! {
        #column_doc
        #[inline]
        pub const fn #name(self) -> #ty {
            #body
        }
    }
}
