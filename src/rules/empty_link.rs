//! LNK006 `empty-link`: a link that goes nowhere (`[text]()`, `[text](#)`)
//! or that shows nothing (`[](url)`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "LNK006",
    name: "empty-link",
    group: Group::Lnk,
    summary: "Link with an empty destination or without text",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK006"),
};

pub struct EmptyLink;

impl Rule for EmptyLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for link in &doc.links {
            if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                continue;
            }
            let Some(dest) = &link.dest else {
                continue;
            };
            let what = if link.image { "image" } else { "link" };
            let d = doc.slice(dest).trim();
            if d.is_empty() || d == "#" {
                let message = if d.is_empty() {
                    format!("{what} with an empty destination")
                } else {
                    format!("{what} to `#`, which goes nowhere")
                };
                out.push(
                    Diagnostic::new(&META, link.range.clone(), message).with_help(
                        "give the link its target, or remove the brackets and keep the text",
                    ),
                );
                continue;
            }
            if !link.image && doc.slice(&link.text).trim().is_empty() {
                out.push(
                    Diagnostic::new(&META, link.range.clone(), "link without text")
                        .with_help("a reader sees nothing to click: write the link's text between the brackets"),
                );
            }
        }
    }
}
