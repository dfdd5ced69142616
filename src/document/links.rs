//! Reading link syntax back from the source: where the text, destination
//! and title of a link are, and where reference definitions sit. comrak
//! gives the link's resolved URL and its overall span; the exact ranges come
//! from here.

use std::ops::Range;

use super::{Definition, LinkKind};

/// Normalize a reference label as CommonMark matches them: trim, collapse
/// internal whitespace, case-fold.
pub fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for (i, word) in label.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// A label written over several lines of a block quote, without the `>`
/// markers that begin its continuation lines (they are no part of it).
fn without_quote_markers(label: &str) -> std::borrow::Cow<'_, str> {
    if !label.contains('\n') {
        return label.into();
    }
    let mut out = String::with_capacity(label.len());
    for (i, line) in label.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(line.trim_start_matches([' ', '\t', '>']));
        } else {
            out.push_str(line);
        }
    }
    out.into()
}

/// What the source of a link or image says about its parts.
pub struct LinkSyntax {
    pub kind: LinkKind,
    pub text: Range<usize>,
    pub dest: Option<Range<usize>>,
    pub title: Option<Range<usize>>,
    /// Normalized label, for reference links.
    pub label: Option<String>,
}

/// Read the link whose source starts at `start`. `text_hint` is the end of
/// the last child node (the closing `]` is at or after it). `end` is the end
/// of the link's span as comrak reports it.
pub fn read_link(
    text: &str,
    start: usize,
    end: usize,
    text_hint: usize,
    image: bool,
) -> Option<LinkSyntax> {
    let bytes = text.as_bytes();
    let open = if image { start + 1 } else { start };
    match bytes.get(open)? {
        b'[' => {}
        b'<' if !image => {
            let close = text[start..end.min(text.len())].rfind('>')? + start;
            let r = start + 1..close;
            return Some(LinkSyntax {
                kind: LinkKind::Angle,
                text: r.clone(),
                dest: Some(r),
                title: None,
                label: None,
            });
        }
        _ if !image => {
            let r = start..end;
            return Some(LinkSyntax {
                kind: LinkKind::Bare,
                text: r.clone(),
                dest: Some(r),
                title: None,
                label: None,
            });
        }
        _ => return None,
    }
    let text_start = open + 1;
    let close = find_unescaped(text, text_hint.max(text_start), b']')?;
    let text_range = text_start..close;
    match bytes.get(close + 1) {
        Some(b'(') => {
            let (dest, title) = read_inline_tail(text, close + 2)?;
            Some(LinkSyntax {
                kind: LinkKind::Inline,
                text: text_range,
                dest: Some(dest),
                title,
                label: None,
            })
        }
        Some(b'[') if close + 1 < end => {
            let label_close = find_unescaped(text, close + 2, b']')?;
            let label_src = &text[close + 2..label_close];
            let label = if label_src.trim().is_empty() {
                &text[text_range.clone()]
            } else {
                label_src
            };
            Some(LinkSyntax {
                kind: LinkKind::Reference,
                text: text_range,
                dest: None,
                title: None,
                label: Some(normalize_label(&without_quote_markers(label))),
            })
        }
        _ => Some(LinkSyntax {
            kind: LinkKind::Reference,
            label: Some(normalize_label(&without_quote_markers(
                &text[text_range.clone()],
            ))),
            text: text_range,
            dest: None,
            title: None,
        }),
    }
}

fn find_unescaped(text: &str, from: usize, target: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == target => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// After `(`: destination and optional title of an inline link.
fn read_inline_tail(text: &str, from: usize) -> Option<(Range<usize>, Option<Range<usize>>)> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, from);
    let dest;
    if bytes.get(i) == Some(&b'<') {
        let close = find_unescaped(text, i + 1, b'>')?;
        dest = i + 1..close;
        i = close + 1;
    } else {
        let start = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => {
                    i += 2;
                    continue;
                }
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b' ' | b'\t' | b'\n' | b'\r' => break,
                _ => {}
            }
            i += 1;
        }
        dest = start..i.min(bytes.len());
    }
    let j = skip_ws(bytes, i);
    let title = match bytes.get(j) {
        Some(&q @ (b'"' | b'\'' | b'(')) => {
            let closer = if q == b'(' { b')' } else { q };
            let close = find_unescaped(text, j + 1, closer)?;
            Some(j + 1..close)
        }
        _ => None,
    };
    Some((dest, title))
}

/// Find the reference definitions of a document. `skip` holds sorted byte
/// ranges (code blocks, HTML blocks, front matter, and paragraphs whose
/// first line is not a definition) where definitions cannot be.
pub fn find_definitions(text: &str, skip: &[Range<usize>]) -> Vec<Definition> {
    let mut defs = Vec::new();
    if !text.contains("]:") {
        return defs;
    }
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let i = skip.partition_point(|r| r.end <= start);
        if skip.get(i).is_some_and(|r| r.start <= start) {
            continue;
        }
        if let Some(d) = read_definition(text, start, line.trim_end_matches(['\n', '\r'])) {
            defs.push(d);
        }
    }
    defs
}

fn read_definition(text: &str, line_start: usize, line: &str) -> Option<Definition> {
    // Up to three spaces, possibly after block-quote or list markers.
    // Block-quote and list markers, ordered ones included.
    let mut content = line.trim_start_matches([' ', '>', '-', '*', '+']);
    let digits = content.len()
        - content
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits > 0 && content[digits..].starts_with(['.', ')']) {
        content = content[digits + 1..].trim_start_matches(' ');
    }
    let offset = line.len() - content.len();
    if offset > 0 && line[..offset].trim_start_matches(' ').len() == offset {
        // Only blanks: fine when under four spaces.
        if offset > 3 {
            return None;
        }
    }
    let bytes = content.as_bytes();
    if bytes.first() != Some(&b'[') || bytes.get(1) == Some(&b'^') {
        return None;
    }
    let close = find_unescaped(content, 1, b']')?;
    if bytes.get(close + 1) != Some(&b':') || close == 1 {
        return None;
    }
    let label = normalize_label(&content[1..close]);
    if label.is_empty() {
        return None;
    }
    let base = line_start + offset;
    let mut i = close + 2;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= bytes.len() {
        // The destination may start on the next line (`[a]:⏎https://…`).
        return next_line_definition(text, line_start + line.len(), label, base);
    }
    let dest = if bytes[i] == b'<' {
        let c = find_unescaped(content, i + 1, b'>')?;
        let d = i + 1..c;
        i = c + 1;
        d
    } else {
        let s = i;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t') {
            // CommonMark: no ASCII control character in a destination.
            if bytes[i] < 0x20 || bytes[i] == 0x7f {
                return None;
            }
            i += 1;
        }
        s..i
    };
    let mut j = i;
    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
        j += 1;
    }
    let title = match bytes.get(j) {
        None => None,
        Some(&q @ (b'"' | b'\'' | b'(')) if j > i => {
            let closer = if q == b'(' { b')' } else { q };
            let c = find_unescaped(content, j + 1, closer)?;
            if !content[c + 1..].trim().is_empty() {
                return None;
            }
            Some(base + j + 1..base + c)
        }
        Some(_) => return None,
    };
    Some(Definition {
        label,
        range: base..line_start + line.len(),
        dest: base + dest.start..base + dest.end,
        title,
    })
}

/// A definition whose label line ends after `]:`: its destination (and
/// optional title) on the next line, which must hold nothing else.
fn next_line_definition(text: &str, eol: usize, label: String, base: usize) -> Option<Definition> {
    let rest = &text[eol..];
    let nl = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        return None;
    };
    let start = eol + nl;
    let line = text[start..].split(['\n', '\r']).next().unwrap_or("");
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let body = &line[indent..];
    if body.is_empty() || body.starts_with(['"', '\'', '(']) {
        return None;
    }
    let (dest, after) = if let Some(inner) = body.strip_prefix('<') {
        let c = find_unescaped(inner, 0, b'>')?;
        (start + indent + 1..start + indent + 1 + c, &body[c + 2..])
    } else {
        let n = body.find([' ', '\t']).unwrap_or(body.len());
        if body[..n].bytes().any(|b| b < 0x20 || b == 0x7f) {
            return None;
        }
        (start + indent..start + indent + n, &body[n..])
    };
    let t = after.trim_start_matches([' ', '\t']);
    let title = match t.as_bytes().first() {
        None => None,
        Some(&q @ (b'"' | b'\'' | b'(')) if t.len() < after.len() => {
            let closer = if q == b'(' { b')' } else { q };
            let c = find_unescaped(t, 1, closer)?;
            if !t[c + 1..].trim().is_empty() {
                return None;
            }
            let at = start + line.len() - t.len();
            Some(at + 1..at + c)
        }
        Some(_) => return None,
    };
    Some(Definition {
        label,
        range: base..start + line.len(),
        dest,
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_over_quoted_lines() {
        let text = "> [text][quoted multi\n> line label]";
        let s = read_link(text, 2, text.len(), 3, false).unwrap();
        assert_eq!(s.label.as_deref(), Some("quoted multi line label"));
    }

    #[test]
    fn definition_with_destination_on_the_next_line() {
        let text = "[Multi Line]:\n  https://a.b/c 'T'\n[x]:\n\n[y]:\nu v\n";
        let defs = find_definitions(text, &[]);
        assert_eq!(defs.len(), 1);
        assert_eq!(defs[0].label, "multi line");
        assert_eq!(&text[defs[0].dest.clone()], "https://a.b/c");
        assert_eq!(&text[defs[0].title.clone().unwrap()], "T");
        assert_eq!(
            &text[defs[0].range.clone()],
            "[Multi Line]:\n  https://a.b/c 'T'"
        );
    }

    #[test]
    fn definition_parts() {
        let text = "[Foo Bar]: <http://a.b/c> \"T\"\n   [x]: y\n[no]: a b\n";
        let defs = find_definitions(text, &[]);
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].label, "foo bar");
        assert_eq!(&text[defs[0].dest.clone()], "http://a.b/c");
        assert_eq!(&text[defs[0].title.clone().unwrap()], "T");
        assert_eq!(&text[defs[1].dest.clone()], "y");
    }

    #[test]
    fn inline_tail() {
        let text = "[a](<u v> 'w')";
        let s = read_link(text, 0, text.len(), 1, false).unwrap();
        assert_eq!(&text[s.dest.unwrap()], "u v");
        assert_eq!(&text[s.title.unwrap()], "w");
        let text = "[a](http://x.org/a_(b)_c)";
        let s = read_link(text, 0, text.len(), 1, false).unwrap();
        assert_eq!(&text[s.dest.unwrap()], "http://x.org/a_(b)_c");
    }
}
