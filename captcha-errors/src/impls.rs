//! The trait impls that every generated enum of one kind shares, written once here as
//! macros: a generated module calls one with its type's names, so it carries the
//! catalog's facts and not the same impls again for every enum.
//!
//! They are exported (hidden from the docs, not part of the API) so that code generated
//! outside this crate, such as the synthetic tables of the benchmarks, can call them too;
//! for the same reason their bodies reach the runtime through `$crate::__private`.

/// `Display` (the word), `FromStr` and `WireCode` for a generated enum of words, such as
/// a vocabulary: `$words` is the static table of each variant's word, in variant order,
/// and `$noun` what one value is called in messages. `FromStr` parses the exact word and
/// fails with an `UnknownValue`; `from_wire` finds the word by position in `$words`.
#[doc(hidden)]
#[macro_export]
macro_rules! __word_impls {
    ($type:ident, $words:ident, $noun:expr) => {
        impl ::core::fmt::Display for $type {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($words[*self as usize])
            }
        }

        $crate::__wire_impls!(
            $type,
            $noun,
            |text| {
                match $crate::__private::position(&$words, text) {
                    ::core::option::Option::Some(index) => Self::ALL.get(index).copied(),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
            |value| $words[value as usize]
        );
    };
}

/// `Debug` (the variant's name, from the static table `$names`), `Display` (the row's
/// `$display` column), `Error`, `FromStr` and `WireCode` for a generated table's enum,
/// whose lookup is `$lookup` and whose wire string is its `as_str`; `$noun` is what one
/// row is called in messages.
#[doc(hidden)]
#[macro_export]
macro_rules! __table_impls {
    ($type:ident, $names:ident, $display:ident, $lookup:ident, $noun:expr) => {
        impl ::core::fmt::Debug for $type {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($names[*self as usize])
            }
        }

        impl ::core::fmt::Display for $type {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.$display())
            }
        }

        impl ::core::error::Error for $type {}

        $crate::__wire_impls!($type, $noun, |text| Self::$lookup(text), |row| row.as_str());
    };
}

/// `FromStr` (the exact wire string, else an `UnknownValue`) and `WireCode` for a generated
/// enum: `$noun` is what one value is called in messages, `$from_wire` finds the value
/// of the text `$text`, and `$as_wire` is the wire string of the value `$value`. The
/// other two macros call it.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_impls {
    ($type:ident, $noun:expr, |$text:ident| $from_wire:expr, |$value:ident| $as_wire:expr) => {
        impl ::core::str::FromStr for $type {
            type Err = $crate::UnknownValue;

            #[inline]
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                $crate::__private::parse_known(text)
            }
        }

        impl $crate::WireCode for $type {
            const NOUN: &'static str = $noun;

            #[inline]
            fn from_wire($text: &str) -> ::core::option::Option<Self> {
                $from_wire
            }

            #[inline]
            fn as_wire(self) -> &'static str {
                let $value = self;
                $as_wire
            }
        }
    };
}
