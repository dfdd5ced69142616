//! TYP007 `phrase-confusion`: a phrase that is almost always a mistake for
//! another ("one shoot learning" for "one-shot learning", "en espacial" for
//! "en especial"), from `rules/data/typ/phrases.tsv`, in any prose.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{lists, match_case};
use crate::text::words::words;

pub static META: RuleMeta = RuleMeta {
    code: "TYP007",
    name: "phrase-confusion",
    group: Group::Typ,
    summary: "Phrases that are almost always a mistake for another (“en espacial”, “one shoot learning”)",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("TYP007"),
};

pub struct PhraseConfusion;

/// The phrases by their first word (up to a hyphen), for a quick test of
/// each word of the prose.
struct FirstWords {
    by_word: HashMap<&'static str, Vec<usize>>,
    first_bytes: Vec<u8>,
    longest: usize,
}

fn first_words() -> &'static FirstWords {
    static INDEX: OnceLock<FirstWords> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (i, p) in lists::phrases().iter().enumerate() {
            let first = p.wrong[0].split('-').next().unwrap_or(p.wrong[0]);
            by_word.entry(first).or_default().push(i);
        }
        let mut first_bytes: Vec<u8> = by_word.keys().map(|w| w.as_bytes()[0]).collect();
        first_bytes.sort();
        first_bytes.dedup();
        let longest = by_word.keys().map(|w| w.len()).max().unwrap_or(0).min(32);
        FirstWords {
            by_word,
            first_bytes,
            longest,
        }
    })
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Match the words of `phrase` at `at` in `lower` (ASCII-lowercased text,
/// same byte offsets as the original): the end of the match.
fn match_at(lower: &str, at: usize, phrase: &[&str]) -> Option<usize> {
    let mut pos = at;
    for (k, w) in phrase.iter().enumerate() {
        if k > 0 {
            let gap = lower[pos..]
                .find(|c: char| !matches!(c, ' ' | '\t' | '\n' | '\r'))
                .unwrap_or(lower.len() - pos);
            let between = &lower[pos..pos + gap];
            if gap == 0 || between.matches('\n').count() > 1 {
                return None;
            }
            pos += gap;
        }
        if !lower[pos..].starts_with(w) {
            return None;
        }
        pos += w.len();
    }
    if lower[pos..].chars().next().is_some_and(word_char) {
        return None;
    }
    Some(pos)
}

impl Rule for PhraseConfusion {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let index = first_words();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            let mut lower: Option<String> = None;
            for w in words(text) {
                let word = w.text(text);
                if word.len() > index.longest
                    || !index
                        .first_bytes
                        .contains(&word.as_bytes()[0].to_ascii_lowercase())
                {
                    continue;
                }
                let mut buf = [0u8; 32];
                let key = &mut buf[..word.len()];
                key.copy_from_slice(word.as_bytes());
                key.make_ascii_lowercase();
                let Some(list) = std::str::from_utf8(key)
                    .ok()
                    .and_then(|k| index.by_word.get(k))
                else {
                    continue;
                };
                if text[..w.range.start]
                    .chars()
                    .next_back()
                    .is_some_and(word_char)
                {
                    continue;
                }
                let lower = lower.get_or_insert_with(|| text.to_ascii_lowercase());
                for &k in list {
                    let p = &lists::phrases()[k];
                    let at = w.range.start;
                    let Some(end) = match_at(lower, at, &p.wrong) else {
                        continue;
                    };
                    let found = &text[at..end];
                    let right = match_case(found, p.right);
                    let range = seg.range.start + at..seg.range.start + end;
                    let mut d = Diagnostic::new(
                        &META,
                        range.clone(),
                        format!("“{found}” is a confusion for “{right}”"),
                    );
                    if !p.reason.is_empty() {
                        d = d.with_help(format!("{} ({})", p.reason, p.lang.name()));
                    }
                    out.push(d.with_fix(Fix::safe(
                        format!("Replace with “{right}”"),
                        vec![Edit::replace(range, right)],
                    )));
                }
            }
        }
    }
}
