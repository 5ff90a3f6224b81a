//! [`Report`]: everything a whole-config validation found, and the typed config when no
//! problem is an error. Also the small helpers the generated `validate()` uses.

use crate::param_error::ParamError;
use crate::Param;
use alloc::vec::Vec;

/// The outcome of validating a whole config: every problem, errors and warnings, in
/// parameter order, and the typed config if none of them is an error.
#[derive(Clone, Debug, PartialEq)]
pub struct Report<C> {
    config: Option<C>,
    problems: Vec<ParamError>,
}

impl<C> Report<C> {
    pub(crate) fn new(config: Option<C>, problems: Vec<ParamError>) -> Self {
        Report { config, problems }
    }

    /// The typed config, if no problem is an error.
    pub fn config(&self) -> Option<&C> {
        self.config.as_ref()
    }

    /// Every problem, errors and warnings.
    pub fn problems(&self) -> &[ParamError] {
        &self.problems
    }

    /// The problems that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &ParamError> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The problems that are only warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &ParamError> {
        self.problems.iter().filter(|p| !p.is_error())
    }

    /// Whether the config is usable: no problem is an error.
    pub fn is_valid(&self) -> bool {
        self.config.is_some()
    }

    /// The typed config with its warnings, or every problem if any is an error.
    pub fn into_result(self) -> Result<(C, Vec<ParamError>), Vec<ParamError>> {
        match self.config {
            Some(config) => Ok((config, self.problems)),
            None => Err(self.problems),
        }
    }
}

/// The value if present; records [`ParamError::missing`] for an absent required value.
// Used by the generated `validate()` only when the catalog has params.
#[allow(dead_code)]
pub(crate) fn present<T>(
    problems: &mut Vec<ParamError>,
    param: Param,
    value: Option<T>,
) -> Option<T> {
    if value.is_none() && param.is_required() {
        problems.push(ParamError::missing(param));
    }
    value
}

/// The typed value if present and valid; records the problem otherwise. Used for rules
/// whose valid values have a typed form (`one_of`).
// Used by the generated `validate()` only when the catalog has such a rule.
#[allow(dead_code)]
pub(crate) fn typed<T, U>(
    problems: &mut Vec<ParamError>,
    param: Param,
    value: Option<T>,
    validate: impl FnOnce(T) -> Result<U, ParamError>,
) -> Option<U> {
    match validate(present(problems, param, value)?) {
        Ok(typed) => Some(typed),
        Err(problem) => {
            problems.push(problem);
            None
        }
    }
}

/// The value if present, valid or not; records the problem if it breaks its rule. A
/// warning keeps its value in the config; an error stops the config being built.
// Used by the generated `validate()` only when the catalog has such a rule.
#[allow(dead_code)]
pub(crate) fn kept<T: Copy, U>(
    problems: &mut Vec<ParamError>,
    param: Param,
    value: Option<T>,
    validate: impl FnOnce(T) -> Result<U, ParamError>,
) -> Option<T> {
    let value = present(problems, param, value)?;
    if let Err(problem) = validate(value) {
        problems.push(problem);
    }
    Some(value)
}
