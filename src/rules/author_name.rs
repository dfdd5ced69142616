//! TYP004 `author-name`: a surname in an author–year citation that nearly
//! matches a known author — the built-in list of frequently cited authors,
//! the project's names, or a name cited more often elsewhere in the run.

use std::collections::HashMap;

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::citation::citations;
use crate::text::spell::{OneEdit, apply_edit, fold, lists, one_edit};

pub static META: RuleMeta = RuleMeta {
    code: "TYP004",
    name: "author-name",
    group: Group::Typ,
    summary: "A cited surname that nearly matches a known author (Bhadanau → Bahdanau)",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("TYP004"),
};

pub struct AuthorName;

/// Shortest surname compared at all, and shortest for near misses other
/// than a transposition (short surnames are dense: Chen, Chan, Cheng).
const MIN_LEN: usize = 4;
const MIN_LEN_NEAR: usize = 7;

/// Where a known name comes from, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    BuiltIn,
    Project,
    Repository(u32),
}

/// Count the surnames cited in `text`.
pub fn count_cited_names(text: &str, counts: &mut HashMap<String, u32>) {
    if !text.contains('(') {
        return;
    }
    for c in citations(text) {
        for a in &c.authors {
            for p in &a.parts {
                *counts.entry(text[p.clone()].to_string()).or_default() += 1;
            }
        }
    }
}

impl Rule for AuthorName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if !doc.text.contains('(') {
            return;
        }
        let mut found = Vec::new();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            if !text.contains('(') {
                continue;
            }
            for c in citations(text) {
                for a in &c.authors {
                    for p in &a.parts {
                        found.push(seg.range.start + p.start..seg.range.start + p.end);
                    }
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let own;
        let counts = match ctx.workspace.cited_names() {
            Some(c) => c,
            None => {
                let mut m = HashMap::new();
                for r in &found {
                    *m.entry(doc.slice(r).to_string()).or_default() += 1;
                }
                own = m;
                &own
            }
        };
        let typ = &ctx.settings.typ;
        let known_as = |name: &str| -> Option<Source> {
            if lists::is_name(name) {
                Some(Source::BuiltIn)
            } else if typ.names.iter().any(|n| n == name) {
                Some(Source::Project)
            } else {
                None
            }
        };
        for r in found {
            let name = doc.slice(&r);
            let chars: Vec<char> = name.chars().collect();
            if chars.len() < MIN_LEN || known_as(name).is_some() {
                continue;
            }
            let own_count = counts.get(name).copied().unwrap_or(1);
            let folded: Vec<char> = fold(name).chars().collect();
            // Candidates: built-in and project names, and names cited more
            // often (and at least twice) in the run.
            let mut best: Vec<(String, OneEdit, Source)> = Vec::new();
            let mut consider = |k: &str, src: Source| {
                let kc: Vec<char> = fold(k).chars().collect();
                if kc == folded || best.iter().any(|(b, _, _)| b == k) {
                    return;
                }
                let Some(e) = one_edit(&folded, &kc) else {
                    return;
                };
                let swap = matches!(e, OneEdit::Swap(_));
                if !swap && (chars.len() < MIN_LEN_NEAR || kc.len() < MIN_LEN_NEAR) {
                    return;
                }
                best.push((k.to_string(), e, src));
            };
            for k in lists::names() {
                consider(k, Source::BuiltIn);
            }
            for k in &typ.names {
                consider(k, Source::Project);
            }
            for (k, &n) in counts {
                if n >= 2 && n > own_count {
                    consider(k, Source::Repository(n));
                }
            }
            let Some((k, e, src)) = best
                .iter()
                .find(|(_, e, _)| matches!(e, OneEdit::Swap(_)))
                .or(best.first())
                .cloned()
            else {
                continue;
            };
            let swap = matches!(e, OneEdit::Swap(_));
            let whence = match src {
                Source::BuiltIn => "a frequently cited author".to_string(),
                Source::Project => "a name in the project's list".to_string(),
                Source::Repository(n) => format!("cited {n} times elsewhere"),
            };
            let message = if swap {
                format!("“{name}” has two letters swapped: the author is “{k}” ({whence})")
            } else {
                format!("“{name}” nearly matches the author “{k}” ({whence})")
            };
            let mut d = Diagnostic::new(&META, r.clone(), message);
            if !swap {
                d = d.with_severity(Severity::Warning);
            }
            if best.len() > 1 {
                let others: Vec<String> = best.iter().map(|(b, _, _)| format!("“{b}”")).collect();
                d = d.with_help(format!("close known names: {}", others.join(", ")));
            } else {
                let fixed = apply_edit(&chars, e);
                let fixed = if fold(&fixed) == fold(&k) {
                    k.clone()
                } else {
                    fixed
                };
                d = d
                    .with_help(
                        "a name is an identity: check the paper before changing it".to_string(),
                    )
                    .with_fix(Fix::unsafe_edit(
                        format!("Replace with “{fixed}”"),
                        vec![Edit::replace(r, fixed.clone())],
                    ));
            }
            out.push(d);
        }
    }
}
