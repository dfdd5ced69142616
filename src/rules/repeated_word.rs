//! TYP006 `repeated-word`: the same word twice in a row ("de de", "the the").

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::lists;
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

/// Only spaces, or one line break, between two words.
fn only_space(between: &str) -> bool {
    !between.is_empty()
        && between
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        && between.matches('\n').count() <= 1
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
                if lists::repeat_ok(&a.to_lowercase()) {
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
