//! TYP004 `author-name`: a surname in an author–year citation that nearly
//! matches a known author — the built-in list of frequently cited authors,
//! the project's names, a name cited more often elsewhere in the run, or the
//! name cited elsewhere with the same arXiv identifier.

use super::typ_support::prose;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Inline, Link};
use crate::rule::{Collector, Context, Contribution, Fixable, Group, Rule, RuleMeta};
use crate::text::citation::{all_citations, arxiv, has_year};
use crate::text::spell::{OneEdit, apply_edit, fold, freq, lists, one_edit};

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

/// Shortest surname compared at all, and shortest known name for each kind
/// of near miss (short surnames are dense: Chen, Chan, Cheng): a doubled
/// letter (Brrown) from 5 letters, a dropped one (Oreshkn) from 6, another
/// letter (Bahdanou) from 7.
const MIN_LEN: usize = 4;
const MIN_LEN_DOUBLED: usize = 5;
const MIN_LEN_DROPPED: usize = 6;
const MIN_LEN_NEAR: usize = 7;

/// Keys of the cited-names map that record a surname cited with an arXiv
/// identifier: `arxiv:ID<U+1>Surname`.
const ARXIV_KEY: &str = "arxiv:";

fn arxiv_key(id: &str, name: &str) -> String {
    format!("{ARXIV_KEY}{id}\u{1}{name}")
}

/// Is the edit from the cited name `from` to the known `to` close enough
/// for their lengths?
fn near_enough(from: &[char], to: &[char], e: OneEdit) -> bool {
    match e {
        OneEdit::Swap(_) => true,
        // `from` has one letter more: doubled when it repeats a neighbour.
        OneEdit::Delete(i) => {
            let doubled =
                (i > 0 && from[i - 1] == from[i]) || from.get(i + 1).is_some_and(|c| *c == from[i]);
            to.len()
                >= if doubled {
                    MIN_LEN_DOUBLED
                } else {
                    MIN_LEN_NEAR
                }
        }
        OneEdit::Insert(..) => to.len() >= MIN_LEN_DROPPED,
        OneEdit::Substitute(..) => from.len() >= MIN_LEN_NEAR && to.len() >= MIN_LEN_NEAR,
    }
}

/// Where a known name comes from, for the message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    BuiltIn,
    Project,
    Repository(u32),
    SameArxiv,
}

/// What every page contributes: the surnames it cites, with the arXiv
/// identifiers cited beside them.
static CITED_NAMES: Collector = Collector {
    key: "cited-names",
    version: 1,
    scan: |bytes, out| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            count_cited_names(text, out);
        }
    },
};

/// Count the surnames cited in `text`, and record which surnames are cited
/// on a line with exactly one arXiv identifier (under [`arxiv_key`]).
fn count_cited_names(text: &str, counts: &mut Contribution) {
    if !text.contains('(') && !text.contains("et al") {
        return;
    }
    for line in text.lines() {
        // Raw Markdown: a citation line has a year and a parenthesis (of
        // the citation, or of the link around a bare one).
        if !line.contains('(') || !has_year(line.as_bytes()) {
            continue;
        }
        let cites = all_citations(line);
        if cites.is_empty() {
            continue;
        }
        let ids: Vec<String> = line
            .match_indices("arxiv.org/")
            .filter_map(|(i, _)| {
                let start = line[..i].rfind("http").unwrap_or(i);
                let end = line[i..]
                    .find([')', ' ', '>', '"'])
                    .map_or(line.len(), |e| i + e);
                arxiv(&line[start..end]).map(|a| a.id)
            })
            .collect();
        for c in cites {
            for a in &c.authors {
                for p in &a.parts {
                    let name = &line[p.clone()];
                    *counts.entry(name.to_string()).or_default() += 1;
                    if let [id] = ids.as_slice() {
                        *counts.entry(arxiv_key(id, name)).or_default() += 1;
                    }
                }
            }
        }
    }
}

impl Rule for AuthorName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn collector(&self) -> Option<&'static Collector> {
        Some(&CITED_NAMES)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if !doc.text.contains('(') && !doc.text.contains("et al") {
            return;
        }
        // Each cited surname, with the arXiv identifier of its link.
        let mut found = Vec::new();
        let mut ids: Vec<Option<String>> = Vec::new();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            for c in all_citations(text) {
                let group = seg.range.start + c.group.start..seg.range.start + c.group.end;
                let link: Option<&Link> = match seg.inline {
                    Inline::LinkText(i) => Some(&doc.links[i as usize]),
                    _ => doc.links.iter().rev().find(|l| {
                        !l.image
                            && l.range.end <= group.start
                            && doc.text[l.range.end..group.start].trim().is_empty()
                    }),
                };
                let id = link.and_then(|l| arxiv(&l.url)).map(|a| a.id);
                for a in &c.authors {
                    for p in &a.parts {
                        found.push(seg.range.start + p.start..seg.range.start + p.end);
                        ids.push(id.clone());
                    }
                }
            }
        }
        if found.is_empty() {
            return;
        }
        let own;
        // The repository's counts, when they cover more than this page.
        let repository = ctx
            .workspace
            .tally(&CITED_NAMES, ctx.path)
            .filter(|t| t.pages >= 2);
        let counts = match &repository {
            Some(t) => &t.counts,
            None => {
                let mut m = Contribution::default();
                for (r, id) in found.iter().zip(&ids) {
                    let name = doc.slice(r);
                    *m.entry(name.to_string()).or_default() += 1;
                    if let Some(id) = id {
                        *m.entry(arxiv_key(id, name)).or_default() += 1;
                    }
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
        for (r, id) in found.into_iter().zip(ids) {
            let name = doc.slice(&r);
            let chars: Vec<char> = name.chars().collect();
            if chars.len() < MIN_LEN || known_as(name).is_some() {
                continue;
            }
            // A real word or name of its own (Bron, Agarwal) is no typo of
            // a known name (Brown, Agrawal).
            let attested = freq::attested(name);
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
                // The same paper cited elsewhere under a near name: any
                // single edit of a name of four letters or more.
                let same_paper = src == Source::SameArxiv;
                if !same_paper && (attested || !swap && !near_enough(&folded, &kc, e)) {
                    return;
                }
                best.push((k.to_string(), e, src));
            };
            if let Some(id) = &id {
                let prefix = format!("{ARXIV_KEY}{id}\u{1}");
                for k in counts.keys() {
                    if let Some(other) = k.strip_prefix(&prefix) {
                        // The other spelling must be the likelier one: cited
                        // more often with this paper, or a known name or
                        // word where this one is not (Salinas, Salinnas).
                        let mine = counts.get(&arxiv_key(id, name)).copied().unwrap_or(1);
                        let theirs = counts[k];
                        let likelier = theirs > mine
                            || theirs == mine
                                && !attested
                                && (freq::attested(other) || lists::is_name(other));
                        if other != name && other.chars().count() >= MIN_LEN && likelier {
                            consider(other, Source::SameArxiv);
                        }
                    }
                }
            }
            for k in lists::names() {
                consider(k, Source::BuiltIn);
            }
            for k in &typ.names {
                consider(k, Source::Project);
            }
            for (k, &n) in counts {
                if n >= 2 && n > own_count && !k.starts_with(ARXIV_KEY) {
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
                Source::SameArxiv => format!(
                    "the author of arXiv {} as cited elsewhere",
                    id.as_deref().unwrap_or("")
                ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_by_length() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let near = |a: &str, b: &str| {
            let (a, b) = (c(a), c(b));
            one_edit(&a, &b).is_some_and(|e| near_enough(&a, &b, e))
        };
        assert!(near("brrown", "brown")); // doubled, 5 letters
        assert!(near("vawani", "vaswani")); // dropped, 7
        assert!(near("salinnas", "salinas")); // doubled
        assert!(near("bhadanau", "bahdanau")); // swapped
        assert!(!near("bron", "brown")); // dropped, 5 letters: too short
        assert!(!near("chen", "chan"));
    }

    /// No two built-in names are near misses of each other: a real cited
    /// name of the list is never reported as a typo of another.
    #[test]
    fn built_in_names_are_far_apart() {
        let names: Vec<Vec<char>> = lists::names()
            .iter()
            .map(|n| fold(n).chars().collect())
            .collect();
        for a in &names {
            for b in &names {
                if a != b {
                    let e = one_edit(a, b);
                    assert!(
                        !e.is_some_and(|e| near_enough(a, b, e)),
                        "{} and {} are near misses",
                        a.iter().collect::<String>(),
                        b.iter().collect::<String>()
                    );
                }
            }
        }
    }
}
