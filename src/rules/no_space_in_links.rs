//! MD039 `no-space-in-links`: `[ text ](url)`, a link text that starts or
//! ends with whitespace. As in markdownlint: links only (not images), inline
//! and reference links that resolve; spaces on the text's first line are
//! reported at them, a text that starts with a line ending is reported on
//! its next line (and one that ends with one on its previous line), without
//! a fix.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD039",
    name: "no-space-in-links",
    group: Group::Md,
    summary: "Spaces inside link text",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD039"),
};

pub struct NoSpaceInLinks;

/// Whitespace that is not a line ending (`[^\S\r\n]`).
fn blank(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

impl Rule for NoSpaceInLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for link in &doc.links {
            let resolves = match link.kind {
                LinkKind::Inline => true,
                LinkKind::Reference => link.dest.is_some(),
                _ => false,
            };
            if link.image || !resolves || link.text.is_empty() {
                continue;
            }
            let text = doc.slice(&link.text);
            if text.trim().is_empty() {
                // Only spaces: reported at both ends, as markdownlint does;
                // deleting them would leave nothing to click, so no fix.
                let r = link.text.clone();
                let m = message(&shown(doc, &link.range));
                out.push(Diagnostic::new(&META, r.clone(), m.clone()));
                out.push(Diagnostic::new(&META, r, m));
                continue;
            }
            let shown = shown(doc, &link.range);
            let lead = text.len() - text.trim_start_matches(blank).len();
            if lead > 0 {
                let r = link.text.start..link.text.start + lead;
                // Spaces before markup (an image, code, emphasis) are a
                // text node of their own: deleting it changes the inline
                // structure, which the fix guard refuses.
                let plain = !text[lead..].starts_with(['!', '[', '<', '`', '*', '_', '&', '\\']);
                out.push(finding(r, &shown, true, plain));
            } else if text.starts_with(char::is_whitespace) {
                // A line ending first: the next line, no range to delete.
                let nl = text.find('\n').map_or(0, |p| p + 1);
                let r = link.text.start + nl..link.text.start + nl;
                out.push(Diagnostic::new(&META, r, message(&shown)));
            }
            let trail = text.len() - text.trim_end_matches(blank).len();
            if trail > 0 {
                let r = link.text.end - trail..link.text.end;
                let plain =
                    !text[..text.len() - trail].ends_with([')', ']', '>', '`', '*', '_', ';']);
                out.push(finding(r, &shown, false, plain));
            } else if text.ends_with(char::is_whitespace) {
                let body = text.trim_end();
                let nl = body.len();
                let r = link.text.start + nl..link.text.start + nl;
                out.push(Diagnostic::new(&META, r, message(&shown)));
            }
        }
    }
}

fn shown(doc: &crate::document::Document<'_>, range: &Range<usize>) -> String {
    doc.slice(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn message(shown: &str) -> String {
    format!("Spaces inside link text: {shown}")
}

fn finding(range: Range<usize>, shown: &str, start: bool, fix: bool) -> Diagnostic {
    let side = if start { "before" } else { "after" };
    let d = Diagnostic::new(&META, range.clone(), message(shown));
    if !fix {
        return d;
    }
    d.with_fix(Fix::safe(
        format!("Remove the spaces {side} the link text"),
        vec![Edit::delete(range)],
    ))
}
