//! A small format-2 catalog for the unit tests of every stage, and helpers to vary it.

/// A catalog with one vocabulary, one table of two rows and no params.
pub(crate) const SMALL: &str = r#"[catalog]
name = "Test API"
source = "https://example.invalid/errors"
provenance = "Made up for tests."
module = "test_api"
docs = "docs/test_api.md"
readme_section = "test"

[vocabulary.retry]
doc = "Whether to retry."
words = [
  { word = "never", doc = "Do not." },
  { word = "later", doc = "Try again later." },
]

[table.code]
type = "TestCode"
doc = "A code of the test API."
key = "code"
display = "description"
columns = [
  { name = "code", kind = "key" },
  { name = "description", kind = "text" },
  { name = "notes", kind = "text", optional = true },
  { name = "http_status", kind = "http_status" },
  { name = "retry", kind = "word", vocabulary = "retry" },
  { name = "tags", kind = "words", vocabulary = "retry" },
  { name = "weight", kind = "integer" },
]

[[code]]
code = "Bad.Thing"
description = "It broke."
http_status = 400
retry = "never"
tags = ["never", "later"]
weight = -3

[[code]]
code = "T001"
description = "Slow down."
notes = "A note."
http_status = 429
retry = "later"
tags = []
weight = 7
deprecated = "Replaced by Bad.Thing."
"#;

/// [`SMALL`] with `from` replaced by `to`, which must occur in it.
pub(crate) fn small_with(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "the test catalog has no {from:?}");
    SMALL.replacen(from, to, 1)
}

#[allow(dead_code)]
/// The messages of every diagnostic for `source`, or a panic if it is accepted.
pub(crate) fn messages(source: &str) -> Vec<String> {
    match crate::parse(source) {
        Ok(_) => panic!("the catalog should be rejected:\n{source}"),
        Err(diagnostics) => diagnostics.into_iter().map(|d| d.message).collect(),
    }
}
