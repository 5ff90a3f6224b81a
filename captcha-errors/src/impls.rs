//! What every generated enum of one kind has besides its data (its trait impls, and a
//! few inherent items such as `as_str`), written once here as macros: a generated module
//! calls one per enum with its type's names, so it carries the catalog's facts and not
//! the same impls again for every enum.
//!
//! They are exported (hidden from the docs, not part of the API) so that code generated
//! outside this crate, such as the synthetic tables of the benchmarks, can call them too;
//! for the same reason their bodies reach the runtime through `$crate::__private`.
//!
//! The serde and `http` impls are the one exception: they depend on the features of the
//! crate the enum is in, so the macros call that crate's `crate::serde_as_wire!` and
//! `crate::http_status_code!` (this crate's, in `wire.rs`; code generated elsewhere
//! defines its own, such as the benchmarks' empty ones).

/// `ALL`, `as_str` (the word), `Display` (the word), `FromStr`, `WireCode` (its
/// `METRIC_LABELS` are the words, then `OTHER_LABEL`) and serde for a generated enum of
/// words, such as a vocabulary, whose variants are `$variant`s in order: `$words` is the
/// static table of each variant's word, in variant order, and `$noun` what one value is
/// called in messages. `FromStr` parses the exact word and
/// fails with an `UnknownValue`; `from_wire` finds the word by position in `$words`.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // serde is the calling crate's: see the module doc
macro_rules! __word_impls {
    ($type:ident, $words:ident, $noun:expr, [$( $variant:ident ),* $(,)?]) => {
        $crate::__words!($type, $words, [$( $variant ),*]);

        $crate::__wire_impls!(
            $type,
            $noun,
            $words,
            |text| {
                match $crate::__private::position(&$words, text) {
                    ::core::option::Option::Some(index) => Self::ALL.get(index).copied(),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
            |value| $words[value as usize]
        );

        crate::serde_as_wire!($type);
    };
}

/// `ALL`, `as_str` and `Display` (the word) for a generated enum whose variants are
/// `$variant`s in order and whose static table `$words` holds each variant's word: what
/// a vocabulary and the values of a `one_of` parameter share.
#[doc(hidden)]
#[macro_export]
macro_rules! __words {
    ($type:ident, $words:ident, [$( $variant:ident ),* $(,)?]) => {
        impl $type {
            /// Every value, in catalog order.
            pub const ALL: &'static [$type] = &[$( $type::$variant ),*];

            /// The word the catalog and the docs use for this value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                $words[self as usize]
            }
        }

        impl ::core::fmt::Display for $type {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str($words[*self as usize])
            }
        }
    };
}

/// Everything a generated table's enum gets besides its columns: `as_str` and
/// `metric_label` (the `$key` column), `METRIC_LABELS` (the key column's static array
/// `$keys`, then `OTHER_LABEL`), `Debug` (the variant's name, from the static table
/// `$names`; without `debug_names` the enum derives it), `Display` (the `$display`
/// column), `Error`, `FromStr` and `WireCode` (whose lookup is `$lookup`; `$noun` is what
/// one row is called in messages), `CatalogRow`, serde, and `http::StatusCode` if the
/// table has a required `http_status` column.
///
/// `CatalogRow`'s `status` is `None`, `Some(column)` for a required `http_status` column
/// or `column` for an optional one; each `word_facts` entry is a push function of
/// `__private` (`one_word`, `many_words`, `optional_word`, `optional_words`) applied to
/// a word column, in column order.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)] // serde and http are the calling crate's: see the module doc
macro_rules! __table_impls {
    (
        $type:ident,
        noun($noun:expr),
        key($key:ident, $keys:path),
        lookup($lookup:ident),
        display($display:ident),
        $( debug_names($names:ident), )?
        module($module:expr),
        table($table:expr),
        docs_page($docs_page:expr),
        words_columns($( $words_column:expr ),*),
        status($( $status:tt )*),
        word_facts($( $push:ident($column:ident) ),*) $(,)?
    ) => {
        impl $type {
            /// The wire string, exactly as the catalog writes it.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                self.$key()
            }

            /// Every value [`metric_label`](Self::metric_label) and
            /// [`Wire::metric_label`]($crate::Wire::metric_label) can return for this
            /// table: each row's key in catalog order (deprecated rows too: they can still
            /// arrive), then [`OTHER_LABEL`]($crate::OTHER_LABEL), for registering every
            /// series of a metric, or every `error.type`, up front.
            pub const METRIC_LABELS: &'static [&'static str] =
                <$type as $crate::WireCode>::METRIC_LABELS;

            /// The row's label for a metric or OpenTelemetry's `error.type`: its key, one
            /// of [`METRIC_LABELS`](Self::METRIC_LABELS).
            #[inline]
            pub const fn metric_label(self) -> &'static str {
                self.$key()
            }
        }

        $(
            impl ::core::fmt::Debug for $type {
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str($names[*self as usize])
                }
            }
        )?

        impl ::core::fmt::Display for $type {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.$display())
            }
        }

        impl ::core::error::Error for $type {}

        $crate::__wire_impls!(
            $type,
            $noun,
            $keys,
            |text| Self::$lookup(text),
            |row| row.as_str()
        );

        impl $crate::CatalogRow for $type {
            const MODULE: &'static str = $module;
            const TABLE: &'static str = $table;
            const DOCS_PAGE: &'static str = $docs_page;
            const WORDS_COLUMNS: &'static [&'static str] = &[ $( $words_column ),* ];

            #[inline]
            fn title(self) -> &'static str {
                self.$display()
            }

            #[inline]
            fn status(self) -> ::core::option::Option<u16> {
                $crate::__table_impls!(@status self, $( $status )*)
            }

            #[inline]
            fn word_facts(self) -> $crate::__private::prelude::Vec<$crate::__private::WordFact> {
                #[allow(unused_mut)]
                let mut facts = $crate::__private::prelude::Vec::new();
                $( $crate::__private::$push(&mut facts, stringify!($column), self.$column()); )*
                facts
            }
        }

        crate::serde_as_wire!($type);
        $crate::__table_impls!(@http $type, $( $status )*);
    };
    (@http $type:ident, Some($column:ident)) => {
        crate::http_status_code!($type, $column);
    };
    (@http $type:ident, $( $no_required_status:tt )*) => {};
    (@status $row:ident, None) => {
        ::core::option::Option::None
    };
    (@status $row:ident, Some($column:ident)) => {
        ::core::option::Option::Some($row.$column())
    };
    (@status $row:ident, $column:ident) => {
        $row.$column()
    };
}

/// `WireCode::METRIC_LABELS` of the generated enum `$type`: the static array `$keys` of
/// each variant's wire string, in variant order, then `OTHER_LABEL`, in one static. It is
/// filled by one copy of `$keys` (`__private::with_other`), which the evaluation of the
/// crate that defines `$type` does in one step whatever the table's size, so the
/// generated code carries no second list of its keys.
#[doc(hidden)]
#[macro_export]
macro_rules! __metric_labels {
    ($type:ident, $keys:path) => {{
        static LABELS: [&str; $type::ALL.len() + 1] = $crate::__private::with_other(&$keys);
        &LABELS
    }};
}

/// `FromStr` (the exact wire string, else an `UnknownValue`) and `WireCode` for a generated
/// enum: `$noun` is what one value is called in messages, `$keys` the static array of
/// the values' wire strings in variant order (for `METRIC_LABELS`), `$from_wire` finds
/// the value of the text `$text`, and `$as_wire` is the wire string of the value
/// `$value`. The other two macros call it.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_impls {
    (
        $type:ident,
        $noun:expr,
        $keys:path,
        |$text:ident| $from_wire:expr,
        |$value:ident| $as_wire:expr
    ) => {
        impl ::core::str::FromStr for $type {
            type Err = $crate::UnknownValue;

            #[inline]
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                $crate::__private::parse_known(text)
            }
        }

        impl $crate::WireCode for $type {
            const NOUN: &'static str = $noun;
            const METRIC_LABELS: &'static [&'static str] = $crate::__metric_labels!($type, $keys);

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
