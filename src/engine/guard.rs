//! The structural guard of the fix loop (SPEC §5): after fixes, the page
//! parsed again must have the same block structure and the same number of
//! links, and every top-level block that no edit touched must render to the
//! same HTML.

use std::ops::Range;

use comrak::nodes::NodeValue;
use comrak::{Arena, format_html, parse_document};

use crate::diagnostic::Edit;
use crate::document::{LineIndex, comrak_options, normalize_label};

/// What the guard compares.
pub struct Shape {
    /// One signature per block node, in document order.
    blocks: Vec<String>,
    links: usize,
    /// Top-level blocks: source range, rendered HTML, and the reference
    /// labels their links use.
    top: Vec<(Range<usize>, String, Vec<String>)>,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let arena = Arena::new();
        let options = comrak_options();
        let root = parse_document(&arena, text, &options);
        let lines = LineIndex::new(text);
        let mut blocks = Vec::new();
        let mut links = 0;
        for node in root.descendants() {
            let data = node.data.borrow();
            let sig = match &data.value {
                NodeValue::Link(_) | NodeValue::Image(_) => {
                    links += 1;
                    continue;
                }
                NodeValue::Heading(h) => format!("h{}", h.level),
                NodeValue::List(l) => format!("list:{:?}:{}", l.list_type, l.tight),
                NodeValue::Item(_) => "item".to_string(),
                NodeValue::CodeBlock(c) => format!("code:{}", c.fenced),
                NodeValue::HtmlBlock(_) => "html".to_string(),
                NodeValue::Paragraph => "p".to_string(),
                NodeValue::BlockQuote => "quote".to_string(),
                NodeValue::ThematicBreak => "hr".to_string(),
                NodeValue::Table(t) => format!("table:{}", t.num_columns),
                NodeValue::TableRow(h) => format!("tr:{h}"),
                NodeValue::TableCell => "td".to_string(),
                NodeValue::FrontMatter(_) => "front-matter".to_string(),
                NodeValue::FootnoteDefinition(_) => "footnote".to_string(),
                _ => continue,
            };
            let depth = node.ancestors().count();
            blocks.push(format!("{depth}:{sig}"));
        }
        let mut top = Vec::new();
        for child in root.children() {
            let sp = child.data.borrow().sourcepos;
            let start = lines.line_start(sp.start.line);
            let end = lines.line_range(text, sp.end.line.max(sp.start.line)).end;
            let mut html = String::new();
            let _ = format_html(child, &options, &mut html);
            let mut labels = Vec::new();
            for n in child.descendants() {
                if matches!(
                    n.data.borrow().value,
                    NodeValue::Link(_) | NodeValue::Image(_)
                ) {
                    let nsp = n.data.borrow().sourcepos;
                    let s = lines.offset_of(text, nsp.start.line, nsp.start.column);
                    let e = lines.offset_of(text, nsp.end.line, nsp.end.column + 1);
                    if let Some(src) = text.get(s..e.max(s))
                        && !src.ends_with(')')
                    {
                        // A reference link: remember its label (the text
                        // of the last brackets).
                        let inner = src.trim_end_matches(']');
                        let label = inner.rsplit('[').next().unwrap_or("");
                        labels.push(normalize_label(label));
                    }
                }
            }
            top.push((start..end, html, labels));
        }
        Shape { blocks, links, top }
    }
}

/// Reference labels whose definitions the edits touch.
fn edited_labels(old_text: &str, edits: &[&Edit]) -> Vec<String> {
    let defs = crate::document::Document::parse(old_text).definitions;
    defs.iter()
        .filter(|d| edits.iter().any(|e| touches(&d.range, &e.range)))
        .map(|d| d.label.clone())
        .collect()
}

fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    b.start <= a.end && a.start <= b.end
}

/// Check that going from `old` (with shape `old_shape`) to `new` through
/// `edits` (ranges in `old`) keeps the structure. `Err` says what changed.
pub fn check(
    old_text: &str,
    old_shape: &Shape,
    new_text: &str,
    edits: &[&Edit],
) -> Result<(), String> {
    let new_shape = Shape::of(new_text);
    if old_shape.blocks != new_shape.blocks {
        let i = old_shape
            .blocks
            .iter()
            .zip(&new_shape.blocks)
            .position(|(a, b)| a != b)
            .unwrap_or(old_shape.blocks.len().min(new_shape.blocks.len()));
        return Err(format!(
            "the block structure changed (block {}: {} became {})",
            i + 1,
            old_shape.blocks.get(i).map_or("nothing", String::as_str),
            new_shape.blocks.get(i).map_or("nothing", String::as_str)
        ));
    }
    if old_shape.links != new_shape.links {
        return Err(format!(
            "the number of links changed from {} to {}",
            old_shape.links, new_shape.links
        ));
    }
    if old_shape.top.len() != new_shape.top.len() {
        return Err("the number of top-level blocks changed".to_string());
    }
    let mut labels: Option<Vec<String>> = None;
    for ((range, old_html, used), (_, new_html, _)) in old_shape.top.iter().zip(&new_shape.top) {
        if old_html == new_html || edits.iter().any(|e| touches(range, &e.range)) {
            continue;
        }
        let labels = labels.get_or_insert_with(|| edited_labels(old_text, edits));
        if used.iter().any(|l| labels.contains(l)) {
            continue;
        }
        let line = LineIndex::new(old_text).line_of(range.start);
        return Err(format!(
            "the rendered HTML of the block at line {line} changed, outside the edited text"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(old: &str, edits: &[Edit]) -> Result<(), String> {
        let refs: Vec<&Edit> = edits.iter().collect();
        let new = crate::diagnostic::apply_edits(old, &refs);
        check(old, &Shape::of(old), &new, &refs)
    }

    #[test]
    fn trailing_space_removal_passes() {
        assert!(guard("# T\n\npara  \n", &[Edit::delete(10..12)]).is_ok());
    }

    #[test]
    fn heading_loss_fails() {
        let err = guard("# T\n\npara\n", &[Edit::delete(0..2)]).unwrap_err();
        assert!(err.contains("block structure"), "{err}");
    }

    #[test]
    fn far_change_fails() {
        // A change to a block no edit touched is refused.
        let old = "a\n\nb\n";
        let edit = Edit::replace(0..1, "x");
        let err = check(old, &Shape::of(old), "x\n\nc\n", &[&edit]).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn editing_a_definition_may_change_its_users() {
        let old = "see [x]\n\n[x]: http://a.org\n";
        assert!(guard(old, &[Edit::replace(13..24, "https://a.org")]).is_ok());
    }
}
