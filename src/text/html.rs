//! HTML tags in a fragment of raw HTML, as markdownlint's rules read them:
//! each opening or closing tag with its name, comments and declarations
//! skipped, quoted attribute values kept whole.

use std::ops::Range;

/// The tags of an HTML fragment (`<name …>`, `</name>`), in order; comments,
/// declarations and processing instructions skipped, and a `<` that opens
/// no tag (`a < b`, `<3`) left as text.
pub fn tags(html: &str) -> Vec<Range<usize>> {
    markup(html, false)
}

/// The tags and the comments of an HTML fragment, in order.
pub fn tags_and_comments(html: &str) -> Vec<Range<usize>> {
    markup(html, true)
}

fn markup(html: &str, comments: bool) -> Vec<Range<usize>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |q| start + 4 + q + 3);
            if comments {
                out.push(start..i);
            }
            continue;
        }
        let name_at = start + 1 + usize::from(rest.starts_with("</"));
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let mut j = name_at;
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
        if j >= b.len() {
            // No `>`: no tag.
            i = start + 1;
            continue;
        }
        out.push(start..j + 1);
        i = j + 1;
    }
    out
}

/// The name of a tag and whether it closes (`</a>`): markdownlint's
/// `^<([^!>][^/\s>]*)`. `None` for a comment or declaration.
pub fn tag_info(tag: &str) -> Option<(&str, bool)> {
    let rest = tag.strip_prefix('<')?;
    if rest.is_empty() || rest.starts_with(['!', '>']) {
        return None;
    }
    let end = rest[1..]
        .find(|c: char| c == '/' || c == '>' || c.is_whitespace())
        .map_or(rest.len(), |p| p + 1);
    let name = &rest[..end];
    Some(match name.strip_prefix('/') {
        Some(n) => (n, true),
        None => (name, false),
    })
}

/// markdownlint's `getHtmlAttributeRe(name)`: `\sNAME\s*=\s*['"]?([^'"\s>]*)`,
/// case-insensitive; the value when the attribute is there with a value.
pub fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_names_attributes() {
        let h = r#"<p><!-- <img src=x> --><img src="a>b.png"> a < b <3</p>"#;
        let t: Vec<&str> = tags(h).into_iter().map(|r| &h[r]).collect();
        assert_eq!(t, ["<p>", r#"<img src="a>b.png">"#, "</p>"]);
        let t: Vec<&str> = tags_and_comments(h).into_iter().map(|r| &h[r]).collect();
        assert_eq!(
            t,
            [
                "<p>",
                "<!-- <img src=x> -->",
                r#"<img src="a>b.png">"#,
                "</p>"
            ]
        );
        assert_eq!(tag_info("<a href=\"x\">"), Some(("a", false)));
        assert_eq!(tag_info("</a>"), Some(("a", true)));
        assert_eq!(tag_info("<br/>"), Some(("br", false)));
        assert_eq!(tag_info("<!-- x -->"), None);
        assert_eq!(attribute(r#"<img ALT = 'x'>"#, "alt"), Some("x"));
        assert_eq!(attribute(r#"<img alt>"#, "alt"), None);
        assert_eq!(attribute(r#"<img data-alt="y">"#, "alt"), None);
    }
}
