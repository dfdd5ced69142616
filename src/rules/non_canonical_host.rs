//! LNK001 `non-canonical-host`: a link to an alias of a host
//! (`www.github.com`, `en.m.wikipedia.org`) or a host written with capitals.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::rules::link_sites::{quick_host, sites, web_url};
use crate::text::links::hosts::canonical_host;

pub static META: RuleMeta = RuleMeta {
    code: "LNK001",
    name: "non-canonical-host",
    group: Group::Lnk,
    summary: "Link to an alias of a host (www.github.com, mobile hosts) instead of the canonical host",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK001"),
};

pub struct NonCanonicalHost;

impl Rule for NonCanonicalHost {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let lnk = &ctx.settings.lnk;
        for site in sites(ctx.doc) {
            // A scheme-less `www.example.org` in prose names a host more
            // than it links to it: rewriting the sentence is not ours.
            if site.scheme_less_bare(text) {
                continue;
            }
            // Fast path: a lowercase host that is no alias.
            if let Some(h) = quick_host(&text[site.range.clone()])
                && !h.bytes().any(|b| b.is_ascii_uppercase())
                && canonical_host(h, &lnk.host_aliases).is_none()
            {
                continue;
            }
            let Some(url) = web_url(text, &site) else {
                continue;
            };
            let Some(host_range) = url.parts.host.clone() else {
                continue;
            };
            let written = &text[host_range.clone()];
            let (canonical, why) = match canonical_host(&url.host, &lnk.host_aliases) {
                Some(c) => c,
                None if written != url.host => (
                    url.host.clone(),
                    "host names are case-insensitive; the lowercase spelling is canonical"
                        .to_string(),
                ),
                None => continue,
            };
            if canonical == written {
                continue;
            }
            let replacement = canonical.clone();
            out.push(
                Diagnostic::new(
                    &META,
                    host_range.clone(),
                    format!("`{written}` is an alias of `{canonical}`"),
                )
                .with_help(why)
                .with_fix(Fix::safe(
                    format!("Link to `{canonical}`"),
                    vec![Edit::replace(host_range, replacement)],
                )),
            );
        }
    }
}
