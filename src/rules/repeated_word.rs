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
        && between.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        && between.matches('\n').count() <= 1
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            let mut prev: Option<crate::text::words::Word> = None;
            for w in words(text) {
                let Some(p) = prev.replace(w.clone()) else {
                    continue;
                };
                let (a, b) = (p.text(text), w.text(text));
                if a.len() != b.len() || !only_space(&text[p.range.end..w.range.start]) {
                    continue;
                }
                if a != b && a.to_lowercase() != b.to_lowercase() {
                    continue;
                }
                // Not part of a longer token: "a-a", "x.x", "1 1".
                let before = text[..p.range.start].chars().next_back();
                let after = text[w.range.end..].chars().next();
                if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '\'' | '’'))
                    || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '\'' | '’'))
                {
                    continue;
                }
                if lists::repeat_ok(&a.to_lowercase()) {
                    continue;
                }
                let range = seg.range.start + p.range.start..seg.range.start + w.range.end;
                let del = seg.range.start + p.range.end..seg.range.start + w.range.end;
                out.push(
                    Diagnostic::new(&META, range, format!("“{a}” is repeated"))
                        .with_fix(Fix::safe(format!("Remove the second “{b}”"), vec![Edit::delete(del)])),
                );
                prev = None;
            }
        }
    }
}
