//! MD045 `no-alt-text`: an image without alternate text: `![](logo.png)`,
//! or an HTML `<img>` without an `alt` attribute (unless it is
//! `aria-hidden="true"`). As in markdownlint: an alt of spaces is text, an
//! `<img>` inside an HTML comment is not an image.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

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

/// The tags of an HTML fragment, comments skipped: (start, end) offsets.
fn tags(html: &str) -> Vec<std::ops::Range<usize>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |q| start + 4 + q + 3);
            continue;
        }
        let mut j = start + 1;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        out.push(start..end);
        i = end;
    }
    out
}

/// markdownlint's `getHtmlAttributeRe(name)`: `\sNAME\s*=\s*['"]?([^'"\s>]*)`,
/// case-insensitive; the value when the attribute is there.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        if !lower[..at].ends_with(char::is_whitespace) {
            continue;
        }
        let rest = tag[at + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        let end = rest
            .find(|c: char| c == '"' || c == '\'' || c == '>' || c.is_whitespace())
            .unwrap_or(rest.len());
        return Some(&rest[..end]);
    }
    None
}

/// An `<img>` opening tag that needs an `alt` and has none.
fn img_without_alt(tag: &str) -> bool {
    let name_end = tag[1..]
        .find(|c: char| c == '/' || c == '>' || c.is_whitespace())
        .map_or(tag.len(), |p| p + 1);
    tag[1..name_end].eq_ignore_ascii_case("img")
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
    use super::{img_without_alt, tags};

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
        let h = r#"<p><!-- <img src=x> --><img src="a>b.png"></p>"#;
        let t: Vec<&str> = tags(h).into_iter().map(|r| &h[r]).collect();
        assert_eq!(t, ["<p>", r#"<img src="a>b.png">"#, "</p>"]);
    }
}
