//! The structure of a page, and the guard of the fix loop (SPEC §5): after
//! fixes, the page parsed again must have the same block structure and the
//! same number of links, and every top-level block that no edit touched
//! must render to the same HTML. Rules use the same check, on the blocks
//! around one edit, before they offer a fix whose effect depends on context.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, format_html, parse_document};

use super::parse::comrak_options;
use super::{LineIndex, normalize_label};

/// Local checks on larger excerpts are left to the fix loop's guard (which
/// checks the whole page once per pass), so that a page of one huge block
/// stays linear.
const MAX_EXCERPT: usize = 64 * 1024;

/// Block signatures and link count of a parsed tree.
pub fn signature<'a>(root: &'a AstNode<'a>) -> (Vec<String>, usize) {
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
    (blocks, links)
}

/// Signature of a text.
pub fn structure(text: &str) -> (Vec<String>, usize) {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &comrak_options());
    signature(root)
}

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
    /// The block signatures (depth and kind of every block node).
    pub fn blocks(&self) -> &[String] {
        &self.blocks
    }

    pub fn link_count(&self) -> usize {
        self.links
    }

    pub fn of(text: &str) -> Shape {
        let arena = Arena::new();
        let options = comrak_options();
        let root = parse_document(&arena, text, &options);
        let lines = LineIndex::new(text);
        let (blocks, links) = signature(root);
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
fn edited_labels(old_text: &str, edits: &[Range<usize>]) -> Vec<String> {
    let defs = super::Document::parse(old_text).definitions;
    defs.iter()
        .filter(|d| edits.iter().any(|e| touches(&d.range, e)))
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
    edits: &[Range<usize>],
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
        if old_html == new_html || edits.iter().any(|e| touches(range, e)) {
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

impl super::Document<'_> {
    /// Would replacing `range` with `replacement` keep the structure of the
    /// lines around it? Rules call this before offering a fix whose effect
    /// on Markdown syntax depends on context; it parses only the top-level
    /// blocks the edit touches.
    pub fn edit_keeps_structure(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, at) = self.excerpts(range.clone(), replacement);
        if before.len() > MAX_EXCERPT {
            // A giant block: leave it to the fix loop's guard.
            return true;
        }
        // A reference definition that appears or vanishes changes links
        // anywhere in the page.
        let defs = |t: &str| super::links::find_definitions(t, &[]).len();
        let edited = at..at + (range.end - range.start);
        defs(&before) == defs(&after)
            && check(&before, &Shape::of(&before), &after, &[edited]).is_ok()
    }

    /// Would the edit leave the rendered HTML of the blocks around it
    /// exactly as it is? For fixes that should change nothing a reader sees
    /// (removing blank lines).
    pub fn edit_keeps_rendering(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, _) = self.excerpts(range, replacement);
        if before.len() > MAX_EXCERPT {
            return true;
        }
        let options = comrak_options();
        comrak::markdown_to_html(&before, &options) == comrak::markdown_to_html(&after, &options)
    }

    /// The top-level blocks around an edit, before and after it, and where
    /// the edit starts in the excerpt.
    fn excerpts(
        &self,
        range: std::ops::Range<usize>,
        replacement: &str,
    ) -> (String, String, usize) {
        // The lines of the edit, widened to the top-level blocks around it
        // (a list with all its items, a block quote…).
        let mut start = self.lines.line_start(self.lines.line_of(range.start));
        let mut end = self
            .lines
            .line_range(self.text, self.lines.line_of(range.end))
            .end;
        // The top-level blocks the edit is in, plus one on each side: an
        // edit can join a line to the block before it (a list item's lazy
        // continuation) or the block after it.
        let tb = &self.top_blocks;
        if !tb.is_empty() {
            let first = tb
                .iter()
                .rposition(|b| b.start <= start)
                .unwrap_or(0)
                .saturating_sub(1);
            let last = (tb.iter().position(|b| b.end >= end).unwrap_or(tb.len() - 1) + 1)
                .min(tb.len() - 1);
            start = start.min(tb[first].start);
            end = end.max(tb[last].end);
        }
        // Out to blank lines on both sides: an HTML block or a paragraph the
        // edit starts or ends can swallow the lines up to the next blank one.
        let mut line = self.lines.line_of(start);
        while line > 1
            && !self.text[self.lines.line_range(self.text, line - 1)]
                .trim()
                .is_empty()
        {
            line -= 1;
        }
        start = start.min(self.lines.line_start(line));
        let mut line = self.lines.line_of(end);
        let last_line = self.lines.line_count();
        while line < last_line
            && !self.text[self.lines.line_range(self.text, line + 1)]
                .trim()
                .is_empty()
        {
            line += 1;
        }
        end = end.max(self.lines.line_range(self.text, line).end);
        // Whole lines, terminators included (an empty list item `1.` needs
        // its newline to be one).
        let end_line = self.lines.line_of(end);
        end = end.max(self.lines.line_start(end_line + 1).min(self.text.len()));
        // A page that starts with `---` may get a front matter, or a longer
        // one, from an edit that makes a line `---` further down (comrak
        // ends a front matter at a `---` line of the page's line ending).
        let edit_line = self
            .lines
            .line_range(self.text, self.lines.line_of(range.start));
        let edited = format!(
            "{}{}{}",
            &self.text[edit_line.start..range.start.max(edit_line.start)],
            replacement,
            &self.text[range.end.min(edit_line.end).max(range.start)..edit_line.end]
        );
        let makes_delimiter = matches!(edited.trim_end(), "---" | "...");
        // Without a front matter, only an edit of the first line (or one
        // that makes a delimiter) can make one: other excerpts stay local,
        // or every edit of a page with an unclosed `---` renders the page
        // from its start (quadratic).
        let first_line_end = self.lines.line_start(2);
        if self.text[self.bom_len..].starts_with("---")
            && ((self.front_matter.is_none() && range.start < first_line_end) || makes_delimiter)
        {
            start = 0;
        }
        // Inside the page, a leading blank line keeps the parser from
        // taking a leading U+FEFF of the excerpt for a byte-order mark; at
        // the start of the page it must.
        let lead = if start > 0 { "\n" } else { "" };
        let mut before = format!("{lead}{}", &self.text[start..end]);
        let mut after = String::with_capacity(before.len());
        after.push_str(lead);
        after.push_str(&self.text[start..range.start]);
        after.push_str(replacement);
        after.push_str(&self.text[range.end..end]);
        // The page's reference definitions, so that `[ref]` links resolve:
        // before the excerpt, or after it when the excerpt is the start of
        // the page (which must stay the start: byte-order mark, front
        // matter) — then the excerpt does not reach the end of the page.
        let mut defs = String::new();
        for d in &self.definitions {
            if d.range.start >= end || d.range.end <= start {
                defs.push_str(&self.text[d.range.clone()]);
                defs.push('\n');
            }
        }
        let mut shift = 0;
        if !defs.is_empty() {
            if start > 0 {
                defs.push('\n');
                before.insert_str(0, &defs);
                after.insert_str(0, &defs);
                shift = defs.len();
            } else {
                before.push_str("\n\n");
                before.push_str(&defs);
                after.push_str("\n\n");
                after.push_str(&defs);
            }
        }
        let at = shift + lead.len() + range.start - start;
        (before, after, at)
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn guard(old: &str, edit: Range<usize>, content: &str) -> Result<(), String> {
        let new = format!("{}{}{}", &old[..edit.start], content, &old[edit.end..]);
        check(old, &Shape::of(old), &new, &[edit])
    }

    #[test]
    fn trailing_space_removal_passes() {
        assert!(guard("# T\n\npara  \n", 10..12, "").is_ok());
    }

    #[test]
    fn heading_loss_fails() {
        let err = guard("# T\n\npara\n", 0..2, "").unwrap_err();
        assert!(err.contains("block structure"), "{err}");
    }

    #[test]
    fn far_change_fails() {
        // A change to a block no edit touched is refused.
        let old = "a\n\nb\n";
        let err = check(old, &Shape::of(old), "x\n\nc\n", &[0..1]).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn editing_a_definition_may_change_its_users() {
        let old = "see [x]\n\n[x]: http://a.org\n";
        assert!(guard(old, 13..24, "https://a.org").is_ok());
    }

    #[test]
    fn local_checks_see_the_context() {
        // Removing the invisible character would pull the line into the
        // indented code block above.
        let text = "    code\n\u{200b}    more\ntext\n";
        let doc = super::super::Document::parse(text);
        assert!(!doc.edit_keeps_structure(9..12, ""));
        // An empty list item needs its newline.
        let text = "\u{202e}1. \n";
        let doc = super::super::Document::parse(text);
        assert!(!doc.edit_keeps_structure(0..3, ""));
        let text = "a\u{200b}b\n";
        let doc = super::super::Document::parse(text);
        assert!(doc.edit_keeps_structure(1..4, ""));
    }
}
