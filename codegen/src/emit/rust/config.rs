//! `InitConfig`, the builder of a whole config with its one-line-per-param `validate()`,
//! and `ValidConfig`, what a valid config becomes with enumerated values typed.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::params::{method, validator_name, variant};
use super::tokens::doc;
use super::validators::raw_type;
use crate::keywords::JsonType;
use crate::markdown::escape_inline;
use crate::model::{Param, Rule};

/// The params `InitConfig` holds a value for.
fn settable(params: &[Param]) -> Vec<&Param> {
    params
        .iter()
        .filter(|p| p.json_type.is_settable())
        .collect()
}

/// `InitConfig` and its impl.
pub(crate) fn init_config(params: &[Param]) -> TokenStream {
    let settable = settable(params);
    let methods: Vec<Ident> = settable.iter().map(|p| method(p)).collect();
    let types: Vec<TokenStream> = settable.iter().map(|p| raw_type(p)).collect();
    let setter_docs = settable
        .iter()
        .map(|p| doc(&format!("Sets `{}`: {}", p.name, escape_inline(&p.doc))));
    let set = set_method(&settable);
    let validate = validate_method(&settable);
    quote! {
        /// An init config as a page would pass it, built from raw values; nothing is
        /// checked until [`InitConfig::validate`], which reports every problem at once.
        #[derive(Clone, Copy, Debug, Default, PartialEq)]
        pub struct InitConfig<'a> {
            #( #methods: Option<#types>, )*
            marker: core::marker::PhantomData<&'a ()>,
        }

        // Setters are named after the page's options, which may share a name with a
        // std trait method (`rem`).
        #[allow(clippy::should_implement_trait)]
        impl<'a> InitConfig<'a> {
            /// An empty config.
            #[inline]
            pub fn new() -> Self {
                Self::default()
            }

            #(
                #setter_docs
                #[inline]
                pub fn #methods(mut self, value: #types) -> Self {
                    self.#methods = Some(value);
                    self
                }
            )*

            #set

            #validate
        }
    }
}

/// `InitConfig::set`: a value of any type, checked for the param's JSON type.
fn set_method(settable: &[&Param]) -> TokenStream {
    let arms = settable.iter().map(|p| {
        let (m, v) = (method(p), variant(p));
        match p.json_type {
            JsonType::Integer => quote!((Param::#v, crate::ParamValue::Integer(value)) => { self.#m = Some(value); Ok(()) }),
            JsonType::Boolean => quote!((Param::#v, crate::ParamValue::Bool(value)) => { self.#m = Some(value); Ok(()) }),
            JsonType::Number => quote! {
                (Param::#v, crate::ParamValue::Number(value)) => { self.#m = Some(value); Ok(()) }
                (Param::#v, crate::ParamValue::Integer(value)) => { self.#m = Some(value as f64); Ok(()) }
            },
            _ => quote!((Param::#v, crate::ParamValue::Str(value)) => { self.#m = Some(value); Ok(()) }),
        }
    });
    quote! {
        /// Sets a parameter from a value of any type; a value of the wrong JSON type
        /// (or a parameter the config cannot hold, such as a callback) is an error.
        #[inline]
        pub fn set(&mut self, param: Param, value: crate::ParamValue<'a>) -> Result<(), crate::ParamError> {
            match (param, value) {
                #( #arms )*
                (param, value) => {
                    Err(crate::ParamError::wrong_type(param, &value.to_string(), value.json_type_name()))
                }
            }
        }
    }
}

/// `InitConfig::validate`: one statement per param, then the typed config.
fn validate_method(settable: &[&Param]) -> TokenStream {
    let steps = settable.iter().map(|p| validate_step(p));
    let methods: Vec<Ident> = settable.iter().map(|p| method(p)).collect();
    let required: Vec<Ident> = settable
        .iter()
        .filter(|p| p.required)
        .map(|p| method(p))
        .collect();
    let build = quote!(ValidConfig { #( #methods, )* marker: core::marker::PhantomData });
    let binding = if settable.is_empty() {
        quote!(let problems: Vec<crate::ParamError> = Vec::new();)
    } else {
        quote!(let mut problems: Vec<crate::ParamError> = Vec::new();)
    };
    let config = if required.is_empty() {
        quote!(Some(#build))
    } else {
        quote! {
            match ( #( #required, )* ) {
                ( #( Some(#required), )* ) => Some(#build),
                _ => None,
            }
        }
    };
    quote! {
        /// Checks every parameter and returns every problem, errors and warnings,
        /// with the typed config when no problem is an error. A valid config
        /// allocates nothing: the problem list stays empty.
        #[inline]
        pub fn validate(&self) -> crate::Report<ValidConfig<'a>> {
            #binding
            #( #steps )*
            let config = if problems.iter().any(crate::ParamError::is_error) {
                None
            } else {
                #config
            };
            crate::Report::new(config, problems)
        }
    }
}

/// The one statement of `validate()` for a param, binding its checked value: typed for
/// `one_of`, as given (warnings keep it) for other rules.
fn validate_step(param: &Param) -> TokenStream {
    let (m, v, validate) = (method(param), variant(param), validator_name(param));
    match &param.rule {
        Rule::Any => {
            quote!(let #m = crate::config_report::present(&mut problems, Param::#v, self.#m);)
        }
        Rule::OneOf { .. } => {
            quote!(let #m = crate::config_report::typed(&mut problems, Param::#v, self.#m, #validate);)
        }
        Rule::CertifyId { prefix_method, .. } => {
            let prefix = super::tokens::ident(prefix_method);
            quote!(let #m = crate::config_report::kept(&mut problems, Param::#v, self.#m, |value| #validate(value, self.#prefix));)
        }
        _ => {
            quote!(let #m = crate::config_report::kept(&mut problems, Param::#v, self.#m, #validate);)
        }
    }
}

/// `ValidConfig` and its `entries()`.
pub(crate) fn valid_config(params: &[Param]) -> TokenStream {
    let settable = settable(params);
    let count = Literal::usize_unsuffixed(settable.len());
    let fields = settable.iter().map(|p| {
        let m = method(p);
        let field_doc = doc(&format!("`{}`: {}", p.name, escape_inline(&p.doc)));
        let ty = match &p.rule {
            Rule::OneOf { type_name, .. } => {
                let name = super::tokens::ident(type_name);
                quote!(#name)
            }
            _ => raw_type(p),
        };
        if p.required {
            quote!(#field_doc pub #m: #ty,)
        } else {
            quote!(#field_doc pub #m: Option<#ty>,)
        }
    });
    let entries = settable.iter().map(|p| {
        let (m, v) = (method(p), variant(p));
        let wrap = match (&p.rule, p.json_type) {
            (Rule::OneOf { .. }, _) => quote!(crate::ParamValue::Str(value.as_str())),
            (_, JsonType::Integer) => quote!(crate::ParamValue::Integer(value)),
            (_, JsonType::Boolean) => quote!(crate::ParamValue::Bool(value)),
            (_, JsonType::Number) => quote!(crate::ParamValue::Number(value)),
            _ => quote!(crate::ParamValue::Str(value)),
        };
        if p.required {
            quote!({ let value = self.#m; Some((Param::#v, #wrap)) })
        } else {
            quote!(match self.#m { Some(value) => Some((Param::#v, #wrap)), None => None })
        }
    });
    quote! {
        /// An init config whose every parameter passed its rule (warnings aside), with
        /// enumerated parameters in their typed form. Made by [`InitConfig::validate`].
        #[derive(Clone, Copy, Debug, PartialEq)]
        pub struct ValidConfig<'a> {
            #( #fields )*
            marker: core::marker::PhantomData<&'a ()>,
        }

        impl<'a> ValidConfig<'a> {
            /// Every parameter that has a value, in catalog order.
            // A `match` per optional value, not `Option::map` with a closure: each
            // closure is one more body for rustc to check in every build.
            #[allow(clippy::manual_map)]
            #[inline]
            pub fn entries(&self) -> [Option<(Param, crate::ParamValue<'a>)>; #count] {
                [ #( #entries, )* ]
            }
        }
    }
}
