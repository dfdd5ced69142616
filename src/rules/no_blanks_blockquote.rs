//! MD028 `no-blanks-blockquote`: blank lines between two block quotes, which
//! some renderers join into one quote and others (CommonMark) keep apart.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD028",
    name: "no-blanks-blockquote",
    group: Group::Md,
    summary: "Blank line inside blockquote",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD028"),
};

pub struct NoBlanksBlockquote;

impl Rule for NoBlanksBlockquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let nodes = &doc.outline;
        for (i, q) in nodes.iter().enumerate() {
            if q.kind != NodeKind::BlockQuote {
                continue;
            }
            let Some(next) = nodes[i + 1..].iter().find(|n| n.parent == q.parent) else {
                continue;
            };
            if next.kind != NodeKind::BlockQuote || next.first_line <= q.last_line + 1 {
                continue;
            }
            let between = q.last_line + 1..next.first_line;
            if !between.clone().all(|l| doc.line_text(l).trim().is_empty()) {
                continue;
            }
            for l in between {
                let r = doc.lines.line_range(doc.text, l);
                out.push(
                    Diagnostic::new(
                        &META,
                        r.start..r.end,
                        "blank line between two block quotes",
                    )
                    .with_help(
                        "write `>` on the line to make one quote, or put text between the two quotes",
                    ),
                );
            }
        }
    }
}
