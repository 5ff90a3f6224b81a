//! The TypeScript modules of a catalog's translations: for each locale besides English,
//! `locales/<tag>/<module>.ts` holds the catalog's name, and for each table with a
//! translatable column its noun, its column titles and every row's translatable texts by
//! key, in that locale (the English text where the catalog has no translation, as Rust's
//! `<column>_in(locale)` gives it). English stays in the catalog's main module. A page
//! imports only the locale modules it shows; each imports nothing at run time (its types
//! come from the main module and `runtime.ts`, and are erased). `locales/<tag>/index.ts`
//! re-exports every catalog translated into the locale.

use super::text::{doc, doc1, key, literal};
use super::{header, TS_GENERATED_DIR};
use crate::check::CheckedSet;
use crate::emit::output::Output;
use crate::keywords::Locale;
use crate::model::{Catalog, Table};
use crate::names::typescript as ts;

/// The locale modules of every catalog with a translated table, and each locale's index.
pub(crate) fn emit(set: &CheckedSet<'_>) -> Vec<Output> {
    let mut out = Vec::new();
    for checked in &set.catalogs {
        for locale in translated_locales(&checked.catalog) {
            out.push(Output::owned(
                module_path(&checked.catalog, locale),
                module(&checked.catalog, locale, checked.path),
                checked.path,
            ));
        }
    }
    for &locale in Locale::ALL {
        let (catalogs, shown): (Vec<&Catalog>, Vec<&str>) = set
            .catalogs
            .iter()
            .filter(|checked| translated_locales(&checked.catalog).contains(&locale))
            .map(|checked| (&checked.catalog, checked.path))
            .unzip();
        if !catalogs.is_empty() {
            out.push(Output::shared(
                &index_path(locale),
                index_file(locale, &catalogs, &shown.join(", ")),
            ));
        }
    }
    out
}

/// The locales besides English a catalog has a locale module in: none unless a table has
/// a translatable column.
pub(crate) fn translated_locales(catalog: &Catalog) -> Vec<Locale> {
    if !catalog.tables.iter().any(Table::is_translated) {
        return Vec::new();
    }
    catalog
        .locales
        .iter()
        .copied()
        .filter(|locale| *locale != Locale::SOURCE)
        .collect()
}

/// The folder of a locale's modules.
fn locale_dir(locale: Locale) -> String {
    format!("{TS_GENERATED_DIR}/locales/{}", locale.word())
}

/// The path of `catalog`'s module in `locale`.
pub(crate) fn module_path(catalog: &Catalog, locale: Locale) -> String {
    format!("{}/{}.ts", locale_dir(locale), catalog.module)
}

/// The path of a locale's index.
pub(crate) fn index_path(locale: Locale) -> String {
    format!("{}/index.ts", locale_dir(locale))
}

/// The module of `catalog`'s texts in `locale`: `LOCALE`, `CATALOG_NAME`, and one const
/// per translated table, named as the table's type in the main module. `catalog_path` goes
/// into the header.
pub(crate) fn module(catalog: &Catalog, locale: Locale, catalog_path: &str) -> String {
    let tag = locale.word();
    let mut out = header(catalog_path, "");
    out.push_str(&doc(
        "",
        &[
            format!(
                "{} in {} ({tag}): the catalog's name, and each translated table's noun, column titles and translatable texts by key.",
                catalog.name,
                locale.own_name()
            ),
            String::new(),
            "English is in the catalog's main module; a text the catalog has not translated is the English one.".to_owned(),
            String::new(),
            "@module".to_owned(),
        ],
    ));
    out.push_str(&format!(
        "\nimport type * as {} from \"../../../runtime.js\";\nimport type * as en from \"../../{}.js\";\n\n",
        ts::RUNTIME,
        catalog.module
    ));
    out.push_str(&doc1("", "The locale of this module's texts."));
    out.push_str(&format!("export const LOCALE = {};\n\n", literal(tag)));
    out.push_str(&doc1("", &format!("The catalog's name in {tag}.")));
    out.push_str(&format!(
        "export const CATALOG_NAME = {};\n\n",
        literal(catalog.name_in.or(locale, &catalog.name))
    ));
    for table in catalog.tables.iter().filter(|t| t.is_translated()) {
        out.push_str(&table_const(table, locale));
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

/// One translated table: `NOUN`, `TITLES` (every column) and `ROWS` (every row's
/// translatable texts, `undefined` where the row leaves an optional column out).
fn table_const(table: &Table, locale: Locale) -> String {
    let tag = locale.word();
    let name = &table.type_name;
    let texts: Vec<usize> = (0..table.columns.len())
        .filter(|&c| table.columns[c].translatable)
        .collect();
    let mut out = doc1(
        "",
        &format!("`{name}` in {tag}: its noun, its column titles and its rows' texts by key."),
    );
    out.push_str(&format!("export const {name} = {{\n"));
    out.push_str(&doc1("  ", "What the table calls one of its rows."));
    out.push_str(&format!(
        "  NOUN: {},\n",
        literal(table.noun_in.or(locale, &table.noun))
    ));
    out.push_str(&doc1("  ", "The title of every column, by its name."));
    out.push_str("  TITLES: {\n");
    for column in &table.columns {
        out.push_str(&format!(
            "    {}: {},\n",
            key(&column.name),
            literal(column.title_in.or(locale, &column.title))
        ));
    }
    out.push_str("  },\n");
    out.push_str(&doc1(
        "  ",
        "The translatable texts of every row, by key, in catalog order.",
    ));
    out.push_str("  ROWS: {\n");
    for row in &table.rows {
        out.push_str(&format!("    {}: {{\n", key(table.key_of(row))));
        for &c in &texts {
            let text = row
                .text_in(c, locale)
                .map_or_else(|| "undefined".to_owned(), literal);
            out.push_str(&format!("      {}: {text},\n", key(&table.columns[c].name)));
        }
        out.push_str("    },\n");
    }
    out.push_str("  },\n");
    let union = |columns: Vec<&str>| {
        columns
            .into_iter()
            .map(literal)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let text_names = union(
        texts
            .iter()
            .map(|&c| table.columns[c].name.as_str())
            .collect(),
    );
    let all_names = union(table.columns.iter().map(|c| c.name.as_str()).collect());
    out.push_str(&format!(
        "}} as const satisfies {}.LocaleTable<en.{name}, {text_names}, {all_names}>;\n\n",
        ts::RUNTIME
    ));
    out
}

/// `locales/<tag>/index.ts`: every catalog translated into `locale` as a namespace, named
/// as its main module.
fn index_file(locale: Locale, catalogs: &[&Catalog], catalogs_shown: &str) -> String {
    let mut out = header(
        catalogs_shown,
        &format!(
            " One namespace per catalog translated into {}.",
            locale.word()
        ),
    );
    out.push('\n');
    for catalog in catalogs {
        let module = &catalog.module;
        out.push_str(&format!("export * as {module} from \"./{module}.js\";\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_catalog::small_with;

    /// The small test catalog in English and Simplified Chinese, with `description`
    /// translatable and one row's translation holding text that must be escaped.
    fn translated() -> Catalog {
        let source = small_with(
            "readme_section = \"test\"\n",
            "readme_section = \"test\"\nlocales = [\"en\", \"zh-CN\"]\nname_in = { zh-CN = \"测试 API\" }\n",
        )
        .replacen(
            "doc = \"A code of the test API.\"\n",
            "doc = \"A code of the test API.\"\nnoun_in = { zh-CN = \"测试代码\" }\n",
            1,
        )
        .replacen(
            "{ name = \"description\", kind = \"text\" }",
            "{ name = \"description\", kind = \"text\", translatable = true, title_in = { zh-CN = \"说明\" } }",
            1,
        )
        .replacen(
            "{ name = \"notes\", kind = \"text\", optional = true }",
            "{ name = \"notes\", kind = \"text\", optional = true, translatable = true, title_in = { zh-CN = \"备注\" } }",
            1,
        )
        .replacen(
            "{ name = \"code\", kind = \"key\" }",
            "{ name = \"code\", kind = \"key\", title_in = { zh-CN = \"代码\" } }",
            1,
        )
        .replacen(
            "weight = -3\n",
            "weight = -3\n\n[code.zh-CN]\ndescription = \"坏了 \\\"引号\\\" */ \\u2028 `x`\"\n",
            1,
        )
        .replacen(
            "deprecated = \"Replaced by Bad.Thing.\"\n",
            "deprecated = \"Replaced by Bad.Thing.\"\n\n[code.zh-CN]\ndescription = \"慢一点。\"\nnotes = \"一条说明。\"\n",
            1,
        );
        crate::parse(&source).unwrap_or_else(|e| panic!("valid: {e:?}\n{source}"))
    }

    #[test]
    fn a_locale_module_holds_the_translated_texts_by_key() {
        let catalog = translated();
        assert_eq!(translated_locales(&catalog), vec![Locale::ZhCn]);
        assert_eq!(
            module_path(&catalog, Locale::ZhCn),
            "ts/src/generated/locales/zh-CN/test_api.ts"
        );
        let text = module(&catalog, Locale::ZhCn, "catalog/test.toml");
        assert!(text.starts_with("// @generated by `cargo xtask gen` from catalog/test.toml."));
        assert!(text.contains("import type * as rt from \"../../../runtime.js\";\n"));
        assert!(text.contains("import type * as en from \"../../test_api.js\";\n"));
        assert!(
            text.contains("export const LOCALE = \"zh-CN\";\n"),
            "{text}"
        );
        assert!(text.contains("export const CATALOG_NAME = \"测试 API\";\n"));
        assert!(text.contains("export const TestCode = {\n"));
        assert!(text.contains("  NOUN: \"测试代码\",\n"), "{text}");
        // Every column has a title; one without a translation keeps the English one.
        assert!(text.contains("    description: \"说明\",\n"), "{text}");
        assert!(text.contains("    http_status: \""), "{text}");
        // The translated texts, escaped; an optional cell left out is `undefined`.
        assert!(
            text.contains("    \"Bad.Thing\": {\n      description: \"坏了 \\\"引号\\\" */ \\u2028 `x`\",\n      notes: undefined,\n    },\n"),
            "{text}"
        );
        assert!(
            text.contains("    T001: {\n      description: \"慢一点。\",\n      notes: \"一条说明。\",\n    },\n"),
            "{text}"
        );
        assert!(!text.contains('\u{2028}'));
        // Only translatable columns are in the rows.
        assert!(!text.contains("retry: \"never\""), "{text}");
        assert!(text.contains(
            "} as const satisfies rt.LocaleTable<en.TestCode, \"description\" | \"notes\", \"code\" | \"description\" | \"notes\" | \"http_status\" | \"retry\" | \"tags\" | \"weight\">;\n"
        ), "{text}");
        assert!(text.ends_with(">;\n"));
    }

    #[test]
    fn an_untranslated_text_is_the_english_one() {
        let catalog = translated();
        let mut without = catalog.clone();
        without.tables[0].rows[1].translations = vec![Default::default(); 7];
        without.name_in = Default::default();
        let text = module(&without, Locale::ZhCn, "catalog/test.toml");
        assert!(text.contains("export const CATALOG_NAME = \"Test API\";\n"));
        assert!(text.contains("      description: \"Slow down.\",\n      notes: \"A note.\",\n"));
    }

    #[test]
    fn a_catalog_without_translatable_columns_has_no_locale_module() {
        let catalog = crate::parse(crate::test_catalog::SMALL).expect("valid");
        assert!(translated_locales(&catalog).is_empty());
    }

    #[test]
    fn the_index_names_every_translated_catalog() {
        let catalog = translated();
        let text = index_file(Locale::ZhCn, &[&catalog], "catalog/test.toml");
        assert!(text.starts_with(
            "// @generated by `cargo xtask gen` from catalog/test.toml. One namespace per catalog translated into zh-CN."
        ));
        assert!(text.ends_with("\nexport * as test_api from \"./test_api.js\";\n"));
        assert_eq!(
            index_path(Locale::ZhTw),
            "ts/src/generated/locales/zh-TW/index.ts"
        );
    }
}
