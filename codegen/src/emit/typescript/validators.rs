//! One validator per parameter rule, compiled from the same `[[param]]` rules as the
//! Rust validators and reporting the same problems: `isValid<Param>` (a predicate) and
//! `validate<Param>` (the problem, or `undefined`). Then `validateValues`, Rust's
//! `InitConfig::validate`, and `validateConfig`, Rust's `json::validate_json`.

use super::params::facts;
use super::text::{doc, doc1, key, literal, member, number};
use crate::keywords::{CharClass, JsonType};
use crate::model::{Catalog, Param, Rule};
use crate::names::typescript as ts;

/// The TypeScript type of a settable param's raw value.
pub(crate) fn raw_type(param: &Param) -> &'static str {
    match param.json_type {
        JsonType::Number | JsonType::Integer => "number",
        JsonType::Boolean => "boolean",
        _ => "string",
    }
}

/// The params whose raw value the validators hold: scalars, as Rust's `InitConfig`.
pub(crate) fn settable(catalog: &Catalog) -> impl Iterator<Item = &Param> {
    catalog.params.iter().filter(|p| p.json_type.is_settable())
}

/// The value as the text a problem quotes: Rust writes numbers with `Display`.
fn as_text(param: &Param) -> &'static str {
    match param.json_type {
        JsonType::Number | JsonType::Integer => "rt.numberText(value)",
        _ => "value",
    }
}

/// The validator (and predicate) of a param, or `None` for the rule `any`.
pub(crate) fn validator(param: &Param) -> Option<String> {
    let test = match &param.rule {
        Rule::Any => return None,
        Rule::OneOf { type_name, .. } => return Some(one_of(param, type_name)),
        Rule::Custom { function } => return Some(custom(param, function)),
        Rule::CertifyId { suffix_len, .. } => {
            format!("rt.isCertifyId(value, prefix, {suffix_len})")
        }
        Rule::Text {
            min_len,
            max_len,
            chars,
        } => text_test(*min_len, *max_len, chars),
        Rule::Number { min, max, above } => number_test(*min, *max, *above),
        Rule::IdSelector => "rt.isIdSelector(value)".to_owned(),
    };
    Some(predicate_and_validator(param, &test))
}

fn describe(param: &Param) -> String {
    param.rule.describe(param.json_type)
}

/// `isValid<Param>` with `test` as its body, and `validate<Param>` on top of it.
fn predicate_and_validator(param: &Param, test: &str) -> String {
    let predicate = ts::predicate(&param.variant);
    let validate = ts::validator(&param.variant);
    let certify = matches!(param.rule, Rule::CertifyId { .. });
    let (signature, call) = if certify {
        ("value: string, prefix?: string", "value, prefix")
    } else {
        (
            if raw_type(param) == "number" {
                "value: number"
            } else {
                "value: string"
            },
            "value",
        )
    };
    let mut lines = vec![format!(
        "Whether a value of `{}` follows its rule: {}.",
        param.name,
        describe(param)
    )];
    if let Rule::CertifyId { prefix_param, .. } = &param.rule {
        lines.push(format!("`prefix` is the value of `{prefix_param}`; without it, any non-empty prefix without `_` is accepted."));
    }
    let mut out = doc("", &lines);
    out.push_str(&format!(
        "export function {predicate}({signature}): boolean {{\n  return {test};\n}}\n\n"
    ));
    out.push_str(&validator_doc(param));
    out.push_str(&format!(
        "export function {validate}({signature}): ParamProblem | undefined {{\n  return {predicate}({call}) ? undefined : rt.brokenRule({}, {}, undefined);\n}}\n\n",
        facts(param),
        as_text(param),
    ));
    out
}

fn validator_doc(param: &Param) -> String {
    doc(
        "",
        &[
            format!(
                "Checks a value of `{}`: it must be {}.",
                param.name,
                describe(param)
            ),
            String::new(),
            "@returns the problem, or `undefined` when the value is valid.".to_owned(),
        ],
    )
}

fn one_of(param: &Param, type_name: &str) -> String {
    let validate = ts::validator(&param.variant);
    let guard = ts::guard(type_name);
    let Rule::OneOf { hints, .. } = &param.rule else {
        return String::new();
    };
    let pairs: Vec<String> = hints
        .iter()
        .map(|(from, to)| format!("[{}, {}]", literal(from), literal(to)))
        .collect();
    let mut out = validator_doc(param);
    out.push_str(&format!(
        "export function {validate}(value: string): ParamProblem | undefined {{\n  if ({guard}(value)) {{\n    return undefined;\n  }}\n  const hints: readonly (readonly [string, {type_name}])[] = [{}];\n  return rt.brokenRule({}, value, rt.hint(value, hints, {type_name}.ALL));\n}}\n\n",
        pairs.join(", "),
        facts(param),
    ));
    out
}

fn custom(param: &Param, function: &str) -> String {
    let validate = ts::validator(&param.variant);
    let call = member(ts::CUSTOM, function);
    let mut out = validator_doc(param);
    out.push_str(&format!(
        "export function {validate}(value: string): ParamProblem | undefined {{\n  const reason: string | undefined = {call}(value);\n  return reason === undefined ? undefined : rt.customProblem({}, value, reason);\n}}\n\n",
        facts(param),
    ));
    out
}

/// The test of a `text` rule. With character classes, every allowed character is ASCII,
/// so the length in UTF-16 units is the length in characters whenever the classes pass.
fn text_test(min_len: Option<u32>, max_len: Option<u32>, chars: &[CharClass]) -> String {
    let count = if chars.is_empty() {
        "rt.charCount(value)"
    } else {
        "value.length"
    };
    let mut tests = Vec::new();
    match (min_len, max_len) {
        (Some(min), Some(max)) if min == max => tests.push(format!("{count} === {min}")),
        (min, max) => {
            if let Some(min) = min {
                tests.push(format!("{count} >= {min}"));
            }
            if let Some(max) = max {
                tests.push(format!("{count} <= {max}"));
            }
        }
    }
    if !chars.is_empty() {
        let class: String = chars
            .iter()
            .map(|class| match class {
                CharClass::Lower => "a-z",
                CharClass::Upper => "A-Z",
                CharClass::Digit => "0-9",
                CharClass::Underscore => "_",
                CharClass::Hyphen => "\\-",
                CharClass::Dot => ".",
            })
            .collect();
        tests.push(format!("/^[{class}]*$/.test(value)"));
    }
    if tests.is_empty() {
        "true".to_owned()
    } else {
        tests.join(" && ")
    }
}

fn number_test(min: Option<f64>, max: Option<f64>, above: Option<f64>) -> String {
    let mut tests = vec!["rt.isFiniteNumber(value)".to_owned()];
    if let Some(min) = min {
        tests.push(format!("value >= {}", number(min)));
    }
    if let Some(max) = max {
        tests.push(format!("value <= {}", number(max)));
    }
    if let Some(above) = above {
        tests.push(format!("value > {}", number(above)));
    }
    tests.join(" && ")
}

/// `validators`, `validateValues` (one statement per settable param, in catalog order)
/// and `validateConfig`.
pub(crate) fn validate_all(catalog: &Catalog) -> String {
    let mut out = doc1(
        "",
        "The validator of every parameter that has one (every rule but `any`), by name.",
    );
    out.push_str("export const validators = {\n");
    for param in catalog
        .params
        .iter()
        .filter(|p| !matches!(p.rule, Rule::Any))
    {
        out.push_str(&format!(
            "  {}: {},\n",
            key(&param.name),
            ts::validator(&param.variant)
        ));
    }
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        "Checks the raw value of every parameter and returns every problem, errors and warnings, in catalog order: a required parameter that is absent, then each broken rule, as Rust's `InitConfig::validate` does.",
    ));
    out.push_str("export function validateValues(values: ParamValues): ParamProblem[] {\n");
    out.push_str("  const problems: ParamProblem[] = [];\n");
    for param in settable(catalog) {
        out.push_str(&format!(
            "  rt.check(problems, {}, {}, {});\n",
            facts(param),
            member("values", &param.name),
            step_validator(catalog, param)
        ));
    }
    out.push_str("  return problems;\n}\n\n");
    out.push_str(&doc1(
        "",
        "Checks a config as a page passes it, every scope in one object (a parsed JSON config, or the page's own objects merged), as Rust's `json::validate_json` does: a value of the wrong type raises `Param.TYPE_ERROR`, an unknown key is a warning, a member of an object param may be given nested or by its dotted name, and every problem is reported. Keys are read in code point order, as Rust reads a JSON object; a key whose value is `undefined` is absent.",
    ));
    out.push_str(&format!(
        "export function validateConfig(config: unknown): ConfigReport {{\n  return rt.validateConfig(config, {}, Param.TYPE_ERROR, validateValues);\n}}\n",
        ts::PARAM_ROWS
    ));
    out
}

/// The validator `rt.check` calls for a param, or `undefined` for the rule `any`.
fn step_validator(catalog: &Catalog, param: &Param) -> String {
    match &param.rule {
        Rule::Any => "undefined".to_owned(),
        Rule::CertifyId { prefix_param, .. } => {
            let prefix = catalog.params.iter().find(|p| &p.name == prefix_param);
            let prefix = prefix.map_or("undefined".to_owned(), |p| member("values", &p.name));
            format!(
                "(value: string) => {}(value, {prefix})",
                ts::validator(&param.variant)
            )
        }
        _ => ts::validator(&param.variant),
    }
}
