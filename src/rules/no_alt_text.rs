//! MD045 `no-alt-text`: an image without alternate text: `![](logo.png)`,
//! or an HTML `<img>` without an `alt` attribute (unless it is
//! `aria-hidden="true"`). As in markdownlint: an alt of spaces is text, an
//! `<img>` inside an HTML comment is not an image.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::html::{attribute, tag_info, tags};

pub static META: RuleMeta = RuleMeta {
    code: "MD045",
    name: "no-alt-text",
    group: Group::Md,
    summary: "Images should have alternate text (alt text)",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD045"),
};

pub struct NoAltText;

/// An `<img>` opening tag that needs an `alt` and has none.
fn img_without_alt(tag: &str) -> bool {
    tag_info(tag).is_some_and(|(name, close)| !close && name.eq_ignore_ascii_case("img"))
        && attribute(tag, "alt").is_none()
        && !attribute(tag, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

impl Rule for NoAltText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for link in doc.links.iter().filter(|l| l.image) {
            let image = match link.kind {
                LinkKind::Inline => true,
                LinkKind::Reference => link.dest.is_some(),
                _ => false,
            };
            if image && link.text.is_empty() {
                out.push(
                    Diagnostic::new(
                        &META,
                        link.range.clone(),
                        format!("Image without alternate text: {}", doc.slice(&link.range)),
                    )
                    .with_help("describe the image between the brackets: `![what it shows](…)`"),
                );
            }
        }
        for h in doc.html.iter().filter(|h| !h.comment) {
            let html = doc.slice(&h.range);
            if !html.to_ascii_lowercase().contains("<img") {
                continue;
            }
            for t in tags(html) {
                let tag = &html[t.clone()];
                if img_without_alt(tag) {
                    let range = h.range.start + t.start..h.range.start + t.end;
                    out.push(
                        Diagnostic::new(&META, range, "Image without alternate text: `<img>` has no `alt`")
                            .with_help("add `alt=\"…\"` describing the image (`alt=\"\"` for a decorative one)"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::img_without_alt;

    #[test]
    fn img_tags() {
        assert!(img_without_alt(r#"<img src="a.png">"#));
        assert!(img_without_alt(r#"<IMG src="a.png"/>"#));
        assert!(img_without_alt(r#"<img src="a.png" alt>"#));
        assert!(!img_without_alt(r#"<img src="a.png" alt="">"#));
        assert!(!img_without_alt(r#"<img src="a.png" ALT = 'x'>"#));
        assert!(!img_without_alt(r#"<img src="a.png" aria-hidden="true">"#));
        assert!(img_without_alt(r#"<img src="a.png" aria-hidden="false">"#));
        assert!(!img_without_alt(r#"<image src="a.png">"#));
        assert!(!img_without_alt("</img>"));
    }
}
