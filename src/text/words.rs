//! Words in prose: maximal runs of letters (with combining marks and
//! apostrophes between letters), as byte ranges. Hyphens, digits and
//! punctuation end a word.

use std::ops::Range;

/// One word of a text, by byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

pub fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_mark(c)
}

impl Word {
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        &s[self.range.clone()]
    }

    /// All lowercase, or capitalised (`word`, `Word`): the shapes of
    /// dictionary words. `WORD`, `camelCase` and `GitHub` are not.
    pub fn is_plain_case(&self, s: &str) -> bool {
        let w = self.text(s);
        let mut it = w.chars().filter(|c| c.is_alphabetic());
        let _ = it.next();
        it.all(|c| !c.is_uppercase())
    }

    /// Every letter uppercase (and more than one letter).
    pub fn is_all_caps(&self, s: &str) -> bool {
        let w = self.text(s);
        w.chars().filter(|c| c.is_alphabetic()).count() > 1
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
    }

    /// An uppercase letter after the first (`camelCase`, `GitHub`, `LMM`).
    pub fn has_inner_capital(&self, s: &str) -> bool {
        self.text(s).chars().skip(1).any(|c| c.is_uppercase())
    }

    pub fn is_capitalized(&self, s: &str) -> bool {
        self.text(s).chars().next().is_some_and(char::is_uppercase)
    }

    /// The characters just before and just after the word.
    pub fn neighbors(&self, s: &str) -> (Option<char>, Option<char>) {
        (
            s[..self.range.start].chars().next_back(),
            s[self.range.end..].chars().next(),
        )
    }

    pub fn char_len(&self, s: &str) -> usize {
        self.text(s).chars().count()
    }
}

/// The words of `text`, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let t = self.text;
        let b = t.as_bytes();
        // Skip to the next letter; ASCII bytes are tested without decoding.
        let mut i = self.pos;
        let start = loop {
            if i >= b.len() {
                self.pos = i;
                return None;
            }
            let x = b[i];
            if x < 0x80 {
                if x.is_ascii_alphabetic() {
                    break i;
                }
                i += 1;
            } else {
                let c = t[i..].chars().next()?;
                if c.is_alphabetic() {
                    break i;
                }
                i += c.len_utf8();
            }
        };
        let mut end = start;
        let mut j = start;
        while j < b.len() {
            let x = b[j];
            if x < 0x80 {
                if x.is_ascii_alphabetic() {
                    j += 1;
                    end = j;
                    continue;
                }
                if x == b'\'' && b.get(j + 1).is_some_and(|n| n.is_ascii_alphabetic()) {
                    j += 1;
                    continue;
                }
                if x == b'\''
                    && b.get(j + 1).is_some_and(|&n| n >= 0x80)
                    && t[j + 1..].chars().next().is_some_and(char::is_alphabetic)
                {
                    j += 1;
                    continue;
                }
                break;
            }
            let c = t[j..].chars().next()?;
            if is_letter(c) {
                j += c.len_utf8();
                end = j;
            } else if c == '’'
                && t[j + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        self.pos = end;
        Some(Word { range: start..end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(s: &str) -> Vec<&str> {
        words(s).map(|w| w.text(s)).collect()
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            list("Fine-tuning (Alammar, 2019): isn't it? GPT3 e\u{301}l"),
            vec![
                "Fine",
                "tuning",
                "Alammar",
                "isn't",
                "it",
                "GPT",
                "e\u{301}l"
            ]
        );
        assert_eq!(list("don' t"), vec!["don", "t"]);
    }

    #[test]
    fn shapes() {
        let s = "word Word WORD camelCase GitHub";
        let w: Vec<Word> = words(s).collect();
        assert!(w[0].is_plain_case(s) && w[1].is_plain_case(s));
        assert!(!w[2].is_plain_case(s) && w[2].is_all_caps(s));
        assert!(w[3].has_inner_capital(s) && w[4].has_inner_capital(s));
    }
}
