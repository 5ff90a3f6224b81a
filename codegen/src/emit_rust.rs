//! Stage 3a, emit Rust: checked catalog in, the generated modules of `captcha-errors`
//! out. Code is built as token streams with `quote!` and printed by `prettyplease`, so
//! every catalog text reaches the output as an escaped string literal.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::markdown::{escape_inline, link_or_text};
use crate::model::{Catalog, Code, Field};
use crate::vocabulary::{self, Term, Vocabulary};

/// The doc of every `http_status()` accessor.
const HTTP_STATUS_DOC: &[&str] = &[
    "The HTTP status a service should answer with when it relays this error to",
    "its own clients. Whose recommendation this is: see the type's docs.",
];

/// The `vocabulary.rs` module: the `Retry`, `Category` and `Platform` enums.
pub fn vocabulary_module(catalog_path: &str) -> Result<String, String> {
    let enums = vocabulary::ALL
        .iter()
        .map(|vocabulary| vocabulary_enum(vocabulary));
    let header = header(catalog_path);
    render(quote! {
        #header
        use core::fmt;
        #(#enums)*
    })
}

/// The `codes.rs` module: the `ErrorCode` enum.
pub fn codes_module(catalog: &Catalog, catalog_path: &str) -> Result<String, String> {
    let header = header(catalog_path);
    let codes = &catalog.codes;
    let variants: Vec<Ident> = codes.iter().map(|code| ident(&code.variant)).collect();
    let docs = codes.iter().map(code_doc);
    let wire: Vec<&str> = codes.iter().map(|code| code.code.as_str()).collect();
    let descriptions = codes.iter().map(|code| code.description.as_str());
    let troubleshooting = codes.iter().map(|code| code.troubleshooting.as_str());
    let notes = codes.iter().map(|code| match &code.notes {
        Some(notes) => quote!(Some(#notes)),
        None => quote!(None),
    });
    let statuses = codes
        .iter()
        .map(|code| proc_macro2::Literal::u16_unsuffixed(code.http_status));
    let retries = codes
        .iter()
        .map(|code| term_path(&vocabulary::RETRY, code.retry));
    let retryable = codes.iter().map(|code| code.retry.key != "never");
    let categories = codes
        .iter()
        .map(|code| term_path(&vocabulary::CATEGORY, code.category));
    let platforms = codes.iter().map(|code| platform_slice(&code.platforms));
    let enum_doc = doc_lines(&[
        format!(
            "An error code returned by the {}.",
            escape_inline(&catalog.name)
        ),
        String::new(),
        format!("Source: {}", link_or_text(&catalog.source)),
        String::new(),
        format!("Provenance: {}", escape_inline(&catalog.provenance)),
    ]);

    let name = ident("ErrorCode");
    let as_str = accessor(
        &name,
        &variants,
        &["The code exactly as the API writes it."],
        "as_str",
        quote!(&'static str),
        &wire,
    );
    let accessors = [
        accessor(
            &name,
            &variants,
            &["The vendor's description of the error, verbatim."],
            "description",
            quote!(&'static str),
            descriptions,
        ),
        accessor(
            &name,
            &variants,
            &["The vendor's troubleshooting suggestions, verbatim."],
            "troubleshooting",
            quote!(&'static str),
            troubleshooting,
        ),
        accessor(
            &name,
            &variants,
            &["The vendor's \"Important\" remark, verbatim, if it has one."],
            "notes",
            quote!(Option<&'static str>),
            notes,
        ),
        accessor(
            &name,
            &variants,
            HTTP_STATUS_DOC,
            "http_status",
            quote!(u16),
            statuses,
        ),
        accessor(
            &name,
            &variants,
            &["Whether and how to retry a request that failed with this code."],
            "retry",
            quote!(Retry),
            retries,
        ),
        accessor(
            &name,
            &variants,
            &["Whether retrying later can succeed without changing anything."],
            "is_retryable",
            quote!(bool),
            retryable,
        ),
        accessor(
            &name,
            &variants,
            &["The kind of problem this code reports."],
            "category",
            quote!(Category),
            categories,
        ),
        accessor(
            &name,
            &variants,
            &["The client integrations in which this code can occur."],
            "platforms",
            quote!(&'static [Platform]),
            platforms,
        ),
    ];
    let error_impls = error_impls(&name, &ident("from_code"), "error code");

    render(quote! {
        #header
        use core::fmt;
        use core::str::FromStr;
        use super::vocabulary::{Category, Platform, Retry};
        use crate::UnknownValue;

        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #( #docs #variants, )*
        }

        impl ErrorCode {
            /// Every code, in catalog order.
            pub const ALL: &'static [ErrorCode] = &[ #( ErrorCode::#variants, )* ];

            #as_str

            /// The variant for a code exactly as the API writes it (case-sensitive, no
            /// trimming), or `None` for a code this catalog does not know.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    #( #wire => Some(ErrorCode::#variants), )*
                    _ => None,
                }
            }

            #( #accessors )*
        }

        #error_impls
    })
}

/// The `fields.rs` module: the `FieldError` enum.
pub fn fields_module(catalog: &Catalog, catalog_path: &str) -> Result<String, String> {
    let header = header(catalog_path);
    let fields = &catalog.fields;
    let variants: Vec<Ident> = fields.iter().map(|field| ident(&field.variant)).collect();
    let docs = fields.iter().map(field_doc);
    let keys: Vec<&str> = fields.iter().map(|field| field.key.as_str()).collect();
    let names = fields.iter().map(|field| field.field.as_str());
    let descriptions = fields.iter().map(|field| field.description.as_str());
    let troubleshooting = fields.iter().map(|field| field.troubleshooting.as_str());
    let statuses = fields
        .iter()
        .map(|field| proc_macro2::Literal::u16_unsuffixed(field.http_status));
    let platforms = fields.iter().map(|field| platform_slice(&field.platforms));
    let enum_doc = doc_lines(&[
        format!(
            "An error the client SDK raises for an invalid init parameter, before any request, \
             as listed for the {}.",
            escape_inline(&catalog.name)
        ),
        String::new(),
        format!("Provenance: {}", escape_inline(&catalog.provenance)),
    ]);

    let name = ident("FieldError");
    let key = accessor(
        &name,
        &variants,
        &["The stable snake_case key of this row."],
        "key",
        quote!(&'static str),
        &keys,
    );
    let text = quote!(&'static str);
    let accessors = [
        accessor(
            &name,
            &variants,
            &["The vendor's \"Field\" column, verbatim."],
            "field",
            text.clone(),
            names,
        ),
        accessor(
            &name,
            &variants,
            &["The vendor's description of the error, verbatim."],
            "description",
            text.clone(),
            descriptions,
        ),
        accessor(
            &name,
            &variants,
            &["The vendor's troubleshooting suggestions, verbatim."],
            "troubleshooting",
            text,
            troubleshooting,
        ),
        accessor(
            &name,
            &variants,
            HTTP_STATUS_DOC,
            "http_status",
            quote!(u16),
            statuses,
        ),
        accessor(
            &name,
            &variants,
            &["The client integrations in which this error can occur."],
            "platforms",
            quote!(&'static [Platform]),
            platforms,
        ),
    ];
    let error_impls = error_impls(&name, &ident("from_key"), "field key");

    render(quote! {
        #header
        use core::fmt;
        use core::str::FromStr;
        use super::vocabulary::Platform;
        use crate::UnknownValue;

        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum FieldError {
            #( #docs #variants, )*
        }

        impl FieldError {
            /// Every field error, in catalog order.
            pub const ALL: &'static [FieldError] = &[ #( FieldError::#variants, )* ];

            #key

            /// The variant for a stable key (exact, case-sensitive), or `None`.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    #( #keys => Some(FieldError::#variants), )*
                    _ => None,
                }
            }

            #( #accessors )*
        }

        #error_impls
    })
}

/// `pub const fn name(self) -> ret`, matching every variant of `enum_name` to its value:
/// the shape of every metadata accessor of the generated enums.
pub(crate) fn accessor(
    enum_name: &Ident,
    variants: &[Ident],
    doc: &[&str],
    name: &str,
    ret: TokenStream,
    values: impl IntoIterator<Item = impl quote::ToTokens>,
) -> TokenStream {
    let doc = doc_lines(
        &doc.iter()
            .map(|line| (*line).to_owned())
            .collect::<Vec<_>>(),
    );
    let name = ident(name);
    let values = values.into_iter();
    quote! {
        #doc
        pub const fn #name(self) -> #ret {
            match self { #( #enum_name::#variants => #values, )* }
        }
    }
}

/// `Display` (the description), `std::error::Error` and `FromStr` (through the exact
/// lookup `parse_fn`, naming the rejected input as a `what`) for a generated error enum.
fn error_impls(name: &Ident, parse_fn: &Ident, what: &str) -> TokenStream {
    let from_str_doc = format!(" Parses the exact text; see [`{name}::{parse_fn}`].");
    quote! {
        impl fmt::Display for #name {
            /// Writes the vendor's description.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.description())
            }
        }

        impl std::error::Error for #name {}

        impl FromStr for #name {
            type Err = UnknownValue;

            #[doc = #from_str_doc]
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                #name::#parse_fn(text).ok_or_else(|| UnknownValue::new(#what, text))
            }
        }
    }
}

fn vocabulary_enum(vocabulary: &Vocabulary) -> TokenStream {
    let name = ident(vocabulary.type_name);
    let doc = doc_lines(&[vocabulary.doc.to_owned()]);
    let variants: Vec<Ident> = vocabulary.terms.iter().map(|t| ident(t.variant)).collect();
    let docs = vocabulary
        .terms
        .iter()
        .map(|t| doc_lines(&[t.doc.to_owned()]));
    let keys = vocabulary.terms.iter().map(|t| t.key);
    let as_str = accessor(
        &name,
        &variants,
        &["The word the catalog and the docs use for this value."],
        "as_str",
        quote!(&'static str),
        keys,
    );
    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        impl #name {
            /// Every value, in the order of the catalog format.
            pub const ALL: &'static [#name] = &[ #( #name::#variants, )* ];

            #as_str
        }

        impl fmt::Display for #name {
            /// Writes the word the catalog uses, as [`Self::as_str`] returns it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The first line of every generated module.
pub(crate) fn header(catalog_path: &str) -> TokenStream {
    let line = format!(
        " @generated by `cargo xtask gen` from {catalog_path}. Do not edit by hand: edit the catalog and run `cargo xtask gen`."
    );
    // Catalog text may mention web addresses; rustdoc renders them as text, which is fine.
    quote! {
        #![doc = #line]
        #![allow(rustdoc::bare_urls)]
    }
}

fn code_doc(code: &Code) -> TokenStream {
    let mut lines = vec![
        format!("`{}`: {}", code.code, escape_inline(&code.description)),
        String::new(),
        format!("Troubleshooting: {}", escape_inline(&code.troubleshooting)),
    ];
    if let Some(notes) = &code.notes {
        lines.push(String::new());
        lines.push(format!("Important: {}", escape_inline(notes)));
    }
    lines.push(String::new());
    lines.push(format!(
        "HTTP status {} (recommended); retry: {}; category: {}; platforms: {}.",
        code.http_status,
        code.retry.key,
        code.category.key,
        platform_words(&code.platforms)
    ));
    doc_lines(&lines)
}

fn field_doc(field: &Field) -> TokenStream {
    let lines = [
        format!(
            "Field {} (key `{}`): {}",
            escape_inline(&field.field),
            field.key,
            escape_inline(&field.description)
        ),
        String::new(),
        format!("Troubleshooting: {}", escape_inline(&field.troubleshooting)),
        String::new(),
        format!(
            "HTTP status {} (recommended); platforms: {}.",
            field.http_status,
            platform_words(&field.platforms)
        ),
    ];
    doc_lines(&lines)
}

/// One `#[doc]` attribute per line; each line starts with one space, as `///` would.
/// Leading whitespace of a line is dropped, so catalog text can never indent a line
/// into a code block (which rustdoc would compile as a doctest).
pub(crate) fn doc_lines(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let line = line.trim_start();
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote!( #( #[doc = #lines] )* )
}

fn platform_words(platforms: &[&Term]) -> String {
    platforms
        .iter()
        .map(|p| p.key)
        .collect::<Vec<_>>()
        .join(", ")
}

fn platform_slice(platforms: &[&'static Term]) -> TokenStream {
    let paths = platforms
        .iter()
        .map(|term| term_path(&vocabulary::PLATFORM, term));
    quote!(&[ #( #paths ),* ])
}

pub(crate) fn term_path(vocabulary: &Vocabulary, term: &Term) -> TokenStream {
    let type_name = ident(vocabulary.type_name);
    let variant = ident(term.variant);
    quote!(#type_name::#variant)
}

/// An identifier for a name that [`crate::check`] or the vocabulary already validated.
fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Parses the tokens as a file and prints them with prettyplease.
pub(crate) fn render(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|error| format!("internal error: generated Rust does not parse: {error}"))?;
    Ok(prettyplease::unparse(&file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Catalog;
    use crate::vocabulary::{CATEGORY, PLATFORM, RETRY};

    fn catalog(description: &str) -> Catalog {
        Catalog {
            name: "Test catalog".to_owned(),
            source: "https://example.invalid/".to_owned(),
            provenance: "p".to_owned(),
            codes: vec![Code {
                code: "Bad.Thing".to_owned(),
                variant: "BadThing".to_owned(),
                description: description.to_owned(),
                troubleshooting: "Fix it.".to_owned(),
                notes: None,
                http_status: 400,
                retry: &RETRY.terms[0],
                category: &CATEGORY.terms[0],
                platforms: vec![&PLATFORM.terms[0], &PLATFORM.terms[3]],
            }],
            params: vec![],
            type_error_field: None,
            fields: vec![],
        }
    }

    #[test]
    fn codes_module_parses_and_says_it_is_generated() {
        let text = codes_module(&catalog("It broke."), "catalog/x.toml").unwrap();
        assert!(text.starts_with("//! @generated by `cargo xtask gen` from catalog/x.toml."));
        syn::parse_file(&text).unwrap();
        assert!(text.contains("ErrorCode::BadThing => \"Bad.Thing\""));
        assert!(text.contains("&[Platform::Web, Platform::WeChat]"));
    }

    #[test]
    fn hostile_text_becomes_an_escaped_literal() {
        let hostile = "quote \" backslash \\ \"# */ /* {} {{ \n tab\t";
        let text = codes_module(&catalog(hostile), "c.toml").unwrap();
        syn::parse_file(&text).unwrap();
        let literal = proc_macro2::Literal::string(hostile).to_string();
        assert!(text.contains(&literal), "{text}");
        let parsed: syn::LitStr = syn::parse_str(&literal).unwrap();
        assert_eq!(parsed.value(), hostile);
    }

    #[test]
    fn empty_field_list_still_makes_a_module() {
        let text = fields_module(&catalog("x"), "c.toml").unwrap();
        syn::parse_file(&text).unwrap();
        assert!(text.contains("pub enum FieldError {}"));
    }

    #[test]
    fn vocabulary_module_has_every_term() {
        let text = vocabulary_module("c.toml").unwrap();
        for vocabulary in vocabulary::ALL {
            for term in vocabulary.terms {
                assert!(text.contains(&format!(
                    "{}::{} => \"{}\"",
                    vocabulary.type_name, term.variant, term.key
                )));
            }
        }
    }
}
