//! Checking `[vocabulary.NAME]` declarations: names, the enum's type name, and words
//! that are non-empty, unique and make unique variants.

use heck::ToUpperCamelCase;
use toml::Spanned;

use super::{Checker, NameKind};
use crate::diagnostic::Diagnostic;
use crate::load::{RawVocabulary, Text};
use crate::model::{Vocabulary, Word};

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
            match (variant.flatten(), doc) {
                (Some(variant), Some(doc)) => words.push(Word {
                    word: word.word.get_ref().clone(),
                    variant,
                    doc,
                }),
                _ => ok = false,
            }
        }
        let doc = doc?;
        ok.then(|| Vocabulary {
            name: name.clone(),
            type_name: type_name.into_inner(),
            doc,
            words,
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
