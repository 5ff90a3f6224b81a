//! The trait impls of a table's enum, written out in the generated module (so a reader
//! who opens the source of `Display` or `FromStr` sees it): `as_str` and the metric
//! labels, `Debug` (a big table's), `Display`, `Error`, `FromStr`, `WireCode`,
//! `CatalogRow`, serde (feature `serde`) and `http::StatusCode` (feature `http`, for a
//! table with a required `http_status` column). What they share at run time is plain
//! functions of the runtime's `__private`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::tokens::ident;
use super::vocabulary::{serde, wire_code};
use crate::keywords::ColumnKind;
use crate::model::{Catalog, Table};

/// The trait impls of `table`'s enum. `names` is the static of the variants' names a big
/// table's `Debug` writes (a small table derives `Debug`); `labels` makes the static array
/// of the metric labels (see [`super::columns::metric_labels`]).
pub(crate) fn table_impls(
    catalog: &Catalog,
    table: &Table,
    names: Option<&Ident>,
    labels: TokenStream,
) -> TokenStream {
    let name = ident(&table.type_name);
    let key = ident(&table.columns[table.key].name);
    let lookup = format_ident!("from_{}", table.columns[table.key].name);
    let display = ident(&table.columns[table.display].name);
    let debug = names.map(|names| {
        quote! {
            impl core::fmt::Debug for #name {
                /// Writes the variant's name.
                #[inline]
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str(#names[*self as usize])
                }
            }
        }
    });
    let wire_code = wire_code(
        &name,
        &table.noun,
        labels,
        table.rows.len(),
        quote!(Self::#lookup(text)),
    );
    let display_doc = super::tokens::doc(&format!(
        "Writes the row's `{}`.",
        table.columns[table.display].name
    ));
    let catalog_row = catalog_row(catalog, table);
    let serde = serde(&name);
    let http = http_status_code(table);
    quote! {
        impl #name {
            /// The wire string, exactly as the catalog writes it.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.#key()
            }

            /// Every value [`metric_label`](Self::metric_label) and
            /// [`Wire::metric_label`](crate::Wire::metric_label) can return for this
            /// table: each row's key in catalog order (deprecated rows too: they can still
            /// arrive), then [`OTHER_LABEL`](crate::OTHER_LABEL), for registering every
            /// series of a metric, or every `error.type`, up front.
            pub const METRIC_LABELS: &'static [&'static str] =
                <Self as crate::WireCode>::METRIC_LABELS;

            /// The row's label for a metric or OpenTelemetry's `error.type`: its key, one
            /// of [`METRIC_LABELS`](Self::METRIC_LABELS).
            #[inline]
            pub const fn metric_label(self) -> &'static str {
                self.#key()
            }
        }

        #debug

        impl core::fmt::Display for #name {
            #display_doc
            #[inline]
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.#display())
            }
        }

        impl core::error::Error for #name {}

        impl core::str::FromStr for #name {
            type Err = crate::UnknownValue;

            /// Parses the exact key (case-sensitive, no trimming).
            #[inline]
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                crate::__private::parse_known(text)
            }
        }

        #wire_code
        #catalog_row
        #serde
        #http
    }
}

/// `CatalogRow` for `table`'s enum.
fn catalog_row(catalog: &Catalog, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let display = ident(&table.columns[table.display].name);
    let (module, table_name, docs) = (&catalog.module, &table.name, &catalog.docs);
    let words_columns = table
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Words)
        .map(|c| c.name.as_str());
    let status = match table
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::HttpStatus)
    {
        Some(column) if column.optional => {
            let column = ident(&column.name);
            quote!(self.#column())
        }
        Some(column) => {
            let column = ident(&column.name);
            quote!(Some(self.#column()))
        }
        None => quote!(None),
    };
    let word_facts = word_facts(table);
    let facts = if word_facts.is_empty() {
        quote!(crate::__private::prelude::Vec::new())
    } else {
        quote! {
            let mut facts = crate::__private::prelude::Vec::new();
            #( #word_facts )*
            facts
        }
    };
    let title_in = table.columns[table.display].translatable.then(|| {
        let display_in = quote::format_ident!("{}_in", table.columns[table.display].name);
        quote! {
            #[inline]
            fn title_in(self, locale: crate::Locale) -> &'static str {
                self.#display_in(locale)
            }
        }
    });
    let noun_in = (!table.noun_in.0.is_empty()).then(|| {
        let arms = table.noun_in.0.iter().map(|(locale, noun)| {
            let variant = ident(&crate::format_rust::variant_of(locale.word()));
            quote!(crate::Locale::#variant => #noun,)
        });
        quote! {
            #[inline]
            fn noun_in(locale: crate::Locale) -> &'static str {
                match locale {
                    #( #arms )*
                    _ => <Self as crate::WireCode>::NOUN,
                }
            }
        }
    });
    quote! {
        impl crate::CatalogRow for #name {
            const MODULE: &'static str = #module;
            const TABLE: &'static str = #table_name;
            const DOCS_PAGE: &'static str = #docs;
            const WORDS_COLUMNS: &'static [&'static str] = &[ #( #words_columns ),* ];

            #[inline]
            fn title(self) -> &'static str {
                self.#display()
            }

            #[inline]
            fn status(self) -> Option<u16> {
                #status
            }

            #[inline]
            fn word_facts(self) -> crate::__private::prelude::Vec<crate::__private::WordFact> {
                #facts
            }

            #title_in
            #noun_in
        }
    }
}

/// The statements of `CatalogRow::word_facts`, in column order: for each word column, the
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
            let (push, method, name) = (ident(push), ident(&column.name), &column.name);
            Some(quote!(crate::__private::#push(&mut facts, #name, self.#method());))
        })
        .collect()
}

/// `status_code()` and `From<Table> for http::StatusCode` (feature `http`), for a table
/// with a required `http_status` column; nothing for another table.
fn http_status_code(table: &Table) -> TokenStream {
    let status = table
        .columns
        .iter()
        .find(|c| c.kind == ColumnKind::HttpStatus);
    let Some(column) = status.filter(|column| !column.optional) else {
        return quote!();
    };
    let (name, column) = (ident(&table.type_name), ident(&column.name));
    quote! {
        #[cfg(feature = "http")]
        impl #name {
            /// The row's HTTP status as an `http::StatusCode` (feature `http`).
            #[inline]
            pub fn status_code(self) -> http::StatusCode {
                // The catalog check keeps every status within 100..=599.
                http::StatusCode::from_u16(self.#column())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
            }
        }

        #[cfg(feature = "http")]
        impl From<#name> for http::StatusCode {
            #[inline]
            fn from(row: #name) -> Self {
                row.status_code()
            }
        }
    }
}
