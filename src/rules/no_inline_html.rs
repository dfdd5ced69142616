//! MD033 `no-inline-html`: raw HTML in the page. As in markdownlint: every
//! opening tag, inline or in an HTML block, whose element is not in
//! `allowed_elements` (`table_allowed_elements` inside a table cell);
//! closing tags and comments are not reported.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::html::{tag_info, tags};

pub static META: RuleMeta = RuleMeta {
    code: "MD033",
    name: "no-inline-html",
    group: Group::Md,
    summary: "Inline HTML",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD033"),
};

crate::rule_options! {
    /// Options of MD033 (markdownlint's names and defaults).
    pub struct Md033Options {
        /// Elements allowed (names, any case).
        pub allowed_elements: Vec<String> = Vec::new();
        /// Elements allowed inside tables (`[]`: the same as `allowed_elements`).
        pub table_allowed_elements: Vec<String> = Vec::new();
    }
}

pub struct NoInlineHtml;

impl Rule for NoInlineHtml {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md033Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if doc.html.is_empty() {
            return;
        }
        let o = ctx.settings.rules.get::<Md033Options>(META.code);
        let lower = |v: &[String]| v.iter().map(|e| e.to_lowercase()).collect::<Vec<_>>();
        let allowed = lower(&o.allowed_elements);
        let in_table = if o.table_allowed_elements.is_empty() {
            allowed.clone()
        } else {
            lower(&o.table_allowed_elements)
        };
        let cells: Vec<&std::ops::Range<usize>> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::TableCell { .. }))
            .map(|b| &b.range)
            .collect();
        for h in doc.html.iter().filter(|h| !h.comment || h.block) {
            let html = doc.slice(&h.range);
            let table = !h.block
                && cells
                    .iter()
                    .any(|c| c.start <= h.range.start && h.range.end <= c.end);
            let ok = if table { &in_table } else { &allowed };
            for t in tags(html) {
                let Some((name, false)) = tag_info(&html[t.clone()]) else {
                    continue;
                };
                if ok.contains(&name.to_lowercase()) {
                    continue;
                }
                let range = h.range.start + t.start..h.range.start + t.end;
                out.push(
                    Diagnostic::new(&META, range, format!("Inline HTML: element `{name}`"))
                        .with_help(
                            "write it in Markdown, or allow the element with `allowed_elements`",
                        ),
                );
            }
        }
    }
}
