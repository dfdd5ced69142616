//! LNK002 `insecure-link`: `http://` to a host known to serve HTTPS.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Collector, Context, Fixable, Group, Rule, RuleMeta};
use crate::rules::link_sites::{https_hosts, sites, web_url};
use crate::text::links::hosts::{canonical_host, https_reason};

pub static META: RuleMeta = RuleMeta {
    code: "LNK002",
    name: "insecure-link",
    group: Group::Lnk,
    summary: "http:// link to a host known to serve HTTPS",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK002"),
};

pub struct InsecureLink;

/// What every page contributes: the hosts it links with `https://`
/// (a byte scan, code included: a site's pages teach which hosts it
/// serves over HTTPS).
static HTTPS_HOSTS: Collector = Collector {
    key: "https-hosts",
    version: 1,
    scan: |bytes, out| {
        for h in crate::text::links::hosts::scan_https_hosts(bytes).lines() {
            *out.entry(h.to_string()).or_default() += 1;
        }
    },
};

impl Rule for InsecureLink {
    fn collector(&self) -> Option<&'static Collector> {
        Some(&HTTPS_HOSTS)
    }

    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let lnk = &ctx.settings.lnk;
        let all = sites(ctx.doc);
        let mut page_https: Option<Vec<String>> = None;
        for site in &all {
            let written = &text[site.range.clone()];
            if written.len() < 5
                || !written
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("http:"))
            {
                continue;
            }
            let Some(url) = web_url(text, site) else {
                continue;
            };
            // A scheme-less `www.example.org` in prose names a host more
            // than it links to it: rewriting the sentence is not ours.
            let Some(scheme) = url.parts.scheme.clone() else {
                continue;
            };
            let insecure = text[scheme.clone()].eq_ignore_ascii_case("http");
            if !insecure || url.parts.port.is_some() {
                continue;
            }
            let canonical = canonical_host(&url.host, &lnk.host_aliases).map(|c| c.0);
            let known = |h: &str, page: &mut Option<Vec<String>>| -> Option<String> {
                if let Some(r) = https_reason(h, &lnk.extra_https_hosts) {
                    return Some(r);
                }
                let page = page.get_or_insert_with(|| https_hosts(ctx.doc, &all));
                if page.iter().any(|p| p == h) {
                    return Some(format!("this page links `{h}` with https:// elsewhere"));
                }
                if ctx
                    .workspace
                    .tally(&HTTPS_HOSTS, ctx.path)
                    .is_some_and(|t| t.counts.contains_key(h))
                {
                    return Some(format!(
                        "other pages of this repository link `{h}` with https://"
                    ));
                }
                None
            };
            let Some(why) = known(&url.host, &mut page_https)
                .or_else(|| canonical.as_deref().and_then(|c| known(c, &mut page_https)))
            else {
                continue;
            };
            let d = Diagnostic::new(
                &META,
                scheme.clone(),
                format!("`http://` link to `{}`, which serves HTTPS", url.host),
            )
            .with_help(why)
            .with_fix(Fix::safe(
                "Use `https://`",
                vec![Edit::replace(scheme, "https")],
            ));
            out.push(d);
        }
    }
}
