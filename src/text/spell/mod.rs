//! Spelling knowledge for the TYP rules: the built-in dictionaries, the word
//! lists of `rules/data/typ/`, and telling Spanish from English.

pub mod dict;
pub mod freq;
pub mod lists;

use super::words::words;

/// A language pagelint has dictionaries for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Es,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_']).next().unwrap_or("");
        match base {
            "es" | "spa" | "spanish" | "español" => Some(Lang::Es),
            "en" | "eng" | "english" | "inglés" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Es => "Spanish",
            Lang::En => "English",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Es => Lang::En,
            Lang::En => Lang::Es,
        }
    }
}

/// Evidence for each language in a text: (Spanish, English).
pub fn language_scores(text: &str) -> (u32, u32) {
    language_scores_until(text, u32::MAX)
}

/// [`language_scores`], stopping once one language leads by `margin`
/// (a page's paragraphs decide within a few sentences).
pub fn language_scores_until(text: &str, margin: u32) -> (u32, u32) {
    let mut es = 0;
    let mut en = 0;
    for w in words(text) {
        if es.max(en) - es.min(en) >= margin {
            break;
        }
        let s = w.text(text);
        if s.chars().any(|c| "áéíóúñüÁÉÍÓÚÑÜ".contains(c)) {
            es += 2;
        }
        let lower = s.to_lowercase();
        match lists::stopword(&lower) {
            Some(Lang::Es) => es += 2,
            Some(Lang::En) => en += 2,
            None => {
                if s.chars().count() < 3 || !w.is_plain_case(text) {
                    continue;
                }
                let in_es = dict::check(Lang::Es, s);
                let in_en = dict::check(Lang::En, s);
                if in_es && !in_en {
                    es += 1;
                } else if in_en && !in_es {
                    en += 1;
                }
            }
        }
    }
    if text.contains(['¿', '¡']) {
        es += 3;
    }
    (es, en)
}

/// The language of a short text (a title), or `fallback` when the text
/// does not tell.
pub fn detect(text: &str, fallback: Lang) -> Lang {
    detect_until(text, fallback, u32::MAX)
}

/// [`detect`] on a long sample, deciding as soon as one language leads by
/// `margin` points.
pub fn detect_until(text: &str, fallback: Lang, margin: u32) -> Lang {
    let (es, en) = language_scores_until(text, margin);
    if es > en {
        Lang::Es
    } else if en > es {
        Lang::En
    } else {
        fallback
    }
}

/// The lowercase form of a word with its accents removed (`Función` →
/// `funcion`), for comparisons that must not care about them.
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// `word` with the letter case of `model` (same length or not): all caps,
/// capitalised, or as given.
pub fn match_case(model: &str, word: &str) -> String {
    let letters: Vec<char> = model.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut it = word.chars();
        return match it.next() {
            Some(f) => f.to_uppercase().collect::<String>() + it.as_str(),
            None => String::new(),
        };
    }
    word.to_string()
}

/// The single edit that turns `from` into `to`, if they are one edit apart
/// (Damerau: an adjacent transposition counts as one edit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneEdit {
    Substitute(usize, char),
    Insert(usize, char),
    Delete(usize),
    /// Swap the characters at `i` and `i + 1`.
    Swap(usize),
}

pub fn one_edit(from: &[char], to: &[char]) -> Option<OneEdit> {
    let p = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let (n, m) = (from.len(), to.len());
    if n == m {
        if p == n {
            return None;
        }
        if from[p + 1..] == to[p + 1..] {
            return Some(OneEdit::Substitute(p, to[p]));
        }
        if p + 1 < n && from[p] == to[p + 1] && from[p + 1] == to[p] && from[p + 2..] == to[p + 2..]
        {
            return Some(OneEdit::Swap(p));
        }
        None
    } else if m == n + 1 {
        (from[p..] == to[p + 1..]).then_some(OneEdit::Insert(p, to[p]))
    } else if n == m + 1 {
        (from[p + 1..] == to[p..]).then_some(OneEdit::Delete(p))
    } else {
        None
    }
}

/// Apply `edit` to `word`, giving new letters the case of their neighbours.
pub fn apply_edit(word: &[char], edit: OneEdit) -> String {
    let mut w = word.to_vec();
    let cased = |c: char, model: Option<&char>| match model {
        Some(m) if m.is_uppercase() => c.to_uppercase().next().unwrap_or(c),
        _ => c,
    };
    match edit {
        OneEdit::Substitute(i, c) => w[i] = cased(c, word.get(i)),
        OneEdit::Insert(i, c) => {
            let model = if i > 0 { word.get(i - 1) } else { word.first() };
            // Inside a word, a new letter takes the case of the next one
            // when that starts a capitalised part (LagChain → LangChain).
            let model = match (model, word.get(i)) {
                (Some(m), Some(n)) if m.is_uppercase() && n.is_lowercase() && i > 0 => Some(n),
                _ => model,
            };
            w.insert(i, cased(c, model));
        }
        OneEdit::Delete(i) => {
            w.remove(i);
        }
        OneEdit::Swap(i) => {
            let (a, b) = (word[i], word[i + 1]);
            // Keep the case pattern in place: Bhadanau → Bahdanau.
            w[i] = if a.is_uppercase() {
                b.to_uppercase().next().unwrap_or(b)
            } else {
                b.to_lowercase().next().unwrap_or(b)
            };
            w[i + 1] = if b.is_uppercase() {
                a.to_uppercase().next().unwrap_or(a)
            } else {
                a.to_lowercase().next().unwrap_or(a)
            };
        }
    }
    w.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edits() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(
            one_edit(&c("lagchain"), &c("langchain")),
            Some(OneEdit::Insert(2, 'n'))
        );
        assert_eq!(
            one_edit(&c("lmm"), &c("llm")),
            Some(OneEdit::Substitute(1, 'l'))
        );
        assert_eq!(
            one_edit(&c("bhadanau"), &c("bahdanau")),
            Some(OneEdit::Swap(1))
        );
        assert_eq!(
            one_edit(&c("alammar"), &c("jalammar")),
            Some(OneEdit::Insert(0, 'j'))
        );
        assert_eq!(one_edit(&c("abc"), &c("abc")), None);
        assert_eq!(one_edit(&c("abcd"), &c("badc")), None);
        assert_eq!(
            apply_edit(&c("LagChain"), OneEdit::Insert(2, 'n')),
            "LangChain"
        );
        assert_eq!(apply_edit(&c("LMM"), OneEdit::Substitute(1, 'l')), "LLM");
        assert_eq!(apply_edit(&c("Bhadanau"), OneEdit::Swap(1)), "Bahdanau");
    }

    #[test]
    fn detects_title_languages() {
        assert_eq!(
            detect(
                "Neural Machine Translation by Jointly Learning to Align and Translate",
                Lang::Es
            ),
            Lang::En
        );
        assert_eq!(
            detect(
                "Sociedad Española para el Procesamiento del Lenguage Natural (SEPLN)",
                Lang::En
            ),
            Lang::Es
        );
        assert_eq!(
            detect("Redes Siamesas y *One shoot learning*", Lang::En),
            Lang::Es
        );
        assert_eq!(detect("LSTM", Lang::Es), Lang::Es);
        assert_eq!(detect("LSTM", Lang::En), Lang::En);
    }

    #[test]
    fn case_and_fold() {
        assert_eq!(match_case("Lenguage", "lenguaje"), "Lenguaje");
        assert_eq!(match_case("LENGUAGE", "lenguaje"), "LENGUAJE");
        assert_eq!(match_case("funcion", "función"), "función");
        assert_eq!(fold("Función"), "funcion");
    }
}
