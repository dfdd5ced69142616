//! Filling words into lines: to a width (greedy, by display width) or one
//! sentence per line. Knows nothing about Markdown: the caller says where
//! a break is not allowed (`glue`) and where one must stay (`forced`).

use unicode_width::UnicodeWidthStr;

/// A word: text without blanks, and what may happen before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// No line may start with this word (it would start another block,
    /// or the word before it ends with a backslash).
    pub glue: bool,
    /// A line must start with this word (a hard break or a line break
    /// between East Asian characters before it).
    pub forced: bool,
    /// Written after this word when a forced break follows it (the
    /// blanks of a hard break).
    pub suffix: String,
}

impl Word {
    pub fn new(text: impl Into<String>) -> Word {
        Word {
            text: text.into(),
            glue: false,
            forced: false,
            suffix: String::new(),
        }
    }
}

/// How lines are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// At most this many display columns per line (prefixes included by
    /// the caller), as far as the words allow.
    Width(usize),
    /// One sentence per line.
    Sentence,
}

/// Does `word` end a sentence that `next` starts? A final `.`, `!`, `?` or
/// `…` (closing quotes and brackets after it allowed), a next word that
/// starts with a capital letter, a digit or an opening mark; not after an
/// abbreviation with an inner dot (`e.g.`) or a single letter (`J.`).
pub fn ends_sentence(word: &str, next: &str) -> bool {
    let core = word.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*', '_']);
    let Some(last) = core.chars().last() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?' | '…') {
        return false;
    }
    let stem = core.trim_end_matches(['.', '!', '?', '…']);
    let letters = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
    if last == '.' && (letters.contains('.') || letters.chars().count() <= 1) {
        return false;
    }
    next.chars()
        .find(|c| {
            !matches!(
                c,
                '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '¿' | '¡' | '*' | '_'
            )
        })
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The words laid out in lines: each line's text, words joined by one
/// space. `first` and `rest` are the columns the first and the other lines
/// may use (their prefixes taken off).
pub fn fill(words: &[Word], mode: Mode, first: usize, rest: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_width = 0;
    for (i, w) in words.iter().enumerate() {
        let width = w.text.width();
        let break_here = i > 0
            && !cur.is_empty()
            && (w.forced
                || (!w.glue
                    && match mode {
                        Mode::Width(max) => {
                            let avail = if lines.is_empty() { first } else { rest };
                            cur_width + 1 + width > avail.min(max)
                        }
                        Mode::Sentence => ends_sentence(&words[i - 1].text, &w.text),
                    }));
        if break_here {
            if w.forced {
                cur.push_str(&words[i - 1].suffix);
            }
            lines.push(std::mem::take(&mut cur));
            cur_width = 0;
        } else if !cur.is_empty() {
            cur.push(' ');
            cur_width += 1;
        }
        cur.push_str(&w.text);
        cur_width += width;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Word> {
        s.split(' ').map(Word::new).collect()
    }

    #[test]
    fn fills_to_a_width() {
        let w = words("uno dos tres cuatro cinco seis");
        assert_eq!(
            fill(&w, Mode::Width(10), 10, 10),
            vec!["uno dos", "tres", "cuatro", "cinco seis"]
        );
        // A word wider than the line stays whole.
        let w = words("a supercalifragilístico b");
        assert_eq!(
            fill(&w, Mode::Width(5), 5, 5),
            vec!["a", "supercalifragilístico", "b"]
        );
        // Wide characters count twice.
        let w = words("数学 数学 数学");
        assert_eq!(fill(&w, Mode::Width(9), 9, 9), vec!["数学 数学", "数学"]);
    }

    #[test]
    fn glue_and_forced_breaks() {
        let mut w = words("uno dos - tres");
        w[2].glue = true;
        assert_eq!(fill(&w, Mode::Width(7), 7, 7), vec!["uno dos -", "tres"]);
        let mut w = words("uno dos tres");
        w[0].suffix = "  ".into();
        w[1].forced = true;
        assert_eq!(fill(&w, Mode::Width(80), 80, 80), vec!["uno  ", "dos tres"]);
    }

    #[test]
    fn sentences() {
        assert!(ends_sentence("fin.", "Luego"));
        assert!(ends_sentence("¿sí?", "¡Claro!"));
        assert!(ends_sentence("dijo.\"", "El"));
        assert!(!ends_sentence("e.g.", "The"));
        assert!(!ends_sentence("J.", "Smith"));
        assert!(!ends_sentence("fin.", "luego"));
        assert!(!ends_sentence("fin", "Luego"));
        let w = words("Uno dos. Tres cuatro? Cinco");
        assert_eq!(
            fill(&w, Mode::Sentence, 80, 80),
            vec!["Uno dos.", "Tres cuatro?", "Cinco"]
        );
    }
}
