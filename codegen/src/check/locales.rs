//! Checking what a catalog says about languages: its `locales` (English, the source,
//! first), the `*_in` tables of text in the other locales, each row's `[NAME.LOCALE]`
//! tables (every translatable cell in every other locale, nothing else), the `row` a
//! vocabulary's words lead to and the `locale` of a `one_of` value.

use super::tables::CheckedTable;
use super::Checker;
use crate::diagnostic::{Diagnostic, Span};
use crate::keywords::Locale;
use crate::load::{RawCatalog, RawMeta, RawRow, RawTable, RawTranslations, RawVocabulary};
use crate::model::{Cell, EnumValue, Table, Translations, Vocabulary};
use crate::suggest;

impl Checker<'_> {
    /// The catalog's locales: `en` first, each a known tag listed once. A catalog that
    /// lists none is written in English alone. When the list is wrong, every locale
    /// the format knows, so that texts in them are still checked, not each reported as
    /// a locale the catalog does not list.
    pub(super) fn locales(&mut self, meta: &RawMeta) -> Result<Vec<Locale>, Vec<Locale>> {
        let Some(written) = &meta.locales else {
            return Ok(vec![Locale::SOURCE]);
        };
        let mut locales = Vec::with_capacity(written.get_ref().len());
        let mut ok = true;
        for tag in written.get_ref() {
            match self.keyword(tag, "locale") {
                Some(locale) if locales.contains(&locale) => {
                    ok = false;
                    self.report(
                        Diagnostic::new(tag.span(), format!("`{}` is listed twice", tag.get_ref()))
                            .with_help("list each locale once"),
                    );
                }
                Some(locale) => locales.push(locale),
                None => ok = false,
            }
        }
        if ok && locales.first() != Some(&Locale::SOURCE) {
            ok = false;
            self.report(
                Diagnostic::new(written.span(), "`locales` must start with `en`")
                    .with_help("English is the source every catalog is written in: list `\"en\"` first, then the languages it is translated into"),
            );
        }
        if ok {
            Ok(locales)
        } else {
            Err(Locale::ALL.to_vec())
        }
    }

    /// Text in other locales (`name_in`, `title_in`, `noun_in`): each key a locale of
    /// `others`, each text saying something. `what` names the key in messages.
    pub(super) fn translations(
        &mut self,
        raw: Option<&RawTranslations>,
        others: &[Locale],
        what: &str,
    ) -> Option<Translations> {
        let Some(raw) = raw else {
            return Some(Translations::default());
        };
        let mut found = Vec::with_capacity(raw.get_ref().len());
        let mut ok = true;
        for (tag, text) in raw.get_ref() {
            let locale = self.other_locale(tag.get_ref(), tag.span(), others, what);
            let text = self.text(text, &format!("`{}` of `{what}`", tag.get_ref()));
            match (locale, text) {
                (Some(locale), Some(text)) => found.push((locale, text)),
                _ => ok = false,
            }
        }
        // In the catalog's order, whatever the file's.
        found.sort_by_key(|(locale, _)| others.iter().position(|other| other == locale));
        ok.then_some(Translations(found))
    }

    /// `tag` as one of the catalog's locales besides English, or a report at `span`.
    fn other_locale(
        &mut self,
        tag: &str,
        span: Span,
        others: &[Locale],
        what: &str,
    ) -> Option<Locale> {
        let written: Vec<&str> = others.iter().map(|locale| locale.word()).collect();
        match Locale::from_word(tag) {
            Some(Locale::SOURCE) => {
                self.report(
                    Diagnostic::new(span, format!("`{what}` holds English text"))
                        .with_help("English is the source: it is the plain key's text; list only the other locales here"),
                );
                None
            }
            Some(locale) if others.contains(&locale) => Some(locale),
            Some(_) => {
                self.report(
                    Diagnostic::new(
                        span,
                        format!("`{tag}` is not one of the catalog's `locales`"),
                    )
                    .with_help(format!(
                        "add `\"{tag}\"` to `locales` in `[catalog]`, or remove this text"
                    )),
                );
                None
            }
            None => {
                let help = if written.is_empty() {
                    format!(
                        "the catalog lists no locale besides `en`; the format knows {}",
                        suggest::quoted_list(&Locale::words())
                    )
                } else {
                    suggest::help(tag, &written, "a locale")
                };
                self.report(
                    Diagnostic::new(span, format!("unknown locale `{tag}` in `{what}`"))
                        .with_help(help),
                );
                None
            }
        }
    }

    /// Reports the locales of `others` that `have` lacks, at `at`: "`subject` has no
    /// `what` text in …", with `why` it needs them in the help.
    pub(super) fn require_translations(
        &mut self,
        have: &Translations,
        others: &[Locale],
        at: Span,
        (subject, what): (&str, &str),
        why: &str,
    ) -> bool {
        let missing: Vec<&str> = others
            .iter()
            .filter(|locale| have.get(**locale).is_none())
            .map(|locale| locale.word())
            .collect();
        if missing.is_empty() {
            return true;
        }
        let example: Vec<String> = others
            .iter()
            .map(|locale| format!("{} = \"…\"", locale.word()))
            .collect();
        self.report(
            Diagnostic::new(
                at,
                format!(
                    "{subject} has no `{what}` text in {}",
                    suggest::quoted_list(&missing)
                ),
            )
            .with_help(format!(
                "{why}: add `{what} = {{ {} }}`",
                example.join(", ")
            )),
        );
        false
    }

    /// The texts a table's language needs: `noun_in`, and `title_in` of each
    /// translatable column and of the key column, once a column is translatable.
    pub(super) fn table_translations(
        &mut self,
        table: &Table,
        raw: &RawTable,
        others: &[Locale],
    ) -> bool {
        let mut ok = self.accessors_in_are_free(table, raw);
        if !table.is_translated() || others.is_empty() {
            return ok;
        }
        let subject = format!("the table `{}`", table.name);
        let why =
            "its translatable columns are written in every locale, and so is what it calls a row";
        let at = raw.span.clone();
        ok &= self.require_translations(&table.noun_in, others, at, (&subject, "noun_in"), why);
        let raw_columns = raw.columns.get_ref();
        for (index, (column, raw_column)) in table.columns.iter().zip(raw_columns).enumerate() {
            let why = if column.translatable {
                "the column is translatable, so its header is too"
            } else if index == table.key {
                "the key column heads every translated page of the table"
            } else {
                continue;
            };
            let subject = format!("the column `{}`", column.name);
            let at = raw_column.span.clone();
            ok &= self.require_translations(
                &column.title_in,
                others,
                at,
                (&subject, "title_in"),
                why,
            );
        }
        ok
    }

    /// No column takes the name of a translatable column's accessor in a locale,
    /// `<column>_in`.
    fn accessors_in_are_free(&mut self, table: &Table, raw: &RawTable) -> bool {
        let mut ok = true;
        for column in table.columns.iter().filter(|column| column.translatable) {
            let method = format!("{}_in", column.name);
            let taken = raw
                .columns
                .get_ref()
                .iter()
                .find(|c| c.name.get_ref() == &method);
            if let Some(taken) = taken {
                ok = false;
                self.report(
                    Diagnostic::new(
                        taken.name.span(),
                        format!("the column `{method}` takes the name of the accessor of `{}` in a locale", column.name),
                    )
                    .with_help(format!("rename the column: the translatable `{}` also generates `{method}(locale)`", column.name)),
                );
            }
        }
        ok
    }

    /// A row's translations, one entry per column (see [`crate::model::Row`]): every
    /// present translatable cell in each other locale, in the row's `[NAME.LOCALE]`
    /// tables, which hold nothing else.
    pub(super) fn row_translations(
        &mut self,
        raw: &RawRow,
        table: &Table,
        cells: &[Cell],
        others: &[Locale],
        key: &str,
        key_span: Span,
    ) -> Option<Vec<Translations>> {
        let mut translations = vec![Translations::default(); table.columns.len()];
        let mut ok = true;
        let translatable: Vec<&str> = table
            .columns
            .iter()
            .filter(|column| column.translatable)
            .map(|column| column.name.as_str())
            .collect();
        let mut written = Vec::new();
        for sub in &raw.translations {
            let header = format!("[{}.{}]", table.name, sub.locale.get_ref());
            let Some(locale) =
                self.other_locale(sub.locale.get_ref(), sub.locale.span(), others, &header)
            else {
                ok = false;
                continue;
            };
            written.push(locale);
            if translatable.is_empty() {
                ok = false;
                self.report(
                    Diagnostic::new(sub.span.clone(), format!("`{header}` translates a table without translatable columns"))
                        .with_help("mark the columns it translates `translatable = true`, or remove this table"),
                );
                continue;
            }
            for (name, text) in &sub.cells {
                let Some(column) = table.columns.iter().position(|c| &c.name == name.get_ref())
                else {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            name.span(),
                            format!("`{}` is not a column of `{}`", name.get_ref(), table.name),
                        )
                        .with_help(suggest::help(
                            name.get_ref(),
                            &translatable,
                            "a translatable column",
                        )),
                    );
                    continue;
                };
                if !table.columns[column].translatable {
                    ok = false;
                    self.report(
                        Diagnostic::new(name.span(), format!("the column `{}` is not translatable", name.get_ref()))
                            .with_help(format!("mark it `translatable = true` in `[table.{}]`, or remove it from `{header}`", table.name)),
                    );
                    continue;
                }
                if cells[column] == Cell::Absent {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            name.span(),
                            format!(
                                "the row `{key}` has no English `{}` to translate",
                                name.get_ref()
                            ),
                        )
                        .with_help("write the English text in the row first, or remove this one"),
                    );
                    continue;
                }
                match self.text(text, &format!("`{}` in `{header}`", name.get_ref())) {
                    Some(text) => translations[column].0.push((locale, text)),
                    None => ok = false,
                }
            }
            for (index, column) in table.columns.iter().enumerate() {
                // A cell written but refused above is reported already.
                let written = sub
                    .cells
                    .iter()
                    .any(|(name, _)| name.get_ref() == &column.name);
                if column.translatable && cells[index] != Cell::Absent && !written {
                    ok = false;
                    self.report(
                        Diagnostic::new(
                            sub.span.clone(),
                            format!("`{header}` of `{key}` has no `{}`", column.name),
                        )
                        .with_help(format!(
                            "add `{} = \"…\"`: the row has it in English",
                            column.name
                        )),
                    );
                }
            }
        }
        let has_translatable = table
            .columns
            .iter()
            .zip(cells)
            .any(|(column, cell)| column.translatable && *cell != Cell::Absent);
        if has_translatable {
            for locale in others.iter().filter(|locale| !written.contains(locale)) {
                ok = false;
                let header = format!("[{}.{}]", table.name, locale.word());
                self.report(
                    Diagnostic::new(
                        key_span.clone(),
                        format!("the row `{key}` has no `{header}` table"),
                    )
                    .with_help(format!(
                        "add `{header}` after the row with its translatable cells: {}",
                        suggest::quoted_list(&translatable)
                    )),
                );
            }
        }
        for entry in &mut translations {
            entry
                .0
                .sort_by_key(|(locale, _)| others.iter().position(|other| other == locale));
        }
        ok.then_some(translations)
    }

    /// The rows the words of each vocabulary lead to (`row`): rows of one table of the
    /// catalog. Fills [`Vocabulary::row_table`] and each word's `row`.
    pub(super) fn word_rows(
        &mut self,
        raw: &RawCatalog,
        vocabularies: &mut [Vocabulary],
        tables: &[CheckedTable],
    ) {
        for raw_vocabulary in &raw.vocabularies {
            let Some(vocabulary) = vocabularies
                .iter_mut()
                .find(|v| &v.name == raw_vocabulary.name.get_ref())
            else {
                continue;
            };
            self.vocabulary_rows(raw, raw_vocabulary, vocabulary, tables);
        }
    }

    fn vocabulary_rows(
        &mut self,
        raw: &RawCatalog,
        raw_vocabulary: &RawVocabulary,
        vocabulary: &mut Vocabulary,
        tables: &[CheckedTable],
    ) {
        let mut first: Option<(usize, String)> = None;
        for raw_word in raw_vocabulary.words.get_ref() {
            let Some(reference) = &raw_word.row else {
                continue;
            };
            let Some(at) = self.row_reference(reference, raw, tables, "row") else {
                continue;
            };
            let table_name = &tables[at.table].table.name;
            match &first {
                Some((table, name)) if *table != at.table => {
                    self.report(
                        Diagnostic::new(reference.table.span(), format!("the words of `{}` lead to rows of two tables", vocabulary.name))
                            .with_help(format!("name rows of `{name}` here too, as the first word with a `row` does, not of `{table_name}`")),
                    );
                    continue;
                }
                Some(_) => {}
                None => first = Some((at.table, table_name.clone())),
            }
            if let Some(word) = vocabulary
                .words
                .iter_mut()
                .find(|word| &word.word == raw_word.word.get_ref())
            {
                word.row = Some(at.row);
            }
        }
        vocabulary.row_table = first.map(|(table, _)| table);
    }

    /// Each locale a `one_of` rule's values select at most once.
    pub(super) fn value_locales(&mut self, values: &[EnumValue], spans: &[Span]) -> bool {
        let mut ok = true;
        for (index, value) in values.iter().enumerate() {
            let Some(locale) = value.locale else { continue };
            if let Some(earlier) = values[..index].iter().find(|v| v.locale == Some(locale)) {
                ok = false;
                self.report(
                    Diagnostic::new(
                        spans[index].clone(),
                        format!(
                            "`{}` and `{}` both select `{}`",
                            earlier.value,
                            value.value,
                            locale.word()
                        ),
                    )
                    .with_help(
                        "give each locale to one value: the enum maps a locale back to its value",
                    ),
                );
            }
        }
        ok
    }
}
