//! MD042 `no-empty-links`: a link that goes nowhere: `[text]()`,
//! `[text](<>)`, `[text](#)`, or a reference whose definition is `#`. As in
//! markdownlint: links only (not images), whatever their text.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD042",
    name: "no-empty-links",
    group: Group::Md,
    summary: "No empty links",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD042"),
};

pub struct NoEmptyLinks;

impl Rule for NoEmptyLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for link in doc.links.iter().filter(|l| !l.image) {
            let empty = match link.kind {
                LinkKind::Inline => link
                    .dest
                    .as_ref()
                    .is_some_and(|d| matches!(doc.slice(d).trim(), "" | "#")),
                // A reference whose definition's destination is `#`.
                LinkKind::Reference => link
                    .definition
                    .and_then(|i| doc.definitions.get(i as usize))
                    .is_some_and(|d| doc.slice(&d.dest) == "#"),
                _ => false,
            };
            if empty {
                out.push(
                    Diagnostic::new(
                        &META,
                        link.range.clone(),
                        format!("No empty links: {}", doc.slice(&link.range)),
                    )
                    .with_help("give the link its destination, or keep the text without brackets"),
                );
            }
        }
    }
}
