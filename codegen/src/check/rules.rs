//! Checking a `[[param]]`'s rule and its settings: contradictions such as `min_len` >
//! `max_len`, empty or duplicated value sets, hints that point nowhere, a `prefix_param`
//! that is not a string param, a `custom` function that is not a Rust name.

use heck::{ToSnakeCase, ToUpperCamelCase};
use toml::Spanned;

use super::params::ParamLookups;
use super::{Checker, NameKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::format::param;
use crate::keywords::{CharClass, JsonType, RuleKind, Severity};
use crate::load::{RawParam, RawRuleSettings, RawValue, Text};
use crate::model::{EnumValue, Rule};
use crate::names;
use crate::suggest;

impl Checker<'_> {
    pub(super) fn rule(&mut self, raw: &RawParam, lookups: &ParamLookups) -> Option<Rule> {
        let kind = self.keyword(&raw.rule, param::RULE.name)?;
        let settings = &raw.settings;
        let allowed = crate::format::settings_of(kind);
        let mut ok = true;
        for (key, span) in settings.present() {
            if !allowed.contains(&key) {
                ok = false;
                self.report(
                    Diagnostic::new(
                        span,
                        format!("`{key}` does not apply to the rule `{}`", kind.word()),
                    )
                    .with_help(format!("remove `{key}`, or choose the rule it belongs to")),
                );
            }
        }
        let rule = match kind {
            RuleKind::Any => Some(Rule::Any),
            RuleKind::IdSelector => Some(Rule::IdSelector),
            RuleKind::OneOf => self.one_of(raw, settings),
            RuleKind::Text => self.text_rule(raw, settings),
            RuleKind::Number => self.number_rule(raw, settings),
            RuleKind::CertifyId => self.certify_id(raw, settings, lookups),
            RuleKind::Custom => self.custom(raw, settings),
        };
        rule.filter(|_| ok)
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
        let mut ok = self.type_name(&type_name, "type_name");
        let mut allowed = Vec::with_capacity(values.get_ref().len());
        let mut spans = Vec::with_capacity(values.get_ref().len());
        for value in values.get_ref() {
            match self.enum_value(name, value) {
                Some(checked) => {
                    allowed.push(checked);
                    spans.push(value.span.clone());
                }
                None => ok = false,
            }
        }
        ok &= self.value_locales(&allowed, &spans);
        let hints = match &settings.hints {
            Some(pairs) => self.hints(values.get_ref(), pairs.get_ref()),
            None => Some(Vec::new()),
        };
        let hints = hints?;
        ok.then(|| Rule::OneOf {
            type_name: type_name.into_inner(),
            values: allowed,
            hints,
        })
    }

    /// One allowed value of the `one_of` rule of the param `name`: non-empty, not the
    /// metric label of unknown values, unique, labelled, with a unique variant.
    fn enum_value(&mut self, name: &str, value: &RawValue) -> Option<EnumValue> {
        let text = value.value.get_ref();
        if text.is_empty() {
            self.report(
                Diagnostic::new(value.value.span(), "an allowed value is empty")
                    .with_help("remove it; a missing value is expressed with `required = false`"),
            );
            return None;
        }
        if !self.not_other_label(&value.value, "value") {
            return None;
        }
        if !self.unique(NameKind::EnumValue(name.to_owned()), &value.value, "value") {
            // Its variant would only repeat the problem.
            return None;
        }
        let label = self.text(&value.label, "`label`");
        let (variant, span) = match &value.variant {
            Some(given) => (given.get_ref().clone(), given.span()),
            None => (text.to_upper_camel_case(), value.value.span()),
        };
        if let Some(problem) = names::variant_problem(&variant) {
            self.report(
                Diagnostic::new(span, problem)
                    .with_help("add `variant = \"…\"` with an UpperCamelCase name to this value"),
            );
            return None;
        }
        let unique = self.unique_name(
            NameKind::EnumVariant(name.to_owned()),
            &variant,
            span,
            "variant name",
        );
        let locale = match &value.locale {
            Some(locale) => Some(self.keyword(locale, "locale")?),
            None => None,
        };
        Some(EnumValue {
            value: text.clone(),
            label: label?,
            variant,
            locale,
        })
        .filter(|_| unique)
    }

    /// The `hints` of a `one_of` rule: each maps a value that is not allowed to one that is.
    fn hints(
        &mut self,
        values: &[RawValue],
        pairs: &[(Text, Text)],
    ) -> Option<Vec<(String, String)>> {
        let values: Vec<&str> = values.iter().map(|v| v.value.get_ref().as_str()).collect();
        let mut hints = Vec::new();
        let mut ok = true;
        for (from, to) in pairs {
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
        ok.then_some(hints)
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
                        suggest::quoted_list(&CharClass::words())
                    )),
                );
            }
            for class in classes.get_ref() {
                match self.keyword(class, "character class") {
                    Some(term) if chars.contains(&term) => {
                        ok = false;
                        self.report(
                            Diagnostic::new(
                                class.span(),
                                format!("the class `{}` is listed twice", term.word()),
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
        lookups: &ParamLookups,
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
        let ok = self.prefix_param(raw, prefix, lookups);
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

    /// Whether `prefix_param` names another param of type string; reports it if not.
    fn prefix_param(&mut self, raw: &RawParam, prefix: &Text, lookups: &ParamLookups) -> bool {
        let named = prefix.get_ref();
        let (message, help) = match lookups.types.get(named) {
            _ if named == raw.name.get_ref() => (
                "`prefix_param` names the param itself".to_owned(),
                "name the param that holds the prefix".to_owned(),
            ),
            Some(Some(JsonType::String)) => return true,
            None if lookups.unloaded.contains(named) => return false,
            Some(_) => (
                format!("`prefix_param` names `{named}`, which is not of type \"string\""),
                "name a string param".to_owned(),
            ),
            None => {
                let mut names: Vec<&str> = lookups.types.keys().map(String::as_str).collect();
                names.sort_unstable();
                (
                    format!("`prefix_param` names `{named}`, which is not a param"),
                    suggest::help(named, &names, "a param"),
                )
            }
        };
        self.report(Diagnostic::new(prefix.span(), message).with_help(help));
        false
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
    pub(super) fn rule_fits_type(
        &mut self,
        raw: &RawParam,
        json_type: JsonType,
        rule: &Rule,
        severity: Severity,
    ) {
        let needs = match rule {
            Rule::Any => None,
            Rule::Number { .. } => (!matches!(json_type, JsonType::Number | JsonType::Integer))
                .then_some("\"number\" or \"integer\""),
            _ => (json_type != JsonType::String).then_some("\"string\""),
        };
        let found = json_type.word();
        if let Some(needs) = needs {
            self.report(
                Diagnostic::new(
                    raw.json_type.span(),
                    format!(
                        "the rule `{}` needs `type = {needs}`, not \"{found}\"",
                        raw.rule.get_ref()
                    ),
                )
                .with_help("change `type` or `rule`"),
            );
        }
        if matches!(json_type, JsonType::Object | JsonType::Function) && *rule != Rule::Any {
            self.report(
                Diagnostic::new(
                    raw.rule.span(),
                    format!("a param of type \"{found}\" can only have the rule `any`"),
                )
                .with_help("set `rule = \"any\"`"),
            );
        }
        if json_type == JsonType::Function && *raw.required.get_ref() {
            self.report(
                Diagnostic::new(raw.required.span(), "a callback cannot be required here: only the page's script can pass a function")
                    .with_help("set `required = false` and say in `doc` that the page must pass it"),
            );
        }
        if matches!(rule, Rule::OneOf { .. }) && severity != Severity::Error {
            self.report(
                Diagnostic::new(raw.severity.span(), "a `one_of` rule must have `severity = \"error\"`: a value outside the set has no typed form")
                    .with_help("set `severity = \"error\"`, or use the rule `text` for an observed format"),
            );
        }
    }
}
