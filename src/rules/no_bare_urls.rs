//! MD034 `no-bare-urls`: a URL or e-mail address written bare, which GFM's
//! autolink extension turns into a link. As in markdownlint: GFM's literal
//! autolinks (`https://…`, `www.…`, `ana@example.org`) outside code and HTML
//! blocks, except inside an inline HTML element (`<a href="…">https://…</a>`)
//! and between `<` and `>`.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::html::tag_info;
use crate::text::links::url::is_angle_autolink;

pub static META: RuleMeta = RuleMeta {
    code: "MD034",
    name: "no-bare-urls",
    group: Group::Md,
    summary: "Bare URL used",
    fixable: Fixable::Sometimes,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD034"),
};

pub struct NoBareUrls;

/// Is `offset` inside an inline HTML element of its block (an opening tag
/// before it whose closing tag comes after it)?
fn in_html_element(doc: &Document<'_>, block: &std::ops::Range<usize>, offset: usize) -> bool {
    let tags: Vec<(usize, String, bool)> = doc
        .html
        .iter()
        .filter(|h| !h.block && block.start <= h.range.start && h.range.end <= block.end)
        .filter_map(|h| {
            tag_info(doc.slice(&h.range)).map(|(n, c)| (h.range.start, n.to_string(), c))
        })
        .collect();
    let mut i = 0;
    while i < tags.len() && tags[i].0 < offset {
        let (_, name, close) = &tags[i];
        if !close {
            let mut count = 1;
            for (j, (at, n, c)) in tags.iter().enumerate().skip(i + 1) {
                if n == name {
                    if *c {
                        count -= 1;
                        if count == 0 {
                            if *at > offset {
                                return true;
                            }
                            i = j;
                            break;
                        }
                    } else {
                        count += 1;
                    }
                }
            }
        }
        i += 1;
    }
    false
}

impl Rule for NoBareUrls {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        for link in doc.links.iter().filter(|l| l.kind == LinkKind::Bare) {
            let range = link.range.clone();
            if range.is_empty() || doc.in_html_block(range.start) {
                continue;
            }
            if text[..range.start].ends_with('<') && text[range.end..].starts_with('>') {
                continue;
            }
            if let Some(b) = doc.blocks.get(link.block as usize)
                && in_html_element(doc, &b.range, range.start)
            {
                continue;
            }
            let written = &text[range.clone()];
            let replacement = format!("<{written}>");
            let edits = vec![Edit::replace(range.clone(), replacement.clone())];
            let message = format!("Write `{replacement}`");
            // `<www.…>` is no autolink, and `<` must not open something
            // else: a safe fix only where angle brackets make the same link.
            let fix = if is_angle_autolink(written)
                && !text[..range.start].ends_with('<')
                && doc.edit_keeps_structure(range.clone(), &replacement)
            {
                Fix::safe(message, edits)
            } else {
                Fix::display_only(message, edits)
            };
            out.push(
                Diagnostic::new(&META, range, format!("Bare URL used: {written}"))
                    .with_help("angle brackets make it a link in every renderer, not only with GFM's autolinks")
                    .with_fix(fix),
            );
        }
    }
}
