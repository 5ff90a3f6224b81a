//! One validator per parameter rule: a non-allocating predicate `is_valid_<param>` and
//! `validate_<param>`, which returns the value (typed, for `one_of`) or the problem.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::params::{validator_name, variant};
use super::tokens::{doc, doc_lines, ident, type_static};
use crate::keywords::{CharClass, JsonType};
use crate::markdown::escape_inline;
use crate::model::{Param, Rule};

/// The Rust type a settable param's raw value has.
pub(crate) fn raw_type(param: &Param) -> TokenStream {
    match param.json_type {
        JsonType::Number => quote!(f64),
        JsonType::Integer => quote!(i64),
        JsonType::Boolean => quote!(bool),
        _ => quote!(&'a str),
    }
}

/// The validator (and predicate) of a param, or `None` for the rule `any`.
pub(crate) fn validator(param: &Param) -> Option<TokenStream> {
    let body = match &param.rule {
        Rule::Any => return None,
        Rule::OneOf {
            type_name, hints, ..
        } => return Some(one_of(param, type_name, hints)),
        Rule::CertifyId { suffix_len, .. } => return Some(certify_id(param, *suffix_len)),
        Rule::Custom { function } => return Some(custom(param, function)),
        Rule::Text {
            min_len,
            max_len,
            chars,
        } => text_test(*min_len, *max_len, chars),
        Rule::Number { min, max, above } => number_test(param, *min, *max, *above),
        Rule::IdSelector => quote! {
            match value.strip_prefix('#') {
                Some(id) => !id.is_empty() && !id.chars().any(char::is_whitespace),
                None => false,
            }
        },
    };
    Some(predicate_and_validator(param, body))
}

/// The rustdoc of `validate_<param>`.
fn validator_doc(param: &Param) -> TokenStream {
    doc_lines(&[
        format!(
            "Checks a value of `{}`: it must be {}.",
            param.name,
            escape_inline(&param.rule.describe(param.json_type))
        ),
        String::new(),
        "Allocates only to report a problem.".to_owned(),
    ])
}

/// The rustdoc of `is_valid_<param>`.
fn predicate_doc(param: &Param) -> TokenStream {
    doc_lines(&[format!(
        "Whether a value of `{}` follows its rule: {}. Never allocates.",
        param.name,
        escape_inline(&param.rule.describe(param.json_type))
    )])
}

/// `is_valid_<param>` with `body` as its test, and `validate_<param>` on top of it.
fn predicate_and_validator(param: &Param, body: TokenStream) -> TokenStream {
    let name = validator_name(param);
    let variant = variant(param);
    let doc = validator_doc(param);
    let predicate = ident(&format!("is_valid_{}", param.method));
    let predicate_doc = predicate_doc(param);
    let (value_type, signature, as_text) = match param.json_type {
        JsonType::String => (
            quote!(&str),
            quote!(pub fn #name(value: &str) -> Result<&str, crate::ParamError>),
            quote!(value),
        ),
        _ => {
            let raw = raw_type(param);
            (
                raw.clone(),
                quote!(pub fn #name(value: #raw) -> Result<#raw, crate::ParamError>),
                quote!(&value.to_string()),
            )
        }
    };
    quote! {
        #predicate_doc
        #[inline]
        pub fn #predicate(value: #value_type) -> bool {
            #body
        }

        #doc
        #[inline]
        #signature {
            if #predicate(value) {
                Ok(value)
            } else {
                Err(crate::ParamError::broken_rule(Param::#variant, #as_text, None))
            }
        }
    }
}

/// The validator of a `one_of` rule: the enum's own lookup, then for a miss the hint of
/// the runtime's `one_of_hint`, from the catalog's aliases (`hints`) and values.
fn one_of(param: &Param, type_name: &str, hints: &[(String, String)]) -> TokenStream {
    let name = validator_name(param);
    let variant = variant(param);
    let validator_doc = validator_doc(param);
    let values_static = super::vocabulary::words_static(type_name);
    let value_type = ident(type_name);
    let (aliases_static, aliases) = if hints.is_empty() {
        (quote!(), quote!(&[]))
    } else {
        let aliases_static = type_static(type_name, "ALIASES");
        let count = Literal::usize_unsuffixed(hints.len());
        let from = hints.iter().map(|(from, _)| from.as_str());
        let to = hints.iter().map(|(_, to)| to.as_str());
        let aliases_doc = doc(&format!(
            "Other spellings of values of `{}`, each with the value it stands for.",
            param.name
        ));
        (
            quote! {
                #aliases_doc
                static #aliases_static: [(&str, &str); #count] = [ #( (#from, #to), )* ];
            },
            quote!(&#aliases_static),
        )
    };
    quote! {
        #aliases_static

        #validator_doc
        #[inline]
        pub fn #name(value: &str) -> Result<#value_type, crate::ParamError> {
            match <#value_type as crate::WireCode>::from_wire(value) {
                Some(known) => Ok(known),
                None => {
                    let hint = crate::__private::one_of_hint(value, #aliases, &#values_static);
                    Err(crate::ParamError::broken_rule(Param::#variant, value, hint))
                }
            }
        }
    }
}

/// The test of a `text` rule. When every allowed character is ASCII, one pass over the
/// bytes checks the classes, and the length in bytes is the length in characters.
fn text_test(min_len: Option<u32>, max_len: Option<u32>, chars: &[CharClass]) -> TokenStream {
    let ascii_only = !chars.is_empty();
    let count = if ascii_only {
        quote!(value.len())
    } else {
        quote!(value.chars().count())
    };
    let mut tests = Vec::new();
    let literal = |n: u32| Literal::usize_unsuffixed(n as usize);
    match (min_len, max_len) {
        (Some(min), Some(max)) if min == max => {
            let exact = literal(min);
            tests.push(quote!(#count == #exact));
        }
        (Some(min), Some(max)) => {
            let (min, max) = (literal(min), literal(max));
            tests.push(quote!((#min..=#max).contains(&#count)));
        }
        (Some(min), None) => {
            let min = literal(min);
            tests.push(quote!(#count >= #min));
        }
        (None, Some(max)) => {
            let max = literal(max);
            tests.push(quote!(#count <= #max));
        }
        (None, None) => {}
    }
    if ascii_only {
        let classes = chars.iter().map(|class| match class {
            CharClass::Lower => quote!(b.is_ascii_lowercase()),
            CharClass::Upper => quote!(b.is_ascii_uppercase()),
            CharClass::Digit => quote!(b.is_ascii_digit()),
            CharClass::Underscore => quote!(b == b'_'),
            CharClass::Hyphen => quote!(b == b'-'),
            CharClass::Dot => quote!(b == b'.'),
        });
        tests.push(quote!(value.bytes().all(|b| #( #classes )||*)));
    }
    if tests.is_empty() {
        quote!(true)
    } else {
        quote!(#( #tests )&&*)
    }
}

fn number_test(
    param: &Param,
    min: Option<f64>,
    max: Option<f64>,
    above: Option<f64>,
) -> TokenStream {
    let value = if param.json_type == JsonType::Integer {
        quote!((value as f64))
    } else {
        quote!(value)
    };
    let mut tests = vec![quote!(#value.is_finite())];
    match (min, max) {
        (Some(min), Some(max)) => {
            let (min, max) = (Literal::f64_unsuffixed(min), Literal::f64_unsuffixed(max));
            tests.push(quote!((#min..=#max).contains(&#value)));
        }
        (Some(min), None) => {
            let min = Literal::f64_unsuffixed(min);
            tests.push(quote!(#value >= #min));
        }
        (None, Some(max)) => {
            let max = Literal::f64_unsuffixed(max);
            tests.push(quote!(#value <= #max));
        }
        (None, None) => {}
    }
    if let Some(above) = above {
        let above = Literal::f64_unsuffixed(above);
        tests.push(quote!(#value > #above));
    }
    quote!(#( #tests )&&*)
}

fn certify_id(param: &Param, suffix_len: u32) -> TokenStream {
    let name = validator_name(param);
    let variant = variant(param);
    let doc = validator_doc(param);
    let predicate = ident(&format!("is_valid_{}", param.method));
    let predicate_doc = predicate_doc(param);
    let suffix_len = Literal::usize_unsuffixed(suffix_len as usize);
    quote! {
        #predicate_doc
        ///
        /// `prefix` is the configured prefix; with `None`, any non-empty prefix
        /// without `_` is accepted.
        #[inline]
        pub fn #predicate(value: &str, prefix: Option<&str>) -> bool {
            let bytes = value.as_bytes();
            // The suffix is the last `suffix_len` bytes; what precedes it must be the
            // prefix and `_`. Lengths are compared first, so most misses cost one
            // comparison.
            let Some(head_len) = bytes.len().checked_sub(#suffix_len + 1) else {
                return false;
            };
            let (head, tail) = bytes.split_at(head_len);
            let Some((&separator, suffix)) = tail.split_first() else {
                return false;
            };
            let head_ok = match prefix {
                Some(prefix) => crate::ascii::same_bytes(head, prefix.as_bytes()),
                None => !head.is_empty() && !head.contains(&b'_'),
            };
            head_ok && separator == b'_' && crate::ascii::all_alphanumeric(suffix)
        }

        #doc
        ///
        /// `prefix` is the configured prefix; with `None`, any non-empty prefix
        /// without `_` is accepted.
        #[inline]
        pub fn #name<'v>(value: &'v str, prefix: Option<&str>) -> Result<&'v str, crate::ParamError> {
            if #predicate(value, prefix) {
                Ok(value)
            } else {
                Err(crate::ParamError::broken_rule(Param::#variant, value, None))
            }
        }
    }
}

fn custom(param: &Param, function: &str) -> TokenStream {
    let name = validator_name(param);
    let variant = variant(param);
    let doc = validator_doc(param);
    let function = ident(function);
    quote! {
        #doc
        #[inline]
        pub fn #name(value: &str) -> Result<&str, crate::ParamError> {
            match crate::custom::#function(value) {
                Ok(()) => Ok(value),
                Err(reason) => Err(crate::ParamError::custom(Param::#variant, value, reason)),
            }
        }
    }
}
