//! ENC001 `mojibake`: UTF-8 text that was decoded through a legacy code
//! page. Detection lives in [`crate::text::mojibake`]; this rule reports
//! its repairs, one finding per garbled word.
//!
//! A page garbled whole (the page hypothesis) is one decision: every
//! distinct garbled word is named once, the first finding names the code
//! page and carries the one safe fix that repairs the whole page (code,
//! URLs, comments and front matter included); the others carry the repair
//! of their own word.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::mojibake::{Confidence, Repair, Scope};

pub static META: RuleMeta = RuleMeta {
    code: "ENC001",
    name: "mojibake",
    group: Group::Enc,
    summary: "UTF-8 text decoded through a legacy code page (Johab, windows-1252, Shift_JIS, …)",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("ENC001"),
};

pub struct Mojibake;

/// The word around `range` (up to whitespace or Markdown punctuation),
/// for the message.
pub fn word_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let stop = |c: char| c.is_whitespace() || "[]()*_`<>|\"".contains(c);
    let mut start = range.start;
    for (i, c) in text[..range.start].char_indices().rev() {
        if stop(c) || range.start - i > 60 {
            break;
        }
        start = i;
    }
    let mut end = range.end;
    for (i, c) in text[range.end..].char_indices() {
        if stop(c) || i > 60 {
            break;
        }
        end = range.end + i + c.len_utf8();
    }
    start..end
}

/// Punctuation that is not part of a word, at its edges.
fn edge_punct(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '#' | '&' | '@' | '$' | '%' | '+' | '=' | '~')
        || matches!(
            c,
            '¿' | '¡' | '“' | '”' | '‘' | '’' | '«' | '»' | '…' | '—' | '–'
        )
}

/// The garbled word around the repairs `group` (sorted, within one word),
/// without the punctuation around it, and the word repaired.
fn words(text: &str, group: &[&Repair]) -> (Range<usize>, String, String) {
    let first = &group[0].range;
    let last = &group[group.len() - 1].range;
    let w = word_around(text, &(first.start..last.end));
    let mut s = w.start;
    for (i, c) in text[w.start..first.start].char_indices() {
        if !edge_punct(c) {
            break;
        }
        s = w.start + i + c.len_utf8();
    }
    let mut e = w.end;
    for (i, c) in text[last.end..w.end].char_indices().rev() {
        if !edge_punct(c) {
            break;
        }
        e = last.end + i;
    }
    let mut fixed = String::new();
    let mut pos = s;
    for r in group {
        fixed.push_str(&text[pos..r.range.start]);
        fixed.push_str(&r.replacement);
        pos = r.range.end;
    }
    fixed.push_str(&text[pos..e]);
    (s..e, text[s..e].to_string(), fixed)
}

/// The repairs grouped by the word they are in (sorted).
fn by_word(text: &str, repairs: &[Repair]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut end = 0;
    for (i, r) in repairs.iter().enumerate() {
        let w = word_around(text, &r.range);
        let same = groups.last().is_some_and(|_| {
            let prev = &repairs[i - 1];
            prev.scope == r.scope
                && prev.in_code == r.in_code
                && prev.confidence == r.confidence
                && w.start < end
        });
        if same {
            groups.last_mut().unwrap().push(i);
        } else {
            groups.push(vec![i]);
        }
        end = w.end;
    }
    groups
}

fn chain_names(r: &Repair) -> String {
    let names: Vec<&str> = r.chain.iter().map(|cp| cp.name()).collect();
    names.join(", then ")
}

fn edits(group: &[&Repair]) -> Vec<Edit> {
    group
        .iter()
        .map(|r| Edit::replace(r.range.clone(), r.replacement.clone()))
        .collect()
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn reports_mojibake(&self) -> bool {
        true
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let repairs = &ctx.doc.mojibake().repairs;
        if repairs.is_empty() {
            return;
        }
        let page: Vec<&Repair> = repairs.iter().filter(|r| r.scope == Scope::Page).collect();
        let mut first_page = true;
        // Occurrences of each garbled word repaired by the page hypothesis.
        let mut page_words: Vec<(String, String, Range<usize>, Vec<Edit>)> = Vec::new();
        for g in by_word(text, repairs) {
            let group: Vec<&Repair> = g.iter().map(|&i| &repairs[i]).collect();
            let r = group[0];
            let (range, word, fixed) = words(text, &group);
            if r.scope == Scope::Page {
                match page_words.iter_mut().find(|(w, ..)| *w == word) {
                    Some(entry) => entry.3.extend(edits(&group)),
                    None => page_words.push((word, fixed, range, edits(&group))),
                }
                continue;
            }
            let how = how(r);
            let message = format!("UTF-8 text {how}: “{word}” should be “{fixed}”");
            let fix_msg = format!("Re-encode as {} and decode as UTF-8", chain_names(r));
            let mut d = Diagnostic::new(&META, range, message);
            d = if r.in_code {
                // Code is the author's: report, suggest, never apply.
                d.with_fix(Fix::display_only(fix_msg, edits(&group)))
                    .with_help("inside code pagelint repairs text only when the whole page or block is garbled the same way; check it by hand")
            } else {
                match r.confidence {
                    Confidence::Strong => d.with_fix(Fix::safe(fix_msg, edits(&group))),
                    Confidence::Ambiguous => d
                        .with_fix(Fix::unsafe_edit(fix_msg, edits(&group)))
                        .with_help("more than one code page explains this text; check the repair"),
                }
            };
            out.push(d);
        }
        let n = page_words.len();
        for (word, fixed, range, word_edits) in page_words {
            let r = page[0];
            if first_page {
                first_page = false;
                let message = format!(
                    "the whole page is UTF-8 text {} ({n} garbled word{}): “{word}” should be “{fixed}”",
                    how(r),
                    if n == 1 { "" } else { "s" }
                );
                // The page's fix is the whole repair: the lossy traces its
                // code page reconstructs safely too (ENC004 reports them),
                // since once the page is repaired that evidence is gone.
                let mut all: Vec<Edit> = page
                    .iter()
                    .map(|r| Edit::replace(r.range.clone(), r.replacement.clone()))
                    .collect();
                for t in &ctx.doc.mojibake().lossy {
                    if let (true, Some(c)) = (t.safe, &t.candidate) {
                        all.push(Edit::replace(t.range.clone(), c.clone()));
                    }
                }
                all.sort_by_key(|e| e.range.start);
                let fix_msg = format!(
                    "Re-encode the whole page as {} and decode it as UTF-8",
                    chain_names(r)
                );
                out.push(
                    Diagnostic::new(&META, range, message)
                        .with_fix(Fix::safe(fix_msg, all).for_whole_page()),
                );
            } else {
                let message =
                    format!("garbled like the rest of the page: “{word}” should be “{fixed}”");
                let fix_msg = format!("Re-encode as {} and decode as UTF-8", chain_names(r));
                out.push(
                    Diagnostic::new(&META, range, message).with_fix(Fix::safe(fix_msg, word_edits)),
                );
            }
        }
    }
}

/// "read as windows-1252", "read 2 times, as windows-1252, then …".
fn how(r: &Repair) -> String {
    let names: Vec<&str> = r.chain.iter().map(|cp| cp.name()).collect();
    if names.len() == 1 {
        format!("read as {}", names[0])
    } else {
        format!("read {} times, as {}", names.len(), names.join(", then "))
    }
}
