//! Unit tests of the check stage on the shared test catalog.

use crate::model::Cell;
use crate::test_catalog::{messages, small_with, SMALL};

#[test]
fn accepts_the_test_catalog_and_derives_variants() {
    let catalog = crate::parse(SMALL).expect("the test catalog is valid");
    let table = &catalog.tables[0];
    assert_eq!(table.rows[0].variant, "BadThing");
    assert_eq!(table.rows[1].variant, "T001");
    assert_eq!(table.noun, "test code");
    assert_eq!(table.summary, vec![0, 1]);
    assert_eq!(table.rows[0].cells[2], Cell::Absent);
    assert_eq!(table.rows[0].cells[5], Cell::Words(vec![0, 1]));
    assert_eq!(
        table.rows[1].deprecated.as_deref(),
        Some("Replaced by Bad.Thing.")
    );
    assert_eq!(catalog.vocabularies[0].type_name, "Retry");
}

#[test]
fn words_must_belong_to_the_column_vocabulary() {
    let all = messages(&small_with("retry = \"later\"", "retry = \"latr\""));
    assert_eq!(all, vec!["`latr` is not a word of the vocabulary `retry`"]);
    let twice = messages(&small_with(
        "tags = [\"never\", \"later\"]",
        "tags = [\"never\", \"never\"]",
    ));
    assert_eq!(twice, vec!["`never` is listed twice"]);
}

#[test]
fn a_column_needs_a_declared_vocabulary() {
    let all = messages(&small_with(
        "vocabulary = \"retry\" },",
        "vocabulary = \"retries\" },",
    ));
    assert_eq!(all, vec!["the vocabulary `retries` is not declared"]);
    let none = messages(&small_with(", vocabulary = \"retry\" },", " },"));
    assert_eq!(none, vec!["a `word` column needs a vocabulary"]);
}

#[test]
fn the_key_column_is_one_and_named() {
    let no_key = messages(&small_with(
        "{ name = \"code\", kind = \"key\" }",
        "{ name = \"code\", kind = \"text\" }",
    ));
    assert_eq!(no_key, vec!["the table has no key column"]);
    let two = messages(&small_with(
        "{ name = \"description\", kind = \"text\" }",
        "{ name = \"description\", kind = \"key\" }",
    ));
    assert_eq!(two, vec!["the table has a second key column"]);
    let wrong = messages(&small_with("key = \"code\"", "key = \"description\""));
    assert_eq!(
        wrong,
        vec!["`key` names `description`, which is not the key column"]
    );
}

#[test]
fn display_and_summary_name_usable_columns() {
    let optional = messages(&small_with(
        "display = \"description\"",
        "display = \"notes\"",
    ));
    assert_eq!(
        optional,
        vec!["`display` names `notes`, which is not a required text column"]
    );
    let missing = messages(&small_with(
        "display = \"description\"",
        "display = \"summary\"\nsummary = [\"code\", \"nope\"]",
    ));
    assert_eq!(
        missing,
        vec![
            "`display` names the column `summary`, which is not declared",
            "`summary` names the column `nope`, which is not declared",
        ]
    );
}

#[test]
fn keys_statuses_and_texts_are_checked() {
    let all = messages(&format!(
        "{}\n[[code]]\ncode = \"Bad.Thing\"\ndescription = \" \"\nhttp_status = 600\nretry = \"never\"\ntags = []\nweight = 1\n",
        SMALL
    ));
    assert_eq!(
        all,
        vec![
            "duplicate key `Bad.Thing`",
            "`description` is empty",
            "`http_status` 600 is not an HTTP status"
        ]
    );
}

#[test]
fn names_of_the_generated_code_are_checked() {
    let column = messages(&small_with("{ name = \"weight\"", "{ name = \"as_str\""));
    assert!(
        column[0].starts_with("the column name `as_str` is taken"),
        "{column:?}"
    );
    let type_name = messages(&small_with("type = \"TestCode\"", "type = \"Retry\""));
    assert_eq!(type_name, vec!["duplicate type name `Retry`"]);
    let module = messages(&small_with("module = \"test_api\"", "module = \"json\""));
    assert_eq!(
        module,
        vec!["the module name `json` is taken by the crate itself"]
    );
    let docs = messages(&small_with(
        "docs = \"docs/test_api.md\"",
        "docs = \"../x.md\"",
    ));
    assert_eq!(docs, vec!["`../x.md` is not a usable docs path"]);
}

#[test]
fn param_references_name_existing_rows() {
    let params = "\n[vocabulary.scope]\ndoc = \"d\"\nwords = [{ word = \"init\", doc = \"d\" }]\n\n[[param]]\nname = \"mode\"\nscope = \"init\"\ntype = \"string\"\nrequired = true\nrule = \"any\"\nraises = { code = \"Nope\" }\nseverity = \"error\"\nconfidence = \"official\"\ndoc = \"d\"\n";
    let source = small_with(
        "readme_section = \"test\"",
        "type_error = { code = \"Bad.Thing\" }",
    ) + params;
    assert_eq!(
        messages(&source),
        vec!["`raises` names the row `Nope` of `code`, which does not exist"]
    );
    let source = source.replace("{ code = \"Nope\" }", "{ codes = \"Bad.Thing\" }");
    assert_eq!(
        messages(&source),
        vec!["`raises` names the table `codes`, which is not declared"]
    );
    let fixed = source.replace("{ codes = \"Bad.Thing\" }", "{ code = \"Bad.Thing\" }");
    let catalog = crate::parse(&fixed).expect("valid with params");
    assert_eq!(
        catalog.params[0].raises,
        crate::model::RowRef { table: 0, row: 0 }
    );
}

#[test]
fn no_key_word_or_value_is_the_metric_label_of_unknown_ones() {
    let expected = |what: &str| {
        format!("the {what} `_OTHER` is the metric label of every value the catalog does not know")
    };
    let key = messages(&small_with("code = \"T001\"", "code = \"_OTHER\""));
    assert_eq!(key, vec![expected("key")]);
    let word = messages(&small_with(
        "{ word = \"later\", doc = \"Try again later.\" }",
        "{ word = \"later\", doc = \"Try again later.\" },\n  { word = \"_OTHER\", doc = \"d\" }",
    ));
    assert_eq!(word, vec![expected("word")]);
    let params = include_str!("../../tests/golden/params.toml");
    let value = params.replacen("{ value = \"red\",", "{ value = \"_OTHER\",", 1);
    assert_ne!(value, params);
    let value = messages(&value.replacen("rouge = \"red\"", "rouge = \"_OTHER\"", 1));
    assert_eq!(value, vec![expected("value")]);
    // Only the exact word: the checks are case-sensitive, as labels are.
    crate::parse(&small_with("code = \"T001\"", "code = \"_Other\"")).expect("valid");
}

/// The golden catalog with params, `from` replaced by `to` once.
fn params_with(from: &str, to: &str) -> String {
    let source = include_str!("../../tests/golden/params.toml");
    assert!(source.contains(from), "the params catalog has no {from:?}");
    source.replacen(from, to, 1)
}

#[test]
fn a_typescript_name_of_the_generated_code_is_refused_where_the_catalog_makes_it() {
    // Rust reserves no `Callback`; the TypeScript module of a catalog with params
    // declares it for the page's callbacks.
    let source = params_with("type_name = \"Shade\"", "type_name = \"Callback\"");
    let diagnostics = crate::parse(&source).expect_err("refused");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(
        diagnostic.message,
        "the TypeScript module would declare the type `Callback` twice"
    );
    assert_eq!(&source[diagnostic.span.clone()], "\"Callback\"");
    assert!(diagnostic.labels.is_empty());
    assert!(diagnostic
        .help
        .as_deref()
        .is_some_and(|help| help.contains("generated code")));
}

#[test]
fn a_typescript_name_two_catalog_names_make_points_at_both() {
    // The table `ErrorCode` makes the value `ErrorCode_ROWS`; a `one_of` type
    // `ErrorCode_ROWS` is not an UpperCamelCase name, so take the open form instead.
    let source = params_with("type_name = \"Shade\"", "type_name = \"OpenErrorCode\"");
    let diagnostics = crate::parse(&source).expect_err("refused");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert!(
        diagnostic.message.contains("`OpenErrorCode` twice"),
        "{diagnostic:?}"
    );
    assert_eq!(&source[diagnostic.span.clone()], "\"OpenErrorCode\"");
    let label = diagnostic.labels.first().expect("a label");
    assert_eq!(&source[label.span.clone()], "\"ErrorCode\"");
}

/// [`SMALL`] whose `retry` vocabulary declares `predicates` (TOML inline tables).
fn with_predicates(predicates: &str) -> String {
    small_with(
        "  { word = \"later\", doc = \"Try again later.\" },\n]\n",
        &format!("  {{ word = \"later\", doc = \"Try again later.\" }},\n]\npredicates = [{predicates}]\n"),
    )
}

#[test]
fn a_predicate_becomes_a_method_of_each_table_with_one_word_column_of_its_vocabulary() {
    let source = with_predicates(
        "{ name = \"is_retryable\", doc = \"Whether a retry can succeed.\", words = [\"later\"] }",
    );
    let catalog = crate::parse(&source).expect("valid");
    let predicate = &catalog.vocabularies[0].predicates[0];
    assert_eq!(predicate.name, "is_retryable");
    assert_eq!(predicate.doc, "Whether a retry can succeed.");
    assert_eq!(predicate.words, vec![1]);
    // The `word` column `retry` (index 4) is read; the `words` column `tags` is not.
    assert_eq!(
        catalog.tables[0].predicates,
        vec![crate::model::TablePredicate {
            vocabulary: 0,
            predicate: 0,
            column: 4
        }]
    );
}

#[test]
fn a_predicate_names_words_of_its_vocabulary_each_once() {
    let unknown = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", words = [\"latr\"] }",
    ));
    assert_eq!(
        unknown,
        vec!["`latr` is not a word of the vocabulary `retry`"]
    );
    let twice = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", words = [\"later\", \"later\"] }",
    ));
    assert_eq!(twice, vec!["`later` is listed twice"]);
    let none = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", words = [] }",
    ));
    assert_eq!(none, vec!["the predicate lists no words"]);
}

#[test]
fn a_predicate_is_a_method_name_no_other_method_takes() {
    let camel = messages(&with_predicates(
        "{ name = \"isRetryable\", doc = \"d\", words = [\"later\"] }",
    ));
    assert_eq!(camel.len(), 1);
    assert!(camel[0].contains("is not snake_case"), "{camel:?}");
    let keyword = messages(&with_predicates(
        "{ name = \"match\", doc = \"d\", words = [\"later\"] }",
    ));
    assert_eq!(keyword, vec!["`match` is a Rust keyword"]);
    let column = messages(&with_predicates(
        "{ name = \"weight\", doc = \"d\", words = [\"later\"] }",
    ));
    assert_eq!(column, vec!["duplicate method `weight`"]);
    let generated = messages(&with_predicates(
        "{ name = \"from_code\", doc = \"d\", words = [\"later\"] }",
    ));
    assert_eq!(
        generated,
        vec!["the predicate `from_code` would be a method of `TestCode`, whose name the generated code takes"]
    );
    let two = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", words = [\"later\"] }, \
         { name = \"is_retryable\", doc = \"e\", words = [\"never\"] }",
    ));
    assert_eq!(two, vec!["duplicate method `is_retryable`"]);
}

#[test]
fn a_predicate_refuses_a_table_with_two_word_columns_of_its_vocabulary() {
    let source = with_predicates("{ name = \"is_retryable\", doc = \"d\", words = [\"later\"] }")
        .replacen(
            "  { name = \"weight\", kind = \"integer\" },",
            "  { name = \"weight\", kind = \"integer\" },\n  { name = \"upstream\", kind = \"word\", vocabulary = \"retry\", optional = true },",
            1,
        );
    let all = messages(&source);
    assert_eq!(
        all,
        vec!["the table `code` has a second `word` column of the vocabulary `retry`, which declares predicates"]
    );
    let diagnostics = crate::parse(&source).expect_err("rejected");
    let help = diagnostics[0].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("`is_retryable`") && help.contains("(here `retry`)"),
        "{help}"
    );
    assert_eq!(&source[diagnostics[0].span.clone()], "\"upstream\"");
}

#[test]
fn a_predicate_loads_with_the_keys_of_its_section() {
    let misspelt = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", word = [\"later\"] }",
    ));
    assert!(
        misspelt.iter().any(|m| m.starts_with("unknown key `word`")),
        "{misspelt:?}"
    );
    let wrong_type = messages(&with_predicates(
        "{ name = \"is_retryable\", doc = \"d\", words = \"later\" }",
    ));
    assert!(
        wrong_type.iter().any(|m| m.contains("`words`")),
        "{wrong_type:?}"
    );
}

#[test]
fn only_a_scope_word_names_a_json_object_that_the_report_does_not_have() {
    let outside = messages(&small_with(
        "{ word = \"later\", doc = \"Try again later.\" }",
        "{ word = \"later\", doc = \"Try again later.\", json_object = \"later_options\" }",
    ));
    assert_eq!(
        outside,
        vec!["only a word of `[vocabulary.scope]` names a JSON object, not a word of `retry`"]
    );
    let scope = small_with("[vocabulary.retry]", "[vocabulary.scope]")
        .replace("vocabulary = \"retry\"", "vocabulary = \"scope\"");
    let named = |object: &str| {
        scope.replacen(
            "{ word = \"later\", doc = \"Try again later.\" }",
            &format!(
                "{{ word = \"later\", doc = \"Try again later.\", json_object = \"{object}\" }}"
            ),
            1,
        )
    };
    let catalog = crate::parse(&named("later_options")).expect("valid");
    assert_eq!(
        catalog.vocabularies[0].words[1].json_object.as_deref(),
        Some("later_options")
    );
    assert_eq!(catalog.vocabularies[0].words[0].json_object, None);
    assert_eq!(
        messages(&named("config")),
        vec!["the runtime's JSON report already has a method `config`"]
    );
    let twice = named("options").replacen(
        "{ word = \"never\", doc = \"Do not.\" }",
        "{ word = \"never\", doc = \"Do not.\", json_object = \"options\" }",
        1,
    );
    assert_eq!(
        messages(&twice),
        vec!["duplicate JSON report method `options`"]
    );
    let bad = messages(&named("LaterOptions"));
    assert!(bad[0].contains("is not snake_case"), "{bad:?}");
}

/// The format's types that the check keeps free in the root module are those the
/// runtime exports from its generated `_format.rs`.
#[test]
fn the_root_types_are_those_the_runtime_exports() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captcha-errors/src/lib.rs");
    let source = std::fs::read_to_string(path).expect("the runtime's lib.rs");
    let line = source
        .lines()
        .find(|line| line.starts_with("pub use rule_words::{"))
        .expect("the export of the format's types");
    let inner = &line[line.find('{').unwrap() + 1..line.find('}').unwrap()];
    let mut exported: Vec<&str> = inner.split(',').map(str::trim).collect();
    let mut reserved = super::RUNTIME_ROOT_TYPES.to_vec();
    exported.sort_unstable();
    reserved.sort_unstable();
    assert_eq!(exported, reserved);
}
