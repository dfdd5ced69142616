//! Reference links and images whose label has no definition
//! (`[text][missing]`, `[missing][]`, `[missing]`). The main parse does
//! not see them (comrak renders them as text); this second parse, made
//! only for the rules that ask, resolves every broken reference to a
//! marker so that comrak reports where it is.

use std::ops::Range;
use std::sync::Arc;

use comrak::nodes::{NodeValue, Sourcepos};
use comrak::{Arena, parse_document};

use super::LineIndex;
use super::parse::{Walker, comrak_options, leading_definition_lines};

/// How a reference names its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `[text][label]`
    Full,
    /// `[label][]`
    Collapsed,
    /// `[label]`
    Shortcut,
}

/// A reference link or image whose label is not defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndefinedReference {
    pub kind: RefKind,
    pub image: bool,
    /// The whole reference in the source.
    pub range: Range<usize>,
    /// The label as written, between its brackets.
    pub label: Range<usize>,
}

/// A URL no page contains: the destination given to broken references.
const MARKER: &str = "\u{0}undefined-reference";

/// Every reference of `text` whose label has no definition, in document
/// order. Cheap when the page has no `[`.
pub fn undefined_references(text: &str) -> Vec<UndefinedReference> {
    let mut out = Vec::new();
    if !text.contains('[') {
        return out;
    }
    let mut options = comrak_options();
    options.parse.broken_link_callback =
        Some(Arc::new(|_: comrak::options::BrokenLinkReference| {
            Some(comrak::ResolvedReference {
                url: MARKER.to_string(),
                title: String::new(),
            })
        }));
    let masked = super::front_matter::mask(text);
    let arena = Arena::new();
    let root = parse_document(&arena, &masked, &options);
    let mut w = Walker {
        text,
        lines: LineIndex::new(text),
        line_shift: 0,
    };
    for node in root.descendants() {
        let data = node.data.borrow();
        let sp: Sourcepos = data.sourcepos;
        match &data.value {
            NodeValue::Paragraph => {
                let mut k = leading_definition_lines(text, &w.lines, sp.start.line);
                let range = w.range(&sp, 0);
                if k > 0 && w.lines.line_start(sp.start.line + k) >= range.end {
                    k = 0;
                }
                w.line_shift = k;
            }
            NodeValue::Heading(_) | NodeValue::TableCell => w.line_shift = 0,
            NodeValue::Link(l) | NodeValue::Image(l) if l.url == MARKER => {
                let image = matches!(data.value, NodeValue::Image(_));
                let range = w.range(&sp, w.line_shift);
                if let Some(r) = read(text, range, image) {
                    out.push(r);
                }
            }
            _ => {}
        }
    }
    out
}

/// The parts of a reference whose source is `range`.
fn read(text: &str, range: Range<usize>, image: bool) -> Option<UndefinedReference> {
    let src = text.get(range.clone())?;
    let open = usize::from(image);
    if !src[open..].starts_with('[') || !src.ends_with(']') {
        return None;
    }
    let last_open = |s: &str| {
        s.char_indices()
            .rev()
            .find(|&(i, c)| c == '[' && !s[..i].ends_with('\\'))
            .map(|(i, _)| i)
    };
    let (kind, label) = if src.ends_with("][]") && src.len() >= open + 4 {
        (RefKind::Collapsed, open + 1..src.len() - 3)
    } else {
        let body = &src[..src.len() - 1];
        let i = last_open(body)?;
        if i > open && src[..i].ends_with(']') {
            (RefKind::Full, i + 1..src.len() - 1)
        } else {
            (RefKind::Shortcut, open + 1..src.len() - 1)
        }
    };
    // A label has no unescaped bracket: `[![alt][def]]` is brackets around
    // an image, not a reference.
    let l = &src[label.clone()];
    if l.char_indices()
        .any(|(i, c)| matches!(c, '[' | ']') && !l[..i].ends_with('\\'))
    {
        return None;
    }
    Some(UndefinedReference {
        kind,
        image,
        label: range.start + label.start..range.start + label.end,
        range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(RefKind, &str, &str)> {
        undefined_references(text)
            .into_iter()
            .map(|r| (r.kind, &text[r.range], &text[r.label]))
            .collect()
    }

    #[test]
    fn finds_undefined_references() {
        let text =
            "A [text][missing] b [hidden][] c [short] d ![alt][img].\n\n[ok]: /x\n\n[ok] [t][ok]\n";
        assert_eq!(
            refs(text),
            vec![
                (RefKind::Full, "[text][missing]", "missing"),
                (RefKind::Collapsed, "[hidden][]", "hidden"),
                (RefKind::Shortcut, "[short]", "short"),
                (RefKind::Full, "![alt][img]", "img"),
            ]
        );
    }

    #[test]
    fn positions_after_leading_definitions_and_in_quotes() {
        let text = "[ok]: /x\nText [a][missing]\n\n> Quote [b][gone]\n";
        assert_eq!(
            refs(text),
            vec![
                (RefKind::Full, "[a][missing]", "missing"),
                (RefKind::Full, "[b][gone]", "gone"),
            ]
        );
    }

    #[test]
    fn nothing_in_code_or_for_defined_labels() {
        assert!(refs("`[a][b]`\n\n    [c][d]\n").is_empty());
        assert!(refs("[a][b]\n\n[b]: /x\n").is_empty());
        assert!(refs("[![t][u]]\n\n[u]: /x\n").is_empty());
    }
}
