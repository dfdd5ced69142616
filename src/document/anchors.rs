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

/// A heading's text as markdownlint reads it for fragments (MD051): its
/// text runs (link text included, image alt not) and code, in order, with
/// backslash escapes decoded and character references dropped (they are
/// not "data" in micromark), untrimmed.
pub fn heading_data(doc: &Document<'_>, block: &Block) -> String {
    let mut parts: Vec<(usize, String)> = Vec::new();
    for s in &doc.segments {
        if s.range.start >= block.range.start
            && s.range.end <= block.range.end
            && !matches!(s.inline, Inline::ImageAlt(_))
        {
            parts.push((s.range.start, without_references(doc.slice(&s.range))));
        }
    }
    for c in &doc.code {
        if !c.block && c.range.start >= block.range.start && c.range.end <= block.range.end {
            parts.push((c.content.start, doc.slice(&c.content).trim().to_string()));
        }
    }
    parts.sort_by_key(|p| p.0);
    parts.into_iter().map(|p| p.1).collect()
}

/// `s` with backslash escapes decoded and character references
/// (`&amp;`, `&#233;`) removed.
fn without_references(s: &str) -> String {
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
        let body = &tail[1..];
        let end = body.find(';').filter(|&e| {
            let name = &body[..e];
            (1..=32).contains(&e)
                && (name.strip_prefix('#').is_some_and(|n| {
                    n.strip_prefix(['x', 'X']).map_or_else(
                        || !n.is_empty() && n.len() <= 7 && n.bytes().all(|b| b.is_ascii_digit()),
                        |h| {
                            !h.is_empty()
                                && h.len() <= 6
                                && h.bytes().all(|b| b.is_ascii_hexdigit())
                        },
                    )
                }) || name.starts_with(|c: char| c.is_ascii_alphabetic())
                    && name.bytes().all(|b| b.is_ascii_alphanumeric()))
        });
        match end {
            Some(e) => rest = &body[e + 1..],
            None => {
                out.push('&');
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
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
    if !html.contains('<') {
        return;
    }
    for attr in ["id=", "name=", "ID=", "NAME=", "Id=", "Name="] {
        for at in memchr::memmem::find_iter(html.as_bytes(), attr.as_bytes()) {
            let from = at + attr.len();
            let before = html[..at].chars().next_back();
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

/// The anchors of a page read line by line, without parsing it: for pages
/// that other pages link to, where a full parse would cost as much as
/// linting them again. It errs on the side of more anchors (several
/// spellings of each heading's text), so that a link is never reported
/// for an anchor the page has.
pub fn quick_anchors(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut add = |heading: &str, out: &mut HashSet<String>| {
        let variants = [
            strip_inline(heading, Underscores::Keep),
            strip_inline(heading, Underscores::DropAtEdges),
            strip_inline(heading, Underscores::Drop),
            // Raw: `Result<T, E>` in prose is text, not a tag.
            decode(heading),
        ];
        let mut slugs: Vec<String> = Vec::new();
        for (k, v) in variants.iter().enumerate() {
            if variants[..k].contains(v) {
                continue;
            }
            for s in [
                slug::github(v),
                slug::github(&format!("{} ", v.trim_end())),
                slug::github(v.trim()),
                slug::kramdown(v.trim()),
                slug::mdbook(v.trim()),
            ] {
                let s = s.to_lowercase();
                if !slugs.contains(&s) {
                    slugs.push(s);
                }
            }
        }
        for s in slugs {
            let n = seen.entry(s.clone()).or_insert(0);
            if *n > 0 {
                out.insert(format!("{s}-{n}"));
            }
            *n += 1;
            out.insert(s);
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut fence: Option<&str> = None;
    let mut i = 0;
    // Front matter.
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        i = 1;
        while i < lines.len() && !matches!(lines[i].trim_end(), "---" | "...") {
            i += 1;
        }
        i += 1;
    }
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start_matches([' ', '>']).trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            i += 1;
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            i += 1;
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].is_empty()
            || t[hashes..].starts_with([' ', '\t']) && (1..=6).contains(&hashes)
        {
            let body = t[hashes..].trim();
            let body = body.trim_end_matches('#').trim_end();
            let (body, id) = split_attribute(body);
            if let Some(id) = id {
                out.insert(id);
            }
            add(body, &mut out);
        } else if let Some(next) = lines.get(i + 1) {
            let n = next.trim();
            let underline = !n.is_empty()
                && (n.bytes().all(|b| b == b'=') || n.bytes().all(|b| b == b'-'))
                && next.len() - next.trim_start().len() < 4;
            if underline && !t.trim().is_empty() {
                let (body, id) = split_attribute(t.trim());
                if let Some(id) = id {
                    out.insert(id);
                }
                add(body, &mut out);
            }
        }
        i += 1;
    }
    html_ids(text, &mut out);
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'{', bytes) {
        if !matches!(bytes.get(open + 1), Some(b':' | b'#')) {
            continue;
        }
        let at = open + 1;
        let body = text[at..].split('}').next().unwrap_or("");
        if body.contains('\n') {
            continue;
        }
        for word in body.trim_start_matches(':').split_whitespace() {
            if let Some(id) = word.strip_prefix('#') {
                out.insert(id.to_lowercase());
            }
        }
    }
    out
}

/// Split a trailing `{#id}` attribute off heading text.
fn split_attribute(body: &str) -> (&str, Option<String>) {
    if body.ends_with('}')
        && let Some(open) = body.rfind('{')
    {
        let attr = body[open + 1..body.len() - 1]
            .trim_start_matches(':')
            .trim();
        if let Some(rest) = attr.strip_prefix('#') {
            let id: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            if !id.is_empty() {
                return (body[..open].trim_end(), Some(id.to_lowercase()));
            }
        }
    }
    (body, None)
}

/// What [`strip_inline`] does with `_`: emphasis or a literal (`\_`,
/// `snake_case`) — the source alone does not always say.
#[derive(Clone, Copy, PartialEq)]
enum Underscores {
    Keep,
    DropAtEdges,
    Drop,
}

/// Heading source to text: images dropped, links to their text, HTML tags
/// and code backticks dropped, `*` emphasis dropped, `_` as `underscores`
/// says.
fn strip_inline(s: &str, underscores: Underscores) -> String {
    let s = decode(s);
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            i += 1;
            continue;
        }
        if in_code {
            // Code keeps its text: `Mutex<T>` is no tag.
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => {
                // Image: skip `![alt](…)` or `![alt][…]`.
                let close = chars[i..].iter().position(|&c| c == ']').map(|p| i + p);
                match close {
                    Some(cl) => {
                        i = skip_destination(&chars, cl + 1);
                    }
                    None => i += 1,
                }
            }
            '[' => i += 1,
            ']' => i = skip_destination(&chars, i + 1),
            '<' => match chars[i..].iter().position(|&c| c == '>') {
                Some(p) => i += p + 1,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '*' => i += 1,
            '_' if underscores == Underscores::Drop => i += 1,
            // Emphasis underscores stand at a word's edge; `snake_case`
            // keeps its own.
            '_' if underscores == Underscores::DropAtEdges
                && !(i > 0
                    && chars[i - 1].is_alphanumeric()
                    && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())) =>
            {
                i += 1
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// After a link's `]`: skip `(…)` or `[…]` if there, return the index after.
fn skip_destination(chars: &[char], at: usize) -> usize {
    let close = match chars.get(at) {
        Some('(') => ')',
        Some('[') => ']',
        _ => return at,
    };
    match chars[at..].iter().position(|&c| c == close) {
        Some(p) => at + p + 1,
        None => at,
    }
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

    /// The line-by-line anchors include every anchor of the full parse.
    #[test]
    fn quick_anchors_cover_parsed_anchors() {
        let text = "---\ntitle: x\n---\n# Título *uno*\n\n# Awesome [![b](b.svg)](x) [![c](c.svg)](y)\n\n## Tips & Tricks<a name=\"tips\"></a>\n\n## Dup\n\n## Dup\n\n## The `Box<T>` type {#boxes}\n\nSetext _snake_case_ [link](u)\n---\n\n```\n# not a heading\n```\n\n<div id='raw'></div>\n\nPara\n{: #para-id}\n";
        let full = Document::parse(text).anchors();
        let quick = super::quick_anchors(text);
        for a in &full {
            assert!(quick.contains(a), "{a} missing from {quick:?}");
        }
        assert!(!quick.contains("not-a-heading"));
    }
}
