//! TYP007 `phrase-confusion`: a phrase that is almost always a mistake for
//! another ("one shoot learning" for "one-shot learning", "en espacial" for
//! "en especial"), from `rules/data/typ/phrases.tsv`, in any prose.

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{lists, match_case};

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
        let phrases = lists::phrases();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            let lower = text.to_ascii_lowercase();
            for p in phrases {
                let first = p.wrong[0];
                let mut from = 0;
                while let Some(off) = lower[from..].find(first) {
                    let at = from + off;
                    from = at + first.len();
                    if lower[..at].chars().next_back().is_some_and(word_char) {
                        continue;
                    }
                    let Some(end) = match_at(&lower, at, &p.wrong) else {
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
