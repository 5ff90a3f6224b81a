//! A table's data and its accessors (one per column, public methods of the table's enum
//! that read the variant's row). Each cell's text appears once.
//!
//! A small table (see [`super::size::is_small`], every real catalog's) keeps each row's
//! facts together: a private row struct `<Type>Row` with one field per column, and one
//! static array `<TYPE>_ROWS` of one struct literal per row, in variant order, which the
//! accessors index with the variant.
//!
//! A big table keeps one static array per column instead, in variant order, in a private
//! module of the table's own (`<table>_columns`, so that no column's name can meet
//! another item's), beside the accessors. Arrays of literals are what rustc checks
//! fastest: at 10,000 rows, an array of row structs cost a dependent's debug build about
//! 0.8 s more than these (issue 11's measurements). There an absent optional text is
//! stored as `""`, which no present text can be (the check refuses empty text); other
//! optional columns hold `Option`s.
//!
//! A translatable column keeps one text per locale of the runtime (`[&str; N]`, in the
//! order of `Locale::ALL`, English where the catalog has no text in a locale); its
//! accessor reads the English one and a second accessor, `<column>_in(locale)`, the
//! text in any locale.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::large::trees;
use super::render::{filled_item, item, module_parts, part, Part, Piece};
use super::size::is_small;
use super::tokens::{doc, ident, type_static};
use crate::keywords::{ColumnKind, Locale};
use crate::markdown::escape_inline;
use crate::model::{Catalog, Cell, Column, Row, Table};

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

/// `table`'s data and accessors: a small table's row struct, rows and accessors in one
/// part, or a big table's module of column arrays and accessors, in parts (one per
/// column, printed on its own, and the accessors).
pub(crate) fn column_parts<'a>(catalog: &'a Catalog, table: &'a Table) -> Vec<Part<'a>> {
    if is_small(table) {
        return vec![part(move || rows(catalog, table))];
    }
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
/// (see [`super::large::trees`]). The key column's is visible to the table's module, whose
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
            .map(|row| stored_value(catalog, column, row, index));
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
    let plain = kept_type(catalog, column, quote!());
    if column.optional && !empty_means_absent(column) {
        quote!(Option<#plain>)
    } else {
        plain
    }
}

/// How many locales the runtime has: a translatable column keeps one text for each.
fn locale_count() -> Literal {
    Literal::usize_unsuffixed(Locale::ALL.len())
}

/// The type a table's data keeps a present cell of `column` in: its accessor's, but
/// one text per locale for a translatable column.
fn kept_type(catalog: &Catalog, column: &Column, lifetime: TokenStream) -> TokenStream {
    if column.translatable {
        let count = locale_count();
        quote!([&#lifetime str; #count])
    } else {
        plain_type(catalog, column, lifetime)
    }
}

/// A present cell of the column at `index` of `row` as the table's data keeps it.
fn kept_value(catalog: &Catalog, column: &Column, row: &Row, index: usize) -> syn::Expr {
    if !column.translatable {
        return cell_value(catalog, column, &row.cells[index]);
    }
    trees::array(
        Locale::ALL
            .iter()
            .map(|locale| trees::string(row.text_in(index, *locale).unwrap_or_default())),
    )
}

/// The Rust expression of a locale's index in a translatable column's texts.
fn english_index() -> TokenStream {
    quote!(crate::Locale::En as usize)
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

/// The cell at `index` of `row` as its column's array stores it.
fn stored_value(catalog: &Catalog, column: &Column, row: &Row, index: usize) -> syn::Expr {
    match &row.cells[index] {
        Cell::Absent if empty_means_absent(column) && column.translatable => {
            trees::array(Locale::ALL.iter().map(|_| trees::string("")))
        }
        Cell::Absent if empty_means_absent(column) => trees::string(""),
        Cell::Absent => trees::path(&["None"]),
        _ if column.optional && !empty_means_absent(column) => {
            trees::some(kept_value(catalog, column, row, index))
        }
        _ => kept_value(catalog, column, row, index),
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

/// The accessor of `column` (and of its text in a locale, if translatable): its array
/// at the variant's index.
fn accessor(catalog: &Catalog, table: &Table, column: &Column) -> TokenStream {
    let array = column_static(column);
    let read = |locale: Option<TokenStream>| {
        let cell = match locale {
            Some(locale) => quote!(#array[self as usize][#locale]),
            None => quote!(#array[self as usize]),
        };
        if table.rows.is_empty() {
            quote!(match self {})
        } else if empty_means_absent(column) {
            quote! {
                let text = #cell;
                if text.is_empty() { None } else { Some(text) }
            }
        } else {
            cell
        }
    };
    accessor_pair(catalog, column, read)
}

/// The accessor of `column`, whose body `read(None)` makes, and for a translatable
/// column the accessor `<column>_in(locale)` too: `read(Some(index))` reads the text at
/// the locale's index, and the plain accessor reads the English one.
fn accessor_pair(
    catalog: &Catalog,
    column: &Column,
    read: impl Fn(Option<TokenStream>) -> TokenStream,
) -> TokenStream {
    let name = ident(&column.name);
    let ty = column_type(catalog, column);
    let column_doc = doc(&escape_inline(&column.doc));
    if !column.translatable {
        let body = read(None);
        return quote! {
            #column_doc
            #[inline]
            pub const fn #name(self) -> #ty {
                #body
            }
        };
    }
    let name_in = format_ident!("{}_in", column.name);
    let english = read(Some(english_index()));
    let localized = read(Some(quote!(locale as usize)));
    let in_doc = doc(&format!(
        "[`Self::{}`] in `locale`: the catalog's translation, or the English text where it has none in that locale.",
        column.name
    ));
    let english_doc = doc(&format!(
        "In English; [`Self::{}_in`] gives it in another locale.",
        column.name
    ));
    quote! {
        #column_doc
        ///
        #english_doc
        #[inline]
        pub const fn #name(self) -> #ty {
            #english
        }

        #in_doc
        #[inline]
        pub const fn #name_in(self, locale: crate::Locale) -> #ty {
            #localized
        }
    }
}

/// The private struct of one row of a small table.
fn row_struct(table: &Table) -> Ident {
    format_ident!("{}Row", table.type_name)
}

/// The static array of a small table's rows.
fn rows_static(table: &Table) -> Ident {
    type_static(&table.type_name, "ROWS")
}

/// A small table's row struct, its rows (one struct literal each) and the accessors,
/// each reading one field of the variant's row.
fn rows(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let (row_struct, rows_static) = (row_struct(table), rows_static(table));
    let count = Literal::usize_unsuffixed(table.rows.len());
    let fields: Vec<Ident> = table.columns.iter().map(|c| ident(&c.name)).collect();
    let types = table.columns.iter().map(|column| {
        let kept = kept_type(catalog, column, quote!('static));
        if column.optional {
            quote!(Option<#kept>)
        } else {
            kept
        }
    });
    let rows = table.rows.iter().map(|row| {
        let cells =
            table
                .columns
                .iter()
                .enumerate()
                .map(|(index, column)| match &row.cells[index] {
                    Cell::Absent => trees::path(&["None"]),
                    _ if column.optional => trees::some(kept_value(catalog, column, row, index)),
                    _ => kept_value(catalog, column, row, index),
                });
        quote!(#row_struct { #( #fields: #cells, )* })
    });
    let accessors = table.columns.iter().zip(&fields).map(|(column, field)| {
        let read = |locale: Option<TokenStream>| {
            let cell = quote!(#rows_static[self as usize].#field);
            match locale {
                _ if table.rows.is_empty() => quote!(match self {}),
                None => cell,
                Some(locale) if column.optional => quote! {
                    match #cell {
                        Some(texts) => Some(texts[#locale]),
                        None => None,
                    }
                },
                Some(locale) => quote!(#cell[#locale]),
            }
        };
        accessor_pair(catalog, column, read)
    });
    let struct_doc = doc(&format!(
        "The facts of one [`{}`], one field per column (documented at its accessor).",
        table.type_name
    ));
    let rows_doc = doc(&format!(
        "The rows of [`{}`], one per variant, in variant order.",
        table.type_name
    ));
    // A table without rows never reads its row struct.
    let allow = table.rows.is_empty().then(|| quote!(#[allow(dead_code)]));
    quote! {
        #struct_doc
        #allow
        struct #row_struct {
            #( #fields: #types, )*
        }

        #rows_doc
        static #rows_static: [#row_struct; #count] = [ #( #rows, )* ];

        impl #name {
            #( #accessors )*
        }
    }
}

/// The initializer of `table`'s static array of metric labels: each row's key in variant
/// order, then the runtime's `OTHER_LABEL`. A big table's is one copy of its key column's
/// array; a small table's copies the key of each row.
pub(crate) fn metric_labels(table: &Table) -> TokenStream {
    let key_column = &table.columns[table.key];
    if !is_small(table) {
        let (module, keys) = (columns_module(table), column_static(key_column));
        return quote!(crate::__private::with_other(&#module::#keys));
    }
    let (rows, key) = (rows_static(table), ident(&key_column.name));
    let count = Literal::usize_unsuffixed(table.rows.len() + 1);
    quote! {{
        let mut labels = [crate::OTHER_LABEL; #count];
        let mut row = 0;
        while row < #rows.len() {
            labels[row] = #rows[row].#key;
            row += 1;
        }
        labels
    }}
}
