//! LNK010 `link-whitespace`: whitespace at the edges of a link's text
//! (`[ text ](url)`) or inside the angle brackets of its destination
//! (`(< url >)`), and a space that keeps `[text] (url)` from being a link.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Inline, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::rules::link_sites::{SiteKind, sites};

pub static META: RuleMeta = RuleMeta {
    code: "LNK010",
    name: "link-whitespace",
    group: Group::Lnk,
    summary: "Whitespace at the edges of link text or destination, or between ] and (",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK010"),
};

pub struct LinkWhitespace;

impl Rule for LinkWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let bytes = text.as_bytes();
        for link in &doc.links {
            if link.image || !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                continue;
            }
            let t = link.text.clone();
            if t.is_empty() || t.start < 1 || bytes[t.start - 1] != b'[' {
                continue;
            }
            let inner = &text[t.clone()];
            if inner.trim().is_empty() {
                continue; // LNK006
            }
            let lead = inner.len() - inner.trim_start_matches([' ', '\t']).len();
            let trail = inner.len() - inner.trim_end_matches([' ', '\t']).len();
            if lead == 0 && trail == 0 {
                continue;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(t.start..t.start + lead));
                // Keep the words apart when the link was glued to them.
                let open = t.start - 1;
                let before = text[..open].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric()) {
                    edits.push(Edit::insert(open, " "));
                }
            }
            if trail > 0 {
                edits.push(Edit::delete(t.end - trail..t.end));
                let after = text[link.range.end..].chars().next();
                if after.is_some_and(|c| c.is_alphanumeric()) {
                    edits.push(Edit::insert(link.range.end, " "));
                }
            }
            let range = if lead > 0 && trail > 0 {
                t.clone()
            } else if lead > 0 {
                t.start..t.start + lead
            } else {
                t.end - trail..t.end
            };
            let place = match (lead > 0, trail > 0) {
                (true, true) => "at both ends of",
                (true, false) => "at the start of",
                _ => "at the end of",
            };
            out.push(
                Diagnostic::new(&META, range, format!("whitespace {place} the link text"))
                    .with_help("the spaces are underlined as part of the link; put them outside the brackets")
                    .with_fix(Fix::safe("Move the whitespace out of the link", edits)),
            );
        }
        // `(< url >)`: the spaces become part of the destination.
        for site in sites(doc) {
            if !matches!(site.kind, SiteKind::Inline | SiteKind::Definition) {
                continue;
            }
            let r = site.range.clone();
            if r.start == 0 || bytes[r.start - 1] != b'<' || r.is_empty() {
                continue;
            }
            let dest = &text[r.clone()];
            let lead = dest.len() - dest.trim_start().len();
            let trail = dest.len() - dest.trim_end().len();
            if (lead == 0 && trail == 0) || dest.trim().is_empty() {
                continue;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(r.start..r.start + lead));
            }
            if trail > 0 {
                edits.push(Edit::delete(r.end - trail..r.end));
            }
            out.push(
                Diagnostic::new(&META, r.clone(), "whitespace inside the link destination")
                    .with_help(
                        "inside `<…>` the spaces are part of the URL (`%20`), which breaks it",
                    )
                    .with_fix(Fix::safe("Remove the whitespace", edits)),
            );
        }
        // `[text] (https://…)`: not a link at all.
        if !text.contains("] (") {
            return;
        }
        for seg in &doc.segments {
            if seg.inline != Inline::Plain {
                continue;
            }
            let s = doc.slice(&seg.range);
            let mut from = 0;
            while let Some(i) = s[from..].find("] (") {
                let at = seg.range.start + from + i;
                from += i + 3;
                let Some(open) = text[..at].rfind('[') else {
                    continue;
                };
                if text[open..at].contains(['\n', ']']) || open < seg.range.start {
                    continue;
                }
                let dest_start = at + 3;
                let rest = &text[dest_start..];
                let Some(close) = rest.find(')') else {
                    continue;
                };
                let dest = &rest[..close];
                let urlish = [
                    "http://", "https://", "www.", "./", "../", "/", "#", "mailto:",
                ]
                .iter()
                .any(|p| dest.starts_with(p))
                    || dest.ends_with(".md")
                    || dest.ends_with(".html");
                if !urlish || dest.contains([' ', '\t', '\n']) || dest.is_empty() {
                    continue;
                }
                if doc.in_code(at) || doc.links.iter().any(|l| l.range.contains(&open)) {
                    continue;
                }
                let gap = at + 1..at + 2;
                out.push(
                    Diagnostic::new(&META, gap.clone(), "space between `]` and `(`: this is not a link")
                        .with_help(format!(
                            "Markdown needs `[text](url)` with nothing in between; as written, the page shows the brackets and `{dest}` as plain text"
                        ))
                        .with_fix(Fix::display_only("Remove the space", vec![Edit::delete(gap)])),
                );
            }
        }
    }
}
