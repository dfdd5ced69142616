//! LNK005 `bare-url`: a URL or e-mail address written bare, which only
//! GFM's autolink extension turns into a link.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "LNK005",
    name: "bare-url",
    group: Group::Lnk,
    summary: "Bare URL: a link only in renderers with GFM autolinks; write <url>",
    fixable: Fixable::Always,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK005"),
};

pub struct BareUrl;

impl Rule for BareUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        for link in &ctx.doc.links {
            if link.kind != LinkKind::Bare {
                continue;
            }
            let Some(dest) = link.dest.clone() else {
                continue;
            };
            let written = &text[dest.clone()];
            if written.contains(['<', '>', ' ']) {
                continue;
            }
            let lower = written.to_ascii_lowercase();
            let has_scheme = crate::text::links::url::split(written).scheme.is_some();
            // `<www.x.org>` is no autolink: keep the href the renderer gave.
            let prefix = if !has_scheme && lower.starts_with("www.") {
                "http://"
            } else {
                ""
            };
            let what = if link.url.starts_with("mailto:") && !lower.starts_with("mailto:") {
                "bare e-mail address"
            } else {
                "bare URL"
            };
            if dest.is_empty() {
                continue;
            }
            let replacement = format!("<{prefix}{written}>");
            let message = format!("Write `{replacement}`");
            let edits = vec![Edit::replace(dest.clone(), replacement.clone())];
            // Angle brackets make an autolink only of what CommonMark
            // accepts as one (GFM's e-mail and URL detection is looser), and
            // `<` must not open something else: check the page's shape.
            let fix = if crate::text::links::url::is_angle_autolink(
                &replacement[1..replacement.len() - 1],
            ) && !text[..dest.start].ends_with('<')
                && ctx.doc.edit_keeps_structure(dest.clone(), &replacement)
            {
                Fix::safe(message, edits)
            } else {
                Fix::display_only(message, edits)
            };
            out.push(
                Diagnostic::new(&META, dest.clone(), format!("{what} `{written}`"))
                    .with_help(
                        "only renderers with GFM's autolink extension make this a link (kramdown, Jekyll's default, does not); angle brackets make it a link everywhere",
                    )
                    .with_fix(fix),
            );
        }
    }
}
