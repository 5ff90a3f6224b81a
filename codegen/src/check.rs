//! Stage 2, check: raw model in, checked [`Catalog`] out. Finds every problem of meaning
//! (bad or duplicate codes and names, empty text, statuses out of range, words outside a
//! vocabulary) and reports all of them, each at the span the loader kept.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::load::{RawCatalog, RawCode, RawField, Text};
use crate::model::{Catalog, Code, Field, Param};
use crate::names;
use crate::suggest;
use crate::vocabulary::{Term, Vocabulary, CATEGORY, PLATFORM, RETRY};
use toml::Spanned;

/// Checks a loaded catalog. `diagnostics` holds what loading found; the result holds
/// those and every problem found here, sorted by position.
pub fn check(
    raw: RawCatalog,
    mut diagnostics: Vec<Diagnostic>,
) -> Result<Catalog, Vec<Diagnostic>> {
    let mut checker = Checker {
        diagnostics: &mut diagnostics,
        seen: HashMap::new(),
    };

    let mut codes = Vec::with_capacity(raw.codes.len());
    for raw_code in &raw.codes {
        if let Some(code) = checker.code(raw_code) {
            codes.push(code);
        }
    }
    let mut fields = Vec::with_capacity(raw.fields.len());
    for raw_field in &raw.fields {
        if let Some(field) = checker.field(raw_field) {
            fields.push(field);
        }
    }

    // Entries that failed loading or checking are already reported: references to them
    // must not be reported again as references to nothing.
    let mut unloaded = raw.unloaded_names.clone();
    unloaded.extend(raw.codes.iter().map(|c| c.code.get_ref().clone()));
    unloaded.extend(raw.fields.iter().map(|f| f.key.get_ref().clone()));
    let lookups = crate::check_params::Lookups::new(&codes, &fields, &raw.params, &unloaded);
    let mut params: Vec<Param> = Vec::with_capacity(raw.params.len());
    for raw_param in &raw.params {
        if let Some(param) = checker.param(raw_param, &lookups) {
            params.push(param);
        }
    }

    let mut type_error_field = None;
    let meta = raw.meta.and_then(|meta| {
        let name = checker.text(&meta.name, "`name` of `[catalog]`");
        let source = checker.text(&meta.source, "`source` of `[catalog]`");
        let provenance = checker.text(&meta.provenance, "`provenance` of `[catalog]`");
        type_error_field =
            checker.type_error_field(meta.type_error_field.as_ref(), &raw.params, &lookups);
        Some((name?, source?, provenance?))
    });

    if !diagnostics.is_empty() {
        crate::diagnostic::sort(&mut diagnostics);
        return Err(diagnostics);
    }
    match meta {
        Some((name, source, provenance)) => Ok(Catalog {
            name,
            source,
            provenance,
            codes,
            fields,
            params,
            type_error_field,
        }),
        None => Err(vec![Diagnostic::new(
            0..0,
            "the catalog has no `[catalog]` table",
        )]),
    }
}

/// What kind of name a uniqueness check is about; names of different kinds never clash.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    Code,
    CodeVariant,
    FieldKey,
    FieldText,
    FieldVariant,
    ParamName,
    ParamVariant,
    ParamMethod,
    EnumType,
    /// A value of the `one_of` rule of the named param.
    EnumValue(String),
    /// A variant of the enum generated for the named param.
    EnumVariant(String),
}

/// Checks one entry at a time, collecting diagnostics and the names seen so far.
pub(crate) struct Checker<'d> {
    pub(crate) diagnostics: &'d mut Vec<Diagnostic>,
    /// The first place each name was seen.
    pub(crate) seen: HashMap<(NameKind, String), Span>,
}

impl Checker<'_> {
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn code(&mut self, raw: &RawCode) -> Option<Code> {
        let mut ok = self.wire_code(&raw.code);
        ok &= self.unique(NameKind::Code, &raw.code, "code");
        // A duplicate or malformed code would only repeat itself as a variant problem.
        let variant = if ok {
            self.variant(raw.variant.as_ref(), &raw.code, "code")
        } else {
            None
        };
        let description = self.text(&raw.description, "`description`");
        let troubleshooting = self.text(&raw.troubleshooting, "`troubleshooting`");
        let notes = raw.notes.as_ref().map(|notes| self.text(notes, "`notes`"));
        let http_status = self.http_status(&raw.http_status);
        let retry = self.term(&RETRY, &raw.retry);
        let category = self.term(&CATEGORY, &raw.category);
        let platforms = self.platforms(&raw.platforms);
        if !ok {
            return None;
        }
        Some(Code {
            code: raw.code.get_ref().clone(),
            variant: variant?,
            description: description?,
            troubleshooting: troubleshooting?,
            notes: match notes {
                Some(text) => Some(text?),
                None => None,
            },
            http_status: http_status?,
            retry: retry?,
            category: category?,
            platforms: platforms?,
        })
    }

    fn field(&mut self, raw: &RawField) -> Option<Field> {
        let mut ok = self.field_key(&raw.key);
        ok &= self.unique(NameKind::FieldKey, &raw.key, "field key");
        let field = self.text(&raw.field, "`field`");
        if field.is_some() {
            ok &= self.unique(NameKind::FieldText, &raw.field, "field");
        }
        let variant = if ok {
            self.variant(raw.variant.as_ref(), &raw.key, "key")
        } else {
            None
        };
        let description = self.text(&raw.description, "`description`");
        let troubleshooting = self.text(&raw.troubleshooting, "`troubleshooting`");
        let http_status = self.http_status(&raw.http_status);
        let platforms = self.platforms(&raw.platforms);
        if !ok {
            return None;
        }
        Some(Field {
            key: raw.key.get_ref().clone(),
            field: field?,
            variant: variant?,
            description: description?,
            troubleshooting: troubleshooting?,
            http_status: http_status?,
            platforms: platforms?,
        })
    }

    /// A wire code: ASCII letters, digits, `.`, `_` and `-`.
    fn wire_code(&mut self, code: &Text) -> bool {
        let text = code.get_ref();
        if text.is_empty() {
            self.report(
                Diagnostic::new(code.span(), "the code is empty")
                    .with_help("write the code exactly as the API returns it"),
            );
            return false;
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        {
            self.report(
                Diagnostic::new(code.span(), format!("the code `{text}` holds {bad:?}"))
                    .with_help("a code holds only ASCII letters, digits, '.', '_' and '-'"),
            );
            return false;
        }
        true
    }

    /// A field key: snake_case ASCII.
    fn field_key(&mut self, key: &Text) -> bool {
        let text = key.get_ref();
        let mut chars = text.chars();
        let good_start = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let good_rest = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if good_start && good_rest {
            return true;
        }
        self.report(
            Diagnostic::new(key.span(), format!("the field key `{text}` is not snake_case"))
                .with_help("a key starts with a lowercase ASCII letter and holds only lowercase letters, digits and '_'"),
        );
        false
    }

    /// Records `name`; reports it if a name of the same kind was seen before.
    pub(crate) fn unique(&mut self, kind: NameKind, name: &Text, what: &str) -> bool {
        self.unique_name(kind, name.get_ref(), name.span(), what)
    }

    pub(crate) fn unique_name(
        &mut self,
        kind: NameKind,
        name: &str,
        span: Span,
        what: &str,
    ) -> bool {
        if let Some(first) = self.seen.get(&(kind.clone(), name.to_owned())) {
            let first = first.clone();
            self.report(
                Diagnostic::new(span, format!("duplicate {what} `{name}`"))
                    .with_label(first, "first defined here")
                    .with_help(format!(
                        "each {what} must appear once; remove or rename one of them"
                    )),
            );
            return false;
        }
        self.seen.insert((kind, name.to_owned()), span);
        true
    }

    /// The variant name, given or derived from `from`, checked and unique.
    fn variant(&mut self, given: Option<&Text>, from: &Text, from_what: &str) -> Option<String> {
        let (name, span, kind) = match given {
            Some(variant) => (variant.get_ref().clone(), variant.span(), "given"),
            None => (
                names::derive_variant(from.get_ref()),
                from.span(),
                "derived",
            ),
        };
        if let Some(problem) = names::variant_problem(&name) {
            let help = if kind == "given" {
                "change `variant` to an UpperCamelCase name of ASCII letters and digits".to_owned()
            } else {
                format!("add `variant = \"…\"` with an UpperCamelCase name for this {from_what}")
            };
            self.report(Diagnostic::new(span, problem).with_help(help));
            return None;
        }
        let kind_of_name = if from_what == "code" {
            NameKind::CodeVariant
        } else {
            NameKind::FieldVariant
        };
        self.unique_name(kind_of_name, &name, span, "variant name")
            .then_some(name)
    }

    /// Text that must say something.
    pub(crate) fn text(&mut self, text: &Text, what: &str) -> Option<String> {
        if text.get_ref().trim().is_empty() {
            self.report(
                Diagnostic::new(text.span(), format!("{what} is empty"))
                    .with_help("copy the vendor's text here, or remove the key if it is optional"),
            );
            return None;
        }
        Some(text.get_ref().clone())
    }

    fn http_status(&mut self, status: &Spanned<i64>) -> Option<u16> {
        let value = *status.get_ref();
        match u16::try_from(value) {
            Ok(code @ 100..=599) => Some(code),
            _ => {
                self.report(
                    Diagnostic::new(
                        status.span(),
                        format!("`http_status` {value} is not an HTTP status"),
                    )
                    .with_help("use a status from 100 to 599, such as 400"),
                );
                None
            }
        }
    }

    pub(crate) fn term(
        &mut self,
        vocabulary: &'static Vocabulary,
        word: &Text,
    ) -> Option<&'static Term> {
        let found = vocabulary.find(word.get_ref());
        if found.is_none() {
            let key = vocabulary.catalog_key;
            let keys = vocabulary.keys();
            self.report(
                Diagnostic::new(
                    word.span(),
                    format!("unknown {} `{}`", vocabulary.noun, word.get_ref()),
                )
                .with_help(suggest::help(
                    word.get_ref(),
                    &keys,
                    &format!("`{key}`"),
                )),
            );
        }
        found
    }

    fn platforms(&mut self, words: &Spanned<Vec<Text>>) -> Option<Vec<&'static Term>> {
        if words.get_ref().is_empty() {
            self.report(
                Diagnostic::new(words.span(), "`platforms` is empty").with_help(format!(
                    "list where the error can occur: {}",
                    suggest::quoted_list(&PLATFORM.keys())
                )),
            );
            return None;
        }
        let mut terms: Vec<&'static Term> = Vec::new();
        let mut ok = true;
        for word in words.get_ref() {
            match self.term(&PLATFORM, word) {
                Some(term) if terms.contains(&term) => {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            word.span(),
                            format!("platform `{}` is listed twice", term.key),
                        )
                        .with_help("list each platform once"),
                    );
                }
                Some(term) => terms.push(term),
                None => ok = false,
            }
        }
        ok.then_some(terms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;

    const META: &str = "[catalog]\nname = \"n\"\nsource = \"s\"\nprovenance = \"p\"\n";

    fn code(code: &str, extra: &str) -> String {
        format!(
            "[[code]]\ncode = \"{code}\"\ndescription = \"d\"\ntroubleshooting = \"t\"\n\
             http_status = 400\nretry = \"never\"\ncategory = \"account\"\nplatforms = [\"web\"]\n{extra}\n"
        )
    }

    fn run(source: &str) -> Result<Catalog, Vec<Diagnostic>> {
        let (raw, diagnostics) = load(source);
        check(raw, diagnostics)
    }

    fn messages(source: &str) -> Vec<String> {
        run(source)
            .expect_err("the catalog should be rejected")
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn accepts_a_good_catalog_and_derives_variants() {
        let source = format!("{META}{}", code("Forbidden.AccountAccessDenied", ""));
        let catalog = run(&source).unwrap();
        assert_eq!(catalog.codes[0].variant, "ForbiddenAccountAccessDenied");
        assert_eq!(catalog.codes[0].retry.variant, "Never");
        assert_eq!(catalog.codes[0].platforms[0].variant, "Web");
    }

    #[test]
    fn reports_duplicates_with_both_places() {
        let source = format!("{META}{}{}", code("A", ""), code("A", ""));
        let diagnostics = run(&source).unwrap_err();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let duplicate = &diagnostics[0];
        assert_eq!(duplicate.message, "duplicate code `A`");
        assert!(duplicate.labels[0].span.start < duplicate.span.start);
    }

    #[test]
    fn reports_variant_collisions_after_conversion() {
        let source = format!("{META}{}{}", code("a.b", ""), code("A_B", ""));
        assert_eq!(messages(&source), vec!["duplicate variant name `AB`"]);
    }

    #[test]
    fn reports_bad_names_statuses_words_and_empty_text() {
        let source = format!(
            "{META}{}{}{}{}",
            code("1x", ""),
            code("B", "variant = \"Self\""),
            code("C", "notes = \"  \"").replace("400", "99"),
            code("D", "")
                .replace("\"never\"", "\"nevr\"")
                .replace("[\"web\"]", "[\"web\", \"web\"]"),
        );
        let all = messages(&source);
        assert_eq!(
            all,
            vec![
                "`1x` is not a Rust variant name: it must start with an ASCII uppercase letter",
                "`Self` is reserved in Rust or in the generated code and cannot be a variant name",
                "`http_status` 99 is not an HTTP status",
                "`notes` is empty",
                "unknown retry value `nevr`",
                "platform `web` is listed twice",
            ]
        );
    }

    #[test]
    fn unknown_words_get_a_suggestion() {
        let source = format!(
            "{META}{}",
            code("A", "").replace("\"account\"", "\"acount\"")
        );
        let diagnostics = run(&source).unwrap_err();
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `account`?")
        );
    }

    #[test]
    fn field_keys_must_be_snake_case_and_unique() {
        let field = |key: &str, text: &str| {
            format!(
                "[[field]]\nkey = \"{key}\"\nfield = \"{text}\"\ndescription = \"d\"\n\
                 troubleshooting = \"t\"\nhttp_status = 400\nplatforms = [\"web\"]\n"
            )
        };
        let source = format!(
            "{META}{}{}{}{}",
            code("A", ""),
            field("mode", "mode"),
            field("mode", "other"),
            field("Bad-Key", "mode")
        );
        assert_eq!(
            messages(&source),
            vec![
                "duplicate field key `mode`",
                "the field key `Bad-Key` is not snake_case",
                "duplicate field `mode`",
            ]
        );
    }
}
