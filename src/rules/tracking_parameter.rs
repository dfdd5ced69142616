//! LNK003 `tracking-parameter`: query parameters that only track the
//! visitor or the sharer (`utm_*`, `fbclid`, `si` on YouTube, …).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::rules::link_sites::{sites, web_url};
use crate::text::links::tracking;
use crate::text::links::url::params;

pub static META: RuleMeta = RuleMeta {
    code: "LNK003",
    name: "tracking-parameter",
    group: Group::Lnk,
    summary: "Tracking parameter in a link (utm_*, fbclid, si on YouTube, …)",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK003"),
};

pub struct TrackingParameter;

impl Rule for TrackingParameter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let extra = &ctx.settings.lnk.tracking_parameters;
        if !text.contains('?') {
            return;
        }
        for site in sites(ctx.doc) {
            let Some(url) = web_url(text, &site) else {
                continue;
            };
            let Some(query) = url.parts.query.clone() else {
                continue;
            };
            if text[query.clone()].contains("{{") || text[query.clone()].contains("{%") {
                continue; // a template fills it in
            }
            let pairs = params(text, &query);
            let mut kept = Vec::new();
            let mut found = Vec::new();
            for p in &pairs {
                match tracking::find(&text[p.name.clone()], &url.host, extra) {
                    Some(t) => found.push((p, t)),
                    None => kept.push(p),
                }
            }
            let Some(first) = found.first() else {
                continue;
            };
            let last = found.last().expect("not empty");
            let range = first.0.range.start..last.0.range.end;
            let names: Vec<String> = found
                .iter()
                .map(|(p, _)| format!("`{}`", &text[p.name.clone()]))
                .collect();
            let (message, help) = if found.len() == 1 {
                (
                    format!("tracking parameter {}", names[0]),
                    format!("{}; the page is the same without it", first.1.reason),
                )
            } else {
                let mut reasons: Vec<&str> = Vec::new();
                for (_, t) in &found {
                    if !reasons.contains(&t.reason.as_str()) {
                        reasons.push(&t.reason);
                    }
                }
                (
                    format!("tracking parameters {}", names.join(", ")),
                    format!("{}; the page is the same without them", reasons.join("; ")),
                )
            };
            let edit = if kept.is_empty() {
                Edit::delete(query.start - 1..query.end)
            } else {
                // Keep the page's own separator (`&`, `&amp;` or `;`).
                let sep = pairs
                    .windows(2)
                    .next()
                    .map(|w| &text[w[0].range.end..w[1].range.start])
                    .unwrap_or("&");
                let joined: Vec<&str> = kept.iter().map(|p| &text[p.range.clone()]).collect();
                Edit::replace(query.clone(), joined.join(sep))
            };
            let fix_message = if found.len() == 1 {
                format!("Remove {}", names[0])
            } else {
                format!("Remove {}", names.join(", "))
            };
            out.push(
                Diagnostic::new(&META, range, message)
                    .with_help(help)
                    .with_fix(Fix::safe(fix_message, vec![edit])),
            );
        }
    }
}
