//! The anchors of a page: what `page.md#fragment` may name. Heading slugs
//! (see [`crate::text::links::slug`] for the algorithms), `{#id}` heading
//! attributes (kramdown, mdBook, Pandoc), kramdown `{: #id}` attribute
//! lists, and `id`/`name` attributes of raw HTML.

use std::collections::{HashMap, HashSet};

use super::{Block, BlockKind, Document, Inline};
use crate::text::links::slug;

/// The heading's text, and the id of a trailing `{#id}` attribute.
pub fn heading_text(doc: &Document<'_>, block: &Block) -> (String, Option<String>) {
    let mut parts: Vec<(usize, String)> = Vec::new();
    for s in &doc.segments {
        if s.range.start >= block.range.start
            && s.range.end <= block.range.end
            && !matches!(s.inline, Inline::ImageAlt(_))
        {
            parts.push((s.range.start, decode(doc.slice(&s.range))));
        }
    }
    for c in &doc.code {
        if !c.block && c.range.start >= block.range.start && c.range.end <= block.range.end {
            parts.push((c.content.start, doc.slice(&c.content).trim().to_string()));
        }
    }
    parts.sort_by_key(|p| p.0);
    let mut text: String = parts.into_iter().map(|p| p.1).collect();
    let mut id = None;
    let trimmed = text.trim_end();
    if trimmed.ends_with('}')
        && let Some(open) = trimmed.rfind('{')
    {
        let attr = &trimmed[open + 1..trimmed.len() - 1];
        let attr = attr.trim_start_matches(':').trim();
        if let Some(rest) = attr.strip_prefix('#') {
            let name: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '}')
                .collect();
            if !name.is_empty() {
                id = Some(name);
                text.truncate(open);
                text.truncate(text.trim_end().len());
            }
        }
    }
    (text, id)
}

/// Decode backslash escapes and the common entities of a source run.
fn decode(s: &str) -> String {
    if !s.contains(['\\', '&']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['\\', '&']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('\\') {
            match after.chars().next() {
                Some(c) if c.is_ascii_punctuation() => {
                    out.push(c);
                    rest = &after[1..];
                }
                _ => {
                    out.push('\\');
                    rest = after;
                }
            }
            continue;
        }
        let entity = [
            ("&amp;", "&"),
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
            ("&nbsp;", "\u{a0}"),
        ]
        .into_iter()
        .find(|(e, _)| tail.starts_with(e));
        match entity {
            Some((e, c)) => {
                out.push_str(c);
                rest = &tail[e.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Values of `id="…"` and `name="…"` attributes in `html`.
fn html_ids(html: &str, out: &mut HashSet<String>) {
    let lower = html.to_ascii_lowercase();
    for attr in ["id=", "name="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(attr) {
            let at = from + i;
            from = at + attr.len();
            let before = lower[..at].chars().next_back();
            if !before.is_some_and(|c| c.is_whitespace()) {
                continue;
            }
            let rest = &html[from..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            if !value.is_empty() {
                out.insert(value.to_lowercase());
            }
        }
    }
}

pub fn anchors(doc: &Document<'_>) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut seen: [HashMap<String, usize>; 3] = Default::default();
    for block in &doc.blocks {
        if !matches!(block.kind, BlockKind::Heading { .. }) {
            continue;
        }
        let (text, id) = heading_text(doc, block);
        if let Some(id) = id {
            out.insert(id.to_lowercase());
        }
        // GitHub keeps the space of "Title [![badge](…)](…)" (`title-`);
        // with several badges the count of `-` is uncertain: accept one and
        // as many as there are spaces.
        if text.trim() != text {
            out.insert(slug::github(&text).to_lowercase());
            let one = format!("{} ", text.trim_end());
            out.insert(slug::github(&one).to_lowercase());
        }
        let text = text.trim();
        for (i, s) in [slug::github(text), slug::kramdown(text), slug::mdbook(text)]
            .into_iter()
            .enumerate()
        {
            let s = s.to_lowercase();
            let n = seen[i].entry(s.clone()).or_insert(0);
            if *n > 0 {
                out.insert(format!("{s}-{n}"));
            }
            *n += 1;
            out.insert(s);
        }
    }
    for h in &doc.html {
        html_ids(doc.slice(&h.range), &mut out);
    }
    // kramdown attribute lists anywhere: `{: #id}`, `{:#id .class}`.
    let text = doc.text;
    let mut from = 0;
    while let Some(i) = text[from..].find("{:") {
        let at = from + i + 2;
        from = at;
        let body = text[at..].split('}').next().unwrap_or("");
        if body.contains('\n') {
            continue;
        }
        for word in body.split_whitespace() {
            if let Some(id) = word.strip_prefix('#') {
                out.insert(id.to_lowercase());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Document;

    #[test]
    fn page_anchors() {
        let text = "# Título *uno*\n\n# Awesome [![b](b.svg)](x) [![c](c.svg)](y)\n\n## Tips & Tricks<a name=\"tips\"></a>\n\n## Dup\n\n## Dup\n\n## The `Box<T>` type {#boxes}\n\n<div id='raw'></div>\n\nPara\n{: #para-id}\n";
        let doc = Document::parse(text);
        let a = doc.anchors();
        for want in [
            "awesome-",
            "awesome--",
            "awesome",
            "título-uno",
            "ttulo-uno",
            "tips--tricks",
            "tips",
            "dup",
            "dup-1",
            "boxes",
            "the-boxt-type",
            "raw",
            "para-id",
        ] {
            assert!(a.contains(want), "{want} not in {a:?}");
        }
        assert!(!a.contains("dup-2"));
    }
}
