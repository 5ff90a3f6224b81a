//! Regressions: catalogs the properties failed on, reduced to what shows the problem;
//! each fails until the generator is fixed.

use crate::checks::{check_source, Stats};

/// Checks every property of one catalog generated alone, panicking with what failed.
fn assert_properties(source: &str) {
    if let Err(error) = check_source(source, &Stats::default()) {
        panic!("{error}\n--- the catalog ---\n{source}");
    }
}

/// The declarations every regression catalog starts with.
const REGRESSION_HEADER: &str = r#"
[catalog]
name = "N"
source = "S"
provenance = "P"
module = "m"
docs = "docs/m.md"
"#;

/// A table of one key column, `k`, that most regression catalogs declare.
const TABLE_T: &str = r#"[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
columns = [{ name = "k", kind = "key" }]
"#;

#[test]
fn regression_a_word_with_a_pipe_keeps_the_vocabulary_table() {
    // The docs page's vocabulary table writes each word in a code span without
    // escaping it; the `|` then splits the row into three cells under a two-cell header.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[vocabulary.v]
doc = "D."
words = [{{ word = "a|b", doc = "W." }}]

{TABLE_T}"#
    ));
}

#[test]
fn regression_a_scope_word_with_a_pipe_keeps_the_parameter_table() {
    // The parameters table writes the scope word of each param without escaping it.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}type_error = {{ t = "x" }}

[vocabulary.scope]
doc = "D."
words = [{{ word = "in|it", variant = "Init", doc = "W." }}]

{TABLE_T}
[[t]]
k = "x"

[[param]]
name = "p"
scope = "in|it"
type = "boolean"
required = false
rule = "any"
raises = {{ t = "x" }}
severity = "error"
confidence = "official"
doc = "D."
"#
    ));
}

#[test]
fn regression_a_type_named_after_a_table_type_and_row() {
    // The table type `T` makes the private struct `TRow`; the vocabulary type `TRow` is
    // accepted, so the module defines `TRow` twice and does not compile.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[vocabulary.v]
type = "TRow"
doc = "D."
words = [{{ word = "w", doc = "W." }}]

{TABLE_T}"#
    ));
}

#[test]
fn regression_two_types_with_the_same_shouty_snake_case_name() {
    // `HttpStatus` and `HTTPStatus` are different types, but both make the static
    // `HTTP_STATUS_ROWS`, so the module defines it twice and does not compile.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}
[table.a]
type = "HttpStatus"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]

[table.b]
type = "HTTPStatus"
doc = "D."
key = "k"
display = "k"
columns = [{{ name = "k", kind = "key" }}]
"#
    ));
}

#[test]
fn regression_a_module_name_that_typescript_reserves() {
    // `new` is a Rust name but a TypeScript reserved word: the TypeScript emitter fails,
    // and the catalog is refused with a diagnostic in `ts/src/generated/index.ts`, a file
    // that was not given, at 0..0, instead of at the catalog's `module`.
    let source = REGRESSION_HEADER.replace(r#"module = "m""#, r#"module = "new""#) + "\n" + TABLE_T;
    assert_properties(&source);
}

#[test]
fn regression_an_empty_summary_makes_no_table_without_columns() {
    // `summary = []` is accepted, and the README section then holds a "table" whose
    // header, separator and rows are all `|  |`: no column, no separator row.
    assert_properties(&format!(
        r#"{REGRESSION_HEADER}readme_section = "m"

[table.t]
type = "T"
doc = "D."
key = "k"
display = "k"
summary = []
columns = [{{ name = "k", kind = "key" }}]

[[t]]
k = "x"
"#
    ));
}
