//! Stage 2, check, for `[[param]]` entries: names, types, the rule and its settings
//! (contradictions such as `min_len` > `max_len`, empty or duplicated value sets, hints
//! that point nowhere), and the row a bad value raises. Part of [`crate::check`].

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use toml::Spanned;

use crate::check::{Checker, NameKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::load::{RawParam, RawRuleSettings, Text};
use crate::model::{Code, EnumValue, Field, Param, Raises, Rule};
use crate::names;
use crate::suggest;
use crate::vocabulary::{CHAR_CLASS, CONFIDENCE, JSON_TYPE, RULE, SCOPE, SEVERITY};

/// Names the generated crate already uses for its own types; a `one_of` enum may not take them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "ErrorCode",
    "FieldError",
    "Param",
    "ParamError",
    "ParamValue",
    "Problem",
    "Raised",
    "Report",
    "InitConfig",
    "ValidConfig",
    "UnknownValue",
    "Retry",
    "Category",
    "Platform",
    "Scope",
    "JsonType",
    "Severity",
    "Confidence",
];

/// Method names `InitConfig` already has; a param's setter may not take them.
const RESERVED_METHODS: &[&str] = &["new", "validate", "set", "default", "get"];

/// What the param checks look up: rows by their catalog names, params by name.
pub(crate) struct Lookups {
    field_variants: HashMap<String, String>,
    code_variants: HashMap<String, String>,
    field_keys: Vec<String>,
    codes: Vec<String>,
    /// Every param's name and JSON type word, as written.
    params: HashMap<String, String>,
    /// Names of entries that did not load: references to them are not reported again.
    unloaded: HashSet<String>,
}

impl Lookups {
    pub(crate) fn new(
        codes: &[Code],
        fields: &[Field],
        params: &[RawParam],
        unloaded: &[String],
    ) -> Self {
        Lookups {
            field_variants: fields
                .iter()
                .map(|f| (f.key.clone(), f.variant.clone()))
                .collect(),
            code_variants: codes
                .iter()
                .map(|c| (c.code.clone(), c.variant.clone()))
                .collect(),
            field_keys: fields.iter().map(|f| f.key.clone()).collect(),
            codes: codes.iter().map(|c| c.code.clone()).collect(),
            params: params
                .iter()
                .map(|p| (p.name.get_ref().clone(), p.json_type.get_ref().clone()))
                .collect(),
            unloaded: unloaded.iter().cloned().collect(),
        }
    }
}

/// The settings each rule takes; every other setting is an error for that rule.
fn settings_for(rule: &str) -> &'static [&'static str] {
    match rule {
        "one_of" => &["values", "type_name", "hints"],
        "text" => &["min_len", "max_len", "chars"],
        "number" => &["min", "max", "above"],
        "certify_id" => &["prefix_param", "suffix_len"],
        "custom" => &["function"],
        _ => &[],
    }
}

impl Checker<'_> {
    /// Checks the `type_error_field` of `[catalog]`: required once there are params.
    pub(crate) fn type_error_field(
        &mut self,
        given: Option<&Text>,
        params: &[RawParam],
        lookups: &Lookups,
    ) -> Option<String> {
        match given {
            Some(key) => self.field_reference(key, lookups, "type_error_field"),
            None => {
                if let Some(first) = params.first() {
                    self.report(
                        Diagnostic::new(first.span.clone(), "the catalog has `[[param]]` entries but `[catalog]` has no `type_error_field`")
                            .with_help("add `type_error_field = \"<key of the [[field]] row a value of the wrong type raises>\"` to `[catalog]`"),
                    );
                }
                None
            }
        }
    }

    /// Checks one `[[param]]`.
    pub(crate) fn param(&mut self, raw: &RawParam, lookups: &Lookups) -> Option<Param> {
        let names = self.param_names(raw, lookups);
        let scope = self.term(&SCOPE, &raw.scope);
        let json_type = self.term(&JSON_TYPE, &raw.json_type);
        let severity = self.term(&SEVERITY, &raw.severity);
        let confidence = self.term(&CONFIDENCE, &raw.confidence);
        let doc = self.text(&raw.doc, "`doc`");
        let raises = self.raises(raw, lookups);
        let required = *raw.required.get_ref();
        let default = match &raw.default {
            Some(default) if required => {
                self.report(
                    Diagnostic::new(default.span(), "a required param cannot have a `default`")
                        .with_help("remove `default`, or set `required = false`"),
                );
                None
            }
            Some(default) => Some(self.text(default, "`default`")),
            None => None,
        };
        let rule = self.rule(raw, lookups);

        if let (Some(json_type), Some(rule), Some(severity)) = (json_type, &rule, severity) {
            self.rule_fits_type(raw, json_type.key, rule, severity.key);
        }
        let (name, variant, method, parent) = names?;
        Some(Param {
            name,
            variant,
            method,
            parent,
            scope: scope?,
            json_type: json_type?,
            required,
            default: match default {
                Some(text) => Some(text?),
                None => None,
            },
            rule: rule?,
            raises: raises?,
            severity: severity?,
            confidence: confidence?,
            doc: doc?,
        })
    }

    /// The name, variant, method and parent of a param, each checked and unique.
    #[allow(clippy::type_complexity)]
    fn param_names(
        &mut self,
        raw: &RawParam,
        lookups: &Lookups,
    ) -> Option<(String, String, String, Option<String>)> {
        let name = raw.name.get_ref();
        let span = raw.name.span();
        let segments: Vec<&str> = name.split('.').collect();
        let well_formed = segments.len() <= 2
            && segments.iter().all(|segment| {
                let mut chars = segment.chars();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric())
            });
        if !well_formed {
            self.report(
                Diagnostic::new(span, format!("the param name `{name}` is not a JavaScript option name"))
                    .with_help("a name is ASCII letters and digits starting with a letter; a member of an object param is `object.member`"),
            );
            return None;
        }
        if !self.unique(NameKind::ParamName, &raw.name, "param") {
            return None;
        }
        let parent = if segments.len() == 2 {
            let parent = segments[0];
            match lookups.params.get(parent) {
                Some(json_type) if json_type == "object" => Some(parent.to_owned()),
                None if lookups.unloaded.contains(parent) => return None,
                Some(_) => {
                    self.report(
                        Diagnostic::new(span, format!("`{name}` is a member of `{parent}`, but `{parent}` is not of type \"object\""))
                            .with_help(format!("set `type = \"object\"` on the param `{parent}`")),
                    );
                    return None;
                }
                None => {
                    self.report(
                        Diagnostic::new(
                            span,
                            format!("`{name}` is a member of `{parent}`, which is not a param"),
                        )
                        .with_help(format!(
                            "add a `[[param]]` named `{parent}` with `type = \"object\"`"
                        )),
                    );
                    return None;
                }
            }
        } else {
            None
        };
        let variant = name.to_upper_camel_case();
        let method = name.replace('.', "_").to_snake_case();
        if let Some(problem) = names::variant_problem(&variant) {
            self.report(Diagnostic::new(span.clone(), problem).with_help("rename the param"));
            return None;
        }
        if RESERVED_METHODS.contains(&method.as_str())
            || syn::parse_str::<syn::Ident>(&method).is_err()
        {
            self.report(
                Diagnostic::new(span, format!("the param `{name}` would make the Rust method `{method}`, which is reserved"))
                    .with_help("rename the param"),
            );
            return None;
        }
        let unique_variant = self.unique_name(
            NameKind::ParamVariant,
            &variant,
            span.clone(),
            "param variant",
        );
        let unique_method = self.unique_name(NameKind::ParamMethod, &method, span, "param method");
        (unique_variant && unique_method).then(|| (name.clone(), variant, method, parent))
    }

    fn field_reference(&mut self, key: &Text, lookups: &Lookups, what: &str) -> Option<String> {
        match lookups.field_variants.get(key.get_ref()) {
            Some(variant) => Some(variant.clone()),
            None if lookups.unloaded.contains(key.get_ref()) => None,
            None => {
                let keys: Vec<&str> = lookups.field_keys.iter().map(String::as_str).collect();
                self.report(
                    Diagnostic::new(
                        key.span(),
                        format!(
                            "`{what}` names the field row `{}`, which does not exist",
                            key.get_ref()
                        ),
                    )
                    .with_help(suggest::help(
                        key.get_ref(),
                        &keys,
                        "a field key",
                    )),
                );
                None
            }
        }
    }

    fn raises(&mut self, raw: &RawParam, lookups: &Lookups) -> Option<Raises> {
        match (&raw.raises_field, &raw.raises_code) {
            (Some(key), None) => self
                .field_reference(key, lookups, "raises_field")
                .map(Raises::Field),
            (None, Some(code)) => match lookups.code_variants.get(code.get_ref()) {
                Some(variant) => Some(Raises::Code(variant.clone())),
                None if lookups.unloaded.contains(code.get_ref()) => None,
                None => {
                    let codes: Vec<&str> = lookups.codes.iter().map(String::as_str).collect();
                    self.report(
                        Diagnostic::new(
                            code.span(),
                            format!(
                                "`raises_code` names the code `{}`, which does not exist",
                                code.get_ref()
                            ),
                        )
                        .with_help(suggest::help(
                            code.get_ref(),
                            &codes,
                            "a code",
                        )),
                    );
                    None
                }
            },
            (Some(_), Some(code)) => {
                self.report(
                    Diagnostic::new(
                        code.span(),
                        "a param raises one row: it has both `raises_field` and `raises_code`",
                    )
                    .with_help("keep the one the vendor raises for a bad value"),
                );
                None
            }
            (None, None) => {
                self.report(
                    Diagnostic::new(
                        raw.span.clone(),
                        format!("the param `{}` names no row to raise", raw.name.get_ref()),
                    )
                    .with_help(
                        "add `raises_field = \"<field key>\"` or `raises_code = \"<code>\"`",
                    ),
                );
                None
            }
        }
    }

    fn rule(&mut self, raw: &RawParam, lookups: &Lookups) -> Option<Rule> {
        let term = self.term(&RULE, &raw.rule)?;
        let settings = &raw.settings;
        let allowed = settings_for(term.key);
        let mut ok = true;
        for (key, span) in settings.present() {
            if !allowed.contains(&key) {
                ok = false;
                self.report(
                    Diagnostic::new(
                        span,
                        format!("`{key}` does not apply to the rule `{}`", term.key),
                    )
                    .with_help(format!("remove `{key}`, or choose the rule it belongs to")),
                );
            }
        }
        let rule = match term.key {
            "any" => Some(Rule::Any),
            "id_selector" => Some(Rule::IdSelector),
            "one_of" => self.one_of(raw, settings),
            "text" => self.text_rule(raw, settings),
            "number" => self.number_rule(raw, settings),
            "certify_id" => self.certify_id(raw, settings, lookups),
            "custom" => self.custom(raw, settings),
            _ => None,
        };
        if ok {
            rule
        } else {
            None
        }
    }

    /// Reports a rule without a setting it needs; `keys` names it (or the choices) and
    /// `example` shows one way to write it.
    fn missing_setting(&mut self, raw: &RawParam, keys: &str, rule: &str, example: &str) {
        self.report(
            Diagnostic::new(raw.rule.span(), format!("the rule `{rule}` needs {keys}"))
                .with_help(format!("add {example} to this param")),
        );
    }

    fn one_of(&mut self, raw: &RawParam, settings: &RawRuleSettings) -> Option<Rule> {
        let Some(values) = &settings.values else {
            self.missing_setting(
                raw,
                "values",
                "one_of",
                "[{ value = \"…\", label = \"…\" }]",
            );
            return None;
        };
        if values.get_ref().is_empty() {
            self.report(
                Diagnostic::new(values.span(), "`values` is empty: nothing would be allowed")
                    .with_help("list at least one allowed value"),
            );
            return None;
        }
        let name = raw.name.get_ref();
        let type_name = match &settings.type_name {
            Some(given) => Spanned::new(given.span(), given.get_ref().clone()),
            None => Spanned::new(
                raw.name.span(),
                name.replace('.', "_").to_upper_camel_case(),
            ),
        };
        let mut ok = self.enum_type_name(&type_name);
        let mut allowed = Vec::with_capacity(values.get_ref().len());
        for value in values.get_ref() {
            let text = value.value.get_ref();
            if text.is_empty() {
                ok = false;
                self.report(
                    Diagnostic::new(value.value.span(), "an allowed value is empty").with_help(
                        "remove it; a missing value is expressed with `required = false`",
                    ),
                );
                continue;
            }
            if !self.unique(NameKind::EnumValue(name.clone()), &value.value, "value") {
                // Its variant would only repeat the problem.
                ok = false;
                continue;
            }
            let label = self.text(&value.label, "`label`");
            let (variant, span) = match &value.variant {
                Some(given) => (given.get_ref().clone(), given.span()),
                None => (text.to_upper_camel_case(), value.value.span()),
            };
            if let Some(problem) = names::variant_problem(&variant) {
                ok = false;
                self.report(
                    Diagnostic::new(span, problem).with_help(
                        "add `variant = \"…\"` with an UpperCamelCase name to this value",
                    ),
                );
                continue;
            }
            ok &= self.unique_name(
                NameKind::EnumVariant(name.clone()),
                &variant,
                span,
                "variant name",
            );
            if let Some(label) = label {
                allowed.push(EnumValue {
                    value: text.clone(),
                    label,
                    variant,
                });
            } else {
                ok = false;
            }
        }
        let mut hints = Vec::new();
        if let Some(pairs) = &settings.hints {
            let values: Vec<&str> = values
                .get_ref()
                .iter()
                .map(|v| v.value.get_ref().as_str())
                .collect();
            for (from, to) in pairs.get_ref() {
                if values.contains(&from.get_ref().as_str()) {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            from.span(),
                            format!("the hint `{}` is itself an allowed value", from.get_ref()),
                        )
                        .with_help("remove the hint; an allowed value needs none"),
                    );
                } else if !values.contains(&to.get_ref().as_str()) {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            to.span(),
                            format!(
                                "the hint for `{}` points to `{}`, which is not an allowed value",
                                from.get_ref(),
                                to.get_ref()
                            ),
                        )
                        .with_help(suggest::help(
                            to.get_ref(),
                            &values,
                            "an allowed value",
                        )),
                    );
                } else {
                    hints.push((from.get_ref().clone(), to.get_ref().clone()));
                }
            }
        }
        ok.then(|| Rule::OneOf {
            type_name: type_name.into_inner(),
            values: allowed,
            hints,
        })
    }

    fn enum_type_name(&mut self, type_name: &Spanned<String>) -> bool {
        let text = type_name.get_ref();
        let problem = names::variant_problem(text).or_else(|| {
            RESERVED_TYPE_NAMES
                .contains(&text.as_str())
                .then(|| format!("`{text}` is already a type of the generated crate"))
        });
        if let Some(problem) = problem {
            self.report(
                Diagnostic::new(type_name.span(), problem)
                    .with_help("set `type_name = \"…\"` to another UpperCamelCase name"),
            );
            return false;
        }
        self.unique_name(NameKind::EnumType, text, type_name.span(), "enum type name")
    }

    fn length(&mut self, value: &Option<Spanned<i64>>, key: &str) -> Result<Option<u32>, ()> {
        let Some(value) = value else { return Ok(None) };
        match u32::try_from(*value.get_ref()) {
            Ok(length) => Ok(Some(length)),
            Err(_) => {
                self.report(
                    Diagnostic::new(
                        value.span(),
                        format!("`{key}` {} is not a length", value.get_ref()),
                    )
                    .with_help(format!("use a whole number from 0 to {}", u32::MAX)),
                );
                Err(())
            }
        }
    }

    fn text_rule(&mut self, raw: &RawParam, settings: &RawRuleSettings) -> Option<Rule> {
        if settings.min_len.is_none() && settings.max_len.is_none() && settings.chars.is_none() {
            self.missing_setting(
                raw,
                "`min_len`, `max_len` or `chars`",
                "text",
                "a bound such as `min_len = 1`, or `chars = [\"lower\", \"digit\"]`",
            );
            return None;
        }
        let min_len = self.length(&settings.min_len, "min_len");
        let max_len = self.length(&settings.max_len, "max_len");
        let (Ok(min_len), Ok(max_len)) = (min_len, max_len) else {
            return None;
        };
        let mut ok = true;
        if let (Some(min), Some(max), Some(max_span)) = (
            min_len,
            max_len,
            settings.max_len.as_ref().map(Spanned::span),
        ) {
            if min > max {
                ok = false;
                self.contradiction(
                    max_span,
                    format!("`min_len` {min} is greater than `max_len` {max}"),
                    settings.min_len.as_ref().map(Spanned::span),
                );
            }
        }
        if max_len == Some(0) {
            ok = false;
            if let Some(max) = &settings.max_len {
                self.report(
                    Diagnostic::new(max.span(), "`max_len` 0 allows only the empty string")
                        .with_help("use a `max_len` of at least 1"),
                );
            }
        }
        let mut chars = Vec::new();
        if let Some(classes) = &settings.chars {
            if classes.get_ref().is_empty() {
                ok = false;
                self.report(
                    Diagnostic::new(
                        classes.span(),
                        "`chars` is empty: no character would be allowed",
                    )
                    .with_help(format!(
                        "list the allowed classes: {}",
                        suggest::quoted_list(&CHAR_CLASS.keys())
                    )),
                );
            }
            for class in classes.get_ref() {
                match self.term(&CHAR_CLASS, class) {
                    Some(term) if chars.contains(&term) => {
                        ok = false;
                        self.report(
                            Diagnostic::new(
                                class.span(),
                                format!("the class `{}` is listed twice", term.key),
                            )
                            .with_help("list each class once"),
                        );
                    }
                    Some(term) => chars.push(term),
                    None => ok = false,
                }
            }
        }
        ok.then_some(Rule::Text {
            min_len,
            max_len,
            chars,
        })
    }

    fn contradiction(&mut self, span: Span, message: String, other: Option<Span>) {
        let mut diagnostic = Diagnostic::new(span, message)
            .with_help("no value could satisfy both bounds; fix one of them");
        if let Some(other) = other {
            diagnostic = diagnostic.with_label(other, "the other bound");
        }
        self.report(diagnostic);
    }

    fn number_rule(&mut self, raw: &RawParam, settings: &RawRuleSettings) -> Option<Rule> {
        let value = |bound: &Option<Spanned<f64>>| bound.as_ref().map(|b| *b.get_ref());
        let span = |bound: &Option<Spanned<f64>>| bound.as_ref().map(Spanned::span);
        let (min, max, above) = (
            value(&settings.min),
            value(&settings.max),
            value(&settings.above),
        );
        if min.is_none() && max.is_none() && above.is_none() {
            self.missing_setting(
                raw,
                "`min`, `max` or `above`",
                "number",
                "a bound such as `min = 0` or `above = 0`",
            );
            return None;
        }
        let mut ok = true;
        if let (Some(_), Some(above_span)) = (min, span(&settings.above)) {
            ok = false;
            self.report(
                Diagnostic::new(above_span, "`min` and `above` both set a lower bound")
                    .with_label(
                        span(&settings.min).unwrap_or_default(),
                        "the other lower bound",
                    )
                    .with_help("keep `min` (inclusive) or `above` (exclusive), not both"),
            );
        }
        if let (Some(min), Some(max), Some(max_span)) = (min, max, span(&settings.max)) {
            if min > max {
                ok = false;
                self.contradiction(
                    max_span,
                    format!("`min` {min} is greater than `max` {max}"),
                    span(&settings.min),
                );
            }
        }
        if let (Some(above), Some(max), Some(max_span)) = (above, max, span(&settings.max)) {
            if above >= max {
                ok = false;
                self.contradiction(
                    max_span,
                    format!("no number is above {above} and at most {max}"),
                    span(&settings.above),
                );
            }
        }
        ok.then_some(Rule::Number { min, max, above })
    }

    fn certify_id(
        &mut self,
        raw: &RawParam,
        settings: &RawRuleSettings,
        lookups: &Lookups,
    ) -> Option<Rule> {
        let (Some(prefix), Some(suffix_len)) = (&settings.prefix_param, &settings.suffix_len)
        else {
            if settings.prefix_param.is_none() {
                self.missing_setting(
                    raw,
                    "`prefix_param`",
                    "certify_id",
                    "`prefix_param = \"prefix\"`",
                );
            }
            if settings.suffix_len.is_none() {
                self.missing_setting(raw, "`suffix_len`", "certify_id", "`suffix_len = 10`");
            }
            return None;
        };
        let mut ok = true;
        match lookups.params.get(prefix.get_ref()) {
            _ if prefix.get_ref() == raw.name.get_ref() => {
                ok = false;
                self.report(
                    Diagnostic::new(prefix.span(), "`prefix_param` names the param itself")
                        .with_help("name the param that holds the prefix"),
                );
            }
            Some(json_type) if json_type == "string" => {}
            None if lookups.unloaded.contains(prefix.get_ref()) => ok = false,
            Some(_) => {
                ok = false;
                self.report(
                    Diagnostic::new(
                        prefix.span(),
                        format!(
                            "`prefix_param` names `{}`, which is not of type \"string\"",
                            prefix.get_ref()
                        ),
                    )
                    .with_help("name a string param"),
                );
            }
            None => {
                ok = false;
                let names: Vec<&str> = lookups.params.keys().map(String::as_str).collect();
                let mut names = names;
                names.sort_unstable();
                self.report(
                    Diagnostic::new(
                        prefix.span(),
                        format!(
                            "`prefix_param` names `{}`, which is not a param",
                            prefix.get_ref()
                        ),
                    )
                    .with_help(suggest::help(
                        prefix.get_ref(),
                        &names,
                        "a param",
                    )),
                );
            }
        }
        let suffix = match u32::try_from(*suffix_len.get_ref()) {
            Ok(length @ 1..=1024) => Some(length),
            _ => {
                self.report(
                    Diagnostic::new(
                        suffix_len.span(),
                        format!(
                            "`suffix_len` {} is not a usable length",
                            suffix_len.get_ref()
                        ),
                    )
                    .with_help("use a whole number from 1 to 1024"),
                );
                None
            }
        };
        let suffix_len = suffix?;
        ok.then(|| Rule::CertifyId {
            prefix_method: prefix.get_ref().replace('.', "_").to_snake_case(),
            prefix_param: prefix.get_ref().clone(),
            suffix_len,
        })
    }

    fn custom(&mut self, raw: &RawParam, settings: &RawRuleSettings) -> Option<Rule> {
        let Some(function) = &settings.function else {
            self.missing_setting(
                raw,
                "`function`",
                "custom",
                "`function = \"name_of_the_check\"`",
            );
            return None;
        };
        let name = function.get_ref();
        let snake = !name.is_empty()
            && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !snake || syn::parse_str::<syn::Ident>(name).is_err() {
            self.report(
                Diagnostic::new(
                    function.span(),
                    format!("`{name}` is not a Rust function name"),
                )
                .with_help("use a snake_case name that is not a Rust keyword"),
            );
            return None;
        }
        Some(Rule::Custom {
            function: name.clone(),
        })
    }

    /// Reports a rule that cannot apply to the param's JSON type or severity.
    fn rule_fits_type(&mut self, raw: &RawParam, json_type: &str, rule: &Rule, severity: &str) {
        let needs = match rule {
            Rule::Any => None,
            Rule::Number { .. } => {
                (!matches!(json_type, "number" | "integer")).then_some("\"number\" or \"integer\"")
            }
            _ => (json_type != "string").then_some("\"string\""),
        };
        if let Some(needs) = needs {
            self.report(
                Diagnostic::new(
                    raw.json_type.span(),
                    format!(
                        "the rule `{}` needs `type = {needs}`, not \"{json_type}\"",
                        raw.rule.get_ref()
                    ),
                )
                .with_help("change `type` or `rule`"),
            );
        }
        if matches!(json_type, "object" | "function") && *rule != Rule::Any {
            self.report(
                Diagnostic::new(
                    raw.rule.span(),
                    format!("a param of type \"{json_type}\" can only have the rule `any`"),
                )
                .with_help("set `rule = \"any\"`"),
            );
        }
        if json_type == "function" && *raw.required.get_ref() {
            self.report(
                Diagnostic::new(raw.required.span(), "a callback cannot be required here: only the page's script can pass a function")
                    .with_help("set `required = false` and say in `doc` that the page must pass it"),
            );
        }
        if matches!(rule, Rule::OneOf { .. }) && severity != "error" {
            self.report(
                Diagnostic::new(raw.severity.span(), "a `one_of` rule must have `severity = \"error\"`: a value outside the set has no typed form")
                    .with_help("set `severity = \"error\"`, or use the rule `text` for an observed format"),
            );
        }
    }
}

/// The names of the params that have members, for emitters.
pub fn parents(params: &[Param]) -> HashSet<&str> {
    params.iter().filter_map(|p| p.parent.as_deref()).collect()
}
