//! Where a heading's text lies in the source, for rules about headings.

use super::Document;

/// The source range of a heading's text: an ATX heading's line without its
/// opening and closing `#` sequences, a setext heading's last text line
/// (the line above its underline), without trailing whitespace.
pub fn heading_content(
    doc: &Document<'_>,
    range: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let text = doc.text;
    let first = doc.lines.line_of(range.start);
    let line = doc.lines.line_range(text, first);
    let start = range.start.max(line.start);
    let src = text.get(start..line.end)?;
    if src.trim_start().starts_with('#') {
        let s = src.trim_start();
        let lead = src.len() - s.len();
        let after = s.trim_start_matches('#');
        let mut body_start = start + lead + (s.len() - after.len());
        let mut body = after.trim_end();
        // A closing sequence: `#`s preceded by a space (or the whole rest).
        let no_close = body.trim_end_matches('#');
        if no_close.len() < body.len() && (no_close.is_empty() || no_close.ends_with([' ', '\t'])) {
            body = no_close.trim_end();
        }
        let trimmed = body.trim_start();
        body_start += body.len() - trimmed.len();
        Some(body_start..body_start + trimmed.len())
    } else {
        // Setext: the line above the underline.
        let last = doc
            .lines
            .line_of(range.end.saturating_sub(1).max(range.start));
        if last <= first {
            return None;
        }
        let l = doc.lines.line_range(text, last - 1);
        let s = text.get(l.clone())?;
        let t = s.trim_end();
        let lead = t.len() - t.trim_start().len();
        let from = if last - 1 == first {
            start.max(l.start + lead)
        } else {
            l.start + lead
        };
        (from <= l.start + t.len()).then(|| from..l.start + t.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn heading_content_ranges() {
        for (src, want) in [
            ("# Título.\n", "Título."),
            ("## Closed: ##\n", "Closed:"),
            ("#   spaced !  \n", "spaced !"),
            ("Setext heading;\n===\n", "Setext heading;"),
            ("> # Quoted.\n", "Quoted."),
            ("# C#\n", "C#"),
        ] {
            let doc = Document::parse(src);
            let b = doc
                .blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
                .unwrap();
            let r = heading_content(&doc, &b.range).unwrap();
            assert_eq!(&src[r], want, "{src:?}");
        }
    }
}
