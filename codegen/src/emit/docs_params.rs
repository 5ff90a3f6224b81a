//! The docs page's section on init parameters: the rules `captcha-errors` checks and the
//! row each broken rule raises.

use crate::markdown::{escape_inline, header, row};
use crate::model::{Catalog, RowRef};
use crate::names::anchor;

/// A row as a link to its anchor: `` [`region`](#field-region) ``.
fn row_name(catalog: &Catalog, at: RowRef) -> String {
    let (table, table_row) = catalog.row(at);
    let key = table.key_of(table_row);
    format!("[`{key}`](#{})", anchor(&table.name, key))
}

/// The init parameters and the rules `captcha-errors` checks them against.
pub(crate) fn params_section(catalog: &Catalog) -> String {
    let mut out = String::from("\n## Init parameters\n\n");
    out.push_str(
        "The rules `captcha-errors` checks before a config reaches a page. A broken rule raises \
         the row in the Raises column; a value of the wrong JSON type raises ",
    );
    let type_row = catalog
        .type_error
        .map_or_else(String::new, |at| row_name(catalog, at));
    out.push_str(&format!(
        "{type_row}. Severity `warning` marks formats that were only observed, not documented.\n\n"
    ));
    out.push_str(&header(&[
        "Parameter",
        "Passed in",
        "Type",
        "Required",
        "Default",
        "Rule",
        "Raises",
        "Severity",
        "Source",
    ]));
    out.push('\n');
    for param in &catalog.params {
        let raises = row_name(catalog, param.raises);
        let scope = escape_inline(catalog.scope_word(param));
        out.push_str(&row(&[
            format!("`{}`", param.name),
            scope,
            param.json_type.word().to_owned(),
            if param.required { "yes" } else { "no" }.to_owned(),
            param
                .default
                .as_deref()
                .map_or_else(String::new, |d| format!("`{}`", escape_inline(d))),
            escape_inline(&param.rule.describe(param.json_type)),
            raises,
            param.severity.word().to_owned(),
            param.confidence.word().to_owned(),
        ]));
        out.push('\n');
    }
    out
}
