//! The document model: a Markdown page parsed once with comrak, reduced to
//! what rules need — prose segments with their context, links, code, HTML
//! and front matter — all as exact byte ranges into the source text.

mod anchors;
mod comments;
mod front_matter;
mod heading;
mod line_index;
mod links;
mod marks;
mod outline;
mod parse;
pub mod protected;
mod references;
pub mod rendering;
mod structure;
pub mod tables;

use std::ops::Range;

pub use anchors::quick_anchors;
pub use comments::{html_comment_text, in_ranges};
pub use front_matter::{
    Entry as FrontMatterEntry, FrontMatter, Kind as FrontMatterKind, ScalarStyle,
    detect as detect_front_matter, mask as mask_front_matter,
};
pub use heading::heading_content;
pub use line_index::LineIndex;
pub use links::normalize_label;
pub use marks::{EmphasisMark, FenceMark, ListMarks, Marks, StyleMismatch};
pub use outline::{BlankGap, Node as OutlineNode, NodeKind, blank_as_markdownlint};
pub use parse::comrak_options;
pub use references::{RefKind, UndefinedReference, undefined_references};
pub use structure::{Shape, check, check_with, signature, structure};

/// A leaf block that carries prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading {
        level: u8,
    },
    TableCell {
        header: bool,
    },
    /// A front-matter scalar; the key is a dotted path (`title`, `author.name`).
    FrontMatter {
        key: String,
    },
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    /// Nesting depth in list items.
    pub list_depth: u16,
    /// Nesting depth in block quotes.
    pub quote_depth: u16,
}

/// Where inside its block a prose segment sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Plain,
    /// The text of link number `n` in [`Document::links`].
    LinkText(u32),
    /// The alt text of image number `n` in [`Document::links`].
    ImageAlt(u32),
}

/// A run of prose: the source bytes of one comrak text node. The bytes may
/// contain backslash escapes and entity references exactly as written.
#[derive(Debug, Clone)]
pub struct Segment {
    pub range: Range<usize>,
    /// Index into [`Document::blocks`].
    pub block: u32,
    pub inline: Inline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest "title")`
    Inline,
    /// `[text][label]`, `[text][]`, `[text]`
    Reference,
    /// `<https://…>`
    Angle,
    /// A bare URL that GFM turns into a link (`https://…`, `www.…`).
    Bare,
    /// A URL written as a front-matter value.
    FrontMatter,
}

#[derive(Debug, Clone)]
pub struct Link {
    pub kind: LinkKind,
    pub image: bool,
    /// The whole link in the source.
    pub range: Range<usize>,
    /// The link text (or image alt) between the brackets; for autolinks the
    /// URL as written.
    pub text: Range<usize>,
    /// The destination as written in the source: in the link itself, or in
    /// its reference definition. `None` for a reference without definition.
    pub dest: Option<Range<usize>>,
    pub title: Option<Range<usize>>,
    /// The destination as the renderer resolves it (entities decoded,
    /// `http://` added to `www.` autolinks).
    pub url: String,
    /// For reference links: the normalized label.
    pub label: Option<String>,
    /// For reference links: index into [`Document::definitions`].
    pub definition: Option<u32>,
    /// The block the link sits in (`u32::MAX` for front matter values with
    /// no block).
    pub block: u32,
}

/// A link reference definition, `[label]: dest "title"`.
#[derive(Debug, Clone)]
pub struct Definition {
    pub label: String,
    pub range: Range<usize>,
    pub dest: Range<usize>,
    pub title: Option<Range<usize>>,
}

/// Code: an inline code span or a code block.
#[derive(Debug, Clone)]
pub struct Code {
    /// The whole construct, delimiters included.
    pub range: Range<usize>,
    /// The code itself.
    pub content: Range<usize>,
    pub block: bool,
    /// First word of a fenced block's info string.
    pub lang: Option<String>,
    /// A block's code as the renderer reads it (containers' prefixes and
    /// indentation removed); empty for a code span.
    pub literal: String,
}

/// Raw HTML, inline or block.
#[derive(Debug, Clone)]
pub struct Html {
    pub range: Range<usize>,
    pub block: bool,
    pub comment: bool,
}

/// A list item: where it is and which list it belongs to.
#[derive(Debug, Clone)]
pub struct ListItem {
    /// Whole lines of the item, nested content included.
    pub range: Range<usize>,
    /// The list it is an item of: lists are numbered in document order.
    pub list: u32,
}

/// A parsed page. Cheap to build (one comrak parse); rules share it.
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    /// Length of a leading byte-order mark (0 or 3).
    pub bom_len: usize,
    pub front_matter: Option<FrontMatter>,
    pub blocks: Vec<Block>,
    pub segments: Vec<Segment>,
    pub links: Vec<Link>,
    pub definitions: Vec<Definition>,
    pub code: Vec<Code>,
    pub html: Vec<Html>,
    /// Hard line breaks (`LineBreak` nodes), including the spaces or
    /// backslash that make them.
    pub hard_breaks: Vec<Range<usize>>,
    /// Byte ranges of whole lines inside code blocks (fences included),
    /// sorted.
    pub code_block_lines: Vec<Range<usize>>,
    /// Byte ranges of raw HTML blocks, sorted.
    pub html_block_ranges: Vec<Range<usize>>,
    /// Whole lines of each top-level block (children of the document), sorted.
    pub top_blocks: Vec<Range<usize>>,
    /// The mojibake scan, computed on first use (ENC001, ENC004 and the
    /// engine's suppression of other findings inside garbled text share it).
    pub(crate) mojibake: std::sync::OnceLock<crate::text::mojibake::Scan>,
    /// List items in document order (an item comes before the items nested
    /// in it).
    pub items: Vec<ListItem>,
    /// Style marks: list markers, emphasis delimiters, fences, breaks.
    pub marks: Marks,
    /// Every block node with its lines and parent, in document order.
    pub outline: Vec<OutlineNode>,
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str) -> Document<'a> {
        parse::parse(text)
    }

    pub fn slice(&self, range: &Range<usize>) -> &'a str {
        &self.text[range.clone()]
    }

    /// Is `offset` inside a code block (fence lines included)?
    pub fn in_code_block(&self, offset: usize) -> bool {
        contains(&self.code_block_lines, offset)
    }

    /// Is `offset` inside the content of a code block (not on a fence line)?
    pub fn in_code_content(&self, offset: usize) -> bool {
        if !self.in_code_block(offset) {
            return false;
        }
        let i = self.code.partition_point(|c| c.range.end <= offset);
        self.code[i..]
            .iter()
            .take_while(|c| c.range.start <= offset)
            .any(|c| c.block && c.content.contains(&offset))
    }

    /// Is `offset` inside an HTML block?
    pub fn in_html_block(&self, offset: usize) -> bool {
        contains(&self.html_block_ranges, offset)
    }

    /// Is `offset` inside the front matter?
    pub fn in_front_matter(&self, offset: usize) -> bool {
        self.front_matter
            .as_ref()
            .is_some_and(|fm| fm.range.contains(&offset))
    }

    /// Segments that belong to titles: headings, link text, image alt text
    /// and the front-matter `title`, `subtitle` and `description` values.
    pub fn block(&self, segment: &Segment) -> &Block {
        &self.blocks[segment.block as usize]
    }

    /// Mojibake and lossy-decode traces in the page's prose and code (never
    /// in URLs or HTML), scanned once.
    pub fn mojibake(&self) -> &crate::text::mojibake::Scan {
        use crate::text::mojibake::{Block, Scan, Span, SpanKind, scan};
        self.mojibake.get_or_init(|| {
            if self.text.is_ascii() {
                return Scan::default();
            }
            let mut spans: Vec<Span> = self
                .segments
                .iter()
                .map(|s| Span {
                    range: s.range.clone(),
                    kind: SpanKind::Prose,
                    block: s.block,
                })
                .collect();
            let base = self.blocks.len() as u32;
            spans.extend(self.code.iter().enumerate().map(|(i, c)| Span {
                range: c.content.clone(),
                kind: SpanKind::Code,
                block: base + i as u32,
            }));
            spans.retain(|s| {
                s.range.start <= s.range.end
                    && self.text.is_char_boundary(s.range.start)
                    && self.text.is_char_boundary(s.range.end)
            });
            spans.sort_by_key(|s| s.range.start);
            // Spans must not overlap (a front-matter value never overlaps
            // the body; keep the first of any pair that would).
            let mut end = 0;
            spans.retain(|s| {
                let keep = s.range.start >= end;
                if keep {
                    end = s.range.end;
                }
                keep
            });
            let blocks: Vec<Block> = self
                .top_blocks
                .iter()
                .map(|r| Block {
                    range: r.clone(),
                    code: self.in_code_block(r.start),
                })
                .collect();
            scan(self.text, &spans, &blocks)
        })
    }

    /// The innermost list item containing `offset`.
    pub fn item_at(&self, offset: usize) -> Option<(usize, &ListItem)> {
        self.items
            .iter()
            .enumerate()
            .rev()
            .find(|(_, it)| it.range.start <= offset && offset < it.range.end)
    }

    /// The anchors a link to this page may name (lowercase): heading slugs
    /// as GitHub, kramdown and mdBook make them, and explicit ids.
    pub fn anchors(&self) -> std::collections::HashSet<String> {
        anchors::anchors(self)
    }

    /// A heading's text as markdownlint reads it for link fragments:
    /// escapes decoded, character references dropped, image alt left out.
    pub fn heading_data(&self, block: &Block) -> String {
        anchors::heading_data(self, block)
    }

    /// The text of a heading as renderers slug it: its prose and code, in
    /// order, escapes and entities decoded, without a trailing `{#id}`.
    pub fn heading_text(&self, block: &Block) -> String {
        anchors::heading_text(self, block).0.trim().to_string()
    }

    /// Is `offset` inside code of any kind?
    pub fn in_code(&self, offset: usize) -> bool {
        if self.in_code_block(offset) {
            return true;
        }
        // `code` is in document order; spans do not nest or overlap.
        let i = self.code.partition_point(|c| c.range.end <= offset);
        self.code[i..]
            .iter()
            .take_while(|c| c.range.start <= offset)
            .any(|c| !c.block && c.range.contains(&offset))
    }
}

fn contains(sorted: &[Range<usize>], offset: usize) -> bool {
    let i = sorted.partition_point(|r| r.end <= offset);
    sorted.get(i).is_some_and(|r| r.start <= offset)
}

#[cfg(test)]
mod tests;
