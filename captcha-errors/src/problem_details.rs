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

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;
use serde_json::{json, Map, Value};

use crate::{CatalogRow, ParamError, Report, Wire};

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
}

impl ProblemDetails {
    /// The problem for a row of any table.
    pub fn from_row<R: CatalogRow>(row: R) -> Self {
        let mut extensions = Map::new();
        extensions.insert("code".to_owned(), Value::from(row.as_wire()));
        for (column, words) in row.word_facts() {
            let value = match words.as_slice() {
                [one] if !is_words_column::<R>(column) => Value::from(*one),
                _ => Value::from(words),
            };
            extensions.insert(column.to_owned(), value);
        }
        ProblemDetails {
            type_uri: format!("{}#{}", R::DOCS_PAGE, row.anchor()),
            title: row.title().to_owned(),
            status: row.status(),
            detail: format!("{} `{}`: {}", R::NOUN, row.as_wire(), row.title()),
            extensions,
        }
    }

    /// The problem for a code from the wire: a known row as [`Self::from_row`]; an
    /// unknown code with `fallback_status`, typed as the table's docs page.
    pub fn from_wire<R: CatalogRow>(code: &Wire<R>, fallback_status: u16) -> Self {
        match code {
            Wire::Known(row) => Self::from_row(*row),
            Wire::Unknown(unknown) => {
                let mut extensions = Map::new();
                extensions.insert("code".to_owned(), Value::from(unknown.as_str()));
                ProblemDetails {
                    type_uri: R::DOCS_PAGE.to_owned(),
                    title: format!("Unknown {}", R::NOUN),
                    status: Some(fallback_status),
                    detail: format!("{} `{}` is not in this catalog", R::NOUN, unknown.as_str()),
                    extensions,
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
