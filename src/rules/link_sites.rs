//! Where a page writes URLs, for the LNK rules: the destination of every
//! inline link and image, every reference definition (a reference link is
//! fixed in its definition, once), every autolink and every front-matter
//! value that is a URL. Not a rule.

use std::ops::Range;

use crate::document::{Document, LinkKind};
use crate::text::links::url::{UrlParts, split};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteKind {
    /// `[text](url)` or `![alt](url)`.
    Inline,
    /// `[label]: url`.
    Definition,
    /// `<https://…>`.
    Angle,
    /// A bare URL turned into a link by GFM.
    Bare,
    /// A front-matter value.
    FrontMatter,
}

/// One URL as written.
#[derive(Debug, Clone)]
pub struct Site {
    pub kind: SiteKind,
    /// The URL's bytes in the page.
    pub range: Range<usize>,
    /// The URL of an image (or a definition only images use).
    pub image: bool,
}

impl Site {
    /// A bare `www.…` autolink without scheme: a fix must keep it a valid
    /// autolink, so it may not drop the `www.` without adding a scheme.
    pub fn scheme_less_bare(&self, text: &str) -> bool {
        self.kind == SiteKind::Bare && text[self.range.clone()].len() > 4 && {
            let t = &text[self.range.clone()];
            t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
        }
    }
}

/// Every URL site of the page, in source order, each once.
pub fn sites(doc: &Document<'_>) -> Vec<Site> {
    let mut out = Vec::new();
    for link in &doc.links {
        let kind = match link.kind {
            LinkKind::Inline => SiteKind::Inline,
            LinkKind::Angle => SiteKind::Angle,
            LinkKind::Bare => SiteKind::Bare,
            LinkKind::FrontMatter => SiteKind::FrontMatter,
            LinkKind::Reference => continue,
        };
        if let Some(dest) = &link.dest {
            out.push(Site {
                kind,
                range: dest.clone(),
                image: link.image,
            });
        }
    }
    // The labels images use, once (not a scan of every link per definition).
    let image_labels: std::collections::HashSet<&str> = doc
        .links
        .iter()
        .filter(|l| l.image)
        .filter_map(|l| l.label.as_deref())
        .collect();
    for d in &doc.definitions {
        let image = image_labels.contains(d.label.as_str());
        out.push(Site {
            kind: SiteKind::Definition,
            range: d.dest.clone(),
            image,
        });
    }
    out.sort_by_key(|s| s.range.start);
    out.dedup_by_key(|s| s.range.clone());
    out
}

/// A web URL at a site: its parts (ranges into the page) and its host in
/// lowercase.
pub struct WebUrl {
    pub parts: UrlParts,
    pub host: String,
}

/// The site's URL split, with ranges shifted to page offsets, when it is
/// an `http(s)` URL (or a scheme-less `www.` autolink) with a host.
pub fn web_url(text: &str, site: &Site) -> Option<WebUrl> {
    let url = &text[site.range.clone()];
    let p = split(url);
    if !p.is_web(url) {
        return None;
    }
    let shift =
        |r: Option<Range<usize>>| r.map(|r| r.start + site.range.start..r.end + site.range.start);
    let host = url[p.host.clone()?].to_ascii_lowercase();
    Some(WebUrl {
        host,
        parts: UrlParts {
            scheme: shift(p.scheme),
            host: shift(p.host),
            port: shift(p.port),
            path: p.path.start + site.range.start..p.path.end + site.range.start,
            query: shift(p.query),
            fragment: shift(p.fragment),
        },
    })
}

/// Fast path: the host of an `http(s)://` URL as written, when it is
/// plain (no user info, port or IPv6 brackets); `None` otherwise.
pub fn quick_host(written: &str) -> Option<&str> {
    let rest = if written.len() > 8
        && written
            .get(..8)
            .is_some_and(|p| p.eq_ignore_ascii_case("https://"))
    {
        &written[8..]
    } else if written.len() > 7
        && written
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("http://"))
    {
        &written[7..]
    } else {
        return None;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    (!host.is_empty() && !host.contains(['@', ':', '['])).then_some(host)
}

/// Hosts this page itself links with `https://` (lowercase).
pub fn https_hosts(doc: &Document<'_>, sites: &[Site]) -> Vec<String> {
    let mut hosts: Vec<String> = sites
        .iter()
        .filter_map(|s| {
            let w = web_url(doc.text, s)?;
            let scheme = &doc.text[w.parts.scheme.clone()?];
            scheme.eq_ignore_ascii_case("https").then_some(w.host)
        })
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}
