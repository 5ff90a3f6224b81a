//! The error returned when text names no value of a generated enum.

use alloc::borrow::ToOwned;
use alloc::string::String;
use core::fmt;

/// Text that is not a known value: returned by the `FromStr` impls of the generated
/// enums. It keeps the rejected input, so a caller can log or relay it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownValue {
    what: &'static str,
    input: String,
}

impl UnknownValue {
    #[inline]
    pub(crate) fn new(what: &'static str, input: &str) -> Self {
        UnknownValue {
            what,
            input: input.to_owned(),
        }
    }

    /// The rejected input, exactly as given.
    #[inline]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What the input was meant to be, such as `"error code"`.
    #[inline]
    pub fn expected(&self) -> &'static str {
        self.what
    }
}

impl fmt::Display for UnknownValue {
    /// Writes, for example, `unknown error code "Foo"`; the input is quoted and escaped,
    /// so control characters in it cannot disturb a log line.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.what, self.input)
    }
}

impl core::error::Error for UnknownValue {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn names_the_input_escaped() {
        let error = UnknownValue::new("error code", "Bad\n\"Code\"");
        assert_eq!(error.to_string(), r#"unknown error code "Bad\n\"Code\"""#);
        assert_eq!(error.input(), "Bad\n\"Code\"");
        assert_eq!(error.expected(), "error code");
    }
}
