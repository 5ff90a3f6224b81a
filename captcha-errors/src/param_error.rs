//! What a validator reports: [`ParamError`], one problem with one init parameter, with
//! the catalog row ([`crate::Raised`]) it corresponds to.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;

use crate::{JsonType, Param, Raised, Severity};

/// What is wrong with a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The parameter is required and absent.
    Missing,
    /// The value has the wrong JSON type; `found` names the type it has.
    WrongType {
        /// The JSON type the value has, such as `"string"`.
        found: &'static str,
    },
    /// The value breaks the parameter's rule; `hint` is the value probably meant.
    BrokenRule {
        /// The allowed value the input most likely meant, if one is obvious.
        hint: Option<&'static str>,
    },
    /// A hand-written check rejected the value, saying why.
    Custom {
        /// What the value must be, such as `"must be an http(s) address"`.
        reason: &'static str,
    },
}

/// One problem with one init parameter: which parameter, the offending value, what is
/// wrong, the vendor row it maps to ([`ParamError::raised`]) and how serious it is.
/// `Display` writes one line that says how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParamError {
    param: Param,
    value: Option<String>,
    kind: ProblemKind,
}

impl ParamError {
    /// A required parameter that is absent.
    #[inline]
    pub fn missing(param: Param) -> Self {
        ParamError {
            param,
            value: None,
            kind: ProblemKind::Missing,
        }
    }

    /// A value of the wrong JSON type; `value` is how it was written.
    #[inline]
    pub fn wrong_type(param: Param, value: &str, found: &'static str) -> Self {
        ParamError {
            param,
            value: Some(value.to_owned()),
            kind: ProblemKind::WrongType { found },
        }
    }

    /// A value that breaks the parameter's rule.
    #[inline]
    pub fn broken_rule(param: Param, value: &str, hint: Option<&'static str>) -> Self {
        ParamError {
            param,
            value: Some(value.to_owned()),
            kind: ProblemKind::BrokenRule { hint },
        }
    }

    /// A value rejected by a hand-written check.
    #[inline]
    pub fn custom(param: Param, value: &str, reason: &'static str) -> Self {
        ParamError {
            param,
            value: Some(value.to_owned()),
            kind: ProblemKind::Custom { reason },
        }
    }

    /// The parameter.
    #[inline]
    pub fn param(&self) -> Param {
        self.param
    }

    /// The offending value as given (numbers in their usual decimal form); `None` when
    /// the parameter is missing.
    #[inline]
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// What is wrong.
    #[inline]
    pub fn kind(&self) -> ProblemKind {
        self.kind
    }

    /// The allowed value the input most likely meant, if one is obvious.
    #[inline]
    pub fn hint(&self) -> Option<&'static str> {
        match self.kind {
            ProblemKind::BrokenRule { hint } => hint,
            _ => None,
        }
    }

    /// The vendor row this problem corresponds to. A value of the wrong type raises the
    /// catalog's general type row; every other problem raises the parameter's own row.
    #[inline]
    pub fn raised(&self) -> Raised {
        match self.kind {
            ProblemKind::WrongType { .. } => self.param.type_error(),
            _ => self.param.raises(),
        }
    }

    /// How serious the problem is: a missing or mistyped value is always an error; a
    /// broken rule is as serious as the catalog says the rule is.
    #[inline]
    pub fn severity(&self) -> Severity {
        match self.kind {
            ProblemKind::Missing | ProblemKind::WrongType { .. } => Severity::Error,
            _ => self.param.severity(),
        }
    }

    /// Whether the problem is an error (not a warning).
    #[inline]
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// At most this many characters of an offending value are quoted in a message.
const QUOTED_CHARS: usize = 60;

/// The value, debug-quoted so control characters stay visible, and shortened.
struct Quoted<'v>(&'v str);

impl fmt::Display for Quoted<'_> {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTED_CHARS) {
            Some((cut, _)) => write!(f, "{:?}…", &self.0[..cut]),
            None => write!(f, "{:?}", self.0),
        }
    }
}

#[inline]
fn json_type_with_article(json_type: JsonType) -> &'static str {
    match json_type {
        JsonType::String => "a string",
        JsonType::Number => "a number",
        JsonType::Integer => "an integer",
        JsonType::Boolean => "a boolean (true or false, not a string)",
        JsonType::Object => "an object",
        JsonType::Function => "a function",
    }
}

impl fmt::Display for ParamError {
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.param.name();
        let value = Quoted(self.value.as_deref().unwrap_or(""));
        match self.kind {
            ProblemKind::Missing => {
                write!(f, "`{name}` is required: set it to {}", self.param.rule())
            }
            ProblemKind::WrongType { found } => write!(
                f,
                "`{name}` must be {}, not {found} {value}",
                json_type_with_article(self.param.json_type())
            ),
            ProblemKind::BrokenRule { hint } => {
                write!(f, "`{name}` must be {}, not {value}", self.param.rule())?;
                match hint {
                    Some(hint) => write!(f, "; did you mean `{hint}`?"),
                    None => Ok(()),
                }
            }
            ProblemKind::Custom { reason } => write!(f, "`{name}` {reason}, not {value}"),
        }
    }
}

impl core::error::Error for ParamError {}
