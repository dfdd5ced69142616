//! ENC004 `replacement-character`: U+FFFD and other traces of a lossy
//! decode.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ENC004",
    name: "replacement-character",
    group: Group::Enc,
    summary: "U+FFFD or other traces of a lossy decode",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("ENC004"),
};

pub struct ReplacementCharacter;

impl Rule for ReplacementCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        if !text.contains('\u{fffd}') {
            return;
        }
        let scan = ctx.doc.mojibake();
        for t in &scan.lossy {
            let shown = &text[t.range.clone()];
            let how = match t.codepage {
                Some(cp) => format!(" (UTF-8 read as {})", cp.name()),
                None => String::new(),
            };
            let message = format!(
                "text lost in a lossy decode{how}: “{shown}” holds U+FFFD REPLACEMENT CHARACTER"
            );
            let mut d = Diagnostic::new(&META, t.range.clone(), message);
            if let Some(c) = &t.candidate {
                let edit = vec![Edit::replace(t.range.clone(), c.clone())];
                let fix = if t.safe {
                    Fix::safe(format!("Reconstruct as “{c}”"), edit)
                } else if t.in_code {
                    Fix::display_only(format!("Reconstruct as “{c}”"), edit)
                } else {
                    Fix::unsafe_edit(format!("Reconstruct as “{c}”"), edit)
                };
                let why = if t.safe {
                    "the rest of the page is repaired with the same code page, and"
                } else {
                    "check it by hand:"
                };
                d = d.with_fix(fix).with_help(format!(
                    "{why} only one reading of the lost bytes gives plausible text: “{c}”"
                ));
            } else if !t.others.is_empty() {
                let list: Vec<String> = t.others.iter().map(|c| format!("“{c}”")).collect();
                d = d.with_help(format!(
                    "the lost bytes can be read several ways: {}; restore the right one from the original",
                    list.join(", ")
                ));
            } else {
                d = d.with_help(
                    "the lost characters cannot be reconstructed; restore them from the original",
                );
            }
            out.push(d);
        }
        // U+FFFD outside the scanned prose and code (URLs, HTML): report
        // without a reconstruction.
        for (i, _) in text.match_indices('\u{fffd}') {
            if scan.lossy.iter().any(|t| t.range.contains(&i)) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    i..i + 3,
                    "U+FFFD REPLACEMENT CHARACTER: a character was lost in a lossy decode",
                )
                .with_help(
                    "the lost character cannot be reconstructed; restore it from the original",
                ),
            );
        }
    }
}
