//! The small word lists of `rules/data/typ/`, parsed on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::Lang;

pub static TERMS: &str = crate::text::data::TERMS;
pub static NAMES: &str = crate::text::data::NAMES;
pub static STOPWORDS: &str = crate::text::data::STOPWORDS;
pub static PHRASES: &str = crate::text::data::PHRASES;
pub static REPEAT_OK: &str = crate::text::data::REPEAT_OK;

/// Data lines of a list: comments and blank lines skipped.
pub use crate::text::data::entries as data_lines;

/// Is `word` a listed technical term or product name (any case)?
pub fn is_term(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| data_lines(TERMS).map(str::to_lowercase).collect())
        .contains(&word.to_lowercase())
}

/// The listed terms in lowercase.
pub fn terms() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| data_lines(TERMS).map(str::to_lowercase).collect())
}

/// The built-in surnames, as written.
pub fn names() -> &'static [&'static str] {
    static LIST: OnceLock<Vec<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        data_lines(NAMES)
            .map(|l| l.split('\t').next().unwrap_or(l))
            .collect()
    })
}

/// Is `word` a built-in surname (any case)?
pub fn is_name(word: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| names().iter().map(|n| n.to_lowercase()).collect())
        .contains(&word.to_lowercase())
}

/// The language whose function word `lower` is.
pub fn stopword(lower: &str) -> Option<Lang> {
    static MAP: OnceLock<HashMap<&'static str, Lang>> = OnceLock::new();
    MAP.get_or_init(|| {
        data_lines(STOPWORDS)
            .filter_map(|l| {
                let (lang, w) = l.split_once('\t')?;
                Some((w, Lang::parse(lang)?))
            })
            .collect()
    })
    .get(lower)
    .copied()
}

/// A phrase confusion: `wrong` (lowercase words) is almost always meant as
/// `right`.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub lang: Lang,
    /// Lowercase words of the wrong phrase (hyphens kept inside words).
    pub wrong: Vec<&'static str>,
    pub right: &'static str,
    pub reason: &'static str,
}

pub fn phrases() -> &'static [Phrase] {
    static LIST: OnceLock<Vec<Phrase>> = OnceLock::new();
    LIST.get_or_init(|| {
        data_lines(PHRASES)
            .filter_map(|l| {
                let mut it = l.split('\t');
                let lang = Lang::parse(it.next()?)?;
                let wrong = it.next()?.split(' ').collect();
                let right = it.next()?;
                let reason = it.next().unwrap_or("");
                Some(Phrase {
                    lang,
                    wrong,
                    right,
                    reason,
                })
            })
            .collect()
    })
}

/// Is `lower` a word that may be written twice in a row in `lang`?
pub fn repeat_ok(lang: Lang, lower: &str) -> bool {
    static SET: OnceLock<HashSet<(Lang, &'static str)>> = OnceLock::new();
    SET.get_or_init(|| {
        data_lines(REPEAT_OK)
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((Lang::parse(it.next()?)?, it.next()?))
            })
            .collect()
    })
    .contains(&(lang, lower))
}

#[cfg(test)]
mod tests {
    use super::super::dict;
    use super::*;

    #[test]
    fn terms_and_names_are_one_word_and_unique_in_any_case() {
        // The format of every table is checked in `text::data`.
        // Terms and names are unique without regard to case too.
        for (name, text) in [("terms.txt", TERMS), ("names.txt", NAMES)] {
            let mut seen = HashSet::default();
            for l in data_lines(text) {
                let l = l.split('\t').next().unwrap();
                assert!(seen.insert(l.to_lowercase()), "{name}: {l} twice");
                assert!(
                    !l.contains(char::is_whitespace),
                    "{name}: {l:?} is not one word"
                );
            }
        }
        for l in data_lines(STOPWORDS) {
            assert!(Lang::parse(l.split('\t').next().unwrap()).is_some(), "{l}");
        }
        for p in phrases() {
            assert!(!p.wrong.is_empty() && p.wrong.iter().all(|w| *w == w.to_lowercase()));
        }
    }

    #[test]
    fn typo_lists_are_consistent() {
        // Spanish: no typo is a word, every correction is made of words.
        for l in data_lines(dict::TYPOS_ES_CSV) {
            let mut it = l.split(',');
            let typo = it.next().unwrap();
            assert!(
                !dict::check(Lang::Es, typo),
                "es-typos: {typo} is a Spanish word"
            );
            for fix in it {
                assert_ne!(fix, typo);
                for w in fix.split(' ') {
                    assert!(
                        dict::check(Lang::Es, w),
                        "es-typos: {w} ({typo}) is not a Spanish word"
                    );
                }
            }
        }
        // English: derived from typos; no typo is a Spanish or English word,
        // and no entry corrects a word into itself (no cycles).
        for l in data_lines(dict::TYPOS_EN_CSV) {
            let mut it = l.split(',');
            let typo = it.next().unwrap();
            assert!(
                !typo.is_empty() && typo == typo.to_lowercase(),
                "en-typos: {l}"
            );
            assert!(
                !dict::check(Lang::Es, typo),
                "en-typos: {typo} is a Spanish word"
            );
            assert!(
                !dict::check(Lang::En, typo),
                "en-typos: {typo} is an English word"
            );
            assert!(it.all(|f| !f.is_empty() && f != typo), "en-typos: {l}");
        }
    }
}
