//! Vocabularies and tables in TypeScript. Each is a string-literal union of its words or
//! keys (a table also has an open form for keys the catalog does not know yet), a const
//! object with its facts `as const`, typed accessors, `ALL` and (a table's) metric labels,
//! and a type guard.

use super::text::{doc, doc1, key, literal, string_array, union};
use crate::keywords::ColumnKind;
use crate::model::{Catalog, Cell, Column, Row, Table, Vocabulary};
use crate::names::typescript as ts;

/// A vocabulary: its union, its words' docs, the row each word leads to (if the catalog
/// pairs them) and its guard.
pub(crate) fn vocabulary(catalog: &Catalog, vocabulary: &Vocabulary) -> String {
    let name = &vocabulary.type_name;
    let words = ts::words(name);
    let guard = ts::guard(name);
    let mut out = doc1("", &vocabulary.doc);
    let all: Vec<&str> = vocabulary.words.iter().map(|w| w.word.as_str()).collect();
    out.push_str(&format!("export type {name} ={};\n\n", union(&all)));
    out.push_str(&doc1("", &format!("What each word of `{name}` means.")));
    out.push_str(&format!("const {words} = {{\n"));
    for word in &vocabulary.words {
        out.push_str(&format!("  {}: {},\n", key(&word.word), literal(&word.doc)));
    }
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        &format!("The words of `{name}`, with what each means."),
    ));
    out.push_str(&format!("export const {name} = {{\n"));
    out.push_str(&doc1("  ", "Every word, in catalog order."));
    out.push_str(&format!("  ALL: {} as const,\n", string_array(&all)));
    out.push_str(&doc1("  ", "What `word` means."));
    out.push_str(&format!(
        "  doc(word: {name}): string {{\n    return {words}[word];\n  }},\n"
    ));
    out.push_str(&row_method(catalog, vocabulary));
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        &format!("Whether `value` is a word of `{name}` (case-sensitive)."),
    ));
    out.push_str(&format!(
        "export function {guard}(value: string): value is {name} {{\n  return rt.hasOwn({words}, value);\n}}\n\n"
    ));
    out
}

/// The vocabulary's method that gives the key of the row each word leads to, named after
/// the table (`<tableName>Of`, so never another member's name), if any word names one:
/// `undefined` for the words that name none. Rust's vocabulary enum has the same method.
fn row_method(catalog: &Catalog, vocabulary: &Vocabulary) -> String {
    let Some(index) = vocabulary.row_table else {
        return String::new();
    };
    let table = &catalog.tables[index];
    let name = &vocabulary.type_name;
    let method = format!("{}Of", lower_camel(&table.name));
    let mut out = doc1(
        "  ",
        &format!(
            "The `{}` `word` leads to, as the catalog pairs them; `undefined` for a word it pairs with none.",
            table.type_name
        ),
    );
    out.push_str(&format!(
        "  {method}(word: {name}): {} | undefined {{\n    const rows: {{ readonly [W in {name}]: {} | undefined }} = {{\n",
        table.type_name, table.type_name
    ));
    for word in &vocabulary.words {
        let row = word.row.map_or_else(
            || "undefined".to_owned(),
            |row| literal(table.key_of(&table.rows[row])),
        );
        out.push_str(&format!("      {}: {row},\n", key(&word.word)));
    }
    out.push_str("    };\n    return rows[word];\n  },\n");
    out
}

/// A snake_case name in lowerCamelCase, such as `userMessage`.
fn lower_camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A table: its unions, its rows `as const`, its accessors and its guard.
pub(crate) fn table(catalog: &Catalog, table: &Table) -> String {
    let name = &table.type_name;
    let open = ts::open(name);
    let rows = ts::rows(name);
    let keys_name = ts::keys(name);
    let guard = ts::guard(name);
    let keys: Vec<&str> = table.rows.iter().map(|row| table.key_of(row)).collect();
    let mut out = doc(
        "",
        &[
            table.doc.clone(),
            String::new(),
            format!("Source: {}", catalog.source),
            String::new(),
            format!("Provenance: {}", catalog.provenance),
        ],
    );
    out.push_str(&format!("export type {name} ={};\n\n", union(&keys)));
    out.push_str(&doc1(
        "",
        &format!(
            "A `{name}`, or a {} this catalog does not know yet.",
            table.noun
        ),
    ));
    out.push_str(&format!(
        "export type {open} = {name} | (string & {{}});\n\n"
    ));
    out.push_str(&doc1(
        "",
        &format!("The facts of every `{name}`, by its key, in catalog order."),
    ));
    out.push_str(&format!("const {rows} = {{\n"));
    for row in &table.rows {
        out.push_str(&row_value(catalog, table, row));
    }
    out.push_str("} as const;\n\n");
    out.push_str(&doc1(
        "",
        &format!("Every key of `{name}`, in catalog order."),
    ));
    out.push_str(&format!(
        "const {keys_name} = {} as const;\n\n",
        string_array(&keys)
    ));
    out.push_str(&accessors(catalog, table, name, &rows, &keys_name));
    out.push_str(&doc1(
        "",
        &format!("Whether `value` is the key of a `{name}` (case-sensitive)."),
    ));
    out.push_str(&format!(
        "export function {guard}(value: string): value is {name} {{\n  return rt.hasOwn({rows}, value);\n}}\n\n"
    ));
    out
}

/// One row of the rows object, with its doc.
fn row_value(catalog: &Catalog, table: &Table, row: &Row) -> String {
    let display = match &row.cells[table.display] {
        Cell::Text(text) => text.clone(),
        _ => String::new(),
    };
    let mut lines = vec![format!("`{}`: {display}", table.key_of(row))];
    if let Some(why) = &row.deprecated {
        lines.push(format!("@deprecated {why}"));
    }
    let mut out = doc("  ", &lines);
    out.push_str(&format!("  {}: {{\n", key(table.key_of(row))));
    for (column, cell) in table.columns.iter().zip(&row.cells) {
        out.push_str(&format!(
            "    {}: {},\n",
            key(&column.name),
            cell_value(catalog, column, cell)
        ));
    }
    let deprecated = row
        .deprecated
        .as_deref()
        .map_or("undefined".to_owned(), literal);
    out.push_str(&format!("    deprecated: {deprecated},\n  }},\n"));
    out
}

fn cell_value(catalog: &Catalog, column: &Column, cell: &Cell) -> String {
    let word = |index: usize| {
        let vocabulary = column.vocabulary.map(|v| &catalog.vocabularies[v]);
        vocabulary.map_or(String::new(), |v| v.words[index].word.clone())
    };
    match cell {
        Cell::Absent => "undefined".to_owned(),
        Cell::Text(text) => literal(text),
        Cell::Integer(number) => number.to_string(),
        Cell::HttpStatus(status) => status.to_string(),
        Cell::Word(index) => literal(&word(*index)),
        Cell::Words(indexes) => string_array(indexes.iter().map(|i| word(*i))),
    }
}

/// The TypeScript type of a column's accessor.
fn column_type(catalog: &Catalog, table: &Table, column: &Column) -> String {
    let vocabulary = column
        .vocabulary
        .map_or_else(String::new, |v| catalog.vocabularies[v].type_name.clone());
    let base = match column.kind {
        ColumnKind::Key => table.type_name.clone(),
        ColumnKind::Text => "string".to_owned(),
        ColumnKind::Integer | ColumnKind::HttpStatus => "number".to_owned(),
        ColumnKind::Word => vocabulary,
        ColumnKind::Words => format!("readonly {vocabulary}[]"),
    };
    if column.optional {
        format!("{base} | undefined")
    } else {
        base
    }
}

/// The table's const object: `ALL` (the array `keys`), `METRIC_LABELS`, `ROWS`,
/// `from_<key column>`, `metricLabel` and one accessor per column, named as the column
/// (as the rows' facts and the Rust accessors are). No accessor takes the name of
/// another member: the checker admits only snake_case column names, never
/// `deprecated` nor one starting with `from_`.
fn accessors(catalog: &Catalog, table: &Table, name: &str, rows: &str, keys: &str) -> String {
    let lookup = format!("from_{}", table.columns[table.key].name);
    let mut out = doc1("", &format!("Every `{name}` with its facts and lookups."));
    out.push_str(&format!("export const {name} = {{\n"));
    out.push_str(&doc1("  ", "Every key, in catalog order."));
    out.push_str(&format!("  ALL: {keys},\n"));
    out.push_str(&doc1(
        "  ",
        "Every label `metricLabel` returns: each key in catalog order (deprecated ones too), then `OTHER_LABEL`.",
    ));
    out.push_str(&format!("  METRIC_LABELS: rt.metricLabels({keys}),\n"));
    out.push_str(&doc1("  ", "The facts of every row, by key."));
    out.push_str(&format!("  ROWS: {rows},\n"));
    out.push_str(&doc1(
        "  ",
        &format!("The `{name}` whose key is exactly `value`, or `undefined`."),
    ));
    out.push_str(&format!(
        "  {lookup}(value: string): {name} | undefined {{\n    return rt.hasOwn({rows}, value) ? value : undefined;\n  }},\n"
    ));
    out.push_str(&doc1(
        "  ",
        "The label of `value` for a metric or OpenTelemetry's `error.type`: the key itself, or `OTHER_LABEL` for any other text (never that text).",
    ));
    out.push_str(&format!(
        "  metricLabel(value: string): {name} | typeof rt.OTHER_LABEL {{\n    return rt.hasOwn({rows}, value) ? value : rt.OTHER_LABEL;\n  }},\n"
    ));
    for column in &table.columns {
        let accessor = &column.name;
        let column_doc = if column.doc.is_empty() {
            column.title.clone()
        } else {
            column.doc.clone()
        };
        out.push_str(&doc1("  ", &column_doc));
        out.push_str(&format!(
            "  {accessor}(key: {name}): {} {{\n    return {rows}[key].{};\n  }},\n",
            column_type(catalog, table, column),
            column.name
        ));
    }
    out.push_str(&doc1(
        "  ",
        "Why the row is retired, or `undefined` if it is not.",
    ));
    out.push_str(&format!(
        "  deprecated(key: {name}): string | undefined {{\n    return {rows}[key].deprecated;\n  }},\n}} as const;\n\n"
    ));
    out
}
