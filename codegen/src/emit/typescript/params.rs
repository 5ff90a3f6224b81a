//! The params in TypeScript: `Raised` (the row a problem corresponds to), the `Param`
//! union with every param's facts `as const`, the problem types, and one union per
//! `one_of` rule with its labels and guard.

use super::text::{doc, doc1, key, literal, member, string_array, union};
use crate::model::{Catalog, EnumValue, Param, RowRef, Rule};
use crate::names::typescript::{self as ts, PARAM_ROWS};

/// `paramRows.<name>`: one param's facts.
pub(crate) fn facts(param: &Param) -> String {
    member(PARAM_ROWS, &param.name)
}

/// A row reference as a TypeScript value: `{ table: "field", key: "region" }`.
fn raised_value(catalog: &Catalog, at: RowRef) -> String {
    let (table, row) = catalog.row(at);
    format!(
        "{{ table: {}, key: {} }}",
        literal(&table.name),
        literal(table.key_of(row))
    )
}

/// `Raised`, `Param` with its facts, and the problem types.
pub(crate) fn params(catalog: &Catalog) -> String {
    let mut out = doc1(
        "",
        "The catalog row a parameter problem corresponds to: a table and a row's key.",
    );
    let rows: Vec<String> = catalog
        .tables
        .iter()
        .map(|table| {
            format!(
                "\n  | {{ readonly table: {}; readonly key: {} }}",
                literal(&table.name),
                table.type_name
            )
        })
        .collect();
    let rows = if rows.is_empty() {
        " never".to_owned()
    } else {
        rows.concat()
    };
    out.push_str(&format!("export type Raised ={rows};\n\n"));
    out.push_str(&doc1(
        "",
        &format!("An init parameter checked for the {}.", catalog.name),
    ));
    let all: Vec<&str> = catalog.params.iter().map(|p| p.name.as_str()).collect();
    out.push_str(&format!("export type Param ={};\n\n", union(&all)));
    out.push_str(&doc1(
        "",
        "The facts of every parameter, by name, in catalog order.",
    ));
    out.push_str(&format!("const {PARAM_ROWS} = {{\n"));
    for param in &catalog.params {
        out.push_str(&param_row(catalog, param));
    }
    out.push_str(
        "} as const satisfies { readonly [name: string]: rt.ParamFacts<Param, Raised> };\n\n",
    );
    out.push_str(&param_object(catalog, &all));
    out.push_str(&problem_types());
    out
}

fn param_row(catalog: &Catalog, param: &Param) -> String {
    let scope = catalog.scope_word(param);
    let optional = |text: Option<&str>| text.map_or("undefined".to_owned(), literal);
    let mut out = doc1("  ", &format!("`{}`: {}", param.name, param.doc));
    out.push_str(&format!("  {}: {{\n", key(&param.name)));
    let fields = [
        ("name", literal(&param.name)),
        ("scope", literal(scope)),
        ("type", literal(param.json_type.word())),
        ("required", param.required.to_string()),
        ("default", optional(param.default.as_deref())),
        ("rule", literal(&param.rule.describe(param.json_type))),
        ("raises", raised_value(catalog, param.raises)),
        ("severity", literal(param.severity.word())),
        ("confidence", literal(param.confidence.word())),
        ("doc", literal(&param.doc)),
        ("parent", optional(param.parent.as_deref())),
    ];
    for (field, value) in fields {
        out.push_str(&format!("    {field}: {value},\n"));
    }
    out.push_str("  },\n");
    out
}

/// The `Param` const: `ALL`, `ROWS`, `TYPE_ERROR`, `from_name`, and the `isParam` guard.
fn param_object(catalog: &Catalog, all: &[&str]) -> String {
    let type_error = catalog
        .type_error
        .map_or("undefined as never".to_owned(), |at| {
            raised_value(catalog, at)
        });
    let mut out = doc1("", "Every init parameter with its facts.");
    out.push_str("export const Param = {\n");
    out.push_str(&doc1("  ", "Every parameter, in catalog order."));
    out.push_str(&format!("  ALL: {} as const,\n", string_array(all)));
    out.push_str(&doc1("  ", "The facts of every parameter, by name."));
    out.push_str(&format!("  ROWS: {PARAM_ROWS},\n"));
    out.push_str(&doc1(
        "  ",
        "The row a value of the wrong JSON type raises, whatever the parameter.",
    ));
    out.push_str(&format!("  TYPE_ERROR: {type_error} as Raised,\n"));
    out.push_str(&doc1(
        "  ",
        "The parameter with this exact name (`object.member` for a member), or `undefined`.",
    ));
    out.push_str(&format!(
        "  from_name(name: string): Param | undefined {{\n    return rt.hasOwn({PARAM_ROWS}, name) ? name : undefined;\n  }},\n}} as const;\n\n"
    ));
    out.push_str(&doc1(
        "",
        "Whether `value` names a parameter (case-sensitive).",
    ));
    out.push_str(&format!(
        "export function isParam(value: string): value is Param {{\n  return rt.hasOwn({PARAM_ROWS}, value);\n}}\n\n"
    ));
    out
}

fn problem_types() -> String {
    let mut out = doc(
        "",
        &[
            "One problem with one init parameter, as Rust's `ParamError`: the parameter, what is wrong (`kind`), the row it raises, its severity and a message that says how to fix it.".to_owned(),
        ],
    );
    out.push_str("export type ParamProblem = rt.ParamProblem<Param, Raised>;\n\n");
    out.push_str(&doc1(
        "",
        "A problem of a whole config, as Rust's `json::JsonProblem`: a parameter's problem, an unknown key or a config that is not an object.",
    ));
    out.push_str("export type ConfigProblem = rt.ConfigProblem<Param, Raised>;\n\n");
    out.push_str(&doc1("", "What `validateConfig` found."));
    out.push_str("export type ConfigReport = rt.ConfigReport<Param, Raised>;\n\n");
    out
}

/// The union of a `one_of` param's values, its labels and its guard; `None` for other
/// rules.
pub(crate) fn value_union(param: &Param) -> Option<String> {
    let Rule::OneOf {
        type_name, values, ..
    } = &param.rule
    else {
        return None;
    };
    Some(value_union_of(param, type_name, values))
}

fn value_union_of(param: &Param, name: &str, values: &[EnumValue]) -> String {
    let labels = ts::labels(name);
    let guard = ts::guard(name);
    let all: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let mut out = doc1(
        "",
        &format!("A valid value of `{}`: {}", param.name, param.doc),
    );
    out.push_str(&format!("export type {name} ={};\n\n", union(&all)));
    out.push_str(&doc1(
        "",
        &format!("A human name for each value of `{name}`."),
    ));
    out.push_str(&format!("const {labels} = {{\n"));
    for value in values {
        out.push_str(&format!(
            "  {}: {},\n",
            key(&value.value),
            literal(&value.label)
        ));
    }
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        &format!("The values of `{name}`, with their human names."),
    ));
    out.push_str(&format!("export const {name} = {{\n"));
    out.push_str(&doc1("  ", "Every value, in catalog order."));
    out.push_str(&format!("  ALL: {} as const,\n", string_array(&all)));
    out.push_str(&doc1("  ", "A human name for `value`."));
    out.push_str(&format!(
        "  label(value: {name}): string {{\n    return {labels}[value];\n  }},\n"
    ));
    out.push_str(&locale_methods(name, values));
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        &format!(
            "Whether `value` is exactly a valid value of `{}`.",
            param.name
        ),
    ));
    out.push_str(&format!(
        "export function {guard}(value: string): value is {name} {{\n  return rt.hasOwn({labels}, value);\n}}\n\n"
    ));
    out
}

/// `locale(value)` and `fromLocale(locale)` of a `one_of` whose values the catalog pairs
/// with locales (as Rust's `locale()` and `from_locale()`); nothing when none is paired.
fn locale_methods(name: &str, values: &[EnumValue]) -> String {
    if values.iter().all(|value| value.locale.is_none()) {
        return String::new();
    }
    let rt = ts::RUNTIME;
    let mut out = doc1(
        "  ",
        "The locale whose text `value` shows, as the catalog pairs them; `undefined` for a value of a language no catalog text is written in.",
    );
    out.push_str(&format!(
        "  locale(value: {name}): {rt}.Locale | undefined {{\n    const locales: {{ readonly [V in {name}]: {rt}.Locale | undefined }} = {{\n"
    ));
    for value in values {
        let locale = value
            .locale
            .map_or_else(|| "undefined".to_owned(), |locale| literal(locale.word()));
        out.push_str(&format!("      {}: {locale},\n", key(&value.value)));
    }
    out.push_str("    };\n    return locales[value];\n  },\n");
    out.push_str(&doc1(
        "  ",
        "The value that shows text in `locale`, as the catalog pairs them; `undefined` if none does.",
    ));
    out.push_str(&format!(
        "  fromLocale(locale: {rt}.Locale): {name} | undefined {{\n    const values: {{ readonly [L in {rt}.Locale]: {name} | undefined }} = {{\n"
    ));
    for &locale in crate::keywords::Locale::ALL {
        // The first value paired with the locale, as Rust's `from_locale` matches.
        let value = values
            .iter()
            .find(|value| value.locale == Some(locale))
            .map_or_else(|| "undefined".to_owned(), |value| literal(&value.value));
        out.push_str(&format!("      {}: {value},\n", key(locale.word())));
    }
    out.push_str("    };\n    return values[locale];\n  },\n");
    out
}
