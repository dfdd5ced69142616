//! ENC001 `mojibake`: UTF-8 text that was decoded through a legacy code
//! page. Detection lives in [`crate::text::mojibake`]; this rule reports
//! its repairs.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::mojibake::Confidence;

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

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        for r in &ctx.doc.mojibake().repairs {
            let word = word_around(text, &r.range);
            let fixed = format!(
                "{}{}{}",
                &text[word.start..r.range.start],
                r.replacement,
                &text[r.range.end..word.end]
            );
            let message = r.message(&text[word.clone()], &fixed);
            let names: Vec<&str> = r.chain.iter().map(|cp| cp.name()).collect();
            let fix_msg = format!("Re-encode as {} and decode as UTF-8", names.join(", then "));
            let edit = vec![Edit::replace(r.range.clone(), r.replacement.clone())];
            let mut d = Diagnostic::new(&META, r.range.clone(), message);
            d = if r.in_code {
                // Code is the author's: report, suggest, never apply.
                d.with_fix(Fix::display_only(fix_msg, edit))
                    .with_help("inside code pagelint does not repair text; check it by hand")
            } else {
                match r.confidence {
                    Confidence::Strong => d.with_fix(Fix::safe(fix_msg, edit)),
                    Confidence::Ambiguous => d
                        .with_fix(Fix::unsafe_edit(fix_msg, edit))
                        .with_help("more than one code page explains this text; check the repair"),
                }
            };
            out.push(d);
        }
    }
}
