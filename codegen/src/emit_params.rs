//! Stage 3a, emit Rust, for `[[param]]` entries: the `params.rs` module of
//! `captcha-errors`. It holds the `Param` enum, one typed enum per `one_of` rule, one
//! allocation-free validator per rule, and the `InitConfig` builder with its
//! whole-config `validate()`. Built with `quote!`, printed by prettyplease.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::emit_rust::{accessor, doc_lines, header, render, term_path};
use crate::markdown::escape_inline;
use crate::model::{Catalog, EnumValue, Param, Raises, Rule};
use crate::vocabulary::{CONFIDENCE, JSON_TYPE, SCOPE, SEVERITY};

/// The `params.rs` module.
pub fn params_module(catalog: &Catalog, catalog_path: &str) -> Result<String, String> {
    let header = header(catalog_path);
    let params = &catalog.params;
    let param_enum = param_enum(catalog);
    let value_enums = params.iter().filter_map(value_enum);
    let validators = params.iter().filter_map(validator);
    let config = init_config(params);
    let valid = valid_config(params);
    render(quote! {
        #header
        use core::fmt;
        use super::vocabulary::{Confidence, JsonType, Scope, Severity};
        use crate::problem::{ParamError, Raised};
        use crate::report::Report;
        use crate::value::ParamValue;

        #param_enum
        #(#value_enums)*
        #(#validators)*
        #config
        #valid
    })
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn variant(param: &Param) -> Ident {
    ident(&param.variant)
}

fn method(param: &Param) -> Ident {
    ident(&param.method)
}

fn validator_name(param: &Param) -> Ident {
    ident(&format!("validate_{}", param.method))
}

/// Whether `InitConfig` holds a value for the param: scalars only; objects are spread
/// over their members and functions belong to the page.
fn settable(param: &Param) -> bool {
    matches!(
        param.json_type.key,
        "string" | "number" | "integer" | "boolean"
    )
}

/// The Rust type a settable param's raw value has.
fn raw_type(param: &Param) -> TokenStream {
    match param.json_type.key {
        "number" => quote!(f64),
        "integer" => quote!(i64),
        "boolean" => quote!(bool),
        _ => quote!(&'a str),
    }
}

/// The Rust type of a param's value once validated.
fn typed_type(param: &Param) -> TokenStream {
    match &param.rule {
        Rule::OneOf { type_name, .. } => {
            let name = ident(type_name);
            quote!(#name)
        }
        _ => raw_type(param),
    }
}

fn raises_path(raises: &Raises) -> TokenStream {
    match raises {
        Raises::Field(variant) => {
            let variant = ident(variant);
            quote!(Raised::Field(crate::FieldError::#variant))
        }
        Raises::Code(variant) => {
            let variant = ident(variant);
            quote!(Raised::Code(crate::ErrorCode::#variant))
        }
    }
}

fn param_doc(param: &Param) -> TokenStream {
    let required = if param.required {
        "Required"
    } else {
        "Optional"
    };
    let mut lines = vec![
        format!("`{}`: {}", param.name, escape_inline(&param.doc)),
        String::new(),
        format!(
            "{required} {} passed in `{}`; must be {}.",
            param.json_type.key,
            param.scope.key,
            escape_inline(&param.rule.describe(param.json_type))
        ),
    ];
    if let Some(default) = &param.default {
        lines.push(String::new());
        lines.push(format!("Default: `{}`.", escape_inline(default)));
    }
    doc_lines(&lines)
}

fn param_enum(catalog: &Catalog) -> TokenStream {
    let params = &catalog.params;
    let variants: Vec<Ident> = params.iter().map(variant).collect();
    let docs = params.iter().map(param_doc);
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    let scopes = params.iter().map(|p| term_path(&SCOPE, p.scope));
    let json_types = params.iter().map(|p| term_path(&JSON_TYPE, p.json_type));
    let required = params.iter().map(|p| p.required);
    let defaults = params.iter().map(|p| match &p.default {
        Some(default) => quote!(Some(#default)),
        None => quote!(None),
    });
    let rules = params.iter().map(|p| p.rule.describe(p.json_type));
    let raises = params.iter().map(|p| raises_path(&p.raises));
    let severities = params.iter().map(|p| term_path(&SEVERITY, p.severity));
    let confidences = params.iter().map(|p| term_path(&CONFIDENCE, p.confidence));
    let param_docs = params.iter().map(|p| p.doc.as_str());
    let parents = params.iter().map(|p| {
        match p
            .parent
            .as_ref()
            .and_then(|parent| params.iter().find(|q| &q.name == parent))
        {
            Some(parent) => {
                let parent = variant(parent);
                quote!(Some(Param::#parent))
            }
            None => quote!(None),
        }
    });
    let type_error = match &catalog.type_error_field {
        Some(variant) => raises_path(&Raises::Field(variant.clone())),
        None => quote!(unreachable!()),
    };
    let type_errors = params.iter().map(|_| type_error.clone());
    let param = ident("Param");
    let name_accessor = accessor(
        &param,
        &variants,
        &["The name as the page passes it; a member of an object is `object.member`."],
        "name",
        quote!(&'static str),
        &names,
    );
    let accessors = [
        accessor(
            &param,
            &variants,
            &["Where the page passes it."],
            "scope",
            quote!(Scope),
            scopes,
        ),
        accessor(
            &param,
            &variants,
            &["The JSON type its value must have."],
            "json_type",
            quote!(JsonType),
            json_types,
        ),
        accessor(
            &param,
            &variants,
            &["Whether the page must pass it."],
            "is_required",
            quote!(bool),
            required,
        ),
        accessor(
            &param,
            &variants,
            &["The documented default, as text."],
            "default_value",
            quote!(Option<&'static str>),
            defaults,
        ),
        accessor(
            &param,
            &variants,
            &["What its value must be, completing \"`<name>` must be …\"."],
            "rule",
            quote!(&'static str),
            rules,
        ),
        accessor(
            &param,
            &variants,
            &["The vendor row a value that breaks the rule raises."],
            "raises",
            quote!(Raised),
            raises,
        ),
        accessor(
            &param,
            &variants,
            &["The vendor row a value of the wrong JSON type raises."],
            "type_error",
            quote!(Raised),
            type_errors,
        ),
        accessor(
            &param,
            &variants,
            &["How serious a broken rule is."],
            "severity",
            quote!(Severity),
            severities,
        ),
        accessor(
            &param,
            &variants,
            &["Where the rule comes from."],
            "confidence",
            quote!(Confidence),
            confidences,
        ),
        accessor(
            &param,
            &variants,
            &["What the parameter is for."],
            "doc",
            quote!(&'static str),
            param_docs,
        ),
        accessor(
            &param,
            &variants,
            &["The object parameter this one is a member of."],
            "parent",
            quote!(Option<Param>),
            parents,
        ),
    ];
    let enum_doc = doc_lines(&[format!(
        "An init parameter checked for the {}.",
        escape_inline(&catalog.name)
    )]);
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Param {
            #( #docs #variants, )*
        }

        impl Param {
            /// Every parameter, in catalog order.
            pub const ALL: &'static [Param] = &[ #( Param::#variants, )* ];

            #name_accessor

            /// The parameter with this exact name, or `None`.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    #( #names => Some(Param::#variants), )*
                    _ => None,
                }
            }

            #( #accessors )*
        }

        impl fmt::Display for Param {
            /// Writes the name as the page passes it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
    }
}

fn value_enum(param: &Param) -> Option<TokenStream> {
    let Rule::OneOf {
        type_name, values, ..
    } = &param.rule
    else {
        return None;
    };
    let name = ident(type_name);
    let doc = doc_lines(&[format!(
        "A valid value of `{}`: {}",
        param.name,
        escape_inline(&param.doc)
    )]);
    let variants: Vec<Ident> = values.iter().map(|v| ident(&v.variant)).collect();
    let docs = values
        .iter()
        .map(|v: &EnumValue| doc_lines(&[format!("`{}`: {}.", v.value, escape_inline(&v.label))]));
    let texts: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let labels = values.iter().map(|v| v.label.as_str());
    let validate = validator_name(param);
    let as_str = accessor(
        &name,
        &variants,
        &["The value as the page passes it."],
        "as_str",
        quote!(&'static str),
        &texts,
    );
    let label = accessor(
        &name,
        &variants,
        &["A human name for the value."],
        "label",
        quote!(&'static str),
        labels,
    );
    Some(quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #variants, )*
        }

        impl #name {
            /// Every value, in catalog order.
            pub const ALL: &'static [#name] = &[ #( #name::#variants, )* ];

            #as_str
            #label
        }

        impl fmt::Display for #name {
            /// Writes the value as the page passes it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl core::str::FromStr for #name {
            type Err = ParamError;

            /// Parses the exact value (case-sensitive), with a hint for near misses.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                #validate(value)
            }
        }
    })
}

/// The validator for a param, or `None` for the rule `any`.
fn validator(param: &Param) -> Option<TokenStream> {
    let name = validator_name(param);
    let variant = variant(param);
    let doc = doc_lines(&[
        format!(
            "Checks a value of `{}`: it must be {}.",
            param.name,
            escape_inline(&param.rule.describe(param.json_type))
        ),
        String::new(),
        "Allocates only to report a problem.".to_owned(),
    ]);
    let predicate = ident(&format!("is_valid_{}", param.method));
    let predicate_doc = doc_lines(&[format!(
        "Whether a value of `{}` follows its rule: {}. Never allocates.",
        param.name,
        escape_inline(&param.rule.describe(param.json_type))
    )]);
    let raw = raw_type(param);
    let raw_static = match param.json_type.key {
        "string" => quote!(&str),
        _ => raw.clone(),
    };
    let as_text = match param.json_type.key {
        "string" => quote!(value),
        _ => quote!(&value.to_string()),
    };
    let body = match &param.rule {
        Rule::Any => return None,
        Rule::OneOf {
            type_name,
            values,
            hints,
        } => {
            let type_name = ident(type_name);
            let texts = values.iter().map(|v| v.value.as_str());
            let variants = values.iter().map(|v| ident(&v.variant));
            let explicit = if hints.is_empty() {
                quote!(None)
            } else {
                let from = hints.iter().map(|(from, _)| from.as_str());
                let to = hints.iter().map(|(_, to)| to.as_str());
                quote!(match value { #( #from => Some(#to), )* _ => None })
            };
            return Some(quote! {
                #doc
                pub fn #name(value: &str) -> Result<#type_name, ParamError> {
                    match value {
                        #( #texts => Ok(#type_name::#variants), )*
                        _ => {
                            let explicit: Option<&'static str> = #explicit;
                            let hint = explicit.or_else(|| {
                                let trimmed = value.trim();
                                #type_name::ALL
                                    .iter()
                                    .map(|candidate| candidate.as_str())
                                    .find(|candidate| candidate.eq_ignore_ascii_case(trimmed))
                            });
                            Err(ParamError::broken_rule(Param::#variant, value, hint))
                        }
                    }
                }
            });
        }
        Rule::Text {
            min_len,
            max_len,
            chars,
        } => {
            let count = quote!(value.chars().count());
            let mut tests = Vec::new();
            match (min_len, max_len) {
                (Some(min), Some(max)) if min == max => {
                    let exact = Literal::usize_unsuffixed(*min as usize);
                    tests.push(quote!(#count == #exact));
                }
                (Some(min), Some(max)) => {
                    let (min, max) = (
                        Literal::usize_unsuffixed(*min as usize),
                        Literal::usize_unsuffixed(*max as usize),
                    );
                    tests.push(quote!((#min..=#max).contains(&#count)));
                }
                (Some(min), None) => {
                    let min = Literal::usize_unsuffixed(*min as usize);
                    tests.push(quote!(#count >= #min));
                }
                (None, Some(max)) => {
                    let max = Literal::usize_unsuffixed(*max as usize);
                    tests.push(quote!(#count <= #max));
                }
                (None, None) => {}
            }
            if !chars.is_empty() {
                let classes = chars.iter().map(|class| match class.key {
                    "lower" => quote!(c.is_ascii_lowercase()),
                    "upper" => quote!(c.is_ascii_uppercase()),
                    "digit" => quote!(c.is_ascii_digit()),
                    "underscore" => quote!(c == '_'),
                    "hyphen" => quote!(c == '-'),
                    _ => quote!(c == '.'),
                });
                tests.push(quote!(value.chars().all(|c| #( #classes )||*)));
            }
            quote!(#( #tests )&&*)
        }
        Rule::Number { min, max, above } => {
            let value_f64 = if param.json_type.key == "integer" {
                quote!((value as f64))
            } else {
                quote!(value)
            };
            let mut tests = vec![quote!(#value_f64.is_finite())];
            match (min, max) {
                (Some(min), Some(max)) => {
                    let (min, max) = (Literal::f64_unsuffixed(*min), Literal::f64_unsuffixed(*max));
                    tests.push(quote!((#min..=#max).contains(&#value_f64)));
                }
                (Some(min), None) => {
                    let min = Literal::f64_unsuffixed(*min);
                    tests.push(quote!(#value_f64 >= #min));
                }
                (None, Some(max)) => {
                    let max = Literal::f64_unsuffixed(*max);
                    tests.push(quote!(#value_f64 <= #max));
                }
                (None, None) => {}
            }
            if let Some(above) = above {
                let above = Literal::f64_unsuffixed(*above);
                tests.push(quote!(#value_f64 > #above));
            }
            quote!(#( #tests )&&*)
        }
        Rule::IdSelector => quote! {
            match value.strip_prefix('#') {
                Some(id) => !id.is_empty() && !id.chars().any(char::is_whitespace),
                None => false,
            }
        },
        Rule::CertifyId { suffix_len, .. } => {
            let suffix_len = Literal::usize_unsuffixed(*suffix_len as usize);
            return Some(quote! {
                #predicate_doc
                ///
                /// `prefix` is the configured prefix; with `None`, any non-empty prefix
                /// without `_` is accepted.
                #[inline]
                pub fn #predicate(value: &str, prefix: Option<&str>) -> bool {
                    let bytes = value.as_bytes();
                    // The suffix is the last `suffix_len` bytes; what precedes it must
                    // be the prefix and `_`. Lengths are compared first, so most
                    // misses cost one comparison.
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
                pub fn #name<'v>(value: &'v str, prefix: Option<&str>) -> Result<&'v str, ParamError> {
                    if #predicate(value, prefix) {
                        Ok(value)
                    } else {
                        Err(ParamError::broken_rule(Param::#variant, value, None))
                    }
                }
            });
        }
        Rule::Custom { function } => {
            let function = ident(function);
            return Some(quote! {
                #doc
                pub fn #name(value: &str) -> Result<&str, ParamError> {
                    match crate::custom::#function(value) {
                        Ok(()) => Ok(value),
                        Err(reason) => Err(ParamError::custom(Param::#variant, value, reason)),
                    }
                }
            });
        }
    };
    let signature = match param.json_type.key {
        "string" => quote!(pub fn #name(value: &str) -> Result<&str, ParamError>),
        _ => quote!(pub fn #name(value: #raw_static) -> Result<#raw_static, ParamError>),
    };
    Some(quote! {
        #predicate_doc
        #[inline]
        pub fn #predicate(value: #raw_static) -> bool {
            #body
        }

        #doc
        #signature {
            if #predicate(value) {
                Ok(value)
            } else {
                Err(ParamError::broken_rule(Param::#variant, #as_text, None))
            }
        }
    })
}

fn init_config(params: &[Param]) -> TokenStream {
    let settable: Vec<&Param> = params.iter().filter(|p| settable(p)).collect();
    let methods: Vec<Ident> = settable.iter().map(|p| method(p)).collect();
    let types: Vec<TokenStream> = settable.iter().map(|p| raw_type(p)).collect();
    let setter_docs = settable
        .iter()
        .map(|p| doc_lines(&[format!("Sets `{}`: {}", p.name, escape_inline(&p.doc))]));
    let set_arms = settable.iter().map(|p| {
        let m = method(p);
        let v = variant(p);
        match p.json_type.key {
            "string" => {
                quote!((Param::#v, ParamValue::Str(value)) => { self.#m = Some(value); Ok(()) })
            }
            "integer" => {
                quote!((Param::#v, ParamValue::Integer(value)) => { self.#m = Some(value); Ok(()) })
            }
            "boolean" => {
                quote!((Param::#v, ParamValue::Bool(value)) => { self.#m = Some(value); Ok(()) })
            }
            _ => quote! {
                (Param::#v, ParamValue::Number(value)) => { self.#m = Some(value); Ok(()) }
                (Param::#v, ParamValue::Integer(value)) => { self.#m = Some(value as f64); Ok(()) }
            },
        }
    });
    let checks = settable.iter().map(|p| validate_step(p));
    let required: Vec<Ident> = settable
        .iter()
        .filter(|p| p.required)
        .map(|p| method(p))
        .collect();
    let build = quote!(ValidConfig { #( #methods, )* marker: core::marker::PhantomData });
    let problems_binding = if settable.is_empty() {
        quote!(let problems: Vec<ParamError> = Vec::new();)
    } else {
        quote!(let mut problems: Vec<ParamError> = Vec::new();)
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
            pub fn new() -> Self {
                Self::default()
            }

            #(
                #setter_docs
                pub fn #methods(mut self, value: #types) -> Self {
                    self.#methods = Some(value);
                    self
                }
            )*

            /// Sets a parameter from a value of any type; a value of the wrong JSON type
            /// (or a parameter the config cannot hold, such as a callback) is an error.
            pub fn set(&mut self, param: Param, value: ParamValue<'a>) -> Result<(), ParamError> {
                match (param, value) {
                    #( #set_arms )*
                    (param, value) => {
                        Err(ParamError::wrong_type(param, &value.to_string(), value.json_type_name()))
                    }
                }
            }

            /// Checks every parameter and returns every problem, errors and warnings,
            /// with the typed config when no problem is an error. A valid config
            /// allocates nothing: the problem list stays empty.
            pub fn validate(&self) -> Report<ValidConfig<'a>> {
                #problems_binding
                #( #checks )*
                let config = if problems.iter().any(ParamError::is_error) {
                    None
                } else {
                    #config
                };
                Report::new(config, problems)
            }
        }
    }
}

/// The statements of `validate()` for one settable param, binding its checked value.
fn validate_step(param: &Param) -> TokenStream {
    let m = method(param);
    let v = variant(param);
    let validate = validator_name(param);
    match &param.rule {
        Rule::Any => quote! {
            let #m = crate::report::present(&mut problems, Param::#v, self.#m);
        },
        Rule::OneOf { .. } => quote! {
            let #m = crate::report::present(&mut problems, Param::#v, self.#m)
                .and_then(|value| crate::report::record(&mut problems, #validate(value)));
        },
        Rule::CertifyId { prefix_method, .. } => {
            let prefix = ident(prefix_method);
            quote! {
                let #m = crate::report::present(&mut problems, Param::#v, self.#m);
                if let Some(value) = #m {
                    if let Err(problem) = #validate(value, self.#prefix) {
                        problems.push(problem);
                    }
                }
            }
        }
        _ => quote! {
            let #m = crate::report::present(&mut problems, Param::#v, self.#m);
            if let Some(value) = #m {
                if let Err(problem) = #validate(value) {
                    problems.push(problem);
                }
            }
        },
    }
}

fn valid_config(params: &[Param]) -> TokenStream {
    let settable: Vec<&Param> = params.iter().filter(|p| settable(p)).collect();
    let count = Literal::usize_unsuffixed(settable.len());
    let fields = settable.iter().map(|p| {
        let m = method(p);
        let doc = doc_lines(&[format!("`{}`: {}", p.name, escape_inline(&p.doc))]);
        let ty = typed_type(p);
        if p.required {
            quote!(#doc pub #m: #ty,)
        } else {
            quote!(#doc pub #m: Option<#ty>,)
        }
    });
    let entries = settable.iter().map(|p| {
        let m = method(p);
        let v = variant(p);
        let wrap = match (&p.rule, p.json_type.key) {
            (Rule::OneOf { .. }, _) => quote!(ParamValue::Str(value.as_str())),
            (_, "string") => quote!(ParamValue::Str(value)),
            (_, "integer") => quote!(ParamValue::Integer(value)),
            (_, "boolean") => quote!(ParamValue::Bool(value)),
            _ => quote!(ParamValue::Number(value)),
        };
        if p.required {
            quote!({ let value = self.#m; Some((Param::#v, #wrap)) })
        } else {
            quote!(self.#m.map(|value| (Param::#v, #wrap)))
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
            pub fn entries(&self) -> [Option<(Param, ParamValue<'a>)>; #count] {
                [ #( #entries, )* ]
            }
        }
    }
}
