//! Checking `[vocabulary.NAME]` declarations: names, the enum's type name, words that
//! are non-empty, unique and make unique variants, the JSON objects the `scope` words
//! name, and the predicates over the words (whose method names each table reserves, see
//! [`super::tables`]).

use heck::ToUpperCamelCase;
use toml::Spanned;

use super::{Checker, NameKind};
use crate::diagnostic::Diagnostic;
use crate::load::{RawPredicate, RawVocabulary, RawWord, Text};
use crate::model::{Predicate, Vocabulary, Word, SCOPE_VOCABULARY};
use crate::suggest;

/// The methods the runtime's JSON report (`captcha_errors::json::JsonReport`) has of its
/// own; a `json_object` may not take them.
const JSON_REPORT_METHODS: &[&str] =
    &["problems", "param_problems", "is_valid", "config", "object"];

impl Checker<'_> {
    pub(super) fn vocabularies(&mut self, raw: &[RawVocabulary]) -> Vec<Vocabulary> {
        raw.iter()
            .filter_map(|vocabulary| self.vocabulary(vocabulary))
            .collect()
    }

    fn vocabulary(&mut self, raw: &RawVocabulary) -> Option<Vocabulary> {
        let name = raw.name.get_ref();
        let mut ok = self.snake_case(
            &raw.name,
            "name the vocabulary in snake_case, such as `[vocabulary.retry]`",
        );
        let type_name = match &raw.type_name {
            Some(given) => given.clone(),
            None => Spanned::new(raw.name.span(), name.to_upper_camel_case()),
        };
        ok &= self.type_name(&type_name, "type");
        let doc = self.text(&raw.doc, "`doc` of the vocabulary");
        if raw.words.get_ref().is_empty() {
            ok = false;
            self.report(
                Diagnostic::new(
                    raw.words.span(),
                    format!("the vocabulary `{name}` has no words"),
                )
                .with_help("list its words: `words = [{ word = \"…\", doc = \"…\" }]`"),
            );
        }
        let mut words = Vec::with_capacity(raw.words.get_ref().len());
        for word in raw.words.get_ref() {
            let checked_word = self.word_text(&word.word, name);
            let variant = checked_word.then(|| {
                self.variant(
                    word.variant.as_ref(),
                    &word.word,
                    NameKind::WordVariant(name.clone()),
                    "word",
                )
            });
            let doc = self.text(&word.doc, "`doc` of the word");
            let json_object = self.json_object(word, name);
            match (variant.flatten(), doc, json_object) {
                (Some(variant), Some(doc), Ok(json_object)) => words.push(Word {
                    word: word.word.get_ref().clone(),
                    variant,
                    doc,
                    json_object,
                    row: None,
                }),
                _ => ok = false,
            }
        }
        // The predicates are checked against the words even when the doc is missing.
        ok &= doc.is_some();
        let mut vocabulary = Vocabulary {
            name: name.clone(),
            type_name: type_name.into_inner(),
            doc: doc.unwrap_or_default(),
            words,
            predicates: Vec::new(),
            row_table: None,
        };
        for predicate in raw.predicates.iter().flat_map(|list| list.get_ref()) {
            match self.predicate(predicate, &vocabulary) {
                Some(predicate) => vocabulary.predicates.push(predicate),
                None => ok = false,
            }
        }
        ok.then_some(vocabulary)
    }

    /// The `json_object` of a word: only a `scope` word names one, a snake_case method
    /// name that the JSON report does not have already.
    fn json_object(&mut self, word: &RawWord, vocabulary: &str) -> Result<Option<String>, ()> {
        let Some(method) = &word.json_object else {
            return Ok(None);
        };
        if vocabulary != SCOPE_VOCABULARY {
            self.report(
                Diagnostic::new(
                    method.span(),
                    format!("only a word of `[vocabulary.{SCOPE_VOCABULARY}]` names a JSON object, not a word of `{vocabulary}`"),
                )
                .with_help("remove `json_object`: the params of a scope form the JSON objects"),
            );
            return Err(());
        }
        if JSON_REPORT_METHODS.contains(&method.get_ref().as_str()) {
            self.report(
                Diagnostic::new(
                    method.span(),
                    format!(
                        "the runtime's JSON report already has a method `{}`",
                        method.get_ref()
                    ),
                )
                .with_help(format!(
                    "name the JSON object otherwise; the report's own methods are {}",
                    suggest::quoted_list(JSON_REPORT_METHODS)
                )),
            );
            return Err(());
        }
        let ok = self.snake_case(
            method,
            "name the JSON object's method in snake_case, such as `init_options`",
        ) && self.unique(NameKind::JsonMethod, method, "JSON report method");
        if ok {
            Ok(Some(method.get_ref().clone()))
        } else {
            Err(())
        }
    }

    /// A predicate: a snake_case name, a doc, and words of its vocabulary, each once.
    fn predicate(&mut self, raw: &RawPredicate, vocabulary: &Vocabulary) -> Option<Predicate> {
        let mut ok = self.snake_case(
            &raw.name,
            "name the predicate in snake_case, such as `is_retryable`: it becomes a method",
        );
        let doc = self.text(&raw.doc, "`doc` of the predicate");
        if raw.words.get_ref().is_empty() {
            ok = false;
            self.report(
                Diagnostic::new(raw.words.span(), "the predicate lists no words")
                    .with_help("list the words for which the method is true"),
            );
        }
        let mut words = self.words(vocabulary, &raw.words)?;
        words.sort_unstable();
        let doc = doc?;
        ok.then(|| Predicate {
            name: raw.name.get_ref().clone(),
            doc,
            words,
            name_span: raw.name.span(),
        })
    }

    /// A word: non-empty, without whitespace, not the metric label of unknown values,
    /// unique in its vocabulary.
    fn word_text(&mut self, word: &Text, vocabulary: &str) -> bool {
        let text = word.get_ref();
        if text.is_empty() || text.chars().any(|c| c.is_whitespace() || c == '`') {
            self.report(
                Diagnostic::new(word.span(), format!("`{text}` is not a usable word"))
                    .with_help("a word is non-empty and holds no whitespace or backtick"),
            );
            return false;
        }
        self.not_other_label(word, "word")
            && self.unique(NameKind::Word(vocabulary.to_owned()), word, "word")
    }
}

#[cfg(test)]
mod tests {
    use super::JSON_REPORT_METHODS;

    /// The list of the JSON report's own methods is the runtime's: every method of its
    /// hand-written `impl JsonReport` block, and no other.
    #[test]
    fn the_json_report_methods_are_the_runtimes() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../captcha-errors/src/json.rs");
        let source = std::fs::read_to_string(path).expect("the runtime's json.rs");
        let start = source
            .find("impl<'a> JsonReport<'a> {")
            .expect("the report's impl");
        let block = &source[start..];
        let block = &block[..block.find("\n}\n").expect("the impl's end")];
        let mut found: Vec<&str> = block
            .split("fn ")
            .skip(1)
            .filter_map(|rest| rest.split(['(', '<']).next())
            .collect();
        let mut expected = JSON_REPORT_METHODS.to_vec();
        found.sort_unstable();
        expected.sort_unstable();
        assert_eq!(found, expected);
    }
}
