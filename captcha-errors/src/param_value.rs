//! [`ParamValue`]: one init parameter value of any JSON type the catalog can check, as
//! passed to `InitConfig::set` and returned by `ValidConfig::entries`.

use core::fmt;

/// A parameter value, borrowed from wherever the config came from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamValue<'a> {
    /// A JSON string.
    Str(&'a str),
    /// A JSON number.
    Number(f64),
    /// A JSON number without a fractional part, for integer parameters.
    Integer(i64),
    /// A JSON boolean.
    Bool(bool),
}

impl ParamValue<'_> {
    /// The JSON type of the value, as a word: `"string"`, `"number"` or `"boolean"`.
    #[inline]
    pub fn json_type_name(&self) -> &'static str {
        match self {
            ParamValue::Str(_) => "string",
            ParamValue::Number(_) | ParamValue::Integer(_) => "number",
            ParamValue::Bool(_) => "boolean",
        }
    }
}

impl fmt::Display for ParamValue<'_> {
    /// Writes the value as text: strings as they are, numbers and booleans as JSON does.
    #[inline]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamValue::Str(text) => f.write_str(text),
            ParamValue::Number(number) => write!(f, "{number}"),
            ParamValue::Integer(number) => write!(f, "{number}"),
            ParamValue::Bool(flag) => write!(f, "{flag}"),
        }
    }
}
