//! TYP007 `phrase-confusion`: a phrase that is almost always a mistake for
//! another ("one shoot learning" for "one-shot learning", "en espacial" for
//! "en especial"), from `rules/data/typ/phrases.tsv`, in any prose.

use std::sync::OnceLock;

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

/// Each phrase is found by its longest word (its anchor: "shoot" in "one
/// shoot", not "one"), all anchors in one pass over a segment, ASCII
/// case-insensitively; the rest of the phrase is checked around it.
struct Anchors {
    finder: aho_corasick::AhoCorasick,
    /// For each anchor, the phrases it anchors and its index in each.
    phrases: Vec<Vec<(usize, usize)>>,
}

fn anchors() -> &'static Anchors {
    static INDEX: OnceLock<Anchors> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        let mut phrases: Vec<Vec<(usize, usize)>> = Vec::new();
        for (i, p) in lists::phrases().iter().enumerate() {
            let (k, anchor) = p
                .wrong
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| w.len())
                .map(|(k, w)| (k, *w))
                .expect("a phrase has words");
            match words.iter().position(|w| *w == anchor) {
                Some(j) => phrases[j].push((i, k)),
                None => {
                    words.push(anchor);
                    phrases.push(vec![(i, k)]);
                }
            }
        }
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&words)
            .expect("phrase words build an automaton");
        Anchors { finder, phrases }
    })
}

/// Where `phrase` would start if its word `k` starts at `at`: walk back
/// over the words before it and the space between them.
fn start_before(lower: &str, at: usize, phrase: &[&str], k: usize) -> Option<usize> {
    let mut pos = at;
    for w in phrase[..k].iter().rev() {
        let gap_start = lower[..pos].trim_end_matches([' ', '\t', '\n', '\r']).len();
        if gap_start == pos {
            return None;
        }
        pos = gap_start;
        if !lower[..pos].ends_with(w) {
            return None;
        }
        pos -= w.len();
    }
    Some(pos)
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
        let index = anchors();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            let mut lower: Option<String> = None;
            for m in index.finder.find_overlapping_iter(text) {
                for &(i, k) in &index.phrases[m.pattern().as_usize()] {
                    let p = &lists::phrases()[i];
                    let lower = lower.get_or_insert_with(|| text.to_ascii_lowercase());
                    let Some(at) = start_before(lower, m.start(), &p.wrong, k) else {
                        continue;
                    };
                    if text[..at].chars().next_back().is_some_and(word_char) {
                        continue;
                    }
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
