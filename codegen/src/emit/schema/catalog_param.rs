//! The part of the catalog format's schema that describes `[[param]]`: an init
//! parameter, its JSON type, its rule and the rule's settings.

use super::catalog::{
    char_class_doc, closed, confidence_doc, json_type_doc, rule_doc, severity_doc, text, typed,
    words,
};
use super::json::Json;
use crate::keywords::{CharClass, Confidence, JsonType, RuleKind, Severity};

/// The words of a keyword set with their docs.
fn keyword_words<K: Copy>(
    all: &[K],
    word: fn(K) -> &'static str,
    doc: fn(K) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|k| (word(*k), doc(*k))).collect()
}

fn number(doc: &str) -> Json {
    typed("number", doc)
}

fn count(doc: &str) -> Json {
    Json::object([
        ("description", Json::str(doc)),
        ("type", Json::str("integer")),
        ("minimum", Json::Int(0)),
    ])
}

/// A schema with a description and `members`.
fn described(doc: &str, members: Vec<(&str, Json)>) -> Json {
    Json::object([("description", Json::str(doc))].into_iter().chain(members))
}

/// The keys of `[[param]]` that say what the param is and where it goes.
fn what_it_is() -> Vec<(&'static str, Json)> {
    let types = keyword_words(JsonType::ALL, JsonType::word, json_type_doc);
    let rules = keyword_words(RuleKind::ALL, RuleKind::word, rule_doc);
    let name = described(
        "The name as the page passes it; a member of an object param is `object.member`.",
        vec![
            ("type", Json::str("string")),
            (
                "pattern",
                Json::str("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?$"),
            ),
        ],
    );
    vec![
        ("name", name),
        (
            "scope",
            text("Where the page passes it: a word of `[vocabulary.scope]`."),
        ),
        ("type", words("The JSON type its value must have.", &types)),
        (
            "required",
            typed("boolean", "Whether the page must pass it."),
        ),
        ("default", text("The documented default, as text.")),
        ("rule", words("The rule its value must follow.", &rules)),
    ]
}

/// The settings of the rules; which apply depends on the rule.
fn rule_settings() -> Vec<(&'static str, Json)> {
    let classes = keyword_words(CharClass::ALL, CharClass::word, char_class_doc);
    let values = described(
        "`one_of`: the allowed values, in order.",
        vec![
            ("type", Json::str("array")),
            (
                "items",
                Json::object([("$ref", Json::str("#/definitions/value"))]),
            ),
        ],
    );
    let hints = described(
        "`one_of`: common wrong inputs and the value each probably meant.",
        vec![
            ("type", Json::str("object")),
            (
                "additionalProperties",
                Json::object([("type", Json::str("string"))]),
            ),
        ],
    );
    let chars = described(
        "`text`: the allowed character classes; none means any character.",
        vec![
            ("type", Json::str("array")),
            ("items", words("A character class.", &classes)),
        ],
    );
    vec![
        ("values", values),
        (
            "type_name",
            text("`one_of`: the generated enum's name, if not derived from the param's name."),
        ),
        ("hints", hints),
        ("min_len", count("`text`: the fewest characters.")),
        ("max_len", count("`text`: the most characters.")),
        ("chars", chars),
        ("min", number("`number`: the smallest value allowed.")),
        ("max", number("`number`: the largest value allowed.")),
        (
            "above",
            number("`number`: a bound the value must be strictly above."),
        ),
        (
            "prefix_param",
            text("`certify_id`: the param holding the prefix."),
        ),
        (
            "suffix_len",
            count("`certify_id`: how many ASCII letters or digits follow `_`."),
        ),
        (
            "function",
            text("`custom`: the hand-written function that checks the value."),
        ),
    ]
}

/// `[[param]]`.
pub(crate) fn param() -> Json {
    let severities = keyword_words(Severity::ALL, Severity::word, severity_doc);
    let confidences = keyword_words(Confidence::ALL, Confidence::word, confidence_doc);
    let mut properties = what_it_is();
    properties.extend(rule_settings());
    properties.extend([
        (
            "raises",
            Json::object([("$ref", Json::str("#/definitions/rowRef"))]),
        ),
        (
            "severity",
            words("How serious a broken rule is.", &severities),
        ),
        (
            "confidence",
            words("Where the rule comes from.", &confidences),
        ),
        ("doc", text("What the parameter is for.")),
    ]);
    closed(
        "An init parameter and the rule its value must follow.",
        properties,
        &[
            "name",
            "scope",
            "type",
            "required",
            "rule",
            "raises",
            "severity",
            "confidence",
            "doc",
        ],
    )
}

/// One value of a `one_of` rule.
pub(crate) fn value() -> Json {
    closed(
        "One allowed value of a `one_of` rule.",
        vec![
            ("value", text("The value as the page passes it.")),
            ("label", text("A human name for it.")),
            (
                "variant",
                text("The enum variant, if not derived from the value."),
            ),
        ],
        &["value", "label"],
    )
}
