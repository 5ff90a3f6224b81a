//! Emit JSON Schema: the schema of each catalog's init config (draft 2020-12, for any
//! language that checks a config), and the schema of the catalog format itself (draft 4,
//! for Taplo, which reads the `#:schema` line at the top of every catalog). Both are
//! plain texts built from the checked model and the format's keywords.

mod catalog;
mod config;
pub(crate) mod json;

use crate::check::CheckedSet;
use crate::emit::output::Output;
use crate::model::Catalog;

/// The schema of the catalog format, beside the catalogs; each catalog's first line is
/// `#:schema ./catalog.schema.json`.
pub const CATALOG_SCHEMA: &str = "catalog/catalog.schema.json";

/// The folder of the init config schemas, in the TypeScript package.
pub const SCHEMA_DIR: &str = "ts/schema";

/// The JSON Schema output: the init config schema of each catalog with params (owned by
/// it) and the shared schema of the catalog format.
pub fn emit(set: &CheckedSet<'_>) -> Vec<Output> {
    let mut out: Vec<Output> = set
        .catalogs
        .iter()
        .filter_map(|checked| {
            let contents = config_schema(&checked.catalog, checked.path)?;
            Some(Output::owned(
                config_schema_path(&checked.catalog),
                contents,
                checked.path,
            ))
        })
        .collect();
    out.push(Output::shared(CATALOG_SCHEMA, catalog_schema()));
    out
}

/// The schema of the catalog format (draft 4), the same for every catalog.
pub fn catalog_schema() -> String {
    catalog::schema()
}

/// Where the init config schema of `catalog` goes.
pub fn config_schema_path(catalog: &Catalog) -> String {
    format!("{SCHEMA_DIR}/{}.config.schema.json", catalog.module)
}

/// The init config schema of `catalog` (draft 2020-12), or `None` when it has no params.
/// `catalog_path` goes into its generated-by line.
pub fn config_schema(catalog: &Catalog, catalog_path: &str) -> Option<String> {
    config::schema(catalog, catalog_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// A catalog with every kind of entry, each line ending where a key can be added.
    const EVERY_ENTRY: &str = r#"[catalog]
name = "Every entry"
source = "https://example.invalid"
provenance = "Made up."
module = "every_entry"
docs = "docs/every_entry.md"
type_error = { code = "Bad" }

[vocabulary.scope]
doc = "Where."
words = [{ word = "init", doc = "In init." }]

[table.code]
type = "Code"
doc = "A code."
key = "code"
display = "code"
columns = [{ name = "code", kind = "key" }]

[[code]]
code = "Bad"

[[param]]
name = "mode"
scope = "init"
type = "string"
required = true
rule = "one_of"
values = [{ value = "popup", label = "pop-up" }]
raises = { code = "Bad" }
severity = "error"
confidence = "official"
doc = "How it shows."
"#;

    /// The keys the loader accepts where `anchor` is, read from its help for a key it
    /// does not know ("… is one of: `a`, `b`").
    fn loader_keys(anchor: &str, inline: bool) -> Vec<String> {
        let unknown = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        let added = if inline {
            format!("{anchor}, {unknown} = 1")
        } else {
            format!("{anchor}\n{unknown} = 1")
        };
        let source = EVERY_ENTRY.replacen(anchor, &added, 1);
        assert_ne!(source, EVERY_ENTRY, "{anchor} is not in the catalog");
        let (_, diagnostics) = crate::load::load(&source);
        let help = diagnostics
            .iter()
            .find(|d| d.message.starts_with(&format!("unknown key `{unknown}`")))
            .and_then(|d| d.help.clone())
            .unwrap_or_else(|| panic!("no unknown-key help after {anchor}: {diagnostics:?}"));
        let list = help.split_once(" is one of: ").expect("a list of keys").1;
        let mut keys: Vec<String> = list
            .split(", ")
            .map(|key| key.trim_matches('`').to_owned())
            .collect();
        keys.sort();
        keys
    }

    fn schema_keys(schema: &Value, definition: &str) -> Vec<String> {
        let properties = schema["definitions"][definition]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{definition} has no properties"));
        let mut keys: Vec<String> = properties.keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_format_schema_has_exactly_the_loaders_keys() {
        let schema: Value = serde_json::from_str(&catalog_schema()).expect("valid JSON");
        let places = [
            ("catalog", "[catalog]", false),
            ("vocabulary", "doc = \"Where.\"", false),
            ("word", "doc = \"In init.\"", true),
            ("table", "display = \"code\"", false),
            ("column", "kind = \"key\"", true),
            ("param", "doc = \"How it shows.\"", false),
            ("value", "label = \"pop-up\"", true),
        ];
        for (definition, anchor, inline) in places {
            assert_eq!(
                schema_keys(&schema, definition),
                loader_keys(anchor, inline),
                "the keys of {definition}"
            );
        }
        let mut top: Vec<&String> = schema["properties"]
            .as_object()
            .expect("top")
            .keys()
            .collect();
        top.sort();
        let mut format: Vec<&str> = crate::load::FORMAT_KEYS.to_vec();
        format.sort_unstable();
        assert_eq!(top, format);
    }

    #[test]
    fn the_format_schema_is_draft_4_with_a_doc_for_every_word() {
        let text = catalog_schema();
        assert!(text.starts_with("{ \"$comment\": \"@generated by `cargo xtask gen`"));
        assert!(
            !text.contains("\"const\""),
            "Taplo reads draft 4: enum, not const"
        );
        let schema: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(schema["$schema"], catalog::DRAFT_4);
        let kind = &schema["definitions"]["column"]["properties"]["kind"];
        let words = kind["enum"].as_array().expect("enum");
        let docs = kind["x-taplo"]["docs"]["enumValues"]
            .as_array()
            .expect("docs");
        assert_eq!(words.len(), crate::keywords::ColumnKind::ALL.len());
        assert_eq!(docs.len(), words.len());
        let rule = &schema["definitions"]["param"]["properties"]["rule"];
        assert!(rule["enum"]
            .as_array()
            .expect("rules")
            .contains(&Value::from("certify_id")));
    }
}
