//! TYP002 `keyboard-slip`: on a Spanish keyboard the accent dead key sits
//! next to ñ; pressing ñ instead gives "mñas" for "más". A consonant before
//! the ñ and a vowel after it is never Spanish, so the slip is found without
//! a dictionary; the dictionary only decides whether the fix is safe.
//! A stray acute accent before a vowel ("inform´atica", a dead key that did
//! not combine) is reported when the repaired word is a Spanish word.

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{Lang, dict};
use crate::text::words::is_letter;

pub static META: RuleMeta = RuleMeta {
    code: "TYP002",
    name: "keyboard-slip",
    group: Group::Typ,
    summary: "Spanish-keyboard slips: ñ typed for the accent dead key (mñas → más)",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("TYP002"),
};

pub struct KeyboardSlip;

fn accented(v: char) -> Option<char> {
    Some(match v {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ú',
        _ => return None,
    })
}

fn is_consonant(c: char) -> bool {
    c.is_ascii_alphabetic() && !matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The word around byte `at` of `text`.
fn word_at(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_letter(c) || c == '´')
        .last()
        .map_or(at, |(i, _)| i);
    let end = at
        + text[at..]
            .char_indices()
            .find(|&(_, c)| !(is_letter(c) || c == '´'))
            .map_or(text.len() - at, |(i, _)| i);
    start..end
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// What a repair changed: an ñ after a consonant (certain), an ñ after a
/// vowel (only with the dictionary), a stray acute accent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Enye,
    EnyeAfterVowel,
    Acute,
}

/// The word with every slip repaired, if it has one; ñ after a vowel is
/// repaired only when `after_vowel` is set.
fn repair(word: &str, after_vowel: bool) -> Option<(String, Kind)> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut found = false;
    let mut kind = Kind::Enye;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        let next = chars.get(i + 1).copied();
        if matches!(c, 'ñ' | 'Ñ') {
            let consonant = prev.is_some_and(is_consonant);
            if consonant || after_vowel && prev.is_some_and(is_vowel) {
                if let Some(a) = next.and_then(accented) {
                    out.push(a);
                    i += 2;
                    if !consonant && kind == Kind::Enye {
                        kind = Kind::EnyeAfterVowel;
                    }
                    found = true;
                    continue;
                }
            }
        }
        if c == '´' && prev.is_some_and(char::is_alphabetic) {
            if let Some(a) = next.and_then(accented) {
                out.push(a);
                i += 2;
                found = true;
                kind = Kind::Acute;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    found.then_some((out, kind))
}

impl Rule for KeyboardSlip {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        // Fast path: ñ, Ñ or ´ somewhere in the page.
        if !has_slip_char(doc.text) {
            return;
        }
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            if !has_slip_char(text) {
                continue;
            }
            let mut from = 0;
            while let Some(off) = text[from..].find(['ñ', 'Ñ', '´']) {
                let at = from + off;
                let w = word_at(text, at);
                from = w.end.max(at + 1);
                let word = &text[w.clone()];
                let Some((fixed, kind)) = repair(word, false)
                    .or_else(|| repair(word, true))
                    .filter(|(_, k)| *k != Kind::EnyeAfterVowel || !dict::check(Lang::Es, word))
                else {
                    continue;
                };
                let acute = kind == Kind::Acute;
                let known = dict::check(Lang::Es, &fixed);
                if (acute || kind == Kind::EnyeAfterVowel) && !known {
                    continue;
                }
                let range = seg.range.start + w.start..seg.range.start + w.end;
                let what = if acute {
                    "an accent that did not combine with its vowel"
                } else {
                    "ñ typed for the accent key"
                };
                let mut d = Diagnostic::new(
                    &META,
                    range.clone(),
                    format!("Keyboard slip in “{word}”: {what}; write “{fixed}”"),
                );
                let edit = vec![Edit::replace(range, fixed.clone())];
                d = if known {
                    d.with_fix(Fix::safe(format!("Replace with “{fixed}”"), edit))
                } else {
                    d.with_help(format!(
                        "“{fixed}” is not in the Spanish dictionary either; check the word"
                    ))
                    .with_fix(Fix::unsafe_edit(format!("Replace with “{fixed}”"), edit))
                };
                out.push(d);
            }
        }
    }
}

/// Does `text` hold ñ (C3 B1), Ñ (C3 91) or ´ (C2 B4)? A byte scan: most
/// pages have none.
fn has_slip_char(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xC3, 0xC2, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (0xC3, Some(0xB1 | 0x91)) | (0xC2, Some(0xB4))
        )
    })
}
