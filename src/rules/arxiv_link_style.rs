//! LNK004 `arxiv-link-style`: arXiv papers linked one way on a page:
//! `/abs/ID` (the default) or `/pdf/ID`, without a `.pdf` suffix; a version
//! suffix (`v2`) is kept.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::rules::link_sites::{sites, web_url};
use crate::settings::ArxivStyle;
use crate::text::links::arxiv::{self, Page};

pub static META: RuleMeta = RuleMeta {
    code: "LNK004",
    name: "arxiv-link-style",
    group: Group::Lnk,
    summary: "arXiv link to the PDF (or with a .pdf suffix) where the project links the abstract page",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK004"),
};

pub struct ArxivLinkStyle;

impl Rule for ArxivLinkStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        // Fast path: no arXiv host (`arxiv.org`, any case) on the page.
        let bytes = text.as_bytes();
        let has_arxiv = memchr::memmem::find_iter(bytes, b"iv.")
            .any(|i| i >= 3 && bytes[i - 3..i + 3].eq_ignore_ascii_case(b"arxiv."));
        if !has_arxiv {
            return;
        }
        let want = match ctx.settings.lnk.arxiv_style {
            ArxivStyle::Abs => Page::Abs,
            ArxivStyle::Pdf => Page::Pdf,
        };
        for site in sites(ctx.doc) {
            let Some(url) = web_url(text, &site) else {
                continue;
            };
            if !arxiv::is_arxiv_host(&url.host) {
                continue;
            }
            let Some(a) = arxiv::parse(text, &url.parts.path) else {
                continue;
            };
            // `…/pdf/ID#page=3` opens the PDF at a page on purpose.
            let page_fragment = url
                .parts
                .fragment
                .as_ref()
                .is_some_and(|f| text[f.clone()].starts_with("page="));
            let wrong_page = a.page != want && !(a.page == Page::Pdf && page_fragment);
            if !wrong_page && a.pdf_suffix.is_none() {
                continue;
            }
            let id = &text[a.id.clone()];
            let mut edits = Vec::new();
            if wrong_page {
                edits.push(Edit::replace(a.page_range.clone(), want.as_str()));
            }
            if let Some(s) = &a.pdf_suffix {
                edits.push(Edit::delete(s.clone()));
            }
            let target = format!("/{}/{id}", want.as_str());
            let message = if wrong_page {
                format!(
                    "arXiv link to `/{}/`; this project links papers as `/{}/`",
                    a.page.as_str(),
                    want.as_str()
                )
            } else {
                "arXiv link with a `.pdf` suffix".to_string()
            };
            let help = match (want, wrong_page) {
                (Page::Abs, true) => {
                    "the abstract page links the PDF, every version and the citation data; `arxiv-style = \"pdf\"` in `[lnk]` prefers PDFs"
                }
                (Page::Pdf, true) => {
                    "`arxiv-style = \"pdf\"` in `[lnk]`: this project links the PDFs"
                }
                (_, false) => "`arxiv.org/pdf/ID` serves the PDF without a `.pdf` suffix",
            };
            out.push(
                Diagnostic::new(&META, a.page_range.start..url.parts.path.end, message)
                    .with_help(help)
                    .with_fix(Fix::safe(format!("Link to `{target}`"), edits)),
            );
        }
    }
}
