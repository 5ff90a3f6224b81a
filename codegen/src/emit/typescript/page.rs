//! The types a page writes its config with: one interface per word of the `scope`
//! vocabulary (such as the globals and the init options), callbacks included, members of
//! object params nested, every field documented from the catalog; and `ParamValues`, the
//! raw values `validateValues` checks.

use super::text::{doc, key};
use super::validators::{raw_type, settable};
use crate::keywords::JsonType;
use crate::model::{Catalog, Param, Rule};
use crate::names::typescript::scope_interface;

/// `Callback`, one interface per scope, and `ParamValues`.
pub(crate) fn page_types(catalog: &Catalog) -> String {
    let mut out = doc(
        "",
        &["A function the page passes, such as a callback; the catalog does not describe its arguments.".to_owned()],
    );
    out.push_str("export type Callback = (...args: any[]) => unknown;\n\n");
    if let Some(scope) = catalog.scope_vocabulary() {
        for (index, word) in scope.words.iter().enumerate() {
            let name = scope_interface(&word.variant);
            out.push_str(&doc(
                "",
                &[format!(
                    "The parameters passed in `{}`: {}",
                    word.word, word.doc
                )],
            ));
            out.push_str(&format!("export interface {name} {{\n"));
            for param in catalog
                .params
                .iter()
                .filter(|p| p.scope == index && p.parent.is_none())
            {
                out.push_str(&field(catalog, param, "  "));
            }
            out.push_str("}\n\n");
        }
    }
    out.push_str(&param_values(catalog));
    out
}

/// The doc of a param's field.
fn field_doc(catalog: &Catalog, param: &Param, indent: &str) -> String {
    let rule = catalog.param_sentence(param, str::to_owned);
    let mut lines = vec![param.doc.clone(), String::new(), rule];
    if let Some(default) = &param.default {
        lines.push(String::new());
        lines.push(format!("@defaultValue `{default}`"));
    }
    doc(indent, &lines)
}

/// The TypeScript type a page writes a param's value with.
fn page_type(catalog: &Catalog, param: &Param, indent: &str) -> String {
    match (&param.rule, param.json_type) {
        (Rule::OneOf { type_name, .. }, _) => type_name.clone(),
        (_, JsonType::Function) => "Callback".to_owned(),
        (_, JsonType::Object) => {
            let members: Vec<&Param> = catalog
                .params
                .iter()
                .filter(|member| member.parent.as_deref() == Some(param.name.as_str()))
                .collect();
            if members.is_empty() {
                return "{ readonly [key: string]: unknown }".to_owned();
            }
            let inner = format!("{indent}  ");
            let mut out = "{\n".to_owned();
            for member in members {
                out.push_str(&field(catalog, member, &inner));
            }
            out.push_str(&format!("{indent}}}"));
            out
        }
        _ => raw_type(param).to_owned(),
    }
}

/// One documented field: `name?: type;`.
fn field(catalog: &Catalog, param: &Param, indent: &str) -> String {
    let own_name = match &param.parent {
        Some(_) => param
            .name
            .rsplit_once('.')
            .map_or(param.name.as_str(), |(_, m)| m),
        None => param.name.as_str(),
    };
    let optional = if param.required { "" } else { "?" };
    format!(
        "{}{indent}{}{optional}: {};\n",
        field_doc(catalog, param, indent),
        key(own_name),
        page_type(catalog, param, indent)
    )
}

/// `ParamValues`: the raw value of every settable param, by name, as Rust's `InitConfig`
/// holds them.
fn param_values(catalog: &Catalog) -> String {
    let mut out = doc(
        "",
        &["The raw value of every parameter that holds one, by name (`object.member` for a member), as Rust's `InitConfig` holds them; what `validateValues` checks.".to_owned()],
    );
    out.push_str("export interface ParamValues {\n");
    for param in settable(catalog) {
        out.push_str(&doc("  ", &[format!("`{}`: {}", param.name, param.doc)]));
        out.push_str(&format!(
            "  readonly {}?: {};\n",
            key(&param.name),
            raw_type(param)
        ));
    }
    out.push_str("}\n\n");
    out
}
