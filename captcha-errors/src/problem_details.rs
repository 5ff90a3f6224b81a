//! RFC 9457 problem details (feature `serde`): any row of any table, an unknown code, or
//! a whole config validation report, as an `application/problem+json` object, so a
//! service can relay a Captcha error to its own clients in the standard form.
//!
//! Members: `type` (the row's anchor on its docs page, a stable URI reference; prefix it
//! with [`ProblemDetails::with_type_base`] to make it absolute), `title`, `status` (when
//! the table has an HTTP status), `detail`, and the extension members `code` (the wire
//! code), one member per word column of the row (`retry`, `verdict`, ...), and, for a
//! report, `problems`: one entry per problem with its `param`, `row`, `severity`, `hint`
//! and `message`.
//!
//! **Languages.** [`ProblemDetails::from_row_in`] and [`ProblemDetails::from_wire_in`] write
//! `title` and `detail` in a [`Locale`] (such as the one [`Locale::negotiate`] picks from a
//! request's `Accept-Language`); the problem remembers it ([`ProblemDetails::locale`]) so the
//! response can say `Content-Language: <tag>` and `Vary: Accept-Language`. In English they
//! give exactly what [`ProblemDetails::from_row`] and [`ProblemDetails::from_wire`] give. The
//! members other than `title` and `detail` (`type`, `code`, the words) are identifiers and
//! stay as they are in every locale.
//!
//! Written with `serde_json` directly: the object is small and fixed, and a dedicated
//! crate would add dependencies for nothing this needs.
//!
//! ```
//! use captcha_errors::problem_details::ProblemDetails;
//! use captcha_errors::ErrorCode;
//!
//! let problem = ProblemDetails::from_row(ErrorCode::Throttling);
//! assert_eq!(problem.status(), Some(429));
//! let json = problem.to_value();
//! assert_eq!(json["type"], "docs/init.md#code-throttling");
//! assert_eq!(json["code"], "Throttling");
//! assert_eq!(json["retry"], "backoff");
//! ```
//!
//! ```
//! use captcha_errors::problem_details::ProblemDetails;
//! use captcha_errors::verify::VerifyCode;
//! use captcha_errors::Locale;
//!
//! let locale = Locale::negotiate("zh-TW,zh;q=0.9,en;q=0.5");
//! let problem = ProblemDetails::from_row_in(VerifyCode::F008, locale);
//! assert_eq!(problem.locale().tag(), "zh-TW"); // the Content-Language to send
//! assert_eq!(problem.title(), VerifyCode::F008.meaning_in(Locale::ZhTw));
//! assert_eq!(problem.detail(), format!("驗證結果碼 `F008`: {}", problem.title()));
//! assert_eq!(problem.to_value()["code"], "F008");
//! ```

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;
use serde_json::{json, Map, Value};

use crate::{CatalogRow, Locale, ParamError, Report, Wire};

/// The media type of a problem details body.
pub const CONTENT_TYPE: &str = "application/problem+json";

/// A problem details object.
#[derive(Clone, Debug, PartialEq)]
pub struct ProblemDetails {
    type_uri: String,
    title: String,
    status: Option<u16>,
    detail: String,
    extensions: Map<String, Value>,
    locale: Locale,
}

impl ProblemDetails {
    /// The problem for a row of any table, in English: [`Self::from_row_in`] with
    /// [`Locale::En`].
    #[inline]
    pub fn from_row<R: CatalogRow>(row: R) -> Self {
        Self::from_row_in(row, Locale::En)
    }

    /// The problem for a row of any table, its `title` (the row's
    /// [`title_in`](CatalogRow::title_in)) and `detail` (the table's
    /// [`noun_in`](CatalogRow::noun_in), the code, the title) in `locale`, or in English
    /// where the catalog has no translation.
    pub fn from_row_in<R: CatalogRow>(row: R, locale: Locale) -> Self {
        let mut extensions = Map::new();
        extensions.insert("code".to_owned(), Value::from(row.as_wire()));
        for (column, words) in row.word_facts() {
            let value = match words.as_slice() {
                [one] if !is_words_column::<R>(column) => Value::from(*one),
                _ => Value::from(words),
            };
            extensions.insert(column.to_owned(), value);
        }
        let title = row.title_in(locale);
        ProblemDetails {
            type_uri: format!("{}#{}", R::DOCS_PAGE, row.anchor()),
            title: title.to_owned(),
            status: row.status(),
            detail: format!("{} `{}`: {}", R::noun_in(locale), row.as_wire(), title),
            extensions,
            locale,
        }
    }

    /// The problem for a code from the wire, in English: [`Self::from_wire_in`] with
    /// [`Locale::En`].
    #[inline]
    pub fn from_wire<R: CatalogRow>(code: &Wire<R>, fallback_status: u16) -> Self {
        Self::from_wire_in(code, fallback_status, Locale::En)
    }

    /// The problem for a code from the wire in `locale`: a known row as
    /// [`Self::from_row_in`]; an unknown code with `fallback_status`, typed as the table's
    /// docs page, its `title` and `detail` saying in `locale` that the catalog does not
    /// know it.
    pub fn from_wire_in<R: CatalogRow>(
        code: &Wire<R>,
        fallback_status: u16,
        locale: Locale,
    ) -> Self {
        match code {
            Wire::Known(row) => Self::from_row_in(*row, locale),
            Wire::Unknown(unknown) => {
                let mut extensions = Map::new();
                extensions.insert("code".to_owned(), Value::from(unknown.as_str()));
                let (title, detail) =
                    unknown_code_text(R::noun_in(locale), unknown.as_str(), locale);
                ProblemDetails {
                    type_uri: R::DOCS_PAGE.to_owned(),
                    title,
                    status: Some(fallback_status),
                    detail,
                    extensions,
                    locale,
                }
            }
        }
    }

    /// The problem for a config validation report: every problem in `problems`; the
    /// status and `code` are those of the first error's row (or the first warning's).
    pub fn from_report<C>(report: &Report<C>) -> Self {
        let problems = report.problems();
        let first = report.errors().next().or_else(|| problems.first());
        let mut extensions = Map::new();
        if let Some(first) = first {
            extensions.insert("code".to_owned(), Value::from(first.raised().as_str()));
        }
        let entries: Vec<Value> = problems.iter().map(problem_entry).collect();
        extensions.insert("problems".to_owned(), Value::from(entries));
        let errors = report.errors().count();
        ProblemDetails {
            type_uri: format!(
                "{}#init-parameters",
                <crate::ErrorCode as CatalogRow>::DOCS_PAGE
            ),
            title: if errors > 0 {
                "The captcha configuration is invalid".to_owned()
            } else {
                "The captcha configuration has warnings".to_owned()
            },
            status: first.map(|problem| problem.raised().http_status()),
            detail: match first {
                Some(first) => format!(
                    "{} problem(s), {errors} error(s); first: {first}",
                    problems.len()
                ),
                None => "no problems".to_owned(),
            },
            extensions,
            locale: Locale::En,
        }
    }

    /// The same problem with `base` put before its `type`, such as
    /// `"https://example.com/captcha-errors/"`, to make it an absolute URI.
    #[inline]
    pub fn with_type_base(mut self, base: &str) -> Self {
        self.type_uri = format!("{base}{}", self.type_uri);
        self
    }

    /// `type`.
    #[inline]
    pub fn type_uri(&self) -> &str {
        &self.type_uri
    }

    /// `title`.
    #[inline]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// `status`, when the problem has one.
    #[inline]
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// `detail`.
    #[inline]
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The language of `title` and `detail`: its [`tag`](Locale::tag) is the response's
    /// `Content-Language` (and since it was negotiated, the response should also say
    /// `Vary: Accept-Language`). [`Locale::En`] for the English constructors and a report.
    #[inline]
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// An extension member, such as `code` or `problems`.
    #[inline]
    pub fn extension(&self, name: &str) -> Option<&Value> {
        self.extensions.get(name)
    }

    /// The object as a JSON value.
    #[inline]
    pub fn to_value(&self) -> Value {
        let mut object = self.extensions.clone();
        object.insert("type".to_owned(), Value::from(self.type_uri.as_str()));
        object.insert("title".to_owned(), Value::from(self.title.as_str()));
        if let Some(status) = self.status {
            object.insert("status".to_owned(), Value::from(status));
        }
        object.insert("detail".to_owned(), Value::from(self.detail.as_str()));
        Value::Object(object)
    }

    /// The object as JSON text, the body of an `application/problem+json` response.
    #[inline]
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

/// The `title` and `detail` of a code the catalog does not know, in `locale`: `noun` is
/// the table's name for a row in that locale.
fn unknown_code_text(noun: &str, code: &str, locale: Locale) -> (String, String) {
    match locale {
        Locale::ZhCn => (
            format!("未知的{noun}"),
            format!("{noun} `{code}` 不在本目录中"),
        ),
        Locale::ZhTw => (
            format!("未知的{noun}"),
            format!("{noun} `{code}` 不在本目錄中"),
        ),
        _ => (
            format!("Unknown {noun}"),
            format!("{noun} `{code}` is not in this catalog"),
        ),
    }
}

/// Whether `column` of `R` is a `words` column (kept as an array even with one word).
fn is_words_column<R: CatalogRow>(column: &str) -> bool {
    R::WORDS_COLUMNS.contains(&column)
}

#[inline]
fn problem_entry(problem: &ParamError) -> Value {
    json!({
        "param": problem.param().name(),
        "row": problem.raised().as_str(),
        "severity": problem.severity().as_str(),
        "hint": problem.hint(),
        "message": problem.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::endpoints::Endpoint;
    use crate::init::{ErrorCode, FieldError};
    use crate::verify::{UserMessage, VerifyCode};

    /// The English problem as `from_row` wrote it before it had a locale: the row's
    /// English `title` and the table's English noun.
    fn english_as_before<R: CatalogRow>(row: R) -> (String, String) {
        (
            row.title().to_owned(),
            format!("{} `{}`: {}", R::NOUN, row.as_wire(), row.title()),
        )
    }

    /// Checks every row of `rows` in every locale.
    fn check_table<R: CatalogRow>(rows: &[R]) {
        for &row in rows {
            let english = ProblemDetails::from_row(row);
            assert_eq!(english, ProblemDetails::from_row_in(row, Locale::En));
            assert_eq!(
                english.to_json(),
                ProblemDetails::from_row_in(row, Locale::En).to_json()
            );
            let (title, detail) = english_as_before(row);
            assert_eq!((english.title(), english.detail()), (&*title, &*detail));
            assert_eq!(english.locale(), Locale::En);
            for &locale in Locale::ALL {
                let problem = ProblemDetails::from_row_in(row, locale);
                assert_eq!(problem.locale(), locale);
                assert_eq!(problem.title(), row.title_in(locale));
                assert_eq!(
                    problem.detail(),
                    format!(
                        "{} `{}`: {}",
                        R::noun_in(locale),
                        row.as_wire(),
                        row.title_in(locale)
                    )
                );
                // Only `title` and `detail` change with the locale.
                let mut localized = problem.to_value();
                let mut source = english.to_value();
                for object in [&mut localized, &mut source] {
                    let object = object.as_object_mut().unwrap();
                    object.remove("title");
                    object.remove("detail");
                }
                assert_eq!(localized, source, "{}", row.as_wire());
            }
        }
    }

    #[test]
    fn from_row_in_serves_every_table_and_english_is_from_row() {
        check_table(ErrorCode::ALL);
        check_table(FieldError::ALL);
        check_table(VerifyCode::ALL);
        check_table(UserMessage::ALL);
        check_table(ApiError::ALL);
        check_table(Endpoint::ALL);
    }

    #[test]
    fn from_row_in_writes_the_catalog_translation_in_each_locale() {
        let en = ProblemDetails::from_row_in(VerifyCode::F008, Locale::En);
        let cn = ProblemDetails::from_row_in(VerifyCode::F008, Locale::ZhCn);
        let tw = ProblemDetails::from_row_in(VerifyCode::F008, Locale::ZhTw);
        assert_eq!(en.title(), VerifyCode::F008.meaning());
        assert_eq!(cn.title(), VerifyCode::F008.meaning_in(Locale::ZhCn));
        assert_eq!(tw.title(), VerifyCode::F008.meaning_in(Locale::ZhTw));
        assert_ne!(cn.title(), en.title());
        assert_ne!(tw.title(), cn.title());
        assert!(
            en.detail().starts_with("verify code `F008`: "),
            "{}",
            en.detail()
        );
        assert_eq!(cn.detail(), format!("验证结果码 `F008`: {}", cn.title()));
        assert_eq!(tw.detail(), format!("驗證結果碼 `F008`: {}", tw.title()));
        let json = tw.to_value();
        assert_eq!(json["title"], tw.title());
        assert_eq!(json["code"], "F008");
        assert_eq!(json["action"], "retry-captcha");
        assert_eq!(
            ProblemDetails::from_row_in(ErrorCode::Throttling, Locale::ZhCn).title(),
            ErrorCode::Throttling.description_in(Locale::ZhCn)
        );
    }

    #[test]
    fn from_wire_in_is_from_row_in_for_a_known_code_and_english_is_from_wire() {
        for &locale in Locale::ALL {
            let known = Wire::<ApiError>::parse("Throttling");
            assert_eq!(
                ProblemDetails::from_wire_in(&known, 502, locale),
                ProblemDetails::from_row_in(ApiError::Throttling, locale)
            );
        }
        let unknown = Wire::<ApiError>::parse("Throttling.User");
        let english = ProblemDetails::from_wire(&unknown, 502);
        assert_eq!(
            english,
            ProblemDetails::from_wire_in(&unknown, 502, Locale::En)
        );
        assert_eq!(english.title(), "Unknown API error code");
        assert_eq!(
            english.detail(),
            "API error code `Throttling.User` is not in this catalog"
        );
    }

    #[test]
    fn an_unknown_code_is_said_in_the_locale_and_keeps_its_text() {
        let unknown = Wire::<VerifyCode>::parse("F999");
        let cn = ProblemDetails::from_wire_in(&unknown, 502, Locale::ZhCn);
        let tw = ProblemDetails::from_wire_in(&unknown, 502, Locale::ZhTw);
        assert_eq!(cn.title(), "未知的验证结果码");
        assert_eq!(cn.detail(), "验证结果码 `F999` 不在本目录中");
        assert_eq!(tw.title(), "未知的驗證結果碼");
        assert_eq!(tw.detail(), "驗證結果碼 `F999` 不在本目錄中");
        for problem in [cn, tw] {
            assert_eq!(problem.status(), Some(502));
            assert_eq!(problem.type_uri(), "docs/verify.md");
            assert_eq!(problem.extension("code"), Some(&Value::from("F999")));
        }
    }
}
