//! Reserving the top-level names of a catalog's TypeScript module. Rust and TypeScript
//! derive different names from one catalog name (TypeScript adds `Open<Type>`,
//! `<Type>_ROWS`, `is<Type>`, `validate<Param>` and more), so a catalog the Rust checks
//! accept could still make a module that declares a name twice. Every such clash is
//! found here, with the place in the catalog that makes each name, so that writing the
//! module cannot fail.

use std::collections::HashMap;

use super::{Checker, NameKind};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Catalog, SCOPE_VOCABULARY};
use crate::names::{self, TsDeclaration, TsOrigin, TsSpace};

impl Checker<'_> {
    /// Reports every name the TypeScript module of `catalog` would declare twice, or
    /// could not declare at all.
    pub(super) fn typescript_names(&mut self, catalog: &Catalog) {
        let mut first: HashMap<(TsSpace, String), TsOrigin> = HashMap::new();
        for TsDeclaration {
            space,
            name,
            origin,
        } in names::typescript_declarations(catalog)
        {
            let span = self.origin_span(&origin);
            if !names::is_typescript_binding(&name) {
                self.report(
                    Diagnostic::new(
                        span,
                        format!(
                            "the TypeScript {} `{name}` is not a name TypeScript can declare",
                            space.word()
                        ),
                    )
                    .with_help("rename what makes it"),
                );
                continue;
            }
            let Some(earlier) = first.get(&(space, name.clone())) else {
                first.insert((space, name), origin);
                continue;
            };
            let earlier_span = self.origin_span(earlier);
            // The place shown is the catalog's; a name of the generated code has none.
            let (at, other) = if span == (0..0) {
                (earlier_span, span)
            } else {
                (span, earlier_span)
            };
            let mut diagnostic = Diagnostic::new(
                at,
                format!(
                    "the TypeScript module would declare the {} `{name}` twice",
                    space.word()
                ),
            );
            diagnostic = if other == (0..0) {
                diagnostic.with_help("the generated code declares it; choose another name")
            } else {
                diagnostic.with_label(other, "this makes it too").with_help(
                    "rename one of the tables, vocabularies, params or values that make it",
                )
            };
            self.report(diagnostic);
        }
    }

    /// Where the catalog names what makes a TypeScript declaration; `0..0` for the
    /// generated code's own names.
    fn origin_span(&self, origin: &TsOrigin) -> Span {
        let key = match origin {
            TsOrigin::Generated => return 0..0,
            TsOrigin::Type(name) => (NameKind::TypeName, name.clone()),
            TsOrigin::Param(variant) => (NameKind::ParamVariant, variant.clone()),
            TsOrigin::ScopeWord(variant) => (
                NameKind::WordVariant(SCOPE_VOCABULARY.to_owned()),
                variant.clone(),
            ),
        };
        self.seen.get(&key).cloned().unwrap_or(0..0)
    }
}
