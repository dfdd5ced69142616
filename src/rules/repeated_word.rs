//! TYP006 `repeated-word`: the same word twice in a row ("de de", "the the"),
//! in Spanish and English text only: the words that may repeat are listed
//! per language, and text in other languages and scripts (Persian
//! `داک داک`, Bengali reduplication, German `die die`) is left alone.

use super::typ_support::{page_language, prose};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{Lang, language_scores, lists};
use crate::text::words::words;

pub static META: RuleMeta = RuleMeta {
    code: "TYP006",
    name: "repeated-word",
    group: Group::Typ,
    summary: "The same word twice in a row (“de de”, “the the”)",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("TYP006"),
};

pub struct RepeatedWord;

/// Only spaces, or one soft line break, between two words (a hard break,
/// two spaces before the line end, separates lines of a poem or address).
fn only_space(between: &str) -> bool {
    !between.is_empty()
        && between
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        && between.matches('\n').count() <= 1
        && !between
            .split('\n')
            .next()
            .is_some_and(|l| between.contains('\n') && l.trim_end_matches('\r').ends_with("  "))
}

/// The text of the sentence around `start..end` (at most 60 bytes either
/// side, cut at a sentence end).
fn around(all: &str, start: usize, end: usize) -> &str {
    let mut a = start.saturating_sub(60);
    while !all.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (end + 60).min(all.len());
    while !all.is_char_boundary(b) {
        b -= 1;
    }
    let a = all[a..start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(a, |i| a + i + 1);
    let b = all[end..b]
        .find(['.', '!', '?', '\n'])
        .map_or(b, |i| end + i);
    &all[a..b]
}

/// `text` without the word `w` (the repeated word says nothing about the
/// language: "la la" is Spanish and English).
fn without(text: &str, w: &str) -> String {
    let mut out = String::new();
    for x in words(text) {
        let t = x.text(text);
        if !t.eq_ignore_ascii_case(w) && t.to_lowercase() != w.to_lowercase() {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}

/// A word in a script other than Latin (Arabic, Bengali, Cyrillic…).
fn non_latin(word: &str) -> bool {
    word.chars().any(|c| c.is_alphabetic() && c as u32 >= 0x250)
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let all = doc.text;
        // The previous word, as an absolute range, and its block: a repeat
        // may span two segments across a soft line break.
        let mut prev: Option<(std::ops::Range<usize>, u32)> = None;
        let page_lang = std::cell::OnceCell::new();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            for w in words(text) {
                let cur = seg.range.start + w.range.start..seg.range.start + w.range.end;
                let Some((p, block)) = prev.replace((cur.clone(), seg.block)) else {
                    continue;
                };
                if block != seg.block || p.end > cur.start {
                    continue;
                }
                let (a, b) = (&all[p.clone()], &all[cur.clone()]);
                if a.len() != b.len()
                    || !(a.eq_ignore_ascii_case(b)
                        || !a.is_ascii() && a.to_lowercase() == b.to_lowercase())
                    || !only_space(&all[p.end..cur.start])
                {
                    continue;
                }
                // Same case, or a capitalised first word at the start of a
                // sentence ("The the"). "AND and", "Services services" and
                // "Ramírez Ramírez" (names) are not mistakes.
                let capital = |x: &str| x.chars().next().is_some_and(char::is_uppercase);
                let sentence_start = all[..p.start]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '¿' | '¡' | '#' | '\n'));
                let lower_pair = a == b && a.chars().all(|c| !c.is_uppercase());
                let sentence_pair =
                    sentence_start && capital(a) && b.chars().all(|c| !c.is_uppercase());
                if !(lower_pair || sentence_pair) {
                    continue;
                }
                // Not part of a longer token: "a-a", "x.x", "lectu[r]a a".
                let before = all[..p.start].chars().next_back();
                let after = all[cur.end..].chars().next();
                let glued = |c: char| {
                    c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '\'' | '’' | '[' | ']')
                };
                if before.is_some_and(|c| glued(c) || c == '.') || after.is_some_and(glued) {
                    continue;
                }
                if non_latin(a) {
                    continue;
                }
                // The language around the pair (its sentence, about): Spanish
                // or English, else none this rule knows.
                let lang = match language_scores(&without(around(all, p.start, cur.end), a)) {
                    (0, 0) => continue,
                    (es, en) if es > en => Lang::Es,
                    (es, en) if en > es => Lang::En,
                    _ => *page_lang.get_or_init(|| page_language(ctx)),
                };
                if lists::repeat_ok(lang, &a.to_lowercase()) {
                    continue;
                }
                out.push(
                    Diagnostic::new(&META, p.start..cur.end, format!("“{a}” is repeated"))
                        .with_fix(Fix::safe(
                            format!("Remove the second “{b}”"),
                            vec![Edit::delete(p.end..cur.end)],
                        )),
                );
                prev = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_around_a_pair() {
        let s = "She sang la la la all day. Es parte de la la casa.";
        assert_eq!(around(s, 9, 14), "She sang la la la all day");
        assert_eq!(without(around(s, 9, 14), "la"), "She sang all day ");
        assert!(only_space(" ") && only_space(" \n") && !only_space("  \n"));
        assert!(non_latin("داک") && !non_latin("señal"));
    }
}
