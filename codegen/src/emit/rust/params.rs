//! The `Param` enum (one variant per `[[param]]`, an enum of words whose words are the
//! names, its other facts in one static row array) and one typed enum per `one_of` rule
//! (an enum of words whose words are the values): both in the shape of
//! [`super::vocabulary::word_enum`].

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{doc, doc_lines, ident, option, type_static};
use super::vocabulary::{word_enum, EnumWord, Parse, WordEnum};
use crate::keywords::{JsonType, RuleConfidence, Severity};
use crate::markdown::escape_inline;
use crate::model::{Catalog, EnumValue, Param, Rule};

pub(crate) fn variant(param: &Param) -> Ident {
    ident(&param.variant)
}

pub(crate) fn method(param: &Param) -> Ident {
    ident(&param.method)
}

pub(crate) fn validator_name(param: &Param) -> Ident {
    format_ident!("validate_{}", param.method)
}

pub(crate) fn json_type_path(json_type: JsonType) -> TokenStream {
    let variant = ident(&heck::AsUpperCamelCase(json_type.word()).to_string());
    quote!(crate::JsonType::#variant)
}

fn severity_path(severity: Severity) -> TokenStream {
    let variant = ident(&heck::AsUpperCamelCase(severity.word()).to_string());
    quote!(crate::Severity::#variant)
}

fn confidence_path(confidence: RuleConfidence) -> TokenStream {
    let variant = ident(&heck::AsUpperCamelCase(confidence.word()).to_string());
    quote!(crate::RuleConfidence::#variant)
}

fn param_doc(catalog: &Catalog, param: &Param) -> TokenStream {
    let mut lines = vec![
        format!("`{}`: {}", param.name, escape_inline(&param.doc)),
        String::new(),
        catalog.param_sentence(param, escape_inline),
    ];
    if let Some(default) = &param.default {
        lines.push(String::new());
        lines.push(format!("Default: `{}`.", escape_inline(default)));
    }
    doc_lines(&lines)
}

/// The `Param` enum (an enum of words: each parameter's name), its row array and the
/// accessors that read it.
pub(crate) fn param_enum(catalog: &Catalog) -> TokenStream {
    let params = &catalog.params;
    let scope = catalog.scope_vocabulary().map_or_else(
        || quote!(()),
        |vocabulary| {
            let name = ident(&vocabulary.type_name);
            quote!(#name)
        },
    );
    let row_fn = if params.is_empty() {
        quote!(match self {})
    } else {
        quote!(&PARAM_ROWS[self as usize])
    };
    let accessors = param_accessors(&scope);
    word_enum(WordEnum {
        name: "Param",
        doc: doc(&format!(
            "An init parameter checked for the {}.",
            escape_inline(&catalog.name)
        )),
        noun: "init parameter".to_owned(),
        words: params
            .iter()
            .map(|param| EnumWord {
                variant: &param.variant,
                word: &param.name,
                doc: param_doc(catalog, param),
            })
            .collect(),
        parse: Parse::Exact,
        data: param_data(catalog, &scope),
        methods: quote! {
            /// The parameter's facts.
            #[inline]
            const fn row(self) -> &'static ParamRow {
                #row_fn
            }

            /// The parameter with this exact name, or `None`.
            #[inline]
            pub fn from_name(name: &str) -> Option<Self> {
                <Param as crate::WireCode>::from_wire(name)
            }

            #accessors
        },
    })
}

/// The private row struct, the static array of rows and the type-error row.
fn param_data(catalog: &Catalog, scope: &TokenStream) -> TokenStream {
    let rows = catalog.params.iter().map(|param| param_row(catalog, param));
    let count = proc_macro2::Literal::usize_unsuffixed(catalog.params.len());
    let type_error = match catalog.type_error {
        Some(at) => super::raised::path(catalog, at),
        None => quote!(unreachable!()),
    };
    quote! {
        /// The other facts of one parameter, kept together.
        struct ParamRow {
            scope: #scope,
            json_type: crate::JsonType,
            required: bool,
            default_value: Option<&'static str>,
            rule: &'static str,
            raises: Raised,
            severity: crate::Severity,
            confidence: crate::RuleConfidence,
            doc: &'static str,
            parent: Option<Param>,
        }

        /// One row per parameter, in variant order.
        #[allow(deprecated)]
        static PARAM_ROWS: [ParamRow; #count] = [ #( #rows, )* ];

        /// The row a value of the wrong JSON type raises, whatever the parameter.
        #[allow(deprecated)]
        const TYPE_ERROR: Raised = #type_error;
    }
}

/// The accessors of `Param`, each reading its row; `scope` is the scope enum's type.
fn param_accessors(scope: &TokenStream) -> TokenStream {
    quote! {
            /// The name as the page passes it; a member of an object is `object.member`.
            #[inline]
            pub const fn name(self) -> &'static str { self.as_str() }
            /// Where the page passes it.
            #[inline]
            pub const fn scope(self) -> #scope { self.row().scope }
            /// The JSON type its value must have.
            #[inline]
            pub const fn json_type(self) -> crate::JsonType { self.row().json_type }
            /// Whether the page must pass it.
            #[inline]
            pub const fn is_required(self) -> bool { self.row().required }
            /// The documented default, as text.
            #[inline]
            pub const fn default_value(self) -> Option<&'static str> { self.row().default_value }
            /// What its value must be, completing "`<name>` must be …".
            #[inline]
            pub const fn rule(self) -> &'static str { self.row().rule }
            /// The catalog row a value that breaks the rule raises.
            #[inline]
            pub const fn raises(self) -> Raised { self.row().raises }
            /// The catalog row a value of the wrong JSON type raises.
            #[inline]
            pub const fn type_error(self) -> Raised { TYPE_ERROR }
            /// How serious a broken rule is.
            #[inline]
            pub const fn severity(self) -> crate::Severity { self.row().severity }
            /// Where the rule comes from.
            #[inline]
            pub const fn confidence(self) -> crate::RuleConfidence { self.row().confidence }
            /// What the parameter is for.
            #[inline]
            pub const fn doc(self) -> &'static str { self.row().doc }
            /// The object parameter this one is a member of.
            #[inline]
            pub const fn parent(self) -> Option<Param> { self.row().parent }
    }
}

fn param_row(catalog: &Catalog, param: &Param) -> TokenStream {
    let scope = match catalog.scope_vocabulary() {
        Some(vocabulary) => {
            let (type_name, word) = (
                ident(&vocabulary.type_name),
                ident(&vocabulary.words[param.scope].variant),
            );
            quote!(#type_name::#word)
        }
        None => quote!(()),
    };
    let json_type = json_type_path(param.json_type);
    let required = param.required;
    let default = option(param.default.as_deref());
    let rule = param.rule.describe(param.json_type);
    let raises = super::raised::path(catalog, param.raises);
    let severity = severity_path(param.severity);
    let confidence = confidence_path(param.confidence);
    let param_doc = &param.doc;
    let parent = option(
        param
            .parent
            .as_ref()
            .and_then(|parent| catalog.params.iter().find(|q| &q.name == parent))
            .map(|parent| {
                let parent = variant(parent);
                quote!(Param::#parent)
            }),
    );
    quote! {
        ParamRow {
            scope: #scope,
            json_type: #json_type,
            required: #required,
            default_value: #default,
            rule: #rule,
            raises: #raises,
            severity: #severity,
            confidence: #confidence,
            doc: #param_doc,
            parent: #parent,
        }
    }
}

/// The typed enum of a `one_of` param (an enum of words: its values), or `None` for
/// other rules. Its `FromStr` is the param's validator.
pub(crate) fn value_enum(param: &Param) -> Option<TokenStream> {
    let Rule::OneOf {
        type_name, values, ..
    } = &param.rule
    else {
        return None;
    };
    let labels = values.iter().map(|v| v.label.as_str());
    let count = proc_macro2::Literal::usize_unsuffixed(values.len());
    let labels_static = type_static(type_name, "LABELS");
    Some(word_enum(WordEnum {
        name: type_name,
        doc: doc(&format!(
            "A valid value of `{}`: {}",
            param.name,
            escape_inline(&param.doc)
        )),
        noun: format!("value of `{}`", param.name),
        words: values
            .iter()
            .map(|v: &EnumValue| EnumWord {
                variant: &v.variant,
                word: &v.value,
                doc: doc(&format!("`{}`: {}.", v.value, escape_inline(&v.label))),
            })
            .collect(),
        parse: Parse::Validator(validator_name(param)),
        data: quote! {
            /// Each value's human name, in variant order.
            static #labels_static: [&str; #count] = [ #( #labels, )* ];
        },
        methods: {
            let locale_methods = locale_methods(values);
            quote! {
                /// A human name for the value.
                #[inline]
                pub const fn label(self) -> &'static str { #labels_static[self as usize] }

                #locale_methods
            }
        },
    }))
}

/// For values that select a locale (`locale`): `locale()`, the locale a value selects,
/// and `from_locale`, the value that selects a locale. Nothing when no value selects one.
fn locale_methods(values: &[EnumValue]) -> TokenStream {
    if values.iter().all(|value| value.locale.is_none()) {
        return quote!();
    }
    let locale_of = |value: &EnumValue| {
        value.locale.map(|locale| {
            let locale = crate::format_rust::variant_of(locale.word());
            super::tokens::ident(&locale)
        })
    };
    let to_locale = values.iter().map(|value| {
        let variant = super::tokens::ident(&value.variant);
        match locale_of(value) {
            Some(locale) => quote!(Self::#variant => Some(crate::Locale::#locale),),
            None => quote!(Self::#variant => None,),
        }
    });
    let from_locale = values.iter().filter_map(|value| {
        let variant = super::tokens::ident(&value.variant);
        locale_of(value).map(|locale| quote!(crate::Locale::#locale => Some(Self::#variant),))
    });
    quote! {
        /// The locale whose text this value shows, as the catalog pairs them; `None` for
        /// a value of a language no catalog text is written in.
        #[inline]
        pub const fn locale(self) -> Option<crate::Locale> {
            match self {
                #( #to_locale )*
            }
        }

        /// The value that shows text in `locale`, as the catalog pairs them, if any.
        #[inline]
        pub const fn from_locale(locale: crate::Locale) -> Option<Self> {
            match locale {
                #( #from_locale )*
                #[allow(unreachable_patterns)]
                _ => None,
            }
        }
    }
}
