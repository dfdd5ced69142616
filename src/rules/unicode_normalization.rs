//! ENC003 `unicode-normalization`: text that is not in Unicode NFC.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::{IsNormalized, is_nfc, is_nfc_quick};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::visible::{codepoint, is_combining, spell};

pub static META: RuleMeta = RuleMeta {
    code: "ENC003",
    name: "unicode-normalization",
    group: Group::Enc,
    summary: "Text is not in Unicode normalization form C (NFC)",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("ENC003"),
};

pub struct UnicodeNormalization;

impl Rule for UnicodeNormalization {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return;
        }
        // Everything but code and link destinations: words, one at a time.
        let skip = skipped_ranges(ctx);
        for word in words(text) {
            let s = &text[word.clone()];
            if s.is_ascii() || is_nfc(s) {
                continue;
            }
            if skip
                .iter()
                .any(|r| r.start < word.end && word.start < r.end)
            {
                continue;
            }
            for (range, nfc) in non_nfc_runs(s) {
                let abs = word.start + range.start..word.start + range.end;
                let orig = &text[abs.clone()];
                let composes = orig
                    .chars()
                    .any(|c| is_combining(c) || ('\u{1100}'..='\u{11ff}').contains(&c));
                let message = format!(
                    "text is not in NFC: {} should be “{}” ({})",
                    spell(orig),
                    nfc,
                    nfc.chars().map(codepoint).collect::<Vec<_>>().join(" ")
                );
                let edit = vec![Edit::replace(abs.clone(), nfc.clone())];
                let fix = if composes {
                    Fix::safe("Compose the characters (NFC)", edit)
                } else {
                    // Singletons such as CJK compatibility ideographs change
                    // the glyph a reader sees.
                    Fix::unsafe_edit("Replace with the canonical character (NFC)", edit)
                };
                out.push(Diagnostic::new(&META, abs, message).with_fix(fix));
            }
        }
    }
}

fn skipped_ranges(ctx: &Context<'_>) -> Vec<Range<usize>> {
    let doc = ctx.doc;
    let mut v: Vec<Range<usize>> = doc.code.iter().map(|c| c.range.clone()).collect();
    v.extend(doc.links.iter().filter_map(|l| l.dest.clone()));
    v.extend(doc.definitions.iter().map(|d| d.dest.clone()));
    v
}

/// Maximal runs of non-whitespace.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    let mut iter = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in iter.by_ref() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    return Some(s..i);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        None
    })
}

/// NFC changes nothing a reader, a search or a spelling check would notice:
/// it only puts combining marks in canonical order (Arabic shadda and
/// kasra typed in either order), or it decomposes a character that Unicode
/// excludes from composition (Bengali য় U+09DF): there is no composed form
/// to move to.
fn same_look(cluster: &str, nfc: &str) -> bool {
    let (mut a, mut b): (Vec<char>, Vec<char>) = (cluster.chars().collect(), nfc.chars().collect());
    if b.len() > a.len() {
        return true;
    }
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// Within a word, the smallest runs (from a starter to the next starter)
/// that NFC changes, with their NFC form.
fn non_nfc_runs(s: &str) -> Vec<(Range<usize>, String)> {
    // Split into clusters: a starter followed by combining characters.
    let mut clusters: Vec<Range<usize>> = Vec::new();
    for (i, c) in s.char_indices() {
        let joins = unicode_normalization::char::canonical_combining_class(c) != 0
            || is_combining(c)
            || ('\u{1160}'..='\u{11ff}').contains(&c);
        match clusters.last_mut() {
            Some(last) if joins => last.end = i + c.len_utf8(),
            _ => clusters.push(i..i + c.len_utf8()),
        }
    }
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    for r in clusters {
        let cluster = &s[r.clone()];
        if is_nfc(cluster) {
            continue;
        }
        let nfc: String = cluster.nfc().collect();
        if same_look(cluster, &nfc) {
            continue;
        }
        match out.last_mut() {
            Some((last, n)) if last.end == r.start => {
                last.end = r.end;
                n.push_str(&nfc);
            }
            _ => out.push((r, nfc)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_minimal() {
        let runs = non_nfc_runs("cafe\u{301}s");
        assert_eq!(runs, vec![(3..6, "é".to_string())]);
    }
}
