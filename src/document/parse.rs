//! Building a [`Document`] from one comrak parse.

use std::ops::Range;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{NodeValue, Sourcepos};
use comrak::{Arena, Options, parse_document};

use super::front_matter;
use super::links::{find_definitions, read_link};
use super::marks;
use super::{
    Block, BlockKind, Code, Document, Html, Inline, LineIndex, Link, LinkKind, ListItem, Segment,
};

/// The comrak options pagelint parses with: GFM plus front matter.
pub fn comrak_options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.front_matter_delimiter = Some("---".to_string());
    o
}

pub(super) struct Walker<'t> {
    pub(super) text: &'t str,
    pub(super) lines: LineIndex,
    /// Line shift for inline positions of the current paragraph (comrak
    /// reports them as if leading reference definitions were absent).
    pub(super) line_shift: usize,
}

impl Walker<'_> {
    pub(super) fn range(&self, sp: &Sourcepos, shift: usize) -> Range<usize> {
        let start = self.lines.offset_of(
            self.text,
            sp.start.line + shift,
            self.column(sp.start.line, sp.start.column, shift),
        );
        let end = if sp.end.column == 0 {
            self.lines.line_start(sp.end.line + shift)
        } else {
            let last = self.lines.offset_of(
                self.text,
                sp.end.line + shift,
                self.column(sp.end.line, sp.end.column, shift),
            );
            // The end column points at the last byte of the last character.
            let mut e = last + 1;
            while e < self.text.len() && !self.text.is_char_boundary(e) {
                e += 1;
            }
            e.min(self.text.len())
        };
        start..end.max(start)
    }

    /// The column of an inline position comrak gives on `line` of a
    /// paragraph whose first `shift` lines were reference definitions:
    /// comrak counts it from where the paragraph's text starts on `line`
    /// (a definition's line) instead of on `line + shift`, where it is. Both
    /// lines' indentation is known only outside block quotes and off list
    /// markers; elsewhere the column stays as comrak gives it.
    fn column(&self, line: usize, column: usize, shift: usize) -> usize {
        if shift == 0 {
            return column;
        }
        let lead = |l: usize| -> Option<usize> {
            let r = self.lines.line_range(self.text, l);
            let t = &self.text[r];
            let rest = t.trim_start_matches(' ');
            let b = rest.as_bytes();
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let marker = matches!(b.first(), Some(b'-' | b'*' | b'+'))
                && matches!(b.get(1), None | Some(b' ' | b'\t'))
                || digits > 0 && matches!(b.get(digits), Some(b'.' | b')'));
            (!rest.starts_with(['>', '\t']) && !marker).then_some(t.len() - rest.len())
        };
        match (lead(line), lead(line + shift)) {
            (Some(a), Some(b)) => (column + b).saturating_sub(a).max(1),
            _ => column,
        }
    }

    /// Whole lines from the start line to the end line of `sp`, the last
    /// line's terminator excluded.
    fn line_span(&self, sp: &Sourcepos) -> Range<usize> {
        let start = self.lines.line_start(sp.start.line);
        let end_line = if sp.end.column == 0 {
            sp.end.line.saturating_sub(1).max(sp.start.line)
        } else {
            sp.end.line
        };
        start..self.lines.line_range(self.text, end_line).end.max(start)
    }
}

/// Number of reference-definition lines at the start of a paragraph.
pub(super) fn leading_definition_lines(text: &str, lines: &LineIndex, first_line: usize) -> usize {
    let mut k = 0;
    loop {
        let r = lines.line_range(text, first_line + k);
        if r.is_empty() {
            return k;
        }
        if find_definitions(&text[r.start..r.end], &[]).is_empty() {
            return k;
        }
        k += 1;
    }
}

pub fn parse(text: &str) -> Document<'_> {
    let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let arena = Arena::new();
    let options = comrak_options();
    // Front matter is never Markdown: comrak sees it blanked out.
    let detected = front_matter::detect(text);
    let masked = front_matter::mask(text);
    let root = parse_document(&arena, &masked, &options);
    let mut w = Walker {
        text,
        lines: LineIndex::new(text),
        line_shift: 0,
    };
    let mut doc_blocks: Vec<Block> = Vec::new();
    let mut segments = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let mut code = Vec::new();
    let mut html = Vec::new();
    let mut hard_breaks = Vec::new();
    let mut code_block_lines = Vec::new();
    let mut html_block_ranges = Vec::new();
    let front_matter = detected.map(|(kind, r)| front_matter::parse(text, kind, r));
    // Where definitions cannot be.
    let mut no_defs: Vec<Range<usize>> = front_matter.iter().map(|f| f.range.clone()).collect();

    let mut block_stack: Vec<u32> = Vec::new();
    let mut inline_stack: Vec<Inline> = Vec::new();
    // Links whose text is a URL (autolinks): their text is not prose.
    let mut url_text_depth = 0usize;
    let mut url_link_stack: Vec<bool> = Vec::new();
    let mut list_depth = 0u16;
    let mut quote_depth = 0u16;
    let mut items: Vec<ListItem> = Vec::new();
    let mut list_stack: Vec<u32> = Vec::new();
    let mut lists = 0u32;
    let mut marks = super::Marks::default();

    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => {
                let data = node.data.borrow();
                let sp = data.sourcepos;
                match &data.value {
                    NodeValue::List(nl) => {
                        marks.lists.push(super::ListMarks {
                            ordered: nl.list_type == comrak::nodes::ListType::Ordered,
                            nesting: list_stack.len() as u16,
                            markers: Vec::new(),
                            range: w.line_span(&sp),
                        });
                        list_stack.push(lists);
                        lists += 1;
                    }
                    NodeValue::Item(_) | NodeValue::TaskItem(_) => {
                        if let Some(l) = list_stack
                            .last()
                            .and_then(|&i| marks.lists.get_mut(i as usize))
                            && let Some(m) =
                                marks::list_marker(text, w.range(&sp, 0).start, l.ordered)
                        {
                            l.markers.push(m);
                        }
                        list_depth += 1;
                        let mut range = w.line_span(&sp);
                        range.end = w
                            .lines
                            .line_start(w.lines.line_of(range.end) + 1)
                            .max(range.end);
                        items.push(ListItem {
                            range,
                            list: list_stack.last().copied().unwrap_or(0),
                        });
                    }
                    NodeValue::BlockQuote => quote_depth += 1,
                    NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                        let kind = match &data.value {
                            NodeValue::Heading(h) => BlockKind::Heading { level: h.level },
                            NodeValue::TableCell => BlockKind::TableCell {
                                header: node.parent().is_some_and(|p| {
                                    matches!(p.data.borrow().value, NodeValue::TableRow(true))
                                }),
                            },
                            _ => BlockKind::Paragraph,
                        };
                        let mut range = w.range(&sp, 0);
                        // Paragraphs and setext headings may start with
                        // reference definitions, which comrak keeps in their
                        // span.
                        let setext = matches!(&data.value, NodeValue::Heading(h) if h.setext);
                        if kind == BlockKind::Paragraph || setext {
                            let mut k = leading_definition_lines(text, &w.lines, sp.start.line);
                            // A paragraph is never only definitions (comrak
                            // would not make one): a line that looked like a
                            // definition but is not (`[f]:)`) shifts nothing.
                            if k > 0 && w.lines.line_start(sp.start.line + k) >= range.end {
                                k = 0;
                            }
                            w.line_shift = k;
                            if k > 0 {
                                range.start =
                                    w.lines.line_start(sp.start.line + k).max(range.start);
                            }
                        }
                        no_defs.push(range.clone());
                        block_stack.push(doc_blocks.len() as u32);
                        doc_blocks.push(Block {
                            kind,
                            range,
                            list_depth,
                            quote_depth,
                        });
                    }
                    NodeValue::Text(literal) => {
                        if url_text_depth > 0 {
                            continue;
                        }
                        let Some(&block) = block_stack.last() else {
                            continue;
                        };
                        let range = w.range(&sp, w.line_shift);
                        let src = &text[range.clone()];
                        let trusted = src == literal.as_ref()
                            || src.contains('&')
                            || src.contains('\\')
                            || literal.contains('\u{fffd}');
                        if trusted && !range.is_empty() {
                            let inline = inline_stack.last().copied().unwrap_or(Inline::Plain);
                            segments.push(Segment {
                                range,
                                block,
                                inline,
                            });
                        }
                    }
                    NodeValue::Link(l) | NodeValue::Image(l) => {
                        let image = matches!(data.value, NodeValue::Image(_));
                        let range = w.range(&sp, w.line_shift);
                        let hint = node
                            .last_child()
                            .map(|c| w.range(&c.data.borrow().sourcepos, w.line_shift).end)
                            .unwrap_or(range.start + 1 + image as usize);
                        // Positions after stripped reference definitions can
                        // be off inside containers: a link whose source does
                        // not start like one keeps no ranges.
                        let starts_right = {
                            let src = &text[range.clone()];
                            if image {
                                src.starts_with("![")
                            } else {
                                src.starts_with('[')
                                    || src.starts_with('<')
                                    || l.url.ends_with(src)
                                    || src.starts_with("www.")
                            }
                        };
                        let syntax = if starts_right {
                            read_link(text, range.start, range.end, hint, image)
                        } else {
                            None
                        };
                        let index = links.len() as u32;
                        let is_url_text = matches!(
                            syntax.as_ref().map(|s| s.kind),
                            Some(LinkKind::Angle | LinkKind::Bare)
                        );
                        if is_url_text {
                            url_text_depth += 1;
                        }
                        url_link_stack.push(is_url_text);
                        inline_stack.push(if image {
                            Inline::ImageAlt(index)
                        } else {
                            Inline::LinkText(index)
                        });
                        let block = block_stack.last().copied().unwrap_or(u32::MAX);
                        if let Some(s) = syntax {
                            links.push(Link {
                                kind: s.kind,
                                image,
                                range,
                                text: s.text,
                                dest: s.dest,
                                title: s.title,
                                url: l.url.clone(),
                                label: s.label,
                                definition: None,
                                block,
                            });
                        } else {
                            // Unreadable syntax: keep the link, without parts.
                            links.push(Link {
                                kind: LinkKind::Inline,
                                image,
                                text: range.start..range.start,
                                range,
                                dest: None,
                                title: None,
                                url: l.url.clone(),
                                label: None,
                                definition: None,
                                block,
                            });
                        }
                    }
                    NodeValue::Code(c) => {
                        let range = w.range(&sp, w.line_shift);
                        // Positions after stripped reference definitions can
                        // be off inside containers: keep only a span whose
                        // source really is a code span.
                        let fence = "`".repeat(c.num_backticks);
                        // In a table cell comrak reads `\|` as `|` before
                        // the inline parse: the span ends later in the
                        // source by one byte per escaped pipe.
                        let range = if text[range.clone()].starts_with(&fence)
                            && !text[range.clone()].ends_with(&fence)
                            && c.literal.contains('|')
                        {
                            let extra = text[range.clone()].matches("\\|").count()
                                + c.literal.matches('|').count();
                            let end = (range.end..=range.end + extra)
                                .filter(|&e| text.is_char_boundary(e) && e <= text.len())
                                .find(|&e| {
                                    text[range.start..e].ends_with(&fence)
                                        && !text[e..].starts_with('`')
                                });
                            range.start..end.unwrap_or(range.end)
                        } else {
                            range
                        };
                        let n = c.num_backticks.min(range.len() / 2);
                        let src = &text[range.clone()];
                        if !(src.starts_with(&fence) && src.ends_with(&fence))
                            || range.len() < 2 * n
                        {
                            continue;
                        }
                        code.push(Code {
                            content: range.start + n..range.end - n,
                            range,
                            block: false,
                            lang: None,
                            literal: String::new(),
                        });
                    }
                    NodeValue::CodeBlock(cb) => {
                        let lines_range = w.line_span(&sp);
                        code_block_lines.push(lines_range.clone());
                        no_defs.push(lines_range.clone());
                        let content = if cb.fenced {
                            let start = w.lines.line_start(sp.start.line + 1).min(lines_range.end);
                            let last_line_start =
                                w.lines.line_start(w.lines.line_of(lines_range.end));
                            let last = &text[last_line_start..lines_range.end];
                            let closed = sp.end.line > sp.start.line && {
                                let t = last.trim_start();
                                t.starts_with("```") || t.starts_with("~~~")
                            };
                            start..if closed {
                                last_line_start.max(start)
                            } else {
                                lines_range.end
                            }
                        } else {
                            lines_range.clone()
                        };
                        if !cb.fenced {
                            marks.indented_code.push(lines_range.clone());
                        } else if let Some(f) =
                            marks::fence(text, lines_range.clone(), cb.fence_char)
                        {
                            marks.fences.push(f);
                        }
                        let lang = cb.info.split_whitespace().next().map(str::to_string);
                        code.push(Code {
                            range: lines_range,
                            content,
                            block: true,
                            lang,
                            literal: cb.literal.clone(),
                        });
                    }
                    NodeValue::HtmlBlock(b) => {
                        let r = w.line_span(&sp);
                        html_block_ranges.push(r.clone());
                        no_defs.push(r.clone());
                        html.push(Html {
                            range: r,
                            block: true,
                            comment: b.literal.trim_start().starts_with("<!--"),
                        });
                    }
                    NodeValue::HtmlInline(s) => {
                        html.push(Html {
                            range: w.range(&sp, w.line_shift),
                            block: false,
                            comment: s.starts_with("<!--"),
                        });
                    }
                    NodeValue::LineBreak => hard_breaks.push(w.range(&sp, w.line_shift)),
                    NodeValue::Emph | NodeValue::Strong => {
                        let strong = matches!(data.value, NodeValue::Strong);
                        if let Some(e) = marks::emphasis(text, w.range(&sp, w.line_shift), strong) {
                            marks.emphasis.push(e);
                        }
                    }
                    NodeValue::ThematicBreak => {
                        // From the break's own column: on a list item's
                        // line (`* ---`) the bullet is no part of it.
                        let line = w.line_span(&sp);
                        let start = w.range(&sp, 0).start.clamp(line.start, line.end);
                        marks
                            .breaks
                            .push(marks::thematic_break(text, start..line.end));
                    }
                    NodeValue::Table(_) => {
                        let start = w.range(&sp, 0).start;
                        marks.tables.push(start..w.line_span(&sp).end);
                    }
                    _ => {}
                }
            }
            NodeEdge::End(node) => {
                let data = node.data.borrow();
                match &data.value {
                    NodeValue::List(_) => {
                        list_stack.pop();
                    }
                    NodeValue::Item(_) | NodeValue::TaskItem(_) => list_depth -= 1,
                    NodeValue::BlockQuote => quote_depth -= 1,
                    NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::TableCell => {
                        block_stack.pop();
                        w.line_shift = 0;
                    }
                    NodeValue::Link(_) | NodeValue::Image(_) => {
                        inline_stack.pop();
                        if url_link_stack.pop() == Some(true) {
                            url_text_depth -= 1;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    // Front-matter values: prose blocks, or links when they are URLs.
    if let Some(fm) = &front_matter {
        for e in &fm.entries {
            let value = &text[e.value.clone()];
            if looks_like_url(value) {
                links.push(Link {
                    kind: LinkKind::FrontMatter,
                    image: false,
                    range: e.value.clone(),
                    text: e.value.clone(),
                    dest: Some(e.value.clone()),
                    title: None,
                    url: value.to_string(),
                    label: None,
                    definition: None,
                    block: u32::MAX,
                });
                continue;
            }
            let block = doc_blocks.len() as u32;
            doc_blocks.push(Block {
                kind: BlockKind::FrontMatter { key: e.key.clone() },
                range: e.value.clone(),
                list_depth: 0,
                quote_depth: 0,
            });
            segments.push(Segment {
                range: e.value.clone(),
                block,
                inline: Inline::Plain,
            });
        }
    }

    let outline = super::outline::collect(root, &w);
    let top_blocks: Vec<Range<usize>> = root
        .children()
        .map(|c| w.line_span(&c.data.borrow().sourcepos))
        .collect();
    no_defs.sort_by_key(|r| r.start);
    let definitions = find_definitions(text, &no_defs);
    for link in &mut links {
        if let Some(label) = &link.label
            && let Some(i) = definitions.iter().position(|d| &d.label == label)
        {
            link.definition = Some(i as u32);
            link.dest = Some(definitions[i].dest.clone());
            link.title = definitions[i].title.clone();
        }
    }
    segments.sort_by_key(|s| s.range.start);
    code_block_lines.sort_by_key(|r| r.start);
    code.sort_by_key(|c| c.range.start);
    html_block_ranges.sort_by_key(|r| r.start);

    Document {
        text,
        lines: w.lines,
        bom_len,
        front_matter,
        blocks: doc_blocks,
        segments,
        links,
        definitions,
        code,
        html,
        hard_breaks,
        code_block_lines,
        html_block_ranges,
        top_blocks,
        mojibake: std::sync::OnceLock::new(),
        items,
        marks,
        outline,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))
        && !s.contains(char::is_whitespace)
}
