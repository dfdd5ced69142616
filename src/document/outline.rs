//! The block outline of a page: every block node comrak found (headings,
//! paragraphs, code blocks, lists and items, block quotes, tables, HTML
//! blocks, thematic breaks…) with its lines and its parent, in document
//! order. The blank-line rules (MD022, MD031, MD032, MD058) and the list and
//! block-quote rules read it; collected from the one comrak parse of
//! [`super::parse`], without a second parse.

use comrak::nodes::{AstNode, ListType, NodeValue};

use super::Document;
use super::parse::Walker;

/// What a block node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Heading { level: u8, setext: bool },
    Paragraph,
    CodeBlock { fenced: bool },
    HtmlBlock,
    ThematicBreak,
    List { ordered: bool },
    Item,
    BlockQuote,
    Table,
    TableRow,
    FootnoteDefinition,
    Other,
}

/// A blank line a block lacks ([`Document::missing_blank_lines`]).
#[derive(Debug, Clone)]
pub struct BlankGap {
    /// Before the block's first line (else after its last).
    pub before: bool,
    /// What to report.
    pub range: std::ops::Range<usize>,
    /// Where the blank line goes, and the line (container prefix included).
    pub at: usize,
    pub text: String,
    /// The page renders the same with it (else the fix is only shown).
    pub same: bool,
}

/// One block node.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// First and last line (1-based, inclusive) as comrak reports them.
    pub first_line: usize,
    pub last_line: usize,
    /// Byte offset of the node's first character.
    pub start: usize,
    /// Index of the enclosing block node in [`Document::outline`].
    pub parent: Option<u32>,
}

/// The outline of the tree under `root`.
pub(super) fn collect<'a>(root: &'a AstNode<'a>, w: &Walker<'_>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    let mut stack: Vec<(u32, usize)> = Vec::new(); // (index, depth)
    for (node, depth) in walk(root) {
        let data = node.data.borrow();
        let kind = match &data.value {
            NodeValue::Heading(h) => NodeKind::Heading {
                level: h.level,
                setext: h.setext,
            },
            NodeValue::Paragraph => NodeKind::Paragraph,
            NodeValue::CodeBlock(c) => NodeKind::CodeBlock { fenced: c.fenced },
            NodeValue::HtmlBlock(_) => NodeKind::HtmlBlock,
            NodeValue::ThematicBreak => NodeKind::ThematicBreak,
            NodeValue::List(l) => NodeKind::List {
                ordered: l.list_type == ListType::Ordered,
            },
            NodeValue::Item(_) | NodeValue::TaskItem(_) => NodeKind::Item,
            NodeValue::BlockQuote => NodeKind::BlockQuote,
            NodeValue::Table(_) => NodeKind::Table,
            NodeValue::TableRow(_) => NodeKind::TableRow,
            NodeValue::FootnoteDefinition(_) => NodeKind::FootnoteDefinition,
            NodeValue::FrontMatter(_) | NodeValue::Document => continue,
            _ if data.value.block() => NodeKind::Other,
            _ => continue,
        };
        let sp = data.sourcepos;
        while stack.last().is_some_and(|&(_, d)| d >= depth) {
            stack.pop();
        }
        let last_line = if sp.end.column == 0 {
            sp.end.line.saturating_sub(1).max(sp.start.line)
        } else {
            sp.end.line.max(sp.start.line)
        };
        // An unclosed fence: comrak's end can be past its content; the
        // block ends with its last line of code.
        let last_line = match &data.value {
            NodeValue::CodeBlock(c) if c.fenced && !c.closed => {
                sp.start.line + c.literal.trim_end().lines().count()
            }
            _ => last_line,
        };
        let start = w.lines.offset_of(w.text, sp.start.line, sp.start.column);
        stack.push((out.len() as u32, depth));
        out.push(Node {
            kind,
            first_line: sp.start.line,
            last_line,
            start,
            parent: stack.iter().rev().nth(1).map(|&(i, _)| i),
        });
    }
    // A container ends no earlier than its children (comrak's end of an
    // item that ends with an unclosed fence is the fence's first line).
    for i in (0..out.len()).rev() {
        if let Some(p) = out[i].parent {
            let last = out[i].last_line;
            let p = &mut out[p as usize];
            p.last_line = p.last_line.max(last);
        }
    }
    out
}

/// Block descendants of `root` in document order with their depth (inline
/// nodes are not entered).
fn walk<'a>(root: &'a AstNode<'a>) -> Vec<(&'a AstNode<'a>, usize)> {
    let mut out = Vec::new();
    let mut todo = vec![(root, 0usize)];
    while let Some((n, d)) = todo.pop() {
        out.push((n, d));
        let children: Vec<_> = n
            .children()
            .filter(|c| c.data.borrow().value.block())
            .collect();
        for c in children.into_iter().rev() {
            todo.push((c, d + 1));
        }
    }
    out
}

impl Document<'_> {
    /// The text of 1-based `line`, without its terminator (`""` outside
    /// the text).
    pub fn line_text(&self, line: usize) -> &str {
        if line == 0 || line > self.lines.line_count() {
            return "";
        }
        &self.text[self.lines.line_range(self.text, line)]
    }

    /// Is 1-based `line` blank as markdownlint sees it: absent (before the
    /// first or after the last line, or in the front matter), empty,
    /// whitespace, or only block-quote markers and HTML comments?
    pub fn is_blank_line(&self, line: usize) -> bool {
        if line == 0 || line > self.lines.line_count() {
            return true;
        }
        let r = self.lines.line_range(self.text, line);
        if self.in_front_matter(r.start) {
            return true;
        }
        blank_as_markdownlint(&self.text[r])
    }

    /// The line of the front matter that matches `pattern` (a regular
    /// expression, any case: markdownlint's `front_matter_title`), if any;
    /// `""` matches nothing. An invalid pattern matches nothing.
    pub fn front_matter_title_line(&self, pattern: &str) -> Option<usize> {
        let fm = self.front_matter.as_ref()?;
        if pattern.is_empty() {
            return None;
        }
        let re = regex::RegexBuilder::new(pattern)
            .case_insensitive(true)
            .build()
            .ok()?;
        let first = self.lines.line_of(fm.range.start);
        self.text[fm.range.clone()]
            .lines()
            .position(|l| re.is_match(l))
            .map(|i| first + i)
    }

    /// Is the HTML block `n` one comment (markdownlint's
    /// `isHtmlFlowComment`)?
    pub fn is_comment_block(&self, n: &Node) -> bool {
        if n.kind != NodeKind::HtmlBlock {
            return false;
        }
        let t = self.text[self.node_lines(n)].trim();
        let Some(inner) = t.strip_prefix("<!--").and_then(|s| s.strip_suffix("-->")) else {
            return false;
        };
        !inner.starts_with('>') && !inner.starts_with("->") && !inner.ends_with('-')
    }

    /// The bytes of a node's whole lines, the last line's terminator
    /// excluded.
    pub fn node_lines(&self, n: &Node) -> std::ops::Range<usize> {
        let start = self.lines.line_start(n.first_line);
        start..self.lines.line_range(self.text, n.last_line).end.max(start)
    }

    /// The ancestors of outline node `i`, innermost first.
    pub fn outline_ancestors(&self, i: usize) -> impl Iterator<Item = &Node> {
        let mut next = self.outline.get(i).and_then(|n| n.parent);
        std::iter::from_fn(move || {
            let n = &self.outline[next? as usize];
            next = n.parent;
            Some(n)
        })
    }

    /// What a blank line inserted beside the line of `offset` must start
    /// with to stay in the same containers: the `>` markers before
    /// `offset` on its line, list indentation kept as spaces, nothing
    /// trailing (`>` for a block quote, `  >` in a list item's quote).
    pub fn container_prefix(&self, offset: usize) -> String {
        let start = self.lines.line_start(self.lines.line_of(offset));
        let before = self.text.get(start..offset).unwrap_or("");
        let s: String = before
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        if s.contains('>') {
            s.trim_end().to_string()
        } else {
            String::new()
        }
    }
}

impl Document<'_> {
    /// The line terminator the page uses around 1-based `line` (`\r\n` or
    /// `\n`).
    pub fn newline_near(&self, line: usize) -> &'static str {
        let l = line.clamp(1, self.lines.line_count().max(1));
        let end = self.lines.line_range(self.text, l).end;
        let crlf = self.text[end..].starts_with("\r\n")
            || (l > 1 && self.text[..self.lines.line_start(l)].ends_with("\r\n"));
        if crlf { "\r\n" } else { "\n" }
    }

    /// The blank lines a block lacks around it (markdownlint's MD031,
    /// MD032, MD058): one gap when the line before its first line is not
    /// blank, one when the line after its last line with content is not
    /// (comrak's end may take in blank lines). Each gap has the range to
    /// report (the block's first line from the block's start, or its last
    /// line after container marks) and the blank line to insert there.
    pub fn missing_blank_lines(&self, n: &Node) -> Vec<BlankGap> {
        let mut gaps = Vec::new();
        let prefix = self.container_prefix(n.start);
        if !self.is_blank_line(n.first_line - 1) {
            let line = self.lines.line_range(self.text, n.first_line);
            let (at, text, same) = self.blank_lines_at(n.first_line, &prefix, 1);
            gaps.push(BlankGap {
                before: true,
                range: n.start.max(line.start)..line.end.max(n.start),
                at,
                text,
                same,
            });
        }
        let mut last = n.last_line;
        while last > n.first_line && self.is_blank_line(last) {
            last -= 1;
        }
        if !self.is_blank_line(last) && !self.is_blank_line(last + 1) {
            let line = self.lines.line_range(self.text, last);
            let s = &self.text[line.clone()];
            let from = line.start + (s.len() - s.trim_start_matches([' ', '>', '\t']).len());
            let (at, text, same) = self.blank_lines_at(last + 1, &prefix, 1);
            gaps.push(BlankGap {
                before: false,
                range: from..line.end.max(from),
                at,
                text,
                same,
            });
        }
        gaps
    }

    /// `count` blank lines, each `prefix` and a line terminator, to insert
    /// at the start of 1-based `line` (after the last line when `line` is
    /// past it): the offset, the text, and whether the page renders the
    /// same with them (the blocks around checked with comrak).
    pub fn blank_lines_at(&self, line: usize, prefix: &str, count: usize) -> (usize, String, bool) {
        let nl = self.newline_near(line.saturating_sub(1).max(1));
        let mut at = self.lines.line_start(line);
        let mut text = String::new();
        if line > self.lines.line_count() && !self.text.is_empty() && !self.text.ends_with('\n') {
            at = self.text.len();
            text.push_str(nl);
        }
        for _ in 0..count {
            text.push_str(prefix);
            text.push_str(nl);
        }
        let same = self.edit_keeps_page(at..at, &text);
        (at, text, same)
    }
}

/// markdownlint's `isBlankLine`: whitespace, `>` markers and HTML comments
/// only (an unclosed comment's start or an unopened comment's end counts).
pub fn blank_as_markdownlint(line: &str) -> bool {
    if line.trim().is_empty() {
        return true;
    }
    let mut s = line.to_string();
    loop {
        let start = s.find("<!--");
        let end = s.find("-->");
        match (start, end) {
            (_, Some(e)) if start.is_none_or(|st| e < st) => s = s[e + 3..].to_string(),
            (Some(st), Some(e)) => s = format!("{}{}", &s[..st], &s[e + 3..]),
            (Some(st), None) => s.truncate(st),
            _ => break,
        }
    }
    s.chars().all(|c| c == '>' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_has_parents_and_lines() {
        let text = "# T\n\n> - a\n>   ```\n>   x\n>   ```\n\n| a |\n|---|\n| b |\n";
        let doc = Document::parse(text);
        let kinds: Vec<NodeKind> = doc.outline.iter().map(|n| n.kind).collect();
        assert_eq!(
            kinds[0],
            NodeKind::Heading {
                level: 1,
                setext: false
            }
        );
        let fence = doc
            .outline
            .iter()
            .position(|n| n.kind == NodeKind::CodeBlock { fenced: true })
            .unwrap();
        assert_eq!(
            (doc.outline[fence].first_line, doc.outline[fence].last_line),
            (4, 6)
        );
        let up: Vec<NodeKind> = doc.outline_ancestors(fence).map(|n| n.kind).collect();
        assert_eq!(
            up,
            vec![
                NodeKind::Item,
                NodeKind::List { ordered: false },
                NodeKind::BlockQuote
            ]
        );
        assert_eq!(doc.container_prefix(doc.outline[fence].start), ">");
        let table = doc
            .outline
            .iter()
            .find(|n| n.kind == NodeKind::Table)
            .unwrap();
        assert_eq!((table.first_line, table.last_line), (8, 10));
    }

    #[test]
    fn blank_lines_as_markdownlint_reads_them() {
        assert!(blank_as_markdownlint(""));
        assert!(blank_as_markdownlint(" > > "));
        assert!(blank_as_markdownlint("<!-- c -->"));
        assert!(blank_as_markdownlint("> <!-- open"));
        assert!(blank_as_markdownlint("end -->"));
        assert!(!blank_as_markdownlint("a <!-- c -->"));
        assert!(!blank_as_markdownlint("text"));
    }
}
