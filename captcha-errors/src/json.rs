//! JSON configs (feature `serde`): validate a JSON object of init parameters as a page
//! would pass them to `window.AliyunCaptchaConfig` and `initAliyunCaptcha({...})`, and
//! write a valid config back as those two JSON objects.
//!
//! ```
//! use captcha_errors::json::validate_json;
//! use captcha_errors::{FieldError, Raised};
//! use serde_json::json;
//!
//! let page = json!({
//!     "region": "cn", "prefix": "no8xfe", "SceneId": "didk33e0", "mode": "popup",
//!     "element": "#captcha-element", "button": "#button", "immediate": "false",
//! });
//! let report = validate_json(&page);
//! let problem = report.param_problems().next().unwrap();
//! assert_eq!(problem.raised(), Raised::Field(FieldError::GeneralType));
//! ```

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;
use serde_json::{Map, Number, Value};

use crate::config_report::Report;
use crate::param_error::ParamError;
use crate::param_value::ParamValue;
use crate::{InitConfig, Param, ValidConfig};
use crate::{JsonType, Scope, Severity};

/// A problem found in a JSON config.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum JsonProblem {
    /// A problem with a known parameter.
    Param(ParamError),
    /// A key that names no parameter; a warning, since the SDK may know options this
    /// catalog does not.
    UnknownKey {
        /// The key, dotted for a member of an object (`slideStyle.colour`).
        key: String,
    },
    /// The config is not a JSON object at all.
    NotAnObject {
        /// The JSON type it has.
        found: &'static str,
    },
}

impl JsonProblem {
    /// How serious the problem is.
    #[inline]
    pub fn severity(&self) -> Severity {
        match self {
            JsonProblem::Param(problem) => problem.severity(),
            JsonProblem::UnknownKey { .. } => Severity::Warning,
            JsonProblem::NotAnObject { .. } => Severity::Error,
        }
    }
}

impl core::fmt::Display for JsonProblem {
    #[inline]
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            JsonProblem::Param(problem) => problem.fmt(f),
            JsonProblem::UnknownKey { key } => write!(
                f,
                "`{key}` is not a known init parameter; check its spelling, or ignore this warning if the SDK added it"
            ),
            JsonProblem::NotAnObject { found } => {
                write!(f, "the config must be a JSON object, not {found}")
            }
        }
    }
}

impl core::error::Error for JsonProblem {}

/// What [`validate_json`] found: the problems of the JSON itself (types, unknown keys)
/// and the whole-config [`Report`] of the values that had the right types.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonReport<'a> {
    report: Report<ValidConfig<'a>>,
    json_problems: Vec<JsonProblem>,
    /// Object parameters without members (such as `upLang`), kept as given.
    passthrough: Vec<(Param, &'a Value)>,
}

impl<'a> JsonReport<'a> {
    /// Every problem: those of the JSON first, in key order, then those of the values,
    /// in parameter order.
    #[inline]
    pub fn problems(&self) -> impl Iterator<Item = JsonProblem> + '_ {
        self.json_problems.iter().cloned().chain(
            self.report
                .problems()
                .iter()
                .cloned()
                .map(JsonProblem::Param),
        )
    }

    /// The problems that concern a known parameter.
    #[inline]
    pub fn param_problems(&self) -> impl Iterator<Item = ParamError> + '_ {
        self.problems().filter_map(|problem| match problem {
            JsonProblem::Param(problem) => Some(problem),
            _ => None,
        })
    }

    /// Whether no problem is an error.
    #[inline]
    pub fn is_valid(&self) -> bool {
        self.report.is_valid()
            && self
                .json_problems
                .iter()
                .all(|problem| problem.severity() != Severity::Error)
    }

    /// The typed config, if no problem is an error.
    #[inline]
    pub fn config(&self) -> Option<&ValidConfig<'a>> {
        if self.is_valid() {
            self.report.config()
        } else {
            None
        }
    }

    /// The params of `scope` as one JSON object, if the config is valid: every param of
    /// the scope that has a value, members nested in their objects. The catalog's scope
    /// words name these objects (`json_object`): the generated module gives the report
    /// one public method per such word, which calls this one.
    #[inline]
    pub(crate) fn object(&self, scope: Scope) -> Option<Map<String, Value>> {
        let config = self.config()?;
        let mut object = Map::new();
        for (param, value) in config.entries().into_iter().flatten() {
            if param.scope() == scope {
                insert(&mut object, param, to_json(value));
            }
        }
        for (param, value) in &self.passthrough {
            if param.scope() == scope {
                insert(&mut object, *param, (*value).clone());
            }
        }
        Some(object)
    }
}

/// Puts `value` under the param's name, nesting a member (`slideStyle.width`) in its
/// object.
#[inline]
fn insert(object: &mut Map<String, Value>, param: Param, value: Value) {
    match param.name().split_once('.') {
        Some((parent, member)) => {
            let entry = object
                .entry(parent.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(members) = entry {
                members.insert(member.to_owned(), value);
            }
        }
        None => {
            object.insert(param.name().to_owned(), value);
        }
    }
}

#[inline]
fn to_json(value: ParamValue<'_>) -> Value {
    match value {
        ParamValue::Str(text) => Value::String(text.to_owned()),
        ParamValue::Integer(number) => Value::Number(number.into()),
        ParamValue::Bool(flag) => Value::Bool(flag),
        // A whole number is written as an integer, as a page would write it.
        ParamValue::Number(number) if number.fract() == 0.0 && number.abs() < 9.0e15 => {
            Value::Number((number as i64).into())
        }
        ParamValue::Number(number) => Number::from_f64(number).map_or(Value::Null, Value::Number),
    }
}

#[inline]
fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The value as text for a message: strings as they are, anything else as JSON.
#[inline]
fn as_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Validates a JSON object holding init parameters of both scopes (the globals and the
/// `initAliyunCaptcha` options), as a page passes them. A value of the wrong JSON type
/// raises the catalog's general type row; unknown keys are warnings; every problem is
/// reported, not just the first.
#[inline]
pub fn validate_json(config: &Value) -> JsonReport<'_> {
    let mut json_problems = Vec::new();
    let mut passthrough = Vec::new();
    let mut init = InitConfig::new();
    match config {
        Value::Object(object) => {
            for (key, value) in object {
                read_entry(key, value, &mut init, &mut json_problems, &mut passthrough);
            }
        }
        other => json_problems.push(JsonProblem::NotAnObject {
            found: json_type_name(other),
        }),
    }
    JsonReport {
        report: init.validate(),
        json_problems,
        passthrough,
    }
}

#[inline]
fn read_entry<'a>(
    key: &str,
    value: &'a Value,
    init: &mut InitConfig<'a>,
    problems: &mut Vec<JsonProblem>,
    passthrough: &mut Vec<(Param, &'a Value)>,
) {
    let Some(param) = Param::from_name(key) else {
        problems.push(JsonProblem::UnknownKey {
            key: key.to_owned(),
        });
        return;
    };
    let wrong_type = |problems: &mut Vec<JsonProblem>| {
        problems.push(JsonProblem::Param(ParamError::wrong_type(
            param,
            &as_text(value),
            json_type_name(value),
        )));
    };
    let scalar = match (param.json_type(), value) {
        (JsonType::Object, Value::Object(members)) => {
            let has_members = Param::ALL.iter().any(|p| p.parent() == Some(param));
            if !has_members {
                passthrough.push((param, value));
                return;
            }
            for (member, member_value) in members {
                read_entry(
                    &format!("{key}.{member}"),
                    member_value,
                    init,
                    problems,
                    passthrough,
                );
            }
            return;
        }
        (JsonType::String, Value::String(text)) => ParamValue::Str(text),
        (JsonType::Boolean, Value::Bool(flag)) => ParamValue::Bool(*flag),
        (JsonType::Integer, Value::Number(number)) => match number.as_i64() {
            Some(integer) => ParamValue::Integer(integer),
            None => return wrong_type(problems),
        },
        (JsonType::Number, Value::Number(number)) => match number.as_f64() {
            Some(float) => ParamValue::Number(float),
            None => return wrong_type(problems),
        },
        _ => return wrong_type(problems),
    };
    if let Err(problem) = init.set(param, scalar) {
        problems.push(JsonProblem::Param(problem));
    }
}
