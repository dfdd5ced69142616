//! MD019 `no-multiple-space-atx`: more than one space or tab between the
//! `#` characters of an ATX heading and its text (or, in an empty heading,
//! after them). Closed headings (`## Title ##`) are left to MD021.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD019",
    name: "no-multiple-space-atx",
    group: Group::Md,
    summary: "Multiple spaces after hash on atx style heading",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD019"),
};

pub struct NoMultipleSpaceAtx;

impl Rule for NoMultipleSpaceAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let bytes = doc.text.as_bytes();
        for b in &doc.blocks {
            if !matches!(b.kind, BlockKind::Heading { .. }) {
                continue;
            }
            // An ATX heading's range starts at its first `#` (a setext
            // heading's at its text).
            let start = b.range.start;
            let hashes = bytes[start..].iter().take_while(|&&c| c == b'#').count();
            if hashes == 0 || hashes > 6 {
                continue;
            }
            let ws_start = start + hashes;
            let ws = bytes[ws_start..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            // A closed heading (`## Title ##`) is MD021's; an empty heading
            // (`#   `) counts, as in markdownlint.
            let line = doc.lines.line_range(doc.text, doc.lines.line_of(start));
            let closed = {
                let t = doc.text[ws_start..line.end].trim_end();
                !t.is_empty() && t.ends_with('#')
            };
            if ws < 2 || closed {
                continue;
            }
            let range = ws_start..ws_start + ws;
            out.push(
                Diagnostic::new(
                    &META,
                    range.clone(),
                    format!(
                        "{ws} spaces after the `{}` of a heading",
                        "#".repeat(hashes)
                    ),
                )
                .with_fix(Fix::safe("Keep one space", vec![Edit::replace(range, " ")])),
            );
        }
    }
}
